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

import json
import math
import os
from dataclasses import dataclass, field
from typing import NamedTuple

from viewer.importer.credits import credit_line, is_name_line, split_credit
from viewer.importer.lines import Prepared, Unit

TITLE, BYLINE, CHROME, INTRO, HEADING, CAPTION, PARAGRAPH, CREDIT, FOOTER, NOISE, ALT, SECTION = (
    "title", "byline", "chrome", "intro", "heading", "caption", "paragraph", "credit", "footer", "noise", "alt",
    "section")
ROLES = (TITLE, BYLINE, CHROME, INTRO, HEADING, CAPTION, PARAGRAPH, CREDIT, FOOTER, NOISE, ALT, SECTION)
INF = math.inf
TITLE_MAX_WORDS = 40
PRUNE = 15.0
"""Paths this much costlier than the best at a line are given up (beam search)."""
HEADING_MAX_WORDS = 14


W: dict[str, float] = {
    "noise_code": 0.3,
    "alt": 0.9,
    "section": 2.0,
    "noise_step": 0.0,
    "credit1": 0.5,
    "credit_label": 0.8,
    "credit2": 0.85,
    "credit3": 1.75,
    "credit4": 7.0,
    "title1": 1.5,
    "title2": 0.7,
    "title3": 0.5,
    "title4": 0.6,
    "title5": 1.0,
    "title6": 0.5,
    "title7": 0.3,
    "title8": 0.0,
    "chrome1": 0.75,
    "chrome2": 1.3,
    "footer1": 0.0,
    "footer2": 0.9,
    "footer3": 3.5,
    "byline1": 0.0,
    "byline2": 1.0,
    "heading1": 0.0,
    "heading2": 1.2,
    "heading3": 3.0,
    "heading4": 5.0,
    "heading5": 2.0,
    "heading6": 3.0,
    "heading7": 0.3,
    "heading8": 1.0,
    "heading9": 0.1,
    "caption1": 0.1,
    "caption2": 1.0,
    "caption3": 1.5,
    "caption4": 0.9,
    "caption5": 2.5,
    "caption6": 0.0,
    "caption7": 0.5,
    "caption8": 1.0,
    "caption9": 0.8,
    "caption_label": 0.8,
    "caption_tiny": 1.2,
    "title_menu": 2.5,
    "heading_place": 0.5,
    "heading_name": 0.0,
    "caption10": 0.0,
    "paragraph1": 0.75,
    "paragraph2": 0.83,
    "paragraph3": 1.5,
    "paragraph4": 1.0,
    "paragraph5": 0.8,
    "paragraph6": 1.5,
    "paragraph7": 3.0,
    "paragraph8": 4.0,
    "intro1": 1.2,
    "intro2": 1.6,
    "intro3": 0.18,
    "intro4": 0.0,
    "intro5": 3.0,
    "intro6": 4.0,
    "intro7": 3.0,
    "title9": 0.0,
    "chrome3": 0.0,
    "footer4": 0.0,
    "footer5": 4.0,
    "footer6": 0.0,
    "footer7": 0.5,
    "footer8": 1.5,
    "footer9": 3.5,
    "title10": 0.0,
    "byline3": 0.0,
    "byline4": 1.5,
    "intro8": 0.0,
    "intro9": 0.0,
    "intro10": 1.6,
    "heading10": 0.0,
    "heading11": 2.5,
    "heading12": 2.0,
    "caption11": 0.0,
    "caption12": 6.0,
    "caption13": 0.0,
    "paragraph9": 0.0,
    "paragraph10": 2.5,
    "credit5": 0.3,
    "credit6": 2.0,
    "credit7": 5.25,
    "credit8": 0.0,
    "end1": 1.1,
    "end2": 4.0,
    "end3": 2.0,
    "end4": 5.0,
    "end5": 2.0,
    "end6": 1.25,
}
"""The costs, by role and place of use; tuned on the corpus's tuning split (benchmarks/tune_roles.py)."""


