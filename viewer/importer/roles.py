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

import bisect
import json
import math
import os
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from viewer import patterns
from viewer.importer.credits import credit_body, credit_line, is_name_line, read_credit, starts_with_credit_label
from viewer.importer.furniture import only_a_date
from viewer.importer.lines import Prepared, Unit, numbers_as_marks, spread_through
from viewer.importer.records import find_records, labelled

TITLE, BYLINE, CHROME, INTRO, HEADING, CAPTION, PARAGRAPH, CREDIT, FOOTER, NOISE, ALT, SECTION = (
    "title", "byline", "chrome", "intro", "heading", "caption", "paragraph", "credit", "footer", "noise", "alt",
    "section")
ROLES = (TITLE, BYLINE, CHROME, INTRO, HEADING, CAPTION, PARAGRAPH, CREDIT, FOOTER, NOISE, ALT, SECTION)
INF = math.inf
TITLE_MAX_WORDS = 40
PRUNE = 15.0
"""Paths this much costlier than the best at a line are given up (beam search)."""
HEADING_MAX_WORDS = 14
PARAGRAPHS_COUNTED = 4
ALIKE_RUN = 3
"""Lines of one shape written one under another, without blank lines, that make a list."""
ALIKE_GAPS = 0.1
"""Share of its lines a page must set apart with blank lines for lines without one to be a list."""
MENU_WORDS = 2
"""Lines of fewer words are a site's menu links, not short captions (for the share of short lines)."""
PAIRED_SHARE = 0.6
PAIRED_LEAST = 3


W: dict[str, float] = {
    # What a line costs in each role, by its features (_emission)
    "credit_line": 0.5,
    "credit_label": 0.8,
    "credit_name_under_heading": 0.85,
    "credit_name": 2.25,
    "credit_by_name": 0.9,
    "credit_as_text": 7.0,
    "title_base": 1.5,
    "title_usual_length": 0.35,
    "title_photo_words": 0.5,
    "title_repeated": 0.6,
    "title_site_name": 1.0,
    "title_tagline": 1.0,
    "title_site_repeated": 1.0,
    "title_menu": 2.5,
    "title_long": 0.5,
    "title_first_line": 0.3,
    "title_full_stop": 0.8,
    "title_floor": 0.0,
    "chrome_menu": 0.75,
    "chrome_other": 1.3,
    "beside_buttons": 0.5,
    "alt": 0.9,
    "section": 2.0,
    "noise_code": 0.3,
    "footer_words": 0.0,
    "footer_short": 0.9,
    "footer_other": 3.0,
    "footer_headline": 2.0,
    "byline_by": 0.0,
    "byline_name": 1.0,
    "heading_marked": 0.5,
    "heading_base": 1.2,
    "heading_unmarked": 3.0,
    "heading_long": 5.0,
    "heading_sentence": 2.0,
    "heading_with_credit": 3.0,
    "paragraph_maker_named": 2.0,
    "switch_between_alike": 1.5,
    "intro_in_list": 1.0,
    "heading_place": 0.5,
    "heading_name": 0.0,
    "heading_capitalised": 0.3,
    "heading_no_text_after": 1.0,
    "heading_floor": 0.1,
    "heading_paired": 0.5,
    "heading_before_label": 1.0,
    "caption_long": 0.0,
    "caption_short": 1.0,
    "caption_prose_among_short": 2.0,
    "caption_with_credit": 0.9,
    "caption_numbered_in_listicle": 2.5,
    "caption_numbered_in_gallery": 0.0,
    "caption_after_counter": 0.0,
    "caption_name": 1.0,
    "caption_tiny": 1.2,
    "caption_label": 0.8,
    "caption_about": 1.3,
    "caption_floor": 0.0,
    "caption_doubled_in_listicle": 1.5,
    "paragraph_long": 0.75,
    "paragraph_sentence": 0.83,
    "paragraph_fragment": 2.25,
    "paragraph_bullet": 1.0,
    "paragraph_in_gallery": 0.8,
    "paragraph_with_credit_in_gallery": 1.5,
    "paragraph_numbered": 3.0,
    "paragraph_doubled": 2.0,
    "paragraph_after_counter": 4.0,
    "intro_long": 1.2,
    "intro_short": 1.6,
    "intro_prose_among_short": 0.27,
    "intro_about": 0.0,
    "intro_with_credit": 3.0,
    "intro_after_counter": 4.0,
    "intro_numbered": 3.0,
    # What moving from one role to the next costs (_transition, _move)
    "to_title": 0.0,
    "to_chrome": 0.0,
    "noise_step": 0.0,
    "to_byline_at_top": 0.0,
    "to_byline_elsewhere": 1.5,
    "to_intro": 0.0,
    "to_paragraph": 0.0,
    "to_credit": 0.0,
    "entry_closed": 0.0,
    "entry_closed_without_credit": 1.6,
    "entry_without_credit_at_aside_or_end": 1.1,
    "heading_in_listicle": 0.0,
    "heading_in_gallery": 2.5,
    "heading_bare": 1.0,
    "caption_under_heading": 0.0,
    "caption_unheaded_in_listicle": 6.5,
    "caption_in_gallery": 0.0,
    "caption_unnumbered_in_numbered": 0.5,
    "paragraph_after_credit_in_gallery": 1.25,
    "credit_under_heading_before_caption": 0.3,
    "credit_before_entries": 2.0,
    "second_credit": 5.25,
    "second_credit_in_line": 1.75,
    "unheaded_caption_with_own_credit": 4.5,
    "counter_mismatch": 2.25,
    "record_mismatch": 2.25,
    "caption_not_copied": 1.5,
    "intro_copied": 2.0,
    "record_extra_start": 1.0,
    "footer_start": 0.5,
    "footer_after_footer": 0.0,
    "to_footer_credited": 0.0,
    "to_footer_after_waiting_credit": 4.0,
    # What the article's last state costs (_solve)
    "end_on_waiting_credit": 4.0,
    "end_on_bare_heading": 2.0,
    "end_without_entries": 5.0,
    "end_without_title": 2.0,
    "layout_credits_before": 1.25,
    "credit_gap_vote": 0.6,
    "dek_after_title": 0.6,
    "paragraph_beyond_counted": 1.0,
}
"""The costs, named by what they price: a role and the feature that makes it likelier (a bonus,
subtracted) or less likely; `to_ROLE` a move into that role; `_floor` the least a role can cost.
Tuned on the corpus's tuning split (benchmarks/tune_roles.py); VIEWER_ROLE_COSTS (JSON) overrides
them by these names, as the tuner does."""


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
    by_name: bool = False
    """"by" and a person's name alone ("by Fraser McAllister"): the photographer of the caption
    before (a caption broken over two lines), or a byline at the top."""
    field: bool = False
    """Opens with a one-word label that other lines open with too ("Bird: …"): a record's field."""
    signed: bool = False
    """A dash and a person's name alone ("— Dana Whitlock"): a signature under the text before it,
    never a heading or a caption."""
    alike_above: bool = False
    """Written right under a line of its own shape, in a run of ALIKE_RUN or more (a list of
    captions one per line): it has the role the line above has."""
    maker_named: bool = False
    """Its credit is a work's maker the way the article names every maker ("Slow Dance – Name",
    "Salt Harvest by Name": Prepared.titled): a heading so, not a caption with a credit."""
    photo_words: bool = False
    """Names pictures or a time span, as gallery headlines do ("in pictures", "photos of the week")."""
    repeated: bool = False
    """The same text is on another line too (a headline written twice)."""
    after_label: bool = False
    """Comes right after a caption's label ("Image caption,")."""
    site_name: bool = False
    """One of the first lines that the page's copyright line names ("©2023 by Across N Abroad
    Travel"): the site's name, not the story's headline."""
    beside_buttons: bool = False
    """A button, share bar or page prompt was dropped right before or after this line: the
    page's chrome or end is around it."""
    after_buttons: bool = False
    """Such a line was dropped right before this one (the last photo's caption may come right
    before the page's share bar: only a line after it is likelier the page's end)."""
    label_soon: bool = False
    """A caption's label comes within the next two lines (after this line, or after a credit)."""
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
    pairs_next: bool = False
    """Could be a headline and the very next line is a long paragraph (see _paired)."""
    tagline: bool = False
    """A phrase right under the site's name at the top, with another headline-like line further
    down before the story starts: the site's tagline ("Photography, technology and the odd musing")."""
    copied: bool = False
    """Written twice (alt text, then caption; lines.Unit.copied): a photo's caption."""
    opens_record: bool = False
    """The first line of one of a run of records written alike (records.py): a photo starts here."""
    in_records: bool = False
    """Inside such a run: only a record's first line starts a photo."""


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


