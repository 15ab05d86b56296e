"""Memory proportional to what is shown, not to the file (hostile input, round 2)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers.hostile import scene
from viewer.imaging import PhotoPipeline
from viewer.imaging.decode import MAX_DECODE_PIXELS, ImageProblem, decode_photo
from viewer.imaging.pipeline import LRU


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def flat_png(width: int, height: int, color_type: int = 2) -> bytes:
    """A real, complete PNG of one flat colour: tiny on disk, huge once decoded."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    row = b"\x00" + b"\x80" * (width * channels)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def peak_rss_mb(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """Run viewer in a child and return its peak resident memory (VmHWM) in MB."""
    code = (
        "import sys, runpy\n"
        "sys.argv = ['viewer', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('viewer', run_name='__main__')\n"
        "except SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "sys.stderr.write(f'\\nPEAK-KB {peak}\\n')\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120)
    line = [ln for ln in result.stderr.decode().splitlines() if ln.startswith("PEAK-KB")][-1]
    return result, int(line.split()[1]) / 1024


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("huge")
    (folder / "strip.png").write_bytes(flat_png(1_000_000, 150))  # the 437 KB example shape
    (folder / "wide.png").write_bytes(flat_png(200_000, 100))  # 20 MP: decodable, must shrink to the box
    (folder / "tall.png").write_bytes(flat_png(60, 300_000, 0))
    (folder / "rgba.png").write_bytes(flat_png(12000, 12000, 6))  # 144 MP RGBA
    (folder / "big-rgba.png").write_bytes(flat_png(6000, 6000, 6))  # 36 MP RGBA: decodes, bounded
    return folder


def test_working_copy_is_about_the_box_whatever_the_aspect_ratio(huge):
    for name in ("wide.png", "tall.png", "big-rgba.png"):
        decoded = decode_photo(huge / name, (160, 90))
        assert decoded.image.width <= 2 * 160 and decoded.image.height <= 2 * 90, (name, decoded.image.size)
        assert decoded.image.mode == "RGB"


def test_what_cannot_be_reduced_cheaply_is_refused_with_a_reason(huge):
    for name in ("strip.png", "rgba.png"):
        with pytest.raises(ImageProblem, match="too large"):
            decode_photo(huge / name, (160, 90))
    assert 12000 * 12000 > MAX_DECODE_PIXELS


def test_transparency_is_composited_after_reducing_onto_the_background(tmp_path):
    image = Image.new("RGBA", (4000, 100), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 2000, 100))
    image.save(tmp_path / "half.png")
    decoded = decode_photo(tmp_path / "half.png", (40, 20), background=(10, 200, 10))
    left, right = decoded.image.getpixel((1, 0)), decoded.image.getpixel((decoded.image.width - 2, 0))
    assert left == (0, 0, 255) and right == (10, 200, 10)


def test_peak_memory_stays_bounded_on_huge_images(huge):
    baseline, base_mb = peak_rss_mb(str(huge / "wide.png"), "--list")
    assert baseline.returncode == 0
    for name, budget in (("strip.png", 60), ("rgba.png", 60), ("wide.png", 150), ("big-rgba.png", 250)):
        result, peak = peak_rss_mb(str(huge / name), "--print", "--width", "80", "--height", "40")
        assert result.returncode == 0, result.stderr
        assert peak - base_mb < budget, (name, peak, base_mb)
        assert b"Warning" not in result.stderr and b"DecompressionBomb" not in result.stderr


def test_print_width_is_capped(tmp_path):
    scene((40, 30)).save(tmp_path / "small.png")
    result, peak = peak_rss_mb(str(tmp_path / "small.png"), "--print", "--width", "100000", "--height", "100000")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    picture = [ln for ln in lines if "▄" in ln]
    assert picture and all(ln.count("▄") <= 1000 for ln in picture) and len(picture) <= 500
    assert peak < 400


def test_lru_is_bounded_in_bytes():
    cache: LRU[int, bytes] = LRU(1000, len)
    for key in range(100):
        cache.put(key, b"x" * 90)
        assert cache.bytes <= 1000
    assert len(cache) == 11 and cache.get(99) is not None and cache.get(0) is None
    cache.put("huge", b"x" * 5000)  # larger than the whole cache: not kept, nothing evicted for it
    assert cache.get("huge") is None and len(cache) == 11


def test_pipeline_caches_stay_within_their_byte_budgets(tmp_path):
    pipeline = PhotoPipeline(working_bytes=2_000_000, rendered_bytes=3_000_000)
    for n in range(40):
        path = tmp_path / f"{n}.png"
        scene((1200 + n, 800)).save(path)
        assert pipeline.render(path, 120, 40, (0, 0, 0)).problem is None
        assert pipeline._working.bytes <= 2_000_000 and pipeline._rendered.bytes <= 3_000_000


def test_no_pillow_warning_reaches_stderr(tmp_path):
    header = struct.pack(">IIBBBBB", 11000, 11000, 8, 2, 0, 0, 0)  # 121 MP: Pillow would warn
    (tmp_path / "warn.png").write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IEND", b""))
    image = scene((40, 30))
    exif = image.getexif()
    exif[0x010E] = "x" * 10
    data = bytearray()
    import io

    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes()[:-4] + b"\xff\xff\xff\xff")
    data = out.getvalue()
    (tmp_path / "exif.jpg").write_bytes(data)
    (tmp_path / "deck.md").write_text("# W\n\n![w](warn.png)\n\n---\n\n# E\n\n![e](exif.jpg)\n", encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    for args in (["check", str(tmp_path / "deck.md")], [str(tmp_path / "deck.md"), "--print", "--width", "40"]):
        result = subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, env=env, timeout=60)
        assert b"Warning" not in result.stderr and b"warn(" not in result.stderr, result.stderr
