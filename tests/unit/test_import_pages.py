"""`viewer import page.html`: saved web pages in the markup styles real sites use (made-up text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from viewer.cli import main
from viewer.importer.page import read_page
from viewer.sources import load_paths


def picture(path: Path, size=(640, 420), color=(180, 90, 40)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


def saved_page(tmp_path: Path, body: str, files: dict[str, tuple[int, int]], head: str = "",
               encoding: str = "utf-8") -> Path:
    """page.html + page_files/ as "Save page as… complete" leaves them."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, size in files.items():
        picture(tmp_path / "page_files" / name, size)
    page = tmp_path / "page.html"
    html = f"<!DOCTYPE html><html><head>{head}<title>Site name | A story</title></head><body>{body}</body></html>"
    page.write_bytes(html.encode(encoding))
    return page


CHROME = """
<header><a href="/"><img src="page_files/logo.png" alt="The Daily Example"></a><nav><a href="/news">News</a></nav></header>
<div class="share-buttons"><img src="page_files/facebook.png" alt="Share"></div>
<img src="page_files/pixel.gif" width="1" height="1" alt="">
"""
CHROME_FILES = {"logo.png": (180, 40), "facebook.png": (24, 24), "pixel.gif": (1, 1)}
RELATED = """
<aside class="related"><a href="/other-story.html"><img src="page_files/related1.jpg"></a></aside>
<div class="ad-slot advert"><img src="page_files/ad.jpg"></div>
<footer><img src="page_files/avatar.jpg" class="author-avatar"></footer>
"""
RELATED_FILES = {"related1.jpg": (300, 200), "ad.jpg": (300, 250), "avatar.jpg": (96, 96)}


def read(page: Path):
    return read_page(page.read_bytes(), page)


def test_wordpress_block_gallery_and_chrome(tmp_path):
    body = CHROME + """<article><h1>Harbour life</h1>
    <p>The harbour has changed more in ten years than in the hundred before, and these pictures show how.</p>
    <figure class="wp-block-gallery"><figure class="wp-block-image"><img src="page_files/boats.jpg" alt="Boats">
      <figcaption class="wp-element-caption">Fishing boats at anchor before dawn. (Photo by Lena Berg/Harbour Press)</figcaption></figure>
    <figure class="wp-block-image"><img src="page_files/crane.jpg" alt="A crane">
      <figcaption class="wp-element-caption">The new container crane, taller than the church spire.</figcaption></figure></figure>
    </article>""" + RELATED
    page = saved_page(tmp_path, body, {"boats.jpg": (800, 533), "crane.jpg": (600, 900), **CHROME_FILES, **RELATED_FILES})
    result = read(page)
    assert result.title == "Harbour life"
    assert result.intro == ["The harbour has changed more in ten years than in the hundred before, and these pictures show how."]
    assert [s.title for s in result.slides] == ["Fishing boats at anchor before dawn.",
                                                "The new container crane, taller than the church spire."]
    assert result.slides[0].photo.credit == "Photo by Lena Berg/Harbour Press"
    assert result.slides[0].photo.local.name == "boats.jpg"
    skipped = " ".join(name for name, _ in result.skipped)
    for chrome in ("logo.png", "facebook.png", "pixel.gif", "related1.jpg", "ad.jpg", "avatar.jpg"):
        assert chrome in skipped or chrome not in str([s.photo.source for s in result.slides]), chrome
    assert all(s.photo.local.name in ("boats.jpg", "crane.jpg") for s in result.slides)


def test_classic_wordpress_captions_and_credit_spans(tmp_path):
    body = """<div class="entry-content">
    <div class="wp-caption aligncenter"><img src="page_files/market.jpg" width="640" height="420">
      <p class="wp-caption-text">Saturday market in the old square <span class="photo-credit">Ana Ruiz / Town Archive</span></p></div>
    <p>Stalls have stood here since the fourteenth century, the guide told us.</p>
    </div>"""
    page = saved_page(tmp_path, body, {"market.jpg": (640, 420)})
    (slide,) = read(page).slides
    assert slide.title == "Saturday market in the old square"
    assert slide.photo.credit == "Ana Ruiz / Town Archive"
    assert slide.paragraphs == ["Stalls have stood here since the fourteenth century, the guide told us."]


