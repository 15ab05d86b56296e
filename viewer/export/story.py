"""Export one deck as a web page: a self-contained HTML file, or a folder with index.html and images/.

One pass over the slides, one photo at a time: each is decoded, resized and encoded, written into
the page (as a data: URI) or beside it, and dropped before the next — memory stays that of one
photo whatever the size of the deck. The thumbnails the page's overview grid shows travel with
their slide (an attribute the script reads when the grid opens), so nothing is kept for the end.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from viewer import __version__
from viewer.basics.files import FileProblem
from viewer.basics.text import clean_line
from viewer.export import page_template
from viewer.export.images import DEFAULT_MAX_SIZE, Encoded, web_image
from viewer.export.render_html import Picture, figure_html
from viewer.export.writing import StreamedFile, check_folder, write_picture
from viewer.imaging.decode import ImageProblem
from viewer.model.deck import Deck


@dataclass
class Options:
    max_size: int = DEFAULT_MAX_SIZE
    keep_exif: bool = False
    force: bool = False


@dataclass
class Result:
    slides: int = 0
    pictures: int = 0
    bytes_written: int = 0
    problems: list[str] = field(default_factory=list)
    """One line per slide whose picture could not be included (the page says so on the slide)."""


def _data_uri(picture: Encoded) -> str:
    return f"data:{picture.mime};base64," + base64.b64encode(picture.data).decode("ascii")


def _details(deck: Deck) -> str:
    count = len(deck.slides)
    parts = [f"{count} slide{'s' if count != 1 else ''}"]
    source = deck.meta.get("source") if isinstance(deck.meta, dict) else None
    if isinstance(source, str) and clean_line(source):
        parts.append(f"source: {clean_line(source)}")
    for key in ("author", "date"):
        value = deck.meta.get(key) if isinstance(deck.meta, dict) else None
        if isinstance(value, str) and clean_line(value):
            parts.append(clean_line(value))
    return " · ".join(parts)


def export_deck(deck: Deck, output: Path, folder: bool, options: Options,
                progress: Callable[[int], None] | None = None) -> Result:
    """Write `deck` to `output` (a file, or a folder when `folder`); raises FileProblem when the
    output cannot be written (nothing is left at `output` then, or what was there before)."""
    if folder:
        check_folder(output, options.force)
    page_path = output / "index.html" if folder else output
    result = Result()
    total = len(deck.slides)
    width = max(4, len(str(total)))
    title = deck.title or clean_line(deck.path.name)
    with StreamedFile(page_path, options.force) as page:
        page.write(page_template.head(title, folder))
        page.write(page_template.top(title, _details(deck)))
        for index, slide in enumerate(deck.slides):
            number = index + 1
            picture, problem = None, ""
            photo = slide.photo
            if photo is not None and photo.path is None:
                problem = "a remote picture, never fetched"
                result.problems.append(f"slide {number}: {problem}: {clean_line(photo.src)[:200]}")
            elif photo is not None and photo.path is not None:
                try:
                    made = web_image(photo.path, options.max_size, options.keep_exif)
                except ImageProblem as error:
                    problem = str(error)
                    result.problems.append(f"slide {number}: {clean_line(photo.src)[:200]}: {problem}")
                except MemoryError:
                    problem = "not enough memory to decode it"
                    result.problems.append(f"slide {number}: {clean_line(photo.src)[:200]}: {problem}")
                else:
                    if made.exif_note:
                        result.problems.append(f"slide {number}: {made.exif_note}")
                    if folder:
                        stem = f"{number:0{width}d}"
                        big, small = stem + made.photo.extension, stem + "-thumb" + made.thumb.extension
                        write_picture(output, big, made.photo.data, options.force)
                        write_picture(output, small, made.thumb.data, options.force)
                        src, thumb = f"images/{big}", f"images/{small}"
                    else:
                        src, thumb = _data_uri(made.photo), _data_uri(made.thumb)
                    picture = Picture(src, made.photo.width, made.photo.height, thumb,
                                      crisp=made.photo.mime == "image/png")
                    result.pictures += 1
            page.write(figure_html(number, total, slide, picture, problem))
            result.slides += 1
            if progress is not None:
                progress(number)
        about = f"Exported by viewer {__version__} from {clean_line(deck.path.name)}."
        page.write(page_template.bottom(about))
    result.bytes_written = page.written
    return result


__all__ = ["Options", "Result", "export_deck", "FileProblem"]
