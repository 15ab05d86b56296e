"""Every regular expression in viewer runs on RE2 (viewer/patterns.py): linear time by construction.

The source is walked (AST), so a new `import re` anywhere else fails here, not months later on a
hostile deck. Then every pattern viewer compiles is run on families of adversarial text — long
runs of the characters the pattern itself names, ended by one that makes it fail — and the time
must grow linearly (a ratio of two sizes, never an absolute time).
"""

from __future__ import annotations

import ast
import gc
import importlib
import pkgutil
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import viewer
from viewer import patterns

SOURCE = Path(viewer.__file__).parent
# Modules that apply Python's backtracking `re` to the text they are given.
BACKTRACKING = {"re", "regex", "sre_compile", "sre_parse", "_sre", "fnmatch", "glob", "textwrap"}


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
        elif isinstance(node, ast.Call):
            # __import__("re"), importlib.import_module("re")
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("__import__", "import_module") and node.args and isinstance(node.args[0], ast.Constant):
                found.append((node.lineno, str(node.args[0].value).split(".")[0]))
    return found


def test_no_module_but_the_pattern_module_uses_a_backtracking_engine():
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, module in _imports(tree):
            if module in BACKTRACKING:
                offenders.append(f"{path.relative_to(SOURCE.parent)}:{line} imports {module}")
    assert not offenders, "use viewer.patterns (RE2) instead:\n" + "\n".join(offenders)


def test_the_pattern_module_itself_is_backed_by_re2_only():
    tree = ast.parse((SOURCE / "patterns.py").read_text(encoding="utf-8"))
    modules = {module for _, module in _imports(tree)}
    assert "re2" in modules
    assert not modules & BACKTRACKING


def test_the_pattern_module_refuses_what_cannot_run_in_linear_time():
    for source in [r"(a)\1", r"a(?=b)", r"a(?!b)", r"(?<=a)b", r"(?<!a)b", r"(?>a+)b", r"a++"]:
        with pytest.raises((patterns.Error, ValueError)):
            patterns.compile(source)
    with pytest.raises(ValueError):
        patterns.compile(r"[^\W_]")  # no RE2 spelling: must be written out


def test_str_methods_take_no_start_position():
    # google-re2 re-encodes the whole text on each call: search(text, pos) in a loop is quadratic.
    pattern = patterns.compile("a")
    with pytest.raises(TypeError):
        pattern.search("aaa", 1)  # type: ignore[call-arg]


def test_python_meanings_are_kept():
    assert patterns.compile(r"\s+").split("a\u00a0b\u2003c\u3000d") == ["a", "b", "c", "d"]
    assert patterns.compile(r"\w+").findall("héllo wörld_1") == ["héllo", "wörld_1"]
    assert patterns.compile(r"\d+").findall("12 ٣٤ ²") == ["12"]  # ASCII digits only: int() takes them
    assert patterns.compile(r"[\u2028]").search("a\u2028") is not None
    assert patterns.compile(r"b\Z").search("ab") is not None and patterns.compile(r"a\Z").search("ab") is None
    found = patterns.compile(r"(?P<word>\w+) (?P<rest>.*)").fullmatch("one two")
    assert found is not None and found.start("rest") == 4 and found.span("word") == (0, 3)
    assert patterns.compile(r"(\w)(\w)").sub(r"\2\1\\", "abcd") == "ba\\dc\\"
    assert patterns.compile(r"(?P<x>a)").sub(r"[\g<x>]", "bab") == "b[a]b"
    assert patterns.compile("a", patterns.IGNORECASE).findall("aA") == ["a", "A"]
    assert patterns.compile("^b", patterns.MULTILINE).findall("a\nb") == ["b"]
    # A file name that is not UTF-8 holds lone surrogates; RE2 cannot take them, the wrapper can.
    assert patterns.compile("b").sub("c", "a\udcffb") == "a\ufffdc"
    assert [m.span() for m in patterns.compile("b").finditer("\udcffb")] == [(1, 2)]


def _every_pattern() -> list[patterns.Pattern]:
    for info in pkgutil.walk_packages(viewer.__path__, "viewer."):
        if not info.name.startswith(("viewer.ui", "viewer.__main__")):
            importlib.import_module(info.name)
    found = {id(obj): obj for obj in gc.get_objects() if isinstance(obj, patterns.Pattern)}
    return sorted(found.values(), key=lambda p: repr(p.pattern))


def _adversarial(pattern: patterns.Pattern, n: int):
    """Long runs of each character the pattern names (and of a few generic ones), each ended by
    a character likely to make the match fail there — what makes a backtracking engine explode —
    all in one text (a blow-up on any run shows in the total)."""
    source = pattern.pattern.decode("latin-1") if isinstance(pattern.pattern, bytes) else pattern.pattern
    named = sorted({c for c in source if c.isprintable() and c not in "\\()[]{}?*+|^$"})[:8]
    text = "".join(char * n + end for char in [*named, " ", "a", "1", "\n", "é"] for end in ("\x00", "a`"))
    return text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text


def _time(pattern: patterns.Pattern, text) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        pattern.search(text)
        pattern.fullmatch(text)
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def test_every_pattern_viewer_compiles_is_linear_on_adversarial_families():
    every = _every_pattern()
    assert len(every) > 40  # the walk found viewer's patterns (it would pass vacuously otherwise)
    slow = []
    for pattern in every:
        # Sizes well above the few kilobytes where RE2 switches from one matching method to another.
        small, large = _adversarial(pattern, 1_500), _adversarial(pattern, 6_000)
        _time(pattern, small)
        # 4× the text: linear gives about 4 (up to 6 where the small text still fits RE2's cheaper
        # method), quadratic 16. A busy machine can spoil a few measurements, not all of them.
        for _ in range(8):
            ratio = _time(pattern, large) / max(_time(pattern, small), 1e-5)
            if ratio < 12:
                break
        else:
            slow.append(f"{pattern.pattern!r}: {ratio:.0f}×")
    assert not slow, "\n".join(slow)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "  ", "\n", "-", "xyzxyzxyz"]), max_size=40).map("".join),
       st.integers(min_value=1, max_value=12))
def test_the_linear_wrap_agrees_with_textwrap(text, width):
    import textwrap

    from viewer.basics.text import wrap

    assert wrap(text, width) == textwrap.wrap(text, width=width, break_on_hyphens=False)


def test_wrapping_a_huge_word_is_linear():
    from viewer.basics.text import wrap

    def cost(n: int) -> float:
        text = "x" * n
        start = time.perf_counter()
        wrap(text, 80)
        return time.perf_counter() - start

    cost(1000)
    ratio = min(cost(800_000) / max(cost(100_000), 1e-5) for _ in range(3))
    assert ratio < 24
