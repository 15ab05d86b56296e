"""Step 4 of reading a saved page: slides from the blocks of its story.

Prose before the first photo is the introduction; prose after a photo belongs to it until the next
one. A heading is its photo's title in a listicle (numbered headings, their numbers dropped, or a
heading before nearly every photo), or when the photo has no caption of its own and nothing stands
between them; otherwise it stays text. A caption is the slide's first text (a long one's first
sentence its title). An uncaptioned photo takes the text right under it (a short line whole, a
paragraph's first sentence), or the caption of the figure right beside it (a row of figures under
one caption). A paragraph that is all credit after a photo's text ("Photo by Name."), or a
credit's label and its name as two lines ("Photograph" / "Name"), is that photo's credit; one
right above a photo with no credit, when the photo before has one, is that next photo's. A short
sentence that only repeats the credited photographer's name ("A foto é de Name.") is dropped; an
alt that is the photo's credit, or only repeats the headline, is no title; nor is a deck heading
in the article's <header>. A picture captioned as a detail of a work another slide shows whole is
no slide.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise
from typing import TYPE_CHECKING

from viewer import patterns
from viewer.importer.credits import credit_line
from viewer.importer.page_blocks import LIST_NUMBER, Block
from viewer.importer.page_caption_text import bare_credit, credit_paragraph, finish_caption
from viewer.importer.page_nodes import class_text, label_kind, norm
from viewer.importer.page_pictures import is_file_name
from viewer.importer.page_types import Page, PagePhoto, PageSlide

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode


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


def _credit_for(slide: PageSlide, text: str) -> bool:
    """Whether a paragraph that is all credit ("Photo by Name.", "Image: Archive") is the credit
    of the slide's photo, which has none yet; it is then given it."""
    photo = slide.photo
    if photo is None or photo.credit or len(text) > MAX_CREDIT_PARAGRAPH:
        return False
    credit = credit_paragraph(text)
    if not credit:
        return False
    photo.credit = credit
    return True


_DESCRIPTION = patterns.compile(
    r"(?i)^(?:an?|the)\s+(?:\S+\s+){0,3}?(?:photo|photograph|image|picture|shot)\s+(?:of|showing|shows)\s+\S")
"""An alt that opens by calling itself a picture ("A photo of…", "An aerial photo of…", "A
close-up photo of…"): a description for a screen reader, written beside the caption, not one."""


def picture_description(alt: str) -> bool:
    """Whether an alt describes its picture as a picture, for a screen reader (see _DESCRIPTION)."""
    return bool(alt) and _DESCRIPTION.match(alt) is not None


def _alt_credit(photo: PagePhoto) -> bool:
    """Whether an uncaptioned photo's alt is a credit ("Name / Agency", "Photo: Name"): it is
    then the photo's credit, when it has none, and not its title."""
    credit = credit_line(photo.alt)
    if credit is None:
        return False
    photo.credit = photo.credit or credit
    return True


def _deck(heading: LexborNode, photo: LexborNode) -> bool:
    """Whether a heading stands in the article's <header> (its deck under the headline), which
    does not hold the photo after it: the story's standfirst, not that photo's title."""
    node: LexborNode | None = heading.parent
    header = None
    for _ in range(4):
        if node is None:
            return False
        if node.tag == "header":
            header = node
            break
        node = node.parent
    if header is None:
        return False
    node = photo.parent
    for _ in range(16):
        if node is None:
            return True
        if node.mem_id == header.mem_id:
            return False
        node = node.parent
    return True


CREDIT_SENTENCE = 70
"""Characters: a sentence that only says who took the photo is short."""


def _credit_sentence(slide: PageSlide, text: str) -> bool:
    """Whether a short paragraph only says again who took the slide's photo, which its credit
    already names: a sentence of a few words that ends with that name ("A foto é de Name.",
    "The picture is by Name.")."""
    photo = slide.photo
    if photo is None or not photo.credit or len(text) > CREDIT_SENTENCE or not text.rstrip().endswith("."):
        return False
    name = norm(bare_credit(photo.credit).split("/")[0].split(",")[0])
    words = norm(text).split()
    size = len(name.split())
    if size < 2 or words[-size:] != name.split() or any(ch.isdigit() for ch in text):
        return False
    return 2 <= len(words) - size <= 5 and text[:1].isupper()


