"""Decks of any size: slides parsed when first needed, output streamed, search that never waits
for its index (functional tests; the timings are in benchmarks/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.waiting import wait_until
from viewer.model import Query
from viewer.model.search import SearchIndex, haystack
from viewer.sources import load_path
from viewer.ui.app import ViewerApp


def big_deck(path: Path, count: int, special: dict[int, str] | None = None) -> Path:
    special = special or {}
    parts = ["---\ntitle: Big deck\n---\n"]
    for n in range(1, count + 1):
        body = special.get(n, f"Caption of slide {n}, about a {'soldier' if n % 7 == 0 else 'river'} at dawn.")
        parts.append(f"# Slide {n}\n\n{body}\n\n---\n\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_opening_a_huge_deck_parses_no_slide_until_one_is_needed(tmp_path):
    deck = load_path(big_deck(tmp_path / "big.md", 20000))
    assert len(deck) == 20000 and deck.title == "Big deck"
    assert not any(deck.slides.made(i) for i in range(0, 20000, 997))
    assert deck.slides[12344].title == "Slide 12345" and deck.slides.made(12344)
    assert sum(deck.slides.made(i) for i in range(20000)) == 1


def test_a_problem_deep_in_a_huge_deck_is_reported_when_reached_and_by_check(tmp_path):
    path = big_deck(tmp_path / "big.md", 5000, {4321: "Caption with a bell \x07 and an escape \x1b[31m."})
    deck = load_path(path)
    assert not any("slide 4321" in str(n) for n in deck.found_notices)
    assert "␇" in deck.slides[4320].caption_text
    assert any("slide 4321" in str(n) and "control" in str(n) for n in deck.found_notices)
    result = subprocess.run([sys.executable, "-m", "viewer", "check", str(path)], capture_output=True, timeout=120)
    assert result.returncode == 1 and b"slide 4321: control" in result.stdout


def test_list_streams_as_it_parses(tmp_path):
    from viewer.commands.view import _matches

    deck = load_path(big_deck(tmp_path / "big.md", 20000))
    first = next(_matches(deck, Query.parse("")))
    assert first[1] == 1 and first[2].title == "Slide 1"
    assert sum(deck.slides.made(i) for i in range(20000)) == 1  # only what was printed was parsed
    soldier = _matches(deck, Query.parse("soldier"))
    assert [next(soldier)[1] for _ in range(3)] == [7, 14, 21]
    assert sum(deck.slides.made(i) for i in range(20000)) == 21


def test_list_of_a_huge_deck_is_complete_and_ends_quietly_in_a_pipe(tmp_path):
    path = big_deck(tmp_path / "big.md", 20000)
    full = subprocess.run([sys.executable, "-m", "viewer", str(path), "--list"], capture_output=True, timeout=120)
    lines = full.stdout.decode().splitlines()
    assert full.returncode == 0 and len(lines) == 20000 and lines[-1] == "20000\tSlide 20000"
    head = subprocess.run(["bash", "-c", f"{sys.executable} -m viewer {path} --json | head -2; echo ${{PIPESTATUS[0]}}"],
                          capture_output=True, timeout=120)
    out = head.stdout.decode().splitlines()
    assert len(out) == 3 and out[-1] == "0" and head.stderr == b""


def test_matches_so_far_never_waits_and_grows_to_the_full_answer(tmp_path):
    deck = load_path(big_deck(tmp_path / "big.md", 3000))
    index = SearchIndex(deck)
    query = Query.parse("soldier")
    found, complete = index.matching_so_far(query)
    assert found == () and not complete  # nothing indexed yet: an answer at once, not a wait
    for n in range(0, 3000, 500):
        for i in range(n, n + 500):
            index._haystacks.append(haystack(deck.slides[i]))  # as the worker does, a batch at a time
        partial, complete = index.matching_so_far(query)
        assert partial == tuple(i for i in range(n + 500) if (i + 1) % 7 == 0)
    assert complete and index.matching(query) == partial


def test_a_longer_query_narrows_the_previous_result(tmp_path, monkeypatch):
    deck = load_path(big_deck(tmp_path / "big.md", 2000))
    index = SearchIndex(deck)
    index.build()
    checked = []
    original = Query.matches_folded
    monkeypatch.setattr(Query, "matches_folded", lambda self, text: checked.append(1) or original(self, text))
    index.matching_so_far(Query.parse("sol"))
    assert len(checked) == 2000
    checked.clear()
    narrowed, _ = index.matching_so_far(Query.parse("soldier dawn"))
    assert len(checked) == len(index.matching_so_far(Query.parse("sol"))[0]) or len(checked) < 400
    assert narrowed == tuple(i for i in range(2000) if (i + 1) % 7 == 0)
    assert Query.parse("sol").narrows_to(Query.parse("soldier"))
    assert not Query.parse("soldier").narrows_to(Query.parse("sol"))
    assert not Query.parse("river").narrows_to(Query.parse("soldier"))


async def test_typing_right_after_opening_a_big_deck_filters_while_the_index_builds(tmp_path):
    deck = load_path(big_deck(tmp_path / "big.md", 6000))
    app = ViewerApp(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"soldier")
        screen = app.screen
        await wait_until(pilot, lambda: screen.slideshow.index.complete and not screen.slideshow.search_status,
                         timeout=20, what="the index to finish and the search to settle")
        assert screen.cursor.count == 6000 // 7 and screen.cursor.filtered
        assert screen.slideshow.search_status == ""
        await pilot.press("enter", "right")
        assert screen.slide.title == "Slide 14"


def test_the_library_lists_many_decks_without_parsing_their_slides(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    for n in range(200):
        big_deck(folder / f"deck{n:03}.md", 50)
    library = load_path(folder)
    assert len(library.decks) == 200 and all(len(d) == 50 for d in library.decks)
    assert not any(d.slides.made(0) for d in library.decks)


@pytest.mark.parametrize("count", [1, 3])
def test_tiny_decks_still_work(tmp_path, count):
    deck = load_path(big_deck(tmp_path / "small.md", count))
    assert [s.title for s in deck.slides] == [f"Slide {n}" for n in range(1, count + 1)]


async def test_quitting_does_not_wait_for_a_big_decks_index(tmp_path):
    deck = load_path(big_deck(tmp_path / "big.md", 30000))
    app = ViewerApp(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        index = await wait_until(pilot, lambda: getattr(app.screen, "slideshow", None) and app.screen.slideshow.index,
                                 what="the deck screen")
        await wait_until(pilot, lambda: index.indexed, what="the index to start")  # quit while it works
        await pilot.press("q")
    # The index worker stopped when the app did, long before it could have indexed every slide.
    assert not index.complete


def test_parsed_slides_are_kept_within_a_byte_budget(tmp_path):
    from viewer.model import Slide
    from viewer.model.lazy_slides import LazySlides

    big = "word " * 20000  # 100 KB of caption per slide
    slides = LazySlides(500, lambda i, notices: Slide(title=f"S{i}", caption=big, caption_text=big),
                        keep=4096, keep_bytes=5 * 1024 * 1024)
    for i in range(500):
        assert slides[i].title == f"S{i}"
    kept = sum(slides.made(i) for i in range(500))
    assert 1 <= kept <= 20  # 5 MB of 100 KB slides (each weighs ~600 KB), not all 500
    assert slides[0].title == "S0"  # an evicted slide is simply made again
