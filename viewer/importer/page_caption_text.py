"""The caption, credit and heading written inside one element of a saved page (a figure, a
gallery item, a slideshow slide), with visually hidden labels read as labels: "Image caption," is
dropped, "Image source," / "Credit..." / "Photograph:" make what follows the credit, as does an
element classed credit/copyright (also a caption's credit part, "caption__credit"); counters
("3 / 10") are dropped; markup written out as text ("&lt;h1&gt;Title &lt;h2&gt;…") is read as markup
and WordPress [caption] shortcodes left unrendered give their caption. credits.py then finds a
credit written inside the caption, or a caption that is all credit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from viewer import patterns
from viewer.importer.credit_tails import labelled_tail
from viewer.importer.credits import (
    credit_body,
    credit_line,
    is_name_line,
    rights_notice,
    split_credit,
    starts_with_credit_label,
)
from viewer.importer.furniture import furniture
from viewer.importer.page_nodes import (
    CREDIT_WORDS,
    FOREIGN_CREDIT_WORDS,
    HEADINGS,
    INLINE_TAGS,
    NEVER_CONTENT,
    class_chrome,
    class_text,
    class_words,
    hidden,
    join_text,
    label_kind,
    node_text,
    norm,
    only_time,
)
from viewer.importer.page_pictures import IMAGE_SUFFIXES

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

CONTAINER_BUDGET = 300
"""Elements of a caption element looked at for its caption and credit (a real one has a dozen):
nested containers cannot make the search quadratic."""
MAX_CAPTION = 2500
"""Characters: an element holding more text than this is the story's prose, not a caption."""


class _Frame:
    """One element open in the caption search."""

    __slots__ = ("after_label", "children", "role")

    def __init__(self, node: LexborNode, role: str | None) -> None:
        self.children: Iterator[LexborNode] = node.iter(include_text=True)
        self.role = role
        """The role of this element's text (None: caption)."""
        self.after_label: str | None = None
        """The role of what follows a label inside it."""


def caption_parts(node: LexborNode, skip: frozenset[int] | set[int] = frozenset(),
                  nested: bool = False) -> tuple[str, str | None, str]:
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
    owners: list[LexborNode | None] = []  # the element each piece of the caption is written in
    budget = CONTAINER_BUDGET
    stack = [_Frame(node, None)]
    while stack and budget > 0:
        frame = stack[-1]
        child = next(frame.children, None)
        if child is None:
            stack.pop()
            continue
        budget -= 1
        role = frame.after_label if frame.after_label is not None else frame.role
        tag = child.tag or ""
        if tag == "-text":
            value = child.text_content or ""
            if not value.strip():
                continue
            label = label_kind(value)
            if label is not None:
                frame.after_label = "credit" if label == "credit" else "caption"
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
            elif caption and _labelled_element(child, value):
                credits.append([value.strip()])  # "<span>Foto: ullstein bild</span>" after the caption
            elif role == "weak":
                weak.append(value)
            else:
                caption.append(value)
                owners.append(child.parent)
            continue
        if tag[:1] == "-" or tag in ("img", "picture", "source", "noscript") or child.mem_id in skip:
            continue
        if tag in NEVER_CONTENT or child.attributes.get("aria-hidden") == "true" or class_chrome(child):
            continue  # buttons, share links, icons (a <footer> in a figure may hold its credit)
        if hidden(child) and child.css_first("img") is None:  # one holding the picture is no label
            label = label_kind(node_text(child))
            if label is not None:
                frame.after_label = "credit" if label == "credit" else "caption"
                if label == "credit":
                    credits.append([])
            continue
        if tag not in INLINE_TAGS and only_time(child, node_text(child)):
            continue  # a line that is only the publication time, in a box read as the caption
        if tag == "a" and urlsplit(child.attributes.get("href") or "").path.lower().endswith(IMAGE_SUFFIXES):
            continue  # "Enlarge this image": a link to the picture's own file
        if tag == "a" and _sales_link(child):
            continue  # "Purchase Licensing Rights", "Buy this print": a shop's link, not the caption
        child_role = role
        classes = class_text(child) if child.attributes.get("class") else ""
        if "caption" in classes and role != "credit" and not _credit_part(child):
            child_role = None  # a caption box, even one named "credit-caption"
        elif any(word in classes for word in CREDIT_WORDS) or not class_words(child).isdisjoint(FOREIGN_CREDIT_WORDS) \
                or "author" in classes:  # (inside a caption, its author is the photo's: "imageAuthor")
            child_role = "credit"
            if role != "credit" or tag != "span":  # a name's and an agency's spans in one credit span: one credit
                credits.append([])
        elif tag in ("cite", "small") and role in (None, "caption"):
            child_role = "weak"
        elif tag in HEADINGS and role in (None, "caption") and not heading:
            child_role = "heading"
        elif role is None and not heading and not caption and tag in _TITLE_TAGS and classes and \
                _title_class(child) and len(node_text(child)) <= MAX_SLIDE_TITLE:
            child_role = "heading"  # a slide's title in its own element ("CarouselSlide-infoTitle")
        elif tag in INLINE_TAGS and child_role != "credit":
            label = label_kind(node_text(child))
            if label is not None:  # a visible label: "<span>Photograph:</span> Name/Agency"
                frame.after_label = "credit" if label == "credit" else "caption"
                if label == "credit":
                    credits.append([])
                continue
        stack.append(_Frame(child, child_role))
    texts = [join_text(part).strip(" |,;") for part in credits]
    texts = [t for t in texts if t and len(t) <= 200]
    # the longest credit element that reads as a credit; a link beside it ("View the photo
    # bank") is only the longest when none does
    credit = max(texts, key=lambda text: (credit_line(text) is not None, len(text))) if texts else None
    if credit is None and not weak:
        closing = _closing_name(node, caption, owners)
        if closing is not None:
            credit = closing
            del caption[-1]
    if credit is None and weak:
        credit = join_text(weak) or None
    elif weak:
        caption += weak
    pieces: list[str] = []
    seen: set[str] = set()
    for piece in caption:  # a lightbox's copy of the caption in the same box counts once
        key = norm(piece)
        if len(key) >= 12 and key in seen:
            continue
        seen.add(key)
        pieces.append(piece)
    text = join_text(pieces).strip(" |\u2014\u2013-\u00b7")
    title = join_text(heading)
    text = without_shortcodes(text)
    if not nested and _written_markup(text):
        # markup written out as text ("&lt;h1&gt;Title &lt;h2&gt;caption"): read as the page's
        # script shows it, its heading the slide's title
        from selectolax.lexbor import LexborHTMLParser

        fragment = LexborHTMLParser(text[:MAX_CAPTION]).body
        if fragment is not None:
            inner, inner_credit, inner_title = caption_parts(fragment, nested=True)
            text, credit, title = inner, credit or inner_credit, title or inner_title
    if title and not text:
        text, title = title, ""
    return text, credit, title