def _figure(node: LexborNode) -> LexborNode | None:
    for _ in range(8):
        if node.tag == "figure":
            return node
        if node.parent is None:
            return None
        node = node.parent
    return None


def _one_row(first: LexborNode, second: LexborNode) -> bool:
    """Whether two pictures stand in figures right next to each other (nothing between them)."""
    left, right = _figure(first), _figure(second)
    if left is None or right is None or left.mem_id == right.mem_id:
        return False
    node = left.next
    for _ in range(4):
        if node is None or node.tag != "-text" or (node.text_content or "").strip():
            break
        node = node.next
    return node is not None and node.mem_id == right.mem_id


def _credit_before(text: str, following: Block) -> bool:
    """Whether a paragraph that is all credit is the credit of the photo right after it, which
    has none; it is then given it."""
    photo = following.photo
    if following.kind != "photo" or photo is None or photo.credit or len(text) > MAX_CREDIT_PARAGRAPH:
        return False
    credit = credit_paragraph(text)
    if not credit:
        return False
    photo.credit = credit
    return True


def _after_leading_credit(slide: PageSlide, text: str) -> str:
    """The text under an uncaptioned photo without the credit it opens with, which is then the
    photo's when it has none ("Photo submitted by Name. Caption: A girl…" → "A girl…"), and
    without the caption's label after it; the text whole when it opens with no credit."""
    photo = slide.photo
    if photo is None or photo.credit:
        return text
    caption, credit = finish_caption(text, None)
    if credit and caption and len(credit) <= MAX_CREDIT_PARAGRAPH and not text.startswith(credit) and \
            text.rstrip(" .)]").endswith(credit.rstrip(" .)]")):
        photo.credit = credit  # "1. Volunteers plant willows… (Photo: Reuters/China Daily)": it closes with it
        return caption
    if not credit or not caption or not text.startswith(credit) or len(credit) > MAX_CREDIT_PARAGRAPH:
        return text
    colon = caption.find(":")
    if 0 < colon <= 20 and label_kind(caption[:colon + 1]) == "caption" and caption[colon + 1:].strip():
        caption = caption[colon + 1:].strip()
    photo.credit = credit
    return caption


MAX_CREDIT_PARAGRAPH = 120
"""Characters: a paragraph longer than this is prose, whatever it starts with."""

SHORT_LINE = 200
"""Characters: a line of text right under a photo with no caption nor alt text, no longer than
this, is the slide's title (a blog's line under each picture)."""


