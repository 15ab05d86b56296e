"""Classes of article layout met on the third fresh set of sites, each handled by a shared
mechanism (the first pass over lines, the role scorer, the credit grammar), with near-misses.

- list numbers glued to the caption's first word (`1Harbour market…`, `10Schoolchildren…`);
- a caption written twice, alt text then caption, with several photos sharing one caption;
- a title-case headline under a site name is the title, not a menu row;
- a headline's kicker (`Editor's Picks: …`) is not a credit label glued to the text before it;
- a `|`-separated menu row is not a labelled credit (`Home | Photo | Popular`).
"""

from __future__ import annotations

from viewer.importer import parse_article
from viewer.importer.credits import split_credit

SCENES = [
    "Harbour market stalls open under strings of bulbs before the ferry leaves.",
    "Schoolchildren wave paper flags from the back of a slow tram in the rain.",
    "A baker slides loaves into a brick oven while his son counts the coins.",
    "Two herons stand on a sunken rowing boat at the edge of the reservoir.",
    "Fishermen mend a green net on the quay as the tide comes in.",
    "Commuters shelter under one umbrella at a bus stop in a snowstorm.",
    "A brass band rehearses on a rooftop above the laundry lines.",
    "Pickers load crates of lemons onto a cart pulled by a mule.",
    "A girl feeds pigeons from a paper bag on the cathedral steps.",
    "Skaters circle a frozen pond under a row of lamp posts at dusk.",
]


def test_list_numbers_glued_to_the_first_word_are_numbers():
    text = "Coolest Photos From History\n\n" + "\n\n".join(
        f"{n}{scene}" for n, scene in enumerate(SCENES, start=1)) + "\n"
    entries = parse_article(text).entries
    assert [entry.title.split()[0] for entry in entries] == [scene.split()[0] for scene in SCENES]


def test_a_number_glued_once_is_part_of_the_text():
    text = "Street Pictures\n\n3D glasses sit on every seat of the old cinema before the matinee.\n\n" \
        + "\n\n".join(SCENES[:3]) + "\n"
    titles = [entry.title for entry in parse_article(text).entries]
    assert titles[0].startswith("3D glasses")


def test_identical_captions_written_in_pairs_are_one_photo_a_pair():
    shared = "Untitled, from the series Harbour Nights."
    lines = [SCENES[0], SCENES[0], shared, shared, shared, shared, shared, shared, SCENES[1], SCENES[1]]
    text = "Photobook Revisited\n\n" + "\n\n".join(lines) + "\n"
    titles = [entry.title for entry in parse_article(text).entries]
    assert titles.count(shared) == 3 and titles.count(SCENES[0]) == 1 and titles.count(SCENES[1]) == 1


def test_a_title_case_headline_under_the_site_name_is_the_title():
    text = "Too Cute Paws\n\nSee This Year's Best Wildlife Photos\n\n" + "\n\n".join(SCENES[:5]) + "\n"
    assert parse_article(text).title == "See This Year's Best Wildlife Photos"


def test_a_headline_kicker_is_not_a_glued_credit_label():
    assert split_credit("Editor's Pics: The World's Most Picturesque Places")[1] is None


def test_a_credit_label_glued_after_a_sentence_still_splits():
    caption, credit = split_credit("Fishermen mend a green net on the quay as the tide comes in Photo: Ana Ruiz/AFP")
    assert credit is not None and "Ana Ruiz" in credit and caption.endswith("comes in")


def test_a_bar_separated_menu_is_not_a_credit():
    assert split_credit("Home | Categories | Photo | Popular | Search")[1] is None
