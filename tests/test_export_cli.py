"""`summarydeck export` from the command line: the deck `build` wrote, or named decks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import variant_content
from render_helpers import require_tools
from summarydeck import api
from summarydeck.cli import cli

SLUG = "every-kind"  # the slug of the test content `variant_content` copies


@pytest.mark.render
@pytest.mark.slow
def test_export_of_the_built_short_variant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_tools()
    content = variant_content(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    built = api.build(content, selection=api.Selection("short"))
    run = CliRunner().invoke(
        cli, ["export", "--content", str(content), "--variant", "short", "--width", "960"]
    )
    assert run.exit_code == 0, run.output
    out = Path("output")
    assert (out / f"{SLUG}-short.pdf").stat().st_size > 10_000
    pictures = sorted((out / f"{SLUG}-short-slides").iterdir())
    manifest_ids = _slide_ids(content)
    assert [p.name for p in pictures] == [
        f"{n:02d}-{slide_id}.png" for n, slide_id in enumerate(manifest_ids, 1)
    ]
    assert len(pictures) == built.slides
    assert (out / f"{SLUG}-short-contact-sheet.png").exists()
    assert f"Exported {SLUG}-short.pptx" in run.output and "per slide" in run.output


def _slide_ids(content: Path) -> list[str]:
    run = CliRunner().invoke(
        cli, ["slides", "--content", str(content), "--variant", "short", "--format", "json"]
    )
    return [slide["id"] for slide in json.loads(run.output)["slides"]]


def test_export_before_any_build_says_to_build_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = variant_content(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(cli, ["export", "--content", str(content), "--all"])
    assert run.exit_code == 3
    assert "has not been built yet" in run.output and "summarydeck build --all" in run.output
    assert not Path("output").exists()


def test_export_without_libreoffice_says_how_to_install_it_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qlab_deck: Path
) -> None:
    monkeypatch.setenv("SUMMARYDECK_SOFFICE", str(tmp_path / "no-such-soffice"))
    out = tmp_path / "exported"
    run = CliRunner().invoke(cli, ["export", str(qlab_deck), "--out", str(out)])
    assert run.exit_code == 3
    assert "apt-get install libreoffice-impress" in run.output
    assert "Traceback" not in run.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "args",
    [["--all", "deck.pptx"], ["--variant", "short", "deck.pptx"], ["--all", "--variant", "short"]],
)
def test_export_refuses_options_that_contradict_each_other(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deck.pptx").write_bytes(b"")  # exists, so only the combination is wrong
    run = CliRunner().invoke(cli, ["export", *args])
    assert run.exit_code == 2, run.output
    assert "not both" in run.output or "leave out --variant" in run.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]
