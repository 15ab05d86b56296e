"""The command line as nsxiv and feh users type it: globs, `-i`/`-0` lists from standard input,
`-r`, `--sort`, `-o` (marked paths on stdout after the app), and the small mended habits (plurals,
`viewer check` of a missing path, `--print` of a photo with a `.txt` sidecar on the quick path).

Some tests run the installed command in tmux, as tests/test_e2e_tmux.py does: the app must get
its keys from the terminal while stdin is a pipe, and draw there while stdout is one."""

from __future__ import annotations

import os
import pty
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_quick_print import cells, run, text_lines
from tests.helpers.images import make_image
from tests.helpers.tmux import Terminal, viewer_command

REPO = Path(__file__).resolve().parents[2]


def viewer(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run([sys.executable, "-m", "viewer", *args], input=input, capture_output=True,
                          timeout=60, cwd=cwd, env=env, stdin=None if input is not None else subprocess.DEVNULL)


@pytest.fixture
def shoot(tmp_path) -> Path:
    folder = tmp_path / "shoot"
    for index, name in enumerate(["img10.jpg", "img2.jpg", "img1.jpg", "b.png"]):
        make_image(folder / name, (50 * index, 90, 90), (40 + 10 * index, 30))
    (folder / "img2.txt").write_text("The caption of two", encoding="utf-8")
    return folder


def listed(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 0, result.stderr.decode()
    return [line.split("\t")[1] for line in result.stdout.decode().splitlines()]


# -- file lists -----------------------------------------------------------------------------------


def test_a_glob_lists_each_photo_once_in_the_order_given(shoot):
    photos = [str(shoot / n) for n in ("img1.jpg", "img10.jpg", "img2.jpg", "b.png")]
    result = viewer(*photos, "--list")
    assert listed(result) == ["Img1", "Img10", "Img2", "B"]  # 4 lines for 4 files, not 4 folders of 4
    assert listed(viewer(*photos, *photos, "--list")) == ["Img1", "Img10", "Img2", "B"]


def test_json_of_a_list_names_each_photo_as_given(shoot):
    import json

    result = viewer("shoot/img2.jpg", "shoot/b.png", "--json", cwd=shoot.parent)
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["number"], r["image"], r["caption"]) for r in records] == [
        (1, "shoot/img2.jpg", "The caption of two"), (2, "shoot/b.png", "")]


def test_stdin_lists_one_a_line_and_nul_separated(shoot):
    lines = b"shoot/img2.jpg\nshoot/b.png\n\nshoot/img2.jpg\n"
    assert listed(viewer("-i", "--list", input=lines, cwd=shoot.parent)) == ["Img2", "B"]
    odd = shoot / "new\nline.jpg"
    make_image(odd, (1, 2, 3))
    nul = b"shoot/new\nline.jpg\0shoot/img1.jpg\0"
    assert listed(viewer("-0i", "--list", input=nul, cwd=shoot.parent)) == ["New line", "Img1"]
    assert listed(viewer("-i", "-0", "--list", input=nul, cwd=shoot.parent)) == ["New line", "Img1"]