_MARKUP_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "b", "i", "em", "strong", "span", "div", "small")


def _written_markup(text: str) -> bool:
    """Whether a caption's text holds HTML tags written out as text (a gallery script's caption
    escaped once too often: "<h1>Title <h2>Caption"), not a mere "<" ("a < b")."""
    start = 0
    for _ in range(50):
        at = text.find("<", start)
        if at == -1:
            return False
        start = at + 1
        close = text.find(">", start, start + 12)
        if close == -1:
            continue
        name = text[start:close].strip("/ ").lower()
        if name in _MARKUP_TAGS:
            return True
    return False


_SHORTCODES = ("caption", "wp_caption")
MAX_SHORTCODES = 20
"""Shortcodes unwrapped in one caption (a real one has one)."""


def without_shortcodes(text: str) -> str:
    """A caption with the WordPress `[caption ... caption="Text"]…[/caption]` shortcodes a
    migrated post shows unrendered replaced by the caption they give: the `caption` attribute,
    else the text written between the opening and the closing code."""
    if "[" not in text:
        return text
    out: list[str] = []
    start = 0
    for _ in range(MAX_SHORTCODES):
        at, name = -1, ""
        for code in _SHORTCODES:
            found = text.find("[" + code, start)
            if found != -1 and (at == -1 or found < at) and text[found + 1 + len(code):found + 2 + len(code)] in \
                    (" ", "]"):
                at, name = found, code
        if at == -1:
            break
        end, attributes = _shortcode_attributes(text, at + 1 + len(name))
        if end == -1:
            break
        closing = text.find(f"[/{name}]", end)
        inner = text[end + 1:closing if closing != -1 else len(text)]
        out.append(text[start:at])
        given = attributes.get("caption", "").strip()
        out.append(f" {given or inner.strip()} ")
        start = closing + len(name) + 3 if closing != -1 else len(text)
    if not out:
        return text
    out.append(text[start:])
    return " ".join("".join(out).split())


