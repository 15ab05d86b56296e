"""Step 3 of reading a saved page: each photo's caption and credit.

A photo's caption is the text of the nearest element that holds it and no other story photo (a
figure, a caption cell of a table, a gallery item, a slideshow slide, whose heading is then the
slide's title) but not the story's prose (paragraphs before the photo, or more than one); what is
written inside that element is read by page_caption_text.py. Photos under one caption element (a
gallery card, a table's caption row) share it; else the element right after the photo is its
caption when classed as one or set apart (emphasised, centred); numbered captions after a run of
photos ("1. …", "2. …", a photo with none skipped: "4. …", "6. …") go to them by number; a short
box holding one photo and its caption and credit in separate elements is its caption; JSON-LD
ImageObject captions come last. A table's caption row gives each column's photo its own cell. A
gallery whose captions close with who took each photo, in brackets ("… (Ana Ruiz)") or on a line
of its own ("Title<br>Ana Ruiz"), has them as its credits when enough of its captions do so.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from viewer.importer.credits import is_name_line
from viewer.importer.page_blocks import LIST_NUMBER, Block
from viewer.importer.page_caption_text import CONTAINER_BUDGET, MAX_CAPTION, caption_parts, finish_caption
from viewer.importer.page_metadata import LinkedData
from viewer.importer.page_nodes import INLINE_TAGS, NOT_CHROME, chrome_kind, class_text, node_text, norm
from viewer.importer.page_pictures import basename, enlarging_link, is_file_name
from viewer.importer.page_survey import Survey
from viewer.importer.page_types import PagePhoto

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

MAX_CLIMB = 8
"""Levels above a picture searched for its caption element."""


class CaptionFinder:
    """Finds the captions of the photos of one story: `captions(blocks)`."""

    def __init__(self, found: Survey, roots: set[int], linked: LinkedData) -> None:
        self.found = found
        self.roots = roots
        """The story's elements, by id: the searches above a photo stop there."""
        self.linked = linked
        self.positions = {image.mem_id: position for position, image in found.images}

    def captions(self, blocks: list[Block]) -> list[Block]:
        """Every photo's caption and credit; the blocks left once captions are taken out."""
        photos = [block for block in blocks if block.kind == "photo"]
        owner, shared = _holders(photos)
        taken: set[int] = set()  # caption elements: their text is not prose
        tops = [self._own_caption(block, shared, taken) for block in photos]
        self._sister_captions(photos, tops, shared, taken)
        self._group_captions(photos, tops, owner, shared, taken)
        for block, top in zip(photos, tops):
            if block.photo is not None and not block.photo.caption:
                self._sibling_caption(block, top, taken)
            if block.photo is not None and not block.photo.caption:
                _attribute_caption(block)
            if block.photo is not None and block.photo.credit is None:
                _attribute_credit(block)
        _names_below(photos, tops)
        _bracketed_credits([block.photo for block in photos if block.photo is not None])
        kept = [block for block in blocks if block.kind == "photo" or not self._inside(block.node, taken)]
        kept = _without_repeats(kept)
        _numbered_captions(kept)
        for block in kept:
            if block.photo is not None:
                self._linked_data(block.photo)
        return [block for block in kept if not block.used]

    def _group_captions(self, photos: list[Block], tops: list[LexborNode], owner: dict[int, int], shared: set[int],
                        taken: set[int]) -> None:
        """Photos still without a caption that share one caption element (a gallery card's
        <figcaption>, a table's caption row) get it, one part each when it has one per photo."""
        captioned = _captioned_above(photos, tops)
        groups: dict[int, tuple[list[PagePhoto], LexborNode]] = {}
        places: dict[int, list[int]] = {}
        for block, top in zip(photos, tops):
            if block.photo is not None and not block.photo.caption:
                found = self._group_caption(top, owner, shared)
                if found is not None:
                    group, element = found
                    groups.setdefault(group.mem_id, ([], element))[0].append(block.photo)
                    place = self.positions.get(block.node.mem_id)
                    if place is not None:
                        places.setdefault(group.mem_id, []).append(place)
        for group_id, (members, element) in groups.items():
            if group_id in captioned:
                continue  # a gallery's own line ("Click any photo…") when its photos have captions
            span = self.found.info.get(element.mem_id)
            where = places.get(group_id, [])
            if span is not None and any(p < span[0] for p in where) and any(p > span[0] for p in where):
                continue  # between the photos: the caption of the one before it (a sibling), not theirs
            caption, credit = finish_caption(*caption_parts(element)[:2])
            if caption or credit:
                taken.add(element.mem_id)
                shares = _one_each(element, caption, len(members))
                for photo, share in zip(members, shares or [caption] * len(members)):
                    photo.caption = share
                    photo.credit = photo.credit or credit

    def _own_caption(self, block: Block, shared: set[int], taken: set[int]) -> LexborNode:
        """Search the elements above the photo that hold no other story photo, nearest first, for
        its caption; the highest such element (for the searches that follow)."""
        found = self.found
        photo = block.photo
        assert photo is not None
        node = top = block.node
        if photo.caption:
            return top  # a post's title in a list of posts (page_walk.py)
        links: set[int] = set()
        credit: str | None = None
        last = -1
        position = self.positions.get(block.node.mem_id)
        for _ in range(MAX_CLIMB):
            if node.mem_id in self.roots:
                break
            parent = node.parent
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
                keys, pictures = found.unit_keys, found.photos
                text_first = position is None or bisect_left(keys, position) - bisect_left(keys, span[0]) \
                    > bisect_left(pictures, position) - bisect_left(pictures, span[0])
                if before and position is not None and amount <= CAPTION_BOX and \
                        _caption_above(parent, position, span[0], found):
                    before = text_first = False  # a short box with its caption above the photo
                if amount > MAX_CAPTION or parent.tag != "figure" and (
                        paragraphs > 1 and (amount > CAPTION_BOX or text_first) or before):
                    # the story's prose (more than a paragraph, or one before the photo); a short
                    # box may hold two (a caption and its credit, each in its own element)
                    break
                if amount != last and (parent.tag == "figure" or span[3] <= 0.6 * amount):  # not a box of links
                    last = amount
                    caption, found_credit, block.title = caption_parts(parent, links)
                    credit = credit or found_credit or _credit_attribute(parent, caption)
                    if caption:
                        photo.caption, photo.credit = finish_caption(caption, credit)
                        taken.add(parent.mem_id)
                        return parent
            node = top = parent
        if credit:
            photo.credit = credit
            taken.add(top.mem_id)
        return top

    def _sister_captions(self, photos: list[Block], tops: list[LexborNode], shared: set[int],
                         taken: set[int]) -> None:
        """A photo left without a caption whose box is one of a run of like boxes (the same tag and
        class, side by side) that are the captions of other photos (a gallery's slides: picture,
        heading, text) has its box as its caption too, though it holds more text than theirs (two
        paragraphs where they have one)."""
        boxes: dict[tuple[int, str, str], int] = {}
        for block, top in zip(photos, tops):
            if block.photo is not None and block.photo.caption and top.mem_id in taken and top.parent is not None:
                key = (top.parent.mem_id, top.tag or "", top.attributes.get("class") or "")
                boxes[key] = boxes.get(key, 0) + 1
        if not boxes:
            return
        for index, block in enumerate(photos):
            photo = block.photo
            if photo is None or photo.caption:
                continue
            node = block.node
            links: set[int] = set()
            for _ in range(MAX_CLIMB):
                if node.mem_id in self.roots:
                    break
                parent = node.parent
                if parent is None or parent.mem_id in shared or parent.parent is None:
                    break
                if parent.tag == "a":
                    links.add(parent.mem_id)
                key = (parent.parent.mem_id, parent.tag or "", parent.attributes.get("class") or "")
                if boxes.get(key, 0) >= MIN_SISTERS and sum(self.found.text(parent.mem_id)) <= MAX_CAPTION:
                    caption, credit, block.title = caption_parts(parent, links)
                    if caption:
                        photo.caption, photo.credit = finish_caption(caption, photo.credit or credit)
                        taken.add(parent.mem_id)
                        tops[index] = parent
                    break
                node = parent

    def _group_caption(self, top: LexborNode, owner: dict[int, int],
                       shared: set[int]) -> tuple[LexborNode, LexborNode] | None:
        """(the element holding the photo with others, their one caption element) or None: a
        gallery card's <figcaption>, a table's caption row."""
        node = top.parent
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
                classes = class_text(child) if child.attributes.get("class") else ""
                if (child.tag in ("figcaption", "caption") or "caption" in classes or
                        child.tag == "tr" and node.tag in ("tbody", "table", "thead")) and node_text(child):
                    return node, child
            if node.mem_id in self.roots:
                return None
            node = node.parent
        return None

    def _sibling_caption(self, block: Block, top: LexborNode, taken: set[int]) -> None:
        """The element right after the photo when it reads as its caption: classed as one, or a
        short paragraph emphasised, centred or small."""
        photo = block.photo
        assert photo is not None
        sibling = top.next
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
        if sibling.mem_id in self.found.has_image or chrome_kind(sibling) != NOT_CHROME:
            return
        text, _ = self.found.text(sibling.mem_id)
        attributes = sibling.attributes
        classes = class_text(sibling) if attributes.get("class") else ""
        if not text or text > (MAX_CAPTION if "caption" in classes else 300):
            return
        if "caption" not in classes and not _set_apart(sibling):
            return
        caption, credit, heading = caption_parts(sibling)
        caption, credit = finish_caption(caption, credit)
        if caption and not credit and not heading and is_file_name(caption, photo.source):
            taken.add(sibling.mem_id)  # the picture's file name printed under it ("Ana Ruiz 2"): no caption
            return
        if caption or credit:
            photo.caption, photo.credit = caption, photo.credit or credit
            block.title = heading
            taken.add(sibling.mem_id)

    def _inside(self, node: LexborNode | None, taken: set[int]) -> bool:
        """Whether `node` lies inside one of the caption elements `taken` (within the story)."""
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
        meta = self.linked.images.get(basename(photo.source)) or \
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


