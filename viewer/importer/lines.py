"""The first pass over a scraped article: its lines, cleaned of what is not content.

Stray HTML tags are removed, page furniture is set aside (see furniture.py), metadata blocks
("Photographer" / name) become credits, repeated captions (a copy cut short with "...more",
one wrapped in <p>) become one, and numbered headings ("1. Title", "#18. Title", "1) Title")
are recognised; a slide counter glued to a line's end ("Credit:Name 2/ 14") counts as a counter,
a date set before a caption with a bar, dash or colon ("AUGUST 3 | …", "22/05/2014 - …") and the
alt text under an "Image:" label are left out. Everything set aside is listed, so the report can say what was dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from viewer import patterns
from viewer.importer.credits import (
    credit_body,
    credit_line,
    dashed_maker,
    is_name_line,
    last_spaced_dash,
    named_first,
    opens_with_credit_word,
    slashed_credit_span,
    split_credit,
    starts_with_credit_label,
    titled_by,
)
from viewer.importer.furniture import (
    CAPTION_LABEL,
    COUNTER_KINDS,
    COUNTER_OF,
    commenter_line,
    furniture,
    is_label,
    label_key,
    photo_dateline,
)
from viewer.importer.label_words import CAPTION_LABELS_ABROAD, label_at_start

LONG_CHARACTERS = 100
LONG_WORDS = 16

_TAG = patterns.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>]{0,400})?/?>")
_MORE = patterns.compile(r"(?:\s*(?:\.\.\.|…)\s*(?:read\s+)?more|\s*\[(?:\.\.\.|…)\]|\s*\(more\)|\s*(?:\.\.\.|…)|"
                     r"\s+(?:read|see|show)\s+more)\s*$", patterns.IGNORECASE)
# "1. Title", "1) Title", "1.- Title", "1 - Title", "#18. Title", "#1 Title" (a bare "2 years ago" is not a
# heading number)
_NUMBERED = patterns.compile(r"(?:#\s?(?P<hashed>\d{1,3})(?:[.):]\s*|\s+)|(?P<plain>\d{1,3})(?:[.):]-?|\s?[-–—])\s+)"
                             r"(?P<rest>[^\s/].*)")
# "1 Harbor Front in Bergen", "1 14 stycznia, Zakopane…" (a number, then a date): a bare number, taken
# as the entry's number only when such lines count up
_BARE_NUMBERED = patterns.compile(r"(?P<bare>\d{1,3})\s+(?P<rest>(?:[A-Z]|\d{1,2}\.?\s+\pL).*)")
# "1Harbour market…", "10Schoolchildren…", "1A police…": a list number a scraper glued to the first
# word (its own element on the page), taken as the entry's number only when such lines count up
_GLUED_NUMBERED = patterns.compile(r"(?P<glued>\d{1,3})(?P<rest>(?:[A-Z][a-z]|[AI]\s|[“\"‘'][A-Z]).*)")
# "Image 1 of 90: NAME, Country", "3/20 - A caption": a slide counter opening the line of the photo it counts
_LEADING_COUNTER = patterns.compile(rf"(?:(?:{COUNTER_KINDS})\s*:?\s+)?(\d{{1,4}})\s*(?:{COUNTER_OF})\s*(\d{{1,4}})"
                                    r"(?:\s*[:.|–—-]\s*|\s+)", patterns.IGNORECASE)
# "Credit:Ana Ruiz 2/ 14": a slide counter glued to the end of a line (of the photo before it)
_TRAILING_COUNTER = patterns.compile(r"\s(\d{1,3})\s?/\s?(\d{1,3})$")
_TEXT_LABELS = {"description", "description (brief)", "caption", "summary", "about this photo", "about the image"}
_CREDIT_LABELS = {"photographer", "credit", "photo credit", "source", "maker", "artist", "creator", "credit line"}


CHARACTERS_PER_WORD = 2
"""In scripts written without spaces (Chinese, Japanese, Thai…), how many characters count as a word."""


def _unspaced(ch: str) -> bool:
    """A character of a script written without spaces between words."""
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or \
        0x0E00 <= code <= 0x0EFF or 0x1000 <= code <= 0x109F or 0x1780 <= code <= 0x17FF


def word_count(text: str) -> int:
    """Words in `text`: its space-separated words, and in scripts written without spaces one word
    per CHARACTERS_PER_WORD characters, so that a Japanese caption is as long as an English one."""
    count = 0
    for token in text.split():
        unspaced = sum(1 for ch in token if ch > "\u0dff" and _unspaced(ch))
        count += max(1, unspaced // CHARACTERS_PER_WORD) if unspaced >= 2 * CHARACTERS_PER_WORD else 1
    return count


@dataclass(frozen=True)
class Unit:
    line: int
    """1-based line in the article."""
    text: str
    number: int | None = None
    """The heading number written before the text ("12. Title"), if any."""
    prefix: str = ""
    """That number as written ("#12 ", "12) "), for --keep-numbers."""
    credit: bool = False
    """A credit taken from a metadata block ("Photographer" / name)."""
    after_counter: bool = False
    """The first line after a slide counter ("3 / 20"): a new photo starts here."""
    after_label: bool = False
    """The line after a caption's label ("Image caption,"): a caption."""
    copied: bool = False
    """Written twice nearby or glued to its own copy (the picture's alt text, then its caption):
    a photo's caption."""

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def long(self) -> bool:
        return len(self.text) > LONG_CHARACTERS or self.words > LONG_WORDS


