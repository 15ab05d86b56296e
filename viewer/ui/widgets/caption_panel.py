"""The caption panel: title, caption (styled Markdown, scrollable), alt text and credit.

The credit follows the caption; when the text is too long for the panel, the credit is pinned to
the panel's bottom edge (docked, so it does not scroll) and the caption scrolls above it: a photo
story's attribution never scrolls out of sight.

All file text is shown as rich `Text` built from the model's styled runs, never parsed as markup,
and search matches are highlighted with the `caption-panel--match` component style.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from viewer.model import Query, Slide

# Markdown tags from viewer.sources.markdown_text mapped to the component class that styles them.
_TAG_COMPONENTS = {
    "em": "caption-panel--em",
    "strong": "caption-panel--strong",
    "s": "caption-panel--strike",
    "code": "caption-panel--code",
    "link": "caption-panel--link",
    "url": "caption-panel--url",
    "alt": "caption-panel--alt",
    "heading": "caption-panel--heading",
    "quote": "caption-panel--quote",
    "marker": "caption-panel--marker",
    "rule": "caption-panel--rule",
}


MAX_SHOWN_CHARACTERS = 50_000
"""Longer captions are shown cut here (search still sees all of them): laying out and restyling
a megabyte of text on every keystroke would freeze the app, and no one reads that on a slide."""
MAX_HIGHLIGHTS = 2_000


class CaptionPanel(VerticalScroll, can_focus=False):
    """Text of the current slide. Not focusable: paging keys always reach the deck screen."""

    COMPONENT_CLASSES = {"caption-panel--match", *_TAG_COMPONENTS.values()}

    slide: reactive[Slide | None] = reactive(None)
    highlight: reactive[Query | None] = reactive(None)
    """Search whose matches are highlighted."""
    show_alt: reactive[bool] = reactive(False)
    """Show the photo's alt text (the photo itself cannot be shown)."""

    def compose(self) -> ComposeResult:
        yield Static(id="slide-title", markup=False)
        yield Static(id="slide-caption", markup=False)
        yield Static(id="slide-alt", markup=False)
        yield Static(id="slide-credit", markup=False)

    def watch_slide(self, old: Slide | None, new: Slide | None) -> None:
        self._update()
        if old is not new:
            self.scroll_home(animate=False)

    def watch_highlight(self) -> None:
        self._update()

    def watch_show_alt(self) -> None:
        self._update()

    def on_mount(self) -> None:
        self._update()

    def on_resize(self, event: events.Resize) -> None:
        # Sent when the panel's size or its content's height changes (a new slide, a new width).
        self._pin_credit_if_overflowing()

    def _pin_credit_if_overflowing(self) -> None:
        """Pin the credit while title + caption + credit do not fit the panel.

        Decided from heights that do not depend on the decision itself, so it cannot flip back and
        forth: the in-flow text's height is the same whether the credit sits below it or is
        docked, and the credit's own height (with its top rule) is measured either way."""
        credit = self.query_one("#slide-credit", Static)
        if not credit.display:
            self.remove_class("-credit-pinned")
            return
        text_height = sum(
            child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
            for child in self.query("#slide-title, #slide-caption, #slide-alt").results(Static)
            if child.display
        )
        credit_height = credit.outer_size.height + credit.styles.margin.top + credit.styles.margin.bottom
        self.set_class(text_height + credit_height > self.scrollable_content_region.height, "-credit-pinned")

    def _highlight(self, text: Text) -> Text:
        if self.highlight:
            style = self.get_component_rich_style("caption-panel--match")
            for start, end in self.highlight.spans(text.plain)[:MAX_HIGHLIGHTS]:
                text.stylize(style, start, end)
        return text

    def _caption_text(self, slide: Slide) -> Text:
        text = Text()
        styles: dict[frozenset[str], Style] = {}
        room = MAX_SHOWN_CHARACTERS
        for chunk, tags in slide.caption_runs:
            if tags not in styles:
                names = [_TAG_COMPONENTS[t] for t in sorted(tags) if t in _TAG_COMPONENTS]
                styles[tags] = self.get_component_rich_style(*names, partial=True) if names else Style.null()
            text.append(chunk[:room], styles[tags])
            room -= len(chunk)
            if room <= 0:
                hidden = len(slide.caption_text) - MAX_SHOWN_CHARACTERS
                text.append(f"\n\n[… {hidden:,} more characters not shown; search covers them]",
                            self.get_component_rich_style("caption-panel--rule", partial=True))
                break
        return text

    def _set(self, selector: str, text: Text | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = text is not None and bool(text.plain)
        widget.update(text if text is not None else "")

    def _update(self) -> None:
        if not self.is_mounted:
            return
        slide = self.slide
        if slide is None:
            for selector in ("#slide-title", "#slide-caption", "#slide-alt", "#slide-credit"):
                self._set(selector, None)
            return
        self._set("#slide-title", self._highlight(Text(slide.display_title)))
        self._set("#slide-caption", self._highlight(self._caption_text(slide)))
        alt = self._highlight(Text(slide.alt)) if self.show_alt and slide.alt else None
        self._set("#slide-alt", alt)
        credit = self._highlight(Text(slide.credit)) if slide.credit else None
        self._set("#slide-credit", credit)
        self.call_after_refresh(self._pin_credit_if_overflowing)