def test_news_figure_with_picture_sources_and_lazy_listicle(tmp_path):
    body = """<main>
    <h2>1. The hidden staircase</h2>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="page_files/stairs%20big.jpg" alt="Stairs">
    <p>Behind an unmarked door, 212 steps lead down to the river.</p>
    <h2>2. A garden on the roof</h2>
    <figure><picture><source srcset="page_files/roof-small.webp 480w, page_files/roof-large.webp 1200w">
      <img src="page_files/pixel.gif"></picture>
      <figcaption><span class="caption-text">Tomatoes above the traffic.</span><span class="credit">Photo: Omar Haddad</span></figcaption></figure>
    <p>The owners water it from a rain tank.</p>
    </main>"""
    page = saved_page(tmp_path, body, {"stairs big.jpg": (900, 600), "roof-small.webp": (480, 320),
                                       "roof-large.webp": (1200, 800), "pixel.gif": (1, 1)})
    slides = read(page).slides
    # List numbers go from slide titles, as in text import (corpus rule: titles without list numbers)
    assert [s.title for s in slides] == ["The hidden staircase", "A garden on the roof"]
    assert slides[0].photo.local.name == "stairs big.jpg"  # URL-encoded name, lazy-loaded
    assert slides[0].paragraphs == ["Behind an unmarked door, 212 steps lead down to the river."]
    assert slides[1].photo.local.name == "roof-large.webp"  # the largest saved source
    assert slides[1].photo.credit == "Photo: Omar Haddad"
    assert slides[1].paragraphs == ["Tomatoes above the traffic.", "The owners water it from a rain tank."]