@dataclass
class Prepared:
    units: list[Unit]
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, text, why) for furniture and repeats left out of the slides."""
    numbered: bool = False
    """The article numbers its entries: numbered units are headings."""
    counters: int = 0
    """Slide counters seen ("1 / 20"): each one starts a photo."""
    titled: bool = False
    """The article writes captions as a work's title and its photographer ("Salt Harvest by Name")
    on more than one line: a line of that shape is read so (credits.titled_by)."""
    maker_first: bool = False
    """The article writes captions photographer first ("Name. Salt Harvest.") on more than one
    line: a line of that shape is read so (credits.named_first)."""
    credit_copies: dict[int, int] = field(default_factory=dict)
    """Credit line -> the last line of its copies written right under it ("Photo by Name/Getty
    Images" then "Photo by Name/Getty Images /"): one credit standing on all those lines."""


def _clean(line: str) -> tuple[str, bool]:
    """The line without markup, addresses, breadcrumbs, a date label and a screen reader's
    caption label, and whether that label was there (the text after it is a caption)."""
    cleaned = " ".join(_TAG.sub(" ", line).split()) if "<" in line else line.strip()
    unlabelled = _without_date_label(_without_breadcrumbs(_without_addresses(cleaned)))
    caption = _without_hidden_label(unlabelled)
    return caption, caption != unlabelled


_HIDDEN_LABELS = ("image caption,", "image caption", "media caption,", "media caption", "caption:", "image:",
                  "photo caption:", "photo:")


_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)")
_DATE_LABEL = patterns.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:" + _MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?"  # "AUGUST 3", "Dec. 29, 2020"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"\.?(?:,?\s*\d{4})?"  # "3 August 2020"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})"  # "22/05/2014", "2014-05-22"
    r"(?P<sep>\s*[|:]\s+|\s+[-–—]\s+)", patterns.IGNORECASE)
_CRUMBS = patterns.compile(r"(?:home|news|photos|pictures|galleries)\s+[>›»]\s+(?:[^>›»]{1,40}\s+[>›»]\s+){0,4}"
                           # in any language: two or more spaced separators after short words
                           r"|(?:[^>›»\s][^>›»]{0,29}\s+[>›»]\s+){2,5}",
                           patterns.IGNORECASE)


_IMAGE_ADDRESS = patterns.compile(
    r"(?:[-•*]\s*)?[Hh][Tt][Tt][Pp][Ss]?://[^\s]*?\.(?:[Jj][Pp][Ee]?[Gg]|[Pp][Nn][Gg]|[Gg][Ii][Ff]|[Ww][Ee][Bb][Pp]|"
    r"[Aa][Vv][Ii][Ff])(?:\?[a-z0-9=&_%.\-]*)?")  # case written out: the query's case says where it ends


def _without_addresses(text: str) -> str:
    """`https://…/01.jpg?ve=1&tl=1Fireworks light up…`: image addresses a scraper glued to a caption
    are not its text (the caption starts where the address's lower-case query ends)."""
    if "http" not in text:
        return text
    cut = _IMAGE_ADDRESS.sub(" ", text)
    return " ".join(cut.split()) if cut.strip() else text


def _without_date_label(text: str) -> str:
    """`AUGUST 3 | Volunteer firefighter…`, `22/05/2014 - Pilgrims carry…`, `March 3: A…`: the day a
    photo was taken, set before its caption with a bar, dash or colon, is not the caption's first
    words (the caption after it starts a sentence: "May 3 - the day…" is left alone)."""
    match = _DATE_LABEL.match(text[:48])
    if match is None or len(text) - match.end() < 20:
        return text
    rest = text[match.end():].strip()
    if "|" not in match.group("sep") and not (rest[:1].isupper() or rest[:1] in "“\"'‘"):
        return text
    return rest


def _without_breadcrumbs(text: str) -> str:
    """`Home > DPR > Slideshow: The winners`: the trail of links before a headline is not part of it."""
    match = _CRUMBS.match(text[:200])
    if match is None or match.end() >= len(text) - 8:
        return text
    return text[match.end():].strip()


def _without_hidden_label(text: str) -> str:
    """`Image caption, A man…` or `image captionA man…`: the label screen readers hear, glued to the
    caption by a scraper, is not caption text."""
    if text[:2] in ("- ", "• ", "* ") and text[2:20].casefold().startswith(_HIDDEN_LABELS):
        text = text[2:]  # "- Photo: A pair of cockatoos…": a list item holding a labelled caption
    lowered = text[:20].casefold()
    if lowered.startswith(("image:", "caption:", "photo:")) and credit_line(text) is not None:
        return text  # "Image: REUTERS/Name" is a credit, its label part of it
    if lowered.startswith("photo:") and (split_credit(text)[1] or "").casefold().startswith("photo"):
        return text  # "Photo: Courtesy of X. The caption…": a credit before its caption
    abroad = label_at_start(text, CAPTION_LABELS_ABROAD)
    if abroad and len(text) > abroad + 8:
        rest = text[abroad:].lstrip()
        if not rest[:1].islower():  # (scripts without capitals: any letter)
            return rest
    for label in _HIDDEN_LABELS:
        if lowered.startswith(label) and len(text) > len(label) + 8:
            rest = text[len(label):].lstrip()
            if rest[:1].isupper() or rest[:1] in "“\"'‘":
                return rest
    return text


def _core(text: str) -> str:
    """A caption as compared for repeats: without a trailing "...more" and case."""
    text = text.rstrip()
    head, tail = text[:-40], text[-40:]  # the marker is at the end: never scan the whole line for it
    return " ".join((head + _MORE.sub("", tail)).casefold().split())


_COPY_OPENING = 6
"""Words a caption's shorter copy opens with, as the caption does."""


def _copies(core: str, other: str) -> bool:
    """One caption twice, one copy maybe cut short or reworded at its end (the picture's alt
    text, then its caption: "A baker sets the last flower on a cake." / "A baker sets the last
    flower on a cake at the national contest in Vienna."): the same opening words, and nearly
    every word of the shorter copy in the longer."""
    if len(core) < 20 or len(other) < 20:
        return False
    if other.startswith(core) or core.startswith(other):
        return True
    short, full = (core, other) if len(core) <= len(other) else (other, core)
    short_words, full_words = short.split(), full.split()
    if len(short_words) < _COPY_OPENING + 2 or short_words[:_COPY_OPENING] != full_words[:_COPY_OPENING]:
        return False
    known = set(full_words)
    return sum(1 for word in short_words if word in known) >= 0.8 * len(short_words)


_GLUE_PROBE = 24
"""Characters of a line's opening looked for again further on (see _glued_copy)."""


