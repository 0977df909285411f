"""UPDATE_GOLDEN=1 rewrites the golden files and fails, so it can never pass by comparing a file
with what it has just written. Run on a copy of tests/test_golden.py and its files, in another
pytest process, so the real golden files are never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent


def _copy_golden_tests(root: Path) -> Path:
    tests = root / "tests"
    tests.mkdir()
    shutil.copy(TESTS / "test_golden.py", tests / "test_golden.py")
    shutil.copytree(TESTS / "golden", tests / "golden")
    shutil.copytree(TESTS / "content" / "golden", tests / "content" / "golden")
    return tests


def _pytest(tests: Path, update: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "UPDATE_GOLDEN"}
    if update:
        env["UPDATE_GOLDEN"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
        cwd=tests.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_updating_the_golden_files_writes_them_and_fails(tmp_path: Path) -> None:
    tests = _copy_golden_tests(tmp_path)
    stale = tests / "golden" / "quote-slide.xml"
    stale.write_text("<stale/>\n", encoding="utf-8")
    parts = len(list((tests / "golden").glob("*.xml")))
    compared = _pytest(tests, update=False)
    assert f"1 failed, {parts - 1} passed" in compared.stdout, compared.stdout  # the stale one

    updated = _pytest(tests, update=True)
    assert updated.returncode == 1, updated.stdout
    assert f"{parts} failed" in updated.stdout, updated.stdout  # every one, stale or not
    assert "was rewritten from this build, not compared" in updated.stdout
    assert stale.read_text(encoding="utf-8") != "<stale/>\n"

    again = _pytest(tests, update=False)  # what was written is what the build makes
    assert again.returncode == 0 and f"{parts} passed" in again.stdout, again.stdout
