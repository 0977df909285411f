"""How fast is summarydeck, against what it must beat? One table of ratios, measured side by side.

Run from the repo root (`make bench` runs it first):
    .venv/bin/python bench/speed.py [--quick] [--markdown docs/performance.md]

Every compared command runs in the same run, alternating round by round (ours, the floor,
pandoc, ours again ...), so a busy moment of the machine falls on both sides of a ratio. Each
timing is the wall clock of a fresh process (startup and imports included), except the
in-process `api.build`; peak memory is the process's own high-water mark (`wait4`'s rusage).

1. The Q Lab deck (content/): a cold CLI build (the picture-chart cache beside --out emptied
   first) and a warm one, each against the floor, bench/floor.py: bare python-pptx writing the
   same slides (title, the same texts in text boxes, the notes, a native chart with its
   workbook wherever the deck has one), read back from the built deck; and against pandoc
   converting the same slides written as Markdown (`# title`, text, `::: notes`).
2. `summarydeck watch` on a copy of content/, a real process: from the save of a one-word edit
   of a bullet point to the deck file being replaced (its inode, mtime and size polled every
   2 ms), over several edits; with the in-process `api.build` second-call time for context.
3. Synthetic decks (bench/synthetic.py) of 100, 300 and 1,000 slides: build time per slide,
   the marginal cost per slide between sizes, peak memory; pandoc on the same slides and
   `summarydeck check DECK` per slide, at the largest size.

Each ratio is printed beside the issue's target for it. `--quick` runs fewer rounds and the
100- and 300-slide decks only (the 1,000-slide targets are then read at 300).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_content  # bench/ is not a package: its folder is on the path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FLOOR = REPO / "bench" / "floor.py"
QLAB = REPO / "content"
START, END = "<!-- speed-table:start -->", "<!-- speed-table:end -->"
POLL_S = 0.002  # how often the watch measurement looks at the deck file

# the targets
WATCH_TARGET_S = 0.100
COLD_VS_FLOOR = 2.0
PER_SLIDE_GROWTH = 1.1
PEAK_MIB = 300 * 1_000_000 / 2**20  # 300 MB
CHECK_PER_SLIDE_S = 0.003


@dataclass
class Plan:
    """How many runs of what: the full run, or --quick."""

    rounds: int  # Q Lab rounds: cold, warm, floor, pandoc each once a round
    edits: int  # one-word edits timed in `watch`
    in_process: int  # `api.build` calls after the first
    sizes: dict[int, int]  # synthetic deck size -> timed builds
    pandoc_runs: int  # pandoc on the largest synthetic deck's slides (35 s at 1,000 slides)
    check_runs: int  # `summarydeck check` of the largest synthetic deck


FULL = Plan(5, 7, 5, {100: 3, 300: 2, 1000: 2}, pandoc_runs=1, check_runs=2)
QUICK = Plan(2, 3, 2, {100: 2, 300: 1}, pandoc_runs=2, check_runs=2)


# ---- running things --------------------------------------------------------------------------


@dataclass
class Ran:
    seconds: float
    peak_mib: float
    returncode: int
    output: str


def timed(args: Sequence[str | Path], *, check: bool = True) -> Ran:
    """Run a fresh process; its wall time and its own peak RSS (not its parent's or siblings')."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(a) for a in args], cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if check and process.returncode != 0:
        command = " ".join(Path(str(a)).name if "/" in str(a) else str(a) for a in args)
        sys.exit(f"failed ({process.returncode}): {command}\n{output[-3000:]}")
    return Ran(seconds, usage.ru_maxrss / 1024, process.returncode, output)  # KiB on Linux


def build_command(content: Path, out: Path) -> list[str | Path]:
    return [PYTHON, "-m", "summarydeck", "build", "--content", content, "--out", out]


