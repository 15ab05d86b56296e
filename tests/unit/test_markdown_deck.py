"""The deck format, rule by rule (see the README's "Deck format")."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.model import DeckError
from viewer.sources import load_path
from viewer.sources.markdown_deck import parse_deck_text


def parse(text: str, name: str = "deck.md", base: Path = Path("/decks")):
    return parse_deck_text(text.encode("utf-8"), base / name)


def test_full_deck(deck_path):
    deck = load_path(deck_path)
    assert deck.title == "Test deck"
    assert [s.title for s in deck.slides] == ["Red square", "Green café", "Blue soldier", "Missing photo", "Only words"]
    first = deck.slides[0]
    assert first.alt == "A red square on white"
    assert first.credit == "Red Photographer"
    assert first.photo.path == deck_path.parent / "img" / "red.png"
    assert first.caption_text == "The first caption, with emphasis."
    assert first.caption == "The first caption, with *emphasis*."
    assert first.line == 6


def test_front_matter_is_optional_and_title_falls_back_to_file_name():
    deck = parse("# One\n\nText.", name="my-story.md")
    assert deck.title == "my-story"
    assert deck.meta == {}


def test_unknown_front_matter_keys_are_kept():
    deck = parse("---\ntitle: T\nauthor: Someone\ntags: [a, b]\n---\n# One\n")
    assert deck.title == "T"
    assert deck.meta["author"] == "Someone"
    assert deck.meta["tags"] == ["a", "b"]


def test_default_credit_applies_only_without_an_image_title():
    deck = parse('---\ncredit: House\n---\n# A\n![x](a.png)\n---\n# B\n![y](b.png "Own")\n---\n# C\nno photo')
    assert [s.credit for s in deck.slides] == ["House", "Own", ""]


def test_separator_allows_trailing_spaces_but_not_leading_text():
    deck = parse("# A\n---   \n# B\n --- \n# C\n---x\n")
    assert [s.title for s in deck.slides] == ["A", "B"]
    # " --- " is an indented thematic break inside slide B, "---x" is text.
    assert deck.slides[1].caption_text == "───\n\nC\n\n---x"


def test_separator_inside_fenced_code_does_not_split():
    deck = parse("# A\n```\n---\ncode\n```\n---\n# B\n~~~~\n---\n~~~~\n")
    assert [s.title for s in deck.slides] == ["A", "B"]
    assert deck.slides[0].caption_text == "---\ncode"
    assert deck.slides[1].caption_text == "---"


def test_text_followed_by_separator_is_not_a_setext_heading():
    deck = parse("# A\nSome text\n---\nMore text\n")
    assert len(deck.slides) == 2
    assert deck.slides[0].title == "A"
    assert deck.slides[0].caption_text == "Some text"
    assert deck.slides[1].title == ""
    assert deck.slides[1].caption_text == "More text"


def test_first_heading_of_any_level_is_the_title_and_later_ones_stay_in_caption():
    deck = parse("Intro line.\n\n### Deep title\n\nBody.\n\n## Sub heading\n\nMore.")
    slide = deck.slides[0]
    assert slide.title == "Deep title"
    assert slide.caption_text == "Intro line.\n\nBody.\n\nSub heading\n\nMore."


def test_title_is_plain_text_of_inline_markdown():
    assert parse("# A *bold* `move`\n").slides[0].title == "A bold move"


def test_first_image_is_the_photo_and_later_images_stay_in_caption():
    deck = parse("# T\n![first](a.png \"Credit A\")\n\n![second](b.png)\n\nText.")
    slide = deck.slides[0]
    assert slide.photo.src == "a.png"
    assert slide.alt == "first"
    assert slide.credit == "Credit A"
    assert "second" in slide.caption_text
    assert slide.caption_text.endswith("Text.")


def test_image_inside_a_sentence_leaves_the_words_in_the_caption():
    slide = parse("# T\nLook ![a cat](cat.png) here.").slides[0]
    assert slide.photo.src == "cat.png"
    assert "Look" in slide.caption_text and "here." in slide.caption_text
    assert "cat.png" not in slide.caption_text


def test_slides_may_lack_parts_and_empty_slides_are_dropped():
    deck = parse("---\ntitle: X\n---\n\n---\n\n# Only title\n---\n![only photo](p.png)\n---\nOnly caption\n---\n   \n---\n")
    assert len(deck.slides) == 3
    title_only, photo_only, caption_only = deck.slides
    assert title_only.title == "Only title" and title_only.photo is None and title_only.caption_text == ""
    assert photo_only.title == "" and photo_only.alt == "only photo" and photo_only.display_title == "only photo"
    assert caption_only.title == "" and caption_only.caption_text == "Only caption"


def test_image_paths_are_relative_to_the_deck_file():
    slide = parse("# T\n![x](../pics/a%20b.png)", base=Path("/decks/story")).slides[0]
    assert slide.photo.path == Path("/decks/pics/a b.png")


def test_remote_images_are_never_resolved_to_files():
    slide = parse("# T\n![x](https://example.com/a.jpg)").slides[0]
    assert slide.photo.remote
    assert slide.photo.path is None
    assert slide.photo.src == "https://example.com/a.jpg"


def test_bom_and_crlf_are_accepted():
    data = "\ufeff---\r\ntitle: Windows\r\n---\r\n# One\r\n\r\nLine\r\n---\r\n# Two\r\n".encode("utf-8")
    deck = parse_deck_text(data, Path("/d/w.md"))
    assert deck.title == "Windows"
    assert [s.title for s in deck.slides] == ["One", "Two"]
    assert deck.slides[0].caption_text == "Line"


def test_a_deck_may_start_with_a_separator_instead_of_front_matter():
    deck = parse("---\n# First\n---\n# Second\n")
    assert [s.title for s in deck.slides] == ["First", "Second"]


def test_malformed_front_matter_names_file_and_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\ncredit: [unclosed\n---\n# A\n", encoding="utf-8")
    with pytest.raises(DeckError) as info:
        load_path(path)
    assert str(path) in str(info.value)
    assert info.value.line is not None and info.value.line >= 3
    assert f"{path}:{info.value.line}:" in str(info.value)


def test_unclosed_front_matter_is_an_error_on_line_1(tmp_path):
    path = tmp_path / "open.md"
    path.write_text("---\ntitle: never closed\n# A\n", encoding="utf-8")
    with pytest.raises(DeckError) as info:
        load_path(path)
    assert info.value.line == 1


def test_front_matter_that_is_not_a_mapping_is_an_error():
    with pytest.raises(DeckError):
        parse("---\n- a: 1\n- b\n---\n# A\n")


def test_caption_markdown_is_rendered_to_styled_runs():
    slide = parse("# T\n\nSome *em* and **strong** and `code` and [a link](http://x.y).\n\n- one\n- two").slides[0]
    tags = {text: tags for text, tags in slide.caption_runs}
    assert "em" in tags["em"]
    assert "strong" in tags["strong"]
    assert "code" in tags["code"]
    assert slide.caption_text == "Some em and strong and code and a link (http://x.y).\n\n• one\n• two"
    assert "".join(text for text, _ in slide.caption_runs) == slide.caption_text


def test_raw_html_stays_literal_text():
    slide = parse("# T\n\n<b>bold?</b> <script>x</script>").slides[0]
    assert slide.caption_text == "<b>bold?</b> <script>x</script>"


def test_slide_line_numbers_point_at_the_slide():
    deck = parse("# A\n---\n\n\n# B\n")
    assert [s.line for s in deck.slides] == [1, 5]
