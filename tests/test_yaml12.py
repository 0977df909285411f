"""Plain values are read by YAML 1.2's core schema, as editors read them (the YAML language server
and the content's JSON Schema): on both loader paths, libyaml's and the pure-Python one, and
everywhere the tool reads YAML. Where a YAML 1.1 spelling (`yes`, `1_000`) now reaches a field
that wants a boolean or a number, validate says how to write it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from summarydeck import api
from summarydeck.diagnostics import ContentError, Diagnostics
from summarydeck.source import yaml_core, yaml_edits, yaml_loader

REPO = Path(__file__).parent.parent
STARTER = REPO / "src" / "summarydeck" / "starter"
CONTENT, EXAMPLE = REPO / "content", REPO / "examples" / "digital-exclusion"

_LOADERS = [
    pytest.param(yaml_core.CoreSafeLoader, id="pure"),
    pytest.param(
        yaml_core.core_c_loader(),
        id="libyaml",
        marks=pytest.mark.skipif(yaml_core.core_c_loader() is None, reason="no libyaml"),
    ),
]


def _read(loader: Any, text: str) -> Any:
    """`text` built by one loader alone (no fallback from libyaml to the pure loader)."""
    diags = Diagnostics()
    data, _ = yaml_loader._build(loader, text, "f.yaml", diags)
    assert not diags.items, [str(d) for d in diags.items]
    return data


def _number_type(value: Any) -> type:
    """A number's type, a number written its own way (`0x1F`, kept as written) counted as one."""
    if isinstance(value, yaml_core.WrittenInt):
        return int
    if isinstance(value, yaml_core.WrittenFloat):
        return float
    return type(value)


# what YAML 1.2's core schema makes of a plain value, and what YAML 1.1 (PyYAML) made of it
CASES: list[tuple[str, Any]] = [
    ("yes", "yes"),  # 1.1: True
    ("no", "no"),  # 1.1: False
    ("on", "on"),
    ("off", "off"),
    ("y", "y"),  # 1.1 (the spec, not PyYAML): True
    ("n", "n"),
    ("Yes", "Yes"),
    ("NO", "NO"),
    ("1_000", "1_000"),  # 1.1: 1000
    ("10:00", "10:00"),  # 1.1: 600 (base 60)
    ("1:30:00.5", "1:30:00.5"),  # 1.1: 5400.5
    ("0b11", "0b11"),  # 1.1: 3
    ("=", "="),  # 1.1: an error (the "value" type, which PyYAML cannot build)
    ("2024-02-01", "2024-02-01"),  # 1.1: a date; deck.date reads the text as one
    ("0x1F", 31),
    ("0o17", 15),
    ("017", 17),  # 1.1: 15 (octal)
    ("+12", 12),
    ("-7", -7),
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("FALSE", False),
    ("1.5e3", 1500.0),
    ("1e3", 1000.0),  # 1.1: the text "1e3" (no dot)
    (".5", 0.5),
    ("1.", 1.0),
    ("-2.5E-3", -0.0025),
    (".inf", math.inf),
    ("-.Inf", -math.inf),
    ("null", None),
    ("Null", None),
    ("~", None),
    ("", None),
]


