"""`viewer illustrate DECK.md`: paint a stand-in picture for every slide whose image file is missing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from viewer.illustration import paint, plan_scene
from viewer.model import DeckError
from viewer.model.markdown_deck import parse_deck_file
from viewer.model.text import clean_line

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("deck", type=Path, metavar="DECK.md", help="the deck whose missing images to paint")
    parser.add_argument("--force", action="store_true", help="repaint images that already exist")


def run(args: argparse.Namespace) -> int:
    try:
        deck = parse_deck_file(args.deck)
    except DeckError as error:
        print(f"viewer illustrate: {error}", file=sys.stderr)
        return EXIT_ERROR
    painted = kept = 0
    for slide in deck.slides:
        if slide.photo is None or slide.photo.path is None:
            continue
        path: Path = slide.photo.path
        if path.exists() and not args.force:
            kept += 1
            continue
        image = paint(plan_scene(slide.title, slide.caption_text))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            image.save(path, format="PNG", optimize=True)
        except OSError as exc:
            print(f"viewer illustrate: {clean_line(str(path))}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERROR
        painted += 1
    print(f"viewer illustrate: {clean_line(str(args.deck))}: painted {painted}, kept {kept} existing", file=sys.stderr)
    return EXIT_OK
