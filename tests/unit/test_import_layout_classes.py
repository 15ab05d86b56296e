"""Classes of article layout met on the second fresh set of sites, each handled by a shared
mechanism (the credit grammar, the first pass over lines, the role scorer), with near-misses.

- a caption opened by the day it was taken (`22/05/2014 - …`, `2014-05-22 – …`);
- a gallery run together on one line by its screen-reader labels (`Image copyrightEPAImage caption…`);
- a slide counter opening the line it counts (`Image 1 of 90: NAME, Country`, `1 of 8 To full screen`);
- a camera's settings on a line of their own (`Canon …, lens 35mm, f8, 1/500, ISO 200`);
- captions that are a work's title and its photographer (`Salt Harvest by Nguyen Thanh Dat`),
  and `by Name` alone under a caption broken over two lines;
- photographers' names in capitals: `- NAME The caption…` (spaced or glued), `Title - NAME`;
- an agency's name as the label before the photographer's (`Getty Images: Name`, `REUTERS: Name`).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_linear_time import assert_linear
from viewer.importer import parse_article
from viewer.importer.credits import credit_line, split_credit, titled_by
from viewer.importer.furniture import furniture
from viewer.importer.lines import _glued_runs, _leading_counter, prepare


def slides(text: str) -> list[tuple[str, str | None]]:
    article = parse_article(text)
    return [(" ".join([entry.title, *entry.paragraphs]).strip(), entry.credit) for entry in article.entries]


# -- a date opening the caption --------------------------------------------------------------------

@pytest.mark.parametrize("line, caption", [
    ("22/05/2014 - Pilgrims carry a wooden statue across a shallow river.", "Pilgrims carry a wooden statue across a shallow river."),
    ("2014-05-22 – A farmer leads a column of cattle along a flooded road", "A farmer leads a column of cattle along a flooded road"),
    ("3 August 2020: Dancers in paper masks take part in a parade", "Dancers in paper masks take part in a parade"),
    ("Friday, March 16, 2018 | Students stage a sit-in outside the ministry", "Students stage a sit-in outside the ministry"),
    ("05.11.21 — “We waited all night,” said the ferryman at the pier", "“We waited all night,” said the ferryman at the pier"),
])
def test_a_date_before_a_caption_is_not_its_first_words(line, caption):
    assert prepare(f"Title\n\n{line}\n").units[-1].text == caption


@pytest.mark.parametrize("line", [
    "May 3 - the day the river rose over its banks for the first time",  # the date is the sentence's
    "22/05/2014 - short",  # nothing worth calling a caption after it
    "Route 22 - Buses queue on the ring road as the bridge stays closed",
    "Volunteers sweep the square on 22/05/2014 - before the parade begins",
])
def test_not_a_date_before_a_caption(line):
    assert prepare(f"Title\n\n{line}\n").units[-1].text == line


def test_a_counted_gallery_of_dated_captions():
    text = "Photos of the Day\n\n" + "".join(
        f"{n} / 3\n\n22/05/2014 - {caption}\n\n" for n, caption in enumerate([
            "A goalkeeper dives to save a penalty at the stadium in Valencia",
            "Pilgrims carry a wooden statue of the Virgin across a shallow river",
            "A kingfisher dives for a fish in a pond at a city park in Kathmandu"]))
    got = slides(text)
    assert [s[0][:12] for s in got] == ["A goalkeeper", "Pilgrims car", "A kingfisher"]


# -- a gallery run together on one line ------------------------------------------------------------

GLUED = ("Africa's top shots\n\nSome of the week's finest pictures:\n"
         "Image copyrightEPAImage captionA hurdler clears the last barrier at the indoor championships on Friday."
         "Image copyrightREUTERSImage captionA hot-air balloon carries tourists over the plains at dawn on Saturday."
         "Image copyrightAFPImage captionStudents stage a sit-in outside the education ministry on Tuesday...\n")


def test_a_gallery_glued_on_one_line_is_one_photo_per_label_pair():
    assert slides(GLUED) == [
        ("A hurdler clears the last barrier at the indoor championships on Friday.", "EPA"),
        ("A hot-air balloon carries tourists over the plains at dawn on Saturday.", "REUTERS"),
        ("Students stage a sit-in outside the education ministry on Tuesday...", "AFP"),
    ]


@pytest.mark.parametrize("line", [
    "The image caption in the print edition named the wrong town, and the photo source was never found.",
    "Image caption: the ferry leaves at dawn, as it has every day since the bridge closed in the spring.",
])
def test_a_line_with_one_label_or_labels_in_prose_stays_whole(line):
    assert [u.text for u in prepare(f"Title\n\n{line}\n").units][-1].endswith("spring.") or \
        prepare(f"Title\n\n{line}\n").units[-1].text == line


# -- a counter opening the line ------------------------------------------------------------------

def test_a_counter_opening_a_line_counts_and_the_rest_starts_the_photo():
    prepared = prepare("Best photos\n\nImage 1 of 90: MARTA KOWALCZYK, Poland\n\n\"The river had been rising.\"\n")
    assert prepared.counters == 1
    first = prepared.units[1]
    assert first.text == "MARTA KOWALCZYK, Poland" and first.after_counter


def test_a_counter_followed_by_a_button_is_all_furniture():
    prepared = prepare("Week in photos\n\n1 of 8 To full screen\n\nSnow day\n")
    assert [u.text for u in prepared.units] == ["Week in photos", "Snow day"]
    assert prepared.units[1].after_counter


@pytest.mark.parametrize("line", [
    "1 of 3 children in the valley now walks more than an hour to school each morning.",
    "2/3 of the town's houses were flooded when the dam gave way in the night.",
    "24/7 Crews work through the night to clear the rail line",  # first number above the second
])
def test_not_a_counter_opening_a_line(line):
    assert prepare(f"Title\n\n{line}\n").units[-1].text == line


# -- camera settings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Canon EOS-1D X, lens 35mm, f8, 1/500, ISO 200",
    "Nikon D4, lens 70-200mm, f5.6, 1/2000, ISO 100",
    "Sony A7 III, 24mm, f/1.4, 20s, ISO 3200",
])
def test_camera_settings_are_furniture(line):
    assert furniture(line) == "a camera's settings"


@pytest.mark.parametrize("line", [
    "The photographer shot at f/2.8 and 1/60 to catch the last light.",
    "Shot with a 50mm lens at ISO 800 and f/2 after the storm had passed over the town of Ely and the fields.",
    "A 35mm film camera sits on the table beside a box of old prints",
])
def test_a_caption_mentioning_settings_is_not_furniture(line):
    assert furniture(line) is None


# -- a work's title and its photographer -------------------------------------------------------------

@pytest.mark.parametrize("line, title, credit", [
    ("Salt Harvest by Nguyen Thanh Dat", "Salt Harvest", "by Nguyen Thanh Dat"),
    ("ORION by Mathieu Delorme", "ORION", "by Mathieu Delorme"),
    ("Grandmother's Hands by Leila Benali", "Grandmother's Hands", "by Leila Benali"),
    ("FIRST PLACE - Icicle Chandelier by Norma Pettigrew", "FIRST PLACE - Icicle Chandelier", "by Norma Pettigrew"),
    ("SECOND PLACE: Harbour in the Fog by Wendell Straub", "SECOND PLACE: Harbour in the Fog", "by Wendell Straub"),
    ("Through the Kelp by Daniel Tan Wei Ming", "Through the Kelp", "by Daniel Tan Wei Ming"),
    ("Iron and Rust by Karol Wisniewski, Poland", "Iron and Rust", "by Karol Wisniewski, Poland"),
])
def test_a_title_by_a_photographer(line, title, credit):
    assert titled_by(line) == (title, credit)


@pytest.mark.parametrize("line", [
    "Stand by Me",
    "Stand by Your Man",
    "Photo booths by the river",
    "Ferries wait by the river",
    "A man walks by Central Park in the rain.",
    "Lit by Moonlight",
    "Cottages by the Sea at Dusk",
    "The old mill, photographed by Ana Ruiz on a spring morning",  # prose after the name
    "Stand by, Ana Ruiz",
])
def test_not_a_title_by_a_photographer(line):
    assert titled_by(line) is None


def test_captions_that_are_titles_by_photographers_are_credited():
    text = "Shortlisted photos\n\nSalt Harvest by Nguyen Thanh Dat\n\nEvening Ferry by Rosa Castellanos\n\n" \
           "The Apprentice by Tomas Herrera\n"
    assert slides(text) == [("Salt Harvest", "by Nguyen Thanh Dat"), ("Evening Ferry", "by Rosa Castellanos"),
                            ("The Apprentice", "by Tomas Herrera")]


def test_one_title_by_name_line_is_not_enough():
    """A single line of that shape may be a title that reads so: the article must write its
    captions that way."""
    text = "Walks in the city\n\nWalk by Central Park\n\nA path winds under elms that have shaded it for a century.\n"
    assert all(credit is None for _, credit in slides(text))


def test_headings_naming_a_works_maker_over_its_text_are_not_credits():
    """`Studio by Harrow & Finch` over a paragraph about the building names the architects."""
    text = ("Unusual architecture photoshoots\n\nStudio by Harrow Finch\n\nThe illustrator who commissioned this "
            "timber studio insisted on being photographed asleep in every room of it.\n\n"
            "Library by Koivisto Arkkitehdit\n\nThe library was photographed entirely from the floor, looking up "
            "at the reading rooms and the long oak shelves.\n")
    article = parse_article(text)
    assert all(entry.credit is None for entry in article.entries)
    assert any(entry.title == "Library by Koivisto Arkkitehdit" for entry in article.entries)


def test_by_name_alone_under_a_caption_broken_over_two_lines():
    text = ("Shortlist\n\nSalt Harvest by Nguyen Thanh Dat\n\nEvening Ferry by Rosa Castellanos\n\n"
            "Glasgow Nights. On the last evening before the old tenements were demolished,\nby Fraser McAllister\n")
    assert slides(text)[-1] == (
        "Glasgow Nights. On the last evening before the old tenements were demolished,", "by Fraser McAllister")


def test_a_byline_at_the_top_stays_a_byline():
    article = parse_article("A week of storms\n\nby Jane Doe\n\nA tree lies across the road after the storm "
                            "passed over the town on Monday night.\nPhoto: Ana Ruiz/AFP\n")
    assert [entry.credit for entry in article.entries] == ["Photo: Ana Ruiz/AFP"]
    assert any(text == "by Jane Doe" for _, text, _ in article.dropped)


# -- names in capitals ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line, caption, credit", [
    ("- HALVARD STRAND The aurora pours down the sides of a narrow fjord.",
     "The aurora pours down the sides of a narrow fjord.", "HALVARD STRAND"),
    ("- PRIYA NAIRThis deep telescope image picks out small clouds of gas.",
     "This deep telescope image picks out small clouds of gas.", "PRIYA NAIR"),
    ("- AYUMI SATOA close-up telescope image of a loop of plasma.", "A close-up telescope image of a loop of plasma.",
     "AYUMI SATO"),
    ("- TOMÁS RIVERAA solar eclipse photographed from a salt flat.", "A solar eclipse photographed from a salt flat.",
     "TOMÁS RIVERA"),
    ("The Moon Over the Gasometer - DECLAN FOLEY", "The Moon Over the Gasometer", "DECLAN FOLEY"),
    ("Dunes under the Milky Way – KAREEM AL-HADDAD", "Dunes under the Milky Way", "KAREEM AL-HADDAD"),
])
def test_a_name_in_capitals_before_or_after_the_caption(line, caption, credit):
    assert split_credit(line) == (caption, credit)


@pytest.mark.parametrize("line", [
    "The city slept - NO ONE MOVED",
    "A man waits — he has been here for days, and he will wait for days more.",
    "- Photo booths line the street at the fair",
    "- NEW YORK Police closed the bridge for the parade",
    "Fireworks over the bay - UPDATED",
    "- SOS A message is painted on the roof of a flooded house",  # one word in capitals is no name
    "Crowds gather - and the rain does not stop them",
])
def test_not_a_name_in_capitals(line):
    assert split_credit(line) == (line, None)


def test_entries_that_lost_their_heading_start_at_their_own_credit():
    text = ("Astronomy shortlist\n\nFjord Fire\n- HALVARD STRAND The aurora pours down the sides of a narrow fjord "
            "in this image, lighting the water green and a fishing hut on the shore.\n\nThe Tadpoles\n- PRIYA "
            "NAIRThis deep telescope image picks out the small tadpole-shaped clouds of gas in a nebula, glowing red "
            "where young stars heat them.\n\n- MAREN EKLUNDAnother aurora, this time photographed from a frozen lake "
            "in Lapland, where the ice mirrors the green bands almost perfectly.\n\nProminence at Noon\n- AYUMI "
            "SATOA close-up telescope image of a huge loop of plasma lifting off the edge of the Sun, an hour before "
            "noon.\n")
    got = slides(text)
    assert [(title[:12], credit) for title, credit in got] == [
        ("Fjord Fire T", "HALVARD STRAND"), ("The Tadpoles", "PRIYA NAIR"), ("Another auro", "MAREN EKLUND"),
        ("Prominence a", "AYUMI SATO")]


# -- an agency as the label --------------------------------------------------------------------------

@pytest.mark.parametrize("line", ["Getty Images: Owen Castellano", "REUTERS: Dana Whitford",
                                  "AFP/Getty Images: Jun Takeda", "AP Photo: Milos Radic"])
def test_an_agency_labelling_its_photographer(line):
    assert credit_line(line) == line


@pytest.mark.parametrize("line", ["Reuters: the agency said on Monday", "Pool: Swimmers wait their turn",
                                  "Winter Swim: Tessa Morrow dives in"])
def test_not_an_agency_label(line):
    assert credit_line(line) is None


# -- properties and time -----------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["- ", "AB", "CD", "Ab", "by", " ", "A", "I", "x", "-", ",", ".", "É", "Ana",
                                 "RUIZ", "The", "Stand", "Me"]), max_size=40).map("".join))
def test_new_credit_forms_never_lose_or_invent_words(text):
    for found in (split_credit(text), split_credit(text, titled=True)):
        caption, credit = found
        if credit is None:
            assert caption == text
        else:
            assert credit in text and all(word in text for word in caption.split())
    pair = titled_by(text)
    if pair is not None:
        assert pair[0] in text and pair[1] in text and pair[1].startswith("by ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Image copyright", "Image caption", "Media caption", "EPA", "A boat.", " ", "x",
                                 "\n", "1 of 3", ": ", "22/05/2014 - ", "Ana"]), max_size=40).map("".join))
def test_cutting_a_glued_gallery_keeps_every_character(text):
    raw = text.split("\n")
    pieces = _glued_runs(raw)
    assert [number for number, _ in pieces] == sorted(number for number, _ in pieces)
    for number, line in enumerate(raw, start=1):
        assert "".join(piece for at, piece in pieces if at == number).strip() == line.strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Image ", "Photo ", "1", "9", " of ", "/", ": ", " - ", "A", "a", "Boat", " "]),
                max_size=20).map("".join))
def test_a_leading_counter_is_cut_only_before_a_new_sentence(text):
    cut = _leading_counter(text)
    if cut is not None:
        assert 0 < cut < len(text)
        assert text[cut:][:1].isupper() or text[cut:][:1] in "“\"'‘"
        assert any(ch.isdigit() for ch in text[:cut])


HOSTILE = {
    "labels glued": lambda n: "Image copyrightAB" * n,
    "labels spaced": lambda n: "Image caption x " * n,
    "capitals after a dash": lambda n: "- " + "AB " * n + "Cd",
    "capitals glued": lambda n: "- " + "AB" * n + "c",
    "titles by names": lambda n: "Ab " * n + "by Cd Ef",
    "by repeated": lambda n: "Ab by " * n + "Cd Ef",
    "counter then text": lambda n: "Image 1 of 9: " + "A" * n,
    "exposures": lambda n: "f8 1/500 ISO 200 35mm " * n,
    "dates": lambda n: "22/05/2014 - " * n,
    "agency colons": lambda n: "Getty Images: " * n,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_new_rules_are_linear(name):
    make = HOSTILE[name]

    def run(text: str) -> None:
        split_credit(text, titled=True)
        titled_by(text)
        credit_line(text)
        furniture(text)

    run(make(60))
    assert_linear(run, make, 500)
    assert_linear(parse_article, lambda n: "\n".join(make(40) for _ in range(n)), 50)
