"""Step 2 of reading a saved page: the story walked in document order into blocks.

Headings, prose (paragraphs, and text written straight into a container between `<br>`s) and
photos. Chrome inside the story is left out by tag (nav, aside, footer, forms, buttons, scripts),
role or class word (share, related, comments, ads…), but never an element holding most of the
story's photos or text, and a weak word (widget, sidebar, icon, logo…) never hides a story-sized
photo. A picture's saved file wins over a web address in every lazy attribute and
`<picture><source>`; a `<noscript>` copy of a picture already there is not read twice, nor is a
blur-up placeholder beside the picture itself; an element classed visually hidden that holds a
picture is walked (only its label is hidden); a picture that is a teaser for another page (its
link holds a title, or the title beside it links to the same page) is left out — unless the whole
story is such teasers: the page is then a list of posts, each post's picture captioned with its title.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from viewer import patterns
from viewer.importer.credits import rights_notice
from viewer.importer.furniture import furniture
from viewer.importer.page_blocks import LIST_NUMBER, Block
from viewer.importer.page_nodes import (
    ALWAYS_CHROME,
    HEADINGS,
    INLINE_TAGS,
    NOT_CHROME,
    NOT_PROSE_WORDS,
    PARAGRAPHS,
    WEAK_CHROME,
    chrome_kind,
    class_words,
    hidden,
    join_text,
    node_text,
    norm,
    only_time,
)
from viewer.importer.page_pictures import (
    IMAGE_SUFFIXES,
    MIN_SIDE,
    SavedFiles,
    declared_big,
    declared_small,
    enlarges,
    image_key,
    not_shown,
    photo_like,
    picture_addresses,
    picture_size,
    same_picture,
)
from viewer.importer.page_survey import Survey
from viewer.importer.page_titles import byline
from viewer.importer.page_types import PagePhoto

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

_BYLINE = patterns.compile(r"by\s+\S+(?:\s+\S+){0,5}", patterns.IGNORECASE)
_CARD_TAGS = frozenset({"div", "section", "aside", "li"})
AVATAR_CARD_SIDE = 180
"""Pixels: a square picture declared no bigger than this (under a story-sized photo's side), alone
in a short box with a link, is a person's avatar (an author's bio, a commenter), not a story photo."""
MAX_FURNITURE = 300
"""Characters: longer text is never page furniture (a button, a counter, a dateline)."""


class _Run:
    """Text written straight into a container (and its inline elements) since the last block."""

    __slots__ = ("links", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.links = 0


class StoryWalk:
    """The story's elements read into blocks (`blocks`), with the pictures left out and why
    (`skipped`) and the text about the article rather than of it (`left_out`)."""

    def __init__(self, page: Path, found: Survey, title: str | None, sites: set[str], base: str | None,
                 list_page: bool = False) -> None:
        self.resolver = SavedFiles(page)
        self.found = found
        self.title_key = norm(title)
        self.sites = sites
        self.base = base
        self.blocks: list[Block] = []
        self.skipped: list[tuple[str, str]] = []
        self.left_out: list[str] = []
        self.seen: set[str] = set()
        self.sizes: dict[Path, tuple[int, int] | None] = {}
        self.link_text: dict[int, tuple[str, str | None]] = {}
        """A teaser link's title and credit, by id (no title when it holds too little text to be a card)."""
        self.visited: set[int] = set()
        self.missing = 0
        self.story_photos = 0
        self.story_text = 0
        self.roots: set[int] = set()
        """The story's elements, by id."""
        self.list_page = list_page
        """The page is a list of posts (a blog's category page): its teasers are its photos, each
        captioned with its post's title."""
        self.teasers = 0
        """Pictures left out as teasers for another page."""
        self._teaser_title = ""
        self._teaser_credit: str | None = None

    # -- the walk

    def read(self, roots: list[LexborNode]) -> None:
        found = self.found
        self.roots = {root.mem_id for root in roots}
        self.story_photos = sum(found.count(found.photos, root.mem_id) for root in roots)
        self.story_text = sum(found.text(root.mem_id)[0] for root in roots)
        for root in roots:  # never left out as chrome: the story is what the survey found
            if root.tag == "img":
                self._image(root, root, _Run())
            else:
                self._walk(root)

    def _walk(self, root: LexborNode) -> None:
        # In document order with an explicit stack: a page nested 100,000 levels deep must not
        # exhaust Python's recursion limit. A frame: children, the block they belong to, its run.
        stack: list[tuple[Iterator[LexborNode], LexborNode, _Run, bool]] = [
            (root.iter(include_text=True), root, _Run(), True)]
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

    def _visit(self, child: LexborNode, block: LexborNode, run: _Run) -> bool:
        """Handle one node; True when its children must be walked too."""
        tag = child.tag or ""
        if tag == "-text":
            value = child.text_content
            if value and not value.isspace():
                run.parts.append(value)
            return False
        if tag[:1] == "-":
            return False
        if tag == "noscript":
            return self._noscript_needed(child)
        if self._chrome(child):
            self._skip_images(child, "in the page's chrome (navigation, share, related, ads)")
            return False
        if hidden(child) and child.mem_id not in self.found.has_image:
            # a screen reader's label; an element holding a picture is not one, whatever its class
            # says ("field--label-visually_hidden": the label inside it is hidden, not the photo)
            return False
        if tag == "img":
            self._image(child, block, run)
            return False
        if tag == "br":
            run.parts.append("\n")
            return False
        if tag in _CARD_TAGS and child.mem_id in self.found.has_image and self._profile_card(child):
            text = node_text(child)
            if text:
                self.left_out.append(text)  # an author's or commenter's card: their picture and a line
            return False
        holds_image = child.mem_id in self.found.has_image
        if holds_image:
            return True
        if tag in HEADINGS:
            self._flush(block, run)
            self._heading(child)
        elif tag in PARAGRAPHS or tag == "figcaption":
            self._flush(block, run)
            self._prose(child, node_text(child))
        elif tag in INLINE_TAGS:
            if child.attributes.get("class") and class_words(child) & NOT_PROSE_WORDS:
                text = node_text(child)
                if text:
                    self.left_out.append(text)
                return False
            text = node_text(child)
            if text:
                run.parts.append(text)
                if tag == "a":
                    run.links += len(text)
        else:
            return True
        return False

    def _chrome(self, node: LexborNode) -> bool:
        """Page chrome to leave out: never an element holding most of the story's photos or
        text, and a weak word never one holding a story-sized photo."""
        kind = chrome_kind(node)
        if kind == NOT_CHROME:
            return False
        if kind == ALWAYS_CHROME:
            return True
        found = self.found
        element = node.mem_id
        if node.tag == "img":
            return not (kind == WEAK_CHROME and declared_big(node))
        if element in found.info:
            photos, big = found.count(found.photos, element), found.count(found.big, element)
            text = found.text(element)[0]
        elif element in found.has_image:  # an inline element (a link, a span): its first few pictures
            images = [n for number, n in zip(range(200), node.traverse()) if n.tag == "img"]
            photos = sum(1 for image in images if photo_like(image))
            big, text = sum(1 for image in images if declared_big(image)), 0
        else:
            photos = big = text = 0
        if photos >= 2 and 2 * photos > self.story_photos or text >= 500 and 2 * text > self.story_text:
            return False
        if kind == WEAK_CHROME and photos == 1 and text <= 300 and any(
                n.tag == "img" and photo_like(n) and enlarges(n) for _, n in zip(range(20), node.traverse())):
            return False  # a gallery cell ("gallery-icon") whose thumbnail opens the full photo
        return not (kind == WEAK_CHROME and big)

    def _profile_card(self, node: LexborNode) -> bool:
        """A box holding one small square picture (an avatar: at most AVATAR_CARD_SIDE, declared),
        no story photo, a link and a line or two of text: a person's card (an author's bio, a
        comment), not the story's text."""
        found = self.found
        if found.count(found.photos, node.mem_id) > 1 or found.count(found.big, node.mem_id):
            return False
        text, links = found.text(node.mem_id)
        if not 0 < text + links <= 500 or links == 0:
            return False
        images = [n for _, n in zip(range(40), node.traverse()) if n.tag == "img"]
        if len(images) != 1 or enlarges(images[0]):
            return False  # a gallery's thumbnail opening its photo is no avatar
        sides = [(images[0].attributes.get(name) or "").strip().rstrip("px") for name in ("width", "height")]
        return all(side.isdigit() for side in sides) and sides[0] == sides[1] and int(sides[0]) <= AVATAR_CARD_SIDE

    def _noscript_needed(self, node: LexborNode) -> bool:
        """A <noscript> is read only when no usable picture stands right beside it (the lazy
        picture it is the copy of); beside a mere placeholder (a data: image) it is the photo."""
        found = self.found
        for step in ("prev", "next"):
            sibling = getattr(node, step)
            for _ in range(4):
                if sibling is None:
                    break
                if sibling.tag == "img" and photo_like(sibling) or found.count(found.photos, sibling.mem_id):
                    return False
                if sibling.tag in INLINE_TAGS and sibling.mem_id in found.has_image and any(
                        n.tag == "img" and photo_like(n) for _, n in zip(range(50), sibling.traverse())):
                    return False
                if sibling.tag != "-text" or (sibling.text_content or "").strip():
                    break
                sibling = getattr(sibling, step)
        return True

    def _skip_images(self, node: LexborNode, why: str) -> None:
        for image in node.css("img"):
            self.visited.add(image.mem_id)
            candidates = picture_addresses(image, None)
            if candidates:
                self.skipped.append((candidates[0], why))

    def _flush(self, block: LexborNode, run: _Run) -> None:
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
        texts = [join_text(words) for words in paragraphs]
        total = sum(len(text) for text in texts)
        if total and links >= 0.8 * total:
            self.left_out.extend(text for text in texts if text)  # links only: tags, categories, a menu
            return
        for text in texts:
            self._prose(block, text)

    def _prose(self, node: LexborNode, text: str) -> None:
        if not text:
            return
        if node.attributes.get("class") and class_words(node) & NOT_PROSE_WORDS or _BYLINE.fullmatch(text) or \
                only_time(node, text) or len(text) <= 60 and rights_notice(text):
            self.left_out.append(text)
        elif len(text) > MAX_FURNITURE or furniture(text) is None:
            self.blocks.append(Block("prose", text, node))

    def _heading(self, node: LexborNode) -> None:
        text = node_text(node)
        key = norm(text)
        if not key or key == self.title_key or key in self.sites:
            return
        parent = node.parent
        if node.attributes.get("class") and class_words(node) & NOT_PROSE_WORDS or parent is not None and \
                parent.attributes.get("class") and class_words(parent) & NOT_PROSE_WORDS:
            self.left_out.append(text)  # an author's name, a kicker
            return
        if byline(text):
            self.left_out.append(text)  # "Photographs and text by Name": who made the story
            return
        if len(text) <= MAX_FURNITURE and furniture(text) is not None:
            return
        number = LIST_NUMBER.match(text)
        value = number.group(1) or number.group(2) if number is not None else None
        self.blocks.append(Block("heading", text, node, number=int(value) if value else None))

    # -- pictures

    def _image(self, image: LexborNode, block: LexborNode, run: _Run) -> None:
        self.visited.add(image.mem_id)
        photo = self._photo(image)
        if photo is None:
            return
        last = self.blocks[-1] if self.blocks else None
        if not run.parts and last is not None and last.photo is not None and last.node.parent is not None and \
                image.parent is not None and last.node.parent.mem_id == image.parent.mem_id and \
                image_key(last.photo.source) == image_key(photo.source):
            # a blur-up placeholder and the picture itself side by side ("max/60/x.jpg?q=20", then
            # "max/1600/x.jpg"): one photo, the saved copy if either is, else the later (full) one
            if photo.local is not None or last.photo.local is None:
                last.photo, last.node = photo, image
            return
        self._flush(block, run)
        self.blocks.append(Block("photo", "", image, photo))

    def _photo(self, image: LexborNode) -> PagePhoto | None:
        picture = image.parent if image.parent is not None and image.parent.tag == "picture" else None
        candidates = picture_addresses(image, picture)
        if not candidates:
            return None
        name = candidates[0]
        if declared_small(image):
            self.skipped.append((name, "declared smaller than a photo (an icon, avatar or pixel)"))
            return None
        if not_shown(image):
            self.skipped.append((name, "hidden by its own style (a tracking pixel)"))
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
                self.sizes[found] = picture_size(found)
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
        self._teaser_title, self._teaser_credit = "", None
        teaser = self._teaser(image)
        if teaser and not self.list_page:
            self.teasers += 1
            self.skipped.append((name, teaser))
            return None
        key = str(local) if local else remote or name
        alike = same_picture(key)
        if key in self.seen or alike in self.seen:
            return None  # the same picture again (a lightbox's copy, the same file at another size)
        self.seen.update((key, alike))
        if local is None and remote is None:
            self.missing += 1
        alt = " ".join((image.attributes.get("alt") or "").split())
        caption = self._teaser_title if teaser else ""
        credit = self._teaser_credit if teaser else None
        return PagePhoto(source=name, local=local, remote=remote, alt=alt, caption=caption, credit=credit)

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

    def _teaser(self, image: LexborNode) -> str | None:
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
            self.link_text[link.mem_id] = self._card_title(link)
        if self.link_text[link.mem_id][0]:
            self._teaser_title, self._teaser_credit = self.link_text[link.mem_id]
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
                        and node_text(other):
                    self._teaser_title = node_text(other)
                    return "a thumbnail linking to another page (related articles)"
            node = node.parent
        return None

    @staticmethod
    def _card_title(link: LexborNode) -> tuple[str, str | None]:
        """The title of a link that is a whole card (its picture, its title, its text): the
        heading it holds, else all its text; "" for a link with too little text to be one. And
        the card's credit: the short line it classes as its author's or photographer's (a list
        of photos by a studio's staff: "Store Name Staff Name")."""
        text = node_text(link)
        if len(text) < 15:
            return "", None
        heading: LexborNode | None = None
        named: LexborNode | None = None
        for _, node in zip(range(CARD_BUDGET), link.traverse()):
            if heading is None and node.tag in HEADINGS:
                heading = node
            elif named is None and node.mem_id != link.mem_id and node.attributes.get("class") and \
                    not class_words(node).isdisjoint(_CARD_CREDIT_WORDS):
                named = node
            if heading is not None and named is not None:
                break
        line = node_text(named).strip() if named is not None else ""
        credit = line if 2 <= len(line) <= 60 and line != text else None
        title = node_text(heading).strip() if heading is not None else ""
        return (title if title and len(title) < len(text) else text), credit

    def skip_the_rest(self, body: LexborNode) -> None:
        """Pictures outside the story, listed as skipped (not the <noscript> copy of a story photo)."""
        shown = {image_key(block.photo.source) for block in self.blocks if block.photo is not None}
        for image in body.css("img"):
            if image.mem_id not in self.visited:
                candidates = picture_addresses(image, None)
                if candidates and not candidates[0].startswith("data:") and not (
                        image_key(candidates[0]) in shown and _in_noscript(image)):  # a copy of a story photo
                    self.skipped.append((candidates[0], "outside the story: the page's chrome (navigation, "
                                                        "sidebars, related links, ads)"))


CARD_BUDGET = 200
"""Elements of a teaser card looked at for its heading and its credit line."""
_CARD_CREDIT_WORDS = frozenset({"author", "photographer", "credit", "byline", "staff"})


def _in_noscript(node: LexborNode) -> bool:
    parent = node.parent
    for _ in range(6):
        if parent is None:
            return False
        if parent.tag == "noscript":
            return True
        parent = parent.parent
    return False