_DATED_BYLINE = patterns.compile(r"(?:posted on\s+)?(?:january|february|march|april|may|june|july|august|"
                                 r"september|october|november|december)\s+\d{1,2},\s+\d{4}\s+by\s+[^.!?]{1,40}",
                                 patterns.IGNORECASE)
"""`March 9, 2019 by Becca`, `Posted on March 22, 2014 by Name`: the date and the writer."""


def _cased_start(text: str) -> bool:
    """Opens with a letter of a script with capitals (in scripts without, a line's shape says less)."""
    return text[:1].lower() != text[:1].upper()


def _shape_of(unit: Unit) -> tuple[bool, bool]:
    text = unit.text.rstrip()
    return text.endswith((".", "!", "?", "…")), text[:1].isupper()


def _alike_above(units: list[Unit], wholes: list[str | None], fields: list[bool]) -> list[bool]:
    """For each line: written on the line right under the one before it, with its shape (ending
    alike, opening alike, of about as many words; neither a credit nor a record's field, "Label:
    value": a record's fields are one photo's lines), in a run of at least
    ALIKE_RUN such lines. Only where the page sets most of its lines apart with blank lines
    (ALIKE_GAPS of them): in a page written without any, lines one under another say nothing."""
    gaps = sum(1 for above, unit in zip(units, units[1:]) if unit.line > above.line + 1)
    if gaps < ALIKE_GAPS * (len(units) - 1):
        return [False] * len(units)
    links = [False] + [
        unit.line == above.line + 1 and wholes[index] is None and wholes[index - 1] is None
        and not fields[index] and not fields[index - 1] and not labelled(unit.text) and not labelled(above.text)
        and _cased_start(unit.text) and _cased_start(above.text)
        and _shape_of(unit) == _shape_of(above) and max(unit.words, above.words) <= 2 * min(unit.words, above.words)
        and min(unit.words, above.words) >= 4
        for index, (above, unit) in enumerate(zip(units, units[1:]), 1)]
    out = [False] * len(units)
    start = 0
    for index in range(1, len(units) + 1):
        if index == len(units) or not links[index]:
            if index - start >= ALIKE_RUN:
                for inside in range(start + 1, index):
                    out[inside] = True
            start = index
    return out


def _is_byline(text: str) -> bool:
    lowered = text.casefold()
    if len(text) <= 90 and _DATED_BYLINE.fullmatch(text):
        return True
    return len(text) <= 90 and (lowered.startswith(("by ", "by:", "words by", "text by", "written by", "story by",
                                                    "words and photos by", "photos and text by", "curated by",
                                                    "compiled by", "edited by", "posted by", "published by",
                                                    # other languages' "(published) by"
                                                    "publicado por ", "por ", "publié par ", "par ", "von ",
                                                    "veröffentlicht von ", "pubblicato da ", "door ", "przez ",
                                                    "oleh ", "ditulis oleh ", "автор: ", "autor: ", "auteur : ",
                                                    "auteur: ", "autore: ",
                                                    # "Text and photos: Name", "Texto y fotos: Name"
                                                    "text and ", "text & ", "words and ", "words & ", "texto y ",
                                                    "texte et ", "text und ", "testo e ", "tekst i ", "story and "))
                                or lowered.endswith(("staff writer", "community member", "contributor", "editor")))


_ABOUT = ("these photos", "these pictures", "these images", "the photos", "the pictures", "the images",
          "photographer", "photographs", "gallery", "here are", "here's", "below", "scroll", "we've", "we have",
          "our ", "your ", "you'll", "you will", "collection", "selection", "compiled", "series", "subreddit",
          "winners", "finalists", "competition", "contest", "award", "shortlist", "editors", "week's", "this week",
          "roundup")


_PHOTO_WORDS = ("picture", "photo", "image", "gallery", "week", "year", "day", "month", "winner", "award",
                "shortlist", "finalist", "best", "moments", "portraits", "views", "scenes", "shots", "pics",
                # the same in the languages photo pages are written in ("fotos del día", "Bilder des Tages",
                # "la semaine en images", "foto della settimana", "beelden van de dag", "hình ảnh", "zdjęcia")
                "foto", "imágenes", "imagen", "bilder", "bild des", "images", "immagini", "beelden", "zdjęci",
                "obiektyw", "ảnh", "gambar", "kuvat", "billeder", "φωτογραφ", "фото", "semana", "semaine", "woche",
                "settimana", "del día", "du jour", "des tages", "van de dag", "tuần", "minggu")


def _photo_words(text: str) -> bool:
    lowered = text.casefold()
    return any(word in lowered for word in _PHOTO_WORDS)


