"""Each line's role in a scraped photo article, chosen over the whole sequence at once.

Roles: title, byline (and other lines about the article), intro, heading, caption, paragraph
(more text of the entry above), credit. Every line is scored for every role on its features —
length, words, capitals, closing punctuation, position, list numbers, doubled lines, slide
counters, the credit grammar (credits.py), neighbours — and the cheapest sequence of roles is
found by dynamic programming (Viterbi) with transition costs that encode how articles are built:
a title first, intro before any entry, an entry starting with a heading or a caption, one credit
per entry.

A *layout* is what is consistent across one article: whether entries start with headings or
with captions, and whether credits are written before their caption or after it. Each layout
is solved separately; the cheapest wins, and the gap to the runner-up says how sure it is.
Linear in the number of lines (a fixed number of states per line).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from viewer.importer.credits import credit_line, is_name_line, split_credit
from viewer.importer.lines import Prepared, Unit

TITLE, BYLINE, CHROME, INTRO, HEADING, CAPTION, PARAGRAPH, CREDIT = "title", "byline", "chrome", "intro", \
    "heading", "caption", "paragraph", "credit"
ROLES = (TITLE, BYLINE, CHROME, INTRO, HEADING, CAPTION, PARAGRAPH, CREDIT)
INF = math.inf
TITLE_MAX_WORDS = 40
HEADING_MAX_WORDS = 14


@dataclass(frozen=True)
class Layout:
    headed: bool
    """Entries start with a heading (listicles) rather than with their caption (galleries)."""
    credit_before: bool
    """Credits are written on the line before their caption."""

    def describe(self) -> str:
        entries = "a heading per photo" if self.headed else "one caption per photo"
        credits = "credits before their captions" if self.credit_before else "credits after their captions"
        return f"{entries}, {credits}"


LAYOUTS = tuple(Layout(headed, before) for headed in (True, False) for before in (False, True))


@dataclass(frozen=True)
class Features:
    words: int
    long: bool
    sentence: bool
    """Ends like a sentence (. ! ? … or a closing quote)."""
    credit: str | None
    """The credit if the whole line is one."""
    suffix: str | None
    """A credit at the start or end of the line."""
    name: bool
    """Only a person's name."""
    numbered: bool
    doubled: bool
    after_counter: bool
    capitals: float
    """Share of words that start with a capital."""
    byline: bool
    next_long: bool
    previous_short: bool
    photo_words: bool = False
    """Names pictures or a time span, as gallery headlines do ("in pictures", "photos of the week")."""
    repeated: bool = False
    """The same text is on another line too (a headline written twice)."""
    about: bool = False
    """Talks about the pictures or the reader: an introduction's words."""
    title_like: bool = False
    """Short, not a sentence, not a credit: could be a headline."""
    text_ends_title: bool = False
    """Ends in a closing quote or bracket, as headlines may."""


@dataclass
class Labelling:
    roles: list[str]
    layout: Layout
    cost: float
    margin: float
    """How much cheaper than the best other layout (INF when only one was possible)."""
    steps: list[float] = field(default_factory=list)
    """What each line's role cost."""

    @property
    def sure(self) -> str:
        if self.margin >= 6:
            return "sure"
        return "fairly sure" if self.margin >= 2 else "unsure"


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", "…", "”", '"', "’", ")", ":"))


def _is_byline(text: str) -> bool:
    lowered = text.casefold()
    return len(text) <= 90 and (lowered.startswith(("by ", "by:", "words by", "text by", "written by", "story by",
                                                    "words and photos by", "photos and text by", "curated by",
                                                    "compiled by", "edited by", "posted by", "published by"))
                                or lowered.endswith(("staff writer", "community member", "contributor", "editor")))


_ABOUT = ("these photos", "these pictures", "these images", "the photos", "the pictures", "the images",
          "photographer", "photographs", "gallery", "here are", "here's", "below", "scroll", "we've", "we have",
          "our ", "you'll", "you will", "collection", "selection", "compiled", "series", "subreddit", "winners",
          "finalists", "competition", "contest", "award", "shortlist", "editors", "week's", "this week", "roundup")


