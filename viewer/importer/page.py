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
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from viewer import patterns
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
_BYLINE = patterns.compile(r"by\s+\S+(?:\s+\S+){0,5}", patterns.IGNORECASE)
MIN_SIDE = 100
"""Pictures smaller than this (either side) are icons, avatars or pixels, not photos."""
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".avif")
_DECLARED_CHARSET = patterns.compile(r"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", patterns.IGNORECASE)
_SRCSET_ITEM = patterns.compile(r"\s*(\S+)(?:\s+(\d+(?:\.\d+)?)([wx]))?\s*(?:,|$)")


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
    notes: list[str] = field(default_factory=list)
    """What was simplified before parsing (giant attributes, form controls…) or about the charset."""


# WHATWG Encoding Standard: every label a page may use, by encoding (https://encoding.spec.whatwg.org/#names-and-labels),
# with the Python codec that decodes it. A page's <meta charset> is looked up here and nowhere else: Python's codec
# registry also holds codecs that are not text encodings at all (punycode, idna, rot13, base64, zlib, hex, uu, bz2,
# unicode_escape, utf-7…), some of them quadratic or unbounded on hostile bytes.
_WHATWG_ENCODINGS: dict[str, tuple[str, str]] = {
    # encoding name: (python codec, space-separated labels)
    "UTF-8": ("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
    "IBM866": ("cp866", "866 cp866 csibm866 ibm866"),
    "ISO-8859-2": ("iso8859_2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"),
    "ISO-8859-3": ("iso8859_3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"),
    "ISO-8859-4": ("iso8859_4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"),
    "ISO-8859-5": ("iso8859_5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 "
                                "iso_8859-5:1988"),
    "ISO-8859-6": ("iso8859_6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 "
                                "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"),
    "ISO-8859-7": ("iso8859_7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 "
                                "iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"),
    "ISO-8859-8": ("iso8859_8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 "
                                "iso88598 iso_8859-8 iso_8859-8:1988 visual"),
    "ISO-8859-8-I": ("iso8859_8", "csiso88598i iso-8859-8-i logical"),
    "ISO-8859-10": ("iso8859_10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"),
    "ISO-8859-13": ("iso8859_13", "iso-8859-13 iso8859-13 iso885913"),
    "ISO-8859-14": ("iso8859_14", "iso-8859-14 iso8859-14 iso885914"),
    "ISO-8859-15": ("iso8859_15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"),
    "ISO-8859-16": ("iso8859_16", "iso-8859-16"),
    "KOI8-R": ("koi8_r", "cskoi8r koi koi8 koi8-r koi8_r"),
    "KOI8-U": ("koi8_u", "koi8-ru koi8-u"),
    "macintosh": ("mac_roman", "csmacintosh mac macintosh x-mac-roman"),
    "windows-874": ("cp874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
    "windows-1250": ("cp1250", "cp1250 windows-1250 x-cp1250"),
    "windows-1251": ("cp1251", "cp1251 windows-1251 x-cp1251"),
    "windows-1252": ("cp1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 "
                               "iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"),
    "windows-1253": ("cp1253", "cp1253 windows-1253 x-cp1253"),
    "windows-1254": ("cp1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
                               "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"),
    "windows-1255": ("cp1255", "cp1255 windows-1255 x-cp1255"),
    "windows-1256": ("cp1256", "cp1256 windows-1256 x-cp1256"),
    "windows-1257": ("cp1257", "cp1257 windows-1257 x-cp1257"),
    "windows-1258": ("cp1258", "cp1258 windows-1258 x-cp1258"),
    "x-mac-cyrillic": ("mac_cyrillic", "x-mac-cyrillic x-mac-ukrainian"),
    "GBK": ("gb18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"),
    "gb18030": ("gb18030", "gb18030"),
    "Big5": ("big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    "EUC-JP": ("euc_jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    "ISO-2022-JP": ("iso2022_jp", "csiso2022jp iso-2022-jp"),
    "Shift_JIS": ("cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
    "EUC-KR": ("cp949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 "
                        "ksc_5601 windows-949"),
    "replacement": ("", "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement"),
    "UTF-16BE": ("utf-16-be", "unicodefffe utf-16be"),
    "UTF-16LE": ("utf-16-le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"),
    "x-user-defined": ("cp1252", "x-user-defined"),
}
_ENCODING_OF_LABEL = {label: name for name, (_, labels) in _WHATWG_ENCODINGS.items() for label in labels.split()}


def encoding_for_label(label: str) -> str | None:
    """The WHATWG encoding a label names (`latin1` → windows-1252, `x-sjis` → Shift_JIS), or None."""
    return _ENCODING_OF_LABEL.get(label.strip(" \t\n\f\r").lower())


def _meta_codec(label: str) -> tuple[str | None, str | None]:
    """(Python codec, note) for a charset a page's <meta> declares, as the HTML standard reads it:
    UTF-16 in a <meta> means UTF-8 (the bytes read so far were ASCII), x-user-defined windows-1252."""
    name = encoding_for_label(label)
    shown = "".join(ch if ch.isprintable() else "?" for ch in label)[:40]
    if name is None:
        return None, f"its charset {shown!r} is not a text encoding; read as UTF-8"
    if name == "replacement":
        return None, f"its charset {shown!r} is not one viewer reads (the Encoding Standard refuses it); read as UTF-8"
    if name in ("UTF-16BE", "UTF-16LE"):
        return "utf-8", None
    return _WHATWG_ENCODINGS[name][0], None


def decode_html(data: bytes, notes: list[str] | None = None) -> str:
    """The page's text: BOM, then the charset its <meta> declares (a WHATWG label; anything else is
    noted in `notes` and ignored), then UTF-8, then Windows-1252."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    head = data[:4096].decode("ascii", errors="replace")
    # The HTML standard's prescan looks for a charset in the first bytes; this is that lookup.
    declared = _DECLARED_CHARSET.search(head)
    if declared:
        codec, note = _meta_codec(declared.group(1))
        if note is not None and notes is not None:
            notes.append(note)
        if codec is not None:
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_CLASS_WORDS: dict[int, frozenset[str]] = {}
"""_class_words by element, for the page being read (cleared by read_page)."""
_SEPARATORS = str.maketrans("_-", "  ")


def _class_words(node) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """What _classes gives, in plain string operations and once per element: an element's
    class and id are looked at by each of its descendants' photo-container checks."""
    found = _CLASS_WORDS.get(node.mem_id)
    if found is None:
        attributes = node.attributes
        words: set[str] = set()
        for name in ("class", "id"):
            value = (attributes.get(name) or "").lower()
            words.update(value.translate(_SEPARATORS).split())
            words.update(value.split())
        found = _CLASS_WORDS[node.mem_id] = frozenset(words)
    return found


def _is_chrome(node) -> bool:  # type: ignore[no-untyped-def]
    if node.tag in CHROME_TAGS:
        return True
    if node.tag == "header" and node.parent is not None and node.parent.tag == "body":
        return True  # the site's header (an article's own <header> holds its headline and photo)
    attributes = node.attributes
    if (attributes.get("role") or "").lower() in CHROME_ROLES or attributes.get("aria-hidden") == "true":
        return True
    return bool(_class_words(node) & CHROME_WORDS)


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


MAX_CANDIDATES = 12
"""Addresses tried per picture (each may be a file to look up)."""


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
        for number, source in enumerate(picture.iter()):
            if number >= 20:
                break  # a <picture> offers a few formats and sizes, not hundreds
            if source.tag == "source":
                found += _srcset_best(source.attributes.get("srcset") or source.attributes.get("data-srcset") or "")
    if attributes.get("src"):
        found.append(attributes["src"])
    usable = [url.strip() for url in found if url and url.strip() and not url.strip().startswith(("data:", "javascript:"))]
    return usable[:MAX_CANDIDATES]


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


CONTAINER_BUDGET = 300
"""Elements of a figure-like container looked at for its caption and credit (a real one has a
dozen): nested containers cannot make the search quadratic."""


def _descendants(node, budget: int = CONTAINER_BUDGET) -> list[tuple[object, bool]]:  # type: ignore[no-untyped-def]
    """The first `budget` elements inside `node` in document order, each with whether it lies in a
    caption (<figcaption>, .wp-caption-text)."""
    found: list[tuple[object, bool]] = []
    stack = [(node.iter(), False)]
    while stack and len(found) < budget:
        children, in_caption = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        found.append((child, in_caption))
        inside = in_caption or child.tag == "figcaption" or "wp-caption-text" in _class_tokens(child)
        stack.append((child.iter(), inside))
    return found


def _class_tokens(node) -> list[str]:  # type: ignore[no-untyped-def]
    return (node.attributes.get("class") or "").split()


def _credit_nodes(node, has_image: frozenset[int] | set[int] = frozenset()) -> list:  # type: ignore[no-untyped-def]
    """Elements holding a credit: by class (credit, copyright…), or a <cite>/<small> in a caption.
    An element holding a picture is never a credit."""
    inside = [(child, in_caption) for child, in_caption in _descendants(node)
              if child.mem_id not in has_image]  # type: ignore[attr-defined]
    found = [child for child, _ in inside if any(word in " ".join(_class_words(child)) for word in CREDIT_WORDS)]
    return found or [child for child, in_caption in inside
                     if in_caption and child.tag in ("cite", "small")]  # type: ignore[attr-defined]


def _text_without_images(node, has_image: frozenset[int] | set[int]) -> str:  # type: ignore[no-untyped-def]
    """The text of `node` without the parts that hold pictures (a caption wrapping another figure)."""
    if node.mem_id not in has_image:
        return _text(node)
    parts = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.mem_id not in has_image and child.tag != "img":
            parts.append(child.text(separator=" ", strip=True) or "")
    return " ".join(" ".join(parts).split())


def _container(node):  # type: ignore[no-untyped-def]
    """The figure-like element holding a picture and its caption (or None)."""
    current = node.parent
    for _ in range(6):
        if current is None or current.tag in ("body", "article", "main"):
            return None
        classes = " ".join(_class_words(current))
        if current.tag == "figure" or any(word in classes for word in PHOTO_CONTAINERS[1:]):
            return current
        current = current.parent
    return None


def _caption_of(container, image, has_image: frozenset[int] | set[int] = frozenset()) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    """(caption, credit) from a figure-like container (its first CONTAINER_BUDGET elements)."""
    if container is None:
        return "", None
    inside = [child for child, _ in _descendants(container)]
    caption_node = next((child for child in inside if child.tag == "figcaption"), None)  # type: ignore[attr-defined]
    if caption_node is None:
        for name in CAPTION_CLASSES:
            caption_node = next((child for child in inside if name in _class_tokens(child)), None)
            if caption_node is not None:
                break
    credit = None
    credit_texts = []
    for node in _credit_nodes(container, has_image):
        text = _text(node)
        if text and len(text) <= 200:
            credit_texts.append(text)
    if credit_texts:
        credit = max(credit_texts, key=len)
    caption = _text_without_images(caption_node, has_image) if caption_node is not None else ""
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


# -- the pre-scan: what the HTML parser would build slowly is refused or simplified first ----------
#
# One pass over the page in document order, in the tokenizer's own terms (tags, attributes,
# comments, raw text), hopping from one `<` to the next at C speed. The page the parser then sees
# is written back from those tokens (tags and attributes re-serialised, comments left out), so what
# the pre-scan measured is exactly what the parser builds: no page can smuggle structure past it.
MAX_ELEMENTS = 200_000
"""Start tags in a page (a long Wikipedia article has about 50,000)."""
MAX_ATTRIBUTE_TOKENS = 1_000_000
"""Attributes in a page, all elements together."""
MAX_ELEMENT_ATTRIBUTES = 64
"""Attributes kept per element (the rest are dropped: the tree builder checks each for duplicates)."""
MAX_WORD_ATTRIBUTE = 1_000
"""Longest class, id, style, data-*, aria-* or on* value kept; longer ones are dropped."""
MAX_ATTRIBUTE = 16 * 1024
"""Longest value kept for any other attribute (a src, srcset, alt or content)."""
MAX_TABLE_CELLS = 10_000
"""Table cells read as a table; beyond it table tags are dropped and the cells' text flows on."""
SOFT_DEPTH = 512
"""Inline formatting nested deeper than this is dropped (its text is kept)."""
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "param", "keygen", "image", "basefont", "bgsound", "frame"})
_IMPLIED_END = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
                          "colgroup", "caption", "rp", "rt", "rb", "rtc", "html", "head", "body"})
