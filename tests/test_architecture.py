"""The shape of the code, pinned: layers that only import downwards, one Open XML boundary,
and a command line that goes through the library's API.

These read the source with `ast`, so they fail on a new import against the grain before any
behaviour changes; docs/dev/architecture.md draws the same picture.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).parent.parent / "src" / "summarydeck"

# Lowest first. A unit may import units of lower layers only: never one of its own layer (so
# layouts, render and check stay independent of each other) and never one above it.
LAYERS: list[set[str]] = [
    # plain values, the table of diagnostic codes, the protocol long work reports progress by
    {"values", "content_codes", "progress"},
    {"diagnostics"},
    {"source", "ooxml"},  # YAML with its source map; every Open XML read and write
    {"markdown"},
    {"model"},
    {"plan"},
    {"charts"},
    {"layouts", "render", "check"},
    {"output"},
    {"export"},
    {"api"},  # the library, one module per command
    {"watch"},
    {"preview"},  # the live page: watch and export behind a local web server
    {"cli"},
    {"__main__"},
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}

# python-pptx and XML parsers are used behind the Open XML boundary, and by the renderer
XML_PACKAGES = {"pptx", "lxml", "xml", "defusedxml"}
XML_ALLOWED = {"ooxml", "render"}
PRIVATE_XML = re.compile(r"\._(element|rels|blob|txBody|p|r)\b|getattr\([^)]*[\"']_")
# what hands out python-pptx or lxml objects: for readers inside ooxml/ only
XML_HANDLES = {"SlideParts", "open_presentation", "open_template", "read_each_slide", "slides"}
NAMESPACE_URI = re.compile(r"schemas\.(openxmlformats\.org|microsoft\.com)|purl\.oclc\.org/ooxml")


def _unit(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


def _modules() -> Iterator[Path]:
    yield from sorted(SRC.rglob("*.py"))


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module this file imports, absolute, with its line (relative imports resolved, and
    `importlib.import_module("...")` with a constant name counted too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["summarydeck", *path.relative_to(SRC).parent.parts]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) in ("importlib.import_module", "import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # `from summarydeck import api` imports the module summarydeck.api
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}" if module == "summarydeck" else module


def _internal_target(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "summarydeck" or len(parts) < 2 or parts[1] == "__version__":
        return None
    return parts[1]


def layer_violations(files: list[Path]) -> list[str]:
    found = []
    for path in files:
        unit = _unit(path)
        for line, module in _imports(path):
            target = _internal_target(module)
            if target is None or target == unit:
                continue
            if target not in RANK or unit not in RANK:
                found.append(f"{path.name}:{line}: {unit} -> {target}: a unit not in LAYERS")
            elif RANK[target] >= RANK[unit]:
                found.append(f"{path.relative_to(SRC)}:{line}: {unit} imports {target}")
    return found


def boundary_violations(files: list[Path]) -> list[str]:
    found = []
    for path in files:
        unit = _unit(path)
        if unit in XML_ALLOWED:
            continue
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(SRC)
        tree = ast.parse(text)
        for line, module in _imports(path):
            if module.split(".")[0] in XML_PACKAGES:
                found.append(f"{where}:{line}: imports {module}")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "summarydeck.ooxml"
            ):
                handed = sorted({a.name for a in node.names} & XML_HANDLES)
                if handed:
                    found.append(f"{where}:{node.lineno}: takes {', '.join(handed)} from ooxml")
        for number, source_line in enumerate(text.splitlines(), 1):
            if PRIVATE_XML.search(source_line):
                found.append(f"{where}:{number}: python-pptx's private attributes")
            if NAMESPACE_URI.search(source_line):
                found.append(f"{where}:{number}: an Open XML namespace outside ooxml/names.py")
    return found


def test_every_unit_has_a_layer() -> None:
    units = {_unit(p) for p in _modules()} - {"__init__"}
    assert units <= set(RANK), f"add these to LAYERS: {sorted(units - set(RANK))}"


def test_layers_only_import_downwards() -> None:
    assert layer_violations(list(_modules())) == []


def _as_if(text: str, place: Path, judge: Callable[[list[Path]], list[str]]) -> list[str]:
    """What `judge` says of a module with this text at `place` (nothing is written there)."""
    original = Path.read_text

    def read(self: Path, *args: Any, **kwargs: Any) -> str:
        return text if self == place else original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_text", read)
        return judge([place])


def test_a_new_import_against_the_grain_is_caught() -> None:
    """The model importing the planner (a loop it once had) is refused, and so is a layout
    importing the renderer (one layer, kept apart)."""
    model = SRC / "model" / "probe.py"
    layout = SRC / "layouts" / "probe.py"
    assert _as_if("from summarydeck.plan.types import SlidePlan\n", model, layer_violations) == [
        "model/probe.py:1: model imports plan"
    ]
    assert _as_if("from summarydeck.render import slides\n", layout, layer_violations) == [
        "layouts/probe.py:1: layouts imports render"
    ]
    assert _as_if("from summarydeck import api\n", layout, layer_violations) == [
        "layouts/probe.py:1: layouts imports api"
    ]
    dynamic = "import importlib\nimportlib.import_module('summarydeck.render.slides')\n"
    assert _as_if(dynamic, layout, layer_violations) == [
        "layouts/probe.py:2: layouts imports render"
    ]


def test_only_the_ooxml_boundary_and_the_renderer_touch_open_xml() -> None:
    assert boundary_violations(list(_modules())) == []


def test_open_xml_outside_the_boundary_is_caught() -> None:
    probe = (
        "from lxml import etree\n"
        "import xml.etree.ElementTree\n"
        "from summarydeck.ooxml.walk import SlideParts\n"
        "def name(shape):\n"
        "    return shape._element.get('name') or getattr(shape, '_element')\n"
        'A = "http://schemas.openxmlformats.org/drawingml/2006/main"\n'
    )
    found = _as_if(probe, SRC / "check" / "probe.py", boundary_violations)
    assert sorted(f.split(": ", 1)[1] for f in found) == [
        "an Open XML namespace outside ooxml/names.py",
        "imports lxml",
        "imports xml.etree.ElementTree",
        "python-pptx's private attributes",
        "takes SlideParts from ooxml",
    ]


def test_namespaces_are_defined_once() -> None:
    defining = [
        p.relative_to(SRC).as_posix()
        for p in _modules()
        if re.search(r'^\w+ = "http://schemas\.openxmlformats', p.read_text("utf-8"), re.M)
    ]
    assert defining == ["ooxml/names.py"]


def api_violations(files: list[Path]) -> list[str]:
    """Imports of the library other than `summarydeck.api` itself (not its modules) and the
    error types in `summarydeck.diagnostics`."""
    found = []
    for path in files:
        for line, module in _imports(path):
            target = _internal_target(module)
            if target in (None, "cli", "watch", "preview") or module in (
                "summarydeck.api",
                "summarydeck.diagnostics",
            ):
                continue
            found.append(f"{path.relative_to(SRC)}:{line}: imports {module}")
    return found


def test_the_command_line_watch_and_preview_go_through_the_api() -> None:
    front = [*sorted((SRC / "cli").glob("*.py")), SRC / "watch.py"]
    assert api_violations([*front, *sorted((SRC / "preview").glob("*.py"))]) == []


def test_going_around_the_api_is_caught() -> None:
    place = SRC / "cli" / "probe.py"
    probe = "from summarydeck.api.building import _prepare\nfrom summarydeck.layouts import kinds\n"
    assert _as_if(probe, place, api_violations) == [
        "cli/probe.py:1: imports summarydeck.api.building",
        "cli/probe.py:2: imports summarydeck.layouts",
    ]


def test_only_the_command_line_prints_or_exits() -> None:
    found = []
    for path in _modules():
        if _unit(path) in ("cli", "__main__"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in ("print", "sys.exit", "exit", "click.echo", "os._exit"):
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}: {name}()")
    assert found == []


# one job seen from two layers, on purpose: a command's library half and its command-line half;
# the theme, read by the checker and written by the renderer; templates, read in ooxml, served by
# the api and printed by the command line
MIRRORS = {
    "building.py": ["api/building.py", "cli/building.py"],
    "checking.py": ["api/checking.py", "cli/checking.py"],
    "confirming.py": ["api/confirming.py", "cli/confirming.py"],
    "exporting.py": ["api/exporting.py", "cli/exporting.py"],
    "listing.py": ["api/listing.py", "cli/listing.py"],
    "theme.py": ["ooxml/theme.py", "render/theme.py"],
    "templates.py": ["api/templates.py", "cli/templates.py", "ooxml/templates.py"],
}


def test_no_two_modules_share_a_name_for_different_jobs() -> None:
    """`checks.py` once named three different things; a module's name should say its job."""
    names: dict[str, list[str]] = {}
    for path in _modules():
        if path.name not in ("__init__.py", "__main__.py"):
            names.setdefault(path.name, []).append(path.relative_to(SRC).as_posix())
    shared = {name: where for name, where in names.items() if len(where) > 1}
    assert shared == MIRRORS
