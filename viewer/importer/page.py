"""A web page saved from a browser (page.html + page_files/) read as a photo story.

Parsed with a real HTML5 parser (selectolax, on the Lexbor engine), never with regular
expressions. Four steps, each a bounded walk (linear in the page, which the pre-scan has capped):
1. Where the story is: one survey of the page counts, for each element, its text outside links and
   inside them and its photo-like pictures. Each paragraph and each photo scores the containers
   just above it, readability-style (a paragraph by its length and commas, a photo more with a
   caption of its own; both less for each level up and for text inside links), and the container
   scoring best, times its share of text outside links, is the story. `<article>`, `<main>` and
   itemprop=articleBody weigh a little more; class names decide nothing here. The story then
   grows to the element that also holds its headline; a gallery with hardly any text takes in
   the few clean lines around it; it grows to an ancestor when that brings in story photos it
   left out, takes in siblings that score like it, and the page's lead picture (og:image) when
   it is shown just above it (a theme's hero header).
2. The story is walked in document order into blocks: headings, prose (paragraphs, and text
   written straight into a container between `<br>`s) and photos. Chrome inside it is left out by
   tag (nav, aside, footer, forms, buttons, scripts), role or class word (share, related,
   comments, ads…), but never an element holding most of the story's photos or text, and a weak
   word (widget, sidebar, icon, logo…) never hides a story-sized photo. A picture's saved file
   wins over a web address in every lazy attribute and `<picture><source>`; a `<noscript>` copy
   of a picture already there is not read twice; a picture that is a teaser for another page
   (its link holds a title, or the title beside it links to the same page) is left out.
3. A photo's caption is the text of the nearest element that holds it and no other story photo (a
   figure, a caption cell of a table, a gallery item, a slideshow slide, whose heading is then the
   slide's title) but not the story's prose (paragraphs before the photo, or more than one), with
   visually hidden labels read as labels: "Image caption," is dropped, "Image source," /
   "Credit..." / "Photograph:" make what follows the credit, as does an element classed
   credit/copyright; counters ("3 / 10") are dropped. Photos under one caption element (a gallery
   card, a table's caption row) share it; else the element right after the photo is its caption
   when classed as one or set apart (emphasised, centred); numbered captions after a run of
   photos ("1. …", "2. …") go to them by number; JSON-LD ImageObject captions come last.
   credits.py finds a credit written inside a caption, or a caption that is all credit.
4. Slides: prose before the first photo is the introduction; prose after a photo belongs to it
   until the next one. A heading is its photo's title in a listicle (numbered headings, their
   numbers dropped, or a heading before nearly every photo), or when the photo has no caption of
   its own and nothing stands between them; otherwise it stays text. A caption is the slide's
   first text (a long one's first sentence its title).
The deck title is the headline the page's metadata agree on (og:title, JSON-LD headline, <title>,
its headings), without the site's name (" | Site", " — Studio", "Site: …", " - by Author").
Only files inside the page's own folder tree are ever read; remote images stay URLs (an address
relative to the site is made whole with the page's own address, from the page). A picture the
saved page names in its folder but that was not saved keeps its slide, without a picture.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from viewer import patterns
from viewer.importer.credits import credit_line, split_credit
from viewer.importer.furniture import furniture

NEVER_CONTENT = frozenset({"script", "style", "template", "iframe", "svg", "math", "object", "embed", "video",
                           "audio", "select", "textarea", "input", "button", "canvas", "map", "datalist", "head",
                           "title", "meta", "link", "option"})
"""Never story text or photos: left out of every walk."""
CHROME_TAGS = ("nav", "footer", "aside", "form")
"""Landmarks around the story: left out unless one holds most of it."""
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
CHROME_WORDS = {"ad", "ads", "adslot", "promo", "modal", "nav", "navbar", "menu", "toolbar", "masthead"}
"""Class or id words (whole) of page chrome inside the story."""
CHROME_PARTS = ("share", "sharing", "related", "recommend", "newsletter", "subscri", "advert", "sponsor", "comment",
                "breadcrumb", "cookie", "popup", "signup", "paywall", "outbrain", "taboola", "trending", "popular",
                "footer", "more-stories", "read-next", "social")
"""Parts of class or id values of page chrome ("jp-relatedposts", "sharedaddy")."""
WEAK_WORDS = {"sidebar", "widget", "avatar", "gravatar", "logo", "icon", "icons", "emoji", "badge", "author-image"}
"""Chrome words that never hide a story-sized photo (a post wrapper classed "widget" or
"sidebar-aware", a gallery cell classed "gallery-icon")."""
HIDDEN_PARTS = ("sr-only", "visually-hidden", "visuallyhidden", "visually_hidden", "screen-reader", "screenreader",
                "sr_only", "element-invisible", "offscreen", "a11y-hidden", "assistive-text", "hidden-visually")
"""Classes of text only screen readers see: labels ("Image caption,", "Credit..."), not prose."""
CREDIT_WORDS = ("credit", "copyright", "attribution", "photographer", "byline", "source", "courtesy")
NOT_PROSE_WORDS = {"byline", "author", "authors", "dateline", "timestamp", "date", "published", "updated", "tags",
                   "category", "categories", "kicker", "eyebrow", "meta", "posted", "reading-time"}
"""Classes of paragraphs that are about the article, not part of it."""
CREDIT_LABELS = frozenset({
    "image source", "image copyright", "copyright", "credit", "credits", "photo credit", "photo credits",
    "image credit", "image credits", "picture credit", "photograph", "photographs", "photo", "photos", "picture",
    "pictures", "image", "images", "source", "courtesy", "courtesy of", "photographer", "photo by", "photos by",
    "photograph by", "image by", "picture by", "image courtesy", "photo courtesy", "©", "(c)"})
CAPTION_LABELS = frozenset({"image caption", "caption", "media caption", "photo caption", "video caption",
                            "image description", "picture caption"})
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em",
                         "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "picture", "q", "s", "samp",
                         "small", "source", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PARAGRAPHS = frozenset({"p", "blockquote", "li", "dd", "dt", "pre"})
"""Read whole as one prose block (when no picture is inside)."""
UNIT_TAGS = PARAGRAPHS | {"td", "th", "figcaption"}
"""Paragraph-like elements: their text scores the containers above them, not themselves."""
_BYLINE = patterns.compile(r"by\s+\S+(?:\s+\S+){0,5}", patterns.IGNORECASE)
_LIST_NUMBER = patterns.compile(r"\s*(?:#\s*(\d{1,3})[.):]?|(\d{1,3})\s*[.):])\s+")
"""A list number before a heading or caption: "12. ", "12) ", "#12 ", "#12. "."""
MIN_SIDE = 100
"""Pictures smaller than this (either side) are icons, avatars or pixels, not photos."""
STORY_SIDE = 200
"""A picture declared at least this big on one side is story-sized (a weak chrome word cannot hide it)."""
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


_CLASS_TEXT: dict[int, str] = {}


def _class_text(node) -> str:  # type: ignore[no-untyped-def]
    """An element's class and id, lower-cased, as one string (for the CHROME_PARTS and
    CREDIT_WORDS tests), once per element."""
    found = _CLASS_TEXT.get(node.mem_id)
    if found is None:
        attributes = node.attributes
        found = _CLASS_TEXT[node.mem_id] = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
    return found


NOT_CHROME, WEAK_CHROME, CHROME, ALWAYS_CHROME = range(4)


def _chrome_kind(node) -> int:  # type: ignore[no-untyped-def]
    """How surely an element is page chrome, by its tag, role or class words (the reader decides
    whether it holds too much of the story to be left out)."""
    tag = node.tag
    if tag in NEVER_CONTENT:
        return ALWAYS_CHROME
    attributes = node.attributes
    if attributes.get("aria-hidden") == "true" or "hidden" in attributes:
        return ALWAYS_CHROME
    if tag in CHROME_TAGS or tag == "header" and node.parent is not None and node.parent.tag == "body":
        return CHROME  # the site's header (an article's own <header> holds its headline and photo)
    if (attributes.get("role") or "").lower() in CHROME_ROLES:
        return CHROME
    return _class_chrome(node)


def _class_chrome(node) -> int:  # type: ignore[no-untyped-def]
    """How surely an element is page chrome by its class and id words alone."""
    attributes = node.attributes
    if not attributes.get("class") and not attributes.get("id"):
        return NOT_CHROME
    words = _class_words(node)
    if words & CHROME_WORDS:
        return CHROME
    value = _class_text(node)
    if any(part in value for part in CHROME_PARTS):
        return CHROME
    return WEAK_CHROME if words & WEAK_WORDS else NOT_CHROME


def _hidden(node) -> bool:  # type: ignore[no-untyped-def]
    """Text only screen readers see (visually-hidden, sr-only, screen-reader-text…)."""
    if not node.attributes.get("class"):
        return False
    value = _class_text(node)
    return any(part in value for part in HIDDEN_PARTS)


def _label(text: str) -> str | None:
    """"credit" or "caption" when `text` is only a label ("Image source,", "Credit...",
    "Photograph:", "Image caption,"), else None."""
    if len(text) > 40:
        return None
    key = " ".join(text.replace("\u2026", " ").replace("...", " ").lower().split())
    if key in ("©", "(c)"):
        return "credit"
    key = " ".join(key.strip(" ,.:;|-\u2013\u2014").split())
    if key in CREDIT_LABELS:
        return "credit"
    if key in CAPTION_LABELS:
        return "caption"
    return None


def _text(node) -> str:  # type: ignore[no-untyped-def]
    return " ".join((node.text(separator=" ", strip=True) or "").split())


def _norm(text: str | None) -> str:
    """Text compared for sameness: case, punctuation and spacing aside."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in (text or "")[:1000].casefold()).split())


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


