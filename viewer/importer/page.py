"""A web page saved from a browser (page.html + page_files/) read as a photo story: `read_page`.

Parsed with a real HTML5 parser (selectolax, on the Lexbor engine), never with regular
expressions. First the bytes become text (page_encoding.py) and the pre-scan refuses or simplifies
what the parser would build slowly (page_prescan.py); the title comes from the page's metadata
(page_metadata.py, page_titles.py). Then four steps, each a bounded walk (linear in the page, which
the pre-scan has capped):
1. Where the story is: one survey of the page scores its containers (page_survey.py), and the best
   one, grown to its headline, its photos and its lead picture, is the story (page_story.py).
2. The story is walked in document order into blocks: headings, prose and photos, with chrome and
   teasers left out and a picture's saved file found in its folder (page_walk.py, page_pictures.py).
3. Each photo's caption and credit (page_captions.py; what one element says, page_caption_text.py).
4. Slides: introduction, one slide per photo, headings as titles in a listicle (page_slides.py).
Only files inside the page's own folder tree are ever read; remote images stay URLs (an address
relative to the site is made whole with the page's own address, from the page). A picture the
saved page names in its folder but that was not saved keeps its slide, without a picture.
The node helpers every step shares are in page_nodes.py; what a read gives, in page_types.py.
"""

from __future__ import annotations

from pathlib import Path

from viewer.importer.credits import credit_every_photo
from viewer.importer.page_captions import CaptionFinder
from viewer.importer.page_encoding import decode_html, encoding_for_label
from viewer.importer.page_metadata import base_address, json_ld, meta_value, saved_from_address
from viewer.importer.page_nodes import forget_classes
from viewer.importer.page_pictures import background_pictures, image_key
from viewer.importer.page_prescan import PreScan, prescan
from viewer.importer.page_slides import slides_from_blocks
from viewer.importer.page_story import story_elements
from viewer.importer.page_survey import survey
from viewer.importer.page_titles import page_title
from viewer.importer.page_types import Page, PagePhoto, PageProblem, PageSlide
from viewer.importer.page_walk import StoryWalk

__all__ = ["Page", "PagePhoto", "PageProblem", "PageSlide", "PreScan", "decode_html", "encoding_for_label",
           "prescan", "read_page"]


MIN_LIST_POSTS = 3
"""Teasers in a story without a photo of its own that make the page a list of posts."""


def read_page(data: bytes, page: Path, *, keep_numbers: bool = False) -> Page:
    """The saved page (its bytes; `page` is where it lies, for its saved pictures) as a Page.
    Raises PageProblem for a page no browser saves (see prescan). `keep_numbers` keeps the list
    numbers of a listicle's headings ("3. The falls") in the slide titles."""
    from selectolax.lexbor import LexborHTMLParser

    notes: list[str] = []
    forget_classes()
    text = decode_html(data, notes)
    saved_from = saved_from_address(text)
    scanned = prescan(text)
    del text
    notes += scanned.notes
    tree = LexborHTMLParser(scanned.html)
    linked = json_ld(tree)
    title, sites = page_title(tree, linked)
    body = tree.body
    if body is None:
        return Page(title=title, intro=[], slides=[], notes=notes)
    background_pictures(body)
    found = survey(body)
    walk = StoryWalk(page, found, title, sites, base_address(tree, saved_from))
    lead = meta_value(tree, 'meta[property="og:image"]', 'meta[name="og:image"]', 'meta[name="twitter:image"]')
    elements = story_elements(body, found, title, image_key(lead) if lead else "")
    walk.read(elements)
    if walk.teasers >= MIN_LIST_POSTS and not any(block.photo is not None for block in walk.blocks):
        # every picture of the story is a teaser for a post: the page is a list of posts (a blog's
        # category page), each post's picture a slide under its title
        walk = StoryWalk(page, found, title, sites, base_address(tree, saved_from), list_page=True)
        walk.read(elements)
    blocks = CaptionFinder(found, walk.roots, linked).captions(walk.blocks)
    walk.skip_the_rest(body)
    result = slides_from_blocks(title, blocks, walk.skipped, keep_numbers)
    # (who made the story, "Photographs and text by Name", is in what the walk left out; an
    # introduction may say it too)
    credit_every_photo([slide.photo for slide in result.slides if slide.photo is not None],
                       [*walk.left_out, *result.intro])
    result.left_out = walk.left_out
    if walk.missing:
        notes.append(f"{walk.missing} picture{'s' if walk.missing != 1 else ''} the page names "
                     f"{'were' if walk.missing != 1 else 'was'} not saved with it (the slides are kept, without them)")
    result.notes = notes
    forget_classes()
    return result

