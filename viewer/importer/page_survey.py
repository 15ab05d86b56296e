"""Step 1 of reading a saved page, where the story is: one survey of the page.

One walk in document order counts, for each element, its text outside links and inside them and
its photo-like pictures. Each paragraph and each photo scores the containers just above it,
readability-style (a paragraph by its length and commas, a photo more with a caption of its own;
both less for each level up and for text inside links). page_story.py picks the story from those
scores.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from viewer.importer.page_nodes import HEADINGS, INLINE_TAGS, NEVER_CONTENT, UNIT_TAGS
from viewer.importer.page_pictures import IMAGE_SUFFIXES, declared_big, photo_like

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode


@dataclass
class Survey:
    """One pass over the page: what each element holds. Positions are elements' indexes in
    document order (pictures have their own); an element's descendants lie in [first, end)."""

    info: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    """Block elements holding text or photo-like pictures: (first, end, text outside links,
    text inside links), in characters."""
    photos: list[int] = field(default_factory=list)
    """Positions of the photo-like pictures."""
    big: list[int] = field(default_factory=list)
    """Positions of those declared story-sized."""
    images: list[tuple[int, LexborNode]] = field(default_factory=list)
    units: list[tuple[int, float]] = field(default_factory=list)
    """Paragraphs and photos: (position, score)."""
    credit: dict[int, float] = field(default_factory=dict)
    """Each container's score from the paragraphs and photos just below it."""
    nodes: dict[int, LexborNode] = field(default_factory=dict)
    has_image: set[int] = field(default_factory=set)
    """Elements holding an <img> (outside <noscript>)."""
    linked: set[int] = field(default_factory=set)
    """Positions of photo-like pictures inside a link to another page."""
    teasers: set[int] = field(default_factory=set)
    """Positions of linked pictures beside their link's own words (another page's title): teasers."""
    teaser_positions: list[int] = field(default_factory=list)
    """The same, sorted (for count)."""
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


class _Frame:
    """One element open in the survey's walk."""

    __slots__ = ("block", "children", "commas", "element", "first", "in_link", "links_before", "node", "owner",
                 "own_links", "own_text", "text_before")

    def __init__(self, node: LexborNode, block: bool, first: int, text_before: int, links_before: int,
                 in_link: bool, owner: int) -> None:
        self.node = node
        self.children: Iterator[LexborNode] = node.iter(include_text=True)
        self.element = node.mem_id
        self.block = block
        """Not an inline element: its text is its own."""
        self.first = first
        """Its position."""
        self.text_before = text_before
        self.links_before = links_before
        """The page's text outside and inside links before it."""
        self.own_text = 0
        self.own_links = 0
        self.commas = 0
        """Its own text (outside nested blocks), link text and commas."""
        self.in_link = in_link
        self.owner = owner
        """Index in the stack of the nearest block frame (itself for a block)."""


def survey(body: LexborNode) -> Survey:
    found = Survey()
    position = 1
    text_total = link_total = 0
    stack: list[_Frame] = [_Frame(body, True, 0, 0, 0, False, 0)]
    while stack:
        frame = stack[-1]
        child = next(frame.children, None)
        if child is None:
            stack.pop()
            if frame.block:
                _close_block(found, frame, stack, position, text_total, link_total)
            continue
        tag = child.tag or ""
        if tag == "-text":
            value = child.text_content
            if value:
                size = len(value.strip())
                if size:
                    owner = stack[frame.owner]
                    if frame.in_link:
                        link_total += size
                        owner.own_links += size
                    else:
                        text_total += size
                        owner.own_text += size
                        owner.commas += value.count(",")
            continue
        if tag[:1] == "-" or tag in NEVER_CONTENT or tag == "noscript":
            continue
        if tag == "img":
            if photo_like(child):
                found.photos.append(position)
                found.images.append((position, child))
                if declared_big(child):
                    found.big.append(position)
                if frame.in_link and _in_page_link(stack):
                    found.linked.add(position)
            for up in reversed(stack):  # each element marked once: the marks above it are there
                if up.element in found.has_image:
                    break
                found.has_image.add(up.element)
            position += 1
            continue
        block = tag not in INLINE_TAGS
        in_link = frame.in_link or tag == "a" and bool(child.attributes.get("href"))
        stack.append(_Frame(child, block, position, text_total, link_total, in_link,
                            len(stack) if block else frame.owner))
        position += 1
    _photo_units(found)
    found.teaser_positions = sorted(found.teasers)
    found.units.sort()
    found.paragraph_ends.sort()
    found.unit_keys = [key for key, _ in found.units]
    return found