_PHOTO_WORDS = ("picture", "photo", "image", "gallery", "week", "year", "day", "month", "winner", "award",
                "shortlist", "finalist", "best", "moments", "portraits", "views", "scenes", "shots", "pics")


def _photo_words(text: str) -> bool:
    lowered = text.casefold()
    return any(word in lowered for word in _PHOTO_WORDS)


def _about(text: str) -> bool:
    lowered = text.casefold()
    return len(text) > 60 and any(word in lowered for word in _ABOUT)


def features(units: list[Unit], doubled: set[int], prepared: Prepared) -> list[Features]:
    out = []
    counts: dict[str, int] = {}
    for unit in units[:60]:
        counts[unit.text.casefold()] = counts.get(unit.text.casefold(), 0) + 1
    for index, unit in enumerate(units):
        text = unit.text
        whole = unit.text if unit.credit else credit_line(text)
        suffix = None if whole else split_credit(text)[1]
        words = text.split()
        capitals = sum(1 for w in words if w[:1].isupper()) / len(words) if words else 0.0
        after = units[index + 1] if index + 1 < len(units) else None
        before = units[index - 1] if index else None
        out.append(Features(
            words=unit.words, long=unit.long, sentence=_ends_sentence(text), credit=whole, suffix=suffix,
            name=whole is None and is_name_line(text), numbered=prepared.numbered and unit.number is not None,
            doubled=unit.line in doubled, after_counter=unit.after_counter, capitals=capitals,
            byline=_is_byline(text), next_long=after is not None and after.long,
            previous_short=before is not None and not before.long,
            about=_about(text), photo_words=_photo_words(text), repeated=counts.get(text.casefold(), 0) > 1,
            title_like=whole is None and suffix is None and unit.words <= 25 and not _ends_sentence(text),
            text_ends_title=text.rstrip().endswith(("”", '"', "’", ")", "?", "!"))))
    return out


@dataclass(frozen=True)
class _Article:
    """What is true of the whole article, for the emission costs."""
    numbered: bool
    doubles: bool
    counters: bool
    credit_share: float
    """Share of lines that are credits or end with one."""
    suffix_share: float
    short_share: float
    """Share of the lines that are not credits that are short."""


def _emission(f: Features, role: str, first: bool, article: _Article, layout: Layout) -> float:
    """What it costs to give this line this role (lower is likelier)."""
    if role == CREDIT:
        if f.credit is not None:
            return 0.0
        if f.name:
            return 1.2 if layout.headed and f.previous_short else 2.5
        return INF
    if f.credit is not None and role not in (BYLINE,):
        return 7.0  # a credit phrase as text: only when nothing else fits
    if role == TITLE:
        if f.words > TITLE_MAX_WORDS or f.suffix is not None or f.sentence and f.words > 12 and not f.text_ends_title:
            return INF  # a sentence, not a headline
        cost = 1.5
        if 4 <= f.words <= 25:
            cost -= 0.7
        if f.photo_words:
            cost -= 0.5
        if f.repeated:
            cost -= 0.6
        if f.words <= 3:
            cost += 1.0  # a site's name
        if f.long:
            cost += 0.5
        if first:
            cost -= 0.3
        return max(cost, 0.0)
    if role == CHROME:
        return 1.3 if f.words <= 8 and not f.long else INF
    if role == BYLINE:
        if f.byline:
            return 0.0
        if f.name:
            return 1.0
        return INF
    if role == HEADING:
        if f.numbered or f.doubled:
            return 0.0
        cost = 1.2
        if article.numbered or article.doubles:
            cost += 3.0  # the article marks its headings: unmarked lines are not
        if f.long or f.words > HEADING_MAX_WORDS:
            cost += 5.0
        if f.sentence:
            cost += 2.0
        if f.suffix is not None:
            cost += 3.0
        if f.capitals >= 0.6 and f.words >= 2:
            cost -= 0.4
        if not f.next_long:
            cost += 0.5
        return max(cost, 0.1)
    if role == CAPTION:
        cost = 0.6 if f.long else 1.0
        if f.long and article.short_share >= 0.6 and f.suffix is None:
            cost += 1.0  # one long paragraph among short captions: prose, not a caption
        if f.suffix is not None:
            cost -= 0.6
        if f.numbered:
            cost += 2.5 if layout.headed else 0.0
        if f.after_counter:
            cost -= 0.5
        if f.name:
            cost += 1.0
        return max(cost, 0.0)
    if role == PARAGRAPH:
        cost = 0.5 if f.long else 1.1
        if not layout.headed:
            cost += 0.8  # a gallery gives each photo one paragraph
        if f.suffix is not None and not layout.headed:
            cost += 1.5
        if f.numbered:
            cost += 3.0
        if f.after_counter and article.counters:
            cost += 4.0
        return cost
    if role == INTRO:
        cost = 0.8 if f.long else 1.6
        if f.long and article.short_share >= 0.6:
            cost -= 0.3
        if f.about:
            cost -= 0.6  # "these pictures", "our photographers", "here are": about the gallery
        if f.suffix is not None:
            cost += 3.0
        if f.after_counter and article.counters:
            cost += 4.0
        if f.numbered:
            cost += 3.0
        return cost
    raise ValueError(role)


