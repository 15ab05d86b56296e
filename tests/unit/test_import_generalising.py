"""Classes of article layout met on new sites, each handled by one shared rule, with near-misses.

- a bare "Image:" label: the line after it is the caption, not the label's value to drop;
- "Image: Lion cub at the zoo" (a short phrase, not a sentence): the picture's alt text;
- a slide counter glued to a line's end ("Credit:Ana Ruiz 2/ 14") counts as a counter;
- credit labels glued to the name ("Credit:Ana Ruiz"), bullets around a credit ("• Name, AP");
- "Name, Getty Images" / "Name, The Associated Press": a photographer and their agency;
- "ABC Open contributor Kim Lo": a credit naming its photographer's role;
- "- Photo: A caption…": a list item holding a labelled caption;
- "16 PHOTOS": the size of the gallery, furniture;
- "AUGUST 3 | caption": the date set before a caption with a bar is not its first words.
"""

from __future__ import annotations

import pytest

from viewer.importer import parse_article
from viewer.importer.credits import credit_line, split_credit
from viewer.importer.furniture import furniture
from viewer.importer.lines import prepare


def slides(text: str) -> list[tuple[str, str | None]]:
    article = parse_article(text)
    return [(" ".join([entry.title, *entry.paragraphs]).strip(), entry.credit) for entry in article.entries]


@pytest.mark.parametrize("line, credit", [
    ("Credit:Alex Moreno", "Credit:Alex Moreno"),
    ("Photo:Ana Ruiz", "Photo:Ana Ruiz"),
    ("• Markus Feld, AFP/Getty Images", "Markus Feld, AFP/Getty Images"),
    ("• Imogen Carter, Getty Images", "Imogen Carter, Getty Images"),
    ("Dale Pruett, The Associated Press", "Dale Pruett, The Associated Press"),
    ("Kim Lo, Reuters", "Kim Lo, Reuters"),
    ("ABC Open contributor Kim Lo", "ABC Open contributor Kim Lo"),
    ("(Harbour Times photographer Ana Ruiz)", "Harbour Times photographer Ana Ruiz"),
])
def test_new_credit_forms(line, credit):
    assert credit_line(line) == credit


@pytest.mark.parametrize("line", [
    "Paris, France", "Smith, Jones", "Associated", "Associated Press", "• News", "Note:The end",
    "The Associated Press reported the vote.", "The photographer Ana Ruiz walks home.",
    "Our contributor wrote this", "Kim Lo, Reuters correspondent in Rome, filed the story.",
])
def test_near_misses_are_not_credits(line):
    assert credit_line(line) is None


def test_a_contributor_credit_in_parentheses_leaves_the_caption():
    assert split_credit("Fog settles in the valley below the lookout. (ABC Open contributor Kim Lo)") == (
        "Fog settles in the valley below the lookout.", "ABC Open contributor Kim Lo")


@pytest.mark.parametrize("line", ["16 PHOTOS", "/ 16 PHOTOS", "24 images", "12 slides"])
def test_a_count_of_photos_is_furniture(line):
    assert furniture(line) is not None


@pytest.mark.parametrize("line", ["16 photos that changed the world", "Photos", "2016 Olympics photos"])
def test_not_a_count_of_photos(line):
    assert furniture(line) != "a count of photos"


BARE_IMAGE_LABELS = """\
The week in pictures

Image:

Fire on the barricades

A riot police officer is caught by flames after a petrol bomb is thrown during a march in the capital.

Ana Ruiz / AP
Image: Lion cub at the city zoo

Big cat, small steps

A lion cub takes its first walk outside its enclosure at the zoo, watched closely by its mother.

Kim Lo / Getty Images
Image:

Wall of water

A surfer drops into a giant wave off the point as an Atlantic storm sends swells onto the coast.

Rui Costa / EPA
"""


def test_a_bare_image_label_keeps_the_heading_after_it_and_alt_text_is_dropped():
    got = slides(BARE_IMAGE_LABELS)
    assert [text.split(" A ")[0] for text, _ in got] == ["Fire on the barricades", "Big cat, small steps",
                                                          "Wall of water"]
    assert [credit for _, credit in got] == ["Ana Ruiz / AP", "Kim Lo / Getty Images", "Rui Costa / EPA"]
    dropped = {text: why for _, text, why in prepare(BARE_IMAGE_LABELS).dropped}
    assert dropped["Image: Lion cub at the city zoo"] == "a picture's alt text"


