"""Classes of article layout found on the eleventh round's sets, each handled by a shared mechanism,
with near-misses.

- a caption written twice around its slide counter (the picture's alt text, then its caption),
  one copy maybe cut short, reworded at its end or spaced differently, is one photo: the
  counter's, whichever copy is kept;
- two photos whose captions merely open alike are two photos;
- short lines after the last caption that are not sentences ("No comments:", "► 2012 (14)")
  are the page's end, but the list's next number or a photographer's "by Name" is not;
- records written alike (a prize heading, its photographer, the work's title, a statement) start
  one photo each at their first line (records.py), even where later records open with another
  kind of line ("Honorable Mention" after "3rd Place"); the same button in every record is not
  where they start, and a month's heading over several photos is a section, not a record;
- "Foto 1:" alone on its line is a slide counter;
- a caption glued to its own copy ("…help themGreater Manchester Police have…": alt text, then
  caption, nothing between) is one caption, written once;
- a picture word cut short ("fot. Name", "phot. Name") is a credit's label;
- a credit sentence right before a closing one ("Photo: Name. Courtesy the Foundation.") is part of
  the same credit;
- a credit for the whole page ("All photos by Name"), read as one entry's, credits every entry
  without one (saved pages too).
"""

from __future__ import annotations

from viewer.importer import parse_article

SCENES = [
    "Monday: Quiet remembrance. Pupils light candles in front of the town hall for a teacher who "
    "died last week.",
    "Monday: Rather wobbly! Farmers take their tractor across a river on a raft made of empty oil drums.",
    "Tuesday: Spring cleaning. A worker scrubs the bronze figures of the old fountain with a long brush.",
    "Wednesday: High up. A window cleaner hangs from a rope in front of the glass front of an office tower.",
]


def _gallery(alt_of) -> str:
    lines = ["Pictures of the week", "", "Published: 26.04.2009", ""]
    for number, scene in enumerate(SCENES, 1):
        lines += [alt_of(scene), f"{number} of {len(SCENES)}", scene]
    return "\n".join(lines + ["", "More on this"]) + "\n"


def _texts(text: str) -> list[str]:
    return [" ".join([entry.title, *entry.paragraphs]) for entry in parse_article(text).entries]


def test_a_caption_written_twice_around_its_counter_is_one_photo():
    texts = _texts(_gallery(lambda scene: scene + " "))
    assert len(texts) == len(SCENES)
    for text, scene in zip(texts, SCENES):
        assert text.split() == scene.split()


def test_a_copy_spaced_differently_is_still_a_copy():
    texts = _texts(_gallery(lambda scene: scene.replace(": ", ":  ", 1)))
    assert len(texts) == len(SCENES)
    for text, scene in zip(texts, SCENES):
        assert text.split() == scene.split()


ALTS = ["Monday: Quiet remembrance. Pupils light candles in front of the school.",
        "Monday: Rather wobbly! Farmers take their tractor across a river by raft.",
        "Tuesday: Spring cleaning. A worker scrubs the bronze figures of a fountain.",
        "Wednesday: High up. A window cleaner hangs from a rope on a tower."]


def test_a_short_reworded_alt_before_the_counter_is_the_same_photo():
    # The alt text keeps the caption's opening words and ends differently.
    alts = dict(zip(SCENES, ALTS))
    texts = _texts(_gallery(alts.__getitem__))
    assert len(texts) == len(SCENES)
    for text, scene in zip(texts, SCENES):
        assert text.split() == scene.split()


def test_captions_that_only_open_alike_are_different_photos():
    captions = ["A man walks past a mural in Kyiv on a grey Monday morning after the night's rain.",
                "A man walks past a mural of a poet while two soldiers drink coffee at a kiosk.",
                "A man walks past a mural, carrying two loaves of bread home to his family."]
    lines = ["Pictures of the day", ""]
    for number, caption in enumerate(captions, 1):
        lines += [f"{number} of {len(captions)}", caption, ""]
    assert [t.split() for t in _texts("\n".join(lines))] == [c.split() for c in captions]


