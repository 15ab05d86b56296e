"""Parse a Markdown deck file (the public deck format) into a Deck.

Slides are split on `---` lines *before* any Markdown parsing (outside fenced code), so a
paragraph followed by `---` can never turn into a setext heading. Within a slide, markdown-it
finds the first heading (title) and first image (photo, alt text, credit); the rest is caption.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from markdown_it.token import Token

from viewer import patterns
from viewer.basics.files import FileProblem, read_regular
from viewer.basics.gc_pause import paused_gc
from viewer.basics.text import clean_line, clean_text
from viewer.model.deck import Deck, Notice, Photo, Slide
from viewer.model.errors import DeckError
from viewer.model.lazy_slides import LazySlides
from viewer.sources.markdown_text import NO_TAGS, Run, inline_plain, parser, runs_from_tokens

_SEPARATOR = patterns.compile(r"---[ \t]*")
# Nothing to show: blank lines and link reference definitions only.
_EMPTY_CHUNK = patterns.compile(r"(?:[ \t]*(?:\[[^\]\n]+\]:[^\n]*)?(?:\n|$))*")
# Surely shows something: a line whose text (after block markers) starts with a letter, a digit or
# "!" (an image, or the text "!"). Other chunks are parsed while splitting, to drop them if empty.
_VISIBLE_LINE = patterns.compile(
    r"^[ \t]{0,3}(?:(?:#{1,6}|>|[-*+]|\d{1,9}[.)])[ \t]+)*(?:[\pL\pN]|!)", patterns.MULTILINE)
_URL_SCHEME = patterns.compile(r"[A-Za-z][A-Za-z0-9+.\-]+:")
_LOOKS_LIKE_YAML = patterns.compile(r"[^\s#:][^:]*:(\s|$)")
_INLINE_IMAGE = patterns.compile(r"!\[(?:[^\[\]\\]|\\.|\[[^\]]*\])*\]\((?:[^()\\]|\\.|\([^)]*\))*\)")
MAX_FRONT_MATTER = 64 * 1024
MAX_FRONT_MATTER_VALUES = 1000
KEEP_PARSED = 4096
MAX_EMPTY_SLIDE_NOTICES = 100
"""Parsed slides kept per deck (the rest are parsed again when needed): memory stays flat."""


@dataclass(slots=True)
class _Chunk:
    first_line: int
    """1-based line number of the chunk's first line in the file."""
    text: str


@dataclass(slots=True)
class _Parsed(_Chunk):
    slide: Slide | None = None
    """Parsed while splitting (a chunk that might have been empty)."""


def decode_deck_bytes(data: bytes) -> tuple[str, list[tuple[int, str]]]:
    """Text of a deck file: BOM dropped, CRLF/CR normalised, bad UTF-8 replaced.

    Also returns (line, message) for what had to be replaced.
    """
    problems = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        problems.append((line, "not valid UTF-8: undecodable bytes are shown as \ufffd"))
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


_CONTROLS = patterns.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Rich markup such as [bold] or [/]; "[x](url)" and "[x][ref]" are links, checked in code.
_MARKUP_LIKE = patterns.compile(r"\[/\]|\[/?[a-z@#][a-z0-9_@#=.:,/ -]*\]")
_HTML_LIKE = patterns.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?>")


def content_notices(text: str) -> list[str]:
    """What in a slide's source will be neutralised or shown literally (for `viewer check`)."""
    found = []
    controls = sorted(set(_CONTROLS.findall(text)))
    if controls:
        shown = ", ".join(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in controls[:6])
        found.append(f"control or escape characters ({shown}) will be removed or shown as symbols")
    markup = next((m for m in _MARKUP_LIKE.finditer(text)
                   if m.group() == "[/]" or text[m.end() : m.end() + 1] not in ("(", "[")), None)
    if markup:
        found.append(f"text that looks like Rich markup ({clean_line(markup.group())}) is shown literally")
    html = _HTML_LIKE.search(text)
    if html:
        found.append(f"raw HTML ({clean_line(html.group())[:40]}) is shown as text")
    return found


MAX_DECK_BYTES = 256 * 1024 * 1024


def parse_deck_file(path: Path) -> Deck:
    try:
        data = read_regular(path, MAX_DECK_BYTES, allow_empty=True)
    except FileProblem as problem:
        raise DeckError(path, str(problem)) from None
    return parse_deck_text(data, path)


