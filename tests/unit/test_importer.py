"""`viewer import`: both shipped sources and made-up articles of the same family."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.cli import main
from viewer.importer import deck_markdown, escape_markdown, parse_article
from viewer.sources.markdown_deck import parse_deck_text

SOURCES = Path(__file__).resolve().parents[2] / "slides" / "sources"
NK_004 = SOURCES / "004_96ffa6998962fb84.txt"
NK_000 = SOURCES / "000_42cd35bfecbb02b6.txt"


def import_deck(text: str, title: str | None = None):
    """Parse an article, write it as a deck and parse the deck back: what a user would see."""
    article = parse_article(text)
    markdown = deck_markdown(article, title or article.title or "Untitled", "images")
    return article, parse_deck_text(markdown.encode("utf-8"), Path("/tmp/deck.md"))


def paragraphs(slide) -> list[str]:
    return slide.caption_text.split("\n\n") if slide.caption_text else []


def source_lines(text: str) -> list[str]:
    import re

    lines = (" ".join(re.sub(r"</?[A-Za-z][^<>]*>", " ", line).split()) for line in text.splitlines())
    return [line for line in lines if line]


def assert_nothing_lost(text: str, deck) -> None:
    seen = {deck.title}
    for slide in deck.slides:
        seen.add(slide.title)
        seen.update(paragraphs(slide))
        if "(original: " in slide.credit:
            original = slide.credit.split("(original: ", 1)[1].rsplit(", not included)", 1)[0]
            seen.update({original, f"({original})"})
    for line in source_lines(text):
        assert line in seen or any(line.startswith(s) and s for s in seen if len(s) > 10 and line.endswith(tuple(seen))), line


# -- the two shipped sources ---------------------------------------------------------------------


def test_article_004_has_57_entries_with_55_credits():
    text = NK_004.read_text(encoding="utf-8")
    article, deck = import_deck(text)
    assert article.title == "36+ Never Before Seen Photos of North Korea" == deck.title
    assert len(article.entries) == 57 == len(deck.slides)
    assert article.credits == 55
    assert [e.title for e in article.entries if not e.credit] == ["Always watching", "The gray market"]
    assert not article.unsure
    by_title = {s.title: s for s in deck.slides}
    assert by_title["Always watching"].credit == "Stand-in illustration"
    assert by_title["Subway system"].credit == "Stand-in illustration (original: Image via Lauren/Midjourney, not included)"
    assert "The bridge to nowhwere" in by_title and "Women serve in the miliary" in by_title
    assert all(1 <= len(paragraphs(s)) <= 2 for s in deck.slides)
    assert_nothing_lost(text, deck)


def test_article_004_paragraphs_are_verbatim():
    text = NK_004.read_text(encoding="utf-8")
    _, deck = import_deck(text)
    shown = {p for s in deck.slides for p in paragraphs(s)}
    lines = source_lines(text)
    prose = [line for line in lines if len(line) > 100]
    assert len(prose) > 100
    for line in prose:
        assert line in shown
    assert "North Korea’s highways" not in shown  # curly quotes are kept as they are...
    assert any("North Korea's highways" in p for p in shown)  # ...and so are straight ones


def test_article_000_is_an_intro_and_27_captions():
    text = NK_000.read_text(encoding="utf-8")
    article, deck = import_deck(text, title="North Korea: They Also Smile")
    assert article.title is None and article.shape == "captions"
    assert len(deck.slides) == 28
    intro = deck.slides[0]
    assert intro.title == "North Korea: They Also Smile"
    assert paragraphs(intro) == source_lines(text)[:2]
    assert [s.title for s in deck.slides[1:]] == source_lines(text)[2:]
    assert deck.slides[-1].title == "Tutorial laughing in Mount Paektu"
    assert all(s.caption_text == "" for s in deck.slides[1:])
    assert_nothing_lost(text, deck)


# -- variants of the same family ------------------------------------------------------------------

HEADED_SINGLE = """\
Life on the River

Morning boats

The fishermen leave before dawn, when the water is still and the mist sits low over the banks of the river.

(Image via Jane Smith/Agency)

The market

Traders lay out their fish on woven mats and call out prices to anyone walking past the long row of stalls.

Photo: Kim Lee

Evening

The boats come home one after another as the light fades and the lanterns on the jetty are lit one by one.

Photograph by Ana Ruiz

Night shift

Some boats go out again after dark, their lamps drifting across the water like slow fireflies over the surface.

Credit: River Archive
"""


def test_headings_not_doubled_and_credit_line_forms():
    article, deck = import_deck(HEADED_SINGLE)
    assert article.title == "Life on the River"
    assert [e.title for e in article.entries] == ["Morning boats", "The market", "Evening", "Night shift"]
    assert [e.credit for e in article.entries] == [
        "Image via Jane Smith/Agency", "Photo: Kim Lee", "Photograph by Ana Ruiz", "Credit: River Archive"]
    assert deck.slides[1].credit == "Stand-in illustration (original: Photo: Kim Lee, not included)"
    assert_nothing_lost(HEADED_SINGLE, deck)


CAPTIONS_WITH_CREDITS = """\
Portraits from the harbour

The harbour has changed a great deal over the last ten years, but the people who work there have not, and these pictures show a few of them.

A fisherman mends his net at dawn
REUTERS/Damir Sagolj

