"""`viewer import` on the shapes real scraped galleries come in (all text here is made up)."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.unit.test_importer import import_deck
from viewer.cli import main
from viewer.importer import parse_article

WIRE_CAPTIONS = [
    ("A ferry crosses the grey harbour at first light while gulls follow its wake toward the old stone pier, "
     "where fishermen are already unloading the night's catch into plastic crates, Halden, March 2019.",
     "REUTERS/Ana Lindqvist"),
    ("Schoolchildren wave paper flags as the parade passes the town hall.", "AP Photo/Marco Feld"),
    ("Smoke rises above the refinery after a fire broke out late on Tuesday, witnesses said.", "Jon Perez/Reuters"),
    ("A cyclist rides through floodwater on the main road into the valley.", "Photo by Lea Brandt/Zuma Press"),
    ("Volunteers sort donated clothes in a sports hall that has become a shelter for hundreds of families "
     "displaced by the storm, many of whom arrived with nothing but what they could carry.", "Zuma Press"),
    ("Riot police stand in line outside the parliament building.", "REUTERS"),
    ("A worker climbs a pylon to repair a line brought down by ice.", "Tomas Varga/AFP/Getty Images"),
]
WIRE = "\n\n".join([
    "Edition:",
    "US",
    "The year in pictures: floods, fires, parades and the quiet moments in between, as seen by our photographers",
    "By: Ines Okafor | Published: December 28, 2019",
    "Advertisement",
    *[f"{text} ({credit})" if i in (1, 2, 3, 4, 5, 6) else f"{text} {credit}" for i, (text, credit) in enumerate(WIRE_CAPTIONS)],
    "Close",
    "Subscribe to our photo newsletter",
])


def test_a_wire_gallery_gives_one_slide_per_caption_with_its_credit():
    article, deck = import_deck(WIRE)
    assert article.title.startswith("The year in pictures")
    assert [e.credit for e in article.entries] == [credit for _, credit in WIRE_CAPTIONS]
    assert [e.title for e in article.entries] == [text for text, _ in WIRE_CAPTIONS]
    dropped = {text for _, text, _ in article.dropped}
    assert {"Edition:", "Advertisement", "Close", "Subscribe to our photo newsletter"} <= dropped
    assert any(text.startswith("By: Ines Okafor") for text in dropped)
    assert len(deck.slides) == len(WIRE_CAPTIONS)


MORE_CREDITS = """Moments from the coast

The lighthouse keeper's cottage after the last storm of the winter. — Image by © Pia Moreau/CORBIS

My neighbour's dog, who has never once caught a wave, waiting for one. Image credits: wavedog77

Fishing boats wait out the tide in the shelter of the breakwater. Source: Kai Ito/ Getty Images

Photo: Courtesy of the Harbour Museum. The pier as it looked before the fire of 1921.

The new pier, finished last spring after three years of work. Photo: Courtesy of the town council
"""


def test_credits_in_many_forms_move_out_of_the_caption():
    article, _ = import_deck(MORE_CREDITS)
    got = [(e.title, e.credit) for e in article.entries]
    assert got == [
        ("The lighthouse keeper's cottage after the last storm of the winter.", "Image by © Pia Moreau/CORBIS"),
        ("My neighbour's dog, who has never once caught a wave, waiting for one.", "Image credits: wavedog77"),
        ("Fishing boats wait out the tide in the shelter of the breakwater.", "Source: Kai Ito/ Getty Images"),
        ("The pier as it looked before the fire of 1921.", "Photo: Courtesy of the Harbour Museum"),
        ("The new pier, finished last spring after three years of work.", "Photo: Courtesy of the town council"),
    ]


LEADING = """Portraits of the valley

Photograph by Sam Reyes, The Valley Courier

A shepherd rests against a dry-stone wall above the village, his flock spread out across the slope below.

Photograph by Mia Chen, The Valley Courier

The last baker in the village lifts loaves from a wood-fired oven that her grandfather built.

Photograph by Sam Reyes, The Valley Courier

