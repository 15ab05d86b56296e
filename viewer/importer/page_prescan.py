"""The pre-scan: what the HTML parser would build slowly is refused or simplified first.

One pass over the page in document order, in the tokenizer's own terms (tags, attributes,
comments, raw text), hopping from one `<` to the next at C speed. The page the parser then sees
is written back from those tokens (tags and attributes re-serialised, comments left out), so what
the pre-scan measured is exactly what the parser builds: no page can smuggle structure past it.
An AMP page's `<amp-img>` is written back as the `<img>` it stands for (its end tag left out), so
every later step reads it as the picture it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from viewer import patterns
from viewer.importer.page_types import PageProblem

MAX_DEPTH = 4000
"""Deeper nesting than any real page has; the HTML5 tree builder's time grows with its square."""

MAX_ELEMENTS = 200_000
"""Start tags in a page (a long Wikipedia article has about 50,000)."""
MAX_ATTRIBUTE_TOKENS = 1_000_000
"""Attributes in a page, all elements together."""
MAX_ELEMENT_ATTRIBUTES = 64
"""Attributes kept per element (the rest are dropped: the tree builder checks each for duplicates)."""
MAX_WORD_ATTRIBUTE = 1_000
"""Longest class, id, style, data-*, aria-* or on* value kept; longer ones are dropped."""
MAX_ATTRIBUTE = 16 * 1024
"""Longest value kept for any other attribute (a src, srcset, alt or content)."""
MAX_TABLE_CELLS = 10_000
"""Table cells read as a table; beyond it table tags are dropped and the cells' text flows on."""
SOFT_DEPTH = 512
"""Inline formatting nested deeper than this is dropped (its text is kept)."""
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "param", "keygen", "image", "basefont", "bgsound", "frame"})
_IMPLIED_END = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
                          "colgroup", "caption", "rp", "rt", "rb", "rtc", "html", "head", "body"})
"""Elements the tree builder closes by itself (one never holds another of its kind) or only once."""
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
                         "u", "span", "abbr", "cite", "mark", "q", "sub", "sup", "time", "label", "bdi", "bdo",
                         "del", "ins", "kbd", "samp", "var", "dfn", "data"})
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "title"})
_FORM_CONTROLS = frozenset({"select", "datalist", "textarea"})
"""Never photo material: their content is left out before parsing (a <select> with 100,000
<option>s is quadratic in the tree builder)."""
_FORM_PARTS = frozenset({"option", "optgroup"})
_TABLE_TAGS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "col", "colgroup", "caption"})
_FOREIGN = frozenset({"svg", "math"})
_AS_IMG = frozenset({"amp-img"})
"""Custom elements that are pictures: read as <img> (void, so what they hold follows them)."""
_TAG_NAME_END = patterns.compile(r"[\s/>]")
_ATTRIBUTE_NAME_END = patterns.compile(r"[\s/>=]")
_NOT_SPACE = patterns.compile(r"[^\s]")
_NOT_SPACE_OR_SLASH = patterns.compile(r"[^\s/]")
_UNQUOTED_END = patterns.compile(r"[\s>]")
_STOPS: dict[patterns.Pattern[str], Callable[[str], bool]] = {
    _TAG_NAME_END: lambda ch: ch.isspace() or ch in "/>",
    _ATTRIBUTE_NAME_END: lambda ch: ch.isspace() or ch in "/>=",
    _NOT_SPACE: lambda ch: not ch.isspace(),
    _NOT_SPACE_OR_SLASH: lambda ch: not ch.isspace() and ch != "/",
    _UNQUOTED_END: lambda ch: ch.isspace() or ch == ">",
}
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _find(text: str, start: int, pattern: patterns.Pattern[str]) -> int:
    """Index of the first character at or after `start` matching the one-character `pattern`, else
    len(text). Names and values are short: the first characters are tried one by one (a call into
    RE2 costs more than a dozen of them); then windows that grow fourfold, linear in the distance."""
    n = len(text)
    stop = _STOPS[pattern]
    limit = min(start + 24, n)
    while start < limit:
        if stop(text[start]):
            return start
        start += 1
    window = 64
    while start < n:
        chunk = text[start:start + window]
        found = pattern.search(chunk)
        if found is not None:
            return start + found.start()
        start += len(chunk)
        window = min(window * 4, 1 << 20)
    return n