def _tuner_costs(text: str) -> dict[str, float]:
    """The tuner's candidate costs (benchmarks/tune_roles.py runs the shape tests with them):
    known names with numbers only; anything else is ignored."""
    try:
        given = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(given, dict):
        return {}
    return {name: float(value) for name, value in given.items()
            if name in W and isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)}


W.update(_tuner_costs(os.environ.get("VIEWER_ROLE_COSTS", "")[:100_000]))


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
    text: str
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
    after_label: bool = False
    """Comes right after a caption's label ("Image caption,")."""
    next_label: bool = False
    """Comes right before a caption's label: in a layout of credits before captions, their credit."""
    next_counter: bool = False
    """A slide counter stands between this line and the next."""
    next_credit: bool = False
    """The next line is a credit."""
    place: bool = False
    """A place name ("Svalbard, Norway", "Lake Nakuru, Kenya"): where a photo was taken."""
    bullet: bool = False
    """Starts with a bullet ("• News"), as menus and link lists do."""
    footer_words: bool = False
    """Words of a page's end: rights reserved, privacy, related posts, next article…"""
    about: bool = False
    """Talks about the pictures or the reader: an introduction's words."""
    letters: bool = True
    """Has letters (not only numbers and codes)."""
    menu: bool = False
    """A row of menu entries copied as one line ("Home Gadgets Gaming Science")."""
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


_FOOTER_WORDS = ("rights reserved", "not supported", "optimal experience", "enable javascript", "produced by", "photo editing by", "edited by", "notifications", "stay up to date", "works better on", "our app",
                 "in the app", "download the app", "tag us", "sign in", "log in", "create account", "explore more", "more on this", "reuse this", "subject to copyright",
                 "related topics", "related content", "related galleries", "more galleries", "privacy", "terms of", "cookie", "related posts", "related stories",
                 "related articles", "you might also like", "you may also like", "most viewed", "most read",
                 "most popular", "more from", "more stories", "next article", "previous article", "next post",
                 "previous post", "older entries", "newer entries", "newsletter", "sign up", "follow us",
                 "comments", "leave a reply", "leave a comment", "disclaimer", "sponsored", "advertise",
                 "contact us", "about us", "all photos", "read more", "trending", "recommended", "share this",
                 "tags:", "filed under", "subscribe", "copyright ©", "© 20", "©20", "paid content")


def _footer_words(text: str) -> bool:
    lowered = text.casefold()
    return len(text) <= 240 and any(word in lowered for word in _FOOTER_WORDS)


def _about(text: str) -> bool:
    lowered = text.casefold()
    return len(text) > 60 and any(word in lowered for word in _ABOUT)


def _is_place(text: str) -> bool:
    words = text.replace(",", " ").split()
    return ", " in text and 2 <= len(words) <= 6 and not _ends_sentence(text) and all(
        w[:1].isupper() or w in ("de", "del", "la", "le", "of", "the", "upon", "am", "an", "en") for w in words)


_MENU_STARTS = ("home ", "menu ", "news ", "sections ")
_STOP_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "is", "are"}


def _is_menu(text: str) -> bool:
    words = text.split()
    if not 3 <= len(words) <= 12 or _ends_sentence(text):
        return False
    capitalised = all(w[:1].isupper() or w in ("&", "|", "•", "·") for w in words)
    no_grammar = not any(w.casefold() in _STOP_WORDS for w in words)
    return capitalised and no_grammar and (text.casefold().startswith(_MENU_STARTS) or len(words) >= 5)


def _text_follows(units: list[Unit], index: int, aside: list[bool]) -> bool:
    """Prose comes next, after at most two lines of credit, name or place (heading, name, place, text)."""
    for later in range(index + 1, min(len(units), index + 4)):
        if units[later].long:
            return True
        if not aside[later]:
            return False
    return False


