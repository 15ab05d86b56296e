"""Saved pages (issue 19): what stands beside a photo rather than inside its caption element. A
credit written as a paragraph of its own after the photo's text, a credit's label and name as two
lines, the text under an uncaptioned photo, a blur-up placeholder beside the picture, a small
square avatar, a photo inside an element classed visually hidden, numbered captions with a gap,
a caption box whose caption and credit are separate elements. Invented pages, one per class."""

from __future__ import annotations

import pytest

from tests.unit.test_page_structure import PROSE, names, read, saved_page

STORY = ("<p>The winter market opened on the first cold Saturday, and by nine the square was full of "
         "stalls selling cheese, candles, wool and hot cider to people in three layers of coats.</p>")


def test_a_credit_paragraph_after_the_photos_text_is_its_credit(tmp_path):
    body = f"""<article><h1>Winter picks</h1>{STORY}
    <figure><img src="https://example.org/p/stall.jpg" alt=""></figure>
    <p>A cheese seller stacks wheels of hard cheese into a tower taller than her own stall, and
       nobody passing can resist asking whether it will fall before noon.</p>
    <p><em>Photo by Maren Holt.</em></p>
    <figure><img src="https://example.org/p/cider.jpg" alt=""></figure>
    <p>Steam rises from a copper pot of cider while a queue forms in the half dark of the morning.</p>
    <p><em>Photo by Ilse.</em></p></article>"""
    result = read(saved_page(tmp_path, body, title="Winter picks"))
    assert names(result) == ["stall.jpg", "cider.jpg"]
    first, second = result.slides
    assert "Maren Holt" in (first.photo.credit or "") and "Ilse" in (second.photo.credit or "")
    assert not any("Photo by" in text for slide in result.slides for text in [slide.title, *slide.paragraphs])


def test_a_credit_label_and_name_in_two_lines_after_the_photo_are_its_credit(tmp_path):
    body = f"""<article><h1>The boat shed</h1>
    <div class="field-image"><img src="https://example.org/p/slip.jpg" width="650" height="433" alt="A cutter"></div>
    <div class="field-caption">The cutter on the slipway the week she arrived</div>
    <div class="field-credit"><div class="field__label">Photograph</div><div class="field__item">Fergus Lyle</div></div>
    <div class="body">{PROSE}</div></article>"""
    (slide,) = read(saved_page(tmp_path, body, title="The boat shed")).slides
    assert slide.photo.credit == "Fergus Lyle"
    assert "Photograph" not in slide.paragraphs and "Fergus Lyle" not in slide.paragraphs


def test_an_uncaptioned_photo_takes_the_first_sentence_of_the_paragraph_under_it(tmp_path):
    body = f"""<article><h1>Small worlds</h1>{STORY}
    <h3></h3><figure><img src="https://example.org/p/frost.jpg" alt=""></figure>
    <p>Nothing says late winter like frost on a seed head. Her close-up makes the fluff look like spun
       glass, almost sharp enough to cut, and she made it, along with a handful of others, for a weekly
       challenge on the theme of small worlds seen up close.</p>
    </article>"""
    (slide,) = read(saved_page(tmp_path, body, title="Small worlds")).slides
    assert slide.title == "Nothing says late winter like frost on a seed head."
    assert slide.paragraphs[0].startswith("Her close-up makes the fluff")


def test_a_blur_up_placeholder_beside_the_picture_is_not_a_second_photo(tmp_path):
    figures = "".join(
        f"""<figure><div class="progressive"><img src="https://cdn.example/freeze/max/60/1*{key}.jpeg?q=20"
        class="thumb"><img class="full" src="https://cdn.example/max/1600/1*{key}.jpeg"></div>
        <figcaption>{caption}</figcaption></figure>"""
        for key, caption in (("Ab12", "The night train waiting at platform one"),
                             ("Cd34", "Our compartment, two bunks and one fan")))
    result = read(saved_page(tmp_path, f"<article><h1>By train</h1>{PROSE}{figures}</article>", title="By train"))
    assert names(result) == ["1*Ab12.jpeg", "1*Cd34.jpeg"]
    assert all("/max/1600/" in (slide.photo.remote or "") for slide in result.slides)


def test_a_small_square_avatar_is_not_a_photo_but_a_gallery_square_that_opens_one_is(tmp_path):
    body = f"""<article><header><h1>The boat shed</h1>
    <div class="user-picture"><a href="/user/14"><img src="https://example.org/pictures/cat.jpg" width="100"
       height="100" alt="Profile picture for user cat"></a></div><span>By Cat Devlin</span></header>
    {PROSE}<figure><img src="https://example.org/p/hull.jpg" width="1200" height="800" alt="">
    <figcaption>The hull with her planks off</figcaption></figure>
    <figure><a href="https://example.org/full/mast.jpg"><img src="https://example.org/sq/mast.jpg" width="120"
       height="120" alt=""></a><figcaption>The old mast step</figcaption></figure></article>"""
    result = read(saved_page(tmp_path, body, title="The boat shed"))
    assert names(result) == ["hull.jpg", "mast.jpg"]


