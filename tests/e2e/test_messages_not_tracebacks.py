"""Every error is a message naming file and line, never a traceback; nothing from a file reaches
the terminal raw, on any output stream (hostile input, round 2)."""

from __future__ import annotations

import io
import json
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers.hostile import scene
from viewer.imaging import PhotoPipeline
from viewer.model import DeckError, Library
from viewer.sources import load_path
from viewer.sources.markdown_deck import parse_deck_text

RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run_viewer(*args: str, timeout: float = 60, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORTERM", "TERM")}
    environment.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", **(env or {})})
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, timeout=timeout,
                          env=environment, **kwargs)


# -- front matter: whatever PyYAML raises is a DeckError with file and line ------------------------

BAD_FRONT_MATTER = {
    "impossible date": ("title: ok\ndate: 2023-02-29", 3),
    "month 13": ("date: 2023-13-01", 2),
    "bad timezone": ("when: 2001-12-14t21:59:43.10+99:99", 2),
    "huge int": ("n: 1" + "0" * 5000, 2),
    "deep flow nesting": ("a: " + "[" * 3000 + "]" * 3000, 2),
    "deep block nesting": ("a:\n" + "".join("  " * i + "- \n" for i in range(400)), 2),
    "deep mapping nesting": ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(600)), 2),
    "python tag": ("title: !!python/object/apply:os.system ['echo pwned']", 2),
    "bad omap": ("a: !!omap [1, 2]", 2),
    "bad float tag": ("a: !!float abc", 2),
    "bad int tag": ("a: !!int abc", 2),
    "unclosed flow": ("title: [unclosed", 2),
    "tab indentation": ("a:\n\t- b", 3),
    "alias": ("a: &x 1\nb: *x", 3),
    "duplicate anchors": ("a: &x [1]\nb: &x [2]", 3),
    "control character": ("title: a\x01b", 2),
}


@pytest.mark.parametrize("name", sorted(BAD_FRONT_MATTER))
def test_bad_front_matter_is_an_error_naming_file_and_line(name):
    block, line = BAD_FRONT_MATTER[name]
    source = f"---\n{block}\n---\n\n# A slide\n\nText.\n"
    try:
        parse_deck_text(source.encode(), Path("bad.md"))
    except DeckError as error:
        assert error.line is not None and 1 <= error.line <= 2 + block.count("\n") + 1, (name, str(error))
        assert str(error).startswith("bad.md:") and "\n" not in str(error)
        assert error.line == line or name.startswith("deep"), (name, str(error))
    else:
        pytest.fail(f"{name}: no error")


def test_strange_but_valid_front_matter_values_still_give_a_title():
    for block in ("title: !!int 0x" + "f" * 5000, "title: [1, 2]", "title: {a: b}", "title: 2023-01-01",
                  "title: !!set {a, b}", "title: null", "title: .inf", "? [a, b]\n: c"):
        deck = parse_deck_text(f"---\n{block}\n---\n# S\n".encode(), Path("odd.md"))
        assert isinstance(deck.title, str) and len(deck.title) <= 1000


