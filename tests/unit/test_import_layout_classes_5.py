"""Classes of article layout found on the tuning sets in the tenth round, each handled by a shared
mechanism (the role scorer, the credit grammar, the first pass over lines), with near-misses.

- a short headline-like phrase on the line right above most paragraphs, with no blank lines and
  no numbers, is a listicle's heading (`_paired`);
- headings that open with the same word and a changing number (`Challenge 1: …`, `Challenge 2: …`)
  share a kicker, as `Bild des Tages: …` does;
- a row of share links (`Facebook Twitter Google+`) is never a photographer's name;
- a credit with a trailing separator (`Photo by Name/Getty Images /`) is still a credit, and the
  same credit on the next line is one credit;
- a dash and a name alone under a paragraph (`— Dana Whitlock`) signs the text above it: it is
  never a heading or a caption.
"""

from __future__ import annotations

import pytest

from tests.unit.test_linear_time import assert_linear
from viewer.importer import parse_article
from viewer.importer.credits import credit_line, is_name_line, split_credit
from viewer.importer.lines import place_heading_end, prepare, word_count
from viewer.importer.roles import features

HEADINGS = ["Prayer at dawn in Dhaka", "The keeper of the clock", "Fire in the square", "A forest of light",
            "Snowy fields in Bavaria", "Lanterns over the river"]
SCENES = [
    "Thousands of worshippers gather in a stadium for the prayer at the end of the fasting month, many arriving "
    "before sunrise with rolled mats under their arms.",
    "The bell ringer of the cathedral oils the gears of the tower clock, a job he has done every spring for "
    "thirty years without missing a single week.",
    "A huge cardboard dragon burns in the town hall square on the last night of the festival while children "
    "watch from their parents' shoulders.",
    "An exhibition in an old gasworks shows a forest of trees made of glass fibre that change colour as "
    "visitors walk slowly between them.",
    "The sunset over the snowy fields near the mountains looks like a painting, and the March snow has "
    "surprised farmers who had already started sowing.",
    "Hundreds of paper lanterns drift down the river after the harvest festival, each carrying a wish written "
    "by a family on the bank.",
]


def _starts(text: str) -> list[str]:
    return [entry.title.split(",")[0] for entry in parse_article(text).entries]


def test_headings_right_above_each_paragraph_without_blank_lines_are_a_listicle():
    lines = ["Culture", "The picture of the day", "An impression of daily life in Germany, Europe and the world, "
             "one picture at a time, chosen by our editors."]
    for heading, scene in zip(HEADINGS, SCENES):
        lines += [heading, scene]
    article = parse_article("\n".join(lines) + "\n")
    assert [entry.title for entry in article.entries] == HEADINGS
    assert [entry.paragraphs[0] for entry in article.entries] == SCENES


def test_a_gallery_of_long_captions_with_few_short_lines_is_not_made_headed():
    # Only two of six paragraphs have a short phrase above them: captions, not headings.
    lines = ["The week in pictures", SCENES[0], "A YEAR OF WAITING", SCENES[1], SCENES[2], SCENES[3],
             "And a few reasons to cheer", SCENES[4], SCENES[5]]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    titles = [entry.title for entry in entries]
    for scene in SCENES:
        assert scene in titles


def _pairs(lines: list[str]) -> list[bool]:
    prepared = prepare("\n\n".join(lines) + "\n")
    return [f.pairs_next for f in features(prepared.units, set(), prepared)]


def test_only_a_phrase_right_above_a_paragraph_pairs_with_it():
    assert _pairs(["Lanterns over the river", SCENES[0]]) == [True, False]
    # an alt line above the heading ("Studio by Harrow & Finch" / "Illustrator's studio …" /
    # paragraph): neither phrase is counted as the paragraph's own heading
    assert _pairs(["Studio by Harrow and Finch", "Illustrator's studio with its owner asleep", SCENES[0]]) == \
        [False, False, False]
    # a name, a credit or a sentence above a paragraph is not a heading-like phrase
    assert _pairs(["Ana de la Cruz", SCENES[0]]) == [False, False]
    assert _pairs(["Photo: Ana de la Cruz", SCENES[0]]) == [False, False]
    assert _pairs(["It rained all week.", SCENES[0]]) == [False, False]