def features(units: list[Unit], doubled: set[int], prepared: Prepared) -> list[Features]:
    counts: dict[str, int] = {}
    for unit in units[:60]:
        counts[unit.text.casefold()] = counts.get(unit.text.casefold(), 0) + 1
    # What neighbours ask of each other, worked out once a line.
    wholes = [unit.text if unit.credit else credit_line(unit.text) for unit in units]
    names = [whole is None and is_name_line(unit.text) for unit, whole in zip(units, wholes)]
    places = [_is_place(unit.text) for unit in units]
    aside = [whole is not None or name or place for whole, name, place in zip(wholes, names, places)]
    out: list[Features] = []
    for index, unit in enumerate(units):
        text = unit.text
        whole = wholes[index]
        suffix = None if whole else split_credit(text)[1]
        words = text.split()
        capitals = sum(1 for w in words if w[:1].isupper()) / len(words) if words else 0.0
        after = units[index + 1] if index + 1 < len(units) else None
        before = units[index - 1] if index else None
        out.append(Features(
            text=text, words=unit.words, long=unit.long, sentence=_ends_sentence(text), credit=whole, suffix=suffix,
            name=names[index], numbered=prepared.numbered and unit.number is not None,
            doubled=unit.line in doubled, after_counter=unit.after_counter or (
                before is not None and before.after_counter and out[-1].credit is not None), capitals=capitals,
            byline=_is_byline(text), next_long=_text_follows(units, index, aside), place=places[index],
            next_counter=after is not None and after.after_counter,
            next_credit=after is not None and wholes[index + 1] is not None,
            previous_short=before is not None and not before.long,
            after_label=unit.after_label, next_label=after is not None and after.after_label,
            about=_about(text), bullet=text[:1] in "•·▪►▸-*", footer_words=_footer_words(text),
            photo_words=_photo_words(text), repeated=counts.get(text.casefold(), 0) > 1,
            title_like=whole is None and suffix is None and unit.words <= 25 and not _ends_sentence(text),
            text_ends_title=text.rstrip().endswith(("”", '"', "’", ")", "?")), menu=_is_menu(text),
            letters=any(ch.isalpha() for ch in text[:80])))
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
            return W["credit1"] - (W["credit_label"] if f.next_label and layout.credit_before else 0.0)
        if f.name:
            return W["credit2"] if layout.headed and f.previous_short else W["credit3"]
        return INF
    if f.credit is not None and role in (ALT, SECTION, NOISE, CHROME):
        return INF
    if role in (TITLE, HEADING, CAPTION, ALT, SECTION) and not f.letters:
        return INF  # "2004", "12,400": a heading or caption has words
    if f.credit is not None and role not in (BYLINE,):
        return W["credit4"]  # a credit phrase as text: only when nothing else fits
    if role == TITLE:
        if f.words > TITLE_MAX_WORDS or f.suffix is not None or f.sentence and f.words > 12 and not f.text_ends_title:
            return INF  # a sentence, not a headline
        cost = W["title1"]
        if 4 <= f.words <= 25:
            cost -= W["title2"]
        if f.photo_words:
            cost -= W["title3"]
        if f.repeated:
            cost -= W["title4"]
        if f.words <= 3:
            cost += W["title5"]  # a site's name
        if f.menu or f.footer_words:
            cost += W["title_menu"]
        if f.long:
            cost += W["title6"]
        if first:
            cost -= W["title7"]
        return max(cost, W["title8"])
    if role == CHROME:
        if (f.long or f.words > 8) and not (f.footer_words and f.words <= 20):
            return INF  # (a prompt such as "Stay up to date with notifications from X" may be longer)
        if f.bullet or f.words <= 3 or f.menu or f.footer_words:
            return W["chrome1"]  # "• News", "Search Icon", "Home Gadgets Gaming": a menu
        return W["chrome2"]
    if role == ALT:
        # "Workers sweep water from a station concourse.": a short description written before the
        # caption (the photo's alt text, copied by the scraper)
        if f.long or f.words > 14 or not f.text.rstrip().endswith(".") or not f.next_long or f.suffix is not None \
                or f.next_counter:
            return INF  # (a slide counter between them: the line belongs to the photo before)
        return W["alt"]
    if role == SECTION:
        if f.long or f.words > 4 or f.sentence or f.name or f.numbered:
            return INF
        return W["section"]
    if role == NOISE:
        if f.long or f.words > 4 or f.sentence:
            return INF
        # Numbers and codes ("2004.0211.017", "12,400"): record fields, never a caption's words
        return W["noise_code"] if not any(ch.isalpha() for ch in f.text[:40]) else INF
    if role == FOOTER:
        if f.footer_words:
            return W["footer1"]
        return W["footer2"] if f.words <= 6 and not f.sentence else W["footer3"]
    if role == BYLINE:
        if f.byline:
            return W["byline1"]
        if f.name:
            return W["byline2"]
        return INF
    if role == HEADING:
        if f.numbered or f.doubled:
            return W["heading1"]
        cost = W["heading2"]
        if article.numbered or article.doubles:
            cost += W["heading3"]  # the article marks its headings: unmarked lines are not
        if f.long or f.words > HEADING_MAX_WORDS:
            cost += W["heading4"]
        if f.sentence:
            cost += W["heading5"]
        if f.suffix is not None:
            cost += W["heading6"]
        if f.place:
            cost += W["heading_place"]
        if f.name:
            cost += W["heading_name"]  # a person's name alone: the photographer, under the heading
        if f.capitals >= 0.6 and f.words >= 2:
            cost -= W["heading7"]
        if not f.next_long:
            cost += W["heading8"]
        return max(cost, W["heading9"])
    if role == CAPTION:
        cost = W["caption1"] if f.long else W["caption2"]
        if f.long and article.short_share >= 0.6 and f.suffix is None and not f.next_credit:
            cost += W["caption3"]  # one long paragraph among short captions: prose, not a caption
        if f.suffix is not None:
            cost -= W["caption4"]
        if f.numbered:
            cost += W["caption5"] if layout.headed else W["caption6"]
        if f.after_counter:
            cost -= W["caption7"]
        if f.name:
            cost += W["caption8"]
        if f.words <= 2 and not f.sentence and not f.after_counter:
            cost += W["caption_tiny"]  # a photo's caption is rarely one or two words
        if f.after_label:
            cost -= W["caption_label"]  # "Image caption," was written just before it
        if f.about:
            cost += W["caption9"]  # talks about the pictures: an introduction, not one of them
        return max(cost, W["caption10"])
    if role == PARAGRAPH:
        cost = W["paragraph1"] if f.long else W["paragraph2"] if f.sentence else W["paragraph3"]
        if f.bullet and f.words <= 3:
            cost += W["paragraph4"]
        if not layout.headed:
            cost += W["paragraph5"]  # a gallery gives each photo one paragraph
        if f.suffix is not None and not layout.headed:
            cost += W["paragraph6"]
        if f.numbered:
            cost += W["paragraph7"]
        if f.after_counter and article.counters:
            cost += W["paragraph8"]
        return cost
    if role == INTRO:
        cost = W["intro1"] if f.long else W["intro2"]
        if f.long and article.short_share >= 0.6:
            cost -= W["intro3"]
        if f.about:
            cost -= W["intro4"]  # "these pictures", "our photographers", "here are": about the gallery
        if f.suffix is not None:
            cost += W["intro5"]
        if f.after_counter and article.counters:
            cost += W["intro6"]
        if f.numbered:
            cost += W["intro7"]
        return cost
    raise ValueError(role)


