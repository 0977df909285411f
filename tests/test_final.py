"""`build --final`: a deck for publishing may carry nothing still to be confirmed, and the
refusal lists each item with its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import edit_content
from summarydeck import api
from summarydeck.cli import cli
from summarydeck.diagnostics import ContentError


def _line_of(path: Path, needle: str, after: str) -> int:
    """The 1-based line of the first `needle` at or after the line containing `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def _confirm_everything(content: Path) -> None:
    """Every `status: unconfirmed` in every file made `confirmed` (a bulk edit on purpose, so
    not `edit_content`, which edits one place)."""
    for file in content.glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        text = text.replace("status: unconfirmed", "status: confirmed")
        file.write_text(text, encoding="utf-8")


def _unconfirmed_lines(content: Path) -> list[tuple[str, int]]:
    """(file, line) of every `status: unconfirmed` in the content, read from the text itself:
    what a final build must list, one error each."""
    return [
        (file.name, number)
        for file in sorted(content.glob("*.yaml"))
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
        if re.fullmatch(r"\s*status: unconfirmed\s*", line)
    ]


def test_a_final_build_lists_every_unconfirmed_item_with_file_and_line(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _unconfirmed_lines(content_copy)
    assert len(expected) >= 2  # the test content has some in more than one file
    monkeypatch.chdir(content_copy.parent)
    result = CliRunner().invoke(cli, ["build", "--final", "--out", str(tmp_path / "d.pptx")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    listed = re.findall(r"^content/(\S+\.yaml):(\d+):\d+: error C701: ", result.output, re.M)
    assert sorted((file, int(line)) for file, line in listed) == expected, result.output
    assert (
        f"Final build refused: {len(expected)} items still to be confirmed; nothing was written."
        in result.output
    )
    assert not (tmp_path / "d.pptx").exists()


def test_a_failed_final_build_leaves_the_earlier_deck_untouched(
    content_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    api.build(content_copy, out, cache_dir=tmp_path / "cache")
    before = out.read_bytes()
    with pytest.raises(ContentError):
        api.build(content_copy, out, cache_dir=tmp_path / "cache", final=True)
    assert out.read_bytes() == before


def test_final_build_succeeds_once_everything_is_confirmed(
    content_copy: Path, tmp_path: Path
) -> None:
    _confirm_everything(content_copy)
    assert _unconfirmed_lines(content_copy) == []
    result = api.build(content_copy, tmp_path / "final.pptx", cache_dir=tmp_path / "c", final=True)
    assert result.path is not None and result.path.is_file()
    assert result.to_confirm == 0


def test_the_draft_build_says_how_many_items_remain(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remaining = len(_unconfirmed_lines(content_copy))
    monkeypatch.chdir(content_copy.parent)
    result = CliRunner().invoke(cli, ["build", "--out", str(tmp_path / "d.pptx")])
    assert result.exit_code == 0
    assert f"Draft: {remaining} items still to be confirmed" in result.output


def test_an_item_with_no_status_is_unconfirmed_and_located_at_its_key(
    content_copy: Path,
) -> None:
    _confirm_everything(content_copy)
    quotes = content_copy / "quotes.yaml"
    edit_content(quotes, "    status: confirmed\n", "")
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy, final=True)
    errors = [d for d in caught.value.diagnostics if d.code == "C701"]
    assert len(errors) == 1
    assert "quote `pain-is-pain`" in errors[0].message
    location = errors[0].location
    assert location is not None and location.file.endswith("quotes.yaml")
    assert location.line == _line_of(quotes, "pain-is-pain:", "pain-is-pain:")


def test_an_unconfirmed_section_slide_also_stops_a_final_build(content_copy: Path) -> None:
    """Section slides draw no marker, but their own `status` must still count."""
    _confirm_everything(content_copy)
    edit_content(
        content_copy / "deck.yaml",
        "    id: part-essays\n",
        "    id: part-essays\n    status: unconfirmed\n    check: Is this the right name?\n",
    )
    _, plans, _ = api.plan(content_copy)  # a draft builds, and records what to check
    section = next(p for p in plans if p.id == "part-essays")
    assert [item.check for item in section.unconfirmed] == ["Is this the right name?"]
    assert "Is this the right name?" not in section.notes  # the review report says it
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy, final=True)
    messages = [d.message for d in caught.value.diagnostics if d.code == "C701"]
    assert messages == [
        "slide `part-essays` is not confirmed (on slide "
        + str(next(i for i, p in enumerate(plans, 1) if p.id == "part-essays"))
        + " `part-essays`): Is this the right name?"
    ]


def test_an_item_shown_on_two_slides_is_listed_once(content_copy: Path) -> None:
    _confirm_everything(content_copy)
    # `first`, the one opportunity with a discussion slide too
    edit_content(
        content_copy / "opportunities.yaml",
        "    status: confirmed\n    workshop:\n",
        "    status: unconfirmed\n    workshop:\n",
    )
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy, final=True)
    errors = [d for d in caught.value.diagnostics if d.code == "C701"]
    assert len(errors) == 1  # on the overview and on its own slide, reported once
    assert re.search(r"on slides \d+ `opportunities-overview`, \d+ `first`", errors[0].message)


def test_a_confirmed_item_with_a_note_says_it_in_the_notes_without_a_marker(
    content_copy: Path,
) -> None:
    _confirm_everything(content_copy)
    edit_content(
        content_copy / "statistics.yaml",
        '    year: "1992"\n',
        '    year: "1992"\n    note: Rounded from 24.6%.\n',
    )
    _, plans, _ = api.plan(content_copy, final=True)
    noted = [p for p in plans if "Rounded from 24.6%." in p.notes]
    assert noted, "the note did not reach any slide's notes"
    assert all(not p.unconfirmed for p in noted)


def test_a_check_left_on_a_confirmed_item_is_a_warning_at_that_line(content_copy: Path) -> None:
    quotes = content_copy / "quotes.yaml"
    edit_content(
        quotes, "    status: confirmed\n", "    status: confirmed\n    check: Is it exact?\n"
    )
    _, _, diags = api.plan(content_copy)
    warnings = [d for d in diags.items if d.code == "W204"]
    assert len(warnings) == 1
    assert warnings[0].severity == "warning"
    assert warnings[0].location is not None
    assert warnings[0].location.line == _line_of(quotes, "check: Is it exact?", "pain-is-pain")
    assert "quotes.pain-is-pain is confirmed but still has a `check:`" in warnings[0].message