def _word_attribute(name: str) -> bool:
    return name in ("class", "id", "style") or name.startswith(("data-", "aria-", "on"))


@dataclass
class _Tag:
    name: str
    attributes: list[tuple[str, str]]
    self_closing: bool
    end: int
    """Index just after the tag's `>`."""
    too_many: int = 0
    giant: list[tuple[str, int]] = field(default_factory=list)


def _add_attribute(tag: _Tag, attribute: str, value: str, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise PageProblem(f"it has more than {MAX_ATTRIBUTE_TOKENS:,} attributes; no saved page does that")
    if len(tag.attributes) >= MAX_ELEMENT_ATTRIBUTES:
        tag.too_many += 1
    elif len(value) > (MAX_WORD_ATTRIBUTE if _word_attribute(attribute) else MAX_ATTRIBUTE):
        tag.giant.append((attribute, len(value)))
    elif attribute and not any(ch in attribute for ch in "\"'<=`"):
        tag.attributes.append((attribute, value))


def _read_tag(text: str, start: int, budget: list[int]) -> _Tag | None:
    """The tag whose `<` (or `</`) ends just before `start`; None when the text ends inside it (the
    tokenizer drops such a tag and everything after it). The tokenizer's own states, hopping."""
    close = text.find(">", start, start + 16)
    if close != -1 and text[start:close].isalnum():  # <td>, </p>: most tags have no attributes
        return _Tag(text[start:close].translate(_ASCII_LOWER), [], False, close + 1)
    n = len(text)
    stop = _find(text, start, _TAG_NAME_END)
    name = text[start:stop].translate(_ASCII_LOWER)
    tag = _Tag(name, [], False, n)
    i = stop
    while True:
        i = _find(text, i, _NOT_SPACE_OR_SLASH)
        if i >= n:
            return None
        if text[i] == ">":
            tag.self_closing = text[i - 1] == "/"
            tag.end = i + 1
            return tag
        stop = _find(text, i + 1, _ATTRIBUTE_NAME_END)
        attribute = text[i:stop].translate(_ASCII_LOWER)
        i = _find(text, stop, _NOT_SPACE)
        value = ""
        if i < n and text[i] == "=":
            i = _find(text, i + 1, _NOT_SPACE)
            if i >= n:
                return None
            quote = text[i]
            if quote in "\"'":
                close = text.find(quote, i + 1)
                if close == -1:
                    return None
                value, i = text[i + 1:close], close + 1
            elif quote != ">":
                stop = _find(text, i, _UNQUOTED_END)
                value, i = text[i:stop], stop
        _add_attribute(tag, attribute, value, budget)


def _raw_text_end(text: str, start: int, name: str) -> tuple[int, int]:
    """(where the raw text of a <name> element ends, where its end tag ends); len(text) twice if
    it is never closed."""
    n = len(text)
    at = start
    while True:
        at = text.find("</", at)
        if at == -1:
            return n, n
        after = at + 2 + len(name)
        if text[at + 2:after].translate(_ASCII_LOWER) == name and (after >= n or text[after] in " \t\n\r\f/>"):
            close = text.find(">", after)
            return at, (n if close == -1 else close + 1)
        at += 2


def _attribute_text(value: str) -> str:
    return value.replace('"', "&quot;")


@dataclass
class PreScan:
    html: str
    """The page as the parser is to read it."""
    notes: list[str]
    """What was left out or simplified, and why (for the import report)."""
    elements: int = 0
    depth: int = 0


def prescan(text: str) -> PreScan:
    """Refuse (PageProblem) or simplify, in one linear pass, a page the HTML parser would build
    slowly: too many elements or attributes, giant attributes, deep nesting, huge tables, form
    controls. See the module's MAX_* limits."""
    out: list[str] = []
    n = len(text)
    stack: list[str] = []
    open_count: dict[str, int] = {}
    foreign = 0
    elements = cells = deepest = 0
    budget = [MAX_ATTRIBUTE_TOKENS]
    form_controls = dropped_formatting = dropped_table_tags = too_many = 0
    giant: list[tuple[str, int]] = []
    i = 0
    while i < n:
        lt = text.find("<", i)
        if lt == -1 or lt + 1 >= n:
            out.append(text[i:])
            break
        if lt > i:
            out.append(text[i:lt])
        following = text[lt + 1]
        if following == "!":
            if text.startswith("<!--", lt):
                if text.startswith(("<!-->", "<!--->"), lt):
                    i = text.find(">", lt + 4) + 1
                    continue
                close = text.find("-->", lt + 4)
                i = n if close == -1 else close + 3  # comments are left out: never content
                continue
            close = text.find(">", lt)
            close = n if close == -1 else close + 1
            if text[lt:lt + 9].translate(_ASCII_LOWER) == "<!doctype":
                out.append(text[lt:close] if close - lt <= 1000 else "<!DOCTYPE html>")
            i = close
            continue
        if following == "?":
            close = text.find(">", lt)
            i = n if close == -1 else close + 1
            continue
        if following == "/":
            if lt + 2 >= n:
                out.append(text[lt:])
                break
            if text[lt + 2] == ">":
                i = lt + 3
                continue
            if not text[lt + 2].isascii() or not text[lt + 2].isalpha():
                close = text.find(">", lt)
                i = n if close == -1 else close + 1
                continue
            tag = _read_tag(text, lt + 2, budget)
            if tag is None:
                break
            i = tag.end
            name = "img" if tag.name in _AS_IMG else tag.name
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top in _FOREIGN:
                        foreign -= 1
                    if top == name:
                        break
                out.append(f"</{name}>")
            elif name in _IMPLIED_END and not (name in _TABLE_TAGS and cells > MAX_TABLE_CELLS):
                out.append(f"</{name}>")
            elif name in ("p", "br"):
                out.append(f"</{name}>")
            # any other end tag closes nothing the parser has open: left out (the tree builder
            # would walk its whole stack of open elements for each)
            continue
        if not following.isascii() or not following.isalpha():
            out.append("<")
            i = lt + 1
            continue
        tag = _read_tag(text, lt + 1, budget)
        if tag is None:
            break
        elements += 1
        if elements > MAX_ELEMENTS:
            raise PageProblem(f"it has more than {MAX_ELEMENTS:,} elements; no saved page does that")
        i = tag.end
        name = "img" if tag.name in _AS_IMG else tag.name
        too_many += tag.too_many
        giant.extend(tag.giant)
        if name in _FORM_CONTROLS:
            form_controls += 1
            i = _raw_text_end(text, i, name)[1]
            continue
        if name in _FORM_PARTS:
            continue
        if name in _TABLE_TAGS:
            if name in ("td", "th"):
                cells += 1
            if cells > MAX_TABLE_CELLS:
                dropped_table_tags += 1
                continue
        pushed = name not in _VOID and name not in _IMPLIED_END and not (foreign and tag.self_closing)
        if pushed and len(stack) >= SOFT_DEPTH and name in _FORMATTING:
            dropped_formatting += 1
            continue
        attributes = "".join(f' {key}="{_attribute_text(value)}"' for key, value in tag.attributes)
        out.append(f"<{name}{attributes}{'/' if tag.self_closing else ''}>")
        if name in _RAW_TEXT or name == "plaintext":
            end, after = _raw_text_end(text, i, name) if name != "plaintext" else (n, n)
            out.append(text[i:end])
            out.append(f"</{name}>")
            i = after
            continue
        if pushed:
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if name in _FOREIGN:
                foreign += 1
            if len(stack) > deepest:
                deepest = len(stack)
                if deepest >= MAX_DEPTH:
                    raise PageProblem(f"its elements nest more than {MAX_DEPTH:,} levels deep; no saved page does that")
    notes = []
    if giant:
        longest = max(giant, key=lambda item: item[1])
        notes.append(f"{len(giant):,} attribute{'s' if len(giant) != 1 else ''} too long to be real left out "
                     f"(the longest, {longest[0][:30]}, had {longest[1]:,} characters)")
    if too_many:
        notes.append(f"{too_many:,} attributes beyond {MAX_ELEMENT_ATTRIBUTES} on one element left out")
    if form_controls:
        notes.append(f"the contents of {form_controls:,} form control{'s' if form_controls != 1 else ''} "
                     "(select, datalist, textarea) left out")
    if dropped_table_tags:
        notes.append(f"tables with more than {MAX_TABLE_CELLS:,} cells: the rest read as plain text")
    if dropped_formatting:
        notes.append(f"{dropped_formatting:,} inline tags nested deeper than {SOFT_DEPTH} levels left out "
                     "(their text is kept)")
    return PreScan("".join(out), notes, elements, deepest)
