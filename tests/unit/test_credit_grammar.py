"""The credit grammar (viewer.importer.credits) on hundreds of phrases, credits and not.

Phrases are built from invented names, agencies and publications, in every label form and
every place a credit stands: its own line, after a full stop, in parentheses or brackets,
after a dash or bar, glued on without a full stop, and before the caption.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.importer.credits import credit_line, is_name_line, split_credit

PEOPLE = ["Ana Ruiz", "Kim Lo", "Ana de la Cruz", "Tomás Van der Berg", "J. R. Okafor", "Lena O'Hara",
          "Priya SHARMA", "Mateus dos Santos"]
BODIES = [
    "{p}", "{p}/Reuters", "{p}/AFP via Getty Images", "{p} for The New York Times", "Getty Images",
    "AP Photo/{p}", "{p}/EPA-EFE", "REUTERS/{p}", "{p} via AP", "AFP / {p}", "{p}/Shutterstock",
]
LABELS = [
    "Photograph: {b}", "Photograph by {b}", "Photo: {b}", "Photo by {b}", "Image: {b}", "Picture: {b}",
    "Credit: {b}", "Credit... {b}", "Credit… {b}", "Image source, {b}", "Image copyright {b}", "© {b}",
    "Courtesy of {b}", "Photo credit: {b}", "Image credits: {b}", "Photos: {b}", "Credit {b}",
]
UNLABELLED = ["{p}/Reuters", "{p}/AFP via Getty Images", "{p} for The New York Times", "Getty Images",
              "AP Photo/{p}", "REUTERS/{p}", "{p} via AP", "AFP / {p}", "{p}/EPA-EFE", "(AP Photo/{p}, File)",
              "u/sleepy_fern / Via reddit.com", "Reuters", "EPA-EFE", "AFP/Getty Images"]
CAPTION = "Fishing boats wait out the storm behind the harbour wall"


def _labelled() -> list[str]:
    out = []
    for label, body, person in itertools.product(LABELS, BODIES, PEOPLE[:3]):
        out.append(label.format(b=body.format(p=person)))
    return sorted(set(out))


def _unlabelled() -> list[str]:
    return sorted({form.format(p=person) for form, person in itertools.product(UNLABELLED, PEOPLE)})


LABELLED = _labelled()
STRUCTURED = _unlabelled()


def _bare(credit: str) -> str:
    return credit[1:-1] if credit[:1] + credit[-1:] in ("()", "[]") else credit


@pytest.mark.parametrize("phrase", LABELLED + STRUCTURED)
def test_a_credit_on_its_own_line_is_a_credit(phrase):
    assert credit_line(phrase) == _bare(phrase)


@pytest.mark.parametrize("phrase", LABELLED + STRUCTURED)
def test_a_credit_after_a_full_stop_moves_out(phrase):
    assert split_credit(f"{CAPTION}. {phrase}") == (CAPTION + ".", _bare(phrase))


@pytest.mark.parametrize("phrase", LABELLED[::3] + STRUCTURED[::2])
@pytest.mark.parametrize("around", ["({})", "[{}]"])
def test_a_credit_in_parentheses_or_brackets_moves_out(phrase, around):
    phrase = _bare(phrase)
    assert split_credit(f"{CAPTION}. {around.format(phrase)}") == (CAPTION + ".", phrase)
    assert split_credit(f"{CAPTION} {around.format(phrase)}") == (CAPTION, phrase)


@pytest.mark.parametrize("phrase", LABELLED[::2] + STRUCTURED[::2])
@pytest.mark.parametrize("dash", ["—", "–", "-", "|"])
def test_a_credit_after_a_dash_or_bar_moves_out(phrase, dash):
    assert split_credit(f"{CAPTION} {dash} {phrase}") == (CAPTION, _bare(phrase))


GLUED = [p for p in LABELLED if p.split()[0].endswith((":", "…", "...", ",")) or p.startswith("©")
         or " by " in p[:14]]


@pytest.mark.parametrize("phrase", GLUED[::2] + [f"{p}/Reuters" for p in PEOPLE[:2]] + ["Ana Ruiz/AFP via Getty Images"])
def test_a_credit_glued_on_without_a_full_stop_moves_out(phrase):
    assert split_credit(f"{CAPTION} {phrase}") == (CAPTION, phrase)


@pytest.mark.parametrize("phrase", [p for p in LABELLED if ":" in p.split()[0] or p.startswith("Photograph by")][::3])
def test_a_credit_before_the_caption_moves_out(phrase):
    caption = "Fishing boats wait out the storm behind the harbour wall."
    assert split_credit(f"{phrase}. {caption}") == (caption, phrase)


@pytest.mark.parametrize("phrase", [
    "Photograph by Ana Ruiz (Oaxaca, Mexico)", "Picture: AFP / Ana RUIZ", "Twitter: @sleepyfern",
    "Instagram: @harbour.days", "Image credits: wavedog77", "Image by © Pia Moreau/CORBIS", "©Ana Ruiz",
    "Photo: Courtesy of the Harbour Museum", "Photograph by Sam Reyes, The Valley Courier",
    "Source: Kai Ito/ Getty Images", "Photo by Ana Ruiz on Unsplash", "Credit...Kim Lo for The New York Times",
    "(Image via Photographer 4)", "Photo: Ana Ruiz/The Guardian", "Credit: NASA/JPL-Caltech",
    "Ana Ruiz/AFP/Getty Images", "REUTERS/Ana Ruiz/File Photo", "AFP PHOTO / ANA RUIZ", "Kim Lo/Bloomberg",
    "Image copyright Getty Images", "Image source, Reuters", "Copyright Ana Ruiz", "Courtesy of the artist",
    "Photo | Ana Ruiz, EPS", "tallgrass_dani , twitter.com", "u/fern_and_moss , reddit.com", "Photographer Name: Ana Ruiz",
    "Ana Ruiz, Israel / Sony World Photography Awards",
])
def test_more_credit_forms_on_their_own_line(phrase):
    assert credit_line(phrase) is not None


NOT_CREDITS = [
    "Photo booths line the street in the old town.", "Photograph by the river at dusk",
    "The crowd — thousands of fans — cheered as the band walked on.", "Maria Lopez walks her dog along the pier.",
    "Pictures of the week", "Photos from the festival", "Courtesy calls were made all afternoon.",
    "Credit card queues at the night market", "Source of the river, high in the mountains",
    "Mount Paektu/Changbai is a mountain on the border.", "The 9/11 memorial at night",
    "Either/or: the choice every farmer faces", "He said: thank you for coming.", "Copyright law protects the mural.",
    "Via Appia at dawn", "Shot by shot, the film takes shape.", "Image 3 of 20", "Photographs can lie.",
    "The photographer waited three days for this light.", "A boy and his kite - a windy afternoon on the dunes.",
    "Twins | born a minute apart", "Crowds at the gate, hours before it opened.",
    "The view from the top - and it was worth the climb", "Sunday in the park with George",
    "A fox at the door", "Their love story began in 1998 / and it never ended.", "Image: a mood board",
    "Credit where it is due: the volunteers built it all.", "The neighbours came for the food and stayed for the music.",
    "Two photographers, Ana Ruiz and Kim Lo, share the prize.", "Kim Lo and Ana Ruiz at the finish line.",
    "Picture this: a lake with no wind.", "Photos by the dozen pile up on the desk.",
]


@pytest.mark.parametrize("line", NOT_CREDITS)
def test_prose_is_not_a_credit(line):
    assert credit_line(line) is None
    caption, credit = split_credit(line)
    assert credit is None, credit


@pytest.mark.parametrize("line", ["Ana Ruiz", "Ana de la Cruz", "Tomás Van der Berg", "Lena O'Hara", "Priya SHARMA"])
def test_a_bare_name(line):
    assert is_name_line(line)
    assert credit_line(line) is None  # a credit only where the layout puts one


@pytest.mark.parametrize("line", ["The harbour at dawn", "Monday", "A fox. At the door", "Ana Ruiz walks home."])
def test_not_a_bare_name(line):
    assert not is_name_line(line)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_split_never_loses_or_invents_words(text):
    caption, credit = split_credit(text)
    if credit is None:
        assert caption == text
    else:
        assert credit and credit in text
        assert all(word in text for word in caption.split())


@pytest.mark.parametrize("line,caption,credit", [
    ("A hoopoe raises its crest as a cat walks by.Ana Ruiz, Israel / Sony World Photography Awards",
     "A hoopoe raises its crest as a cat walks by.", "Ana Ruiz, Israel / Sony World Photography Awards"),
    ("Overall Winner: ‘Last Light on the Lek’ by Ana Ruiz, France", "Overall Winner: ‘Last Light on the Lek’",
     "by Ana Ruiz, France"),
    ("image copyrightAna Ruiz / AFP", "image", None),
    ("A man walks by the sea. (Photo | Ana Ruiz, EPS)", "A man walks by the sea.", "Photo | Ana Ruiz, EPS"),
])
def test_glued_and_contest_credits(line, caption, credit):
    got = split_credit(line)
    if credit is None:
        assert got[1] is None or got[1].startswith("copyright")
    else:
        assert got == (caption, credit)


@pytest.mark.parametrize("line,credit", [
    ("tallgrass_dani , twitter.com Report", "tallgrass_dani , twitter.com"),
    ("u/crumbfeather , reddit.com Report", "u/crumbfeather , reddit.com"),
])
def test_a_button_glued_to_a_credit_is_not_part_of_it(line, credit):
    assert credit_line(line) == credit


@pytest.mark.parametrize("line", ["Enlarge/Slideshow See On Map Directions", "Share/Email Print Comments",
                                  "Next/Previous Gallery"])
def test_rows_of_buttons_are_not_credits(line):
    assert credit_line(line) is None
