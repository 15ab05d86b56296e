"""A web page saved from a browser (page.html + page_files/) read as a photo story.

Parsed with a real HTML5 parser (selectolax, on the Lexbor engine), never with regular
expressions. The page is walked in document order as a sequence of blocks — headings, prose,
photos — after the chrome is taken out (navigation, headers and footers, share and related
boxes, ads, logos, avatars, tracking pixels); then:
- prose before the first photo is the introduction; a photo's caption comes from its
  `<figcaption>`, `.wp-caption-text`, `.gallerytext` or JSON-LD `ImageObject`, its credit from a
  credit/copyright span or the text forms credits.py knows;
- prose after a photo belongs to it until the next one (long-form articles); a heading just
  before a photo is its title (listicles).
Only files inside the page's own folder tree are ever read; remote images stay URLs.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from viewer.importer.credits import split_credit
from viewer.importer.furniture import furniture

CHROME_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "button",
               "template", "object", "embed", "video", "audio", "select", "textarea", "input")
CHROME_WORDS = {
    "share", "sharing", "social", "related", "recommended", "recommendations", "newsletter", "subscribe",
    "advert", "advertisement", "ad", "ads", "adslot", "sponsor", "sponsored", "promo", "comments", "comment",
    "footer", "sidebar", "breadcrumb", "breadcrumbs", "avatar", "logo", "cookie", "cookies", "popup", "modal",
    "widget", "trending", "popular", "masthead", "navbar", "nav", "menu", "toolbar", "signup", "paywall",
    "icon", "icons", "emoji", "badge", "author-image", "outbrain", "taboola", "more-stories", "read-next",
}
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
CAPTION_CLASSES = ("wp-caption-text", "wp-element-caption", "gallerytext", "gallery-caption", "blocks-gallery-item__caption",
                   "thumbcaption",
                   "caption", "image-caption", "photo-caption", "media-caption", "figure-caption")
CREDIT_WORDS = ("credit", "copyright", "attribution", "photographer", "byline", "source", "courtesy")
PHOTO_CONTAINERS = ("figure", "wp-caption", "gallery-item", "gallerybox", "wp-block-image", "blocks-gallery-item",
                    "image-block", "photo", "media", "thumbinner")
NOT_PROSE_WORDS = {"byline", "author", "authors", "dateline", "timestamp", "date", "published", "updated", "tags",
                   "category", "categories", "kicker", "eyebrow"}
"""Classes of paragraphs that are about the article, not part of it."""
_BYLINE = re.compile(r"by\s+\S+(?:\s+\S+){0,5}", re.I)
MIN_SIDE = 100
"""Pictures smaller than this (either side) are icons, avatars or pixels, not photos."""
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".avif")
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_SRCSET_ITEM = re.compile(r"\s*(\S+)(?:\s+(\d+(?:\.\d+)?)([wx]))?\s*(?:,|$)")


@dataclass
class PagePhoto:
    source: str
    """The image as the page names it (for the report)."""
    local: Path | None
    """The saved file inside the page's folder, if the browser saved it."""
    remote: str | None
    """The image's web address when it was not saved (never fetched)."""
    alt: str = ""
    caption: str = ""
    credit: str | None = None


