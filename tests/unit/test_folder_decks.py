"""Folders as decks: photo folders with sidecars, natural order, folders of decks, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.images import make_image
from viewer.basics.text import humanise, natural_key
from viewer.model import Deck, DeckError, Library
from viewer.sources import load_path, load_paths


def test_natural_order():
    names = ["IMG_10.jpg", "IMG_2.jpg", "img_1.png", "IMG_2b.jpg", "a.png"]
    assert sorted(names, key=natural_key) == ["a.png", "img_1.png", "IMG_2.jpg", "IMG_2b.jpg", "IMG_10.jpg"]


def test_humanise():
    assert humanise("sunset_over-the_bay") == "Sunset over the bay"
    assert humanise("IMG_2034") == "IMG 2034"


def test_photo_folder_is_a_deck_in_natural_order_with_sidecars(tmp_path):
    for name in ["IMG_10.jpg", "IMG_2.png", "beach_day.webp", "scan.TIFF", "old.bmp", "anim.gif", "x.jpeg"]:
        make_image(tmp_path / name, (100, 100, 100))
    (tmp_path / "IMG_2.md").write_text("# Harbour at dawn\n\nBoats *waiting*.", encoding="utf-8")
    (tmp_path / "IMG_10.txt").write_text("Plain caption with *stars* kept literally.\n", encoding="utf-8")
    (tmp_path / "beach_day.md").write_text("Only a caption, no heading.", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a sidecar", encoding="utf-8")
    deck = load_path(tmp_path)
    assert isinstance(deck, Deck)
    assert deck.title == tmp_path.name
    names = [s.photo.path.name for s in deck.slides]
    assert names == ["anim.gif", "beach_day.webp", "IMG_2.png", "IMG_10.jpg", "old.bmp", "scan.TIFF", "x.jpeg"]
    by_name = {s.photo.path.name: s for s in deck.slides}
    assert by_name["IMG_2.png"].title == "Harbour at dawn"
    assert by_name["IMG_2.png"].caption_text == "Boats waiting."
    assert by_name["IMG_10.jpg"].title == "IMG 10"
    assert by_name["IMG_10.jpg"].caption_text == "Plain caption with *stars* kept literally."
    assert by_name["beach_day.webp"].title == "Beach day"
    assert by_name["beach_day.webp"].caption_text == "Only a caption, no heading."
    assert by_name["old.bmp"].title == "Old" and by_name["old.bmp"].caption_text == ""


def test_sidecar_photo_reference_does_not_replace_the_folder_image(tmp_path):
    make_image(tmp_path / "a.png", (1, 2, 3))
    (tmp_path / "a.md").write_text('# A\n![described](elsewhere.png "Credit Z")\n\nText.', encoding="utf-8")
    slide = load_path(tmp_path).slides[0]
    assert slide.photo.path == tmp_path / "a.png"
    assert slide.alt == "described" and slide.credit == "Credit Z"


def test_folder_of_decks_is_a_library(tmp_path, deck_path):
    (deck_path.parent / "second.md").write_text("---\ntitle: Second\n---\n# One\n---\n# Two\n", encoding="utf-8")
    (deck_path.parent / "broken.md").write_text("---\ntitle: [x\n---\n# A\n", encoding="utf-8")
    library = load_path(deck_path.parent)
    assert isinstance(library, Library)
    assert [(d.title, len(d)) for d in library.decks] == [("Test deck", 5), ("Second", 2)]
    assert len(library.problems) == 1 and "broken.md:2" in library.problems[0]


def test_several_paths_make_one_library(deck_path, long_deck_path):
    library = load_paths([deck_path, long_deck_path])
    assert isinstance(library, Library)
    assert [d.title for d in library.decks] == ["Test deck", "long"]


def test_bare_image_is_a_one_slide_deck(tmp_path):
    path = make_image(tmp_path / "photo_of_me.jpg", (5, 5, 5))
    deck = load_path(path)
    assert len(deck) == 1 and deck.slides[0].photo.path == path


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda p: p / "nope", "no such file or directory"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "no images or decks"),
        (lambda p: (p / "x.pdf").write_bytes(b"%PDF") and p / "x.pdf", "not a Markdown deck"),
    ],
)
def test_unloadable_paths_raise_a_one_line_error(tmp_path, setup, reason):
    path: Path = setup(tmp_path)
    with pytest.raises(DeckError) as info:
        load_path(path)
    message = str(info.value)
    assert reason in message and str(path) in message and "\n" not in message
