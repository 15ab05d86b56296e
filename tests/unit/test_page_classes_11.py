"""Saved pages, eleventh round of layout classes: photos without captions of their own, each with
a paragraph under it that numbers it in the list ("1. Volunteers plant…") and closes with its
credit in brackets ("(Photo: Reuters/China Daily)"). The numbers go, as a numbered heading's do,
and the credit is the photo's. A number that is not the list's (one caption that happens to
open with one, or numbers out of order) stays. And a heading over each photo's section (the
heading, a paragraph, the photo with a short caption of its own) is that photo's title, its
paragraph under it; a heading over sections of prose that hold a photo is not. Small hand-made
pages with invented text."""

from __future__ import annotations

from tests.unit.test_page_structure import read, saved_page

_SCENES = [
    ("Volunteers in matching orange vests plant willow saplings along a riverbank after a flood season.",
     "Photo: Reuters/China Daily"),
    ("Children ride a carousel decorated with paper peonies at the spring fair in the old town.", "Photo: AP"),
    ("Teenagers play volleyball on a rooftop court painted with a giant compass rose.", "Photo: EPA-EFE"),
    ("A girl carries a basket of mussels across the tidal flats at dawn.", "Photo: AFP/Getty Images"),
]


def _page(tmp_path, numbers: list[str]):
    parts = "".join(f"<div class='article-img'><img src='https://media.example/best-{index}.jpg' width='1200' "
                    f"height='800' alt=''></div><p class='article-img-text'>{number}{scene} ({credit})</p>"
                    for index, (number, (scene, credit)) in enumerate(zip(numbers, _SCENES)))
    body = (f"<main><article><h1>The best photos from around the world this week</h1>"
            f"<p>A kite over the bay, willows on a riverbank and a rooftop match: our pick of the week.</p>"
            f"{parts}</article></main>")
    return read(saved_page(tmp_path, body, title="The best photos from around the world this week"))


def test_numbered_paragraphs_under_photos_lose_their_numbers_and_give_their_credits(tmp_path):
    result = _page(tmp_path, [f"{n}. " for n in range(1, len(_SCENES) + 1)])
    photos = [slide for slide in result.slides if slide.photo is not None]
    assert len(photos) == len(_SCENES)
    for slide, (scene, credit) in zip(photos, _SCENES):
        text = " ".join([slide.title, *slide.paragraphs])
        assert text.startswith(scene.split(" ")[0] + " ")
        assert scene in text and credit not in text
        assert slide.photo.credit == credit


def test_a_number_that_is_not_the_list_s_stays(tmp_path):
    result = _page(tmp_path, ["3. ", "", "", "1. "])
    photos = [slide for slide in result.slides if slide.photo is not None]
    assert " ".join([photos[0].title, *photos[0].paragraphs]).startswith("3. ")
    assert " ".join([photos[3].title, *photos[3].paragraphs]).startswith("1. ")


_SECTIONS = [("My favourite summer photo", "We cycled the coast for two weeks with panniers, and the light on the "
              "salt pans late in the evening was the best of the whole trip.", "Salt pans at dusk"),
             ("My favourite autumn picture", "In October I took a long weekend just for myself in a small town "
              "with more timber houses than I could count.", "Little Venice"),
             ("My favourite water photo", "The blue spring is one of my favourite places, and on a still morning "
              "the water is the colour of ink.", "The blue spring"),
             ("My favourite animal photo", "On the island we were lucky: a whole group of seals lay on a "
              "sandbank as our boat went past.", "Seal off the island")]


def _sections_page(tmp_path, paragraphs: int):
    parts = "".join(f"<h2>{heading}</h2>" + f"<p>{text}</p>" * paragraphs +
                    f"<div class='wp-caption'><img src='https://blog.example/uploads/{index}.jpg' width='1024' "
                    f"height='683' alt='{caption}'><p class='wp-caption-text'>{caption}</p></div>"
                    for index, (heading, text, caption) in enumerate(_SECTIONS))
    body = (f"<main><article><h1>My favourite photos of the year</h1><p>I dug through my photo box and picked "
            f"the best of the year, one for each theme.</p>{parts}<p>Which one is your favourite?</p>"
            f"</article></main>")
    return read(saved_page(tmp_path, body, title="My favourite photos of the year"))


def test_a_heading_over_each_photo_s_section_is_its_title(tmp_path):
    photos = [slide for slide in _sections_page(tmp_path, 1).slides if slide.photo is not None]
    assert [slide.title for slide in photos] == [heading for heading, _, _ in _SECTIONS]
    for slide, (_, text, caption) in zip(photos, _SECTIONS):
        assert text in slide.paragraphs and caption in " ".join(slide.paragraphs)


def test_a_heading_over_sections_of_prose_is_no_photo_s_title(tmp_path):
    photos = [slide for slide in _sections_page(tmp_path, 3).slides if slide.photo is not None]
    assert [slide.title for slide in photos] == [caption for _, _, caption in _SECTIONS]