def test_an_image_label_before_a_sentence_or_credit_is_not_alt_text():
    prepared = prepare("Title here\n\nImage: A lion cub takes its first walk.\n\nImage: REUTERS/Ana Ruiz\n")
    assert [why for _, _, why in prepared.dropped] == []
    assert [unit.text for unit in prepared.units] == ["Title here", "A lion cub takes its first walk.",
                                                      "Image: REUTERS/Ana Ruiz"]


GLUED_COUNTERS = """\
Photos of the week, March 11th

March 12, 2021 — 5.42pm 1/ 3
A sculptor guides a six-metre inflatable moth above a paddock during its first test flight of the season.
Credit:Alex Moreno 2/ 3
Beach umbrellas packed shoulder to shoulder on the sand as families made the most of the last heatwave.
Credit:Steven Sewell 3/ 3
A commuter ferry slides under the bridge as a storm front rolls in from the west on Tuesday evening.
Credit:Nick Moore
"""


def test_counters_glued_to_line_ends_start_photos():
    assert slides(GLUED_COUNTERS) == [
        ("A sculptor guides a six-metre inflatable moth above a paddock during its first test flight of the "
         "season.", "Credit:Alex Moreno"),
        ("Beach umbrellas packed shoulder to shoulder on the sand as families made the most of the last "
         "heatwave.", "Credit:Steven Sewell"),
        ("A commuter ferry slides under the bridge as a storm front rolls in from the west on Tuesday evening.",
         "Credit:Nick Moore"),
    ]


def test_one_fraction_at_a_line_end_is_not_a_counter():
    text = "Shutter speeds\n\nThe photographer held the camera still for the whole exposure at 1/250\n"
    assert all(why != "a slide counter" for _, _, why in prepare(text).dropped)
    assert parse_article(text).entries[0].title.endswith("1/250") or any(
        "1/250" in p for p in parse_article(text).entries[0].paragraphs)


def test_list_items_holding_labelled_captions():
    text = ("Your best pictures this week\n\n"
            "- Photo: A pair of cockatoos squabble over a perch on a dead river red gum by the water. (ABC Open "
            "contributor Greg Tan)\n"
            "- Photo: Nippers line up on the sand for their flag race on a crisp winter morning at the beach. (ABC "
            "Open contributor Sal Moss)\n")
    assert slides(text) == [
        ("A pair of cockatoos squabble over a perch on a dead river red gum by the water.",
         "ABC Open contributor Greg Tan"),
        ("Nippers line up on the sand for their flag race on a crisp winter morning at the beach.",
         "ABC Open contributor Sal Moss"),
    ]


def test_a_photo_credit_label_before_its_caption_stays_a_credit():
    units = prepare("Title\n\nPhoto: Courtesy of the Harbour Museum. The pier as it looked in 1921.\n").units
    assert units[-1].text.startswith("Photo: Courtesy")


@pytest.mark.parametrize("line, caption", [
    ("AUGUST 3 | Volunteer firefighter Caleb Ross hoses down a smoldering stump on a hillside.",
     "Volunteer firefighter Caleb Ross hoses down a smoldering stump on a hillside."),
    ("Dec. 29, 2020 | Skaters trace long shadows across the frozen pool at sunset.",
     "Skaters trace long shadows across the frozen pool at sunset."),
])
def test_a_date_set_before_a_caption_with_a_bar_is_dropped(line, caption):
    assert prepare(f"Title\n\n{line}\n").units[-1].text == caption


@pytest.mark.parametrize("line", [
    "Mark 3 | Volunteers sweep the square before the parade begins in the morning.",
    "Volunteers sweep the square on August 3 | before the parade.",
])
def test_not_a_date_label(line):
    assert prepare(f"Title\n\n{line}\n").units[-1].text == line


@pytest.mark.parametrize("line, credit", [
    ("ST PHOTO: GAVIN KOH", "ST PHOTO: GAVIN KOH"),
    ("AFP PHOTO: Ana Ruiz", "AFP PHOTO: Ana Ruiz"),
    ("image copyrightRami Jaber / AFP", "Rami Jaber / AFP"),
    ("via: pinterest.com", "via: pinterest.com"),
    ("Via: Reddit", "Via: Reddit"),
])
def test_labels_with_a_publication_glued_or_via(line, credit):
    assert credit_line(line) == credit


@pytest.mark.parametrize("line", ["THE PHOTO: a mood board", "BIG PHOTO: we went", "via: the back door",
                                  "copyrightRami Jaber"])
def test_label_near_misses(line):
    assert credit_line(line) is None