CAPTION_ATTRIBUTES = ("data-caption", "data-title", "data-sub-html", "data-lightbox-caption", "data-fancybox-caption")
"""Attributes a lightbox script shows as the caption of the photo it opens."""


def _attribute_caption(block: Block) -> None:
    """A photo with no caption written beside it: the caption a lightbox shows for it, from
    the picture's own attributes or those of the link that opens it (data-caption, data-title;
    the link's title when it opens the picture's file), never a file name."""
    photo = block.photo
    assert photo is not None
    holders = [block.node]
    node = block.node.parent
    for _ in range(3):
        if node is None:
            break
        holders.append(node)
        if node.tag in ("a", "figure"):
            break
        node = node.parent
    link = enlarging_link(block.node)
    opener = link.mem_id if link is not None else None
    for holder in holders:
        names = CAPTION_ATTRIBUTES + (("title",) if holder.mem_id == opener else ())
        for name in names:
            value = (holder.attributes.get(name) or "").strip()
            if "<" in value:
                from selectolax.lexbor import LexborHTMLParser

                fragment = LexborHTMLParser(value[:MAX_CAPTION]).body
                value = node_text(fragment) if fragment is not None else ""
            value = " ".join(value.split())[:MAX_CAPTION]
            if not value or is_file_name(value) or len(value.split()) < 2:
                continue
            photo.caption, credit = finish_caption(value, photo.credit)
            photo.credit = photo.credit or credit
            return


