"""`viewer PHOTO --print` answered without Rich or the model: same picture, same text, and the
full path whenever the quick one cannot show everything."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios

import pytest
from PIL import Image

from tests.helpers.hostile import scene

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
    return [SGR.sub("", line).rstrip() for line in output.splitlines() if "▄" not in line]


def run_in_terminal(code: str, cols: int, rows: int, env: dict[str, str], tmp_path) -> tuple[bytes, list[str]]:
    """`python -c code` with its output on a terminal of `cols`×`rows` (a pty), and the modules
    viewer's print paths loaded by its end (the code writes them to a file: stderr is the pty too)."""
    loaded = tmp_path / f"loaded-{os.urandom(4).hex()}"
    probe = (f"{code}\nimport sys\nopen({str(loaded)!r}, 'w').write(' '.join(m for m in "
             "('rich', 'viewer.model.deck', 'viewer.commands.view') if m in sys.modules))")
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("NO_COLOR", "TERM", "COLORTERM", "TMUX", "VIEWER_GRAPHICS", "COLUMNS", "LINES")}
    environment.update(env)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, cols * 8, rows * 16))
    process = subprocess.Popen([sys.executable, "-c", probe], stdin=follower, stdout=follower, stderr=follower,
                               env=environment, start_new_session=True)
    os.close(follower)
    output = b""
    while select.select([leader], [], [], 60)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed: everything was read
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(60) == 0, output[-500:]
    return output, loaded.read_text().split()


@pytest.mark.parametrize("name,size", [("photo.jpg", (900, 600)), ("tall.png", (120, 400)), ("tiny.png", (7, 5))])
def test_quick_and_full_paths_draw_the_same(tmp_path, name, size):
    image = scene(size)
    exif = image.getexif()
    exif[0x010E] = "A caption from the photo itself, long enough to be wrapped over two lines of text."
    exif[0x013B] = "Jo Photographer"
    image.save(tmp_path / name, exif=exif)
    args = [str(tmp_path / name), "--print", "--width", "60", "--height", "30"]
    quick = run(f"import sys, viewer.cli; sys.exit(viewer.cli.main({args!r}))")
    full = run(f"import sys, viewer.commands.view; sys.exit(viewer.commands.view.main({args!r}))")
    assert quick.returncode == full.returncode == 0
    assert quick.stdout == full.stdout  # byte for byte: the escape codes and the wrapped rows Rich writes
    q = quick.stdout.decode()
    assert cells(q) and "A caption from the photo itself" in q and "Jo Photographer" in q


CAPTION = "A caption from the photo itself, long enough to be wrapped over several lines of a narrow terminal."


@pytest.mark.parametrize("window,env,size", [
    ((44, 18), {}, (44, 18)),  # the terminal's own size
    ((100, 40), {"COLUMNS": "36", "LINES": "16"}, (36, 16)),  # COLUMNS and LINES win, for both paths
])
def test_quick_and_full_paths_print_the_same_bytes_sized_by_the_terminal(tmp_path, window, env, size):
    """No --width or --height: both paths size the picture by the terminal and leave room for the text."""
    image = scene((600, 600))
    exif = image.getexif()
    exif[0x010E] = CAPTION
    exif[0x013B] = "Jo Photographer"
    image.save(tmp_path / "square.jpg", exif=exif)
    args = [str(tmp_path / "square.jpg"), "--print"]
    env = {"COLORTERM": "truecolor", "VIEWER_GRAPHICS": "halfblock", **env}
    quick, quick_loaded = run_in_terminal(f"import viewer.cli; status = viewer.cli.main({args!r})", *window, env,
                                          tmp_path)
    full, full_loaded = run_in_terminal(f"import viewer.commands.view; viewer.commands.view.main({args!r})", *window,
                                        env, tmp_path)
    assert quick_loaded == [] and "rich" in full_loaded  # each path answered
    assert quick == full
    text = quick.decode()
    lines = text.split("\r\n")[:-1]
    cols, rows = size
    assert all(len(SGR.sub("", line)) <= cols for line in lines) and max(len(SGR.sub("", line)) for line in lines) > cols - 4
    picture = [line for line in lines if "▄" in line]
    words = text_lines(text.replace("\r\n", "\n"))
    assert words[0] == "Square" and words[-1] == "Jo Photographer" and " ".join(words[1:-1]) == CAPTION
    # A square photo would take the whole terminal: it is made smaller so its text fits below it.
    assert len(picture) + len(words) == rows - 1


def test_the_quick_path_imports_neither_rich_nor_the_model(tmp_path):
    scene((50, 40)).save(tmp_path / "a.png")
    result = run("import sys, viewer.cli\n"
                 f"status = viewer.cli.main([{str(tmp_path / 'a.png')!r}, '--print', '--width', '20'])\n"
                 "loaded = [m for m in ('rich', 'rich.console', 'argparse', 'textual', 'viewer.model.deck',"
                 " 'viewer.commands.view', 'markdown_it', 'yaml') if m in sys.modules]\n"
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
        # A sidecar with a character the quick path leaves to Rich (plain ones: test_cli_habits).
        (tmp_path / "a.md").write_text("# A\n\nThe sidecar caption, « quoted »\n", encoding="utf-8")
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