@pytest.fixture
def mixed_library(tmp_path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a-good.md").write_text("# Good one\n\nFine.\n", encoding="utf-8")
    for n, (block, _) in enumerate(list(BAD_FRONT_MATTER.values())[:6]):
        (folder / f"bad-{n}.md").write_text(f"---\n{block}\n---\n# Bad\n", encoding="utf-8")
    (folder / "z-good.md").write_text("# Good two\n\nFine.\n", encoding="utf-8")
    return folder


def test_one_bad_deck_in_a_folder_does_not_stop_the_others(mixed_library):
    loaded = load_path(mixed_library)
    assert isinstance(loaded, Library) and [d.title for d in loaded.decks] == ["a-good", "z-good"]
    assert len(loaded.problems) == 6 and all(re.search(r"bad-\d\.md:\d+: ", p) for p in loaded.problems)
    for args in (["--list"], ["--json"], ["--print", "--width", "30"]):
        result = run_viewer(str(mixed_library), *args)
        assert result.returncode == 0, (args, result.stderr)
        assert b"Good one" in result.stdout and b"Good two" in result.stdout, args
        assert result.stderr.count(b"bad-") == 6 and b"Traceback" not in result.stderr, args
    checked = run_viewer("check", str(mixed_library))
    assert checked.returncode == 1 and checked.stdout.count(b"bad-") == 6 and b"Traceback" not in checked.stderr


async def test_the_library_app_lists_the_good_decks_and_names_the_bad(mixed_library):
    from viewer.ui.app import ViewerApp

    app = ViewerApp(load_path(mixed_library))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#library-problems").render())
        assert text.count("bad-") == 6
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.deck.title == "a-good"


# -- damaged images, impossible names ---------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def damaged_images(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    png = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(png, "PNG")
    data = png.getvalue()
    names = []
    for cut in (20, 34, 60, 200, len(data) // 2):
        (folder / f"truncated-{cut}.png").write_bytes(data[:cut])
        names.append(f"truncated-{cut}.png")
    (folder / "garbage-exif.png").write_bytes(data[:33] + _chunk(b"eXIf", os.urandom(64)) + data[33:])
    names.append("garbage-exif.png")
    (folder / "bad-crc.png").write_bytes(data[:33] + b"\x00\x00\x00\x04IDATabcd\x00\x00\x00\x00" + data[33:])
    names.append("bad-crc.png")
    tiff = io.BytesIO()
    scene((30, 20)).save(tiff, "TIFF")
    (folder / "truncated.tiff").write_bytes(tiff.getvalue()[:60])
    (folder / "garbage.tiff").write_bytes(b"II*\x00" + struct.pack("<I", 8) + b"\xff\xff" + os.urandom(300))
    gif = io.BytesIO()
    scene((30, 20)).save(gif, "GIF")
    (folder / "truncated.gif").write_bytes(gif.getvalue()[:40])
    webp = io.BytesIO()
    scene((30, 20)).save(webp, "WEBP")
    (folder / "truncated.webp").write_bytes(webp.getvalue()[:30])
    (folder / "garbage.bmp").write_bytes(b"BM" + struct.pack("<IHHI", 1000, 0, 0, 54) + struct.pack("<IiiHH", 40, 10**6, -(10**6), 1, 24) + os.urandom(40))
    names += ["truncated.tiff", "garbage.tiff", "truncated.gif", "truncated.webp", "garbage.bmp"]
    return names


def test_damaged_images_show_a_placeholder_with_a_reason(tmp_path):
    names = damaged_images(tmp_path)
    pipeline = PhotoPipeline()
    for name in names:
        rendered = pipeline.render(tmp_path / name, 40, 20, (0, 0, 0))
        assert rendered.problem, name
        assert not RAW_CONTROLS.search(rendered.problem), (name, rendered.problem)


def test_impossible_characters_in_image_paths_are_per_slide_problems(tmp_path):
    scene((20, 20)).save(tmp_path / "ok.png")
    deck = tmp_path / "deck.md"
    deck.write_text("# Nul\n\n![n](img%00name.png)\n\n---\n\n# Long\n\n![l](" + "a" * 5000 + ".png)\n\n---\n\n"
                    "# Fine\n\n![f](ok.png)\n\n---\n\n# Surrogate\n\n![s](%ED%A0%80.png)\n", encoding="utf-8")
    loaded = load_path(deck)
    pipeline = PhotoPipeline()
    problems = [pipeline.render(s.photo.path, 20, 10, (0, 0, 0)).problem for s in loaded.slides]
    assert problems[0] and "NUL" in problems[0]
    assert problems[1] and problems[2] is None and problems[3]
    for args in (["--list"], ["--json"], ["--print", "--width", "30"]):
        result = run_viewer(str(deck), *args)
        assert result.returncode == 0 and b"Traceback" not in result.stderr, (args, result.stderr)
    checked = run_viewer("check", str(deck))
    assert checked.returncode == 1 and b"slide 1:" in checked.stdout and b"NUL" in checked.stdout
    assert b"Traceback" not in checked.stderr


# -- closed pipes ------------------------------------------------------------------------------------


@pytest.fixture
def many_problems(tmp_path) -> Path:
    deck = tmp_path / "many.md"
    deck.write_text("\n\n---\n\n".join(f"# Slide {n}\n\n![p](missing-{n}.png)" for n in range(3000)), encoding="utf-8")
    return deck


@pytest.mark.parametrize("args", [["check", "{deck}"], ["{deck}", "--print", "--width", "20"], ["{deck}", "--list"],
                                  ["{deck}", "--json"]])
def test_a_closed_pipe_ends_quietly_with_status_0(many_problems, args):
    command = " ".join(a.format(deck=many_problems) for a in args)
    script = f"{sys.executable} -m viewer {command} | head -1 >/dev/null; echo status=${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", script], capture_output=True, timeout=120)
    assert result.stdout.strip().endswith(b"status=0"), (result.stdout, result.stderr)
    assert result.stderr == b"", result.stderr


