"""The command line: listing, JSON, search, exit codes and error messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from viewer.cli import main, shipped_slides


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


def test_list_survives_a_closed_pipe(deck_path):
    result = subprocess.run(
        f"{sys.executable} -m viewer {deck_path} --list | head -n 1", shell=True, capture_output=True, text=True
    )
    assert result.stdout == "1\tRed square\n" and "Traceback" not in result.stderr
