"""Repeated records: a contest's winners, a museum's list of works, a club's results.

Such a page writes each photo as the same few lines in the same order — a prize heading, the
photographer, the work's title, a statement — with no list numbers and no slide counters. What
marks the records is their first lines: short lines of one kind (they open with the same word,
end with the same word, are written in capitals, or are two parts set apart by a dash) standing
at fairly regular distances, each followed by a body of the same shape. Inside such a run each
record's first line starts a photo, and only it does, as a slide counter would (roles.py prices
that).

Plain Python over the line features roles.py works out; linear in the number of lines (each
line is looked at a fixed number of times per key).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from viewer.importer.credits import last_spaced_dash
from viewer.importer.lines import numbers_as_marks

LEAST_RECORDS = 3
"""Fewer records than this are not a pattern."""
LONGEST_BODY = 10
"""Lines a record may hold after its first line."""
OPENER_WORDS = 8
"""An opening line is short: a prize, a category, a label with a number."""
CAPITALS_SHARE = 0.8
"""Share of its cased letters in capitals that makes a line one written in capitals."""
DASHED_EXTRA = 2
"""Words more an opening line may have when a dash sets its prize apart from the work's title."""
LIKE_SHARE = 0.75
"""Share of the bodies that must have the shape most of them have."""


class LineShape(Protocol):
    """The features of a line that records are read from (roles.Features has them)."""

    @property
    def text(self) -> str: ...

    @property
    def words(self) -> int: ...

    @property
    def long(self) -> bool: ...

    @property
    def sentence(self) -> bool: ...

    @property
    def credit(self) -> str | None: ...

    @property
    def suffix(self) -> str | None: ...

    @property
    def name(self) -> bool: ...

    @property
    def by_name(self) -> bool: ...

    @property
    def signed(self) -> bool: ...

    @property
    def letters(self) -> bool: ...

    @property
    def field(self) -> bool: ...


@dataclass(frozen=True)
class Records:
    openers: frozenset[int]
    """Indexes of the lines that open a record."""
    start: int
    end: int
    """The run covers lines start..end-1."""

    def opens(self, index: int) -> bool:
        return index in self.openers

    def inside(self, index: int) -> bool:
        return self.start <= index < self.end


def _maker(f: LineShape) -> bool:
    """Says who made the photo: a credit line, a name alone, "by Name"."""
    return f.credit is not None or f.name or f.by_name or f.signed


def labelled(text: str) -> bool:
    """A field, "Label: value" (or "Label : value"): a record's line, not its first."""
    cut = text.find(":", 0, 24)
    return cut > 0 and bool(text[cut + 1:].strip())


def _dashed(text: str) -> bool:
    """Two parts set apart by a spaced dash ("Third Place – Crossing")."""
    return last_spaced_dash(text.strip()) >= 0


def _could_open(f: LineShape) -> bool:
    # (a name alone may open one: "Amateur Winner", "Honorable Mention" read as names; the
    # photographers' names below them share no words, so they make no run)
    # ("Prize – Title" holds the work's title too: a little longer)
    longest = OPENER_WORDS + DASHED_EXTRA if _dashed(f.text) else OPENER_WORDS
    return (not f.long and 1 <= f.words <= longest and f.letters and f.credit is None and not f.by_name
            and not f.signed and not f.field and not labelled(f.text)
            and f.suffix is None and not f.text.rstrip().endswith((".", "!", "?")))


def _word(token: str) -> str:
    return numbers_as_marks(token.strip("\"'“”‘’«»()[]:;,.–—-|*•·"))


def _keys(text: str) -> list[str]:
    """What an opening line shares with the other opening lines."""
    tokens = text.split()
    keys = ["first " + _word(tokens[0]), "last " + _word(tokens[-1])] if tokens else []
    cased = [ch for ch in text if ch.lower() != ch.upper()]  # (scripts without case have no capitals)
    if len(cased) >= 3 and sum(1 for ch in cased if ch.isupper()) >= CAPITALS_SHARE * len(cased):
        keys.append("capitals")  # ("1er PRIX DU JURY": an ordinal's ending aside)
    if _dashed(text):
        keys.append("dashed")  # "First Place (tie) – The Last Ferry", "Honorable Mention – The Mender"
    # (a word of at least two letters: "5a)" and "#" are no kind of line)
    return [key for key in keys if key in ("capitals", "dashed") or
            sum(1 for ch in key.split(" ", 1)[-1] if ch.isalpha()) >= 2]


SEVERAL = (True, True, True)


