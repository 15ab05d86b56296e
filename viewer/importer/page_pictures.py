"""A saved page's pictures: every address the markup gives for one (srcset, lazy-loading
attributes, <picture> sources), whether its markup says photo or icon, the saved file it names
inside the page's own folder (never outside it), and a picture's name without its size codes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlsplit

from viewer import patterns

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

MIN_SIDE = 100
"""Pictures smaller than this (either side) are icons, avatars or pixels, not photos."""
AVATAR_SIDE = 128
"""A square picture declared this small or smaller is an avatar or badge, unless it opens a photo."""
STORY_SIDE = 200
"""A picture declared at least this big on one side is story-sized (a weak chrome word cannot hide it)."""
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".avif")
_SRCSET_ITEM = patterns.compile(r"\s*(\S+)(?:\s+(\d+(?:\.\d+)?)([wx]))?\s*(?:,|$)")


def srcset_best(value: str) -> list[str]:
    """The URLs of a srcset, largest first."""
    items = []
    for match in _SRCSET_ITEM.finditer(value or ""):
        url = match.group(1)
        if not url or url.startswith("data:"):
            continue
        size = float(match.group(2)) if match.group(2) else 1.0
        items.append((size, url))
    return [url for _, url in sorted(items, key=lambda item: -item[0])]


FULL_SIZE_ATTRIBUTES = ("data-full-url", "data-orig-file", "data-large-file", "data-hi-res-src", "data-large_image",
                        "data-zoom-src")
"""Attributes naming a picture's full-size file (WordPress, Arc, WooCommerce, zoom scripts)."""
LAZY_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-orig-src",
                   "data-original-src", "data-lazyload", "data-lazy-load", "data-echo", "data-flickity-lazyload")
"""Attributes lazy-loading scripts read the picture's address from (src is a placeholder meanwhile)."""

MAX_CANDIDATES = 16
"""Addresses tried per picture (each may be a file to look up)."""


def picture_addresses(image: LexborNode, picture: LexborNode | None) -> list[str]:
    """Every address the page gives for this picture, best first: the full-size file, then each
    srcset's largest (the picture's own, then its <picture>'s <source>s), then the lazy-loading
    attributes, `src` last (often a placeholder until a script swaps the real one in). The
    reader takes the first that is a saved file, and only without one a web address."""
    found: list[str] = []
    attributes = image.attributes
    for name in FULL_SIZE_ATTRIBUTES:
        value = attributes.get(name)
        if value:
            found.append(value)
    for name in ("data-lazy-srcset", "data-srcset", "srcset"):
        found += srcset_best(attributes.get(name) or "")[:4]
    if picture is not None:
        for number, source in enumerate(picture.iter()):
            if number >= 20:
                break  # a <picture> offers a few formats and sizes, not hundreds
            if source.tag == "source":
                for name in ("data-srcset", "srcset"):
                    found += srcset_best(source.attributes.get(name) or "")[:2]
    for name in LAZY_ATTRIBUTES:
        value = attributes.get(name)
        if value:
            found.append(value)
    source_address = attributes.get("src")
    if source_address:
        found.append(source_address)
    usable = list(dict.fromkeys(url.strip() for url in found if url and url.strip()
                                and not url.strip().startswith(("data:", "javascript:"))))
    return usable[:MAX_CANDIDATES]


def not_shown(image: LexborNode) -> bool:
    """A picture its own style hides (display:none, visibility:hidden): a tracking pixel. (A
    carousel hides the slide around a picture, never the picture itself.)"""
    style = (image.attributes.get("style") or "")[:500].lower().replace(" ", "")
    return "display:none" in style or "visibility:hidden" in style


def photo_like(image: LexborNode) -> bool:
    """A picture that may be a photo, judged from its markup alone (the survey's test)."""
    if declared_small(image) or not_shown(image):
        return False
    attributes = image.attributes
    for name in ("src", *LAZY_ATTRIBUTES, "srcset", "data-srcset", "data-lazy-srcset", *FULL_SIZE_ATTRIBUTES):
        value = (attributes.get(name) or "").strip()
        if value and not value.startswith(("data:", "javascript:")):
            return not urlsplit(value.split(" ", 1)[0]).path.lower().endswith(".svg")
    return image.parent is not None and image.parent.tag == "picture"


def declared_big(image: LexborNode) -> bool:
    for name in ("width", "height"):
        value = (image.attributes.get(name) or "").strip().rstrip("px")
        if value.isdigit() and int(value) >= STORY_SIDE:
            return True
    return False


class SavedFiles:
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


