"""Step 4 of reading a saved page: slides from the blocks of its story.

Prose before the first photo is the introduction; prose after a photo belongs to it until the next
one. A heading is its photo's title in a listicle (numbered headings, their numbers dropped, or a
heading before nearly every photo), or when the photo has no caption of its own and nothing stands
between them; otherwise it stays text. A caption is the slide's first text (a long one's first
sentence its title).
"""

from __future__ import annotations

from itertools import pairwise

from viewer.importer.page_blocks import LIST_NUMBER, Block
from viewer.importer.page_pictures import is_file_name
from viewer.importer.page_types import Page, PageSlide


def _caption_title(caption: str) -> tuple[str, list[str]]:
    """A caption as a slide's title and paragraphs: whole when short; a long one's first sentence
    as the title, the rest under it (no word lost)."""
    words = caption.split()
    if len(words) <= 20:
        return caption, []
    for index, word in enumerate(words[3:30], start=3):
        following = words[index + 1] if index + 1 < len(words) else ""
        stem = word.rstrip(".!?")
        # a sentence's end: not an abbreviation or initial ("St.", "J."), nor a name ("Jones. He…" stays)
        ends = word[-1:] in "!?" or word.endswith(".") and len(stem) >= 3 and not stem[:1].isupper()
        if ends and following[:1].isupper():
            return " ".join(words[:index + 1]), [" ".join(words[index + 1:])]
    return caption, []


SHORT_LINE = 200
"""Characters: a line of text right under a photo with no caption nor alt text, no longer than
this, is the slide's title (a blog's line under each picture)."""


def slides_from_blocks(title: str | None, blocks: list[Block], skipped: list[tuple[str, str]],
                       keep_numbers: bool = False) -> Page:
    numbers = [block.number for block in blocks if block.kind == "heading" and block.number is not None]
    steps = sum(1 for a, b in pairwise(numbers) if abs(b - a) == 1)
    numbered = len(numbers) >= 2 and steps >= max(1, (len(numbers) - 1) // 2)
    photos = sum(1 for block in blocks if block.kind == "photo")
    direct = sum(1 for a, b in pairwise(blocks) if a.kind == "heading" and b.kind == "photo")
    headed = not numbered and direct >= 2 and direct >= 0.6 * photos
    intro: list[str] = []
    slides: list[PageSlide] = []
    heading: Block | None = None
    waiting: list[str] = []  # prose after a heading, before its photo
    stand_in = False  # the last slide's title is a stand-in ("Photo 3")

    def place(texts: list[str]) -> None:
        (slides[-1].paragraphs if slides else intro).extend(texts)

    for block in blocks:
        if stand_in and block.kind == "prose" and heading is None and len(block.text) <= SHORT_LINE:
            slides[-1].title = block.text  # the short line right under an uncaptioned photo
            stand_in = False
            continue
        stand_in = False
        if block.kind == "heading":
            if heading is not None:  # a heading with no photo of its own: kept as text
                place([heading.text, *waiting])
                waiting = []
            heading = block
        elif block.kind == "prose":
            if heading is not None:
                waiting.append(block.text)
            else:
                place([block.text])
        else:
            photo = block.photo
            assert photo is not None
            caption = photo.caption
            if heading is not None:
                adopt = not block.title and (headed or numbered and heading.number is not None
                                             or not caption and not waiting)
                if not adopt:
                    place([heading.text, *waiting])
                    heading, waiting = None, []
            if heading is not None:
                slide_title = heading.text
                if numbered and heading.number is not None and not keep_numbers:
                    match = LIST_NUMBER.match(slide_title)
                    slide_title = slide_title[match.end():] if match is not None and match.end() < len(slide_title) \
                        else slide_title
                paragraphs = ([caption] if caption else []) + waiting
            elif block.title:
                slide_title, paragraphs = block.title, [caption] if caption else []
            elif caption:
                slide_title, paragraphs = _caption_title(caption)
            elif photo.alt and len(photo.alt.split()) <= 12 and not is_file_name(photo.alt):
                slide_title, paragraphs = photo.alt, []
            else:
                slide_title, paragraphs, stand_in = f"Photo {len(slides) + 1}", [], True
            slides.append(PageSlide(title=slide_title, photo=photo, paragraphs=paragraphs))
            heading, waiting = None, []
    if heading is not None:
        place([heading.text, *waiting])
    return Page(title=title, intro=intro, slides=slides, skipped=skipped)
