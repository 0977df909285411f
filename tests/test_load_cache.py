"""A YAML file is parsed once per process while its bytes stay the same.

`summarydeck watch` loads the whole content folder on every save; the files that did not change
come from a cache keyed by the file (resolved, and as messages name it), the sha256 of its bytes
(never its time stamp: an edit that keeps size and time is still seen) and the limits the read
applies. What a caller does to the data it gets never reaches the cache.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarydeck.diagnostics import Diagnostics
from summarydeck.source import limits, yaml_loader
from summarydeck.source.content_dir import RawContent, load_content_dir
from summarydeck.source.memo import BoundedCache
from summarydeck.source.yaml_loader import load_yaml

QLAB = Path(__file__).parent.parent / "content"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files parsed (by the name messages give them), in order, from an empty cache."""
    calls: list[str] = []
    real = yaml_loader._parse

    def counted(raw: bytes, file: str) -> Any:
        calls.append(file)
        return real(raw, file)

    yaml_loader._CACHE.clear()
    monkeypatch.setattr(yaml_loader, "_parse", counted)
    yield calls
    yaml_loader._CACHE.clear()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(QLAB, tmp_path / "content"))


def _load(root: Path) -> tuple[RawContent, Diagnostics]:
    diags = Diagnostics()
    return load_content_dir(root, diags), diags


def _fresh(root: Path) -> tuple[RawContent, Diagnostics]:
    """The folder parsed again from nothing, for comparison."""
    yaml_loader._CACHE.clear()
    return _load(root)


def _same(a: tuple[RawContent, Diagnostics], b: tuple[RawContent, Diagnostics]) -> bool:
    return (a[0].data, a[0].source_map, a[0].files, a[1].items) == (
        b[0].data,
        b[0].source_map,
        b[0].files,
        b[1].items,
    )


def test_an_unchanged_folder_is_not_parsed_again(folder: Path, parses: list[str]) -> None:
    first = _load(folder)
    assert len(parses) == len(list(folder.glob("*.yaml"))) > 3
    parses.clear()
    second = _load(folder)
    assert parses == []
    assert _same(first, second)
    assert first[0].data is not second[0].data


def test_an_edited_file_is_parsed_again_and_only_it(folder: Path, parses: list[str]) -> None:
    _load(folder)
    parses.clear()
    essays = folder / "essays.yaml"
    essays.write_text(essays.read_text("utf-8").replace("together**", "jointly**"), "utf-8")
    edited = _load(folder)
    assert [Path(p).name for p in parses] == ["essays.yaml"]
    assert "jointly" in edited[0].data["essays"]["introduction"]["summary"]
    assert _same(edited, _fresh(folder))


def test_an_edit_that_keeps_the_size_and_the_time_is_seen(folder: Path, parses: list[str]) -> None:
    essays = folder / "essays.yaml"
    before = essays.stat()
    _load(folder)
    parses.clear()
    text = essays.read_text("utf-8")
    assert "**together**" in text
    essays.write_text(text.replace("**together**", "**TOGETHER**"), "utf-8")
    os.utime(essays, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = essays.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    edited = _load(folder)
    assert [Path(p).name for p in parses] == ["essays.yaml"]
    assert "**TOGETHER**" in edited[0].data["essays"]["introduction"]["summary"]


def test_what_a_caller_changes_never_reaches_the_cache(folder: Path, parses: list[str]) -> None:
    first = load_yaml(folder / "essays.yaml", Diagnostics())
    assert first is not None
    # everything mutable a caller is given: mappings, lists, the source map's tables
    first.data["essays"]["introduction"]["key_points"].append("added")
    first.data["essays"]["introduction"]["title"] = "changed"
    del first.data["essays"]["challenges"]
    first.source_map.values.clear()
    first.source_map.keys[("x",)] = first.source_map.keys[("essays",)]
    first.source_map.flow_lists.add(("x",))
    first.source_map.empty_blocks[("x",)] = "x"
    second = load_yaml(folder / "essays.yaml", Diagnostics())
    assert len(parses) == 1
    yaml_loader._CACHE.clear()
    fresh = load_yaml(folder / "essays.yaml", Diagnostics())
    assert second is not None and fresh is not None
    assert (second.data, second.source_map) == (fresh.data, fresh.source_map)


def test_problems_are_reported_again_on_every_load(folder: Path, parses: list[str]) -> None:
    broken = folder / "quotes.yaml"
    broken.write_text("quotes:\n  a: [unclosed\n", "utf-8")
    (folder / "dupe.yaml").write_text("statistics: {}\nstatistics: {}\n", "utf-8")
    first, second = _load(folder), _load(folder)
    assert sorted(Path(p).name for p in parses) == sorted(p.name for p in folder.glob("*.yaml"))
    assert {d.code for d in first[1].items} >= {"E101", "E103"}
    assert _same(first, second)
    assert first[0].incomplete and second[0].incomplete


def test_a_file_named_from_elsewhere_is_named_as_seen(
    folder: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locations name the file relative to the working folder: the same bytes read from
    another folder are named as seen from there."""
    monkeypatch.chdir(folder.parent)
    near = load_yaml(Path("content/essays.yaml"), Diagnostics())
    monkeypatch.chdir(folder)
    here = load_yaml(Path("essays.yaml"), Diagnostics())
    assert near is not None and here is not None
    assert near.source_map.values[("essays",)].file == os.path.join("content", "essays.yaml")
    assert here.source_map.values[("essays",)].file == "essays.yaml"
    assert len(parses) == 2


def test_changed_limits_read_the_file_again(
    folder: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not _load(folder)[1].errors
    monkeypatch.setattr(limits, "MAX_TEXT", 20)
    assert "E105" in {d.code for d in _load(folder)[1].errors}


def test_the_cache_is_bounded_by_entries_and_by_weight() -> None:
    cache: BoundedCache[str, int] = BoundedCache(most_entries=3, most_weight=100)
    for n in range(5):
        cache.put(f"k{n}", n, 10)
    assert len(cache) == 3 and cache.get("k0") is None and cache.get("k4") == 4
    cache.get("k2")  # used: kept over k3
    cache.put("heavy", 9, 85)
    assert cache.weight <= 100
    assert cache.get("k2") == 2 and cache.get("k3") is None and cache.get("heavy") == 9
    cache.put("too heavy", 1, 101)
    assert cache.get("too heavy") is None
    assert yaml_loader._CACHE.most_entries <= 256
    assert yaml_loader._CACHE.most_weight <= limits.MAX_FILE_BYTES * 4
