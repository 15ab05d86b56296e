"""Saved pages, sixth round of layout classes (met on pages from sites the importer had not seen):
a picture server that serves every photo from one script and names the photo in its query, a
caption box whose only line is the credit beside alts that describe the pictures for a screen
reader, and a credit box holding a link to a photo bank next to the credit. Small hand-made pages
with invented text; each class has near misses that must not change."""

from __future__ import annotations

from tests.unit.test_page_structure import PROSE, read, saved_page
from viewer.importer.page_caption_text import caption_parts
from viewer.importer.page_pictures import image_key, same_picture
from viewer.importer.page_slides import picture_description

# -- one picture script for every photo, the photo named in the query ------------------------------------

SERVER = "https://pics.example/media/Stream.cls?OBJECT={0}&amp;TYPE=image/jpeg"


def test_a_picture_scripts_query_names_the_photo():
    first = "https://pics.example/media/Stream.cls?OBJECT=5501&TYPE=image/jpeg"
    second = "https://pics.example/media/Stream.cls?OBJECT=5502&TYPE=image/jpeg"
    assert image_key(first) != image_key(second)
    assert same_picture(first) != same_picture(second)


def test_size_and_format_codes_in_the_query_do_not_make_another_photo():
    small = "https://pics.example/media/Stream.cls?OBJECT=5501&w=300&q=40"
    large = "https://pics.example/media/Stream.cls?OBJECT=5501&w=1600&q=90"
    assert same_picture(small) == same_picture(large)
    # a picture file's own name still decides, whatever its query says
    assert image_key("https://img.example/a/heron-1200x800.jpg?v=3") == "heron"
    assert same_picture("https://img.example/a/heron.jpg?w=300") == same_picture("https://img.example/a/heron.jpg?w=900")
    # a resizing service naming the file in its query is unchanged
    assert image_key("https://cdn.example/resize/?url=https%3A%2F%2Fx.example%2Fkite-640x480.jpg") == "kite"


def _slide(number: int, caption: str, credit: str) -> str:
    address = SERVER.format(5500 + number)
    return (f"<div class='slide'><div class='slide__image'><img class='lazy' src='page_files/blank.gif' "
            f"data-original='{address}' alt='{caption}'><noscript><img src='{address}' alt='{caption}'></noscript>"
            f"</div><div class='slide__text'><span class='count'>{number} of 3</span><p class='caption'>{caption}</p>"
            f"<p class='credit'>{credit}</p></div></div>")


def test_a_gallery_served_by_one_script_keeps_every_photo(tmp_path):
    captions = ["A tractor pulls a hay wagon past the county fairground gates on Friday.",
                "Two girls share a funnel cake beside the livestock barn at the fair.",
                "A rooster crows from the top of its cage during the poultry judging."]
    slides = "".join(_slide(number, caption, f"Mina Korr{number} | The Valley Ledger")
                     for number, caption in enumerate(captions, start=1))
    body = f"<main><h1>Fair week in pictures</h1><div class='gallery'>{slides}</div></main>"
    result = read(saved_page(tmp_path, body, files={"blank.gif": (1, 1)}, title="Fair week in pictures"))
    assert [s.title for s in result.slides] == captions
    assert [s.photo.remote for s in result.slides if s.photo] == [
        SERVER.format(5500 + n).replace("&amp;", "&") for n in (1, 2, 3)]
    assert [s.photo.credit for s in result.slides if s.photo] == [
        f"Mina Korr{n} | The Valley Ledger" for n in (1, 2, 3)]


def test_the_same_scripted_photo_twice_is_still_one_slide(tmp_path):
    address = SERVER.format(7001)
    body = (f"<article><h1>A walk</h1>{PROSE}<figure><img src='{address}' alt='x' width='1200' height='800'>"
            f"<figcaption>Mist lifts off the reservoir at dawn.</figcaption></figure>"
            f"<figure><img src='{address}' alt='x' width='1200' height='800'></figure></article>")
    result = read(saved_page(tmp_path, body))
    assert len(result.slides) == 1


# -- a caption box that is only the credit, beside alts that describe the pictures ---------------------------

