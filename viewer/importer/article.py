"""Recognise the structure of a scraped photo article: title, intro, entries and credits.

After lines.py has set furniture and repeats aside, two shapes are read, with their variants:
- *headed entries*: a heading (numbered, written twice by the scraper, or a short line before
  prose), one or more paragraphs and usually a credit line such as `(Image via X)`;
- *caption lists*: optional intro prose, then one caption per photo — of any length — with its
  credit at its end (`... REUTERS/Name`, `(AP Photo/Name)`), on the line after it, or on the
  line before it (`Photograph by X, Publication`).
Every line of text ends up somewhere: what cannot be classified goes into a caption and is
reported; what was dropped as furniture is listed too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from viewer import patterns
from viewer.importer.credits import credit_line, is_leading_credit, split_credit
from viewer.importer.lines import Prepared, Unit, prepare

HEADING_MAX_WORDS = 12
TITLE_MAX_WORDS = 40
_BYLINE = patterns.compile(r"by\s*:?\s+[^\s].{0,80}", patterns.IGNORECASE)


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
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, text, why) for furniture and repeated captions left out."""
    credit_like: int = 0
    """Lines that look like they carry a credit (for the report's sanity check)."""

    @property
    def credits(self) -> int:
        return sum(1 for e in self.entries if e.credit)


def credit_of(unit: Unit | str) -> str | None:
    """The credit if the whole line is a credit line, else None."""
    if isinstance(unit, Unit):
        return unit.text if unit.credit else credit_line(unit.text)
    return credit_line(unit)


def split_credit_suffix(text: str) -> tuple[str, str | None]:
    """(caption, credit) when a caption starts or ends with a credit, else (text, None)."""
    return split_credit(text)


_CREDIT_HINT = patterns.compile(r"\b(?:photo|image|picture|credit|getty|reuters|AP|AFP|EPA|courtesy)\b|©", patterns.IGNORECASE)


def parse_article(text: str, *, keep_numbers: bool = False, keep_all: bool = False) -> Article:
    prepared = prepare(text, keep_all=keep_all)
    units, doubled = _collapse_doubles(prepared.units)
    credit_like = sum(1 for u in units if _CREDIT_HINT.search(u.text) and len(u.text) < 200)
    if not units:
        article = Article(title=None, intro=[], entries=[], shape="headed")
    elif prepared.counters >= 2 and sum(1 for u in units if u.after_counter) >= 2:
        article = _parse_counted(units, keep_numbers)
    elif prepared.numbered or len(doubled) >= 2 or not _is_caption_list(units):
        article = _lone_heading_is_the_title(_parse_headed(units, doubled, prepared, keep_numbers), units)
    else:
        article = _parse_captions(units, keep_numbers)
    article.dropped = prepared.dropped + article.dropped
    article.credit_like = credit_like
    return article


def _lone_heading_is_the_title(article: Article, units: list[Unit]) -> Article:
    """A single short line on top of several paragraphs, with no other heading or credit, names
    the article; each paragraph is then a photo's caption (a gallery scraped without structure)."""
    if article.title is not None or len(article.entries) != 1 or article.intro:
        return article
    (entry,) = article.entries
    if entry.credit or len(entry.paragraphs) < 2 or entry.line != units[0].line:
        return article
    lines = {unit.text: unit.line for unit in units}
    entries = [Entry(title=text, line=lines.get(text, entry.line)) for text in entry.paragraphs]
    unsure = [(e.line, e.title, "a paragraph read as a photo's caption (no headings or credits to go by)")
              for e in entries]
    return Article(title=entry.title, intro=[], entries=entries, shape="captions", unsure=unsure,
                   dropped=article.dropped)


def _title_text(unit: Unit, keep_numbers: bool) -> str:
    return unit.prefix + unit.text if keep_numbers and unit.number is not None else unit.text


def _collapse_doubles(units: list[Unit]) -> tuple[list[Unit], set[int]]:
    """Drop the second copy of lines written twice in a row; return the units and the kept copies' lines."""
    kept: list[Unit] = []
    doubled: set[int] = set()
    for unit in units:
        if kept and kept[-1].text == unit.text and not unit.long and credit_of(unit) is None:
            doubled.add(kept[-1].line)
            continue
        kept.append(unit)
    return kept, doubled


def _credited_captions(units: list[Unit]) -> int:
    return sum(1 for u in units if credit_of(u) is None and split_credit(u.text)[1] is not None)


def _followed_by_credit(units: list[Unit]) -> int:
    """Captions with their credit on the line after them."""
    return sum(1 for here, after in zip(units, units[1:]) if credit_of(here) is None and credit_of(after) is not None)


def _one_credit_each(units: list[Unit]) -> bool:
    """Most paragraphs carry a credit, at their end or on the next line: one paragraph, one photo."""
    captions = len(units) - sum(1 for u in units if credit_of(u) is not None)
    credited = _credited_captions(units) + _followed_by_credit(units)
    return credited >= 2 and credited * 3 >= captions