def test_headings_with_a_changing_number_share_a_kicker():
    lines = ["Six Week Photo Challenge: Winners Announced", "We asked readers to send their best shots, "
             "week by week, and now we can reveal the six winners of the summer challenge."]
    for number, scene in enumerate(SCENES, start=1):
        lines += [f'Challenge {number}: "Theme number {number}" by Judge Person', f"Winner: Reader {number}",
                  scene, f"The picture was taken by Reader {number} from Leeds."]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.title.split(":")[0] for entry in entries] == [f"Challenge {n}" for n in range(1, 7)]


def test_a_number_alone_before_the_colon_is_not_a_kicker():
    # "2016: …" and "Bird: …" are a year and a record field, not kickers.
    lines = ["Birds of the marsh"]
    for year, scene in zip(range(2016, 2020), SCENES):
        lines += [f"{year}: {scene}"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert len(entries) == 4


def test_a_row_of_share_links_is_not_a_name():
    for row in ["Facebook Twitter Google+", "Facebook Twitter Pinterest", "Instagram YouTube", "WhatsApp Telegram"]:
        assert not is_name_line(row), row
    for name in ["Ana de la Cruz", "Harlan Voss", "Priya Natarajan"]:
        assert is_name_line(name), name


def test_a_credit_with_a_trailing_separator_is_a_credit():
    assert credit_line("Photo by Harlan Voss/Getty Images /") == "Photo by Harlan Voss/Getty Images"
    assert credit_line("Photo: Jo Bell |") == "Photo: Jo Bell"
    assert credit_line("/") is None
    assert credit_line("Harbour at dawn /") is None


def test_the_same_credit_twice_in_a_row_is_one_credit():
    lines = ["Iconic sports photos of the week"]
    names = ["Dana Whitlock", "Harlan Voss", "Renee Calloway", "Ikaika Moreno"]
    for name, scene in zip(names, SCENES):
        lines += [f"Photo by {name}/Getty Images", f"Photo by {name}/Getty Images /", scene]
    article = parse_article("\n\n".join(lines) + "\n")
    assert [entry.credit for entry in article.entries] == [f"Photo by {name}/Getty Images" for name in names]
    assert [entry.title for entry in article.entries] == SCENES[:4]


def test_one_photographer_on_photos_in_a_row_keeps_each_credit():
    lines = ["Harbour pictures"]
    for scene in SCENES[:4]:
        lines += [scene, "Photo by Dana Whitlock/Getty Images"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.credit for entry in entries] == ["Photo by Dana Whitlock/Getty Images"] * 4


def test_a_signature_under_the_text_is_never_a_heading():
    lines = ["Iconic sports photos of the week", "Great pictures get buried under the next day's highlights, so "
             "here are the ones our photographers liked best."]
    names = ["Dana Whitlock", "Harlan Voss", "Renee Calloway", "Ikaika Moreno"]
    for name, scene in zip(names, SCENES):
        lines += [f"Photo by {name}/Getty Images", scene, "I was right behind the goal and only had a split "
                  "second as the ball curled over the wall.", f"— {name}"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert not any(entry.title.startswith("—") for entry in entries)
    words = " ".join(" ".join([entry.title, *entry.paragraphs, entry.credit or ""]) for entry in entries)
    for name in names:
        assert f"— {name}" in words or name in words  # the signature is kept, as text or credit


def test_a_dash_before_a_sentence_is_not_a_signature():
    lines = ["Town pictures"] + [f"— {scene}" for scene in SCENES[:3]]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert len(entries) == 3


def test_a_slide_number_glued_before_a_labelled_credit_starts_the_photo():
    lines = ["Wildlife Photographer of the Year: nine highly commended images"]
    names = ["Beatriz Solano", "Gunnar Eikrem", "Devika Raman", "Oliver Tranh"]
    for number, (name, scene) in enumerate(zip(names, SCENES), start=1):
        lines += [f"{number:02d} © {name} - Wildlife Photographer of the Year", scene]
    article = parse_article("\n".join(lines) + "\n")
    assert [entry.title for entry in article.entries] == SCENES[:4]
    assert [entry.credit for entry in article.entries] == [
        f"© {name} - Wildlife Photographer of the Year" for name in names]


def test_a_number_before_a_sentence_or_a_year_before_a_credit_is_not_a_slide_number():
    prepared = prepare("5 Photo booths in the city\n\n2019 © Ana Ruiz\n")
    assert [unit.text for unit in prepared.units][0] == "5 Photo booths in the city"
    assert prepared.counters == 0


def test_a_contest_named_with_its_year_after_the_slash():
    assert credit_line("Photograph: Oskar Bramwell/2016 Wildlife Photographer of the Year") == \
        "Photograph: Oskar Bramwell/2016 Wildlife Photographer of the Year"
    # a year after "for" in a headline is not a credit's publication
    assert credit_line("The Shortlisted Photographs For 2021 Astronomy Photographer Of Year Award Have Been "
                       "Revealed") is None
    assert credit_line("Photo: Jo Bell/2016") is None


def test_a_kicker_before_the_colon_is_not_the_start_of_a_name():
    assert credit_line("Picture of the Day: Kimchi-Making for Neighbors") is None
    assert credit_line("Photo: Jo Bell for The Paper") == "Photo: Jo Bell for The Paper"
    assert credit_line("Getty Images: Jo Bell") == "Getty Images: Jo Bell"


def test_a_record_field_repeated_under_each_photo_is_never_its_heading():
    lines = ["Bird Photography Awards", ""]
    for n, scene in enumerate(SCENES[:4]):
        lines += [f"{['Gold', 'Silver', 'Bronze', 'Fourth'][n]} award winner", f"Bird: Great Egret {n}",
                  f"Photographer: Ana Ruiz{chr(97 + n)}", "", scene, ""]
    entries = parse_article("\n".join(lines)).entries
    assert len(entries) == 4
    assert not any(entry.title.startswith("Bird:") for entry in entries)


def test_a_labelled_credit_repeated_under_each_photo_is_not_a_field():
    lines = ["Harbour pictures"]
    for scene in SCENES[:4]:
        lines += [scene, "Photograph: Ana Ruiz/Reuters"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.credit for entry in entries] == ["Photograph: Ana Ruiz/Reuters"] * 4


def test_a_numbered_list_run_together_on_one_line_is_cut_apart():
    items = ["A roller disco in a church hall, 1970s.", "Schoolgirls watching the first television set, 1950s.",
             "Odile Marchand, champion pigeon racer. Belgium, 1928.", "Lifeguards practising rescues, 1920s.",
             "A milkman delivering by canoe during the flood of 1937."]
    line = " ".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
    entries = parse_article(f"12 Unusual Photos of the Past\n\n{line}\n").entries
    assert [entry.title for entry in entries] == [item.split(". Belgium")[0] + (". Belgium, 1928."
                                                  if "Belgium" in item else "") for item in items]


def test_numbers_in_prose_or_out_of_count_do_not_cut_a_line():
    prose = ("He came in 2. Place was the same as 3. Then he left in the car with the others and the rest of "
             "the team, long before the rain started to fall on the stadium.")
    assert [unit.text for unit in prepare(prose + "\n").units] == [prose]
    skipped = "1. A harbour at dawn with boats. 3. A tram in the rain on Friday. 5. A baker at his oven today."
    assert len(prepare(skipped + " More words to make the line long enough to be looked at at all.\n").units) == 1


def test_world_service_labels_for_captions_and_sources():
    assert credit_line("Fuente de la imagen, Getty Images") == "Fuente de la imagen, Getty Images"
    assert credit_line("ઇમેજ સ્રોત, AFP") == "ઇમેજ સ્રોત, AFP"
    assert credit_line("Crédito ao consumidor cresce") is None  # a label word without its comma
    units = prepare("Pie de foto, Un hombre camina por la playa de noche con su perro.\n").units
    assert units[0].text == "Un hombre camina por la playa de noche con su perro." and units[0].after_label
    assert prepare("Pie de foto,\n\nUn hombre camina por la playa.\n").units[0].after_label


def test_a_phrase_before_each_labelled_caption_is_its_alt_text():
    lines = ["Semana en imágenes"]
    places = ["Playa de noche", "Mercado del puerto", "Tranvía bajo la lluvia", "Horno de pan"]
    for index, (place, scene) in enumerate(zip(places, SCENES)):
        lines += [place]  # (BBC's order: the picture's alt, its source, then its labelled caption)
        if index:
            lines += ["Fuente de la imagen, Getty Images"]
        lines += [f"Pie de foto, {scene}"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.title for entry in entries][-3:] == SCENES[1:4]
    assert [entry.credit for entry in entries][-3:] == ["Fuente de la imagen, Getty Images"] * 3


def test_breadcrumbs_buttons_and_bylines_in_other_languages_are_the_pages():
    lines = ["Inicio » Curiosidades » 12 de las fotografías más comentadas de la semana ¡Geniales!",
             "12 de las fotografías más comentadas de la semana ¡Geniales!", "Publicado por Redacción Difundir",
             "Compartir en Facebook", "Compartir en Twitter"] + SCENES[:4] + ["TE PUEDE INTERESAR:",
                                                                             "20 fotos de gente buena", "X"]
    article = parse_article("\n".join(lines) + "\n")
    assert article.title == "12 de las fotografías más comentadas de la semana ¡Geniales!"
    assert [entry.title for entry in article.entries] == SCENES[:4]


def test_a_spaced_guillemet_in_a_caption_is_not_a_breadcrumb():
    # German quotes »…« and a single arrow are prose, not a trail of links.
    for text in ["Er rief »Hallo« und winkte den Kindern vom Boot aus zu, bevor es ablegte.",
                 "Der Weg führt › über die Brücke zum alten Hafen, wo die Fischer warten."]:
        assert prepare(text + "\n").units[0].text == text


def test_a_phrase_between_the_headline_and_the_share_bar_is_not_a_photo():
    lines = ["RaiNews", "Italia", "Mondo", "Le foto della settimana: lanterne, pecore e un abbraccio",
             "Il racconto per immagini", "Condividi", *SCENES[:4], "Ultimo aggiornamento"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.title for entry in entries] == SCENES[:4]


def test_the_last_caption_before_the_share_bar_stays_a_photo():
    lines = ["Student finalists", "Our judges picked four finalists from more than a thousand entries sent in by "
             "students this spring, and here they are."]
    for name, scene in zip(["Last Petal", "Blue Hour", "Old Tram", "Wet Dog"], SCENES):
        lines += [name, scene]
    lines += ["Share on Facebook", "Copyright © Tool Factory, Inc. All rights reserved."]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.title for entry in entries] == ["Last Petal", "Blue Hour", "Old Tram", "Wet Dog"]


def test_a_place_heading_run_together_with_its_paragraph_is_split_off():
    places = ["Meteora, Greece", "Porto, Portugal", "Essaouira, Morocco", "Ljubljana, Slovenia"]
    lines = ["Travel Photo Diary", "Have you ever kept a travel scrapbook, with prints taped in and notes beside "
             "them? This is mine, one picture a place."]
    lines += [f"{place} {scene}" for place, scene in zip(places, SCENES)]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.title for entry in entries] == places
    assert [entry.paragraphs[0] for entry in entries] == SCENES[:4]


