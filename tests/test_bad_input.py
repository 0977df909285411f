"""Deliberately broken content: every case must fail cleanly with a located, actionable error.

Each case in `tests/bad_inputs/*.yaml` (format in its README) is one change to a copy of the full
content set. `summarydeck build` must then exit 1 and print `file:line:col: error CODE: message`,
the source line with a caret under the column, and the hint where one is expected; it must not
print a traceback, touch the deck already at `--out`, or leave anything beside it.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from helpers import edit_content, expand_repeats
from summarydeck.cli import cli
from summarydeck.diagnostics import window

TESTS = Path(__file__).parent
FULL_CONTENT = TESTS / "content" / "full"
CASES_DIR = TESTS / "bad_inputs"
OLD_DECK = b"PK\x03\x04 the deck from the last good build\n"


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.append((path.stem, case))
    return cases


CASES = _load_cases()
SUBPROCESS_CASES = [(name, case) for name, case in CASES if case.get("subprocess")]


@dataclass
class Run:
    exit_code: int
    output: str  # stdout and stderr together
    cwd: Path
    content: Path
    out: Path


def _prepare(case: dict[str, Any], root: Path) -> tuple[Path, Path]:
    """A changed copy of the full content set under `root`, and an existing deck to protect."""
    content = root / "content"
    shutil.copytree(FULL_CONTENT, content)
    setup = case.get("setup")
    if setup == "empty-folder":
        for child in content.iterdir():
            child.unlink()
    elif setup == "missing-folder":
        shutil.rmtree(content)
    elif setup is not None:
        raise ValueError(f"unknown setup {setup!r}")
    for name in case.get("delete", []):
        (content / name).unlink()
    if "file" in case:
        target = content / case["file"]
        text = target.read_text(encoding="utf-8") if target.exists() else ""
        if "text" in case:
            text = expand_repeats(case["text"])
        for change in case.get("replace", []):
            assert text.count(change["old"]) == 1, (
                f"{case['file']}: {change['old']!r} should occur exactly once; "
                "has tests/content/full changed?"
            )
            text = text.replace(change["old"], expand_repeats(change["new"]))
        target.write_bytes(text.encode(case.get("encoding", "utf-8")))
    out_dir = root / "out"
    out_dir.mkdir()
    out = out_dir / "deck.pptx"
    out.write_bytes(OLD_DECK)
    return content, out


def _run_in_process(case: dict[str, Any], root: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    content, out = _prepare(case, root)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["build", "--content", "content", "--out", str(out)])
    # CliRunner catches exceptions; anything but the CLI's own exit is a crash
    assert isinstance(result.exception, SystemExit), result.exception
    return Run(result.exit_code, result.output, root, content, out)


# Address space for a subprocess case: a build of the test deck needs well under this, an
# alias bomb or a runaway fitter would need many times more.
MEMORY_CAP = 2_500_000_000


def _bounded_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _run_subprocess(case: dict[str, Any], root: Path, command: list[str]) -> Run:
    content, out = _prepare(case, root)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [*command, "build", "--content", "content", "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=60,  # a hang fails the test
        preexec_fn=_bounded_memory,  # and so does unbounded memory (MemoryError: exit 4)
    )
    return Run(result.returncode, result.stdout + result.stderr, root, content, out)


def _blocks(output: str) -> list[list[str]]:
    """The printed diagnostics: groups of lines separated by blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in output.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _text(file: Path) -> str:
    return file.read_bytes().decode("utf-8", errors="replace")


