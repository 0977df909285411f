"""Picture charts: drawn with matplotlib only when needed, and cached by content hash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarydeck import api
from summarydeck.charts import picture

GOLDEN_CONTENT = Path(__file__).parent / "content" / "golden"


def test_a_rebuild_reuses_cached_pictures(
    full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = api.build(full_content, tmp_path / "a.pptx", cache)
    assert len(list(cache.glob("*.png"))) == 2  # the pictogram and the picture column chart

    def must_not_draw(*args: object) -> bytes:
        raise AssertionError("a cached picture was drawn again")

    monkeypatch.setattr(picture, "_draw", must_not_draw)
    second = api.build(full_content, tmp_path / "b.pptx", cache)
    assert second.sha256 == first.sha256


def test_a_changed_chart_is_drawn_again(content_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    api.build(content_copy, tmp_path / "a.pptx", cache)
    stats = content_copy / "statistics.yaml"
    stats.write_text(
        stats.read_text().replace(
            "      value: 1\n      total: 4", "      value: 2\n      total: 4"
        )
    )
    api.build(content_copy, tmp_path / "b.pptx", cache)
    assert len(list(cache.glob("*.png"))) == 3


def test_pictures_are_deterministic_without_the_cache(full_content: Path, tmp_path: Path) -> None:
    a = api.build(full_content, tmp_path / "a.pptx", tmp_path / "c1")
    b = api.build(full_content, tmp_path / "b.pptx", tmp_path / "c2")
    assert a.sha256 == b.sha256


def test_a_deck_without_picture_charts_never_imports_matplotlib(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from summarydeck import api; "
        f"api.build(Path({str(GOLDEN_CONTENT)!r}), Path({str(tmp_path / 'g.pptx')!r})); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"