"""Elements the tree builder closes by itself (one never holds another of its kind) or only once."""
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
                         "u", "span", "abbr", "cite", "mark", "q", "sub", "sup", "time", "label", "bdi", "bdo",
                         "del", "ins", "kbd", "samp", "var", "dfn", "data"})
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "title"})
_FORM_CONTROLS = frozenset({"select", "datalist", "textarea"})
"""Never photo material: their content is left out before parsing (a <select> with 100,000
<option>s is quadratic in the tree builder)."""
_FORM_PARTS = frozenset({"option", "optgroup"})
_TABLE_TAGS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "col", "colgroup", "caption"})
_FOREIGN = frozenset({"svg", "math"})
_TAG_NAME_END = patterns.compile(r"[\s/>]")
_ATTRIBUTE_NAME_END = patterns.compile(r"[\s/>=]")
_NOT_SPACE = patterns.compile(r"[^\s]")
_NOT_SPACE_OR_SLASH = patterns.compile(r"[^\s/]")
_UNQUOTED_END = patterns.compile(r"[\s>]")
_STOPS = {
    _TAG_NAME_END: lambda ch: ch.isspace() or ch in "/>",
    _ATTRIBUTE_NAME_END: lambda ch: ch.isspace() or ch in "/>=",
    _NOT_SPACE: lambda ch: not ch.isspace(),
    _NOT_SPACE_OR_SLASH: lambda ch: not ch.isspace() and ch != "/",
    _UNQUOTED_END: lambda ch: ch.isspace() or ch == ">",
}
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _find(text: str, start: int, pattern) -> int:  # type: ignore[no-untyped-def]
    """Index of the first character at or after `start` matching the one-character `pattern`, else
    len(text). Names and values are short: the first characters are tried one by one (a call into
    RE2 costs more than a dozen of them); then windows that grow fourfold, linear in the distance."""
    n = len(text)
    stop = _STOPS[pattern]
    limit = min(start + 24, n)
    while start < limit:
        if stop(text[start]):
            return start
        start += 1
    window = 64
    while start < n:
        chunk = text[start:start + window]
        found = pattern.search(chunk)
        if found is not None:
            return start + found.start()
        start += len(chunk)
        window = min(window * 4, 1 << 20)
    return n


