"""Photos as people keep them: folders of folders, one photo opened in its folder, captions from
embedded XMP/IPTC/EXIF and from downloader sidecars."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.helpers.images import make_image
from tests.helpers.waiting import wait_for_photo, wait_until
from viewer.model import Deck, Library, Query
from viewer.model.search import SearchIndex
from viewer.sources import load_path


def run_viewer(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, timeout=60, env=env)


def photo(path: Path, color=(120, 120, 120), size=(40, 30)) -> Path:
    return make_image(path, color, size)


# -- folders of folders ------------------------------------------------------------------------------


@pytest.fixture
def pictures(tmp_path) -> Path:
    root = tmp_path / "Pictures"
    photo(root / "2023" / "summer" / "IMG_2.jpg")
    photo(root / "2023" / "summer" / "IMG_10.jpg")
    photo(root / "2023" / "winter" / "snow.png")
    photo(root / "2024" / "a.jpg")
    photo(root / "2024" / "b.jpg")
    photo(root / "2024" / "c.jpg")
    photo(root / "loose.jpg")
    photo(root / ".thumbnails" / "t.jpg")  # hidden: not a deck
    (root / "empty" / "deeper").mkdir(parents=True)
    os.symlink(root, root / "2023" / "loop")  # a symlink loop must end
    return root


def test_a_folder_of_folders_is_a_library_of_photo_decks(pictures):
    library = load_path(pictures)
    assert isinstance(library, Library)
    listed = [(d.title, len(d), d.kind) for d in library.decks]
    assert listed == [("Pictures", 1, "photos"), ("2023/summer", 2, "photos"), ("2023/winter", 1, "photos"),
                      ("2024", 3, "photos")]
    assert [s.photo.path.name for s in library.decks[1].slides] == ["IMG_2.jpg", "IMG_10.jpg"]


def test_photos_one_level_down_no_longer_say_the_folder_is_empty(tmp_path):
    photo(tmp_path / "trip" / "day-1" / "a.jpg")
    result = run_viewer(str(tmp_path / "trip"), "--list")
    assert result.returncode == 0 and b"day-1" in result.stdout and b"\tA" in result.stdout


def test_depth_is_bounded(tmp_path):
    folder = tmp_path / "root"
    for level in range(12):
        folder = folder / f"level{level}"
    photo(folder / "deep.jpg")
    photo(tmp_path / "root" / "level0" / "shallow.jpg")
    library = load_path(tmp_path / "root")
    titles = [d.title for d in library.decks] if isinstance(library, Library) else [library.title]
    assert titles == ["level0"]


def test_decks_in_subfolders_are_listed_and_their_picture_folders_are_not(tmp_path):
    trip = tmp_path / "trip"
    photo(trip / "day-1" / "pics" / "one.jpg")
    (trip / "day-1" / "story.md").write_text("---\ntitle: Day one\n---\n# Hill\n\n![a hill](pics/one.jpg)\n", encoding="utf-8")
    photo(trip / "day-2" / "two.jpg")
    library = load_path(trip)
    assert [(d.title, d.kind) for d in library.decks] == [("Day one", "deck"), ("day-2", "photos")]


async def test_the_library_app_shows_photo_counts_and_opens_a_folder(pictures):
    from viewer.ui.app import ViewerApp

    app = ViewerApp(load_path(pictures))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#decks")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("2024" in label and "3 photos" in label for label in labels)
        assert any("Pictures" in label and "1 photo ·" in label for label in labels)
        await pilot.press("end", "enter")
        await wait_for_photo(pilot)
        assert app.screen.deck.title == "2024" and len(app.screen.deck) == 3


# -- one photo as PATH ------------------------------------------------------------------------------


@pytest.fixture
def holiday(tmp_path) -> Path:
    folder = tmp_path / "holiday"
    for name, color in (("IMG_1.jpg", (200, 0, 0)), ("IMG_2.jpg", (0, 200, 0)), ("IMG_10.jpg", (0, 0, 200))):
        photo(folder / name, color)
    (folder / "IMG_2.md").write_text("# Green hills\n\nWe walked *all* day.\n", encoding="utf-8")
    return folder


async def test_one_photo_opens_its_folder_positioned_on_it(holiday):
    from viewer.ui.app import ViewerApp

    deck = load_path(holiday / "IMG_2.jpg")
    assert isinstance(deck, Deck) and len(deck) == 3 and deck.opened_on == 1
    app = ViewerApp(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_photo(pilot)
        assert app.screen.slide.title == "Green hills" and app.screen.cursor.number == 2
        await pilot.press("right")
        assert app.screen.slide.photo.path.name == "IMG_10.jpg"
        await pilot.press("left", "left")
        assert app.screen.slide.photo.path.name == "IMG_1.jpg"


def test_print_and_json_of_one_photo_use_its_sidecar(holiday):
    result = run_viewer(str(holiday / "IMG_2.jpg"), "--json")
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert result.returncode == 0 and len(records) == 1
    assert records[0]["title"] == "Green hills" and records[0]["caption"] == "We walked all day."
    assert records[0]["image"].endswith("IMG_2.jpg")
    printed = run_viewer(str(holiday / "IMG_2.jpg"), "--print", "--width", "30")
    assert printed.returncode == 0 and b"Green hills" in printed.stdout and b"We walked" in printed.stdout
    assert b"IMG 1" not in printed.stdout  # just that photo, not its neighbours
    bare = run_viewer(str(holiday / "IMG_10.jpg"), "--json")
    assert json.loads(bare.stdout)["title"] == "IMG 10"


def test_slide_option_still_wins_for_one_photo(holiday):
    from viewer.imaging import PhotoPipeline
    from viewer.ui.screens.deck_screen import DeckScreen

    screen = DeckScreen(load_path(holiday / "IMG_2.jpg"), PhotoPipeline(), slide_number=3)
    assert screen.cursor.number == 3


# -- captions inside the files ------------------------------------------------------------------------

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
      xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Agency Credit">
   <dc:title><rdf:Alt><rdf:li xml:lang="de">Der Leuchtturm</rdf:li><rdf:li xml:lang="x-default">The lighthouse</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Waves against the rocks at dusk.</rdf:li></rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>Ana Photographer</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def iptc_app13(datasets: dict[int, str]) -> bytes:
    """An APP13 segment: Photoshop 3.0 image resource 0x0404 holding IPTC record-2 datasets."""
    iptc = b"".join(b"\x1c\x02" + bytes([tag]) + struct.pack(">H", len(v.encode())) + v.encode() for tag, v in datasets.items())
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    if len(iptc) % 2:
        resource += b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


@pytest.fixture
def embedded(tmp_path) -> Path:
    folder = tmp_path / "embedded"
    folder.mkdir()
    base = Image.new("RGB", (40, 30), (10, 120, 200))
    exif = base.getexif()
    exif[0x010E] = "A harbour full of boats"
    exif[0x013B] = "Exif Artist"
    exif[0x9C9B] = "Harbour title".encode("utf-16-le") + b"\x00\x00"
    exif.get_ifd(0x8769)[0x9003] = "2023:05:01 14:22:03"
    base.save(folder / "exif.jpg", exif=exif)
    base.save(folder / "xmp.jpg", xmp=XMP.encode("utf-8"))
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP)
    base.save(folder / "xmp.png", pnginfo=info)
    data = (folder / "exif.jpg").read_bytes()
    plain = folder / "plain.jpg"
    base.save(plain)
    raw = plain.read_bytes()
    (folder / "iptc.jpg").write_bytes(raw[:2] + iptc_app13({5: "Market day", 120: "Stalls of fruit in the square.",
                                                               80: "Iptc Byline"}) + raw[2:])
    fresh = Image.new("RGB", (40, 30), (10, 120, 200))
    camera = fresh.getexif()
    camera[0x010E] = "OLYMPUS DIGITAL CAMERA         "
    fresh.save(folder / "camera.jpg", exif=camera)
    base.save(folder / "sidecar-wins.jpg", exif=exif)
    (folder / "sidecar-wins.txt").write_text("The sidecar's caption.", encoding="utf-8")
    bad = Image.new("RGB", (10, 10))
    bad.save(folder / "bad-xmp.jpg", xmp=b"<x:xmpmeta><unclosed")
    del data
    return folder


def test_embedded_xmp_iptc_and_exif_give_title_caption_and_credit(embedded):
    deck = load_path(embedded)
    by_file = {s.photo.path.name: s for s in deck.slides}
    exif = by_file["exif.jpg"]
    assert (exif.title, exif.caption_text, exif.credit, exif.date) == (
        "Harbour title", "A harbour full of boats", "Exif Artist", "2023-05-01 14:22")
    for name in ("xmp.jpg", "xmp.png"):
        slide = by_file[name]
        assert (slide.title, slide.caption_text, slide.credit) == (
            "The lighthouse", "Waves against the rocks at dusk.", "Agency Credit"), name
    iptc = by_file["iptc.jpg"]
    assert (iptc.title, iptc.caption_text, iptc.credit) == ("Market day", "Stalls of fruit in the square.", "Iptc Byline")
    assert by_file["camera.jpg"].caption_text == ""  # a camera's name is not a caption
    assert by_file["camera.jpg"].title == "Camera"
    wins = by_file["sidecar-wins.jpg"]
    assert wins.caption_text == "The sidecar's caption." and wins.title == "Sidecar wins"


def test_search_covers_embedded_and_downloader_text(embedded):
    deck = load_path(embedded)
    index = SearchIndex(deck)
    found = lambda text: [deck.slides[i].photo.path.name for i in index.matching(Query.parse(text))]  # noqa: E731
    assert found("lighthouse") == ["xmp.jpg", "xmp.png"]
    assert found("fruit square") == ["iptc.jpg"]
    assert found("exif artist") == ["exif.jpg"]  # sidecar-wins.jpg has the same EXIF, but its sidecar wins
    listed = run_viewer(str(embedded), "--search", "agency credit", "--list")
    assert listed.returncode == 0 and listed.stdout.count(b"\n") == 2


def test_check_reports_unreadable_metadata(embedded, tmp_path):
    result = run_viewer("check", str(embedded))
    out = result.stdout.decode()
    assert result.returncode == 1 and "bad-xmp.jpg" in out and "XMP metadata is damaged" in out
    assert "Traceback" not in result.stderr.decode()


def test_xmp_with_entities_is_refused(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>')
    Image.new("RGB", (10, 10)).save(tmp_path / "bomb.jpg", xmp=bomb.encode())
    deck = load_path(tmp_path)
    assert deck.slides[0].caption_text == ""
    assert any("entities" in n.message for n in deck.found_notices)


# -- downloader sidecars -----------------------------------------------------------------------------

GALLERY_DL = {
    "tweet.jpg.json": {"content": "Sunrise over the bay https://t.co/x", "author": {"name": "Bay Watcher", "nick": "bay"},
                       "date": "2023-03-04 05:06:07", "tweet_id": 1},
    "insta.jpg.json": {"description": "Coffee and <b>croissants</b>", "username": "cafe_lover", "fullname": "Café Lover",
                       "date": "2022-11-01 08:00:00"},
    "reddit.png.json": {"title": "My cat on the keyboard", "author": "whiskers42", "created_utc": 1600000000},
    "flickr.jpg.json": {"title": "Old mill", "description": "The mill by the river.", "owner": {"username": "mill_fan",
                        "realname": "Mill Fan"}, "date": "2019-07-08 09:10:11"},
}


@pytest.fixture
def downloads(tmp_path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name, record in GALLERY_DL.items():
        image_name = name[: -len(".json")]
        photo(folder / image_name)
        (folder / name).write_text(json.dumps(record), encoding="utf-8")
    photo(folder / "clip.jpg")
    (folder / "clip.info.json").write_text(json.dumps({"title": "Skate trick", "description": "Kickflip at the park.",
                                                       "uploader": "Skater Sam", "upload_date": "20230115"}), encoding="utf-8")
    photo(folder / "broken.jpg")
    (folder / "broken.jpg.json").write_text("{not json", encoding="utf-8")
    photo(folder / "deep.jpg")
    (folder / "deep.jpg.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    photo(folder / "both.jpg")
    (folder / "both.jpg.json").write_text(json.dumps({"title": "From JSON"}), encoding="utf-8")
    (folder / "both.md").write_text("# From the sidecar\n", encoding="utf-8")
    return folder


def test_downloader_sidecars_give_title_caption_credit_and_date(downloads):
    deck = load_path(downloads)
    by_file = {s.photo.path.name: s for s in deck.slides}
    tweet, insta, reddit, flickr, clip = (by_file[n] for n in ("tweet.jpg", "insta.jpg", "reddit.png", "flickr.jpg", "clip.jpg"))
    assert tweet.title == "Tweet" and tweet.caption_text.startswith("Sunrise over the bay") and tweet.credit == "Bay Watcher"
    assert tweet.date.startswith("2023-03-04")
    assert insta.caption_text == "Coffee and croissants" and insta.credit == "cafe_lover"
    assert reddit.title == "My cat on the keyboard" and reddit.credit == "whiskers42"
    assert (flickr.title, flickr.caption_text, flickr.credit) == ("Old mill", "The mill by the river.", "mill_fan")
    assert (clip.title, clip.caption_text, clip.credit, clip.date) == ("Skate trick", "Kickflip at the park.", "Skater Sam", "2023-01-15")
    assert by_file["both.jpg"].title == "From the sidecar"  # the caption sidecar wins
    assert by_file["broken.jpg"].title == "Broken" and by_file["deep.jpg"].title == "Deep"
    problems = "\n".join(str(n) for n in deck.found_notices)
    assert "broken.jpg.json" in problems and "not valid JSON" in problems
    assert "deep.jpg.json" in problems


def test_check_reports_broken_downloader_json(downloads):
    result = run_viewer("check", str(downloads))
    assert result.returncode == 1 and b"broken.jpg.json" in result.stdout and b"Traceback" not in result.stderr


# -- bounded scanning, info line -------------------------------------------------------------------


def test_listing_a_big_folder_reads_no_photo_until_a_slide_is_needed(tmp_path, monkeypatch):
    import viewer.imaging.embedded_metadata as metadata

    folder = tmp_path / "many"
    folder.mkdir()
    source = photo(tmp_path / "one.jpg")
    for n in range(3000):
        os.link(source, folder / f"IMG_{n}.jpg")
    calls = []
    original = metadata.embedded_text
    monkeypatch.setattr(metadata, "embedded_text", lambda path: calls.append(path) or original(path))
    deck = load_path(folder)
    assert len(deck) == 3000 and calls == []
    assert deck.slides[2999].title == "IMG 2999" and len(calls) == 1


async def test_the_info_line_shows_file_size_and_date_taken(embedded):
    from viewer.ui.app import ViewerApp
    from viewer.ui.widgets.info_line import InfoLine

    deck = load_path(embedded / "exif.jpg")
    app = ViewerApp(deck)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_photo(pilot)
        line = app.screen.query_one(InfoLine)
        assert not line.display
        await pilot.press("i")
        await wait_until(pilot, lambda: "taken" in str(line.render()), what="the date taken in the info line")
        text = str(line.render())
        assert line.display and "exif.jpg" in text and "40×30" in text and "taken 2023-05-01 14:22" in text
        await pilot.press("i")
        assert not line.display
