"""Step 1 of reading a saved page, continued: which elements hold the story.

The container scoring best in the survey (page_survey.py), times its share of text outside links,
is the story; `<article>`, `<main>` and itemprop=articleBody weigh a little more, class names
decide nothing here. The story then grows to the element that also holds its headline; a gallery
with hardly any text takes in the few clean lines around it; it grows to an ancestor when that
brings in story photos it left out, takes in siblings that score like it, and the page's lead
picture (og:image) when it is shown just above it (a theme's hero header).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from viewer.importer.page_caption_text import MAX_CAPTION
from viewer.importer.page_nodes import CHROME, INLINE_TAGS, WEAK_CHROME, chrome_kind, node_text, norm
from viewer.importer.page_pictures import AVATAR_SIDE, image_key, picture_addresses
from viewer.importer.page_survey import Survey

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

def story_elements(body: LexborNode, found: Survey, title: str | None, lead: str = "") -> list[LexborNode]:
    """The elements holding the story, in document order (see the module's docstring); `lead` is
    the page's lead picture (og:image) as image_key gives it."""
    roots = _story_roots(body, found, title)
    first = found.info.get(roots[0].mem_id)
    if not lead or first is None:
        return roots
    # The lead picture shown above the story, outside its element (a theme's hero header).
    for position, image in found.images:
        if position >= first[0]:
            break
        if lead not in {image_key(address) for address in picture_addresses(image, None)}:
            continue
        holder, node, growing = image, image, True
        for _ in range(40):
            parent = node.parent
            if parent is None or parent.tag in ("body", "html"):
                break
            node = parent
            span = found.info.get(node.mem_id)
            if span is not None and span[1] > first[0]:
                break  # an element holding the story too: what it is called says nothing of the photo
            if chrome_kind(node) >= CHROME:
                return roots  # a logo or a teaser in the page's header, not the lead photo
            if growing and node.tag not in INLINE_TAGS:
                growing = span is not None and span[2] + span[3] <= MAX_CAPTION \
                    and found.count(found.photos, node.mem_id) == 1
                if growing:
                    holder = node  # the picture's own box, with its caption, ending before the story
        return [holder, *roots]
    return roots


def _story_roots(body: LexborNode, found: Survey, title: str | None) -> list[LexborNode]:
    best: LexborNode | None = None
    best_score = 0.0
    for element, credit in found.credit.items():
        container = found.nodes[element]
        text, links = found.text(element)
        score = credit * (text / (text + links) if text + links else 1.0)
        tag = container.tag
        if (container.attributes.get("itemprop") or "") == "articleBody":
            score *= 1.5
        elif tag == "article":
            score *= 1.25
        elif tag == "main":
            score *= 1.1
        if score > best_score:
            best, best_score = container, score
    if best is None:
        return [body]
    root = best
    # The headline's element (and so the photo beside it, the intro under it).
    key = norm(title)
    span = found.info.get(root.mem_id)
    if key and span is not None:
        heads = [h for h in body.css("h1, h2, h3")[:40] if norm(node_text(h)) == key]
        outside = [h for h in heads if not span[0] <= found.info.get(h.mem_id, (-1,))[0] < span[1]]
        if outside and len(outside) == len(heads):
            before = [h for h in outside if found.info.get(h.mem_id, (0,))[0] < span[0]]
            head = before[-1] if before else outside[0]
            # Three levels up at most; further (six) only to the <article> holding both, as a
            # slideshow deep inside an article's body meets its headline there.
            above: dict[int, tuple[int, LexborNode]] = {}
            node = root.parent
            for level in range(6):
                if node is None or node.tag == "html":
                    break
                above[node.mem_id] = (level, node)
                node = node.parent
            node = head.parent
            for _ in range(40):
                if node is None:
                    break
                meeting = above.get(node.mem_id)
                if meeting is not None:
                    if meeting[0] < 3 or node.tag == "article":
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
        inside_mass, around_mass = photo_mass(root.mem_id), photo_mass(parent.mem_id)
        if around_mass - inside_mass < max(2.5, 0.25 * inside_mass):
            break
        root = parent
    if root.tag in ("body", "html") or root.parent is None:
        return [root]
    roots: list[LexborNode] = []
    seen_root = False
    for number, sibling in enumerate(root.parent.iter()):
        if number >= 500:
            break
        if sibling.mem_id == root.mem_id:
            roots.append(root)
            seen_root = True
        elif _belongs(sibling, found, photo_mass, best_score):
            roots.append(sibling)
    return roots if seen_root else [root]


def _photo_mass(found: Survey) -> Callable[[int], float]:
    """The photos' scores inside an element, by its id (prefix sums over the pictures); a
    teaser (a picture opening another page, beside that page's title) weighs nothing here: it
    brings in no story photo."""
    keys = [position for position, _ in found.images]
    sums = [0.0]
    scores = dict(found.units)
    for position in keys:
        sums.append(sums[-1] + (0.0 if position in found.teasers else scores.get(position, 0.0)))

    def mass(element: int) -> float:
        span = found.info.get(element)
        if span is None:
            return 0.0
        return sums[bisect_left(keys, span[1])] - sums[bisect_left(keys, span[0])]

    return mass


def _belongs(sibling: LexborNode, found: Survey, photo_mass: Callable[[int], float], best_score: float) -> bool:
    """A sibling of the story's root that is part of the story: a story photo (the one above the
    text), prose scoring like the story's own, a long paragraph; never chrome."""
    kind = chrome_kind(sibling)
    if kind >= CHROME or kind == WEAK_CHROME and not found.count(found.big, sibling.mem_id):
        return False
    text, links = found.text(sibling.mem_id)
    photos = found.count(found.photos, sibling.mem_id)
    if text + links == 0 and not photos:
        return False
    if links > 0.35 * (text + links):
        return False
    if photos >= 2 and found.count(found.teaser_positions, sibling.mem_id) == photos:
        return False  # every picture is a teaser beside another page's title: a rail, not the story's photos
    if _avatars(sibling) >= 2:
        return False  # people's small square pictures beside their words: comments, profiles
    if photo_mass(sibling.mem_id) >= 2.5:
        return True
    score = found.credit.get(sibling.mem_id, 0.0) * (text / (text + links) if text + links else 1.0)
    return score >= max(10.0, 0.2 * best_score) or sibling.tag == "p" and text >= 80


def _avatars(node: LexborNode) -> int:
    """Small square pictures (declared at most AVATAR_SIDE on both sides) among an element's first
    pictures: the avatars of a comment thread or a list of authors."""
    count = 0
    for number, image in enumerate(node.css("img")):
        if number >= 50:
            break
        sides = [(image.attributes.get(name) or "").strip().rstrip("px") for name in ("width", "height")]
        if all(side.isdigit() for side in sides) and sides[0] == sides[1] and int(sides[0]) <= AVATAR_SIDE:
            count += 1
    return count