class _State(NamedTuple):
    """What the next line's role depends on (a tuple: hashed for every line and role)."""
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
    if state.last in (ALT, SECTION) and role not in (CAPTION, HEADING, ALT, CREDIT):
        return None  # a description or a section heading comes before a photo's caption
    if state.last == ALT and role != CAPTION:
        return None
    if layout.credit_before and state.last == CREDIT and role in (TITLE, CHROME, BYLINE):
        return None  # a credit written before its caption is followed by that caption
    if role == TITLE:
        if state.titled or state.started or state.last not in ("", BYLINE):
            return None  # the headline comes before the story (page chrome may come before it)
        return _State(TITLE, False, False, False, True), W["title9"]
    if role == CHROME:
        if state.started or state.last in (INTRO, CREDIT):
            return None  # page chrome is around the headline, not inside the story
        return _State(state.last, False, False, False, state.titled), W["chrome3"]
    if state.last in (ALT, SECTION) and role not in (CAPTION, HEADING, ALT, CREDIT):
        return None  # a description or a section heading comes before a photo's caption
    if state.last == ALT and role != CAPTION:
        return None
    if role in (ALT, SECTION):
        if state.last == FOOTER or (layout.credit_before and state.last == CREDIT and role == SECTION):
            return None
        if role == SECTION and not state.started and state.last not in (INTRO, TITLE, BYLINE, ""):
            return None
        closing = W["end1"] * article.credit_share if state.started and not state.credited and not (
            layout.credit_before and state.last == CREDIT) and state.last not in (ALT, SECTION) else 0.0
        keep = layout.credit_before and state.last == CREDIT  # "credit, alt, caption": the credit waits
        return _State(role, state.started, keep, False, state.titled), closing
    if role == NOISE:
        if not state.started or state.last == FOOTER:
            return None
        if layout.credit_before and state.last == CREDIT:
            return None
        return state, W["noise_step"]
    if state.last == FOOTER and role != FOOTER:
        return None  # the page's end: nothing of the story comes after it
    if role == FOOTER:
        if not state.started and state.last != FOOTER:
            return None
        closing = 1.6 * article.credit_share if state.last != FOOTER and not state.credited else W["footer4"]
        if layout.credit_before and state.last == CREDIT:
            closing += W["footer5"]  # the last credit has no caption after it
        return _State(FOOTER, True, True, False, state.titled), closing + (W["footer6"] if state.last == FOOTER else W["footer7"])
    moved = _move(state, role, layout, article)
    if moved is not None and state.titled and not moved[0].titled:
        moved = moved[0]._replace(titled=True), moved[1]
    if moved is not None and article.counters:
        new_state, cost = moved
        starts = role == HEADING or (role == CAPTION and not state.bare)
        if starts != f.after_counter and not (f.after_counter and role == CREDIT):
            moved = new_state, cost + W["footer8"]  # a slideshow page: each counter starts a photo, and only a counter
    if moved is None or f.suffix is None or role not in (HEADING, CAPTION, PARAGRAPH):
        return moved
    # A line that ends (or starts) with its credit credits the entry it belongs to.
    new_state, cost = moved
    if new_state.credited:
        cost += W["footer9"]  # a second credit for one photo
    return _State(new_state.last, True, True, False, new_state.titled), cost