def find_pandoc() -> Path | None:
    """pandoc on PATH, else the one pypandoc_binary ships (`pip install '.[bench]'`)."""
    found = shutil.which("pandoc")
    if found:
        return Path(found)
    try:
        import pypandoc  # type: ignore[import-not-found,unused-ignore]

        return Path(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return None


def pandoc_command(pandoc: Path, markdown: Path, out: Path) -> list[str | Path]:
    return [pandoc, str(markdown), "--from", "markdown", "--slide-level", "1", "-o", out]


# ---- reading a deck back: what the floor and pandoc write -------------------------------------


def read_slides(deck: Path) -> list[dict[str, Any]]:
    """Each slide's title, other texts, notes and native charts, as python-pptx reads them."""
    from pptx import Presentation

    def texts_of(shapes: Any) -> list[str]:
        found = []
        for shape in shapes:
            if shape.shape_type == 6:  # a group: pictograms, badges
                found += texts_of(shape.shapes)
            elif getattr(shape, "has_table", False) and shape.has_table:
                found += [cell.text for row in shape.table.rows for cell in row.cells if cell.text]
            elif shape.has_text_frame and shape.text_frame.text.strip():
                found.append(shape.text_frame.text)
        return found

    slides = []
    for slide in Presentation(str(deck)).slides:
        title_shape = slide.shapes.title
        title = title_shape.text_frame.text if title_shape is not None else ""
        title_id = title_shape.shape_id if title_shape is not None else None
        texts = texts_of(s for s in slide.shapes if s.shape_id != title_id)
        if not title and texts:
            title = texts.pop(0)
        charts = []
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            plot = shape.chart.plots[0]
            charts.append(
                {
                    "type": int(shape.chart.chart_type),
                    "categories": [str(c) for c in plot.categories],
                    "series": [
                        [s.name, [0 if v is None else v for v in s.values]] for s in plot.series
                    ],
                    "number_format": "General",
                }
            )
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append({"title": title, "texts": texts, "notes": notes, "charts": charts})
    return slides


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~^$@])")


def as_markdown(slides: list[dict[str, Any]]) -> str:
    """The same slides for pandoc: `# title`, each text a paragraph, `::: notes`."""

    def escaped(text: str) -> str:
        return MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\v", "\n"))

    parts = []
    for number, slide in enumerate(slides, 1):
        parts.append(f"# {escaped(slide['title'].splitlines()[0] if slide['title'] else '')}")
        if not slide["title"]:
            parts[-1] += f"Slide {number}"
        for text in slide["texts"]:
            parts += [escaped(line) for line in text.splitlines() if line.strip()]
        if slide["notes"].strip():
            parts.append("::: notes\n" + escaped(slide["notes"]) + "\n:::")
    return "\n\n".join(parts) + "\n"


def prepare_comparisons(deck: Path, work: Path, name: str) -> tuple[Path, Path]:
    """Write the floor's slides (JSON) and pandoc's Markdown for `deck`."""
    slides = read_slides(deck)
    spec = work / f"{name}.floor.json"
    spec.write_text(json.dumps(slides), encoding="utf-8")
    markdown = work / f"{name}.md"
    markdown.write_text(as_markdown(slides), encoding="utf-8")
    return spec, markdown


def slide_count(deck: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(deck)).slides)


# ---- the measurements --------------------------------------------------------------------------


@dataclass
class Series:
    """Runs of one measurement."""

    runs: list[Ran] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak(self) -> float:
        return max(r.peak_mib for r in self.runs)

    def spread(self) -> str:
        return spread(self.times)