def _close_block(found: Survey, frame: _Frame, stack: list[_Frame], position: int, text_total: int,
                 link_total: int) -> None:
    node, element, first, own_text = frame.node, frame.element, frame.first, frame.own_text
    text, links = text_total - frame.text_before, link_total - frame.links_before
    if text or links or found.photos and found.photos[-1] > first:
        found.info[element] = (first, position, text, links)
    tag = node.tag or ""
    if own_text < 25 or tag in HEADINGS:
        return
    own = own_text + frame.own_links
    score = (1 + min(frame.commas, 10) + min(own // 100, 3)) * own_text / own
    # A paragraph stands where it starts; text written into a container, at the container's end
    # (it may follow the picture in it).
    found.units.append((first if tag in UNIT_TAGS else position - 1, score))
    found.paragraph_ends.append(position)
    targets = [] if tag in UNIT_TAGS else [frame]  # text written straight into a container scores it
    index = stack[-1].owner if stack else -1
    while len(targets) < 3 and index >= 0:
        targets.append(stack[index])
        index = stack[index - 1].owner if index > 0 else -1
    for level, target in enumerate(targets):
        found.credit[target.element] = found.credit.get(target.element, 0.0) + score / _LEVEL_SHARE[level]
        found.nodes[target.element] = target.node


def _in_page_link(stack: list[_Frame]) -> bool:
    """Whether the nearest link around the survey's place links to another page (not to the
    picture's own file, not within the page)."""
    for frame in reversed(stack[-8:]):
        if frame.node.tag == "a":
            href = (frame.node.attributes.get("href") or "").strip()
            target = urlsplit(href)
            return bool(href) and not href.startswith("#") and target.scheme in ("", "http", "https") \
                and not target.path.lower().endswith(IMAGE_SUFFIXES)
    return False


def _page_of(href: str) -> str:
    target = urlsplit(href.strip())
    return f"{target.netloc}{target.path.rstrip('/')}".casefold()


def _titled_link(image: LexborNode, box: LexborNode) -> bool:
    """Whether a link of words in the picture's box opens the page the picture's link opens (a
    teaser: the picture and the title link to one story). A picture opening its own enlargement
    beside a post's controls ("Permalink", "Reblog") is no teaser."""
    node: LexborNode | None = image
    for _ in range(8):
        if node is None or node.tag == "a":
            break
        node = node.parent
    if node is None or node.tag != "a":
        return True  # (the survey saw a link; where it cannot be read again, as before)
    if node.text(deep=True).strip():
        return True  # the picture and its title in one link
    page = _page_of(node.attributes.get("href") or "")
    for number, link in enumerate(box.css("a")):
        if number >= 40:
            break
        if link.mem_id != node.mem_id and _page_of(link.attributes.get("href") or "") == page \
                and link.text(deep=True).strip():
            return True
    return False


def _photo_units(found: Survey) -> None:
    """Each photo-like picture scores the containers above the highest element that holds it and
    nothing else much (its figure): more with a caption there, less when that is all links."""
    for position, image in found.images:
        node, anchor = image.parent, None
        anchor_node = image
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
            anchor, anchor_node, node = span, node, node.parent
        score = 4.0 if declared_big(image) else 3.0
        if anchor is not None:
            text, links = anchor[2], anchor[3]
            if text >= 15:
                score += 1.5
            if text + links:
                score *= 0.25 + 0.75 * text / (text + links)
            if position in found.linked and links >= 15 and _titled_link(image, anchor_node):
                score *= 0.25  # a teaser: a picture linking to another page, beside that page's title
                found.teasers.add(position)
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
