"""`viewer PHOTO --print` with a `.txt` caption sidecar vs without one, as whole processes.

File-manager previews run this for every file the cursor passes; issue 20 measured 0.23–0.32 s
with a sidecar (the full path) against 0.11–0.14 s without (the quick path). This times, in the
same run and interleaved (so machine load hits both alike), the photo alone, the photo with a
`.txt` sidecar (the quick path since issue 20) and the photo with a `.md` sidecar (the quick path
since issue 23, which imports the model and the Markdown parser for it), and prints the medians
and their ratios to the photo alone. Issue 23 measured the `.md` case at 1.82× the photo alone on
the full path, 1.38× on the quick one (11 runs; the `.txt` case 0.95–0.97×).

    .venv/bin/python benchmarks/quick_print_sidecar.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.photos import photo_paths  # noqa: E402


def viewer_command() -> list[str]:
    found = Path(sys.executable).with_name("viewer")
    return [str(found)] if found.exists() else [sys.executable, "-m", "viewer"]


def time_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env, timeout=60)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or "▄".encode() not in result.stdout:
        raise SystemExit(f"{command} failed: {result.stderr.decode(errors='replace')[:300]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    # PYTHONDONTWRITEBYTECODE would make every run compile every module again: an installed viewer
    # has its .pyc files (the first, untimed run writes them), so a new module would count double.
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "TMUX", "VIEWER_GRAPHICS", "PYTHONDONTWRITEBYTECODE")}
    env.update(COLORTERM="truecolor", TERM="xterm-256color")
    source = photo_paths(1)[0]  # a 12-megapixel photo-like JPEG
    with tempfile.TemporaryDirectory() as tmp:
        cases = {}
        for case in ("alone", "txt", "md"):
            folder = Path(tmp) / case
            folder.mkdir()
            photo = folder / "photo.jpg"
            try:
                os.link(source, photo)
            except OSError:  # another file system
                photo.write_bytes(source.read_bytes())
            if case == "txt":
                (folder / "photo.txt").write_text("Harbour at dawn, the first boats going out.\n", encoding="utf-8")
            if case == "md":
                (folder / "photo.md").write_text("# Harbour\n\nThe first boats going out.\n", encoding="utf-8")
            cases[case] = [*viewer_command(), str(photo), "--print", "--width", "80", "--height", "40"]
        times: dict[str, list[float]] = {case: [] for case in cases}
        for command in cases.values():
            time_once(command, env)  # warm the page cache and .pyc files
        for _ in range(args.runs):
            for case, command in cases.items():
                times[case].append(time_once(command, env))
    base = statistics.median(times["alone"])
    print(f"viewer PHOTO --print (12 MP JPEG, 80x40 cells, into a pipe), median of {args.runs} interleaved runs")
    for case, label in (("alone", "no sidecar"), ("txt", ".txt sidecar"), ("md", ".md sidecar")):
        median = statistics.median(times[case])
        print(f"  {label:<14} {median * 1000:7.1f} ms   ratio to no sidecar {median / base:5.2f}")


if __name__ == "__main__":
    main()