def picture_size(path: Path) -> tuple[int, int] | None:
    from viewer.imaging.decode import ImageProblem
    from viewer.imaging.photo_info import photo_info

    try:
        info = photo_info(path)
    except ImageProblem:
        return None
    return info.width, info.height


def declared_small(image: LexborNode) -> bool:
    """Declared an icon, avatar, badge or pixel: both sides under MIN_SIDE, a sliver (a side
    under a third of it), or a small square (AVATAR_SIDE). A gallery thumbnail shown at 120×80 is still a photo."""
    sides = []
    for name in ("width", "height"):
        value = (image.attributes.get(name) or "").strip().rstrip("px").strip()
        if value.isdigit():
            sides.append(int(value))
    if not sides:
        return False
    if len(sides) == 2 and sides[0] == sides[1] <= AVATAR_SIDE and not enlarges(image):
        return True  # a small square: an author's or commenter's picture, a badge
    return max(sides) < MIN_SIDE or min(sides) < MIN_SIDE // 3


def enlarges(image: LexborNode) -> bool:
    """Linked to a picture file (a gallery's square thumbnail that opens the photo)."""
    return enlarging_link(image) is not None


def enlarging_link(image: LexborNode) -> LexborNode | None:
    """The link around a picture (up to three levels) when it opens a picture file, else None."""
    node = image.parent
    for _ in range(3):
        if node is None:
            return None
        if node.tag == "a":
            target = urlsplit(node.attributes.get("href") or "").path.lower()
            return node if target.endswith(IMAGE_SUFFIXES) else None
        node = node.parent
    return None


def basename(address: str) -> str:
    return os.path.basename(unquote(urlsplit(address).path)).lower()


def image_key(address: str) -> str:
    """A picture's name without its size ("hero-1200x800.jpg", "440px-Hero.jpg" → "hero"); an
    image service's address names the file in its query ("…/resize/1200x630/?url=…%2Fhero.jpg")."""
    name = basename(address)
    identity = ""
    if not name.endswith(IMAGE_SUFFIXES):
        pairs = parse_qsl(urlsplit(address).query)[:10]
        for _, value in pairs:
            if basename(value).endswith(IMAGE_SUFFIXES):
                name = basename(value)
                break
        else:
            # a picture server's one script for every photo ("…/StreamServer.cls?OID=1400012001"):
            # the query names the photo, all but its size and format codes
            identity = "&".join(sorted(f"{key.lower()}={value}" for key, value in pairs
                                       if key.lower() not in _SIZE_PARAMETERS and "/" not in value))
    stem = name.rsplit(".", 1)[0] if "." in name else name
    key = _SIZE_SUFFIX.sub("", _SIZE_PREFIX.sub("", stem.removesuffix(".svg")))
    return f"{key}?{identity}" if identity else key


_SIZE_PARAMETERS = frozenset(("w", "h", "width", "height", "q", "quality", "fit", "crop", "resize", "format", "fm",
                              "auto", "dpr", "size", "s", "mode", "scale", "type", "contenttype", "ixlib", "cs",
                              "v", "ver", "version", "rect", "sharp", "blur", "ixid", "itok", "t", "ts", "cb"))
"""Query parameters that choose a picture's size, crop, quality or format, not which picture it is."""


_SIZE_PREFIX = patterns.compile(r"^\d{2,4}px-")
_SIZE_SUFFIX = patterns.compile(r"(?:[-_](?:\d{2,5}x\d{2,5}|scaled|[swhcq]\d{2,4})|@\dx){1,3}$")
"""Size, crop and quality codes at the end of a picture's name: -1024x683, -scaled, @2x, -s1200,
-s1100-c50, _w800."""


def same_picture(address: str) -> str:
    """What two addresses of one picture at different sizes share: the folder and the name
    without its size codes (a page's "enlarge" copy of a photo is not a second photo)."""
    path = unquote(urlsplit(address).path).lower()
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    return f"{urlsplit(address).netloc.lower()}{folder}/{image_key(address)}"


FILE_NAME_WORDS = 8
"""Words at most in an alt that ends like a picture's file (a sentence naming one is longer)."""


