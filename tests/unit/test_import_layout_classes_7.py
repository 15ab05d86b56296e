"""Classes of article layout found on this round's tuning sets, each handled by a shared
mechanism, with near-misses.

- which side of its caption a credit stands on is told by where its photographer is named
  again: a credit whose name the text after it repeats ("Photo by Name/Getty Images", the
  caption, the photographer's words signed "— Name") credits the text after it, and the other
  way round; a credit's copy right under it is part of it when blank lines are counted;
- an article that names each photo's maker after a dash ("Slow Dance – Marla Jennings", "Third
  Place - Rosie") has those names as credits, out of the heading; a prize ("Salt Road -
  Photography Winner"), a sentence, or two such lines alone are not that way;
- a byline, an introduction or the page's end that says who took every photo ("By Name | Photos
  by Name", "Text and photos: Name", "Por: Name/ Fotos: Name", "… 2021. All images © Name")
  credits every photo without a credit of its own; a picture word inside prose, or a kicker
  ("Photos of the week: …"), credits none;
- captions written one per line, without blank lines between them, on a page that sets its other
  lines apart with blank lines, are one list: each line a photo, none of them introduction or a
  paragraph under the one before; on a page written without blank lines, lines one under another
  say nothing of the kind;
- records whose first lines are a prize and a work's title set apart by a dash ("First Place
  (tie) – The Last Ferry", "Honorable Mention – The Mender") start one photo each, even with a
  word or two more than other records' first lines.
"""

from __future__ import annotations

from viewer.importer import parse_article
from viewer.importer.credits import dashed_maker, whole_page_credit

SHOTS = [
    ("Dana Whitlock", "A goalkeeper stretches for a free kick under the floodlights of a desert stadium.",
     "I was behind the goal and only had a split second as the ball curled over the wall."),
    ("Harlan Voss", "A point guard hangs on the rim after a breakaway dunk in the second half of the game.",
     "Night games here have a warm light over the floor and the crowd is a blur of red behind him."),
    ("Renee Calloway", "A linebacker sacks the quarterback in driving snow during the fourth quarter.",
     "It was snowing sideways by the end and this was the only sharp frame of the whole drive."),
    ("Ikaika Moreno", "A surfer rides a long barrel during the final of the winter invitational.",
     "I shot this from the water with a housing and had to trust that the wave would let me go."),
]


def _credited_before(copy: bool) -> str:
    lines = ["Sports Desk", "", "The most striking sports photos of the week", "",
             "Great sports pictures get buried under the next day's highlights, so here are the week's best "
             "frames with a word from the photographers who made them.", ""]
    for name, caption, quote in SHOTS:
        lines += [f"Photo by {name}/Getty Images"]
        if copy:
            lines += [f"Photo by {name}/Getty Images /"]
        lines += ["", caption, "", quote, "", f"— {name}", ""]
    return "\n".join(lines)


def _credited_after() -> str:
    lines = ["Sports Desk", "", "The most striking sports photos of the week", "",
             "Great sports pictures get buried under the next day's highlights, so here are the week's best "
             "frames with a word from the photographers who made them.", ""]
    for name, caption, quote in SHOTS:
        lines += [caption, "", quote, "", f"— {name}", "", f"Photo by {name}/Getty Images", ""]
    return "\n".join(lines)


def test_a_credit_whose_photographer_the_text_after_it_names_credits_that_text():
    for copy in (False, True):
        entries = parse_article(_credited_before(copy)).entries
        assert [entry.title for entry in entries] == [caption for _, caption, _ in SHOTS]
        assert [entry.credit for entry in entries] == [f"Photo by {name}/Getty Images" for name, _, _ in SHOTS]


def test_a_credit_whose_photographer_the_text_before_it_names_credits_that_text():
    entries = parse_article(_credited_after()).entries
    assert [entry.title for entry in entries] == [caption for _, caption, _ in SHOTS]
    assert [entry.credit for entry in entries] == [f"Photo by {name}/Getty Images" for name, _, _ in SHOTS]


WORKS = [("1. Slow Dance", "Marla Jennings", "My grandparents still waltz around the kitchen table every night "
          "after the dishes are done."),
         ("2. Small Town Glory", "Teodor Lupescu", "A volunteer firefighter polishes the town's only engine on "
          "the morning of the county fair."),
         ("3. Night Shift", "Darnell Whitaker", "A diner waitress takes a break at the counter at three in the "
          "morning in a harbour town."),
         ("4. Third Place", "Rosie", "Who knew a stack of folded towels could look this good? The colours are so "
          "cheerful and bright."),
         ("5. Sunday Choir", "Della Hartwig", "Members of a gospel choir rehearse before the Sunday service at "
          "a small church by the river.")]


