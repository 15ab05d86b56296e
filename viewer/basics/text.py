"""Text hygiene and normalisation shared by parsing, search and display.

Everything that comes from a file passes through `clean_line` / `clean_text` before it can reach
a terminal, so no deck, caption or file name can emit escape sequences. `fold` is the
normalisation behind search (case, accents, quotes, whitespace).
"""

from __future__ import annotations

import unicodedata
from array import array
from functools import lru_cache
from typing import Any

from viewer import patterns

# Whole escape sequences are dropped (their payload is meaningless as text): CSI, OSC, DCS, SOS,
# PM, APC in both 7-bit (ESC x) and 8-bit (C1) forms, then any other two-character ESC sequence.
# A string sequence counts only when it is terminated: a lone C1 byte (common in mis-decoded
# text) must not swallow the caption after it; it becomes U+FFFD below. The payload cannot run
# past another introducer, so many unterminated ones still cost one linear scan.
_ESCAPE_SEQUENCE = patterns.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final byte
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"  # OSC, DCS, SOS, PM, APC ...
    r"[^\x07\x1b\x9c\x90\x98\x9d\x9e\x9f]*(?:\x07|\x1b\\|\x9c)"  # ... up to BEL or ST
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences, or a lone ESC
)
# Bidi embedding/override/isolate controls can reorder what the user reads.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)
_C0_VISIBLE = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}
_C1 = dict.fromkeys(range(0x80, 0xA0), 0xFFFD)


def _replace_surrogates(text: str) -> str:
    """File names that are not valid UTF-8 arrive with lone surrogates: show them as \ufffd."""
    return patterns.without_surrogates(text)


def _strip_escapes(text: str) -> str:
    if "\x1b" in text or (not text.isascii() and any("\x80" <= ch <= "\x9f" for ch in text)):
        return _ESCAPE_SEQUENCE.sub("", text)
    return text


def clean_text(text: str) -> str:
    """Multi-line text (captions): keep newlines and tabs, neutralise every other control."""
    text = _strip_escapes(_replace_surrogates(text.replace("\r\n", "\n").replace("\r", "\n")))
    table = {k: v for k, v in _C0_VISIBLE.items() if k not in (9, 10)} | _C1
    return text.translate(table)


_LINE_BREAKS = patterns.compile(r"[\t\n\r\x0b\x0c]+")


def clean_line(text: str) -> str:
    """One-line text (titles, credits, names, paths): no line breaks, no controls, no bidi."""
    text = _strip_escapes(_replace_surrogates(text))
    if not text.isprintable():  # only then can it hold a line break or tab (a quick C-speed test)
        text = _LINE_BREAKS.sub(" ", text)
    return text.translate(_C0_VISIBLE | _C1 | _BIDI_CONTROLS).strip()