def is_file_name(text: str, address: str = "") -> bool:
    """An alt text that is only a file name: with a picture's suffix or a camera's prefix
    ("DSC_4410.jpg", "IMG_2231"), one token a person does not write ("PhotoWeek261120fogmarsh",
    "Mural_walk_Oakland", "wren-hollis-studio-01": three digits among letters, underscores, plus
    signs or several hyphens; an upload's number, "1408713221968093374"), or one such token that is
    the name of the picture's own file (`address`), or that name spelt out as words ending in the
    file's number ("Baraka Otieno Wafula 2" on baraka_otieno_wafula_2.jpg)."""
    name = text.strip().lower()
    if " " not in name and (name.endswith(IMAGE_SUFFIXES) or name[:4] in ("img_", "dsc_", "dscf", "dsc0", "pxl_")):
        return True
    if name.endswith(IMAGE_SUFFIXES) and len(name.split()) <= FILE_NAME_WORDS:
        return True  # "elodie marchbank_market.jpg": the file's name with its "+" or "%20" read as spaces
    if name and " " not in name and len(name) >= 6 and (
            sum(ch.isdigit() for ch in name) >= 3 and any(ch.isalpha() for ch in name) or "_" in name or "+" in name
            or name.count("-") >= 2 or name.isdigit() and len(name) >= 8):  # (or an upload's number)
        return True
    # one token of the picture's own file name, however spelt ("PhotoWeek_fog" on photoweek-fog.jpg),
    # when it also has a file name's separators (a plain word such as "Reeds" on reeds.jpg is a name)
    if address and name and " " not in name and any(ch in name for ch in "_-+."):
        stem = image_key(address)
        return bool(stem) and _squeezed(name) == _squeezed(stem)
    # the picture's own file name spelt out as words, with the file's number ("Baraka Otieno Wafula 2"
    # on baraka_otieno_wafula_2.jpg): the title a site's uploader makes of a file, not a caption
    words = name.split()
    if address and len(words) >= 2 and words[-1].isdigit() and len(words[-1]) <= 4:
        stem = image_key(address)
        return bool(stem) and any(ch in stem for ch in "_-+") and _squeezed(name) == _squeezed(stem)
    return False


def _squeezed(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


BACKGROUND_ATTRIBUTES = ("data-bg", "data-background-image", "data-bg-src", "data-background", "data-bg-image",
                         "data-image-src")
"""Attributes lazy-loading scripts read a CSS background picture's address from."""
MAX_BACKGROUNDS = 400
"""Elements looked at for a CSS background picture (a page's photos are far fewer)."""
_BACKGROUND_URL = patterns.compile(r"""(?i)background(?:-image)?\s*:[^;]*?url\(\s*(?:&quot;|["'])?([^"')&]+)""")


def background_address(node: LexborNode) -> str | None:
    """The picture a box shows as its CSS background (its style's url(...), or a lazy-loading
    attribute), when it is a picture file and not a vector drawing or a gradient."""
    attributes = node.attributes
    found: str | None = None
    for name in BACKGROUND_ATTRIBUTES:
        value = (attributes.get(name) or "").strip()
        if value:
            match = _BACKGROUND_URL.search(f"background:url({value})" if "url(" not in value else f"background:{value}")
            found = match.group(1).strip() if match else value
            break
    if found is None:
        match = _BACKGROUND_URL.search((attributes.get("style") or "")[:1000])
        found = match.group(1).strip() if match else None
    if not found or found.startswith(("data:", "javascript:")):
        return None
    path = urlsplit(found).path.lower()
    return found if path.endswith(IMAGE_SUFFIXES) else None


def _empty_box(node: LexborNode) -> bool:
    """No text and no picture inside, looking at a few descendants only (a box with more is a
    banner or a card, not a picture box)."""
    for number, child in enumerate(node.traverse(include_text=True)):
        if number > 30:
            return False
        tag = child.tag or ""
        if tag == "-text" and (child.text_content or "").strip() or tag in ("img", "picture", "svg", "video"):
            return False
    return True


def background_pictures(body: LexborNode) -> int:
    """Boxes that show a photo as their CSS background (an empty <div> with an inline
    background-image, or one a lazy loader fills from data-bg) get that photo as an <img> inside,
    so every later step reads it as the picture it is; its aria-label or title is its alt. A box
    holding text or a picture of its own is a banner or a card behind its words, not a photo.
    Returns how many were found."""
    from selectolax.lexbor import LexborHTMLParser

    selector = "[style*=background], " + ", ".join(f"[{name}]" for name in BACKGROUND_ATTRIBUTES)
    added = 0
    for number, node in enumerate(body.css(selector)):
        if number >= MAX_BACKGROUNDS:
            break
        if node.tag in ("body", "html", "img", "picture", "source", "svg") or not _empty_box(node):
            continue
        address = background_address(node)
        if address is None:
            continue
        image = LexborHTMLParser("<img>").css_first("img")
        if image is None:
            continue
        image.attrs["src"] = address
        label = (node.attributes.get("aria-label") or node.attributes.get("title") or "").strip()
        image.attrs["alt"] = label
        node.insert_child(image)
        added += 1
    return added