def _is_caption_list(units: list[Unit]) -> bool:
    """True for one caption per photo: captions carrying credits (whatever their length), or short
    lines mostly following short lines (captions) rather than leading into prose (headings)."""
    if _one_credit_each(units) and not any(_looks_like_heading(u) and not u.long for u in units[1:]
                                           if credit_of(u) is None and split_credit(u.text)[1] is None
                                           and u.words <= 6):
        return True
    into_prose = into_short = 0
    for here, after in zip(units, units[1:]):
        if here.long or credit_of(here) is not None:
            continue
        if after.long:
            into_prose += 1
        else:
            into_short += 1
    return into_short > into_prose


def _looks_like_heading(unit: Unit) -> bool:
    return not unit.long and unit.words <= HEADING_MAX_WORDS and not unit.text.endswith((".", ",", ";", ":"))


def _looks_like_title(unit: Unit) -> bool:
    """Article titles run long ("36+ Never Before Seen Photos of …"), but are not sentences."""
    return (unit.number is None and credit_of(unit) is None and unit.words <= TITLE_MAX_WORDS
            and not unit.text.endswith((".", ",", ";", ":")) and split_credit(unit.text)[1] is None)


def _skip_byline(units: list[Unit], start: int, dropped: list[tuple[int, str, str]]) -> int:
    """A `By Name` line right after the title is not an entry."""
    if start < len(units) and _BYLINE.fullmatch(units[start].text) and units[start].words <= 14:
        dropped.append((units[start].line, units[start].text, "a byline"))
        return start + 1
    return start


def _parse_headed(units: list[Unit], doubled: set[int], prepared: Prepared, keep_numbers: bool) -> Article:
    unsure: list[tuple[int, str, str]] = []
    dropped: list[tuple[int, str, str]] = []
    use_doubles = len(doubled) >= 2 and not prepared.numbered
    numbered = prepared.numbered

    title = None
    start = 0
    first = units[0]
    if _looks_like_title(first) and first.line not in doubled:
        # The first line is the title when headings follow it: numbered or doubled ones, or a
        # second short line; a title may be long when the headings are marked.
        marked = numbered or use_doubles
        if (marked and (first.words <= TITLE_MAX_WORDS)) or (
                _looks_like_heading(first) and len(units) > 1 and _looks_like_heading(units[1])):
            title, start = first.text, 1
    start = _skip_byline(units, start, dropped) if title else start

    def is_heading(i: int) -> bool:
        unit = units[i]
        if numbered:
            return unit.number is not None
        if use_doubles:
            return unit.line in doubled
        if credit_of(unit) is not None or not _looks_like_heading(unit):
            return False
        after = units[i + 1] if i + 1 < len(units) else None
        before = units[i - 1] if i > start else None
        after_credit = before is not None and credit_of(before) is not None
        return after is not None and (after.long or after_credit) and (before is None or before.long or after_credit)

    intro: list[str] = []
    entries: list[Entry] = []
    for i in range(start, len(units)):
        unit = units[i]
        credit = credit_of(unit)
        if is_heading(i):
            heading, suffix = split_credit(unit.text) if numbered else (unit.text, None)
            entry = Entry(title=_title_text(Unit(unit.line, heading, unit.number, unit.prefix), keep_numbers), line=unit.line,
                          credit=suffix)
            entries.append(entry)
        elif credit is not None and entries and entries[-1].credit is None:
            entries[-1].credit = credit
        else:
            if credit is not None:
                unsure.append((unit.line, unit.text, "a second credit line; kept as caption text"))
            elif not (use_doubles or numbered) and _looks_like_heading(unit) and not unit.long:
                unsure.append((unit.line, unit.text, "short line read as a paragraph, not a heading"))
            (entries[-1].paragraphs if entries else intro).append(unit.text)
    for entry in entries:
        # "… at dawn. Photo: Jane Doe" ending an entry without a credit line: the credit moves out.
        if entry.credit is None and entry.paragraphs:
            caption, suffix = split_credit(entry.paragraphs[-1])
            if suffix is not None:
                entry.paragraphs[-1], entry.credit = caption, suffix
    return Article(title=title, intro=intro, entries=entries, shape="headed", unsure=unsure, dropped=dropped)


