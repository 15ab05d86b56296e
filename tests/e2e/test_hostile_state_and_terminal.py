"""Hostile input, round 3: the state file, late terminal answers, signals and tracebacks, absurd
cell sizes. Families of bad inputs, not single examples."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from tests.helpers.images import make_image
from tests.helpers.waiting import wait_until as wait_in_app
from viewer.model.positions import FILE_NAME, Positions
from viewer.terminal.detect import QUERY
from viewer.terminal.replies import ReplyFilter

REPO = Path(__file__).resolve().parents[2]


def wait_until(condition, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"{what} never happened")


# -- a fake terminal on a real pty, with the app running in it ---------------------------------------

# What a terminal may answer, every shape viewer or Textual could ever be told (and a few more).
LATE_ANSWERS = [
    b"\x1b_Gi=31;OK\x1b\\",                     # kitty graphics
    b"\x1b_Gi=31;ENOTSUPPORTED:no\x1b\\",
    b"\x1bP>|XTerm(379)\x1b\\",                  # XTVERSION
    b"\x1bP>|WezTerm 20240203-110809-5046fc22\x1b\\",
    b"\x1b[6;5000;4000t",                       # absurd cell size
    b"\x1b[6;20;10t", b"\x1b[4;768;1024t", b"\x1b[8;48;160t",
    b"\x1b[?62;4;22c", b"\x1b[?65;1;9c", b"\x1b[?1;2c",   # DA1
    b"\x1b[>41;379;0c", b"\x1b[>1;10;0c",       # DA2
    b"\x1bP!|7E565445\x1b\\",                    # DA3
    b"\x1b[0n", b"\x1b[3n",                      # status reports
    b"\x1b[?2026;2$y", b"\x1b[?1049;1$y", b"\x1b[?2048;0$y", b"\x1b[?7;12$y", b"\x1b[4;2$y",  # DECRQM
    b"\x1b]11;rgb:0000/0000/0000\x07", b"\x1b]10;rgb:ffff/ffff/ffff\x1b\\",  # OSC colours
    b"\x1b]4;1;rgb:cdcd/0000/0000\x1b\\",
    b"\x1bP1$r0m\x1b\\", b"\x1bP1+r544e=787465726d\x1b\\",   # DECRQSS, XTGETTCAP
    b"\x1b[?1u",                                # kitty keyboard flags
]
ALL_AT_ONCE = b"".join(LATE_ANSWERS)


class FakeTerminal:
    """The far side of a pty running `viewer`: records what the app writes, answers the start-up
    query only after `delay` seconds (a slow SSH link), optionally cut into small pieces."""

    def __init__(self, args: list[str], env: dict[str, str], answer: bytes, delay: float,
                 pieces: int = 0, size=(100, 30), child: str | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = bytearray()
        self.lock = threading.Lock()
        self.answer, self.delay, self.pieces = answer, delay, pieces
        self.query_at: float | None = None
        self.answered_at: float | None = None
        self.answer_sent = threading.Event()
        command = [sys.executable, "-c", child] if child else [sys.executable, "-m", "viewer"]
        self.process = subprocess.Popen([*command, *args], stdin=slave, stdout=slave, stderr=slave,
                                        env=env, cwd=REPO, start_new_session=True)
        os.close(slave)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                if not select.select([self.master], [], [], 0.05)[0]:
                    self._maybe_answer()
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self.lock:
                self.output += chunk
                if self.query_at is None and QUERY in self.output:
                    self.query_at = time.monotonic()
            self._maybe_answer()

    def _maybe_answer(self) -> None:
        if self.query_at is None or self.answered_at is not None or self.answer is None:
            return
        if time.monotonic() - self.query_at < self.delay:
            return
        self.answered_at = time.monotonic()
        self.send(self.answer, self.pieces)
        self.answer_sent.set()

    def send(self, data: bytes, pieces: int = 0) -> None:
        if not pieces:
            os.write(self.master, data)
            return
        step = max(1, len(data) // pieces)
        for index in range(0, len(data), step):
            os.write(self.master, data[index:index + step])
            time.sleep(0.003)

    def text(self) -> str:
        with self.lock:
            return self.output.decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 30.0, after: int = 0) -> int:
        """Wait until `needle` is in the output written after offset `after`; its offset."""
        found = wait_until(lambda: self.text().find(needle, after) + 1, timeout, f"{needle!r} on the screen")
        return found - 1

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        os.close(self.master)


# The child runs viewer's real entry point; the App subclass only records the keys it is given.
KEY_LOGGER = """
import json, os, sys
import viewer.ui.app as app_module
from textual import events

