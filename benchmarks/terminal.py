"""What users feel, measured in a real terminal: the installed `viewer` inside tmux, whole process.

Run from the project root:  .venv/bin/python benchmarks/terminal.py   (needs tmux; --quick: fewer runs)

Each row times from launching the command (or sending the key) until the expected text is on the
tmux screen, polling every 5 ms, so every number includes Python start-up, imports, loading,
Textual's first frame and the terminal. Each row has a baseline measured in the same run and is
reported as a ratio to it:

1. time to the first slide for decks of 1k, 10k and 50k slides (two-paragraph captions) vs a
   1-slide deck;
2. time to the library listing for a folder of 500 decks vs a folder of one deck;
3. first-keystroke filter latency right after opening the 50k deck, while its search index is
   still being built: from sending `/soldier` to the first filtered status line, vs the same on
   the 1-slide deck;
4. peak memory (VmHWM) of the app with the 50k deck open and searched, vs the 1-slide deck;
5. paging through photo-like 12 MP JPEGs at 160×45: key → the new photo completely on screen,
   for a photo already prefetched and for one that is not (pressing `End`, a jump nothing
   prefetched), and the bytes the app writes to the terminal per page flip (tmux pipe-pane);
   the baseline is a text-only slide (same app, same terminal, no picture to draw);
6. peak memory after paging through 400 distinct 12 MP photos at 270×50, vs the same app after
   the first photo.

Not part of the test suite; machines are noisy, read the ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

WORDS = ("the soldier walked along the river at dawn past the market boats harbour nets gulls circle "
         "morning catch sold city street people train station mountain snow forest village farmer").split()


def deck_text(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    para = lambda n: " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."  # noqa: E731
    parts = ["---\ntitle: Benchmark deck\n---\n"]
    for n in range(1, count + 1):
        parts.append(f"# Slide {n}\n\n{para(40)}\n\n{para(30)}\n\n---\n\n")
    return "".join(parts)


class Tmux:
    def __init__(self, command: str, size: tuple[int, int] = (120, 40)) -> None:
        self.socket = f"viewer-bench-{uuid.uuid4().hex[:8]}"
        self.started = time.perf_counter()
        self.run("new-session", "-d", "-s", "b", "-x", str(size[0]), "-y", str(size[1]),
                 f"env TERM=xterm-256color COLORTERM=truecolor {command}; sleep 30")

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20).stdout

    def wait_for(self, text: str, timeout: float = 60.0) -> float:
        """Seconds from `self.started` until `text` is on screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if text in self.run("capture-pane", "-p", "-t", "b"):
                return time.perf_counter() - self.started
            time.sleep(0.005)
        raise RuntimeError(f"{text!r} never appeared:\n{self.run('capture-pane', '-p', '-t', 'b')}")

    def pane_pid(self) -> int:
        return int(self.run("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def viewer_command() -> str:
    found = shutil.which("viewer", path=os.path.dirname(sys.executable)) or shutil.which("viewer")
    if found is None:
        sys.exit("viewer is not installed (pip install .)")
    return found


def time_to(args: list[str], text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        term = Tmux(" ".join([viewer_command(), "--from-start", *args]))
        try:
            times.append(term.wait_for(text))
        finally:
            term.close()
    return statistics.median(times)


def first_filter(deck: Path, count: int, runs: int) -> float:
    """From sending `/soldier` right after the first slide shows, to the first filtered status."""
    times = []
    for _ in range(runs):
        term = Tmux(f"{viewer_command()} --from-start {deck}")
        try:
            term.wait_for(f"1 / {count}")
            term.started = time.perf_counter()
            term.run("send-keys", "-t", "b", "/")
            term.run("send-keys", "-t", "b", "-l", "soldier")
            times.append(term.wait_for("matching “soldier”"))
        finally:
            term.close()
    return statistics.median(times)


def peak_memory_mb(deck: Path, count: int) -> float:
    term = Tmux(f"{viewer_command()} --from-start {deck}")
    try:
        term.wait_for(f"1 / {count}")
        term.run("send-keys", "-t", "b", "/")
        term.run("send-keys", "-t", "b", "-l", "soldier")
        term.wait_for("matching “soldier”")
        shell = term.pane_pid()
        children = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split()
        pid = next((c for c in children if "viewer" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")), None)
        deadline = time.time() + 120
        while time.time() < deadline and "searching" in term.run("capture-pane", "-p", "-t", "b"):
            time.sleep(0.2)  # until the whole index is built
        if pid is None:
            return float("nan")
        status = Path(f"/proc/{pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]) / 1024
    finally:
        term.close()


def pid_of_viewer(term: Tmux) -> int | None:
    """The app's process: the pane's descendant using the most memory (not the shell around it)."""
    found, queue = [], [str(term.pane_pid())]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue += subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split()

    def rss(pid: str) -> int:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return 0
        return int(next((line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")), 0))

    best = max(found, key=rss, default=None)
    return int(best) if best is not None else None


def high_water_mb(pid: int | None) -> float:
    if pid is None:
        return float("nan")
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]) / 1024


def photo_deck(folder: Path, count: int, text_slides: int = 0) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from photos import photo_paths

    slides = [f"# Text {n}\n\nA slide without a photo." for n in range(text_slides)]
    slides += [f"# Photo {n + 1}\n\n![photo]({path})\n\nCaption {n + 1}." for n, path in enumerate(photo_paths(count))]
    deck = folder / f"photos-{count}.md"
    deck.write_text("\n\n---\n\n".join(slides), encoding="utf-8")
    return deck


def frame_done(term: Tmux, status: str, picture: bool) -> float:
    """Seconds from `term.started` until `status` shows and (with `picture`) the screen holds a
    photo and stops changing: the new frame is completely on screen."""
    deadline = time.perf_counter() + 30
    previous = None
    while time.perf_counter() < deadline:
        screen = term.run("capture-pane", "-p", "-e", "-t", "b")
        plain = term.run("capture-pane", "-p", "-t", "b")
        ready = status in plain and (not picture or plain.count("▄") > 200)
        if ready and screen == previous:
            return time.perf_counter() - term.started - 0.004  # the last poll only confirmed it
        previous = screen if ready else None
        time.sleep(0.002)
    raise RuntimeError(f"{status!r} never settled")


def paging(folder: Path, runs: int) -> list[tuple[str, str, str]]:
    deck = photo_deck(folder, 12, text_slides=2)
    total = 14
    log = folder / "pipe.log"
    term = Tmux(f"{viewer_command()} --from-start {deck}", size=(160, 45))
    rows = []
    try:
        term.wait_for(f"1 / {total}")
        term.run("pipe-pane", "-t", "b", "-o", f"cat >> {log}")
        time.sleep(0.3)
        texts, prefetched, flips = [], [], []
        for _ in range(runs):
            # A text slide to a text slide: the baseline (no picture to draw).
            term.run("send-keys", "-t", "b", "Home")
            frame_done(term, f"1 / {total}", False)
            term.started = time.perf_counter()
            term.run("send-keys", "-t", "b", "Right")
            texts.append(frame_done(term, f"2 / {total}", False))
        # End jumps to a photo nothing prefetched: decoded and drawn on the spot (once: then cached).
        term.run("send-keys", "-t", "b", "Home")
        frame_done(term, f"1 / {total}", False)
        term.started = time.perf_counter()
        term.run("send-keys", "-t", "b", "End")
        cold = [frame_done(term, f"{total} / {total}", True)]
        # Photo to photo: each next photo was prefetched while the previous one was looked at.
        term.run("send-keys", "-t", "b", "Home", "Right", "Right")
        frame_done(term, f"3 / {total}", True)
        for n in range(3, total - 1):
            time.sleep(0.5)  # looking at the photo: the neighbours' prefetch finishes meanwhile
            before = log.stat().st_size if log.exists() else 0
            term.started = time.perf_counter()
            term.run("send-keys", "-t", "b", "Right")
            prefetched.append(frame_done(term, f"{n + 1} / {total}", True))
            time.sleep(0.1)
            flips.append(log.stat().st_size - before)
        base = statistics.median(texts)
        rows.append(("page flip to a text slide, key → frame on screen (baseline)", f"{base * 1000:.0f} ms", "—"))
        p = statistics.median(prefetched)
        rows.append(("page flip to a prefetched 12 MP photo, key → photo on screen (median; worst)",
                     f"{p * 1000:.0f} ms; {max(prefetched) * 1000:.0f} ms", f"{p / base:.2f}× baseline"))
        c = statistics.median(cold)
        rows.append(("jump to a photo not prefetched (End), key → photo on screen", f"{c * 1000:.0f} ms",
                     f"{c / base:.2f}× baseline"))
        rows.append(("bytes written to the terminal per photo page flip (median)",
                     f"{statistics.median(flips) / 1024:.0f} KB", "—"))
    finally:
        term.close()
    return rows


def photo_memory(folder: Path, count: int) -> list[tuple[str, str, str]]:
    deck = photo_deck(folder, count)
    term = Tmux(f"{viewer_command()} --from-start {deck}", size=(270, 50))
    try:
        term.wait_for(f"1 / {count}")
        frame_done(term, f"1 / {count}", True)
        pid = pid_of_viewer(term)
        first = high_water_mb(pid)
        for n in range(2, count + 1):
            term.run("send-keys", "-t", "b", "Right")
            term.wait_for(f"{n} / {count}")
        frame_done(term, f"{count} / {count}", True)
        last = high_water_mb(pid)
    finally:
        term.close()
    return [("peak memory after the first 12 MP photo at 270×50 (baseline)", f"{first:.0f} MB", "—"),
            (f"peak memory after paging {count} distinct 12 MP photos at 270×50", f"{last:.0f} MB",
             f"{last / first:.2f}× baseline (goal ≤ 150 MB)")]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true")
    options.add_argument("--only", choices=["scale", "paging", "memory"], help="run one group of rows")
    parsed = options.parse_args()
    runs = 3 if parsed.quick else 5
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed (apt-get install tmux)")
    folder = Path(tempfile.mkdtemp(prefix="viewer-terminal-bench-"))
    rows = []
    if parsed.only in (None, "paging"):
        print("5. paging photos")
        rows += paging(folder, runs)
    if parsed.only in (None, "memory"):
        print("6. memory after 400 photos")
        rows += photo_memory(folder, 100 if parsed.quick else 400)
    if parsed.only in ("paging", "memory"):
        report(rows)
        return
    decks = {}
    for count in (1, 1000, 10000, 50000):
        decks[count] = folder / f"deck-{count}.md"
        decks[count].write_text(deck_text(count), encoding="utf-8")
    print("1. time to the first slide (whole process in tmux)")
    base = time_to([str(decks[1])], "1 / 1", runs)
    rows.append(("first slide, 1-slide deck (baseline)", f"{base * 1000:.0f} ms", "—"))
    for count in (1000, 10000, 50000):
        t = time_to([str(decks[count])], f"1 / {count}", runs)
        rows.append((f"first slide, {count:,}-slide deck", f"{t * 1000:.0f} ms",
                     f"{t / base:.2f}× baseline (goal ≤ 2×)"))
        print("  ", rows[-1])
    print("2. library listing")
    one, many = folder / "one-deck", folder / "500-decks"
    one.mkdir()
    many.mkdir()
    (one / "a.md").write_text(deck_text(20), encoding="utf-8")
    (one / "b.md").write_text(deck_text(20, 2), encoding="utf-8")
    for n in range(500):
        (many / f"deck-{n:03}.md").write_text(deck_text(20, n), encoding="utf-8")
    lib1 = time_to([str(one)], "2 decks", runs)
    lib500 = time_to([str(many)], "500 decks", runs)
    rows.append(("library of 2 decks (baseline)", f"{lib1 * 1000:.0f} ms", "—"))
    rows.append(("library of 500 decks", f"{lib500 * 1000:.0f} ms", f"{lib500 / lib1:.2f}× baseline (goal ≤ 2×)"))
    print("  ", rows[-1])
    print("3. first keystroke filter while the index builds")
    f1 = first_filter(decks[1], 1, runs)
    f50 = first_filter(decks[50000], 50000, runs)
    rows.append(("`/soldier` → filtered, 1-slide deck (baseline)", f"{f1 * 1000:.0f} ms", "—"))
    rows.append(("`/soldier` → first results, 50,000 slides, right after opening", f"{f50 * 1000:.0f} ms",
                 f"{f50 / f1:.2f}× baseline (goal ≤ 500 ms)"))
    print("  ", rows[-1])
    print("4. peak memory")
    m1, m50 = peak_memory_mb(decks[1], 1), peak_memory_mb(decks[50000], 50000)
    rows.append(("peak memory, 1-slide deck searched (baseline)", f"{m1:.0f} MB", "—"))
    rows.append(("peak memory, 50,000-slide deck searched, index complete", f"{m50:.0f} MB",
                 f"{m50 / m1:.2f}× baseline (goal ≤ 150 MB)"))
    report(rows)
    shutil.rmtree(folder, ignore_errors=True)


def report(rows: list[tuple[str, str, str]]) -> None:
    print("\n| measurement (installed viewer in tmux, whole process) | result | ratio |\n|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


if __name__ == "__main__":
    main()
