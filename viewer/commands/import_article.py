"""`viewer import ARTICLE.txt`: turn a scraped photo article into a deck (Markdown on stdout or -o)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from viewer.illustration import plan_scene
from viewer.importer import deck_markdown, parse_article
from viewer.importer.deck_writer import slugify
from viewer.model.markdown_deck import decode_deck_bytes
from viewer.model.files import FileProblem, read_regular, write_file
from viewer.model.text import clean_line, clean_text, humanise

MAX_ARTICLE_BYTES = 64 * 1024 * 1024

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", type=Path, metavar="ARTICLE.txt", help="the scraped article, as plain text")
    parser.add_argument("-o", "--output", type=Path, metavar="DECK.md", help="write the deck here (default: stdout)")
    parser.add_argument("--title", help="deck title (default: the article's title line, else its file name)")
    parser.add_argument("--images", metavar="DIR",
                        help="folder for the slides' images, relative to the deck (default: named after the deck)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")


def _say(message: str) -> None:
    print(f"viewer import: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    source: Path = args.article
    try:
        data = read_regular(source, MAX_ARTICLE_BYTES, allow_empty=True)
    except FileProblem as problem:
        _say(f"{clean_line(str(source))}: {problem}")
        return EXIT_ERROR
    text, problems = decode_deck_bytes(data)
    for line, problem in problems:
        _say(f"warning: {clean_line(source.name)}:{line}: {problem}")
    # Escape sequences and other controls are neutralised before anything is recognised, so the
    # deck (on stdout or in a file) can never carry them to a terminal.
    article = parse_article(clean_text(text))
    title = args.title or article.title
    if not title:
        title = humanise(source.stem)
        _say(f"no title line found; the deck is called “{title}” (use --title to choose)")
    output: Path | None = args.output
    images = args.images or slugify(output.stem if output else title) or "images"
    markdown = deck_markdown(article, title, images, source_name=source.name,
                             describe=lambda t, x: plan_scene(t, x).description)
    markdown = clean_text(markdown)  # also what came from the command line and the file name
    if output is not None:
        if os.path.lexists(output) and not os.path.islink(output) and os.path.isfile(output) and not args.force:
            _say(f"{clean_line(str(output))} exists; use --force to overwrite it")
            return EXIT_ERROR
        try:
            write_file(output, markdown.encode("utf-8"), may_replace=args.force)
        except FileProblem as problem:
            _say(f"{clean_line(str(output))}: not written: {problem}")
            return EXIT_ERROR
    else:
        sys.stdout.write(markdown)
    slides = len(article.entries) + (1 if article.intro else 0)
    intro = f" + intro ({len(article.intro)} paragraphs)" if article.intro else ""
    _say(f"{clean_line(source.name)}: {len(article.entries)} entries{intro} -> {slides} slides, "
         f"{article.credits} credits found, {len(article.unsure)} lines unsure ({article.shape} layout)")
    for line, unsure_text, why in article.unsure:
        _say(f"  line {line}: {why}: {clean_line(unsure_text)[:70]}")
    if output is not None:
        _say(f"wrote {clean_line(str(output))}; paint its stand-in images with: viewer illustrate {clean_line(str(output))}")
    return EXIT_OK
