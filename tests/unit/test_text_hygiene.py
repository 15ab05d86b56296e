"""Control characters and escape sequences never survive into displayed text."""

from viewer.basics.text import clean_line, clean_text, fold


def test_escape_sequences_are_removed_whole():
    assert clean_line("a\x1b[31mred\x1b[0m b") == "ared b"
    assert clean_line("x\x1b]0;evil title\x07y") == "xy"
    assert clean_line("x\x1b]52;c;ZXZpbA==\x1b\\y") == "xy"
    assert clean_line("x\x1bP1$qm\x1b\\y") == "xy"
    assert clean_line("x\x9b31my") == "xy"


def test_other_controls_are_made_visible():
    assert clean_line("bell\x07") == "bell␇"
    assert clean_line("del\x7f") == "del␡"


def test_captions_keep_newlines_and_tabs_titles_do_not():
    assert clean_text("a\nb\tc\r\nd") == "a\nb\tc\nd"
    assert clean_line("a\nb\tc") == "a b c"


def test_bidi_overrides_are_removed_from_titles():
    assert clean_line("abc\u202edef\u2066") == "abcdef"


def test_fold():
    assert fold("  Café  ISN’T\n“x”  ") == "cafe isn't \"x\""
