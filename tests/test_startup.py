"""What starting a command costs: which modules it imports (issue 17), never how long it takes
(bench/ measures speed; a timed test fails on a busy machine).

`summarydeck --version`, `--help` and `kinds` start without python-pptx, lxml, matplotlib or
the content model they do not use; a build of a deck without picture charts never imports
matplotlib or numpy; `check --content` takes picture charts from the build's cache.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from summarydeck import api
from summarydeck.charts import picture
from summarydeck.cli import cli
from summarydeck.cli.group import COMMANDS

REPO = Path(__file__).parent.parent
API_INIT = REPO / "src" / "summarydeck" / "api" / "__init__.py"

# run a command as `summarydeck ARGS...` would, then print the modules it imported
_PROBE = """\
import json, sys
sys.argv = ["summarydeck", *sys.argv[1:]]
from summarydeck.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

# python-pptx, lxml, the pydantic models, matplotlib, numpy, fontTools and the rest: a command
# that only prints what it knows by heart imports none of them
LIBRARIES = {
    "pptx",
    "lxml",
    "pydantic",
    "matplotlib",
    "numpy",
    "fontTools",
    "PIL",
    "markdown",
    "yaml",
    "segno",
    "watchfiles",
}
# listing the slide kinds needs their pydantic models (and, as the kinds' modules stand, what
# they import to lay slides out: lxml, markdown, Pillow), never what renders, checks or draws
NOT_FOR_KINDS = {"pptx", "matplotlib", "numpy", "fontTools", "watchfiles"}
OUR_HEAVY = (
    "summarydeck.model",
    "summarydeck.layouts",
    "summarydeck.plan",
    "summarydeck.render",
    "summarydeck.check",
    "summarydeck.ooxml",
    "summarydeck.api.",
)
NOT_OURS_FOR_KINDS = (
    "summarydeck.render",
    "summarydeck.check",
    "summarydeck.export",
    "summarydeck.api.building",
    "summarydeck.api.loading",
)


