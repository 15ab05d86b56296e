"""Recognise the structure of a scraped photo article: title, intro, entries and credits.

Two shapes are handled, with their common variants:
- *headed entries*: a heading (often written twice by the scraper), one or more paragraphs and
  usually a credit line such as `(Image via X)`;
- *caption lists*: optional intro prose, then one short caption per photo, with the credit on the
  caption's own line (`... REUTERS/Name`) or on the line after it.
Every line of text ends up somewhere: what cannot be classified goes into a caption and is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Full-line credits. Group "credit" is what the credit says, without surrounding parentheses.
_CREDIT_LINES = [
    re.compile(r"\((?P<credit>(?:image|photo|photograph|picture|illustration)s?\s+(?:via|by|courtesy\s+of|from)\s+.+)\)", re.I),
    re.compile(r"\((?P<credit>(?:credit|source|photo|image|photograph)s?\s*:\s*.+)\)", re.I),
    re.compile(r"(?P<credit>(?:photo|photograph|image|picture|illustration)s?\s*(?:by|via|courtesy\s+of|:)\s*.{2,80})", re.I),
    re.compile(r"(?P<credit>(?:credit|credits|source|photo\s+credit)\s*:\s*.{2,80})", re.I),
    # AGENCY/Name or Photographer/Agency on a line of its own: "REUTERS/Damir Sagolj", "AFP/Getty Images".
    re.compile(r"(?P<credit>[A-Z][\w.&'\-]*(?:\s[A-Z][\w.&'\-]*){0,3}\s?/\s?[A-Z][\w.&'\-]*(?:\s[A-Z][\w.&'\-]*){0,3})"),
]
# Credits at the end of a caption line.
_CREDIT_SUFFIXES = [
    # "... in Pyongyang. REUTERS/Damir Sagolj" (agency in capitals, so "Paektu/Mount" is not one)
    # Every repetition is bounded and possessive: the agency words cannot be split two ways, so a
    # long line of capitals fails in linear time instead of backtracking exponentially.
    re.compile(r"(?P<text>.*\S)\s+(?:[—–|-]\s*)?(?P<credit>[A-Z]{2}[A-Z&.\-]{0,40}+(?:\s[A-Z]{2}[A-Z&.\-]{0,40}+){0,4}+"
               r"\s?/\s?[A-Z][\w.&'\-]{0,40}+(?:\s[A-Z][\w.&'\-]{0,40}+){0,3}+)"),
    # "... at dawn. Photo: Jane Doe" / "(Photograph by Jane Doe)"
    re.compile(r"(?P<text>.*[.!?…”\"')])\s+\(?(?P<credit>(?:photo|photograph|image|picture)s?\s*(?:by|via|:)\s*[^.()]{2,60}?)\)?", re.I),
]

LONG_CHARACTERS = 100
LONG_WORDS = 16
HEADING_MAX_WORDS = 12


@dataclass
class Entry:
    title: str
    line: int
    """1-based line of the entry's title in the article."""
    paragraphs: list[str] = field(default_factory=list)
    credit: str | None = None
    """The original credit as written (without parentheses), e.g. `Image via Lauren/Midjourney`."""


@dataclass
class Article:
    title: str | None
    intro: list[str]
    entries: list[Entry]
    shape: str
    """"headed" or "captions"."""
    unsure: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, text, why) for lines whose role was a guess."""

    @property
    def credits(self) -> int:
        return sum(1 for e in self.entries if e.credit)


@dataclass(frozen=True)
class _Unit:
    line: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def long(self) -> bool:
        return len(self.text) > LONG_CHARACTERS or self.words > LONG_WORDS


def credit_of(text: str) -> str | None:
    """The credit if the whole line is a credit line, else None."""
    for pattern in _CREDIT_LINES:
        match = pattern.fullmatch(text)
        if match:
            return match.group("credit").strip()
    return None


def split_credit_suffix(text: str) -> tuple[str, str | None]:
    """(caption, credit) when a caption ends with a credit, else (text, None)."""
    for pattern in _CREDIT_SUFFIXES:
        match = pattern.fullmatch(text)
        if match and match.group("text").strip():
            return match.group("text").strip(), match.group("credit").strip()
    return text, None


def _units(text: str) -> list[_Unit]:
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [_Unit(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]


def _collapse_doubles(units: list[_Unit]) -> tuple[list[_Unit], set[int]]:
    """Drop the second copy of lines written twice in a row; return the units and the kept copies' lines."""
    kept: list[_Unit] = []
    doubled: set[int] = set()
    for unit in units:
        if kept and kept[-1].text == unit.text and not unit.long and credit_of(unit.text) is None:
            doubled.add(kept[-1].line)
            continue
        kept.append(unit)
    return kept, doubled


