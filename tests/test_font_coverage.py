"""The bundled fonts' characters ship precomputed (src/summarydeck/fonts/coverage.json, written
by scripts/font_coverage.py), so measuring never imports fontTools for them; the data is what
fontTools reads from the files, and a brand's own files are still read with fontTools.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from fontTools.ttLib import TTFont

from summarydeck.plan import measure
from summarydeck.plan.fonts import FONT_DIR, Face

REPO = Path(__file__).parent.parent
BUNDLED = sorted(FONT_DIR.glob("*.ttf"))


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "font_coverage", REPO / "scripts" / "font_coverage.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cmap(source: Path | bytes) -> frozenset[int]:
    with TTFont(source if isinstance(source, Path) else io.BytesIO(source)) as font:
        return frozenset(font.getBestCmap())


def test_every_bundled_font_is_in_the_data() -> None:
    assert len(BUNDLED) == 12
    assert set(measure._shipped()) == {path.name for path in BUNDLED}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_the_data_is_what_fonttools_reads_from_the_file(path: Path) -> None:
    size, characters = measure._shipped()[path.name]
    assert size == path.stat().st_size
    assert characters == _cmap(path)
    assert measure._coverage(Face(path)) == characters


def test_the_data_file_is_what_the_script_writes() -> None:
    """Digests and all: a font file replaced without running the script fails here."""
    script = _script()
    assert script.DATA == measure.COVERAGE_DATA
    assert measure.COVERAGE_DATA.read_text("utf-8") == script.coverage_text()
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in BUNDLED}
    assert all(f'"sha256": "{digest}"' in script.coverage_text() for digest in digests.values())


def test_ranges_read_back_as_written() -> None:
    script = _script()
    characters = {0x20, 0x21, 0x22, 0xA0, 0x2013, 0x2014, 0x1F600}
    assert script.ranges(characters) == "20-22 a0 2013-2014 1f600"
    assert measure._characters(script.ranges(characters)) == characters


def test_a_brand_font_is_read_with_fonttools(tmp_path: Path) -> None:
    """Bytes of the brand's own file, or a file outside the package (even one named like a
    bundled font): never the shipped data."""
    source = BUNDLED[0]
    data = source.read_bytes()
    own = Face(tmp_path / source.name, hashlib.sha256(data).hexdigest(), data)
    assert measure._shipped_coverage(own) is None
    assert measure._coverage(own) == _cmap(data)
    copy = Path(shutil.copy(source, tmp_path / source.name))
    assert measure._shipped_coverage(Face(copy)) is None


def test_a_bundled_file_of_another_size_is_read_with_fonttools(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = BUNDLED[0].name
    size, _ = measure._shipped()[name]
    monkeypatch.setitem(measure._shipped(), name, (size + 1, frozenset()))
    assert measure._shipped_coverage(Face(BUNDLED[0])) is None


_PLAN = """
import sys
from pathlib import Path
from summarydeck.api import loading
deck, diags = loading.load(Path(sys.argv[1]))
loading.plan_selection(deck, diags)
print("fontTools" in " ".join(sys.modules))
"""


def test_laying_out_a_deck_in_bundled_fonts_does_not_import_fonttools() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PLAN, str(REPO / "content")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.stdout.split() == ["False"]


def test_the_data_file_is_package_data() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["summarydeck"]
    assert "fonts/*.json" in patterns
    assert measure.COVERAGE_DATA.parent == FONT_DIR
