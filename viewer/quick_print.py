"""`viewer PHOTO --print` in a truecolor terminal or pipe, written directly: no Rich, no model
(but for a Markdown sidecar's reader).

File-manager previews (ranger, lf, yazi) run `viewer photo.jpg --print` for every file the cursor
passes, so start-up is the cost that matters. This path imports Pillow, viewer's guarded decoder
and the print plan only (viewer.print_plan: sizes, colours, room for the text, the text's rows,
all decided there for both paths) and writes the half-block escape codes itself; it writes the
bytes the full path writes (same decode, same fitting, same BOX resampling, same colours, the
same escape codes and rows Rich writes).

It is taken only when nothing needs more: one photo as the only PATH, no other options than
`--print`, `--width`, `--height`, truecolor half-blocks (a pipe with no mode named, tmux, or
VIEWER_GRAPHICS=halfblock), no downloader JSON beside the photo (a plain `.txt` caption sidecar
is read here; a `.md` one by the deck's own reader, imported only then), a readable photo, and
plain ASCII text to show under it. Anything else returns None and the CLI runs its full path,
which handles every case.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

# The photo and caption-file rules folder decks follow, from the shared basics (the model would
# cost this path 7 ms).
from viewer.basics.files import IMAGE_EXTENSIONS, MAX_SIDECAR_BYTES, SIDECAR_EXTENSIONS

if TYPE_CHECKING:
    from PIL import Image

    from viewer.model.deck import Notice


def _arguments(argv: list[str]) -> tuple[str, int | None, int | None] | None:
    """(photo, width, height) when argv is just `PHOTO --print [--width N] [--height N]`."""
    path, width, height, printing = None, None, None, False
    args = iter(argv)
    for arg in args:
        if arg == "--print":
            printing = True
        elif arg in ("--width", "--height"):
            value = next(args, "")
            # ASCII digits only ("²".isdigit() is true, int("²") fails); odd values: the full path says why.
            if not (value.isascii() and value.isdigit()) or len(value) > 7 or int(value) < 1:
                return None
            width, height = (int(value), height) if arg == "--width" else (width, int(value))
        elif arg.startswith("-") or path is not None:
            return None
        else:
            path = arg
    if not printing or path is None or os.path.splitext(path)[1].lower() not in IMAGE_EXTENSIONS:
        return None
    return path, width, height


def _beside(path: str) -> tuple[bool, tuple[str, str, str]] | None:
    """What the files beside the photo say, when the quick path can show it: (False, ...) when
    there is nothing beside it; (True, (title, caption, credit)) for a caption sidecar, `.md` or
    plain-ASCII `.txt` (which wins over everything else, as in viewer.sources.folder_deck, even when
    empty; an empty title stands for the file name's); None when the full path must read it (a
    downloader's JSON, a sidecar that is a link, unreadable, not plain ASCII, or one the deck's
    reader has anything to say about)."""
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0].lower()
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return None  # cannot tell: let the full path decide
    found: dict[str, list[str]] = {}
    for entry in names:
        lower = entry.lower()
        if lower.startswith(stem):
            found.setdefault(lower, []).append(entry)
    sidecars = [(ext, found[stem + ext]) for ext in SIDECAR_EXTENSIONS if stem + ext in found]
    if not sidecars:
        json_names = {(name + ".json").lower(), stem + ".info.json"}
        return None if json_names & found.keys() else (False, ("", "", ""))
    ext, entries = sidecars[0]  # the first kind found wins, as in the full path
    if len(entries) > 1:
        return None  # A.TXT and a.txt: the full path picks as it always does
    sidecar = os.path.join(folder, entries[0])
    if os.path.islink(sidecar):
        return None  # whether it may be followed is the full path's to say
    if ext == ".md":
        return _markdown_sidecar(path, sidecar)
    from pathlib import Path

    from viewer.basics.files import FileProblem, open_regular

    try:
        with open_regular(Path(sidecar), allow_empty=True) as handle:  # never blocks on a FIFO
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except (FileProblem, OSError):
        return None
    if len(data) > MAX_SIDECAR_BYTES or not data.isascii():
        return None
    text = data.decode("ascii").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    from viewer.print_plan import plain

    # Printable ASCII and new lines only: exactly what the full path's clean_text keeps as it is.
    return (True, ("", text, "")) if plain(text) else None


def _markdown_sidecar(photo: str, sidecar: str) -> tuple[bool, tuple[str, str, str]] | None:
    """A `.md` sidecar's title, caption and credit, read by the deck's own reader (the slide the
    full path prints, made by the same function), or None when it has anything to warn about."""
    from pathlib import Path

    from viewer.sources.folder_deck import image_slide  # the model and the Markdown parser: only here

    notices: list[Notice] = []
    try:
        slide = image_slide(Path(photo), Path(sidecar), notices)
    except RecursionError:
        return None  # the full path says it is nested too deeply
    if notices:
        return None  # the full path shows the slide and the warnings
    return True, (slide.display_title, slide.caption_text, slide.credit)


def _half_blocks_for_sure() -> bool:
    """True when --print would draw half-blocks without asking the terminal anything: output to a
    pipe, half-blocks asked for, or inside tmux. A terminal that may show pixels takes the full path."""
    setting = os.environ.get("VIEWER_GRAPHICS")
    if setting:
        from viewer.imaging.protocols import AUTO, protocol_for
        from viewer.terminal.capabilities import parse_mode

        try:
            mode = parse_mode(setting)
        except ValueError:
            return False  # the full path says what is wrong with it
        if mode != AUTO:
            return not protocol_for(mode).pixels
    return not sys.stdout.isatty() or bool(os.environ.get("TMUX"))


def run(argv: list[str]) -> int | None:
    """Print the photo and return the exit status, or None when the full path must handle it."""
    from viewer.print_plan import color_system

    parsed = _arguments(argv)
    if parsed is None or color_system() != "truecolor" or not _half_blocks_for_sure() \
            or not os.path.isfile(parsed[0]):
        return None
    beside = _beside(parsed[0])
    if beside is None:
        return None
    has_sidecar, sidecar = beside
    path, width, height = parsed
    from pathlib import Path

    from viewer.basics.text import humanise
    from viewer.imaging.decode import ImageProblem, decode_photo
    from viewer.imaging.fitting import fit_cells, working_side
    from viewer.print_plan import picture_rows, plain, print_size, styled, text_block

    fallback_title = humanise(os.path.splitext(os.path.basename(path))[0])
    if has_sidecar:
        # A caption sidecar is the photo's whole text (a .txt one: title from the file name, no credit).
        title, caption, credit = sidecar[0] or fallback_title, sidecar[1], sidecar[2]
    else:
        from viewer.imaging.embedded_metadata import embedded_text

        found = embedded_text(Path(path))
        if found.problems:
            return None  # the full path shows what it can and says what is wrong
        title, caption, credit = found.title or fallback_title, found.caption, found.credit
    # Printable ASCII and newlines only (the quick path writes nothing it would have to escape).
    if not all(plain(text) for text in (title, caption, credit)):
        return None  # wide or combining characters: Rich's wrapping measures them right
    size = print_size(width, height)
    cols, rows = size.cols, picture_rows(size, title, caption, credit)
    try:
        side = working_side(cols, rows)
        decoded = decode_photo(Path(path), (side, side))  # as the full path's pipeline does
    except ImageProblem:
        return None
    fitted = fit_cells(decoded.image.width, decoded.image.height, cols, rows)
    if fitted == (0, 0):
        return None
    from PIL.Image import Resampling

    image = decoded.image.resize(fitted, Resampling.BOX) if fitted != decoded.image.size else decoded.image
    out = sys.stdout
    out.write(_picture(image, (cols - fitted[0]) // 2))
    out.write("".join(styled(style, row) for style, row in text_block(title, caption, credit, cols)))
    out.flush()
    return 0


def _picture(image: Image.Image, pad: int) -> str:
    """Half-block rows: "▄" with the lower pixel as foreground and the upper as background, in
    the bytes Rich writes for the full path's rows (each run of one colour pair styled, then reset)."""
    width, height = image.size
    data = image.tobytes()
    stride = width * 3
    margin = " " * pad
    out = []
    for y in range(0, height - 1, 2):
        top, bottom = data[y * stride:(y + 1) * stride], data[(y + 1) * stride:(y + 2) * stride]
        row = [margin]
        previous, run = b"", 0
        for x in range(0, stride, 3):
            cell = top[x:x + 3] + bottom[x:x + 3]
            if cell != previous:
                if run:
                    row.append("▄" * run + "\x1b[0m")
                row.append(f"\x1b[38;2;{cell[3]};{cell[4]};{cell[5]};48;2;{cell[0]};{cell[1]};{cell[2]}m")
                previous, run = cell, 0
            run += 1
        if run:
            row.append("▄" * run + "\x1b[0m")
        row.append("\n")
        out.append("".join(row))
    return "".join(out)
