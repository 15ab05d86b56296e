"""`viewer import ARTICLE.txt | PAGE.html`: a scraped article (Markdown on stdout or -o) or a web
page saved from a browser (a deck next to it, with the page's own photos) into a deck.

What is neither is refused before anything is written, by its content: a photo or other binary
file (viewer.basics.sniff: "not a text article or web page"), and a file that already is a viewer
deck (viewer.commands.not_an_article: open it with `viewer DECK.md`). Exit status 2 for both."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from viewer.basics import sniff
from viewer.basics.files import FileProblem, read_regular, write_file
from viewer.basics.text import clean_line, clean_text, humanise
from viewer.commands.messages import plural, say
from viewer.commands.not_an_article import is_viewer_deck, shell_word
from viewer.illustration import plan_scene
from viewer.importer import deck_markdown, parse_article
from viewer.importer.article import Article
from viewer.importer.deck_writer import slugify
from viewer.sources import page_deck
from viewer.sources.folder_deck import is_image_name
from viewer.sources.markdown_deck import decode_deck_bytes

MAX_ARTICLE_BYTES = 64 * 1024 * 1024

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", type=Path, metavar="ARTICLE",
                        help="the scraped article as plain text, or a web page saved from a browser (.html)")
    parser.add_argument("-o", "--output", type=Path, metavar="DECK.md", help="write the deck here (default: stdout)")
    parser.add_argument("--title", help="deck title (default: the article's title line, else its file name)")
    parser.add_argument("--images", metavar="DIR",
                        help="folder for the slides' images, relative to the deck (default: named after the deck)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")
    parser.add_argument("--link", action="store_true",
                        help="saved pages: point the slides at the page's own image files instead of copying them")
    parser.add_argument("--keep-numbers", action="store_true",
                        help="keep entry numbers (“12. Title”) in slide titles; by default they are dropped")
    parser.add_argument("--keep-all", action="store_true",
                        help="keep page furniture (buttons, counters, datelines…) as caption text instead of "
                             "dropping it")


def _say(message: str) -> None:
    say("import", message)


PAGE_SUFFIXES = page_deck.PAGE_SUFFIXES
_looks_like_html = sniff.looks_like_html


def import_page(args: argparse.Namespace, source: Path, data: bytes) -> int:
    from viewer.commands.import_page import run_page

    return run_page(args, source, data)


def report(name: str, article: Article) -> None:
    """What import made of the article, on stderr — including what looks wrong."""
    slides = len(article.entries) + (1 if article.intro else 0)
    intro = f" + intro ({plural(len(article.intro), 'paragraph')})" if article.intro else ""
    _say(f"{clean_line(name)}: {plural(len(article.entries), 'entry', 'entries')}{intro} -> {plural(slides, 'slide')}, "
         f"{plural(article.credits, 'credit')} found, {plural(len(article.unsure), 'line')} unsure, "
         f"{plural(len(article.dropped), 'line')} dropped")
    if article.layout:
        _say(f"  read as {article.layout}")
    for line, unsure_text, why in article.unsure:
        _say(f"  line {line}: {why}: {clean_line(unsure_text)[:70]}")
    if article.dropped:
        _say("  dropped (page furniture and repeats; --keep-all keeps furniture):")
        for line, dropped_text, why in article.dropped:
            _say(f"    line {line}: {why}: {clean_line(dropped_text)[:70]}")
    text_size = sum(len(p) for e in article.entries for p in e.paragraphs) + sum(len(p) for p in article.intro)
    lines = len(article.unsure) + len(article.entries) + len(article.intro)
    if slides <= 1 and text_size > 2000:
        _say("warning: the whole article became one slide. If it is a gallery, its captions may be "
             "separated in a way import does not know; check the text, or split it with blank lines.")
    if lines >= 4 and len(article.unsure) * 2 > lines:
        _say(f"warning: most lines ({len(article.unsure)} of {lines}) were guesses; check the deck before sharing it.")
    if article.credits == 0 and article.credit_like >= 2:
        _say(f"warning: {article.credit_like} lines look like photo credits but none was recognised as one; "
             "they are kept as caption text.")


def refusal(source: Path, data: bytes) -> str | None:
    """Why `data` (not HTML) is no article to import, in words, or None when it is text."""
    kind = sniff.binary_kind(data)
    if kind is None:
        return None
    shown = clean_line(str(source))
    viewable = kind in ("a JPEG image", "a PNG image", "a GIF image", "a TIFF image", "a WebP image", "a BMP image")
    hint = f"; to look at it: viewer {shell_word(shown)}" if viewable and is_image_name(source.name) else ""
    return f"{shown}: not a text article or web page ({kind}){hint}"


def run(args: argparse.Namespace) -> int:
    source: Path = args.article
    try:
        data = read_regular(source, MAX_ARTICLE_BYTES, allow_empty=True)
    except FileProblem as problem:
        _say(f"{clean_line(str(source))}: {problem}")
        return EXIT_ERROR
    if _looks_like_html(data):
        return import_page(args, source, data)
    refused = refusal(source, data)
    if refused is not None:
        _say(refused)
        return EXIT_ERROR
    if source.suffix.lower() in PAGE_SUFFIXES:
        return import_page(args, source, data)
    text, problems = decode_deck_bytes(data)
    if is_viewer_deck(text, source):
        shown = clean_line(str(source))
        _say(f"{shown} is already a viewer deck; open it with: viewer {shell_word(shown)}")
        return EXIT_ERROR
    for line, warning in problems:
        _say(f"warning: {clean_line(source.name)}:{line}: {warning}")
    # Escape sequences and other controls are neutralised before anything is recognised, so the
    # deck (on stdout or in a file) can never carry them to a terminal.
    article = parse_article(clean_text(text), keep_numbers=args.keep_numbers, keep_all=args.keep_all)
    title = args.title or article.title
    if not title:
        title = humanise(source.stem)
        _say(f"no title line found; the deck is called “{title}” (use --title to choose)")
    output: Path | None = args.output
    images = args.images or slugify(output.stem if output else title) or "images"
    notes: list[str] = []
    markdown = deck_markdown(article, title, images, source_name=source.name,
                             describe=lambda t, x: plan_scene(t, x).description, notes=notes)
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
    report(source.name, article)
    from viewer.commands.import_page import _counted

    for note in _counted(notes):
        _say(f"  cut to what viewer shows: {clean_line(note)}")
    if output is not None:
        shown = clean_line(str(output))
        _say(f"wrote {shown}; paint its stand-in images with: viewer illustrate {shown}")
    return EXIT_OK
