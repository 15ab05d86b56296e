"""A scraped photo article as title, intro, entries and credits.

lines.py sets furniture and repeats aside; roles.py gives every remaining line a role
(title, byline, page chrome, intro, heading, caption, paragraph, credit) by choosing the
cheapest sequence of roles over the whole article, for the layout that fits it best. This
module builds the entries those roles describe: an entry starts at a heading or a caption;
a credit joins the entry after it or before it, as the layout says. Every line ends up
somewhere: what was a guess is listed as unsure, what was left out is listed as dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from viewer import patterns
from viewer.importer.credits import credit_every_photo, credit_line, split_credit
from viewer.importer.lines import Unit, prepare
from viewer.importer.roles import (
    ALT,
    BYLINE,
    CAPTION,
    CHROME,
    CREDIT,
    FOOTER,
    HEADING,
    INTRO,
    NOISE,
    PARAGRAPH,
    SECTION,
    TITLE,
    Labelling,
    label,
)


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
    layout: str = ""
    """The layout the line roles were read with, and how sure that reading is."""
    around: list[str] = field(default_factory=list)
    """The lines before the first entry (but the title) and after the story: where a credit for
    every photo is written ("By Name | Photos by Name")."""

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


_CREDIT_HINT = patterns.compile(r"\b(?:photo|image|picture|credit|getty|reuters|AP|AFP|EPA|courtesy)\b|©",
                                patterns.IGNORECASE)


def parse_article(text: str, *, keep_numbers: bool = False, keep_all: bool = False) -> Article:
    prepared = prepare(text, keep_all=keep_all)
    units, doubled = _collapse_doubles(prepared.units)
    if sum(1 for _, _, why in prepared.dropped if why.startswith("a repeat of the caption")) >= 2:
        # The page writes its long captions twice too: a line written twice is a caption's
        # copy, not a heading's, unless it reads as a heading (short, no full stop).
        by_line = {unit.line: unit for unit in units}
        doubled = {line for line in doubled if by_line[line].words <= 8 and
                   not by_line[line].text.rstrip().endswith((".", "!", "?"))}
    credit_like = sum(1 for u in units if _CREDIT_HINT.search(u.text) and len(u.text) < 200)
    if not units:
        article = Article(title=None, intro=[], entries=[], shape="headed")
    else:
        article = _from_roles(units, label(units, doubled, prepared), keep_numbers, keep_all,
                              titled=prepared.titled, maker_first=prepared.maker_first)
    article.dropped = prepared.dropped + article.dropped
    article.credit_like = credit_like
    first = article.entries[0].line if article.entries else 0
    # (a byline set aside as furniture may still say who took the photos)
    article.around = [text for line, text, _ in prepared.dropped if line < first] + article.around
    credit_every_photo(article.entries, article.around)
    return article


def _title_text(unit: Unit, keep_numbers: bool) -> str:
    return unit.prefix + unit.text if keep_numbers and unit.number is not None else unit.text


_ARTICLES = ("the ", "a ", "an ")


def _same_words(first: str, second: str) -> bool:
    """The same line written twice, maybe once without its article ("The Otter Ladder", "Otter
    Ladder": the heading, then the photo's alt text)."""
    if first == second:
        return True
    a, b = first.casefold(), second.casefold()
    for article in _ARTICLES:
        a, b = a.removeprefix(article), b.removeprefix(article)
    return a == b and len(a.split()) >= 2


def _copy_with_credit(first: str, second: str) -> bool:
    """`Title` then `Title (image credits: flickr)`: the second is the first with a credit added."""
    if first == second or not second.startswith(first):
        return False
    caption, credit = split_credit(second)
    return credit is not None and caption == first


def _collapse_doubles(units: list[Unit]) -> tuple[list[Unit], set[int]]:
    """Drop the second copy of lines written twice in a row; return the units and the kept copies' lines.

    Copies pair up: a line written six times in a row is three photos that share one caption,
    each written twice (alt text, then caption), not one photo."""
    kept: list[Unit] = []
    doubled: set[int] = set()
    for unit in units:
        if kept and kept[-1].line not in doubled and not unit.long and credit_of(unit) is None and \
                _copy_with_credit(kept[-1].text, unit.text):
            # "Title" then "Title (image credits: flickr)": the copy that carries the credit stays
            # (a third, exact copy after it pairs with it as a doubled line)
            # (it takes the first copy's line, so a report of it covers both)
            kept[-1] = replace(unit, line=kept[-1].line, after_counter=unit.after_counter or kept[-1].after_counter)
            continue
        if kept and _same_words(kept[-1].text, unit.text) and kept[-1].line not in doubled and not unit.long and \
                credit_of(unit) is None:
            doubled.add(kept[-1].line)
            if len(unit.text) > len(kept[-1].text):
                kept[-1] = replace(kept[-1], text=unit.text)  # (the copy with its article: no word is lost)
            if unit.after_counter and not kept[-1].after_counter:
                kept[-1] = replace(kept[-1], after_counter=True)  # "Heading / 2 de 7 / Heading": one photo
            continue
        kept.append(unit)
    return kept, doubled


def _from_roles(units: list[Unit], labelling: Labelling, keep_numbers: bool, keep_all: bool = False,
               titled: bool = False, maker_first: bool = False) -> Article:
    """The article the chosen roles describe: entries from headings and captions, credits
    attached before or after as the layout says, every other line listed."""
    if keep_numbers:  # a numbered line that is not an entry's first line keeps its number too
        units = [unit if role in (HEADING, CAPTION) or not unit.prefix else
                 replace(unit, text=unit.prefix + unit.text, prefix="", number=None)
                 for unit, role in zip(units, labelling.roles)]
    layout = labelling.layout
    title: str | None = None
    intro: list[str] = []
    entries: list[Entry] = []
    unsure: list[tuple[int, str, str]] = []
    dropped: list[tuple[int, str, str]] = []
    pending: str | None = None
    pending_text = ""  # the credit line as written, for when it is kept as text after all
    bare = False  # the last entry is a heading with nothing under it yet
    around: list[str] = []
    for unit, role in zip(units, labelling.roles):
        if role != TITLE and (not entries or role == FOOTER):
            around.append(unit.text)
        if role == TITLE:
            title = unit.text
        elif role in (ALT, SECTION) and keep_all:
            (entries[-1].paragraphs if entries else intro).append(unit.text)
        elif role == ALT:
            dropped.append((unit.line, unit.text, "a photo's description written before its caption (alt text)"))
            bare = False
        elif role == SECTION:
            dropped.append((unit.line, unit.text, "a section heading between photos"))
            bare = False
        elif role == NOISE and keep_all:
            (entries[-1].paragraphs if entries else intro).append(unit.text)
        elif role == NOISE:
            dropped.append((unit.line, unit.text, "a short line inside the story that is not its text"))
        elif role == FOOTER and keep_all:
            entries[-1].paragraphs.append(unit.text)
        elif role == FOOTER:
            dropped.append((unit.line, unit.text, "the page's end, after the story"))
        elif role == CHROME and keep_all:
            intro.append(unit.text)
        elif role == CHROME:
            dropped.append((unit.line, unit.text, "page chrome before the story"))
        elif role == BYLINE and keep_all:
            (entries[-1].paragraphs if entries else intro).append(unit.text)
        elif role == BYLINE:
            dropped.append((unit.line, unit.text, "a byline"))
        elif role == INTRO:
            intro.append(unit.text)
        elif role == HEADING:
            heading, suffix = split_credit(unit.text, titled=titled, maker_first=maker_first)
            entries.append(Entry(title=_title_text(Unit(unit.line, heading, unit.number, unit.prefix), keep_numbers),
                                 line=unit.line, credit=suffix or pending))
            if suffix and pending:
                entries[-1].paragraphs.append(pending_text)
                unsure.append((unit.line, unit.text,
                               "a credit before and after this heading; the one before kept as text"))
            pending, bare = None, True
        elif role == CAPTION and not bare:
            caption, suffix = split_credit(unit.text, titled=titled, maker_first=maker_first)
            entries.append(Entry(title=_title_text(Unit(unit.line, caption, unit.number, unit.prefix), keep_numbers),
                                 line=unit.line, credit=suffix or pending))
            if suffix and pending:
                entries[-1].paragraphs.append(pending_text)
                unsure.append((unit.line, unit.text,
                               "a credit before and after this caption; the one before kept as text"))
            pending, bare = None, False
        elif role in (CAPTION, PARAGRAPH):
            if not entries:
                intro.append(unit.text)
                continue
            text = unit.text
            if pending is not None:  # a credit written before this text, under its heading
                if entries[-1].credit is None:
                    entries[-1].credit = pending
                else:
                    entries[-1].paragraphs.append(pending_text)
                    unsure.append((unit.line, pending_text, "a second credit line; kept as caption text"))
                pending = None
            if entries[-1].credit is None:
                caption, suffix = split_credit(text, titled=titled, maker_first=maker_first)
                if suffix is not None:
                    text, entries[-1].credit = caption, suffix
            if text:
                entries[-1].paragraphs.append(text)
            bare = False
        elif role == CREDIT:
            credit = unit.text if unit.credit else (credit_line(unit.text) or unit.text)
            if layout.credit_before and not (bare and layout.headed):
                pending, pending_text = credit, unit.text
            elif entries and entries[-1].credit is None:
                entries[-1].credit = credit
            elif entries and not keep_all and _repeats(credit, entries[-1].credit or ""):
                dropped.append((unit.line, unit.text, "a repeat of the caption's credit"))
            elif entries:
                entries[-1].paragraphs.append(unit.text)
                unsure.append((unit.line, unit.text, "a second credit line; kept as caption text"))
            else:
                intro.append(unit.text)
                unsure.append((unit.line, unit.text, "credit line with no caption to attach to; kept as text"))
    if pending is not None:
        # Kept as text: as written, its label too ("Image: …"), or a word of the article is lost.
        if entries:
            entries[-1].paragraphs.append(pending_text)
        else:
            intro.append(pending_text)
        unsure.append((units[-1].line, pending_text, "a credit line at the end with no caption after it; kept as text"))
    shape = "headed" if layout.headed else "captions"
    article = Article(title=title, intro=intro, entries=entries, shape=shape, unsure=unsure, dropped=dropped,
                      around=around)
    article.layout = f"{layout.describe()} ({labelling.sure})"
    return article


_LABEL_WORDS = {"photo", "photos", "photograph", "image", "images", "picture", "credit", "credits", "source",
                "courtesy", "copyright", "©", "via", "by"}


def _repeats(credit: str, earlier: str) -> bool:
    """`Reuters Photographer` under `… REUTERS/Name`: the same credit again, not a second one."""
    one, other = credit.casefold(), earlier.casefold()
    if one in other or other in one:
        return True
    first = one.split()[0].strip("()[]:,")
    return first not in _LABEL_WORDS and len(first) > 1 and first in other