_JSON_UNSAFE = patterns.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_line(record: dict[str, Any]) -> str:
    """One JSON object on one line that is safe to print on a terminal and valid UTF-8.

    Values keep their exact text: JSON already escapes C0 controls, and DEL, C1 controls, line
    separators and bidi controls are written as `\\uXXXX` escapes too (a terminal would act on
    the raw characters). Lone surrogates (from file names that are not UTF-8) become \ufffd.
    """
    import json

    def safe(value: object) -> object:
        if isinstance(value, str):
            return _replace_surrogates(value)
        if isinstance(value, dict):
            return {safe(k): safe(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [safe(v) for v in value]
        return value

    text = json.dumps(safe(record), ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
    }
)


def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch.translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_NON_ASCII_RUN = patterns.compile(r"[^\x00-\x7f]+")


def _drop_combining(match: patterns.Match) -> str:
    return "".join(ch for ch in match.group() if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Search form of `text`: case-folded, accents removed, quotes straightened, spaces collapsed.

    Equal to `fold_with_map(text)[0]` (a property test checks it), but works on the whole string
    at C speed: about 20 µs a slide, where the per-character version took ten times as long.
    """
    text = text.translate(_QUOTES)
    if not text.isascii():
        # Accents are combining marks after NFKD; only the non-ASCII stretches can hold any.
        text = _NON_ASCII_RUN.sub(_drop_combining, unicodedata.normalize("NFKD", text))
    return " ".join(text.casefold().split())


_RUNS = patterns.compile(r"\s+|\S+")


@lru_cache(maxsize=8)
def fold_with_map(text: str) -> tuple[str, array[int]]:
    """`fold(text)` plus, for each folded character, the index of the source character it came from.

    The map lets a match found in folded text be highlighted in the original text. Cached, and
    fast on ASCII words (one slice each, not one Python step per character), so highlighting a
    search in a 1 MB caption does not fold it again on every keystroke. Treat the map as read-only.
    """
    out: list[str] = []
    index = array("i")
    previous_space = True  # also trims leading whitespace
    for match in _RUNS.finditer(text):
        run = match.group()
        start = match.start()
        if run[0].isspace():
            if not previous_space:
                out.append(" ")
                index.append(start)
                previous_space = True
        elif run.isascii():
            out.append(run.lower())
            index.extend(range(start, start + len(run)))
            previous_space = False
        else:
            for position, ch in enumerate(run, start):
                folded = _fold_char(ch)
                if folded == " ":
                    if previous_space:
                        continue
                    previous_space = True
                elif folded:
                    previous_space = False
                out.append(folded)
                index.extend([position] * len(folded))
    folded_text = "".join(out)
    if folded_text.endswith(" "):
        folded_text = folded_text[:-1]
        index.pop()
    return folded_text, index


_DIGITS = patterns.compile(r"([0-9]+)")


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that puts IMG_2 before IMG_10 (and ignores case)."""
    parts = _DIGITS.split(name.casefold())
    # Split with one group, the odd parts are the runs of digits.
    return tuple((0, int(p), p) if i % 2 else (1, 0, p) for i, p in enumerate(parts))


_WORD_JOINERS = patterns.compile(r"[_\-.]+")


def humanise(stem: str) -> str:
    """A readable title from a file name: `sunset_over-the_bay` -> `Sunset over the bay`."""
    words = _WORD_JOINERS.sub(" ", stem).split()
    text = " ".join(words)
    return clean_line(text[:1].upper() + text[1:]) if text else clean_line(stem)


_WRAP_CHUNKS = patterns.compile(r" +|[^ ]+")
_WRAP_SPACES = str.maketrans("\t\n\x0b\x0c\r", "     ")


def wrap(text: str, width: int) -> list[str]:
    """`textwrap.wrap(text, width, break_on_hyphens=False)` in linear time.

    textwrap cuts a long word by slicing off one line at a time and keeping the rest, so a 1 MB
    word costs a copy of the remainder per line (quadratic); here the cut is an offset. Tabs count
    as one space each (textwrap would expand them: callers pass text without tabs).
    """
    width = max(1, width)
    chunks = [match.group() for match in _WRAP_CHUNKS.finditer(text.translate(_WRAP_SPACES))]
    lines: list[str] = []
    i, start, count = 0, 0, len(chunks)
    while i < count:
        if lines and chunks[i][0] == " ":  # a line never starts with the space that ended the last
            i, start = i + 1, 0
            if i == count:
                break
        line: list[str] = []
        length = 0
        while i < count and length + len(chunks[i]) - start <= width:
            line.append(chunks[i][start:] if start else chunks[i])
            length += len(chunks[i]) - start
            i, start = i + 1, 0
        if i < count and len(chunks[i]) - start > width:  # a word longer than a line: cut it
            take = width - length
            line.append(chunks[i][start : start + take])
            start += take
        if line and not line[-1].strip(" "):
            line.pop()
        if line:
            lines.append("".join(line))
    return lines
