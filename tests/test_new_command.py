"""`summarydeck new DIR`: a neutral starter content folder that builds clean, written all or
none and never over a file, and shipped inside the package."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from summarydeck import api
from summarydeck.cli import cli
from summarydeck.cli.starting import starter_files

REPO = Path(__file__).parent.parent
STARTER = REPO / "src" / "summarydeck" / "starter"
NAMES = sorted(p.name for p in STARTER.glob("*.yaml"))
SCHEMA = ".schema/content.schema.json"  # the copy of the schema a new folder's files name
MODELINE = "# yaml-language-server: $schema="

# The starter's storyboard: every common kind once or twice, and the short variant's cut
FULL_SLIDES = [
    ("title", "title"),
    ("in-brief", "bullets"),
    ("agenda", "agenda"),
    ("what-we-found", "section"),
    ("example-share", "statistic"),
    ("example-trend", "chart"),
    ("example-quote", "quote"),
    ("what-next", "section"),
    ("overview", "opportunities"),
    ("first-idea", "opportunity"),
    ("sources", "sources"),
    ("closing", "closing"),
]
SHORT_SLIDES = ["title", "in-brief", "example-trend", "overview", "sources", "closing"]

# The deck this tool was first built for: none of its words may reach a stranger's starter
QLAB_WORDS = re.compile(
    r"q\s*lab|\bmind\b|mental|back pain|neck pain|\bpain\b|\bmsk\b|essay|samaritans|\bnhs\b"
    r"|depress|anxiety|physio|wellbeing|health\.org|powys|keele",
    re.IGNORECASE,
)


def _new(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["new", str(folder), *args])
    return result.exit_code, result.stdout, result.stderr


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path there (`.schema/content.schema.json`)."""
    found = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found}


def _as_written(name: str) -> bytes:
    """A starter file as `new` writes it: its first line names the folder's own schema."""
    first, rest = (STARTER / name).read_text("utf-8").split("\n", 1)
    assert first == f"{MODELINE}../../../schema/content.schema.json", name
    return f"{MODELINE}{SCHEMA}\n{rest}".encode()


@pytest.fixture(scope="module")
def starter_deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, api.BuildResult]:
    """The starter as `summarydeck new` writes it, built once for the tests that read it."""
    root = tmp_path_factory.mktemp("new")
    code, _, stderr = _new(root / "my-deck")
    assert code == 0, stderr
    return root / "my-deck", api.build(root / "my-deck", root / "out" / "deck.pptx")


def _slide_texts(deck: Path) -> list[str]:
    """Every text of every slide and its notes, table cells and chart titles included."""
    texts = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_chart:
                chart = shape.chart
                texts += [s.name for s in chart.plots[0].series]
                texts += [str(c) for c in chart.plots[0].categories]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


def test_new_writes_the_starter_into_a_new_folder(tmp_path: Path) -> None:
    code, stdout, _ = _new(tmp_path / "my-deck")
    assert code == 0
    assert _files(tmp_path / "my-deck") == {
        **{name: _as_written(name) for name in NAMES},
        SCHEMA: api.schema_files()["content.schema.json"],
    }
    assert f"Wrote a starter deck to {tmp_path / 'my-deck'}: 7 files" in stdout
    assert f"  {SCHEMA}  (the files' schema, for your editor)" in stdout
    assert "summarydeck build --content" in stdout


def test_every_file_of_a_new_folder_names_a_schema_that_is_there(tmp_path: Path) -> None:
    """The modeline resolves inside the new folder, wherever it is; and the schema copy is no
    content: the folder validates with no warning about it."""
    folder = tmp_path / "somewhere" / "my-deck"
    assert _new(folder)[0] == 0
    for name in NAMES:
        first = (folder / name).read_text("utf-8").splitlines()[0]
        assert first.startswith(MODELINE), name
        assert (folder / first.removeprefix(MODELINE)).is_file(), name
    assert api.validate(folder).diagnostics == []
    assert not api.is_content_path(folder / SCHEMA)  # `watch` never rebuilds for it