def test_stdin_lists_skip_what_cannot_be_opened_and_say_so(shoot):
    (shoot / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = viewer("-i", "--list", input=b"shoot/img1.jpg\nshoot/gone.jpg\nshoot/notes.csv\n", cwd=shoot.parent)
    assert listed(result) == ["Img1"]
    errors = result.stderr.decode()
    assert "gone.jpg: no such file or directory (skipped)" in errors and "notes.csv" in errors


def test_a_stdin_list_of_nothing_openable_is_an_error_with_a_bounded_report(tmp_path):
    result = viewer("-i", "--list", input=b"".join(b"gone%d.jpg\n" % i for i in range(50)), cwd=tmp_path)
    errors = result.stderr.decode().splitlines()
    assert result.returncode == 2 and errors[-1] == "viewer: -i: none of the 50 paths could be opened"
    assert errors[0] == "viewer: gone0.jpg: no such file or directory (skipped)"
    assert "viewer: …and 30 more" in errors and len(errors) == 22


def test_an_empty_stdin_list_is_an_error(shoot):
    result = viewer("-i", "--list", input=b"\n\n")
    assert result.returncode == 2 and b"standard input listed no paths" in result.stderr


def test_recursive_and_each_sort(shoot, tmp_path):
    make_image(shoot / "sub" / "a.jpg", (9, 9, 9))
    (shoot / "story.md").write_text("# A story\n", encoding="utf-8")  # -r opens photos only
    assert listed(viewer("-r", str(shoot), "--list")) == ["B", "Img1", "Img2", "Img10", "A"]
    assert listed(viewer("--recursive", str(shoot), "--sort", "name", "--list")) == ["A", "B", "Img1", "Img2", "Img10"]
    assert listed(viewer("-r", str(shoot), "--sort", "name", "--reverse", "--list")) == [
        "Img10", "Img2", "Img1", "B", "A"]
    sizes = {p.name: p.stat().st_size for p in shoot.rglob("*") if p.suffix in (".jpg", ".png")}
    by_size = sorted(sizes, key=lambda name: (sizes[name], name))
    assert [t.lower() for t in listed(viewer("-r", str(shoot), "--sort", "size", "--list"))] == [
        Path(n).stem.lower() for n in by_size]
    for photo, year in (("img1.jpg", 2001), ("img2.jpg", 1999), ("img10.jpg", 2010), ("b.png", 2005)):
        when = __import__("time").mktime((year, 6, 1, 12, 0, 0, 0, 0, -1))
        os.utime(shoot / photo, (when, when))
    dated = [str(shoot / n) for n in ("img1.jpg", "img2.jpg", "img10.jpg", "b.png")]
    assert listed(viewer(*dated, "--sort", "date", "--list")) == ["Img2", "Img1", "B", "Img10"]
    shuffled = listed(viewer(*dated, "--sort", "random", "--list"))
    assert sorted(shuffled) == ["B", "Img1", "Img10", "Img2"]


def test_sort_of_one_photo_sorts_its_folder_and_prints_just_it(shoot):
    assert listed(viewer(str(shoot / "img2.jpg"), "--sort", "name", "--list")) == ["Img2"]


@pytest.mark.parametrize("argv,message", [
    (["-0", "x.jpg", "--list"], "-0 goes with -i"),
    (["-o", "x.jpg", "--list"], "not with --list"),
    (["--sort", "colour", "x.jpg"], "invalid choice"),
])
def test_flags_that_do_not_go_together_are_a_usage_error(argv, message):
    result = viewer(*argv)
    assert result.returncode == 2 and message in result.stderr.decode() and b"Traceback" not in result.stderr


def test_negative_numbers_still_get_their_own_message(deck_path):
    result = viewer(str(deck_path), "--slide", "-3", "--list")
    assert result.returncode == 2 and "-3 is not at least 1" in result.stderr.decode()


async def test_the_app_pages_a_list_in_the_order_given_and_starts_at_its_first_photo(shoot, tmp_path):
    from tests.helpers.waiting import wait_for_photo
    from viewer.model.positions import Positions
    from viewer.sources import load_paths
    from viewer.ui.app import ViewerApp
    from viewer.ui.options import ViewOptions

    positions = Positions(tmp_path / "state")
    positions.remember(shoot, 3, "")  # the folder was left at its 4th photo: a list does not resume there
    deck = load_paths([shoot / "img2.jpg", shoot / "b.png", shoot / "img10.jpg"])
    app = ViewerApp(deck, options=ViewOptions(positions=positions))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        shown = [app.screen.slide.photo.path.name]
        for _ in range(2):
            await pilot.press("right")
            await wait_for_photo(pilot)
            shown.append(app.screen.slide.photo.path.name)
        assert shown == ["img2.jpg", "b.png", "img10.jpg"]
        assert app.screen.slide.title == "Img10"


# -- -o: the marked paths ---------------------------------------------------------------------------


def test_marked_paths_into_a_pipe_are_raw_and_separated_as_asked(tmp_path):
    odd = os.fsdecode(b"caf\xe9 \x1b[31m.jpg")  # not UTF-8, with an escape: still the file's real name
    code = ("import sys; from pathlib import Path; from viewer.launch import write_paths;"
            f"write_paths([Path('a b.jpg'), Path({odd!r})], nul={{}})")
    for nul, separator in ((False, b"\n"), (True, b"\0")):
        result = subprocess.run([sys.executable, "-c", code.format(nul)], capture_output=True, timeout=30,
                                env={**os.environ, "PYTHONPATH": str(REPO)})
        assert result.stdout == b"a b.jpg" + separator + b"caf\xe9 \x1b[31m.jpg" + separator


def test_marked_paths_on_a_terminal_are_cleaned():
    code = ("from pathlib import Path; from viewer.launch import write_paths;"
            "write_paths([Path('ok.jpg'), Path('evil\\x1b]0;pwned\\x07.jpg')], nul=False)")
    leader, follower = pty.openpty()
    try:
        process = subprocess.run([sys.executable, "-c", code], stdout=follower, stderr=subprocess.PIPE, timeout=30,
                                 env={**os.environ, "PYTHONPATH": str(REPO)})
        os.close(follower)
        follower = -1
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert process.returncode == 0, process.stderr
    assert b"ok.jpg" in output and b"\x1b" not in output and b"\x07" not in output


# -- the small ones ---------------------------------------------------------------------------------


def test_check_of_a_missing_path_is_an_error_without_a_clean_summary(tmp_path):
    result = viewer("check", str(tmp_path / "nonexistent"))
    errors = result.stderr.decode()
    assert result.returncode == 2 and "no such file or directory" in errors
    assert "checked" not in errors and "no problems" not in errors


def test_check_of_a_glob_checks_those_photos_once_each(shoot):
    (shoot / "broken.jpg").write_bytes(b"not a jpeg")
    result = viewer("check", str(shoot / "img1.jpg"), str(shoot / "broken.jpg"), str(shoot / "img1.jpg"))
    out, errors = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 1 and len(out.splitlines()) == 1 and "broken.jpg:1: slide 2: image broken.jpg" in out
    assert "checked 1 deck, 2 slides: 1 problem" in errors  # not the folder of 5, not img1 twice


def test_check_summary_counts_in_the_singular(tmp_path):
    (tmp_path / "one.md").write_text("# Only\n\nOne slide.\n", encoding="utf-8")
    result = viewer("check", str(tmp_path / "one.md"))
    assert "checked 1 deck, 1 slide: no problems" in result.stderr.decode()


def test_slide_error_counts_in_the_singular(tmp_path):
    (tmp_path / "one.md").write_text("# Only\n\nOne slide.\n", encoding="utf-8")
    result = viewer(str(tmp_path / "one.md"), "--slide", "3", "--list")
    assert result.returncode == 2 and "has 1 slide" in result.stderr.decode()


def test_a_txt_sidecar_stays_on_the_quick_path_and_prints_what_the_full_path_prints(tmp_path):
    from tests.helpers.hostile import scene

    scene((300, 200)).save(tmp_path / "harbour.jpg")
    (tmp_path / "harbour.txt").write_text("Boats going out at dawn, a caption long enough to be wrapped.\r\n"
                                          "Second paragraph.\n", encoding="utf-8")
    args = [str(tmp_path / "harbour.jpg"), "--print", "--width", "40", "--height", "20"]
    probe = ("import sys, viewer.cli\nstatus = viewer.cli.main({!r})\n"
             "print('LOADED', [m for m in ('rich', 'viewer.model.deck', 'viewer.commands.view') if m in sys.modules],"
             " file=sys.stderr); sys.exit(status)")
    quick = run(probe.format(args))
    full = run(f"import sys, viewer.commands.view; sys.exit(viewer.commands.view.main({args!r}))")
    assert quick.returncode == full.returncode == 0
    assert "LOADED []" in quick.stderr.decode()  # the quick path answered
    q, f = quick.stdout.decode(), full.stdout.decode()
    assert cells(q) == cells(f) and cells(q)
    assert text_lines(q) == text_lines(f) and "Second paragraph." in q and "Harbour" in q


@pytest.mark.parametrize("args", [["--width", "40", "--height", "20"], ["--width", "30"]])
def test_a_md_sidecar_stays_on_the_quick_path_and_prints_what_the_full_path_prints(tmp_path, args):
    from tests.helpers.hostile import scene

    image = scene((300, 200))
    exif = image.getexif()
    exif[0x010E] = "Embedded caption that the sidecar replaces"
    image.save(tmp_path / "harbour.jpg", exif=exif)
    (tmp_path / "harbour.md").write_text(
        '# Harbour at dawn\n\n![boats](elsewhere.jpg "Lena Berg")\n\nBoats going *out* at dawn, a caption long '
        "enough to be wrapped.\n\nSecond paragraph, with a [link](https://example.com).\n", encoding="utf-8")
    args = [str(tmp_path / "harbour.jpg"), "--print", *args]
    probe = ("import sys, viewer.cli\nstatus = viewer.cli.main({!r})\n"
             "print('LOADED', [m for m in ('rich', 'viewer.commands.view') if m in sys.modules],"
             " file=sys.stderr); sys.exit(status)")
    quick = run(probe.format(args))
    full = run(f"import sys, viewer.commands.view; sys.exit(viewer.commands.view.main({args!r}))")
    assert quick.returncode == full.returncode == 0
    assert "LOADED []" in quick.stderr.decode()  # the quick path answered
    assert quick.stdout == full.stdout  # byte for byte
    words = text_lines(quick.stdout.decode())
    assert words[0] == "Harbour at dawn" and words[-1] == "Lena Berg" and "Second paragraph" in " ".join(words)
    assert "Embedded caption" not in quick.stdout.decode() and cells(quick.stdout.decode())


def test_an_empty_txt_sidecar_still_wins_over_the_photos_own_text(tmp_path):
    from PIL import Image

    image = Image.new("RGB", (40, 30), (90, 90, 90))
    exif = image.getexif()
    exif[0x010E] = "Embedded caption that the sidecar replaces"
    image.save(tmp_path / "quiet.jpg", exif=exif)
    (tmp_path / "quiet.txt").write_bytes(b"")
    args = [str(tmp_path / "quiet.jpg"), "--print", "--width", "20"]
    quick = run(f"import sys, viewer.cli; sys.exit(viewer.cli.main({args!r}))")
    full = run(f"import sys, viewer.commands.view; sys.exit(viewer.commands.view.main({args!r}))")
    assert quick.returncode == full.returncode == 0
    assert text_lines(quick.stdout.decode()) == text_lines(full.stdout.decode()) == ["Quiet"]


@pytest.mark.parametrize("beside", ["bad-utf8.md", "harbour.jpg.json", "HARBOUR.TXT+harbour.txt", "HARBOUR.MD+harbour.md",
                                    "link"])
def test_what_the_quick_path_cannot_read_beside_a_photo_goes_the_full_way(tmp_path, beside):
    make_image(tmp_path / "harbour.jpg", (10, 20, 30))
    if beside == "link":
        (tmp_path / "elsewhere.txt").write_text("Linked caption", encoding="utf-8")
        os.symlink(tmp_path / "elsewhere.txt", tmp_path / "harbour.txt")
    elif beside == "bad-utf8.md":  # the reader warns about it: the full path shows the warning
        (tmp_path / "harbour.md").write_bytes(b"# T\n\nA caption \xff with a bad byte\n")
    else:
        for name in beside.split("+"):
            (tmp_path / name).write_text('{"description": "x"}' if name.endswith("json") else "# T\n\nx\n",
                                         encoding="utf-8")
    probe = (f"import sys, viewer.cli\nstatus = viewer.cli.main([{str(tmp_path / 'harbour.jpg')!r}, '--print'])\n"
             "print('LOADED', 'viewer.commands.view' in sys.modules, file=sys.stderr); sys.exit(status)")
    result = run(probe)
    assert result.returncode == 0 and "LOADED True" in result.stderr.decode()


# -- in a real terminal -------------------------------------------------------------------------------


@pytest.fixture
def shell():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    opened: list[Terminal] = []

    def open_shell(script: str, size: tuple[int, int] = (100, 30)) -> Terminal:
        terminal = Terminal(f"sh -c {shlex.quote(script + '; echo viewer-exited-$?; sleep 60')}", size)
        opened.append(terminal)
        return terminal

    yield open_shell
    for terminal in opened:
        terminal.close()


@pytest.mark.e2e
def test_a_list_piped_in_opens_and_the_keys_come_from_the_terminal(shell, shoot):
    command = shlex.quote(viewer_command())
    term = shell(f"cd {shlex.quote(str(shoot))} && printf 'img2.jpg\\nb.png\\n' | {command} -i")
    term.wait_for("1 / 2")
    term.keys("Right")
    term.wait_for("2 / 2")
    term.keys("q")
    assert "Traceback" not in term.wait_for("viewer-exited-0")


@pytest.mark.e2e
def test_find_print0_into_viewer_0i(shell, shoot):
    command = shlex.quote(viewer_command())
    term = shell(f"find {shlex.quote(str(shoot))} -name 'img*.jpg' -print0 | {command} -0i --sort name")
    term.wait_for("1 / 3")
    term.keys("End")
    term.wait_for("3 / 3")
    term.keys("q")
    assert "Traceback" not in term.wait_for("viewer-exited-0")


@pytest.mark.e2e
def test_print_marked_draws_on_the_terminal_and_writes_the_marked_paths_into_the_pipe(shell, shoot, tmp_path):
    from viewer.ui.app import ViewerApp

    if not hasattr(ViewerApp, "marked_paths"):
        pytest.fail("ViewerApp.marked_paths() (the `m` key, issue 20) is not there yet")
    out, status = tmp_path / "marked", tmp_path / "status"
    command = shlex.quote(viewer_command())
    term = shell(f"cd {shlex.quote(str(shoot))} && {{ {command} -0o img1.jpg img2.jpg b.png; echo $? > {status}; }} "
                 f"| cat > {shlex.quote(str(out))}")
    term.wait_for("1 / 3")  # drawn on the terminal although stdout is a pipe
    term.keys("m")
    term.keys("Right")
    term.wait_for("2 / 3")
    term.keys("Right")
    term.wait_for("3 / 3")
    term.keys("m")
    term.keys("q")
    assert "Traceback" not in term.wait_for("viewer-exited-0")
    assert status.read_text().strip() == "0"
    assert out.read_bytes() == b"img1.jpg\0b.png\0"


@pytest.mark.e2e
def test_a_list_opens_on_its_first_photo_and_leaves_the_folders_place_alone(shell, shoot, tmp_path):
    command = shlex.quote(viewer_command())
    state = shlex.quote(str(tmp_path / "state"))
    folder = shell(f"XDG_STATE_HOME={state} {command} {shlex.quote(str(shoot))}")
    folder.wait_for("1 / 4")
    folder.keys("End")
    folder.wait_for("4 / 4")
    folder.keys("q")
    folder.wait_for("viewer-exited-0")
    photos = " ".join(shlex.quote(str(shoot / n)) for n in ("img2.jpg", "b.png", "img10.jpg"))
    for _ in range(2):  # the second time too: the list was not remembered at its second photo
        term = shell(f"XDG_STATE_HOME={state} {command} {photos}")
        term.wait_for("1 / 3")
        term.keys("Right")
        term.wait_for("2 / 3")
        term.keys("q")
        term.wait_for("viewer-exited-0")
    again = shell(f"XDG_STATE_HOME={state} {command} {shlex.quote(str(shoot))}")
    screen = again.wait_for("4 / 4")  # the folder still resumes where it was left
    assert "Traceback" not in screen
    again.keys("q")
    again.wait_for("viewer-exited-0")


def test_without_any_terminal_a_piped_list_is_a_clear_error(shoot):
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run([sys.executable, "-m", "viewer", "-i"], input=b"img1.jpg\n", capture_output=True,
                            timeout=60, cwd=shoot, env=env, start_new_session=True)  # no controlling terminal
    assert result.returncode == 2, result.stderr
    assert b"needs a terminal for the app" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.e2e
def test_the_app_draws_on_the_terminal_even_when_stderr_is_redirected(shell, shoot, tmp_path):
    command = shlex.quote(viewer_command())
    log = shlex.quote(str(tmp_path / "log"))
    term = shell(f"cd {shlex.quote(str(shoot))} && {command} img1.jpg img2.jpg gone.md 2>{log}")
    term.wait_for("viewer-exited-2")  # a missing PATH: said in the log, before any app
    assert "gone.md: no such file or directory" in (tmp_path / "log").read_text()
    term = shell(f"cd {shlex.quote(str(shoot))} && {command} img1.jpg img2.jpg 2>/dev/null")
    term.wait_for("1 / 2")
    term.keys("Right")
    term.wait_for("2 / 2")
    term.keys("q")
    term.wait_for("viewer-exited-0")