def _word_attribute(name: str) -> bool:
    return name in ("class", "id", "style") or name.startswith(("data-", "aria-", "on"))


@dataclass
class _Tag:
    name: str
    attributes: list[tuple[str, str]]
    self_closing: bool
    end: int
    """Index just after the tag's `>`."""
    too_many: int = 0
    giant: list[tuple[str, int]] = field(default_factory=list)


def _add_attribute(tag: _Tag, attribute: str, value: str, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise PageProblem(f"it has more than {MAX_ATTRIBUTE_TOKENS:,} attributes; no saved page does that")
    if len(tag.attributes) >= MAX_ELEMENT_ATTRIBUTES:
        tag.too_many += 1
    elif len(value) > (MAX_WORD_ATTRIBUTE if _word_attribute(attribute) else MAX_ATTRIBUTE):
        tag.giant.append((attribute, len(value)))
    elif attribute and not any(ch in attribute for ch in "\"'<=`"):
        tag.attributes.append((attribute, value))


def _read_tag(text: str, start: int, budget: list[int]) -> _Tag | None:
    """The tag whose `<` (or `</`) ends just before `start`; None when the text ends inside it (the
    tokenizer drops such a tag and everything after it). The tokenizer's own states, hopping."""
    close = text.find(">", start, start + 16)
    if close != -1 and text[start:close].isalnum():  # <td>, </p>: most tags have no attributes
        return _Tag(text[start:close].translate(_ASCII_LOWER), [], False, close + 1)
    n = len(text)
    stop = _find(text, start, _TAG_NAME_END)
    name = text[start:stop].translate(_ASCII_LOWER)
    tag = _Tag(name, [], False, n)
    i = stop
    while True:
        i = _find(text, i, _NOT_SPACE_OR_SLASH)
        if i >= n:
            return None
        if text[i] == ">":
            tag.self_closing = text[i - 1] == "/"
            tag.end = i + 1
            return tag
        stop = _find(text, i + 1, _ATTRIBUTE_NAME_END)
        attribute = text[i:stop].translate(_ASCII_LOWER)
        i = _find(text, stop, _NOT_SPACE)
        value = ""
        if i < n and text[i] == "=":
            i = _find(text, i + 1, _NOT_SPACE)
            if i >= n:
                return None
            quote = text[i]
            if quote in "\"'":
                close = text.find(quote, i + 1)
                if close == -1:
                    return None
                value, i = text[i + 1:close], close + 1
            elif quote != ">":
                stop = _find(text, i, _UNQUOTED_END)
                value, i = text[i:stop], stop
        _add_attribute(tag, attribute, value, budget)


def _raw_text_end(text: str, start: int, name: str) -> tuple[int, int]:
    """(where the raw text of a <name> element ends, where its end tag ends); len(text) twice if
    it is never closed."""
    n = len(text)
    at = start
    while True:
        at = text.find("</", at)
        if at == -1:
            return n, n
        after = at + 2 + len(name)
        if text[at + 2:after].translate(_ASCII_LOWER) == name and (after >= n or text[after] in " \t\n\r\f/>"):
            close = text.find(">", after)
            return at, (n if close == -1 else close + 1)
        at += 2


def _attribute_text(value: str) -> str:
    return value.replace('"', "&quot;")


@dataclass
class PreScan:
    html: str
    """The page as the parser is to read it."""
    notes: list[str]
    """What was left out or simplified, and why (for the import report)."""
    elements: int = 0
    depth: int = 0


def prescan(text: str) -> PreScan:
    """Refuse (PageProblem) or simplify, in one linear pass, a page the HTML parser would build
    slowly: too many elements or attributes, giant attributes, deep nesting, huge tables, form
    controls. See the module's MAX_* limits."""
    out: list[str] = []
    n = len(text)
    stack: list[str] = []
    open_count: dict[str, int] = {}
    foreign = 0
    elements = cells = deepest = 0
    budget = [MAX_ATTRIBUTE_TOKENS]
    form_controls = dropped_formatting = dropped_table_tags = too_many = 0
    giant: list[tuple[str, int]] = []
    i = 0
    while i < n:
        lt = text.find("<", i)
        if lt == -1 or lt + 1 >= n:
            out.append(text[i:])
            break
        if lt > i:
            out.append(text[i:lt])
        following = text[lt + 1]
        if following == "!":
            if text.startswith("<!--", lt):
                if text.startswith(("<!-->", "<!--->"), lt):
                    i = text.find(">", lt + 4) + 1
                    continue
                close = text.find("-->", lt + 4)
                i = n if close == -1 else close + 3  # comments are left out: never content
                continue
            close = text.find(">", lt)
            close = n if close == -1 else close + 1
            if text[lt:lt + 9].translate(_ASCII_LOWER) == "<!doctype":
                out.append(text[lt:close] if close - lt <= 1000 else "<!DOCTYPE html>")
            i = close
            continue
        if following == "?":
            close = text.find(">", lt)
            i = n if close == -1 else close + 1
            continue
        if following == "/":
            if lt + 2 >= n:
                out.append(text[lt:])
                break
            if text[lt + 2] == ">":
                i = lt + 3
                continue
            if not text[lt + 2].isascii() or not text[lt + 2].isalpha():
                close = text.find(">", lt)
                i = n if close == -1 else close + 1
                continue
            tag = _read_tag(text, lt + 2, budget)
            if tag is None:
                break
            i = tag.end
            name = tag.name
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top in _FOREIGN:
                        foreign -= 1
                    if top == name:
                        break
                out.append(f"</{name}>")
            elif name in _IMPLIED_END and not (name in _TABLE_TAGS and cells > MAX_TABLE_CELLS):
                out.append(f"</{name}>")
            elif name in ("p", "br"):
                out.append(f"</{name}>")
            # any other end tag closes nothing the parser has open: left out (the tree builder
            # would walk its whole stack of open elements for each)
            continue
        if not following.isascii() or not following.isalpha():
            out.append("<")
            i = lt + 1
            continue
        tag = _read_tag(text, lt + 1, budget)
        if tag is None:
            break
        elements += 1
        if elements > MAX_ELEMENTS:
            raise PageProblem(f"it has more than {MAX_ELEMENTS:,} elements; no saved page does that")
        i = tag.end
        name = tag.name
        too_many += tag.too_many
        giant.extend(tag.giant)
        if name in _FORM_CONTROLS:
            form_controls += 1
            i = _raw_text_end(text, i, name)[1]
            continue
        if name in _FORM_PARTS:
            continue
        if name in _TABLE_TAGS:
            if name in ("td", "th"):
                cells += 1
            if cells > MAX_TABLE_CELLS:
                dropped_table_tags += 1
                continue
        pushed = name not in _VOID and name not in _IMPLIED_END and not (foreign and tag.self_closing)
        if pushed and len(stack) >= SOFT_DEPTH and name in _FORMATTING:
            dropped_formatting += 1
            continue
        attributes = "".join(f' {key}="{_attribute_text(value)}"' for key, value in tag.attributes)
        out.append(f"<{name}{attributes}{'/' if tag.self_closing else ''}>")
        if name in _RAW_TEXT or name == "plaintext":
            end, after = _raw_text_end(text, i, name) if name != "plaintext" else (n, n)
            out.append(text[i:end])
            out.append(f"</{name}>")
            i = after
            continue
        if pushed:
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if name in _FOREIGN:
                foreign += 1
            if len(stack) > deepest:
                deepest = len(stack)
                if deepest >= MAX_DEPTH:
                    raise PageProblem(f"its elements nest more than {MAX_DEPTH:,} levels deep; no saved page does that")
    notes = []
    if giant:
        longest = max(giant, key=lambda item: item[1])
        notes.append(f"{len(giant):,} attribute{'s' if len(giant) != 1 else ''} too long to be real left out "
                     f"(the longest, {longest[0][:30]}, had {longest[1]:,} characters)")
    if too_many:
        notes.append(f"{too_many:,} attributes beyond {MAX_ELEMENT_ATTRIBUTES} on one element left out")
    if form_controls:
        notes.append(f"the contents of {form_controls:,} form control{'s' if form_controls != 1 else ''} "
                     "(select, datalist, textarea) left out")
    if dropped_table_tags:
        notes.append(f"tables with more than {MAX_TABLE_CELLS:,} cells: the rest read as plain text")
    if dropped_formatting:
        notes.append(f"{dropped_formatting:,} inline tags nested deeper than {SOFT_DEPTH} levels left out (their text is kept)")
    return PreScan("".join(out), notes, elements, deepest)


def read_page(data: bytes, page: Path) -> Page:
    from selectolax.lexbor import LexborHTMLParser

    notes: list[str] = []
    _CLASS_WORDS.clear()
    scanned = prescan(decode_html(data, notes))
    notes += scanned.notes
    tree = LexborHTMLParser(scanned.html)
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
    # Which elements hold a picture, marked once from each picture upwards (stopping where an
    # earlier one marked): linear, where asking each paragraph for an <img> inside is quadratic.
    has_image: set[int] = set()
    for image in root.css("img"):
        node = image.parent
        while node is not None and node.mem_id not in has_image:
            has_image.add(node.mem_id)
            node = node.parent
    sizes: dict[Path, tuple[int, int] | None] = {}
    link_texts: dict[int, str] = {}

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
            if local not in sizes:
                sizes[local] = _size(local)
            size = sizes[local]
            if size is None:
                skipped.append((name, "not an image viewer can read"))
                return None
            if min(size) < MIN_SIDE:
                skipped.append((name, f"{size[0]}×{size[1]} pixels: an icon, avatar or tracking pixel"))
                return None
        link = image.parent
        for _ in range(6):  # a link around a picture is its parent or close to it
            if link is None or link.tag in ("a", "figure", "article", "body"):
                break
            link = link.parent
        if link is not None and link.tag == "a" and container is None:
            target = urlsplit(link.attributes.get("href") or "").path.lower()
            if link.mem_id not in link_texts:
                link_texts[link.mem_id] = _text(link)[:1]
            if target and not target.endswith(IMAGE_SUFFIXES) and not link_texts[link.mem_id]:
                skipped.append((name, "a thumbnail linking to another page (related articles)"))
                return None
        seen_images.add(key)
        caption, credit = _caption_of(container, image, has_image)
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
        elif tag in ("p", "blockquote", "li", "dd") and child.mem_id not in has_image:
            if _container(child) is not None:
                return False  # a caption, read with its photo
            text = _text(child)
            if _class_words(child) & NOT_PROSE_WORDS or _BYLINE.fullmatch(text):
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
    page_read.notes = notes
    _CLASS_WORDS.clear()
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