def _parse_captions(units: list[Unit], keep_numbers: bool) -> Article:
    unsure: list[tuple[int, str, str]] = []
    dropped: list[tuple[int, str, str]] = []
    title = None
    start = 0
    first = units[0]
    if len(units) > 2 and _looks_like_title(first) and (
            units[1].long or split_credit(units[1].text)[1] or credit_of(units[1]) is not None):
        title, start = first.text, 1
    start = _skip_byline(units, start, dropped) if title else start
    # Wire galleries end every caption with its credit: there, every paragraph is a photo's caption.
    credited = _one_credit_each(units[start:])
    intro: list[str] = []
    entries: list[Entry] = []
    pending: str | None = None  # a credit written on the line before its caption
    for index in range(start, len(units)):
        unit = units[index]
        credit = credit_of(unit)
        after = units[index + 1] if index + 1 < len(units) else None
        if credit is not None and unit.credit and entries:
            # "Photographer / Name" under a caption: the credit of the photo above.
            if entries[-1].credit is None:
                entries[-1].credit = credit
            elif credit.casefold() not in entries[-1].credit.casefold():
                unsure.append((unit.line, unit.text, "a photographer besides the caption's credit; kept as a caption"))
                entries[-1].paragraphs.append(unit.text)
            else:
                dropped.append((unit.line, unit.text, "a repeat of the caption's credit (the photographer)"))
            continue
        if credit is not None:
            leads = after is not None and credit_of(after) is None and (
                (entries and entries[-1].credit is not None) or not entries
                or (is_leading_credit(unit.text) and split_credit(after.text)[1] is None))
            if leads and pending is None:
                pending = credit
            elif entries and entries[-1].credit is None:
                entries[-1].credit = credit
            elif entries:
                earlier = entries[-1].credit or ""
                if credit.split()[0].casefold() in earlier.casefold():
                    dropped.append((unit.line, unit.text, "a repeat of the caption's credit"))
                else:
                    entries[-1].paragraphs.append(unit.text)
                    unsure.append((unit.line, unit.text, "a second credit line; kept as caption text"))
            else:
                unsure.append((unit.line, unit.text, "credit line with no caption to attach to; kept as a caption"))
                entries.append(Entry(title=unit.text, line=unit.line))
            continue
        caption, suffix = split_credit(unit.text)
        if unit.long and suffix is None and pending is None and not credited:
            if entries:
                entries[-1].paragraphs.append(unit.text)
                unsure.append((unit.line, unit.text, "prose inside the caption list; kept with the caption above"))
            else:
                intro.append(unit.text)
            continue
        if unit.long and suffix is None and pending is None and not entries and after is not None \
                and split_credit(after.text)[1] is None and credit_of(after) is None:
            intro.append(unit.text)  # prose before the first caption is the article's introduction
            continue
        entry_title = _title_text(Unit(unit.line, caption, unit.number, unit.prefix), keep_numbers)
        entries.append(Entry(title=entry_title, line=unit.line, credit=suffix or pending))
        if suffix and pending:
            entries[-1].paragraphs.append(pending)
            unsure.append((unit.line, unit.text, "a credit before and after this caption; the one before kept as text"))
        pending = None
        if credited and suffix is None and not (after is not None and credit_of(after) is not None):
            unsure.append((unit.line, unit.text, "a caption without a credit"))
    if pending is not None:
        if entries:
            entries[-1].paragraphs.append(pending)
            unsure.append((units[-1].line, pending, "a credit line at the end with no caption after it; kept as text"))
        else:
            entries.append(Entry(title=pending, line=units[-1].line))
    return Article(title=title, intro=intro, entries=entries, shape="captions", unsure=unsure, dropped=dropped)


def _parse_counted(units: list[Unit], keep_numbers: bool) -> Article:
    """A slideshow page: every slide counter ("3 / 20") starts a photo; what follows, up to the
    next counter, is its caption, credit and text — whatever the lengths."""
    unsure: list[tuple[int, str, str]] = []
    dropped: list[tuple[int, str, str]] = []
    title = None
    start = 0
    if not units[0].after_counter and _looks_like_title(units[0]):
        title, start = units[0].text, 1
    start = _skip_byline(units, start, dropped) if title else start
    intro: list[str] = []
    entries: list[Entry] = []
    for unit in units[start:]:
        credit = credit_of(unit)
        if unit.after_counter:
            if credit is not None and entries and entries[-1].credit is None:
                entries[-1].credit = credit  # a credit just after the counter belongs to the photo before
                continue
            caption, suffix = split_credit(unit.text)
            entries.append(Entry(title=_title_text(Unit(unit.line, caption, unit.number, unit.prefix), keep_numbers),
                                 line=unit.line, credit=suffix))
        elif not entries:
            intro.append(unit.text)
        elif credit is not None and entries[-1].credit is None:
            entries[-1].credit = credit
        elif credit is not None and credit.split()[0].casefold() in (entries[-1].credit or "").casefold():
            dropped.append((unit.line, unit.text, "a repeat of the caption's credit"))
        else:
            text, suffix = split_credit(unit.text)
            if suffix is not None and entries[-1].credit is None:
                entries[-1].credit = suffix
                if text:
                    entries[-1].paragraphs.append(text)
            else:
                entries[-1].paragraphs.append(unit.text)
    return Article(title=title, intro=intro, entries=entries, shape="captions", unsure=unsure, dropped=dropped)
