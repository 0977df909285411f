"""How long `summarydeck preview` takes from a save to what the page shows.

Starts `summarydeck preview` on a copy of a content folder, opens the page in Debian's headless
chromium (through chromedriver), then saves an edit to a slide title several times and times,
from each save, when the page shows the new title (the build) and when every slide's picture
has loaded (the LibreOffice run and pdftoppm). Prints a table of medians and ranges.

    .venv/bin/python bench/preview_latency.py [--content content] [--runs 5] [--width 960]
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
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
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


READ = """
return {
  phase: document.body.dataset.phase,
  captions: [...document.querySelectorAll('#slides figcaption .title')].map((e) => e.textContent),
  loaded: [...document.querySelectorAll('#slides img')]
    .every((i) => i.complete && i.naturalWidth > 0),
  pictures: document.querySelectorAll('#slides img').length,
};
"""


def _until(browser: Any, test: Any, timeout: float = 120) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test(browser.execute_script(READ)):
            return time.monotonic()
        time.sleep(0.01)
    raise TimeoutError("the page did not update")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--width", type=int, default=960)  # as `preview` draws them
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    content = work / "content"
    shutil.copytree(args.content, content)
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "summarydeck", "preview", "--content", str(content)),
            *("--out", str(work / "out" / "deck.pptx"), "--width", str(args.width)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    browser = None
    try:
        assert process.stdout is not None
        url = ""
        while not url:
            line = process.stdout.readline()
            if not line:
                raise SystemExit("preview printed no address")
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            url = found.group(0) if found else ""
        browser = _browser()
        browser.get(url)
        _until(browser, lambda v: v["phase"] == "ready" and v["loaded"] and v["pictures"])
        deck = content / "deck.yaml"
        text = deck.read_text(encoding="utf-8")
        title = re.search(r"^  title: (.+)$", text, re.MULTILINE)
        assert title, "deck.yaml has no `title:` under `deck:`"
        built, drawn = [], []
        for run in range(args.runs):
            new = f"Preview timing {run}"
            saved = time.monotonic()
            deck.write_text(text.replace(title.group(0), f"  title: {new}", 1), encoding="utf-8")
            seen = _until(browser, lambda v, new=new: new in v["captions"])
            done = _until(
                browser,
                lambda v, new=new: v["phase"] == "ready" and new in v["captions"] and v["loaded"],
            )
            built.append(seen - saved)
            drawn.append(done - saved)
        slides = browser.execute_script(READ)["pictures"]
        print(f"{args.content}: {slides} slides, pictures {args.width} px wide, {args.runs} saves")
        print("| from a save to | median | range |")
        print("|---|---|---|")
        for name, values in (
            ("the new title on the page", built),
            ("every new picture loaded", drawn),
        ):
            print(
                f"| {name} | {statistics.median(values):.2f} s "
                f"| {min(values):.2f}–{max(values):.2f} s |"
            )
    finally:
        if browser is not None:
            browser.quit()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
