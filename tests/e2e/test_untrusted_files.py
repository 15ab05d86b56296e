"""Untrusted folders: never run a program, never read what the folder did not hold, never write
where the deck did not say (hostile input, round 2)."""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.hostile import scene
from viewer.commands.illustrate import painted_by_viewer
from viewer.imaging import PhotoPipeline
from viewer.imaging.decode import FORMATS, ImageProblem, decode_photo
from viewer.model import Library
from viewer.sources import load_path

VIEWER = Path(__file__).resolve().parents[2] / "viewer"


def run_viewer(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, timeout=timeout, env=env, **kwargs)


# -- image formats are an allow-list ---------------------------------------------------------------

EPS_LOOP = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\n%%EOF\n"


def foreign_images(folder: Path) -> dict[str, bytes]:
    """Files Pillow can recognise by content but viewer must not open, each under a photo's name."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"eps.jpg": EPS_LOOP, "eps-binary.png": b"\xc5\xd0\xd3\xc6" + b"\x00" * 28 + EPS_LOOP,
             "pdf.jpg": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}
    picture = scene((32, 24))
    for fmt, name in [("PPM", "ppm.jpg"), ("TGA", "tga.png"), ("PCX", "pcx.gif"), ("ICO", "ico.webp"),
                      ("SGI", "sgi.bmp"), ("IM", "im.tiff"), ("XBM", "xbm.png"), ("DDS", "dds.jpg"),
                      ("ICNS", "icns.png"), ("MSP", "msp.png")]:
        out = io.BytesIO()
        image = picture.convert("1") if fmt in ("XBM", "MSP") else picture
        if fmt == "ICNS":
            image = scene((16, 16))
        try:
            image.save(out, fmt)
        except (OSError, KeyError, ValueError):
            continue  # this Pillow build cannot write it: nothing to test
        files[name] = out.getvalue()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_the_allow_list_is_the_documented_one():
    assert set(FORMATS) == {"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF"}


def test_foreign_formats_are_refused_and_start_no_program(tmp_path, monkeypatch):
    started = []

    def refuse(*args, **kwargs):
        started.append(args)
        raise AssertionError("a subprocess was started for a file")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    for name in ("system", "posix_spawn", "posix_spawnp", "execv", "execvp", "fork"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse)
    files = foreign_images(tmp_path)
    assert len(files) >= 8
    for name in files:
        with pytest.raises(ImageProblem, match="not an image"):
            decode_photo(tmp_path / name, (80, 80))
    assert started == []


def test_an_endless_postscript_named_jpg_does_not_hang_print_check_or_the_app(tmp_path):
    (tmp_path / "loop.jpg").write_bytes(EPS_LOOP)
    deck = tmp_path / "deck.md"
    deck.write_text("# Loop\n\n![a loop](loop.jpg)\n", encoding="utf-8")
    printed = run_viewer(str(deck), "--print", "--width", "200", timeout=30)
    assert printed.returncode == 0 and b"not an image" in printed.stdout
    checked = run_viewer("check", str(deck), timeout=30)
    assert checked.returncode == 1 and b"not an image" in checked.stdout
    single = run_viewer(str(tmp_path / "loop.jpg"), "--print", "--width", "200", timeout=30)
    assert single.returncode == 0 and b"not an image" in single.stdout


async def test_the_app_shows_a_placeholder_for_foreign_formats(tmp_path):
    from tests.helpers.waiting import wait_for_photo
    from viewer.ui.app import ViewerApp
    from viewer.ui.widgets.photo_view import PhotoView

    foreign_images(tmp_path / "photos")
    (tmp_path / "photos" / "loop.jpg").write_bytes(EPS_LOOP)
    deck = load_path(tmp_path / "photos")
    app = ViewerApp(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(len(deck)):
            await wait_for_photo(pilot)
            view = app.screen.query_one(PhotoView)
            text = "\n".join(view.render_line(y).text for y in range(view.size.height))
            assert "Photo unavailable" in text and "not an image" in text, app.screen.slide.title
            await pilot.press("right")
        await pilot.press("q")


def test_viewer_never_starts_programs():
    """No module of viewer can start a process: no subprocess, os.system, exec or spawn calls."""
    forbidden_modules = {"subprocess", "pty", "multiprocessing"}
    forbidden_os = {"system", "popen", "fork", "forkpty", "spawnl", "spawnv", "spawnvp", "posix_spawn",
                    "posix_spawnp", "execv", "execve", "execvp", "execl", "execlp"}
    for path in VIEWER.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & forbidden_modules, path
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] not in forbidden_modules, path
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
                assert node.attr not in forbidden_os, (path, node.attr)


# -- viewer illustrate writes only inside the deck's folder ----------------------------------------


def _tree(root: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            out[str(path.relative_to(root))] = "-> " + os.readlink(path)
        elif path.is_file():
            out[str(path.relative_to(root))] = path.read_bytes()
    return out


@pytest.fixture
def attack(tmp_path) -> tuple[Path, Path]:
    """A deck folder whose deck asks for pictures everywhere it should not, and a folder beside it."""
    deck_dir = tmp_path / "deck"
    outside = tmp_path / "outside"
    (deck_dir / "img").mkdir(parents=True)
    outside.mkdir()
    (outside / "precious.png").write_bytes(b"precious")
    (deck_dir / "notes.txt").write_text("my notes", encoding="utf-8")
    (deck_dir / "theirs.png").write_bytes(b"not painted by viewer")
    os.symlink(outside / "precious.png", deck_dir / "img" / "link.png")
    os.symlink(outside / "not-yet.png", deck_dir / "img" / "dangling.png")
    os.symlink(outside, deck_dir / "via")
    os.mkfifo(deck_dir / "img" / "fifo.png")
    targets = ["img/fine.png", "../outside/escape.png", str(outside / "absolute.png"), "notes.txt",
               "theirs.png", "img/link.png", "img/dangling.png", "via/through-link.png", "img/fifo.png",
               "img/nul%00name.png", "img/deeper/new.png", "img/x.jpg", "../deck/img/ok-again.png"]
    slides = [f"# Slide {n}\n\n![picture {n}]({target})\n\nA red barn at sunset." for n, target in enumerate(targets, 1)]
    (deck_dir / "deck.md").write_text("\n\n---\n\n".join(slides), encoding="utf-8")
    return deck_dir, outside


def test_illustrate_refuses_every_path_it_must_not_write(attack):
    deck_dir, outside = attack
    before_outside = _tree(outside)
    result = run_viewer("illustrate", str(deck_dir / "deck.md"), "--force", timeout=60)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert _tree(outside) == before_outside  # nothing written, replaced or created outside
    for number in (2, 3, 4, 5, 6, 7, 8, 9, 10, 12):
        assert f"slide {number}:" in err and "not painted" in err, (number, err)
    assert (deck_dir / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (deck_dir / "theirs.png").read_bytes() == b"not painted by viewer"
    assert os.readlink(deck_dir / "img" / "link.png") == str(outside / "precious.png")
    assert not (outside / "not-yet.png").exists()
    assert not (outside / "through-link.png").exists()
    # What the deck may ask for is painted, in new folders too, and signed as viewer's own.
    for name in ("img/fine.png", "img/deeper/new.png", "img/ok-again.png"):
        assert painted_by_viewer(deck_dir / name), name
    assert "painted 3" in err and "refused 10" in err
    assert "Traceback" not in err


def test_illustrate_force_repaints_only_its_own_pictures(tmp_path):
    (tmp_path / "deck.md").write_text("# One\n\n![a](one.png)\n\n---\n\n# Two\n\n![b](two.png)\n", encoding="utf-8")
    assert run_viewer("illustrate", str(tmp_path / "deck.md")).returncode == 0
    scene((10, 10)).save(tmp_path / "two.png")  # the user replaced it with a real photo
    first = (tmp_path / "one.png").read_bytes()
    (tmp_path / "one.png").write_bytes(first)
    mine = (tmp_path / "two.png").read_bytes()
    result = run_viewer("illustrate", str(tmp_path / "deck.md"), "--force")
    assert result.returncode == 1 and b"slide 2" in result.stderr and b"not made by viewer" in result.stderr
    assert (tmp_path / "two.png").read_bytes() == mine
    assert painted_by_viewer(tmp_path / "one.png")


def test_illustrate_without_force_keeps_everything_that_exists(attack):
    deck_dir, outside = attack
    before = _tree(deck_dir), _tree(outside)
    result = run_viewer("illustrate", str(deck_dir / "deck.md"), timeout=60)
    assert (deck_dir / "img" / "fifo.png").exists()  # a FIFO is kept, never opened (no hang)
    assert _tree(outside) == before[1]
    assert (deck_dir / "theirs.png").read_bytes() == b"not painted by viewer"
    assert b"Traceback" not in result.stderr


def test_import_output_is_never_written_through_a_link_or_onto_a_special_file(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("A title\n\nFirst photo\n\nA caption that is long enough to be prose for the importer to read as such.\n"
                       "(Image via Someone)\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside / "created.md", tmp_path / "dangling.md")
    (outside / "existing.md").write_text("keep", encoding="utf-8")
    os.symlink(outside / "existing.md", tmp_path / "link.md")
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "folder.md").mkdir()
    for name in ("dangling.md", "link.md", "fifo.md", "folder.md"):
        for force in ([], ["--force"]):
            result = run_viewer("import", str(article), "-o", str(tmp_path / name), *force, timeout=30)
            assert result.returncode == 2, (name, result.stderr)
            assert b"Traceback" not in result.stderr
    assert not (outside / "created.md").exists()
    assert (outside / "existing.md").read_text(encoding="utf-8") == "keep"
    fine = run_viewer("import", str(article), "-o", str(tmp_path / "deck.md"))
    assert fine.returncode == 0 and (tmp_path / "deck.md").read_text(encoding="utf-8").startswith("---")
    again = run_viewer("import", str(article), "-o", str(tmp_path / "deck.md"))
    assert again.returncode == 2 and b"--force" in again.stderr
    assert run_viewer("import", str(article), "-o", str(tmp_path / "deck.md"), "--force").returncode == 0


def test_import_refuses_special_files_as_its_input(tmp_path):
    os.mkfifo(tmp_path / "fifo.txt")
    for source in (tmp_path / "fifo.txt", Path("/dev/zero"), tmp_path):
        result = run_viewer("import", str(source), timeout=20)
        assert result.returncode == 2 and b"Traceback" not in result.stderr, source


# -- links to special or system files never become slide text --------------------------------------


@pytest.fixture
def linked_folder(tmp_path) -> Path:
    folder = tmp_path / "photos"
    outside = tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-OUTSIDE-TEXT", encoding="utf-8")
    for name in ("environ", "passwd", "zero", "outside", "fifo", "inner", "deck"):
        scene((20, 20)).save(folder / f"{name}.png")
    os.symlink("/proc/self/environ", folder / "environ.txt")
    os.symlink("/etc/passwd", folder / "passwd.md")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink(outside / "secret.txt", folder / "outside.txt")
    os.mkfifo(folder / "fifo.txt")
    (folder / "real-inner.txt").write_text("Inner caption", encoding="utf-8")
    os.symlink(folder / "real-inner.txt", folder / "inner.txt")
    return folder


def test_sidecar_links_out_of_the_folder_are_reported_not_read(linked_folder, monkeypatch):
    monkeypatch.setenv("VIEWER_TEST_SECRET", "SECRET-ENV-VALUE")
    deck = load_path(linked_folder)
    texts = " ".join(s.title + s.caption_text + s.credit for s in deck.slides)
    for secret in ("SECRET-ENV-VALUE", "SECRET-OUTSIDE-TEXT", "root:", "\x00"):
        assert secret not in texts
    by_title = {s.title: s for s in deck.slides}
    assert by_title["Inner"].caption_text == "Inner caption"  # a link inside the folder is fine
    messages = "\n".join(str(n) for n in deck.found_notices)
    for name in ("environ.txt", "passwd.md", "outside.txt"):  # /dev/zero is no file: never a sidecar
        assert any(name in line and "leaves the folder" in line for line in messages.splitlines()), name
    assert by_title["Fifo"].caption_text == "" and by_title["Zero"].caption_text == ""  # special files: never read


def test_no_secret_reaches_list_json_print_or_check(linked_folder):
    env = {**os.environ, "VIEWER_TEST_SECRET": "SECRET-ENV-VALUE"}
    for args in (["--list"], ["--json"], ["--print", "--width", "20"], []):
        command = ["check", str(linked_folder)] if not args else [str(linked_folder), *args]
        result = subprocess.run([sys.executable, "-m", "viewer", *command], capture_output=True, env=env, timeout=60)
        out = result.stdout + result.stderr
        assert b"SECRET-ENV-VALUE" not in out and b"SECRET-OUTSIDE-TEXT" not in out and b"root:x" not in out, args
        assert b"Traceback" not in out


def test_deck_links_out_of_a_folder_of_decks_are_reported(tmp_path):
    library = tmp_path / "decks"
    library.mkdir()
    (library / "good.md").write_text("# Good\n\nA fine deck.\n", encoding="utf-8")
    os.symlink("/proc/self/environ", library / "environ.md")
    (tmp_path / "elsewhere.md").write_text("# Elsewhere\n\nOutside text.\n", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere.md", library / "elsewhere.md")
    loaded = load_path(library)
    assert isinstance(loaded, Library) and [d.title for d in loaded.decks] == ["good"]
    assert sum("leaves the folder" in p for p in loaded.problems) == 2
    listed = run_viewer(str(library), "--list")
    assert listed.returncode == 0 and b"Good" in listed.stdout and b"Outside" not in listed.stdout
    assert b"leaves the folder" in listed.stderr


def test_special_files_as_decks_are_refused(tmp_path):
    os.mkfifo(tmp_path / "fifo.md")
    result = run_viewer(str(tmp_path / "fifo.md"), "--list", timeout=20)
    assert result.returncode == 2 and b"not a regular file" in result.stderr
    os.symlink("/proc/self/environ", tmp_path / "env.md")
    result = run_viewer(str(tmp_path / "env.md"), "--json", timeout=20)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"PATH=" not in result.stdout


def test_photo_read_through_pipeline_rejects_system_files(tmp_path):
    os.symlink("/proc/self/environ", tmp_path / "env.png")
    rendered = PhotoPipeline().render(tmp_path / "env.png", 20, 10, (0, 0, 0))
    assert rendered.problem is not None and "regular file" in rendered.problem