def qlab_builds(plan: Plan, work: Path, pandoc: Path | None) -> dict[str, Any]:
    """Cold build, warm build, floor and pandoc on the Q Lab deck, alternating round by round."""
    out = work / "qlab" / "deck.pptx"
    cache = out.parent / ".cache"
    build = build_command(QLAB, out)
    timed(build)  # untimed: warms the OS file cache and bytecode; gives the deck to read back
    slides = slide_count(out)
    spec, markdown = prepare_comparisons(out, work, "qlab")
    floor_cmd = [PYTHON, FLOOR, spec, work / "floor.pptx"]
    pandoc_cmd = pandoc_command(pandoc, markdown, work / "qlab-pandoc.pptx") if pandoc else None
    cold, warm, floor, by_pandoc = Series(), Series(), Series(), Series()
    for _ in range(plan.rounds):
        shutil.rmtree(cache, ignore_errors=True)
        cold.runs.append(timed(build))
        warm.runs.append(timed(build))
        floor.runs.append(timed(floor_cmd))
        if pandoc_cmd:
            by_pandoc.runs.append(timed(pandoc_cmd))
    pictures = cache.exists()  # a cold build of a deck with picture charts fills the cache
    charts = sum(len(s["charts"]) for s in json.loads(spec.read_text(encoding="utf-8")))
    floor_slides = slide_count(work / "floor.pptx")
    pandoc_slides = slide_count(work / "qlab-pandoc.pptx") if pandoc_cmd else 0
    return {
        "slides": slides,
        "charts": charts,
        "pictures": pictures,
        "cold": cold,
        "warm": warm,
        "floor": floor,
        "floor_slides": floor_slides,
        "pandoc": by_pandoc if pandoc_cmd else None,
        "pandoc_slides": pandoc_slides,
    }


def first_bullet(deck_yaml: str) -> tuple[int, str]:
    """The line number and text of the first bullet point under a `points:` key."""
    lines = deck_yaml.splitlines()
    for number, line in enumerate(lines):
        if line.strip() == "points:":
            for later in range(number + 1, len(lines)):
                if re.match(r"\s*- \w", lines[later]):
                    return later, lines[later]
    raise SystemExit("no bullet point to edit in deck.yaml")


def deck_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return (found.st_ino, found.st_mtime_ns, found.st_size)


