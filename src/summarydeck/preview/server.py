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
    server listens, `say` a line for each build."""
    import uvicorn

    from summarydeck import watch as live

    sock = listen(options.port)
    state = PreviewState()
    feed = Feed(state, width_px=options.width_px, say=say)
    stop = threading.Event()

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
    watcher.start()
    port = sock.getsockname()[1]
    ready(f"http://{HOST}:{port}/")
    # the handler stays while the watch stops, so a second Ctrl-C cannot cut it short (it
    # would leave a half-made export behind); stopping kills LibreOffice, so this is quick
    with _stopped_quietly():
        try:
            server.run(sockets=[sock])
        finally:
            stop.set()
            with api.tools_stopped():
                watcher.join(WATCH_STOP_TIMEOUT_S)
            sock.close()


@contextmanager
def _stopped_quietly() -> Iterator[None]:
    """uvicorn catches Ctrl-C and SIGTERM to shut down, then raises the signal again for the
    handler that was there before; this handler takes it, so stopping is a normal end (exit
    status 0), as it is for `watch`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handled = (signal.SIGINT, signal.SIGTERM)
    before = {number: signal.signal(number, lambda *_: None) for number in handled}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