CREDIT_ATTRIBUTES = ("data-credit", "data-photo-credit", "data-image-credit", "data-copyright", "data-photographer")
"""Attributes a picture carries its credit in when the page prints none beside it."""


def _attribute_credit(block: Block) -> None:
    """A photo with no credit written beside it: the one its own markup carries (data-credit on
    the picture, or on its figure or link), when short enough to be one."""
    photo = block.photo
    assert photo is not None
    node: LexborNode | None = block.node
    for _ in range(4):
        if node is None:
            return
        for name in CREDIT_ATTRIBUTES:
            value = " ".join((node.attributes.get(name) or "").split())
            if value and len(value) <= 140 and "<" not in value and norm(value) not in norm(photo.caption):
                photo.credit = value
                return
        if node.tag in ("a", "figure"):
            return
        node = node.parent


def _credit_attribute(box: LexborNode, caption: str) -> str | None:
    """The credit a caption box's markup names in a data attribute (data-credit, data-c-credit,
    data-photo-credit on the box or an element in it) and prints, without a label, in an element
    of its own that closes the caption ("<span>Name, Daily Courier</span>")."""
    attributes: list[str] = []
    texts: set[str] = set()
    for number, node in enumerate(box.traverse()):
        if number >= 40:
            break
        for name, value in node.attributes.items():
            if name.startswith("data-") and "credit" in name and value and len(value) <= 140 and "<" not in value:
                attributes.append(" ".join(value.split()))
        if node.mem_id != box.mem_id and node.tag not in ("img", "picture", "source"):
            texts.add(norm(node_text(node)))
    text = norm(caption)
    for value in attributes:
        key = norm(value)
        if key and key in texts and text.endswith(f" {key}"):
            return value
    return None


