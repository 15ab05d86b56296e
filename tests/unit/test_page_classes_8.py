"""Saved pages, eighth round of layout classes (met on pages from sites the importer had not seen):
a gallery slide whose caption runs longer than its sisters', a caption box that closes with the
photographer's name in an element of its own and no label, a picture's file name printed under it
as words with the file's number, the text under a photo that opens with its credit ("Photo
submitted by Name. Caption: …"), and a list page whose cards are whole links holding a title, a
text and the photographer's line. Small hand-made pages with invented text; each class has near
misses that must not change."""

from __future__ import annotations

from tests.unit.test_page_structure import PROSE, read, saved_page
from viewer.importer.page_pictures import is_file_name

# -- a gallery slide whose caption is longer than its sisters' ----------------------------------------

_LONG = ("<p>The ferry is running again. Six weeks after the storm tore its landing stage away, the harbour board "
         "declared the new pier sound (\"It is stronger than the old one,\" said the pier master Tam Ollerby) and "
         "sent the first boat across at dawn with the mail and forty passengers.</p>"
         "<p>This first crossing, seen from the cliff path, shows the boat rounding the breakwater with its flag up, "
         "the new timber of the pier still pale against the wet stones, and a crowd along the harbour wall waving "
         "at the crew as the engine slowed for the turn.</p>")


def _slide(number: int, heading: str, text: str) -> str:
    return (f"<div class='gallery-item' id='slide-{number}'><div class='gallery-item__image'><figure>"
            f"<img src='https://cdn.example/ferry/crossing_{number}.jpg' alt='crossing_{number}.jpg' width='1200' "
            f"height='800'></figure><div class='gallery-item__meta'><span class='gallery-item__count'>{number} of 4"
            f"</span> <span class='gallery-item__credit'>Harbour Board</span></div></div>"
            f"<div class='gallery-item__content'><h2>{heading}</h2><div class='gallery-item__caption'>{text}</div>"
            f"</div></div>")


def test_a_slide_with_a_longer_caption_than_its_sisters_is_still_its_slide(tmp_path):
    slides = [("First crossing", _LONG),
              ("The breakwater", "<p>Waves break over the new stones at high water on the second day.</p>"),
              ("Mail sacks", "<p>Two porters carry the first sacks of mail up the new steps.</p>"),
              ("Evening boat", "<p>The last boat of the day leaves with its lamps lit.</p>")]
    items = "".join(_slide(n, h, t) for n, (h, t) in enumerate(slides, start=1))
    body = (f"<main><h1>The ferry runs again</h1><p class='dek'>Pictures from the first week.</p>"
            f"<div class='gallery-items'>{items}</div></main>")
    result = read(saved_page(tmp_path, body, title="The ferry runs again"))
    assert [s.title for s in result.slides] == [h for h, _ in slides]
    assert result.slides[0].paragraphs[0].startswith("The ferry is running again.")
    assert all(s.photo is not None and s.photo.credit == "Harbour Board" for s in result.slides)


def test_a_story_box_with_one_photo_and_long_prose_is_no_caption(tmp_path):
    # a near miss: the one photo of a story, in a box with its prose, with no sister boxes
    body = (f"<main><article class='story'><h1>The ferry runs again</h1><div class='body'>"
            f"<img src='https://cdn.example/ferry/crossing.jpg' width='1200' height='800'>{_LONG}</div>"
            f"</article></main>")
    result = read(saved_page(tmp_path, body, title="The ferry runs again"))
    assert len(result.slides) == 1
    assert not result.slides[0].photo.caption  # (its title is the first sentence under it, as before)


# -- a caption box closing with the photographer's name in an element of its own ----------------------


def _figure(number: int, caption: str, credit: str) -> str:
    return (f"<h2>Day {number}</h2><figure class='v-fig'><img src='https://cdn.example/week/day-{number}.jpg' "
            f"width='1200' height='840' alt='{caption}'><figcaption class='v-fig-c'><span class='v-fig-c-tx'>"
            f"{caption}</span> <span class='v-fig-c-ath'>{credit}</span></figcaption></figure>"
            f"<p>More about day {number} of the week, told at length in the paper's own words for readers.</p>")


def test_a_name_in_its_own_element_after_the_caption_is_its_credit(tmp_path):
    days = [("The lighthouse is lit in blue for the hearing charity.", "Carmen Ituarte"),
            ("Shellfish gatherers return to the bay at low tide.", "Europa Press"),
            ("Two climbers cross the snowfield below the peak.", "EFE")]
    figures = "".join(_figure(n, c, r) for n, (c, r) in enumerate(days, start=1))
    body = f"<main><article><h1>The week in pictures</h1>{PROSE}{figures}</article></main>"
    result = read(saved_page(tmp_path, body, title="The week in pictures"))
    assert [s.photo.credit for s in result.slides] == [r for _, r in days]
    assert [s.photo.caption for s in result.slides] == [c for c, _ in days]


def test_a_closing_element_that_is_no_name_or_ends_no_sentence_stays_in_the_caption(tmp_path):
    body = (f"<main><article><h1>The week in pictures</h1>{PROSE}"
            "<figure><img src='https://cdn.example/week/a.jpg' width='1200' height='840'><figcaption>"
            "<span>The new pier at dawn.</span> <span>More pictures inside</span></figcaption></figure>"
            "<figure><img src='https://cdn.example/week/b.jpg' width='1200' height='840'><figcaption>"
            "<span>The winner of the race:</span> <span>Marta Oyarzun</span></figcaption></figure>"
            "</article></main>")
    result = read(saved_page(tmp_path, body, title="The week in pictures"))
    assert [s.photo.credit for s in result.slides] == [None, None]
    assert result.slides[1].photo.caption == "The winner of the race: Marta Oyarzun"