PHOTO = "<figure><img src='https://img.example/{0}.jpg' width='960' height='640' alt='{1}'><figcaption>{2}</figcaption></figure>"


def test_an_alt_that_calls_itself_a_picture_is_a_description():
    assert picture_description("A photo of a hare crouched in frost")
    assert picture_description("An aerial photo of salt pans at low tide")
    assert picture_description("A close-up photograph of lichen on a gravestone")
    assert not picture_description("Photo of the day")  # no article: a heading, not a description
    assert not picture_description("A hare crouched in frost")
    assert not picture_description("The photographers of the year gather on stage")
    assert not picture_description("")


def test_a_credit_only_caption_is_the_slide_when_the_alts_describe_the_pictures(tmp_path):
    figures = (PHOTO.format("hare", "A photo of a hare crouched in frost", "Photo \u00a9 Lena Brook")
               + PHOTO.format("gull", "A gull tugging at a fishing line", "Photo \u00a9 Omar Tiel")
               + PHOTO.format("pans", "An aerial photo of salt pans at low tide", "Photo \u00a9 Ines Varga"))
    result = read(saved_page(tmp_path, f"<article><h1>Wild light awards</h1>{PROSE}{figures}</article>"))
    assert [s.title for s in result.slides] == ["Photo \u00a9 Lena Brook", "Photo \u00a9 Omar Tiel",
                                                "Photo \u00a9 Ines Varga"]
    assert result.slides[1].paragraphs == ["A gull tugging at a fishing line"]
    assert [s.photo.credit for s in result.slides if s.photo] == [
        "Photo \u00a9 Lena Brook", "Photo \u00a9 Omar Tiel", "Photo \u00a9 Ines Varga"]


def test_plain_alts_beside_credit_only_captions_stay_the_titles(tmp_path):
    figures = (PHOTO.format("hare", "A hare crouched in frost", "Photo \u00a9 Lena Brook")
               + PHOTO.format("gull", "A gull tugging at a fishing line", "Photo \u00a9 Omar Tiel"))
    result = read(saved_page(tmp_path, f"<article><h1>Wild light awards</h1>{PROSE}{figures}</article>"))
    assert [s.title for s in result.slides] == ["A hare crouched in frost", "A gull tugging at a fishing line"]
    assert [s.photo.credit for s in result.slides if s.photo] == ["Photo \u00a9 Lena Brook", "Photo \u00a9 Omar Tiel"]


def test_a_real_caption_beats_a_described_alt(tmp_path):
    figures = (PHOTO.format("hare", "A photo of a hare crouched in frost",
                            "A hare waits out the cold snap on Fenwick Moor. Photo \u00a9 Lena Brook")
               + PHOTO.format("pans", "An aerial photo of salt pans at low tide",
                              "Salt pans shine at low tide near Marsh End."))
    result = read(saved_page(tmp_path, f"<article><h1>Wild light awards</h1>{PROSE}{figures}</article>"))
    assert [s.title for s in result.slides] == ["A hare waits out the cold snap on Fenwick Moor.",
                                                "Salt pans shine at low tide near Marsh End."]


# -- a credit box holding a link to a photo bank beside the credit -------------------------------------------


def test_the_credit_element_that_reads_as_a_credit_wins_over_a_longer_link(tmp_path):
    from selectolax.lexbor import LexborHTMLParser

    box = LexborHTMLParser("<div class='media'><div class='media__copyright'>"
                           "<div class='copyright-item'>\u00a9 Wire / Ana Tull</div>"
                           "<a class='copyright-link' href='https://wire.example/bank/'>Browse the picture archive</a>"
                           "</div></div>").css_first("div.media")
    assert box is not None
    assert caption_parts(box)[1] == "\u00a9 Wire / Ana Tull"


def test_with_no_credit_among_them_the_longest_credit_element_still_wins():
    from selectolax.lexbor import LexborHTMLParser

    box = LexborHTMLParser("<div class='media'><span class='credit'>staff</span>"
                           "<span class='copyright'>from the reader archive</span></div>").css_first("div.media")
    assert box is not None
    assert caption_parts(box)[1] == "from the reader archive"