def _caption_above(box: LexborNode, position: int, start: int, found: Survey) -> bool:
    """Whether the only text in `box` before the photo (at `position`) is an element classed as
    a caption (or a <figcaption>): a caption written above its photo, not the story's prose."""
    caption = box.css_first('figcaption, [class*="caption"]')
    span = found.info.get(caption.mem_id) if caption is not None else None
    if span is None or span[0] >= position:
        return False
    keys = found.unit_keys
    before = keys[bisect_left(keys, start):bisect_left(keys, position)]
    pictures = set(found.photos[bisect_left(found.photos, start):bisect_left(found.photos, position)])
    texts = [key for key in before if key not in pictures]
    return len(texts) == 1 and span[0] <= texts[0] < span[1]


MIN_SISTERS = 2
"""Like boxes captioning other photos that make a photo's box of the same kind its caption."""

CAPTION_BOX = 400
"""Characters: a box holding one photo and no more text than this is its caption box, however
many elements the text is split into (caption, credit, counter)."""


def _holders(photos: list[Block]) -> tuple[dict[int, int], set[int]]:
    """Each element above a photo: which photo it holds (by index), and the elements that hold
    more than one story photo."""
    owner: dict[int, int] = {}
    shared: set[int] = set()
    for index, block in enumerate(photos):
        node = block.node.parent
        while node is not None and node.mem_id not in shared:
            held = owner.get(node.mem_id)
            if held is None:
                owner[node.mem_id] = index
            elif held != index:
                shared.add(node.mem_id)
            node = node.parent
    return owner, shared


def _captioned_above(photos: list[Block], tops: list[LexborNode]) -> set[int]:
    """The elements just above a photo that has its own caption (up to MAX_CLIMB levels from
    its caption's search)."""
    captioned: set[int] = set()
    for block, top in zip(photos, tops):
        if block.photo is not None and block.photo.caption:
            node: LexborNode | None = top
            for _ in range(MAX_CLIMB):
                if node is None or node.mem_id in captioned:
                    break
                captioned.add(node.mem_id)
                node = node.parent
    return captioned


def _set_apart(node: LexborNode) -> bool:
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


def _one_each(element: LexborNode, caption: str, photos: int) -> list[str] | None:
    """The parts of a caption shared by several photos that go one to each, in order: its list
    items ("Left: …", "Right: …"), or its numbers ("1. … 2. …"), when there are as many as
    photos; else None."""
    if photos < 2:
        return None
    if element.tag == "tr":  # a table's caption row under its row of photos: one cell per column
        cells = [node for _, node in zip(range(CONTAINER_BUDGET), element.iter()) if node.tag in ("td", "th")]
        if len(cells) == photos:
            texts = [finish_caption(*caption_parts(cell)[:2])[0] for cell in cells]
            if all(texts):
                return texts
    items = [node for _, node in zip(range(CONTAINER_BUDGET), element.traverse()) if node.tag == "li"]
    if len(items) == photos:
        texts = [finish_caption(*caption_parts(item)[:2])[0] for item in items]
        if all(texts):
            return texts
    parts = _split_numbered(caption, photos)
    return parts if len(parts) == photos else None


