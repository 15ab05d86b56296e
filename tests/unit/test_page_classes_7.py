"""Saved pages, seventh round of layout classes (met on pages from sites the importer had not seen):
caption text carrying markup written out as text, WordPress [caption] shortcodes left unrendered,
captions in the table row under a row of photos, a blog's list of posts whose pictures are teasers,
galleries whose captions close with the photographer's name in brackets or on a line of its own,
a museum label's credit part, a banner that is a detail of a later photo, and an upload's number
as alt text. Small hand-made pages with invented text; each class has near misses that must not
change."""

from __future__ import annotations

from tests.unit.test_page_structure import PROSE, read, saved_page
from viewer.importer.page_caption_text import without_shortcodes
from viewer.importer.page_pictures import is_file_name

# -- markup written out as text in a caption ----------------------------------------------------------


def _escaped_item(number: int, heading: str, caption: str) -> str:
    text = f"&lt;h1&gt;{heading} &lt;h2&gt;{caption}"
    return (f"<div class='item'><a href='https://cdn.example/g/market-{number}.jpg' class='fancybox' "
            f"title='{text}'><img src='https://cdn.example/g/market-{number}-th.jpg' width='640' height='427' "
            f"alt='The market'></a><div class='legenda'>{text}</div></div>")


def test_markup_written_as_text_in_a_caption_is_read_as_its_heading_and_caption(tmp_path):
    items = [("Early start", "A baker lights the oven under the awning before five."),
             ("Watchdog", "A terrier sleeps under the cheese stall as the crowd grows."),
             ("Last call", "The fishmonger halves his prices as the rain begins.")]
    gallery = "".join(_escaped_item(n, h, c) for n, (h, c) in enumerate(items, start=1))
    body = f"<main><h1>The Sunday market</h1>{PROSE}<div class='galeria'>{gallery}</div></main>"
    result = read(saved_page(tmp_path, body, title="The Sunday market"))
    assert [s.title for s in result.slides] == [h for h, _ in items]
    assert [s.paragraphs[0] for s in result.slides] == [c for _, c in items]
    assert not any("<" in s.title or "<h" in " ".join(s.paragraphs) for s in result.slides)


def test_a_less_than_sign_in_a_caption_stays_text(tmp_path):
    body = (f"<main><h1>Tide tables</h1>{PROSE}<figure><img src='https://cdn.example/t/tide.jpg' width='900' "
            "height='600'><figcaption>Low water at the pier: depth &lt; 2 m &gt; the usual mark</figcaption>"
            "</figure></main>")
    result = read(saved_page(tmp_path, body, title="Tide tables"))
    assert result.slides[0].title == "Low water at the pier: depth < 2 m > the usual mark"


# -- WordPress [caption] shortcodes left unrendered ---------------------------------------------------


def test_an_unrendered_caption_shortcode_gives_its_caption():
    assert without_shortcodes('[caption id="attachment_5" align="aligncenter" width="620" '
                              'caption="Stalls on the ground floor"] [/caption]') == "Stalls on the ground floor"
    # the older form: the caption written between the codes
    assert without_shortcodes('[caption id="attachment_6" width="300"] Two porters on the stairs[/caption]') == \
        "Two porters on the stairs"
    # a caption holding a bracket of its own
    assert without_shortcodes("[caption width='300' caption='The [old] gate']x[/caption]") == "The [old] gate"


def test_text_in_brackets_that_is_no_shortcode_stays():
    for text in ("The mayor [centre] opens the show", "[captioned] A note", "A plan [caption missing"):
        assert without_shortcodes(text) == text


def test_a_migrated_post_shows_its_shortcode_captions(tmp_path):
    def photo(number: int, caption: str) -> str:
        return (f'<p>[caption id="attachment_{number}" align="aligncenter" width="620" caption="{caption}"]'
                f'<img class="size-full" src="https://assets.example/crawl/{number}.jpeg" alt="14087132{number}1968" '
                f'width="620" height="413">[/caption]</p>')
    body = (f"<main><h1>A photo show at the market</h1>{PROSE}{photo(1, 'Stalls on the ground floor')}"
            f"<p>Forty prints hang between the spice stalls.</p>{photo(2, 'The winning print by the warden')}</main>")
    result = read(saved_page(tmp_path, body, title="A photo show at the market"))
    assert [s.title for s in result.slides] == ["Stalls on the ground floor", "The winning print by the warden"]


# -- captions in the next table row, one cell per photo -----------------------------------------------


