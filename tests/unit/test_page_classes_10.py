"""Saved pages, tenth round of layout classes (met on pages from sites the importer had not seen):
a list of posts (a Tumblr tag page) whose pictures each open their own enlargement, beside the
post's controls ("Permalink", "16 notes", "Reblog") — story photos, not teasers. A picture that
opens the same page as the title beside it (or holds that title in its link) stays a teaser: see
test_page_classes_4's rail of teasers. Small hand-made pages with invented text."""

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
