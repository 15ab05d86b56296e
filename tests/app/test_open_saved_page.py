"""Issue 19: `viewer PAGE.html` shows a saved web page as a deck, in memory; a folder's saved pages
are decks of its library. Nothing is ever written; only the page's own folder is ever read."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from PIL import Image

from viewer.basics.sniff import looks_like_html
from viewer.cli import main
from viewer.model import Deck, DeckError, Library
from viewer.sources import load_path, watch
from viewer.sources.page_deck import page_deck

INTRO = "The harbour has changed more in ten years than in the hundred before, and these pictures show how."
HARBOUR = f"""<!DOCTYPE html><html><head><title>Harbour life | The Daily Example</title></head><body>
<header><a href="/"><img src="page_files/logo.png" alt="The Daily Example"></a><nav><a href="/news">News</a></nav></header>
<article><h1>Harbour life</h1>
<p>{INTRO}</p>
<figure><img src="page_files/boats.jpg" alt="Boats at anchor">
  <figcaption>Fishing boats at anchor before dawn. <span class="credit">Lena Berg</span></figcaption></figure>
<figure><img src="page_files/crane%20big.jpg" alt="A crane">
  <figcaption>The new container crane, taller than the church spire.</figcaption></figure>
<figure><img src="https://example.test/pier.jpg" alt="The pier">
  <figcaption>The old pier at low tide.</figcaption></figure>
