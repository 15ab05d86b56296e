"""Cursor: paging, first/last, go-to-N, filtering and clearing, in plain Python."""

from viewer.model import Query
from viewer.model.navigation import Cursor

Q = Query.parse("x")


def test_paging_stops_at_both_ends():
    cursor = Cursor(3)
    assert cursor.step(-1).current == 0
    assert cursor.step(1).step(1).step(1).current == 2
    assert cursor.last().number == 3


def test_go_to_is_one_based_and_clamped():
    cursor = Cursor(10)
    assert cursor.go_to(4).current == 3
    assert cursor.go_to(0).current == 0
    assert cursor.go_to(99).current == 9


def test_filter_keeps_current_slide_when_it_matches():
    cursor = Cursor(10, current=5).filter(Q, (1, 5, 8))
    assert (cursor.current, cursor.number, cursor.count) == (5, 2, 3)


def test_filter_moves_to_the_next_match_otherwise():
    assert Cursor(10, current=6).filter(Q, (1, 5, 8)).current == 8
    assert Cursor(10, current=9).filter(Q, (1, 5, 8)).current == 8


def test_moves_stay_inside_the_filter():
    cursor = Cursor(10, current=1).filter(Q, (1, 5, 8))
    assert cursor.step(1).current == 5
    assert cursor.last().current == 8
    assert cursor.go_to(2).current == 5


def test_no_match_shows_nothing_and_clearing_returns_to_where_we_were():
    cursor = Cursor(10, current=4).filter(Q, ())
    assert cursor.showing is None and cursor.number is None and cursor.count == 0
    assert cursor.step(1) == cursor
    cleared = cursor.clear()
    assert cleared.current == 4 and cleared.number == 5 and not cleared.filtered


def test_empty_query_clears_the_filter():
    assert not Cursor(5).filter(Query.parse(""), ()).filtered


def test_empty_deck():
    cursor = Cursor(0)
    assert cursor.showing is None and cursor.step(1) == cursor and cursor.go_to(3) == cursor