def test_a_link_where_the_schema_goes_is_refused(tmp_path: Path) -> None:
    """Nothing is written through a link, the schema's folder included."""
    folder = tmp_path / "deck"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (folder / ".schema").symlink_to(tmp_path / "elsewhere")
    code, _, stderr = _new(folder, "--force")
    assert code == 3
    assert f"already holds {SCHEMA}" in stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert sorted(p.name for p in folder.iterdir()) == [".schema"]


def test_the_starter_builds_with_no_errors_warnings_or_findings(
    starter_deck: tuple[Path, api.BuildResult],
) -> None:
    _, result = starter_deck
    assert result.diagnostics == []
    assert result.check is not None and result.check.findings == []
    assert result.slides == len(FULL_SLIDES)
    names = [slide.name for slide in Presentation(str(result.path)).slides]
    assert names == [slide_id for slide_id, _ in FULL_SLIDES]


def test_the_starters_slides_are_the_common_kinds() -> None:
    listed = api.list_slides(STARTER, None)
    assert [(s.id, s.kind) for s in listed.slides] == FULL_SLIDES
    short = api.list_slides(STARTER, "short")
    assert [s.id for s in short.slides] == SHORT_SLIDES


def test_every_variant_of_the_starter_builds_clean(tmp_path: Path) -> None:
    for variant, count in (("full", 12), ("short", 6)):
        result = api.build(
            STARTER, tmp_path / f"{variant}.pptx", selection=api.Selection(variant=variant)
        )
        assert result.diagnostics == [], variant
        assert result.check is not None and result.check.findings == [], variant
        assert len(Presentation(str(result.path)).slides) == count


