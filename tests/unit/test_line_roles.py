"""The line-role scorer (viewer.importer.roles): each line's role chosen over the whole article.

Small made-up articles, one per layout and per role, and the properties that hold whatever the
costs are tuned to: every line gets exactly one role, the title comes before the story, a
credit written before its caption is followed by one, the page's end comes last, and the work
grows linearly with the article.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.importer.article import _collapse_doubles, parse_article
from viewer.importer.lines import prepare
from viewer.importer.roles import (
    ALT,
    CAPTION,
    CHROME,
    CREDIT,
    FOOTER,
    HEADING,
    INTRO,
    PARAGRAPH,
    SECTION,
    TITLE,
    label,
)


def roles_of(text: str) -> tuple[list[tuple[str, str]], str]:
    prepared = prepare(text)
    units, doubled = _collapse_doubles(prepared.units)
    labelling = label(units, doubled, prepared)
    return [(unit.text, role) for unit, role in zip(units, labelling.roles)], labelling.layout.describe()


CAPTIONS_THEN_CREDITS = """\
Harbour days: a week on the quay in pictures

A fisherman coils rope on the deck of a trawler before dawn.
Photograph: Ana Ruiz/Reuters

Gulls wheel above the fish market as the first crates come off the boats.
Photograph: Kim Lo/AFP/Getty Images

A boy sells coffee from a flask to the night shift.
Photograph: Tomas Varga/EPA
"""

CREDITS_THEN_CAPTIONS = """\
Week in pictures: the coast

A selection of the week's pictures from along the coast.

Image source, Ana Ruiz / Reuters
Image caption,
A fisherman coils rope on the deck of a trawler before dawn.
Image source, Kim Lo / EPA
Image caption,
Gulls wheel above the fish market as the first crates come off the boats.
Image source, Tomas Varga / AFP
Image caption,
A boy sells coffee from a flask to the night shift.
"""

LISTICLE = """\
Ten quiet corners of the old town

1. The rope walk

A covered lane where sailmakers once twisted hemp, now a place for chess players in the shade of the arcade.

(Image via Ana Ruiz)

2. The salt stairs

Worn steps lead down from the customs house to the water, polished by two centuries of barefoot porters.

(Image via Kim Lo)
"""

WITH_CHROME = """\
Menu
• News
• Sport
• Pictures
Search

The best photographs of the week

A fisherman coils rope on the deck of a trawler before dawn, while his son sleeps on the nets. Ana Ruiz/Reuters

Gulls wheel above the fish market as the first crates come off the boats at six. Kim Lo/AFP

Most viewed
Terms of use | Privacy policy
© 2024 Example Media. All rights reserved.
"""


def test_captions_with_credits_after_them():
    roles, layout = roles_of(CAPTIONS_THEN_CREDITS)
    assert layout == "one caption per photo, credits after their captions"
    assert [role for _, role in roles] == [TITLE, CAPTION, CREDIT, CAPTION, CREDIT, CAPTION, CREDIT]


def test_credits_written_before_their_captions():
    roles, layout = roles_of(CREDITS_THEN_CAPTIONS)
    assert layout == "one caption per photo, credits before their captions"
    assert [role for _, role in roles] == [TITLE, INTRO, CREDIT, CAPTION, CREDIT, CAPTION, CREDIT, CAPTION]
    article = parse_article(CREDITS_THEN_CAPTIONS)
    assert [e.credit for e in article.entries] == [
        "Image source, Ana Ruiz / Reuters", "Image source, Kim Lo / EPA", "Image source, Tomas Varga / AFP"]
    assert article.entries[1].title.startswith("Gulls wheel")


def test_numbered_headings_with_text_and_a_credit():
    roles, layout = roles_of(LISTICLE)
    assert layout.startswith("a heading per photo")
    # The text under a heading is its caption, whichever of the two names it gets.
    got = [PARAGRAPH if role == CAPTION else role for _, role in roles]
    assert got == [TITLE, HEADING, PARAGRAPH, CREDIT, HEADING, PARAGRAPH, CREDIT]


def test_menus_before_the_title_and_the_page_end_after_the_story_are_left_out():
    roles, _ = roles_of(WITH_CHROME)
    # "Menu", "• Pictures" and "Search" are furniture before any role is given (lines.py).
    assert [role for _, role in roles] == [CHROME] * 2 + [TITLE, CAPTION, CAPTION] + [FOOTER] * 3
    article = parse_article(WITH_CHROME)
    assert article.title == "The best photographs of the week"
    assert [e.credit for e in article.entries] == ["Ana Ruiz/Reuters", "Kim Lo/AFP"]
    dropped = {text for _, text, _ in article.dropped}
    assert {"Most viewed", "© 2024 Example Media. All rights reserved."} <= dropped


ALT_AND_SECTIONS = """\
The year in photos: storms, strikes and a long summer