def _glued_copy(text: str) -> int | None:
    """Where the second copy starts in a caption glued to its own copy ("…could help themGreater
    Manchester Police have released…": the picture's alt text, then its caption, with nothing
    between), or None. The copy kept is the second, the caption (it may carry the credit)."""
    if len(text) < 3 * _GLUE_PROBE:
        return None
    cut = text.find(text[:_GLUE_PROBE], _GLUE_PROBE)
    if cut < 0 or len(text) - cut < _GLUE_PROBE or text.find(text[:_GLUE_PROBE], cut + 1) >= 0 \
            or 2 * cut < len(text) - cut:
        return None  # (two copies, the first at least half the second: not a sentence said over and over)
    return cut if _copies(_core(text[:cut]), _core(text[cut:])) else None


def prepare(text: str, keep_all: bool = False) -> Prepared:
    raw = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    units: list[Unit] = []
    dropped: list[tuple[int, str, str]] = []
    pending_label: tuple[int, str, str] | None = None  # (line, label, the line as written)
    value_of: str | None = None  # "Edition:" alone: its value ("US") is on the next line
    counters = 0
    after_counter = after_label = False
    # Counters glued to line ends count only when the article does it more than once.
    glued = sum(1 for line in raw if _trailing_counter(line.rstrip()[-12:]) is not None) >= 2 and not keep_all
    # "Dec. 29, 2020 | Washington, D.C." over every photo: the caption's dateline, not the page's date
    datelines = sum(1 for line in raw if photo_dateline(line.strip())) >= 2
    file_stems = _repeated_file_stems(raw)
    comments_at = None if keep_all else comments_start(raw)
    glued_labels = set() if keep_all else _glued_labels(raw)
    for number, line in _glued_runs(raw):
        cleaned, labelled = _clean(line)
        if not cleaned:
            continue
        if comments_at is not None and number >= comments_at:
            dropped.append((number, cleaned, "the comments under the post"))
            continue
        glued_at = _glued_prefix(cleaned)
        glued_credit = bool(glued_at) and opens_with_credit_word(cleaned) and \
            credit_line(cleaned[:glued_at]) is not None
        if glued_credit and not keep_all and credit_line(cleaned) is None:
            # "Photograph by Soren HallbergA boatman poles…": the credit, then the caption, glued
            # (a credit line whole keeps its own capitals: "Sunil Tamang/NurPhoto", "STScI")
            units.append(Unit(number, cleaned[:glued_at], after_counter=after_counter, after_label=after_label))
            after_counter = after_label = False
            cleaned = cleaned[glued_at:]
        elif glued_at and not glued_credit and cleaned[:glued_at] in glued_labels:
            dropped.append((number, cleaned[:glued_at], "a label glued to the caption"))
            cleaned = cleaned[glued_at:]
        if glued and (match := _trailing_counter(cleaned[-12:])) is not None and len(cleaned) > 12:
            dropped.append((number, cleaned[len(cleaned) - 12 + match.start():].strip(), "a slide counter"))
            cleaned = cleaned[:len(cleaned) - 12 + match.start()].rstrip()
            counters += 1
            why = furniture(cleaned)
            if why is not None:
                dropped.append((number, cleaned, why))
            else:
                units.append(Unit(number, cleaned, after_counter=after_counter, after_label=after_label))
            after_counter, after_label = True, False
            continue
        inline = _credit_then_counter(cleaned) if not keep_all else None
        if inline is not None:
            credit_text, counter_text, rest = inline
            # (not counted as a counter that starts a photo: the photo's heading may stand above)
            dropped.append((number, counter_text, "a slide counter"))
            units.append(Unit(number, credit_text, credit=True, after_counter=after_counter))
            units.append(Unit(number, rest))
            after_counter = after_label = False
            continue
        lead = _leading_counter(cleaned) if not keep_all else None
        if lead is not None:
            dropped.append((number, cleaned[:lead].strip(), "a slide counter"))
            cleaned = cleaned[lead:]
            counters += 1
            after_counter = True
            why = furniture(cleaned)
            if why is not None:
                dropped.append((number, cleaned, why))
                continue
        if value_of is not None:
            label, value_of = value_of, None
            if len(cleaned.split()) <= 3 and not keep_all:
                dropped.append((number, cleaned, f"the value of “{label}”"))
                continue
        if pending_label is not None:
            label_line, label, written = pending_label
            pending_label = None
            if label in _CREDIT_LABELS:
                units.append(Unit(number, cleaned, credit=True))
                if not keep_all:
                    dropped.append((label_line, written, "a metadata label (its value is the credit)"))
                continue
            if not keep_all:
                dropped.append((label_line, written, "a metadata label"))
                dropped.append((number, cleaned, f"metadata ({label})"))
                continue
        if cleaned.rstrip(":").lower() in _TEXT_LABELS and number < len(raw):
            # "Description" / its text: the label goes, the text is the caption's
            if not keep_all:
                dropped.append((number, cleaned, "a label (the text under it is kept)"))
                continue
        if is_label(cleaned) and number < len(raw):
            pending_label = (number, label_key(cleaned), cleaned)
            if keep_all:
                units.append(Unit(number, cleaned))
            continue
        why = furniture(cleaned) or _labelled_alt(line)
        if why is None and _file_stem(cleaned) in file_stems:
            why = "a picture's file name"
        if why == "a dateline" and datelines and photo_dateline(cleaned):
            why = None
        if why == CAPTION_LABEL:
            after_label = True
        if why == "a slide counter":
            counters += 1
            after_counter = True
        if why is not None and not keep_all:
            # (alt text under "Image:" is listed as written, label and all)
            dropped.append((number, _clean_whole(line) if why == _ALT_TEXT else cleaned, why))
            if cleaned.endswith(":") and why != CAPTION_LABEL:
                value_of = cleaned  # (after "Image:" alone comes the caption, not a value)
            continue
        if why == "a slide counter":
            units.append(Unit(number, cleaned))  # --keep-all: kept, and the photo starts after it
            continue
        copy_at = _glued_copy(cleaned) if not keep_all else None
        if copy_at is not None:
            dropped.append((number, cleaned[:copy_at], "a repeat of the caption on line " + str(number)))
            cleaned = cleaned[copy_at:]
        units.append(Unit(number, cleaned, after_counter=after_counter, after_label=after_label or labelled,
                          copied=copy_at is not None))
        after_counter = after_label = False
    if not keep_all:
        units = _join_wrapped(units)
    units = _merge_repeats(units, dropped)
    credit_copies: dict[int, int] = {}
    if not keep_all:
        units = _drop_boilerplate(units, dropped)
        units = _drop_credit_notices(units, dropped)
        units = _drop_credit_copies(units, dropped)
        units = _drop_credit_repeats(units, dropped, credit_copies)
    if datelines:
        units = _join_datelines(units)
    if not keep_all and sum(1 for unit in units if _caps_heading_end(unit.text)) >= 2:
        units = _split_headings(units, lambda unit: _caps_heading_end(unit.text))
    if not keep_all and sum(1 for unit in units if _place_heading_end(unit)) >= PLACE_HEADINGS_LEAST:
        units = _split_headings(units, _place_heading_end)
    numbering = _numbering(units)
    if numbering is not None:
        units = _with_numbers(units, numbering)
    titled = _titled_captions(units) or _dashed_captions(units)
    return Prepared(units=units, dropped=sorted(dropped), numbered=numbering is not None, counters=counters,
                    titled=titled, maker_first=not titled and _maker_first_captions(units),
                    credit_copies=credit_copies)


