"""Parse a Markdown deck file (the public deck format) into a Deck.

Slides are split on `---` lines *before* any Markdown parsing (outside fenced code), so a
paragraph followed by `---` can never turn into a setext heading. Within a slide, markdown-it
finds the first heading (title) and first image (photo, alt text, credit); the rest is caption.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from markdown_it.token import Token

from viewer.model.deck import Deck, Notice, Photo, Slide
from viewer.model.errors import DeckError
from viewer.model.files import FileProblem, read_regular
from viewer.model.gc_pause import paused_gc
from viewer.model.lazy_slides import LazySlides
from viewer.model.markdown_text import inline_plain, parser, runs_from_tokens
from viewer.model.text import clean_line, clean_text

_SEPARATOR = re.compile(r"---[ \t]*")
# Nothing to show: blank lines and link reference definitions only.
_EMPTY_CHUNK = re.compile(r"(?:[ \t]*(?:\[[^\]\n]+\]:[^\n]*)?(?:\n|$))*")
# Surely shows something: a line whose text (after block markers) starts with a letter, a digit or
# "!" (an image, or the text "!"). Other chunks are parsed while splitting, to drop them if empty.
_VISIBLE_LINE = re.compile(r"^[ \t]{0,3}(?:(?:#{1,6}|>|[-*+]|\d{1,9}[.)])[ \t]+)*(?:[^\W_]|!)", re.M)
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+:")
_LOOKS_LIKE_YAML = re.compile(r"[^\s#:][^:]*:(\s|$)")
_INLINE_IMAGE = re.compile(r"!\[(?:[^\[\]\\]|\\.|\[[^\]]*\])*\]\((?:[^()\\]|\\.|\([^)]*\))*\)")
MAX_FRONT_MATTER = 64 * 1024
KEEP_PARSED = 4096
"""Parsed slides kept per deck (the rest are parsed again when needed): memory stays flat."""


@dataclass
class _Chunk:
    first_line: int
    """1-based line number of the chunk's first line in the file."""
    text: str


@dataclass
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


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MARKUP_LIKE = re.compile(r"\[/\]|\[/?[a-z@#][a-z0-9_@#=.:,/ -]*\](?![(\[])")
_HTML_LIKE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?>")


def content_notices(text: str) -> list[str]:
    """What in a slide's source will be neutralised or shown literally (for `viewer check`)."""
    found = []
    controls = sorted(set(_CONTROLS.findall(text)))
    if controls:
        shown = ", ".join(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in controls[:6])
        found.append(f"control or escape characters ({shown}) will be removed or shown as symbols")
    markup = _MARKUP_LIKE.search(text)
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


def parse_deck_text(data: bytes | str, path: Path) -> Deck:
    """Parse deck source (bytes as read from disk, or already-decoded text) read from `path`."""
    with paused_gc():
        return _parse_deck_text(data, path)


def _parse_deck_text(data: bytes | str, path: Path) -> Deck:
    if isinstance(data, bytes):
        text, problems = decode_deck_bytes(data)
    else:
        text, problems = data.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), []
    notices = [Notice(path, line, message, warn=True) for line, message in problems]
    head = text[: MAX_FRONT_MATTER + 4096].split("\n")  # front matter is near the top; no need to split it all
    meta, body_start = _front_matter(head, path)
    base = path.parent
    default_credit = clean_line(_as_text(meta.get("credit")))
    body_offset = sum(len(line) + 1 for line in head[:body_start])
    chunks = split_slides(text, body_offset, body_start + 1)
    kept: list[_Chunk | Slide] = []
    for number, chunk in enumerate(chunks):
        parsed = None
        visible = _VISIBLE_LINE.search(chunk.text) is not None
        empty = not visible and _EMPTY_CHUNK.fullmatch(chunk.text) is not None
        if not visible and not empty:
            # Cannot tell cheaply whether it shows anything (an empty fence, `&nbsp;`…): parse it now.
            parsed = parse_slide(chunk.text.split("\n"), chunk.first_line, path, base, default_credit)
            empty = parsed is None
        if empty:
            # Blank space before the first or after the last separator is normal; between two is not.
            if 0 < number < len(chunks) - 1:
                notices.append(Notice(path, chunk.first_line, "empty slide between two --- lines: skipped"))
            continue
        kept.append(chunk if parsed is None else _Parsed(chunk.first_line, chunk.text, parsed))

    def make(index: int, found: list[Notice]) -> Slide:
        chunk = kept[index]
        try:
            slide = chunk.slide if isinstance(chunk, _Parsed) else parse_slide(
                chunk.text.split("\n"), chunk.first_line, path, base, default_credit)
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

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed in front matter", event.start_mark)
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