_FOOTER_WORDS = ("rights reserved", "not supported", "optimal experience", "enable javascript", "produced by",
                 "photo editing by", "edited by", "notifications", "stay up to date", "works better on", "our app",
                 "in the app", "download the app", "tag us", "sign in", "log in", "create account", "explore more",
                 "more on this", "reuse this", "subject to copyright",
                 "related topics", "related content", "related galleries", "more galleries", "privacy", "terms of",
                 "cookie", "related posts", "related stories", "recent posts", "popular posts",
                 "related articles", "you might also like", "you may also like", "most viewed", "most read",
                 "most popular", "more from", "more stories", "next article", "previous article", "next post",
                 "previous post", "older entries", "newer entries", "newsletter", "sign up", "follow us",
                 "comments", "leave a reply", "leave a comment", "disclaimer", "sponsored", "advertise",
                 "contact us", "about us", "all photos", "read more", "trending", "recommended", "share this",
                 "tags:", "filed under", "subscribe", "copyright ©", "© 20", "©20", "paid content",
                 # the same in other languages (es, pt, fr, de, it, nl, pl)
                 "te puede interesar", "você também pode gostar", "vous aimerez aussi", "könnte sie auch interessieren",
                 "ti potrebbe interessare", "lees ook", "zobacz także", "zobacz też", "ver también", "veja também",
                 "voir aussi", "siehe auch", "leia também", "lea también", "lire aussi", "lesen sie auch",
                 "mehr zum thema", "deja un comentario", "deja tu comentario", "deixe um comentário",
                 "laisser un commentaire", "kommentar schreiben", "lascia un commento", "laat een reactie achter",
                 "dodaj komentarz", "suscríbete", "abonnez-vous", "iscriviti", "todos los derechos reservados",
                 "tous droits réservés", "alle rechte vorbehalten", "tutti i diritti riservati",
                 "todos os direitos reservados", "alle rechten voorbehouden", "wszelkie prawa zastrzeżone")


def _footer_words(text: str) -> bool:
    lowered = text.casefold()
    return len(text) <= 240 and any(word in lowered for word in _FOOTER_WORDS)


def _spaced(text: str) -> str:
    """The text in lower case with every run of non-letters one space, and a space at each end:
    words are found whole (" our " is not in "neighbour's")."""
    return " " + " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split()) + " "


_ABOUT_SPACED = tuple(_spaced(phrase).rstrip() if not phrase.endswith(" ") else _spaced(phrase) for phrase in _ABOUT)
"""The phrases as they are looked for: from a word's start ("award" finds "awards"), a phrase
written with a trailing space ("our ") only as a whole word."""


def _about(text: str) -> bool:
    return len(text) > 60 and any(phrase in _spaced(text[:2000]) for phrase in _ABOUT_SPACED)


def _is_place(text: str) -> bool:
    words = text.replace(",", " ").split()
    return ", " in text and 2 <= len(words) <= 6 and not _ends_sentence(text) and all(
        w[:1].isupper() or w in ("de", "del", "la", "le", "of", "the", "upon", "am", "an", "en") for w in words)


_MENU_STARTS = ("home ", "menu ", "news ", "sections ")
_STOP_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "is", "are"}


_SEPARATORS = ("&", "|", "•", "·", "/", "-", "–", "—", ">", "›", "»")


def _is_menu(text: str) -> bool:
    """A row of menu entries: capitalised words without grammar, joined by separators or starting
    like a menu. A headline in title case ("See This Year's Best Wildlife Photos", "So Wrong It's
    Right: Good Photos, Bad Timing") has punctuation inside it (an apostrophe, a colon, a comma) or
    no separator: it is not a menu."""
    words = text.split()
    if not 3 <= len(words) <= 12 or _ends_sentence(text):
        return False
    capitalised = all(w[:1].isupper() or w in _SEPARATORS for w in words)
    no_grammar = not any(w.casefold() in _STOP_WORDS for w in words)
    separated = any(w in _SEPARATORS[1:] for w in words)
    punctuated = any(ch in "'’:,?!\"“”" for ch in text)
    return capitalised and no_grammar and (text.casefold().startswith(_MENU_STARTS) or separated or (
        len(words) >= 5 and not punctuated))


def _text_follows(units: list[Unit], index: int, aside: list[bool]) -> bool:
    """Prose comes next, after at most two lines of credit, name or place (heading, name, place, text)."""
    for later in range(index + 1, min(len(units), index + 4)):
        if units[later].long:
            return True
        if not aside[later]:
            return False
    return False


KICKER_REPEATS = 3


def _kicker(text: str) -> str | None:
    """The kicker a heading opens with ("Bild des Tages: Ein Stuhl für zwei." → "bild des tages"):
    two to five words before a colon, and at least three after it."""
    cut = text.find(": ", 0, 48)
    if cut <= 0 or not 2 <= len(text[:cut].split()) <= 5 or len(text[cut + 2:].split()) < 3:
        return None  # ("Bird: Great Egret", "Country: Spain": a record's field and its value)
    if only_a_date(text[cut + 2:]):
        return None  # "Release Date: March 30, 2023": a field and its date
    return numbers_as_marks(text[:cut])  # "Challenge 1: …", "Challenge 2: …" share "challenge #"


def _kicked(units: list[Unit], wholes: list[str | None]) -> list[bool]:
    """Short lines that open with the same kicker, again and again ("Bild des Tages: …", "Picture
    of the Day: …"): each starts an entry, as a list number would. Credits ("Photo: …") and
    long lines (a caption that opens "Rücken an Rücken: …") are not kicked."""
    kickers = [None if whole is not None or unit.long else _kicker(unit.text) for unit, whole in zip(units, wholes)]
    spread = spread_through(kickers, KICKER_REPEATS)  # (a headline and two related links sharing its kicker: not)
    return [kicker in spread for kicker in kickers]


def _field(text: str) -> str | None:
    """The label of a record's field ("Bird: Great Egret" → "bird"): one word before a colon
    opening a short line."""
    cut = text.find(": ", 0, 24)
    label = text[:cut].removesuffix(" ")  # (French and Japanese may set the colon apart: "作品番号 : 27")
    if cut <= 0 or not label or " " in label or len(text.split()) > 8 or starts_with_credit_label(text):
        return None  # ("Photograph: …" is a credit's label)
    return label.casefold()


def _fields(units: list[Unit], wholes: list[str | None]) -> list[bool]:
    """Lines that open with the same one-word field label again and again ("Bird: …",
    "Location: …"): a record's fields under each photo, never its heading."""
    labels = [None if whole is not None else _field(unit.text) for unit, whole in zip(units, wholes)]
    spread = spread_through(labels, KICKER_REPEATS)
    return [label in spread for label in labels]