_COMMENTS_HEAD = patterns.compile(
    r"(?:\d{1,5}|one|two|three|four|five)\s+(?:comments?|responses?|thoughts?|replies|reactions?)"
    r"(?:\s+(?:on|to)\s+.{1,160})?\s*:?", patterns.IGNORECASE)
"""`2 comments:`, `14 thoughts on “Countdown”`, `3 Responses to "Fall"`: the head of a comments section."""
_COMMENTS_LOOKAHEAD = 3
"""Lines with text after a comments section's head among which its first commenter's name stands."""


def comments_start(raw: list[str]) -> int | None:
    """The line (numbered from 1) where the comments under a blog post start, or None: in the
    page's second half, a comments section's head ("2 comments:") with a commenter's name
    ("Marla Dee said...", "Corinne says:") among the lines just after it, or a commenter's name
    with a second one further on. Everything from there is the readers', not the story's (a
    post's page ends with its comments; a page of several posts shows only their counts)."""
    filled = [(number, line.strip()) for number, line in enumerate(raw, 1) if line.strip()]
    for index in range(len(filled) // 2, len(filled)):
        number, text = filled[index]
        if _COMMENTS_HEAD.fullmatch(text):
            ahead = filled[index + 1:index + 1 + _COMMENTS_LOOKAHEAD]
            if any(_opens_comment(line) for _, line in ahead):
                return number
        elif _opens_comment(text) and any(_opens_comment(line) for _, line in filled[index + 1:]):
            return number
    return None


def _opens_comment(text: str) -> bool:
    """A commenter's name, alone ("Ruth said...") or with the comment run on after it."""
    if commenter_line(text):
        return True
    cuts = [cut for cut in (text.find(" said...", 0, 64), text.find(" said…", 0, 64)) if cut > 0]
    return bool(cuts) and commenter_line(text[:min(cuts)] + " said...")


_GLUED_LABEL = patterns.compile(r"(?:Image|Media|Video|Picture|Photo) (?:copyright|caption|source)")
"""The labels screen readers hear before a photo's credit and caption (BBC-style pages), written
as they are ("the image caption" in a sentence is not one)."""


_FILE_STEM = patterns.compile(r"(?P<stem>[A-Za-z]{2,12})[-_]?\d{1,6}")
"""`eikones3`, `IMG_2231`, `DSC01234`: a picture's file name without its extension."""


def _file_stem(text: str) -> str | None:
    match = _FILE_STEM.fullmatch(text.strip())
    return match.group("stem").casefold() if match else None


def _repeated_file_stems(raw: list[str]) -> set[str]:
    """Stems of file names standing alone on at least two lines: where the page's pictures were
    (`eikones3`, `eikones9`). One such line may be a word with a number ("Apollo11")."""
    counts: dict[str, int] = {}
    for line in raw:
        stem = _file_stem(line) if len(line) <= 40 else None
        if stem is not None:
            counts[stem] = counts.get(stem, 0) + 1
    return {stem for stem, count in counts.items() if count >= 2}


def _glued_runs(raw: list[str]) -> list[tuple[int, str]]:
    """(line number, line) for each line, a gallery run together on one line cut apart first:
    `Image copyrightEPAImage captionA hurdler…Friday.Image copyrightREUTERSImage caption…` is one
    line per label (two or more labels on a line: one label alone is read where it stands)."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(raw, start=1):
        starts = [match.start() for match in _GLUED_LABEL.finditer(line)] if len(line) > 40 else []
        if len(starts) < 2:
            starts = _after_bracketed_credits(line) if len(line) > 200 else []
        if len(starts) < 2:
            starts = _around_slashed_credits(line) if len(line) > 300 else []
        if len(starts) < 2:
            starts = _inline_list_numbers(line) if len(line) > 120 else []
        if len(starts) < 2:
            out.append((number, line))
            continue
        cuts = [0, *[start for start in starts if start > 0], len(line)]
        out.extend((number, line[a:b]) for a, b in zip(cuts, cuts[1:]) if line[a:b].strip())
    return out


INLINE_LIST_LEAST = 3
"""A numbered list run together on one line is cut where at least this many numbers count up."""
_INLINE_NUMBER = patterns.compile(r"(?:^|[\s.!?)”\"])(\d{1,3})[.)]\s+[\p{Lu}“\"‘']")


def _inline_list_numbers(line: str) -> list[int]:
    """Where each item starts in `1. A roller disco in a church hall, 1970s. 2. Schoolgirls watching
    …`: a numbered list whose line breaks were lost. Only numbers that count up one by one from
    the first (1 or the number at the line's start) cut, and only where INLINE_LIST_LEAST of them
    do: "in 2. place" or a single "3. " in prose is not a list."""
    cuts: list[int] = []
    expected = None
    for match in _INLINE_NUMBER.finditer(line):
        value = int(match.group(1))
        if expected is None and (value == 1 or match.start(1) == 0) or value == expected:
            cuts.append(match.start(1))
            expected = value + 1
    return cuts if len(cuts) >= INLINE_LIST_LEAST else []


def _after_bracketed_credits(line: str) -> list[int]:
    """Where each caption starts in `… Tuesday. (AP Photo/Rina Hartono)Oleksandr Moroz, 9, reads…
    (AP Photo/Halyna Bondar)A heron…`: after every bracketed credit that another caption follows
    (a capital or a quote, glued on or after a space). Each closing bracket looks back a bounded
    way for its opening one: linear in the line."""
    cuts: list[int] = []
    index = line.find(")")
    while 0 <= index < len(line) - 1:
        opener = line.rfind("(", max(0, index - 140), index)
        after = index + 1
        while after < len(line) and line[after] == " ":
            after += 1
        if opener >= 0 and after < len(line) and (line[after].isupper() or line[after] in "“\"‘") and \
                credit_line(line[opener + 1:index]) is not None:
            cuts.append(after)
        index = line.find(")", index + 1)
    return cuts


def _around_slashed_credits(line: str) -> list[int]:
    """Where to cut a page flattened onto one line around its `Name Surname / AGENCY` credits
    (`… du Nigeria. Youssef Amrani / EPA Des artisanes…`): before each credit and after it. Only
    a line with at least three such credits is cut (one slash in a long paragraph is prose's).
    Each spaced slash looks at a bounded number of words either side: linear in the line."""
    spans: list[tuple[int, int]] = []
    index = line.find(" / ")
    while index >= 0:
        span = slashed_credit_span(line, index)
        if span is not None and (not spans or span[0] >= spans[-1][1]):
            spans.append(span)
        index = line.find(" / ", index + 3)
    if len(spans) < 3:
        return []
    cuts = [cut for start, end in spans for cut in (start, end) if 0 < cut < len(line)]
    return sorted(set(cuts))


def _titled_captions(units: list[Unit]) -> bool:
    """Captions that are only a work's title and its photographer ("Salt Harvest by Name"), one
    after another: at least two such lines, most followed by another or ending the article. (A
    heading of that shape over the entry's text names the work's maker: "Studio by Harrow & Finch"
    over a paragraph about the building.)"""
    return _in_runs([unit.long is False and titled_by(unit.text) is not None for unit in units])


DASHED_LEAST = 3
"""Lines written "Title – Name" that make it the article's way of naming its photographers."""


def _dashed_captions(units: list[Unit]) -> bool:
    """Headings written as a work's title (or prize), a dash and its photographer ("Slow Dance –
    Marla Jennings"), with text between them: at least DASHED_LEAST such lines naming more than
    one person, and most of the short lines with a spaced dash in them."""
    dashed = [found for unit in units if not unit.long and (found := dashed_maker(unit.text)) is not None]
    with_dash = sum(1 for unit in units if not unit.long and last_spaced_dash(unit.text.strip()) >= 0)
    return len(dashed) >= DASHED_LEAST and len({name for _, name in dashed}) >= 2 and 2 * len(dashed) >= with_dash


def _maker_first_captions(units: list[Unit]) -> bool:
    """Captions written photographer first ("Wendell Marsh. Birches, Vermont."), one after another
    as _titled_captions counts them."""
    return _in_runs([unit.long is False and named_first(unit.text) is not None for unit in units])


def _in_runs(titled: list[bool]) -> bool:
    count = sum(titled)
    if count < 2:
        return False
    in_runs = sum(1 for index, yes in enumerate(titled) if yes and (index + 1 == len(titled) or titled[index + 1]))
    return 2 * in_runs >= count


def _labelled_alt(line: str) -> str | None:
    """`Image: Lion cub at Taronga Zoo`: a short phrase under an "Image:" label, not a sentence, is
    the picture's alt text; a sentence there ("Image: A lion cub takes its first walk….") is its
    caption, and a credit there ("Image: REUTERS/Name") its credit."""
    stripped = line.strip()
    if not stripped[:6].casefold() == "image:" or len(stripped) > 120:
        return None
    rest = stripped[6:].strip()
    if not rest or len(rest.split()) > 12 or rest.endswith((".", "!", "?", "…", '"', "”")) \
            or credit_line(rest) is not None or furniture(rest) is not None:
        return None
    return _ALT_TEXT


_ALT_TEXT = "a picture's alt text"


def _clean_whole(line: str) -> str:
    """The line cleaned of markup and spaces only, its label kept (for the report)."""
    return " ".join(_TAG.sub(" ", line).split())


def _leading_counter(text: str) -> int | None:
    """Where the text after a slide counter opening the line starts ("Image 1 of 90: NAME…",
    "1 of 8 To full screen"), the counter's first number at most its second and the rest a new
    sentence or a button ("1 of 3 children…" is prose)."""
    match = _LEADING_COUNTER.match(text[:40])
    if match is None:
        # "01 © Name - Contest": a slide's bare number before its labelled credit
        number, _, rest = text.partition(" ")
        if number.isdigit() and len(number) <= 3 and rest.strip() and starts_with_credit_label(rest.strip()) \
                and credit_line(rest) is not None:
            return len(text) - len(rest.lstrip())
        return None
    if not 0 <= int(match.group(1)) <= int(match.group(2)) or match.end() >= len(text):
        return None
    rest = text[match.end():]
    if not (rest[:1].isupper() or rest[:1] in "“\"'‘"):
        return None
    return match.end()


# "dpa/Name Bild 3/60 - Caption…": a slide counter between the photo's credit and its caption
_INLINE_COUNTER = patterns.compile(rf"\s(?:{COUNTER_KINDS})\s+(\d{{1,4}})\s*(?:{COUNTER_OF})\s*(\d{{1,4}})"
                                   r"\s*[:.|–—-]\s*", patterns.IGNORECASE)


def _credit_then_counter(text: str) -> tuple[str, str, str] | None:
    """(credit, counter, caption) for `dpa/Anke Reinholz Bild 16/60 - Rostocks Mittelfeldspieler…`:
    a credit, a slide counter, then the caption (a new sentence), all on one line."""
    match = _INLINE_COUNTER.search(text[:160])
    if match is None or not 0 <= int(match.group(1)) <= int(match.group(2)):
        return None
    credit, rest = text[:match.start()].strip(), text[match.end():].strip()
    if not rest or not (rest[:1].isupper() or rest[:1] in "“\"'‘") or credit_line(credit) is None:
        return None
    return credit, match.group(0).strip(" -–—:.|"), rest


def _trailing_counter(tail: str) -> patterns.Match | None:
    """A counter ("3/ 14") at the end of `tail`, its first number at most its second."""
    match = _TRAILING_COUNTER.search(tail)
    if match is None or not 1 <= int(match.group(1)) <= int(match.group(2)):
        return None
    return match


GLUED_LABEL_LEAST = 2
"""Lines a label must be glued to before it is read as one."""
_GLUE_REACH = 60


def _glued_prefix(text: str) -> int:
    """Where the text after a label glued to it without a space starts ("Jackson Photos of the
    WeekLoretta Fenwick rocks…": a lower-case letter right before a capital, after two words or
    more), or 0."""
    for index in range(3, min(len(text) - 1, _GLUE_REACH)):
        before, after = text[index - 1], text[index]
        if before.islower() and after.isupper():
            prefix = text[:index]
            words = prefix.split()
            # (not inside a name written with a capital in it: "McKee", "MacKenzie", "DeShawn")
            if len(words) < 2 or len(words[-1]) < 3 or words[-1].casefold() in _NAME_HEADS or not all(
                    2 * sum(ch.isalpha() for ch in word) > len(word) for word in words) or \
                    sum(1 for word in words if len(word) >= 3) < 2:
                return 0  # (and a label is words, two of three letters at least: "Photos of the Week")
            return index if len(text[index:].split()) >= 3 else 0
    return 0


_NAME_HEADS = {"mac", "mcc", "van", "von", "del", "des", "den", "der", "dos", "das"}
"""Openings of surnames written with a second capital ("MacKenzie", "VanDyke"), at least three letters."""


def _glued_labels(raw: list[str]) -> set[str]:
    """Labels (a gallery's name, "Photo of the day") glued to the start of at least
    GLUED_LABEL_LEAST lines without a space: the same words before the glue on each."""
    seen: dict[str, int] = {}
    for line in raw:
        text = line.strip()
        at = _glued_prefix(text)
        if at:
            seen[text[:at]] = seen.get(text[:at], 0) + 1
    return {prefix for prefix, count in seen.items() if count >= GLUED_LABEL_LEAST}


WRAPPED_LEAST = 2
"""Lines broken mid-sentence an article must have before its broken lines are joined."""
_SENTENCE_CLOSE = ".!?…:;\"”’»)]"


def _wraps_into(line: Unit, below: Unit) -> bool:
    """Whether `below`, on the very next line, goes on with the sentence `line` leaves open
    ("Harriet Lindqvist of Ketchikan, Alaska" / "caught her neighbor's Beaver…"): a caption
    broken over lines by hand. Not a credit or a "by Name" under a heading."""
    opening = below.text[:1]
    return (below.line == line.line + 1 and not line.credit and not below.credit and not below.after_counter
            and not below.after_label and line.text.rstrip()[-1:] not in _SENTENCE_CLOSE
            and opening.islower() and opening.upper() != opening
            and below.text[:3].casefold() != "by " and credit_line(below.text) is None
            and not starts_with_credit_label(below.text) and not is_name_line(line.text)
            and credit_line(line.text) is None)


def _join_wrapped(units: list[Unit]) -> list[Unit]:
    """Lines of one sentence broken by hand, one under another, joined into one line, where the
    article breaks lines so at least WRAPPED_LEAST times (a heading over a caption that happens
    to start in lower case is no such break)."""
    breaks = [index for index in range(1, len(units)) if _wraps_into(units[index - 1], units[index])]
    if len(breaks) < WRAPPED_LEAST:
        return units
    joined: list[Unit] = []
    at = set(breaks)
    for index, unit in enumerate(units):
        if index in at:
            last = joined[-1]
            # (line numbers: the joined line keeps its first; the next break is from this one's)
            joined[-1] = replace(last, text=f"{last.text.rstrip()} {unit.text.lstrip()}")
            continue
        joined.append(unit)
    return joined


def _merge_repeats(units: list[Unit], dropped: list[tuple[int, str, str]]) -> list[Unit]:
    """One copy of a caption written several times nearby (one maybe cut short): the fullest.

    Short lines repeated right after themselves are left alone: doubled headings say where
    entries start (article.py reads them).
    """
    kept: list[Unit] = []
    for unit in units:
        core = _core(unit.text)
        truncated = core != unit.text.casefold().strip()
        if unit.long or truncated:
            match = None
            for index in range(len(kept) - 1, max(-1, len(kept) - 5), -1):
                if _copies(core, _core(kept[index].text)):
                    match = index
                    break
            if match is not None:
                earlier = kept[match]
                fuller = unit if len(_core(unit.text)) > len(_core(earlier.text)) else earlier
                loser = earlier if fuller is unit else unit
                # (a copy on each side of a slide counter: the counter's photo, whichever is kept)
                kept[match] = replace(fuller, line=earlier.line, copied=True,
                                      after_counter=earlier.after_counter or unit.after_counter)
                dropped.append((loser.line, loser.text, "a repeat of the caption on line " + str(earlier.line)))
                continue
        kept.append(unit)
    return kept


def spread_through(keys: list[str | None], least: int) -> set[str]:
    """The keys written at least `least` times *through* the text: with other lines between the
    copies at least `least - 1` times (a headline at the top and twice more in the footer's links
    is not written with every photo). None is no key."""
    where: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key is not None:
            where.setdefault(key, []).append(index)
    return {key for key, places in where.items()
            if sum(1 for a, b in zip(places, places[1:]) if b - a > 1) >= least - 1}


BOILERPLATE_REPEATS = 3
"""A short line written this often is the page's own ("Comparte la fotografía", "Ver galería")."""


HEADLINE_LINES = 15
"""The first lines, where a page's headline stands (before its story)."""
UPLOAD_DIGITS = 6
"""A run of at least this many digits in a short line is an upload's number (`ap 24081133120457 …`)."""


def numbers_as_marks(text: str, least: int = 1) -> str:
    """`text` case-folded, each run of at least `least` digits written as one `#`: lines that
    differ only in such numbers compare equal ("Challenge 1" / "Challenge 2", an upload's number)."""
    folded = text.casefold()
    if sum(1 for ch in folded if ch.isdigit()) < least:
        return folded
    out: list[str] = []
    digits: list[str] = []
    for ch in folded + " ":
        if ch.isdigit():
            digits.append(ch)
            continue
        if digits:
            out.append("#" if len(digits) >= least else "".join(digits))
            digits = []
        out.append(ch)
    return "".join(out)[:-1]


def _boilerplate_key(text: str) -> str:
    """A line as compared for repeats: `ap 24081133120457 best photos` and `ap 24081278834412 best
    photos` are the same file-name alt written with every photo (UPLOAD_DIGITS or more digits)."""
    return numbers_as_marks(text, UPLOAD_DIGITS)


def _drop_boilerplate(units: list[Unit], dropped: list[tuple[int, str, str]]) -> list[Unit]:
    """Short lines repeated word for word with every photo — a share prompt, a button, a slideshow
    label, in any language — are the page's, not the story's. Credits ("Source: Drone Awards") and
    photographers' names repeat for the photos they credit, and are kept; so are lines written
    twice (a heading and its copy). The mark of a slide counter before a dropped line passes to
    the next line."""
    keys: list[str | None] = [_boilerplate_key(unit.text) for unit in units]
    spread = spread_through(keys, BOILERPLATE_REPEATS)
    kept: list[Unit] = []
    carry = False
    seen: set[str | None] = set()
    first_long = next((index for index, unit in enumerate(units) if unit.long), len(units))
    top = set(keys[:min(HEADLINE_LINES, first_long)])  # (the lines above the story's first paragraph)
    for unit, key in zip(units, keys):
        coded = key != unit.text.casefold()  # (an upload's number in it: a picture's file name, words aside)
        # The headline written again as each picture's alt: its first copy, at the top, stays
        longer = not unit.long and unit.words <= 25 and key in seen and key in top
        seen.add(key)
        if key in spread and (unit.words <= 6 and len(unit.text) <= 60 or coded and unit.words <= 12 or longer) and \
                not unit.credit and credit_line(unit.text) is None and not is_name_line(unit.text) and \
                not unit.text.rstrip().endswith((".", "?", "!")):
            dropped.append((unit.line, unit.text, "a line the page repeats with every photo"))
            carry = carry or unit.after_counter
            continue
        if carry and not unit.after_counter:
            unit = replace(unit, after_counter=True)
        carry = False
        kept.append(unit)
    return kept


def _drop_credit_notices(units: list[Unit], dropped: list[tuple[int, str, str]]) -> list[Unit]:
    """`Caption. / Copyright © africanews / PETER OTIENO/AFP`: one credit line written word for
    word with every photo (at least BOILERPLATE_REPEATS times), each time right beside another
    credit line that differs, is the site's notice, not a photo's credit: the credit beside it is.
    A photographer credited alone on every photo keeps every credit."""
    credits = [unit.credit or credit_line(unit.text) is not None for unit in units]
    keys: list[str | None] = [unit.text.casefold() if credit else None for unit, credit in zip(units, credits)]
    spread = spread_through(keys, BOILERPLATE_REPEATS)
    where: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key in spread:
            where.setdefault(key, []).append(index)
    notices: set[str] = set()
    for key, places in where.items():  # (each line looked at once: linear in the lines)
        if all(any(0 <= other < len(units) and credits[other] and keys[other] != key
                   for other in (index - 1, index + 1)) for index in places):
            notices.add(key)
    if not notices:
        return units
    kept: list[Unit] = []
    for unit, found in zip(units, keys):
        if found in notices:
            dropped.append((unit.line, unit.text, "a notice the page writes beside every credit"))
            continue
        kept.append(unit)
    return kept


def _drop_credit_copies(units: list[Unit], dropped: list[tuple[int, str, str]]) -> list[Unit]:
    """`Caption. / Name/AP / Kim Lo/Reuters / Next caption. / Kim Lo/Reuters`: a page that writes
    each photo's credit both above and below its caption, so that credits stand in pairs (the
    photo before's, then this one's copy). The copy above is dropped where the article does this
    at least twice; a photographer credited on several photos in a row (`caption, X, caption, X`)
    has no such pairs and keeps every credit."""
    def is_credit(unit: Unit) -> bool:
        return unit.credit or credit_line(unit.text) is not None

    def copied_below(index: int) -> bool:
        # the same credit again after one to three lines of caption (a dateline, the text)
        for after in range(index + 1, min(len(units), index + 5)):
            if is_credit(units[after]):
                return after > index + 1 and units[after].text == units[index].text
        return False

    copies = [index for index in range(1, len(units) - 2)
              if is_credit(units[index - 1]) and is_credit(units[index]) and copied_below(index)
              and units[index - 1].text != units[index].text]
    if len(copies) < 2:
        return units
    for index in copies:
        dropped.append((units[index].line, units[index].text, "a copy of the credit under the caption"))
    skip = set(copies)
    return [unit for index, unit in enumerate(units) if index not in skip]


def _drop_credit_repeats(units: list[Unit], dropped: list[tuple[int, str, str]],
                         copies: dict[int, int]) -> list[Unit]:
    """`Eilidh MacAskill, United Kingdom, 1st Place, …` then `Photographer Name: Eilidh MacAskill`:
    a credit line that names the photographer a line or two above already credited (in that
    line's own credit, not merely in its prose) says it again; one photo, one credit."""
    kept: list[Unit] = []
    for unit in units:
        # (after a slide counter a new photo starts: its credit repeats no earlier one)
        credit = unit.credit or credit_line(unit.text) is not None
        above = _credited_above(unit, kept) if credit and not unit.after_counter else None
        if credit and kept and not unit.after_counter and _same_credit(kept[-1], unit):
            # "Photo by Name/Getty Images" then "Photo by Name/Getty Images /": one credit, copied
            dropped.append((unit.line, unit.text, f"the credit of line {kept[-1].line} again"))
            copies[kept[-1].line] = unit.line
            continue
        if above is not None:
            dropped.append((unit.line, unit.text, f"the credit already on line {above}"))
            continue
        kept.append(unit)
    return kept


def _same_credit(first: Unit, second: Unit) -> bool:
    """Both lines are credits that name the same people (separators around them aside)."""
    one = credit_line(first.text) if not first.credit else first.text
    other = credit_line(second.text) if not second.credit else second.text
    return one is not None and other is not None and \
        credit_body(one).casefold().strip() == credit_body(other).casefold().strip()


def _credited_above(unit: Unit, kept: list[Unit]) -> int | None:
    """The line of the caption just above (before any other credit) whose own credit holds this
    credit's name, or None."""
    name = credit_body(unit.text).casefold()
    if len(name) < 5:
        return None
    for earlier in reversed(kept[-3:]):
        if earlier.credit or credit_line(earlier.text) is not None:
            return None
        found = split_credit(earlier.text)[1]
        if found is not None and name in found.casefold():
            return earlier.line
    return None


_CAPS_SMALL = {"A", "AN", "THE", "OF", "IN", "ON", "AT", "TO", "FOR", "AND", "&", "BY", "FROM", "WITH", "OVER"}


def _caps_heading_end(text: str) -> int:
    """Where a heading in capitals that opens the line ends (`LANTERNS OVER THE HARBOUR Photograph by…`),
    or 0: at least two words in capitals, then a credit label and at least four more words."""
    words = text[:200].split(" ")
    count, position = 0, 0
    for word in words:
        core = word.strip(",.:;!?'’\"“”()")
        letters = [ch for ch in core if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters) and (len(letters) >= 2 or core in _CAPS_SMALL):
            count += 1
            position += len(word) + 1
            continue
        break
    if count < 2 or position >= len(text) or not any(ch.islower() for ch in text[position:position + 30]):
        return 0
    if len(text[position:].split()) < 4 or words[count - 1].strip(",.:;") in _CAPS_SMALL:
        return 0
    # Only a credit label may follow ("… HARBOUR Photograph by Name In this…"): a kicker ("HOLDING
    # THE LINE: Students…") or a dateline ("LVIV, UKRAINE, JAN. 14.Children…") opens its caption.
    return position if starts_with_credit_label(text[position:]) else 0


PLACE_HEADINGS_LEAST = 3
"""A place heading run together with its paragraph is split off where the article does it this often."""


def place_heading_end(text: str) -> int:
    """Where a place heading run together with the paragraph under it ends (`Meteora, Greece
    Greece keeps pulling me back. …` → after "Greece"), or 0: one to three capitalised words, a
    comma, one capitalised word, then a capitalised word opening a sentence of some length."""
    words = text[:120].split(" ")
    if len(text.split()) < 10:
        return 0
    for comma in range(min(3, len(words) - 3)):
        if not all(word[:1].isupper() for word in words[:comma + 1]) or not words[comma].endswith(","):
            continue
        country, following = words[comma + 1], words[comma + 2]
        if country[:1].isupper() and country.isalpha() and following[:1].isupper() and \
                not following.endswith(".") and not any(w.endswith((",", ".", ":")) for w in words[:comma]):
            return len(" ".join(words[:comma + 2]))
        return 0
    return 0


def _split_headings(units: list[Unit], heading_end: Callable[[Unit], int]) -> list[Unit]:
    """Headings run together with the text under them (`heading_end`: where a unit's heading
    ends, or 0): each heading becomes its own line."""
    out: list[Unit] = []
    for unit in units:
        end = heading_end(unit)
        if end:
            out.append(replace(unit, text=unit.text[:end].strip()))
            out.append(Unit(unit.line, unit.text[end:].strip()))
        else:
            out.append(unit)
    return out


def _place_heading_end(unit: Unit) -> int:
    return place_heading_end(unit.text) if unit.long else 0


def _join_datelines(units: list[Unit]) -> list[Unit]:
    """A photo's dateline on its own line (`Dec. 29, 2020 | Washington, D.C.`) opens the caption
    under it, as a wire caption's dateline does: one line, so the photo is one caption."""
    out: list[Unit] = []
    index = 0
    while index < len(units):
        unit = units[index]
        following = units[index + 1] if index + 1 < len(units) else None
        if following is not None and photo_dateline(unit.text) and not following.credit and \
                credit_line(following.text) is None and not photo_dateline(following.text):
            out.append(replace(following, line=unit.line, text=f"{unit.text} — {following.text}",
                               after_counter=unit.after_counter or following.after_counter))
            index += 2
            continue
        out.append(unit)
        index += 1
    return out


def _numbering(units: list[Unit]) -> patterns.Pattern[str] | None:
    """The numbering pattern when at least two units carry numbers that count up (1, 2, 3… or
    20, 19, 18…); bare numbers ("1 Title") need three that count up, nearly all in step."""
    for pattern, least, slack in ((_NUMBERED, 2, None), (_BARE_NUMBERED, 3, 1), (_GLUED_NUMBERED, 3, 1)):
        numbers = [_number(m) for m in (pattern.fullmatch(u.text) for u in units) if m]
        if len(numbers) < least:
            continue
        steps = sum(1 for a, b in zip(numbers, numbers[1:]) if abs(b - a) == 1)
        needed = len(numbers) - 1 - slack if slack is not None else max(1, (len(numbers) - 1) // 2)
        if steps >= needed:
            return pattern
    return None


def _with_numbers(units: list[Unit], pattern: patterns.Pattern[str]) -> list[Unit]:
    """Each unit with its list number taken off. A long line ("14. This is what the delta looked
    like from orbit during…") is a numbered caption only where its number continues the count of
    the lines around it — prose that happens to open with "3. " does not."""
    matches = [pattern.fullmatch(unit.text) for unit in units]
    numbers = [_number(match) if match is not None else None for match in matches]
    out: list[Unit] = []
    last: int | None = None
    for index, (unit, match) in enumerate(zip(units, matches)):
        if match is None:
            out.append(unit)
            continue
        number = numbers[index]
        assert number is not None
        if unit.long and not match.group("rest").startswith(("“", '"')) and pattern is not _GLUED_NUMBERED:
            following = next((n for n in numbers[index + 1:] if n is not None), None)
            if not (last is not None and abs(number - last) == 1 or
                    following is not None and abs(following - number) == 1):
                out.append(unit)
                continue
        last = number
        out.append(replace(unit, text=match.group("rest").strip(), number=number,
                           prefix=unit.text[: match.start("rest")]))
    return out


def _number(match: patterns.Match) -> int:
    groups = match.groupdict()
    number = groups.get("hashed") or groups.get("plain") or groups.get("bare") or groups.get("glued")
    assert number is not None, "every numbering pattern captures its number in one of these groups"
    return int(number)
