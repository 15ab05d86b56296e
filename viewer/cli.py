"""The `viewer` command's entry point: kept tiny so that the quickest case stays quick.

`viewer PHOTO --print` (what file-manager previews run for every file) is answered by
viewer.quick_print without importing the model, Rich or argparse; everything else goes to
viewer.commands.view, which parses the arguments and runs the app or the other commands.
"""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130
"""Ctrl+C: 128 + SIGINT, as shells report it; quietly, without a traceback."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        prepare_streams()
        if "--print" in argv:
            from viewer.quick_print import run as quick_print

            status = quick_print(argv)
            if status is not None:
                return status
        from viewer.commands.view import main as full_main

        return full_main(argv)
    except KeyboardInterrupt:
        return interrupted()
    except BrokenPipeError:
        return reader_gone()


def prepare_streams() -> None:
    """Whatever the locale or PYTHONIOENCODING (latin-1, ASCII), text that the output cannot
    encode prints as a replacement, never a UnicodeEncodeError; a closed stream is a sink."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:  # started with the stream closed (`>&-`)
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def reader_gone() -> int:
    """The reader went away (`| head`): not an error. stdout goes to /dev/null so that the
    interpreter's last flush does not complain either (as the Python docs recommend)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return 0


def interrupted() -> int:
    """Ctrl+C: what was not written yet is dropped (a flush could block on a full pipe for ever)."""
    reader_gone()
    return EXIT_INTERRUPTED