seen, objects = [], []

class KeyLoggingApp(app_module.ViewerApp):
    CSS_PATH = os.path.join(os.path.dirname(app_module.__file__), "viewer.tcss")

    async def on_event(self, event):
        if isinstance(event, events.Key) and not any(event is other for other in objects):
            objects.append(event)  # a key bubbles back to the app: count it once
            seen.append(event.key)
        await super().on_event(event)

app_module.ViewerApp = KeyLoggingApp
import viewer.cli
try:
    status = viewer.cli.main(sys.argv[2:])
finally:
    with open(sys.argv[1], "w") as log:
        json.dump(seen, log)
sys.exit(status)
"""


def viewer_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TMUX", "TEXTUAL_DRIVER", "VIEWER_GRAPHICS", "TERM_PROGRAM", "LC_TERMINAL",
                        "WEZTERM_EXECUTABLE", "KONSOLE_VERSION", "STY")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", XDG_STATE_HOME=str(tmp_path / "state"),
               PYTHONPATH=str(REPO))
    env.update(extra)
    return env


@pytest.mark.parametrize("delay,pieces", [(0.4, 0), (1.0, 0), (0.4, 60), (1.0, len(ALL_AT_ONCE))])
def test_late_answers_to_the_query_are_not_read_as_keys(deck_path, tmp_path, delay, pieces):
    log = tmp_path / "keys.json"
    term = FakeTerminal([str(log), str(deck_path), "--from-start"], viewer_env(tmp_path), ALL_AT_ONCE, delay,
                        pieces=pieces, child=KEY_LOGGER)
    try:
        term.wait_for("1 / 5")
        assert term.answer_sent.wait(10), "the late answer was not sent"
        # The same answers again, well inside the app's life, and split at every awkward place.
        mark = len(term.output)
        term.send(ALL_AT_ONCE, pieces=97)
        term.send(b"\x1b[C")  # → : one genuine key after all of it
        term.wait_for("2 / 5", after=mark)
        term.send(b"q")
        assert term.process.wait(20) == 0
    finally:
        term.close()
    keys = json.loads(log.read_text())
    assert keys == ["right", "q"], keys
    screen = term.text()
    assert "5 / 5" not in screen and "Go to" not in screen and "Traceback" not in screen


def test_genuine_keys_still_work_around_answers(long_deck_path, tmp_path):
    """Digits, Escape alone, arrows, alt+key and q, interleaved with answers and cut anywhere."""
    log = tmp_path / "keys.json"
    term = FakeTerminal([str(log), str(long_deck_path), "--from-start"], viewer_env(tmp_path), ALL_AT_ONCE, 0.4,
                        child=KEY_LOGGER)
    try:
        term.wait_for("1 / 12")
        assert term.answer_sent.wait(10), "the late answer was not sent"
        mark = len(term.output)
        term.send(b"1" + b"\x1b[?62;4c" + b"1" + b"\x1bP>|x\x1b\\" + b"\r", pieces=9)
        term.wait_for("11 / 12", after=mark)
        mark = len(term.output)
        term.send(b"\x1b")  # Escape alone: still a key (after the usual escape delay)
        term.send(b"\x1b[D" + b"\x1b[6;20;10t" + b"\x1b[D")
        term.wait_for("9 / 12", after=mark)
        term.send(b"q")
        assert term.process.wait(20) == 0
    finally:
        term.close()
    keys = json.loads(log.read_text())
    assert keys == ["1", "1", "enter", "escape", "left", "left", "q"], keys


# -- the reply filter on its own: every answer, cut anywhere, mixed with keys ------------------------

KEYS = ["q", "1", "23", "G", "\r", "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[1;5C", "\x1b[3~", "\x1b[200~pasted\x1b[201~",
        "\x1b[<0;10;5M", "\x1b[<0;10;5m", "\x1b[27u", "\x1b[113;5u", "\x1bq", "\x1b[I", "\x1b[O", "\x1b[12;5R",
        "\x1b[48;30;100;480;1000t", "\x1b[?2026;2$y", "é", "日本", "\x1bOP"]


def feed_in_pieces(text: str, cuts: list[int]) -> tuple[str, ReplyFilter]:
    replies = ReplyFilter()
    out, start = [], 0
    for cut in [*sorted(set(cuts)), len(text)]:
        out.append(replies.feed(text[start:cut], now=0.0))
        start = cut
    out.append(replies.expire(now=100.0))
    return "".join(out), replies


@pytest.mark.parametrize("answer", LATE_ANSWERS, ids=lambda a: repr(a)[2:24])
def test_every_answer_is_dropped_however_it_is_cut(answer):
    text = "a" + answer.decode() + "b"
    kept = "a" + (answer.decode() if answer.startswith(b"\x1b[?2026;") or answer.startswith(b"\x1b[?1049;1$")
                  or answer.startswith(b"\x1b[?2048;") else "") + "b"
    for cut in range(len(text) + 1):
        out, _ = feed_in_pieces(text, [cut])
        assert out == kept, (answer, cut, out)
    out, _ = feed_in_pieces(text, list(range(len(text))))  # one character per read
    assert out == kept


def test_keys_pass_unchanged_in_order_between_answers():
    import random

    rng = random.Random(18)
    for _ in range(300):
        keys = [rng.choice(KEYS) for _ in range(rng.randrange(1, 8))]
        answers = [rng.choice(LATE_ANSWERS).decode() for _ in keys]
        text = "".join(k + a for k, a in zip(keys, answers))
        expected = "".join(k + (a if a.startswith("\x1b[?") and a.endswith("$y") and a.count(";") == 1
                                and len(a.split(";")[1]) == 3 else "") for k, a in zip(keys, answers))
        cuts = [rng.randrange(len(text) + 1) for _ in range(rng.randrange(0, 6))]
        out, _ = feed_in_pieces(text, cuts)
        assert out == expected, (keys, answers, cuts)


def test_a_lone_escape_waits_only_the_escape_delay_then_is_a_key():
    replies = ReplyFilter(key_hold=0.1, reply_hold=1.0)
    assert replies.feed("\x1b", now=0.0) == ""
    assert replies.timeout(0.0, 0.5) == pytest.approx(0.1)
    assert replies.expire(now=0.05) == ""
    assert replies.expire(now=0.1) == "\x1b"
    # A tail that can only be an answer waits longer, then goes nowhere.
    assert replies.feed("\x1b[?62;", now=0.0) == ""
    assert replies.expire(now=0.5) == "" and replies.held
    assert replies.expire(now=1.0) == "" and not replies.held
    assert replies.feed("4c", now=2.0) == "4c"  # its end, far too late: a key press is all it can be


def test_garbage_answers_are_bounded():
    out, _ = feed_in_pieces("\x1bP>|" + "x" * 100_000 + "\x1b\\q", [10, 5000, 60000])
    assert out.endswith("q") and len(out) < 100_000 - 4000 + 10
    out, _ = feed_in_pieces("\x1b[?" + "1;" * 1000 + "c" + "q", [7])
    assert out.endswith("q") and "\x1b" not in out
    out, _ = feed_in_pieces("\x1b]11;rgb:0/0/0\x03q", [])  # cut off by a control: dropped up to it
    assert out == "\x03q"


# -- the state file -----------------------------------------------------------------------------------


def _bad_tops():
    return ["[]", '"x"', "3", "null", "true", "1e999", "[{}]", '{"decks": []}', '{"decks": "x"}', '{"decks": 3}',
            '{"decks": null}', "{broken", "", "\ufeff{}", "\xff\xfe", "[" * 100_000 + "]" * 100_000,
            '{"decks": {"/a": 1}}']


def _bad_values():
    yield from ["3", "x", None, True, False, [], {}, {"a": 1}, -1, -10**30, 10**30, 2**63, 1.5, float("nan"),
                float("inf"), float("-inf"), 10**4000]


def _write_state(folder: Path, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize("text", _bad_tops(), ids=lambda t: repr(t)[:20])
def test_a_state_file_of_the_wrong_shape_is_set_aside_with_one_notice(tmp_path, text):
    path = _write_state(tmp_path, text)
    positions = Positions(tmp_path)
    assert positions.get(tmp_path / "deck.md") is None
    notice = positions.take_notice()
    assert notice and "set aside" in notice, notice
    assert positions.take_notice() is None  # once
    assert not path.exists() and (tmp_path / (FILE_NAME + ".broken")).exists()
    positions.remember(tmp_path / "deck.md", 3, "T")  # and positions work again
    assert Positions(tmp_path).get(tmp_path / "deck.md").index == 3
    assert Positions(tmp_path).take_notice() is None


def test_every_bad_value_in_every_field_is_refused_and_the_rest_kept(tmp_path):
    good = {"slide": 2, "title": "Kept", "time": 5.0}
    for field in ("slide", "title", "time"):
        for value in _bad_values():
            if field == "time" and type(value) in (int, float) and 0 <= value <= 1e12:
                continue  # a time in the far future is still a time
            if field == "title" and isinstance(value, str):
                continue  # any short text is a title
            folder = tmp_path / f"{field}-{len(list(tmp_path.iterdir()))}"
            entry = {**good, field: value}
            decks = {str(tmp_path / "good.md"): good, str(tmp_path / "bad.md"): entry}
            try:
                text = json.dumps({"version": 1, "decks": decks})
            except ValueError:
                text = json.dumps({"version": 1, "decks": {str(tmp_path / "good.md"): good}})[:-2] + \
                    f', "{tmp_path / "bad.md"}": {{"slide": {value}}}}}}}'
            _write_state(folder, text)
            positions = Positions(folder)
            assert positions.get(tmp_path / "bad.md") is None, (field, value)
            kept = positions.get(tmp_path / "good.md")
            assert kept is not None and kept.index == 2 and kept.title == "Kept", (field, value)
            assert "damaged" in (positions.take_notice() or ""), (field, value)
            positions.remember(tmp_path / "other.md", 1, "x")  # the save a page turn makes: no crash
            assert set(json.loads((folder / FILE_NAME).read_text())["decks"]) == {str(tmp_path / "good.md"),
                                                                                str(tmp_path / "other.md")}


def test_bad_keys_are_refused(tmp_path):
    decks = {"relative.md": {"slide": 1}, "": {"slide": 1}, "/a\x00b": {"slide": 1}, "/" + "x" * 5000: {"slide": 1}}
    _write_state(tmp_path, json.dumps({"decks": decks}))
    positions = Positions(tmp_path)
    assert positions._load() == {} and "4 damaged entries" in positions.take_notice()


def test_many_entries_with_mixed_times_still_sort(tmp_path):
    decks = {f"/d{n}.md": {"slide": n, "title": "t", "time": [0, 1.5, 10**12][n % 3]} for n in range(600)}
    _write_state(tmp_path, json.dumps({"decks": decks}))
    positions = Positions(tmp_path)
    positions.remember(tmp_path / "new.md", 1, "x")
    assert len(positions._load()) == 500 and positions.get(tmp_path / "new.md") is not None


@pytest.mark.parametrize("kind", ["symlink-to-secret", "dangling-symlink", "symlink-to-good", "fifo", "folder",
                                  "unreadable", "too-large"])
def test_a_state_file_that_is_not_a_plain_file_is_set_aside_never_followed(tmp_path, kind):
    folder = tmp_path / "state"
    folder.mkdir()
    path = folder / FILE_NAME
    secret = tmp_path / "secret.txt"
    secret.write_text("do not touch", encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"decks": {"/d.md": {"slide": 4}}}), encoding="utf-8")
    if kind == "symlink-to-secret":
        path.symlink_to(secret)
    elif kind == "dangling-symlink":
        path.symlink_to(tmp_path / "nowhere")
    elif kind == "symlink-to-good":
        path.symlink_to(good)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "unreadable":
        path.write_text("{}", encoding="utf-8")
        path.chmod(0)
        if os.access(path, os.R_OK):
            pytest.skip("running as root: every file is readable")
    else:
        path.write_bytes(b" " * (1024 * 1024))
    positions = Positions(folder)
    assert positions.get(Path("/d.md")) is None  # a link is never read through, not even to a good file
    notice = positions.take_notice()
    assert notice and "set aside" in notice
    aside = folder / (FILE_NAME + ".broken")
    assert aside.exists() or aside.is_symlink()
    assert secret.read_text(encoding="utf-8") == "do not touch" and good.exists()
    positions.remember(Path("/d.md"), 1, "x")
    assert path.is_file() and not path.is_symlink() and Positions(folder).get(Path("/d.md")).index == 1


@pytest.mark.parametrize("template", ["[]", '{"decks": {"DECK": {"slide": "3", "title": {"a": 1}, "time": "x"}}}'])
async def test_the_app_starts_with_a_broken_state_file_and_says_so_once(deck_path, tmp_path, template):
    from viewer.sources import load_path
    from viewer.ui.app import ViewerApp
    from viewer.ui.options import ViewOptions

    state = tmp_path / "state"
    _write_state(state, template.replace("DECK", str(deck_path)))
    app = ViewerApp(load_path(deck_path), options=ViewOptions(positions=Positions(state)))
    shown = []
    original = app.notify

    def notify(message, **kwargs):
        shown.append(message)
        return original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await wait_in_app(pilot, lambda: any("Remembered positions" in m for m in shown), what="the notice")
        app.screen.slideshow.save_position()  # what the session does once the page stays
        await pilot.press("right")
    assert sum("Remembered positions" in m for m in shown) == 1, shown
    assert Positions(state).get(deck_path).index == 2


@pytest.mark.parametrize("template", ["[]", "null", '{"decks": []}', '{"decks": {"DECK": {"slide": 1e400, "title": 3}}}'])
def test_the_command_line_app_survives_every_broken_state_file(deck_path, tmp_path, template):
    """The real entry point on a real pty: starts, turns a page (saving), quits with 0."""
    env = viewer_env(tmp_path / "run")
    state = Path(env["XDG_STATE_HOME"]) / "viewer"
    _write_state(state, template.replace("DECK", str(deck_path)))
    term = FakeTerminal([str(deck_path)], {**env, "VIEWER_GRAPHICS": "halfblock"}, None, 0)
    try:
        term.wait_for("1 / 5")
        term.send(b"\x1b[C")
        term.wait_for("2 / 5")
        wait_until(lambda: (state / FILE_NAME).exists(), 10, "the save")
        term.send(b"q")
        assert term.process.wait(20) == 0
    finally:
        term.close()
    assert "Traceback" not in term.text()


# -- signals, Ctrl+C, closed pipes ---------------------------------------------------------------------


def _default_signals() -> None:
    """In the child, before viewer starts: the signals' default dispositions, as a terminal's
    shell gives them (a suite run under `nohup` would pass SIGHUP on ignored, and viewer rightly
    keeps an ignored SIGHUP ignored)."""
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(number, signal.SIG_DFL)


@pytest.mark.parametrize("signal_name,status", [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_a_signal_during_the_query_gives_the_terminal_back(deck_path, tmp_path, signal_name, status):
    master, slave = pty.openpty()
    before = termios.tcgetattr(slave)
    assert before[3] & termios.ECHO and before[3] & termios.ICANON
    env = viewer_env(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "viewer", str(deck_path)], stdin=slave, stdout=slave,
                               stderr=slave, env=env, cwd=REPO, start_new_session=True,
                               preexec_fn=_default_signals)
    output = b""
    try:
        while QUERY not in output:  # the terminal never answers: viewer waits its 250 ms
            assert select.select([master], [], [], 20)[0], output
            output += os.read(master, 4096)
        os.kill(process.pid, getattr(signal, signal_name))
        assert process.wait(20) == status
        while select.select([master], [], [], 0.1)[0]:
            try:
                output += os.read(master, 4096)
            except OSError:
                break
        after = termios.tcgetattr(slave)
        assert after[3] & termios.ECHO and after[3] & termios.ICANON, "echo and canonical mode not restored"
        assert b"Traceback" not in output
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
        os.close(slave)


@pytest.fixture(scope="module")
def huge_deck(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.md"
    path.write_text("\n\n---\n\n".join(f"# Slide {n}\n\nCaption {n}, a few words long." for n in range(150_000)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["--list"], ["--json"], ["--print", "--width", "40"], ["check"],
                                  ["--search", "caption", "--list"]])
def test_ctrl_c_ends_any_command_quietly_with_130(huge_deck, args):
    argv = ["check", str(huge_deck)] if args == ["check"] else [str(huge_deck), *args]
    process = subprocess.Popen([sys.executable, "-m", "viewer", *argv], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        if args != ["check"]:
            assert process.stdout.read(1)  # it is writing: Ctrl+C now lands mid-output
        else:
            wait_until(lambda: _cpu_seconds(process.pid) > 0.3, 30, "check working")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.parametrize("args", [["--list"], ["--json"], ["--print", "--width", "30"], ["check"]])
def test_a_closed_pipe_ends_any_command_quietly(huge_deck, tmp_path, args):
    make_image(tmp_path / "a.png", (200, 20, 20), (60, 40))
    for target in ([str(huge_deck)], [str(tmp_path / "a.png")]):
        argv = ["check", *target] if args == ["check"] else [*target, *args]
        command = " ".join([sys.executable, "-m", "viewer", *argv]) + " 2>&1 | head -c 1 >/dev/null"
        result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, timeout=60,
                                env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO)
        assert result.returncode in (0, 1), (argv, result)  # 1: check found nothing to say? never a crash
        assert b"Traceback" not in result.stdout + result.stderr


# -- numbers and encodings on the command line -----------------------------------------------------------

BAD_NUMBERS = ["²", "٣", "१२", "１２", "-5", "-0", "0", "99999999999", "1" * 5000, "1_0", " 5", "5 ", "+5", "5.0", "0x10",
               "1e3", "nan", "inf", "", "五", "\u00a0", "5\x00", "Ⅻ"]


@pytest.mark.parametrize("value", BAD_NUMBERS, ids=lambda v: repr(v)[:12])
def test_bad_numbers_are_a_clear_message_with_status_2(tmp_path, value, capsys):
    import viewer.cli

    image = make_image(tmp_path / "a.png", (200, 20, 20), (60, 40))
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n\n![x](a.png)\n", encoding="utf-8")
    for option, target in (("--width", image), ("--height", image), ("--width", deck), ("--slide", deck),
                           ("--autoplay", deck)):
        if option == "--autoplay" and value in ("5.0", "0", "-0"):
            continue  # 5.0 seconds is a number of seconds; 0 is refused by its range (tested in test_cli)
        extra = ["--list"] if option in ("--slide", "--autoplay") else ["--print"]
        with pytest.raises(SystemExit) as exit_status:
            viewer.cli.main([str(target), *extra, option, value])  # the quick --print path first, as installed
        message = capsys.readouterr().err
        assert exit_status.value.code == 2, (option, value, message)
        assert f"argument {option}" in message, (option, value, message)


def test_bad_numbers_in_a_real_process(tmp_path):
    image = make_image(tmp_path / "a.png", (200, 20, 20), (60, 40))
    for value in ("²", "٣", "-5", "99999999999"):
        result = subprocess.run([sys.executable, "-m", "viewer", str(image), "--print", "--width", value],
                                capture_output=True, timeout=30, env={**os.environ, "PYTHONPATH": str(REPO)})
        message = result.stderr.decode("utf-8", "replace")
        assert result.returncode == 2 and "argument --width" in message and "Traceback" not in message, message


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "koi8-r"])
def test_a_narrow_output_encoding_never_crashes(tmp_path, encoding):
    make_image(tmp_path / "plain.png", (200, 20, 20), (60, 40))
    make_image(tmp_path / "Café ✓ 日本.png", (20, 200, 20), (60, 40))
    deck = tmp_path / "deck.md"
    deck.write_text("# Café ✓ 日本 “x”\n\n![alt ✓](plain.png)\n\nCaption — ½ ☃ \u202e bidi\n\n---\n\n# Two\n",
                    encoding="utf-8")
    runs = [[str(tmp_path / "plain.png"), "--print", "--width", "12"],  # the quick path
            [str(tmp_path / "Café ✓ 日本.png"), "--print", "--width", "12"],
            [str(deck), "--print", "--width", "12"], [str(deck), "--list"], [str(deck), "--json"],
            ["check", str(deck), str(tmp_path / "missing ✓.md")], [str(tmp_path / "missing ✓.md")],
            [str(deck), "--width", "²", "--print"], ["--help"]]
    for env_extra in ({"PYTHONIOENCODING": encoding}, {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": ""}):
        env = {**os.environ, "PYTHONPATH": str(REPO), **env_extra}
        for args in runs:
            for colour in ({}, {"NO_COLOR": "1"}) if "--print" in args else ({},):
                result = subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, timeout=30,
                                        env={**env, **colour})
                assert result.returncode in (0, 1, 2), (args, result)
                assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr, (args, result)


# -- absurd cell sizes -----------------------------------------------------------------------------------

ABSURD_CELLS = [(5000, 4000), (4000, 5000), (65535, 65535), (0, 16), (8, 0), (1, 1), (201, 16), (8, 10_000)]


def test_absurd_cell_sizes_are_not_believed_wherever_they_come_from():
    from viewer.imaging.fitting import MAX_SIDE_PIXELS, fit_pixels
    from viewer.imaging.fitting import believable_cell as sane_cell
    from viewer.terminal.capabilities import parse_replies
    from viewer.terminal.detect import DEFAULT_CELL, Graphics

    for width, height in ABSURD_CELLS:
        assert sane_cell((width, height)) is None
        assert parse_replies(f"\x1b[6;{height};{width}t\x1b[0n".encode()).cell is None
        assert Graphics("sixel", (width, height)).cell == DEFAULT_CELL
        assert fit_pixels(60, 40, 80, 24, (width, height)) == (0, 0, 0, 0)
    for bad in [(True, 16), (8.5, 16), ("8", "16"), (8,), None, (8, 16, 1)]:
        assert sane_cell(bad) is None
        assert Graphics("kitty", bad).cell == DEFAULT_CELL  # type: ignore[arg-type]
    assert sane_cell((10, 20)) == (10, 20) and parse_replies(b"\x1b[6;20;10t").cell == (10, 20)
    width, height, cols, rows = fit_pixels(60, 40, 1000, 500, (200, 200))
    assert width <= MAX_SIDE_PIXELS and height <= MAX_SIDE_PIXELS and cols * 200 <= MAX_SIDE_PIXELS + 200


@pytest.mark.parametrize("pixels", [(65535, 65535), (65535, 100), (1, 1), (80 * 300, 24 * 300)])
def test_absurd_kernel_window_sizes_are_not_believed(pixels):
    from viewer.terminal.detect import window_cell_size

    master, slave = pty.openpty()
    try:
        for rows, cols in ((24, 80), (1, 1)):
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, *pixels))
            cell = window_cell_size(slave)
            assert cell is None or (2 <= cell[0] <= 200 and 2 <= cell[1] <= 200), (rows, cols, pixels, cell)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 800, 384))
        assert window_cell_size(slave) == (10, 16)
    finally:
        os.close(master)
        os.close(slave)


def test_rendering_with_an_absurd_cell_allocates_nothing_large(tmp_path):
    import tracemalloc

    from viewer.imaging import PhotoPipeline

    photo = make_image(tmp_path / "p.png", (200, 20, 20), (60, 40))
    peaks = {}
    for cell in [(10, 20), (200, 200), *ABSURD_CELLS]:
        pipeline = PhotoPipeline()
        tracemalloc.start()
        result = pipeline.render_pixels(photo, 1000, 500, (0, 0, 0), "sixel", cell)
        peaks[cell] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result.problem or result.rows_data
    # The largest believable cell costs about what a normal one does, a 5000-pixel cell nothing more.
    assert max(peaks.values()) < 8 * peaks[(10, 20)], peaks


PEAK_CHILD = """
import sys, runpy
peak_file = sys.argv[1]
sys.argv = ['viewer', *sys.argv[2:]]
try:
    runpy.run_module('viewer', run_name='__main__')