COPIES_LEAST = 2
"""Captions written twice before the article is read as writing every caption so."""
SITE_NAME_LINES = 12
"""How many of the first lines may be the site's name (see _site_names)."""
_COPYRIGHT_MARKS = ("©", "(c) ", "copyright", "all rights reserved", "powered by", "theme by", "derechos reservados",
                    "droits réservés", "rechte vorbehalten", "diritti riservati", "direitos reservados")


def _site_names(units: list[Unit], prepared: Prepared) -> list[bool]:
    """Which of the first SITE_NAME_LINES lines the page's copyright line names, whole
    ("©2023 by Across N Abroad Travel", "Powered by WordPress | Theme by Cynical-C"): the site's
    name, not the story's headline."""
    notices = [text.casefold() for text in [unit.text for unit in units] + [text for _, text, _ in prepared.dropped]
               if len(text) <= 200 and any(mark in text.casefold() for mark in _COPYRIGHT_MARKS)]
    out = [False] * len(units)
    if not notices:
        return out
    for index, unit in enumerate(units[:SITE_NAME_LINES]):
        name = unit.text.casefold().strip()
        if 2 <= len(name) <= 60 and unit.words <= 6 and not any(mark in name for mark in _COPYRIGHT_MARKS):
            out[index] = any(name in notice for notice in notices)
    return out


_BUTTON_REASONS = frozenset({"share buttons", "a button or link", "a row of buttons", "a page prompt or metadata line",
                             "a vote or share count", "page numbers", "a link to other galleries",
                             "the comments under the post", "a commenter's name"})
"""Why furniture lines were dropped, of those that say the page's chrome or end is near."""


def _beside(buttons: list[int], units: list[Unit], index: int) -> tuple[bool, bool]:
    """Whether a dropped button line stands between this unit and the one before it, and
    between it and the one after it."""
    low = units[index - 1].line if index else 0
    here = units[index].line
    high = units[index + 1].line if index + 1 < len(units) else here + 3
    at = bisect.bisect_right(buttons, low)
    before = at < len(buttons) and buttons[at] < here
    at = bisect.bisect_right(buttons, here)
    return before, at < len(buttons) and buttons[at] < high


def _headline_like(unit: Unit, whole: str | None) -> bool:
    return whole is None and not unit.long and 4 <= unit.words <= 25 and not _ends_sentence(unit.text) and \
        not _is_menu(unit.text)


def _title_case(text: str) -> bool:
    words = [word for word in text.split() if word[:1].isalpha() and len(word) > 3]
    return len(words) >= 2 and sum(1 for word in words if word[:1].isupper()) >= 0.75 * len(words)


def _taglines(units: list[Unit], wholes: list[str | None]) -> list[bool]:
    """Which of the first lines is a site's tagline: under a short first line (the site's name), with
    a headline-like line later on, before the first long line (see Features.tagline)."""
    out = [False] * len(units)
    first_long = next((i for i, unit in enumerate(units) if unit.long), len(units))
    for index in range(1, min(3, len(units))):
        if not all(unit.words <= 4 for unit in units[:index]) or not _headline_like(units[index], wholes[index]):
            continue
        later = range(index + 1, min(first_long, index + 13))
        # (right under it, only a headline in title case: a phrase in sentence case there is its standfirst)
        out[index] = any(_headline_like(units[j], wholes[j]) and (j > index + 1 or _title_case(units[j].text))
                         for j in later)
    return out


def features(units: list[Unit], doubled: set[int], prepared: Prepared) -> list[Features]:
    counts: dict[str, int] = {}
    for unit in units[:60]:
        counts[unit.text.casefold()] = counts.get(unit.text.casefold(), 0) + 1
    # What neighbours ask of each other, worked out once a line.
    wholes = [unit.text if unit.credit else credit_line(unit.text) for unit in units]
    names = [whole is None and is_name_line(unit.text) for unit, whole in zip(units, wholes)]
    signed = [whole is None and unit.text[:2] in ("— ", "– ", "- ", "—", "–") and is_name_line(unit.text.lstrip("—–- "))
              for unit, whole in zip(units, wholes)]
    by_names = [whole is None and unit.text[:3].casefold() == "by " and is_name_line(unit.text[3:])
                for unit, whole in zip(units, wholes)]
    places = [_is_place(unit.text) for unit in units]
    aside = [whole is not None or name or place for whole, name, place in zip(wholes, names, places)]
    kicked = _kicked(units, wholes)
    site_names = _site_names(units, prepared)
    buttons = sorted(line for line, _, why in prepared.dropped if why in _BUTTON_REASONS)
    beside = [_beside(buttons, units, index) for index in range(len(units))]
    fields = _fields(units, wholes)
    alike = _alike_above(units, wholes, fields)
    taglines = _taglines(units, wholes)
    out: list[Features] = []
    for index, unit in enumerate(units):
        text = unit.text
        whole = wholes[index]
        found = None if whole else read_credit(text, titled=prepared.titled, maker_first=prepared.maker_first)
        suffix = found.credit if found else None
        # (a credit only the article's way of naming makers finds: without it, none)
        maker_named = suffix is not None and found is not None and found.house_style
        words = text.split()
        capitals = sum(1 for w in words if w[:1].isupper()) / len(words) if words else 0.0
        after = units[index + 1] if index + 1 < len(units) else None
        before = units[index - 1] if index else None
        out.append(Features(
            text=text, words=unit.words, long=unit.long, sentence=_ends_sentence(text), credit=whole, suffix=suffix,
            name=names[index], by_name=by_names[index], signed=signed[index], field=fields[index],
            maker_named=maker_named, alike_above=alike[index],
            beside_buttons=any(beside[index]), after_buttons=beside[index][0], site_name=site_names[index],
            numbered=prepared.numbered and unit.number is not None or kicked[index],
            doubled=unit.line in doubled, after_counter=unit.after_counter or (
                before is not None and before.after_counter and out[-1].credit is not None), capitals=capitals,
            byline=_is_byline(text), next_long=_text_follows(units, index, aside), place=places[index],
            next_counter=after is not None and after.after_counter,
            next_credit=after is not None and wholes[index + 1] is not None,
            previous_short=before is not None and not before.long,
            after_label=unit.after_label, next_label=after is not None and after.after_label,
            label_soon=any(later.after_label for later in units[index + 1:index + 3])
            and not unit.after_label and whole is None,
            about=_about(text), bullet=text[:1] in "•·▪►▸-*", footer_words=_footer_words(text),
            photo_words=_photo_words(text), repeated=counts.get(text.casefold(), 0) > 1,
            title_like=whole is None and suffix is None and unit.words <= 25 and not _ends_sentence(text),
            text_ends_title=text.rstrip().endswith(("”", '"', "’", ")", "?")), menu=_is_menu(text),
            letters=any(ch.isalpha() for ch in text[:80]), tagline=taglines[index], copied=unit.copied))
    for index, (over, phrase, paragraph) in enumerate(zip([None, *out], out, out[1:])):
        if paragraph.long and paragraph.credit is None and phrase.title_like and \
                2 <= phrase.words <= HEADING_MAX_WORDS and not (phrase.name or phrase.place or phrase.long) \
                and phrase.letters and not phrase.field \
                and not (over is not None and over.title_like and not over.long):
            # (under another short phrase it is that phrase's subtitle, or the heading under an alt;
            # a record's field is never a heading)
            out[index] = replace(phrase, pairs_next=True)
    records = None if prepared.counters >= 2 else find_records(out)  # (slide counters say it already)
    if records is not None:
        out = [replace(f, opens_record=records.opens(index), in_records=records.inside(index))
               for index, f in enumerate(out)]
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
    paired: bool = False
    """Most paragraphs have a short headline-like phrase on the line just before them: a listicle's
    headings, even without numbers or blank lines (PAIRED_SHARE)."""
    copies: bool = False
    """Captions are written twice (alt text, then caption) more than once: a long line written
    once is the story's prose."""
    gap_votes: int = 0
    """Credit lines set closer (fewer blank lines) to the line after them, less those set closer
    to the line before: how the page groups a credit with its caption."""


