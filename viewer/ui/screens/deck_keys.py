"""The slideshow's keys: every binding of the deck screen, with its id and its description (the
help screen and the README's key table are made from, or checked against, these).

Most keys are one call into the session: `session('method', args…)` calls that method of the
screen's `Slideshow` (viewer.model.slideshow). Photo keys call the photo panel: `photo('zoom_by',
1.5)`. A key with two jobs has two bindings, the conditional one first; while the screen's
`check_action` turns it off (not zoomed, not in full screen, not playing), Textual passes the
key on to the next binding for it: arrows and h/j/k/l page unless the photo is zoomed, 0 and 1
type a slide number unless in full screen or zoomed, + and - zoom unless autoplay is playing.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

ZOOM_STEP = 1.5
PAN_STEP = 0.2
"""A pan key's step, as a share of the visible part of the photo."""
_PANS = [("right", "right,l", 1, 0), ("left", "left,h", -1, 0), ("down", "down,j", 0, 1), ("up", "up,k", 0, -1)]

DECK_BINDINGS: list[BindingType] = [
    *(Binding(keys, f"photo('pan', {dx * PAN_STEP}, {dy * PAN_STEP})", "Pan the zoomed photo", show=False,
              id=f"pan-{name}") for name, keys, dx, dy in _PANS),
    Binding("right,space,pagedown,l,j", "session('step', 1)", "Next", key_display="→", id="next"),
    Binding("left,backspace,pageup,h,k", "session('step', -1)", "Previous", key_display="←", id="previous"),
    Binding("home,g", "session('first')", "First slide", show=False, id="first"),
    Binding("end", "session('last')", "Last slide", show=False, id="last"),
    Binding("G", "session('last_or_typed')", "Last slide, or the slide number typed", show=False,
            id="last-or-typed"),
    Binding("enter", "session('go_to_typed')", "Go to the slide number typed", show=False, id="go-to-typed"),
    Binding("0", "photo('zoom_fit')", "Fit the photo (in full screen or zoomed)", show=False, id="zoom-fit"),
    Binding("1", "photo('zoom_actual')", "1 pixel per pixel (in full screen or zoomed)", show=False,
            id="zoom-actual"),
    *(Binding(str(d), f"session('type_digit', {d})", show=False) for d in range(10)),
    Binding("slash,ctrl+f", "search", "Search", key_display="/", id="search"),
    Binding("n", "session('jump_match', 1)", "Next match", show=False, id="next-match"),
    Binding("N", "session('jump_match', -1)", "Previous match", show=False, id="previous-match"),
    Binding("o,tab", "overview", "Overview", key_display="o", id="overview"),
    Binding("p", "session('toggle_play')", "Play", key_display="p", id="play"),
    Binding("plus,equals_sign", "pace_key(1)", "Autoplay: longer per slide (+ while playing)", show=False,
            id="play-slower"),
    Binding("minus", "pace_key(-1)", "Autoplay: shorter per slide (- while playing)", show=False, id="play-faster"),
    Binding("]", "session('change_pace', 1)", "Autoplay: longer per slide (+ while playing)", show=False,
            id="pace-longer"),
    Binding("[", "session('change_pace', -1)", "Autoplay: shorter per slide (- while playing)", show=False,
            id="pace-shorter"),
    Binding("z,plus,equals_sign", f"photo('zoom_by', {ZOOM_STEP})", "Zoom in (+ when not playing)", show=False,
            id="zoom-in"),
    Binding("minus", f"photo('zoom_by', {1 / ZOOM_STEP})", "Zoom out (- when not playing)", show=False, id="zoom-out"),
    Binding("r", "photo('rotate', 1)", "Rotate clockwise", show=False, id="rotate"),
    Binding("R", "photo('rotate', -1)", "Rotate anticlockwise", show=False, id="rotate-back"),
    Binding("m", "session('toggle_mark')", "Mark or unmark the photo", show=False, id="mark"),
    Binding("M", "session('toggle_all_marks')", "Mark every matching photo (or unmark them)", show=False,
            id="mark-all"),
    Binding("f", "toggle('fullscreen')", "Full-screen photo", show=False, id="fullscreen"),
    Binding("i", "toggle('show_info')", "Info line: file, size, date taken", show=False, id="info"),
    Binding("escape", "escape", "Back: digits, zoom, full screen, filter, library", show=False, id="escape"),
    Binding("down", "scroll_caption(3)", "Scroll caption down", show=False, id="scroll-down"),
    Binding("up", "scroll_caption(-3)", "Scroll caption up", show=False, id="scroll-up"),
]
