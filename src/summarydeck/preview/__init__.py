"""`summarydeck preview`: the slides of the current build on a local web page, live.

The pipeline, one module each:
- `state`: what the page shows now (slides, pictures, errors), behind a lock, with a version
  number that goes up on every change, so the server can tell a page what is new;
- `feed`: the bridge from `watch` (which builds after each save) and `export` (which draws
  the slides with LibreOffice) to that state;
- `app`: the web app (Starlette): the page, its state as JSON, the pictures, and a stream of
  Server-Sent Events that tells the page to fetch the new state;
- `server`: the app served by uvicorn on 127.0.0.1 and a free port, beside the watch thread.

The page itself is `page.html`: plain HTML, CSS and a little script, no library.
"""