def test_the_command_line_build_of_the_starter_says_no_findings(tmp_path: Path) -> None:
    assert _new(tmp_path / "my-deck")[0] == 0
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(
        cli, ["build", "--content", str(tmp_path / "my-deck"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert "Check: checked 12 slides: no findings" in result.stdout
    assert not re.search(r"\b(error|warning)\b", result.stderr), result.stderr
    # the placeholders are honest drafts: marked, listed for review, and never published
    assert "Draft: 7 items still to be confirmed" in result.stderr


def test_a_final_build_of_the_untouched_starter_is_refused(tmp_path: Path) -> None:
    """Its figures, quote and items are examples: a deck to publish must replace them."""
    result = CliRunner().invoke(
        cli, ["build", "--final", "--content", str(STARTER), "--out", str(tmp_path / "d.pptx")]
    )
    assert result.exit_code == 1
    assert "Final build refused: 7 items still to be confirmed" in result.stderr
    assert not (tmp_path / "d.pptx").exists()


def test_no_qlab_words_in_the_starter_files() -> None:
    found = {
        f"{name}:{number}: {line.strip()}"
        for name in NAMES
        for number, line in enumerate((STARTER / name).read_text("utf-8").splitlines(), 1)
        if QLAB_WORDS.search(line)
    }
    assert found == set()


def test_no_qlab_words_on_the_built_slides(starter_deck: tuple[Path, api.BuildResult]) -> None:
    _, result = starter_deck
    texts = _slide_texts(result.path)
    assert any("Your organisation" in text for text in texts)  # the scan reads the slides
    assert [text for text in texts if QLAB_WORDS.search(text)] == []


def test_the_word_scan_would_see_the_qlab_deck() -> None:
    """The scan is not blind: the Q Lab content trips it in every file."""
    for path in sorted((REPO / "content").glob("*.yaml")):
        assert QLAB_WORDS.search(path.read_text("utf-8")), path.name


def test_the_commented_labels_example_names_the_items(tmp_path: Path) -> None:
    """deck.yaml ends with a `labels:` example: uncommented, it builds clean and renames
    the numbered items."""
    folder = tmp_path / "my-deck"
    shutil.copytree(STARTER, folder)
    deck = folder / "deck.yaml"
    text = deck.read_text("utf-8")
    example = "# labels:\n#   item: Recommendation\n#   items: Recommendations\n"
    assert text.endswith(example)
    deck.write_text(text.replace(example, example.replace("# ", "")), "utf-8")
    result = api.build(folder, tmp_path / "deck.pptx")
    assert result.diagnostics == []
    assert result.check is not None and result.check.findings == []
    detail = _slide_texts(result.path)
    assert "Recommendation 1\u00a0of\u00a03" in detail
    assert not any("Opportunit" in text for text in detail)


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    code, stdout, stderr = _new(folder)
    assert code == 3
    assert f"error: {folder} is not empty (it holds notes.txt); nothing was written" in stderr
    assert "--force" in stderr
    assert _files(folder) == {"notes.txt": b"mine"}
    assert stdout == ""


def test_force_writes_beside_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    assert _new(folder, "--force")[0] == 0
    assert sorted(_files(folder)) == sorted([*NAMES, SCHEMA, "notes.txt"])
    assert (folder / "notes.txt").read_text("utf-8") == "mine"


@pytest.mark.parametrize("force", [False, True])
def test_an_existing_file_is_never_replaced_and_nothing_is_written(
    tmp_path: Path, force: bool
) -> None:
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "deck.yaml").write_text("deck: {title: mine}\n", "utf-8")
    code, _, stderr = _new(folder, *(["--force"] if force else []))
    assert code == 3
    assert f"error: {folder} already holds deck.yaml: the starter never replaces a file" in stderr
    assert _files(folder) == {"deck.yaml": b"deck: {title: mine}\n"}  # all or none


def test_a_file_that_appears_while_writing_is_kept_and_the_rest_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before writing can be overtaken: each file is created exclusively, so one
    that appeared meanwhile is kept, and the files already written are taken back."""
    folder = tmp_path / "deck"
    real_open = Path.open

    def open_after_someone(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == folder / "quotes.yaml" and "x" in mode:
            self.write_text("theirs", "utf-8")
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", open_after_someone)
    code, _, stderr = _new(folder)
    assert code == 3
    assert "quotes.yaml appeared there meanwhile; nothing was written" in stderr
    assert _files(folder) == {"quotes.yaml": b"theirs"}


def test_a_file_where_the_folder_goes_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "deck"
    target.write_text("x", "utf-8")
    code, _, stderr = _new(target)
    assert code == 3 and f"error: {target} is a file, not a folder" in stderr
    assert target.read_text("utf-8") == "x"


def test_a_link_where_the_folder_goes_is_refused(tmp_path: Path) -> None:
    """Nothing is written through a link (SECURITY.md), a link to a folder included."""
    (tmp_path / "real").mkdir()
    (tmp_path / "deck").symlink_to(tmp_path / "real")
    code, _, stderr = _new(tmp_path / "deck")
    assert code == 3 and "is a symbolic link" in stderr
    assert list((tmp_path / "real").iterdir()) == []


def test_help_lists_new() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert re.search(r"^\s+new\s+Write a starter content folder", result.stdout, re.M)
    usage = CliRunner().invoke(cli, ["new", "--help"])
    assert "Usage: cli new [OPTIONS] DIR" in usage.stdout and "--force" in usage.stdout


def test_the_starter_is_read_from_the_package() -> None:
    assert sorted(starter_files()) == NAMES
    assert {"deck.yaml", "brand.yaml", "sources.yaml"} <= set(NAMES)


def test_an_installed_copy_finds_the_starter(tmp_path: Path) -> None:
    """What a wheel holds is what setuptools' build_py copies: build it from pyproject.toml
    (package data included) into a folder of its own, then run `new` from that copy alone."""
    pytest.importorskip("setuptools", reason="builds the package as pip would")
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(REPO / "pyproject.toml", source)
    shutil.copy(REPO / "README.md", source)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__"))
    lib = tmp_path / "lib"
    setup = "from setuptools import setup; setup()"
    subprocess.run(
        [sys.executable, "-c", setup, "-q", "build_py", "--build-lib", str(lib)],
        cwd=source,
        check=True,
        capture_output=True,
    )
    probe = (
        "import sys\n"
        "import summarydeck\n"
        "from summarydeck.cli import main\n"
        f"assert summarydeck.__file__.startswith({str(lib)!r}), summarydeck.__file__\n"
        "sys.argv = ['summarydeck', 'new', sys.argv[1]]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(lib)}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "my-deck")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(_files(tmp_path / "my-deck")) == sorted([*NAMES, SCHEMA])
