"""Where `viewer export` writes, with the same rules as every other write viewer makes.

The pictures of a folder export are small and written whole by viewer.basics.files.write_file
(atomic, never through a link, inside the output folder). The page itself can be hundreds of
megabytes for a big deck, so it is streamed instead — by `StreamedFile`, which applies
write_file's checks (no link, even a dangling one; no special file; an existing file only with
--force) and its atomic replace (a temporary file beside the target, renamed over it at the end;
an interruption removes the temporary file and leaves the target as it was).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from types import TracebackType

from viewer.basics.files import FileProblem, check_name, write_file

PAGE_SUFFIXES = (".html", ".htm")


def is_folder_target(path: Path, written: str) -> bool:
    """`-o story/`, an existing folder, or a name without .html: a folder with index.html and images/."""
    if written.endswith(("/", os.sep)):
        return True
    if os.path.isdir(path) and not os.path.islink(path):
        return True
    return path.suffix.lower() not in PAGE_SUFFIXES


def _existing(path: Path) -> os.stat_result | None:
    """`path`'s own status (a link is not followed), None when nothing is there; a link is refused."""
    check_name(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileProblem(exc.strerror or str(exc)) from None
    if stat.S_ISLNK(info.st_mode):
        raise FileProblem("is a symbolic link: viewer does not write through links")
    return info


def _check_target(path: Path, force: bool) -> None:
    """write_file's refusals, for a file about to be streamed."""
    info = _existing(path)
    if info is None:
        return
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem("is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem("is a special file (FIFO, device or socket), not a regular file")
    if not force:
        raise FileProblem("exists; use --force to replace it")


def check_folder(folder: Path, force: bool) -> None:
    """The output folder may be new, empty, or (with --force) an earlier export; never a link."""
    info = _existing(folder)
    if info is None:
        return
    if not stat.S_ISDIR(info.st_mode):
        raise FileProblem("exists and is not a folder")
    if not force and any(os.scandir(folder)):
        raise FileProblem("is a folder that is not empty; use --force to write into it")
    for name in ("index.html", "images"):
        _refuse_link(folder / name)


def _refuse_link(path: Path) -> None:
    if os.path.islink(path):
        raise FileProblem(f"{path.name} is a symbolic link: viewer does not write through links")


def write_picture(folder: Path, name: str, data: bytes, force: bool) -> None:
    """One picture into `folder`/images/, atomically, never through a link, never outside it."""
    write_file(folder / "images" / name, data, root=folder, may_replace=force)


class StreamedFile:
    """A file written in pieces and put in place atomically when the `with` block ends well."""

    def __init__(self, path: Path, force: bool) -> None:
        _check_target(path, force)
        self.path = Path(os.path.abspath(path))
        self.written = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, self._temporary = tempfile.mkstemp(prefix=".viewer-", suffix=".tmp", dir=self.path.parent)
        except OSError as exc:
            raise FileProblem(exc.strerror or str(exc)) from None
        self._handle = os.fdopen(fd, "wb")

    def write(self, piece: str | bytes) -> None:
        data = piece.encode("utf-8") if isinstance(piece, str) else piece
        try:
            self._handle.write(data)
        except OSError as exc:
            raise FileProblem(exc.strerror or str(exc)) from None
        self.written += len(data)

    def __enter__(self) -> StreamedFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            self._handle.close()
            if kind is None:
                os.chmod(self._temporary, 0o644)
                # rename() replaces whatever is at the path without following it: a link made
                # there meanwhile is replaced, never written through.
                os.replace(self._temporary, self.path)
                return
        except OSError as exc:
            self._discard()
            raise FileProblem(exc.strerror or str(exc)) from None
        self._discard()

    def _discard(self) -> None:
        try:
            os.unlink(self._temporary)
        except OSError:
            pass