MAX_CANDIDATES = 16
"""Addresses tried per picture (each may be a file to look up)."""


def _candidates(image, picture) -> list[str]:  # type: ignore[no-untyped-def]
    """Every address the page gives for this picture, best first: the full-size file, then each
    srcset's largest (the picture's own, then its <picture>'s <source>s), then the lazy-loading
    attributes, `src` last (often a placeholder until a script swaps the real one in). The
    reader takes the first that is a saved file, and only without one a web address."""
    found: list[str] = []
    attributes = image.attributes
    for name in ("data-full-url", "data-orig-file", "data-large-file"):
        if attributes.get(name):
            found.append(attributes[name])
    for name in ("data-lazy-srcset", "data-srcset", "srcset"):
        found += _srcset_best(attributes.get(name) or "")[:4]
    if picture is not None:
        for number, source in enumerate(picture.iter()):
            if number >= 20:
                break  # a <picture> offers a few formats and sizes, not hundreds
            if source.tag == "source":
                for name in ("data-srcset", "srcset"):
                    found += _srcset_best(source.attributes.get(name) or "")[:2]
    for name in ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url"):
        if attributes.get(name):
            found.append(attributes[name])
    if attributes.get("src"):
        found.append(attributes["src"])
    usable = list(dict.fromkeys(url.strip() for url in found if url and url.strip()
                                and not url.strip().startswith(("data:", "javascript:"))))
    return usable[:MAX_CANDIDATES]


def _photo_like(image) -> bool:  # type: ignore[no-untyped-def]
    """A picture that may be a photo, judged from its markup alone (the survey's test)."""
    if _declared_small(image):
        return False
    attributes = image.attributes
    for name in ("src", "data-src", "data-lazy-src", "srcset", "data-srcset", "data-lazy-srcset", "data-original"):
        value = (attributes.get(name) or "").strip()
        if value and not value.startswith(("data:", "javascript:")):
            return not urlsplit(value.split(" ", 1)[0]).path.lower().endswith(".svg")
    return image.parent is not None and image.parent.tag == "picture"


def _declared_big(image) -> bool:  # type: ignore[no-untyped-def]
    for name in ("width", "height"):
        value = (image.attributes.get(name) or "").strip().rstrip("px")
        if value.isdigit() and int(value) >= STORY_SIDE:
            return True
    return False


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
    """Declared an icon, avatar, badge or pixel: both sides under MIN_SIDE, or a sliver (a side
    under a third of it). A gallery thumbnail shown at 120×80 is still a photo."""
    sides = []
    for name in ("width", "height"):
        value = (image.attributes.get(name) or "").strip().rstrip("px").strip()
        if value.isdigit():
            sides.append(int(value))
    if not sides:
        return False
    return max(sides) < MIN_SIDE or min(sides) < MIN_SIDE // 3


@dataclass
class _LinkedData:
    images: dict[str, dict] = field(default_factory=dict)
    """ImageObject entries, by the last part of their address."""
    headlines: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    """Names of the site or publisher (WebSite, Organization, publisher, isPartOf)."""


_SITE_TYPES = {"WebSite", "Organization", "NewsMediaOrganization", "Blog", "Periodical"}


def _json_ld(tree) -> _LinkedData:  # type: ignore[no-untyped-def]
    """What the page's JSON-LD says about its images, headline and site (bounded: 20 levels,
    1,000 items a level)."""
    found = _LinkedData()

    def visit(value, depth=0, key=""):  # type: ignore[no-untyped-def]
        if depth > 20:
            return
        if isinstance(value, list):
            for item in value[:1000]:
                visit(item, depth + 1, key)
        elif isinstance(value, dict):
            kind = value.get("@type")
            kinds = set(kind if isinstance(kind, list) else [kind]) - {None}
            url = value.get("contentUrl") or value.get("url")
            if "ImageObject" in kinds and isinstance(url, str):
                found.images[_basename(url)] = value
            headline = value.get("headline")
            if isinstance(headline, str) and headline.strip() and len(found.headlines) < 5:
                found.headlines.append(" ".join(headline.split()))
            name = value.get("name")
            if isinstance(name, str) and name.strip() and (kinds & _SITE_TYPES or key in ("publisher", "isPartOf")):
                found.sites.append(" ".join(name.split()))
            for item_key, item in list(value.items())[:1000]:
                if isinstance(item, (dict, list)):
                    visit(item, depth + 1, str(item_key))

    for script in tree.css('script[type="application/ld+json"]'):
        try:
            visit(json.loads(script.text(strip=True) or "null"))
        except (ValueError, RecursionError):
            continue
    return found


def _basename(address: str) -> str:
    return os.path.basename(unquote(urlsplit(address).path)).lower()


CONTAINER_BUDGET = 300
"""Elements of a caption element looked at for its caption and credit (a real one has a dozen):
nested containers cannot make the search quadratic."""
MAX_CAPTION = 2500
"""Characters: an element holding more text than this is the story's prose, not a caption."""


def _caption_parts(node, skip: frozenset[int] | set[int] = frozenset()) -> tuple[str, str | None, str]:  # type: ignore[no-untyped-def]
    """(caption, credit, heading) in the text of `node` (its first CONTAINER_BUDGET elements),
    leaving out pictures, chrome, furniture (a "3 / 10" counter) and the elements in `skip` (the
    photo's own link). A visually hidden label is read as one: after "Image source," or
    "Credit...", the rest of its parent is the credit; after "Image caption," the caption. An
    element classed credit/copyright holds the credit, and so does a <cite> or <small> when
    nothing else does. A heading inside (a slideshow slide's) is given apart."""
    caption: list[str] = []
    heading: list[str] = []
    credits: list[list[str]] = []
    weak: list[str] = []
    budget = CONTAINER_BUDGET
    # frame: children, role of this element's text (None: caption), role after a label inside it
    stack: list[list] = [[node.iter(include_text=True), None, None]]
    while stack and budget > 0:
        frame = stack[-1]
        child = next(frame[0], None)
        if child is None:
            stack.pop()
            continue
        budget -= 1
        role = frame[2] if frame[2] is not None else frame[1]
        tag = child.tag
        if tag == "-text":
            value = child.text_content or ""
            if not value.strip():
                continue
            label = _label(value)
            if label is not None:
                frame[2] = "credit" if label == "credit" else "caption"
                if label == "credit":
                    credits.append([])
                continue
            if role == "credit":
                if not credits:
                    credits.append([])
                credits[-1].append(value)
            elif role == "heading":
                heading.append(value)
            elif len(value) < 40 and any(ch.isalnum() for ch in value) and furniture(value) is not None:
                continue  # a "3 / 10" counter, an "Enlarge" button's word
            elif role == "weak":
                weak.append(value)
            else:
                caption.append(value)
            continue
        if tag[0] == "-" or tag in ("img", "picture", "source", "noscript") or child.mem_id in skip:
            continue
        if tag in NEVER_CONTENT or child.attributes.get("aria-hidden") == "true" or _class_chrome(child):
            continue  # buttons, share links, icons (a <footer> in a figure may hold its credit)
        if _hidden(child):
            label = _label(_text(child))
            if label is not None:
                frame[2] = "credit" if label == "credit" else "caption"
                if label == "credit":
                    credits.append([])
            continue
        if tag == "a" and urlsplit(child.attributes.get("href") or "").path.lower().endswith(IMAGE_SUFFIXES):
            continue  # "Enlarge this image": a link to the picture's own file
        child_role = role
        classes = _class_text(child) if child.attributes.get("class") else ""
        if "caption" in classes and role != "credit":
            child_role = None  # a caption box, even one named "credit-caption"
        elif any(word in classes for word in CREDIT_WORDS):
            child_role = "credit"
            credits.append([])
        elif tag in ("cite", "small") and role in (None, "caption"):
            child_role = "weak"
        elif tag in HEADINGS and role in (None, "caption") and not heading:
            child_role = "heading"
        elif tag in INLINE_TAGS and child_role != "credit":
            label = _label(_text(child))
            if label is not None:  # a visible label: "<span>Photograph:</span> Name/Agency"
                frame[2] = "credit" if label == "credit" else "caption"
                if label == "credit":
                    credits.append([])
                continue
        stack.append([child.iter(include_text=True), child_role, None])
    texts = [" ".join(" ".join(part).split()).strip(" |,;") for part in credits]
    texts = [t for t in texts if t and len(t) <= 200]
    credit = max(texts, key=len) if texts else None
    if credit is None and weak:
        credit = " ".join(" ".join(weak).split()) or None
    elif weak:
        caption += weak
    pieces, seen = [], set()
    for piece in caption:  # a lightbox's copy of the caption in the same box counts once
        key = _norm(piece)
        if len(key) >= 12 and key in seen:
            continue
        seen.add(key)
        pieces.append(piece)
    text = " ".join(" ".join(pieces).split()).strip(" |\u2014\u2013-\u00b7")
    title = " ".join(" ".join(heading).split())
    if title and not text:
        text, title = title, ""
    return text, credit, title