def test_wikipedia_gallery_json_ld_and_remote_images(tmp_path):
    body = """<div id="content"><ul class="gallery">
      <li class="gallerybox"><div class="thumb"><a href="page_files/bridge.jpg"><img src="page_files/bridge.jpg"></a></div>
        <div class="gallerytext">The stone bridge in winter</div></li>
      <li class="gallerybox"><div class="thumb"><img src="https://upload.example.org/tower.jpg"></div>
        <div class="gallerytext">The clock tower (not saved with the page)</div></li>
      </ul><img src="page_files/mill.jpg" alt="The old mill"></div>"""
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "ImageObject", "contentUrl": "https://example.org/images/mill.jpg",
       "caption": "The old mill, restored in 2004", "creditText": "Village Society"}]}</script>"""
    page = saved_page(tmp_path, body, {"bridge.jpg": (700, 500), "mill.jpg": (800, 600)}, head=head)
    slides = read(page).slides
    assert [s.title for s in slides] == ["The stone bridge in winter", "The clock tower (not saved with the page)",
                                         "The old mill, restored in 2004"]
    assert slides[1].photo.local is None and slides[1].photo.remote == "https://upload.example.org/tower.jpg"
    assert slides[2].photo.credit == "Village Society"


def test_long_form_prose_belongs_to_the_photo_before_it(tmp_path):
    body = """<article><h1>A winter on the island</h1>
    <p>First paragraph of the introduction.</p><p>Second paragraph of the introduction.</p>
    <figure><img src="page_files/one.jpg"><figcaption>The ferry in the ice.</figcaption></figure>
    <p>After the ferry stopped, the island was cut off for six weeks.</p><p>People walked across.</p>
    <figure><img src="page_files/two.jpg"><figcaption>The school, the only heated building.</figcaption></figure>
    <p>Children slept there during the coldest week.</p></article>"""
    page = saved_page(tmp_path, body, {"one.jpg": (800, 500), "two.jpg": (800, 500)})
    result = read(page)
    assert result.intro == ["First paragraph of the introduction.", "Second paragraph of the introduction."]
    assert [s.paragraphs for s in result.slides] == [
        ["After the ferry stopped, the island was cut off for six weeks.", "People walked across."],
        ["Children slept there during the coldest week."]]


def test_a_declared_charset_is_honoured(tmp_path):
    body = "<article><figure><img src='page_files/caf\u00e9.jpg'><figcaption>Caf\u00e9 cr\u00e8me at the corner, \u00a92020</figcaption></figure></article>"
    page = saved_page(tmp_path, body, {"caf\u00e9.jpg": (600, 400)}, head='<meta charset="windows-1252">',
                      encoding="cp1252")
    (slide,) = read(page).slides
    assert slide.title.startswith("Caf\u00e9 cr\u00e8me")


def test_pages_never_make_import_read_outside_their_folder(tmp_path):
    outside = picture(tmp_path / "secret.jpg", (800, 600))
    inner = tmp_path / "site"
    body = f"<article><img src='../secret.jpg'><img src='file://{outside}'><img src='/etc/passwd'></article>"
    page = saved_page(inner, body, {})
    result = read(page)
    assert not any(s.photo.local for s in result.slides)


def test_import_command_copies_the_photos_and_the_deck_opens(tmp_path, capsys):
    body = CHROME + """<article><h1>Harbour life</h1><p>An introduction long enough to be prose.</p>
    <figure><img src="page_files/boats%201.jpg" alt="Boats at anchor"><figcaption>Boats at anchor.
    <span class="credit">Lena Berg</span></figcaption></figure></article>"""
    page = saved_page(tmp_path, body, {"boats 1.jpg": (800, 533), **CHROME_FILES})
    assert main(["import", str(page)]) == 0
    err = capsys.readouterr().err
    assert "1 photo + intro -> 2 slides" in err and "copied into page_images/" in err
    deck_file = tmp_path / "page.md"
    deck = load_paths([deck_file])
    assert [s.title for s in deck.slides] == ["Harbour life", "Boats at anchor."]
    photo = deck.slides[1].photo
    assert photo.path == (tmp_path / "page_images" / "01-boats-at-anchor.jpg").resolve() or photo.path.name == "01-boats-at-anchor.jpg"
    assert photo.path.is_file() and deck.slides[1].credit == "Lena Berg"
    assert main(["import", str(page)]) == 2  # never overwrites without --force
    capsys.readouterr()
    assert main(["import", str(page), "-o", str(tmp_path / "linked.md"), "--link"]) == 0
    linked = load_paths([tmp_path / "linked.md"])
    assert linked.slides[1].photo.path.name == "boats 1.jpg"


def test_without_an_article_element_chrome_is_recognised_and_listed(tmp_path):
    body = CHROME + """<div class="content"><h1>Harbour life</h1>
    <div class="wp-caption"><img src="page_files/boats.jpg"><p class="wp-caption-text">Boats before dawn.</p></div>
    <img src="page_files/tiny.png" alt="An arrow">
    </div>""" + RELATED
    page = saved_page(tmp_path, body, {"boats.jpg": (800, 533), "tiny.png": (40, 40), **CHROME_FILES, **RELATED_FILES})
    result = read(page)
    assert [s.photo.local.name for s in result.slides] == ["boats.jpg"]
    skipped = {name.rsplit("/", 1)[-1]: why for name, why in result.skipped}
    assert set(skipped) >= {"logo.png", "facebook.png", "pixel.gif", "related1.jpg", "ad.jpg", "avatar.jpg", "tiny.png"}
    assert "pixels" in skipped["tiny.png"] and "chrome" in skipped["related1.jpg"]


def test_bylines_and_dates_are_not_prose(tmp_path):
    body = """<article><h1>Harbour life</h1><p class="byline">By Ines Okafor</p><p class="date">May 2, 2019</p>
    <p>The real introduction.</p><figure><img src="page_files/a.jpg"><figcaption>A boat.</figcaption></figure></article>"""
    result = read(saved_page(tmp_path, body, {"a.jpg": (640, 480)}))
    assert result.intro == ["The real introduction."]
    assert result.left_out == ["By Ines Okafor", "May 2, 2019"]  # reported, not lost silently


@pytest.mark.parametrize("html", [
    b"<div>" * 3_000 + b"<figure><img src='page_files/a.jpg'><figcaption>Deep.</figcaption></figure>",
    b"<b><i>" * 50_000 + b"<figure><img src='page_files/a.jpg'><figcaption>Deep inline.</figcaption></figure>",
    b"\x00\xff\xfe garbage \x1b[31m <<<>>> </script> <img src=\x00>",
    b"<meta charset='no-such-charset'><p>Caf\xe9</p>",
    b"<figure>" + b"<img src='page_files/a.jpg'>" * 5000 + b"<figcaption>Many.</figcaption></figure>",
    b"<p>\x1b]0;evil title\x07 caption \x9b2J with escapes</p><img src='page_files/a.jpg' alt='\x1b[2J'>",
    b"<script type='application/ld+json'>" + b"[" * 5000 + b"</script><img src='page_files/a.jpg'>",
], ids=["deep divs", "deep inline", "garbage", "bad charset", "many images", "escapes", "deep json"])
def test_hostile_pages_import_without_tracebacks_or_escapes(tmp_path, capsys, html):
    picture(tmp_path / "page_files" / "a.jpg", (640, 480))
    page = tmp_path / "page.html"
    page.write_bytes(b"<!DOCTYPE html><html><body>" + html + b"</body></html>")
    assert main(["import", str(page), "--force"]) == 0
    out, err = capsys.readouterr()
    deck = (tmp_path / "page.md").read_text(encoding="utf-8")
    for text in (deck, err):
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text and "Traceback" not in text
    load_paths([tmp_path / "page.md"])


def test_absurdly_deep_pages_are_refused_in_words(tmp_path, capsys):
    page = tmp_path / "deep.html"
    page.write_bytes(b"<!DOCTYPE html><body>" + b"<div>" * 100_000 + b"x")
    assert main(["import", str(page)]) == 2
    err = capsys.readouterr().err
    assert "nest more than" in err and "Traceback" not in err


def test_wikipedia_thumbs_and_cite_credits(tmp_path):
    body = """<div id="bodyContent"><p>An article about a town.</p>
    <div class="thumb tright"><div class="thumbinner"><a href="page_files/square.jpg" class="image">
      <img src="page_files/square.jpg" width="220" height="147"></a>
      <div class="thumbcaption">The main square in 1910</div></div></div>
    <figure><img src="page_files/river.jpg"><figcaption>The river at dusk <cite>Jane Doe/Town Archive</cite></figcaption></figure>
    </div>"""
    slides = read(saved_page(tmp_path, body, {"square.jpg": (660, 441), "river.jpg": (800, 500)})).slides
    assert [(s.title, s.photo.credit) for s in slides] == [("The main square in 1910", None),
                                                          ("The river at dusk", "Jane Doe/Town Archive")]
