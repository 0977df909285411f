"""The YAML loader keeps positions, rejects duplicate keys and never constructs objects."""

from __future__ import annotations

from pathlib import Path

from summarydeck.diagnostics import Diagnostics
from summarydeck.source.yaml_loader import load_yaml


def _load(tmp_path: Path, text: str) -> tuple[object, Diagnostics, object]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    diags = Diagnostics()
    loaded = load_yaml(path, diags)
    return loaded, diags, path


def test_every_value_and_key_has_its_line_and_column(tmp_path: Path) -> None:
    loaded, diags, _ = _load(tmp_path, "stats:\n  a:\n    values: [1, 2]\n    name: x\n")
    assert not diags.items
    assert loaded is not None
    smap = loaded.source_map  # type: ignore[attr-defined]
    assert (
        smap.values[("stats", "a", "values")].line,
        smap.values[("stats", "a", "values")].column,
    ) == (3, 13)
    assert smap.values[("stats", "a", "values", 1)].column == 17
    assert smap.keys[("stats", "a", "name")].line == 4
    assert smap.keys[("stats", "a", "name")].column == 5


def test_locate_falls_back_to_the_nearest_ancestor(tmp_path: Path) -> None:
    loaded, _, _ = _load(tmp_path, "a:\n  b: 1\n")
    smap = loaded.source_map  # type: ignore[attr-defined]
    assert smap.locate(("a", "b", "missing")).line == 2


def test_duplicate_key_is_an_error_pointing_at_the_second(tmp_path: Path) -> None:
    _, diags, _ = _load(tmp_path, "a: 1\nb: 2\na: 3\n")
    [error] = diags.errors
    assert error.code == "E103"
    assert error.location is not None and error.location.line == 3
    assert "first defined on line 1" in error.message


def test_python_tags_are_refused_not_constructed(tmp_path: Path) -> None:
    loaded, diags, _ = _load(tmp_path, "a: !!python/object/apply:os.system ['true']\n")
    assert loaded is None
    [error] = diags.errors
    assert error.code == "E101"
    assert error.location is not None and error.location.line == 1


def test_syntax_error_has_a_location_and_a_hint(tmp_path: Path) -> None:
    _, diags, _ = _load(tmp_path, "a:\n  b: c: d\n")
    [error] = diags.errors
    assert error.code == "E101"
    assert error.location is not None and error.location.line == 2
    assert error.hint is not None and "quoted" in error.hint


def test_merge_keys_are_resolved(tmp_path: Path) -> None:
    loaded, diags, _ = _load(tmp_path, "base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
    assert not diags.errors
    assert loaded.data["item"] == {"x": 1, "y": 2}  # type: ignore[attr-defined]


def test_scalars_keep_their_yaml_types(tmp_path: Path) -> None:
    loaded, _, _ = _load(tmp_path, "n: 3\nf: 1.5\nt: true\ns: '3'\nd: 2019-05-01\n")
    data = loaded.data  # type: ignore[attr-defined]
    assert (type(data["n"]), type(data["f"]), data["t"], data["s"]) == (int, float, True, "3")
    assert str(data["d"]) == "2019-05-01"


def test_a_written_key_overrides_a_merged_one(tmp_path: Path) -> None:
    loaded, diags, _ = _load(tmp_path, "base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n")
    assert not diags.items
    assert loaded.data["item"] == {"x": 1, "y": 3}  # type: ignore[attr-defined]
    smap = loaded.source_map  # type: ignore[attr-defined]
    assert smap.keys[("item", "y")].line == 4


def test_a_key_written_twice_is_still_a_duplicate_next_to_a_merge(tmp_path: Path) -> None:
    _, diags, _ = _load(tmp_path, "base: &b {x: 1}\nitem:\n  <<: *b\n  y: 3\n  y: 4\n")
    [error] = diags.errors
    assert error.code == "E103" and error.location is not None and error.location.line == 5