def _finish_caption(caption: str, credit: str | None) -> tuple[str, str | None]:
    """A credit written inside the caption is moved out (credits.py's grammar); a caption that is
    only a credit ("Photo by X / Unsplash") is a credit."""
    if credit and caption.endswith(credit):
        caption = caption[: -len(credit)].rstrip(" |\u2014\u2013-")
    elif credit and caption.startswith(credit):
        caption = caption[len(credit):].lstrip(" |\u2014\u2013-:")
    if caption and credit is None:
        caption, credit = split_credit(caption)
        if credit is None and credit_line(caption) is not None:
            caption, credit = "", credit_line(caption)
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


# -- the page's own address and title ------------------------------------------------------------


def _saved_from(text: str) -> str | None:
    """The address a browser noted when it saved the page (`<!-- saved from url=(0042)https://… -->`)."""
    at = text.find("saved from url=", 0, 4096)
    if at == -1:
        return None
    rest = text[at + 15:at + 2100]
    if rest.startswith("("):
        close = rest.find(")")
        rest = rest[close + 1:] if close != -1 else rest
    end = rest.find("-->")
    words = rest[:end if end != -1 else len(rest)].split()
    return words[0] if words else None


def _meta(tree, *selectors: str) -> str:  # type: ignore[no-untyped-def]
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            value = " ".join((node.attributes.get("content") or node.attributes.get("href") or "").split())
            if value:
                return value[:1000]
    return ""


def _base_address(tree, saved_from: str | None) -> str | None:  # type: ignore[no-untyped-def]
    """The page's own web address (for its site-relative picture addresses), or None."""
    base = tree.css_first("base[href]")
    for value in ((base.attributes.get("href") or "") if base is not None else "", saved_from or "",
                  _meta(tree, 'link[rel="canonical"]'), _meta(tree, 'meta[property="og:url"]')):
        value = value.strip()
        if value and urlsplit(value).scheme in ("http", "https") and urlsplit(value).netloc:
            return value
    return None


_TITLE_SEPARATORS = (" | ", " || ", " \u2013 ", " \u2014 ", " - ", " \u00b7 ", " \u2022 ", " :: ", " \u00bb ", " / ",
                     " ~ ")


def _title_split(text: str) -> list[tuple[str, str]]:
    """A title cut at its separators: (the separator before it, part)."""
    parts: list[tuple[str, str]] = []
    before, start = "", 0
    while len(parts) < 12:
        nearest, which = -1, ""
        for separator in _TITLE_SEPARATORS:
            at = text.find(separator, start)
            if at != -1 and (nearest == -1 or at < nearest):
                nearest, which = at, separator
        if nearest == -1:
            break
        parts.append((before, text[start:nearest].strip()))
        before, start = which, nearest + len(which)
    parts.append((before, text[start:].strip()))
    return [(separator, part) for separator, part in parts if part]


def _title_parts(text: str) -> list[str]:
    """The pieces a title may be made of: between its separators, and either side of its first
    colon ("Blog name: Post title")."""
    parts = [part for _, part in _title_split(text)]
    colon = text.find(": ")
    if 0 < colon < 80:
        parts += [text[:colon].strip(), text[colon + 2:].strip()]
    return [part for part in parts if part]


def _without_site(text: str, sites: set[str]) -> str:
    """`text` without the site's name before or after it (" | Site", "Site: …") and without a
    trailing " - by Author"."""
    parts = _title_split(text)
    while len(parts) > 1:
        last = _norm(parts[-1][1])
        if last in sites or last.startswith("by ") and len(last.split()) <= 6:
            parts.pop()
        elif _norm(parts[0][1]) in sites:
            parts.pop(0)
            parts[0] = ("", parts[0][1])
        else:
            break
    text = "".join(separator + part for separator, part in parts)
    colon = text.find(":")
    if 0 < colon < 80 and _norm(text[:colon]) in sites and text[colon + 1:].strip():
        text = text[colon + 1:].strip()
    return text


def _page_title(tree, linked: _LinkedData) -> tuple[str | None, set[str]]:  # type: ignore[no-untyped-def]
    """The headline the page's metadata and headings agree on, without the site's name; and
    the site's names (compared as _norm gives them)."""
    sites = {_norm(name) for name in (_meta(tree, 'meta[property="og:site_name"]', 'meta[name="og:site_name"]'),
                                      _meta(tree, 'meta[name="application-name"]'), *linked.sites[:5]) if _norm(name)}
    title_node = tree.css_first("title")
    document = _text(title_node)[:1000] if title_node is not None else ""
    og = _meta(tree, 'meta[property="og:title"]', 'meta[name="og:title"]')
    twitter = _meta(tree, 'meta[name="twitter:title"]', 'meta[property="twitter:title"]')
    headings = [text for text in (_text(h)[:1000] for h in tree.css("h1, h2, h3")[:40]) if text]
    h1s = [text for text in (_text(h)[:1000] for h in tree.css("h1")[:10]) if text and _norm(text) not in sites]
    strong = [_without_site(og, sites), *(_without_site(h, sites) for h in linked.headlines[:3]),
              _without_site(twitter, sites), _without_site(document, sites)]
    # Each source votes once for each form it gives; a headline two sources give is the title.
    parts_of_og, parts_of_document = _title_parts(og), _title_parts(document)
    sources = [{_norm(strong[0])} | {_norm(part) for part in parts_of_og}]
    sources += [{_norm(text)} for text in strong[1:-1]]
    sources.append({_norm(strong[-1])} | {_norm(part) for part in parts_of_document})
    sources.append({_norm(text) for text in headings})
    votes: dict[str, int] = {}
    for source in sources:
        for key in source - {""}:
            votes[key] = votes.get(key, 0) + 1
    parts = parts_of_og + parts_of_document
    agreed = [(votes.get(_norm(text), 0), len(text), -rank, text)
              for rank, text in enumerate([*strong[:-1], *h1s, strong[-1], *parts, *headings])
              if text and votes.get(_norm(text), 0) >= 2 and _norm(text) not in sites]
    if agreed:
        return max(agreed)[3], sites  # the form most sources give (a site's name is the shorter)
    for text in [*strong[:-2], *h1s]:
        if text and _norm(text) not in sites:
            return text, sites
    if strong[-1]:
        pieces = [part for _, part in _title_split(strong[-1]) if _norm(part) not in sites]
        return (max(pieces, key=len) if pieces else strong[-1]), sites
    return None, sites


# -- 1. where the story is: the survey --------------------------------------------------------------


