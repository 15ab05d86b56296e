"""The caption, credit and heading written inside one element of a saved page (a figure, a
gallery item, a slideshow slide), with visually hidden labels read as labels: "Image caption," is
dropped, "Image source," / "Credit..." / "Photograph:" make what follows the credit, as does an
element classed credit/copyright; counters ("3 / 10") are dropped. credits.py then finds a credit
written inside the caption, or a caption that is all credit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from viewer.importer.credits import credit_line, split_credit
from viewer.importer.furniture import furniture
from viewer.importer.page_nodes import (
    CREDIT_WORDS,
    HEADINGS,
    INLINE_TAGS,
    NEVER_CONTENT,
    class_chrome,
    class_text,
    hidden,
    label_kind,
    node_text,
    norm,
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


def caption_parts(node: LexborNode, skip: frozenset[int] | set[int] = frozenset()) -> tuple[str, str | None, str]:
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
            elif role == "weak":
                weak.append(value)
            else:
                caption.append(value)
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
        if tag == "a" and urlsplit(child.attributes.get("href") or "").path.lower().endswith(IMAGE_SUFFIXES):
            continue  # "Enlarge this image": a link to the picture's own file
        child_role = role
        classes = class_text(child) if child.attributes.get("class") else ""
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
            label = label_kind(node_text(child))
            if label is not None:  # a visible label: "<span>Photograph:</span> Name/Agency"
                frame.after_label = "credit" if label == "credit" else "caption"
                if label == "credit":
                    credits.append([])
                continue
        stack.append(_Frame(child, child_role))
    texts = [" ".join(" ".join(part).split()).strip(" |,;") for part in credits]
    texts = [t for t in texts if t and len(t) <= 200]
    credit = max(texts, key=len) if texts else None
    if credit is None and weak:
        credit = " ".join(" ".join(weak).split()) or None
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
    text = " ".join(" ".join(pieces).split()).strip(" |\u2014\u2013-\u00b7")
    title = " ".join(" ".join(heading).split())
    if title and not text:
        text, title = title, ""
    return text, credit, title


def finish_caption(caption: str, credit: str | None) -> tuple[str, str | None]:
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