def _without_repeats(blocks: list[Block]) -> list[Block]:
    """Prose or a heading that only repeats the caption or credit of the photo before it (a
    lightbox's copy of the caption, a card's title) is left out; so is a labelled copy of any
    photo's caption elsewhere in the story ("Header image: <the lead photo's caption, perhaps cut
    short> — credit")."""
    kept: list[Block] = []
    repeats: set[str] = set()
    captions = sorted(norm(block.photo.caption) for block in blocks
                      if block.kind == "photo" and block.photo is not None and block.photo.caption)
    for at, block in enumerate(blocks):
        if block.kind == "photo" and block.photo is not None:
            caption, credit = norm(block.photo.caption), norm(block.photo.credit)
            repeats = {key for key in (caption, credit, f"{caption} {credit}".strip()) if key}
        elif block.kind == "prose" and (norm(block.text) in repeats or _labelled_copy(block.text, captions) or
                                        _copy_before(block.text, blocks[at + 1] if at + 1 < len(blocks) else None)):
            continue
        elif block.kind == "heading" and norm(block.text) in repeats:
            continue  # a card's title after its picture, which has it as its caption already
        kept.append(block)
    return kept


def _copy_before(text: str, following: Block | None) -> bool:
    """Prose printed just before a photo that is word for word that photo's caption (an album's
    "pie-foto" span ahead of the figure whose figcaption says it again): a copy, not the end of the
    slide before."""
    if following is None or following.kind != "photo" or following.photo is None or not following.photo.caption:
        return False
    key = norm(text)
    return bool(key) and key in (norm(following.photo.caption),
                                 f"{norm(following.photo.caption)} {norm(following.photo.credit)}".strip())


_COPY_LABEL_WORDS = frozenset({"image", "photo", "picture", "photograph", "caption", "cover", "header", "top",
                               "main", "lead", "featured", "feature", "banner", "hero"})


def _labelled_copy(text: str, captions: list[str]) -> bool:
    """"Header image: Families crowd the shore. — Photo by Name": a short label naming a picture,
    then the start of a photo's caption (at least five words of it), perhaps with its credit."""
    colon = text.find(":")
    if not 0 < colon <= 30 or len(text) > 600:
        return False
    label = norm(text[:colon]).split()
    if not 1 <= len(label) <= 3 or not any(word in _COPY_LABEL_WORDS for word in label):
        return False
    rest = text[colon + 1:].strip()
    body, _ = finish_caption(rest, None)
    key = norm(body or rest)
    at = bisect_left(captions, key)  # `captions` sorted: the first one not below `key` is the one it may open
    return len(key.split()) >= 5 and at < len(captions) and captions[at].startswith(key)


