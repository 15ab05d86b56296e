"""Every regular expression viewer applies to text, compiled by RE2: linear time by construction.

Python's `re` backtracks, so one careless pattern on a deck, a caption sidecar or a saved page can
take minutes (round 2 fixed one such pattern, new code brought it back). RE2 runs in time linear in
the text for every pattern; patterns it cannot run in linear time (backreferences, look-around)
do not compile at all, so the guarantee cannot quietly erode. `tests/unit/test_regex_module.py` walks
the source and fails if any other module imports `re`.

The wrapper keeps Python's meaning where RE2's differs:
- `\\s`, `\\S`, `\\w` and `\\W` are Unicode-aware, as in `re` (RE2's are ASCII); `\\d` is ASCII
  digits only, which `int()` always accepts. A negated class shorthand inside brackets (`[^\\W_]`)
  has no RE2 spelling: it is refused at import, write `[\\pL\\pN]` instead.
- `\\Z` means the end of the text; `\\uXXXX` is a code point, as in `re`.
- No `pos` argument on str methods: google-re2 re-encodes the whole text on every call, so a loop
  of `search(text, pos)` would be quadratic. Use `finditer`, which is one pass.
- Replacement templates (`\\1`, `\\g<name>`) are expanded here, in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, AnyStr, Generic

import re2

IGNORECASE = 1
MULTILINE = 2
DOTALL = 4

# What `str.isspace()` accepts: ASCII controls \t..\r, the separators \x1c..\x1f, NEL and every
# Unicode separator (\pZ: no-break space, em space, line and paragraph separators, ...).
_SPACE = r"\t-\r\x1c-\x1f\x{85}\pZ"
_WORD = r"\pL\pN_"
_OUTSIDE = {"s": f"[{_SPACE}]", "S": f"[^{_SPACE}]", "w": f"[{_WORD}]", "W": f"[^{_WORD}]", "Z": r"\z"}
_INSIDE = {"s": _SPACE, "w": _WORD}

Error = re2.error


class Match:
    """One match, with the `re.Match` methods viewer uses (RE2's own take no group names in
    start/end/span)."""

    __slots__ = ("_found", "_names")

    def __init__(self, found: Any, names: dict[str, int]) -> None:
        self._found = found
        self._names = names

    def _index(self, group: int | str) -> int:
        return self._names[group] if isinstance(group, str) else group

    def group(self, *groups: int | str) -> Any:
        return self._found.group(*groups)

    def __getitem__(self, group: int | str) -> Any:
        return self._found.group(group)

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        return self._found.groups(default)

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return self._found.groupdict(default)

    def start(self, group: int | str = 0) -> int:
        return self._found.start(self._index(group))

    def end(self, group: int | str = 0) -> int:
        return self._found.end(self._index(group))

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._found.span(self._index(group))

    @property
    def string(self) -> Any:
        return self._found.string

    @property
    def lastindex(self) -> int | None:
        return self._found.lastindex

_SURROGATES = dict.fromkeys(range(0xD800, 0xE000), 0xFFFD)


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate (from a file name that is not UTF-8) as U+FFFD: same length,
    and encodable as UTF-8, which RE2 needs."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.translate(_SURROGATES)
    return text


def _encodable(text: Any) -> Any:
    return without_surrogates(text) if isinstance(text, str) else text


def _retry(method: Callable[..., Any], text: Any, *args: Any) -> Any:
    """`method(text)`; a text with lone surrogates is read with U+FFFD in their place (the
    surrogate check costs a second pass, so it is made only when RE2 refuses the text)."""
    try:
        return method(text, *args)
    except UnicodeEncodeError:
        return method(without_surrogates(text), *args)


def translate(pattern: str) -> str:
    """`pattern` in RE2's syntax with Python's meaning of the class shorthands (see above)."""
    out: list[str] = []
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            code = pattern[i + 1]
            if in_class and code in "SWD":
                raise ValueError(f"\\{code} inside [...] has no RE2 spelling: {pattern!r}")
            if code == "u" and i + 6 <= n:  # \uXXXX, which RE2 spells \x{XXXX}
                out.append(f"\\x{{{pattern[i + 2 : i + 6]}}}")
                i += 6
                continue
            table = _INSIDE if in_class else _OUTSIDE
            out.append(table.get(code, char + code))
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[" and pattern.startswith("[:", i):
                end = pattern.find(":]", i + 2)
                if end != -1:
                    out.append(pattern[i : end + 2])
                    i = end + 2
                    continue
        elif char == "[":
            in_class = True
            out.append(char)
            i += 1
            # A "]" (after an optional "^") right after the opening bracket is a literal.
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append(r"\]")
                i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _options(flags: int, is_bytes: bool) -> re2.Options:
    options = re2.Options()
    options.case_sensitive = not flags & IGNORECASE
    options.dot_nl = bool(flags & DOTALL)
    options.log_errors = False
    if is_bytes:
        options.encoding = re2.Options.Encoding.LATIN1
    return options


class Pattern(Generic[AnyStr]):
    """A compiled pattern with the subset of `re.Pattern` viewer uses."""

    __slots__ = ("_regexp", "pattern", "groups", "groupindex")
    pattern: AnyStr

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern = pattern
        is_bytes = isinstance(pattern, bytes)
        source: Any = pattern if isinstance(pattern, bytes) else translate(pattern)
        if flags & MULTILINE:
            source = (b"(?m)" if is_bytes else "(?m)") + source
        self._regexp = re2.compile(source, options=_options(flags, is_bytes))
        self.groups: int = self._regexp.groups
        self.groupindex: dict[str, int] = dict(self._regexp.groupindex)

    def _wrap(self, found: Any) -> Match | None:
        return Match(found, self.groupindex) if found is not None else None

    def search(self, text: AnyStr) -> Match | None:
        return self._wrap(_retry(self._regexp.search, text))

    def match(self, text: AnyStr) -> Match | None:
        return self._wrap(_retry(self._regexp.match, text))

    def fullmatch(self, text: AnyStr) -> Match | None:
        return self._wrap(_retry(self._regexp.fullmatch, text))

    def finditer(self, text: AnyStr) -> Iterator[Match]:
        names = self.groupindex
        return (Match(found, names) for found in self._regexp.finditer(_encodable(text)))

    def findall(self, text: AnyStr) -> list[Any]:
        return _retry(self._regexp.findall, text)

    def split(self, text: AnyStr, maxsplit: int = 0) -> list[AnyStr]:
        return _retry(self._regexp.split, text, maxsplit)

    def subn(self, repl: AnyStr | Callable[[Any], AnyStr], text: AnyStr, count: int = 0) -> tuple[AnyStr, int]:
        expand = repl if callable(repl) else _template(repl)
        pieces: list[AnyStr] = []
        end = done = 0
        text = _encodable(text)
        for found in self.finditer(text):
            if count and done >= count:
                break
            pieces.append(text[end : found.start()])
            pieces.append(expand(found))
            end = found.end()
            done += 1
        pieces.append(text[end:])
        return text[:0].join(pieces), done

    def sub(self, repl: AnyStr | Callable[[Any], AnyStr], text: AnyStr, count: int = 0) -> AnyStr:
        return self.subn(repl, text, count)[0]


def _template(template: AnyStr) -> Callable[[Any], AnyStr]:
    """A function giving `template` with `\\N`, `\\g<name>` and `\\\\` filled in from a match."""
    is_bytes = isinstance(template, bytes)
    text: str = template.decode("latin-1") if isinstance(template, bytes) else template
    parts: list[str | int] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            code = text[i + 1]
            if code.isdigit():
                parts += ["".join(literal), int(code)]
                literal = []
                i += 2
                continue
            if code == "g" and text.startswith("<", i + 2) and ">" in text[i + 3 :]:
                close = text.index(">", i + 3)
                name = text[i + 3 : close]
                parts += ["".join(literal), int(name) if name.isdigit() else name]
                literal = []
                i = close + 1
                continue
            literal.append({"n": "\n", "t": "\t", "\\": "\\"}.get(code, char + code))
            i += 2
            continue
        literal.append(char)
        i += 1
    parts.append("".join(literal))

    def expand(found: Any) -> AnyStr:
        out = []
        for index, part in enumerate(parts):
            if index % 2:
                value = found.group(part)
                out.append((value.decode("latin-1") if is_bytes else value) if value is not None else "")
            else:
                out.append(part)
        joined = "".join(out)
        return joined.encode("latin-1") if isinstance(template, bytes) else joined

    return expand


def compile(pattern: AnyStr, flags: int = 0) -> Pattern[AnyStr]:  # noqa: A001 - mirrors re.compile
    """`pattern` compiled by RE2; raises `Error` (at import, where patterns live) for look-around
    or backreferences, which have no linear-time implementation."""
    return Pattern(pattern, flags)


def escape(text: str) -> str:
    """`text` as a pattern that matches exactly it."""
    return re2.escape(text)