def _table(cells: list[tuple[str, str]], caption_row: str | None = None) -> str:
    photos = "".join(f"<td><a href='{name}.jpg'><img src='https://example.org/p/{name}-400.jpg' width='400' "
                     f"height='267' alt=''></a></td>" for name, _ in cells)
    captions = caption_row or "".join(f"<td class='caption'>{caption}</td>" for _, caption in cells)
    return f"<table class='slides'><tr>{photos}</tr><tr>{captions}</tr></table>"


def test_a_caption_row_gives_each_column_its_own_caption(tmp_path):
    cells = [("gangway", "<b>Not Open Yet.</b> The gangway still had its orange tape on Wednesday."),
             ("engine", "<b>Engine Room.</b> A steam engine cut open so you can see the pistons."),
             ("lens", "<b>The Lens.</b> A lighthouse lens turns slowly in a dark room.")]
    body = f"<main><h1>The museum reopens</h1>{PROSE}{_table(cells)}<p>It opens to all on Saturday.</p></main>"
    result = read(saved_page(tmp_path, body, title="The museum reopens"))
    assert [s.title.split(".")[0] for s in result.slides] == ["Not Open Yet", "Engine Room", "The Lens"]
    assert not any("Engine Room" in " ".join([s.title, *s.paragraphs]) for s in result.slides[::2])


def test_one_caption_cell_under_a_row_of_photos_is_shared(tmp_path):
    cells = [("left", ""), ("right", "")]
    row = "<td colspan='2' class='caption'>Both ends of the pier, at low water and at high.</td>"
    body = f"<main><h1>The pier</h1>{PROSE}{_table(cells, row)}</main>"
    result = read(saved_page(tmp_path, body, title="The pier"))
    assert [s.title for s in result.slides] == ["Both ends of the pier, at low water and at high."] * 2


# -- a blog's list of posts -------------------------------------------------------------------------------


def _post(slug: str, title: str, excerpt: str, picture: bool = True) -> str:
    image = (f"<a href='/blog/{slug}' class='BlogList-item-image-link'><img data-src='https://img.example/{slug}.jpg' "
             f"alt='' class='BlogList-item-image'></a>") if picture else ""
    return (f"<article class='BlogList-item'>{image}<a href='/blog/{slug}' class='BlogList-item-title'>{title}</a>"
            f"<div class='BlogList-item-excerpt'><p>{excerpt}</p></div>"
            f"<a href='/blog/{slug}' class='BlogList-item-readmore'><span>Read More</span></a></article>")


def test_a_list_of_posts_makes_each_posts_picture_a_slide_under_its_title(tmp_path):
    posts = [("dawn", "Dawn on the switchbacks", "We started up the canyon in the dark with one headlamp."),
             ("salt", "Salt flats west of the border", "Ten minutes off the interstate became a whole evening."),
             ("ferry", "Ferry to the island with a crate", "An old man guarded his tomatoes like a suitcase.")]
    items = "".join(_post(*post) for post in posts)
    body = f"<main><nav class='BlogList-filter'>Posts in <span>Photos</span></nav><div class='BlogList'>{items}</div></main>"
    result = read(saved_page(tmp_path, body, title="Blog"))
    assert [s.title for s in result.slides] == [title for _, title, _ in posts]
    assert [s.paragraphs for s in result.slides] == [[excerpt] for _, _, excerpt in posts]


def test_teasers_beside_a_story_with_its_own_photo_stay_out(tmp_path):
    related = "".join(_post(slug, title, "A short teaser for another post on the blog.")
                      for slug, title in (("a", "Another walk on the moor"), ("b", "The fen in winter light"),
                                          ("c", "Herons along the old canal")))
    body = (f"<main><article><h1>Along the towpath</h1>{PROSE}<figure><img src='https://example.org/up/heron.jpg' "
            f"width='1024' height='683'><figcaption>A heron on the lock gate.</figcaption></figure></article>"
            f"<section class='more-posts'>{related}</section></main>")
    result = read(saved_page(tmp_path, body, title="Along the towpath"))
    assert [s.title for s in result.slides] == ["A heron on the lock gate."]


# -- the photographer's name closing each caption -----------------------------------------------------


def _figure(number: int, caption: str) -> str:
    return (f"<figure><img src='https://example.org/g/{number}.jpg' width='1024' height='683' alt=''>"
            f"<figcaption>{caption}</figcaption></figure>")


def test_bracketed_names_closing_a_galleries_captions_are_its_credits(tmp_path):
    captions = ["A baker lights the oven before five. (Otto Penhale)",
                "A terrier sleeps under the cheese stall. (Lucia Tavernier)",
                "The warden waves the cars into the last space. (Otto Penhale)",
                "The rain comes at noon and the awnings fill."]
    body = f"<main><h1>Market day</h1>{PROSE}{''.join(_figure(n, c) for n, c in enumerate(captions))}</main>"
    result = read(saved_page(tmp_path, body, title="Market day"))
    assert [s.photo.credit for s in result.slides if s.photo] == ["Otto Penhale", "Lucia Tavernier", "Otto Penhale",
                                                                   None]
    assert result.slides[0].title == "A baker lights the oven before five."