@dataclass(frozen=True)
class _State:
    last: str
    """The last role given ("" at the start)."""
    started: bool
    """An entry has started."""
    credited: bool
    """The current entry has its credit."""
    bare: bool
    """The current entry is a heading with nothing under it yet."""
    titled: bool = False


def _transition(state: _State, role: str, layout: Layout, article: _Article,
                f: Features) -> tuple[_State, float] | None:
    if role == TITLE:
        if state.titled or state.started or state.last not in ("", BYLINE):
            return None  # the headline comes before the story (page chrome may come before it)
        return _State(TITLE, False, False, False, True), 0.0
    if role == CHROME:
        return None if state.started else (_State(state.last, False, False, False, state.titled), 0.0)
    moved = _move(state, role, layout, article)
    if moved is not None and state.titled and not moved[0].titled:
        moved = replace(moved[0], titled=True), moved[1]
    if moved is not None and article.counters:
        new_state, cost = moved
        starts = role == HEADING or (role == CAPTION and not state.bare)
        if starts != f.after_counter and not (f.after_counter and role == CREDIT):
            moved = new_state, cost + 3.0  # a slideshow page: each counter starts a photo, and only a counter
    if moved is None or f.suffix is None or role not in (HEADING, CAPTION, PARAGRAPH):
        return moved
    # A line that ends (or starts) with its credit credits the entry it belongs to.
    new_state, cost = moved
    if new_state.credited:
        cost += 3.5  # a second credit for one photo
    return _State(new_state.last, True, True, False, new_state.titled), cost


def _move(state: _State, role: str, layout: Layout, article: _Article) -> tuple[_State, float] | None:
    last = state.last
    if role == TITLE:
        return (_State(TITLE, False, False, False), 0.0) if last == "" else None
    if role == BYLINE:
        if state.started:
            return None
        return _State(BYLINE, False, False, False), (0.0 if last in ("", TITLE, BYLINE) else 1.5)
    if layout.credit_before and last == CREDIT and role not in (HEADING, CAPTION):
        return None  # a credit written before its caption is followed by that caption
    if role == INTRO:
        if state.started:
            return None
        return _State(INTRO, False, False, False), 0.0
    uncredited = 0.0
    if state.started and not state.credited:
        uncredited = 1.6 * article.credit_share  # an entry ends without a credit in an article that has them
    if role == HEADING:
        cost = uncredited + (0.0 if layout.headed else 2.5)
        if state.bare:
            cost += 2.0  # a heading with nothing under it
        return _State(HEADING, True, layout.credit_before and last == CREDIT, True), cost
    if role == CAPTION:
        if state.bare:  # the caption under a heading
            return _State(CAPTION, True, state.credited, False), 0.0
        cost = uncredited + (3.5 if layout.headed else 0.0)
        return _State(CAPTION, True, layout.credit_before and last == CREDIT, False), cost
    if role == PARAGRAPH:
        if not state.started:
            return None
        cost = 0.0
        if layout.credit_before is False and state.credited and not layout.headed:
            cost += 2.5  # text after a caption's credit, in a gallery: more likely a new caption
        return _State(PARAGRAPH, True, state.credited, False), cost
    if role == CREDIT:
        if layout.credit_before:
            if last == CREDIT:
                return None
            # The credit of the next entry; in a headed layout, "heading, credit, text" also reads so.
            if state.bare and layout.headed:
                return _State(CREDIT, True, True, True), 0.3
            return _State(CREDIT, state.started, True, False), uncredited  # it closes the entry before
        if not state.started:
            return _State(CREDIT, False, False, False), 4.0
        if state.credited:
            return _State(CREDIT, True, True, False), 3.5  # a second credit for one photo
        return _State(CREDIT, True, True, state.bare), 0.0
    raise ValueError(role)


