"""`summarydeck preview` in a real browser: Debian's chromium, driven through chromedriver.

One preview process serves a starter content folder; the page is loaded once and then only
watched, as a person would keep it open beside their editor: it shows the slides and their
count, picks up an edit by itself, shows a broken edit's errors (file, line, hint; in place of
the slide that failed when one did) and recovers when the content is fixed.

Needs chromium, chromedriver, LibreOffice and poppler; skipped without them unless
SUMMARYDECK_REQUIRE_BROWSER=1 / SUMMARYDECK_REQUIRE_RENDER=1 (CI sets both).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from render_helpers import require_tools

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.render]

CHROMIUM = ("/usr/bin/chromium", "chromium")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")
REQUIRE_ENV = "SUMMARYDECK_REQUIRE_BROWSER"
WAIT_S = 90.0  # a build and a LibreOffice run on a slow, busy CI machine


def _found(names: tuple[str, ...]) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium, driver = _found(CHROMIUM), _found(CHROMEDRIVER)
    if chromium is None or driver is None:
        message = "chromium and chromedriver are needed (apt-get install chromium chromium-driver)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{message}; {REQUIRE_ENV}=1 requires them")
        pytest.skip(message)
    require_tools()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    # headless, and quiet on a closed network: no background fetches to Google's hosts
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    # the paths given: Selenium Manager never tries to download a browser or driver
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    try:
        yield session
    finally:
        session.quit()


class Preview:
    """A `summarydeck preview` process and the address it serves."""

    def __init__(self, content: Path, out: Path) -> None:
        self.content = content
        self.out = out
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "summarydeck", "preview", "--content", str(content)),
                *("--out", str(out / "deck.pptx"), "--width", "640"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        self.url = self._address()

    def _address(self) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if found:
                return found.group(1)
        self.process.kill()
        pytest.fail(f"preview printed no address:\n{''.join(self.lines)}")

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=60)
        return self.process.returncode, "".join(self.lines) + out


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("preview")
    content = root / "content"
    made = subprocess.run(
        [sys.executable, "-m", "summarydeck", "new", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    running = Preview(content, root / "out")
    try:
        yield running
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait()


def wait_for(what: str, check: Callable[[], Any], timeout: float = WAIT_S) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except Exception as exc:  # an element replaced while it was read: look again
            last = exc
        else:
            if last:
                return last
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what} (last seen: {last!r})")


def page(browser: Any) -> dict[str, Any]:
    """What the page shows, read from the DOM as a person sees it."""
    return browser.execute_script(
        """
        const visible = (id) => !document.getElementById(id).hidden;
        return {
          phase: document.body.dataset.phase,
          version: Number(document.body.dataset.version),
          count: document.getElementById('slide-count').textContent,
          captions: [...document.querySelectorAll('#slides figcaption .title')]
            .map((e) => e.textContent),
          pictures: [...document.querySelectorAll('#slides img')]
            .map((i) => ({src: i.getAttribute('src'), width: i.naturalWidth, done: i.complete})),
          problems: visible('problems') ? document.getElementById('problems').innerText : '',
          failed: [...document.querySelectorAll('#slides li.failed')].map((li) => ({
            id: li.id, text: li.innerText})),
          lost: visible('connection'),
        };
        """
    )


def _slides_in_manifest(out: Path) -> list[dict[str, Any]]:
    data = json.loads((out / "deck.manifest.json").read_text(encoding="utf-8"))
    slides: list[dict[str, Any]] = data["slides"]
    return slides


def _all_drawn(view: dict[str, Any], count: int) -> bool:
    pictures = view["pictures"]
    return (
        view["phase"] == "ready"
        and len(pictures) == count
        and all(p["done"] and p["width"] > 0 for p in pictures)
    )


def _replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_page_follows_edits_errors_and_fixes(browser: Any, preview: Preview) -> None:
    browser.get(preview.url)

    # it loads, counts the slides the build wrote, and shows a picture of each
    view = wait_for(
        "the first build's pictures", lambda: (v := page(browser))["phase"] == "ready" and v
    )
    slides = _slides_in_manifest(preview.out)
    assert view["count"] == f"{len(slides)} slides"
    assert view["captions"] == [s["title"] for s in slides]
    view = wait_for(
        "every picture loaded", lambda: _all_drawn(v := page(browser), len(slides)) and v
    )
    first_pictures = [p["src"] for p in view["pictures"]]
    assert browser.title.startswith("deck.pptx")
    assert not view["problems"] and not view["lost"]

    # an edit: the page takes the new title and new pictures, without being reloaded
    marker = browser.execute_script("window.notReloaded = true; return window.notReloaded")
    assert marker is True
    ideas = preview.content / "opportunities.yaml"
    _replace_line(
        ideas, "title: Name your first idea in a few words", "title: Ask the teams what helps"
    )
    view = wait_for(
        "the edited title and its new pictures",
        lambda: (
            (v := page(browser))["phase"] == "ready"
            and "Ask the teams what helps" in v["captions"]
            and _all_drawn(v, len(slides))
            and v
        ),
    )
    assert [p["src"] for p in view["pictures"]] != first_pictures  # drawn again, not cached
    assert browser.execute_script("return window.notReloaded") is True

    # a broken edit: the YAML error with its file, line and hint; the last good slides stay
    _replace_line(ideas, "title: Ask the teams what helps", "title: [Ask the teams what helps")
    view = wait_for("the syntax error", lambda: (v := page(browser))["phase"] == "failed" and v)
    line = next(
        number
        for number, text in enumerate(ideas.read_text(encoding="utf-8").splitlines(), 1)
        if "[Ask the teams" in text
    )
    assert f"opportunities.yaml:{line}:" in view["problems"]
    assert "E101" in view["problems"] and "Hint:" in view["problems"]
    assert view["count"] == f"{len(slides)} slides"  # the last good build's, still shown
    assert len(view["pictures"]) == len(slides)

    # text too long for its slide: the error stands in place of that slide
    _replace_line(
        ideas,
        "title: [Ask the teams what helps",
        "title: Ask the teams what helps " + "and keep on adding words to it " * 12,
    )
    view = wait_for(
        "the fit error in place of its slide",
        lambda: (v := page(browser))["phase"] == "failed" and v["failed"] and v,
    )
    # the idea's own slide (its title) and the overview (a tile) both failed
    failed_ids = {f["id"] for f in view["failed"]}
    numbers = {s["id"]: s["number"] for s in slides}
    assert failed_ids == {f"slide-{numbers['overview']}", f"slide-{numbers['first-idea']}"}
    # each with where its text comes from: the tile's field, the detail slide's entry
    assert all(re.search(r"\w+\.yaml:\d+:\d+ error E401", f["text"]) for f in view["failed"])
    assert "Hint:" in view["failed"][0]["text"]
    assert "in place of slide" in view["problems"]

    # fixed: the errors go, the slides come back, drawn again
    _replace_line(
        ideas,
        "title: Ask the teams what helps " + "and keep on adding words to it " * 12,
        "title: Ask the teams what works",
    )
    view = wait_for(
        "the fixed build",
        lambda: (
            (v := page(browser))["phase"] == "ready"
            and "Ask the teams what works" in v["captions"]
            and _all_drawn(v, len(slides))
            and v
        ),
    )
    assert not view["problems"] and not view["failed"]
    assert view["count"] == f"{len(slides)} slides"
    assert browser.execute_script("return window.notReloaded") is True

    # Ctrl-C ends it cleanly, and the page says it lost the server
    status, said = preview.stop()
    assert status == 0, said
    assert "Stopped the preview." in said
    assert "Traceback" not in said and "ERROR" not in said
    wait_for("the page to notice the server stopped", lambda: page(browser)["lost"])