except SystemExit as exit:
    code = exit.code
else:
    code = 0
peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]
open(peak_file, 'w').write(peak)
sys.exit(code)
"""


def _print_peak_mb(tmp_path: Path, photo: Path, window: tuple[int, int, int, int], answer: bytes | None,
                   graphics: str) -> tuple[float, str]:
    peak_file = tmp_path / f"peak-{time.monotonic_ns()}"
    env = viewer_env(tmp_path, VIEWER_GRAPHICS=graphics)
    term = FakeTerminal([str(peak_file), str(photo), "--print", "--width", "60", "--height", "40"], env,
                        answer, 0.0, size=(window[1], window[0]), child=PEAK_CHILD)
    try:
        fcntl.ioctl(term.master, termios.TIOCSWINSZ, struct.pack("HHHH", *window))
        assert term.process.wait(60) == 0, term.text()[-2000:]
        wait_until(lambda: peak_file.exists() and peak_file.read_text(), 10, "the peak")
    finally:
        term.close()
    return int(peak_file.read_text()) / 1024, term.text()


@pytest.mark.parametrize("graphics", ["sixel", "kitty", "iterm", "auto"])
def test_print_memory_stays_bounded_whatever_the_terminal_says(tmp_path, graphics):
    photo = make_image(tmp_path / "p.png", (200, 20, 20), (60, 40))
    sixel_answer = b"\x1bP>|XTerm(379)\x1b\\\x1b[6;5000;4000t\x1b[?63;4c\x1b[0n"
    normal, _ = _print_peak_mb(tmp_path, photo, (24, 80, 800, 384), b"\x1b[6;16;10t\x1b[?63;4c\x1b[0n", graphics)
    for window in [(24, 80, 65535, 65535), (1, 1, 65535, 65535), (24, 80, 0, 0)]:
        peak, output = _print_peak_mb(tmp_path, photo, window, sixel_answer, graphics)
        assert "Traceback" not in output
        assert peak < 1.5 * normal + 20, (window, peak, normal)
