"""The typed node helpers every step of reading a saved page shares: which tags are text, which are
chrome (by tag, role or class words, cached once per element for the page being read), labels
read by screen readers only ("Image caption,"), an element's text, and text compared for sameness."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

NEVER_CONTENT = frozenset({"script", "style", "template", "iframe", "svg", "math", "object", "embed", "video",
                           "audio", "select", "textarea", "input", "button", "canvas", "map", "datalist", "head",
                           "title", "meta", "link", "option"})
"""Never story text or photos: left out of every walk."""
CHROME_TAGS = ("nav", "footer", "aside", "form")
"""Landmarks around the story: left out unless one holds most of it."""
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "alert",
                "status", "tooltip"}
"""ARIA landmarks around the story, and the messages a script shows ("Failed to save article")."""
CHROME_WORDS = {"ad", "ads", "adslot", "promo", "modal", "nav", "navbar", "menu", "toolbar", "masthead"}
"""Class or id words (whole) of page chrome inside the story."""
CHROME_PARTS = ("share", "sharing", "related", "recommend", "newsletter", "subscri", "advert", "sponsor", "comment",
                "breadcrumb", "cookie", "popup", "signup", "paywall", "outbrain", "taboola", "trending", "popular",
                "footer", "more-stories", "read-next", "social", "donat")
"""Parts of class or id values of page chrome ("jp-relatedposts", "sharedaddy", a nonprofit
newsroom's "newspack-donate" appeal)."""
WEAK_WORDS = {"sidebar", "widget", "avatar", "gravatar", "logo", "icon", "icons", "emoji", "badge", "author-image"}
"""Chrome words that never hide a story-sized photo (a post wrapper classed "widget" or
"sidebar-aware", a gallery cell classed "gallery-icon")."""
HIDDEN_PARTS = ("sr-only", "visually-hidden", "visuallyhidden", "visually_hidden", "screen-reader", "screenreader",
                "sr_only", "element-invisible", "offscreen", "a11y-hidden", "assistive-text", "hidden-visually")
"""Classes of text only screen readers see: labels ("Image caption,", "Credit..."), not prose."""
CREDIT_WORDS = ("credit", "copyright", "attribution", "photographer", "byline", "source", "courtesy")
FOREIGN_CREDIT_WORDS = frozenset({"firma", "autor", "autoria", "autoría", "fotografo", "fotógrafo", "credito",
                                  "crédito", "creditos", "créditos", "fotograf", "bildnachweis", "urheber",
                                  "agencia", "agência"})
"""Whole class words naming a caption's credit part in other languages (an El País album's
"foto_firma" span holding "autor" and "agencia"): matched as words, not parts ("confirmation"),
unlike CREDIT_WORDS, which are looked for inside class names."""
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

_CLASS_WORDS: dict[int, frozenset[str]] = {}
"""class_words by element, for the page being read (cleared by forget_classes)."""
_SEPARATORS = str.maketrans("_-", "  ")


def class_words(node: LexborNode) -> frozenset[str]:
    """An element's class and id words, split at spaces and also at - and _, worked out once per
    element in plain string operations: an element's class and id are looked at by each of its
    descendants' photo-container checks."""
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


def forget_classes() -> None:
    """Drop the class caches: element ids are only unique within one parsed page."""
    _CLASS_WORDS.clear()
    _CLASS_TEXT.clear()


def class_text(node: LexborNode) -> str:
    """An element's class and id, lower-cased, as one string (for the CHROME_PARTS and
    CREDIT_WORDS tests), once per element."""
    found = _CLASS_TEXT.get(node.mem_id)
    if found is None:
        attributes = node.attributes
        found = _CLASS_TEXT[node.mem_id] = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
    return found


NOT_CHROME, WEAK_CHROME, CHROME, ALWAYS_CHROME = range(4)


def chrome_kind(node: LexborNode) -> int:
    """How surely an element is page chrome, by its tag, role or class words (the reader decides
    whether it holds too much of the story to be left out)."""
    tag = node.tag or ""
    if tag in NEVER_CONTENT:
        return ALWAYS_CHROME
    attributes = node.attributes
    if attributes.get("aria-hidden") == "true" or "hidden" in attributes:
        return ALWAYS_CHROME
    if tag in CHROME_TAGS or tag == "header" and node.parent is not None and node.parent.tag == "body":
        return CHROME  # the site's header (an article's own <header> holds its headline and photo)
    if (attributes.get("role") or "").lower() in CHROME_ROLES:
        return CHROME
    return class_chrome(node)


def class_chrome(node: LexborNode) -> int:
    """How surely an element is page chrome by its class and id words alone."""
    attributes = node.attributes
    if not attributes.get("class") and not attributes.get("id"):
        return NOT_CHROME
    words = class_words(node)
    if words & CHROME_WORDS:
        return CHROME
    value = class_text(node)
    if any(part in value for part in CHROME_PARTS):
        return CHROME
    return WEAK_CHROME if words & WEAK_WORDS else NOT_CHROME


def hidden(node: LexborNode) -> bool:
    """Text only screen readers see (visually-hidden, sr-only, screen-reader-text…)."""
    if not node.attributes.get("class"):
        return False
    value = class_text(node)
    return any(part in value for part in HIDDEN_PARTS)


def label_kind(text: str) -> str | None:
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


def node_text(node: LexborNode) -> str:
    """The element's text, its text nodes joined as join_text joins them."""
    return join_text((node.text(separator="\x00", strip=False) or "").split("\x00"))


def norm(text: str | None) -> str:
    """Text compared for sameness: case, punctuation and spacing aside."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in (text or "")[:1000].casefold()).split())


_NO_SPACE_BEFORE = frozenset(",.;:!?)]}\u2019\u201d%\u2026")
_NO_SPACE_AFTER = frozenset("([{\u2018\u201c")


def join_text(pieces: list[str]) -> str:
    """Text nodes of one element joined as the browser shows them: where the page has no space
    between two of them ("<em>Sunday Best</em>, Lagos") none is added before punctuation or after
    an opening bracket; elsewhere one space (pieces from separate elements are separate words)."""
    out: list[str] = []
    last = ""
    for piece in pieces:
        if not piece:
            continue
        if out and last and not last[-1].isspace() and not piece[0].isspace() and \
                piece[0] not in _NO_SPACE_BEFORE and last[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(piece)
        last = piece
    return " ".join("".join(out).split())


def only_time(node: LexborNode, text: str) -> bool:
    """Whether a short line is all the text of the <time> elements in it: when the article was
    published ("Giovedì 13 Novembre 2025, 20:15"), in whatever language, not the story's text."""
    if len(text) > 80:
        return False
    times = node.css("time")
    return bool(times) and norm(" ".join(node_text(time) for time in times[:4])) == norm(text)
