"""Telling a terminal's answers from key presses in the input stream, at any time.

viewer asks the terminal one batched question before the app starts (see detect.py) and waits at
most 250 ms. Over a slow link the answers come later, while the app runs, and Textual would read
`ESC [ ? 62 ; 4 c` as keys (alt+[, ?, 6, 2, ...): the slide jumped, a go-to prompt opened and `q`
was lost inside a half-read sequence. `ReplyFilter` sits between the terminal and Textual's
parser (viewer.ui.terminal_output installs it) and drops every sequence that only a terminal
answering a question sends — they have fixed shapes no key has:

- `CSI ? … <final>` (DA1 `CSI ?62;4c`, DECRQM `CSI ?2026;2$y`, kitty keyboard flags `CSI ?1u`) and
  `CSI > …` / `CSI = …` (DA2, DA3); DECRQM in exactly the shape Textual reads (`CSI ? N ; D $ y`:
  Textual asks about synchronised output and in-band resize itself) is passed on for it;
- window reports `CSI 1…9 ; … t` (`CSI 6;h;w t` cell size, `CSI 4;h;w t`, `CSI 8;rows;cols t`;
  Textual's own in-band resize, `CSI 48;… t`, is passed on), status `CSI 0 n` / `CSI 3 n`, ANSI
  DECRQM `CSI N;D $ y`;
- strings: XTVERSION `DCS > | … ST`, DA3 `DCS ! | … ST`, DECRQSS / XTGETTCAP `DCS 0|1 $|+ r … ST`,
  kitty graphics `APC G … ST`, OSC replies `OSC N ; … BEL|ST` (colours, clipboard).

Everything else (keys, mouse, paste, focus, cursor position reports, which Textual reads itself)
passes unchanged and in order. A sequence cut across reads is held until its end arrives: a tail
that is surely a reply (`ESC [ ?`, `ESC P > |`) for up to REPLY_HOLD, then dropped; a tail that may
still be a key (`ESC` alone: the Escape key, `ESC [ 1 ;`) for up to KEY_HOLD, then passed on.

Pure string processing, no Textual: tested on its own and on a real pty.
"""

from __future__ import annotations

ESC = "\x1b"
BEL = "\x07"

KEY_HOLD = 0.1
"""Seconds a tail that may be a key waits for the rest (Textual's own ESCDELAY default)."""
REPLY_HOLD = 1.0
"""Seconds a tail that is surely part of a reply waits for the rest before it is dropped."""
MAX_CSI = 64
"""A control sequence longer than this is not a reply: passed on as it is."""
MAX_STRING = 4096
"""A DCS, APC or OSC reply is dropped at this length even without its terminator."""

_DCS_REPLIES = (">|", "!|", "0$r", "1$r", "0+r", "1+r")
_WINDOW_REPORTS = frozenset("12345689")

_PASS, _DROP, _MAYBE, _REPLY = "pass", "drop", "maybe", "reply"


class ReplyFilter:
    """Feed it decoded terminal input; it returns what Textual should parse (see module doc)."""

    def __init__(self, key_hold: float = KEY_HOLD, reply_hold: float = REPLY_HOLD) -> None:
        self.key_hold, self.reply_hold = key_hold, reply_hold
        self._held = ""
        self._held_is_reply = False
        self._deadline: float | None = None
        self.dropped = 0
        """How many reply sequences were dropped so far."""

    @property
    def held(self) -> str:
        return self._held

    def feed(self, data: str, now: float) -> str:
        """The part of `data` (after whatever was held) that is not a terminal's reply."""
        text = self._held + data
        out, held, is_reply = self._scan(text)
        self._held, self._held_is_reply = held, is_reply
        self._deadline = (now + (self.reply_hold if is_reply else self.key_hold)) if held else None
        return out

    def timeout(self, now: float, longest: float) -> float:
        """How long the reader may wait for input before `expire` has something to do."""
        if self._deadline is None:
            return longest
        return max(0.0, min(longest, self._deadline - now))

    def expire(self, now: float) -> str:
        """A held tail whose time is up: "" if it was part of a reply (dropped), else the text
        to pass on as it is (a lone "\\x1b" is the Escape key)."""
        if not self._held or self._deadline is None or now < self._deadline:
            return ""
        held, is_reply = self._held, self._held_is_reply
        self._held, self._held_is_reply, self._deadline = "", False, None
        if is_reply:
            self.dropped += 1
            return ""
        return held

    def _scan(self, text: str) -> tuple[str, str, bool]:
        out: list[str] = []
        index, size = 0, len(text)
        while index < size:
            start = text.find(ESC, index)
            if start < 0:
                out.append(text[index:])
                break
            out.append(text[index:start])
            end, verdict = _sequence(text, start)
            if verdict in (_MAYBE, _REPLY):
                return "".join(out), text[start:], verdict == _REPLY
            if verdict == _DROP:
                self.dropped += 1
            else:
                out.append(text[start:end])
            index = end
        return "".join(out), "", False