def _move(state: _State, role: str, layout: Layout, article: _Article) -> tuple[_State, float] | None:
    last = state.last
    if role == TITLE:
        return (_State(TITLE, False, False, False), W["title10"]) if last == "" else None
    if role == BYLINE:
        if state.started or last in (CREDIT, INTRO):
            return None
        return _State(BYLINE, False, False, False), (W["byline3"] if last in ("", TITLE, BYLINE) else W["byline4"])
    if layout.credit_before and last == CREDIT and role not in (HEADING, CAPTION):
        return None  # a credit written before its caption is followed by that caption
    if role == INTRO:
        if state.started:
            return None
        return _State(INTRO, False, False, False), W["intro8"]
    uncredited = W["intro9"]
    if state.started and not state.credited:
        uncredited = W["intro10"] * article.credit_share  # an entry ends without a credit in an article that has them
    if role == HEADING and last in (ALT, SECTION):
        return _State(HEADING, True, state.credited, True), (W["heading10"] if layout.headed else W["heading11"])
    if role == HEADING:
        cost = uncredited + (W["heading10"] if layout.headed else W["heading11"])
        if state.bare:
            cost += W["heading12"]  # a heading with nothing under it
        return _State(HEADING, True, layout.credit_before and last == CREDIT, True), cost
    if role == CAPTION:
        if state.bare:  # the caption under a heading
            return _State(CAPTION, True, state.credited, False), W["caption11"]
        if last in (ALT, SECTION):
            return _State(CAPTION, True, state.credited, False), (W["caption12"] if layout.headed else 0.0)
        cost = uncredited + (W["caption12"] if layout.headed else W["caption13"])
        return _State(CAPTION, True, layout.credit_before and last == CREDIT, False), cost
    if role == PARAGRAPH:
        if not state.started:
            return None
        cost = W["paragraph9"]
        if layout.credit_before is False and state.credited and not layout.headed:
            cost += W["paragraph10"]  # text after a caption's credit, in a gallery: more likely a new caption
        return _State(PARAGRAPH, True, state.credited, False), cost
    if role == CREDIT:
        if layout.credit_before:
            if last == CREDIT:
                return None
            # The credit of the next entry; in a headed layout, "heading, credit, text" also reads so.
            if state.bare and layout.headed:
                return _State(CREDIT, True, True, True), W["credit5"]
            return _State(CREDIT, state.started, True, False), uncredited  # it closes the entry before
        if not state.started:
            return _State(CREDIT, False, False, False), W["credit6"]
        if state.credited:
            return _State(CREDIT, True, True, False), W["credit7"]  # a second credit for one photo
        return _State(CREDIT, True, True, state.bare), W["credit8"]
    raise ValueError(role)


