"""Markdown to styled plain text.

A caption is shown in the terminal as text with a few styles (emphasis, code, links shown but not
followed). This walks markdown-it tokens into runs of `(text, tags)`; joining the texts gives the
plain caption that search matches against and highlight offsets index into, so what is matched is
exactly what is shown. Raw HTML is disabled in the parser, so it stays literal text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from viewer.basics.gc_pause import paused_gc

Run = tuple[str, frozenset[str]]
NO_TAGS: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one Markdown dialect viewer reads: CommonMark + tables + strikethrough, no raw HTML."""
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def inline_plain(token: Token | None) -> str:
    """Plain text of an inline token (a heading's title, an image's alt text)."""
    if token is None or not token.children:
        return token.content if token is not None else ""
    return "".join(text for text, _ in _inline_runs(token.children))


class _Tags:
    """The styles open at a point of an inline run, as a frozenset rebuilt only when it changes.

    Counting (not a list searched on every close) keeps deeply nested emphasis linear.
    """

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self.current: frozenset[str] = NO_TAGS

    def open(self, name: str) -> None:
        count = self._counts.get(name, 0)
        self._counts[name] = count + 1
        if not count:
            self.current = self.current | {name}

    def close(self, name: str) -> None:
        count = self._counts.get(name, 0)
        if count <= 0:
            return
        self._counts[name] = count - 1
        if count == 1:
            self.current = self.current - {name}

    def plus(self, name: str) -> frozenset[str]:
        return self.current | {name}


def _inline_runs(children: Iterable[Token]) -> list[Run]:
    runs: list[Run] = []
    tags = _Tags()
    links: list[tuple[str, int]] = []  # (href, index of the first run inside the link)
    for tok in children:
        t = tok.type
        if t in ("text", "text_special", "html_inline"):
            runs.append((tok.content, tags.current))
        elif t == "softbreak":
            runs.append((" ", tags.current))
        elif t == "hardbreak":
            runs.append(("\n", tags.current))
        elif t == "code_inline":
            runs.append((tok.content, tags.plus("code")))
        elif t == "image":
            alt = "".join(text for text, _ in _inline_runs(tok.children or []))
            runs.append((alt, tags.plus("alt")))
        elif t.endswith("_open") and t != "link_open":
            tags.open(t[: -len("_open")])
        elif t.endswith("_close") and t != "link_close":
            tags.close(t[: -len("_close")])
        elif t == "link_open":
            links.append((str(tok.attrs.get("href", "")), len(runs)))
            tags.open("link")
        elif t == "link_close" and links:
            href, first = links.pop()
            tags.close("link")
            shown = "".join(text for text, _ in runs[first:])
            # Show where a link goes (it is never followed); autolinks already show it.
            if href and href != shown and href != f"mailto:{shown}":
                runs.append((f" ({href})", tags.plus("url")))
    return runs


def markdown_runs(source: str) -> tuple[Run, ...]:
    """Styled runs for a Markdown caption; blocks are separated by blank lines."""
    with paused_gc():
        return _markdown_runs(source)


def _markdown_runs(source: str) -> tuple[Run, ...]:
    return runs_from_tokens(parser().parse(source))


def runs_from_tokens(tokens: list[Token], skip: frozenset[int] = frozenset()) -> tuple[Run, ...]:
    """Styled runs for an already parsed token stream, leaving out the blocks opened at the token
    indices in `skip` (a slide's title heading, the paragraph holding its photo): the slide is
    parsed once, not once for its structure and again for its caption."""
    blocks: list[list[Run]] = []
    _blocks(tokens, 0, len(tokens), blocks, prefix="", tags=(), skip=skip)
    out: list[Run] = []
    for i, block in enumerate(blocks):
        if i:
            out.append(("\n\n", NO_TAGS))
        out.extend(r for r in block if r[0])
    return tuple(_merge(out))


