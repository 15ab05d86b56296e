"""`viewer export`: the page's content, its pictures, and where (and how) it is written.

The page's behaviour in a real browser is tested in tests/e2e/test_export_browser.py.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.helpers.story_decks import HOSTILE, make_story, photo_like
from viewer.commands.view import main
from viewer.export.progress import Progress
from viewer.export.render_html import caption_html
from viewer.model.deck import Slide
from viewer.sources import load_path
from viewer.sources.markdown_text import markdown_runs

REPO = Path(__file__).resolve().parents[2]


class Page(HTMLParser):
    """The parts of an exported page the tests look at."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.figures: list[dict[str, str | None]] = []
        self.images: list[dict[str, str | None]] = []
        self.scripts = 0
        self.text: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "figure":
            self.figures.append(attributes)
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        self.text.append(data)


def export(*args: str) -> tuple[int, str]:
    """Run `viewer export ARGS` in this process; (exit status, stderr)."""
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["export", *args])
    return code, err.getvalue()


def picture(uri: str) -> Image.Image:
    header, _, data = uri.partition(",")
    assert header in ("data:image/jpeg;base64", "data:image/png;base64"), header
    return Image.open(io.BytesIO(base64.b64decode(data)))


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return make_story(tmp_path / "deck")


def test_a_self_contained_page_holds_every_slide_as_a_figure(story, tmp_path):
    out = tmp_path / "story.html"
    code, err = export(str(story), "-o", str(out))
    assert code == 1, err  # one slide's photo is missing: said, and the rest is written
    assert "slide 5: img/missing.jpg: file not found" in err and "wrote" in err
    source = out.read_text(encoding="utf-8")
    page = Page(source)
    assert [f["id"] for f in page.figures] == [str(n) for n in range(1, 11)]
    assert sum(1 for tag, _ in page.tags if tag == "figcaption") == 10
    assert len(page.images) == 7  # slides 4 and 6 have no photo, slide 5's is missing
    assert all(img["src"].startswith("data:image/") and img["alt"] for img in page.images)
    assert "Photo unavailable" in source and "file not found" in source
    text = "".join(page.text)
    assert "A story to share" in text and "Harbour at dawn" in text and "Jane Doe" in text
    assert "source: test-suite" in text
    # Nothing is fetched: every picture is inline data, and no element points anywhere else.
    for tag, attributes in page.tags:
        for name in ("src", "href"):
            value = attributes.get(name)
            if value is not None and tag != "a":
                assert value.startswith(("data:", "#")), (tag, value[:40])
    assert not re.search(r"https?://", source.replace("http://www.w3.org", ""))


def test_a_hostile_caption_is_text_never_markup(story, tmp_path):
    out = tmp_path / "story.html"
    export(str(story), "-o", str(out))
    source = out.read_text(encoding="utf-8")
    page = Page(source)
    assert "<script>window.pwned" not in source
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in source
    assert HOSTILE in "".join(page.text)  # shown exactly, as text
    assert page.scripts == 3  # the page's own: the head's one line, the search tables (data), the behaviour
    for tag, attributes in page.tags:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        assert not (tag == "a" and (attributes.get("href") or "").startswith("javascript")), attributes
    assert "javascript:window.pwned=3" in "".join(page.text)  # the link's address shown, not made a link


def test_photos_are_resized_upright_and_stripped_of_metadata(story, tmp_path):
    out = tmp_path / "story.html"
    export(str(story), "-o", str(out))
    images = Page(out.read_text(encoding="utf-8")).images
    harbour = picture(images[0]["src"])
    assert harbour.format == "JPEG" and harbour.width == 1600 and abs(harbour.height - 1067) <= 1  # 3:2 kept
    assert (int(images[0]["width"]), int(images[0]["height"])) == harbour.size
    assert not harbour.getexif() and "exif" not in harbour.info  # camera, GPS: gone
    rotated = picture(images[1]["src"])
    assert rotated.size == (900, 600)  # stored 600×900, EXIF orientation 6
    # The white marker, top-left as stored, is top-right once upright.
    assert rotated.convert("L").getpixel((880, 20)) > 230 and rotated.convert("L").getpixel((20, 20)) < 230
    portrait = picture(images[2]["src"])
    assert portrait.size == (900, 1600) and portrait.mode == "RGB"  # transparency on the page's background
    thumbs = [f["data-thumb"] for f in Page(out.read_text(encoding="utf-8")).figures if f.get("data-thumb")]
    assert len(thumbs) == 7 and all(max(picture(t).size) <= 320 for t in thumbs)


