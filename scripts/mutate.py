"""Mutation check: break the code on purpose, one breakage at a time, and see a test fail.

Each breakage replaces one exact piece of source text (it must occur exactly once) in a copy
of the repository, runs the tests that should notice, and records whether they failed
("killed") or all passed ("survived": a hole in the tests). The working tree is never touched.

    .venv/bin/python scripts/mutate.py              # every breakage
    .venv/bin/python scripts/mutate.py --only fit    # those whose name contains "fit"
    .venv/bin/python scripts/mutate.py --list

Exit status 1 when any breakage survives. The result of the last full run is recorded in
docs/dev/testing.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SRC = "src/summarydeck/"


@dataclass(frozen=True)
class Breakage:
    name: str
    file: str  # under src/summarydeck/
    old: str
    new: str
    tests: tuple[str, ...]  # test files (or node ids) that must notice
    why: str = ""


BREAKAGES = [
    # --- the five a review found surviving ------------------------------------------------
    Breakage(
        "checker: contrast threshold 4.5 lowered to 3.0",
        "check/rules/contrast.py",
        "NORMAL, LARGE = 4.5, 3.0",
        "NORMAL, LARGE = 3.0, 3.0",
        ("tests/test_contrast_thresholds.py",),
    ),
    Breakage(
        "checker: any 14 pt text counted as large (bold rule dropped)",
        "check/rules/contrast.py",
        "large = run.size >= 18 or (run.bold and run.size >= 14)",
        "large = run.size >= 14",
        ("tests/test_contrast_thresholds.py",),
    ),
    Breakage(
        "fit: grouped frames not set to one size",
        "plan/fit.py",
        "with_size(e, max(smallest[e.group], e.min_size or 0))",
        "e",
        ("tests/test_cards_and_sources.py", "tests/test_fit.py"),
    ),
    Breakage(
        "watch: --force never released after a successful build",
        "watch.py",
        "    force = force and done.result is None\n    outside = OutsideFiles()",
        "    outside = OutsideFiles()",
        ("tests/test_watch_safety.py",),
    ),
    Breakage(
        "watch: --force never released after a later successful build",
        "watch.py",
        "                force = force and done.result is None\n"
        "                outside.follow(done)  #",
        "                outside.follow(done)  #",
        ("tests/test_watch_safety.py",),
    ),
    Breakage(
        "watch: an editor's swap file (~x.yaml) rebuilds",
        "source/content_dir.py",
        'return path.name.startswith((".", "#", "~")) or path.name.endswith(("~", "#"))',
        'return path.name.startswith(".")',
        ("tests/test_watch_safety.py",),
    ),
    # --- fitting ----------------------------------------------------------------------------
    Breakage(
        "fit: shrinks below the frame's floor",
        "plan/fit.py",
        "is not None and smaller >= floor:\n        size = smaller\n        needed",
        "is not None and smaller >= 1:\n        size = smaller\n        needed",
        ("tests/test_fit.py",),
    ),
    Breakage(
        "fit: steps half a point instead of down the type scale",
        "plan/fit.py",
        "return brand.type_scale.step_below(size)",
        "return size - 0.5",
        ("tests/test_fit.py", "tests/test_publishable.py"),
    ),
    Breakage(
        "fit: each slide keeps its own size for a role",
        "plan/fit.py",
        "return element if key is None else with_size(element, smallest[key])",
        "return element",
        ("tests/test_publishable.py",),
    ),
    Breakage(
        "layout: short content left at the top of the body area",
        "plan/balance.py",
        "    if top > area.top + area.height // 20 or empty < MIN_EMPTY_SHARE * room:",
        "    if True:",
        ("tests/test_publishable.py",),
    ),
    Breakage(
        "layout: a lonely last word left alone",
        "plan/lonely_words.py",
        "        if bound is not None and _lines(element, bound, brand) == lines[index]:",
        "        if False:",
        ("tests/test_publishable.py",),
    ),
    Breakage(
        "draft: the footer never says Draft",
        "plan/types.py",
        'return f"{draft} · {footer}" if any(plan.unconfirmed for plan in plans) else footer',
        "return footer",
        ("tests/test_publishable.py",),
    ),
    Breakage(
        "fit: line pitch 1.2 taken as 1.0",
        "plan/measure.py",
        "LINE_PITCH = 1.2",
        "LINE_PITCH = 1.0",
        ("tests/test_fit.py",),
    ),
    # --- checker ----------------------------------------------------------------------------
    Breakage(
        "checker: a shape past the right edge is not off the slide",
        "check/rules/geometry.py",
        '("right", box.right > width),',
        '("right", box.right > width * 2),',
        ("tests/test_check_corpus.py",),
    ),
    Breakage(
        "checker: a file name passes as alt text",
        "check/rules/structure.py",
        "if not shape.alt_text or _FILE_NAME.match(shape.alt_text):",
        "if not shape.alt_text:",
        ("tests/test_check_corpus.py", "tests/test_check_foreign.py"),
    ),
    Breakage(
        "checker: a line running off a box that does not wrap is not an overflow",
        "check/rules/text_fit.py",
        "if right > deck.width + TOLERANCE * EMU_PER_PT:",
        "if right > deck.width * 3:",
        ("tests/test_check_corpus.py", "tests/test_check_foreign.py"),
    ),
    Breakage(
        "package rules: a part without a content type passes",
        "ooxml/package_rules.py",
        "if name != _CONTENT_TYPES and not types.of(name)",
        "if False",
        ("tests/test_package_checks.py",),
    ),
    # --- edit guard -------------------------------------------------------------------------
    Breakage(
        "guard: an edited deck counts as untouched",
        "output/guard.py",
        "if fingerprint(records) == stamp.slides_hash:",
        "if True:",
        ("tests/test_regeneration.py",),
    ),
    Breakage(
        "guard: the manifest's file hash is not compared",
        "output/guard.py",
        "return bool(digest.hexdigest() == recorded)",
        "return True",
        ("tests/test_regeneration.py",),
    ),
    Breakage(
        "guard: --force keeps no backup",
        "output/guard.py",
        "            shutil.copyfileobj(original, copy)\n",
        "            pass\n",
        ("tests/test_regeneration.py",),
    ),
    Breakage(
        "stamp: the selection is left out of the content hash",
        "api/loading.py",
        'digest = hashlib.sha256(selection.describe().encode("utf-8"))',
        "digest = hashlib.sha256()",
        ("tests/test_regeneration.py", "tests/test_variants.py"),
    ),
    # --- export -----------------------------------------------------------------------------
    Breakage(
        "export: hidden slides get pictures too",
        "export/decks.py",
        "if not slide.hidden:",
        "if True:",
        ("tests/test_export.py",),
    ),
    # --- reading decks and content ----------------------------------------------------------
    Breakage(
        "opening: a password-protected file is not called one",
        "ooxml/opening.py",
        "if data.startswith(_OLE_MAGIC):",
        "if False:",
        ("tests/test_ooxml_opening.py",),
    ),
    Breakage(
        "loader: a duplicate key is kept silently",
        "source/yaml_loader.py",
        "if key in result and key not in merged:",
        "if False:",
        ("tests/test_yaml_loader.py", "tests/test_bad_input.py"),
    ),
    Breakage(
        "loader: no 'did you mean' for a near miss",
        "diagnostics.py",
        "close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)",
        "close: list[str] = []",
        ("tests/test_bad_input.py",),
    ),
    # --- output -----------------------------------------------------------------------------
    Breakage(
        "output: a deck is written in place, not renamed into place",
        "output/files.py",
        "os.replace(tmp, path)",
        "shutil.copyfile(tmp, path)",
        ("tests/test_atomic_write.py",),
    ),
    Breakage(
        "output: zip entries stamped with a fixed date, not the build's",
        "ooxml/saving.py",
        "info = zipfile.ZipInfo(item.filename, date_time=stamp)",
        "info = zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0))",
        ("tests/test_full_deck.py::test_source_date_epoch_builds_are_equal_and_dated_by_it",),
    ),
    # --- the master and templates (issue 13) ------------------------------------------------
    Breakage(
        "master: Office's stock layouts left in the master",
        "render/master.py",
        "    _drop_stock_layouts(master)\n    _tidy_master(",
        "    _tidy_master(",
        ("tests/test_master_layouts.py",),
    ),
    Breakage(
        "master: a placeholder written with all its formatting, as a text box is",
        "render/slides.py",
        "shape.text_frame, element, deck.brand, element.style.size, lang, placeholder\n",
        "shape.text_frame, element, deck.brand, element.style.size, lang\n",
        ("tests/test_master_layouts.py",),
    ),
    Breakage(
        "template: its sample slides kept",
        "render/slides.py",
        "        drop_slides(prs)\n",
        "",
        ("tests/test_templates_build.py",),
    ),
    Breakage(
        "template: layouts matched by exact case only",
        "layouts/template_layouts.py",
        "        found = available.get(wanted.casefold())",
        "        found = available.get(wanted)",
        ("tests/test_templates_build.py",),
    ),
    # --- issue 15: hostile input ------------------------------------------------------------
    Breakage(
        "limits: no nesting limit (deep YAML reaches Python's stack)",
        "source/yaml_loader.py",
        "        if len(path) > limits.MAX_DEPTH:",
        "        if False:",
        ("tests/test_bad_input.py",),
    ),
    Breakage(
        "limits: text of any length (a 100 KB bullet keeps the fitter busy)",
        "source/yaml_loader.py",
        "        if len(value) > most:",
        "        if False:",
        ("tests/test_bad_input.py",),
    ),
    Breakage(
        "limits: noncharacters and escaped control characters let through",
        "source/limits.py",
        "    found = _FORBIDDEN.search(text)",
        "    found = None",
        ("tests/test_bad_input.py",),
    ),
    Breakage(
        "assets: a logo may be read from outside the content folder",
        "source/assets.py",
        "    if not inside:",
        "    if False:",
        ("tests/test_hostile_content.py",),
    ),
    Breakage(
        "package: a zip bomb's ratio is not checked",
        "ooxml/package_limits.py",
        "        if size > limits.ratio_from and size > limits.ratio * max(packed, 1):",
        "        if False:",
        ("tests/test_hostile_decks.py",),
    ),
    Breakage(
        "output: a link at a target is written through",
        "output/files.py",
        "    if stat.S_ISLNK(mode):",
        "    if False:",
        ("tests/test_hostile_output.py",),
    ),
    Breakage(
        "export: a deck linking to local files goes to LibreOffice",
        "export/decks.py",
        "    if not deck.linked:\n        return",
        "    return",
        ("tests/test_hostile_export.py",),
    ),
    Breakage(
        "chart workbook: text cells written with write() (formula injection)",
        "render/chart_data.py",
        "        worksheet.write_string(row, col, value, *style)",
        "        worksheet.write(row, col, value, *style)",
        ("tests/test_ooxml_points.py",),
    ),
]


def _copy_repo(into: Path) -> Path:
    skip_anywhere = shutil.ignore_patterns("__pycache__", "*.egg-info")

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(skip_anywhere(folder, names))
        if Path(folder) == REPO:  # built decks and tools, not the package's own output/
            skipped |= {".venv", ".git", "output", "bench"} & set(names)
        return skipped

    root = into / "repo"
    shutil.copytree(REPO, root, ignore=ignore)
    (root / "output").mkdir()
    return root


def _run(root: Path, breakage: Breakage, timeout: float) -> tuple[str, float, str]:
    """('killed' | 'survived' | 'not applied' | 'timeout', seconds, detail)."""
    path = root / SRC / breakage.file
    original = path.read_text(encoding="utf-8")
    found = original.count(breakage.old)
    if found != 1:
        return "not applied", 0.0, f"the text occurs {found} times in {breakage.file}"
    path.write_text(original.replace(breakage.old, breakage.new), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [*command, *breakage.tests],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.perf_counter() - started, ""
    finally:
        path.write_text(original, encoding="utf-8")
    seconds = time.perf_counter() - started
    last = (done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or [""])[-1]
    if done.returncode == 0:
        return "survived", seconds, last
    if done.returncode == 1:
        return "killed", seconds, last
    return "error", seconds, last  # collection error, usage error: the tests did not run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="run breakages whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the breakages and stop")
    parser.add_argument(
        "--check", action="store_true", help="only check that each breakage still applies"
    )
    parser.add_argument("--timeout", type=float, default=600, help="seconds per breakage")
    args = parser.parse_args()
    chosen = [b for b in BREAKAGES if args.only.lower() in b.name.lower()]
    if args.list:
        for b in chosen:
            print(f"{b.name}  [{b.file}]  -> {' '.join(b.tests)}")
        return 0
    if args.check:
        stale = [b for b in chosen if (REPO / SRC / b.file).read_text("utf-8").count(b.old) != 1]
        for b in stale:
            print(f"does not apply (the text is not there exactly once): {b.name}")
        return 1 if stale else 0
    results = []
    with tempfile.TemporaryDirectory(prefix="summarydeck-mutate-") as tmp:
        root = _copy_repo(Path(tmp))
        for breakage in chosen:
            status, seconds, detail = _run(root, breakage, args.timeout)
            results.append((breakage, status))
            print(f"{status:<11} {seconds:6.1f} s  {breakage.name}  ({detail})", flush=True)
    survived = [b.name for b, status in results if status != "killed"]
    print(f"\n{len(results) - len(survived)} of {len(results)} breakages killed")
    for name in survived:
        print(f"  not killed: {name}")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