def _shortcode_attributes(text: str, start: int) -> tuple[int, dict[str, str]]:
    """(where the opening code's "]" is, or -1; its name="value" attributes), in one pass."""
    attributes: dict[str, str] = {}
    index, size = start, min(len(text), start + MAX_CAPTION)
    while index < size:
        char = text[index]
        if char == "]":
            return index, attributes
        if char == "=":
            name_end = index
            name_start = name_end
            while name_start > start and (text[name_start - 1].isalnum() or text[name_start - 1] in "_-"):
                name_start -= 1
            name = text[name_start:name_end].lower()
            quote = text[index + 1:index + 2]
            if quote in ('"', "'", "\u201d", "\u2033"):
                closer = "\u201d" if quote == "\u201d" else "\u2033" if quote == "\u2033" else quote
                close = text.find(closer, index + 2, size)
                if close == -1:
                    return -1, attributes
                attributes[name] = text[index + 2:close]
                index = close + 1
                continue
        index += 1
    return -1, attributes


def _labelled_element(text_node: LexborNode, value: str) -> bool:
    """Whether a text is all of an element of its own that opens with a credit's label and is
    short ("Foto: ullstein bild", "Photo: dpa"), whatever the case of the names after it: set
    apart from the caption, it is the credit even where credits.py wants capitalised names."""
    value = value.strip()
    parent = text_node.parent
    if parent is None or len(value) > 80 or not starts_with_credit_label(value) or credit_line(value) is not None:
        return False
    body = credit_body(value).strip()
    return bool(body) and len(body.split()) <= 4 and node_text(parent).strip() == value and \
        not body.endswith((".", "!", "?"))


_CLOSING_TAGS = frozenset({"span", "p", "div", "small", "cite", "em", "i"})


def _closing_name(box: LexborNode, caption: list[str], owners: list[LexborNode | None]) -> str | None:
    """The credit a caption box prints without a label in an element of its own after the
    caption's finished sentence ("<span>The lighthouse lit in blue.</span> <span>Ana Ruiz</span>",
    "… <span>EFE</span>"): that element's text when it is only a person's name or an agency's;
    else None."""
    if len(caption) < 2 or len(owners) != len(caption):
        return None
    last, element, before = caption[-1].strip(), owners[-1], owners[-2]
    if element is None or before is None or element.mem_id in (box.mem_id, before.mem_id) or \
            element.tag not in _CLOSING_TAGS or len(last) > 60:
        return None
    if not caption[-2].rstrip().endswith((".", "!", "?", "\u2026", "\u201d", '"', ")")):
        return None
    if not is_name_line(last) and credit_line(last) != last:
        return None
    # all of its element: one text, nothing else in it (a few children looked at, never its whole tree)
    children = [child for _, child in zip(range(3), element.iter(include_text=True))]
    return last if len(children) == 1 and children[0].tag == "-text" else None



def _credit_part(node: LexborNode) -> bool:
    """Whether the element is named as the credit part of a caption ("caption__credit",
    "caption-copyright"): a class whose last part is a credit's word (unlike "credit-caption")."""
    for word in class_words(node):
        last = word.replace("__", "-").replace("_", "-").rsplit("-", 1)[-1]
        if last != word and any(last.startswith(credit) for credit in CREDIT_WORDS):
            return True
    return False


_TITLE_TAGS = frozenset({"div", "span", "p", "strong", "b"})
MAX_SLIDE_TITLE = 120
"""Characters: a slide's title written in an element of its own is short."""


def _title_class(node: LexborNode) -> bool:
    """An element classed as a slide's title or headline ("slide-title", "infoTitle",
    "caption__headline"), not a subtitle nor a credit."""
    words = class_words(node)
    return any(word.endswith(("title", "headline")) and not word.endswith("subtitle") for word in words) and \
        not any(part in class_text(node) for part in CREDIT_WORDS)


_SALES_WORDS = frozenset({"purchase", "buy", "license", "licence", "order", "shop"})


def _sales_link(link: LexborNode) -> bool:
    """A short link that sells the picture ("Purchase Licensing Rights", "Buy a print")."""
    words = node_text(link).lower().split()
    return 0 < len(words) <= 7 and words[0] in _SALES_WORDS  # with a hidden ", opens new tab"


def finish_caption(caption: str, credit: str | None) -> tuple[str, str | None]:
    """A credit written inside the caption is moved out (credits.py's grammar); a caption that is
    only a credit ("Photo by X / Unsplash") is a credit."""
    if credit and caption.endswith(credit):
        caption = caption[: -len(credit)].rstrip(" |\u2014\u2013-")
    elif credit and caption.startswith(credit):
        caption = caption[len(credit):].lstrip(" |\u2014\u2013-:")
    elif credit:
        caption, credit = _fuller_closing_credit(caption, credit)
    caption = without_wire_notes(caption)
    caption = _without_counter(caption)
    if caption and credit is None:
        caption, credit = split_credit(caption)
        if credit is None and credit_line(caption) is not None:
            caption, credit = "", credit_line(caption)
        if credit is None:
            caption, credit = labelled_tail(caption)
    if credit is not None and rights_notice(credit):
        credit = None  # "\u00a9 RIPRODUZIONE RISERVATA": the page's rights, not the photo's credit
    return caption.strip().rstrip(";,").rstrip(), credit  # (a museum label's title line ends "…, 2021;")