def parse_deck_text(data: bytes | str, path: Path, problems: list[tuple[int, str]] | None = None) -> Deck:
    """Parse deck source (bytes as read from disk, or already-decoded text) read from `path`;
    `problems` are what decoding it found (see decode_deck_bytes)."""
    with paused_gc():
        return _parse_deck_text(data, path, problems or [])


def _parse_deck_text(data: bytes | str, path: Path, decoding: list[tuple[int, str]]) -> Deck:
    if isinstance(data, bytes):
        text, problems = decode_deck_bytes(data)
    else:
        text, problems = data.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), decoding
    notices = [Notice(path, line, message, warn=True) for line, message in problems]
    head = text[: MAX_FRONT_MATTER + 4096].split("\n")  # front matter is near the top; no need to split it all
    meta, body_start = _front_matter(head, path)
    base = path.parent
    default_credit = clean_line(_as_text(meta.get("credit")))
    body_offset = sum(len(line) + 1 for line in head[:body_start])
    chunks = split_slides(text, body_offset, body_start + 1)
    kept: list[_Chunk] = []
    empty_slides = 0
    for number, chunk in enumerate(chunks):
        parsed = None
        visible = _starts_visibly(chunk.text) or _VISIBLE_LINE.search(chunk.text) is not None
        empty = not visible and _EMPTY_CHUNK.fullmatch(chunk.text) is not None
        if not visible and not empty:
            # Cannot tell cheaply whether it shows anything (an empty fence, `&nbsp;`…): parse it now.
            parsed = parse_slide_text(chunk.text, chunk.first_line, path, base, default_credit)
            empty = parsed is None
        if empty:
            # Blank space before the first or after the last separator is normal; between two is not.
            if 0 < number < len(chunks) - 1:
                empty_slides += 1
                if empty_slides <= MAX_EMPTY_SLIDE_NOTICES:
                    notices.append(Notice(path, chunk.first_line, "empty slide between two --- lines: skipped"))
            continue
        kept.append(chunk if parsed is None else _Parsed(chunk.first_line, chunk.text, parsed))
    del chunks
    if empty_slides > MAX_EMPTY_SLIDE_NOTICES:
        notices.append(Notice(path, notices[-1].line, f"{empty_slides - MAX_EMPTY_SLIDE_NOTICES} more empty slides "
                              "between --- lines after this one: skipped"))

    def make(index: int, found: list[Notice]) -> Slide:
        chunk = kept[index]
        try:
            slide = chunk.slide if isinstance(chunk, _Parsed) else parse_slide_text(
                chunk.text, chunk.first_line, path, base, default_credit)
        except RecursionError:  # parsed on demand, maybe in the app: a message, never a crash
            found.append(Notice(path, chunk.first_line, "this slide is nested too deeply to show", slide=index + 1))
            return Slide(title="(slide too deeply nested)", source=path, line=chunk.first_line)
        if slide is None:
            slide = Slide(source=path, line=chunk.first_line)
            found.append(Notice(path, chunk.first_line, "this slide has nothing to show", slide=index + 1))
        for message in content_notices(chunk.text):
            found.append(Notice(path, slide.line, message, slide=index + 1))
        return slide

    title = clean_line(_as_text(meta.get("title"))) or path.stem
    # Slides are parsed when first needed (shown, listed, searched): a 50,000-slide deck opens
    # as fast as a short one, and its titles and search index fill in off the UI thread.
    return Deck(title=title, slides=LazySlides(len(kept), make, keep=KEEP_PARSED), path=path, meta=meta,
                notices=tuple(notices))


