"""What a command tells the user on stderr: one line each, after the command's name
("viewer import: wrote deck.md"), and counted nouns that read right ("1 photo", "3 entries")."""

from __future__ import annotations

import sys


def say(command: str, message: str) -> None:
    """One line on stderr for `viewer COMMAND` (the message is already cleaned for the terminal)."""
    print(f"viewer {command}: {message}", file=sys.stderr)


def plural(count: int, word: str, words: str | None = None) -> str:
    """"1 photo", "2 photos"; `words` when the plural is not `word` + s ("entry", "entries")."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
