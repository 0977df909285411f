"""`summarydeck confirm` stamps an item with a fingerprint of what it claims, in its file, in
place; a confirmed item whose claim changed since is warned about (W212) and counts as
unconfirmed on its slide and for a final build; a confirmed item without a stamp stays quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import edit_content
from summarydeck import api
from summarydeck.cli import cli
from summarydeck.diagnostics import ContentError, Diagnostic, OutputError, SelectionError


def _warnings(content: Path, code: str = "W212") -> list[Diagnostic]:
    _, _, diags = api.plan(content)
    return [d for d in diags.items if d.code == code]


def _unconfirmed(content: Path) -> set[tuple[str | int, ...]]:
    _, plans, _ = api.plan(content)
    return {item.path for plan in plans for item in plan.unconfirmed}


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines only in `before`, lines only in `after` (the files differ by a few lines)."""
    old, new = before.splitlines(), after.splitlines()
    return [x for x in old if x not in new], [x for x in new if x not in old]


def test_confirm_sets_the_status_and_writes_the_fingerprint_in_place(content_copy: Path) -> None:
    file = content_copy / "opportunities.yaml"
    edit_content(file, "    status: unconfirmed\n", "    status: unconfirmed  # until May\n")
    before = file.read_text()
    assert ("opportunities", "second") in _unconfirmed(content_copy)
    done = api.confirm(content_copy, ["opportunities.second"])
    assert [(d.name, d.was, d.check) for d in done] == [
        ("opportunities.second", "unconfirmed", True)
    ]
    after = file.read_text()
    gone, added = _changed_lines(before, after)
    # the value replaced where it stands (its comment kept), one line added under it
    assert gone == ["    status: unconfirmed  # until May"]
    assert added == [
        "    status: confirmed  # until May",
        f"    confirmed_as: {done[0].fingerprint}",
    ]
    lines = after.splitlines()
    assert lines[lines.index(added[0]) + 1] == added[1]
    assert ("opportunities", "second") not in _unconfirmed(content_copy)
    assert _warnings(content_copy) == []


def test_an_item_confirmed_before_fingerprints_is_quiet_and_gets_one(content_copy: Path) -> None:
    assert _warnings(content_copy) == []  # confirmed items without `confirmed_as:`
    file = content_copy / "statistics.yaml"
    before = file.read_text()
    (done,) = api.confirm(content_copy, ["one-in-four"])
    assert (done.name, done.was) == ("statistics.one-in-four", "confirmed")
    _, added = _changed_lines(before, file.read_text())
    assert added == [f"    confirmed_as: {done.fingerprint}"]
    text = file.read_text()
    assert text.index("    status: confirmed\n    confirmed_as:") < text.index("    chart:")
    # confirming again changes nothing
    (again,) = api.confirm(content_copy, ["statistics.one-in-four"])
    assert again.was == "same" and not again.edited
    assert file.read_text() == text


def test_a_changed_claim_is_warned_about_and_unconfirmed_again(content_copy: Path) -> None:
    api.confirm(content_copy, ["statistics.one-in-four"])
    file = content_copy / "statistics.yaml"
    edit_content(file, "    headline: 1 in 4\n", "    headline: 1 in 5\n")
    (warning,) = _warnings(content_copy)
    assert warning.location is not None
    assert Path(warning.location.file).name == "statistics.yaml"
    lines = file.read_text().splitlines()
    assert lines[warning.location.line - 1] == "    headline: 1 in 5"
    assert warning.location.column == 5
    assert "statistics.one-in-four was confirmed, but `headline` changed since" in warning.message
    assert warning.hint is not None and "summarydeck confirm statistics.one-in-four" in warning.hint
    # the slide shows it as to be confirmed, and a final deck refuses it
    assert ("statistics", "one-in-four") in _unconfirmed(content_copy)
    with pytest.raises(ContentError) as caught:
        api.validate(content_copy, final=True)
    refused = [d for d in caught.value.diagnostics if d.code == "C701"]
    assert any("one-in-four" in d.message and "`headline` changed" in d.message for d in refused)
    # confirming it again clears both
    (done,) = api.confirm(content_copy, ["one-in-four"])
    assert done.was == "changed" and "`headline` changed" in done.changed
    assert _warnings(content_copy) == []
    assert ("statistics", "one-in-four") not in _unconfirmed(content_copy)


def test_a_changed_chart_number_names_the_chart(content_copy: Path) -> None:
    api.confirm(content_copy, ["comparison"])
    edit_content(content_copy / "statistics.yaml", "values: [1.0, 1.5]", "values: [1.0, 1.6]")
    (warning,) = _warnings(content_copy)
    assert "`chart` changed since" in warning.message
    assert warning.location is not None
    line = (content_copy / "statistics.yaml").read_text().splitlines()[warning.location.line - 1]
    assert line == "    chart:"


