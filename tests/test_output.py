"""Writing the deck: atomic replacement, permissions, symlinks, build timestamps."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from summarydeck import api
from summarydeck.diagnostics import OutputError
from summarydeck.output.files import write_atomically


def test_an_existing_deck_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symlinked_deck_is_refused_not_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.pptx"
    real.write_bytes(b"old")
    link = tmp_path / "link.pptx"
    link.symlink_to(real)
    with pytest.raises(OutputError, match="is a symbolic link"):
        write_atomically(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"old"  # tests/test_hostile_output.py: the other cases


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    write_atomically(tmp_path / "deck.pptx", b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_a_failure_while_rendering_leaves_the_old_deck_untouched(
    full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarydeck.render import slides

    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the good deck")

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(slides, "add_chart", fail)
    with pytest.raises(RuntimeError):
        api.build(full_content, target)
    assert target.read_bytes() == b"the good deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


@pytest.mark.parametrize("value", ["-5", "1e9", "soon", "99999999999999", "100"])
def test_a_bad_source_date_epoch_is_a_clear_error(
    value: str, full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(OutputError, match="SOURCE_DATE_EPOCH"):
        api.build(full_content, tmp_path / "deck.pptx")
    assert not (tmp_path / "deck.pptx").exists()


def test_umask_is_respected_for_a_new_deck(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomically(tmp_path / "deck.pptx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "deck.pptx").stat().st_mode) == 0o640


def test_a_deck_that_fails_the_package_checks_is_not_written(
    full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarydeck.ooxml import package_rules

    problem = package_rules.PackageProblem(
        "zero-size", "/ppt/slides/slide1.xml", "a shape of size 0"
    )
    # the build checks the parts it holds (check_parts), not the zip it writes from them
    monkeypatch.setattr(package_rules, "check_package_parts", lambda *_, **__: [problem])
    with pytest.raises(OutputError, match="failed its own package checks"):
        api.build(full_content, tmp_path / "deck.pptx")
    assert not (tmp_path / "deck.pptx").exists()