def _sequence(text: str, start: int) -> tuple[int, str]:
    """What the escape sequence at `start` is: (where it ends, verdict)."""
    size = len(text)
    if start + 1 >= size:
        return size, _MAYBE  # ESC alone, so far: the Escape key, or the start of anything
    kind = text[start + 1]
    if kind == "[":
        return _csi(text, start)
    if kind == "P":
        return _introduced(text, start, _DCS_REPLIES, osc=False)
    if kind == "_":
        return _introduced(text, start, ("G",), osc=False)
    if kind == "]":
        return _osc(text, start)
    return start + 1, _PASS  # ESC and a character: alt+key, for Textual


def _csi(text: str, start: int) -> tuple[int, str]:
    size = len(text)
    index = start + 2
    while index < size and "\x20" <= text[index] <= "\x3f" and index - start <= MAX_CSI:
        index += 1
    body = text[start + 2:index]
    surely_reply = body[:1] in ("?", ">", "=") and body != ""
    if index - start > MAX_CSI:
        return index, (_DROP if surely_reply else _PASS)
    if index >= size:
        return size, (_REPLY if surely_reply else _MAYBE)
    final = text[index]
    if not "\x40" <= final <= "\x7e":
        # Cut short by a control character or a non-ASCII one: garbage from a reply is dropped,
        # anything else is Textual's to make sense of.
        return index, (_DROP if surely_reply else _PASS)
    return index + 1, (_DROP if _is_reply(body, final) else _PASS)


def _is_reply(body: str, final: str) -> bool:
    if body[:1] in ("?", ">", "="):
        if final == "y" and body[:1] == "?" and body.endswith("$"):
            mode, _, setting = body[1:-1].partition(";")
            if _digits(mode) and _digits(setting) and len(setting) == 1:
                return False  # a DECRQM answer shaped as Textual reads it: its own question's
        return True
    if final == "t":
        first = body.split(";", 1)[0]
        return first in _WINDOW_REPORTS and all(part == "" or _digits(part) for part in body.split(";"))
    if final == "n":
        return body in ("0", "3")
    if final == "y":
        return body.endswith("$")
    return False


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _introduced(text: str, start: int, prefixes: tuple[str, ...], *, osc: bool) -> tuple[int, str]:
    """A DCS or APC string: a reply only after one of `prefixes`, then up to its terminator."""
    size = len(text)
    after = text[start + 2:start + 2 + max(len(p) for p in prefixes)]
    for prefix in prefixes:
        if after.startswith(prefix):
            return _string(text, start, start + 2 + len(prefix), osc=osc)
    if any(prefix.startswith(after) for prefix in prefixes) and start + 2 + len(after) >= size:
        return size, _MAYBE  # could still become a reply (or be alt+P and a key)
    return start + 1, _PASS


def _osc(text: str, start: int) -> tuple[int, str]:
    size = len(text)
    index = start + 2
    while index < size and "0" <= text[index] <= "9" and index - start < 7:
        index += 1
    if index >= size:
        return size, _MAYBE
    if index > start + 2 and text[index] == ";":
        return _string(text, start, index + 1, osc=True)
    return start + 1, _PASS


def _string(text: str, start: int, index: int, *, osc: bool) -> tuple[int, str]:
    """From `index` to the string terminator (ST, or BEL for OSC): the whole reply is dropped."""
    size = len(text)
    while index < size:
        char = text[index]
        if char == ESC:
            if index + 1 >= size:
                return size, _REPLY
            if text[index + 1] == "\\":
                return index + 2, _DROP
            return index, _DROP  # broken off: drop what came, read on from this ESC
        if char == BEL and osc:
            return index + 1, _DROP
        if char < " " or char == "\x7f":
            return index, _DROP
        if index - start >= MAX_STRING:
            return index, _DROP
        index += 1
    return size, _REPLY