def _merge(runs: Iterable[Run]) -> list[Run]:
    """Neighbouring runs with equal tags joined (pieces collected, then joined once: linear)."""
    merged: list[Run] = []
    pieces: list[str] = []
    current: frozenset[str] | None = None
    for text, tags in runs:
        if pieces and tags != current:
            merged.append(("".join(pieces), current))  # type: ignore[arg-type]
            pieces = []
        pieces.append(text)
        current = tags
    if pieces:
        merged.append(("".join(pieces), current))  # type: ignore[arg-type]
    return merged


def _close_index(tokens: list[Token], start: int) -> int:
    """Index of the token closing the block opened at `start`."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def _blocks(
    tokens: list[Token], start: int, end: int, out: list[list[Run]], prefix: str, tags: tuple[str, ...],
    skip: frozenset[int] = frozenset(),
) -> None:
    i = start
    while i < end:
        tok = tokens[i]
        t = tok.type
        if i in skip:
            i = _close_index(tokens, i) + 1
        elif t in ("paragraph_open", "heading_open"):
            extra = ("heading",) if t == "heading_open" else ()
            runs = [(text, tagset | frozenset(tags + extra))
                    for text, tagset in _inline_runs(tokens[i + 1].children or [])]
            out.append([(prefix, NO_TAGS), *runs] if prefix else runs)
            i = _close_index(tokens, i) + 1
        elif t in ("fence", "code_block"):
            out.append([(tok.content.rstrip("\n"), frozenset((*tags, "code")))])
            i += 1
        elif t == "hr":
            out.append([("───", frozenset((*tags, "rule")))])
            i += 1
        elif t in ("bullet_list_open", "ordered_list_open"):
            close = _close_index(tokens, i)
            number = int(tok.attrs.get("start", 1) or 1)
            items: list[Run] = []
            j = i + 1
            while j < close:
                if tokens[j].type == "list_item_open":
                    item_close = _close_index(tokens, j)
                    marker = "• " if t == "bullet_list_open" else f"{number}. "
                    number += 1
                    inner: list[list[Run]] = []
                    _blocks(tokens, j + 1, item_close, inner, "", tags, skip)
                    if not inner and any(k in skip for k in range(j + 1, item_close)):
                        j = item_close + 1
                        continue  # every block of the item was left out (it held only the photo)
                    lines = _join_blocks(inner, "\n")
                    if items:
                        items.append(("\n", NO_TAGS))
                    items.append((prefix + marker, frozenset((*tags, "marker"))))
                    items.extend(_indent(lines, prefix + " " * len(marker)))
                    j = item_close + 1
                else:
                    j += 1
            if items:
                out.append(items)
            i = close + 1
        elif t == "blockquote_open":
            close = _close_index(tokens, i)
            inner = []
            _blocks(tokens, i + 1, close, inner, prefix, (*tags, "quote"), skip)
            out.extend(inner)
            i = close + 1
        elif t == "table_open":
            close = _close_index(tokens, i)
            rows: list[Run] = []
            cells: list[Run] = []
            for k in range(i, close):
                kind = tokens[k].type
                if kind == "inline":
                    if cells:
                        cells.append((" | ", NO_TAGS))
                    cells.extend(_inline_runs(tokens[k].children or []))
                elif kind == "tr_close":
                    if rows:
                        rows.append(("\n", NO_TAGS))
                    rows.extend(cells)
                    cells = []
            out.append(rows)
            i = close + 1
        else:
            i += 1


def _join_blocks(blocks: list[list[Run]], sep: str) -> list[Run]:
    joined: list[Run] = []
    for k, block in enumerate(blocks):
        if k:
            joined.append((sep, NO_TAGS))
        joined.extend(block)
    return joined


def _indent(runs: list[Run], indent: str) -> list[Run]:
    """Indent continuation lines of a list item so they align under its text."""
    return [(text.replace("\n", "\n" + indent), tags) for text, tags in runs]