def bare_credit(credit: str) -> str:
    """A credit without its labels, however many are stacked ("\u00a9 Foto: Name" \u2192 "Name")."""
    for _ in range(3):
        body = credit_body(credit).strip()
        if not body or body == credit:
            break
        credit = body
    return credit


def _fuller_closing_credit(caption: str, credit: str) -> tuple[str, str]:
    """A caption that closes with its own credit while a separate element (a copyright line)
    gives a shorter one ("\u2026 Foto: Name/AP" beside "\u00a9 Foto: Name"): the caption's credit,
    which names the same person and says more, is the photo's, and leaves the caption."""
    rest, closing = split_credit(caption)
    if closing is None or not rest:
        return caption, credit
    given, found = norm(bare_credit(credit)), norm(bare_credit(closing))
    if given and f" {given} " in f" {found} " and len(found) >= len(given):
        return rest, closing
    return caption, credit


_WEB_TAIL = patterns.compile(r"\s*\((?:@[\w.]{2,40}|(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/[\w.@-]*)*)\)\.?\Z")
"""A credit's closing reference to where the photographer is found: "(name.com)", "(@handle)",
"(instagram.com/handle)"."""


def credit_paragraph(text: str) -> str | None:
    """The credit a paragraph is wholly made of ("Photo by Name.", "Image: Archive"), also when it
    closes with the photographer's web address or handle in brackets ("Foto oleh Name
    (name.com).", "Photo by Name (@handle)"); else None."""
    if rights_notice(text):
        return None
    caption, credit = finish_caption(text, None)
    if credit and not caption:
        return credit
    tail = _WEB_TAIL.search(text)
    if tail is None or tail.start() == 0:
        return None
    caption, credit = finish_caption(text[:tail.start()], None)
    if credit and not caption and credit_line(text[:tail.start()]) is not None:
        return text.rstrip(".").strip()
    return None


_LEADING_COUNTER = patterns.compile(
    r"(?i)((?:photo|image|picture|slide|foto|bild)\s+)?(\d{1,3})\s*(?:of|/|von|de|di)\s*(\d{1,3})\s*([:.|\u2013\u2014-]?)\s+")


def _without_counter(caption: str) -> str:
    """The caption without a slideshow's counter written before it ("Photo 3 of 12: …", "3/12 —
    …", "2 of 9 A heron…"): the first number no more than the second, then a label word, a
    punctuation mark or a capital letter (so "1/2 cup of flour", "24/7 service" and "12 of the 40
    boats" stay)."""
    match = _LEADING_COUNTER.match(caption)
    if match is None or match.end() >= len(caption) or int(match.group(2)) > int(match.group(3)):
        return caption
    if match.group(1) or match.group(4) or caption[match.end()].isupper():
        return caption[match.end():]
    return caption
_WIRE_NOTE_OPENERS = frozenset({"search", "attention", "mandatory", "no", "editorial", "editors", "this", "handout",
                                "to", "for"})
"""First words of a wire service's notes to editors, written in capitals after a caption's credit
("SEARCH "NAME PLACE" FOR THIS STORY.", "ATTENTION EDITORS - …", "MANDATORY CREDIT.", "NO RESALES.")."""


def without_wire_notes(caption: str) -> str:
    """The caption without the notes to editors a wire service writes in capitals after it: a
    closing run of all-capitals words, ending in a full stop, that opens with a note's word, after
    a caption written in ordinary case."""
    words = caption.split()
    start = len(words)
    while start > 0 and not any(ch.islower() for ch in words[start - 1]) and len(words) - start < 40:
        start -= 1
    if len(words) - start < 3 or not words[-1].endswith(".") or start == 0:
        return caption
    before = words[start - 1]
    if not before.endswith(".") and not before[:1].isupper():
        return caption  # inside a sentence ("at the NO ENTRY SIGN."): a sign's words, not a note
    for index in range(start, len(words) - 2):
        if words[index].strip('"\u201c').lower() in _WIRE_NOTE_OPENERS and \
                (index == start or words[index - 1].endswith((".", "-", "\u2013", "\u2014"))):
            rest = words[:index]
            if any(ch.islower() for word in rest for ch in word):
                return " ".join(rest)
            break
    return caption
