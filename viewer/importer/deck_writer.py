"""Write an Article as a deck in viewer's Markdown format, text kept exactly as in the source.

Everything Markdown could interpret is backslash-escaped, so parsing the deck gives back the
article's words character for character (tests check this round trip on arbitrary text).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from viewer.importer.article import Article

STAND_IN = "Stand-in illustration"

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    """Escape one line of plain text so CommonMark reads it back as exactly that text."""
    out = _INLINE_SPECIALS.sub(r"\\\1", text)
    out = _ENTITY_LIKE.sub(r"\\&", out)
    if out[:1] in ("#", "-", "+", "=", ":"):
        out = "\\" + out
    out = _ORDERED_MARKER.sub(r"\1\\\2", out)
    if out.endswith("#") and not out.endswith("\\#"):
        out = out[:-1] + "\\#"  # a trailing # would close an ATX heading
    return out


def _escape_link_title(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _escape_alt(text: str) -> str:
    return re.sub(r"([\\\[\]`*_<>&!])", r"\\\1", text)


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
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def deck_markdown(
    article: Article,
    title: str,
    images_dir: str,
    source_name: str | None = None,
    describe: Callable[[str, str], str] | None = None,
) -> str:
    """The deck as Markdown text. `describe(title, text)` gives each stand-in's alt text."""
    meta = {"title": title}
    if source_name:
        meta["source"] = source_name
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000).strip()
    slides: list[tuple[str, list[str], str | None]] = []
    if article.intro:
        slides.append((title, article.intro, None))
    slides.extend((e.title, e.paragraphs, e.credit) for e in article.entries)
    width = max(2, len(str(len(slides))))
    parts = []
    for number, (slide_title, paragraphs, credit) in enumerate(slides, start=1):
        alt = describe(slide_title, "\n\n".join(paragraphs)) if describe else STAND_IN
        path = f"{images_dir}/{image_name(number, slide_title, width)}"
        if not re.fullmatch(r"[\w./\-]+", path):
            path = f"<{path}>"  # spaces or brackets in the folder name
        lines = [
            f"# {escape_markdown(slide_title)}",
            "",
            f'![{_escape_alt(alt)}]({path} "{_escape_link_title(stand_in_credit(credit))}")',
        ]
        for paragraph in paragraphs:
            lines += ["", escape_markdown(paragraph)]
        parts.append("\n".join(lines) + "\n")
    return f"---\n{front}\n---\n\n" + "\n---\n\n".join(parts)


def page_markdown(page, title: str, images: list[str | None], source_name: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """A saved web page (see page.py) as a deck; `images[i]` is slide i's image path or URL."""
    meta = {"title": title}
    if source_name:
        meta["source"] = source_name
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000).strip()
    slides: list[tuple[str, list[str], str | None, str, str | None]] = []
    if page.intro:
        slides.append((title, page.intro, None, "", None))
    for slide, image in zip(page.slides, images):
        photo = slide.photo
        slides.append((slide.title, slide.paragraphs, photo.credit if photo else None,
                       (photo.alt if photo else "") or slide.title, image))
    parts = []
    for slide_title, paragraphs, credit, alt, image in slides:
        lines = [f"# {escape_markdown(slide_title)}"]
        if image:
            path = image if re.fullmatch(r"[\w./\-:%?=&~+]+", image) else f"<{image}>"
            credit_part = f' "{_escape_link_title(credit)}"' if credit else ""
            lines += ["", f"![{_escape_alt(alt)}]({path}{credit_part})"]
        for paragraph in paragraphs:
            lines += ["", escape_markdown(paragraph)]
        parts.append("\n".join(lines) + "\n")
    return f"---\n{front}\n---\n\n" + "\n---\n\n".join(parts)
