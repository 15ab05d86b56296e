"""File lists like nsxiv and feh: several photos are one deck of exactly those photos in the order
given, each file once; lists from standard input; `-r` below a folder; --sort and --reverse."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from tests.helpers.images import make_image
from viewer.model import Deck, DeckError, Library
from viewer.sources import load_path, load_paths, watch
from viewer.sources.file_lists import parse_path_list
from viewer.sources.sorting import sort_deck, sort_order


def names(deck: Deck) -> list[str]:
    return [slide.photo.path.name for slide in deck.slides]


@pytest.fixture
def shoot(tmp_path) -> Path:
    folder = tmp_path / "shoot"
    for index, name in enumerate(["img10.jpg", "img2.jpg", "img1.jpg", "b.png", "c.jpg"]):
        make_image(folder / name, (40 * index, 90, 90), (40 + 10 * index, 30))
    (folder / "img2.txt").write_text("The caption of two", encoding="utf-8")
    return folder


# -- several PATHs --------------------------------------------------------------------------------


def test_several_photos_are_one_deck_of_exactly_them_in_the_order_given(shoot):
    given_order = [shoot / "img2.jpg", shoot / "b.png", shoot / "img10.jpg"]
    deck = load_paths(given_order)
    assert isinstance(deck, Deck) and deck.kind == "photos"
    assert names(deck) == ["img2.jpg", "b.png", "img10.jpg"]
    assert [s.photo.path for s in deck.slides] == given_order  # as given: -o prints what the user typed
    assert deck.slides[0].caption_text == "The caption of two"  # its sidecar, from its folder
    assert deck.title == "shoot" and deck.opened_on == 0


def test_photos_from_several_folders_are_named_by_count(shoot, tmp_path):
    other = make_image(tmp_path / "other" / "x.jpg", (1, 2, 3))
    deck = load_paths([other, shoot / "c.jpg"])
    assert names(deck) == ["x.jpg", "c.jpg"] and deck.title == "2 photos"
    assert deck.path == tmp_path


def test_the_same_photo_however_spelled_is_opened_once(shoot, monkeypatch):
    monkeypatch.chdir(shoot.parent)
    os.symlink(shoot / "c.jpg", shoot.parent / "link.jpg")
    os.link(shoot / "img1.jpg", shoot.parent / "hard.jpg")
    deck = load_paths([Path("shoot/c.jpg"), Path("./shoot/c.jpg"), shoot / "c.jpg", Path("link.jpg"),
                       Path("shoot/img1.jpg"), Path("hard.jpg"), Path("shoot/../shoot/img1.jpg")])
    assert names(deck) == ["c.jpg", "img1.jpg"]


def test_a_deck_given_twice_opens_once_as_itself(deck_path):
    deck = load_paths([deck_path, deck_path, deck_path.parent / "." / deck_path.name])
    assert isinstance(deck, Deck) and deck.kind == "deck" and deck.title == "Test deck"


def test_photos_and_decks_photos_take_the_place_of_the_first_photo(shoot, deck_path):
    library = load_paths([deck_path, shoot / "c.jpg", shoot / "img1.jpg"])
    assert isinstance(library, Library) and library.title == "2 decks"
    assert [(d.kind, len(d)) for d in library.decks] == [("deck", 5), ("photos", 2)]
    library = load_paths([shoot / "c.jpg", deck_path, shoot / "img1.jpg"])
    assert [(d.kind, len(d)) for d in library.decks] == [("photos", 2), ("deck", 5)]
    assert names(library.decks[0]) == ["c.jpg", "img1.jpg"]


def test_a_folder_and_its_subfolder_hold_each_deck_once(tmp_path):
    make_image(tmp_path / "a" / "one.jpg", (1, 1, 1))
    make_image(tmp_path / "a" / "b" / "two.jpg", (2, 2, 2))
    library = load_paths([tmp_path / "a", tmp_path / "a" / "b"])
    assert sorted(names(d)[0] for d in library.decks) == ["one.jpg", "two.jpg"]


def test_a_glob_with_sidecars_does_not_open_them_as_decks(shoot):
    (shoot / "c.md").write_text("# Cee\n\nMarkdown caption\n", encoding="utf-8")
    (shoot / "img1.jpg.json").write_text('{"description": "from a downloader"}', encoding="utf-8")
    deck = load_paths(sorted(shoot.iterdir()))
    assert isinstance(deck, Deck)
    assert names(deck) == ["b.png", "c.jpg", "img1.jpg", "img10.jpg", "img2.jpg"]
    assert deck.slides[1].title == "Cee"


def test_one_photo_alone_still_opens_its_folder(shoot):
    deck = load_paths([shoot / "img2.jpg"])
    assert len(deck) == 5 and names(deck)[deck.opened_on] == "img2.jpg"
    assert load_paths([shoot / "img2.jpg"], listed=True).slides[0].photo.path.name == "img2.jpg"
    assert len(load_paths([shoot / "img2.jpg"], listed=True)) == 1


def test_a_listed_deck_is_not_reloaded_as_its_folder(shoot):
    deck = load_paths([shoot / "c.jpg", shoot / "b.png"])
    assert watch.signature(deck) is None
    assert watch.signature(load_path(shoot)) is not None


def test_bad_entries_are_skipped_only_when_asked(shoot, tmp_path):
    missing = tmp_path / "missing.md"
    with pytest.raises(DeckError, match="no such file"):
        load_paths([shoot / "c.jpg", missing])
    found = load_paths([shoot / "c.jpg", missing], skip_bad=True)
    assert isinstance(found, Library) and [names(d) for d in found.decks] == [["c.jpg"]]
    assert any("missing.md" in p and "skipped" in p for p in found.problems)


# -- lists from standard input ---------------------------------------------------------------------


def test_path_lists_one_a_line_or_nul_separated():
    assert parse_path_list(b"a.jpg\nb c.jpg\n\nd.jpg", nul=False) == [Path("a.jpg"), Path("b c.jpg"), Path("d.jpg")]
    assert parse_path_list(b"a\nb.jpg\0c.jpg\0\0", nul=True) == [Path("a\nb.jpg"), Path("c.jpg")]
    assert parse_path_list(b"win.jpg\r\nx.jpg\r\n", nul=False) == [Path("win.jpg"), Path("x.jpg")]
    undecodable = parse_path_list(b"caf\xe9.jpg\n", nul=False)[0]
    assert os.fsencode(undecodable) == b"caf\xe9.jpg"  # the file can still be opened by that name


@given(st.lists(st.binary(min_size=1, max_size=30).filter(lambda b: b"\0" not in b), max_size=20))
def test_a_nul_list_gives_back_every_name_exactly(raw_names):
    data = b"\0".join(raw_names) + b"\0"
    assert [os.fsencode(p) for p in parse_path_list(data, nul=True)] == [os.fsencode(Path(os.fsdecode(n)))
                                                                        for n in raw_names]


# -- recursive --------------------------------------------------------------------------------------


def test_recursive_is_one_deck_of_every_photo_below_folder_by_folder(tmp_path):
    root = tmp_path / "trip"
    make_image(root / "z.jpg", (1, 1, 1))
    make_image(root / "day10" / "a.jpg", (2, 2, 2))
    make_image(root / "day2" / "b.jpg", (3, 3, 3))
    make_image(root / "day2" / "deeper" / "c.png", (4, 4, 4))
    make_image(root / ".hidden" / "secret.jpg", (5, 5, 5))
    (root / "notes.md").write_text("# A deck\n", encoding="utf-8")
    os.symlink(root, root / "day2" / "loop")  # a link back up ends at once
    deck = load_paths([root], recursive=True)
    assert isinstance(deck, Deck) and deck.title == "trip" and deck.path == root
    assert names(deck) == ["z.jpg", "b.jpg", "c.png", "a.jpg"]


def test_recursive_with_no_photos_says_so(tmp_path):
    (tmp_path / "empty" / "inner").mkdir(parents=True)
    with pytest.raises(DeckError, match="no photos"):
        load_paths([tmp_path / "empty"], recursive=True)


def test_recursive_depth_is_bounded(tmp_path):
    folder = tmp_path / "deep"
    for level in range(12):
        folder = folder / f"level{level}"
    make_image(folder / "bottom.jpg", (1, 1, 1))
    make_image(tmp_path / "deep" / "top.jpg", (1, 1, 1))
    assert names(load_paths([tmp_path / "deep"], recursive=True)) == ["top.jpg"]


# -- sorting ----------------------------------------------------------------------------------------


def test_sort_by_name_is_natural(shoot):
    deck = load_paths([shoot / n for n in ("img10.jpg", "img2.jpg", "c.jpg", "img1.jpg")])
    assert names(sort_deck(deck, "name")) == ["c.jpg", "img1.jpg", "img2.jpg", "img10.jpg"]
    assert names(sort_deck(deck, "name", reverse=True)) == ["img10.jpg", "img2.jpg", "img1.jpg", "c.jpg"]


def test_reverse_alone_turns_the_given_order_around(shoot):
    deck = load_paths([shoot / n for n in ("img10.jpg", "b.png", "c.jpg")])
    assert names(sort_deck(deck, None, reverse=True)) == ["c.jpg", "b.png", "img10.jpg"]


def test_sort_by_size(tmp_path):
    for name, side in (("big.png", 300), ("small.png", 10), ("mid.png", 80)):
        Image.effect_noise((side, side), 60).convert("RGB").save(tmp_path / name)
    deck = load_paths([tmp_path / n for n in ("big.png", "small.png", "mid.png")])
    assert names(sort_deck(deck, "size")) == ["small.png", "mid.png", "big.png"]
    assert names(sort_deck(deck, "size", reverse=True)) == ["big.png", "mid.png", "small.png"]


def test_sort_by_date_taken_else_file_time(tmp_path):
    def taken_at(name: str, when: str) -> None:
        image = Image.new("RGB", (20, 20))
        exif = image.getexif()
        exif[0x0132] = when  # DateTime
        image.save(tmp_path / name, exif=exif)

    taken_at("late.jpg", "2021:06:01 12:00:00")
    taken_at("early.jpg", "2019:01:01 08:30:00")
    make_image(tmp_path / "no_exif.png", (1, 1, 1))
    then = time.mktime((2020, 3, 1, 10, 0, 0, 0, 0, -1))
    os.utime(tmp_path / "no_exif.png", (then, then))
    old = time.mktime((2000, 1, 1, 0, 0, 0, 0, 0, -1))
    os.utime(tmp_path / "late.jpg", (old, old))  # its EXIF wins over its file time
    deck = load_paths([tmp_path / n for n in ("late.jpg", "no_exif.png", "early.jpg")])
    assert names(sort_deck(deck, "date")) == ["early.jpg", "no_exif.png", "late.jpg"]
    assert names(sort_deck(deck, "date", reverse=True)) == ["late.jpg", "no_exif.png", "early.jpg"]


def test_random_order_is_a_shuffle_of_the_same_photos(tmp_path):
    paths = [tmp_path / f"p{i}.jpg" for i in range(40)]
    orders = {tuple(sort_order(paths, "random")) for _ in range(3)}
    assert all(sorted(order) == list(range(40)) for order in orders)
    assert len(orders) > 1  # three identical shuffles of 40: about 1 in 10^95


def test_sorting_a_photos_folder_keeps_it_on_the_photo_given(shoot):
    deck = load_path(shoot / "img2.jpg")
    ordered = sort_deck(deck, "name", reverse=True)
    assert names(ordered) == ["img10.jpg", "img2.jpg", "img1.jpg", "c.jpg", "b.png"]
    assert names(ordered)[ordered.opened_on] == "img2.jpg"
    assert ordered.slides[1].caption_text == "The caption of two"


def test_markdown_decks_keep_their_order(deck_path):
    deck = load_path(deck_path)
    assert sort_deck(deck, "name", reverse=True) is deck
