"""`summarydeck preview` without a browser: the shared state, the bridge from `watch` and
`export` to it, the web app's routes and headers, the listening socket and the command line.
The page in a real browser is tests/test_preview_browser.py."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from summarydeck import api
from summarydeck.cli import cli
from summarydeck.diagnostics import ContentError, Diagnostic, Location, OutputError
from summarydeck.export import ExportedDeck
from summarydeck.preview.app import make_app
from summarydeck.preview.feed import Feed
from summarydeck.preview.server import listen
from summarydeck.preview.state import PreviewState, Problem, SlideView
from summarydeck.watch import Rebuilt

STARTER = Path(__file__).parent.parent / "src" / "summarydeck" / "starter"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


# --- the state ---------------------------------------------------------------------------


def test_each_change_raises_the_version_and_pictures_are_swapped_whole() -> None:
    state = PreviewState()
    first = state.update({"01-title.png": b"one"}, phase="ready")
    assert first.version == 1
    second = state.update(phase="failed")
    assert second.version == 2
    assert state.picture("01-title.png") == b"one"  # pictures untouched
    state.update({"02-next.png": b"two"})
    assert state.picture("01-title.png") is None  # no picture of an earlier build is left
    assert state.snapshot().version == 3


def test_a_waiting_page_is_woken_by_a_change_from_another_thread() -> None:
    state = PreviewState()

    async def wait() -> int:
        seen = await state.after(-1)  # already newer: no wait
        assert seen.version == 0
        later = threading.Timer(0.05, lambda: state.update(phase="ready"))
        later.start()
        woken = await asyncio.wait_for(state.after(0), timeout=5)
        return woken.version

    assert asyncio.run(wait()) == 1
    assert not state._waiters  # a woken page is forgotten


def test_a_picture_is_served_by_its_name() -> None:
    state = PreviewState()
    slide = SlideView(1, "title", "Title", "title", None, "01-title.png")
    state.update({"01-title.png": PNG}, slides=(slide,), phase="ready")
    data = state.snapshot().as_json()
    assert data["slides"][0]["picture"] == "/slides/01-title.png"
    assert not state.snapshot().stale
    state.update(phase="failed")
    assert state.snapshot().stale


# --- the web app -------------------------------------------------------------------------


@pytest.fixture
def client() -> TestClient:
    state = PreviewState()
    slide = SlideView(1, "title", "A <b>title</b>", "title", None, "01-title.png")
    state.update({"01-title.png": PNG}, slides=(slide,), phase="ready", deck="deck.pptx")
    return TestClient(make_app(state), base_url="http://127.0.0.1:8000")


def test_the_page_is_served_with_a_policy_that_allows_only_its_own_files(
    client: TestClient,
) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert 'id="slide-count"' in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["cross-origin-resource-policy"] == "same-origin"
    for asset in ("/static/page.js", "/static/page.css"):
        assert client.get(asset).status_code == 200


def test_state_and_pictures(client: TestClient) -> None:
    state = client.get("/state")
    assert state.headers["cache-control"] == "no-store"
    data = state.json()
    assert data["deck"] == "deck.pptx" and data["phase"] == "ready"
    assert data["slides"][0]["title"] == "A <b>title</b>"  # as text; the page sets textContent
    picture = client.get(data["slides"][0]["picture"])
    assert picture.status_code == 200 and picture.content == PNG
    assert picture.headers["content-type"] == "image/png"
    assert "immutable" in picture.headers["cache-control"]
    assert client.get("/slides/99-nothing.png").status_code == 404


def test_a_request_for_another_host_name_is_refused(client: TestClient) -> None:
    # a page on the web that points a name of its own at 127.0.0.1 gets nothing
    assert client.get("/state", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/state", headers={"host": "localhost:8000"}).status_code == 200


def test_the_page_script_never_writes_markup() -> None:
    script = (STARTER.parent / "preview" / "static" / "page.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


# --- from watch and export to the state ---------------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(STARTER, folder)
    return folder


def _built(content: Path, out: Path) -> api.BuildResult:
    return api.build(content, out / "deck.pptx")


HIDDEN = 4  # the fake export draws no picture of this slide, as of a hidden one


def _fake_export(asked: list[list[int]]) -> object:
    """`api.export` drawing a picture of each slide asked for (but HIDDEN), and saying which
    were asked for in `asked`."""

    def export(
        decks: list[Path],
        out_dir: Path,
        *,
        width_px: int,
        contact_sheets: bool,
        pictures_of: list[int],
    ) -> list[ExportedDeck]:
        assert width_px == 640 and not contact_sheets
        asked.append(sorted(pictures_of))
        slides_dir = out_dir / "deck-slides"
        slides_dir.mkdir(parents=True, exist_ok=True)
        pictures = []
        for number in sorted(pictures_of):
            if number != HIDDEN:
                picture = slides_dir / f"{number:02d}-slide.png"
                picture.write_bytes(PNG + bytes([number, len(asked)]))
                pictures.append(picture)
        return [ExportedDeck(decks[0], out_dir / "deck.pdf", pictures, None, 0.1)]

    return export


@dataclass
class Fed:
    """A state, the feed into it, what the fake export was asked to draw and what was said."""

    state: PreviewState
    feed: Feed
    asked: list[list[int]]
    said: list[str]


@pytest.fixture
def fed(monkeypatch: pytest.MonkeyPatch) -> Fed:
    asked: list[list[int]] = []
    said: list[str] = []
    monkeypatch.setattr(api, "export", _fake_export(asked))
    state = PreviewState()
    return Fed(state, Feed(state, width_px=640, say=said.append), asked, said)


def test_a_good_build_shows_its_slides_then_their_pictures(
    content: Path, tmp_path: Path, fed: Fed
) -> None:
    state, asked, said = fed.state, fed.asked, fed.said
    result = _built(content, tmp_path / "out")
    fed.feed(Rebuilt(result, result.diagnostics))
    snapshot = state.snapshot()
    assert snapshot.phase == "ready" and snapshot.deck == "deck.pptx"
    assert asked == [list(range(1, result.slides + 1))]
    assert [s.number for s in snapshot.slides] == list(range(1, result.slides + 1))
    assert snapshot.slides[0].id == "title"
    # each picture named by its slide's number and drawing key; the hidden slide has none
    keys = result.slide_keys
    assert [s.picture for s in snapshot.slides[:4]] == [
        f"01-{keys[0][:16]}.png",
        f"02-{keys[1][:16]}.png",
        f"03-{keys[2][:16]}.png",
        None,
    ]
    assert state.picture(f"02-{keys[1][:16]}.png") == PNG + bytes([2, 1])
    assert said[-1] == f"pictures of {result.slides - 1} slides drawn"


def test_only_the_slides_that_look_different_are_drawn_again(
    content: Path, tmp_path: Path, fed: Fed
) -> None:
    state, feed, asked, said = fed.state, fed.feed, fed.asked, fed.said
    first = _built(content, tmp_path / "out")
    feed(Rebuilt(first, first.diagnostics))
    before = {s.number: state.picture(s.picture) for s in state.snapshot().slides if s.picture}

    # the same content again: nothing to draw, and no LibreOffice run
    again = _built(content, tmp_path / "out")
    feed(Rebuilt(again, again.diagnostics))
    assert len(asked) == 1 and state.snapshot().phase == "ready"
    assert said[-1] == f"built {again.slides} slides; no slide looks different"

    # one idea renamed: the slides that show it are drawn, no other (nor the hidden one)
    ideas = content / "opportunities.yaml"
    text = ideas.read_text(encoding="utf-8")
    ideas.write_text(text.replace("Name your first idea in a few words", "Ask the teams"))
    edited = _built(content, tmp_path / "out")
    changed = [
        n
        for n, (old, new) in enumerate(zip(first.slide_keys, edited.slide_keys, strict=True), 1)
        if old != new
    ]
    assert changed and len(changed) < edited.slides and HIDDEN not in changed
    feed(Rebuilt(edited, edited.diagnostics))
    assert asked[-1] == changed
    after = {s.number: state.picture(s.picture) for s in state.snapshot().slides if s.picture}
    assert after.keys() == before.keys()
    assert [n for n in after if after[n] != before[n]] == changed  # the rest kept as they were

    # and back (undo): every picture is one drawn before, so none is drawn
    ideas.write_text(text)
    undone = _built(content, tmp_path / "out")
    feed(Rebuilt(undone, undone.diagnostics))
    assert len(asked) == 2
    assert {s.number: state.picture(s.picture) for s in state.snapshot().slides if s.picture} == (
        before
    )


def test_without_libreoffice_the_slides_are_listed_and_the_page_says_why(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_tool(*_args: object, **_kwargs: object) -> list[ExportedDeck]:
        raise OutputError("LibreOffice (soffice) was not found", "install libreoffice-impress")

    monkeypatch.setattr(api, "export", no_tool)
    state = PreviewState()
    result = _built(content, tmp_path / "out")
    Feed(state)(Rebuilt(result, result.diagnostics))
    snapshot = state.snapshot()
    assert snapshot.phase == "ready"
    assert snapshot.message == "no pictures of the slides: LibreOffice (soffice) was not found"
    assert snapshot.hint == "install libreoffice-impress"
    assert len(snapshot.slides) == result.slides and all(s.picture is None for s in snapshot.slides)


def test_a_failed_build_keeps_the_last_slides_and_places_each_error(
    content: Path, tmp_path: Path, fed: Fed
) -> None:
    state, feed = fed.state, fed.feed
    result = _built(content, tmp_path / "out")
    feed(Rebuilt(result, result.diagnostics))
    good = state.snapshot().slides

    ideas = content / "opportunities.yaml"
    text = ideas.read_text(encoding="utf-8")
    long_title = "Name your first idea " + "and keep on adding words to it " * 12
    ideas.write_text(text.replace("Name your first idea in a few words", long_title))
    with pytest.raises(ContentError) as failed:
        _built(content, tmp_path / "out")
    # text too long names the slide it does not fit on
    placed = {d.slide for d in failed.value.diagnostics if d.code == "E401"}
    assert placed == {"overview", "first-idea"}
    unplaced = Diagnostic("E101", "YAML syntax error", Location("brand.yaml", 1, 1))
    feed(Rebuilt(None, [*failed.value.diagnostics, unplaced], "the content has errors"))

    snapshot = state.snapshot()
    assert snapshot.phase == "failed" and snapshot.stale
    assert snapshot.slides == good  # the last good build's, pictures and all
    numbers = {s.id: s.number for s in good}
    errors = [p for p in snapshot.problems if p.severity == "error"]
    assert {p.slide for p in errors} == {numbers["overview"], numbers["first-idea"], None}
    tile = next(p for p in errors if p.slide == numbers["overview"])
    assert tile.location.startswith(f"{ideas}:") and tile.line > 0
    assert "^" in tile.excerpt and long_title[:30] in tile.excerpt  # the terminal's excerpt
    assert tile.hint and "shorten" in tile.hint
    assert errors[-1] == Problem(
        "error", "E101", "YAML syntax error", "brand.yaml:1:1", "brand.yaml", 1
    )

    # a failure that is not the content's: said in a line of its own, with its hint
    feed(Rebuilt(None, [], "deck.pptx was edited since it was built", hint="use --force"))
    snapshot = state.snapshot()
    assert (snapshot.message, snapshot.hint, snapshot.problems) == (
        "deck.pptx was edited since it was built",
        "use --force",
        (),
    )


# --- the socket and the command line -------------------------------------------------------


def test_it_listens_on_the_loopback_address_only_and_refuses_a_taken_port() -> None:
    sock = listen(0)
    try:
        host, port = sock.getsockname()
        assert host == "127.0.0.1" and port > 0
        with pytest.raises(OutputError) as taken:
            listen(port)
        assert f"127.0.0.1:{port}" in str(taken.value)
        assert taken.value.hint and "--port" in taken.value.hint
        # not on the machine's other addresses
        outward = _an_address_other_than_loopback()
        if outward is not None:
            with pytest.raises(OSError):
                socket.create_connection((outward, port), timeout=1).close()
    finally:
        sock.close()


def _an_address_other_than_loopback() -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent
        address: str = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_the_command_refuses_a_missing_folder_and_an_unknown_variant(content: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["preview", "--content", str(content / "nothing")])
    assert missing.exit_code == 2 and "is not a folder" in missing.output
    variant = runner.invoke(cli, ["preview", "--content", str(content), "--variant", "shrot"])
    assert variant.exit_code == 2
    assert "shrot" in variant.output and "short" in variant.output  # did you mean
    assert "Traceback" not in variant.output
    taken = listen(0)
    try:
        port = str(taken.getsockname()[1])
        busy = runner.invoke(cli, ["preview", "--content", str(content), "--port", port])
    finally:
        taken.close()
    assert busy.exit_code == 3 and "leave out --port" in busy.output


def test_an_error_laying_out_a_slide_names_that_slide(tmp_path: Path) -> None:
    # a pictogram squeezed out by its long label (E210) is no fit error, and still names it
    content = tmp_path / "content"
    shutil.copytree(STARTER.parent.parent.parent / "content", content)
    stats = content / "statistics.yaml"
    label = "label: people in the UK have a mental health problem each year"
    longer = label + ", according to a survey of many thousands of adults" * 4
    stats.write_text(stats.read_text(encoding="utf-8").replace(label, longer))
    with pytest.raises(ContentError) as failed:
        api.build(content, tmp_path / "deck.pptx")
    errors = [d for d in failed.value.diagnostics if d.is_error]
    assert [(d.code, d.slide) for d in errors] == [("E210", "how-common")]


def test_what_watch_says_between_builds_is_on_the_page(tmp_path: Path) -> None:
    state = PreviewState()
    said: list[str] = []
    feed = Feed(state, say=said.append)
    feed.notice("content/ was removed; waiting for it to come back")
    assert state.snapshot().message == "content/ was removed; waiting for it to come back"
    assert said == ["content/ was removed; waiting for it to come back"]


def test_a_build_that_cannot_be_shown_is_said_and_the_next_one_is_shown(
    content: Path, tmp_path: Path, fed: Fed
) -> None:
    state, feed = fed.state, fed.feed
    result = _built(content, tmp_path / "out")
    manifest = result.manifest
    assert manifest is not None
    manifest.unlink()  # gone under us (someone cleaned output/)
    feed(Rebuilt(result, result.diagnostics))  # must not raise: the watch goes on
    assert state.snapshot().phase == "failed"
    assert "could not be shown" in state.snapshot().message
    result = _built(content, tmp_path / "out")
    feed(Rebuilt(result, result.diagnostics))
    assert state.snapshot().phase == "ready" and not state.snapshot().message


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for soffice")
def test_stopping_kills_the_tools_running_and_starts_none_until_allowed(tmp_path: Path) -> None:
    from summarydeck.export.process import run_tool

    finished: list[float] = []

    def slow_tool() -> None:
        done = run_tool(["sleep", "30"], timeout=60, log=tmp_path / "sleep.log")
        finished.append(done.seconds)

    worker = threading.Thread(target=slow_tool)
    worker.start()
    time.sleep(0.3)
    api.stop_tools()
    try:
        worker.join(10)
        assert not worker.is_alive() and finished and finished[0] < 5
        with pytest.raises(OutputError, match="summarydeck is stopping"):
            run_tool(["true"], timeout=5, log=tmp_path / "true.log")
    finally:
        api.allow_tools()
    assert run_tool(["true"], timeout=5, log=tmp_path / "true.log").returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for soffice")
def test_ctrl_c_during_a_slow_export_stops_at_once_and_leaves_nothing_half_made(
    content: Path, tmp_path: Path
) -> None:
    # LibreOffice that takes a minute: Ctrl-C (twice, as an impatient person does) must not
    # wait for it, must exit 0, and must leave no staging folder in output/preview
    soffice = tmp_path / "slow-soffice"
    soffice.write_text("#!/bin/sh\nsleep 60\n")
    soffice.chmod(0o755)
    out = tmp_path / "out"
    env = {**os.environ, "SUMMARYDECK_SOFFICE": str(soffice), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "summarydeck", "preview", "--content", str(content)]
    process = subprocess.Popen(
        [*command, "--out", str(out / "deck.pptx")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        if "; drawing " in line:  # LibreOffice (the stand-in) starts
            break
    else:
        pytest.fail("".join(lines))
    time.sleep(0.5)  # LibreOffice (the stand-in) is running now
    stopped = time.monotonic()
    # Ctrl-C, then again and again until it has gone: none may land where it cuts the stop
    # short (a second one while the watch stops, or on the way out)
    while process.poll() is None and time.monotonic() - stopped < 30:
        process.send_signal(signal.SIGINT)
        time.sleep(0.05)
    rest, _ = process.communicate(timeout=30)
    said = "".join(lines) + rest
    assert process.returncode == 0, said
    assert time.monotonic() - stopped < 10
    assert "Stopped the preview." in said and "Traceback" not in said and "Aborted" not in said
    assert "no pictures" not in said  # LibreOffice was stopped by us, not failing
    preview = out / "preview"
    assert not preview.exists() or not [p for p in preview.iterdir() if p.name.startswith(".")]


@pytest.mark.slow
def test_ctrl_c_as_it_starts_stops_it_too(content: Path, tmp_path: Path) -> None:
    # before the server takes Ctrl-C, or as it does: stopped all the same, exit 0
    command = [sys.executable, "-m", "summarydeck", "preview", "--content", str(content)]
    process = subprocess.Popen(
        [*command, "--out", str(tmp_path / "out" / "deck.pptx")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("Preview of"), first
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 0, first + rest
    assert "Stopped the preview." in rest and "Traceback" not in rest
