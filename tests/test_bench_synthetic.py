"""The benchmark's synthetic content (bench/synthetic.py) is valid content: if it stopped
validating, `make bench` would time a build that fails instead of one that works."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml
from click.testing import CliRunner

from summarydeck.cli import cli

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_synthetic", BENCH / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_twelve_slides_validate_without_errors_or_warnings(tmp_path: Path) -> None:
    content = _synthetic().make_content(tmp_path / "content", 12)
    result = CliRunner().invoke(cli, ["validate", "--content", str(content)])
    assert result.exit_code == 0, result.output
    assert "12 slides (0 errors, 0 warnings)" in result.output


def test_slide_ids_are_unique_and_the_content_is_the_same_each_time(tmp_path: Path) -> None:
    synthetic = _synthetic()
    first = synthetic.make_content(tmp_path / "a", 120)
    second = synthetic.make_content(tmp_path / "b", 120)
    for name in ("deck.yaml", "statistics.yaml", "quotes.yaml", "sources.yaml"):
        assert (first / name).read_text(encoding="utf-8") == (second / name).read_text(
            encoding="utf-8"
        )
    slides = yaml.safe_load((first / "deck.yaml").read_text(encoding="utf-8"))["slides"]
    ids = [slide["id"] for slide in slides if "id" in slide]
    assert len(ids) == len(set(ids))
    kinds = {slide["kind"] for slide in slides}
    assert {"bullets", "chart", "statistic", "quote", "cards", "table", "section"} <= kinds
