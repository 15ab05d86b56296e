"""`viewer serve [PATH ...] [--host 127.0.0.1] [--port 8000]`: the app itself, in a web browser.

textual-serve (the Textualize package) starts one app process per visitor and shows its screen
in the browser with xterm.js. The command each visitor gets is built here, once, from the PATHs
given on the command line, resolved to absolute paths and quoted word by word: a visitor sends
key presses and window sizes, never a command line or a path, so no deck outside those PATHs can
be opened through it (the app has no way to open another file, and no command palette). Photos
are drawn as half-blocks there (the browser's terminal has no pixel graphics); everything else is
the terminal app. It listens on localhost unless --host says otherwise, and says where on start.

Pages are made without the Google Fonts link textual-serve's template has: the page uses the
Roboto Mono font textual-serve ships, so a visitor's browser asks nothing of any other site.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.basics.text import clean_line
from viewer.model import DeckError, Library
from viewer.sources import load_paths

if TYPE_CHECKING:
    from textual_serve.server import Server

EXIT_OK, EXIT_ERROR = 0, 2
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
_HOST_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")


def port_number(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 5 or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a port number (1-65535)")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="decks, saved pages or photo folders to serve (default: the shipped slides); "
                             "nothing else can be opened from the browser")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST}: this machine only; "
                             "0.0.0.0: every network)")
    parser.add_argument("--port", type=port_number, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT})")


def served_command(paths: list[Path]) -> str:
    """The shell command textual-serve runs for each visitor: this Python, this viewer, these paths.

    Every word is quoted (textual-serve hands the command to a shell), `--` ends the options so
    a path can never read as one, and `exec` leaves no shell between the server and the app."""
    words = [sys.executable, "-m", "viewer", "--graphics", "halfblock", "--from-start", "--", *map(str, paths)]
    return "exec " + shlex.join(words)


def _say(message: str) -> None:
    print(f"viewer serve: {message}", file=sys.stderr, flush=True)


def _page_template(templates: Path) -> str | None:
    """textual-serve's page with its Google Fonts <link> replaced by the font it ships itself."""
    try:
        page = (templates / "app_index.html").read_text(encoding="utf-8")
    except OSError:
        return None
    at = page.find("https://fonts.googleapis.com")
    start, end = page.rfind("<link", 0, at), page.find("/>", at)
    if at < 0 or start < 0 or end < 0:
        return page
    own_font = ('<style>@font-face { font-family: "Roboto Mono"; '
                'src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }</style>')
    return page[:start] + own_font + page[end + 2:]


def make_server(command: str, host: str, port: int, title: str, announce: str) -> Server:
    import asyncio
    import signal

    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class ViewerServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            page = _page_template(Path(self.templates_path))
            if page is not None:
                aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}))
            return app

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # The page tells the browser where the app's websocket is: at the address the browser
            # used (a server listening on 0.0.0.0 is reached by another name), if it is a plain one.
            plain = request.host and set(request.host) <= _HOST_CHARACTERS
            self.public_url = f"http://{request.host}" if plain else default_url
            return await super().handle_index(request)

        async def on_startup(self, app: web.Application) -> None:
            pass  # textual-serve prints its logo here; the address is said once listening (below)

        def serve(self, debug: bool = False) -> None:
            asyncio.run(self._listen())

        async def _listen(self) -> None:
            """textual-serve's own serve(), but the address is said once the port is really open
            (not before, as its start-up hook would), and Ctrl+C or SIGTERM stop it cleanly."""
            runner = web.AppRunner(await self._make_app(), handle_signals=False)
            await runner.setup()
            try:
                await web.TCPSite(runner, self.host, self.port).start()
                _say(announce)
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for number in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(number, stop.set)
                await stop.wait()
            finally:
                await runner.cleanup()

    server = ViewerServer(command, host=host, port=port, title=title)
    default_url = server.public_url
    return server


def run(args: argparse.Namespace) -> int:
    paths = [path.resolve() for path in args.paths]
    if paths:
        try:
            loaded = load_paths(paths)
        except (DeckError, OSError) as error:
            _say(str(error) if isinstance(error, DeckError) else clean_line(str(error)))
            return EXIT_ERROR
        count = len(loaded.decks) if isinstance(loaded, Library) else 1
        what = f"{count} deck{'s' if count != 1 else ''}"
        title = f"viewer: {loaded.title}"
    else:
        what, title = "the shipped decks", "viewer"
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        _say("needs the textual-serve package: pip install textual-serve")
        return EXIT_ERROR
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown_host}:{args.port}"
    server = make_server(served_command(paths), args.host, args.port, clean_line(title),
                         f"serving {what} on {address} (one app per visitor; Ctrl+C stops)")
    try:
        server.serve()
    except OSError as error:
        _say(f"cannot listen on {clean_line(args.host)}:{args.port}: {clean_line(error.strerror or str(error))}")
        return EXIT_ERROR
    return EXIT_OK