def _solve(feats: list[Features], layout: Layout, article: _Article) -> tuple[float, list[str], list[float]]:
    start = _State("", False, False, False)
    # best[state] = (cost, back-pointer index into history)
    frontier: dict[_State, tuple[float, int]] = {start: (0.0, -1)}
    history: list[tuple[str, int, float]] = []  # (role, parent history index, cost so far)
    first_content = True
    for feature in feats:
        nxt: dict[_State, tuple[float, int]] = {}
        for state, (cost, pointer) in frontier.items():
            for role in ROLES:
                emit = _emission(feature, role, first_content and state.last == "", article, layout)
                if emit == INF:
                    continue
                moved = _transition(state, role, layout, article, feature)
                if moved is None:
                    continue
                new_state, step = moved
                total = cost + emit + step
                if new_state not in nxt or total < nxt[new_state][0]:
                    history.append((role, pointer, total))
                    nxt[new_state] = (total, len(history) - 1)
        frontier = nxt
        first_content = False
        if not frontier:
            return INF, [], []
    end_cost = INF
    end_pointer = -1
    for state, (cost, pointer) in frontier.items():
        final = cost
        if state.started and not state.credited:
            final += 1.6 * article.credit_share
        if layout.credit_before and state.last == CREDIT:
            final += 4.0
        if state.bare:
            final += 2.0
        if not state.started:
            final += 5.0  # no entry at all
        if not state.titled:
            final += 2.0  # most articles have a headline
        if final < end_cost:
            end_cost, end_pointer = final, pointer
    roles: list[str] = []
    totals: list[float] = []
    while end_pointer >= 0:
        role, end_pointer, total = history[end_pointer]
        roles.append(role)
        totals.append(total)
    roles.reverse()
    totals.reverse()
    steps = [round(b - a, 2) for a, b in zip([0.0, *totals], totals)]
    return end_cost, roles, steps




def label(units: list[Unit], doubled: set[int], prepared: Prepared) -> Labelling:
    """The cheapest roles for `units` over every layout."""
    feats = features(units, doubled, prepared)
    article = _article(feats, prepared, doubled)
    results = []
    for layout in LAYOUTS:
        cost, roles, steps = _solve(feats, layout, article)
        if roles:
            results.append((cost, layout, roles, steps))
    results.sort(key=lambda item: item[0])
    best_cost, best_layout, best_roles, best_steps = results[0]
    # Layouts that differ only in where credits go cost the same when there are no credits.
    others = [cost for cost, layout, roles, _ in results[1:] if roles != best_roles]
    margin = others[0] - best_cost if others else INF
    return Labelling(roles=best_roles, layout=best_layout, cost=best_cost, margin=margin, steps=best_steps)


def _article(feats: list[Features], prepared: Prepared, doubled: set[int]) -> _Article:
    count = max(1, len(feats))
    credits = sum(1 for f in feats if f.credit is not None or f.suffix is not None)
    return _Article(numbered=prepared.numbered, doubles=len(doubled) >= 2,
                       counters=prepared.counters >= 2, credit_share=min(1.0, 2.5 * credits / count),
                       suffix_share=sum(1 for f in feats if f.suffix is not None) / count,
                       short_share=sum(1 for f in feats if f.credit is None and not f.long) / max(
                           1, sum(1 for f in feats if f.credit is None)))


def solve(units: list[Unit], doubled: set[int], prepared: Prepared, layout: Layout) -> tuple[float, list[str], list[float]]:
    """One layout's cheapest roles, with each line's cost (for tuning and for tests)."""
    feats = features(units, doubled, prepared)
    return _solve(feats, layout, _article(feats, prepared, doubled))
