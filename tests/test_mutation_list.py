"""scripts/mutate.py breaks the code on purpose to show the tests notice. Its list of
breakages must keep matching the code, or a refactor would quietly turn it into a no-op."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate", REPO / "scripts" / "mutate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutate"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_breakage_still_applies_to_exactly_one_place() -> None:
    script = _script()
    for breakage in script.BREAKAGES:
        text = (REPO / script.SRC / breakage.file).read_text(encoding="utf-8")
        assert text.count(breakage.old) == 1, breakage.name
        assert breakage.old != breakage.new, breakage.name


def test_every_breakage_names_tests_that_exist() -> None:
    script = _script()
    for breakage in script.BREAKAGES:
        assert breakage.tests, breakage.name
        for test in breakage.tests:
            assert (REPO / test.split("::")[0]).is_file(), f"{breakage.name}: {test}"


def test_the_list_covers_the_areas_the_issue_names() -> None:
    script = _script()
    areas = {b.name.split(":")[0] for b in script.BREAKAGES}
    assert {"fit", "checker", "guard", "export", "loader"} <= areas
    assert len(script.BREAKAGES) >= 15
