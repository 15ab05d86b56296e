"""Saved pages, tenth round of layout classes (met on pages from sites the importer had not seen):
a list of posts (a Tumblr tag page) whose pictures each open their own enlargement, beside the
post's controls ("Permalink", "16 notes", "Reblog") — story photos, not teasers. A picture that
opens the same page as the title beside it (or holds that title in its link) stays a teaser: see
test_page_classes_4's rail of teasers. And a bracketed phrase closing captions is their credit when
it closes captions that differ, not a work's part closing its caption and its detail's ("Museum
(rotunda)", "DETAIL: Museum (rotunda)"). A caption part named for its author ("imageAuthor") is the
photo's credit. Small hand-made pages with invented text."""

from __future__ import annotations

from tests.unit.test_page_structure import read, saved_page

_POSTS = [
    "The gardener president. A president kneels to plant a lime sapling with two schoolchildren outside his "
    "residence on Arbor Day, while his guards look on from the steps.",
    "Umbrella diplomacy. An aide holds an umbrella over a visiting president as she reviews an honour guard in "
    "the rain outside the old palace.",
    "Last dance. A president twirls his wife across the floor of the palace at the close of the Independence "
    "Day reception, long after midnight.",
    "Reflections. Supporters waiting to greet a president are mirrored in a puddle in front of the town hall "
    "after a morning of heavy rain.",
]


def _post(number: int, caption: str, teaser: bool = False) -> str:
    target = f"https://blog.example/post/{number}" if teaser else f"https://blog.example/image/{number}"
    title = f"<h2><a href='https://blog.example/post/{number}'>Post number {number}</a></h2>" if teaser else ""
    # (each caption written in two languages, as the photo desk does; the second post's is longest)
    translation = f"<p>{caption} {caption if number == 2 else ''}</p>"
    return (f"<article class='post'><div class='post-content'>{title}<figure><a href='{target}'>"
            f"<img src='https://media.example/{number}/photo_1280.jpg' alt='' width='1280' height='853'></a>"
            f"</figure><div class='caption'><p>{caption}</p><p> </p>{translation}"
            f"<p>PHOTOGRAPHER : REUTERS/NAME {number}</p></div></div>"
            f"<footer class='post-meta'><a href='https://blog.example/post/{number}'>Permalink</a> "
            f"<a href='https://blog.example/post/{number}#notes'>{number * 7} notes</a></footer>"
            f"<div class='controls'><a href='https://www.example/reblog/{number}'>Reblog</a>"
            f"<a href='#'>Like</a></div></article>")


def _tag_page(tmp_path, teaser: bool = False):
    posts = "".join(_post(number, caption, teaser) for number, caption in enumerate(_POSTS, start=1))
    body = (f"<header><h1><a href='https://blog.example/'>The Photo Desk</a></h1></header>"
            f"<div class='tag-header'><h2>#president</h2></div><section>{posts}</section>")
    return read(saved_page(tmp_path, body, title="#president"))


def test_pictures_opening_their_own_enlargement_beside_post_controls_are_story_photos(tmp_path):
    result = _tag_page(tmp_path)
    photos = [slide for slide in result.slides if slide.photo is not None]
    assert len(photos) == len(_POSTS)
    for slide, caption in zip(photos, _POSTS):
        assert caption.split(". ")[0] in " ".join([slide.title, *slide.paragraphs])


def _grid(tmp_path, captions: list[str]):
    figures = "".join(f"<figure><img src='https://media.example/w{n}.jpg' width='1200' height='900' alt=''>"
                      f"<figcaption>{caption}</figcaption></figure>" for n, caption in enumerate(captions))
    body = f"<main><article><h1>Works</h1><p>{_POSTS[0]}</p>{figures}</article></main>"
    return read(saved_page(tmp_path, body, title="Works"))


def test_a_works_part_in_brackets_closing_it_and_its_detail_is_no_credit(tmp_path):
    parts = ["rotunda", "guard", "chapel"]
    captions = [text for part in parts for text in (f"Museum ({part})", f"DETAIL: Museum ({part})")]
    photos = [slide.photo for slide in _grid(tmp_path, captions).slides if slide.photo is not None]
    assert [photo.credit for photo in photos] == [None] * len(captions)
    assert [photo.caption for photo in photos] == captions


def test_a_bracketed_phrase_closing_different_captions_is_their_credit(tmp_path):
    scenes = ["Children fly kites over the rice fields", "A fisherman mends his net on the beach",
              "Lanterns are lit along the river", "A market opens before dawn"]
    captions = [f"{scene} (dokumentasi pribadi)" for scene in scenes]
    photos = [slide.photo for slide in _grid(tmp_path, captions).slides if slide.photo is not None]
    assert [photo.credit for photo in photos] == ["dokumentasi pribadi"] * len(scenes)


def test_a_caption_part_named_for_its_author_is_the_credit(tmp_path):
    scenes = ["Heat. White walls of a housing block cast hard shadows on an empty courtyard at noon.",
              "Lantern theatre. Puppeteers set paper figures behind a lit screen before the evening show.",
              "Salt. Workers rake the pans at dawn while the tide goes out beyond the dykes."]
    figures = "".join(
        f"<figure><img src='https://media.example/s{n}.jpg' width='1200' height='800' alt=''>"
        f"<figcaption class='imageCaption'><span class='imageDescription'>{scene}</span> "
        f"<span class='imageAuthor'>Foto: © Name {n}, Francja, Zwycięzca, Open, 2019 Awards</span></figcaption>"
        f"</figure>" for n, scene in enumerate(scenes))
    body = f"<main><article><h1>Wyniki</h1><p>{_POSTS[0]}</p>{figures}</article></main>"
    photos = [s.photo for s in read(saved_page(tmp_path, body, title="Wyniki")).slides if s.photo is not None]
    assert [photo.caption for photo in photos] == scenes
    assert all(photo.credit and photo.credit.startswith(f"Foto: © Name {n},") for n, photo in enumerate(photos))
