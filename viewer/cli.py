"""The `viewer` command's entry point: kept tiny so that the quickest case stays quick.

`viewer PHOTO --print` (what file-manager previews run for every file) is answered by
viewer.quick_print without importing the model, Rich or argparse; everything else goes to
viewer.command_line, which parses the arguments and runs the app or the other commands.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--print" in argv:
        from viewer.quick_print import run as quick_print

        try:
            status = quick_print(argv)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        if status is not None:
            return status
    from viewer.command_line import main as full_main

    return full_main(argv)


def __getattr__(name: str) -> Any:
    # viewer.cli was the whole command line before it was split: its names still resolve.
    import viewer.command_line

    return getattr(viewer.command_line, name)
