"""Issue 19: `viewer import` refuses what is not an article — a photo or other binary file, or a
file that already is a viewer deck — in one line, exit 2, writing nothing. By content, not name."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from viewer.basics.sniff import binary_kind
from viewer.cli import main
from viewer.commands.not_an_article import is_viewer_deck, shell_word

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = """A week on the harbour

The harbour has changed more in ten years than in the hundred before, and these pictures show how.

Morning boats

Fishing boats wait at anchor before dawn while the first ferry leaves for the islands.
(Image via Lena Berg)

The crane

The new container crane is taller than the church spire and works through the night.
(Image via Ola Sund)
"""


def image_bytes(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, kind)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


BINARIES = {
    "photo.jpg": lambda: image_bytes("JPEG"),
    "photo.png": lambda: image_bytes("PNG"),
    "photo.gif": lambda: image_bytes("GIF"),
    "photo.webp": lambda: image_bytes("WEBP"),
    "photo.tiff": lambda: image_bytes("TIFF"),
    "photo.bmp": lambda: image_bytes("BMP"),
    "article.txt": lambda: image_bytes("JPEG"),  # a JPEG whatever its name says
    "page.html": lambda: image_bytes("PNG"),
    "report.pdf": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "story.docx": zip_bytes,
    "story.txt.gz": lambda: gzip.compress(ARTICLE.encode()),
    "noise.bin": lambda: bytes(range(256)) * 4,
    "controls.txt": lambda: b"\x01\x02\x03\x04\x05\x06abc\x10\x11\x12" * 50,  # no NUL, but no text either
}


def files_under(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_files_are_not_articles(tmp_path, capsys, name):
    source = tmp_path / name
    source.write_bytes(BINARIES[name]())
    before = files_under(tmp_path)
    for extra in ([], ["-o", str(tmp_path / "deck.md")]):
        assert main(["import", str(source), *extra]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and "Traceback" not in err
        assert err.startswith(f"viewer import: {source}: not a text article or web page (")
    assert files_under(tmp_path) == before  # nothing written, with -o or without


def test_a_photo_is_pointed_at_the_viewer(tmp_path, capsys):
    (tmp_path / "my photo.jpg").write_bytes(image_bytes("JPEG"))
    assert main(["import", str(tmp_path / "my photo.jpg")]) == 2
    err = capsys.readouterr().err
    assert "(a JPEG image); to look at it: viewer '" in err and err.rstrip().endswith("my photo.jpg'")


def test_binary_kind_names_formats_and_leaves_text_alone():
    assert binary_kind(image_bytes("JPEG")) == "a JPEG image"
    assert binary_kind(image_bytes("WEBP")) == "a WebP image"
    assert binary_kind(b"\x00\x00\x00\x18ftypheic\x00\x00") == "a HEIF or AVIF image"
    assert binary_kind(zip_bytes()).startswith("a ZIP archive")
    assert binary_kind(b"x" * 9000 + b"\x00") is None  # NUL only counts near the start (as git decides)
    for text in (ARTICLE.encode(), ARTICLE.encode("cp1252") + "Café Zoë — “quoted”".encode("cp1252"),
                 b"Evil \x1b]0;title\x07 article\n\nFirst \x1b[2J photo\n", b"", b"BMW at the show\n",
                 "\ufeffUTF-16 text with a BOM\n".encode("utf-16-le"), "Кириллица".encode("cp1251") * 20):
        assert binary_kind(text) is None, text[:40]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_text_articles_still_import(tmp_path, capsys, encoding):
    source = tmp_path / "article.txt"
    source.write_bytes((ARTICLE + "Caf\u00e9 at the pier\n\nA caf\u00e9 opens at six for the ferry crews.\n").encode(encoding))
    assert main(["import", str(source), "-o", str(tmp_path / "deck.md")]) == 0
    assert "Morning boats" in (tmp_path / "deck.md").read_text(encoding="utf-8")
    capsys.readouterr()


# -- already a deck ---------------------------------------------------------------------------------------


def test_a_viewer_deck_is_already_a_deck(tmp_path, capsys, deck_path, long_deck_path):
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "imported.md")]) == 0
    capsys.readouterr()
    for deck in (deck_path, long_deck_path, tmp_path / "imported.md", *sorted((ROOT / "slides").glob("*.md"))):
        before = files_under(tmp_path)
        for extra in ([], ["-o", str(tmp_path / "again.md")]):
            assert main(["import", str(deck), *extra]) == 2, deck
            out, err = capsys.readouterr()
            assert out == "" and err == f"viewer import: {deck} is already a viewer deck; open it with: viewer {deck}\n"
        assert files_under(tmp_path) == before


def test_a_deck_is_known_by_its_content_not_its_name(tmp_path, capsys, deck_path):
    renamed = tmp_path / "notes.txt"
    renamed.write_bytes(deck_path.read_bytes())
    assert main(["import", str(renamed)]) == 2
    assert "is already a viewer deck" in capsys.readouterr().err


DECKS = {
    "front matter and one slide": "---\ntitle: Harbour\n---\n\n# Boats\n\n![Boats](boats.jpg)\n\nAt dawn.\n",
    "front matter, photo-only slides": "---\ntitle: Harbour\n---\n\n![Boats](boats.jpg)\n\n---\n\n![Crane](crane.jpg)\n",
    "slides without front matter": "# One\n\nFirst.\n\n---\n\n# Two\n\nSecond.\n",
    "images, no headings": "![a](a.jpg)\n\nFirst.\n\n---\n\n![b](b.jpg \"Credit\")\n\nSecond.\n",
}
ARTICLES = {
    "plain article": ARTICLE,
    "dividers between plain entries": "Harbour\n\nIntro words.\n\n---\n\nBoats\n\nAt dawn.\n\n---\n\nCrane\n\nAt night.\n",
    "numbered headings with hashes": "Best photos\n\n#1 Boats\n\nAt dawn.\n\n---\n\n#18. Crane\n\nAt night.\n\n---\n\n#hashtag\n",
    "markdown headings, no slides": "# A week on the harbour\n\nIntro.\n\n## Boats\n\nAt dawn.\n\n## Crane\n\nAt night.\n",
    "one heading among dividers": "# Harbour\n\nIntro.\n\n---\n\nBoats at dawn.\n\n---\n\nCrane at night.\n\n---\n\nEnd.\n",
    "a credit block that looks like front matter": "---\nPhoto: Lena Berg\n---\n\nBoats\n\nAt dawn, before the ferry.\n",
}


@pytest.mark.parametrize("name", sorted(DECKS))
def test_deck_shapes_are_decks(name):
    assert is_viewer_deck(DECKS[name], Path("x.md"))


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_articles_are_not_mistaken_for_decks(tmp_path, capsys, name):
    assert not is_viewer_deck(ARTICLES[name], Path("x.txt"))
    source = tmp_path / "article.txt"
    source.write_text(ARTICLES[name], encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "deck.md")]) == 0
    capsys.readouterr()


def test_no_scraped_article_in_the_repository_is_taken_for_a_deck():
    articles = sorted((ROOT / "slides" / "sources").glob("*.txt")) + sorted(
        (ROOT / "benchmarks" / "import_corpus" / "text").glob("*.txt"))
    assert len(articles) >= 2
    for article in articles:
        assert not is_viewer_deck(article.read_text(encoding="utf-8", errors="replace"), article), article.name
        assert binary_kind(article.read_bytes()) is None, article.name


def test_shell_word_quotes_only_when_needed():
    assert shell_word("slides/deck-1.md") == "slides/deck-1.md"
    assert shell_word("my deck.md") == "'my deck.md'"
    assert shell_word("it's.md") == "'it'\"'\"'s.md'"
    assert shell_word("") == "''"