Weather

Workers sweep water from a station concourse.
Transit crews push standing water out of the concourse at the central station after a night of record rain on the coast.
(Ana Ruiz / The Daily Example)

A man clears snow from a cabin roof.
A resort worker shovels snow off the roof of a rental cabin in the mountains, where three metres fell in a week.
(Kim Lo / The Daily Example)

Strikes

Picketers march outside a studio gate.
Writers and actors march together outside a studio gate in July, the first time both unions walked out together.
(Tomas Varga / The Daily Example)
"""


def test_alt_text_before_a_caption_and_section_headings_are_left_out():
    roles, layout = roles_of(ALT_AND_SECTIONS)
    assert layout == "one caption per photo, credits after their captions"
    got = [role for _, role in roles]
    assert got[1] in (SECTION, CHROME)  # before any photo, a section heading is the page's furniture
    assert got[:1] + got[2:] == [TITLE, ALT, CAPTION, CREDIT, ALT, CAPTION, CREDIT, SECTION, ALT, CAPTION, CREDIT]
    article = parse_article(ALT_AND_SECTIONS)
    assert [e.title.split()[0] for e in article.entries] == ["Transit", "A", "Writers"]
    assert all(e.credit for e in article.entries)
    why = {text: reason for _, text, reason in article.dropped}
    assert "alt text" in why["Workers sweep water from a station concourse."]
    assert "section" in why["Strikes"]


def test_the_report_says_which_layout_and_how_sure():
    article = parse_article(CREDITS_THEN_CAPTIONS)
    assert article.layout.startswith("one caption per photo, credits before their captions (")
    assert article.layout.endswith(("(sure)", "(fairly sure)", "(unsure)"))


_LINES = st.sampled_from([
    "Menu", "• News", "The best photographs of the week", "Photograph: Ana Ruiz/Reuters", "(AP Photo/Kim Lo)",
    "A fisherman coils rope on the deck of a trawler before dawn, while his son sleeps on the nets.",
    "Gulls wheel above the fish market.", "1. The rope walk", "Ana Ruiz", "3 / 20", "By Kim Lo",
    "All rights reserved.", "Image source, Ana Ruiz / EPA", "Related Topics", "Monday",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=30).map("\n\n".join))
def test_every_line_gets_one_role_in_an_order_articles_have(text):
    prepared = prepare(text)
    units, doubled = _collapse_doubles(prepared.units)
    labelling = label(units, doubled, prepared)
    roles = labelling.roles
    assert len(roles) == len(units)
    if TITLE in roles:
        assert roles.count(TITLE) == 1
        assert all(role in (CHROME, "byline") for role in roles[:roles.index(TITLE)])
    if FOOTER in roles:
        first = roles.index(FOOTER)
        assert all(role == FOOTER for role in roles[first:])
    if labelling.layout.credit_before:
        story = [role for role in roles if role != ALT]  # "credit, alt text, caption" reads so too
        for here, after in zip(story, story[1:]):
            if here == CREDIT:
                # (or the page's end: a last credit with no caption after it, priced by
                # to_footer_after_waiting_credit and kept as text by the article)
                assert after in (CAPTION, HEADING, FOOTER)


def test_labelling_time_grows_linearly_with_the_article():
    entry = ("A fisherman coils rope on the deck of a trawler before dawn.\n\nPhotograph: Ana Ruiz/Reuters\n\n"
             "Gulls\n\n")

    def timed(copies: int) -> float:
        text = "Title of the gallery\n\n" + entry * copies
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            parse_article(text)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = timed(250), timed(1000)
    assert large < small * 4 * 2.5, (small, large)


def test_every_cost_is_named_for_what_it_prices_and_is_used():
    """The tuner walks W by name: a numbered name ("caption3") says nothing, an unused one wastes
    its passes."""
    import inspect

    from viewer.importer import roles

    source = inspect.getsource(roles)
    for name in roles.W:
        assert not name[-1].isdigit(), name
        assert source.count(f'W["{name}"]') >= 1, f"{name} is never used"


def test_viewer_role_costs_override_costs_by_name_and_ignore_the_rest():
    import json
    import os
    import subprocess
    import sys

    given = {"caption_long": 9.5, "no_such_cost": 1.0, "title_base": "high", "heading_base": float("nan")}
    code = ("import json; from viewer.importer.roles import W; "
            "print(json.dumps([W['caption_long'], 'no_such_cost' in W, W['title_base'], W['heading_base']]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "VIEWER_ROLE_COSTS": json.dumps(given)})
    from viewer.importer.roles import W

    assert json.loads(done.stdout) == [9.5, False, W["title_base"], W["heading_base"]]