@pytest.mark.parametrize("line, caption, credit", [
    ("The train leaves the platform at dawn. | S. Thirunavukkarasu", "The train leaves the platform at dawn.",
     "S. Thirunavukkarasu"),
    ("Lorenzo Bassi, Italy, 3rd Place – Abstract Salt Ribbons | Shot on iPhone 12 Mini",
     "3rd Place – Abstract Salt Ribbons | Shot on iPhone 12 Mini", "Lorenzo Bassi, Italy"),
    ("Ana Ruiz, United States, Winner, Photographer of the Year", "Winner, Photographer of the Year",
     "Ana Ruiz, United States"),
])
def test_a_name_after_a_bar_and_contest_entries_open_with_their_photographer(line, caption, credit):
    assert split_credit(line) == (caption, credit)


@pytest.mark.parametrize("line", [
    "He said so at the time. | Read More",
    "Crowds gather in the square at noon. — Ana Ruiz",  # a dash: as often the writer's signature
    "The old road | Ana Ruiz",  # no finished sentence before the bar
    "Paris, France, winner of the prize",
    "Kim Lo, the winner, smiles at the camera.",
    "The crowd, cheering, winner takes all",
])
def test_not_a_name_after_a_bar_nor_a_contest_entry(line):
    assert split_credit(line) == (line, None)


@pytest.mark.parametrize("line", ["Like this:", "Like Loading...", 'In "Space"', "Posted in Space | Leave a comment",
                                  "Last edited: Jun 10, 2021", "Reactions: Ruth, Barnaby G and 6 others",
                                  "Condividi: Facebook Twitter WhatsApp", "Share: Facebook Twitter"])
def test_blog_and_forum_furniture(line):
    assert furniture(line) is not None


@pytest.mark.parametrize("line", ['In "Space" the stars were bright over the hills', "Posted in 1998, the photo shows a crowd.",
                                  "Subscribers flock to the hall", "Liked this one", "Note: facebook twitter rules"])
def test_not_blog_furniture(line):
    assert furniture(line) is None


@pytest.mark.parametrize("line", ["In the Field > Film and Photo", "4,873 posts 1.4m followers 902 following",
                                  "Discussion in 'Space' started by SoupBot, Jan 3, 2012."])
def test_profile_forum_and_section_lines_are_furniture(line):
    assert furniture(line) is not None


@pytest.mark.parametrize("line", ["Before > After the storm, a town rebuilds.", "12 posts",
                                  "Discussion in the square started late"])
def test_not_profile_forum_or_section_lines(line):
    assert furniture(line) is None


def test_a_sentence_with_a_full_stop_is_not_the_headline_when_one_follows():
    text = ("Beautiful images take time.\nPlease hang on for a minute!\n\nHome\nWinners\nJudges\n\n"
            "Ocean Photographer of the Year\n\n"
            "A firefighter hoses down a smouldering stump on a hillside above the river as crews mop up.\n"
            "Photograph: Ana Ruiz/Reuters\n\n"
            "Fans rise to their feet as the home side takes the field on opening day, the first game in months.\n"
            "Photograph: Kim Lo/AFP\n")
    assert parse_article(text).title == "Ocean Photographer of the Year"


@pytest.mark.parametrize("line, byline", [
    ("March 9, 2019 by Becca", True), ("Posted on March 22, 2014 by Selma Varga", True),
    ("March 9, 2019 by the river, a crowd gathered.", False), ("March 9, 2019", False),
])
def test_a_date_and_writer_is_a_byline(line, byline):
    from viewer.importer.roles import _is_byline

    assert _is_byline(line) is byline


@pytest.mark.parametrize("line, why", [
    ("Enlarge/Slideshow See On Map Directions", "a row of buttons"),
    ("Bryggen, 5003 Bergen, Norway", "a postal address"),
    ("Rynek Główny 1/3, 31-042 Kraków, Poland", "a postal address"),
])
def test_map_widget_lines_are_furniture(line, why):
    assert furniture(line) == why


@pytest.mark.parametrize("line", ["Open the gallery now", "Bergen, Norway", "In 2019, 300 people marched, police said",
                                  "The view from the map room at dawn"])
def test_not_map_widget_lines(line):
    assert furniture(line) is None


def test_special_to_a_paper_is_a_credit():
    assert credit_line("• Trevor Mullins, Special to The Denver Post") == "Trevor Mullins, Special to The Denver Post"
    assert credit_line("Trevor Mullins, special report") is None
