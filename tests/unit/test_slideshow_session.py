"""The slideshow session (viewer.model.slideshow) in plain Python: no app, no Pilot, no terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.images import make_image
from viewer.model import Deck, Photo, Slide
from viewer.model.autoplay import dwell
from viewer.model.marks import DeckMarks, MarkBook
from viewer.model.positions import Positions
from viewer.model.slideshow import MAX_TYPED_DIGITS, Say, Slideshow
from viewer.sources import load_path, watch


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def titles(show: Slideshow) -> str:
    return show.slide.title if show.slide else ""


def text_deck(count: int, path: Path = Path("/decks/plain.md")) -> Deck:
    slides = tuple(Slide(title=f"S{n}", caption_text=("even" if n % 2 == 0 else "odd") + f" number {n}")
                   for n in range(1, count + 1))
    return Deck(title="plain", slides=slides, path=path)


# -- paging and typed numbers ----------------------------------------------------------------------


def test_paging_says_so_at_both_ends(deck_path):
    show = Slideshow(load_path(deck_path))
    assert titles(show) == "Red square"
    assert show.step(-1) == "First slide"
    assert show.step(1) is None and titles(show) == "Green café"
    show.last()
    assert show.step(1) == "Last slide" and show.cursor.number == 5
    show.first()
    assert show.cursor.number == 1


def test_typed_numbers_go_to_the_slide_or_the_nearest():
    show = Slideshow(text_deck(12))
    show.type_digit(1)
    show.type_digit(1)
    assert show.typed == "11"
    assert show.go_to_typed() is None and show.cursor.number == 11 and show.typed == ""
    for digit in (9, 9):
        show.type_digit(digit)
    assert "There is no slide 99: 12 slides" in show.go_to_typed() and show.cursor.number == 12
    assert show.last_or_typed() is None and show.cursor.number == 12  # nothing typed: the last
    show.type_digit(3)
    show.last_or_typed()
    assert show.cursor.number == 3
    for _ in range(MAX_TYPED_DIGITS + 3):
        show.type_digit(7)
    assert len(show.typed) == MAX_TYPED_DIGITS
    show.forget_typed()
    assert show.go_to_typed() is None and show.cursor.number == 3


def test_a_move_forgets_the_number_being_typed():
    show = Slideshow(text_deck(5))
    show.type_digit(4)
    show.step(1)
    assert show.typed == "" and show.cursor.number == 2


# -- search --------------------------------------------------------------------------------------------


def test_search_filters_from_where_it_started_and_escape_goes_back(deck_path):
    show = Slideshow(load_path(deck_path))
    show.step(1)
    show.step(1)
    show.step(1)  # Missing photo
    assert show.open_search() == ""
    show.search_changed("sol")
    show.search_changed("soldier")
    assert show.cursor.filtered and show.cursor.order == (1, 2) and titles(show) == "Blue soldier"  # the nearest
    show.search_changed("zebra")
    assert show.slide is None and show.nothing_to_show().startswith("No slides match “zebra”")
    show.search_cancelled()
    assert not show.cursor.filtered and titles(show) == "Missing photo"  # back where it started
    show.open_search()
    show.search_changed("soldier")
    show.search_done()
    assert show.cursor.filtered and show.before_search is None
    assert show.open_search() == "soldier"  # the search line opens on the filter in force
    show.search_changed("")
    assert not show.cursor.filtered


def test_n_and_n_wrap_around_with_or_without_a_filter(deck_path):
    show = Slideshow(load_path(deck_path))
    assert show.jump_match(1) == "No search yet: press / to search."
    show.open_search()
    show.search_changed("soldier")
    show.search_cancelled()
    assert show.jump_match(1) is None and titles(show) == "Green café"
    assert show.jump_match(1) is None and titles(show) == "Blue soldier"
    assert show.jump_match(1) == "Search wrapped to the first match" and titles(show) == "Green café"
    show.open_search()
    show.search_changed("soldier")
    show.search_done()
    show.jump_match(1)
    assert show.jump_match(1) == "Search wrapped to the first match" and titles(show) == "Green café"
    assert show.jump_match(-1) == "Search wrapped to the last match" and titles(show) == "Blue soldier"
    show.clear_filter()
    assert not show.cursor.filtered and titles(show) == "Blue soldier"


def test_a_search_streams_while_the_index_grows():
    deck = text_deck(2000)
    show = Slideshow(deck)
    show.index.build(stop=iter([False, True]).__next__)  # stopped after the first 64 slides
    show.open_search()
    show.search_changed("even")
    assert show.pending is not None and "searching…" in show.search_status
    partial = show.cursor.count
    assert 0 < partial < 1000
    show.index.build()
    show.refine_search()
    assert show.cursor.count == 1000 and show.pending is None and show.search_status == ""


def test_show_index_goes_to_a_visible_slide_only():
    show = Slideshow(text_deck(10), search="odd")
    show.show_index(4)  # S5, odd: visible
    assert titles(show) == "S5" and show.cursor.number == 3
    show.show_index(5)  # S6 is filtered out: nothing happens
    assert titles(show) == "S5"


# -- autoplay ------------------------------------------------------------------------------------------


def test_autoplay_advances_loops_and_pauses():
    clock = FakeClock()
    show = Slideshow(text_deck(3), autoplay=2.0, clock=clock)
    assert show.start_playing and not show.playing
    show.toggle_play()
    assert show.playing and show.play_status().startswith("▶")
    clock.now += dwell(show.slide, 2.0) + 0.1
    show.tick(paused=False)
    assert show.cursor.number == 2
    clock.now += 500
    show.tick(paused=True)  # time paused does not count
    assert show.cursor.number == 2 and show.play_status().startswith("⏸")
    show.tick(paused=False)
    assert show.cursor.number == 2
    show.last()
    clock.now += 60
    show.tick(paused=False)
    assert show.cursor.number == 1  # loops
    assert show.toggle_play() == "Autoplay stopped" and not show.playing and show.play_status() == ""


def test_autoplay_without_loop_stops_at_the_end_and_the_pace_changes():
    clock = FakeClock()
    show = Slideshow(text_deck(2), loop=False, clock=clock)
    show.toggle_play()
    assert show.change_pace(3) == "Autoplay: 8 s per slide, plus reading time"
    clock.now += dwell(show.slide, 8.0) - 0.5
    show.tick(paused=False)
    assert show.cursor.number == 1
    clock.now += 1
    show.tick(paused=False)
    assert show.cursor.number == 2
    clock.now += 60
    assert show.tick(paused=False) == "End of the slideshow" and not show.playing


def test_moving_by_hand_restarts_the_countdown():
    clock = FakeClock()
    show = Slideshow(text_deck(5), clock=clock)
    show.toggle_play()
    clock.now += 4
    show.step(1)
    clock.now += dwell(show.slide, 5.0) - 1
    show.tick(paused=False)
    assert show.cursor.number == 2


# -- resume --------------------------------------------------------------------------------------------


def test_resume_and_what_wins_over_it(deck_path, tmp_path):
    positions = Positions(tmp_path / "state")
    show = Slideshow(load_path(deck_path), positions=positions)
    show.step(1)
    show.step(1)
    show.save_position()
    again = Slideshow(load_path(deck_path), positions=Positions(tmp_path / "state"))
    assert again.resumed == 3 and titles(again) == "Blue soldier"
    assert Slideshow(load_path(deck_path), positions=positions, slide_number=5).cursor.number == 5
    fresh = Slideshow(load_path(deck_path), positions=positions, resume=False)
    assert fresh.resumed is None and fresh.cursor.number == 1


# -- reload --------------------------------------------------------------------------------------------


def test_reload_keeps_the_slide_the_filter_and_the_marks(deck_path):
    show = Slideshow(load_path(deck_path), search="soldier", watch=watch)
    show.step(1)
    assert titles(show) == "Blue soldier"
    show.toggle_mark()
    assert show.changed_on_disk() is None  # nothing changed yet
    text = deck_path.read_text(encoding="utf-8").replace("# Red square", "# Red square\n\n---\n\n# New first")
    deck_path.write_text(text, encoding="utf-8")
    os.utime(deck_path, ns=(1, 1))  # a different signature, however coarse the file system's clock
    fresh = show.changed_on_disk()
    assert isinstance(fresh, Deck) and len(fresh) == 6
    assert show.merge(fresh) == Say("The deck changed on disk: reloaded.")
    assert titles(show) == "Blue soldier" and show.cursor.current == 3 and show.cursor.filtered
    assert show.marked and show.marks.indices == {3}  # the mark moved with its slide


def test_a_session_given_nothing_to_watch_with_never_reads_its_deck_again(deck_path):
    unwatched = Slideshow(load_path(deck_path))  # as with --no-watch: the model reads no file itself
    watched = Slideshow(load_path(deck_path), watch=watch)
    deck_path.write_text("# Only this\n", encoding="utf-8")
    os.utime(deck_path, ns=(1, 1))
    assert unwatched.changed_on_disk() is None and len(unwatched.deck) == 5
    fresh = watched.changed_on_disk()
    assert isinstance(fresh, Deck) and len(fresh) == 1


def test_a_broken_reload_is_reported_not_merged(deck_path):
    show = Slideshow(load_path(deck_path), watch=watch)
    deck_path.write_text("---\ntitle: [broken\n---\n# X\n", encoding="utf-8")
    os.utime(deck_path, ns=(1, 1))
    problem = show.changed_on_disk()
    assert not isinstance(problem, Deck) and "deck.md" in str(problem)
    said = show.merge(problem)
    assert said.severity == "error" and "Still showing the last good version" in said.text
    assert len(show.deck) == 5 and titles(show) == "Red square"


def test_a_search_open_during_a_reload_still_goes_back_to_its_slide(deck_path):
    show = Slideshow(load_path(deck_path), watch=watch)
    show.last()  # Only words
    show.open_search()
    show.search_changed("soldier")
    text = deck_path.read_text(encoding="utf-8").replace("# Red square", "# Zero\n\n---\n\n# Red square")
    deck_path.write_text(text, encoding="utf-8")
    os.utime(deck_path, ns=(1, 1))
    show.merge(show.changed_on_disk())
    show.search_cancelled()
    assert titles(show) == "Only words" and show.cursor.total == 6


# -- marks ---------------------------------------------------------------------------------------------


@pytest.fixture
def shoot(tmp_path) -> Path:
    folder = tmp_path / "shoot"
    for n, colour in enumerate([(200, 0, 0), (0, 200, 0), (0, 0, 200), (200, 200, 0)]):
        make_image(folder / f"IMG_{n}.png", colour)
    (folder / "IMG_1.txt").write_text("Green hills\n\nWe walked all day.\n", encoding="utf-8")
    return folder


def test_m_marks_and_unmarks_the_photo_on_screen(shoot):
    show = Slideshow(load_path(shoot))
    assert not show.marked and len(show.marks) == 0
    assert show.toggle_mark() is None and show.marked
    show.step(1)
    show.step(1)
    show.toggle_mark()
    assert show.marks.paths() == [shoot / "IMG_0.png", shoot / "IMG_2.png"]
    show.toggle_mark()
    assert not show.marked and show.marks.paths() == [shoot / "IMG_0.png"]


def test_big_m_marks_every_match_or_unmarks_them_all(shoot):
    show = Slideshow(load_path(shoot))
    show.step(1)
    show.toggle_mark()  # IMG_1 marked by hand
    assert show.toggle_all_marks() == "Marked 4 photos (4 marked)."
    assert len(show.marks) == 4
    assert show.toggle_all_marks() == "Unmarked 4 photos (0 marked)."
    show.open_search()
    show.search_changed("hills")
    show.search_done()
    assert show.toggle_all_marks() == "Marked 1 photo matching the search (1 marked)."
    assert show.marks.paths() == [shoot / "IMG_1.png"]


def test_slides_without_a_photo_file_are_not_marked(deck_path):
    show = Slideshow(load_path(deck_path))
    show.last()  # Only words
    assert show.toggle_mark() == "Nothing to mark: this slide has no photo file." and not show.marked
    # M does not open every slide to look: the text slide is marked too, but has no path to print
    # (the missing photo's file is still a path: it is printed as given).
    assert show.toggle_all_marks() == "Marked 5 slides (5 marked)."
    assert [p.name for p in show.marks.paths()] == ["red.png", "green.png", "blue.png", "missing.png"]
    assert show.marked and show.toggle_mark() is None and not show.marked  # and it can be unmarked
    empty = Slideshow(load_path(deck_path), search="zebra")
    assert empty.toggle_mark() == "No slide on screen to mark."
    assert empty.toggle_all_marks() == "Nothing to mark: no slide matches."


def test_a_photo_folder_keeps_its_marks_on_their_files_when_it_changes(shoot):
    show = Slideshow(load_path(shoot), watch=watch)
    show.step(1)
    show.toggle_mark()  # IMG_1
    show.last()
    show.toggle_mark()  # IMG_3
    make_image(shoot / "IMG_00.png", (9, 9, 9))  # sorts first: every index moves
    (shoot / "IMG_3.png").unlink()
    fresh = show.changed_on_disk()
    show.merge(fresh)
    assert show.marks.paths() == [shoot / "IMG_1.png"]


def test_many_marks_in_a_markdown_deck_follow_a_reload_by_position(deck_path, monkeypatch):
    import viewer.model.marks

    monkeypatch.setattr(viewer.model.marks, "FOLLOW_BY_TITLE", 1)
    show = Slideshow(load_path(deck_path), watch=watch)
    show.toggle_all_marks()
    text = deck_path.read_text(encoding="utf-8").replace("# Red square", "# Zero\n\n---\n\n# Red square")
    deck_path.write_text(text.replace("# Only words\n\nNo photo on this slide.\n", ""), encoding="utf-8")
    os.utime(deck_path, ns=(1, 1))
    show.merge(show.changed_on_disk())
    assert show.marks.indices == {0, 1, 2, 3, 4}  # where they were (by title, they would have moved)


def test_the_mark_book_keeps_marks_per_deck_in_the_order_opened(shoot, deck_path):
    book = MarkBook()
    photos = Slideshow(load_path(shoot), marks=book.of(load_path(shoot)))
    photos.toggle_all_marks()
    deck = load_path(deck_path)
    slides = Slideshow(deck, marks=book.of(deck))
    slides.toggle_mark()
    again = Slideshow(load_path(shoot), marks=book.of(load_path(shoot)))
    assert len(again.marks) == 4  # the same deck opened again in this run: its marks are there
    assert book.paths() == [*(shoot / f"IMG_{n}.png" for n in range(4)), deck_path.parent / "img" / "red.png"]


def test_the_same_file_is_listed_once_however_it_is_reached(shoot, monkeypatch):
    book = MarkBook()
    folder = load_path(shoot)
    book.of(folder).set(range(4), True)
    monkeypatch.chdir(shoot.parent)
    again = Slide(title="again", photo=Photo("shoot/IMG_0.png", Path("shoot/IMG_0.png")))
    relative = Deck(title="list", slides=(again,), path=shoot.parent / "list")
    book.of(relative).set([0], True)
    assert book.paths() == [shoot / f"IMG_{n}.png" for n in range(4)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["m", "M", "next", "prev", "filter", "clear"]),
                          st.integers(0, 9)), max_size=40))
def test_marks_stay_within_the_deck_and_the_status_agrees(actions):
    slides = tuple(Slide(title=s.title, caption_text=s.caption_text, photo=Photo(f"{i}.jpg", Path(f"/p/{i}.jpg")))
                   for i, s in enumerate(text_deck(10).slides))
    show = Slideshow(Deck(title="photos", slides=slides, path=Path("/p/deck.md")))
    for action, n in actions:
        if action == "m":
            before = show.marked
            show.toggle_mark()
            assert show.marked != before
        elif action == "M":
            show.toggle_all_marks()
            visible = set(show.cursor.visible)
            assert visible <= show.marks.indices or not visible & show.marks.indices
        elif action == "next":
            show.step(n)
        elif action == "prev":
            show.step(-n)
        elif action == "filter":
            show.open_search()
            show.search_changed("odd" if n % 2 else "even")
            show.search_done()
        else:
            show.clear_filter()
        assert all(0 <= i < 10 for i in show.marks.indices)
        assert show.marked == (show.cursor.showing in show.marks.indices)
        assert [p.name for p in show.marks.paths()] == [f"{i}.jpg" for i in sorted(show.marks.indices)]


def test_deck_marks_toggle_and_set():
    marks = DeckMarks(text_deck(3))
    assert marks.toggle(1) and 1 in marks and not marks.toggle(1) and 1 not in marks
    marks.set([0, 2], True)
    assert marks.indices == {0, 2}
    marks.set([2], False)
    assert len(marks) == 1