def test_max_size_and_keep_exif(story, tmp_path):
    out = tmp_path / "small.html"
    export(str(story), "-o", str(out), "--max-size", "500", "--keep-exif")
    images = Page(out.read_text(encoding="utf-8")).images
    harbour, rotated = picture(images[0]["src"]), picture(images[1]["src"])
    assert max(harbour.size) == 500 and max(rotated.size) == 500 and rotated.width > rotated.height
    exif = harbour.getexif()
    assert exif.get(0x010F) == "TestCam" and exif.get_ifd(0x8825)  # camera and GPS kept, as asked
    assert rotated.getexif().get(0x0112) == 1  # already upright: the orientation must not turn it again


@pytest.mark.parametrize("value", ["10", "5000", "big", "-3"])
def test_bad_max_size_is_a_usage_error(story, tmp_path, value, capsys):
    with pytest.raises(SystemExit) as info:
        main(["export", str(story), "-o", str(tmp_path / "x.html"), "--max-size", value])
    assert info.value.code == 2 and "--max-size" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_a_folder_export_writes_index_and_images(story, tmp_path):
    out = tmp_path / "site"
    code, err = export(str(story), "-o", str(out) + "/")
    assert code == 1 and "(folder)" in err
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    sources = [img["src"] for img in page.images]
    assert sources[0] == "images/0001.jpg" and sources[2] == "images/0003.png"
    for src in sources:
        assert (out / src).is_file()
    thumbs = [f["data-thumb"] for f in page.figures if f.get("data-thumb")]
    assert thumbs[0] == "images/0001-thumb.jpg" and all((out / t).is_file() for t in thumbs)
    assert Image.open(out / "images" / "0001.jpg").width == 1600
    assert not list(out.rglob(".viewer-*"))


def test_photo_folders_and_saved_pages_export_too(tmp_path):
    folder = tmp_path / "photos"
    for n in range(3):
        photo_like(folder / f"IMG_{n}.jpg", (300, 200), (100, 50 * n, 90), seed=n)
    code, err = export(str(folder), "-o", str(tmp_path / "photos.html"))
    assert code == 0, err
    assert len(Page((tmp_path / "photos.html").read_text(encoding="utf-8")).figures) == 3
    page = tmp_path / "saved.html"
    page.write_text("<html><head><title>Saved gallery</title></head><body><h1>Saved gallery</h1>"
                    "<figure><img src='saved_files/a.jpg' alt='A boat'><figcaption>A boat at sea.</figcaption></figure>"
                    "</body></html>", encoding="utf-8")
    photo_like(tmp_path / "saved_files" / "a.jpg", (300, 200), (10, 90, 200))
    code, err = export(str(page), "-o", str(tmp_path / "out.html"))
    assert code == 0 and "1 slide, 1 picture" in err, err
    exported = Page((tmp_path / "out.html").read_text(encoding="utf-8"))
    assert exported.images[0]["alt"] == "A boat" and exported.images[0]["src"].startswith("data:image/jpeg")
    assert "A boat at sea." in "".join(exported.text)


