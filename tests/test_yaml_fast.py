"""libyaml reads content exactly as the pure-Python loader does: the same data, the same source
map (every line and column), the same problems at the same places.

libyaml (`yaml.CSafeLoader`) reads a file first because it is several times faster; on anything
it or our builder objects to, and on text it is known to read differently, the pure loader
reads the file again, so every message comes from the path that has always made it. These
tests hold the two to each other over every content folder in the repository, the bad inputs,
generated content and mutated text, and check the pure loader alone still works where PyYAML
has no libyaml.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import content_folders
from summarydeck.diagnostics import Diagnostics
from summarydeck.source import yaml_core, yaml_loader
from summarydeck.source.content_dir import load_content_dir

REPO = Path(__file__).parent.parent
FOLDERS = [
    REPO / "content",
    *sorted(p for p in (REPO / "examples").iterdir() if p.is_dir() and any(p.glob("*.yaml"))),
    *sorted(p for p in (REPO / "tests" / "content").iterdir() if p.is_dir()),
]
CONTENT_FILES = [f for folder in FOLDERS for f in sorted(folder.glob("*.yaml"))]
BAD_INPUTS = sorted((REPO / "tests" / "bad_inputs").glob("*.yaml"))

pytestmark = pytest.mark.skipif(
    yaml_loader._fast_loader() is None, reason="PyYAML without libyaml: only one loader to test"
)


def _typed(value: Any) -> Any:
    """`value` with each scalar's type beside it: 1, 1.0 and True are equal, but not alike."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _parsed(raw: bytes, *, fast: bool) -> tuple[Any, Any, Any]:
    """(data, source map, diagnostics) of `raw`, read with libyaml first or with PyYAML alone."""
    real = yaml_loader._fast_loader
    try:
        if not fast:
            yaml_loader._fast_loader = lambda: None  # type: ignore[assignment]
        parsed = yaml_loader._parse(raw, "f.yaml")
    finally:
        yaml_loader._fast_loader = real  # type: ignore[method-assign]
    return _typed(parsed.data), parsed.source_map, parsed.diagnostics


def _built_by(loader: type[Any], text: str) -> tuple[Any, Any, Any]:
    diags = Diagnostics()
    data, smap = yaml_loader._build(loader, text, "f.yaml", diags)
    return _typed(data), smap, diags.items


def _name(path: Path) -> str:
    return str(path.relative_to(REPO))


def test_every_content_folder_of_the_repository_is_tested() -> None:
    assert len(FOLDERS) >= 5 and len(CONTENT_FILES) >= 20
    assert REPO / "examples" / "digital-exclusion" in FOLDERS


@pytest.mark.parametrize("path", CONTENT_FILES, ids=_name)
def test_libyaml_reads_every_content_file_with_the_pure_loaders_source_map(path: Path) -> None:
    text = path.read_text("utf-8")
    # libyaml itself reads these files: no fallback hides a difference
    assert yaml_loader._fast_reads_alike(text)
    fast = _built_by(yaml_core.core_c_loader(), text)
    assert fast == _built_by(yaml_core.CoreSafeLoader, text)
    assert fast[1].values  # a real source map was compared


@pytest.mark.parametrize("path", CONTENT_FILES, ids=_name)
def test_windows_line_ends_and_no_final_line_break_read_alike(path: Path) -> None:
    raw = path.read_bytes()
    for variant in (raw.replace(b"\n", b"\r\n"), raw.rstrip(b"\n"), raw + b"\n\n  \n# end"):
        assert _parsed(variant, fast=True) == _parsed(variant, fast=False)


@pytest.mark.parametrize("path", BAD_INPUTS, ids=_name)
def test_bad_inputs_give_the_same_problems_at_the_same_places(path: Path) -> None:
    raw = path.read_bytes()
    assert _parsed(raw, fast=True) == _parsed(raw, fast=False)


@pytest.mark.parametrize(
    "text",
    [
        "a: [why?, b]\n",  # PyYAML ends a plain value at `?` inside [...]; libyaml does not
        "a: {what? : b}\n",
        "a: |#note\n  x\n",  # a comment straight after a block scalar's header
        "a:\tb\n",  # a tab where PyYAML refuses one
        "a: b\t# note\n",
        "\ufeffa: b\nc: d\n",  # a byte-order mark, at the start or inside
        "a: x\ufeffy\n",
        "brand:\n  name: x",  # no final line break: libyaml ends the mapping a line later
        "a: 1\r\nb:\r\n  - x\r\n",
        "a: \x85b\n",
        "a: !!python/name:os.system x\n",
        "a: &x [*x]\n",
        "a: " + "[" * 2000 + "]" * 2000 + "\n",  # past libyaml's nesting limit
        "a: " + "[" * 60 + "]" * 60 + "\n",  # past ours
        "- >5\n- |2\n",
        "a: 1\n---\nb: 2\n",
        "? [a, b]\n: c\n",
        "a: 'it''s'\nb: \"\\u00e9\\/\"\n",
    ],
)
def test_text_libyaml_reads_differently_is_read_by_the_pure_loader(text: str) -> None:
    raw = text.encode("utf-8")
    assert _parsed(raw, fast=True) == _parsed(raw, fast=False)