def _emission(f: Features, role: str, first: bool, article: _Article, layout: Layout) -> float:
    """What it costs to give this line this role (lower is likelier)."""
    if role == CREDIT:
        if f.credit is not None:
            # (before a caption's label, or ending in a colon that opens what follows: "From Marguerite:")
            opens = f.next_label or f.text.rstrip().endswith(":")
            return W["credit_line"] - (W["credit_label"] if opens and layout.credit_before else 0.0)
        if f.name or f.signed:
            return W["credit_name_under_heading"] if layout.headed and f.previous_short else W["credit_name"]
        if f.by_name:
            return W["credit_by_name"]
        return INF
    if f.credit is not None and role in (ALT, SECTION, NOISE, CHROME):
        return INF
    if f.in_records and role in (TITLE, BYLINE, CHROME, INTRO, FOOTER, SECTION):
        return INF  # a run of records (records.py) is the story: neither its start nor its end
    if f.opens_record and role in (ALT, NOISE):
        return INF
    if role in (TITLE, HEADING, CAPTION, ALT, SECTION) and not f.letters:
        return INF  # "2004", "12,400": a heading or caption has words
    if f.signed and role in (TITLE, HEADING, CAPTION, ALT, SECTION, INTRO) or f.field and role in (TITLE, HEADING):
        return INF
    if f.credit is not None and role not in (BYLINE,):
        return W["credit_as_text"]  # a credit phrase as text: only when nothing else fits
    if role == TITLE:
        if f.words > TITLE_MAX_WORDS or f.suffix is not None or f.sentence and f.words > 12 and not f.text_ends_title:
            return INF  # a sentence, not a headline
        cost = W["title_base"]
        if 4 <= f.words <= 25:
            cost -= W["title_usual_length"]
        if f.photo_words:
            cost -= W["title_photo_words"]
        if f.repeated:
            cost -= W["title_repeated"]
        if f.words <= 3:
            cost += W["title_site_name"]  # a site's name
        if f.tagline:
            cost += W["title_tagline"]
        if f.site_name:
            cost += W["title_site_repeated"]
        if f.menu or f.footer_words:
            cost += W["title_menu"]
        if f.long:
            cost += W["title_long"]
        if first:
            cost -= W["title_first_line"]
        if f.text.endswith(".") and not f.text.endswith("..") and f.words >= 3:
            cost += W["title_full_stop"]  # "Good morning. Today is…": headlines rarely end with a full stop
        return max(cost, W["title_floor"])
    if role == CHROME:
        words = f.words - sum(1 for w in f.text.split()[:40] if w in _SEPARATORS)  # "Home | Photo | Search": 3
        if (f.long or words > 8) and not (f.footer_words and words <= 20) and not (f.menu and words <= 12):
            return INF  # (a prompt such as "Stay up to date with notifications from X" may be longer)
        if f.bullet or f.words <= 3 or f.menu or f.footer_words or f.site_name:
            return W["chrome_menu"]  # "• News", "Search Icon", "Home Gadgets Gaming": a menu; the site's name
        return W["chrome_other"] - (W["beside_buttons"] if f.beside_buttons else 0.0)
    if role == ALT:
        # "Workers sweep water from a station concourse.": a short description written before the
        # caption (the photo's alt text, copied by the scraper)
        if f.label_soon and not f.long and not f.sentence and f.words <= 14 and f.suffix is None:
            return W["alt"]  # a phrase before a labelled caption ("Image caption, …"), maybe after its credit
        if f.long or f.words > 14 or not f.text.rstrip().endswith(".") or not f.next_long or f.suffix is not None \
                or f.next_counter or f.next_credit:
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
            return W["footer_words"]
        if f.after_buttons and not f.long:
            return W["footer_short"] - W["beside_buttons"]  # next to the page's share bar or its links
        if f.numbered or f.by_name:
            return W["footer_other"]  # the list's next number, a photographer's "by Name": the story goes on
        if f.words <= 6 and not _ends_sentence(f.text.rstrip().rstrip(":)")) or f.byline and not f.long:
            # ("Posted by Name at 10:14 PM" under the story: the post's signature)
            return W["footer_short"]  # (a label or a count is no sentence: "No comments:", "► 2012 (14)")
        if f.title_like and f.words <= 14 and not f.long:
            return W["footer_headline"]  # "Meet the owls that hunt by sound alone": a related story's headline
        return W["footer_other"]
    if role == BYLINE:
        if f.byline:
            return W["byline_by"]
        if f.name:
            return W["byline_name"]
        return INF
    if role == HEADING:
        if f.numbered or f.doubled and not article.numbered:
            return W["heading_marked"]  # (where headings carry numbers, a line written twice is a caption's copy)
        cost = W["heading_base"]
        if article.numbered or article.doubles:
            cost += W["heading_unmarked"]  # the article marks its headings: unmarked lines are not
        if f.long or f.words > HEADING_MAX_WORDS:
            cost += W["heading_long"]
        if f.sentence:
            cost += W["heading_sentence"]
        if f.suffix is not None and not f.maker_named:
            cost += W["heading_with_credit"]
        if f.place:
            cost += W["heading_place"]
        if f.name:
            cost += W["heading_name"]  # a person's name alone: the photographer, under the heading
        if f.capitals >= 0.6 and f.words >= 2:
            cost -= W["heading_capitalised"]
        if f.label_soon and not f.sentence:
            cost += W["heading_before_label"]  # right before "Image caption,": the picture's alt text
        if not f.next_long:
            cost += W["heading_no_text_after"]
        elif article.paired and not article.numbered and f.title_like and f.pairs_next:
            cost -= W["heading_paired"]  # the article sets a short phrase over each paragraph
        return max(cost, W["heading_floor"])
    if role == CAPTION:
        cost = W["caption_long"] if f.long else W["caption_short"]
        if f.long and article.short_share >= 0.6 and f.suffix is None and not f.next_credit:
            cost += W["caption_prose_among_short"]  # one long paragraph among short captions: prose, not a caption
        if f.suffix is not None:
            cost -= W["caption_with_credit"]
        if f.numbered:
            cost += W["caption_numbered_in_listicle"] if layout.headed else W["caption_numbered_in_gallery"]
        if f.after_counter:
            cost -= W["caption_after_counter"]
        if f.name:
            cost += W["caption_name"]
        if f.words <= 2 and not f.sentence and not f.after_counter:
            cost += W["caption_tiny"]  # a photo's caption is rarely one or two words
        if f.after_label:
            cost -= W["caption_label"]  # "Image caption," was written just before it
        if f.doubled and layout.headed:
            cost += W["caption_doubled_in_listicle"]  # written twice: a listicle's heading, not the text under one
        if f.about:
            cost += W["caption_about"]  # talks about the pictures: an introduction, not one of them
        if article.copies and f.long and not (f.copied or f.after_counter or f.after_label) and f.suffix is None:
            cost += W["caption_not_copied"]  # where captions are written twice, one written once is prose
        return max(cost, W["caption_floor"])
    if role == PARAGRAPH:
        cost = W["paragraph_long"] if f.long else W["paragraph_sentence"] if f.sentence or f.suffix is not None \
            else W["paragraph_fragment"]  # (a caption and its credit: "… in Barcelona / EFE - Name")
        if f.bullet and f.words <= 3:
            cost += W["paragraph_bullet"]
        if not layout.headed:
            cost += W["paragraph_in_gallery"]  # a gallery gives each photo one paragraph
        if f.suffix is not None and not layout.headed:
            cost += W["paragraph_with_credit_in_gallery"]
        if f.numbered:
            cost += W["paragraph_numbered"]
        if f.doubled and not article.numbered or f.copied:
            cost += W["paragraph_doubled"]  # written twice (alt text, then caption): a photo starts here
        if f.maker_named:
            cost += W["paragraph_maker_named"]  # "Fourth Place - Name", as the other photos open: one more
        if f.after_counter and article.counters:
            cost += W["paragraph_after_counter"]
        return cost
    if role == INTRO:
        cost = W["intro_long"] if f.long else W["intro_short"]
        if f.long and article.short_share >= 0.6:
            cost -= W["intro_prose_among_short"]
        if f.about:
            cost -= W["intro_about"]  # "these pictures", "our photographers", "here are": about the gallery
        if f.suffix is not None:
            cost += W["intro_with_credit"]
        if f.after_counter and article.counters:
            cost += W["intro_after_counter"]
        if f.copied:
            cost += W["intro_copied"]
        if f.alike_above:
            cost += W["intro_in_list"]  # a run of lines of one shape, one per line: a list of captions
        if f.numbered:
            cost += W["intro_numbered"]
        if f.after_label:
            cost += W["caption_label"]  # "Image caption," was written just before it: a photo's
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
    paragraphs: int = 0
    """Paragraphs under the current entry's first line so far, up to PARAGRAPHS_COUNTED."""