def test_captions_opening_with_a_place_in_a_sentence_are_not_split():
    # "Residents of Kyiv, Ukraine Queue…" has no heading before its comma; one glued place is not a habit
    assert place_heading_end("Residents of Kyiv, Ukraine Queue for water in the morning after the night.") == 0
    assert place_heading_end("Paris, France. The city was busy today with people walking by the river.") == 0
    lines = ["Pictures of the day", "Lisbon, Portugal Trams climb the hill at dawn while the city is still "
             "asleep and the bakeries open.", *SCENES[:3]]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert entries[0].title.startswith("Lisbon, Portugal Trams")


def test_a_time_span_after_for_is_not_a_publication():
    assert credit_line("Packing Light for Two Weeks") is None
    assert credit_line("Kim Lo for The Paper") == "Kim Lo for The Paper"
    assert credit_line("Ana Ruiz for The New York Times") == "Ana Ruiz for The New York Times"
    assert not is_name_line("Recent Posts") and not is_name_line("Popular Posts")


def test_in_a_numbered_list_an_unnumbered_line_starts_no_photo():
    lines = ["History", "6 rare historical photos that change our past view",
             "1. 6 Rare Historical Photos That Change Our Past View",
             "History is usually handed to us as a finished story, but a single photograph can quietly disagree "
             "with the version we learned at school."]
    for number, (heading, scene) in enumerate(zip(HEADINGS, SCENES), start=1):
        lines += [f"{number}. {heading}", scene]
        if number % 2:
            lines += ["How the film survived", "The roll was posted home and found decades later in a tin."]
    entries = parse_article("\n".join(lines) + "\n").entries
    assert [entry.title for entry in entries][-6:] == HEADINGS
    assert not any(entry.title == "How the film survived" for entry in entries)