def _solve(feats: list[Features], layout: Layout, article: _Article) -> tuple[float, list[str], list[float]]:
    start = _State("", False, False, False)
    # best[state] = (cost, back-pointer index into history)
    frontier: dict[_State, tuple[float, int]] = {start: (0.0, -1)}
    history: list[tuple[str, int, float]] = []  # (role, parent history index, cost so far)
    first_content = True
    # A transition depends on the state, the role and two of the line's features: worked out once.
    moves: dict[tuple[_State, str, bool, bool], tuple[_State, float] | None] = {}
    for feature in feats:
        nxt: dict[_State, tuple[float, int]] = {}
        emissions = [(role, _emission(feature, role, first_content, article, layout)) for role in ROLES]
        emissions = [(role, emit) for role, emit in emissions if emit != INF]
        bits = (feature.suffix is not None, feature.after_counter)
        for state, (cost, pointer) in frontier.items():
            for role, emit in emissions:
                key = (state, role, *bits)
                if key in moves:
                    moved = moves[key]
                else:
                    moved = moves[key] = _transition(state, role, layout, article, feature)
                if moved is None:
                    continue
                new_state, step = moved
                total = cost + emit + step
                if new_state not in nxt or total < nxt[new_state][0]:
                    history.append((role, pointer, total))
                    nxt[new_state] = (total, len(history) - 1)
        if nxt:
            # Paths far worse than the best one never come back (a few lines cost at most a few
            # units each): dropping them keeps the work per line small.
            best = min(total for total, _ in nxt.values())
            nxt = {state: value for state, value in nxt.items() if value[0] <= best + PRUNE}
        frontier = nxt
        first_content = False
        if not frontier:
            return INF, [], []
    end_cost = INF
    end_pointer = -1
    for state, (cost, pointer) in frontier.items():
        final = cost
        if state.started and not state.credited:
            final += W["end1"] * article.credit_share
        if layout.credit_before and state.last == CREDIT:
            final += W["end2"]
        if state.bare:
            final += W["end3"]
        if not state.started:
            final += W["end4"]  # no entry at all
        if not state.titled:
            final += W["end5"]  # most articles have a headline
        if layout.credit_before:
            final += W["end6"]  # credits written before their captions are the rarer layout
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
        if cost < INF:
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