def test_a_recurring_phrase_in_brackets_is_the_galleries_credit(tmp_path):
    captions = ["Stalls on the ground floor (dokumentasi pribadi)", "The winning print (Dokumentasi pribadi)",
                "Porters on the stairs (dokumentasi pribadi)"]
    body = f"<main><h1>The show</h1>{PROSE}{''.join(_figure(n, c) for n, c in enumerate(captions))}</main>"
    result = read(saved_page(tmp_path, body, title="The show"))
    assert [s.photo.credit.lower() for s in result.slides if s.photo and s.photo.credit] == \
        ["dokumentasi pribadi"] * 3
    assert result.slides[0].title == "Stalls on the ground floor"


def test_brackets_closing_one_caption_or_naming_places_stay_in_the_captions(tmp_path):
    captions = ["The new ferry leaves the pier (left)", "The old ferry waits at the pier (right)",
                "Gulls follow both boats (below)", "A crowd waves from the quay (Jo Bell)"]
    body = f"<main><h1>Ferries</h1>{PROSE}{''.join(_figure(n, c) for n, c in enumerate(captions))}</main>"
    result = read(saved_page(tmp_path, body, title="Ferries"))
    assert [s.photo.credit for s in result.slides if s.photo] == [None] * 4
    assert result.slides[0].title == "The new ferry leaves the pier (left)"


# -- "title<br>member name" captions -------------------------------------------------------------------


def test_a_name_on_the_last_line_of_a_galleries_captions_is_the_credit(tmp_path):
    captions = ["Low tide, Staithes<br>Rowan Tilley", "Potting shed<br>Neville Okoro", "Harriet Bell",
                "Barn Owl<br>Wilf Hardy"]
    body = (f"<main><h1>Competition results</h1>{PROSE}<figure class='wp-block-gallery'>"
            f"{''.join(_figure(n, c) for n, c in enumerate(captions))}</figure></main>")
    result = read(saved_page(tmp_path, body, title="Competition results"))
    assert [s.photo.credit for s in result.slides if s.photo] == ["Rowan Tilley", "Neville Okoro", "Harriet Bell",
                                                                   "Wilf Hardy"]
    assert [result.slides[i].title for i in (0, 1, 3)] == ["Low tide, Staithes", "Potting shed", "Barn Owl"]


def test_lines_that_are_no_names_and_a_lone_name_line_stay_captions(tmp_path):
    captions = ["Low tide at Staithes<br>the harbour at dawn", "Potting shed<br>taken on a wet Sunday",
                "Barn Owl<br>hunting over the stubble"]
    body = f"<main><h1>Results</h1>{PROSE}{''.join(_figure(n, c) for n, c in enumerate(captions))}</main>"
    result = read(saved_page(tmp_path, body, title="Results"))
    assert [s.photo.credit for s in result.slides if s.photo] == [None] * 3
    single = (f"<main><h1>One print</h1>{PROSE}{_figure(1, 'The long pier<br>Marta Ruiz')}"
              f"<p>She printed it herself.</p></main>")
    result = read(saved_page(tmp_path / "single", single, title="One print"))
    assert result.slides[0].photo is not None and result.slides[0].photo.credit is None


# -- a museum label's credit part ----------------------------------------------------------------------


def _label(number: int, title: str, credit: str) -> str:
    return (f"<div class='carousel__slide'><img src='https://example.org/c/{number}.jpg' width='1200' height='900' "
            f"alt=''><div class='carousel__caption'><p class='caption__title'>{title}</p>"
            f"<p class='caption__credit'>{credit}</p></div></div>")


def test_a_caption_boxes_credit_part_is_the_credit(tmp_path):
    labels = [("Ilse Marr, <em>Orchard Gate at Dusk</em>, 2021;",
               "Accessions Committee Fund purchase, © Ilse Marr; photo: Dario Fell"),
              ("Nakamura Studio, <em>Harbor Clerk</em>, 1886;", "Accessions Committee Fund purchase")]
    body = (f"<main><h1>Vantage points</h1>{PROSE}<div class='carousel'>"
            f"{''.join(_label(n, t, c) for n, (t, c) in enumerate(labels))}</div></main>")
    result = read(saved_page(tmp_path, body, title="Vantage points"))
    assert [s.photo.credit for s in result.slides if s.photo] == [credit for _, credit in labels]
    assert [s.title for s in result.slides] == ["Ilse Marr, Orchard Gate at Dusk, 2021", "Nakamura Studio, Harbor "
                                                "Clerk, 1886"]


