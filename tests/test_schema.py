"""The content files' JSON Schema (`summarydeck schema`, `schema/content.schema.json`): kept in
the repository as the model makes it now, accepting every content folder the repository holds,
rejecting what `validate` rejects for types and unknown keys, and named by every content file's
first line (the yaml-language-server modeline).

The schema is read by editors; here `jsonschema` reads it as they would, the YAML loaded the way
summarydeck loads it (its own loader), which reads plain values by YAML 1.2 as editors do: the
data it gives is what an editor sees, with no conversion.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from summarydeck import api
from summarydeck.cli import cli
from summarydeck.diagnostics import ContentError, Diagnostics
from summarydeck.model import approximate
from summarydeck.source.yaml_core import CoreSafeLoader, WrittenFloat, WrittenInt
from summarydeck.source.yaml_loader import load_yaml

REPO = Path(__file__).parent.parent
SCHEMA_DIR = REPO / "schema"
SCHEMA_FILE = SCHEMA_DIR / "content.schema.json"
STARTER = REPO / "src" / "summarydeck" / "starter"
# the content folders the repository ships, each file with a modeline
SHIPPED = [REPO / "content", *sorted(p.parent for p in REPO.glob("examples/*/deck.yaml")), STARTER]
# and the tests' own valid folders (no modeline: they are fixtures, not for editing)
FOLDERS = [*SHIPPED, *(REPO / "tests" / "content" / name for name in ("full", "golden", "stress"))]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _name(folder: Path) -> str:
    return folder.relative_to(REPO).as_posix()


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_editor_reads(value: Any) -> Any:
    """Loaded YAML as an editor reads it (JSON's types): the loader reads by YAML 1.2, as
    editors do, so this only checks that nothing else (a YAML 1.1 date) came through."""
    if isinstance(value, dict):
        return {key: as_editor_reads(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_reads(item) for item in value]
    assert value is None or isinstance(value, str | int | float), repr(value)
    return value


def loaded(path: Path) -> Any:
    """A content file's data as summarydeck's loader reads it."""
    diags = Diagnostics()
    file = load_yaml(path, diags)
    assert file is not None and not diags.errors, [str(d) for d in diags.items]
    return file.data


def schema_errors(validator: Draft202012Validator, data: Any) -> list[str]:
    """Every error, with those inside an `anyOf`/`oneOf` alternative (what an editor shows
    for the alternative that matches best), each as `path: message`."""
    found: list[str] = []
    pending = list(validator.iter_errors(as_editor_reads(data)))
    while pending:
        error = pending.pop(0)
        found.append(f"{'.'.join(map(str, error.absolute_path))}: {error.message[:200]}")
        pending.extend(error.context or ())
    return found


# --- kept in the repository ---------------------------------------------------------------


def test_the_committed_schema_is_what_the_command_writes_now(tmp_path: Path) -> None:
    """Fails when the model changed and nobody ran `summarydeck schema` (then commit
    schema/)."""
    result = CliRunner().invoke(cli, ["schema", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_bytes() for p in sorted((tmp_path / "out").iterdir())}
    committed = {p.name: p.read_bytes() for p in sorted(SCHEMA_DIR.iterdir())}
    assert sorted(written) == sorted(committed) == ["content.schema.json"]
    assert written == committed, "run `summarydeck schema` and commit schema/"
    assert f"Wrote {tmp_path / 'out' / 'content.schema.json'}" in result.output


def test_the_output_is_deterministic_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    first = api.schema_files()
    assert first == api.schema_files()
    text = first["content.schema.json"].decode("utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    runner = CliRunner()
    assert runner.invoke(cli, ["schema", "--out", str(tmp_path)]).exit_code == 0
    again = runner.invoke(cli, ["schema", "--out", str(tmp_path)])
    assert again.exit_code == 0
    assert again.output == f"{tmp_path / 'content.schema.json'} is up to date\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content.schema.json"]  # no temp left


@pytest.mark.parametrize("where", ["under-a-file", "a-folder-in-the-way"])
def test_a_failure_to_write_is_a_plain_error_and_exit_3(tmp_path: Path, where: str) -> None:
    if where == "under-a-file":
        (tmp_path / "file").write_text("x", "utf-8")
        out = tmp_path / "file" / "schema"
    else:
        out = tmp_path / "schema"
        (out / "content.schema.json").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["schema", "--out", str(out)])
    assert result.exit_code == 3
    assert result.stderr.startswith("error: ")
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert (tmp_path / "file").read_text("utf-8") == "x" if where == "under-a-file" else True


def test_the_schema_is_draft_2020_12_with_titles_and_hover_text() -> None:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] and schema["description"]
    assert schema["additionalProperties"] is False
    sections = "deck labels slides variants brand essays opportunities statistics quotes sources"
    assert sorted(schema["properties"]) == sorted(sections.split())
    undescribed = [
        f"{name}.{field}"
        for name, definition in schema["$defs"].items()
        for field, about in definition.get("properties", {}).items()
        if not about.get("description")
    ]
    assert undescribed == []
    assert all(section.get("description") for section in schema["properties"].values())
    assert [name for name, d in schema["$defs"].items() if not d.get("description")] == []


def test_every_model_forbids_unknown_keys_in_the_schema_too() -> None:
    """Every object in the schema says what it does with other keys: none allowed, except a
    table row (its keys are the table's column headings) and mappings of names."""
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    open_objects = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node:
                extra = node.get("additionalProperties")
                if extra is not False and not (isinstance(extra, dict) and extra):
                    open_objects.append(path)
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}/{index}")

    walk(schema, "")
    assert open_objects == []


def test_each_slide_kind_is_offered_with_its_own_fields() -> None:
    """Slides are a oneOf keyed by `kind`: each alternative pins its kind (a one-value enum,
    which the YAML language server completes in lists) and lists its own fields."""
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    alternatives = schema["properties"]["slides"]["items"]["oneOf"]
    kinds = {}
    for alternative in alternatives:
        definition = schema["$defs"][alternative["$ref"].rsplit("/", 1)[1]]
        assert "kind" in definition["required"]
        [kind] = definition["properties"]["kind"]["enum"]
        kinds[kind] = set(definition["properties"])
    listed, common = api.list_kinds()
    assert sorted(kinds) == sorted(k.name for k in listed)
    for kind in listed:
        assert kinds[kind.name] == {"kind", *common, *(name for name, _ in kind.fields)}


# --- every content folder in the repository ---------------------------------------------


@pytest.mark.parametrize("folder", FOLDERS, ids=_name)
def test_every_content_folder_in_the_repository_validates(
    folder: Path, validator: Draft202012Validator
) -> None:
    files = sorted(folder.glob("*.yaml"))
    assert files
    found = {path.name: schema_errors(validator, loaded(path)) for path in files}
    assert found == {path.name: [] for path in files}


@pytest.mark.parametrize("folder", SHIPPED, ids=_name)
def test_every_content_file_names_the_schema_in_its_first_line(folder: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        first = path.read_text("utf-8").split("\n", 1)[0]
        match = MODELINE.match(first)
        assert match, f"{path.relative_to(REPO)} does not start with the modeline"
        target = (path.parent / match[1]).resolve()
        assert target == SCHEMA_FILE.resolve(), f"{path.relative_to(REPO)} names {match[1]}"
        assert target.is_file()


# --- the schema rejects what validate rejects ------------------------------------------------

Path_ = tuple[Any, ...]


def _resolve(data: Any, path: Path_) -> Path_:
    """A path with wildcards made concrete: `"*"` is the first key (or item) whose value has
    the next part of the path; `("kind", name)` is the first slide of that kind."""
    concrete: list[Any] = []
    node = data
    for index, part in enumerate(path):
        rest = path[index + 1 :]
        if part == "*" or isinstance(part, tuple):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            for key in keys:
                if isinstance(part, tuple) and node[key].get(part[0]) != part[1]:
                    continue
                try:
                    _resolve(node[key], rest)
                except (KeyError, IndexError, TypeError, StopIteration):
                    continue
                part = key
                break
            else:
                raise StopIteration(f"nothing matches {path}")
        node = node[part]
        concrete.append(part)
    return tuple(concrete)


def _parent(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def rename(path: Path_, new: str) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        where = _resolve(data, path)
        parent = _parent(data, where)
        # keep the key's place, so the file reads as it did
        items = [(new if key == where[-1] else key, value) for key, value in parent.items()]
        parent.clear()
        parent.update(items)

    return edit


def put(path: Path_, value: Any) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        *head, last = path
        try:
            where = _resolve(data, path)
        except (KeyError, StopIteration):  # a key the item does not have yet: add it
            where = (*_resolve(data, tuple(head)), last)
        _parent(data, where)[where[-1]] = copy.deepcopy(value)

    return edit


CONTENT, EXAMPLE = REPO / "content", REPO / "examples" / "digital-exclusion"
BAD = {
    # misspelt keys: at the top level, in an item, nested deeper, in a slide, in the brand
    "section": (CONTENT, "statistics.yaml", rename(("statistics",), "statistic")),
    "deck-key": (CONTENT, "deck.yaml", rename(("deck", "author"), "auther")),
    "item-key": (CONTENT, "statistics.yaml", rename(("statistics", "*", "headline"), "headlin")),
    "chart-key": (CONTENT, "statistics.yaml", rename(("statistics", "*", "chart", "type"), "typ")),
    "series-key": (
        CONTENT,
        "statistics.yaml",
        rename(("statistics", "*", "chart", "series", 0, "values"), "value"),
    ),
    "slide-key": (CONTENT, "deck.yaml", rename(("slides", "*", "title"), "titel")),
    "card-key": (
        EXAMPLE,
        "deck.yaml",
        rename(("slides", ("kind", "cards"), "cards", 0, "body"), "bdy"),
    ),
    "colour-key": (EXAMPLE, "brand.yaml", rename(("brand", "colours", "primary"), "primay")),
    "type-scale-key": (CONTENT, "brand.yaml", rename(("brand", "type_scale", "body"), "bodyy")),
    "variant-key": (CONTENT, "deck.yaml", rename(("variants", "*", "max_slides"), "max_slide")),
    "label": (EXAMPLE, "labels.yaml", rename(("labels", "item"), "itme")),
    "workshop-key": (
        CONTENT,
        "opportunities.yaml",
        rename(("opportunities", "*", "workshop", "prompts"), "prompt"),
    ),
    "starter-key": (STARTER, "statistics.yaml", rename(("statistics", "*", "label"), "lable")),
    "id": (CONTENT, "essays.yaml", rename(("essays", "*"), "Intro Essay")),
    "variant-name": (CONTENT, "deck.yaml", rename(("variants", "*"), "Short Talk")),
    # a value of the wrong type
    "text-for-number": (
        CONTENT,
        "essays.yaml",
        put(("essays", "*", "reading_time_minutes"), "8 min"),
    ),
    "text-for-size": (CONTENT, "brand.yaml", put(("brand", "type_scale", "body"), "large")),
    "text-for-max-slides": (CONTENT, "deck.yaml", put(("variants", "*", "max_slides"), "ten")),
    "text-for-bool": (CONTENT, "quotes.yaml", put(("quotes", "*", "paraphrase"), "maybe")),
    "text-for-strict-bool": (CONTENT, "deck.yaml", put(("variants", "*", "discussion"), "yes")),
    "list-for-mapping": (CONTENT, "brand.yaml", put(("brand", "colours"), ["#1B3A5C"])),
    "list-for-chart": (CONTENT, "statistics.yaml", put(("statistics", "*", "chart"), ["bar"])),
    "mapping-for-list": (
        CONTENT,
        "deck.yaml",
        put(("slides", ("kind", "bullets"), "points"), {"a": "b"}),
    ),
    "mapping-for-text": (CONTENT, "deck.yaml", put(("deck", "title"), {"text": "A deck"})),
    "mapping-for-source": (
        CONTENT,
        "statistics.yaml",
        put(("statistics", "*", "source"), {"a": 1}),
    ),
    "text-for-list": (EXAMPLE, "deck.yaml", put(("slides", ("kind", "closing"), "contact"), "x")),
    "list-for-label": (EXAMPLE, "labels.yaml", put(("labels", "item"), ["Recommendation"])),
    "empty-storyboard": (STARTER, "deck.yaml", put(("slides",), [])),
    # a value outside its enum or pattern
    "status": (CONTENT, "essays.yaml", put(("essays", "*", "status"), "confirmd")),
    "row-status": (
        CONTENT,
        "deck.yaml",
        put(("slides", ("kind", "table"), "rows", 0, "status"), "ok"),
    ),
    "entry-status": (
        CONTENT,
        "deck.yaml",
        put(("slides", ("kind", "support"), "entries", 0, "status"), "checked"),
    ),
    "chart-type": (CONTENT, "statistics.yaml", put(("statistics", "*", "chart", "type"), "colum")),
    "kind": (CONTENT, "deck.yaml", put(("slides", 0, "kind"), "titel")),
    "arrange": (EXAMPLE, "deck.yaml", put(("slides", ("kind", "cards"), "arrange"), "circle")),
    "slide-size": (CONTENT, "brand.yaml", put(("brand", "slide_size"), "16:10")),
    "colour": (EXAMPLE, "brand.yaml", put(("brand", "colours", "primary"), "#0E4D4")),
    "slug": (CONTENT, "deck.yaml", put(("deck", "slug"), "My Deck")),
    "date": (EXAMPLE, "deck.yaml", put(("deck", "date"), "2026-13-45")),
    "clock": (CONTENT, "deck.yaml", put(("variants", "*", "start"), "25:00")),
    "clock-number": (CONTENT, "deck.yaml", put(("variants", "*", "start"), 600)),
    "approximate": (
        CONTENT,
        "statistics.yaml",
        put(("statistics", "*", "chart", "series", 0, "values", 0), "approx 40"),
    ),
    "fingerprint": (EXAMPLE, "statistics.yaml", put(("statistics", "*", "confirmed_as"), "sure")),
    "blank-text": (CONTENT, "quotes.yaml", put(("quotes", "*", "attribution"), "   ")),
    "tag": (CONTENT, "deck.yaml", put(("slides", 0, "tags"), ["Workshop"])),
    "language": (CONTENT, "deck.yaml", put(("deck", "language"), "English")),
    "too-many-accents": (
        CONTENT,
        "brand.yaml",
        put(("brand", "colours", "accents"), ["#000000"] * 7),
    ),
}


def _one_source(data: Any) -> None:
    """A statistic's list of sources written as its first id alone."""
    item = next(iter(data["statistics"].values()))
    first = item["source"] if isinstance(item["source"], str) else item["source"][0]
    item["source"] = first


# edits both accept: what the schema must not be stricter about
GOOD = {
    "number-as-text": (CONTENT, "statistics.yaml", put(("statistics", "*", "year"), 2019)),
    "one-source": (EXAMPLE, "statistics.yaml", lambda data: _one_source(data)),
    "approximate-value": (
        CONTENT,
        "statistics.yaml",
        put(("statistics", "*", "chart", "series", 0, "values", 0), "about 1"),
    ),
    "number-label": (EXAMPLE, "labels.yaml", put(("labels", "item"), 42)),
    "empty-section": (EXAMPLE, "quotes.yaml", put(("essays",), None)),
    "text-date": (STARTER, "deck.yaml", put(("deck", "date"), "2026-01-31")),
    # an unquoted `10:00` is the text "10:00" to both (YAML 1.1 read the number 600)
    "clock-unquoted": (CONTENT, "deck.yaml", put(("variants", "*", "start"), "10:00")),
}


class _Dumper(yaml.SafeDumper):
    """Writes text unquoted wherever YAML 1.2 reads it as text (`yes`, `10:00`), as a person
    writes it; PyYAML's own quotes what YAML 1.1 reads otherwise."""

    yaml_implicit_resolvers = CoreSafeLoader.yaml_implicit_resolvers


def _as_written(dumper: yaml.SafeDumper, number: WrittenInt | WrittenFloat) -> yaml.Node:
    # a number the loader kept with its spelling (`0.30`) is written back as it was
    tag = "int" if isinstance(number, WrittenInt) else "float"
    return dumper.represent_scalar(f"tag:yaml.org,2002:{tag}", number.written)


_Dumper.add_representer(WrittenInt, _as_written)
_Dumper.add_representer(WrittenFloat, _as_written)


def _edited(folder: Path, file: str, edit: Callable[[Any], None], into: Path) -> Any:
    """A copy of `folder` in `into` with one file's data edited (written back as YAML, as
    read by the loader); the edited file's data, read back."""
    shutil.copytree(folder, into)
    data = loaded(into / file)
    edit(data)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    (into / file).write_text(text, "utf-8")
    return loaded(into / file)


def _validate_errors(folder: Path) -> list[str]:
    try:
        api.load(folder)
    except ContentError as exc:
        return [str(d) for d in exc.diagnostics if d.is_error]
    return []


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_schema_rejects_what_validate_rejects(
    case: str, tmp_path: Path, validator: Draft202012Validator
) -> None:
    folder, file, edit = BAD[case]
    data = _edited(folder, file, edit, tmp_path / "content")
    assert _validate_errors(tmp_path / "content"), f"{case}: validate accepted it"
    assert schema_errors(validator, data), f"{case}: the schema accepted it"


@pytest.mark.parametrize("case", sorted(GOOD))
def test_the_schema_accepts_what_validate_accepts(
    case: str, tmp_path: Path, validator: Draft202012Validator
) -> None:
    folder, file, edit = GOOD[case]
    data = _edited(folder, file, edit, tmp_path / "content")
    assert _validate_errors(tmp_path / "content") == [], case
    assert schema_errors(validator, data) == [], case


# values YAML 1.1 and 1.2 read differently, written unquoted: summarydeck reads them as the
# editor does (YAML 1.2), so both accept them or both refuse them, validate with a hint
SPELLINGS = {
    "discussion-yes": (
        CONTENT,
        "deck.yaml",
        ("variants", "*", "discussion"),
        "yes",
        "variants.workshop.discussion: expected true or false, got `yes`",
        "write `true` (YAML reads `yes` as text)",
    ),
    "paraphrase-on": (
        CONTENT,
        "quotes.yaml",
        ("quotes", "*", "paraphrase"),
        "on",
        "expected true or false, got `on`",
        "write `true` (YAML reads `on` as text)",
    ),
    "value-labels-no": (
        CONTENT,
        "statistics.yaml",
        ("statistics", "*", "chart", "value_labels"),
        "no",
        "expected true or false, got `no`",
        "write `false` (YAML reads `no` as text)",
    ),
    "values-underscored": (
        CONTENT,
        "statistics.yaml",
        ("statistics", "*", "chart", "series", 0, "values", 0),
        "1_000",
        "values[0]: `1_000` is not a number, nor an approximate one",
        "write 1000 (YAML reads `1_000` as text, not a number)",
    ),
    "minutes-underscored": (
        CONTENT,
        "deck.yaml",
        ("slides", ("kind", "break"), "minutes"),
        "1_5",
        "minutes: expected a whole number, got `1_5`",
        "write 15 (YAML reads `1_5` as text, not a number)",
    ),
    # "no" is Norwegian to both (validate warns that it has no built-in labels)
    "language-no": (CONTENT, "deck.yaml", ("deck", "language"), "no", None, None),
    "clock-unquoted": (CONTENT, "deck.yaml", ("variants", "*", "start"), "10:00", None, None),
}


@pytest.mark.parametrize("case", sorted(SPELLINGS))
def test_yaml_11_spellings_are_read_as_the_editor_reads_them(
    case: str, tmp_path: Path, validator: Draft202012Validator
) -> None:
    folder, file, path, written, message, hint = SPELLINGS[case]
    data = _edited(folder, file, put(path, written), tmp_path / "content")
    text = (tmp_path / "content" / file).read_text("utf-8")
    assert re.search(rf"(?m)(:|-) {re.escape(written)}$", text), f"{written} is not unquoted"
    assert _at(data, _resolve(data, path)) == written  # text to summarydeck, as to an editor
    if message is None:
        assert _validate_errors(tmp_path / "content") == [], case
        assert schema_errors(validator, data) == [], case
        return
    try:
        api.load(tmp_path / "content")
    except ContentError as exc:
        errors = [d for d in exc.diagnostics if d.is_error]
    else:
        errors = []
    assert [(d.code, d.hint) for d in errors] == [("E203", hint)], [str(d) for d in errors]
    assert message in errors[0].message
    assert schema_errors(validator, data), f"{case}: the schema accepted it"


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def test_the_command_line_validate_agrees_on_a_misspelt_key(
    tmp_path: Path, validator: Draft202012Validator
) -> None:
    """The same agreement through `summarydeck validate` itself, once."""
    folder, file, edit = BAD["item-key"]
    data = _edited(folder, file, edit, tmp_path / "content")
    result = CliRunner().invoke(cli, ["validate", "--content", str(tmp_path / "content")])
    assert result.exit_code == 1
    assert "error E201: unknown key `headlin`" in result.stderr
    assert any("'headlin' was unexpected" in e for e in schema_errors(validator, data))


# --- generated: any key misspelt, any value of the wrong shape ------------------------------

# where keys are not the model's own names: a table row's are column headings (checked against
# `columns`, across fields), a brand's layouts and font files are named by their own names
_FREE_KEYS = re.compile(r"^slides/\d+/rows/|^brand/layouts/|^brand/fonts/files/[^/]+$")
# fields that take one id as well as a list of them
_ONE_OR_MANY = ("source", "sources")


def _places(data: Any, path: Path_ = ()) -> Iterator[tuple[str, Path_]]:
    """Every edit that makes valid content invalid, with where: ("rename", path) renames a key
    with an underscore (no key or id has one), ("mapping", path) puts a mapping where a
    scalar is, ("text", path) puts text where a mapping or list is."""
    shown = "/".join(map(str, path))
    if isinstance(data, dict):
        if path and not (isinstance(path[-1], str) and path[-1] in _ONE_OR_MANY):
            yield "text", path
        for key, value in data.items():
            if not _FREE_KEYS.match(f"{shown}/{key}".lstrip("/")):
                yield "rename", (*path, key)
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        if not (path and isinstance(path[-1], str) and path[-1] in _ONE_OR_MANY):
            yield "text", path
        for index, value in enumerate(data):
            yield from _places(value, (*path, index))
    elif path:
        yield "mapping", path


def _apply(data: Any, how: str, where: Path_) -> None:
    parent = _parent(data, where)
    if how == "rename":
        rename(where, f"{where[-1]}_x")(data)
    elif how == "mapping":
        parent[where[-1]] = {"oops": 1}
    else:
        parent[where[-1]] = "oops"


FILES = [(folder, path.name) for folder in SHIPPED for path in sorted(folder.glob("*.yaml"))]


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(file=st.sampled_from(FILES), pick=st.data())
def test_generated_bad_edits_are_rejected_by_both(
    file: tuple[Path, str], pick: st.DataObject, validator: Draft202012Validator
) -> None:
    folder, name = file
    places = list(_places(loaded(folder / name)))
    how, where = pick.draw(st.sampled_from(places), label="edit")
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        data = _edited(folder, name, lambda d: _apply(d, how, where), content)
        assert _validate_errors(content), f"validate accepted {how} at {where}"
    assert schema_errors(validator, data), f"the schema accepted {how} at {where}"


# --- the patterns say what the validators say --------------------------------------------


@settings(max_examples=300, derandomize=True)
@given(
    st.text(alphabet="~<>-. 0123456789aboutmrehnlsfwAT\t", max_size=16)
    | st.sampled_from(
        ["~40", "About 40", "more  than 100", "<5", "fewer than5", "- 4", "1.", "40%"]
    )
)
def test_the_approximate_value_pattern_is_the_parsers_grammar(text: str) -> None:
    try:
        approximate.parse(text)
        parsed = True
    except approximate.NotAValue:
        parsed = False
    assert bool(re.search(approximate.JSON_PATTERN, text)) == parsed