# -- a picture's file name printed under it; the text under it opening with its credit ----------------


def test_a_file_name_spelt_out_with_its_number_is_a_file_name():
    assert is_file_name("Baraka Otieno Wafula 2", "/images/contest/baraka_otieno_wafula_2.jpg")
    assert is_file_name("Amani Chebet 14", "https://example.org/up/amani-chebet-14.jpg")
    # near misses: a title without the file's number, a name on another file, no address at all
    assert not is_file_name("Golden Gate Bridge", "/images/golden-gate-bridge.jpg")
    assert not is_file_name("Baraka Otieno Wafula 2", "/images/contest/harbour_2.jpg")
    assert not is_file_name("Baraka Otieno Wafula 2")
    assert not is_file_name("Room 101", "/images/room101.jpg")


def _entry(file: str, shown: str, text: str) -> str:
    return (f"<p style='text-align: center;'><img src='/images/contest/{file}.jpg' alt='{shown}' width='800' "
            f"height='533'></p><p style='text-align: center;'><em>{shown}</em></p><p>{text}</p><p>&nbsp;</p>")


def test_a_file_name_under_a_photo_is_no_caption_and_the_credit_opening_the_text_is_its_credit(tmp_path):
    entries = [("wanjiru_odhiambo_2", "Wanjiru Odhiambo 2",
                "Photo submitted by Halima Njeri. Caption: A girl walks her brother to school along the dry road "
                "before the sun is up, carrying both their books."),
               ("okello_amos_1", "Okello Amos 1",
                "Photo submitted by Denis Opio. Volunteers hand out flour and soap at the school gate during the "
                "long closure.")]
    body = (f"<main><div itemprop='articleBody'><p><strong>Look back at last year's entries and the stories "
            f"behind them.</strong></p>{''.join(_entry(*e) for e in entries)}</div></main>")
    result = read(saved_page(tmp_path, body, title="The stories behind our entries"))
    assert [s.photo.credit for s in result.slides] == ["Photo submitted by Halima Njeri",
                                                      "Photo submitted by Denis Opio"]
    assert result.slides[0].title.startswith("A girl walks her brother to school")
    assert result.slides[1].title.startswith("Volunteers hand out flour")


def test_text_under_a_photo_with_no_credit_at_its_start_stays_whole(tmp_path):
    body = (f"<main><div class='post'><p>{'Intro words for the post. ' * 3}</p>"
            "<p><img src='/images/walk/heron_on_gate.jpg' alt='' width='800' height='533'></p>"
            "<p>A heron waits on the lock gate. Photo by Ana Ruiz.</p></div></main>")
    result = read(saved_page(tmp_path, body, title="A walk"))
    assert result.slides[0].title.startswith("A heron waits on the lock gate.")


# -- a list page whose cards are whole links ---------------------------------------------------------


def _card(number: int, title: str, text: str, shop: str, name: str) -> str:
    return (f"<li><a class='photo-card' href='/archive/{number}'><div class='photo-card__img'><img "
            f"data-src='https://img.example/archive/{number}/main.jpg' alt=''></div><div class='photo-card__body'>"
            f"<h3 class='photo-card__title'>{title}</h3><div class='photo-card__meta'><time>2012/11/2{number}</time>"
            f"<span class='photo-card__like'>{number}</span></div><p class='photo-card__text'>{text}</p>"
            f"<p class='photo-card__author'><span class='photo-card__shop'>{shop}</span> "
            f"<span class='photo-card__name'>{name}</span></p></div></a></li>")


def test_a_list_of_linked_cards_gives_each_its_title_text_and_photographer(tmp_path):
    cards = [("Symmetry", "The stone floor of the third storey gives back a faint second figure.", "Hillside",
              "Saya Morimoto"),
             ("After the rain", "Drops left on the window shine against the light behind the boy.", "Riverside",
              "Wataru Saeki"),
             ("First hakama", "A father retied the hem while I waited across the room.", "Harbour", "Risa Okada")]
    items = "".join(_card(n, *card) for n, card in enumerate(cards, start=1))
    body = f"<main><h2>Photo archive</h2><ul class='photo-list'>{items}</ul></main>"
    result = read(saved_page(tmp_path, body, title="Photo archive"))
    assert [s.title for s in result.slides] == [c[0] for c in cards]
    assert [s.photo.credit for s in result.slides] == [f"{c[2]} {c[3]}" for c in cards]
    assert all(c[0] not in s.paragraphs for s, c in zip(result.slides, cards))
    assert [s.paragraphs[0] for s in result.slides] == [c[1] for c in cards]


def test_a_list_of_cards_without_headings_keeps_the_link_text_as_title(tmp_path):
    # a near miss: a card link with no heading inside keeps its whole text as its title
    cards = "".join(f"<li><a href='/p/{n}'><img data-src='https://img.example/p/{n}.jpg' alt=''>"
                    f"<span>{t}</span></a></li>" for n, t in enumerate(
                        ("Fog over the lower meadow", "Salt flats at evening", "The ferry at dawn"), start=1))
    body = f"<main><h2>Archive</h2><ul class='list'>{cards}</ul></main>"
    result = read(saved_page(tmp_path, body, title="Archive"))
    assert [s.title for s in result.slides] == ["Fog over the lower meadow", "Salt flats at evening",
                                                "The ferry at dawn"]
    assert all(s.photo.credit is None for s in result.slides)