Two brothers mend nets on the quay, as their father and his father did before them.
"""


def test_credits_written_before_each_caption_belong_to_the_caption_after_them():
    article, _ = import_deck(LEADING)
    assert [(e.title.split()[1], e.credit) for e in article.entries] == [
        ("shepherd", "Photograph by Sam Reyes, The Valley Courier"),
        ("last", "Photograph by Mia Chen, The Valley Courier"),
        ("brothers", "Photograph by Sam Reyes, The Valley Courier"),
    ]


@pytest.mark.parametrize("style", ["{n}. {title}", "#{n}. {title}", "#{n} {title}", "{n}) {title}"])
def test_numbered_headings_lose_their_numbers_unless_asked(style):
    titles = ["The hidden staircase", "A garden on the roof", "The oldest tram in the city"]
    body = "\n\n".join(
        f"{style.format(n=n, title=t)}\n\nA paragraph about {t.lower()}, long enough to be read as prose rather "
        f"than as a heading of its own.\n\n(Image via Photographer {n})"
        for n, t in enumerate(titles, start=1))
    text = "Twenty-five places you will not find in any guidebook, photographed over one long summer\n\n" + body
    article, deck = import_deck(text)
    assert [e.title for e in article.entries] == titles
    assert [e.credit for e in article.entries] == [f"Image via Photographer {n}" for n in (1, 2, 3)]
    assert article.title.startswith("Twenty-five places")  # long, but the title
    numbered = parse_article(text, keep_numbers=True)
    assert [e.title for e in numbered.entries] == [style.format(n=n, title=t) for n, t in enumerate(titles, start=1)]


def test_numbered_one_line_captions():
    text = ("Things people said at the fair\n\n1. “The cows were bigger than I expected.”\n\n"
            "2. “My daughter won a ribbon for her jam.”\n\n3. “We come every year, rain or shine.”\n")
    article, _ = import_deck(text)
    assert [e.title for e in article.entries] == ["“The cows were bigger than I expected.”",
                                                  "“My daughter won a ribbon for her jam.”",
                                                  "“We come every year, rain or shine.”"]


FURNITURE = """Loading...
Ten photos of the night market
1 / 10
A lantern seller arranges her stock under a tarpaulin as the first customers arrive after sunset. (Photo by Ren Ota/Getty Images)
Vote arrow up
86points
Vote arrow down
POST
Photographer
Ren Ota
Location
Taipei
2 / 10
Steam rises from a noodle stall where the queue stretches past the temple gate. (Photo by Ren Ota/Getty Images)
Pictures | Fri Aug 16, 2013 | 9:25pm BST
2 years ago
Category: Travel
Preview photo credit Ren Ota
Sign up for our weekly picture email
"""


def test_page_furniture_is_dropped_and_listed():
    article, deck = import_deck(FURNITURE)
    assert article.title == "Ten photos of the night market"
    assert len(article.entries) == 2 == len(deck.slides)
    dropped = {text for _, text, _ in article.dropped}
    for junk in ("Loading...", "1 / 10", "Vote arrow up", "86points", "POST", "Location", "Taipei",
                 "Pictures | Fri Aug 16, 2013 | 9:25pm BST", "2 years ago", "Category: Travel",
                 "Preview photo credit Ren Ota", "Sign up for our weekly picture email"):
        assert junk in dropped, junk
    every_word = " ".join(s.title + " " + s.caption_text for s in deck.slides)
    assert "Vote" not in every_word and "points" not in every_word


def test_keep_all_keeps_the_furniture_as_caption_text():
    article = parse_article(FURNITURE, keep_all=True)
    words = " ".join([article.title or ""] + [e.title + " " + " ".join(e.paragraphs) + " " + (e.credit or "")
                                              for e in article.entries] + article.intro)
    for junk in ("Vote arrow up", "86points", "Taipei", "2 years ago"):
        assert junk in words


REPEATS = """Faces of the festival

A drummer keeps time for the procession as it winds through the narrow streets of the old quarter at dusk.

<p>A drummer keeps time for the procession as it winds through the narrow streets of the old quarter at dusk.</p>

A drummer keeps time for the procession as it winds through...more

Dancers rest on the steps of the cathedral between performances, their costumes glittering in the late sun.