def test_a_quote_and_an_item_without_a_status_line(content_copy: Path) -> None:
    """An item with no `status:` gets both lines after its one-line `source:`."""
    file = content_copy / "quotes.yaml"
    edit_content(file, "    source: report-a\n    status: confirmed\n", "    source: report-a\n")
    (done,) = api.confirm(content_copy, ["pain-is-pain"])
    assert done.was == "unconfirmed"
    assert "    source: report-a\n    status: confirmed\n    confirmed_as: " in file.read_text()
    edit_content(file, "Pain is pain", "Pain is pain!")
    (warning,) = _warnings(content_copy)
    assert "`text` changed" in warning.message


# each edit changes what the item claims, or where it says it is from: W212 names that field
# and points at its line
CLAIM_EDITS = [
    # (item, file, text, edited to, the field named, the line warned at)
    (
        "one-in-four",
        "statistics",
        "    source: report-b\n",
        "    source: report-a\n",
        "source",
        "    source: report-a",
    ),
    (
        "one-in-four",
        "statistics",
        "One in four of us",
        "One in five of us",
        "takeaway",
        "    takeaway: One in five of us has a mental health problem each year",
    ),
    (
        "comparison",
        "statistics",
        """number_format: '0.0"x"'""",
        """number_format: '0.00"x"'""",
        "number_format",
        """      number_format: '0.00"x"'""",
    ),
    # a format left at its default: the warning is at the chart
    (
        "comparison",
        "statistics",
        """      number_format: '0.0"x"'\n""",
        "",
        "number_format",
        "    chart:",
    ),
    (
        "pain-is-pain",
        "quotes",
        "    source: report-a\n",
        "    source: [report-a, report-b]\n",
        "source",
        "    source: [report-a, report-b]",
    ),
    (
        "pain-is-pain",
        "quotes",
        "Lab participant, 2019\n",
        "Lab participant, 2019\n    paraphrase: true\n",
        "paraphrase",
        "    paraphrase: true",
    ),
    (
        "intro",
        "essays",
        "    source: report-a\n",
        "    source: report-b\n",
        "source",
        "    source: report-b",
    ),
    (
        "first",
        "opportunities",
        "      - Mentoring for complex cases\n    source: report-a\n",
        "      - Mentoring for complex cases\n    source: report-b\n",
        "source",
        "    source: report-b",
    ),
]


@pytest.mark.parametrize(
    ("item", "file", "old", "new", "field", "line"),
    CLAIM_EDITS,
    ids=[f"{c[0]}-{c[4]}" for c in CLAIM_EDITS],
)
def test_an_edit_to_the_claim_or_its_source_is_named(
    content_copy: Path, item: str, file: str, old: str, new: str, field: str, line: str
) -> None:
    api.confirm(content_copy, [item])
    assert _warnings(content_copy) == []
    path = content_copy / f"{file}.yaml"
    edit_content(path, old, new)
    (warning,) = _warnings(content_copy)
    assert f"{file}.{item} was confirmed, but `{field}` changed since" in warning.message
    assert warning.location is not None
    assert path.read_text().splitlines()[warning.location.line - 1] == line
    (done,) = api.confirm(content_copy, [item])
    assert done.was == "changed" and f"`{field}` changed" in done.changed
    assert _warnings(content_copy) == []


def test_a_stamp_of_fewer_fields_says_so_and_is_confirmed_again(content_copy: Path) -> None:
    """A stamp written when fewer fields were fingerprinted (a quote's text and attribution
    alone) cannot say which field changed: W212 says the fingerprint's fields changed."""
    file = content_copy / "quotes.yaml"
    edit_content(
        file, "    status: confirmed\n", "    status: confirmed\n    confirmed_as: 1234-abcd\n"
    )
    (warning,) = _warnings(content_copy)
    assert "was confirmed, but what its fingerprint covers changed since" in warning.message
    (done,) = api.confirm(content_copy, ["pain-is-pain"])
    assert done.was == "changed" and len(done.fingerprint.split("-")) == 4
    assert _warnings(content_copy) == []


def test_unknown_and_ambiguous_names_are_refused_with_a_suggestion(content_copy: Path) -> None:
    with pytest.raises(SelectionError) as caught:
        api.confirm(content_copy, ["statistics.one-in-for"])
    assert caught.value.hint == "did you mean `statistics.one-in-four`?"
    with (content_copy / "quotes.yaml").open("a") as quotes:  # `first` names two items
        quotes.write("  first:\n    text: Words.\n    attribution: Someone\n")
    with pytest.raises(SelectionError) as caught:
        api.confirm(content_copy, ["first"])
    assert "`opportunities.first` or `quotes.first`" in (caught.value.hint or "")


