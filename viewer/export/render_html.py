"""Slides as HTML: every text of a deck written through one escaping function, `text()`.

Captions are not handed to a Markdown-to-HTML renderer: they are built from the styled runs the
model already parsed (viewer.sources.markdown_text, raw HTML disabled), the same runs the app
draws, so the page shows exactly the text the app shows and search matches. Each run's text is
escaped where it is written and its styles become a fixed set of tags chosen here; links are
shown with their address, as in the app, and are not made clickable (a deck's `javascript:` link
must never become one). Nothing a deck contains can open a tag, an attribute or a script.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from viewer.importer.deck_writer import STAND_IN
from viewer.model.deck import Slide
from viewer.model.search import haystack

# A run's styles (markdown_text tags) as inline elements, outermost first.
_INLINE = (
    ("strong", '<strong>', '</strong>'),
    ("em", '<em>', '</em>'),
    ("s", '<s>', '</s>'),
    ("code", '<code>', '</code>'),
    ("link", '<span class="link">', '</span>'),
    ("url", '<span class="url">', '</span>'),
    ("alt", '<span class="alt">', '</span>'),
    ("marker", '<span class="marker">', '</span>'),
    ("rule", '<span class="rule" role="separator">', '</span>'),
)
_BLOCK_TAGS = ("heading", "quote")


def text(value: str) -> str:
    """The one place text from a deck becomes HTML: escaped for element content and attributes."""
    return html.escape(value, quote=True)


def _inline(value: str, tags: frozenset[str]) -> str:
    """One run: escaped, line breaks as <br>, wrapped in its style tags."""
    body = "<br>".join(text(line) for line in value.split("\n"))
    for name, opening, closing in reversed(_INLINE):
        if name in tags:
            body = opening + body + closing
    return body


def _paragraphs(runs: Iterable[tuple[str, frozenset[str]]]) -> list[list[tuple[str, frozenset[str]]]]:
    """The runs cut into blocks where the caption has a blank line (outside code, which keeps its own)."""
    blocks: list[list[tuple[str, frozenset[str]]]] = [[]]
    for value, tags in runs:
        if "code" in tags or "\n\n" not in value:
            blocks[-1].append((value, tags))
            continue
        pieces = value.split("\n\n")
        for index, piece in enumerate(pieces):
            if index:
                blocks.append([])
            if piece:
                blocks[-1].append((piece, tags))
    return [block for block in blocks if block]


def caption_html(slide: Slide) -> str:
    """The caption as <p> elements (a heading or quotation as such), every text escaped."""
    if not slide.caption_text:
        return ""
    runs = slide.caption_runs or ((slide.caption_text, frozenset()),)
    out: list[str] = []
    for block in _paragraphs(runs):
        inner = "".join(_inline(value, tags) for value, tags in block)
        shared = frozenset.intersection(*(tags for _, tags in block))
        if "heading" in shared:
            out.append(f'<p class="heading"><strong>{inner}</strong></p>')
        elif "quote" in shared:
            out.append(f"<blockquote><p>{inner}</p></blockquote>")
        elif "code" in shared:
            out.append(f'<pre>{inner}</pre>')
        else:
            out.append(f"<p>{inner}</p>")
    return "".join(out)


def is_stand_in(slide: Slide) -> bool:
    """A picture `viewer illustrate` painted in place of a missing photo: the page says so."""
    return slide.alt.startswith(STAND_IN) or slide.credit.startswith(STAND_IN)


@dataclass(frozen=True)
class Picture:
    """Where a slide's picture is in the output (a data: URI or a relative path), and its size."""

    src: str
    width: int
    height: int
    thumb: str
    crisp: bool = False
    """Few colours (pixel art): scaled up without smoothing."""


def search_text(slide: Slide) -> str:
    """The slide's folded text for the page's search: the app's own haystack (fields joined by
    a newline, which no folded search term can contain, as the app's NUL cannot)."""
    return haystack(slide).replace("\x00", "\n")


def figure_html(number: int, total: int, slide: Slide, picture: Picture | None, problem: str) -> str:
    """One slide as a <figure>: photo (or why there is none), title, caption, credit."""
    title = slide.display_title
    label = f"{number} / {total}"
    attrs = f' id="{number}" class="slide" data-search="{text(search_text(slide))}"'
    attrs += f' data-title="{text(title)}"'
    if picture is not None:
        attrs += f' data-thumb="{text(picture.thumb)}"'
    parts = [f"<figure{attrs}>"]
    if picture is not None:
        alt = slide.alt or slide.title
        crisp = " crisp" if picture.crisp else ""
        lazy = ' loading="lazy"' if number > 1 else ""
        parts.append(f'<div class="photo{crisp}"><img src="{text(picture.src)}" alt="{text(alt)}" '
                     f'width="{picture.width}" height="{picture.height}" decoding="async"{lazy}>')
        if is_stand_in(slide):
            parts.append('<span class="badge">Stand-in illustration</span>')
        parts.append("</div>")
    elif problem:
        parts.append(f'<div class="photo missing" role="img" aria-label="{text("Photo unavailable: " + problem)}">'
                     f"<p>Photo unavailable<br><small>{text(problem)}</small></p></div>")
    parts.append("<figcaption>")
    parts.append(f'<p class="number">{text(label)}</p>')
    parts.append(f"<h2>{text(title)}</h2>")
    caption = caption_html(slide)
    if caption:
        parts.append(f'<div class="caption">{caption}</div>')
    if slide.credit:
        parts.append(f'<p class="credit">{text(slide.credit)}</p>')
    if slide.date:
        parts.append(f'<p class="date">{text(slide.date)}</p>')
    parts.append("</figcaption></figure>\n")
    return "".join(parts)