@dataclass
class _Survey:
    """One pass over the page: what each element holds. Positions are elements' indexes in
    document order (pictures have their own); an element's descendants lie in [first, end)."""

    info: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    """Block elements holding text or photo-like pictures: (first, end, text outside links,
    text inside links), in characters."""
    photos: list[int] = field(default_factory=list)
    """Positions of the photo-like pictures."""
    big: list[int] = field(default_factory=list)
    """Positions of those declared story-sized."""
    images: list[tuple[int, object]] = field(default_factory=list)
    units: list[tuple[int, float]] = field(default_factory=list)
    """Paragraphs and photos: (position, score)."""
    credit: dict[int, float] = field(default_factory=dict)
    """Each container's score from the paragraphs and photos just below it."""
    nodes: dict[int, object] = field(default_factory=dict)
    has_image: set[int] = field(default_factory=set)
    """Elements holding an <img> (outside <noscript>)."""
    linked: set[int] = field(default_factory=set)
    """Positions of photo-like pictures inside a link to another page."""
    unit_keys: list[int] = field(default_factory=list)
    paragraph_ends: list[int] = field(default_factory=list)
    """Where each paragraph's element ends (sorted)."""

    def count(self, positions: list[int], element_id: int) -> int:
        span = self.info.get(element_id)
        if span is None:
            return 0
        return bisect_left(positions, span[1]) - bisect_left(positions, span[0])

    def text(self, element_id: int) -> tuple[int, int]:
        span = self.info.get(element_id)
        return (span[2], span[3]) if span is not None else (0, 0)


_LEVEL_SHARE = (1.0, 2.0, 6.0)
"""A paragraph's or photo's score is given to the container above it whole, to the next half,
to the one above that a sixth (readability's dividers)."""


def _survey(body) -> _Survey:  # type: ignore[no-untyped-def]
    found = _Survey()
    position = 1
    text_total = link_total = 0
    # A frame: 0 node, 1 children, 2 id, 3 is a block, 4 first position, 5 text and 6 link text
    # before it, 7 its own text (outside nested blocks), 8 own link text, 9 own commas, 10 inside
    # a link, 11 index of the nearest block frame (itself for a block).
    stack: list[list] = [[body, body.iter(include_text=True), body.mem_id, True, 0, 0, 0, 0, 0, 0, False, 0]]
    while stack:
        frame = stack[-1]
        child = next(frame[1], None)
        if child is None:
            stack.pop()
            if frame[3]:
                _close_block(found, frame, stack, position, text_total, link_total)
            continue
        tag = child.tag
        if tag == "-text":
            value = child.text_content
            if value:
                size = len(value.strip())
                if size:
                    owner = stack[frame[11]]
                    if frame[10]:
                        link_total += size
                        owner[8] += size
                    else:
                        text_total += size
                        owner[7] += size
                        owner[9] += value.count(",")
            continue
        if tag[0] == "-" or tag in NEVER_CONTENT or tag == "noscript":
            continue
        if tag == "img":
            if _photo_like(child):
                found.photos.append(position)
                found.images.append((position, child))
                if _declared_big(child):
                    found.big.append(position)
                if frame[10] and _in_page_link(stack):
                    found.linked.add(position)
            for up in reversed(stack):  # each element marked once: the marks above it are there
                if up[2] in found.has_image:
                    break
                found.has_image.add(up[2])
            position += 1
            continue
        block = tag not in INLINE_TAGS
        in_link = frame[10] or tag == "a" and bool(child.attributes.get("href"))
        stack.append([child, child.iter(include_text=True), child.mem_id, block, position, text_total, link_total,
                      0, 0, 0, in_link, len(stack) if block else frame[11]])
        position += 1
    _photo_units(found)
    found.units.sort()
    found.paragraph_ends.sort()
    found.unit_keys = [key for key, _ in found.units]
    return found


