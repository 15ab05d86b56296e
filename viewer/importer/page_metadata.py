"""What a saved page says about itself outside its story: JSON-LD (its pictures' captions and
credits, its headline, its site's name), <meta> values, and its own web address (the address the
browser noted when saving it, <base>, the canonical link or og:url)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from viewer.importer.page_pictures import basename

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

@dataclass
class LinkedData:
    images: dict[str, dict[str, Any]] = field(default_factory=dict)
    """ImageObject entries, by the last part of their address."""
    headlines: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    """Names of the site or publisher (WebSite, Organization, publisher, isPartOf)."""


_SITE_TYPES = {"WebSite", "Organization", "NewsMediaOrganization", "Blog", "Periodical"}


def json_ld(tree: LexborHTMLParser) -> LinkedData:
    """What the page's JSON-LD says about its images, headline and site (bounded: 20 levels,
    1,000 items a level)."""
    found = LinkedData()

    def visit(value: object, depth: int = 0, key: str = "") -> None:
        if depth > 20:
            return
        if isinstance(value, list):
            for item in value[:1000]:
                visit(item, depth + 1, key)
        elif isinstance(value, dict):
            kind = value.get("@type")
            kinds = set(kind if isinstance(kind, list) else [kind]) - {None}
            url = value.get("contentUrl") or value.get("url")
            if "ImageObject" in kinds and isinstance(url, str):
                found.images[basename(url)] = value
            headline = value.get("headline")
            if isinstance(headline, str) and headline.strip() and len(found.headlines) < 5:
                found.headlines.append(" ".join(headline.split()))
            name = value.get("name")
            if isinstance(name, str) and name.strip() and (kinds & _SITE_TYPES or key in ("publisher", "isPartOf")):
                found.sites.append(" ".join(name.split()))
            for item_key, item in list(value.items())[:1000]:
                if isinstance(item, (dict, list)):
                    visit(item, depth + 1, str(item_key))

    for script in tree.css('script[type="application/ld+json"]'):
        try:
            visit(json.loads(script.text(strip=True) or "null"))
        except (ValueError, RecursionError):
            continue
    return found


def saved_from_address(text: str) -> str | None:
    """The address a browser noted when it saved the page (`<!-- saved from url=(0042)https://… -->`)."""
    at = text.find("saved from url=", 0, 4096)
    if at == -1:
        return None
    rest = text[at + 15:at + 2100]
    if rest.startswith("("):
        close = rest.find(")")
        rest = rest[close + 1:] if close != -1 else rest
    end = rest.find("-->")
    words = rest[:end if end != -1 else len(rest)].split()
    return words[0] if words else None


def meta_value(tree: LexborHTMLParser, *selectors: str) -> str:
    """The first of these elements' content (or href), spaces collapsed; "" when none has one."""
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            value = " ".join((node.attributes.get("content") or node.attributes.get("href") or "").split())
            if value:
                return value[:1000]
    return ""


def base_address(tree: LexborHTMLParser, saved_from: str | None) -> str | None:
    """The page's own web address (for its site-relative picture addresses), or None."""
    base = tree.css_first("base[href]")
    for value in ((base.attributes.get("href") or "") if base is not None else "", saved_from or "",
                  meta_value(tree, 'link[rel="canonical"]'), meta_value(tree, 'meta[property="og:url"]')):
        value = value.strip()
        if value and urlsplit(value).scheme in ("http", "https") and urlsplit(value).netloc:
            return value
    return None
