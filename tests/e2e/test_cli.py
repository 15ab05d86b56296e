"""The command line: listing, JSON, search, exit codes and error messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from viewer.cli import main
from viewer.commands.view import shipped_slides


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_number_tab_title(capsys, deck_path):
    code, out, _ = run(capsys, str(deck_path), "--list")
    assert code == 0
    assert out.splitlines() == ["1\tRed square", "2\tGreen café", "3\tBlue soldier", "4\tMissing photo", "5\tOnly words"]


def test_search_narrows_the_list_with_the_app_rules(capsys, deck_path):
    code, out, _ = run(capsys, str(deck_path), "--list", "--search", "SOLDIER")
    assert code == 0 and out.splitlines() == ["2\tGreen café", "3\tBlue soldier"]
    code, out, _ = run(capsys, str(deck_path), "--list", "--search", "cafe isn't")
    assert out.splitlines() == ["2\tGreen café"]


def test_nothing_matched_exits_1(capsys, deck_path):
    code, out, _ = run(capsys, str(deck_path), "--list", "--search", "nowhere")
    assert code == 1 and out == ""


def test_json_lines(capsys, deck_path):
    code, out, _ = run(capsys, str(deck_path), "--json")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 5
    first = records[0]
    assert first == {
        "number": 1,
        "title": "Red square",
        "caption": "The first caption, with emphasis.",
        "alt": "A red square on white",
        "credit": "Red Photographer",
        "image": str(deck_path.parent / "img" / "red.png"),
    }
    assert records[4]["image"] is None


def test_library_listing_names_each_deck(capsys, deck_path, long_deck_path):
    code, out, _ = run(capsys, str(deck_path.parent), "--list", "--search", "slide 12")
    assert code == 0 and out.splitlines() == [f"{long_deck_path}:12\tSlide 12"]


def test_missing_path_is_one_line_on_stderr_and_exit_2(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path / "missing.md"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "missing.md" in err and "Traceback" not in err


def test_unparseable_deck_names_file_and_line(capsys, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: \"unterminated\n---\n# A\n", encoding="utf-8")
    code, _, err = run(capsys, str(bad), "--list")
    assert code == 2 and f"{bad}:" in err and "Traceback" not in err


def test_slide_out_of_range_is_an_error(capsys, deck_path):
    code, _, err = run(capsys, str(deck_path), "--slide", "99")
    assert code == 2 and "5 slides" in err


def test_bad_option_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--slide", "x"])
    assert info.value.code == 2


def test_version_and_help_run_as_a_process():
    for flag, expected in (("--version", "viewer "), ("--help", "--search TEXT")):
        result = subprocess.run([sys.executable, "-m", "viewer", flag], capture_output=True, text=True)
        assert result.returncode == 0 and expected in result.stdout


def test_no_path_opens_the_shipped_slides(capsys):
    assert shipped_slides().is_dir()
    code, out, _ = run(capsys, "--list")
    assert code == 0 and out.strip()


def test_list_survives_a_closed_pipe(tmp_path):
    long_deck = tmp_path / "long.md"
    title = "A long title that makes the listing far larger than a pipe buffer " * 2
    long_deck.write_text("\n---\n".join(f"# {n} {title}" for n in range(3000)), encoding="utf-8")
    result = subprocess.run(
        f"{sys.executable} -m viewer {long_deck} --list | head -n 1", shell=True, capture_output=True, text=True
    )
    assert result.stdout.startswith("1\t0 A long title") and result.stderr == ""


def run_print(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in __import__("os").environ.items() if k not in ("NO_COLOR", "COLORTERM", "TERM")}
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "viewer", *args, "--print"], capture_output=True, env=environment)


def test_print_a_bare_image_in_truecolor(tmp_path):
    from tests.helpers.images import make_image

    image = make_image(tmp_path / "sunset_at_sea.png", (250, 120, 40), (60, 40))
    result = run_print([str(image), "--width", "30"], COLORTERM="truecolor", TERM="xterm-256color")
    out = result.stdout.decode()
    assert result.returncode == 0 and result.stderr == b""
    assert out.count("▄") >= 30 * 10  # 30 columns × 10 rows of half-blocks
    assert "\x1b[38;2;250;120;40" in out  # truecolor foreground
    assert "Sunset at sea" in out


def test_print_follows_the_terminal_colours_and_no_color(tmp_path):
    from tests.helpers.images import make_image

    image = make_image(tmp_path / "a.png", (250, 120, 40), (60, 40))
    eight_bit = run_print([str(image), "--width", "20"], TERM="xterm-256color").stdout.decode()
    assert "\x1b[38;5;" in eight_bit and "38;2;" not in eight_bit
    plain = run_print([str(image), "--width", "20"], NO_COLOR="1", TERM="xterm-256color").stdout.decode()
    assert "\x1b" not in plain
    assert set(plain.splitlines()[0]) <= set(" ░▒▓█")


def test_print_deck_with_search_and_slide(deck_path):
    out = run_print([str(deck_path), "--search", "soldier", "--width", "40"], NO_COLOR="1").stdout.decode()
    assert "Green café" in out and "Blue soldier" in out and "Red square" not in out
    one = run_print([str(deck_path), "--slide", "4", "--width", "40"], NO_COLOR="1")
    text = " ".join(one.stdout.decode().split())  # wrapped to 40 columns
    assert one.returncode == 0
    assert "photo unavailable: img/missing.png: file not found" in text and "Missing photo" in text


def test_print_never_imports_textual(tmp_path):
    from tests.helpers.images import make_image

    image = make_image(tmp_path / "a.png", (1, 2, 3))
    code = (
        "import sys, viewer.cli;"
        f"viewer.cli.main([{str(image)!r}, '--print', '--width', '10']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'markdown_it', 'yaml')];"
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