Two children play on the pier
AFP/Getty Images

An old woman sells dried squid in the market AP/John Doe

Boats at rest in the evening light
"""


def test_caption_list_with_credits_on_the_next_line_and_at_the_end():
    article, deck = import_deck(CAPTIONS_WITH_CREDITS)
    assert article.shape == "captions"
    assert article.title == "Portraits from the harbour"
    assert len(article.intro) == 1
    assert [e.title for e in article.entries] == [
        "A fisherman mends his net at dawn", "Two children play on the pier",
        "An old woman sells dried squid in the market", "Boats at rest in the evening light"]
    assert [e.credit for e in article.entries] == ["REUTERS/Damir Sagolj", "AFP/Getty Images", "AP/John Doe", None]
    assert len(deck.slides) == 5 and deck.slides[0].title == "Portraits from the harbour"
    assert_nothing_lost(CAPTIONS_WITH_CREDITS, deck)


INTRO_THEN_DOUBLED = """\
A Year in the Mountains

We spent a whole year walking the ridges and valleys of the range, and these are the moments we remember best from it.

Spring melt

Spring melt

Snow water rushes down every gully and the paths turn to streams for a few short weeks in the early spring.

(Image via Tom/Trail)

First snow

First snow

The first snow came early, in October, and it stayed on the high passes until the following May at the earliest.
"""


def test_intro_prose_before_doubled_headings_becomes_the_first_slide():
    article, deck = import_deck(INTRO_THEN_DOUBLED)
    assert article.title == "A Year in the Mountains"
    assert len(article.intro) == 1
    assert [s.title for s in deck.slides] == ["A Year in the Mountains", "Spring melt", "First snow"]
    assert article.entries[1].credit is None
    assert_nothing_lost(INTRO_THEN_DOUBLED, deck)


UNCLASSIFIABLE = """\
Odd Article

Heading one

Heading one

A proper paragraph that is long enough to be prose, describing what the photograph would have shown us.

(Image via A/B)

(Image via C/D)

Short stray line

# not a heading *really* [link](x) <b>html</b> & 1. list?

Heading two

Heading two

Another proper paragraph that is long enough to be prose, describing what the photograph would have shown.
"""


def test_unclassifiable_lines_are_kept_and_reported():
    article, deck = import_deck(UNCLASSIFIABLE)
    assert [e.title for e in article.entries] == ["Heading one", "Heading two"]
    first = deck.slides[0]
    assert "(Image via C/D)" in paragraphs(first)
    assert "Short stray line" in paragraphs(first)
    # Stray HTML tags go (scrapers leave them); every word stays.
    assert "# not a heading *really* [link](x) html & 1. list?" in paragraphs(first)
    assert any("second credit" in why for _, _, why in article.unsure)
    assert_nothing_lost(UNCLASSIFIABLE, deck)


# -- escaping ---------------------------------------------------------------------------------------

line_text = st.text(
    alphabet=st.one_of(st.sampled_from(list("#*_`[]()<>!&|~-+=:.\\0123456789 aZé’“")), st.characters(codec="utf-8")),
    min_size=1, max_size=60,
).map(str.strip).filter(lambda t: t and "\n" not in t and "\r" not in t)


@settings(max_examples=400, deadline=None)
@given(line_text)
def test_escaped_text_reads_back_exactly_as_title_and_caption(text):
    from viewer.basics.text import clean_line

    if clean_line(text) != text or any(ch in text for ch in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        return  # control characters are neutralised on purpose; line separators split lines
    md = f"# {escape_markdown(text)}\n\n{escape_markdown(text)}\n"
    slide = parse_deck_text(md.encode("utf-8"), Path("/tmp/x.md")).slides[0]
    assert slide.title == text
    assert slide.caption_text == text


@pytest.mark.parametrize("text", ["---", "- item", "1. first", "2) second", "# hash", "> quote", "a  b", "C#",
                                  "&amp; &#65;", "<http://x.y>", "a\\", "===", "+ plus", "    indented?"])
def test_escape_examples(text):
    md = f"x\n\n{escape_markdown(text.strip())}\n"
    slide = parse_deck_text(md.encode("utf-8"), Path("/tmp/x.md")).slides[0]
    assert paragraphs(slide)[-1] == text.strip()


# -- the command --------------------------------------------------------------------------------------


def test_import_command_writes_stdout_reports_and_never_overwrites(tmp_path, capsys):
    article = tmp_path / "story.txt"
    article.write_text(HEADED_SINGLE, encoding="utf-8")
    assert main(["import", str(article)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("---\ntitle: Life on the River\n")
    assert "](life-on-the-river/01-morning-boats.png" in out
    assert "4 entries" in err and "4 credits found" in err and "0 lines unsure" in err
    target = tmp_path / "deck.md"
    target.write_text("precious", encoding="utf-8")
    assert main(["import", str(article), "-o", str(target), "--images", "pics"]) == 2
    assert target.read_text(encoding="utf-8") == "precious"
    assert "--force" in capsys.readouterr().err
    assert main(["import", str(article), "-o", str(target), "--images", "pics", "--force"]) == 0
    assert "](pics/01-morning-boats.png" in target.read_text(encoding="utf-8")


def test_import_command_unreadable_input_exits_2(tmp_path, capsys):
    assert main(["import", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err