def _expected_position(file: Path, expect: dict[str, Any]) -> tuple[int, int] | None:
    """(line, column) from `line` and `column`, or from `at`: a piece of the changed file
    (unique, or its `nth` occurrence) with `^` where the caret goes, else at its start."""
    if "line" in expect:
        return expect["line"], expect["column"]
    if "at" not in expect:
        return None
    anchor: str = expect["at"]
    caret = max(anchor.find("^"), 0)
    needle = anchor.replace("^", "", 1)
    text = _text(file)
    starts = [i for i in range(len(text)) if text.startswith(needle, i)]
    nth = expect.get("nth")
    assert nth or len(starts) == 1, f"`at: {anchor!r}` occurs {len(starts)} times in {file.name}"
    offset = starts[(nth or 1) - 1] + caret
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _check(run: Run, case: dict[str, Any]) -> None:
    expect = case["expect"]
    output = run.output
    assert run.exit_code == 1, output
    assert "Traceback" not in output, output
    assert "nothing was written" in output, output

    file = run.content / expect["file"] if expect["file"] != "." else run.content
    shown = os.path.relpath(file, run.cwd)  # what the CLI prints, relative to its folder
    where = _expected_position(file, expect)
    head = f"{shown}:{where[0]}:{where[1]}" if where else shown
    prefix = f"{head}: error {expect['code']}: "
    matching = [b for b in _blocks(output) if b[0].startswith(prefix)]
    assert len(matching) == 1, f"expected one diagnostic starting {prefix!r} in:\n{output}"
    block = matching[0]
    assert expect["message"] in block[0], output

    hint_lines = [line for line in block if line.startswith("   hint: ")]
    if "hint" in expect:
        assert hint_lines and expect["hint"] in hint_lines[0], output
    else:
        assert not hint_lines, f"unexpected hint in:\n{output}"

    if where:
        # the source line as in the file (undecodable bytes shown as U+FFFD), then a caret line
        line, column = where
        source = expect.get("shown") or _text(file).split("\n")[line - 1].rstrip()
        source, column = window(source, column)  # a long line: the part around the caret
        assert block[1] == f"{line:>5} | {source}", output
        caret = block[2]
        assert caret.startswith("      | "), output
        assert caret[len("      | ") :].index("^") == column - 1, output

    errors = sum(1 for b in _blocks(output) if ": error E" in b[0] or b[0].startswith("error E"))
    assert errors == case.get("errors", 1), f"expected {case.get('errors', 1)} error(s):\n{output}"
    assert f"Build failed: {errors} error" in output

    # the deck from the last good build is untouched, and nothing else was written anywhere
    assert run.out.read_bytes() == OLD_DECK
    assert [p.name for p in run.out.parent.iterdir()] == ["deck.pptx"]
    assert sorted(p.name for p in run.cwd.iterdir()) == (
        ["out"] if case.get("setup") == "missing-folder" else ["content", "out"]
    )


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30
    assert len(SUBPROCESS_CASES) >= 3
    for name, case in CASES:
        assert {"about", "expect"} <= set(case), name
        expect = case["expect"]
        assert {"code", "file", "message"} <= set(expect), name
        assert (
            "at" in expect or "line" in expect or expect["file"] == "." or expect.get("whole_file")
        ), name


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_bad_input_in_process(
    name: str, case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _check(_run_in_process(case, tmp_path, monkeypatch), case)


def _console_script() -> list[str]:
    script = Path(sys.executable).parent / "summarydeck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "summarydeck"]


@pytest.mark.parametrize(
    ("name", "case"), SUBPROCESS_CASES, ids=[name for name, _ in SUBPROCESS_CASES]
)
def test_bad_input_as_a_real_process(name: str, case: dict[str, Any], tmp_path: Path) -> None:
    # alternate between the installed script and `python -m summarydeck`
    index = [n for n, _ in SUBPROCESS_CASES].index(name)
    command = _console_script() if index % 2 == 0 else [sys.executable, "-m", "summarydeck"]
    _check(_run_subprocess(case, tmp_path, command), case)


def test_validate_reports_every_error_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three independent mistakes in three files: one run names all three."""
    content = tmp_path / "content"
    shutil.copytree(FULL_CONTENT, content)
    edits = {
        "statistics.yaml": ("    population: UK adults", "    populaton: UK adults"),
        "essays.yaml": ("status: confirmed", "status: confirmd"),
        "deck.yaml": ("essay: intro", "essay: intr"),
    }
    for file, (old, new) in edits.items():
        edit_content(content / file, old, new)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "--content", "content"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    output = result.output
    assert "Traceback" not in output
    heads = [b[0] for b in _blocks(output) if ": error E" in b[0]]
    assert heads == [
        "content/deck.yaml:39:12: error E206: slide 12, essay: no essay with id `intr`",
        "content/essays.yaml:15:13: error E205: essays.intro.status: "
        "`confirmd` is not one of 'confirmed' or 'unconfirmed'",
        "content/statistics.yaml:6:5: error E201: unknown key `populaton` in "
        "statistics.one-in-four",
    ]
    assert "The content has errors: 3 errors, 0 warnings." in output
    for word in ("intro", "confirmed", "population"):
        assert f"   hint: did you mean `{word}`?" in output
    assert not (tmp_path / "output").exists()
