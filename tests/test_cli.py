"""The command line: defaults, messages, exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarydeck import __version__
from summarydeck.cli import cli


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_build_with_no_arguments_reads_content_and_writes_output(
    full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(full_content, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "output" / "every-kind.pptx"
    assert out.is_file()
    assert f"Built {Path('output') / 'every-kind.pptx'} (25 slides) in " in result.output


def test_validate_writes_nothing_and_reports_the_slide_count(
    full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "--content", str(full_content)])
    assert result.exit_code == 0
    assert "Content is valid: 25 slides (0 errors, 0 warnings)" in result.output
    assert not (tmp_path / "output").exists()


def test_content_error_exits_1_without_traceback(content_copy: Path, tmp_path: Path) -> None:
    (content_copy / "quotes.yaml").write_text("quotes:\n  pain-is-pain:\n    txt: hi\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarydeck",
            "build",
            "--content",
            str(content_copy),
            "--out",
            str(tmp_path / "x.pptx"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "quotes.yaml:3:5: error E201: unknown key `txt`" in result.stderr
    assert "did you mean `text`?" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_unwritable_output_exits_3(full_content: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(
        cli, ["build", "--content", str(full_content), "--out", str(blocker / "deck.pptx")]
    )
    assert result.exit_code == 3
    assert "error: cannot write" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["build", "--colour", "red"])
    assert result.exit_code == 2


def test_kinds_lists_every_registered_kind_with_its_fields() -> None:
    result = CliRunner().invoke(cli, ["kinds"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("chart ") for line in lines)
    assert "fields: statistic, [title]" in result.output
    assert "Every kind also takes: [check], [id], [notes], [status], [tags]" in result.output


def test_an_internal_error_is_reported_without_a_traceback(
    full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarydeck import api

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(api, "build", broken)
    result = CliRunner().invoke(cli, ["build", "--content", str(full_content)])
    assert result.exit_code == 4
    assert "internal error: KeyError: 'boom'" in result.output
    assert "SUMMARYDECK_DEBUG=1" in result.output
    assert "Traceback" not in result.output


def test_an_unsupported_font_is_an_output_error_naming_the_supported_ones() -> None:
    from summarydeck.diagnostics import OutputError
    from summarydeck.model.brand import SUPPORTED_FONTS
    from summarydeck.plan.fonts import font_file

    with pytest.raises(OutputError) as raised:
        font_file("Comic Sans MS")
    message = str(raised.value)
    assert "'Comic Sans MS' is not supported" in message
    for family in SUPPORTED_FONTS:
        assert family in message
