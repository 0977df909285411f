"""The preview served: uvicorn on 127.0.0.1 in the main thread, `watch` in another.

The listening socket is made here, bound to the loopback address only (nothing outside this
computer can connect) and to the port asked for, or a free one the system picks; uvicorn then
serves on it. It listens before the address is printed, so a browser opened at once is
answered. uvicorn handles Ctrl-C and SIGTERM; when it stops, the watch is told to stop too.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarydeck import api
from summarydeck.diagnostics import OutputError
from summarydeck.preview.app import make_app
from summarydeck.preview.feed import PREVIEW_WIDTH_PX, Feed
from summarydeck.preview.state import PreviewState

HOST = "127.0.0.1"
WATCH_STOP_TIMEOUT_S = 30.0  # a build under way finishes; a LibreOffice run is killed


@dataclass(frozen=True)
class PreviewOptions:
    content_dir: Path
    out: Path | None = None
    selection: api.Selection = api.Selection()
    force: bool = False
    port: int = 0  # 0: a free port
    width_px: int = PREVIEW_WIDTH_PX


def listen(port: int) -> socket.socket:
    """A socket listening on the loopback address; raises OutputError when the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name != "nt":  # the port free again at once after a stop (on Windows this option
        # would let another program take a port in use)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise OutputError(
            f"cannot serve the preview on {HOST}:{port}: {exc.strerror or exc}",
            "leave out --port to use a free port, or choose another",
        ) from exc
    return sock


def serve(
    options: PreviewOptions,
    *,
    ready: Callable[[str], None],
    say: Callable[[str], None],
) -> None:
    """Serve the preview until Ctrl-C (or SIGTERM); `ready` gets the page's address once the
    server listens, `say` a line for each build. Called in the main thread, it leaves both
    signals ignored: the process is stopping, and must finish its stop."""
    import uvicorn

    from summarydeck import watch as live

    sock = listen(options.port)
    state = PreviewState()
    stop = threading.Event()
    feed = Feed(state, width_px=options.width_px, say=say, stopping=stop)

    def watching() -> None:
        try:
            live.watch(
                options.content_dir,
                feed,
                out=options.out,
                selection=options.selection,
                force=options.force,
                stop=stop,
                notice=feed.notice,
            )
        except Exception as exc:  # a bug: shown on the page and said, the server stays up
            state.update(phase="failed", problems=(), message=f"summarydeck failed: {exc!r}")
            say(f"the watch stopped: {exc!r}")

    watcher = threading.Thread(target=watching, name="summarydeck-watch", daemon=True)
    config = uvicorn.Config(
        make_app(state),
        log_level="warning",
        access_log=False,
        lifespan="off",
        # stopping closes the event streams at once rather than waiting for pages to leave
        timeout_graceful_shutdown=3,
    )
    server = uvicorn.Server(config)
    port = sock.getsockname()[1]
    try:  # a Ctrl-C before the server takes it raises KeyboardInterrupt: stopped all the same
        watcher.start()
        ready(f"http://{HOST}:{port}/")
        with _taken_by(server):
            server.run(sockets=[sock])
    finally:
        _ignore_stop_signals()  # the stop is not cut short by a second Ctrl-C
        stop.set()
        api.stop_tools()  # a LibreOffice run under way is killed, its export cleans up
        watcher.join(WATCH_STOP_TIMEOUT_S)
        if not watcher.is_alive():  # else a tool it starts late is stopped too
            api.allow_tools()
        sock.close()


@contextmanager
def _taken_by(server: Any) -> Iterator[None]:
    """Ctrl-C and SIGTERM stop `server`, even in the moment before it takes them itself.
    uvicorn catches them to shut down, then raises each again for the handler that was there
    before: this one, which has nothing left to do then, so stopping is a normal end (exit
    status 0), as it is for `watch`. Once it has stopped, they are ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop_it(*_: object) -> None:
        server.should_exit = True  # read once it runs: it stops as soon as it has started

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, stop_it)
    try:
        yield
    finally:  # not the handlers from before: a Ctrl-C now would cut the stop short
        _ignore_stop_signals()


def _ignore_stop_signals() -> None:
    """From here to the process's end, Ctrl-C and SIGTERM change nothing: a second one while
    the watch stops would leave a half-made export behind. Ignored rather than handled, since
    Python puts the default handler back on its way out, not SIG_IGN."""
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_IGN)
