"""`viewer illustrate DECK.md`: paint a stand-in picture for every slide whose image file is missing.

A deck may come from anywhere, so what it asks for is checked before anything is written: only
paths inside the deck's folder, never through a symlink, only `.png` files (the format painted),
and `--force` replaces only pictures viewer painted itself (recognised by the PNG text chunk it
writes). Everything else gets a one-line refusal naming the slide, and the rest of the deck goes on.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from viewer.basics.files import FileProblem, check_name, lexically_inside, open_regular, write_file
from viewer.basics.text import clean_line
from viewer.illustration import paint, plan_scene
from viewer.imaging.decode import open_image
from viewer.model import DeckError
from viewer.sources.markdown_deck import parse_deck_file

EXIT_OK, EXIT_REFUSED, EXIT_ERROR = 0, 1, 2
SIGNATURE_KEY, SIGNATURE = "Software", "viewer illustrate (stand-in illustration)"
MAX_SIGNED_BYTES = 4 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("deck", type=Path, metavar="DECK.md", help="the deck whose missing images to paint")
    parser.add_argument("--force", action="store_true", help="repaint stand-in pictures viewer painted before")


def painted_by_viewer(path: Path) -> bool:
    """True when `path` is a PNG carrying the signature `viewer illustrate` writes."""
    try:
        with open_regular(path, MAX_SIGNED_BYTES) as handle, open_image(handle) as image:
            return image.format == "PNG" and image.info.get(SIGNATURE_KEY) == SIGNATURE
    except Exception:  # noqa: BLE001 - unreadable or not a PNG: certainly not one of ours
        return False


def png_bytes(image: Image.Image) -> bytes:
    info = PngInfo()
    info.add_text(SIGNATURE_KEY, SIGNATURE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue()


def _refusal(path: Path, folder: Path) -> str | None:
    """Why the deck may not have a picture painted at `path`, or None."""
    try:
        check_name(path)
    except FileProblem as problem:
        return str(problem)
    if not lexically_inside(path, folder):
        return "outside the deck's folder: viewer only writes inside it"
    if path.suffix.lower() != ".png":
        return "not a .png name: viewer paints PNG pictures only"
    return None


def run(args: argparse.Namespace) -> int:
    try:
        deck = parse_deck_file(args.deck)
    except DeckError as error:
        print(f"viewer illustrate: {error}", file=sys.stderr)
        return EXIT_ERROR
    folder = Path(os.path.abspath(args.deck)).parent
    painted = kept = refused = 0
    seen: set[Path] = set()
    for number, slide in enumerate(deck.slides, start=1):
        if slide.photo is None or slide.photo.path is None:
            continue
        path: Path = slide.photo.path
        if path in seen:
            continue
        seen.add(path)
        where = (f"{clean_line(str(slide.source or args.deck))}:{slide.line}: slide {number}: "
                 f"{clean_line(slide.photo.src)}")
        reason = _refusal(path, folder)
        exists = os.path.lexists(path) if reason is None else False
        if reason is None and exists and not args.force:
            kept += 1
            continue
        if reason is None:
            image = paint(plan_scene(slide.title, slide.caption_text))
            try:
                write_file(path, png_bytes(image), root=folder, may_replace=painted_by_viewer)
            except FileProblem as problem:
                reason = str(problem)
        if reason is not None:
            print(f"viewer illustrate: {where}: not painted: {reason}", file=sys.stderr)
            refused += 1
            continue
        painted += 1
    summary = f"painted {painted}, kept {kept} existing"
    if refused:
        summary += f", refused {refused}"
    print(f"viewer illustrate: {clean_line(str(args.deck))}: {summary}", file=sys.stderr)
    return EXIT_REFUSED if refused else EXIT_OK