def test_a_slide_is_not_an_item_and_its_status_line_is_named(content_copy: Path) -> None:
    """A storyboard entry carries `status:` too: `confirm` does not edit it, and says where
    it is."""
    deck = content_copy / "deck.yaml"
    lines = deck.read_text().splitlines()
    status = lines.index("    status: unconfirmed", lines.index("    id: teams")) + 1
    for name in ("teams", "slides.teams"):
        with pytest.raises(SelectionError) as caught:
            api.confirm(content_copy, [name])
        assert "`teams` is a slide of the storyboard, not an item" in str(caught.value)
        assert "confirmed by its `status:` line" in str(caught.value)
        assert (caught.value.hint or "").endswith(f"set `status: confirmed` at {deck}:{status}")
    # a slide without a status that shows an item: confirm the item
    with pytest.raises(SelectionError) as caught:
        api.confirm(content_copy, ["one-in-four-pictogram"])
    assert "has no `status:`" in str(caught.value)
    assert "`statistics.one-in-four`" in (caught.value.hint or "")
    # a name that is neither says what `confirm` takes, and where a slide's status is
    with pytest.raises(SelectionError) as caught:
        api.confirm(content_copy, ["nothing-like-it"])
    assert "takes an item of essays, opportunities, statistics or quotes" in str(caught.value)
    assert "`status:` line of its storyboard entry" in str(caught.value)


def _refused(content: Path, name: str) -> OutputError:
    files = {f: f.read_bytes() for f in content.glob("*.yaml")}
    with pytest.raises(OutputError) as caught:
        api.confirm(content, [name])
    assert {f: f.read_bytes() for f in content.glob("*.yaml")} == files  # nothing written
    assert "changed while it was being confirmed" not in str(caught.value)
    assert caught.value.hint is not None and "set `status: confirmed` by hand" in caught.value.hint
    assert "cannot edit safely" in caught.value.hint
    return caught.value


def test_an_item_written_as_a_mapping_on_its_own_line_says_so(content_copy: Path) -> None:
    file = content_copy / "quotes.yaml"
    text = file.read_text()
    edit_content(
        file,
        text[text.index("  pain-is-pain:") :],
        "  pain-is-pain:\n"
        '    {text: "Pain is pain.", attribution: A participant, source: report-a}\n',
    )
    error = _refused(content_copy, "pain-is-pain")
    assert "cannot confirm quotes.pain-is-pain in its file" in str(error)
    assert "written as a `{...}` mapping" in str(error)


def test_items_that_share_keys_through_a_merge_key_say_so(content_copy: Path) -> None:
    with (content_copy / "quotes.yaml").open("a") as quotes:
        quotes.write(
            "  shared: &base\n    text: Words.\n    attribution: Someone\n"
            "    source: report-a\n    status: unconfirmed\n"
            "  merged:\n    <<: *base\n    text: Other words.\n"
        )
    error = _refused(content_copy, "merged")
    assert "it takes keys from quotes.shared with a merge key (`<<: *anchor`)" in str(error)
    error = _refused(content_copy, "shared")
    assert "quotes.merged takes keys from it with a merge key" in str(error)


def test_an_item_written_on_one_line_is_left_for_the_editor(content_copy: Path) -> None:
    file = content_copy / "quotes.yaml"
    text = file.read_text()
    edit_content(
        file,
        text[text.index("  pain-is-pain:") :],
        '  pain-is-pain: {text: "Pain is pain.", attribution: A participant, source: report-a}\n',
    )
    before = file.read_text()
    with pytest.raises(OutputError) as caught:
        api.confirm(content_copy, ["pain-is-pain"])
    assert "quotes.pain-is-pain" in str(caught.value)
    assert file.read_text() == before


def test_the_command(content_copy: Path) -> None:
    result = CliRunner().invoke(
        cli, ["confirm", "--content", str(content_copy), "second", "statistics.one-in-four"]
    )
    assert result.exit_code == 0, result.output
    assert "opportunities.second: confirmed, confirmed_as: " in result.output
    assert "still has a `check:` line" in result.output
    assert "2 items written" in result.output
    result = CliRunner().invoke(cli, ["confirm", "--content", str(content_copy), "nothing-here"])
    assert result.exit_code == 2
    assert "no item `nothing-here` to confirm" in result.output
