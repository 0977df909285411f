"""How fast is a build? Medians over N runs of the full test deck.

Run from the repo root:
    .venv/bin/python bench/build_speed.py [--runs 5] [--json FILE] [--content content]

Measures (a) a cold CLI build (picture-chart cache emptied first), (b) a warm CLI build,
(c) a warm in-process `summarydeck.api.build`, (d) a bare python-pptx script writing as many
slides (title + one text box each) as the floor, (e) peak RSS of the cold build, and (f) the
`import summarydeck.cli` time and whether matplotlib gets imported for a deck without
picture charts. CLI, floor and import timings are whole fresh Python processes.
(g) is an in-process build with the word-width caches emptied first, as in a fresh process;
(g1) and (g2) are its shares spent fitting text (measuring, shrinking, continuing; the
layouts' own measuring for cards and sources included) and running the deck checks that
`build` runs before writing.

`make bench` runs this after bench/speed.py, whose table gives the ratios against the floor and
pandoc and the targets of issue 17; this one says where a build's time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FULL_CONTENT = REPO / "tests" / "content" / "full"
PYTHON = sys.executable

FLOOR_SCRIPT = """
import sys
from pptx import Presentation
from pptx.util import Inches, Pt

prs = Presentation()
for number in range(int(sys.argv[2])):
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    slide.shapes.title.text = f"Slide {number + 1}"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(4))
    box.text_frame.text = "Some body text for this slide."
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
prs.save(sys.argv[1])
"""

IMPORT_SCRIPT = """
import sys, time
started = time.perf_counter()
import summarydeck.cli
print(time.perf_counter() - started, "matplotlib" in sys.modules)
"""

BUILD_SCRIPT = """
import sys
from pathlib import Path
from summarydeck import api
result = api.build(Path(sys.argv[1]), Path(sys.argv[2]))
print(result.slides, "matplotlib" in sys.modules)
"""


@dataclass
class Row:
    what: str
    median: float | str
    unit: str
    runs: int
    low: float | None = None  # fastest and slowest run, to show the noise
    high: float | None = None
    note: str = ""


def timing(what: str, times: list[float], note: str = "") -> Row:
    return Row(what, statistics.median(times), "s", len(times), min(times), max(times), note)


def run(*args: str | Path | int) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=REPO, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"command failed ({done.returncode}): {' '.join(map(str, args))}\n{done.stderr}")
    return done.stdout


def sample(
    action: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> list[float]:
    """Wall-clock seconds of `runs` calls of `action`, `before` (untimed) ahead of each."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


# the entry points into text fitting, wherever a module imported them by name
FITTING = ("text_height", "needed_emu", "fit_element", "fit_plan", "fit_with_continuation")


def stage_times(
    content: Path, out: Path, runs: int
) -> tuple[list[float], list[float], list[float]]:
    """Per in-process build: total seconds, seconds fitting, seconds checking. Timers wrap the
    outermost call only, so nested measuring is not counted twice. The word-width caches are
    emptied before each build, as they are in a fresh `summarydeck build` process."""
    from summarydeck import api
    from summarydeck.plan import measure as measuring

    spent = {"fitting": 0.0, "check": 0.0}
    depth = {"fitting": 0}

    def timed(fn: Callable[..., object], stage: str) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            if depth.get(stage, 0):
                return fn(*args, **kwargs)
            depth[stage] = 1
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - started
                depth[stage] = 0

        return wrapper

    patched = []
    for module in [m for name, m in sys.modules.items() if name.startswith("summarydeck")]:
        for attr in FITTING:
            if hasattr(module, attr):
                patched.append((module, attr, getattr(module, attr)))
        if module.__name__ == "summarydeck.api.building":  # the build's call of the checker
            patched.append((module, "check_deck", module.check_deck))
    for module, attr, original in patched:
        setattr(module, attr, timed(original, "check" if attr == "check_deck" else "fitting"))
    totals, fitting, checking = [], [], []
    try:
        for _ in range(runs):
            spent.update(fitting=0.0, check=0.0)
            measuring._reference_width.cache_clear()
            measuring.segments.cache_clear()
            started = time.perf_counter()
            api.build(content, out)
            totals.append(time.perf_counter() - started)
            fitting.append(spent["fitting"])
            checking.append(spent["check"])
    finally:
        for module, attr, original in patched:
            setattr(module, attr, original)
    return totals, fitting, checking


