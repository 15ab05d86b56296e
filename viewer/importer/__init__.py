"""Turn scraped photo articles (plain text) and saved web pages (page.py) into decks. Plain Python,
no Textual."""

from viewer.importer.article import Article, Entry, parse_article
from viewer.importer.deck_writer import deck_markdown, escape_markdown

__all__ = ["Article", "Entry", "deck_markdown", "escape_markdown", "parse_article"]