Dancers rest on the steps of the cathedral between...more
"""


def test_repeated_captions_become_one_entry_with_the_fullest_copy():
    article, _ = import_deck(REPEATS)
    assert article.title == "Faces of the festival"
    assert len(article.entries) == 2  # one per photo, whatever the copies
    everything = article.intro + [e.title for e in article.entries] + [p for e in article.entries for p in e.paragraphs]
    assert sum("drummer" in t for t in everything) == 1
    assert sum("Dancers" in t for t in everything) == 1
    assert any(t.endswith("old quarter at dusk.") for t in everything)
    assert not any("<p>" in t or "...more" in t for t in everything)
    assert len([d for d in article.dropped if "repeat" in d[2]]) == 3


def test_the_report_says_what_was_dropped_and_warns_when_things_look_wrong(tmp_path, capsys):
    source = tmp_path / "night.txt"
    source.write_text(FURNITURE, encoding="utf-8")
    assert main(["import", str(source)]) == 0
    err = capsys.readouterr().err
    assert "2 entries" in err and "2 credits found" in err
    assert "dropped" in err and "Vote arrow up" in err
    one = tmp_path / "one.txt"
    one.write_text("Just a title\n\n" + " ".join(["A long sentence of prose that goes on."] * 80) + "\n", "utf-8")
    assert main(["import", str(one)]) == 0
    err = capsys.readouterr().err
    assert "1 slide" in err and "1 slides" not in err
    credits = tmp_path / "credits.txt"
    credits.write_text("Pictures\n\n" + "\n\n".join(
        f"Caption number {n} describes a photo in enough words to be read.\n\nPhotographer unknown, {n}" for n in range(5)),
        "utf-8")
    main(["import", str(credits)])
    assert "warning" in capsys.readouterr().err


# -- nothing is ever lost ------------------------------------------------------------------------

word = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789éü’“”.,:;!?()/-|#©")),
               min_size=1, max_size=12)
line = st.lists(word, min_size=1, max_size=30).map(" ".join)
credit = st.sampled_from(["REUTERS/Ana Lind", "(AP Photo/Marco Feld)", "(Jon Perez/Reuters)", "(Zuma Press)",
                          "Photo: Jane Doe", "(Image via Sam/Flickr)", "— Image by © Pia Moreau/CORBIS", ""])
shaped_line = st.tuples(line, credit).map(lambda t: f"{t[0]} {t[1]}".strip())
article_text = st.lists(st.one_of(shaped_line, st.sampled_from(["Close", "1 / 20", "Photographer", "Ana Lind",
                                                                  "86points", "2 years ago"])),
                        min_size=1, max_size=25).map("\n\n".join)


def words_of(text: str) -> list[str]:
    """The words, case folded (a line written twice, once in capitals, is one line's words)."""
    return [word.casefold() for word in re.findall(r"[^\W_]+", text)]


def glued_parts(word: str) -> list[str]:
    """A word glued to the next at a capital ("WeekLoretta", a label run into its caption), in its parts."""
    return words_of(re.sub(r"([a-z])([A-Z])", r"\1 \2", word, count=1))


@settings(max_examples=200, deadline=None)
@given(article_text)
@example("0 0 0 0 0 00BA REUTERS/Ana Lind\n\n0 0 0 0 0 00bA REUTERS/Ana Lind")
@example("0 0 00bA REUTERS/Ana Lind\n\n0 0 00bAbA REUTERS/Ana Lind")
@example("0 REUTERS/Ana Lind\n\nAA AA 0 00aA 0 00000 (AP Photo/Marco Feld)\n\nAA AA 0 00aA 0 00000 (AP Photo/Marco Feld)")
@example("Jackson Photos of the WeekLoretta rocks her grandson Milo\n\nJackson Photos of the WeekA bee lands on a hive")
@example("Photograph by Soren HallbergA boatman poles a ferry across the river")
def test_import_never_loses_a_caption_word(text):
    """Every word of the article is in the deck, or on a line the report lists as dropped."""
    article, deck = import_deck(text, title="Property")
    kept = " ".join([deck.title or "", article.title or ""] + [s.title + " " + s.caption_text + " " + s.credit
                                                                 for s in deck.slides])
    dropped_lines = {d[1].casefold() for d in article.dropped}
    available = set(words_of(kept))
    for number, source_line in enumerate((ln.strip() for ln in text.split("\n")), start=1):
        if not source_line or source_line.casefold() in dropped_lines:
            continue
        # A line cut in pieces ("0/1 REUTERS/Name": a counter, then a credit) may have each piece
        # listed on its own, under the line's number.
        pieces = set(words_of(" ".join(d[1] for d in article.dropped if d[0] == number)))
        source = re.findall(r"[^\W_]+", re.sub(r"</?[A-Za-z][^<>]*>", " ", source_line))
        missing = [w for w in source if w.casefold() not in available and w.casefold() not in pieces
                   and not all(part in available or part in pieces for part in glued_parts(w))]
        assert not missing, (source_line, missing)


@settings(max_examples=100, deadline=None)
@given(article_text)
def test_keep_all_loses_nothing_at_all(text):
    article = parse_article(text, keep_all=True, keep_numbers=True)
    kept = " ".join([article.title or ""] + article.intro + [
        e.title + " " + " ".join(e.paragraphs) + " " + (e.credit or "") for e in article.entries])
    dropped_lines = {d[1] for d in article.dropped}  # only repeats may be dropped with --keep-all
    assert all("repeat" in d[2] or "label" in d[2] for d in article.dropped)
    available = set(words_of(kept))
    for source_line in (ln.strip() for ln in text.split("\n")):
        if source_line and source_line not in dropped_lines:
            assert all(w in available for w in words_of(source_line)), source_line


@pytest.mark.parametrize("line,caption,credit", [
    ("Crowds at the gate. AFP PHOTO / JANE DOE", "Crowds at the gate.", "AFP PHOTO / JANE DOE"),
    ("Crowds at the gate. REUTERS/Jane Doe/File Photo", "Crowds at the gate.", "REUTERS/Jane Doe/File Photo"),
    ("Crowds at the gate. EPA-EFE/JANE DOE", "Crowds at the gate.", "EPA-EFE/JANE DOE"),
    ("Crowds at the gate. [Photo: Jane Doe]", "Crowds at the gate.", "Photo: Jane Doe"),
    ("Crowds at the gate. (Photo: Jane Doe/AFP)", "Crowds at the gate.", "Photo: Jane Doe/AFP"),
    ("Crowds at the gate. Photo credit: Jane Doe", "Crowds at the gate.", "Photo credit: Jane Doe"),
    ("Crowds at the gate. Photo by Jane Doe on Unsplash", "Crowds at the gate.", "Photo by Jane Doe on Unsplash"),
    ("Crowds at the gate. © Jane Doe", "Crowds at the gate.", "© Jane Doe"),
    ("Crowds at the gate. (Getty Images)", "Crowds at the gate.", "Getty Images"),
    ("Crowds at the gate (AP)", "Crowds at the gate", "AP"),
    ("Crowds at the gate. Photograph: Jane Doe/The Guardian", "Crowds at the gate.", "Photograph: Jane Doe/The Guardian"),
    ("Crowds at the gate. Credit: Jane Doe for The Daily Example", "Crowds at the gate.",
     "Credit: Jane Doe for The Daily Example"),
    ("Mount Paektu/Changbai is a mountain on the border.", "Mount Paektu/Changbai is a mountain on the border.", None),
])
def test_more_credit_forms(line, caption, credit):
    from viewer.importer.credits import split_credit

    assert split_credit(line) == (caption, credit)


@pytest.mark.parametrize("line", [
    "Story continues below advertisement", "Loading comments...", "Facebook Twitter Email", "Share on Facebook",
    "Close gallery", "August 16, 2013", "Fri 16 Aug 2013 9:25pm BST", "Updated 3 hours ago", "Photo 3 of 20",
    "(1 of 20)", "ADVERTISEMENT", "‹ 4 / 12 ›", "1,204 shares", "Continue reading",
    "<< First < Previous 1 2 3 4 Next > Last >>", "Also read: The week in pictures", "Previous Post: Ten reading nooks",
    "Showing 1 - 7 of 84", "Image caption,", "Genres: Street, Portrait", "Country of Origin: Chile", "puddle avatar",
    "Image: 3 of 20", "- https://example.com/photos/01.jpg", "7",
])
def test_more_furniture(line):
    from viewer.importer.furniture import furniture

    assert furniture(line) is not None


@pytest.mark.parametrize("line", [
    "Monday", "May the road rise to meet you.", "The bridge was built 200 years ago by the monks.",
    "Sunday in the park with George", "At dawn, May 2016", "Close to the border, farmers bring in the harvest.",
    "Next year the market moves to the river.", "Share cropping on the plains", "Points of light over the bay",
    "More from the valley is coming soon, she said.", "Produced by a cooperative of weavers, the baskets sell out.",
    "Country life suits the goats.", "Page after page of old letters",
])
def test_content_is_not_furniture(line):
    from viewer.importer.furniture import furniture

    assert furniture(line) is None


SLIDESHOW = """Skip to main content
Edition:
International
Pictures | Mon Mar 4, 2019 | 3:10pm GMT
Life along the frozen river: a winter with the ice fishermen of the north, who wait for hours in the cold for a single bite
Share
Tweet
1 / 12
Fishermen drill holes through the ice of the river at dawn near the village of Kesk, where temperatures fell to minus 30 degrees Celsius this week, March 2, 2019. REUTERS/Ana Lind
Fishermen drill holes through the ice of the river at dawn near the village of Kesk, where temperatures...more
2 / 12
A man warms his hands over a small stove inside his tent on the ice. REUTERS/Ana Lind
3 / 12
Close
Advertisement
A boy pulls a sled loaded with fish across the ice towards the shore, March 2, 2019. REUTERS/Ana Lind
4 / 12
FILE PHOTO: A truck drives on the ice road across the river in Kesk, February 10, 2018. REUTERS/Jon Perez/File Photo
Reuters Photographer
Next Slideshows
Sign up for our newsletter
"""


def test_a_wire_slideshow_page_with_counters_repeats_and_trailing_links():
    article, deck = import_deck(SLIDESHOW)
    assert article.title.startswith("Life along the frozen river")
    assert len(article.entries) == 4 == len(deck.slides)
    assert [e.credit for e in article.entries] == ["REUTERS/Ana Lind"] * 3 + ["REUTERS/Jon Perez/File Photo"]
    assert article.entries[0].title.endswith("March 2, 2019.")
    assert not article.unsure
    dropped = {text for _, text, _ in article.dropped}
    assert {"Skip to main content", "International", "Next Slideshows", "Reuters Photographer", "1 / 12"} <= dropped


LISTICLE = """Home > Travel > Lists
25 Abandoned Places That Nature Has Reclaimed, From Forgotten Railways To Drowned Villages And Empty Theme Parks
By: Sam Lee | Published: June 3, 2021
Advertisement
#25 The drowned church
#25 The drowned church
When the valley was flooded for the reservoir in 1950, only the bell tower stayed above the water, and in dry summers the whole nave comes back.
Image credits: urbex_sam
Vote arrow up
412points
Vote arrow down
POST
#24 The rusting railway
#24 The rusting railway
Trains stopped running here in 1987. Birch trees now grow between the sleepers.
Image credits: Mia Chen
Vote arrow up
389points
#23 An empty theme park
#23 An empty theme park
The carousel horses are still on their poles, faded to the colour of bone.
Image credits: parkghost
Loading...
Preview photo credit urbex_sam
"""


def test_a_community_listicle_with_breadcrumbs_doubled_numbered_headings_and_votes():
    article, deck = import_deck(LISTICLE)
    assert article.title.startswith("25 Abandoned Places That Nature Has Reclaimed")  # 16 words
    assert [e.title for e in article.entries] == ["The drowned church", "The rusting railway", "An empty theme park"]
    assert [e.credit for e in article.entries] == ["Image credits: urbex_sam", "Image credits: Mia Chen",
                                                   "Image credits: parkghost"]
    assert not article.intro and not article.unsure
    assert all(len(e.paragraphs) == 1 for e in article.entries)
    assert {"Home > Travel > Lists", "412points", "Vote arrow down"} <= {t for _, t, _ in article.dropped}
    kept = parse_article(LISTICLE, keep_numbers=True)
    assert [e.title for e in kept.entries][0] == "#25 The drowned church"  # as written


def test_arrows_make_breadcrumbs_but_slashes_do_not():
    from viewer.importer.furniture import furniture

    assert furniture("News › World › Asia") and furniture("Home > Travel > Lists")
    assert furniture("Sun / Moon / Stars") is None


COUNTED = """A summer of storms, told in pictures by the people who lived through them on the coast
1 / 3
Waves break over the sea wall at high tide as residents watch from the promenade, which had been closed since the morning because of the danger of debris thrown up by the sea.
Residents said it was the worst storm in thirty years.
2 / 3
A fallen tree blocks the only road into the village after the night's winds, leaving dozens of houses cut off until the army arrived with chainsaws late in the afternoon.
Photo: Kai Ito
3 / 3
Volunteers fill sandbags outside the church hall, where the town has set up an emergency shelter for families whose homes were flooded by the river.
"""


def test_slide_counters_separate_photos_even_without_credits():
    article, deck = import_deck(COUNTED)
    assert article.title.startswith("A summer of storms")
    assert len(article.entries) == 3 == len(deck.slides)
    first, second, third = article.entries
    assert first.title.startswith("Waves break") and first.paragraphs == [
        "Residents said it was the worst storm in thirty years."]
    assert second.credit == "Photo: Kai Ito" and third.title.startswith("Volunteers")


CREDIT_AFTER = """Storm season on the coast
Waves break over the sea wall at high tide as residents watch from the promenade, which had been closed since the morning.
REUTERS/Ana Lind
A fallen tree blocks the only road into the village after the night's winds, leaving dozens of houses cut off until the evening.
REUTERS/Kai Ito
Volunteers fill sandbags outside the church hall, where the town has set up an emergency shelter for flooded families.
AFP/Getty Images
"""


def test_long_captions_with_the_credit_on_the_next_line():
    article, _ = import_deck(CREDIT_AFTER)
    assert article.title == "Storm season on the coast"
    assert [e.credit for e in article.entries] == ["REUTERS/Ana Lind", "REUTERS/Kai Ito", "AFP/Getty Images"]
    assert [e.title.split()[0] for e in article.entries] == ["Waves", "A", "Volunteers"]