# A separator or fence opener at the start of a line. The pattern starts with a literal newline,
# which lets the regex engine jump from line to line at C speed (a `^` anchor is tried at every
# character); the text's own first line is checked on its own.
_BOUNDARY = re.compile(r"\n(?:(---)[ \t]*(?=\n|\Z)| {0,3}(`{3,}(?![^\n]*`)|~{3,}))")


def split_slides(text: str, start: int = 0, first_line: int = 1) -> list[_Chunk]:
    """The slides' source between `---` lines, outside fenced code, from offset `start`.

    One regular-expression scan over the text finds every separator and fence opener (no Python
    step per line), so splitting 50,000 slides costs a few tens of milliseconds.
    """
    chunks: list[_Chunk] = []
    chunk_start, chunk_line = start, first_line
    line, counted = first_line, start
    # Searching from start - 1 lets the newline before the first line (or a virtual one) match.
    source = text if start > 0 else "\n" + text
    shift = 0 if start > 0 else 1
    position = start - 1 + shift
    while True:
        match = _BOUNDARY.search(source, position)
        if match is None:
            break
        line_start = match.start() + 1 - shift  # where the matched line begins in `text`
        line += text.count("\n", counted, line_start)
        counted = line_start
        if match.group(1):  # a separator
            chunks.append(_Chunk(chunk_line, text[chunk_start:max(chunk_start, line_start - 1)]))
            end = text.find("\n", line_start)
            if end == -1:
                chunk_start, chunk_line = len(text), line + 1
                position = len(source)
                break
            chunk_start, chunk_line = end + 1, line + 1
            position = end + shift  # the newline ending the separator line, in `source`
            continue
        fence = match.group(2)
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        opener_end = text.find("\n", line_start)
        closed = closing.search(text, opener_end + 1) if opener_end != -1 else None
        if closed is None:
            break  # an unclosed fence runs to the end: no separator after it
        position = closed.end() + shift
    chunks.append(_Chunk(chunk_line, text[chunk_start:]))
    return chunks


def parse_slide(
    lines: list[str], first_line: int, source: Path, base: Path, default_credit: str = ""
) -> Slide | None:
    """One slide from its Markdown lines; None when the slide has nothing in it."""
    # Neutralise control and escape sequences before parsing: an escape such as ESC [ 31 m would
    # otherwise change the Markdown structure itself (an unbalanced "[" breaks an image's syntax).
    lines = clean_text("\n".join(lines)).split("\n")
    tokens = parser().parse("\n".join(lines))
    title_token, title_lines, title_index = _first_heading(tokens)
    image, image_inline, image_block = _first_image(tokens)

    dropped: set[int] = set(title_lines)
    skip: set[int] = {title_index} if title_index is not None else set()
    edited: dict[int, str] = {}
    if image is not None and image_inline is not None and image_block is not None and image_block.map:
        others = [c for c in image_inline.children or [] if c is not image and not (c.type in ("text", "softbreak") and not c.content.strip())]
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
    # The caption's Markdown source (kept on the slide), and its styled runs from the same parse.
    caption_md = "\n".join(edited.get(n, ln) for n, ln in enumerate(lines) if n not in dropped).strip("\n")
    runs = runs_from_tokens(tokens, frozenset(skip)) if caption_md.strip() else ()
    caption_text = "".join(text for text, _ in runs)

    title = clean_line(inline_plain(title_token)) if title_token is not None else ""
    photo = alt = credit = None
    if image is not None:
        src = str(image.attrs.get("src", ""))
        alt = clean_line(inline_plain(image))
        credit = clean_line(str(image.attrs.get("title") or "")) or default_credit
        photo = _resolve(src, base)
    if not title and photo is None and not caption_text.strip():
        return None
    body_offset = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    return Slide(
        title=title,
        caption=caption_md,
        caption_text=caption_text,
        caption_runs=runs,
        alt=alt or "",
        credit=credit or "",
        photo=photo,
        source=source,
        line=first_line + body_offset,
    )


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
    if _URL_SCHEME.match(src) and not re.match(r"[A-Za-z]:[\\/]", src):
        return Photo(clean_src, None)
    return Photo(clean_src, Path(os.path.abspath(base / unquote(src))))
