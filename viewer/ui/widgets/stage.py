"""The stage: the slide on screen — its photo and caption, or why there is none — arranged side by
side or stacked, whichever suits the slide. Its photo panel is hidden while another screen covers
it, and zooms, pans and turns on the deck screen's keys (`photo_call`).

The deck screen hands it the slide to show (`show`); the stage binds it down to the photo panel and
the caption. The arrangement rules are in viewer.ui.layout; the stage applies them as CSS classes
on itself (`-side-60`, `-stacked-70`…, see viewer.tcss), and so are `-no-photo` (a text slide) and
`-no-match` (nothing to show, with the reason). The rules need the photo's shape: known at once
when the pipeline has read it, else read from the file's header on a worker, and the stage is
arranged again when it arrives (the neighbours' shapes are read too, so paging to them is instant).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Container
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from viewer.imaging import PhotoPipeline
from viewer.model import Photo, Query, Slide
from viewer.terminal.detect import Graphics
from viewer.terminal.output import TerminalOutput
from viewer.ui.layout import ALL_LAYOUTS, Layout, choose_layout
from viewer.ui.widgets.caption_panel import CaptionPanel
from viewer.ui.widgets.photo_view import PhotoView

PHOTO_API = frozenset({"zoom_by", "zoom_fit", "zoom_actual", "pan", "rotate"})
"""What the deck screen's photo keys may call on the photo panel."""


class Stage(Container):
    """Photo panel, caption and the no-match notice of the deck screen, arranged for the slide."""

    slide: var[Slide | None] = var(None)
    photo: var[Photo | None] = var(None)
    neighbours: var[tuple[Photo, ...]] = var(())
    """Photos the user is likely to page to next (the photo panel prepares them)."""
    highlight: var[Query | None] = var(None)
    photo_failed: var[bool] = var(False)
    """The photo could not be shown: the caption shows its alt text instead."""
    pane_active: var[bool | None] = var(None)
    """Inside tmux: whether this pane is the active one (handed down to the photo panel)."""

    def __init__(self, pipeline: PhotoPipeline, graphics: Graphics, terminal: TerminalOutput | None = None, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self._pipeline = pipeline
        self._graphics = graphics
        self._terminal = terminal
        """Handed to the photo panel: where pixel graphics write beside the frames."""
        self._layout: tuple[Layout, Slide | None] | None = None
        """The arrangement on screen, and the slide it was chosen for."""
        self._room = (0, 0)

    def on_mount(self) -> None:
        # Called inside push_screen, so a covering screen's first frame has no picture under it.
        self.app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def _screen_changed(self, screen: Screen) -> None:
        # Help, the overview or the library covers the photo now (or no longer): pictures must go.
        self.query_one(PhotoView).set_covered(screen is not self.screen)

    @property
    def zoomed(self) -> bool:
        return self.query_one(PhotoView).zoomed

    def allows(self, method: str, fullscreen: bool, typing_a_number: bool) -> bool:
        """Whether a photo key does something now: panning only while zoomed; fit and 1:1 in full
        screen or while zoomed, unless digits are being typed as a slide number."""
        if method == "pan":
            return self.zoomed
        if method in ("zoom_fit", "zoom_actual"):
            return (fullscreen or self.zoomed) and not typing_a_number
        return True

    def photo_call(self, method: str, *args: float) -> None:
        """Zoom, pan or turn the photo (`method` of the photo panel's API); nothing without a photo."""
        if self.photo is not None and method in PHOTO_API:
            getattr(self.query_one(PhotoView), method)(*args)

    def compose(self) -> ComposeResult:
        yield PhotoView(self._pipeline, graphics=self._graphics, terminal=self._terminal, id="photo").data_bind(
            photo=Stage.photo, neighbours=Stage.neighbours, pane_active=Stage.pane_active)
        yield CaptionPanel(id="caption").data_bind(
            slide=Stage.slide, highlight=Stage.highlight, show_alt=Stage.photo_failed)
        yield Static(id="no-match", markup=False)

    def show(self, slide: Slide | None, neighbours: tuple[Photo, ...], highlight: Query | None,
             nothing: str | None) -> None:
        """Show `slide` (None: show `nothing`, the reason there is no slide to show); then
        `arrange_for` the room there is."""
        if slide != self.slide:
            self.photo_failed = False
        self.slide = slide
        self.photo = slide.photo if slide else None
        self.highlight = highlight
        self.set_class(slide is not None and slide.photo is None, "-no-photo")
        self.set_class(nothing is not None, "-no-match")
        if nothing is not None:
            self.query_one("#no-match", Static).update(nothing)
        self.neighbours = neighbours

    def arrange_for(self, width: int, rows: int) -> None:
        """Arrange the slide for a screen of `width` × `rows` cells (the screen's, not the stage's
        own: the rules are written for the whole terminal)."""
        self._room = (width, rows)
        slide = self.slide
        if not width or not rows:
            return
        aspect = None
        if slide is not None and slide.photo is not None and slide.photo.path is not None:
            size = self._pipeline.known_size(slide.photo.path)
            if size is None:
                self._measure(slide.photo, self.neighbours)
            elif size[1]:
                aspect = size[0] / size[1]
        # Stick to the arrangement on screen when paging to a similar slide; not when this slide's
        # own size just became known (its first arrangement was a guess).
        previous = self._layout[0] if self._layout is not None and slide != self._layout[1] else None
        chosen = choose_layout(width, rows, aspect, len(slide.caption_text) + len(slide.alt) if slide else 0,
                               previous=previous)
        self._layout = (chosen, slide)
        for layout in ALL_LAYOUTS:
            self.set_class(layout == chosen, layout.css_class)
        self.set_class(chosen.stacked, "-stacked")

    @work(thread=True, exclusive=True, group="measure", exit_on_error=False)
    def _measure(self, photo: Photo, neighbours: tuple[Photo, ...]) -> None:
        """Read the photo's size from its header (and its neighbours', for instant paging)."""
        if photo.path is None:
            return
        self._pipeline.measure(photo.path)
        self.app.call_from_thread(self._measured, photo)
        for other in neighbours:
            if other.path is not None:
                self._pipeline.measure(other.path)

    def _measured(self, photo: Photo) -> None:
        if self.photo == photo:
            self.arrange_for(*self._room)

    def on_photo_view_shown(self, message: PhotoView.Shown) -> None:
        if message.photo == self.photo:
            self.photo_failed = message.problem is not None
