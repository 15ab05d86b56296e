"""The decks in slides/: rebuilt from their sources byte for byte, every slide with a distinct image."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from viewer.cli import main
from viewer.illustration import paint, plan_scene
from viewer.sources import load_path
from viewer.sources.markdown_deck import parse_deck_file

SLIDES = Path(__file__).resolve().parents[2] / "slides"
SHARED = SLIDES.parent.parent / "shared" / "articles"
DECKS = sorted(SLIDES.glob("*.md"))


def test_two_decks_ship_with_85_slides():
    decks = {path.name: parse_deck_file(path) for path in DECKS}
    assert {name: len(deck) for name, deck in decks.items()} == {
        "36-never-before-seen-photos-of-north-korea.md": 57,
        "north-korea-they-also-smile.md": 28,
    }


def test_sources_are_copied_unchanged():
    names = sorted(p.name for p in (SLIDES / "sources").glob("*.txt"))
    assert names == ["000_42cd35bfecbb02b6.txt", "004_96ffa6998962fb84.txt"]
    if SHARED.is_dir():  # beside a checkout in CI and for developers
        for name in names:
            assert (SLIDES / "sources" / name).read_bytes() == (SHARED / name).read_bytes()


@pytest.mark.parametrize("deck_path", DECKS, ids=lambda p: p.stem)
def test_deck_rebuilds_byte_for_byte_from_its_source(deck_path: Path, tmp_path: Path, capsys):
    deck = parse_deck_file(deck_path)
    source = SLIDES / "sources" / deck.meta["source"]
    rebuilt = tmp_path / deck_path.name
    code = main(["import", str(source), "-o", str(rebuilt), "--title", deck.title, "--images", deck_path.stem])
    assert code == 0, capsys.readouterr().err
    assert rebuilt.read_bytes() == deck_path.read_bytes()


def test_every_slide_has_a_distinct_decodable_stand_in_that_says_so():
    seen: dict[str, str] = {}
    for deck_path in DECKS:
        for slide in parse_deck_file(deck_path).slides:
            assert slide.photo is not None and slide.photo.path is not None
            path = slide.photo.path
            assert path.is_file(), path
            assert path.stat().st_size < 20_000
            with Image.open(path) as image:
                image.load()
                digest = hashlib.sha256(image.tobytes()).hexdigest()
            assert digest not in seen, f"{path.name} looks exactly like {seen.get(digest)}"
            seen[digest] = path.name
            assert slide.credit.startswith("Stand-in illustration")
            assert slide.alt.startswith("Stand-in illustration: ")
    assert len(seen) == 85


def test_generator_is_deterministic_and_matches_the_committed_pictures():
    for deck_path in DECKS:
        for slide in parse_deck_file(deck_path).slides[:6]:
            scene = plan_scene(slide.title, slide.caption_text)
            first, second = paint(scene), paint(scene)
            assert first.tobytes() == second.tobytes()
            with Image.open(slide.photo.path) as committed:
                assert committed.convert("RGB").tobytes() == first.tobytes(), slide.photo.path.name
            assert slide.alt == scene.description


def test_illustrate_fills_in_only_missing_images(tmp_path: Path, capsys):
    deck = tmp_path / "d.md"
    deck.write_text("# Soldiers at night\n![x](pics/a.png)\n\nA night in the city.\n---\n# B\n![y](pics/b.png)\n",
                    encoding="utf-8")
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "b.png").write_bytes(b"keep me")
    assert main(["illustrate", str(deck)]) == 0
    assert "painted 1, kept 1" in capsys.readouterr().err
    assert (tmp_path / "pics" / "b.png").read_bytes() == b"keep me"
    with Image.open(tmp_path / "pics" / "a.png") as image:
        assert image.size == (144, 101)
    assert load_path(deck).slides[0].photo.path.is_file()


def test_scene_follows_the_words():
    assert plan_scene("Pyongyang at night", "The city lights").time == "night"
    assert plan_scene("Playtime in the rain", "").weather == "rain"
    assert plan_scene("Empty shelves", "A supermarket").indoor == "store"
    assert plan_scene("Soldiers", "").figures == "soldiers"
    assert plan_scene("Where are they going?", "The train station").way == "rail"
    assert "bus" in plan_scene("Lining up for the bus", "").vehicles
    assert plan_scene("Fishing on the river", "").landscapes[0] == "water"
    assert plan_scene("Military bands", "meticulously trained").way is None  # "trained" is not a train