@pytest.mark.parametrize("loader", _LOADERS)
@pytest.mark.parametrize(("written", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_plain_values_are_read_as_yaml_12_reads_them(
    loader: Any, written: str, expected: Any
) -> None:
    value = _read(loader, f"a: {written}\n")["a"]
    assert (_number_type(value), value) == (type(expected), expected)
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert str(value) == written  # as written, where a text field takes it


@pytest.mark.parametrize("loader", _LOADERS)
def test_nan_keys_and_lists_too(loader: Any) -> None:
    data = _read(loader, "a: .nan\nyes: 1\non: [no, 1_0, 10:30]\n")
    assert math.isnan(data["a"])
    assert data["yes"] == 1 and data["on"] == ["no", "1_0", "10:30"]  # 1.1: keys "True" ...


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml-first", "pure-only"])
def test_a_file_read_either_way_gives_yaml_12_values(fast: bool) -> None:
    text = "".join(f"k{i}: {written}\n" for i, (written, _) in enumerate(CASES))
    real = yaml_loader._fast_loader
    try:
        if not fast:
            yaml_loader._fast_loader = lambda: None  # type: ignore[assignment]
        parsed = yaml_loader._parse(text.encode("utf-8"), "f.yaml")
    finally:
        yaml_loader._fast_loader = real  # type: ignore[method-assign]
    assert parsed.diagnostics == ()
    got = [(_number_type(v), v) for v in parsed.data.values()]
    assert got == [(type(expected), expected) for _, expected in CASES]


@pytest.mark.parametrize("loader", _LOADERS)
def test_an_explicit_tag_that_does_not_fit_keeps_the_text(loader: Any) -> None:
    """`!!bool maybe` and `!!timestamp soon` once stopped the loader with an internal error."""
    text = (
        "a: !!bool maybe\nb: !!timestamp soon\nc: !!int 1_000\nd: !!float 1_0.5\n"
        "e: !!int '12'\nf: !!bool 'true'\ng: !!timestamp 2024-02-01\nh: !!str 12\n"
    )
    assert _read(loader, text) == {
        "a": "maybe",
        "b": "soon",
        "c": "1_000",
        "d": "1_0.5",
        "e": 12,
        "f": True,
        "g": dt.date(2024, 2, 1),
        "h": "12",
    }


# --- the core schema's table (YAML 1.2.2, 10.3.2), for generated values ----------------------

_SPEC = [
    (r"null|Null|NULL|~|", "null"),
    (r"true|True|TRUE|false|False|FALSE", "bool"),
    (r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "int"),
    (r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", "float"),
    (r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)", "float"),
]


def _spec_kind(text: str) -> str:
    return next((kind for pattern, kind in _SPEC if re.fullmatch(pattern, text)), "str")


_KIND = {type(None): "null", bool: "bool", int: "int", float: "float", str: "str"}


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(st.text(alphabet="0123456789+-._:eExXoObnNaAfFiItTrRuUlLsSyY~", min_size=1, max_size=8))
def test_generated_plain_values_read_as_the_core_schema_says(text: str) -> None:
    fast, pure = yaml_core.core_c_loader(), yaml_core.CoreSafeLoader
    document = f"a: {text}\n"
    try:
        value = _read(pure, document)["a"]
    except Exception:  # not a plain value YAML can read (`a: -`, `a: ::`): libyaml agrees
        if fast is not None:
            with pytest.raises(Exception):  # noqa: B017
                _read(fast, document)
        return
    if fast is not None:
        other = _read(fast, document)["a"]
        assert type(other) is type(value)
        assert other == value or (math.isnan(other) and math.isnan(value))
    if isinstance(value, str) and value != text.strip():
        return  # not one plain value (`a: 1 #x`, `a: x: y`), so not in the table
    assert _KIND[_number_type(value)] == _spec_kind(text.strip())


# --- every reader of YAML in the tool ---------------------------------------------------------


def test_the_edit_check_reads_yaml_12_too() -> None:
    """`confirm` checks its edits by reading the file again: `yes` to `on` is a change."""
    assert not yaml_edits.unchanged_but("a: yes\n", "a: on\n", {})
    assert yaml_edits.unchanged_but("a: 10:00\n", "a: '10:00'\n", {})
    assert yaml_core.load_plain("a: [yes, 1_0, 0x1F]\n") == {"a": ["yes", "1_0", 31]}


# --- what the model makes of them -------------------------------------------------------------


def _copy_edited(folder: Path, file: str, old: str, new: str, into: Path) -> Path:
    shutil.copytree(folder, into)
    path = into / file
    text = path.read_text("utf-8")
    assert re.search(old, text, flags=re.M), old
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), "utf-8")
    return into


def test_an_unquoted_clock_time_and_date_are_read_as_meant(tmp_path: Path) -> None:
    content = _copy_edited(CONTENT, "deck.yaml", r'start: "10:00"', "start: 9:30", tmp_path / "c")
    deck, _ = api.load(content)
    assert deck.info.date == dt.date(2026, 11, 28)  # `date: 2026-11-28`, unquoted
    assert {name: v.start for name, v in deck.variants.items() if v.start} == {"workshop": "09:30"}


@pytest.mark.parametrize(
    ("written", "number"),
    [("0800", 800), ("1e6", 1e6), ("1.50", 1.5), ("0o17", 15), ("+5", 5), ("0x1F", 31)],
)
def test_a_number_written_its_own_way_stays_as_written_in_text(
    tmp_path: Path, written: str, number: float
) -> None:
    # a text field takes the words as written (YAML 1.1 read `0800` and `1e6` as text too);
    # a number field takes the number
    folder = tmp_path / "c"
    for loader in (yaml_core.CoreSafeLoader, yaml_core.core_c_loader()):
        if loader is None:
            continue
        read = yaml.load(f"n: {written}", Loader=loader)["n"]
        assert read == number and str(read) == written
    content = _copy_edited(
        STARTER, "statistics.yaml", r"headline: 3 in 10", f"headline: {written}", folder
    )
    deck, _ = api.load(content)
    assert deck.content.statistics["example-share"].headline == written


@pytest.mark.parametrize(
    ("folder", "file", "old", "new", "message", "hint"),
    [
        (
            CONTENT,
            "deck.yaml",
            r"discussion: true",
            "discussion: Off",
            "variants.workshop.discussion: expected true or false, got `Off`",
            "write `false` (YAML reads `Off` as text)",
        ),
        (
            CONTENT,
            "deck.yaml",
            r"discussion: true",
            'discussion: "true"',
            "variants.workshop.discussion: expected true or false, got `true`",
            "write `true` without quotes (in quotes it is text)",
        ),
        (
            EXAMPLE,
            "deck.yaml",
            r"qr: https://\S+",
            "qr: no",
            "expected true or false, got `no`",
            "write `false` (YAML reads `no` as text)",
        ),
        (
            CONTENT,
            "essays.yaml",
            r"reading_time_minutes: 8",
            "reading_time_minutes: 1_2",
            "reading_time_minutes: expected a whole number, got `1_2`",
            "write 12 (YAML reads `1_2` as text, not a number)",
        ),
        (
            CONTENT,
            "deck.yaml",
            r'start: "10:00"',
            "start: 10",
            "variants.workshop.start: the number `10` is not a time of day; write it as HH:MM: "
            "10:00",
            None,
        ),
    ],
    ids=["off", "quoted-true", "qr-no", "minutes-underscored", "clock-number"],
)
def test_a_yaml_11_spelling_is_an_error_that_says_how_to_write_it(
    tmp_path: Path, folder: Path, file: str, old: str, new: str, message: str, hint: str | None
) -> None:
    content = _copy_edited(folder, file, old, new, tmp_path / "c")
    with pytest.raises(ContentError) as caught:
        api.load(content)
    [error] = [d for d in caught.value.diagnostics if d.is_error]
    assert (error.code, error.hint) == ("E203", hint)
    assert message in error.message
    assert error.location is not None and error.location.file.endswith(file)
    line = (content / file).read_text("utf-8").splitlines()[error.location.line - 1]
    assert new in line


def test_the_hint_for_1_000_is_given_only_where_a_number_is_wanted(tmp_path: Path) -> None:
    # a number format `0_0` is no number: its own hint (the formats there are), not "write 00"
    content = _copy_edited(
        EXAMPLE, "statistics.yaml", r"number_format: General", "number_format: 0_0", tmp_path / "c"
    )
    with pytest.raises(ContentError) as failed:
        api.load(content)
    [error] = [d for d in failed.value.diagnostics if d.is_error]
    assert "number format `0_0` is not supported" in error.message
    assert error.hint is not None and error.hint.startswith("use ")
    assert "YAML reads" not in error.hint
