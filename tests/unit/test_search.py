"""Search rules: case, accents, quotes, AND of terms, phrases, fields, highlight offsets."""

from __future__ import annotations

from pathlib import Path

from viewer.model import Query, Slide
from viewer.model.search import SearchIndex
from viewer.sources import load_path


def slide(title="", caption="", alt="", credit="") -> Slide:
    return Slide(title=title, caption=caption, caption_text=caption, alt=alt, credit=credit)


def test_case_insensitive():
    assert Query.parse("SOLDIER").matches(slide(title="A soldier"))


def test_accents_fold_both_ways():
    assert Query.parse("cafe").matches(slide(caption="Le café"))
    assert Query.parse("café").matches(slide(caption="Le cafe"))
    assert Query.parse("Sao Paulo").matches(slide(caption="São Paulo"))


def test_curly_and_straight_apostrophes_and_quotes_are_equal():
    assert Query.parse("isn't").matches(slide(caption="It isn’t"))
    assert Query.parse("isn’t").matches(slide(caption="It isn't"))
    assert Query.parse("“Dear Leaders”").matches(slide(caption='the "Dear Leaders" smile'))


def test_all_terms_must_match_and_each_may_be_in_a_different_field():
    s = slide(title="Soldiers", caption="in the park", alt="a bench", credit="Jane")
    assert Query.parse("soldiers park bench jane").matches(s)
    assert not Query.parse("soldiers beach").matches(s)


def test_terms_match_as_substrings():
    assert Query.parse("sold").matches(slide(title="Soldiers"))


def test_each_field_is_searched():
    for field in ("title", "caption", "alt", "credit"):
        assert Query.parse("needle").matches(slide(**{field: "a needle here"})), field


def test_a_term_never_spans_two_fields():
    assert not Query.parse('"end start"').matches(slide(title="the end", caption="start here"))


def test_quoted_phrase_matches_as_phrase():
    s = slide(caption="north korean soldiers in the north of korea")
    assert Query.parse('"korean soldiers"').matches(s)
    assert not Query.parse('"soldiers korean"').matches(s)
    assert Query.parse("soldiers korean").matches(s)


def test_phrase_matches_across_line_breaks_and_repeated_spaces():
    assert Query.parse('"north korea"').matches(slide(caption="North\n  Korea"))


def test_unclosed_quote_is_a_phrase_to_the_end():
    query = Query.parse('"big red')
    assert query.terms == ("big red",)


def test_empty_query_is_falsy_and_matches_everything():
    assert not Query.parse("   ")
    assert not Query.parse('""')


def test_spans_point_into_the_original_text():
    text = "Café SOLDIERS isn’t"
    spans = Query.parse("cafe soldier isn't").spans(text)
    assert [text[a:b] for a, b in spans] == ["Café", "SOLDIER", "isn’t"]


def test_spans_with_decomposed_accents_and_expanding_case_folds():
    text = "Cafe\u0301 STRASSE straße"
    spans = Query.parse("café strasse").spans(text)
    assert [text[a:b] for a, b in spans] == ["Cafe\u0301", "STRASSE", "straße"]


def test_index_filters_in_deck_order(deck_path: Path):
    deck = load_path(deck_path)
    index = SearchIndex(deck)
    assert index.matching(Query.parse("soldier")) == (1, 2)
    assert index.matching(Query.parse("")) == tuple(range(len(deck)))
    assert index.matching(Query.parse("zzz")) == ()
