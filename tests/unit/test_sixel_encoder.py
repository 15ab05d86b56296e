"""The sixel encoder's vectorised run-length coding matches a plain one written out pixel by pixel,
and a picture encoded in parts on several threads is the same, byte for byte, as in one go."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

import viewer.imaging.sixel as sixel


def plain_lines(bands: np.ndarray) -> tuple[list[int], list[bytes]]:
    """What `_lines` must give, the slow and obvious way."""
    pairs, lines = [], []
    count, _, width = bands.shape
    for band in range(count):
        for colour in sorted(set(bands[band].ravel().tolist()) - {255}):
            chars = [63 + sum(1 << row for row in range(6) if bands[band, row, x] == colour) for x in range(width)]
            runs: list[tuple[int, int]] = []  # (character, length)
            for char in chars:
                if runs and runs[-1][0] == char:
                    runs[-1] = (char, runs[-1][1] + 1)
                else:
                    runs.append((char, 1))
            if runs[-1][0] == 63:  # a line's trailing run of "?" draws nothing: left out
                runs.pop()
            text = b"".join(b"!%d%c" % (n, char) if n >= 4 else bytes([char]) * n for char, n in runs)
            pairs.append(band << 8 | colour)
            lines.append(text)
    return pairs, lines


@settings(max_examples=200, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(1, 4), st.just(6), st.integers(1, 40)),
              elements=st.sampled_from([0, 1, 7, 200, 254, 255])))
def test_run_length_coding_matches_the_plain_one(bands):
    assert sixel._lines(bands) == plain_lines(bands)


def test_long_runs_and_empty_columns():
    bands = np.full((2, 6, 1500), 255, dtype=np.uint8)
    bands[0, :, :1200] = 3  # a run of 1200
    bands[1, 2, 700:705] = 9  # five pixels after 700 empty columns, then nothing
    assert sixel._lines(bands) == plain_lines(bands)
    assert sixel._lines(bands)[1] == [b"!1200~", b"!700?!5C"]


def test_a_picture_in_parts_on_threads_is_the_same_as_in_one_go(monkeypatch):
    rng = np.random.default_rng(3)
    picture = Image.fromarray(rng.integers(0, 256, (13 * 7, 301, 3), dtype=np.uint8))
    whole = sixel.encode_rows(picture, 13, (10, 20, 30), (4, 2, 290, 85))
    monkeypatch.setattr(sixel, "PART_PIXELS", 1)  # one text row per part
    monkeypatch.setattr(sixel, "WORKERS", 2)
    assert sixel.encode_rows(picture, 13, (10, 20, 30), (4, 2, 290, 85)) == whole
    assert len(whole) == 7