def _close_block(found: _Survey, frame: list, stack: list, position: int, text_total: int, link_total: int) -> None:
    node, _, element, _, first, text_before, links_before, own_text, own_links, commas = frame[:10]
    text, links = text_total - text_before, link_total - links_before
    if text or links or found.photos and found.photos[-1] > first:
        found.info[element] = (first, position, text, links)
    tag = node.tag
    if own_text < 25 or tag in HEADINGS:
        return
    own = own_text + own_links
    score = (1 + min(commas, 10) + min(own // 100, 3)) * own_text / own
    # A paragraph stands where it starts; text written into a container, at the container's end
    # (it may follow the picture in it).
    found.units.append((first if tag in UNIT_TAGS else position - 1, score))
    found.paragraph_ends.append(position)
    targets = [] if tag in UNIT_TAGS else [frame]  # text written straight into a container scores it
    index = stack[-1][11] if stack else -1
    while len(targets) < 3 and index >= 0:
        targets.append(stack[index])
        index = stack[index - 1][11] if index > 0 else -1
    for level, target in enumerate(targets):
        found.credit[target[2]] = found.credit.get(target[2], 0.0) + score / _LEVEL_SHARE[level]
        found.nodes[target[2]] = target[0]


def _in_page_link(stack: list) -> bool:
    """Whether the nearest link around the survey's place links to another page (not to the
    picture's own file, not within the page)."""
    for frame in reversed(stack[-8:]):
        if frame[0].tag == "a":
            href = (frame[0].attributes.get("href") or "").strip()
            target = urlsplit(href)
            return bool(href) and not href.startswith("#") and target.scheme in ("", "http", "https") \
                and not target.path.lower().endswith(IMAGE_SUFFIXES)
    return False


def _photo_units(found: _Survey) -> None:
    """Each photo-like picture scores the containers above the highest element that holds it and
    nothing else much (its figure): more with a caption there, less when that is all links."""
    for position, image in found.images:
        node, anchor = image.parent, None  # type: ignore[attr-defined]
        for _ in range(12):
            if node is None:
                break
            if node.tag in INLINE_TAGS:
                node = node.parent
                continue
            span = found.info.get(node.mem_id)
            if span is None or node.tag in ("body", "html") or span[2] + span[3] > 1000 \
                    or bisect_left(found.photos, span[1]) - bisect_left(found.photos, span[0]) > 1:
                break
            anchor, node = span, node.parent
        score = 4.0 if _declared_big(image) else 3.0
        if anchor is not None:
            text, links = anchor[2], anchor[3]
            if text >= 15:
                score += 1.5
            if text + links:
                score *= 0.25 + 0.75 * text / (text + links)
            if position in found.linked and links >= 15:
                score *= 0.25  # a teaser: a picture linking to another page, beside that page's title
        found.units.append((position, score))
        level = 0
        for _ in range(40):
            if node is None or level == 3:
                break
            if node.tag not in INLINE_TAGS:
                found.credit[node.mem_id] = found.credit.get(node.mem_id, 0.0) + score / _LEVEL_SHARE[level]
                found.nodes[node.mem_id] = node
                level += 1
            node = node.parent


def _story(body, found: _Survey, title: str | None, lead: str = "") -> list:  # type: ignore[no-untyped-def]
    """The elements holding the story, in document order (see the module's docstring); `lead` is
    the page's lead picture (og:image) as _image_key gives it."""
    roots = _story_roots(body, found, title)
    first = found.info.get(roots[0].mem_id)
    if not lead or first is None:
        return roots
    # The lead picture shown above the story, outside its element (a theme's hero header).
    for position, image in found.images:
        if position >= first[0]:
            break
        if lead not in {_image_key(address) for address in _candidates(image, None)}:
            continue
        holder, node, growing = image, image, True
        for _ in range(40):
            node = node.parent  # type: ignore[attr-defined]
            if node is None or node.tag in ("body", "html"):
                break
            span = found.info.get(node.mem_id)
            if span is not None and span[1] > first[0]:
                break  # an element holding the story too: what it is called says nothing of the photo
            if _chrome_kind(node) >= CHROME:
                return roots  # a logo or a teaser in the page's header, not the lead photo
            if growing and node.tag not in INLINE_TAGS:
                growing = span is not None and span[2] + span[3] <= MAX_CAPTION \
                    and found.count(found.photos, node.mem_id) == 1
                if growing:
                    holder = node  # the picture's own box, with its caption, ending before the story
        return [holder, *roots]
    return roots


def _image_key(address: str) -> str:
    """A picture's name without its size ("hero-1200x800.jpg", "440px-Hero.jpg" → "hero"); an
    image service's address names the file in its query ("…/resize/1200x630/?url=…%2Fhero.jpg")."""
    name = _basename(address)
    if not name.endswith(IMAGE_SUFFIXES):
        for _, value in parse_qsl(urlsplit(address).query)[:10]:
            if _basename(value).endswith(IMAGE_SUFFIXES):
                name = _basename(value)
                break
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return _SIZE_SUFFIX.sub("", _SIZE_PREFIX.sub("", stem.removesuffix(".svg")))


_SIZE_PREFIX = patterns.compile(r"^\d{2,4}px-")
_SIZE_SUFFIX = patterns.compile(r"(?:[-_](?:\d{2,5}x\d{2,5}|scaled|[swhcq]\d{2,4})|@\dx){1,3}$")
"""Size, crop and quality codes at the end of a picture's name: -1024x683, -scaled, @2x, -s1200,
-s1100-c50, _w800."""


def _same_picture(address: str) -> str:
    """What two addresses of one picture at different sizes share: the folder and the name
    without its size codes (a page's "enlarge" copy of a photo is not a second photo)."""
    path = unquote(urlsplit(address).path).lower()
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    return f"{urlsplit(address).netloc.lower()}{folder}/{_image_key(address)}"


def _story_roots(body, found: _Survey, title: str | None) -> list:  # type: ignore[no-untyped-def]
    best, best_score = None, 0.0
    for element, credit in found.credit.items():
        node = found.nodes[element]
        text, links = found.text(element)
        score = credit * (text / (text + links) if text + links else 1.0)
        tag = node.tag  # type: ignore[attr-defined]
        if (node.attributes.get("itemprop") or "") == "articleBody":  # type: ignore[attr-defined]
            score *= 1.5
        elif tag == "article":
            score *= 1.25
        elif tag == "main":
            score *= 1.1
        if score > best_score:
            best, best_score = node, score
    if best is None:
        return [body]
    root = best
    # The headline's element (and so the photo beside it, the intro under it).
    key = _norm(title)
    span = found.info.get(root.mem_id)
    if key and span is not None:
        heads = [h for h in body.css("h1, h2, h3")[:40] if _norm(_text(h)) == key]
        outside = [h for h in heads if not span[0] <= found.info.get(h.mem_id, (-1,))[0] < span[1]]
        if outside and len(outside) == len(heads):
            before = [h for h in outside if found.info.get(h.mem_id, (0,))[0] < span[0]]
            head = before[-1] if before else outside[0]
            above: dict[int, object] = {}
            node = root.parent
            for _ in range(3):
                if node is None or node.tag == "html":
                    break
                above[node.mem_id] = node
                node = node.parent
            node = head.parent
            for _ in range(40):
                if node is None:
                    break
                if node.mem_id in above:
                    root = node
                    break
                node = node.parent
    # A gallery with hardly any text of its own takes in the few lines around it (the caption box
    # beside a photoset), never a link-dense box (navigation) or more photos (those come next).
    for _ in range(4):
        parent = root.parent
        if parent is None or parent.tag in ("body", "html") or root.tag == "body":
            break
        text, links = found.text(root.mem_id)
        around, around_links = found.text(parent.mem_id)
        extra, extra_links = around - text, around_links - links
        if text >= 500 or extra > 500 or extra_links > 0.25 * (extra + extra_links) or \
                found.count(found.photos, parent.mem_id) > found.count(found.photos, root.mem_id):
            break
        root = parent
    # An ancestor that brings in story photos the root left out (a gallery beside the text).
    photo_mass = _photo_mass(found)
    for _ in range(6):
        parent = root.parent
        if parent is None or parent.tag == "html" or root.tag == "body":
            break
        inside, around = photo_mass(root.mem_id), photo_mass(parent.mem_id)
        if around - inside < max(2.5, 0.25 * inside):
            break
        root = parent
    if root.tag in ("body", "html") or root.parent is None:
        return [root]
    roots, seen_root = [], False
    for number, sibling in enumerate(root.parent.iter()):
        if number >= 500:
            break
        if sibling.mem_id == root.mem_id:
            roots.append(root)
            seen_root = True
        elif _belongs(sibling, found, photo_mass, best_score):
            roots.append(sibling)
    return roots if seen_root else [root]


def _photo_mass(found: _Survey):  # type: ignore[no-untyped-def]
    keys = [position for position, _ in found.images]
    sums = [0.0]
    scores = dict(found.units)
    for position in keys:
        sums.append(sums[-1] + scores.get(position, 0.0))

    def mass(element: int) -> float:
        span = found.info.get(element)
        if span is None:
            return 0.0
        return sums[bisect_left(keys, span[1])] - sums[bisect_left(keys, span[0])]

    return mass


def _belongs(sibling, found: _Survey, photo_mass, best_score: float) -> bool:  # type: ignore[no-untyped-def]
    """A sibling of the story's root that is part of the story: a story photo (the one above the
    text), prose scoring like the story's own, a long paragraph; never chrome."""
    kind = _chrome_kind(sibling)
    if kind >= CHROME or kind == WEAK_CHROME and not found.count(found.big, sibling.mem_id):
        return False
    text, links = found.text(sibling.mem_id)
    if text + links == 0 and not found.count(found.photos, sibling.mem_id):
        return False
    if links > 0.35 * (text + links):
        return False
    if photo_mass(sibling.mem_id) >= 2.5:
        return True
    score = found.credit.get(sibling.mem_id, 0.0) * (text / (text + links) if text + links else 1.0)
    return score >= max(10.0, 0.2 * best_score) or sibling.tag == "p" and text >= 80


# -- 2. the story in document order -----------------------------------------------------------------


@dataclass
class _Block:
    kind: str
    """heading, prose or photo."""
    text: str
    node: object
    """The element it came from (a photo's <img>; prose's paragraph or container)."""
    photo: PagePhoto | None = None
    number: int | None = None
    """A heading's list number ("3. The falls" → 3)."""
    title: str = ""
    """A photo's heading found inside its caption element (a slideshow slide's)."""
    used: bool = False
    """Prose that turned out to be captions."""


class _Run:
    """Text written straight into a container (and its inline elements) since the last block."""

    __slots__ = ("links", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.links = 0


MAX_CLIMB = 8
"""Levels above a picture searched for its caption element."""
MAX_FURNITURE = 300
"""Characters: longer text is never page furniture (a button, a counter, a dateline)."""


class _Reader:
    def __init__(self, page: Path, found: _Survey, title: str | None, sites: set[str], base: str | None,
                 linked: _LinkedData) -> None:
        self.resolver = _Resolver(page)
        self.found = found
        self.title_key = _norm(title)
        self.sites = sites
        self.base = base
        self.linked = linked
        self.blocks: list[_Block] = []
        self.skipped: list[tuple[str, str]] = []
        self.left_out: list[str] = []
        self.seen: set[str] = set()
        self.sizes: dict[Path, tuple[int, int] | None] = {}
        self.link_text: dict[int, bool] = {}
        self.visited: set[int] = set()
        self.missing = 0
        self.story_photos = 0
        self.story_text = 0
        self.roots: set[int] = set()
        self.positions = {image.mem_id: position for position, image in found.images}  # type: ignore[attr-defined]

    # -- the walk

    def read(self, roots: list) -> None:  # type: ignore[type-arg]
        found = self.found
        self.roots = {root.mem_id for root in roots}
        self.story_photos = sum(found.count(found.photos, root.mem_id) for root in roots)
        self.story_text = sum(found.text(root.mem_id)[0] for root in roots)
        for root in roots:  # never left out as chrome: the story is what the survey found
            if root.tag == "img":
                self._image(root, root, _Run())
            else:
                self._walk(root)

    def _walk(self, root) -> None:  # type: ignore[no-untyped-def]
        # In document order with an explicit stack: a page nested 100,000 levels deep must not
        # exhaust Python's recursion limit. A frame: children, the block they belong to, its run.
        stack = [(root.iter(include_text=True), root, _Run(), True)]
        while stack:
            children, block, run, is_block = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if is_block:
                    self._flush(block, run)
                continue
            if self._visit(child, block, run):
                if child.tag in INLINE_TAGS:
                    stack.append((child.iter(include_text=True), block, run, False))
                else:
                    self._flush(block, run)
                    stack.append((child.iter(include_text=True), child, _Run(), True))

    def _visit(self, child, block, run: _Run) -> bool:  # type: ignore[no-untyped-def]
        """Handle one node; True when its children must be walked too."""
        tag = child.tag
        if tag == "-text":
            value = child.text_content
            if value and not value.isspace():
                run.parts.append(value)
            return False
        if tag[0] == "-":
            return False
        if tag == "noscript":
            return self._noscript_needed(child)
        if self._chrome(child):
            self._skip_images(child, "in the page's chrome (navigation, share, related, ads)")
            return False
        if _hidden(child):
            return False
        if tag == "img":
            self._image(child, block, run)
            return False
        if tag == "br":
            run.parts.append("\n")
            return False
        holds_image = child.mem_id in self.found.has_image
        if holds_image:
            return True
        if tag in HEADINGS:
            self._flush(block, run)
            self._heading(child)
        elif tag in PARAGRAPHS or tag == "figcaption":
            self._flush(block, run)
            self._prose(child, _text(child))
        elif tag in INLINE_TAGS:
            if child.attributes.get("class") and _class_words(child) & NOT_PROSE_WORDS:
                text = _text(child)
                if text:
                    self.left_out.append(text)
                return False
            text = _text(child)
            if text:
                run.parts.append(text)
                if tag == "a":
                    run.links += len(text)
        else:
            return True
        return False

    def _chrome(self, node) -> bool:  # type: ignore[no-untyped-def]
        """Page chrome to leave out: never an element holding most of the story's photos or
        text, and a weak word never one holding a story-sized photo."""
        kind = _chrome_kind(node)
        if kind == NOT_CHROME:
            return False
        if kind == ALWAYS_CHROME:
            return True
        found = self.found
        element = node.mem_id
        if node.tag == "img":
            return not (kind == WEAK_CHROME and _declared_big(node))
        if element in found.info:
            photos, big, text = found.count(found.photos, element), found.count(found.big, element), found.text(element)[0]
        elif element in found.has_image:  # an inline element (a link, a span): its first few pictures
            images = [n for number, n in zip(range(200), node.traverse()) if n.tag == "img"]
            photos = sum(1 for image in images if _photo_like(image))
            big, text = sum(1 for image in images if _declared_big(image)), 0
        else:
            photos = big = text = 0
        if photos >= 2 and 2 * photos > self.story_photos or text >= 500 and 2 * text > self.story_text:
            return False
        return not (kind == WEAK_CHROME and big)

    def _noscript_needed(self, node) -> bool:  # type: ignore[no-untyped-def]
        """A <noscript> is read only when no usable picture stands right beside it (the lazy
        picture it is the copy of); beside a mere placeholder (a data: image) it is the photo."""
        found = self.found
        for step in ("prev", "next"):
            sibling = getattr(node, step)
            for _ in range(4):
                if sibling is None:
                    break
                if sibling.tag == "img" and _photo_like(sibling) or found.count(found.photos, sibling.mem_id):
                    return False
                if sibling.tag in INLINE_TAGS and sibling.mem_id in found.has_image and any(
                        n.tag == "img" and _photo_like(n) for _, n in zip(range(50), sibling.traverse())):
                    return False
                if sibling.tag != "-text" or (sibling.text_content or "").strip():
                    break
                sibling = getattr(sibling, step)
        return True

    def _skip_images(self, node, why: str) -> None:  # type: ignore[no-untyped-def]
        for image in node.css("img"):
            self.visited.add(image.mem_id)
            candidates = _candidates(image, None)
            if candidates:
                self.skipped.append((candidates[0], why))

    def _flush(self, block, run: _Run) -> None:  # type: ignore[no-untyped-def]
        if not run.parts:
            return
        parts, links = run.parts, run.links
        run.parts, run.links = [], 0
        paragraphs: list[list[str]] = [[]]
        breaks = 0
        for part in parts:
            if part == "\n":
                breaks += 1
                continue
            if breaks >= 2 and paragraphs[-1]:
                paragraphs.append([])  # two <br>s in a row end a paragraph
            breaks = 0
            paragraphs[-1].append(part)
        texts = [" ".join(" ".join(words).split()) for words in paragraphs]
        total = sum(len(text) for text in texts)
        if total and links >= 0.8 * total:
            self.left_out.extend(text for text in texts if text)  # links only: tags, categories, a menu
            return
        for text in texts:
            self._prose(block, text)

    def _prose(self, node, text: str) -> None:  # type: ignore[no-untyped-def]
        if not text:
            return
        if node.attributes.get("class") and _class_words(node) & NOT_PROSE_WORDS or _BYLINE.fullmatch(text):
            self.left_out.append(text)
        elif len(text) > MAX_FURNITURE or furniture(text) is None:
            self.blocks.append(_Block("prose", text, node))

    def _heading(self, node) -> None:  # type: ignore[no-untyped-def]
        text = _text(node)
        key = _norm(text)
        if not key or key == self.title_key or key in self.sites:
            return
        parent = node.parent
        if node.attributes.get("class") and _class_words(node) & NOT_PROSE_WORDS or parent is not None and \
                parent.attributes.get("class") and _class_words(parent) & NOT_PROSE_WORDS:
            self.left_out.append(text)  # an author's name, a kicker
            return
        if len(text) <= MAX_FURNITURE and furniture(text) is not None:
            return
        number = _LIST_NUMBER.match(text)
        value = number.group(1) or number.group(2) if number is not None else None
        self.blocks.append(_Block("heading", text, node, number=int(value) if value else None))

    # -- pictures

    def _image(self, image, block, run: _Run) -> None:  # type: ignore[no-untyped-def]
        self.visited.add(image.mem_id)
        photo = self._photo(image)
        if photo is not None:
            self._flush(block, run)
            self.blocks.append(_Block("photo", "", image, photo))

    def _photo(self, image) -> PagePhoto | None:  # type: ignore[no-untyped-def]
        picture = image.parent if image.parent is not None and image.parent.tag == "picture" else None
        candidates = _candidates(image, picture)
        if not candidates:
            return None
        name = candidates[0]
        if _declared_small(image):
            self.skipped.append((name, "declared smaller than a photo (an icon, avatar or pixel)"))
            return None
        if all(urlsplit(c).path.lower().endswith((".svg", ".svg.png")) for c in candidates):
            self.skipped.append((name, "a drawing (SVG), not a photo"))
            return None
        local, problem = None, None
        for candidate in candidates:
            found = self.resolver.local(candidate)
            if found is None:
                continue
            if found not in self.sizes:
                self.sizes[found] = _size(found)
            size = self.sizes[found]
            if size is None:
                problem = "not an image viewer can read"
            elif min(size) < MIN_SIDE:
                problem = f"{size[0]}×{size[1]} pixels: an icon, avatar or tracking pixel"
            else:
                local = found
                break
        remote = None
        if local is None:
            remote = next((address for address in map(self._address, candidates) if address), None)
            if remote is None and problem is not None:
                self.skipped.append((name, problem))
                return None
            if remote is None and not any(urlsplit(c).path.lower().endswith(IMAGE_SUFFIXES) for c in candidates):
                self.skipped.append((name, "not saved with the page, and no web address"))
                return None
        teaser = self._teaser(image)
        if teaser:
            self.skipped.append((name, teaser))
            return None
        key = str(local) if local else remote or name
        alike = _same_picture(key)
        if key in self.seen or alike in self.seen:
            return None  # the same picture again (a lightbox's copy, the same file at another size)
        self.seen.update((key, alike))
        if local is None and remote is None:
            self.missing += 1
        alt = " ".join((image.attributes.get("alt") or "").split())
        return PagePhoto(source=name, local=local, remote=remote, alt=alt)

    def _address(self, candidate: str) -> str | None:
        """A picture's web address: as written, or made whole with the page's address when it is
        relative to the site ("/images/a.jpg", "//cdn/a.jpg"); a saved page's own folder
        ("page_files/a.jpg") is never a web address."""
        parts = urlsplit(candidate)
        if parts.scheme in ("http", "https"):
            return candidate if parts.netloc else None
        if parts.scheme or not self.base:
            return None
        if candidate.startswith("//"):
            return "https:" + candidate
        first = candidate.lstrip("./").split("/", 1)[0]
        if not candidate.startswith("/") and first.endswith(("_files", " files")):
            return None
        return urljoin(self.base, candidate)

    def _teaser(self, image) -> str | None:  # type: ignore[no-untyped-def]
        """Why a picture is a teaser for another page (a related story, a bookmark card), or None:
        it sits in a link to another page, and that link holds a title, or the title beside it
        links to the same page."""
        link = image.parent
        for _ in range(5):
            if link is None or link.tag in ("a", "figure", "article", "body"):
                break
            link = link.parent
        if link is None or link.tag != "a":
            return None
        href = (link.attributes.get("href") or "").strip()
        target = urlsplit(href)
        if not href or href.startswith("#") or target.scheme not in ("", "http", "https") or \
                target.path.lower().endswith(IMAGE_SUFFIXES):
            return None
        if link.mem_id not in self.link_text:
            self.link_text[link.mem_id] = len(_text(link)) >= 15
        if self.link_text[link.mem_id]:
            return "a teaser linking to another page (a card with its title)"
        found = self.found
        node = link.parent
        for _ in range(6):
            if node is None or node.mem_id in self.roots:
                break
            if node.tag in INLINE_TAGS:
                node = node.parent
                continue
            if found.count(found.photos, node.mem_id) > 1 or found.text(node.mem_id)[1] > 600:
                break
            for number, other in enumerate(node.css("a")):
                if number >= 20:
                    break
                if other.mem_id != link.mem_id and (other.attributes.get("href") or "").strip() == href \
                        and _text(other):
                    return "a thumbnail linking to another page (related articles)"
            node = node.parent
        return None

    # -- 3. captions

    def captions(self) -> list[_Block]:
        """Every photo's caption and credit; the blocks left once captions are taken out."""
        photos = [block for block in self.blocks if block.kind == "photo"]
        owner: dict[int, int] = {}
        shared: set[int] = set()  # elements holding more than one story photo
        for index, block in enumerate(photos):
            node = block.node.parent  # type: ignore[attr-defined]
            while node is not None and node.mem_id not in shared:
                held = owner.get(node.mem_id)
                if held is None:
                    owner[node.mem_id] = index
                elif held != index:
                    shared.add(node.mem_id)
                node = node.parent
        taken: set[int] = set()  # caption elements: their text is not prose
        tops: list[object] = []
        captioned: set[int] = set()
        for block in photos:
            top = self._own_caption(block, shared, taken)
            tops.append(top)
            if block.photo is not None and block.photo.caption:
                node = top
                for _ in range(MAX_CLIMB):
                    if node is None or node.mem_id in captioned:
                        break
                    captioned.add(node.mem_id)
                    node = node.parent  # type: ignore[attr-defined]
        groups: dict[int, tuple[list[PagePhoto], object]] = {}
        for block, top in zip(photos, tops):
            if block.photo is not None and not block.photo.caption:
                found = self._group_caption(top, owner, shared)
                if found is not None:
                    group, element = found
                    groups.setdefault(group.mem_id, ([], element))[0].append(block.photo)
        for group_id, (members, element) in groups.items():
            if group_id in captioned:
                continue  # a gallery's own line ("Click any photo…") when its photos have captions
            caption, credit = _finish_caption(*_caption_parts(element)[:2])
            if caption or credit:
                taken.add(element.mem_id)  # type: ignore[attr-defined]
                shares = _one_each(element, caption, len(members))
                for photo, share in zip(members, shares or [caption] * len(members)):
                    photo.caption = share
                    photo.credit = photo.credit or credit
        for block, top in zip(photos, tops):
            if block.photo is not None and not block.photo.caption:
                self._sibling_caption(block, top, taken)
        kept = [block for block in self.blocks if block.kind == "photo" or not self._inside(block.node, taken)]
        kept = _without_repeats(kept)
        _numbered_captions(kept)
        for block in kept:
            if block.photo is not None:
                self._linked_data(block.photo)
        return [block for block in kept if not block.used]

    def _own_caption(self, block: _Block, shared: set[int], taken: set[int]):  # type: ignore[no-untyped-def]
        """Search the elements above the photo that hold no other story photo, nearest first, for
        its caption; the highest such element (for the searches that follow)."""
        found = self.found
        photo = block.photo
        assert photo is not None
        node = top = block.node
        links: set[int] = set()
        credit = None
        last = -1
        position = self.positions.get(block.node.mem_id)  # type: ignore[attr-defined]
        for _ in range(MAX_CLIMB):
            if node.mem_id in self.roots:  # type: ignore[attr-defined]
                break
            parent = node.parent  # type: ignore[attr-defined]
            if parent is None or parent.mem_id in shared:
                break
            if parent.tag == "a":
                links.add(parent.mem_id)
            span = found.info.get(parent.mem_id)
            if span is not None and parent.tag not in INLINE_TAGS:
                amount = span[2] + span[3]
                paragraphs = bisect_left(found.unit_keys, span[1]) - bisect_left(found.unit_keys, span[0]) \
                    - (bisect_left(found.photos, span[1]) - bisect_left(found.photos, span[0]))
                # A paragraph ending before the photo is the story's text, unless the box is a slide
                # of its own (a heading, its text, then the photo).
                ends = found.paragraph_ends
                before = position is not None and bisect_right(ends, position) > bisect_right(ends, span[0]) \
                    and parent.css_first("h1, h2, h3, h4, h5, h6") is None
                if amount > MAX_CAPTION or parent.tag != "figure" and (paragraphs > 1 or before):
                    break  # the story's prose (more than a paragraph, or one before the photo)
                if amount != last and (parent.tag == "figure" or span[3] <= 0.6 * amount):  # not a box of links
                    last = amount
                    caption, found_credit, block.title = _caption_parts(parent, links)
                    credit = credit or found_credit
                    if caption:
                        photo.caption, photo.credit = _finish_caption(caption, credit)
                        taken.add(parent.mem_id)
                        return parent
            node = top = parent
        if credit:
            photo.credit = credit
            taken.add(top.mem_id)  # type: ignore[attr-defined]
        return top

    def _group_caption(self, top, owner: dict[int, int], shared: set[int]):  # type: ignore[no-untyped-def]
        """(the element holding the photo with others, their one caption element) or None: a
        gallery card's <figcaption>, a table's caption row."""
        node = top.parent  # type: ignore[attr-defined]
        for _ in range(3):
            if node is None or node.mem_id not in shared:
                return None
            if sum(self.found.text(node.mem_id)) > MAX_CAPTION:
                return None
            for number, child in enumerate(node.iter()):
                if number >= 30:
                    break
                if child.mem_id in owner or child.mem_id in shared or child.tag == "img":
                    continue
                classes = _class_text(child) if child.attributes.get("class") else ""
                if (child.tag in ("figcaption", "caption") or "caption" in classes or
                        child.tag == "tr" and node.tag in ("tbody", "table", "thead")) and _text(child):
                    return node, child
            if node.mem_id in self.roots:
                return None
            node = node.parent
        return None

    def _sibling_caption(self, block: _Block, top, taken: set[int]) -> None:  # type: ignore[no-untyped-def]
        """The element right after the photo when it reads as its caption: classed as one, or a
        short paragraph emphasised, centred or small."""
        photo = block.photo
        assert photo is not None
        sibling = top.next  # type: ignore[attr-defined]
        for _ in range(4):
            if sibling is None:
                return
            if sibling.tag == "-text":
                if (sibling.text_content or "").strip():
                    return
                sibling = sibling.next
                continue
            if sibling.tag == "br":
                sibling = sibling.next
                continue
            break
        if sibling is None or sibling.tag not in ("p", "div", "span", "em", "i", "small", "center", "font",
                                                  "figcaption", "h5", "h6"):
            return
        if sibling.mem_id in self.found.has_image or _chrome_kind(sibling) != NOT_CHROME:
            return
        text, _ = self.found.text(sibling.mem_id)
        attributes = sibling.attributes
        classes = _class_text(sibling) if attributes.get("class") else ""
        if not text or text > (MAX_CAPTION if "caption" in classes else 300):
            return
        if "caption" not in classes and not _set_apart(sibling):
            return
        caption, credit, heading = _caption_parts(sibling)
        caption, credit = _finish_caption(caption, credit)
        if caption or credit:
            photo.caption, photo.credit = caption, photo.credit or credit
            block.title = heading
            taken.add(sibling.mem_id)

    def _inside(self, node, taken: set[int]) -> bool:  # type: ignore[no-untyped-def]
        for _ in range(12):
            if node is None:
                return False
            if node.mem_id in taken:
                return True
            if node.mem_id in self.roots:
                return False
            node = node.parent
        return False

    def _linked_data(self, photo: PagePhoto) -> None:
        meta = self.linked.images.get(_basename(photo.source)) or \
            (self.linked.images.get(photo.local.name.lower()) if photo.local else None) or {}
        if not photo.caption and isinstance(meta.get("caption"), str):
            photo.caption = " ".join(meta["caption"].split())
        if photo.credit is None:
            for name in ("creditText", "copyrightHolder", "author"):
                value = meta.get(name)
                if isinstance(value, dict):
                    value = value.get("name")
                if isinstance(value, str) and value.strip():
                    photo.credit = value.strip()
                    break

    def skip_the_rest(self, body) -> None:  # type: ignore[no-untyped-def]
        """Pictures outside the story, listed as skipped."""
        for image in body.css("img"):
            if image.mem_id not in self.visited:
                candidates = _candidates(image, None)
                if candidates and not candidates[0].startswith("data:"):
                    self.skipped.append((candidates[0], "outside the story: the page's chrome (navigation, "
                                                        "sidebars, related links, ads)"))


def _set_apart(node) -> bool:  # type: ignore[no-untyped-def]
    """Text set apart from the prose around it, as a caption is: all of it emphasised (em, i,
    small, cite, italic), or centred; looked at down a chain of single children ("<div><p><span
    style='font-style:italic'>")."""
    for _ in range(4):
        if node.tag in ("em", "i", "small", "cite", "center", "figcaption"):
            return True
        style = (node.attributes.get("style") or "").lower().replace(" ", "")
        if "font-style:italic" in style or "text-align:center" in style:
            return True
        children = [c for _, c in zip(range(20), node.iter(include_text=True))
                    if c.tag != "-text" or (c.text_content or "").strip()]
        if len(children) != 1 or children[0].tag == "-text":
            return False
        node = children[0]
    return False


def _file_name(text: str) -> bool:
    """An alt text that is only the picture's file name ("DSC_4410.jpg", "IMG_2231")."""
    name = text.strip().lower()
    return " " not in name and (name.endswith(IMAGE_SUFFIXES) or name[:4] in ("img_", "dsc_", "dscf", "dsc0", "pxl_"))


def _one_each(element, caption: str, photos: int) -> list[str] | None:  # type: ignore[no-untyped-def]
    """The parts of a caption shared by several photos that go one to each, in order: its list
    items ("Left: …", "Right: …"), or its numbers ("1. … 2. …"), when there are as many as
    photos; else None."""
    if photos < 2:
        return None
    items = [node for _, node in zip(range(CONTAINER_BUDGET), element.traverse()) if node.tag == "li"]
    if len(items) == photos:
        texts = [_finish_caption(*_caption_parts(item)[:2])[0] for item in items]
        if all(texts):
            return texts
    parts = _split_numbered(caption, photos)
    return parts if len(parts) == photos else None


def _without_repeats(blocks: list[_Block]) -> list[_Block]:
    """Prose that only repeats the caption or credit of the photo before it (a lightbox's copy
    of the caption) is left out."""
    kept: list[_Block] = []
    repeats: set[str] = set()
    for block in blocks:
        if block.kind == "photo" and block.photo is not None:
            caption, credit = _norm(block.photo.caption), _norm(block.photo.credit)
            repeats = {key for key in (caption, credit, f"{caption} {credit}".strip()) if key}
        elif block.kind == "prose" and _norm(block.text) in repeats:
            continue
        kept.append(block)
    return kept


def _numbered_captions(blocks: list[_Block]) -> None:
    """Numbered captions after a run of photos without captions ("1. …" "2. …", as paragraphs
    of their own or in one) go to the photos by number."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind != "photo" or block.photo is None or block.photo.caption:
            index += 1
            continue
        end = index
        while end < len(blocks) and blocks[end].kind == "photo" and blocks[end].photo is not None \
                and not blocks[end].photo.caption:  # type: ignore[union-attr]
            end += 1
        run = blocks[index:end]
        if len(run) >= 2:
            texts: list[str] = []
            after = end
            while after < len(blocks) and blocks[after].kind == "prose" and len(texts) < len(run):
                match = _LIST_NUMBER.match(blocks[after].text)
                if match is None or int(match.group(1) or match.group(2)) != len(texts) + 1:
                    break
                texts.append(blocks[after].text[match.end():])
                after += 1
            used = after - end
            if len(texts) < 2 and end < len(blocks) and blocks[end].kind == "prose":
                texts, used = _split_numbered(blocks[end].text, len(run)), 1
            if len(texts) >= 2:
                for photo_block, text in zip(run, texts):
                    assert photo_block.photo is not None
                    photo_block.photo.caption, credit = _finish_caption(text, None)
                    photo_block.photo.credit = photo_block.photo.credit or credit
                for used_block in blocks[end:end + used]:
                    used_block.used = True
        index = max(end, index + 1)


def _split_numbered(text: str, most: int) -> list[str]:
    """"1. A bridge. 2. A tower." → ["A bridge.", "A tower."] (numbers in order, from 1)."""
    first = _LIST_NUMBER.match(text)
    if first is None or int(first.group(1) or first.group(2)) != 1:
        return []
    parts, start = [], first.end()
    for number in range(2, most + 1):
        at = -1
        for mark in (f" {number}. ", f" {number}) ", f" ({number}) "):
            found = text.find(mark, start)
            if found != -1 and (at == -1 or found < at):
                at, width = found, len(mark)
        if at == -1:
            break
        parts.append(text[start:at].strip())
        start = at + width
    parts.append(text[start:].strip())
    return parts if len(parts) >= 2 else []


def read_page(data: bytes, page: Path, *, keep_numbers: bool = False) -> Page:
    """The saved page (its bytes; `page` is where it lies, for its saved pictures) as a Page.
    Raises PageProblem for a page no browser saves (see prescan). `keep_numbers` keeps the list
    numbers of a listicle's headings ("3. The falls") in the slide titles."""
    from selectolax.lexbor import LexborHTMLParser

    notes: list[str] = []
    _CLASS_WORDS.clear()
    _CLASS_TEXT.clear()
    text = decode_html(data, notes)
    saved_from = _saved_from(text)
    scanned = prescan(text)
    del text
    notes += scanned.notes
    tree = LexborHTMLParser(scanned.html)
    linked = _json_ld(tree)
    title, sites = _page_title(tree, linked)
    body = tree.body
    if body is None:
        return Page(title=title, intro=[], slides=[], notes=notes)
    found = _survey(body)
    reader = _Reader(page, found, title, sites, _base_address(tree, saved_from), linked)
    lead = _meta(tree, 'meta[property="og:image"]', 'meta[name="og:image"]', 'meta[name="twitter:image"]')
    reader.read(_story(body, found, title, _image_key(lead) if lead else ""))
    blocks = reader.captions()
    reader.skip_the_rest(body)
    result = _slides(title, blocks, reader.skipped, keep_numbers)
    result.left_out = reader.left_out
    if reader.missing:
        notes.append(f"{reader.missing} picture{'s' if reader.missing != 1 else ''} the page names "
                     f"{'were' if reader.missing != 1 else 'was'} not saved with it (the slides are kept, without them)")
    result.notes = notes
    _CLASS_WORDS.clear()
    _CLASS_TEXT.clear()
    return result


# -- 4. slides --------------------------------------------------------------------------------------


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


def _slides(title: str | None, blocks: list[_Block], skipped: list[tuple[str, str]],
            keep_numbers: bool = False) -> Page:
    numbers = [block.number for block in blocks if block.kind == "heading" and block.number is not None]
    steps = sum(1 for a, b in pairwise(numbers) if abs(b - a) == 1)
    numbered = len(numbers) >= 2 and steps >= max(1, (len(numbers) - 1) // 2)
    photos = sum(1 for block in blocks if block.kind == "photo")
    direct = sum(1 for a, b in pairwise(blocks) if a.kind == "heading" and b.kind == "photo")
    headed = not numbered and direct >= 2 and direct >= 0.6 * photos
    intro: list[str] = []
    slides: list[PageSlide] = []
    heading: _Block | None = None
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
                    match = _LIST_NUMBER.match(slide_title)
                    slide_title = slide_title[match.end():] if match is not None and match.end() < len(slide_title) \
                        else slide_title
                paragraphs = ([caption] if caption else []) + waiting
            elif block.title:
                slide_title, paragraphs = block.title, [caption] if caption else []
            elif caption:
                slide_title, paragraphs = _caption_title(caption)
            elif photo.alt and len(photo.alt.split()) <= 12 and not _file_name(photo.alt):
                slide_title, paragraphs = photo.alt, []
            else:
                slide_title, paragraphs, stand_in = f"Photo {len(slides) + 1}", [], True
            slides.append(PageSlide(title=slide_title, photo=photo, paragraphs=paragraphs))
            heading, waiting = None, []
    if heading is not None:
        place([heading.text, *waiting])
    return Page(title=title, intro=intro, slides=slides, skipped=skipped)