def _dek_like(f: Features) -> bool:
    """A phrase of some length without a full stop: a standfirst where it stands under the headline.
    (_solve caches transitions by this and the line's other features that _transition reads.)"""
    return f.words >= 6 and not f.sentence and not f.long


_LISTED = (INTRO, HEADING, CAPTION, PARAGRAPH)
"""Roles a list of alike lines takes as one (see Features.alike_above)."""


def _transition(state: _State, role: str, layout: Layout, article: _Article,
                f: Features) -> tuple[_State, float] | None:
    if state.last in (ALT, SECTION) and role not in (CAPTION, HEADING, ALT, CREDIT):
        return None  # a description or a section heading comes before a photo's caption
    if state.last == ALT and role != CAPTION and not (role == CREDIT and layout.credit_before):
        return None  # (an alt, then the credit of the caption below it: "credit before" pages)
    if layout.credit_before and state.last == CREDIT and role in (TITLE, CHROME, BYLINE):
        return None  # a credit written before its caption is followed by that caption
    if role == TITLE:
        if state.titled or state.started or state.last not in ("", BYLINE):
            return None  # the headline comes before the story (page chrome may come before it)
        return _State(TITLE, False, False, False, True), W["to_title"]
    if role == CHROME:
        if state.started or state.last in (INTRO, CREDIT):
            return None  # page chrome is around the headline, not inside the story
        return _State(state.last, False, False, False, state.titled), W["to_chrome"]
    if role in (ALT, SECTION):
        if state.last == FOOTER or (layout.credit_before and state.last == CREDIT and role == SECTION):
            return None
        if role == SECTION and not state.started and state.last not in (INTRO, TITLE, BYLINE, ""):
            return None
        unclosed = state.started and not state.credited and not (layout.credit_before and state.last == CREDIT) \
            and state.last not in (ALT, SECTION)
        closing = W["entry_without_credit_at_aside_or_end"] * article.credit_share if unclosed else 0.0
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
        closing = 1.6 * article.credit_share if state.last != FOOTER and not state.credited else W["to_footer_credited"]
        if layout.credit_before and state.last == CREDIT:
            closing += W["to_footer_after_waiting_credit"]  # the last credit has no caption after it
        closing += W["footer_after_footer"] if state.last == FOOTER else W["footer_start"]
        return _State(FOOTER, True, True, False, state.titled), closing
    moved = _move(state, role, layout, article)
    if moved is not None and role == INTRO and state.last == TITLE and _dek_like(f):
        # A phrase without a full stop under the headline is its standfirst ("Una selección de las
        # mejores fotografías de la jornada"), not a second, likelier headline after page chrome.
        moved = moved[0], moved[1] - W["dek_after_title"]
    if moved is not None and role == CAPTION and not state.bare and article.numbered and not f.numbered \
            and state.last not in (ALT, SECTION):
        # Where list numbers start the entries, a line without one starts none.
        moved = moved[0], moved[1] + W["caption_unnumbered_in_numbered"]
    if moved is not None and state.titled and not moved[0].titled:
        moved = moved[0]._replace(titled=True), moved[1]
    if moved is not None and article.counters:
        new_state, cost = moved
        starts = role == HEADING or (role == CAPTION and not state.bare)
        if starts != f.after_counter and not (f.after_counter and role == CREDIT):
            # A slideshow page: each counter starts a photo, and only a counter.
            moved = new_state, cost + W["counter_mismatch"]
    if moved is not None and f.alike_above and role != state.last and role in _LISTED and state.last in _LISTED:
        # A list of lines of one shape, one under another: one role for all of them (a gallery's
        # captions one per line are all captions, not an introduction, then captions, then prose).
        moved = moved[0], moved[1] + W["switch_between_alike"]
    if moved is not None and f.in_records:
        new_state, cost = moved
        starts = role == HEADING or (role == CAPTION and not state.bare)
        if starts != f.opens_record:
            # Records written alike (a prize, its photographer, a statement): each one's first
            # line starts a photo, and only it does (one whose first line is of another kind
            # than the rest may have been missed: starting one elsewhere costs less).
            moved = new_state, cost + (W["record_mismatch"] if f.opens_record else W["record_extra_start"])
    if moved is None or f.suffix is None or role not in (HEADING, CAPTION, PARAGRAPH):
        return moved
    # A line that ends (or starts) with its credit credits the entry it belongs to.
    new_state, cost = moved
    if role == CAPTION and layout.headed and not state.bare and state.credited and state.last != CREDIT:
        # "- NAME The caption…" after a credited entry: a photo that lost its heading, not a
        # second credit for the one before
        cost -= W["unheaded_caption_with_own_credit"]
    if new_state.credited:
        cost += W["second_credit_in_line"]  # a second credit for one photo
    return _State(new_state.last, True, True, False, new_state.titled), cost


