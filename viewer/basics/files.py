"""Reading and writing files that come from untrusted folders, safely and in one place.

Every file viewer reads on a deck's behalf (decks, sidecars, articles, photos) is opened here:
only regular files, never in a way that can block (a FIFO opens with O_NONBLOCK and is then
refused), with a byte limit, and with a file name that cannot make the OS call itself fail in an
unexpected way (a NUL byte). Text sources found inside a folder may also be required to stay in
that folder's tree, so a link to `/proc/self/environ` never becomes a caption.

Every file viewer writes (`viewer illustrate`, `viewer import -o`) is written by `write_file`:
never through a symlink, never onto a special file, inside a given root when there is one, and
atomically (a temporary file in the same folder, then a rename), so an interrupted write never
leaves half a file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"})
"""The photo files viewer opens (lower case), for folder decks and the quick `--print` alike."""
SIDECAR_EXTENSIONS = (".md", ".txt")
"""A photo's caption files `<stem>.md` and `<stem>.txt`, the first found winning."""
MAX_SIDECAR_BYTES = 1024 * 1024
"""A caption file is read up to this size (a larger one is cut short, or left to the full path)."""


class FileProblem(Exception):
    """Why a file cannot be read or written; `str()` is a short reason for the user."""


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def check_name(path: Path | str) -> None:
    """Refuse file names the OS cannot take (a NUL byte raises ValueError deep in os.open)."""
    if "\x00" in os.fspath(path):
        raise FileProblem("invalid file name (it contains a NUL character)")


def open_regular(path: Path, max_bytes: int | None = None, *, allow_empty: bool = False) -> BinaryIO:
    """Open `path` for reading if it is a regular file no larger than `max_bytes` (and not empty,
    unless `allow_empty`).

    FIFOs, devices, sockets and folders are refused without ever blocking on them.
    """
    check_name(path)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise FileProblem(_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not a regular file")
        if info.st_size == 0:
            # /proc and /sys files claim to be empty regular files but are not: never read them.
            if _on_pseudo_fs(path):
                raise FileProblem("a system file, not a regular file")
            if not allow_empty:
                raise FileProblem("empty file")
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileProblem(f"file too large ({info.st_size // (1024 * 1024)} MiB)")
        return os.fdopen(fd, "rb")
    except FileProblem:
        os.close(fd)
        raise
    except OSError as exc:
        os.close(fd)
        raise FileProblem(_reason(exc)) from None


def read_regular(path: Path, max_bytes: int, *, allow_empty: bool = False) -> bytes:
    """The bytes of a regular file of at most `max_bytes` (see open_regular)."""
    handle = open_regular(path, max_bytes, allow_empty=allow_empty)
    limit = max_bytes + 1
    with handle:
        try:
            # read(limit) would allocate the whole limit (256 MB for a deck) before reading a byte.
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(limit, size + 1))
            if len(data) == size + 1 and len(data) < limit:  # it grew since: the rest, up to the limit
                data += handle.read(limit - len(data))
        except OSError as exc:
            raise FileProblem(_reason(exc)) from None
    if len(data) > max_bytes:
        raise FileProblem("file too large")  # it grew while being read
    return data


def _on_pseudo_fs(path: Path) -> bool:
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return True
    return real.startswith(("/proc/", "/sys/", "/dev/"))


def inside(path: Path, root: Path) -> bool:
    """True when `path`, with every symlink resolved, lies in `root`'s tree."""
    try:
        real = os.path.realpath(path)
        base = os.path.realpath(root)
    except (OSError, ValueError):
        return False
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


# -- writing ----------------------------------------------------------------------------------


def lexically_inside(path: Path, root: Path) -> bool:
    """True when `path` (made absolute, `..` folded, links NOT followed) lies under `root`."""
    target = os.path.normpath(os.path.abspath(path))
    base = os.path.normpath(os.path.abspath(root))
    return target.startswith(base.rstrip(os.sep) + os.sep)


def _make_folders(folder: Path, root: Path | None) -> None:
    """Create `folder` and its missing parents; below `root` no component may be a symlink."""
    folder = Path(os.path.normpath(os.path.abspath(folder)))
    start = Path(os.path.normpath(os.path.abspath(root))) if root is not None else None
    parts = folder.relative_to(start).parts if start is not None else ()
    if start is None:
        folder.mkdir(parents=True, exist_ok=True)
        return
    current = start
    for part in parts:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            os.mkdir(current)
            continue
        if stat.S_ISLNK(info.st_mode):
            raise FileProblem(f"{part} is a symbolic link: viewer does not write through links")
        if not stat.S_ISDIR(info.st_mode):
            raise FileProblem(f"{part} is not a folder")


def write_file(
    path: Path,
    data: bytes,
    *,
    root: Path | None = None,
    may_replace: Callable[[Path], bool] | bool = False,
) -> None:
    """Write `data` to `path` atomically and safely, or raise FileProblem saying why not.

    - `root`: the path must lie inside it (lexically, and no folder below it may be a symlink);
    - an existing symlink at `path` (even a dangling one) is refused, as is any special file;
    - an existing regular file is replaced only when `may_replace` is True or returns True for it.
    """
    check_name(path)
    path = Path(os.path.abspath(path))
    if root is not None and not lexically_inside(path, root):
        raise FileProblem("outside the deck's folder: viewer only writes inside it")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileProblem(_reason(exc)) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise FileProblem("is a symbolic link: viewer does not write through links")
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("is a special file (FIFO, device or socket), not a regular file")
        allowed = may_replace(path) if callable(may_replace) else may_replace
        if not allowed:
            raise FileProblem("exists and was not made by viewer: not replaced")
    import tempfile  # only commands that write need it

    try:
        _make_folders(path.parent, root)
        fd, temporary = tempfile.mkstemp(prefix=".viewer-", suffix=".tmp", dir=path.parent)
    except FileProblem:
        raise
    except OSError as exc:
        raise FileProblem(_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        # rename() replaces a path, never follows a link at it: a link created meanwhile is replaced.
        os.replace(temporary, path)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise FileProblem(_reason(exc)) from None