def test_a_field_with_a_date_is_never_a_heading():
    lines = ["Friends of the Sky"]
    for heading, scene in zip(HEADINGS[:4], SCENES):
        lines += [heading, scene, "Credit: NASA/ESA", "Release Date: March 30, 2023"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert not any(entry.title.startswith("Release Date") for entry in entries)


def test_credit_forms_of_the_twelfth_set():
    assert credit_line("Liang Wen /  © REUTERS") == "Liang Wen /  © REUTERS"
    assert split_credit("Ледяные скульптуры на фестивале в Харбине, Китай, 18 марта / Liang Wen /  © REUTERS")[1] \
        == "Liang Wen /  © REUTERS"
    assert credit_line("автор: Остап Мельничук") == "автор: Остап Мельничук"
    assert split_credit("«Последний паром», автор: Остап Мельничук") == ("«Последний паром»", "автор: Остап Мельничук")
    assert split_credit("“The Last Ferry”, photo: Ana Ruiz") == ("“The Last Ferry”", "photo: Ana Ruiz")
    # a comma before words that are no labelled credit
    for text in ["He went home, photo by photo, to the end of the road and back", "The market, photographed by night",
                 "Автор материала рассказал о выставке."]:
        assert split_credit(text)[1] is None, text
    assert not is_name_line("Older Posts Home")


def test_a_file_name_alt_with_a_changing_upload_number_is_the_pages():
    lines = ["Οι πιο δυνατές φωτογραφίες της εβδομάδας"]
    for number, (heading, scene) in enumerate(zip(HEADINGS, SCENES)):
        lines += [heading, f"ap 2408113312{number:04d} οι καλυτερεσ φωτογραφιεσ τησ εβδομαδασ", scene]
    article = parse_article("\n\n".join(lines) + "\n")
    assert not any("ap 2408" in " ".join([entry.title, *entry.paragraphs]) for entry in article.entries)
    assert len(article.entries) == len(HEADINGS)


def test_short_numbers_in_repeated_lines_are_not_upload_numbers():
    # "Photo 3 of 2024" lines differ by a short number: not one line repeated
    lines = ["Pictures of the year"]
    for number, scene in enumerate(SCENES, start=1):
        lines += [f"Winner {number} of 2024 in the city", scene]
    words = " ".join(" ".join([e.title, *e.paragraphs]) for e in parse_article("\n\n".join(lines) + "\n").entries)
    assert "Winner 3 of 2024" in words


def test_words_in_scripts_written_without_spaces_are_counted_by_characters():
    assert word_count("宇佐の浜で凧を追いかける姉妹の後ろ姿。夏の光と風がそのまま写っています。") >= 16
    assert word_count("ホーム") == 1  # a menu link stays one word
    assert word_count("Harbour market stalls open") == 4
    assert word_count("Seoul 서울 시장") == 3  # Korean is written with spaces
    lines = ["土佐市観光協会", "ホーム", "観光スポット", "『写真で土佐市をPR!フォトコンテスト2023』入賞作品",
             "今回のテーマは「土佐市のいろどり~四季の一瞬~」。全94作品の応募がありました。"]
    scenes = ["宇佐の浜で凧を追いかける姉妹の後ろ姿。夏の光と風がそのまま写っているような一枚です。",
              "早朝の川面に立ちこめる霧と、ゆっくり進む川舟。待つことの大切さを教えてくれる作品です。",
              "収穫した文旦を両手に抱えて笑うおばあさん。被写体との距離の近さが伝わってきます。"]
    for number, scene in enumerate(scenes, start=1):
        lines += [f"「作品{number}」/西森あかりさま", scene]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert len(entries) >= 3  # (the long captions are not all read as a site's menu)


def test_the_headline_repeated_as_every_pictures_alt_is_dropped_but_stays_the_title():
    title = "The strangest and best pictures of the week from around the world"
    lines = ["Home", "News", title, "Reuters published a set of pictures today from every corner of the world, "
             "and here are the ones we liked best."]
    for scene in SCENES[:5]:
        lines += [title, scene]
    article = parse_article("\n\n".join(lines) + "\n")
    assert article.title == title
    assert [entry.title for entry in article.entries] == SCENES[:5]


def test_a_caption_copied_as_the_next_pictures_alt_is_not_the_headline():
    # (a truncated copy of the first caption before every photo: its first copy is a caption, and
    # the copies below it are not dropped as the headline's)
    copy = "Thousands of paper carp lanterns float down the stream"
    lines = ["Pictures of the week", "Lanterns in Seoul, cranes in Hokkaido and queues in London: the week in "
             "pictures from around the world."]
    for scene in SCENES[:4]:
        lines += [copy, scene]
    prepared = prepare("\n\n".join(lines) + "\n")
    assert [unit.text for unit in prepared.units].count(copy) == 4


def test_readers_photos_introduced_by_from_name_lines():
    lines = ["The Garden Thread, Part Two", "Last year's thread was so much fun, let's do it again: email me a "
             "picture of your garden and I will post the best ones here on Friday."]
    names = ["Marguerite", "OkieDave", "Tamsin in Leeds", "Hector R."]
    for name, scene in zip(names, SCENES):
        lines += [f"From {name}:", scene]
    lines += ["(click for big)"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.credit for entry in entries] == [f"From {name}" for name in names]
    assert [entry.title for entry in entries] == SCENES[:4]


def test_from_before_words_that_are_no_name_is_no_credit():
    for text in ["From the archive:", "From here:", "From Monday to Friday:", "From Marguerite", "From now on:"]:
        assert credit_line(text) is None, text


def test_the_site_named_by_the_copyright_line_is_not_the_headline():
    lines = ["Across N Abroad Travel", "My travel photo diary of the year", "Have you ever kept a travel scrapbook, with prints "
             "taped in and notes beside them? This is mine, one picture a place."]
    lines += [f"{place}\n{scene}" for place, scene in zip(HEADINGS, SCENES[:4])]
    lines += ["©2023 by Across N Abroad Travel. Proudly created with Wix.com"]
    assert parse_article("\n\n".join(lines) + "\n").title == "My travel photo diary of the year"


def test_a_headline_written_again_in_the_related_links_stays_the_title():
    title = "Pictures of the week: lanterns, cranes and a long queue"
    lines = ["News Site", title, *SCENES[:4], "Related", title, "© 2024 News Site"]
    assert parse_article("\n\n".join(lines) + "\n").title == title


def test_a_colon_set_apart_as_french_writes_it_after_a_picture_word():
    assert credit_line("Photo : Reuters/Gord Tremblay") == "Photo : Reuters/Gord Tremblay"
    assert credit_line("Photo : Ana Ruiz") == "Photo : Ana Ruiz"
    assert split_credit("Le globe a attiré la foule. Photo : Reuters/Ana Ruiz")[1] == "Photo : Reuters/Ana Ruiz"
    assert credit_line("Photo : une vue du port") is None  # a description, not a name
    lines = ["On vous raconte la semaine en images"]
    for scene in SCENES[:4]:
        lines += [scene, "Photo : Reuters/Gord Tremblay"]
    entries = parse_article("\n\n".join(lines) + "\n").entries
    assert [entry.credit for entry in entries] == ["Photo : Reuters/Gord Tremblay"] * 4


# Adversarial families for this round's mechanisms: each is timed at n and 4n, on one line (the
# credit grammar and the first pass) and as a whole article (the role scorer too).
HOSTILE = {
    "inline list numbers": lambda n: "".join(f"{i}. A harbour at dawn. " for i in range(1, n + 1)),
    "inline numbers out of count": lambda n: "1. A. " * n,
    "place headings": lambda n: "Meteora, Greece " * n + "Greece keeps pulling me back.",
    "commas before labels": lambda n: "«Паром», автор: " * n + "Остап Мельничук",
    "commas alone": lambda n: ", " * n,
    "slashes and copyright signs": lambda n: "Liang Wen /  © " * n + "REUTERS",
    "upload numbers": lambda n: "ap 24081133120457 " * n,
    "unspaced script": lambda n: "宇佐の浜で凧を追いかける" * n,
    "screen-reader labels": lambda n: "Pie de foto, " * n + "Un hombre.",
    "field labels": lambda n: "Bird: " * n + "Egret",
    "signatures": lambda n: "— " * n + "Dana Whitlock",
    "numbered credits": lambda n: "01 © " * n + "Name - Contest",
    "from lines": lambda n: "From " + "Ana " * n + ":",
    "spaced colons": lambda n: "Photo : " * n + "Reuters",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_this_rounds_rules_are_linear(name):
    make = HOSTILE[name]

    def run(text: str) -> None:
        split_credit(text, titled=True)
        credit_line(text)
        prepare(text)
        word_count(text)

    run(make(60))
    assert_linear(run, make, 300)
    assert_linear(parse_article, lambda n: "\n\n".join(make(20) for _ in range(n)), 40)