def slides_from_blocks(title: str | None, blocks: list[Block], skipped: list[tuple[str, str]],
                       keep_numbers: bool = False) -> Page:
    blocks = _without_featured_banner(blocks, skipped)
    numbers = [block.number for block in blocks if block.kind == "heading" and block.number is not None]
    steps = sum(1 for a, b in pairwise(numbers) if abs(b - a) == 1)
    numbered = len(numbers) >= 2 and steps >= max(1, (len(numbers) - 1) // 2)
    photos = sum(1 for block in blocks if block.kind == "photo")
    direct = sum(1 for a, b in pairwise(blocks) if a.kind == "heading" and b.kind == "photo")
    sections = _one_photo_sections(blocks)
    # (a heading over each photo, right above it or above the photo's prose: "Mein schönstes
    # Herbstbild", a paragraph, the photo)
    headed = not numbered and (direct >= 2 and direct >= 0.6 * photos or sections >= 2 and sections >= 0.6 * photos)
    alts = [block.photo.alt for block in blocks if block.photo is not None and block.photo.alt]
    descriptions = sum(1 for alt in alts if picture_description(alt))
    described = descriptions >= 2 and 2 * descriptions >= len(alts)  # the page's alts describe its pictures
    intro: list[str] = []
    slides: list[PageSlide] = []
    heading: Block | None = None
    waiting: list[str] = []  # prose after a heading, before its photo
    stand_in = False  # the last slide's title is a stand-in ("Photo 3")
    previous: Block | None = None  # the last photo's block

    def place(texts: list[str]) -> None:
        (slides[-1].paragraphs if slides else intro).extend(texts)

    label = ""  # a credit's label standing alone after a photo ("Photograph"), its name next
    for index, block in enumerate(blocks):
        if label:
            if block.kind == "prose" and len(block.text) <= MAX_CREDIT_PARAGRAPH and slides and \
                    slides[-1].photo is not None:
                slides[-1].photo.credit, label = block.text, ""
                continue
            place([label])
            label = ""
        if block.kind == "prose" and heading is None and slides and slides[-1].photo is not None and \
                not slides[-1].photo.credit and label_kind(block.text) == "credit":
            label = block.text
            continue
        if block.kind == "prose" and heading is None and slides and _credit_sentence(slides[-1], block.text):
            continue  # "The photo is by Name." after a photo credited to Name: said once, as its credit
        if block.kind == "prose" and heading is None and slides and _credit_for(slides[-1], block.text):
            continue  # "Photo by Name." on its own after a photo and its prose: that photo's credit
        if block.kind == "prose" and heading is None and index + 1 < len(blocks) and \
                _credit_before(block.text, blocks[index + 1]):
            continue  # a credit line standing right above the next photo, which has none
        if stand_in and block.kind == "prose" and heading is None:
            # the text right under an uncaptioned photo: a short line is the slide's title, a
            # paragraph's first sentence is (the rest stays under it); one that opens with the
            # photo's credit ("Photo submitted by Name. Caption: …") gives it, then its caption
            text = _after_leading_credit(slides[-1], block.text)
            slides[-1].title, rest = (text, []) if len(text) <= SHORT_LINE else _caption_title(text)
            slides[-1].paragraphs.extend(rest)
            stand_in = False
            continue
        if stand_in and block.kind == "photo" and block.photo is not None and block.photo.caption and \
                heading is None and not block.title and previous is not None and _one_row(previous.node, block.node):
            # a row of figures side by side under the last one's caption: they share it
            slides[-1].title, slides[-1].paragraphs = _caption_title(block.photo.caption)
            if slides[-1].photo is not None and not slides[-1].photo.credit:
                slides[-1].photo.credit = block.photo.credit
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
            if block.title and norm(block.title) == norm(title):
                block.title = ""  # the headline, in a short story read whole as the photo's box
            if heading is not None:
                adopt = not block.title and (headed or numbered and heading.number is not None
                                             or not caption and not waiting and not _deck(heading.node, block.node))
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
            elif photo.credit and photo.alt and (described or picture_description(photo.alt)) and \
                    credit_line(photo.alt) is None:
                # the only line shown with the photo is its credit ("Photo © Name"), and the alt
                # describes the picture for a screen reader ("A photo of a fox asleep"): the slide
                # says what the page shows, the description under it
                slide_title, paragraphs = photo.credit, [photo.alt]
            elif photo.alt and len(photo.alt.split()) <= 12 and not is_file_name(photo.alt, photo.source) and \
                    norm(photo.alt) not in (norm(title), norm(photo.credit)) and not _alt_credit(photo):
                # an alt that only repeats the headline, or the photo's credit, names no photo
                slide_title, paragraphs = photo.alt, []
            else:
                slide_title, paragraphs, stand_in = f"Photo {len(slides) + 1}", [], True
            slides.append(PageSlide(title=slide_title, photo=photo, paragraphs=paragraphs))
            previous = block
            heading, waiting = None, []
    if label:
        place([label])
    if heading is not None:
        place([heading.text, *waiting])
    _without_details(intro, slides, skipped)
    if not keep_numbers:
        _without_list_numbers(slides)
    return Page(title=title, intro=intro, slides=slides, skipped=skipped)


def _one_photo_sections(blocks: list[Block]) -> int:
    """Headings whose section (up to the next heading) holds exactly one photo, with at most one
    paragraph before it."""
    count = 0
    photos = prose = 0
    open_section = False
    for block in [*blocks, None]:
        if block is None or block.kind == "heading":
            count += open_section and photos == 1
            open_section, photos, prose = block is not None, 0, 0
        elif block.kind == "photo":
            if photos == 0 and prose > 1:
                open_section = False  # a section of prose with a photo in it, not a photo's heading
            photos += 1
        else:
            prose += photos == 0
    return count


def _without_list_numbers(slides: list[PageSlide]) -> None:
    """Slide titles that open with the list's numbers ("1. Volunteers…", "2. Children…": captions
    numbered in order, not headings) lose them, as numbered headings do: at least two, most of
    them one more than the one before."""
    numbered = [(index, match) for index, slide in enumerate(slides)
                if (match := LIST_NUMBER.match(slide.title)) is not None and match.end() < len(slide.title)]
    numbers = [int(match.group(1) or match.group(2)) for _, match in numbered]
    steps = sum(1 for a, b in pairwise(numbers) if b == a + 1)
    if len(numbered) < 2 or steps < max(1, (len(numbered) - 1) * 2 // 3):
        return
    for index, match in numbered:
        slides[index].title = slides[index].title[match.end():]


_FEATURED_WORDS = ("featured", "wp-post-image", "post-thumbnail", "post_thumbnail")
MIN_CAPTIONED_GALLERY = 3
"""Photos with their caption or credit after a post's featured picture that make it a banner."""


def _without_featured_banner(blocks: list[Block], skipped: list[tuple[str, str]]) -> list[Block]:
    """A post's featured picture (its thumbnail on the site's lists: classed "featured",
    "wp-post-image") standing first, before any text, with no caption, credit nor alt, above a
    gallery whose photos (three at least, three in four) have their caption or credit: the post's
    banner, not a slide."""
    first = next((index for index, block in enumerate(blocks) if block.kind != "heading"), None)
    if first is None or blocks[first].kind != "photo":
        return blocks
    photo = blocks[first].photo
    if photo is None or photo.caption or photo.credit or photo.alt:
        return blocks
    rest = [block.photo for block in blocks[first + 1:] if block.photo is not None]
    told = sum(1 for p in rest if p.caption or p.credit)
    if told < MIN_CAPTIONED_GALLERY or 4 * told < 3 * len(rest):
        return blocks
    node: LexborNode | None = blocks[first].node
    for _ in range(3):
        if node is None:
            return blocks
        if node.attributes.get("class") and any(word in class_text(node) for word in _FEATURED_WORDS):
            skipped.append((photo.source, "the post's featured picture, above a gallery captioned photo by photo"))
            return blocks[:first] + blocks[first + 1:]
        node = node.parent
    return blocks


_DETAIL = "(detail)"


def _without_details(intro: list[str], slides: list[PageSlide], skipped: list[tuple[str, str]]) -> None:
    """A picture whose caption or credit calls it a detail of a work another slide shows whole
    ("Name, Title (detail), 2021": a banner cropped from a later photo) is no slide of its own;
    its text stays, in the introduction or under the slide before."""
    works: list[str] = []
    for slide in slides:
        photo = slide.photo
        if photo is not None and photo.caption and _DETAIL not in photo.caption.lower():
            works.append(norm(photo.caption))
    if not works:
        return
    works.sort()
    index = 0
    while index < len(slides):
        photo = slides[index].photo
        work = ""
        for text in (photo.caption, photo.credit or "") if photo is not None else ():
            at = text.lower().find(_DETAIL)
            if at > 0:
                work = norm(bare_credit(text[:at]))
                break
        at = bisect_left(works, work)  # sorted: the first caption not below `work` is the one it may open
        if len(work.split()) >= 3 and at < len(works) and works[at].startswith(work):
            assert photo is not None
            slide = slides.pop(index)
            skipped.append((photo.source, "a detail of a photo the story shows whole"))
            texts = [t for t in (photo.caption if _DETAIL not in photo.caption.lower() else "", *slide.paragraphs)
                     if t]
            (slides[index - 1].paragraphs if index > 0 else intro).extend(texts)
            continue
        index += 1