def _is_caption_list(units: list[_Unit]) -> bool:
    """True when short lines mostly follow short lines (captions) rather than lead into prose (headings)."""
    into_prose = into_short = 0
    for here, after in zip(units, units[1:]):
        if here.long or credit_of(here.text) is not None:
            continue
        if after.long:
            into_prose += 1
        else:
            into_short += 1
    return into_short > into_prose


def parse_article(text: str) -> Article:
    units, doubled = _collapse_doubles(_units(text))
    if not units:
        return Article(title=None, intro=[], entries=[], shape="headed")
    if len(doubled) >= 2 or not _is_caption_list(units):
        return _parse_headed(units, doubled)
    return _parse_captions(units)


def _looks_like_heading(unit: _Unit) -> bool:
    return not unit.long and unit.words <= HEADING_MAX_WORDS and not unit.text.endswith((".", ",", ";", ":"))


def _parse_headed(units: list[_Unit], doubled: set[int]) -> Article:
    unsure: list[tuple[int, str, str]] = []
    use_doubles = len(doubled) >= 2

    title = None
    start = 0
    first = units[0]
    if credit_of(first.text) is None and _looks_like_heading(first) and first.line not in doubled:
        # A short first line is the title when headings follow it: doubled ones, or a second short line.
        if use_doubles or (len(units) > 1 and _looks_like_heading(units[1])):
            title, start = first.text, 1

    def is_heading(i: int) -> bool:
        unit = units[i]
        if use_doubles:
            return unit.line in doubled
        if credit_of(unit.text) is not None or not _looks_like_heading(unit):
            return False
        after = units[i + 1] if i + 1 < len(units) else None
        before = units[i - 1] if i > start else None
        after_credit = before is not None and credit_of(before.text) is not None
        return after is not None and (after.long or after_credit) and (before is None or before.long or after_credit)

    intro: list[str] = []
    entries: list[Entry] = []
    for i in range(start, len(units)):
        unit = units[i]
        credit = credit_of(unit.text)
        if is_heading(i):
            entries.append(Entry(title=unit.text, line=unit.line))
        elif credit is not None and entries and entries[-1].credit is None:
            entries[-1].credit = credit
        else:
            if credit is not None:
                unsure.append((unit.line, unit.text, "a second credit line; kept as caption text"))
            elif not use_doubles and _looks_like_heading(unit) and not unit.long:
                unsure.append((unit.line, unit.text, "short line read as a paragraph, not a heading"))
            (entries[-1].paragraphs if entries else intro).append(unit.text)
    return Article(title=title, intro=intro, entries=entries, shape="headed", unsure=unsure)


def _parse_captions(units: list[_Unit]) -> Article:
    unsure: list[tuple[int, str, str]] = []
    title = None
    start = 0
    if len(units) > 2 and not units[0].long and units[1].long and credit_of(units[0].text) is None:
        title, start = units[0].text, 1
    intro: list[str] = []
    entries: list[Entry] = []
    for unit in units[start:]:
        credit = credit_of(unit.text)
        if credit is not None and entries and entries[-1].credit is None:
            entries[-1].credit = credit
        elif unit.long:
            if entries:
                entries[-1].paragraphs.append(unit.text)
                unsure.append((unit.line, unit.text, "prose inside the caption list; kept with the caption above"))
            else:
                intro.append(unit.text)
        else:
            if credit is not None:
                unsure.append((unit.line, unit.text, "credit line with no caption to attach to; kept as a caption"))
            caption, suffix = split_credit_suffix(unit.text)
            entries.append(Entry(title=caption, line=unit.line, credit=suffix))
    return Article(title=title, intro=intro, entries=entries, shape="captions", unsure=unsure)