def _starts_visibly(text: str) -> bool:
    """True when the chunk's first non-blank line surely shows something (a heading or line of
    words, the common case), decided with string methods; False means "ask _VISIBLE_LINE"."""
    body = text.lstrip(" \t\n")
    start = len(text) - len(body)
    if start - (text.rfind("\n", 0, start) + 1) > 3:
        return False  # indented code, perhaps
    head = body[:16]
    hashes = len(head) - len(head.lstrip("#"))
    if 1 <= hashes <= 6 and head[hashes : hashes + 1] in (" ", "\t"):
        head = head[hashes:].lstrip(" \t")
    return head[:1].isalnum() or head[:1] == "!"


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    try:
        return str(value)[:1000]
    except Exception:  # noqa: BLE001 - e.g. an int too large to print: not a usable title
        return ""


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader without anchors/aliases: a few lines of front matter must not expand to gigabytes."""

    nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed in front matter", event.start_mark)
        self.nodes += 1
        if self.nodes > MAX_FRONT_MATTER_VALUES:
            # PyYAML keeps a few hundred bytes per value and takes ~50 µs for each: 64 KB of
            # `[1,1,1,…]` took 2.5 s and 20 MB. A deck's metadata is a handful of keys.
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, f"more than {MAX_FRONT_MATTER_VALUES:,} values "
                                              "(metadata is a few keys)", event.start_mark)
        return super().compose_node(parent, index)


def _front_matter(lines: list[str], path: Path) -> tuple[dict[str, Any], int]:
    """Return (metadata, index of first body line). Front matter is optional."""
    if not lines or not _SEPARATOR.fullmatch(lines[0]):
        return {}, 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    block_lines = lines[1:end] if end is not None else lines[1:]
    first = next((ln for ln in block_lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    if not _LOOKS_LIKE_YAML.match(first):
        # Not metadata: the deck simply starts with a slide separator.
        return {}, 0
    if end is None:
        raise DeckError(path, "front matter opened with --- is never closed", line=1)
    block = "\n".join(block_lines)
    if len(block) > MAX_FRONT_MATTER:
        raise DeckError(path, "front matter is too large", line=1)
    meta = _load_yaml(block, path)
    return meta, end + 1


def _load_yaml(block: str, path: Path) -> dict[str, Any]:
    """The front matter as a dict; any failure is a DeckError naming the line.

    PyYAML raises more than YAMLError on hostile input (RecursionError on deep nesting,
    ValueError for `2023-02-29`, OverflowError, TypeError…). The document is composed into nodes
    first, then each top-level value is constructed on its own, so a bad value names its line.
    """
    try:
        loader = _NoAliasLoader(block)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (controls, escapes)
        line = 2 + block[: exc.position].count("\n")
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DeckError(path, f"front matter: character \\x{code:02x} is not allowed in YAML", line=line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        context = getattr(exc, "context", None)
        if context and problem == "second occurrence":
            problem = "an anchor is defined twice"
        raise DeckError(path, f"front matter: {clean_line(str(problem))}", line=line) from None
    except RecursionError:
        raise DeckError(path, "front matter is nested too deeply", line=2) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise DeckError(path, "front matter must be a set of `key: value` lines", line=2 + root.start_mark.line)
    meta: dict[str, Any] = {}
    for key_node, value_node in root.value:
        line = 2 + key_node.start_mark.line
        try:
            constructor = _NoAliasLoader("")
            key = constructor.construct_object(key_node, deep=True)
            value = constructor.construct_object(value_node, deep=True)
        except RecursionError:
            raise DeckError(path, "front matter is nested too deeply", line=line) from None
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or "invalid YAML"
            raise DeckError(path, f"front matter: {clean_line(str(problem))}", line=line) from None
        except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise ValueError, OverflowError…
            reason = clean_line(str(exc))[:100] or type(exc).__name__
            raise DeckError(path, f"front matter: invalid value ({reason})", line=line) from None
        try:
            meta[clean_line(str(key))] = value
        except Exception:  # noqa: BLE001 - a key whose str() fails is not a usable key
            raise DeckError(path, "front matter: invalid key", line=line) from None
    return meta


# Every separator and fence line, in one linear scan (RE2 cannot backtrack: a long run of backticks
# ending in "a`" once took 30 s here). A backtick fence's info string has no backtick; a fence
# closes on a line of at least as many of its characters and nothing else but blanks.
_BOUNDARY = patterns.compile(r"^(?:(---)[ \t]*$| {0,3}(?:(`{3,})([^`\n]*)$|(~{3,})(.*)$))", patterns.MULTILINE)


def split_slides(text: str, start: int = 0, first_line: int = 1) -> list[_Chunk]:
    """The slides' source between `---` lines, outside fenced code, from offset `start` (the start
    of a line).

    One scan over the text finds every separator and fence line (no Python step per line), so
    splitting 50,000 slides costs a few tens of milliseconds.
    """
    body = text[start:] if start else text
    if "```" not in body and "~~~" not in body:
        return _split_without_fences(body, first_line)
    chunks: list[_Chunk] = []
    chunk_start, chunk_line = 0, first_line
    line, counted = first_line, 0
    fence = ""  # the characters of the fence that is open, if any
    for match in _BOUNDARY.finditer(body):
        separator, ticks, tick_rest, tildes, tilde_rest = match.groups()
        if fence or not separator:
            fence = _fence_after(fence, *((ticks, tick_rest) if ticks else (tildes or "", tilde_rest or "")))
            continue
        line_start = match.start()
        line += body.count("\n", counted, line_start)
        counted = line_start
        chunks.append(_Chunk(chunk_line, body[chunk_start:max(chunk_start, line_start - 1)]))
        chunk_start, chunk_line = match.end() + 1, line + 1
    chunks.append(_Chunk(chunk_line, body[chunk_start:]))
    return chunks


def _fence_after(fence: str, run: str, rest: str) -> str:
    """The fence open after a line whose text (after at most three spaces) is a `run` of three or
    more backticks or tildes, then `rest`; `fence` is the one open before it ("" for none).

    A fence closes on a run of its own character at least as long with only blanks after it; a
    backtick fence's info string holds no backtick (CommonMark), a tilde fence's may."""
    if fence:
        return "" if run[:1] == fence[0] and len(run) >= len(fence) and not rest.strip(" \t") else fence
    return run if run[:1] == "~" or "`" not in rest else ""


def _split_without_fences(body: str, first_line: int) -> list[_Chunk]:
    """`split_slides` for text with no fence in it (most decks): separators found with str.find,
    about ten times faster than a match object per separator."""
    chunks: list[_Chunk] = []
    chunk_start, chunk_line = 0, first_line
    line, counted = first_line, 0
    found = 0 if body.startswith("---") else body.find("\n---")
    while found != -1:
        line_start = found if found == 0 and body.startswith("---") else found + 1
        end = body.find("\n", line_start + 3)
        line_end = len(body) if end == -1 else end
        if not body[line_start + 3 : line_end].strip(" \t"):
            line += body.count("\n", counted, line_start)
            counted = line_start
            chunks.append(_Chunk(chunk_line, body[chunk_start:max(chunk_start, line_start - 1)]))
            chunk_start, chunk_line = line_end + 1, line + 1
        if end == -1:
            break
        found = body.find("\n---", end)
    chunks.append(_Chunk(chunk_line, body[chunk_start:]))
    return chunks


def parse_slide(
    lines: list[str], first_line: int, source: Path, base: Path, default_credit: str = ""
) -> Slide | None:
    """One slide from its Markdown lines; None when the slide has nothing in it."""
    return parse_slide_text("\n".join(lines), first_line, source, base, default_credit)


def parse_slide_text(text: str, first_line: int, source: Path, base: Path, default_credit: str = "") -> Slide | None:
    """One slide from its Markdown source; None when the slide has nothing in it.

    A long slide is parsed a piece at a time (see `_pieces`): markdown-it keeps a few hundred
    bytes of tokens per line, so memory follows the piece, never the whole caption.
    """
    # Neutralise control and escape sequences before parsing: an escape such as ESC [ 31 m would
    # otherwise change the Markdown structure itself (an unbalanced "[" breaks an image's syntax).
    text = clean_text(text)
    pieces = _pieces(text)
    env: dict[str, Any] = {}
    if len(pieces) > 1 and "]:" in text:
        md = parser()
        for piece, _ in pieces:  # link reference definitions count in the whole slide
            md.block.parse(piece, md, env, [])
    found = _Found()
    captions: list[str] = []
    runs = _Runs()
    for piece, joiner in pieces:
        caption, piece_runs = _slide_piece(piece.split("\n"), env, found)
        if caption is not None:
            captions.append(caption)
        runs.add(joiner, piece_runs)
    # The caption's Markdown source (kept on the slide), and its styled runs from the same parse.
    caption_md = "\n".join(captions).strip("\n")
    caption_runs = runs.done()
    caption_text = "".join(text for text, _ in caption_runs)

    title = found.title or ""
    photo = alt = credit = None
    if found.image is not None:
        src, alt, credit = found.image
        credit = clean_line(credit) or default_credit
        photo = _resolve(src, base)
    if not title and photo is None and not caption_text.strip():
        return None
    lead = len(text) - len(text.lstrip())
    body_offset = text.count("\n", 0, lead) if lead < len(text) else 0
    return Slide(
        title=title,
        caption=caption_md,
        caption_text=caption_text,
        caption_runs=caption_runs,
        alt=alt or "",
        credit=credit or "",
        photo=photo,
        source=source,
        line=first_line + body_offset,
    )


@dataclass(slots=True)
class _Found:
    """What the pieces of a slide parsed so far found: its title and its photo (src, alt, credit)."""

    title: str | None = None
    image: tuple[str, str, str] | None = None


def _slide_piece(lines: list[str], env: dict[str, Any], found: _Found) -> tuple[str | None, tuple[Run, ...]]:
    """One piece of a slide: its caption source (None when every line was the title or the photo)
    and its styled runs; records the slide's title and photo in `found` when they are here."""
    tokens = parser().parse("\n".join(lines), env)
    title_token, title_lines, title_index = _first_heading(tokens) if found.title is None else (None, range(0), None)
    image, image_inline, image_block = _first_image(tokens) if found.image is None else (None, None, None)
    if title_token is not None:
        found.title = clean_line(inline_plain(title_token))
    if image is not None:
        found.image = (str(image.attrs.get("src", "")), clean_line(inline_plain(image)),
                       str(image.attrs.get("title") or ""))

    dropped: set[int] = set(title_lines)
    skip: set[int] = {title_index} if title_index is not None else set()
    edited: dict[int, str] = {}
    if image is not None and image_inline is not None and image_block is not None and image_block.map:
        others = [c for c in image_inline.children or []
                  if c is not image and not (c.type in ("text", "softbreak") and not c.content.strip())]
        block_lines = range(*image_block.map)
        if not others:
            dropped.update(block_lines)
            skip.add(tokens.index(image_block))
        else:
            # The photo sits inside a sentence: cut it out and keep the words.
            image_inline.children = [c for c in image_inline.children or [] if c is not image]
            for n in block_lines:
                new, count = _INLINE_IMAGE.subn("", lines[n], count=1)
                if count:
                    edited[n] = new
                    break
    kept = [edited.get(n, ln) for n, ln in enumerate(lines) if n not in dropped]
    if not kept:
        return None, ()
    caption = "\n".join(kept)
    return caption, runs_from_tokens(tokens, frozenset(skip)) if caption.strip() else ()