def watch_edits(plan: Plan, work: Path) -> dict[str, Any]:
    """A real `summarydeck watch`: save a one-word edit, time until the deck file is replaced."""
    content = work / "watch-content"
    shutil.copytree(QLAB, content)
    deck = work / "watch-out" / "deck.pptx"
    process = subprocess.Popen(
        [PYTHON, "-m", "summarydeck", "watch", "--content", content, "--out", deck],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    said: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put("")  # the watcher ended

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                stop()
                sys.exit(f"watch: no {text!r} within {timeout:.0f} s\n{''.join(said)[-3000:]}")
            said.append(line)
            if not line:
                sys.exit(f"watch ended early:\n{''.join(said)[-3000:]}")
            if text in line:
                return line

    def stop() -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    try:
        wait_for("Waiting for changes")  # the first build is done and the watcher is running
        deck_file = content / "deck.yaml"
        original = deck_file.read_text(encoding="utf-8")
        number, bullet = first_bullet(original)
        latencies, reported = [], []
        for edit in range(plan.edits):
            lines_now = original.splitlines(keepends=True)
            lines_now[number] = f"{bullet} edited {edit + 1} times\n"  # new text each time
            before = deck_identity(deck)
            started = time.perf_counter()
            deck_file.write_text("".join(lines_now), encoding="utf-8")
            deadline = started + 60
            while deck_identity(deck) == before:
                if time.perf_counter() > deadline:
                    sys.exit(f"watch: the deck was not replaced\n{''.join(said)[-3000:]}")
                time.sleep(POLL_S)
            latencies.append(time.perf_counter() - started)
            line = wait_for(" built ", timeout=60)
            found = re.search(r" in ([\d.,]+) ?(ms|s)\b", line)
            if found:
                value = float(found.group(1).replace(",", ""))
                reported.append(value / 1000 if found.group(2) == "ms" else value)
            time.sleep(0.3)  # let the watcher settle (manifest, review report) before the next
    finally:
        stop()
    return {"latencies": latencies, "reported": reported}


def in_process_builds(plan: Plan, work: Path) -> list[float]:
    """`api.build` of the Q Lab deck, called again in a process that already built it once."""
    from summarydeck import api

    out = work / "in-process" / "deck.pptx"
    api.build(QLAB, out)
    times = []
    for _ in range(plan.in_process):
        started = time.perf_counter()
        api.build(QLAB, out)
        times.append(time.perf_counter() - started)
    return times


def synthetic_builds(plan: Plan, work: Path, pandoc: Path | None) -> dict[str, Any]:
    """Builds of each synthetic size, round by round; pandoc and `check` at the largest size
    between them."""
    sizes = sorted(plan.sizes)
    largest = sizes[-1]
    contents = {n: make_content(work / f"synthetic-{n}", n) for n in sizes}
    outs = {n: work / f"synthetic-{n}-out" / "deck.pptx" for n in sizes}
    builds = {n: Series() for n in sizes}
    by_pandoc, checks = Series(), Series()
    pandoc_cmd: list[str | Path] | None = None
    check_cmd: list[str | Path] = [PYTHON, "-m", "summarydeck", "check", outs[largest]]
    for round_number in range(max(plan.sizes.values())):
        for n in sizes:
            if round_number < plan.sizes[n]:
                shutil.rmtree(outs[n].parent / ".cache", ignore_errors=True)
                builds[n].runs.append(timed(build_command(contents[n], outs[n])))
        if round_number == 0:  # the largest deck exists now: the same slides for pandoc
            _, markdown = prepare_comparisons(outs[largest], work, f"synthetic-{largest}")
            if pandoc:
                pandoc_cmd = pandoc_command(pandoc, markdown, work / "synthetic-pandoc.pptx")
        if pandoc_cmd and len(by_pandoc.runs) < plan.pandoc_runs:  # between the builds
            by_pandoc.runs.append(timed(pandoc_cmd))
        if len(checks.runs) < plan.check_runs:
            checks.runs.append(timed(check_cmd, check=False))
    slides = {n: slide_count(outs[n]) for n in sizes}
    return {
        "sizes": sizes,
        "slides": slides,
        "builds": builds,
        "pandoc": by_pandoc if pandoc_cmd else None,
        "pandoc_slides": slide_count(work / "synthetic-pandoc.pptx") if pandoc_cmd else 0,
        "checks": checks,
    }


# ---- the table ---------------------------------------------------------------------------------


def seconds(value: float, unit: str | None = None) -> str:
    unit = unit or ("ms" if value < 1 else "s")
    return f"{value * 1000:.0f} ms" if unit == "ms" else f"{value:.2f} s"


def spread(times: list[float]) -> str:
    """The median, then the fastest and slowest run in the median's unit: `1.63 s (1.60-1.70)`."""
    middle = statistics.median(times)
    unit = "ms" if middle < 1 else "s"
    low, high = (seconds(t, unit).split()[0] for t in (min(times), max(times)))
    return f"{seconds(middle, unit)} ({low}-{high})" if len(times) > 1 else seconds(middle, unit)


def per_slide(value: float) -> str:
    return f"{value * 1000:.1f} ms/slide"


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("s" if count != 1 else "")


def verdict(met: bool) -> str:
    return "yes" if met else "**no**"


@dataclass
class Row:
    what: str
    result: str
    against: str = ""
    ratio: str = ""
    target: str = ""
    met: str = ""


def rows_of(
    qlab: dict[str, Any],
    watch: dict[str, Any],
    in_process: list[float],
    synth: dict[str, Any],
    pandoc_version: str | None,
) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    notes: list[str] = []
    cold, warm, floor = qlab["cold"], qlab["warm"], qlab["floor"]
    n = qlab["slides"]
    floor_against = f"floor {floor.spread()}"
    ratio = cold.median / floor.median
    rows.append(
        Row(
            f"Q Lab deck ({n} slides, {counted(qlab['charts'], 'native chart')}), cold CLI build",
            cold.spread(),
            floor_against,
            f"{ratio:.1f}x",
            f"≤ {COLD_VS_FLOOR:g}x floor",
            verdict(ratio <= COLD_VS_FLOOR),
        )
    )
    rows.append(
        Row(
            "Q Lab deck, warm CLI build (picture-chart cache full)",
            warm.spread(),
            floor_against,
            f"{warm.median / floor.median:.1f}x",
        )
    )
    if not qlab["pictures"]:
        notes.append(
            "The Q Lab deck has no picture charts (the cache stays empty): its cold and warm "
            "builds do the same work."
        )
    if qlab["floor_slides"] != n:
        notes.append(f"The floor wrote {qlab['floor_slides']} slides, the build {n}.")
    if qlab["pandoc"] is not None:
        by_pandoc = qlab["pandoc"]
        rows.append(
            Row(
                "Q Lab deck, cold CLI build, against pandoc (Markdown of the same slides)",
                cold.spread(),
                f"pandoc {by_pandoc.spread()}",
                f"{cold.median / by_pandoc.median:.1f}x",
            )
        )
        if qlab["pandoc_slides"] != n:
            notes.append(f"pandoc wrote {qlab['pandoc_slides']} slides of the Q Lab deck's {n}.")
    latencies = watch["latencies"]
    watch_median = statistics.median(latencies)
    reported = (
        f"; the watcher said it built in {seconds(statistics.median(watch['reported']))}"
        if watch["reported"]
        else ""
    )
    rows.append(
        Row(
            f"`watch`: save of a one-word edit to the deck replaced ({len(latencies)} edits)",
            spread(latencies) + reported,
            "",
            "",
            f"≤ {seconds(WATCH_TARGET_S)}",
            verdict(watch_median <= WATCH_TARGET_S),
        )
    )
    rows.append(
        Row(
            "`api.build` of the Q Lab deck, second call in one process (context)",
            spread(in_process),
        )
    )
    sizes, slides, builds = synth["sizes"], synth["slides"], synth["builds"]
    previous: int | None = None
    for size in sizes:
        series = builds[size]
        count = slides[size]
        result = (
            f"{series.spread()}, {per_slide(series.median / count)}, peak {series.peak:.0f} MiB"
        )
        if previous is not None:
            extra = (series.median - builds[previous].median) / (count - slides[previous])
            result += f"; marginal from {slides[previous]}: {per_slide(extra)}"
        runs = counted(len(series.runs), "run")
        rows.append(Row(f"synthetic deck, {count} slides, CLI build ({runs})", result))
        if count != size:
            notes.append(f"The synthetic deck of {size} slides built {count}.")
        previous = size
    small, large = sizes[0], sizes[-1]
    growth = (builds[large].median / slides[large]) / (builds[small].median / slides[small])
    rows.append(
        Row(
            f"time per slide at {slides[large]} slides, against at {slides[small]}",
            per_slide(builds[large].median / slides[large]),
            per_slide(builds[small].median / slides[small]),
            f"{growth:.2f}x",
            f"≤ {PER_SLIDE_GROWTH:g}x",
            verdict(growth <= PER_SLIDE_GROWTH),
        )
    )
    peak = max(builds[size].peak for size in sizes)
    rows.append(
        Row(
            "peak memory (RSS), the highest of the synthetic builds",
            f"{peak:.0f} MiB ({peak * 2**20 / 1e6:.0f} MB)",
            "",
            "",
            "< 300 MB",
            verdict(peak < PEAK_MIB),
        )
    )
    if synth["pandoc"] is not None:
        by_pandoc = synth["pandoc"]
        ratio = builds[large].median / by_pandoc.median
        rows.append(
            Row(
                f"synthetic deck, {slides[large]} slides, against pandoc on the same slides",
                builds[large].spread(),
                f"pandoc {by_pandoc.spread()}",
                f"{ratio:.1f}x",
                "< 1x (faster)",
                verdict(ratio < 1),
            )
        )
        if synth["pandoc_slides"] != slides[large]:
            notes.append(
                f"pandoc wrote {synth['pandoc_slides']} slides of the synthetic {slides[large]}."
            )
    else:
        notes.append(
            "pandoc was not found (`pip install '.[bench]'` brings it): its rows are skipped."
        )
    checks = synth["checks"]
    check_each = checks.median / slides[large]
    exits = sorted({r.returncode for r in checks.runs})
    rows.append(
        Row(
            f"`summarydeck check DECK`, {slides[large]} slides, per slide",
            f"{per_slide(check_each)} ({checks.spread()} in all"
            + (f", exit {'/'.join(map(str, exits))}" if exits != [0] else "")
            + ")",
            "",
            "",
            f"< {CHECK_PER_SLIDE_S * 1000:g} ms/slide",
            verdict(check_each < CHECK_PER_SLIDE_S),
        )
    )
    if pandoc_version is None and synth["pandoc"] is not None:
        notes.append("pandoc's version could not be read.")
    return rows, notes


def table(rows: list[Row]) -> str:
    lines = [
        "| measurement | result: median (min-max) | compared with | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.what} | {r.result} | {r.against} | {r.ratio} | {r.target} | {r.met} |" for r in rows
    ]
    return "\n".join(lines)


# ---- the machine -------------------------------------------------------------------------------


def pandoc_version(pandoc: Path | None) -> str | None:
    if pandoc is None:
        return None
    try:
        done = subprocess.run(
            [str(pandoc), "--version"], capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.split("\n", 1)[0].split()[-1]


def git_tree() -> str:
    """The commit the run measured, and whether the working tree differed from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return ""
    return f"; tree {head}" + (" with uncommitted changes" if dirty else "") if head else ""


def machine(load: tuple[float, ...], pandoc: str | None, tree: str) -> str:
    from importlib.metadata import version

    cpu, ram = "unknown CPU", "unknown RAM"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 2**20:.0f} GiB RAM"
                break
    except OSError:
        cpu = platform.processor() or cpu
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram}; {platform.system()}; "
        f"Python {platform.python_version()}, python-pptx {version('python-pptx')}, "
        f"pandoc {pandoc or 'not installed'}; load average (1, 5, 15 min) at start "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, at the end {load[3]:.2f} {load[4]:.2f} "
        f"{load[5]:.2f}{tree}"
        + ("; PYTHONDONTWRITEBYTECODE set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "")
    )


def write_markdown(path: Path, block: str) -> None:
    """Put `block` between the markers in `path` (appending them when missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    wrapped = f"{START}\n{block}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + wrapped + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + wrapped + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs, synthetic decks of 100 and 300 only"
    )
    parser.add_argument(
        "--markdown", type=Path, help="also write the table into FILE between its markers"
    )
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    load = os.getloadavg()
    tree = git_tree()  # at the start: others may commit while it runs
    started = time.perf_counter()
    pandoc = find_pandoc()
    version = pandoc_version(pandoc)
    if pandoc is None:
        print("note: pandoc not found (`pip install '.[bench]'`): the pandoc rows are skipped")

    def step(what: str, action: Callable[[], Any]) -> Any:
        print(f"{what} ...", file=sys.stderr, flush=True)
        return action()

    with tempfile.TemporaryDirectory(prefix="summarydeck-speed-") as tmp:
        work = Path(tmp)
        qlab = step(
            "Q Lab deck: cold, warm, floor, pandoc", lambda: qlab_builds(plan, work, pandoc)
        )
        watch = step("watch: one-word edits", lambda: watch_edits(plan, work))
        synth = step(
            f"synthetic decks of {', '.join(map(str, sorted(plan.sizes)))} slides",
            lambda: synthetic_builds(plan, work, pandoc),
        )
        in_process = step("in-process api.build", lambda: in_process_builds(plan, work))
    load += os.getloadavg()
    rows, notes = rows_of(qlab, watch, in_process, synth, version)
    took = time.perf_counter() - started
    block = "\n".join(
        [
            table(rows),
            "",
            *[f"- {note}" for note in notes],
            *([""] if notes else []),
            f"Machine: {machine(load, version, tree)}.",
            f"Run: `bench/speed.py{' --quick' if args.quick else ''}`, "
            f"{time.strftime('%Y-%m-%d')}, {took:.0f} s.",
        ]
    )
    print(block)
    if args.markdown:
        write_markdown(args.markdown, block)
        print(f"\n(the table is in {args.markdown})")


if __name__ == "__main__":
    main()