def _move(state: _State, role: str, layout: Layout, article: _Article) -> tuple[_State, float] | None:
    last = state.last
    if role == BYLINE:
        if state.started or last in (CREDIT, INTRO):
            return None
        at_top = last in ("", TITLE, BYLINE)
        return _State(BYLINE, False, False, False), W["to_byline_at_top"] if at_top else W["to_byline_elsewhere"]
    if layout.credit_before and last == CREDIT and role not in (HEADING, CAPTION):
        return None  # a credit written before its caption is followed by that caption
    if role == INTRO:
        if state.started:
            return None
        return _State(INTRO, False, False, False), W["to_intro"]
    uncredited = W["entry_closed"]
    if state.started and not state.credited:
        # An entry ends without a credit in an article that has them.
        uncredited = W["entry_closed_without_credit"] * article.credit_share
    if role == HEADING and last in (ALT, SECTION):
        heading = W["heading_in_listicle"] if layout.headed else W["heading_in_gallery"]
        return _State(HEADING, True, state.credited, True), heading
    if role == HEADING:
        cost = uncredited + (W["heading_in_listicle"] if layout.headed else W["heading_in_gallery"])
        if state.bare:
            cost += W["heading_bare"]  # a heading with nothing under it
        return _State(HEADING, True, layout.credit_before and last == CREDIT, True), cost
    if role == CAPTION:
        if state.bare:  # the caption under a heading
            return _State(CAPTION, True, state.credited, False), W["caption_under_heading"]
        if last in (ALT, SECTION):
            unheaded = W["caption_unheaded_in_listicle"] if layout.headed else 0.0
            return _State(CAPTION, True, state.credited, False), unheaded
        cost = uncredited + (W["caption_unheaded_in_listicle"] if layout.headed else W["caption_in_gallery"])
        return _State(CAPTION, True, layout.credit_before and last == CREDIT, False), cost
    if role == PARAGRAPH:
        if not state.started:
            return None
        cost = W["to_paragraph"]
        if layout.credit_before is False and state.credited and not layout.headed:
            # Text after a caption's credit, in a gallery: more likely a new caption.
            cost += W["paragraph_after_credit_in_gallery"]
        if state.paragraphs >= PARAGRAPHS_COUNTED:
            cost += W["paragraph_beyond_counted"]  # a long run under one line: more likely a photo each
        counted = min(PARAGRAPHS_COUNTED, state.paragraphs + 1)
        return _State(PARAGRAPH, True, state.credited, False, paragraphs=counted), cost
    if role == CREDIT:
        if layout.credit_before:
            if last == CREDIT:
                return None
            # The credit of the next entry; in a headed layout, "heading, credit, text" also reads so.
            if state.bare and layout.headed:
                return _State(CREDIT, True, True, True), W["credit_under_heading_before_caption"]
            return _State(CREDIT, state.started, True, False), uncredited  # it closes the entry before
        if not state.started:
            return _State(CREDIT, False, False, False), W["credit_before_entries"]
        if state.credited:
            return _State(CREDIT, True, True, False), W["second_credit"]  # a second credit for one photo
        return _State(CREDIT, True, True, state.bare), W["to_credit"]
    raise ValueError(role)


def _solve(feats: list[Features], layout: Layout, article: _Article) -> tuple[float, list[str], list[float]]:
    start = _State("", False, False, False)
    # best[state] = (cost, back-pointer index into history)
    frontier: dict[_State, tuple[float, int]] = {start: (0.0, -1)}
    history: list[tuple[str, int, float]] = []  # (role, parent history index, cost so far)
    first_content = True
    # A transition depends on the state, the role and a few of the line's features (`bits`): worked out once.
    moves: dict[tuple[_State, str, bool, bool, bool, bool, bool, bool, bool], tuple[_State, float] | None] = {}
    for feature in feats:
        nxt: dict[_State, tuple[float, int]] = {}
        emissions = [(role, _emission(feature, role, first_content, article, layout)) for role in ROLES]
        emissions = [(role, emit) for role, emit in emissions if emit != INF]
        bits = (feature.suffix is not None, feature.after_counter, _dek_like(feature), feature.numbered,
                feature.opens_record, feature.in_records, feature.alike_above)
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
            final += W["entry_without_credit_at_aside_or_end"] * article.credit_share
        if layout.credit_before and state.last == CREDIT:
            final += W["end_on_waiting_credit"]
        if state.bare:
            final += W["end_on_bare_heading"]
        if not state.started:
            final += W["end_without_entries"]  # no entry at all
        if not state.titled:
            final += W["end_without_title"]  # most articles have a headline
        if layout.credit_before:
            final += W["layout_credits_before"]  # credits written before their captions are the rarer layout
        # The page's blank lines group each credit with its caption: evidence for one side.
        votes = max(-8, min(8, article.gap_votes))
        final += W["credit_gap_vote"] * (-votes if layout.credit_before else votes)
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
    article = _article(feats, prepared, doubled, _gap_votes(units, feats, prepared))
    results = _solve_all(feats, article)
    if not results and any(f.in_records for f in feats):
        # No reading keeps every record inside the story (records.py was wrong): read the
        # lines without them.
        feats = [replace(f, opens_record=False, in_records=False) for f in feats]
        results = _solve_all(feats, article)
    best_cost, best_layout, best_roles, best_steps = results[0]
    # Layouts that differ only in where credits go cost the same when there are no credits.
    others = [cost for cost, layout, roles, _ in results[1:] if roles != best_roles]
    margin = others[0] - best_cost if others else INF
    return Labelling(roles=best_roles, layout=best_layout, cost=best_cost, margin=margin, steps=best_steps)