def test_a_photo_inside_an_element_classed_visually_hidden_is_still_read(tmp_path):
    body = f"""<article><h1>The boat shed</h1>{PROSE}<figure class="caption">
    <div class="field field--name-media-image field--label-visually_hidden">
      <div class="field__label visually-hidden">Image</div>
      <div class="field__item"><img src="https://example.org/p/plank.jpg" width="480" height="320" alt=""></div>
    </div><figcaption>A shipwright easing out a rotten plank</figcaption></figure></article>"""
    (slide,) = read(saved_page(tmp_path, body, title="The boat shed")).slides
    assert slide.title == "A shipwright easing out a rotten plank"
    assert "Image" not in slide.paragraphs


def test_numbered_captions_after_a_run_of_photos_skip_the_number_left_out(tmp_path):
    photos = "".join(f'<figure><img src="https://example.org/p/roll{n}.jpg" alt="image"></figure>' for n in range(1, 5))
    captions = "<p>1. the ferry terminal at seven</p><p>2. the gulls arrive</p><p>4. a light leak, kept</p>"
    result = read(saved_page(tmp_path, f"<article><h1>Roll 14</h1><p>A month on one roll.</p>{photos}{captions}"
                                       "</article>", title="Roll 14"))
    assert [slide.title for slide in result.slides] == ["the ferry terminal at seven", "the gulls arrive",
                                                        "image", "a light leak, kept"]


def test_a_short_photo_box_with_caption_and_credit_in_separate_elements_is_its_caption(tmp_path):
    body = f"""<article><h1>Guides of the mountain</h1>{PROSE}
    <div class="image"><div class="image__container"><picture><img src="https://example.org/p/wings.jpg"
      alt="Butterflies on the ground"></picture></div>
      <div class="image__metadata"><div class="image__caption"><span>Visitors are asked to keep to the path:
      on cold mornings many butterflies rest on the ground.</span></div>
      <figcaption class="image__credit">Rodrigo Anaya/AFP/Getty Images</figcaption></div></div>
    <p>The cooperative now has sixty-one members, who guide in rotation and split the fees by a formula.</p>
    </article>"""
    (slide,) = read(saved_page(tmp_path, body, title="Guides of the mountain")).slides
    assert slide.photo.caption.startswith("Visitors are asked to keep to the path")
    assert slide.photo.credit == "Rodrigo Anaya/AFP/Getty Images"


def test_figures_side_by_side_share_the_caption_under_the_last(tmp_path):
    row = ('<figure class="partial"><img src="https://example.org/p/car.jpg"></figure>\n'
           '<figure class="partial"><img src="https://example.org/p/steward.jpg">'
           "<figcaption>The dining car at breakfast, and our steward</figcaption></figure>")
    result = read(saved_page(tmp_path, f"<article><h1>By train</h1>{PROSE}{row}<p>The line was built to carry "
                                       "salt, and the old loading sheds still stand.</p></article>", title="By train"))
    assert [slide.title for slide in result.slides] == ["The dining car at breakfast, and our steward"] * 2


def test_a_credit_line_right_above_each_photo_is_its_credit(tmp_path):
    entries = "".join(
        f"""<p>Photo: {name}/Reuters</p><figure><img src="https://example.org/p/{key}.jpg">
        <figcaption>{caption}</figcaption></figure><p>{STORY}</p>"""
        for key, name, caption in (("pier", "Ann Lee", "Fishing boats tied up along the pier at dawn"),
                                   ("dune", "Jo Ray", "A walker crossing the dunes in a strong wind")))
    result = read(saved_page(tmp_path, f"<article><h1>Coast</h1>{PROSE}{entries}</article>", title="Coast"))
    assert [slide.photo.credit for slide in result.slides] == ["Photo: Ann Lee/Reuters", "Photo: Jo Ray/Reuters"]
    assert not any("Reuters" in text for slide in result.slides for text in slide.paragraphs)
    assert not any("Reuters" in text for text in result.intro)