MORE_SCENES = [
    "Thursday: Sea of flowers. Visitors stroll through the tulip fields near the coast on the first warm day.",
    "Friday: Well hatted. A spectator in a huge flowered hat waits for the first race of the spring meeting.",
    "Saturday: Summit. A climber stands at the cross on the peak after the first winter ascent of the season.",
    "Sunday: Lanterns. Hundreds of paper lanterns drift down the river after the harvest festival in the old town.",
]
BLOG_END = ["Posted by Ade Okonkwo at 10:14 PM", "No comments:", "Post a Comment", "Newer Post Older Post Home",
            "Blog Archive", "► 2012 (14)", "▼ 2011 (52)", "► November (6)"]


def test_a_blogs_short_lines_after_the_last_caption_are_the_pages_end():
    scenes = SCENES + MORE_SCENES
    text = "This week in pictures\n\n" + "\n\n".join(scenes) + "\n\n" + "\n\n".join(BLOG_END) + "\n"
    article = parse_article(text)
    assert [entry.title for entry in article.entries] == scenes


def test_the_lists_next_number_after_the_story_is_not_its_end():
    lines = ["Ten photos from the old town", ""]
    for number, scene in enumerate(SCENES[:3], 1):
        lines += [f"{number}. Heading number {number}", "", scene, ""]
    lines += ["4. Schoolchildren with slates and chalk, 1902", "", "Next Page", "", "You May Also Like"]
    assert len(parse_article("\n".join(lines) + "\n").entries) == 4


# Records written alike: a prize heading, the work's title, the photographer, a statement.
PRIZES = ["1st Place", "2nd Place", "3rd Place", "Honorable Mention", "Honorable Mention"]
MAKERS = ["Wade Lindqvist", "Dora Fenwick", "Marcus Obi", "Priya Raman", "Theo Blanchard"]
STATEMENTS = [scene.split(": ", 1)[1] for scene in SCENES + MORE_SCENES][:5]


def _records(prizes=PRIZES, with_button: bool = True) -> str:
    lines = ["Gallery Elite Winners Showcase", "",
             "Congratulations to this year's winners, chosen from more than 1,400 entries by five judges.", ""]
    for prize, maker, statement in zip(prizes, MAKERS, STATEMENTS):
        lines += [prize, f"© {maker}"] + (["view enlargement"] if with_button else []) + \
            [f"“Untitled {maker.split()[0]}”", statement, f"{maker.split()[1]} Studio - Duluth, MN", ""]
    return "\n".join(lines + ["Terms of use | Privacy"]) + "\n"


def test_records_written_alike_start_one_photo_each_at_their_first_line():
    entries = parse_article(_records()).entries
    assert [entry.title for entry in entries] == PRIZES
    assert [entry.credit for entry in entries] == [f"© {maker}" for maker in MAKERS]


def test_the_same_button_in_every_record_is_not_where_records_start():
    from viewer.importer.lines import prepare
    from viewer.importer.records import find_records
    from viewer.importer.roles import features
    prepared = prepare(_records())
    records = find_records(features(prepared.units, set(), prepared))
    assert records is not None
    assert sorted(prepared.units[index].text for index in records.openers) == sorted(PRIZES)


def test_a_months_heading_over_several_photos_is_a_section_not_a_record():
    from viewer.importer.lines import prepare
    from viewer.importer.records import find_records
    from viewer.importer.roles import features
    lines = ["The year in pictures", ""]
    for month in ["JANUARY", "FEBRUARY", "MARCH", "APRIL"]:
        lines += [month, ""] + [f"{scene} Jo Bell for The Paper" for scene in SCENES[:3]] + [""]
    prepared = prepare("\n".join(lines) + "\n")
    assert find_records(features(prepared.units, set(), prepared)) is None


def test_finding_records_is_linear():
    from tests.unit.test_linear_time import assert_linear
    from viewer.importer.lines import prepare
    from viewer.importer.records import find_records
    from viewer.importer.roles import features

    def make(n: int):
        prepared = prepare("\n".join(f"Prize {i % 7}\n© Name {i}\nview\nA statement about photo {i} that runs "
                                     "on and on for a while so that it is a long line of text in the record."
                                     for i in range(n)))
        return features(prepared.units, set(), prepared)

    assert_linear(find_records, make, 300)


def test_a_picture_word_and_a_number_alone_on_a_line_is_a_slide_counter():
    lines = ["Imágenes del ascenso", ""]
    for number, scene in enumerate(SCENES, 1):
        lines += [f"Foto {number}:", scene]
    lines += ["", "Publicado por Gaspar Olmedo en 22:41", "No hay comentarios:", "Publicar un comentario"]
    entries = parse_article("\n".join(lines) + "\n").entries
    assert [entry.title for entry in entries] == SCENES