def _shape(body: Sequence[LineShape]) -> tuple[bool, ...]:
    """What a record's body holds: text (a long line), its maker; or SEVERAL photos' captions
    (a month's heading over its photos is a section, not a record)."""
    if sum(1 for f in body if f.long) > 3 or sum(1 for f in body if f.suffix is not None) >= 2:
        return SEVERAL
    return any(f.long for f in body), any(_maker(f) for f in body)


def _run(feats: Sequence[LineShape], places: list[int]) -> tuple[list[int], int] | None:
    """The longest stretch of `places` that reads as records, and where its last record ends."""
    best: tuple[list[int], int] | None = None
    run: list[int] = []
    for place in places + [len(feats) + LONGEST_BODY + 2]:
        if run and not 2 <= place - run[-1] <= LONGEST_BODY + 1:
            candidate = _judge(feats, run)
            if candidate is not None and (best is None or len(candidate[0]) > len(best[0])):
                best = candidate
            run = []
        if place < len(feats):
            run.append(place)
    return best


def _first_word(text: str) -> str:
    tokens = text.split()
    return _word(tokens[0]) if tokens else ""


def _maker_place(feats: Sequence[LineShape], run: list[int]) -> tuple[int, str | None] | None:
    """How far after its first line a record most often names its maker, and the word every
    such line opens with ("©", "Photographer:"), if they share one."""
    offsets: list[int] = []
    for a, b in zip(run, run[1:]):
        offsets += [next((d for d in range(1, b - a) if _maker(feats[a + d])), 0)]
    offset = max(set(offsets), key=offsets.count)
    if not offset:
        return None
    words = {_first_word(feats[a + offset].text) for a, b in zip(run, run[1:]) if a + offset < b}
    return offset, words.pop() if len(words) == 1 else None


def _extend(feats: Sequence[LineShape], run: list[int]) -> list[int]:
    """More records after the run whose first lines are of another kind ("1st Place", "2nd
    Place", then "Honorable Mention"): a line that could open one, as far on as the shortest
    record, with the maker where (and as) the run's records have theirs."""
    place = _maker_place(feats, run)
    if place is None:
        return run
    offset, word = place
    shortest = min(b - a for a, b in zip(run, run[1:]))

    def opens(x: int) -> bool:
        return _could_open(feats[x]) and x + offset < len(feats) and _maker(feats[x + offset]) \
            and (word is None or _first_word(feats[x + offset].text) == word) \
            and not any(_maker(feats[y]) for y in range(x + 1, x + offset))

    run = list(run)
    while True:
        last = run[-1]
        nxt = next((x for x in range(last + max(2, shortest - 2), min(len(feats), last + LONGEST_BODY + 2))
                    if opens(x)), None)
        if nxt is None:
            return run
        run.append(nxt)


def _judge(feats: Sequence[LineShape], run: list[int]) -> tuple[list[int], int] | None:
    if len(run) < LEAST_RECORDS:
        return None
    if len({feats[index].text.casefold() for index in run}) * 2 < len(run):
        return None  # the same words on every record ("view enlargement"): a button inside each
    run = _extend(feats, run)
    gaps = sorted(b - a for a, b in zip(run, run[1:]))
    usual = gaps[len(gaps) // 2]
    end = min(len(feats), run[-1] + usual)
    bodies = [feats[a + 1:b] for a, b in zip(run, [*run[1:], end])]
    shapes = [_shape(body) for body in bodies]
    common = max(set(shapes), key=shapes.count)
    if common in ((False, False), SEVERAL) or shapes.count(common) < LIKE_SHARE * len(shapes):
        return None  # bodies with neither text nor a maker are not photos' records
    return run, end


def find_records(feats: Sequence[LineShape]) -> Records | None:
    """The run of records in the article, if it has one."""
    places: dict[str, list[int]] = {}
    for index, f in enumerate(feats):
        if _could_open(f):
            for key in _keys(f.text):
                places.setdefault(key, []).append(index)
    best: tuple[list[int], int] | None = None
    for key_places in places.values():
        if len(key_places) < LEAST_RECORDS:
            continue
        found = _run(feats, key_places)
        # (as many records read by two kinds of line, "1er PRIX DU JURY" over "Name – Title": a
        # record starts at its first line)
        if found is not None and (best is None or len(found[0]) > len(best[0]) or
                                  len(found[0]) == len(best[0]) and found[0][0] < best[0][0]):
            best = found
    if best is None:
        return None
    openers, end = best
    return Records(frozenset(openers), openers[0], end)
