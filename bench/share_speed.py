"""How fast are the share-and-reuse commands? Medians over N runs on the Q Lab content.

Run from the repo root:
    .venv/bin/python bench/share_speed.py [--runs 5] [--content content] [--json FILE]

Measures
(a) `summarydeck watch`: a real watcher process; one word of `content/deck.yaml` (in a copy) is
    changed and saved, and the time from the save to the watcher's "built" line is taken (the
    wall time an editor waits, debounce included), with the build time the watcher reports;
(b) its peak memory after all the rebuilds (VmHWM of the watcher process, Linux only);
(c) `summarydeck export` of the default deck: total time and time per slide;
(d) the same for every variant in one export (one LibreOffice run for all three decks);
(e) the edit guard's cost when the deck on disk was edited (python-pptx reads it back), and
    when it was not (one hash of the file against the manifest).

Not part of `make bench` (the exports need LibreOffice and take minutes): bench/speed.py times
`watch` from the save to the deck file being replaced, against the target of issue 17.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def watch_rebuilds(content: Path, runs: int) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="sd-bench-watch-"))
    try:
        copy = work / "content"
        shutil.copytree(content, copy)
        deck = work / "out" / "deck.pptx"
        process = subprocess.Popen(
            [PYTHON, "-m", "summarydeck", "watch", "--content", str(copy), "--out", str(deck)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        lines: queue.Queue[tuple[float, str]] = queue.Queue()

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.put((time.perf_counter(), line))

        threading.Thread(target=read, daemon=True).start()

        def wait_for(text: str) -> tuple[float, str]:
            while True:
                when, line = lines.get(timeout=120)
                if text in line:
                    return when, line

        wait_for("Waiting for changes")
        deck_file = copy / "deck.yaml"
        original = deck_file.read_text(encoding="utf-8")
        latencies, reported = [], []
        for run in range(runs):
            word = "people" if run % 2 == 0 else "participants"
            edited = original.replace("Over 120 participants", f"Over 120 {word}")
            saved = time.perf_counter()
            deck_file.write_text(edited, encoding="utf-8")
            when, line = wait_for(" built ")
            latencies.append(when - saved)
            reported.append(float(line.split(" in ")[1].split(" ms")[0]) / 1000)
            time.sleep(0.5)
        peak = _peak_rss_mib(process.pid)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        return {
            "save_to_built_s": statistics.median(latencies),
            "build_reported_s": statistics.median(reported),
            "watcher_peak_rss_mib": peak,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _peak_rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def export_times(content: Path, runs: int) -> dict[str, float]:
    from summarydeck import api
    from summarydeck.export import export_decks

    work = Path(tempfile.mkdtemp(prefix="sd-bench-export-"))
    try:
        os.chdir(work)
        results = api.build_all(content)
        decks = [r.path for r in results if r.path is not None]
        one, every = [], []
        for _ in range(runs):
            started = time.perf_counter()
            exported = export_decks(decks[:1], work / "one")
            one.append((time.perf_counter() - started, len(exported[0].slides)))
            started = time.perf_counter()
            exported = export_decks(decks, work / "all")
            every.append((time.perf_counter() - started, sum(len(e.slides) for e in exported)))
        one_s = statistics.median(t for t, _ in one)
        every_s = statistics.median(t for t, _ in every)
        return {
            "export_one_deck_s": one_s,
            "export_one_deck_slides": one[0][1],
            "export_one_deck_per_slide_s": one_s / one[0][1],
            "export_all_variants_s": every_s,
            "export_all_variants_slides": every[0][1],
            "export_all_variants_per_slide_s": every_s / every[0][1],
        }
    finally:
        os.chdir(REPO)
        shutil.rmtree(work, ignore_errors=True)


def guard_times(content: Path, runs: int) -> dict[str, float]:
    from pptx import Presentation

    from summarydeck import api
    from summarydeck.output.guard import disk_state

    work = Path(tempfile.mkdtemp(prefix="sd-bench-guard-"))
    try:
        deck = work / "deck.pptx"
        api.build(content, deck)
        untouched = _median(lambda: disk_state(deck), runs)
        prs = Presentation(str(deck))
        prs.slides[2].shapes.title.text_frame.text = "Edited"
        prs.save(str(deck))
        edited = _median(lambda: disk_state(deck), runs)
        return {"guard_untouched_s": untouched, "guard_edited_s": edited}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _median(action: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--skip-export", action="store_true", help="no LibreOffice runs")
    args = parser.parse_args()
    content = args.content.resolve()
    results: dict[str, float] = {}
    results.update(watch_rebuilds(content, args.runs))
    results.update(guard_times(content, args.runs))
    if not args.skip_export:
        results.update(export_times(content, max(1, args.runs // 2)))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    for key, value in results.items():
        print(f"{key:<36} {value:.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
