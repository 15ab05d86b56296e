"""`viewer PHOTO --print` in a truecolor terminal or pipe, written directly: no Rich, no model.

File-manager previews (ranger, lf, yazi) run `viewer photo.jpg --print` for every file the cursor
passes, so start-up is the cost that matters. This path imports Pillow and viewer's guarded
decoder only and writes the half-block escape codes itself; it draws exactly what the full path
draws (same decode, same fitting, same BOX resampling, same colours).

It is taken only when nothing needs more: one photo as the only PATH, no other options than
`--print`, `--width`, `--height`, truecolor half-blocks (a pipe with no mode named, tmux, or
VIEWER_GRAPHICS=halfblock), no Markdown sidecar or downloader JSON beside the photo (a plain
`.txt` caption sidecar is read here), a readable photo, and plain ASCII text to show under it.
Anything else returns None and the CLI runs its full path, which handles every case.
"""

from __future__ import annotations

import os
import sys

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff")
MAX_SIDECAR_BYTES = 1024 * 1024
MAX_COLUMNS, MAX_ROWS = 1000, 500


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
    if not printing or path is None or not path.lower().endswith(IMAGE_EXTENSIONS):
        return None
    return path, width, height


def _truecolor() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    colorterm = os.environ.get("COLORTERM", "").lower()
    return colorterm in ("truecolor", "24bit") or not os.environ.get("TERM")


def _sidecar_caption(path: str) -> tuple[bool, str] | None:
    """What the photo's files beside it say, when the quick path can show it: (False, "") when
    there is nothing beside it, (True, caption) for a plain-ASCII `.txt` sidecar (which wins over
    everything else, as in viewer.model.folder_deck, even when empty); None when the full path
    must read it (a Markdown sidecar, a downloader's JSON, a sidecar that is a link, unreadable,
    or not plain ASCII)."""
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
    if stem + ".md" in found:
        return None
    texts = found.get(stem + ".txt")
    if not texts:
        json_names = {(name + ".json").lower(), stem + ".info.json"}
        return None if json_names & found.keys() else (False, "")
    if len(texts) > 1:
        return None  # A.TXT and a.txt: the full path picks as it always does
    sidecar = os.path.join(folder, texts[0])
    if os.path.islink(sidecar):
        return None  # whether it may be followed is the full path's to say
    from pathlib import Path

    from viewer.model.files import FileProblem, open_regular

    try:
        with open_regular(Path(sidecar), allow_empty=True) as handle:  # never blocks on a FIFO
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except (FileProblem, OSError):
        return None
    if len(data) > MAX_SIDECAR_BYTES or not data.isascii():
        return None
    text = data.decode("ascii").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    # Printable ASCII and new lines only: exactly what the full path's clean_text keeps as it is.
    return (True, text) if text.replace("\n", "").isprintable() else None


def _size(width: int | None, height: int | None) -> tuple[int, int, bool]:
    """Picture cells, and whether to leave room for the text below (a terminal, no --height)."""
    if sys.stdout.isatty():
        try:
            size = os.get_terminal_size(sys.stdout.fileno())
        except OSError:
            size = os.terminal_size((80, 24))
        cols, rows = width or size.columns, height or max(4, size.lines - 1)
        fit = height is None
    else:
        cols = width or 80
        rows, fit = height or cols, False
    return min(cols, MAX_COLUMNS), min(rows, MAX_ROWS), fit


def _half_blocks_for_sure() -> bool:
    """True when --print would draw half-blocks without asking the terminal anything: output to a
    pipe, half-blocks asked for, or inside tmux. A terminal that may show pixels takes the full path."""
    if os.environ.get("VIEWER_GRAPHICS"):
        from viewer.terminal.capabilities import parse_mode

        try:
            mode = parse_mode(os.environ["VIEWER_GRAPHICS"])
        except ValueError:
            return False  # the full path says what is wrong with it
        if mode != "auto":
            return mode == "halfblock"
    return not sys.stdout.isatty() or bool(os.environ.get("TMUX"))


def run(argv: list[str]) -> int | None:
    """Print the photo and return the exit status, or None when the full path must handle it."""
    parsed = _arguments(argv)
    if parsed is None or not _truecolor() or not _half_blocks_for_sure() or not os.path.isfile(parsed[0]):
        return None
    beside = _sidecar_caption(parsed[0])
    if beside is None:
        return None
    has_sidecar, sidecar = beside
    path, width, height = parsed
    from viewer.imaging.decode import ImageProblem, decode_photo
    from viewer.imaging.fitting import fit_cells, working_side
    from viewer.model.text import humanise

    fallback_title = humanise(os.path.splitext(os.path.basename(path))[0])
    if has_sidecar:
        # A caption sidecar is the photo's whole text: title from the file name, no credit.
        lines = [("\x1b[1m", fallback_title), ("", sidecar)]
    else:
        from viewer.imaging.metadata import embedded_text

        found = embedded_text(path)
        if found.problems:
            return None  # the full path shows what it can and says what is wrong
        lines = [("\x1b[1m", found.title or fallback_title), ("", found.caption), ("\x1b[2m", found.credit)]
    # Printable ASCII and newlines only (the quick path writes nothing it would have to escape).
    if not all(text.isascii() and text.replace("\n", "").isprintable() for _, text in lines):
        return None  # wide or combining characters: Rich's wrapping measures them right
    cols, rows, fit = _size(width, height)
    text_rows = _wrapped(lines, cols)
    if fit:
        rows = max(rows // 2, rows - len(text_rows), 4)
    try:
        side = working_side(cols, rows)
        decoded = decode_photo(path, (side, side))  # as the full path's pipeline does
    except ImageProblem:
        return None
    size = fit_cells(decoded.image.width, decoded.image.height, cols, rows)
    if size == (0, 0):
        return None
    from PIL import Image

    image = decoded.image.resize(size, Image.Resampling.BOX) if size != decoded.image.size else decoded.image
    out = sys.stdout
    out.write(_picture(image, (cols - size[0]) // 2))
    out.write("".join(f"{style}{text}\x1b[0m\n" if style else f"{text}\n" for style, text in text_rows))
    out.flush()
    return 0


def _wrapped(lines: list[tuple[str, str]], cols: int) -> list[tuple[str, str]]:
    from viewer.model.text import wrap

    rows = []
    for style, text in lines:
        if not text:
            continue
        for paragraph in text.split("\n"):
            wrapped = wrap(paragraph, max(1, cols)) or [""]
            rows.extend((style, line) for line in wrapped)
    return rows


def _picture(image, pad: int) -> str:  # type: ignore[no-untyped-def]
    """Half-block rows: "▄" with the lower pixel as foreground and the upper as background."""
    width, height = image.size
    data = image.tobytes()
    stride = width * 3
    margin = " " * pad
    out = []
    for y in range(0, height - 1, 2):
        top, bottom = data[y * stride:(y + 1) * stride], data[(y + 1) * stride:(y + 2) * stride]
        row = [margin]
        previous = None
        for x in range(0, stride, 3):
            cell = top[x:x + 3] + bottom[x:x + 3]
            if cell != previous:
                row.append(f"\x1b[38;2;{cell[3]};{cell[4]};{cell[5]};48;2;{cell[0]};{cell[1]};{cell[2]}m")
                previous = cell
            row.append("▄")
        row.append("\x1b[0m\n")
        out.append("".join(row))
    return "".join(out)