def _numbered_captions(blocks: list[Block]) -> None:
    """Numbered captions after a run of photos without captions ("1. …" "2. …", as paragraphs
    of their own or in one) go to the photos by number."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind != "photo" or block.photo is None or block.photo.caption:
            index += 1
            continue
        end = index
        while end < len(blocks) and _uncaptioned(blocks[end]):
            end += 1
        run = blocks[index:end]
        if len(run) >= 2:
            # by number, in order, a photo with no caption of its own skipped ("4. …", "6. …")
            numbered: list[tuple[int, str]] = []
            after = end
            while after < len(blocks) and blocks[after].kind == "prose" and len(numbered) < len(run):
                match = LIST_NUMBER.match(blocks[after].text)
                number = int(match.group(1) or match.group(2)) if match is not None else 0
                last = numbered[-1][0] if numbered else 0
                if match is None or not last < number <= len(run) or not numbered and number != 1:
                    break
                numbered.append((number, blocks[after].text[match.end():]))
                after += 1
            used = after - end
            if len(numbered) < 2 and end < len(blocks) and blocks[end].kind == "prose":
                numbered, used = list(enumerate(_split_numbered(blocks[end].text, len(run)), start=1)), 1
            if len(numbered) >= 2:
                for number, text in numbered:
                    photo_block = run[number - 1]
                    assert photo_block.photo is not None
                    photo_block.photo.caption, credit = finish_caption(text, None)
                    photo_block.photo.credit = photo_block.photo.credit or credit
                for used_block in blocks[end:end + used]:
                    used_block.used = True
        index = max(end, index + 1)


def _uncaptioned(block: Block) -> bool:
    return block.kind == "photo" and block.photo is not None and not block.photo.caption


def _split_numbered(text: str, most: int) -> list[str]:
    """"1. A bridge. 2. A tower." → ["A bridge.", "A tower."] (numbers in order, from 1)."""
    first = LIST_NUMBER.match(text)
    if first is None or int(first.group(1) or first.group(2)) != 1:
        return []
    parts: list[str] = []
    start = first.end()
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


MAX_BRACKETED = 60
"""Characters: a credit in brackets closing a caption is short."""


def _closing_brackets(caption: str) -> tuple[str, str] | None:
    """(the caption before, the words inside) for a caption closing with a short phrase in
    brackets ("… na esquina. (Ana Ruiz)", "… di lantai dasar (dokumentasi pribadi)"): one to five
    words, no digits nor sentence punctuation inside; else None."""
    text = caption.rstrip()
    if not text.endswith(")"):
        return None
    at = text.rfind("(", max(0, len(text) - MAX_BRACKETED - 2))
    if at == -1:
        return None
    inner = text[at + 1:-1].strip()
    words = inner.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() or ch in ".!?:;()[]" for ch in inner):
        return None
    return text[:at].rstrip(" \u2014\u2013-|"), inner


def _bracketed_credits(photos: list[PagePhoto]) -> None:
    """A gallery whose captions close with who took each photo in brackets and no label ("…
    (Ana Ruiz)", "… (Dokumentasi pribadi)"): when at least three of the story's captions, and
    half of them, close so with a person's name or a phrase that recurs under captions that
    differ, those are the credits."""
    found: list[tuple[PagePhoto, str, str]] = []
    captioned = 0
    for photo in photos:
        if not photo.caption:
            continue
        captioned += 1
        if photo.credit is None:
            parts = _closing_brackets(photo.caption)
            if parts is not None:
                found.append((photo, *parts))
    # A phrase recurs when it closes captions that differ (a work's part in brackets closing its
    # caption and its detail's, "Museum (rotunda)" and "DETAIL: Museum (rotunda)", does not).
    rests: dict[str, list[str]] = {}
    for _, rest, inner in found:
        rests.setdefault(norm(inner), []).append(norm(rest))
    recurring = {inner for inner, texts in rests.items()
                 if any(a not in b and b not in a for a, b in zip(texts, texts[1:]))}
    credits = [(photo, rest, inner) for photo, rest, inner in found
               if norm(inner) in recurring or is_name_line(inner)]
    if len(credits) < 3 or 2 * len(credits) < captioned:
        return
    for photo, rest, inner in credits:
        photo.caption, photo.credit = rest, inner


def _last_line(element: LexborNode) -> str:
    """The text of `element` after its last `<br>` (its first CONTAINER_BUDGET nodes), or ""
    when it has none."""
    lines = 0
    after: list[str] = []
    for _, node in zip(range(CONTAINER_BUDGET), element.traverse(include_text=True)):
        if node.tag == "br":
            lines += 1
            after = []
        elif node.tag == "-text":
            value = node.text_content or ""
            if value.strip():
                after.append(value)
    return " ".join(" ".join(after).split()) if lines else ""


def _names_below(photos: list[Block], tops: list[LexborNode]) -> None:
    """A gallery whose captions give the picture's title, then on a line of its own who made it
    ("Low tide, Staithes<br>Ana Ruiz"): when at least two of the story's captions, and half of
    them, end so with a line that is only a person's name, that line is each one's credit, and
    so is a caption that is only a name."""
    found: list[tuple[PagePhoto, str, str]] = []
    names: list[PagePhoto] = []
    captioned = 0
    for block, top in zip(photos, tops):
        photo = block.photo
        if photo is None or not photo.caption:
            continue
        captioned += 1
        if photo.credit is not None or block.title:
            continue
        last = _last_line(top)
        if not last and is_name_line(photo.caption):
            names.append(photo)
            continue
        caption = photo.caption
        if last and len(last) < len(caption) and caption.endswith(last) and is_name_line(last):
            found.append((photo, caption[:-len(last)].rstrip(" ,;|\u2014\u2013-"), last))
    if len(found) < 2 or 2 * len(found) < captioned:
        return
    for photo, rest, name in found:
        photo.caption, photo.credit = rest, name
    for photo in names:
        photo.caption, photo.credit = "", photo.caption