</article></body></html>"""


def picture(path: Path, size=(120, 100), color=(180, 90, 40)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


def harbour_page(folder: Path, name: str = "page.html") -> Path:
    """A page as "Save page as… Web page, complete" leaves it: page.html and page_files/."""
    stem = Path(name).stem
    picture(folder / f"{stem}_files" / "boats.jpg", color=(30, 60, 200))
    picture(folder / f"{stem}_files" / "crane big.jpg", (100, 150), (200, 30, 30))
    picture(folder / f"{stem}_files" / "logo.png", (180, 40))
    page = folder / name
    page.write_text(HARBOUR.replace("page_files/", f"{stem}_files/"), encoding="utf-8")
    return page


def files_under(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- the model: a saved page loads as a deck ----------------------------------------------------------


def test_a_saved_page_loads_as_a_deck_of_its_photos(tmp_path):
    page = harbour_page(tmp_path)
    before = files_under(tmp_path)
    deck = load_path(page)
    assert isinstance(deck, Deck) and deck.kind == "page" and deck.path == page
    assert deck.title == "Harbour life"
    titles = [s.title for s in deck.slides]
    assert titles == ["Harbour life", "Fishing boats at anchor before dawn.",
                      "The new container crane, taller than the church spire.", "The old pier at low tide."]
    intro, boats, crane, pier = deck.slides
    assert intro.caption_text == INTRO and intro.photo is None
    assert "Lena Berg" in boats.credit and "Lena Berg" not in boats.caption_text + boats.title
    assert boats.alt == "Boats at anchor"
    # Local pictures: the page's own saved files, resolved inside its folder.
    folder = Path(os.path.realpath(tmp_path))
    assert boats.photo.path == folder / "page_files" / "boats.jpg" and boats.photo.src == "page_files/boats.jpg"
    assert crane.photo.path == folder / "page_files" / "crane big.jpg"
    # A picture the browser did not save stays a web address: a remote image, never fetched.
    assert pier.photo.remote and pier.photo.src == "https://example.test/pier.jpg"
    assert all(s.source == page and s.line == 1 for s in deck.slides)
    assert files_under(tmp_path) == before  # nothing written: no deck, no images folder


def test_what_viewer_shows_is_what_import_keeps(tmp_path, capsys):
    page = harbour_page(tmp_path)
    code, shown, _ = run(capsys, str(page), "--json")
    assert code == 0
    assert main(["import", str(page), "--link", "-o", str(tmp_path / "kept.md")]) == 0
    capsys.readouterr()
    code, kept, _ = run(capsys, str(tmp_path / "kept.md"), "--json")
    assert code == 0

    def records(out: str) -> list[dict]:
        found = [json.loads(line) for line in out.splitlines()]
        return [{**r, "image": r["image"] and os.path.realpath(r["image"])} for r in found]

    assert records(shown) == records(kept) and len(records(shown)) == 4


def test_a_page_never_makes_viewer_read_outside_its_folder(tmp_path):
    outside = picture(tmp_path / "outside" / "secret.jpg", color=(1, 2, 3))
    site = tmp_path / "site"
    picture(site / "page_files" / "own.jpg")
    os.symlink(outside, site / "page_files" / "link.jpg")
    (site / "page.html").write_text(f"""<!DOCTYPE html><html><body><article>
    <figure><img src="../outside/secret.jpg"><figcaption>Up and out of the folder.</figcaption></figure>
    <figure><img src="page_files/link.jpg"><figcaption>Through a link that leaves it.</figcaption></figure>
    <figure><img src="file://{outside}"><figcaption>By a file address.</figcaption></figure>
    <figure><img src="page_files/own.jpg"><figcaption>The page's own photo.</figcaption></figure>
    </article></body></html>""", encoding="utf-8")
    opened: list[str] = []
    _WATCHED.append(opened)
    try:
        deck = load_path(site / "page.html")
    finally:
        _WATCHED.remove(opened)
    real_site = os.path.realpath(site)
    photos = [s.photo.path for s in deck.slides if s.photo is not None and s.photo.path is not None]
    assert photos == [Path(real_site) / "page_files" / "own.jpg"]
    assert all(os.path.realpath(p).startswith(real_site + os.sep) for p in photos)
    assert any(p.endswith("own.jpg") for p in opened)  # the audit hook sees what is opened…
    assert not [p for p in opened if "outside" in p], opened  # …and the outside file never was


def test_the_page_deck_checks_the_folder_itself_whatever_the_reader_gives(tmp_path, monkeypatch):
    import viewer.importer.page as page_module

    outside = picture(tmp_path / "elsewhere.jpg")
    page = tmp_path / "site" / "page.html"
    page.parent.mkdir()
    page.write_text("<!DOCTYPE html><p>x</p>", encoding="utf-8")
    made = page_module.Page(title="T", intro=[], slides=[page_module.PageSlide(
        title="Sneaky", photo=page_module.PagePhoto(source="x", local=outside, remote=None), paragraphs=["words"])])
    monkeypatch.setattr(page_module, "read_page", lambda data, path: made)
    deck = page_deck(page)
    assert [s.title for s in deck.slides] == ["Sneaky"] and deck.slides[0].photo is None


_WATCHED: list[list[str]] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _WATCHED and isinstance(args[0], (str, bytes, os.PathLike)):
        _WATCHED[-1].append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


def test_bad_pages_are_one_line_messages(tmp_path, capsys):
    deep = tmp_path / "deep.html"
    deep.write_bytes(b"<!DOCTYPE html><body>" + b"<div>" * 100_000 + b"x")
    with pytest.raises(DeckError) as error:
        load_path(deep)
    assert "nest more than" in str(error.value) and "\n" not in str(error.value)
    code, out, err = run(capsys, str(deep), "--list")
    assert code == 2 and out == "" and err.count("\n") == 1 and "nest more than" in err and "Traceback" not in err
    code, out, err = run(capsys, "check", str(deep))
    assert code == 1 and "deep.html:1: not opened:" in out and "Traceback" not in out + err
    fake = tmp_path / "photo.html"  # a JPEG with a page's name
    fake.write_bytes(picture(tmp_path / "p.jpg").read_bytes())
    code, out, err = run(capsys, str(fake), "--list")
    assert code == 2 and "not a saved web page (a JPEG image)" in err and err.count("\n") == 1


def test_escapes_in_a_page_never_reach_the_terminal(tmp_path, capsys):
    picture(tmp_path / "page_files" / "a.jpg")
    page = tmp_path / "evil\x1b]0;t\x07.html"
    page.write_bytes(b"<!DOCTYPE html><title>\x1b[2J Evil</title><article><p>\x1b]0;evil title\x07 intro \x9b2J</p>"
                     b"<figure><img src='page_files/a.jpg' alt='\x1b[31mred'><figcaption>---\n# Heading\n"
                     b"![x](/etc/shadow) \x1b[2J caption</figcaption></figure></article>")
    for args in (["--json"], ["--list"], ["--print", "--width", "10", "--height", "4"]):
        code, out, err = run(capsys, str(page), *args)
        assert code == 0, err
        words = out if "--print" not in args else "".join(line for line in out.splitlines() if "▄" not in line)
        for shown in (words.replace("\x1b[1m", "").replace("\x1b[2m", "").replace("\x1b[0m", ""), err):
            assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown, shown
    deck = load_path(page)
    assert len(deck.slides) == 2 and deck.slides[1].photo.path.name == "a.jpg"  # the caption stayed text
    assert "/etc/shadow" in deck.slides[1].title + deck.slides[1].caption_text


def test_a_page_is_read_again_as_a_page_when_it_changes(tmp_path):
    page = harbour_page(tmp_path)
    deck = load_path(page)
    page.write_text(HARBOUR.replace("Fishing boats at anchor", "Rowing boats at anchor"), encoding="utf-8")
    fresh = watch.reload(deck)
    assert fresh.kind == "page" and fresh.slides[1].title == "Rowing boats at anchor before dawn."


def test_html_is_known_by_its_bytes():
    assert looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE HTML><p>")
    assert looks_like_html(b"<!-- saved from url=(0023)https://example.test/ -->\n<html lang=en>")
    assert looks_like_html(b"<?xml version='1.0'?>\n<!DOCTYPE html PUBLIC><html>")
    assert looks_like_html("\ufeff<html><body>".encode("utf-16-le"))
    for text in (b"A title\n\n<html> is a tag", b"# Slide\n\n<p>x</p>", b"<!-- never closed <html>", b"", b"\x89PNG"):
        assert not looks_like_html(text)


# -- the command line ----------------------------------------------------------------------------------


def test_list_json_print_and_check_take_a_page_like_a_deck(tmp_path, capsys):
    page = harbour_page(tmp_path)
    before = files_under(tmp_path)
    code, out, _ = run(capsys, str(page), "--list")
    assert code == 0 and out.splitlines()[:2] == ["1\tHarbour life", "2\tFishing boats at anchor before dawn."]
    code, out, _ = run(capsys, str(page), "--list", "--search", "crane")
    assert code == 0 and out.splitlines() == ["3\tThe new container crane, taller than the church spire."]
    code, out, _ = run(capsys, str(page), "--print", "--slide", "2", "--width", "20", "--height", "6")
    assert code == 0 and "▄" in out and "Fishing boats" in out and "Lena Berg" in out
    code, out, err = run(capsys, "check", str(page))
    assert code == 1 and out.splitlines() == [f"{page}:1: slide 4: remote image is never fetched: https://example.test/pier.jpg"]
    assert "checked 1 deck, 4 slides: 1 problem" in err
    assert files_under(tmp_path) == before


def test_a_file_whose_bytes_are_html_opens_as_a_page_whatever_its_name(tmp_path, capsys):
    page = harbour_page(tmp_path)
    for name in ("story", "story.txt"):
        (tmp_path / name).write_bytes(page.read_bytes())
        code, out, _ = run(capsys, str(tmp_path / name), "--list")
        assert code == 0 and "Fishing boats" in out, name
    (tmp_path / "utf16.htm").write_bytes("\ufeff".encode("utf-16-le") + HARBOUR.encode("utf-16-le"))
    code, out, _ = run(capsys, str(tmp_path / "utf16.htm"), "--list")
    assert code == 0 and "Fishing boats" in out


# -- folders: saved pages are decks of the library ------------------------------------------------------


def test_a_folder_lists_its_saved_pages_as_decks(tmp_path, capsys):
    harbour_page(tmp_path, "page.html")
    (tmp_path / "page_files" / "saved_resource.html").write_text("<!DOCTYPE html><p>an iframe</p>", encoding="utf-8")
    (tmp_path / "a-deck.md").write_text("# One\n\nA text slide.", encoding="utf-8")
    picture(tmp_path / "pics" / "x.jpg")
    (tmp_path / "other.htm").write_text("<!DOCTYPE html><article><figure><img src='pics/x.jpg'>"
                                        "<figcaption>A photo kept beside the page.</figcaption></figure></article>",
                                        encoding="utf-8")
    picture(tmp_path / "trip" / "t1.jpg")
    before = files_under(tmp_path)
    library = load_path(tmp_path)
    assert isinstance(library, Library) and not library.problems
    assert [(d.path.name, d.kind) for d in library.decks] == [
        ("a-deck.md", "deck"), ("other.htm", "page"), ("page.html", "page"), ("trip", "photos")]
    # page_files/ and pics/ hold the pages' pictures: part of them, not decks of their own.
    assert [len(d) for d in library.decks] == [1, 1, 4, 1]
    code, out, _ = run(capsys, str(tmp_path), "--list", "--search", "crane")
    assert code == 0 and out.splitlines() == [f"{tmp_path / 'page.html'}:3\tThe new container crane, taller than the church spire."]
    assert files_under(tmp_path) == before


def test_a_bad_page_in_a_folder_is_a_problem_of_the_library(tmp_path, capsys):
    harbour_page(tmp_path)
    (tmp_path / "deep.html").write_bytes(b"<!DOCTYPE html><body>" + b"<div>" * 100_000)
    library = load_path(tmp_path)
    assert [d.path.name for d in library.decks] == ["page.html"]
    assert len(library.problems) == 1 and "deep.html: not opened:" in library.problems[0]
    code, _, err = run(capsys, str(tmp_path), "--list")
    assert code == 0 and "deep.html: not opened:" in err and "Traceback" not in err


# -- the app ------------------------------------------------------------------------------------------------


async def test_the_app_opens_a_saved_page_on_its_first_caption(tmp_path):
    from tests.helpers.waiting import wait_for_photo, wait_until
    from viewer.ui.app import ViewerApp
    from viewer.ui.screens.deck_screen import DeckScreen
    from viewer.ui.widgets.photo_view import PhotoView

    app = ViewerApp(load_path(harbour_page(tmp_path)))

    def caption() -> str:
        screen = app.screen
        if not isinstance(screen, DeckScreen):
            return ""
        return str(screen.query_one("#slide-caption").render())

    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: INTRO in caption(), what="the page's first caption")
        assert app.screen.slide.title == "Harbour life"
        await pilot.press("right")
        await wait_for_photo(pilot)
        assert app.screen.slide.title == "Fishing boats at anchor before dawn."
        assert app.screen.query_one(PhotoView).showing == app.screen.slide.photo
        assert "Lena Berg" in str(app.screen.query_one("#slide-credit").render())
