"""Saved pages read by structure (issue 19): where the story is, each photo's caption, lazy
pictures, titles. Small hand-made pages with invented text, one per mechanism of page.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.unit.test_linear_time import assert_linear
from viewer.importer.page import PageProblem, read_page


def saved_page(folder: Path, body: str, files: dict[str, tuple[int, int]] | None = None, head: str = "",
               title: str = "A page") -> Path:
    """page.html and page_files/ as "Save page as… complete" leaves them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, size in (files or {}).items():
        (folder / "page_files").mkdir(exist_ok=True)
        Image.new("RGB", size, (120, 80, 40)).save(folder / "page_files" / name)
    page = folder / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    return page


def read(page: Path, **options):  # type: ignore[no-untyped-def]
    return read_page(page.read_bytes(), page, **options)


def names(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [Path(s.photo.local or s.photo.remote or s.photo.source).name for s in result.slides]


PROSE = ("<p>We walked the length of the old canal towpath on a cold Sunday, from the basin at Orrel to the "
         "flight of locks above the mill, counting herons, bridges and abandoned boats as we went.</p>"
         "<p>The water was still and brown, and the towpath was mostly mud, but the light was good.</p>")
NAV = ("<header><a href='/'><img src='https://example.org/logo.png' alt='Site'></a>"
       "<nav><a href='/a'>Walks</a> <a href='/b'>Maps</a> <a href='/c'>About</a></nav></header>")


# -- where the story is --------------------------------------------------------------------------------


def test_a_widget_class_on_the_post_wrapper_does_not_hide_the_story(tmp_path):
    body = NAV + f"""<div id="content"><article class="post"><h1 class="entry-title">Along the towpath</h1>
    <div class="post-wrap widget sidebar-aware">{PROSE}
      <div class="wp-caption"><img src="https://example.org/up/heron.jpg" width="1024" height="683">
        <p class="wp-caption-text">A heron on the lock gate, not at all bothered by us.</p></div>
      <p>Beyond the third lock the path narrows between hawthorn hedges and the canal turns to reeds.</p>
      <div class="wp-caption"><img src="https://example.org/up/boat.jpg" width="1024" height="683">
        <p class="wp-caption-text">A narrowboat sunk up to its windows near the mill.</p></div>
    </div></article>
    <aside class="widget-area"><section class="widget"><h2>Recent posts</h2>
      <a href="/older-walk/"><img src="https://example.org/up/older.jpg" width="75" height="75"></a></section></aside>
    </div>"""
    result = read(saved_page(tmp_path, body, title="Along the towpath"))
    assert names(result) == ["heron.jpg", "boat.jpg"]
    assert [s.title for s in result.slides] == ["A heron on the lock gate, not at all bothered by us.",
                                                "A narrowboat sunk up to its windows near the mill."]
    assert result.intro[0].startswith("We walked the length")


def test_related_story_cards_in_their_own_articles_are_not_the_story(tmp_path):
    card = """<article class="card"><a href="/stories/{0}/"><img src="https://example.org/thumbs/{0}.jpg"
      width="400" height="260"></a><h3><a href="/stories/{0}/">Another walk, somewhere else</a></h3>
      <p>A short teaser line for the card.</p></article>"""
    body = f"""<div class="top-strip">{card.format("one")}{card.format("two")}</div>
    <main><article class="story"><h1>Along the towpath</h1>{PROSE}
      <figure><img src="https://example.org/photos/heron.jpg"><figcaption>A heron on the lock gate.</figcaption></figure>
      <p>Beyond the third lock the path narrows between hawthorn hedges and the canal turns to reeds.</p>
      <figure><img src="https://example.org/photos/boat.jpg"><figcaption>A sunken narrowboat.</figcaption></figure>
    </article>
    <section class="more">{card.format("three")}{card.format("four")}</section></main>"""
    result = read(saved_page(tmp_path, body, title="Along the towpath"))
    assert names(result) == ["heron.jpg", "boat.jpg"]
    assert not any("teaser" in text for text in result.intro)


def test_the_headline_brings_in_the_photo_above_the_text_and_the_lead_image_its_hero(tmp_path):
    head = '<meta property="og:image" content="https://example.org/img/towpath-hero.jpg">'
    body = NAV + f"""<div class="hero"><img src="page_files/towpath-hero-1600x900.jpg">
      <span class="hero-caption">The basin at Orrel at first light</span></div>
    <div class="layout"><div class="post"><header><h1>Along the towpath</h1></header>
      <div class="featured"><img src="page_files/lock.jpg" alt="The top lock"></div>
      <div class="body">{PROSE}<figure><img src="page_files/heron.jpg"><figcaption>A heron.</figcaption></figure>
      <p>Beyond the third lock the path narrows between hawthorn hedges and the canal turns to reeds.</p>
      <figure><img src="page_files/boat.jpg"><figcaption>A sunken boat.</figcaption></figure></div></div></div>"""
    files = {"towpath-hero-1600x900.jpg": (800, 450), "lock.jpg": (800, 600), "heron.jpg": (800, 600),
             "boat.jpg": (800, 600)}
    result = read(saved_page(tmp_path, body, files, head=head, title="Along the towpath"))
    assert names(result) == ["towpath-hero-1600x900.jpg", "lock.jpg", "heron.jpg", "boat.jpg"]
    assert result.slides[0].title == "The basin at Orrel at first light"
    assert "logo.png" in " ".join(name for name, _ in result.skipped)


def test_share_bars_and_comments_inside_the_story_are_left_out(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}
    <figure><img src="https://example.org/p/heron.jpg"><figcaption>A heron on the lock gate.</figcaption></figure>
    <div class="share-buttons"><a href="https://social.example/share"><img src="https://example.org/share.png"></a>
      <p>Share this walk with a friend who likes canals and herons and mud.</p></div>
    <figure><img src="https://example.org/p/boat.jpg"><figcaption>A sunken narrowboat.</figcaption></figure>
    <section class="comments"><p>Lovely walk, we did it last spring and saw three herons, honestly.</p>
      <img src="https://example.org/avatars/joe.jpg"></section></article>"""
    result = read(saved_page(tmp_path, body, title="Along the towpath"))
    assert names(result) == ["heron.jpg", "boat.jpg"]
    text = " ".join(result.intro + [p for s in result.slides for p in s.paragraphs])
    assert "Share this walk" not in text and "Lovely walk" not in text


def test_a_teaser_card_inside_the_story_is_not_a_photo(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}
    <figure><img src="https://example.org/p/heron.jpg"><figcaption>A heron on the lock gate.</figcaption></figure>
    <figure class="bookmark"><a href="https://example.org/another-walk/"><div>Another walk along another canal</div>
      <div>Twelve miles of mud and no herons at all.</div><img src="https://example.org/p/thumb.jpg"></a></figure>
    </article>"""
    result = read(saved_page(tmp_path, body, title="Along the towpath"))
    assert names(result) == ["heron.jpg"]
    assert any("teaser" in why for _, why in result.skipped)


# -- captions by structure -----------------------------------------------------------------------------


def test_visually_hidden_labels_are_labels_and_mark_the_credit(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}
    <figure><div class="media"><img src="https://example.org/p/heron.jpg">
        <span role="text"><span class="visually-hidden">Image source, </span>Ferrand Agency</span></div>
      <figcaption><span class="visually-hidden">Image caption, </span>A heron on the lock gate at dawn</figcaption></figure>
    <figure><img src="https://example.org/p/boat.jpg"><figcaption><span class="caption-text">A narrowboat near the
      mill.</span> <span><span class="sr-only">Credit...</span><span>Ines Calloway for The Towpath Times</span></span>
      </figcaption></figure>
    <figure><img src="https://example.org/p/mill.jpg"><figcaption>The mill from the bridge.
      <span class="screen-reader-text">Photograph:</span> Ada Marr/Canal Archive</figcaption></figure></article>"""
    slides = read(saved_page(tmp_path, body)).slides
    assert [(s.title, s.photo.credit) for s in slides] == [
        ("A heron on the lock gate at dawn", "Ferrand Agency"),
        ("A narrowboat near the mill.", "Ines Calloway for The Towpath Times"),
        ("The mill from the bridge.", "Ada Marr/Canal Archive")]


def test_two_photos_under_one_caption_share_it(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}
    <figure class="gallery-card"><div class="row"><div class="cell"><img src="https://example.org/p/before.jpg"></div>
      <div class="cell"><img src="https://example.org/p/after.jpg"></div></div>
      <figcaption>The lock gate before and after the volunteers cleared it. Photo: Tam Reyes</figcaption></figure>
    <p>Beyond the third lock the path narrows between hawthorn hedges and the canal turns to reeds.</p></article>"""
    slides = read(saved_page(tmp_path, body)).slides
    assert [s.title for s in slides] == ["The lock gate before and after the volunteers cleared it."] * 2
    assert [s.photo.credit for s in slides] == ["Photo: Tam Reyes"] * 2


def test_a_gallery_line_under_photos_that_have_their_own_captions_is_not_shared(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}<figure class="gallery">
      <figure><img src="https://example.org/p/a.jpg"><figcaption>The first bridge.</figcaption></figure>
      <figure><img src="https://example.org/p/b.jpg"><figcaption>The second bridge.</figcaption></figure>
      <figcaption class="gallery-caption">Click any photo to see it bigger</figcaption></figure></article>"""
    slides = read(saved_page(tmp_path, body)).slides
    assert [s.title for s in slides] == ["The first bridge.", "The second bridge."]


def test_numbered_captions_after_a_run_of_photos_go_by_number(tmp_path):
    photos = "".join(f"<p><img src='https://example.org/p/{n}.jpg'></p>" for n in ("a", "b", "c"))
    one_paragraph = f"<article><h1>Along the towpath</h1>{PROSE}{photos}<p>1. The basin. 2. The first " \
                    "lock, with its keeper. 3. The mill, from the bridge.</p></article>"
    slides = read(saved_page(tmp_path / "one", one_paragraph)).slides
    assert [s.title for s in slides] == ["The basin.", "The first lock, with its keeper.", "The mill, from the bridge."]
    apart = f"<article><h1>Along the towpath</h1>{PROSE}{photos}<p>1) The basin at dawn.</p>" \
            "<p>2) The first lock.</p><p>3) The mill. Photo: Ada Marr</p><p>The walk back was quicker.</p></article>"
    slides = read(saved_page(tmp_path / "apart", apart)).slides
    assert [s.title for s in slides] == ["The basin at dawn.", "The first lock.", "The mill."]
    assert slides[2].photo.credit == "Photo: Ada Marr" and slides[2].paragraphs == ["The walk back was quicker."]


def test_an_emphasised_paragraph_right_after_a_photo_is_its_caption_a_plain_one_is_not(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}
    <div class="image-block"><img src="https://example.org/p/heron.jpg"></div>
    <p><em>A heron on the lock gate, entirely unbothered.</em></p>
    <p>We stood and watched it for ten minutes before it flew off over the reeds towards the mill.</p>
    <div class="image-block"><img src="https://example.org/p/boat.jpg"></div>
    <div style="text-align: center;">The sunken narrowboat</div>
    <div class="image-block"><img src="https://example.org/p/reeds.jpg" alt="Reeds"></div>
    <p>After the mill the canal is mostly reeds, and the path goes on along the old railway line.</p>
    <div class="image-block"><img src="https://example.org/p/rails.jpg"></div>
    <p>The old railway line, now a cycle path.</p></article>"""
    slides = read(saved_page(tmp_path, body)).slides
    assert [s.title for s in slides] == ["A heron on the lock gate, entirely unbothered.", "The sunken narrowboat",
                                         "Reeds", "The old railway line, now a cycle path."]
    assert [s.photo.caption for s in slides] == ["A heron on the lock gate, entirely unbothered.",
                                                 "The sunken narrowboat", "", ""]
    assert slides[0].paragraphs == ["We stood and watched it for ten minutes before it flew off over the reeds "
                                    "towards the mill."]
    # a plain paragraph is not a caption; under a photo with neither caption nor alt, a short line titles it
    assert slides[2].paragraphs == ["After the mill the canal is mostly reeds, and the path goes on along the old "
                                    "railway line."]
    assert slides[3].paragraphs == []


def test_blogger_table_captions_and_text_between_line_breaks(tmp_path):
    body = """<div class="post hentry"><h3 class="post-title entry-title">Along the towpath</h3>
    <div class="post-body entry-content">We walked the old towpath on Sunday, from the basin to the locks.<br><br>
    It was cold, and muddy, and the light was lovely all day long, so here are the pictures.<br>
    <table align="center" cellpadding="0" cellspacing="0" class="tr-caption-container"><tbody>
      <tr><td style="text-align: center;"><a href="page_files/heron.jpg"><img border="0" src="page_files/heron-s400.jpg"
        width="400" height="266"></a></td></tr>
      <tr><td class="tr-caption" style="text-align: center;">The heron at the top lock</td></tr></tbody></table>
    <br>After the locks we had soup at the mill cafe, which was very good.<br>
    <table class="tr-caption-container"><tbody>
      <tr><td><a href="page_files/boat.jpg"><img src="page_files/boat-s400.jpg"></a>
        <a href="page_files/reeds.jpg"><img src="page_files/reeds-s400.jpg"></a></td></tr>
      <tr><td class="tr-caption">The boat, and the reeds beyond it</td></tr></tbody></table>
    </div></div>"""
    files = {"heron.jpg": (1600, 1064), "heron-s400.jpg": (400, 266), "boat-s400.jpg": (400, 266),
             "reeds-s400.jpg": (400, 266)}
    result = read(saved_page(tmp_path, body, files, title="Canal Days: Along the towpath"))
    assert result.title == "Along the towpath"  # "Blog name: Post title", the post's heading agreeing
    assert [s.title for s in result.slides] == ["The heron at the top lock", "The boat, and the reeds beyond it",
                                                "The boat, and the reeds beyond it"]
    assert result.slides[0].photo.local.name == "heron-s400.jpg" or result.slides[0].photo.local.name == "heron.jpg"
    assert result.intro == ["We walked the old towpath on Sunday, from the basin to the locks.",
                            "It was cold, and muddy, and the light was lovely all day long, so here are the pictures."]
    assert result.slides[0].paragraphs == ["After the locks we had soup at the mill cafe, which was very good."]


def test_a_photoset_takes_in_the_caption_box_beside_it(tmp_path):
    body = """<nav><a href="/">Home</a> <a href="/archive">Archive</a> <a href="/ask">Ask me anything</a></nav>
    <div id="posts"><article class="post"><div class="photoset"><div class="photoset-row">
      <a href="https://media.example/x1_1280.jpg"><img src="https://media.example/x1_500.jpg" width="250"></a>
      <a href="https://media.example/x2_1280.jpg"><img src="https://media.example/x2_500.jpg" width="250"></a></div></div>
      <div class="post-caption"><p>The lock keeper's cottage, front and back.</p></div></article></div>"""
    slides = read(saved_page(tmp_path, body)).slides
    assert [s.title for s in slides] == ["The lock keeper's cottage, front and back."] * 2


def test_a_slideshow_slide_heading_is_its_title_and_its_counter_is_not_text(tmp_path):
    slide = """<div class="slide"><figure><img src="https://example.org/p/{0}.jpg"></figure>
      <div class="slide-caption"><div class="counter">{1} / 2</div><h2>Rule {1}: {2}</h2>
      <div class="dek"><p>Some words about rule {1}, which everyone on the towpath follows, mostly.</p></div>
      <p class="caption-credit">Photographed by Ada Marr</p></div></div>"""
    body = f"<article><h1>Towpath rules</h1>{PROSE}{slide.format('a', 1, 'Wave')}{slide.format('b', 2, 'Share')}</article>"
    slides = read(saved_page(tmp_path, body)).slides
    assert [s.title for s in slides] == ["Rule 1: Wave", "Rule 2: Share"]
    assert slides[0].paragraphs == ["Some words about rule 1, which everyone on the towpath follows, mostly."]
    assert slides[0].photo.credit == "Photographed by Ada Marr"


def test_a_caption_that_is_only_a_credit_is_the_credit(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}<figure><img src="https://example.org/p/ibex.jpg"
      alt="An ibex"><figcaption><span>Photo by </span><a href="https://photos.example/@t">Tomas Varga</a>
      <span> / </span><a href="https://photos.example">Unsplash</a></figcaption></figure></article>"""
    (slide,) = read(saved_page(tmp_path, body)).slides
    assert slide.photo.caption == "" and slide.photo.credit in ("Photo by Tomas Varga / Unsplash",
                                                                "Tomas Varga / Unsplash")
    assert slide.title == "An ibex"


# -- listicles and headings ----------------------------------------------------------------------------


def test_numbered_listicle_headings_lose_their_numbers_unless_kept(tmp_path):
    body = f"""<article><h1>Three stops on the towpath</h1>{PROSE}
    <h2>1. The basin</h2><p>The boats moor here in winter, nose to tail, all the way to the bridge.</p>
    <figure><img src="https://example.org/p/basin.jpg"><figcaption>Boats in the basin</figcaption></figure>
    <h2>2. The locks</h2><figure><img src="https://example.org/p/locks.jpg"></figure>
    <h2>More photos</h2><figure><img src="https://example.org/p/more.jpg"><figcaption>Reeds</figcaption></figure></article>"""
    page = saved_page(tmp_path, body)
    assert [s.title for s in read(page).slides] == ["The basin", "The locks", "Reeds"]
    assert [s.title for s in read(page, keep_numbers=True).slides] == ["1. The basin", "2. The locks", "Reeds"]


def test_a_section_heading_before_prose_is_text_not_the_next_captions_title(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}
    <h2>Day one: the basin</h2><p>We set off from the basin at eight, with the frost still on the rails.</p>
    <figure><img src="https://example.org/p/basin.jpg"><figcaption>The basin at eight</figcaption></figure>
    <figure><img src="https://example.org/p/bridge.jpg"><figcaption>The first bridge</figcaption></figure>
    <h2>Day two: the locks</h2><p>The second day was all locks, eleven of them in three miles.</p>
    <figure><img src="https://example.org/p/locks.jpg"><figcaption>The top lock</figcaption></figure></article>"""
    result = read(saved_page(tmp_path, body))
    assert [s.title for s in result.slides] == ["The basin at eight", "The first bridge", "The top lock"]
    assert result.intro[-2:] == ["Day one: the basin", "We set off from the basin at eight, with the frost still on "
                                                       "the rails."]
    assert result.slides[1].paragraphs[0] == "Day two: the locks"


def test_a_long_caption_is_the_slides_first_text(tmp_path):
    caption = ("The heron at the top lock, which the lock keeper says has stood there every morning for six "
               "years. He calls it Gerald, and feeds it the odd sprat when nobody from the trust is looking.")
    body = f"<article><h1>Along the towpath</h1>{PROSE}<figure><img src='https://example.org/p/h.jpg'>" \
           f"<figcaption>{caption}</figcaption></figure></article>"
    (slide,) = read(saved_page(tmp_path, body)).slides
    assert (slide.title + " " + " ".join(slide.paragraphs)) == caption
    assert slide.title.startswith("The heron at the top lock")


# -- pictures: lazy attributes, saved files, noscript --------------------------------------------------


def test_the_saved_file_wins_over_a_web_address_in_every_lazy_attribute(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}
    <figure><img src="https://example.org/p/heron-1024.jpg" data-src="page_files/heron.jpg"><figcaption>One</figcaption></figure>
    <figure><img src="page_files/boat.jpg" data-lazy-src="https://example.org/p/boat-2048.jpg"
      data-srcset="https://example.org/p/boat-2048.jpg 2048w, https://example.org/p/boat-800.jpg 800w">
      <figcaption>Two</figcaption></figure>
    <figure><picture><source type="image/webp" data-srcset="https://example.org/p/mill.webp 1600w">
      <source srcset="page_files/mill.jpg 800w"><img src="https://example.org/p/mill-small.jpg"></picture>
      <figcaption>Three</figcaption></figure>
    <figure><img src="page_files/placeholder.gif" data-original="https://example.org/p/reeds.jpg">
      <figcaption>Four</figcaption></figure></article>"""
    files = {"heron.jpg": (800, 600), "boat.jpg": (800, 600), "mill.jpg": (800, 600), "placeholder.gif": (1, 1)}
    slides = read(saved_page(tmp_path, body, files)).slides
    assert [s.photo.local.name if s.photo.local else None for s in slides] == ["heron.jpg", "boat.jpg", "mill.jpg", None]
    assert slides[3].photo.remote == "https://example.org/p/reeds.jpg"  # a saved 1×1 placeholder is not the photo


def test_without_a_saved_file_the_largest_web_address_is_kept(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}<figure><img src="data:image/svg+xml,%3Csvg%3E"
      data-lazy-src="https://example.org/p/heron-1024x683.jpg" data-lazy-srcset="https://example.org/p/heron-300x200.jpg
      300w, https://example.org/p/heron-2048x1365.jpg 2048w, https://example.org/p/heron-1024x683.jpg 1024w">
      <figcaption>The heron</figcaption></figure></article>"""
    (slide,) = read(saved_page(tmp_path, body)).slides
    assert slide.photo.remote == "https://example.org/p/heron-2048x1365.jpg"


def test_a_noscript_copy_does_not_make_a_photo_twice(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}
    <div class="wp-caption"><img src="data:image/svg+xml,%3Csvg%3E" data-lazy-src="https://example.org/p/heron-1024.jpg"
      data-lazy-srcset="https://example.org/p/heron-2048.jpg 2048w, https://example.org/p/heron-1024.jpg 1024w">
      <noscript><img src="https://example.org/p/heron-1024.jpg"></noscript>
      <p class="wp-caption-text">The heron</p></div>
    <p>Beyond the third lock the path narrows between hawthorn hedges and the canal turns to reeds.</p>
    <div class="lazy-box" data-bg="x"></div><noscript><img src="https://example.org/p/boat.jpg" alt="The boat"></noscript>
    </article>"""
    slides = read(saved_page(tmp_path, body)).slides
    assert [(s.title, s.photo.remote) for s in slides] == [("The heron", "https://example.org/p/heron-2048.jpg"),
                                                          ("The boat", "https://example.org/p/boat.jpg")]


def test_site_relative_addresses_are_made_whole_with_the_pages_address(tmp_path):
    head = '<link rel="canonical" href="https://walks.example/towpath/">'
    body = f"""<article><h1>Along the towpath</h1>{PROSE}<figure><img src="/content/images/heron.jpg">
      <figcaption>The heron</figcaption></figure><figure><img src="page_files/boat.jpg"><figcaption>The boat
      </figcaption></figure></article>"""
    result = read(saved_page(tmp_path, body, head=head))
    assert result.slides[0].photo.remote == "https://walks.example/content/images/heron.jpg"
    boat = result.slides[1].photo  # named by the saved page but not saved: kept, without a picture
    assert boat.local is None and boat.remote is None and boat.source == "page_files/boat.jpg"
    assert any("not saved" in note for note in result.notes)


# -- titles --------------------------------------------------------------------------------------------


def test_titles_lose_the_sites_name(tmp_path):
    cases = [
        ('<meta property="og:title" content="Along the towpath \u2013 Orrel Canal Society">'
         '<meta property="og:site_name" content="Orrel Canal Society">', "Orrel Canal Society", "<h2>x</h2>"),
        ("", "Along the towpath | Canal Notes", "<h1>Along the towpath</h1>"),
        ('<meta property="og:title" content="Along the towpath">', "Along the towpath - by Ada Marr - Canal Notes",
         "<h1>Canal Notes</h1><h1>Along the towpath</h1>"),
        ("", "Along the towpath \u2014 Studio Marr", "<h1 class='site'>Studio Marr</h1><h2>Along the towpath</h2>"),
        ('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Along the towpath", '
         '"publisher": {"@type": "Organization", "name": "Canal Days"}}</script>', "Canal Days: Along the towpath",
         "<h3>Along the towpath</h3>"),
    ]
    for number, (head, title, headings) in enumerate(cases):
        page = saved_page(tmp_path / str(number), f"{headings}<article>{PROSE}</article>", head=head, title=title)
        assert read(page).title == "Along the towpath", (number, read(page).title)


def test_without_agreement_the_h1_wins_over_a_bare_document_title(tmp_path):
    page = saved_page(tmp_path, f"<article><h1>Harbour life</h1>{PROSE}</article>", title="Site name | A story")
    assert read(page).title == "Harbour life"


def test_a_slide_with_its_heading_and_text_above_the_photo_keeps_them_intro_prose_does_not(tmp_path):
    slide = """<div class="slide"><h3>{0}</h3><p>Some words about {0}, which the towpath walkers all agree on.</p>
      <img src="https://example.org/p/{1}.jpg"></div>"""
    body = f"""<article><h1>Towpath sights</h1><div class="intro"><p>{'An introduction to the walk. ' * 3}</p>
      <figure><img src="https://example.org/p/map.jpg"></figure></div>
      {slide.format("The basin", "a")}{slide.format("The locks", "b")}</article>"""
    result = read(saved_page(tmp_path, body))
    assert [s.title for s in result.slides] == ["Photo 1", "The basin", "The locks"]
    assert result.intro == ["An introduction to the walk. " * 2 + "An introduction to the walk."]
    assert result.slides[1].paragraphs == ["Some words about The basin, which the towpath walkers all agree on."]


def test_a_shared_caption_with_one_list_item_per_photo_goes_one_to_each(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}<figure><div><div><img src="https://example.org/p/l.jpg"></div>
      <div><img src="https://example.org/p/r.jpg"></div></div><figcaption><span class="icon"><svg></svg></span>
      <span><ul><li><p>Left: the lock keeper's gloves.</p></li><li><p>Right: his windlass.</p></li></ul></span>
      Photographs: Ada Marr/Canal Archive</figcaption></figure></article>"""
    slides = read(saved_page(tmp_path, body)).slides
    assert [(s.title, s.photo.credit) for s in slides] == [
        ("Left: the lock keeper's gloves.", "Photographs: Ada Marr/Canal Archive"),
        ("Right: his windlass.", "Photographs: Ada Marr/Canal Archive")]



def test_an_enlarge_copy_of_a_photo_and_its_repeated_caption_are_not_a_second_slide(tmp_path):
    bucket = """<div class="bucket"><div class="imagewrap"><picture><source srcset="https://media.example/a/{0}-s600-c85.jpg
      600w, https://media.example/a/{0}-s1800-c85.jpg 1800w"><img src="https://media.example/a/{0}-s1100-c50.jpg"></picture>
      <div class="options"><a href="https://media.example/a/{0}-s1200.jpg">Enlarge this image</a></div></div>
      <div class="credit-caption"><div class="caption"><p>{1} <b class="credit">Ada Marr for Canal Radio</b>
      <b class="hide-caption">hide caption</b></p></div></div>
      <div class="enlarge-copy"><img src="https://media.example/a/{0}-s1200.jpg"><p class="caption">{1}</p>
      <span class="credit">Ada Marr for Canal Radio</span></div></div>"""
    body = f"""<article><h1>Along the towpath</h1>{PROSE}{bucket.format("heron", "A heron on the lock gate.")}
      {bucket.format("boat", "A sunken narrowboat.")}</article>"""
    slides = read(saved_page(tmp_path, body)).slides
    assert [(s.title, s.photo.credit, s.paragraphs) for s in slides] == [
        ("A heron on the lock gate.", "Ada Marr for Canal Radio", []),
        ("A sunken narrowboat.", "Ada Marr for Canal Radio", [])]
    assert slides[0].photo.remote == "https://media.example/a/heron-s1800-c85.jpg"


def test_a_noscript_beside_a_mere_placeholder_is_the_photo(tmp_path):
    body = f"""<article><h1>Along the towpath</h1>{PROSE}<figure><span class="lazy" data-original="x">
      <img class="dynamic" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></span>
      <noscript><img src="https://example.org/p/heron.jpg"></noscript><figcaption>The heron</figcaption></figure></article>"""
    (slide,) = read(saved_page(tmp_path, body)).slides
    assert (slide.title, slide.photo.remote) == ("The heron", "https://example.org/p/heron.jpg")


def test_the_lead_image_named_in_an_image_services_query(tmp_path):
    head = ('<meta property="og:image" content="https://cdn.example/dims/resize/1200x630/?url=https%3A%2F%2F'
            's3.example%2Fimages%2Ftowpath-lead.jpg">')
    body = f"""<div class="page paywall"><h1>Along the towpath</h1><article class="story">
      <div class="lead"><figure><img src="page_files/towpath-lead.jpg"><figcaption>The basin at dawn</figcaption>
      </figure></div><div class="byline">By Ada Marr</div><div class="body">{PROSE}
      <figure><img src="page_files/heron.jpg"><figcaption>A heron.</figcaption></figure>
      <p>Beyond the third lock the path narrows between hawthorn hedges and the canal turns to reeds.</p>
      <figure><img src="page_files/boat.jpg"><figcaption>A sunken boat.</figcaption></figure></div></article></div>"""
    files = {"towpath-lead.jpg": (800, 600), "heron.jpg": (800, 600), "boat.jpg": (800, 600)}
    result = read(saved_page(tmp_path, body, files, head=head, title="Along the towpath - The Canal Times"))
    assert names(result) == ["towpath-lead.jpg", "heron.jpg", "boat.jpg"]
    assert result.slides[0].title == "The basin at dawn"

# -- bounded walks: the caption searches stay linear ---------------------------------------------------


def _story(body: str) -> bytes:
    return f"<html><head><title>T</title></head><body><article>{body}</article></body></html>".encode()


FAMILIES = {
    "distinct captioned figures": (lambda n: _story("".join(
        f"<figure><img src='https://e.org/{i}.jpg'><figcaption>cap {i} <span class=credit>X</span></figcaption>"
        "</figure>" for i in range(n))), 300),
    "galleries sharing captions": (lambda n: _story("".join(
        f"<figure><div><img src='https://e.org/a{i}.jpg'></div><div><img src='https://e.org/b{i}.jpg'></div>"
        f"<figcaption>shared {i}</figcaption></figure>" for i in range(n))), 300),
    "a run of photos, then numbers": (lambda n: _story("".join(f"<p><img src='https://e.org/{i}.jpg'></p>" for i in range(n))
                                                       + "<p>" + " ".join(f"{i + 1}. cap" for i in range(n)) + "</p>"), 300),
    "nested share spans around photos": (lambda n: _story("<span class='share'>" * n + "".join(
        f"<img src='https://e.org/{i}.jpg'>" for i in range(300)) + "</span>" * n), 300),
    "one photo deep in boxes": (lambda n: _story("<div>" * n + "<img src='https://e.org/a.jpg'><p>caption</p>"
                                                 + "</div>" * n), 500),
    "teaser cards": (lambda n: _story("".join(f"<div><a href='/s{i}'><img src='https://e.org/{i}.jpg'></a><h3>"
                                              f"<a href='/s{i}'>Title {i}</a></h3></div>" for i in range(n))), 300),
    "emphasised lines after photos": (lambda n: _story("".join(f"<div><img src='https://e.org/{i}.jpg'></div>"
                                                               f"<p><em>cap {i}</em></p>" for i in range(n))), 300),
}


@pytest.mark.parametrize("name", FAMILIES)
def test_caption_searches_are_linear(tmp_path, name):
    def reader(data: bytes) -> None:
        try:
            read_page(data, tmp_path / "page.html")
        except PageProblem:
            pass

    make, n = FAMILIES[name]
    assert_linear(reader, make, n)