@dataclass
class PageSlide:
    title: str
    photo: PagePhoto | None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Page:
    title: str | None
    intro: list[str]
    slides: list[PageSlide]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(image, why) for pictures judged to be page chrome."""
    left_out: list[str] = field(default_factory=list)
    """Bylines, dates and other text about the article rather than of it."""


def decode_html(data: bytes) -> str:
    """The page's text: BOM, then the charset its <meta> declares, then UTF-8, then Windows-1252."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    head = data[:4096].decode("ascii", errors="replace")
    # The HTML standard's prescan looks for a charset in the first bytes; this is that lookup.
    declared = re.search(r"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", head, re.I)
    if declared:
        try:
            return data.decode(declared.group(1).lower(), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _classes(node) -> set[str]:  # type: ignore[no-untyped-def]
    attributes = node.attributes
    words = set()
    for name in ("class", "id"):
        value = attributes.get(name) or ""
        words.update(word for word in _WORD_SPLIT.split(value.lower()) if word)
        words.update(part for part in value.lower().split() if part)
    return words


def _is_chrome(node) -> bool:  # type: ignore[no-untyped-def]
    if node.tag in CHROME_TAGS:
        return True
    if node.tag == "header" and node.parent is not None and node.parent.tag == "body":
        return True  # the site's header (an article's own <header> holds its headline and photo)
    attributes = node.attributes
    if (attributes.get("role") or "").lower() in CHROME_ROLES or attributes.get("aria-hidden") == "true":
        return True
    return bool(_classes(node) & CHROME_WORDS)


def _text(node) -> str:  # type: ignore[no-untyped-def]
    return " ".join((node.text(separator=" ", strip=True) or "").split())


def _srcset_best(value: str) -> list[str]:
    """The URLs of a srcset, largest first."""
    items = []
    for match in _SRCSET_ITEM.finditer(value or ""):
        url = match.group(1)
        if not url or url.startswith("data:"):
            continue
        size = float(match.group(2)) if match.group(2) else 1.0
        items.append((size, url))
    return [url for _, url in sorted(items, key=lambda item: -item[0])]


def _candidates(image, picture) -> list[str]:  # type: ignore[no-untyped-def]
    """Every address the page gives for this picture, best first (lazy-loading attributes first:
    `src` is often a 1×1 placeholder until a script swaps the real one in)."""
    found: list[str] = []
    attributes = image.attributes
    for name in ("data-src", "data-lazy-src", "data-original", "data-full-url", "data-large-file", "data-orig-file"):
        if attributes.get(name):
            found.append(attributes[name])
    for name in ("data-srcset", "data-lazy-srcset", "srcset"):
        found += _srcset_best(attributes.get(name) or "")
    if picture is not None:
        for source in picture.css("source"):
            found += _srcset_best(source.attributes.get("srcset") or source.attributes.get("data-srcset") or "")
    if attributes.get("src"):
        found.append(attributes["src"])
    return [url.strip() for url in found if url and url.strip() and not url.strip().startswith(("data:", "javascript:"))]


class _Resolver:
    """Page addresses → saved files, only inside the page's folder tree."""

    def __init__(self, page: Path) -> None:
        self.folder = page.resolve().parent

    def local(self, address: str) -> Path | None:
        parts = urlsplit(address)
        if parts.scheme and parts.scheme != "file":
            return None
        relative = unquote(parts.path)
        if not relative:
            return None
        candidate = Path(relative) if parts.scheme == "file" else self.folder / relative
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        if not resolved.is_relative_to(self.folder):
            return None  # a page must not make import read files elsewhere (e.g. /etc or ~/.ssh)
        try:
            return resolved if resolved.is_file() else None
        except OSError:
            return None


def _size(path: Path) -> tuple[int, int] | None:
    from viewer.imaging.decode import ImageProblem
    from viewer.imaging.metadata import photo_info

    try:
        info = photo_info(path)
    except ImageProblem:
        return None
    return info.width, info.height


def _declared_small(image) -> bool:  # type: ignore[no-untyped-def]
    for name in ("width", "height"):
        value = (image.attributes.get(name) or "").strip().rstrip("px")
        if value.isdigit() and int(value) < MIN_SIDE:
            return True
    return False


def _json_ld_images(tree) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    """ImageObject entries of the page's JSON-LD, by the last part of their address."""
    found: dict[str, dict] = {}

    def visit(value, depth=0):  # type: ignore[no-untyped-def]
        if depth > 20:
            return
        if isinstance(value, list):
            for item in value[:1000]:
                visit(item, depth + 1)
        elif isinstance(value, dict):
            kind = value.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            url = value.get("contentUrl") or value.get("url")
            if "ImageObject" in kinds and isinstance(url, str):
                found[_basename(url)] = value
            for item in list(value.values())[:1000]:
                if isinstance(item, (dict, list)):
                    visit(item, depth + 1)

    for script in tree.css('script[type="application/ld+json"]'):
        try:
            visit(json.loads(script.text(strip=True) or "null"))
        except (ValueError, RecursionError):
            continue
    return found


def _basename(address: str) -> str:
    return os.path.basename(unquote(urlsplit(address).path)).lower()


def _credit_nodes(node) -> list:  # type: ignore[no-untyped-def]
    """Elements holding a credit: by class (credit, copyright…), or a <cite>/<small> in a caption."""
    found = [child for child in node.css("*") if any(word in " ".join(_classes(child)) for word in CREDIT_WORDS)]
    return found or node.css("figcaption cite, figcaption small, .wp-caption-text cite, .wp-caption-text small")


def _container(node):  # type: ignore[no-untyped-def]
    """The figure-like element holding a picture and its caption (or None)."""
    current = node.parent
    for _ in range(6):
        if current is None or current.tag in ("body", "article", "main"):
            return None
        classes = " ".join(_classes(current))
        if current.tag == "figure" or any(word in classes for word in PHOTO_CONTAINERS[1:]):
            return current
        current = current.parent
    return None


def _caption_of(container, image) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    """(caption, credit) from a figure-like container."""
    if container is None:
        return "", None
    caption_node = container.css_first("figcaption")
    if caption_node is None:
        for name in CAPTION_CLASSES:
            caption_node = container.css_first(f".{name}")
            if caption_node is not None:
                break
    credit = None
    credit_texts = []
    for node in _credit_nodes(container):
        text = _text(node)
        if text and len(text) <= 200:
            credit_texts.append(text)
    if credit_texts:
        credit = max(credit_texts, key=len)
    caption = _text(caption_node) if caption_node is not None else ""
    if credit and caption.endswith(credit):
        caption = caption[: -len(credit)].rstrip(" |—–-")
    elif credit and caption.startswith(credit):
        caption = caption[len(credit):].lstrip(" |—–-:")
    if credit is None and caption:
        caption, credit = split_credit(caption)
    return caption.strip(), credit


class PageProblem(Exception):
    """The page cannot be read (said in words for the user)."""


MAX_DEPTH = 4000
"""Deeper nesting than any real page has; the HTML5 tree builder's time grows with its square."""
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,20})\b[^<>]{0,2000}?(/?)>")
_NO_END = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
           "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
           "rp", "rt", "param", "keygen", "image",
           # formatting elements: the tree builder bounds their nesting itself (adoption agency)
           "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"}