def without_picture_charts(source: Path, target: Path) -> int:
    """Copy the content set, dropping chart slides drawn by matplotlib; return slides dropped."""
    shutil.copytree(source, target)
    deck = yaml.safe_load((source / "deck.yaml").read_text(encoding="utf-8"))
    stats = yaml.safe_load((source / "statistics.yaml").read_text(encoding="utf-8"))["statistics"]

    def is_picture(slide: dict[str, object]) -> bool:
        if slide.get("kind") != "chart":
            return False
        chart = stats[slide["statistic"]]["chart"]
        return bool(chart["type"] == "pictogram" or chart.get("engine") == "picture")

    kept = [slide for slide in deck["slides"] if not is_picture(slide)]
    dropped = len(deck["slides"]) - len(kept)
    deck["slides"] = kept
    (target / "deck.yaml").write_text(yaml.safe_dump(deck, sort_keys=False), encoding="utf-8")
    return dropped


def measure(runs: int, work: Path, content: Path) -> list[Row]:
    out = work / "out" / "deck.pptx"
    cache = out.parent / ".cache"
    cli = (PYTHON, "-m", "summarydeck", "build", "--content", content, "--out", out)

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    # Cold builds come first, so RUSAGE_CHILDREN's high-water mark is theirs alone.
    # One untimed cold run first warms the OS file cache.
    empty_cache()
    run(*cli)
    cold = sample(lambda: run(*cli), runs, before=empty_cache)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    warm = sample(lambda: run(*cli), runs)  # the last cold run left the cache full

    from summarydeck import api  # imported only now, after the subprocess measurements

    slides = api.build(content, out).slides  # also warms imports and the cache
    in_process = sample(lambda: api.build(content, out), runs)
    floor = sample(lambda: run(PYTHON, "-c", FLOOR_SCRIPT, work / "floor.pptx", slides), runs)

    import_times, import_mpl = [], set()
    for _ in range(runs):
        seconds, mpl = run(PYTHON, "-c", IMPORT_SCRIPT).split()
        import_times.append(float(seconds))
        import_mpl.add(mpl)

    totals, fitting, checking = stage_times(content, out, runs)
    total = statistics.median(totals)

    def share(times: list[float]) -> str:
        return f"{100 * statistics.median(times) / total:.0f}% of (g)"

    plain = work / "no-picture-charts"
    dropped = without_picture_charts(content, plain)
    plain_slides, plain_mpl = run(PYTHON, "-c", BUILD_SCRIPT, plain, work / "plain.pptx").split()
    _, full_mpl = run(PYTHON, "-c", BUILD_SCRIPT, content, work / "full.pptx").split()

    def yes_no(flag: str) -> str:
        return "yes" if flag == "True" else "no"

    return [
        timing("(a) CLI build, picture-chart cache empty", cold, f"{slides} slides"),
        timing("(b) CLI build, picture-chart cache warm", warm),
        timing("(c) `api.build` in a warm process", in_process, "in process, no startup"),
        timing("(d) floor: bare python-pptx script", floor, f"{slides} slides, title + text box"),
        Row("(e) peak RSS, cold CLI build", round(peak_mib), "MiB", runs, note="max of the runs"),
        timing(
            "(f) `import summarydeck.cli`",
            import_times,
            f"matplotlib imported: {'/'.join(sorted(map(yes_no, import_mpl)))}",
        ),
        timing(
            "(g) `api.build`, word-width caches emptied first",
            totals,
            "as in a fresh process; split into (g1) and (g2)",
        ),
        timing("(g1) fitting text, within (g)", fitting, share(fitting)),
        timing("(g2) deck checks, within (g)", checking, share(checking)),
        Row(
            "(f) matplotlib imported, deck without picture charts",
            yes_no(plain_mpl),
            "",
            1,
            note=f"{plain_slides} slides ({dropped} picture-chart slides removed); "
            f"full deck: {yes_no(full_mpl)}",
        ),
    ]


def machine() -> dict[str, str]:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "cpus": str(os.cpu_count()),
        "platform": platform.platform(),
        "python-pptx": version("python-pptx"),
        "matplotlib": version("matplotlib"),
        # "1" means no .pyc files are written: each fresh process compiles summarydeck anew
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", "unset"),
    }


def markdown(rows: list[Row], info: dict[str, str]) -> str:
    lines = [
        "| measurement | median | min - max | runs | note |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        median = f"{row.median:.3f}" if isinstance(row.median, float) else str(row.median)
        spread = f"{row.low:.3f} - {row.high:.3f}" if row.low is not None else ""
        unit = f" {row.unit}" if row.unit else ""
        lines.append(f"| {row.what} | {median}{unit} | {spread} | {row.runs} | {row.note} |")
    lines += ["", "; ".join(f"{key}: {value}" for key, value in info.items())]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--content",
        type=Path,
        default=FULL_CONTENT,
        help="content folder to build (default: the every-kind test deck; `content` for Q Lab)",
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="summarydeck-bench-") as tmp:
        rows = measure(args.runs, Path(tmp), args.content.resolve())
    info = machine()
    print(markdown(rows, info))
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")
    if args.json:
        data = {"machine": info, "results": [asdict(row) for row in rows]}
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