PROSE = ["Police have issued a fresh appeal as officers continue to trace people involved in the summer's "
         "disorder in the town centre.",
         "The new appeal includes images that have not been seen before and follows a week of arrests across "
         "the borough.",
         "Anyone who recognises the people pictured is asked to get in touch with the force as soon as possible.",
         "If you have any information, you can call the non-emergency number quoting the reference above."]
APPEAL = ["A man in a black balaclava and a red football shirt stands outside a shop on the high street.",
          "A woman in a grey hooded top carries a traffic cone near the entrance of the arcade.",
          "Two men in dark jackets throw bottles towards a line of officers outside the station."]


def test_a_caption_glued_to_its_own_copy_is_one_photo_written_once():
    lines = ["Latest appeal after the summer disorder", "", "By Colette Brannigan", ""]
    for prose, caption in zip(PROSE, APPEAL):
        lines += [prose, "", caption.removesuffix(".") + caption, ""]
    lines += [PROSE[3], "", "Related topics:"]
    titles = [entry.title for entry in parse_article("\n".join(lines) + "\n").entries]
    for caption in APPEAL:
        assert caption in titles
    # (the prose between them may read as photos of its own: nothing marks it either way)


def test_a_line_that_only_repeats_its_opening_words_is_not_a_glued_copy():
    line = ("The new appeal includes images of the disorder. The new appeal includes images that have not been "
            "seen before, from cameras on every street of the old town and on the buses.")
    article = parse_article("Appeal\n\n" + line + "\n")
    assert line in " ".join([*article.intro, *(e.title for e in article.entries),
                             *(p for e in article.entries for p in e.paragraphs)])


def test_finding_glued_copies_is_linear():
    from tests.unit.test_linear_time import assert_linear
    from viewer.importer.lines import prepare
    assert_linear(prepare, lambda n: ("The new appeal includes images " * n) + "\n", 400)
    assert_linear(prepare, lambda n: ("The new appeal includes images" + "x" * n) * 2 + "\n", 400)


def test_a_picture_word_cut_short_is_its_own_label():
    from viewer.importer.credits import credit_line
    assert credit_line("Fot. Anna Pietrzyk") == "Fot. Anna Pietrzyk"
    assert credit_line("phot. Jean Dupont") == "phot. Jean Dupont"
    assert credit_line("fot. ze zbiorów muzeum") is None  # (no name after it)
    assert credit_line("The fot. Anna Pietrzyk") is None


def test_a_credit_sentence_before_the_last_is_the_same_photos_credit():
    from viewer.importer.credits import split_credit
    caption, credit = split_credit("Nadia Farahani, Untitled (2019), oil on linen. Installation view, Argo Factory. "
                                   "Photo: Parisa Emami. Courtesy Sorayan Foundation.")
    assert caption == "Nadia Farahani, Untitled (2019), oil on linen. Installation view, Argo Factory."
    assert credit == "Photo: Parisa Emami. Courtesy Sorayan Foundation."
    assert split_credit("A man walks home. Photo: Jo Bell") == ("A man walks home.", "Photo: Jo Bell")


def test_a_credit_for_the_whole_page_credits_every_photo_without_one():
    from viewer.importer.credits import covers_every_photo
    assert covers_every_photo("Image credits: All photographs by Ines Lindqvist.")
    assert covers_every_photo("All photos by Jo Bell")
    assert not covers_every_photo("Photo by Jo Bell")
    assert not covers_every_photo("All of us at the paper thank Jo Bell")
    scenes = SCENES + MORE_SCENES[:1]
    text = "The keepers\n\n" + "\n\n".join(scenes) + "\n\nAll photos by Ines Lindqvist\n"
    entries = parse_article(text).entries
    assert [entry.credit for entry in entries] == ["All photos by Ines Lindqvist"] * len(scenes)


def test_lines_in_a_script_without_case_are_not_written_in_capitals():
    from viewer.importer.records import _keys
    assert "capitals" not in _keys("優秀賞1")
    assert "capitals" not in _keys("作品番号")
    assert "capitals" in _keys("PRIX DU JURY")