def _contest(dash: str, works=WORKS) -> str:
    lines = ["Photo Contest Finalists That Are Simply Spellbinding", "",
             "Every year the contest reminds us how much is happening in the world while we are busy "
             "scrolling, so here are some of the ones we loved most.", ""]
    for heading, name, caption in works:
        lines += [f"{heading} {dash} {name}", "", caption, "", ""]
    return "\n".join(lines)


def test_a_maker_named_after_a_dash_on_every_heading_is_the_credit():
    for dash in ("–", "-", "—"):
        entries = parse_article(_contest(dash)).entries
        assert [entry.title for entry in entries] == [heading.split(". ", 1)[1] for heading, _, _ in WORKS]
        assert [entry.credit for entry in entries] == [name for _, name, _ in WORKS]


def test_prizes_sentences_and_places_after_a_dash_are_not_makers():
    assert dashed_maker("Salt Road - Photography Winner") is None
    assert dashed_maker("She stood there for an hour. - Marla Jennings") is None
    assert dashed_maker("Day 3 - New York") is None
    assert dashed_maker("Third Place - Rosie") is None  # one word is a name only where the article says so
    assert dashed_maker("Third Place - Rosie", single=True) == ("Third Place", "Rosie")
    prizes = [(heading, "Photography Winner", caption) for heading, _, caption in WORKS]
    assert all(entry.credit is None for entry in parse_article(_contest("-", prizes)).entries)


def test_two_headings_with_a_name_after_a_dash_are_not_the_article_s_way():
    works = [WORKS[0], WORKS[1], *[(heading, name.split()[0].upper() + "S", caption)
                                   for heading, name, caption in WORKS[2:]]]
    texts = [" ".join([entry.title, *entry.paragraphs]) for entry in parse_article(_contest("–", works)).entries]
    assert texts[0].startswith("Slow Dance – Marla Jennings")


CAPTIONS = ["Palm fronds press against the fogged glass of a palm house in Schleswig-Holstein, 2019.",
            "Ferns spill out of a rusted vent in the fern room of a manor in Skane, 2020.",
            "A vine has grown through the collapsed roof of an old vinery in Ostfold, 2022.",
            "Lemon trees still fruit behind the broken panes of a conservatory on Funen, 2018."]


def _essay(byline: str, own: dict[int, str] | None = None) -> str:
    lines = ["Colossal", "", "Inside Forgotten Glasshouses, a Photographer Finds Plants That Outlived Their Keepers",
             "", byline, "",
             "When the photographer stumbled upon a derelict orangery on a country estate, she found lemon "
             "trees still fruiting behind broken panes decades after the last gardener had left.", "", ""]
    for index, caption in enumerate(CAPTIONS):
        lines += [f"{index + 1} / {len(CAPTIONS)}", caption, ""]
        if own and index in own:
            lines += [own[index], ""]
    return "\n".join(lines)


def test_a_credit_for_every_photo_in_the_byline_credits_them():
    for byline, credit in [("By Kate Whitlock | Photos by Solveig Arntzen", "Photos by Solveig Arntzen"),
                           ("Text and photos: Solveig Arntzen", "photos: Solveig Arntzen"),
                           ("Por: Ximena Olvera/ Fotos: Solveig Arntzen", "Fotos: Solveig Arntzen"),
                           ("March 3, 2023. All images © Solveig Arntzen, shared with permission",
                            "All images © Solveig Arntzen")]:
        entries = parse_article(_essay(byline)).entries
        assert [entry.title for entry in entries] == CAPTIONS, byline
        assert [entry.credit for entry in entries] == [credit] * len(CAPTIONS), byline


def test_a_photo_with_its_own_credit_keeps_it():
    entries = parse_article(_essay("By Kate Whitlock | Photos by Solveig Arntzen",
                                   {1: "Photo: Lars Holm/Reuters"})).entries
    assert [entry.credit for entry in entries] == ["Photos by Solveig Arntzen", "Photo: Lars Holm/Reuters",
                                                   "Photos by Solveig Arntzen", "Photos by Solveig Arntzen"]


def test_picture_words_in_prose_or_a_kicker_credit_nobody():
    for line in ["We took the photos by the river at dawn.", "Photos of the week: storms and a marathon",
                 "Photos: The week in 23 photos", "All photos were taken by volunteers",
                 "Pictures of the Year 2023", "She framed the images by hand before the show."]:
        assert whole_page_credit(line) is None, line
    entries = parse_article(_essay("Photos of the week: storms and a marathon")).entries
    assert all(entry.credit is None for entry in entries)


