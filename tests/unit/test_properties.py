"""Property-based tests: the parser and the matcher accept any text."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model import DeckError, Query, Slide
from viewer.sources.markdown_deck import parse_deck_text

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PIECES = list("ab #*_`[]()!\"'-:\n\t\r\x1b\x07\u202e~>é’") + ["---", "```", "![a](b.png)", "\n---\n", "title: x\n"]
markdownish = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(markdownish, st.text(max_size=300), st.binary(max_size=300)))
def test_parser_never_raises_anything_but_deck_error(source):
    try:
        deck = parse_deck_text(source, Path("/tmp/prop.md"))
    except DeckError as error:
        assert "/tmp/prop.md" in str(error)
        return
    for slide in deck.slides:
        for text in (slide.title, slide.alt, slide.credit, deck.title):
            assert not CONTROL.search(text) and "\n" not in text
        assert not CONTROL.search(slide.caption_text.replace("\n", "").replace("\t", ""))
        assert "".join(t for t, _ in slide.caption_runs) == slide.caption_text
        assert slide.title or slide.photo or slide.caption_text.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=200))
def test_matcher_accepts_any_query_and_spans_are_in_bounds(query_text, text):
    query = Query.parse(query_text)
    query.matches(Slide(title=text, caption_text=text))
    for start, end in query.spans(text):
        assert 0 <= start < end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40))
def test_a_slide_is_found_by_any_word_of_its_title(title):
    slide = Slide(title=title)
    for word in title.split():
        if Query.parse(word):
            assert Query.parse(word).matches(slide), word


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_fast_fold_equals_the_character_by_character_fold(text):
    from viewer.basics.text import fold, fold_with_map

    assert fold(text) == fold_with_map(text)[0]


def _reference_split(text: str) -> list[tuple[int, str]]:
    """The plain line-by-line splitter the fast one must agree with: (first line, text) per slide."""
    import re

    fence_open = re.compile(r" {0,3}(`{3,}(?!.*`)|~{3,})")
    chunks: list[tuple[int, list[str]]] = [(1, [])]
    fence = None
    for number, line in enumerate(text.split("\n"), start=1):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]} and len(line) - len(line.lstrip()) < 4:
                fence = None
        elif (m := fence_open.match(line)) is not None:
            fence = m.group(1)
        elif re.fullmatch(r"---[ \t]*", line):
            chunks.append((number + 1, []))
            continue
        chunks[-1][1].append(line)
    return [(first, "\n".join(lines)) for first, lines in chunks]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["---", "--- ", "----", " ---", "```", "```js", "~~~", "````", "  ```", "``` `x`",
                                 "text", "", "# T", "    ```", "~~~~", "-- -"]), max_size=30))
def test_fast_splitter_agrees_with_the_line_by_line_one(lines):
    from viewer.sources.markdown_deck import split_slides

    text = "\n".join(lines)
    assert [(c.first_line, c.text) for c in split_slides(text)] == _reference_split(text)