def nesting_depth(text: str, stop: int = MAX_DEPTH) -> int:
    """About how deep the page's elements nest (a linear pre-scan, up to `stop`)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG_TOKEN.findall(text):
        if name.lower() in _NO_END or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest >= stop:
                break
    return deepest


def read_page(data: bytes, page: Path) -> Page:
    from selectolax.lexbor import LexborHTMLParser

    text = decode_html(data)
    if nesting_depth(text) >= MAX_DEPTH:
        raise PageProblem(f"its elements nest more than {MAX_DEPTH:,} levels deep; no saved page does that")
    tree = LexborHTMLParser(text)
    ld_images = _json_ld_images(tree)
    title_node = tree.css_first('meta[property="og:title"]')
    title = (title_node.attributes.get("content") or "").strip() if title_node is not None else ""
    heading = tree.css_first("h1")
    if not title and heading is not None:
        title = _text(heading)
    if not title and tree.css_first("title") is not None:
        title = _text(tree.css_first("title"))
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first('[itemprop="articleBody"]') or tree.body
    if root is None:
        return Page(title=title or None, intro=[], slides=[])
    resolver = _Resolver(page)
    skipped: list[tuple[str, str]] = []
    left_out: list[str] = []
    blocks: list[tuple[str, object]] = []
    seen_images: set[str] = set()
    handled_containers: set[int] = set()

    def photo_block(image, container) -> PagePhoto | None:  # type: ignore[no-untyped-def]
        picture = image.parent if image.parent is not None and image.parent.tag == "picture" else None
        candidates = _candidates(image, picture)
        if not candidates:
            return None
        name = candidates[0]
        if _declared_small(image):
            skipped.append((name, "declared smaller than a photo (an icon, avatar or pixel)"))
            return None
        local = next((found for found in (resolver.local(c) for c in candidates) if found is not None), None)
        remote = None if local else next((c for c in candidates if urlsplit(c).scheme in ("http", "https")), None)
        if local is None and remote is None:
            skipped.append((name, "not saved with the page, and no web address"))
            return None
        key = str(local) if local else remote
        if key in seen_images:
            return None
        if local is not None:
            size = _size(local)
            if size is None:
                skipped.append((name, "not an image viewer can read"))
                return None
            if min(size) < MIN_SIDE:
                skipped.append((name, f"{size[0]}×{size[1]} pixels: an icon, avatar or tracking pixel"))
                return None
        link = image.parent
        while link is not None and link.tag != "a" and link.tag not in ("figure", "article", "body"):
            link = link.parent
        if link is not None and link.tag == "a" and container is None:
            target = urlsplit(link.attributes.get("href") or "").path.lower()
            if target and not target.endswith(IMAGE_SUFFIXES) and not _text(link):
                skipped.append((name, "a thumbnail linking to another page (related articles)"))
                return None
        seen_images.add(key)
        caption, credit = _caption_of(container, image)
        meta = ld_images.get(_basename(name)) or (ld_images.get(local.name.lower()) if local else None) or {}
        if not caption and isinstance(meta.get("caption"), str):
            caption, credit = meta["caption"].strip(), credit
        if credit is None:
            for key_name in ("creditText", "copyrightHolder", "author"):
                value = meta.get(key_name)
                if isinstance(value, dict):
                    value = value.get("name")
                if isinstance(value, str) and value.strip():
                    credit = value.strip()
                    break
        alt = " ".join((image.attributes.get("alt") or "").split())
        return PagePhoto(source=name, local=local, remote=remote, alt=alt, caption=caption, credit=credit)

    def visit(child) -> bool:  # type: ignore[no-untyped-def]
        """Handle one element; True when its children must be walked too."""
        if _is_chrome(child):
            for image in child.css("img"):
                candidates = _candidates(image, None)
                if candidates:
                    skipped.append((candidates[0], "in the page's chrome (navigation, share, related, ads)"))
            return False
        tag = child.tag
        if tag == "img":
            container = _container(child)
            if container is not None and container.mem_id in handled_containers:
                return False
            photo = photo_block(child, container)
            if container is not None:
                handled_containers.add(container.mem_id)
            if photo is not None:
                blocks.append(("photo", photo))
        elif tag in ("h1", "h2", "h3", "h4"):
            text = _text(child)
            if text and text != title:
                blocks.append(("heading", text))
        elif tag in ("p", "blockquote", "li", "dd") and not child.css_first("img"):
            if _container(child) is not None:
                return False  # a caption, read with its photo
            text = _text(child)
            if _classes(child) & NOT_PROSE_WORDS or _BYLINE.fullmatch(text):
                left_out.append(text)
            elif text and furniture(text) is None:
                blocks.append(("prose", text))
        elif tag != "figcaption":
            return True
        return False

    def walk(root) -> None:  # type: ignore[no-untyped-def]
        # In document order with an explicit stack: a page nested 100,000 levels deep must not
        # exhaust Python's recursion limit.
        stack = [root.iter()]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif visit(child):
                stack.append(child.iter())

    walk(root)
    page_read = _slides(title or None, blocks, skipped)
    page_read.left_out = left_out
    return page_read


def _slides(title: str | None, blocks: list[tuple[str, object]], skipped: list[tuple[str, str]]) -> Page:
    intro: list[str] = []
    slides: list[PageSlide] = []
    heading: str | None = None
    waiting: list[str] = []  # prose after a heading, before its photo
    for kind, value in blocks:
        if kind == "heading":
            if heading is not None:  # a heading with no photo of its own: keep it as text
                (slides[-1].paragraphs if slides else intro).extend([heading, *waiting])
                waiting = []
            heading = str(value)
        elif kind == "prose":
            if heading is not None:
                waiting.append(str(value))
            else:
                (slides[-1].paragraphs if slides else intro).append(str(value))
        else:
            photo = value
            assert isinstance(photo, PagePhoto)
            caption = photo.caption
            if heading is not None:
                slide_title, paragraphs = heading, ([caption] if caption else []) + waiting
            elif caption and len(caption.split()) <= 20:
                slide_title, paragraphs = caption, []
            elif caption:
                slide_title, paragraphs = (photo.alt if photo.alt and len(photo.alt.split()) <= 12
                                           else f"Photo {len(slides) + 1}"), [caption]
            else:
                slide_title, paragraphs = (photo.alt if photo.alt and len(photo.alt.split()) <= 12
                                           else f"Photo {len(slides) + 1}"), []
            slides.append(PageSlide(title=slide_title, photo=photo, paragraphs=paragraphs))
            heading, waiting = None, []
    if heading is not None:
        (slides[-1].paragraphs if slides else intro).extend([heading, *waiting])
    return Page(title=title, intro=intro, slides=slides, skipped=skipped)