def imported_by(args: list[str], cwd: Path | None = None) -> set[str]:
    """Every module `summarydeck ARGS...` imported, run in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=cwd
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stdout + done.stderr
    return set(report["modules"])


def _found(modules: set[str], tops: set[str], ours: tuple[str, ...] = ()) -> list[str]:
    """The packages of `tops` imported (by top-level name), and our modules under `ours`."""
    found = {m.split(".")[0] for m in modules} & tops
    return sorted(found | {m for m in modules if ours and m.startswith(ours)})


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["build", "--help"]])
def test_version_and_help_import_no_library(args: list[str]) -> None:
    assert _found(imported_by(args), LIBRARIES, OUR_HEAVY) == []


def test_kinds_imports_nothing_that_renders_checks_or_draws() -> None:
    modules = imported_by(["kinds"])
    assert "summarydeck.layouts.registry" in modules  # it did list the kinds
    assert _found(modules, NOT_FOR_KINDS, NOT_OURS_FOR_KINDS) == []


def test_labels_imports_no_library() -> None:
    assert _found(imported_by(["labels"]), LIBRARIES) == []


def test_the_probe_sees_a_heavy_import() -> None:
    """What the tests above look for is there to see: `slides` lays the deck out."""
    modules = imported_by(["slides", "--content", str(REPO / "content")])
    assert "summarydeck.api.loading" in modules
    assert _found(modules, LIBRARIES) != []


def test_help_lists_every_command_with_its_own_one_line_help() -> None:
    """`--help` of the lazy group reads as the help of a group holding every command."""
    ctx = click.Context(cli)
    commands = {name: cli.get_command(ctx, name) for name in COMMANDS}
    assert all(isinstance(c, click.Command) and c.name == n for n, c in commands.items())
    eager = click.Group(commands=commands, help=cli.help, epilog=cli.epilog, params=cli.params)
    lazy = CliRunner().invoke(cli, ["--help"], prog_name="summarydeck")
    assert lazy.exit_code == 0, lazy.output
    assert lazy.output == CliRunner().invoke(eager, ["--help"], prog_name="summarydeck").output
    assert "  kinds     List the slide kinds a storyboard entry can use, with" in lazy.output


def test_every_command_module_is_in_the_table() -> None:
    """A command added to a module of `cli/` but not to `COMMANDS` would never be found."""
    defined = set()
    for path in sorted((REPO / "src" / "summarydeck" / "cli").glob("*.py")):
        if path.name == "group.py":  # the group itself
            continue
        for node in ast.parse(path.read_text("utf-8")).body:
            decorators = [ast.unparse(d) for d in getattr(node, "decorator_list", [])]
            if any(d.startswith(("click.command", "click.group")) for d in decorators):
                assert isinstance(node, ast.FunctionDef)
                defined.add((path.stem, node.name))
    assert defined == {(module, name) for name, module in COMMANDS.items()}


def test_an_unknown_command_is_still_refused() -> None:
    result = CliRunner().invoke(cli, ["buidl"])
    assert result.exit_code == 2
    assert "No such command 'buidl'" in result.output


def test_the_api_names_are_the_ones_type_checkers_see() -> None:
    """`api/__init__.py` imports its names for type checkers only and hands them out on first
    use (PEP 562): the two lists must say the same, and every name must resolve to its
    module's own object."""
    tree = ast.parse(API_INIT.read_text("utf-8"))
    checked = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    seen = {
        alias.name: node.module
        for node in checked.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == api._HOME
    assert sorted(seen) == sorted(api.__all__)
    for name, home in seen.items():
        assert getattr(api, name) is getattr(sys.modules[home], name), name
    assert set(api.__all__) <= set(dir(api))
    with pytest.raises(AttributeError, match="no attribute 'biuld'"):
        api.biuld  # type: ignore[attr-defined]  # noqa: B018


def test_importing_the_api_imports_none_of_it() -> None:
    code = (
        "import sys; from summarydeck import api; "
        "print(*sorted(m for m in sys.modules if m.startswith('summarydeck')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["summarydeck", "summarydeck.api"]


# --- matplotlib only for picture charts ----------------------------------------------------


def _content_with_pictograms(tmp_path: Path) -> Path:
    """A copy of the Q Lab content: pictograms (native shapes), no picture chart."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    text = "\n".join(p.read_text("utf-8") for p in content.glob("*.yaml"))
    assert "type: pictogram" in text and "engine: picture" not in text
    return content


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_deck_without_picture_charts_never_imports_matplotlib_or_numpy(
    tmp_path: Path, command: str
) -> None:
    content = _content_with_pictograms(tmp_path)
    args = ["--content", str(content)]
    if command == "build":
        args += ["--out", str(tmp_path / "out" / "deck.pptx")]
    modules = imported_by([command, *args], cwd=tmp_path)
    assert "summarydeck.render.charts" in modules  # the deck was rendered, charts and all
    assert _found(modules, {"matplotlib", "numpy"}) == []


def test_check_of_the_content_takes_picture_charts_from_the_build_cache(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check --content` renders the deck in memory: a picture chart a build has drawn (into
    `output/.cache/charts`) is read from there, not drawn again with matplotlib."""
    monkeypatch.chdir(content_copy.parent)
    built = api.build(content_copy)
    cached = sorted((built.path.parent / ".cache" / "charts").glob("*.png"))
    assert len(cached) == 1

    def must_not_draw(*args: object) -> bytes:
        raise AssertionError("a picture chart in the build's cache was drawn again")

    monkeypatch.setattr(picture, "_draw", must_not_draw)
    result = CliRunner().invoke(cli, ["check", "--content", str(content_copy)])
    assert result.exit_code == 0, result.output
    assert "checked 25 slides: no findings" in result.output


def test_check_of_the_content_creates_no_output_folder(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the build's output folder there is no cache to read: the chart is drawn, and
    nothing is written."""
    monkeypatch.chdir(content_copy.parent)
    before = sorted(content_copy.parent.rglob("*"))
    drawn: list[object] = []
    draw = picture._draw

    def counted(*args: object) -> bytes:
        drawn.append(args)
        return draw(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(picture, "_draw", counted)
    result = CliRunner().invoke(cli, ["check", "--content", str(content_copy)])
    assert result.exit_code == 0, result.output
    assert len(drawn) == 1
    assert sorted(content_copy.parent.rglob("*")) == before
