"""The preview's web app (Starlette): the page, its state, the pictures and a change stream.

- `/`                the page (`static/page.html`, with its script and style beside it);
- `/state`           what the page shows now, as JSON (`Snapshot.as_json`);
- `/events`          Server-Sent Events: one `state` event with the version after each change.
                     The page then fetches `/state`; the browser's EventSource reconnects by
                     itself when the stream breaks, so the page needs no script library;
- `/slides/NAME`     a slide's picture, from memory.

Only `127.0.0.1` and `localhost` are answered (a web page elsewhere cannot reach the server
through a DNS name that points at this machine), and the page may load nothing but its own
files: slide titles are the content's text, shown as text, never as markup.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from pathlib import Path
from typing import Any

import anyio
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from summarydeck.preview.state import PreviewState, Snapshot

STATIC = Path(__file__).parent / "static"
KEEP_ALIVE_S = 15  # a comment line this often, so no proxy or browser drops a quiet stream
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def make_app(state: PreviewState) -> Starlette:
    async def page(_request: Request) -> Response:
        return FileResponse(STATIC / "page.html", headers={"Cache-Control": "no-store"})

    async def current(_request: Request) -> Response:
        return JSONResponse(state.snapshot().as_json(), headers={"Cache-Control": "no-store"})

    async def events(_request: Request) -> Response:
        # set by sse-starlette when the server stops: the stream then ends as a finished
        # response (a stream cut off mid-way is logged by uvicorn as an error)
        stopping = anyio.Event()

        async def changes() -> AsyncIterator[dict[str, str]]:
            seen = -1
            while True:
                snapshot = await _first(state.after(seen), stopping.wait())
                if snapshot is None:
                    return
                seen = snapshot.version
                yield {"event": "state", "data": str(seen)}

        return EventSourceResponse(
            changes(), ping=KEEP_ALIVE_S, shutdown_event=stopping, shutdown_grace_period=1
        )

    async def picture(request: Request) -> Response:
        data = state.picture(request.path_params["name"])
        if data is None:
            return Response("no such slide picture", status_code=404, media_type="text/plain")
        # its name carries its slide's drawing key, so it is never another picture
        return Response(
            data,
            media_type="image/png",
            headers={"Cache-Control": "public, max-age=31536000, immutable"},
        )

    return Starlette(
        routes=[
            Route("/", page),
            Route("/state", current),
            Route("/events", events),
            Route("/slides/{name:str}", picture),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"]),
            Middleware(SecurityHeaders),
        ],
    )


async def _first(
    change: Coroutine[Any, Any, Snapshot], stop: Coroutine[Any, Any, None]
) -> Snapshot | None:
    """The next snapshot, or None when `stop` comes first."""
    tasks = [asyncio.ensure_future(change), asyncio.ensure_future(stop)]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
    first = tasks[0]
    return first.result() if first in done else None


class SecurityHeaders:
    """The page's content policy and no sniffing, on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))  # type: ignore[call-overload]
                headers += [
                    (b"content-security-policy", POLICY.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    # no other site may load the slides' pictures (an <img> elsewhere could
                    # otherwise tell which slides there are)
                    (b"cross-origin-resource-policy", b"same-origin"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)  # type: ignore[arg-type]