# -- file names that are not UTF-8 -------------------------------------------------------------------


def test_non_utf8_file_names_work_in_list_json_and_print(tmp_path):
    folder = os.fsencode(tmp_path / "photos")
    os.mkdir(folder)
    for raw in (b"caf\xe9.png", b"\xff\xfe\x9b2J.png", b"ok.png"):
        scene((20, 20)).save(os.path.join(folder, raw).decode("utf-8", "surrogateescape"))
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"A caption in Latin-1: caf\xe9")
    for args in (["--list"], ["--json"], ["--print", "--width", "30"]):
        result = run_viewer(os.fsdecode(folder), *args)
        assert result.returncode == 0, (args, result.stderr)
        text = result.stdout.decode("utf-8")  # strictly valid UTF-8
        assert "\ufffd" in text and "\x9b" not in text, args
        assert b"Traceback" not in result.stderr
    lines = run_viewer(os.fsdecode(folder), "--json").stdout.decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3 and all(isinstance(r["image"], str) for r in records)


# -- nothing from a file reaches the terminal ------------------------------------------------------


def test_json_never_contains_raw_c1_or_escape_characters(tmp_path):
    folder = tmp_path / "photos\x1b]0;t\x07"
    folder.mkdir()
    name = "evil\x9b2J\x1b[31m\u202e\x7f.png"
    scene((10, 10)).save(folder / name)
    (folder / (name[:-4] + ".txt")).write_text("caption \x9b1m \x85 \x1b]52;c;eA==\x07", encoding="utf-8")
    result = run_viewer(str(folder), "--json")
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert not RAW_CONTROLS.search(text.replace("\n", "")), repr(text)
    assert "\u202e" not in text
    record = json.loads(text)
    assert record["image"].endswith(".png")


def test_import_to_stdout_cleans_escape_sequences(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Evil \x1b]0;title\x07 article\n\nFirst \x1b[2J photo\n\n"
                       "A caption long enough to be prose \x9b31m with C1 and \x07 bell, for the importer.\n"
                       "(Image via Some\x1b[31mone)\n", encoding="utf-8")
    result = run_viewer("import", str(article))
    assert result.returncode == 0
    assert not RAW_CONTROLS.search(result.stdout.decode("utf-8").replace("\n", "")), result.stdout
    assert not RAW_CONTROLS.search(result.stderr.decode("utf-8").replace("\n", ""))


@pytest.mark.parametrize("argv", [["--\x1b]0;pwned\x07.md"], ["--x\x9b2J"], ["check", "--\x1b[2Jx"],
                                  ["import", "--\x1b]52;c;eA==\x07"], ["--slide", "\x1b[31m"],
                                  ["illustrate", "--\x07"]])
def test_usage_errors_do_not_echo_hostile_arguments_raw(argv):
    result = run_viewer(*argv)
    assert result.returncode == 2
    assert not RAW_CONTROLS.search(result.stderr.decode("utf-8").replace("\n", "")), result.stderr
    assert b"usage" in result.stderr
