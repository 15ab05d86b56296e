"""A saved page's deck title: the headline its metadata and headings agree on (og:title, JSON-LD
headline, twitter:title, <title>, its h1s), without the site's name (" | Site", " — Studio",
"Site: …") or a trailing " - by Author"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from viewer.importer.page_metadata import LinkedData, meta_value
from viewer.importer.page_nodes import node_text, norm

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

_TITLE_SEPARATORS = (" | ", " || ", " \u2013 ", " \u2014 ", " - ", " \u00b7 ", " \u2022 ", " :: ", " \u00bb ",
                     " \u00ab ", " \u203a ", " \u2039 ", " / ", " ~ ")


_BYLINE_WORDS = frozenset({"photographs", "photography", "photos", "photo", "pictures", "images", "text", "words",
                           "story", "essay", "interview", "reporting", "written", "illustrations", "video", "and",
                           "&", "produced", "edited", "curated"})
"""What a byline names before its "by" ("Photographs and text by Name", "Words and pictures by Name")."""


def byline(text: str) -> bool:
    """A heading or title part that only says who made the story: "Photographs and text by Rui
    Tanaka", "By Ada Marr" (at most five capitalised words after the "by"); "Photo by Name" is a
    photo's credit, not a byline."""
    words = text.split()
    if "by" not in (word.lower() for word in words) or len(words) > 12:
        return False
    at = [word.lower() for word in words].index("by")
    names = words[at + 1:]
    if at == 1 and words[0].lower() in _PICTURE_WORDS:
        return False  # "Photo by Name": a photo's credit
    return all(word.lower().strip(",") in _BYLINE_WORDS for word in words[:at]) and 0 < len(names) <= 5 and \
        all(word[:1].isupper() for word in names)


_PICTURE_WORDS = frozenset({"photographs", "photos", "photo", "pictures", "images", "photography"})


def title_split(text: str) -> list[tuple[str, str]]:
    """A title cut at its separators: (the separator before it, part)."""
    parts: list[tuple[str, str]] = []
    before, start = "", 0
    while len(parts) < 12:
        nearest, which = -1, ""
        for separator in _TITLE_SEPARATORS:
            at = text.find(separator, start)
            if at != -1 and (nearest == -1 or at < nearest):
                nearest, which = at, separator
        if nearest == -1:
            break
        parts.append((before, text[start:nearest].strip()))
        before, start = which, nearest + len(which)
    parts.append((before, text[start:].strip()))
    return [(separator, part) for separator, part in parts if part]


def title_parts(text: str) -> list[str]:
    """The pieces a title may be made of: between its separators, and either side of its first
    colon ("Blog name: Post title")."""
    parts = [part for _, part in title_split(text)]
    colon = text.find(": ")
    if 0 < colon < 80:
        parts += [text[:colon].rstrip(" :"), text[colon + 2:].strip()]  # "Title :: Blog" too
    return [part for part in parts if part]


def without_site(text: str, sites: set[str]) -> str:
    """`text` without the site's name before or after it (" | Site", "Site: …") and without a
    trailing " - by Author"."""
    parts = title_split(text)
    while len(parts) > 1:
        last = norm(parts[-1][1])
        if last in sites or last.startswith("by ") and len(last.split()) <= 6:
            parts.pop()
        elif norm(parts[0][1]) in sites:
            parts.pop(0)
            parts[0] = ("", parts[0][1])
        else:
            break
    text = "".join(separator + part for separator, part in parts)
    colon = text.find(":")
    if 0 < colon < 80 and norm(text[:colon]) in sites and text[colon + 1:].strip():
        text = text[colon + 1:].strip()
    return text


def page_title(tree: LexborHTMLParser, linked: LinkedData) -> tuple[str | None, set[str]]:
    """The headline the page's metadata and headings agree on, without the site's name; and
    the site's names (compared as norm gives them)."""
    names = (meta_value(tree, 'meta[property="og:site_name"]', 'meta[name="og:site_name"]'),
             meta_value(tree, 'meta[name="application-name"]'), *linked.sites[:5])
    sites = {norm(name) for name in names if norm(name)}
    title_node = tree.css_first("title")
    document = node_text(title_node)[:1000] if title_node is not None else ""
    og = meta_value(tree, 'meta[property="og:title"]', 'meta[name="og:title"]')
    twitter = meta_value(tree, 'meta[name="twitter:title"]', 'meta[property="twitter:title"]')
    headings = [text for text in (node_text(h)[:1000] for h in tree.css("h1, h2, h3")[:40]) if text]
    h1s = [text for text in (node_text(h)[:1000] for h in tree.css("h1")[:10]) if text and norm(text) not in sites]
    strong = [without_site(og, sites), *(without_site(h, sites) for h in linked.headlines[:3]),
              without_site(twitter, sites), without_site(document, sites)]
    # Each source votes once for each form it gives; a headline two sources give is the title.
    parts_of_og, parts_of_document = title_parts(og), title_parts(document)
    sources = [{norm(strong[0])} | {norm(part) for part in parts_of_og}]
    sources += [{norm(text)} for text in strong[1:-1]]
    sources.append({norm(strong[-1])} | {norm(part) for part in parts_of_document})
    sources.append({norm(text) for text in headings})
    votes: dict[str, int] = {}
    for source in sources:
        for key in source - {""}:
            votes[key] = votes.get(key, 0) + 1
    parts = parts_of_og + parts_of_document
    # most votes; among equals not a byline ("Photographs and text by Name"), then the longer form
    agreed = [(votes.get(norm(text), 0), not byline(text), len(text), -rank, text)
              for rank, text in enumerate([*strong[:-1], *h1s, strong[-1], *parts, *headings])
              if text and votes.get(norm(text), 0) >= 2 and norm(text) not in sites]
    if agreed:
        return max(agreed)[4], sites  # the form most sources give (a site's name is the shorter)
    for text in [*strong[:-2], *h1s]:
        if text and norm(text) not in sites:
            return text, sites
    if strong[-1]:
        pieces = [part for _, part in title_split(strong[-1]) if norm(part) not in sites]
        return (max(pieces, key=len) if pieces else strong[-1]), sites
    return None, sites