def test_a_question_mark_in_a_flow_list_is_the_pure_loaders_error() -> None:
    _, smap, diagnostics = _parsed(b"points: [Why now?, How?]\n", fast=True)
    assert smap is None
    assert [d.code for d in diagnostics] == ["E101"]


_SPECIAL = [
    *"-?:,[]{}#&*!|>'\"%@` \n\\",
    *("\r\n", " - ", ": ", "  ", "\u2028", "\x85", "é", "😀", "\u00a0", "<<: *a", "&a "),
    *("*a", "---\n", "...\n", "? ", "!!str ", "|-", ">+", "|2", "~", "2024-02-30", "0x1F"),
    *("1e3", ".inf", "yes", "\\/", "\r", "[a?, b]", "{x: y}", "|#", "\n  - ", "\n    "),
    # what YAML 1.1 and 1.2 read differently: both loaders must read them by 1.2
    *("on", "No", "1_000", "10:00", "0o17", "017", "+12", ".5", "1.", "-.Inf", ".NaN", "TRUE"),
    *("0b11", "1:30", "=", "<<", "!!bool ", "!!int ", "!!timestamp ", "null", "y"),
]


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_content_reads_alike(seed: int) -> None:
    """Content files with YAML's special characters put in, and text cut out, at random."""
    rnd = random.Random(seed)
    lines = rnd.choice(CONTENT_FILES).read_text("utf-8").split("\n")
    start = rnd.randrange(len(lines))
    text = "\n".join(lines[:3] + lines[start : start + rnd.randint(1, 30)]) + "\n"
    for _ in range(rnd.randint(1, 4)):
        at = rnd.randrange(len(text) + 1)
        if rnd.random() < 0.6:
            text = text[:at] + rnd.choice(_SPECIAL) + text[at:]
        else:
            text = text[:at] + text[at + rnd.randint(1, 5) :]
    raw = text.encode("utf-8")
    assert _parsed(raw, fast=True) == _parsed(raw, fast=False)


@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(content_folders())
def test_generated_content_reads_alike(folder: Any) -> None:
    for text in folder.files.values():
        raw = text.encode("utf-8")
        assert _parsed(raw, fast=True) == _parsed(raw, fast=False)


def test_without_libyaml_the_pure_loader_reads_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_libyaml = load_content_dir(REPO / "content", Diagnostics())
    yaml_loader._CACHE.clear()
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    assert yaml_loader._fast_loader() is None
    builds = []
    real = yaml_loader._build

    def counted(loader: type[Any], *args: Any) -> Any:
        builds.append(loader)
        return real(loader, *args)

    monkeypatch.setattr(yaml_loader, "_build", counted)
    without = load_content_dir(REPO / "content", Diagnostics())
    yaml_loader._CACHE.clear()
    assert builds and set(builds) == {yaml_core.CoreSafeLoader}
    assert _typed(without.data) == _typed(with_libyaml.data)
    assert without.source_map == with_libyaml.source_map


def test_an_old_libyaml_without_a_nesting_limit_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from yaml import _yaml

    monkeypatch.setattr(_yaml, "get_version", lambda: (0, 2, 2))
    assert yaml_loader._fast_loader() is None


_DIGEST = """
import hashlib, sys
from pathlib import Path
{block}
import yaml
from summarydeck.diagnostics import Diagnostics
from summarydeck.source import yaml_core, yaml_loader
from summarydeck.source.content_dir import load_content_dir
raw = load_content_dir(Path(sys.argv[1]), Diagnostics())
print(yaml.__with_libyaml__, yaml_loader._fast_loader() is not None)
smap = raw.source_map  # sets print in an order of their hashes, which differ by process
tables = [sorted(map(repr, t)) for t in (smap.values.items(), smap.keys.items(), smap.flow_lists)]
print(hashlib.sha256(repr((raw.data, tables, smap.empty_blocks)).encode()).hexdigest())
"""


def test_a_pyyaml_built_without_libyaml_loads_the_same(tmp_path: Path) -> None:
    """In a process where libyaml cannot be imported at all (PyYAML then has no CSafeLoader),
    the loader imports and reads the content to the same data and source map."""

    def run(block: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", _DIGEST.format(block=block), str(REPO / "content")],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        return result.stdout.split()

    blocked = "sys.modules['yaml._yaml'] = None; sys.modules['_yaml'] = None"
    assert run(blocked)[:2] == ["False", "False"]
    assert run("")[:2] == ["True", "True"]
    assert run(blocked)[2] == run("")[2]


def test_numbers_keep_their_types_and_dates_are_text() -> None:
    raw = b"a: 2024-02-01\nb: 2024-02-30\nc: 1.5\nd: 0x1F\ne: yes\nf: ~\ng: '1'\nh: true\n"
    data = yaml_loader._parse(raw, "f.yaml").data
    assert data == {
        "a": "2024-02-01",  # YAML 1.2, as editors read it: text (`deck.date` reads a date)
        "b": "2024-02-30",
        "c": 1.5,
        "d": 31,
        "e": "yes",  # YAML 1.2: text (YAML 1.1 read a boolean)
        "f": None,
        "g": "1",
        "h": True,
    }
    assert _parsed(raw, fast=True) == _parsed(raw, fast=False)