def test_never_over_a_file_without_force_and_never_through_a_link(story, tmp_path):
    out = tmp_path / "story.html"
    out.write_text("mine", encoding="utf-8")
    code, err = export(str(story), "-o", str(out))
    assert code == 2 and "exists; use --force" in err and out.read_text(encoding="utf-8") == "mine"
    assert export(str(story), "-o", str(out), "--force")[0] == 1 and "<figure" in out.read_text(encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("keep", encoding="utf-8")
    for name, target in (("link.html", secret), ("dangling.html", tmp_path / "nowhere")):
        (tmp_path / name).symlink_to(target)
        code, err = export(str(story), "-o", str(tmp_path / name), "--force")
        assert code == 2 and "symbolic link" in err, err
        assert os.path.islink(tmp_path / name)
    assert secret.read_text(encoding="utf-8") == "keep" and not (tmp_path / "nowhere").exists()
    os.mkfifo(tmp_path / "fifo.html")
    code, err = export(str(story), "-o", str(tmp_path / "fifo.html"), "--force")
    assert code == 2 and "special file" in err
    code, err = export(str(story), "-o", str(story), "--force")
    assert code == 2 and "the deck itself" in err and story.read_text(encoding="utf-8").startswith("---")


def test_folder_outputs_are_refused_when_not_empty_or_a_link(story, tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    code, err = export(str(story), "-o", str(busy))
    assert code == 2 and "not empty" in err and sorted(os.listdir(busy)) == ["notes.txt"]
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "elsewhere")
    code, err = export(str(story), "-o", str(tmp_path / "linked") + "/", "--force")
    assert code == 2 and "symbolic link" in err and not os.listdir(tmp_path / "elsewhere")
    (busy / "images").symlink_to(tmp_path / "elsewhere")
    code, err = export(str(story), "-o", str(busy), "--force")
    assert code == 2 and "symbolic link" in err and not os.listdir(tmp_path / "elsewhere")


def test_an_interrupted_export_leaves_nothing_behind(story, tmp_path, monkeypatch):
    import viewer.export.story as story_module

    calls = []

    def interrupted(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    real = story_module.web_image
    monkeypatch.setattr(story_module, "web_image", interrupted)
    out = tmp_path / "out" / "story.html"
    with pytest.raises(KeyboardInterrupt):  # the command line turns it into exit status 130
        story_module.export_deck(load_path(story), out, False, story_module.Options())
    assert len(calls) == 3 and not out.exists() and os.listdir(out.parent) == []
    (tmp_path / "out" / "story.html").write_text("before", encoding="utf-8")
    calls.clear()
    with pytest.raises(KeyboardInterrupt):
        story_module.export_deck(load_path(story), out, False, story_module.Options(force=True))
    assert out.read_text(encoding="utf-8") == "before" and os.listdir(out.parent) == ["story.html"]


def test_what_cannot_be_exported_is_one_line(tmp_path, capsys):
    code, err = export(str(tmp_path / "missing.md"), "-o", str(tmp_path / "x.html"))
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    for name in ("one", "two"):
        (tmp_path / "decks" / f"{name}.md").parent.mkdir(exist_ok=True)
        (tmp_path / "decks" / f"{name}.md").write_text(f"# {name}\n\nText.\n", encoding="utf-8")
    code, err = export(str(tmp_path / "decks"), "-o", str(tmp_path / "x.html"))
    assert code == 2 and "holds 2 decks" in err and "export one deck at a time" in err
    (tmp_path / "empty.md").write_text("---\ntitle: Empty\n---\n", encoding="utf-8")
    code, err = export(str(tmp_path / "empty.md"), "-o", str(tmp_path / "x.html"))
    assert code == 2 and "no slides to export" in err and "nothing written" in err
    assert not (tmp_path / "x.html").exists()


ALLOWED_TAGS = {"p", "br", "strong", "em", "s", "code", "span", "blockquote", "pre"}


class Fragment(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("br",):
            self.parts.append("\n")
        elif tag in ("p", "pre") and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


MARKDOWN_BITS = st.sampled_from(["*", "_", "`", "<", ">", "&", "\n", "\n\n", "# ", "> ", "- ", "1. ", "[a](b)",
                                 "<script>", "</p>", "\"", "'", "&amp;", "<b onclick=x>", "```\n", "~~", "|", " "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=6)), max_size=30))
def test_caption_html_is_the_captions_text_in_a_few_harmless_tags(pieces):
    source = "".join(pieces)
    runs = markdown_runs(source)
    caption_text = "".join(text for text, _ in runs)
    slide = Slide(title="t", caption=source, caption_text=caption_text, caption_runs=runs)
    fragment = Fragment()
    fragment.feed(caption_html(slide))
    fragment.close()
    for tag, attrs in fragment.tags:
        assert tag in ALLOWED_TAGS, tag
        assert all(name in ("class", "role") for name, _ in attrs), attrs
    assert " ".join("".join(fragment.parts).split()) == " ".join(caption_text.split())


def test_the_progress_bar_draws_only_on_a_terminal():
    class Terminal(io.StringIO):
        encoding = "utf-8"

        def isatty(self):
            return True

    shown = Terminal()
    progress = Progress(25, shown)
    for done in range(1, 26):
        progress.update(done)
    progress.finish()
    assert shown.getvalue().startswith("\rexporting ") and "25/25" in shown.getvalue()
    assert "█" * 30 in shown.getvalue()
    quiet = io.StringIO()
    bar = Progress(1000, quiet)
    bar.update(500)
    bar.finish()
    assert quiet.getvalue() == ""
    small = Terminal()
    Progress(3, small).update(3)
    assert small.getvalue() == ""  # a small deck: just the summary


def peak_export(folder: Path, out: Path) -> tuple[subprocess.CompletedProcess, float]:
    code = (
        "import sys\nfrom viewer.commands.view import main\n"
        "status = main(sys.argv[1:])\n"
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "sys.stderr.write(f'\\nPEAK-KB {peak}\\n')\nsys.exit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, "export", str(folder), "-o", str(out)], capture_output=True,
                            timeout=600, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    line = [ln for ln in result.stderr.decode().splitlines() if ln.startswith("PEAK-KB")][-1]
    return result, int(line.split()[1]) / 1024


def test_a_thousand_photos_export_in_bounded_memory(tmp_path):
    """The page is streamed a photo at a time: 1,000 photos cost what 10 do, give or take a little,
    though the page itself is far larger than that difference."""
    originals = [photo_like(tmp_path / "seed" / f"{n}.jpg", (640, 480), (40 * n, 120, 200 - 15 * n), seed=n)
                 for n in range(10)]
    small, big = tmp_path / "small", tmp_path / "big"
    small.mkdir()
    big.mkdir()
    for n in range(1000):
        shutil.copyfile(originals[n % 10], big / f"photo-{n:04d}.jpg")
        if n < 10:
            shutil.copyfile(originals[n], small / f"photo-{n:04d}.jpg")
    done_small, peak_small = peak_export(small, tmp_path / "small.html")
    done_big, peak_big = peak_export(big, tmp_path / "big.html")
    assert done_small.returncode == 0 and done_big.returncode == 0, done_big.stderr[-500:]
    page_mb = (tmp_path / "big.html").stat().st_size / (1024 * 1024)
    assert page_mb > 60  # 1,000 photos inline (about 0.1 MB each as base64)
    assert peak_big - peak_small < 40, (peak_small, peak_big, page_mb)
    assert b"1,000 slides, 1,000 pictures" in done_big.stderr


def test_stand_in_illustrations_stay_labelled_and_crisp(tmp_path):
    deck = REPO / "slides" / "north-korea-they-also-smile.md"
    out = tmp_path / "smile.html"
    code, err = export(str(deck), "-o", str(out))
    assert code == 0, err
    source = out.read_text(encoding="utf-8")
    page = Page(source)
    count = len(page.figures)
    assert count > 10 and source.count('<span class="badge">Stand-in illustration</span>') == count
    assert source.count('class="photo crisp"') == count  # pixel art: PNG, scaled without smoothing
    assert all(img["src"].startswith("data:image/png") and img["alt"].startswith("Stand-in illustration")
               for img in page.images)
