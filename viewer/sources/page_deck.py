"""A web page saved from a browser, opened as a deck in memory: `viewer PAGE.html`, and the saved
pages in a folder listed as decks of its library. Nothing is written (`viewer import` keeps one).

The page is read by the importer's page reader (viewer.importer.page) and written by its deck
writer (page_markdown) as `viewer import --link` would write it, then parsed as that deck: what
`viewer PAGE.html` shows is what `viewer import` keeps, text escaped and cut the same way. The
pictures are the page's own saved files, only ever inside the page's folder tree (`PAGE_files/`);
a picture the browser did not save stays a web address, a remote image like any deck's (never
fetched). Every slide's source is the page itself (line 1: its Markdown lines are nowhere on disk).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from viewer.basics.files import FileProblem, inside, read_regular
from viewer.basics.sniff import binary_kind, looks_like_html
from viewer.basics.text import clean_line, clean_text, humanise
from viewer.model.deck import Deck, Notice, Slide
from viewer.model.errors import DeckError

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MAX_PAGE_BYTES = 64 * 1024 * 1024
"""As `viewer import` takes: larger than any saved page."""
ASSET_FOLDER_SUFFIXES = ("_files", "-files", "-dateien", "_fichiers", "_archivos", "_arquivos", "-bestanden")
"""What browsers name a saved page's own folder after the page (`Page_files`, localised)."""


def is_page_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in PAGE_SUFFIXES


def asset_folder_names(page_name: str) -> set[str]:
    """Lower-cased names of the folder a browser saves beside `page_name` for its pictures."""
    stem = os.path.splitext(page_name)[0].lower()
    return {stem + suffix for suffix in ASSET_FOLDER_SUFFIXES}


def page_deck(path: Path, data: bytes | None = None) -> Deck:
    """The saved page at `path` (its bytes, when already read) as a deck; raises DeckError with a
    one-line reason (the page reader's own words for a page it refuses)."""
    if data is None:
        try:
            data = read_regular(path, MAX_PAGE_BYTES, allow_empty=True)
        except FileProblem as problem:
            raise DeckError(path, str(problem)) from None
    kind = binary_kind(data)
    if kind is not None and not looks_like_html(data):
        raise DeckError(path, f"not a saved web page ({kind})")
    # The importer (selectolax, the credit grammar) only when a page is opened.
    from viewer.importer.deck_writer import page_markdown
    from viewer.importer.page import PageProblem, read_page
    from viewer.sources.markdown_deck import parse_deck_text

    try:
        page = read_page(data, path)
    except PageProblem as problem:
        raise DeckError(path, f"not opened: {problem}") from None
    except RecursionError:
        raise DeckError(path, "not opened: it is nested too deeply to read") from None
    del data
    real_page = Path(os.path.realpath(path))
    folder = real_page.parent
    images: list[str | None] = []
    remote: set[str] = set()
    for slide in page.slides:
        photo = slide.photo
        if photo is None:
            images.append(None)
        elif photo.local is not None:
            # The reader only gives files inside the page's folder tree; checked again here, so
            # no page can ever make viewer read a picture elsewhere.
            images.append(Path(os.path.relpath(photo.local, folder)).as_posix()
                          if inside(photo.local, folder) else None)
        elif photo.remote:
            images.append(photo.remote)
            remote.add(photo.remote)
        else:
            images.append(None)
    title = clean_line(page.title or humanise(path.stem))
    notes: list[str] = []
    markdown = clean_text(page_markdown(page, title, images, source_name=path.name, remote=remote, notes=notes))
    parsed = parse_deck_text(markdown, real_page)
    notices = [replace(n, path=path, line=1) for n in parsed.notices]
    slides: list[Slide] = []
    made = parsed.slides
    notices_of = getattr(made, "notices_of", None)
    for index in range(len(made)):
        slides.append(replace(made[index], source=path, line=1))
        if notices_of is not None:
            notices.extend(replace(n, path=path, line=1) for n in notices_of(index))
    for note in dict.fromkeys(notes):
        notices.append(Notice(path, 1, f"cut to what viewer shows: {clean_line(note)}"))
    if not page.slides:
        notices.append(Notice(path, 1, "no photos found in this page (was it saved as \u201cWeb page, complete\u201d, "
                                       "with its _files folder?)", warn=True))
    return Deck(title=parsed.title, slides=tuple(slides), path=path, meta=parsed.meta, notices=tuple(notices),
                kind="page")


def page_folders(deck: Deck) -> set[str]:
    """The real folders, strictly below the page's own, that hold the page deck's local pictures
    (and the folders between): part of the page, not photo decks of their own in a library."""
    home = os.path.realpath(deck.path.parent)
    found: set[str] = set()
    for slide in deck.slides:
        if slide.photo is None or slide.photo.path is None:
            continue
        folder = os.path.dirname(os.path.realpath(slide.photo.path))
        while folder != home and folder.startswith(home.rstrip(os.sep) + os.sep) and folder not in found:
            found.add(folder)
            folder = os.path.dirname(folder)
    return found