SCENES = ["A boy in a paper dragon mask lights candles on a floating lantern during a river festival in the old "
          "port town",
          "A couple exchanges vows on a rooftop garden in the capital as a storm gathers behind them",
          "Firefighters battle a blaze at a timber yard on the outskirts of the port city",
          "A champion draught horse is groomed before the ring at the royal winter fair",
          "Smoke rises over the harbour after an explosion at a fuel depot by the docks",
          "A shepherd guides his flock across a highway bridge near the provincial capital",
          "Riot police push back protesters outside the parliament building in the capital",
          "A skier flies off a jump during the women's downhill at the alpine skiing world cup race in the "
          "high valley",
          "Tourists in rented kimonos walk through falling snow in the grounds of a hillside temple in the old "
          "imperial city",
          "Two players fight for a rebound during a college basketball game on a rainy night in a northern "
          "university town",
          "Volunteers test a giant inflatable turkey ahead of a holiday parade",
          "A woman picks chrysanthemums in a field outside the city"]


def _one_per_line(blank_lines: bool) -> str:
    gap = [""] if blank_lines else []
    lines = ["The week's best photos", "Lantern boats, a rooftop wedding, and more", *gap, *SCENES, *gap,
             "Subscribe to our newsletter", *gap,
             "Rosa Delgado has worked as an editorial assistant here since 2021, where she helps with the "
             "magazine and covers the week's photography."]
    return "\n".join(lines)


def test_captions_one_per_line_are_a_list_of_photos():
    entries = parse_article(_one_per_line(True)).entries
    assert [entry.title for entry in entries if entry.title in SCENES] == SCENES
    assert all(paragraph not in SCENES for entry in entries for paragraph in entry.paragraphs)


def test_an_introduction_one_sentence_per_line_stays_one_on_a_page_without_blank_lines():
    lines = ["2016: The year in pictures",
             "The events and people that made the news this year, looked back on in photographs.",
             "Advocates say the year ended with more shootings than any year the group has counted.",
             "Reporters from every bureau chose the pictures, and the captions are theirs.",
             "The Outsider",
             "Supporters reach out as a long-shot candidate greets the crowd at a rally in a farm town.",
             "Police Shooting",
             "A woman whose brother was killed during a traffic stop speaks at a vigil outside the courthouse.",
             "Flood Season",
             "A health worker fumigates a street in a river town as officials fought the spread of the virus."]
    article = parse_article("\n".join(lines))
    assert article.title == "2016: The year in pictures"
    assert [entry.title for entry in article.entries] == ["The Outsider", "Police Shooting", "Flood Season"]


WINNERS = [("First Place (tie) – First Light on the Ward", "Annelies Brouwer",
            "A night nurse opens the blinds on a neonatal ward as the first morning light reaches an incubator."),
           ("First Place (tie) – The Last Ferry", "Rafael Dimaculangan",
            "Passengers crowd the rail of the final evening ferry before a typhoon closes the port."),
           ("Third Place – Crossing", "Itzel Carranza",
            "Two sisters hold hands as they wade across a river swollen by the rains on their way to school."),
           ("Honorable Mention – The Mender", "Okonkwo Adeyemi",
            "A grandmother shows her grandson how to knot a fishing net on the beach at dawn."),
           ("Honorable Mention – Platform 4", "Sigrid Halvorsen",
            "A soldier and his father share a long embrace on a station platform before the morning train.")]


def test_records_opened_by_a_prize_and_a_title_set_apart_by_a_dash_are_one_photo_each():
    lines = ["Focus Awards", "Festival", "Awards", "Blog", "", "The Awards: Presenting the Single Image Winners", "",
             "The winners in this year's single image category come from very different places, and each "
             "brings a very different approach to visual storytelling.", ""]
    for opener, name, about in WINNERS:
        lines += [opener, "", name, f"{name.split()[-1].lower()}.example | www.{name.split()[0].lower()}.example",
                  "", f'About this image: "{about}"', "",
                  'Submission statement: "I wanted to photograph the things that are passed down without a '
                  'word being said, and the people who keep watch."', ""]
    entries = parse_article("\n".join(lines + ["Share this:", "", "© 2019 Focus Awards. All rights reserved."])).entries
    texts = [" ".join([entry.title, *entry.paragraphs]) for entry in entries]
    assert len(texts) == len(WINNERS)
    for text, (opener, _, about) in zip(texts, WINNERS):
        assert text.startswith(opener.split(" – ")[0]) and about in text