def test_an_amp_img_is_a_picture_and_its_runtime_copy_is_not_a_second(tmp_path):
    figure = ('<figure><amp-img src="https://example.org/p/quay.jpg" width="1200" height="800" layout="responsive">'
              '<img decoding="async" src="https://example.org/p/quay.jpg" class="i-amphtml-fill-content">'
              '</amp-img><figcaption>The quay at low tide</figcaption></figure>'
              '<figure><amp-img src="https://example.org/p/nets.jpg" width="1200" height="800"></amp-img>'
              '<figcaption>Nets drying on the wall</figcaption></figure>')
    result = read(saved_page(tmp_path, f"<article><h1>Harbour</h1>{PROSE}{figure}</article>", title="Harbour"))
    assert names(result) == ["quay.jpg", "nets.jpg"]
    assert [slide.title for slide in result.slides] == ["The quay at low tide", "Nets drying on the wall"]


def test_a_caption_element_above_its_photo_in_a_short_box_is_its_caption(tmp_path):
    body = f"""<article><h1>Harbour</h1>{PROSE}<div class="image-block"><div class="caption">The quay at low
    tide, boats on the mud</div><img src="https://example.org/p/quay.jpg" width="900" height="600"></div>
    <p>By the afternoon the water was back and the boats were floating again at their moorings.</p></article>"""
    (slide,) = read(saved_page(tmp_path, body, title="Harbour")).slides
    assert slide.title == "The quay at low tide, boats on the mud"
    assert slide.paragraphs == ["By the afternoon the water was back and the boats were floating again at their moorings."]


def test_a_title_loses_the_site_name_after_a_double_colon(tmp_path):
    page = saved_page(tmp_path, f"<article><h1>The quay at low tide</h1>{PROSE}</article>",
                      title="The quay at low tide :: Harbour Notes")
    assert read(page).title == "The quay at low tide"


@pytest.mark.parametrize("separator", ["\u00ab", "\u203a", "\u2039"])
def test_a_title_with_no_headline_to_agree_with_loses_the_site_after_a_guillemet(tmp_path, separator):
    page = saved_page(tmp_path, f"<article>{PROSE}</article>", title=f"The quay at low tide {separator} Harbour Notes")
    assert read(page).title == "The quay at low tide"


@pytest.mark.parametrize("attribute", ["data-orig-src", "data-lazyload", "data-original-src", "data-echo"])
def test_a_lazy_picture_is_read_from_the_attribute_its_script_uses(tmp_path, attribute):
    blank = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    figure = (f'<figure><img src="{blank}" {attribute}="https://example.org/p/quay.jpg" width="1200" height="800">'
              "<figcaption>The quay at low tide</figcaption></figure>")
    result = read(saved_page(tmp_path, f"<article><h1>Harbour</h1>{PROSE}{figure}</article>", title="Harbour"))
    assert names(result) == ["quay.jpg"]


def test_the_full_size_address_a_page_gives_wins_over_its_shown_size(tmp_path):
    figure = ('<figure><img src="https://example.org/resize/480x0/p/quay.jpg" '
              'data-hi-res-src="https://example.org/resize/1600x0/p/quay.jpg"><figcaption>The quay</figcaption></figure>')
    (slide,) = read(saved_page(tmp_path, f"<article><h1>Harbour</h1>{PROSE}{figure}</article>", title="Harbour")).slides
    assert slide.photo.remote == "https://example.org/resize/1600x0/p/quay.jpg"


@pytest.mark.parametrize("style", ["display:none", "position:absolute; visibility: hidden;"])
def test_a_picture_its_own_style_hides_is_a_tracking_pixel(tmp_path, style):
    figure = (f'<img src="https://stats.example.org/p.gif?id=7" style="{style}" alt="">'
              '<figure><img src="https://example.org/p/quay.jpg"><figcaption>The quay at low tide</figcaption></figure>')
    result = read(saved_page(tmp_path, f"<article><h1>Harbour</h1>{PROSE}{figure}</article>", title="Harbour"))
    assert names(result) == ["quay.jpg"]


def test_the_noscript_copy_of_a_lazy_story_photo_is_not_reported_as_skipped_chrome(tmp_path):
    blank = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    figure = (f'<figure><img src="{blank}" class="jetpack-lazy-image" data-lazy-src="https://example.org/p/quay.jpg?w=1100">'
              '<noscript><img src="https://example.org/p/quay.jpg?w=1100"></noscript>'
              "<figcaption>The quay at low tide</figcaption></figure>")
    result = read(saved_page(tmp_path, f"<article><h1>Harbour</h1>{PROSE}{figure}</article>"
                                       '<aside><img src="https://example.org/ads/banner.jpg"></aside>', title="Harbour"))
    assert names(result) == ["quay.jpg?w=1100"]
    assert [address for address, _ in result.skipped] == ["https://example.org/ads/banner.jpg"]