PIECE_CHARS = 4 * 1024
"""A slide longer than this is parsed in pieces of about this size."""


def _pieces(text: str) -> list[tuple[str, str]]:
    """A slide's source cut into pieces of about PIECE_CHARS, each with the text that joins its
    runs to the previous piece's ("" for the first).

    Cuts fall where the Markdown cannot tell: before a line that starts a new top-level block (a
    line at column 0 after a blank line that is not a list item, an ATX heading), never inside a
    fenced code block (one token, however long). A piece twice the size with no such line (one
    paragraph of a million lines, a list with no blank lines) is cut at a line that cannot be a
    setext underline; its lines then join with a line break instead of a space, and emphasis
    open across that line shows its markers: the price of bounded memory on such input.
    """
    if len(text) <= PIECE_CHARS:
        return [(text, "")]
    pieces: list[tuple[str, str]] = []
    start = pos = 0
    joiner = ""
    fence = ""
    previous = ""  # "blank", "rule" (a line that closes a block: `---`, `***`) or ""
    size = len(text)
    while pos < size:
        end = text.find("\n", pos)
        if end == -1:
            end = size
        line = text[pos:end]
        if not fence and pos - start >= PIECE_CHARS:
            cut = _cut_before(line, previous, (pos - start) // PIECE_CHARS)
            if cut:
                pieces.append((text[start : pos - 1], joiner))
                start, joiner = pos, cut
        body = line.lstrip(" ")
        if len(line) - len(body) <= 3 and body[:3] in ("```", "~~~"):
            run = len(body) - len(body.lstrip(body[0]))
            fence = _fence_after(fence, body[:run], body[run:])
        body = line.strip(" \t")
        previous = "blank" if not body else "rule" if line[0] in "-*_" and body.count(line[0]) >= 3 \
            and not body.strip(line[0] + " \t") else ""
        pos = end + 1
    pieces.append((text[start:], joiner))
    return pieces


def _is_list_item(line: str) -> bool:
    if line[:1] in ("-", "+", "*"):
        return line[1:2] in ("", " ", "\t")
    digits = len(line) - len(line.lstrip("0123456789"))
    return (0 < digits <= 9 and line[digits : digits + 1] in (".", ")")
            and line[digits + 1 : digits + 2] in ("", " ", "\t"))


def _cut_before(line: str, previous: str, oversize: int) -> str:
    """How a piece may end before `line` (after a `previous` line that was "blank", a "rule" or
    neither): "\n\n" between blocks, "\n" as a last resort (when the piece is `oversize` ≥ 2
    times too long), "" not here."""
    body = line.strip(" \t")
    if not body:
        # Inside a run of blank lines (a million of them must not stay one piece).
        return "\n\n" if previous == "blank" else ""
    if line[0] not in " \t" and (previous == "rule" or previous == "blank" and not _is_list_item(line)):
        return "\n\n"
    hashes = len(line) - len(line.lstrip("#"))
    if 0 < hashes <= 6 and line[hashes : hashes + 1] in ("", " ", "\t"):
        return "\n\n"
    if oversize < 2 or not body.strip("=-:| \t"):
        return ""  # a setext underline or a table's delimiter row belongs to the line above
    if "|" in line and oversize < 4:
        return ""  # probably a table row: cut a table only when nothing else would do
    return "\n"


class _Runs:
    """A slide's styled runs gathered piece by piece: neighbours with equal tags joined (once, at
    the end, so a run that spans many pieces is not copied again for each), equal tag sets and
    short repeated runs shared, so a million list items cost what their text costs."""

    _SHARED_SHORT_RUNS = 4096

    def __init__(self) -> None:
        self._out: list[Run] = []
        self._texts: list[str] = []
        self._tags: frozenset[str] = NO_TAGS
        self._tag_sets: dict[frozenset[str], frozenset[str]] = {}
        self._short: dict[Run, Run] = {}

    def add(self, joiner: str, runs: tuple[Run, ...]) -> None:
        if not runs:
            return
        if joiner and (self._out or self._texts):
            self._push(joiner, NO_TAGS)
        for text, tags in runs:
            self._push(text, tags)

    def _push(self, text: str, tags: frozenset[str]) -> None:
        if self._texts and tags != self._tags:
            self._flush()
        if not self._texts:
            self._tags = self._tag_sets.setdefault(tags, tags)
        self._texts.append(text)

    def _flush(self) -> None:
        run = ("".join(self._texts), self._tags)
        self._texts = []
        if len(run[0]) <= 16:
            shared = self._short.get(run)
            if shared is not None:
                run = shared
            elif len(self._short) < self._SHARED_SHORT_RUNS:
                self._short[run] = run
        self._out.append(run)

    def done(self) -> tuple[Run, ...]:
        if self._texts:
            self._flush()
        return tuple(self._out)


def _first_heading(tokens: list[Token]) -> tuple[Token | None, range, int | None]:
    """The first heading's inline token, its source lines and the index of its opening token."""
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            lines = range(*tok.map) if tok.map else range(0)
            return tokens[i + 1], lines, i
    return None, range(0), None


def _first_image(tokens: list[Token]) -> tuple[Token | None, Token | None, Token | None]:
    """The first image outside headings, the inline token holding it, and its enclosing block."""
    block: Token | None = None
    in_heading = False
    for tok in tokens:
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.nesting == 1 and tok.map:
            block = tok
        elif tok.type == "inline" and not in_heading:
            for child in tok.children or []:
                if child.type == "image":
                    return child, tok, block
    return None, None, None


def _resolve(src: str, base: Path) -> Photo:
    clean_src = clean_line(src)
    drive_letter = src[:1].isascii() and src[:1].isalpha() and src[1:2] == ":" and src[2:3] in ("\\", "/")
    if _URL_SCHEME.match(src) and not drive_letter:
        return Photo(clean_src, None)
    return Photo(clean_src, Path(os.path.abspath(base / unquote(src))))