def test_a_box_named_credit_caption_is_still_the_caption(tmp_path):
    body = (f"<main><h1>Harbour</h1>{PROSE}<figure><img src='https://example.org/h.jpg' width='1200' height='900'>"
            "<figcaption class='credit-caption'>Boats wait out the storm in the inner harbour.</figcaption>"
            "</figure></main>")
    result = read(saved_page(tmp_path, body, title="Harbour"))
    assert result.slides[0].title == "Boats wait out the storm in the inner harbour."


# -- a banner that is a detail of a later photo ---------------------------------------------------------


def test_a_banner_captioned_as_a_detail_of_a_later_photo_is_no_slide(tmp_path):
    hero = ("<div class='hero'><img src='https://example.org/hero.jpg' width='2000' height='1125' alt=''>"
            "<p class='hero__credit'>Ilse Marr, <em>Orchard Gate at Dusk</em> (detail), 2021; © Ilse Marr</p></div>")
    labels = [("Ilse Marr, <em>Orchard Gate at Dusk</em>, 2021;", "© Ilse Marr; photo: Dario Fell"),
              ("Ada Roe, <em>Pier</em>, 1999;", "© Ada Roe")]
    body = (f"<main><h1>Vantage points</h1>{hero}{PROSE}<div class='carousel'>"
            f"{''.join(_label(n, t, c) for n, (t, c) in enumerate(labels))}</div></main>")
    result = read(saved_page(tmp_path, body, title="Vantage points"))
    assert [s.title for s in result.slides] == ["Ilse Marr, Orchard Gate at Dusk, 2021", "Ada Roe, Pier, 1999"]
    assert any("towpath" in text for text in result.intro)


def test_a_detail_of_a_work_shown_nowhere_else_keeps_its_slide(tmp_path):
    body = (f"<main><h1>Quilts</h1>{PROSE}"
            f"{_figure(1, 'Mae Pruett, Star of the Hollow (detail), 1931')}{_figure(2, 'Two quilts on the line')}</main>")
    result = read(saved_page(tmp_path, body, title="Quilts"))
    assert len(result.slides) == 2


# -- an upload's number as alt text ------------------------------------------------------------------------


def test_an_uploads_number_is_no_alt_text():
    assert is_file_name("1408713221968093374")
    assert not is_file_name("1969")
    assert not is_file_name("2024 harvest")


def test_a_file_name_whose_separators_became_spaces_is_no_alt_text():
    # (Squarespace writes an upload's "+" and "%20" as spaces in its alt)
    assert is_file_name("elodie marchbank_market.jpg")
    assert is_file_name("arnab sengupta 03.JPG")
    assert not is_file_name("A boy waits at the bus stop in the rain, the last one before the depot closes.jpg")
    assert not is_file_name("A boy waits at the bus stop")


# -- a post's featured picture above a gallery captioned photo by photo ---------------------------------


def _credited(number: int, credit: str | None) -> str:
    caption = f"<figcaption>Foto: {credit}</figcaption>" if credit else ""
    return (f"<figure class='wp-block-image'><img src='https://example.org/w/{number}.jpg' width='1024' "
            f"height='683' alt=''>{caption}</figure><p>Scene {number} of the week, on a street of the old town.</p>")


def test_a_posts_featured_picture_above_a_credited_gallery_is_no_slide(tmp_path):
    featured = ("<figure class='article-featured-image'><img src='https://example.org/w/header.jpg' width='1200' "
                "height='800' class='wp-post-image' alt=''></figure>")
    gallery = "".join(_credited(n, c) for n, c in enumerate(["Jan Smit", "DUIC", None, "Sanne Tol"], start=1))
    body = f"<main><article><h1>The week in pictures</h1>{featured}{PROSE}{gallery}</article></main>"
    result = read(saved_page(tmp_path, body, title="The week in pictures"))
    assert len(result.slides) == 4
    assert any("towpath" in text for text in result.intro)


def test_a_featured_picture_above_uncaptioned_photos_keeps_its_slide(tmp_path):
    featured = ("<figure class='article-featured-image'><img src='https://example.org/w/header.jpg' width='1200' "
                "height='800' class='wp-post-image' alt=''></figure>")
    gallery = "".join(_credited(n, None) for n in range(1, 5))
    body = f"<main><article><h1>The week in pictures</h1>{featured}{PROSE}{gallery}</article></main>"
    result = read(saved_page(tmp_path, body, title="The week in pictures"))
    assert len(result.slides) == 5
