"""Write an Article as a deck in viewer's Markdown format, text kept exactly as in the source.

Everything Markdown could interpret is backslash-escaped, so parsing the deck gives back the
article's words character for character (tests check this round trip on arbitrary text).
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from viewer import patterns
from viewer.importer.article import Article
from viewer.importer.page_types import Page

STAND_IN = "Stand-in illustration"

_INLINE_SPECIALS = patterns.compile(r"([\\`*_\[\]<>|~])")
_ENTITY_LIKE = patterns.compile(r"&(#?[A-Za-z0-9]+;)")
_ORDERED_MARKER = patterns.compile(r"^(\d{1,9})([.)])(\s|$)")
_ALT_SPECIALS = patterns.compile(r"([\\\[\]`*_<>&!~])")  # ~ too: "~~" would strike through
_WORDS = patterns.compile(r"[a-z0-9]+")


def escape_markdown(text: str) -> str:
    """Escape one line of plain text so CommonMark reads it back as exactly that text."""
    out = _INLINE_SPECIALS.sub(r"\\\1", text)
    out = _ENTITY_LIKE.sub(r"\\&\1", out)
    if out[:1] in ("#", "-", "+", "=", ":"):
        out = "\\" + out
    out = _ORDERED_MARKER.sub(r"\1\\\2\3", out)
    if out.endswith("#") and not out.endswith("\\#"):
        out = out[:-1] + "\\#"  # a trailing # would close an ATX heading
    return out


def _escape_link_title(text: str) -> str:
    # & too: a link title decodes entities (`&amp;` would read back as `&`)
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "\\&")


def _escape_alt(text: str) -> str:
    return _ALT_SPECIALS.sub(r"\\\1", text)


def stand_in_credit(original: str | None) -> str:
    if not original:
        return STAND_IN
    return f"{STAND_IN} (original: {original}, not included)"


def image_name(number: int, title: str, width: int) -> str:
    slug = slugify(title, limit=40)
    return f"{number:0{width}d}-{slug}.png" if slug else f"{number:0{width}d}.png"


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens, for file and folder names."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _WORDS.findall(ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


# -- the one place import writes a deck ---------------------------------------------------------
#
# Every field comes from a file (a page's JSON-LD, an image's address, an article's lines) and is
# written so that it can only ever be text of its own slide: no line break the deck parser could
# read as a separator, heading, fence or front matter; Markdown escaped; image paths only the ones
# import chose, percent-encoded so the parser reads them back exactly. Fields are capped at what
# the deck parser and the app take in (front matter is refused above 64 KiB; captions are shown
# cut above 50,000 characters), and each cut is reported.
MAX_TITLE = 1_000
"""Deck and slide titles (one line on screen; the deck title goes into the front matter)."""
MAX_LINE_FIELD = 1_000
"""Alt text and credits."""
MAX_SOURCE_NAME = 255
MAX_PARAGRAPH = 50_000
"""What the caption panel shows of a caption (README: longer ones are shown cut)."""
_LINE_BREAKS = str.maketrans(dict.fromkeys("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))
_LOCAL_SAFE = "/"
_REMOTE_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _flat(text: str | None, limit: int, what: str, notes: list[str] | None) -> str:
    """`text` on one line (every line break a space), its controls neutralised (an escape
    sequence left for later would be stripped across lines, taking the Markdown between with it),
    trimmed, at most `limit` characters."""
    from viewer.basics.text import clean_line

    flat = clean_line((text or "").translate(_LINE_BREAKS))
    if len(flat) > limit:
        if notes is not None:
            notes.append(f"{what} cut from {len(flat):,} to {limit:,} characters")
        flat = flat[: limit - 1].rstrip() + "\u2026"
    return flat


def _front_matter(title: str, source_name: str | None, notes: list[str] | None) -> str:
    meta = {"title": _flat(title, MAX_TITLE, "the deck title", notes)}
    if source_name:
        meta["source"] = _flat(source_name, MAX_SOURCE_NAME, "the source file name", notes)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000).strip()
    return f"---\n{front}\n---\n\n"


def _local_path(path: str) -> str:
    """A file path as a link destination the deck parser turns back into exactly `path` (it
    percent-decodes): every character but letters, digits, `/` and `_.-~` percent-encoded, so no
    `:` can look like a URL scheme and nothing can end the destination."""
    from urllib.parse import quote

    return quote(path, safe=_LOCAL_SAFE, errors="replace")


def _remote_address(address: str) -> str:
    """A web address (never fetched) as a link destination: ASCII, no spaces, brackets or breaks."""
    from urllib.parse import quote

    return "<" + quote(address, safe=_REMOTE_SAFE, errors="replace") + ">"


def _slide(title: str, paragraphs: list[str], image: str | None, alt: str, credit: str | None,
           notes: list[str] | None, remote: bool = False) -> str:
    lines = [f"# {escape_markdown(_flat(title, MAX_TITLE, 'a slide title', notes))}"]
    if image:
        destination = _remote_address(image) if remote else _local_path(image)
        credit_text = _flat(credit, MAX_LINE_FIELD, "a credit", notes)
        credit_part = f' "{_escape_link_title(credit_text)}"' if credit_text else ""
        alt_text = _flat(alt, MAX_LINE_FIELD, "an image description", notes)
        lines += ["", f"![{_escape_alt(alt_text)}]({destination}{credit_part})"]
    for paragraph in paragraphs:
        text = _flat(paragraph, MAX_PARAGRAPH, "a caption paragraph", notes)
        if text:
            lines += ["", escape_markdown(text)]
    return "\n".join(lines) + "\n"


def deck_markdown(
    article: Article,
    title: str,
    images_dir: str,
    source_name: str | None = None,
    describe: Callable[[str, str], str] | None = None,
    notes: list[str] | None = None,
) -> str:
    """The deck as Markdown text. `describe(title, text)` gives each stand-in's alt text; what had
    to be cut is added to `notes`."""
    slides: list[tuple[str, list[str], str | None]] = []
    if article.intro:
        slides.append((title, article.intro, None))
    slides.extend((e.title, e.paragraphs, e.credit) for e in article.entries)
    width = max(2, len(str(len(slides))))
    parts = []
    for number, (slide_title, paragraphs, credit) in enumerate(slides, start=1):
        alt = describe(slide_title, "\n\n".join(paragraphs)) if describe else STAND_IN
        path = f"{images_dir}/{image_name(number, slide_title, width)}"
        parts.append(_slide(slide_title, paragraphs, path, alt, stand_in_credit(credit), notes))
    return _front_matter(title, source_name, notes) + "\n---\n\n".join(parts)


def page_markdown(page: Page, title: str, images: list[str | None], source_name: str | None = None,
                  remote: set[str] | frozenset[str] = frozenset(), notes: list[str] | None = None) -> str:
    """A saved web page (see page.py) as a deck; `images[i]` is slide i's image: a file path
    relative to the deck, or one of the web addresses in `remote` (written as such, never fetched)."""
    slides: list[tuple[str, list[str], str | None, str, str | None]] = []
    if page.intro:
        slides.append((title, page.intro, None, "", None))
    for slide, image in zip(page.slides, images):
        photo = slide.photo
        slides.append((slide.title, slide.paragraphs, photo.credit if photo else None,
                       (photo.alt if photo else "") or slide.title, image))
    parts = [_slide(slide_title, paragraphs, image, alt, credit, notes, remote=image in remote)
             for slide_title, paragraphs, credit, alt, image in slides]
    return _front_matter(title, source_name, notes) + "\n---\n\n".join(parts)
