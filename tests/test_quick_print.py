"""`viewer PHOTO --print` answered without Rich or the model: same picture, same text, and the
full path whenever the quick one cannot show everything."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from PIL import Image

from tests.hostile import scene

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def run(code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLORTERM")}
    environment.update(env or {"COLORTERM": "truecolor"})
    return subprocess.run([sys.executable, "-c", code], capture_output=True, env=environment, timeout=60)


def cells(output: str) -> list[list[tuple]]:
    """(foreground, background, character) per cell of each picture line, whatever the SGR spelling."""
    rows = []
    for line in output.splitlines():
        if "▄" not in line:
            continue
        fg = bg = None
        row = []
        position = 0
        for match in SGR.finditer(line + "\x1b[m"):
            for ch in line[position:match.start()]:
                row.append((fg, bg, ch))
            codes = [int(c) for c in match.group(1).split(";") if c] or [0]
            i = 0
            while i < len(codes):
                if codes[i] == 0:
                    fg = bg = None
                elif codes[i] in (38, 48) and codes[i + 1] == 2:
                    value = tuple(codes[i + 2:i + 5])
                    fg, bg = (value, bg) if codes[i] == 38 else (fg, value)
                    i += 4
                i += 1
            position = match.end()
        rows.append(row)
    return rows


def text_lines(output: str) -> list[str]:
    # Rich keeps the space at a wrap point, textwrap drops it: the same on screen.
    return [SGR.sub("", line).rstrip() for line in output.splitlines() if "▄" not in line]


@pytest.mark.parametrize("name,size", [("photo.jpg", (900, 600)), ("tall.png", (120, 400)), ("tiny.png", (7, 5))])
def test_quick_and_full_paths_draw_the_same(tmp_path, name, size):
    image = scene(size)
    exif = image.getexif()
    exif[0x010E] = "A caption from the photo itself, long enough to be wrapped over two lines of text."
    exif[0x013B] = "Jo Photographer"
    image.save(tmp_path / name, exif=exif)
    args = [str(tmp_path / name), "--print", "--width", "60", "--height", "30"]
    quick = run(f"import sys, viewer.cli; sys.exit(viewer.cli.main({args!r}))")
    full = run(f"import sys, viewer.command_line; sys.exit(viewer.command_line.main({args!r}))")
    assert quick.returncode == full.returncode == 0
    q, f = quick.stdout.decode(), full.stdout.decode()
    assert cells(q) == cells(f) and cells(q)
    assert text_lines(q) == text_lines(f)
    assert "A caption from the photo itself" in q and "Jo Photographer" in q


def test_the_quick_path_imports_neither_rich_nor_the_model(tmp_path):
    scene((50, 40)).save(tmp_path / "a.png")
    result = run("import sys, viewer.cli\n"
                 f"status = viewer.cli.main([{str(tmp_path / 'a.png')!r}, '--print', '--width', '20'])\n"
                 "loaded = [m for m in ('rich', 'rich.console', 'argparse', 'textual', 'viewer.model.deck',"
                 " 'viewer.command_line', 'markdown_it', 'yaml') if m in sys.modules]\n"
                 "print('LOADED', loaded, file=sys.stderr); sys.exit(status)")
    assert result.returncode == 0 and "▄" in result.stdout.decode()
    assert "LOADED []" in result.stderr.decode()


@pytest.mark.parametrize("setup,env,expect", [
    ("sidecar", {"COLORTERM": "truecolor"}, "The sidecar caption"),
    ("plain", {"NO_COLOR": "1"}, "▓"),
    ("plain", {"TERM": "xterm-256color"}, "38;5;"),
    ("unicode", {"COLORTERM": "truecolor"}, "漢字"),
])
def test_anything_the_quick_path_cannot_show_goes_the_full_way(tmp_path, setup, env, expect):
    Image.new("RGB", (40, 30), (200, 200, 200)).save(tmp_path / "a.jpg")
    if setup == "sidecar":
        # A Markdown sidecar needs the parser (a plain .txt one is read on the quick path: test_cli_habits).
        (tmp_path / "a.md").write_text("# A\n\nThe sidecar caption\n", encoding="utf-8")
    if setup == "unicode":
        image = Image.new("RGB", (40, 30), (200, 200, 200))
        exif = image.getexif()
        exif[0x9C9B] = "漢字".encode("utf-16-le") + b"\x00\x00"
        image.save(tmp_path / "a.jpg", exif=exif)
    result = run(f"import sys, viewer.cli; sys.exit(viewer.cli.main([{str(tmp_path / 'a.jpg')!r}, '--print', '--width', '20']))",
                 env=env)
    assert result.returncode == 0 and expect in result.stdout.decode(), result.stdout.decode()[:300]


def test_broken_photos_get_the_full_paths_placeholder(tmp_path):
    (tmp_path / "broken.jpg").write_bytes(b"not a jpeg at all")
    result = run(f"import sys, viewer.cli; sys.exit(viewer.cli.main([{str(tmp_path / 'broken.jpg')!r}, '--print', '--width', '60']))")
    assert result.returncode == 0 and b"not an image" in result.stdout