def _solve_all(feats: list[Features], article: _Article) -> list[tuple[float, Layout, list[str], list[float]]]:
    """Each layout's cheapest roles, cheapest first; layouts with no possible reading left out."""
    results = []
    for layout in LAYOUTS:
        cost, roles, steps = _solve(feats, layout, article)
        if cost < INF:
            results.append((cost, layout, roles, steps))
    results.sort(key=lambda item: item[0])
    return results


NAME_VOTE = 2
"""What one credit whose photographer is named again on one side counts for, in gap votes."""


def _gap_votes(units: list[Unit], feats: list[Features], prepared: Prepared) -> int:
    """For each credit line between two other lines: +1 when fewer blank lines part it from the
    line after than from the line before (the credit is grouped with the caption below), -1 the
    other way round. Where a dropped line (furniture, a counter) stands between, it does not vote."""
    dropped = {line for line, _, _ in prepared.dropped} | {unit.line for unit in prepared.units}

    def blanks(a: Unit, b: Unit) -> int | None:
        # (a credit's copies right under it are the credit: the blank lines count from the last copy)
        between = range(prepared.credit_copies.get(a.line, a.line) + 1, b.line)
        return None if any(line in dropped for line in between) else len(between)

    ups = downs = 0
    between_text = [index for index in range(1, len(units) - 1) if feats[index].credit is not None and not any(
        f.credit is not None or f.words < 4 and not f.signed or not f.letters
        for f in (feats[index - 1], feats[index + 1]))]
    # (between two lines of text only (a quote's "— Name" is one): a counter or a button beside
    # it says nothing, and "heading, credit, caption" is one entry whichever side credits go)
    for index in between_text:
        before, after = blanks(units[index - 1], units[index]), blanks(units[index], units[index + 1])
        if before is not None and after is not None:  # (a dropped line between says nothing of blank lines)
            downs += after < before
            ups += before < after
    named_downs, named_ups = _name_votes(units, feats, between_text)
    # (a photographer named again beside the credit says more than blank lines do)
    downs, ups = downs + NAME_VOTE * named_downs, ups + NAME_VOTE * named_ups
    # Evidence only when the page does it again and again, nearly always the same way (the
    # first credit under a headline is set apart from the headline whatever the layout).
    if max(ups, downs) < 2 or min(ups, downs) * 4 > max(ups, downs):
        return 0
    return downs - ups


def _name_votes(units: list[Unit], feats: list[Features], voting: list[int]) -> tuple[int, int]:
    """(downs, ups): credit lines whose photographer the text after them names again, before the
    next credit ("Photo by Dana Whitlock/Getty Images", the photo's caption, "— Dana Whitlock"),
    and those whose photographer the text before them names, since the credit before. The
    photographer's words go with the photo's. Only the lines in `voting` vote."""
    credited = [index for index, f in enumerate(feats) if f.credit is not None]
    votes = set(voting)
    downs = ups = 0
    for at, index in enumerate(credited):
        name = _person(credit_body(feats[index].credit or "")) if index in votes else None
        if name is None:
            continue
        start = credited[at - 1] + 1 if at else 0
        end = credited[at + 1] if at + 1 < len(credited) else len(units)
        before = any(name in unit.text.casefold() for unit in units[start:index])
        after = any(name in unit.text.casefold() for unit in units[index + 1:end])
        downs += after and not before
        ups += before and not after
    return downs, ups


def _person(body: str) -> str | None:
    """The photographer's name a credit opens with ("Dana Whitlock" in "Dana Whitlock/Getty
    Images", "Dana Whitlock – FIFA via Getty Images"), case folded; None unless two or three words."""
    name = body
    for cut in ("/", " via ", " for ", " – ", " — ", " - ", ",", "(", "|"):
        name = name.split(cut, 1)[0]
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(word[:1].isupper() for word in words):
        return None
    return " ".join(words).casefold()


def _article(feats: list[Features], prepared: Prepared, doubled: set[int], gap_votes: int = 0) -> _Article:
    count = max(1, len(feats))
    credits = sum(1 for f in feats if f.credit is not None or f.suffix is not None)
    # Headings that share a kicker mark the article's headings as list numbers do.
    marked = prepared.numbered or sum(1 for f in feats if f.numbered) >= KICKER_REPEATS
    return _Article(numbered=marked, doubles=len(doubled) >= 2,
                       counters=prepared.counters >= 2, credit_share=min(1.0, 2.5 * credits / count),
                       suffix_share=sum(1 for f in feats if f.suffix is not None) / count,
                       short_share=_short_share(feats), gap_votes=gap_votes, paired=_paired(feats),
                       copies=sum(1 for f in feats if f.copied) >= COPIES_LEAST)


def _paired(feats: list[Features]) -> bool:
    """At least PAIRED_LEAST long lines, and PAIRED_SHARE of them, right after a short phrase
    that could be a headline (not a name, place or credit)."""
    long_lines = sum(1 for f in feats if f.long and f.credit is None)
    pairs = sum(1 for f in feats if f.pairs_next)
    return pairs >= PAIRED_LEAST and pairs >= PAIRED_SHARE * long_lines


def _short_share(feats: list[Features]) -> float:
    """Share of the lines of text (not credits, not one-word menu links) that are short."""
    text = [f for f in feats if f.credit is None and f.words >= MENU_WORDS]
    return sum(1 for f in text if not f.long) / max(1, len(text))


def solve(units: list[Unit], doubled: set[int], prepared: Prepared,
          layout: Layout) -> tuple[float, list[str], list[float]]:
    """One layout's cheapest roles, with each line's cost (for tuning and for tests)."""
    feats = features(units, doubled, prepared)
    return _solve(feats, layout, _article(feats, prepared, doubled, _gap_votes(units, feats, prepared)))
