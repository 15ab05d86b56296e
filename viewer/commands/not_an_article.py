"""What `viewer import` refuses before reading a file as an article, decided by content, never by
the file name alone: bytes that are not text (viewer.basics.sniff.binary_kind: a JPEG called
`article.txt` is still a JPEG), and a file that already is a viewer deck (is_viewer_deck).
"""

from __future__ import annotations

from pathlib import Path

from viewer import patterns

# -- a viewer deck ---------------------------------------------------------------------------------
#
# A deck is what viewer's parser reads as slides: `---` separators between slides, each led by a
# `# Title` heading and holding an image line `![alt](path "credit")`, after optional YAML front
# matter (viewer.sources.markdown_deck). A scraped article has none of these in that arrangement:
# its headings are plain lines (`#18. Title` has no space after the hash), its photos are gone or
# are text, and a `---` divider between plain paragraphs leads no heading.

_HEADING = patterns.compile(r"#{1,6}[ \t]+\S")
_IMAGE_LINE = patterns.compile(r"^[ \t]{0,3}!\[[^\]\n]*\]\([^)\n]*\)[ \t]*$", patterns.MULTILINE)
MAX_CHUNKS_LOOKED_AT = 200


def is_viewer_deck(text: str, path: Path) -> bool:
    """True when `text` (a file's decoded text) is already a deck in viewer's Markdown format:
    front matter (`key: value` lines between `---`) over slides that have a `# heading` or an
    image line, or at least two `---`-separated slides, most of them led by a `# heading` or
    holding an image line."""
    from viewer.model.errors import DeckError
    from viewer.sources.markdown_deck import MAX_FRONT_MATTER, _front_matter, split_slides

    head = text[: MAX_FRONT_MATTER + 4096].split("\n")
    try:
        meta, body_start = _front_matter(head, path)
    except DeckError:
        meta, body_start = {}, 0  # front matter that does not parse is no evidence either way
    body_offset = sum(len(line) + 1 for line in head[:body_start])
    shown = deck_like = 0
    for number, chunk in enumerate(split_slides(text, body_offset, body_start + 1)):
        if number >= MAX_CHUNKS_LOOKED_AT:
            break
        body = chunk.text.strip()
        if not body:
            continue
        shown += 1
        first_line = body.split("\n", 1)[0]
        if _HEADING.match(first_line) or _IMAGE_LINE.search(chunk.text):
            deck_like += 1
    if meta:
        return deck_like >= 1
    return deck_like >= 2 and deck_like * 2 >= shown


def shell_word(text: str) -> str:
    """`text` as one word for a POSIX shell (quoted only when it has to be)."""
    safe = all(ch.isascii() and (ch.isalnum() or ch in "@%+=:,./-_") for ch in text)
    if text and safe:
        return text
    return "'" + text.replace("'", "'\"'\"'") + "'"
