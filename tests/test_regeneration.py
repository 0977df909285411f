"""Safe regeneration: the build's stamp, refusing to overwrite an edited deck, and `diff`.

On the full test content (tests/content/full), and for `build --all` on a copy of it with
variants (`helpers.variant_content`): what the tests expect is the test content's, or read from
the decks, never the Q Lab content's.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.chart.data import CategoryChartData

from conftest import FULL_CONTENT, fresh_copy
from helpers import edit_content, variant_content
from summarydeck import __version__, api
from summarydeck.cli import cli
from summarydeck.cli.reports import format_diff
from summarydeck.output.diff import DeckDiff, diff_decks
from summarydeck.output.guard import EditedDeckError, disk_state
from summarydeck.output.stamp import read_stamp
from summarydeck.source.assets import allow_folders

# the bullets slide of the full test deck: the one shape called "Body", and its title
BODY_SLIDE, BODY_TITLE = "what-we-learned", "What we learned"
# a point on that slide, and the same point reworded: an editor's one-word edit
POINT, REWORDED = "People are passed between services", "People are moved between services"


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The deck a build of `content_copy` writes, built once for the module from a copy of
    the full test content in a folder of the same name (the notes name the content's folder)."""
    root = tmp_path_factory.mktemp("built-once")
    content = Path(shutil.copytree(FULL_CONTENT, root / "content"))
    deck = root / "out" / "deck.pptx"
    api.build(content, deck)
    return deck


@pytest.fixture
def built(content_copy: Path, built_once: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(content, deck): a writable copy of the full test content and the deck built from it
    (a fresh copy of the module's build: the same bytes, manifest and chart cache)."""
    return content_copy, fresh_copy(built_once, tmp_path / "out" / "deck.pptx")


@pytest.fixture(scope="module")
def variants_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content, output): test content with three variants and the output/ folder `build
    --all` of it writes, built once for the module: copy them, never edit them."""
    root = tmp_path_factory.mktemp("variants-built")
    content = variant_content(root / "content")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        api.build_all(content.resolve())
    return content, root / "output"


@pytest.fixture
def built_all(variants_built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """(content, output) in `tmp_path` as `build --all` run there leaves them, copied from the
    module's build: write to them freely."""
    content, output = variants_built
    return (
        Path(shutil.copytree(content, tmp_path / "content")),
        Path(shutil.copytree(output, tmp_path / "output")),
    )


def test_a_copy_of_the_session_deck_is_what_a_build_writes(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """`built` copies the session's deck instead of building again: that is only sound while
    a build of the copied content writes the same deck and manifest, byte for byte."""
    content, copied = built
    deck = tmp_path / "again" / "deck.pptx"
    api.build(content, deck)
    assert deck.read_bytes() == copied.read_bytes()
    manifest = "deck.manifest.json"
    assert (deck.parent / manifest).read_bytes() == (copied.parent / manifest).read_bytes()


def edit_in_powerpoint(deck: Path, slide_id: str = BODY_SLIDE, text: str = "EDITED") -> None:
    """What a colleague does: open the deck, change a word on one slide, save it."""
    prs = Presentation(str(deck))
    for slide in prs.slides:
        if slide._element.find(".//{*}cSld").get("name") == slide_id:
            body = next(s for s in slide.shapes if s.name == "Body")
            body.text_frame.paragraphs[0].runs[0].text = text
    prs.save(str(deck))


def build_cli(*args: str) -> object:
    return CliRunner().invoke(cli, ["build", *args])


# --- the stamp --------------------------------------------------------------------------------


def test_each_build_stamps_version_content_hash_and_fingerprint(
    built_all: tuple[Path, Path],
) -> None:
    content, output = built_all
    [deck] = [p for p in output.glob("*.pptx") if p.name == "every-kind.pptx"]
    stamp = read_stamp(deck)
    assert stamp is not None
    assert stamp.version == __version__
    # the variant as resolved: the first listed, `full`
    assert stamp.content_hash == api.content_hash(content, api.Selection("full"))
    assert stamp.variant == "full"
    assert len(stamp.slides_hash) == 64
    with zipfile.ZipFile(deck) as package:
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("_rels/.rels").decode()
    assert "custom-properties+xml" in types
    assert "docProps/custom.xml" in rels


def test_the_content_hash_follows_the_content_and_the_selection(
    built_all: tuple[Path, Path],
) -> None:
    content, _ = built_all
    before = api.content_hash(content)
    assert api.content_hash(content, api.Selection("short")) != before
    (content / "quotes.yaml").write_text(
        (content / "quotes.yaml").read_text(encoding="utf-8") + "\n# a comment\n", "utf-8"
    )
    assert api.content_hash(content) != before


def test_a_stamped_deck_still_passes_its_package_checks(built: tuple[Path, Path]) -> None:
    _, deck = built
    report = api.check(None, deck)
    assert not [f for f in report.findings if f.code == "C101"]


# --- refusing to overwrite edits ----------------------------------------------------------


def test_a_hand_edited_deck_is_not_overwritten_without_force(built: tuple[Path, Path]) -> None:
    content, deck = built
    edit_in_powerpoint(deck)
    edited = deck.read_bytes()
    with pytest.raises(EditedDeckError) as caught:
        api.build(content, deck)
    assert BODY_SLIDE in str(caught.value)
    assert caught.value.hint is not None and "--force" in caught.value.hint
    assert deck.read_bytes() == edited

    run = build_cli("--content", str(content), "--out", str(deck))
    assert run.exit_code == 3  # type: ignore[attr-defined]
    assert "was edited since summarydeck wrote it" in run.output  # type: ignore[attr-defined]
    assert "  hint: copy those edits" in run.output  # type: ignore[attr-defined]
    assert "Traceback" not in run.output  # type: ignore[attr-defined]
    assert deck.read_bytes() == edited
    assert not list(deck.parent.glob("*.backup-*"))


def test_force_replaces_it_and_keeps_a_timestamped_backup(built: tuple[Path, Path]) -> None:
    content, deck = built
    edit_in_powerpoint(deck)
    edited = deck.read_bytes()
    run = build_cli("--content", str(content), "--out", str(deck), "--force")
    assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
    [backup] = deck.parent.glob("deck.backup-*.pptx")
    assert backup.read_bytes() == edited
    assert f"Kept the edited deck as {backup}" in run.output  # type: ignore[attr-defined]
    assert disk_state(deck).safe  # the new deck is ours again
    assert "EDITED" not in "".join(
        s.text_frame.text
        for sl in Presentation(str(deck)).slides
        for s in sl.shapes
        if s.has_text_frame
    )


def test_an_edit_is_found_without_the_manifest_too(built: tuple[Path, Path]) -> None:
    content, deck = built
    deck.with_name("deck.manifest.json").unlink()
    edit_in_powerpoint(deck)
    state = disk_state(deck)
    assert not state.safe and state.changed == ()  # no manifest: which slides is unknown
    with pytest.raises(EditedDeckError):
        api.build(content, deck)


def test_a_moved_box_counts_as_an_edit(built: tuple[Path, Path]) -> None:
    _, deck = built
    prs = Presentation(str(deck))
    shape = prs.slides[3].shapes[-1]
    shape.left = shape.left + 100_000
    prs.save(str(deck))
    assert not disk_state(deck).safe


def test_saving_again_without_a_change_is_not_an_edit(built: tuple[Path, Path]) -> None:
    content, deck = built
    Presentation(str(deck)).save(str(deck))  # rewritten XML, same slides
    assert disk_state(deck).safe
    api.build(content, deck)  # replaced without --force


def test_a_deck_summarydeck_did_not_write_is_not_replaced(
    tmp_path: Path, content_copy: Path
) -> None:
    deck = tmp_path / "theirs.pptx"
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Someone's own deck"
    prs.save(str(deck))
    with pytest.raises(EditedDeckError, match="was not written by summarydeck"):
        api.build(content_copy, deck)


def _without_stamp(deck: Path, old: Path, application: bytes = b"summarydeck") -> None:
    """A copy of `deck` as an earlier version wrote it (no stamp), saved last by
    `application`."""
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(old, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/custom.xml":
                continue
            if item.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = data.replace(b"custom.xml", b"gone.xml")
            if item.filename == "docProps/app.xml":
                data = data.replace(b">summarydeck<", b">" + application + b"<")
            target.writestr(item, data)


def test_a_deck_from_before_the_stamp_is_replaced(built: tuple[Path, Path]) -> None:
    """Decks written by earlier versions have no stamp, but are still ours when nothing else
    has saved them: the application that last saved it is still summarydeck."""
    _, deck = built
    old = deck.with_name("old.pptx")
    _without_stamp(deck, old)
    assert read_stamp(old) is None
    assert disk_state(old).safe


def test_a_deck_from_before_the_stamp_saved_by_powerpoint_is_kept(
    built: tuple[Path, Path],
) -> None:
    """PowerPoint (or LibreOffice, or Keynote) writes its own name into app.xml on saving: an
    unstamped deck it saved may hold edits we cannot see, so it is refused."""
    _, deck = built
    old = deck.with_name("old.pptx")
    _without_stamp(deck, old, b"Microsoft Office PowerPoint")
    state = disk_state(old)
    assert not state.safe and "was not written by summarydeck" in state.why


def test_build_all_writes_nothing_when_one_variant_was_edited(
    built_all: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output = built_all
    monkeypatch.chdir(tmp_path)  # holds output/ as `build --all` of the content leaves it
    paths = sorted(output.glob("*.pptx"))
    assert len(paths) == 3
    edit_in_powerpoint(output / "every-kind-short.pptx")
    before = {p: p.stat().st_mtime_ns for p in paths}
    run = build_cli("--content", str(content), "--all")
    assert run.exit_code == 3, run.output  # type: ignore[attr-defined]
    assert {p: p.stat().st_mtime_ns for p in paths} == before


# --- diff -----------------------------------------------------------------------------------


def test_diff_of_a_deck_with_itself_says_no_changes(built: tuple[Path, Path]) -> None:
    _, deck = built
    run = CliRunner().invoke(cli, ["diff", str(deck), str(deck), "--exit-code"])
    assert run.exit_code == 0
    assert run.output.startswith(f"No changes: {len(_ids(deck))} slides")


def test_diff_shows_text_chart_data_and_notes_slide_by_slide(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    content, deck = built
    old = tmp_path / "old.pptx"
    shutil.copy(deck, old)
    edit_content(content / "statistics.yaml", "values: [1.0, 1.5]", "values: [1.0, 1.7]")
    edit_content(content / "deck.yaml", POINT, REWORDED)
    api.build(content, deck)
    run = CliRunner().invoke(cli, ["diff", str(old), str(deck), "--exit-code"])
    assert run.exit_code == 1
    out = run.output
    ids = _ids(old)
    assert f"slide {ids.index('comparison') + 1} `comparison`: changed" in out
    assert "series" in out and "1.5 -> 1.7" in out
    assert "alt text:" in out  # the chart's alt text states its numbers
    assert f"slide {ids.index(BODY_SLIDE) + 1} `{BODY_SLIDE}`: changed" in out
    assert f"text: - {POINT}" in out and f"text: + {REWORDED}" in out
    assert "notes: - " in out
    assert f"2 changed ({len(ids)} slides before, {len(ids)} after)" in out


def test_diff_reports_added_removed_and_moved_slides(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    content, deck = built
    old = tmp_path / "old.pptx"
    shutil.copy(deck, old)
    deck_file = content / "deck.yaml"
    # move the quote before the overview, two slides up, and drop the first statistic slide
    quote = "  - kind: quote\n    quote: pain-is-pain\n"
    edit_content(deck_file, quote, "")
    teams = "  - kind: cards\n    id: teams\n"
    edit_content(deck_file, teams, quote + teams)
    edit_content(deck_file, "  - kind: statistic\n    statistic: one-in-four\n", "")
    api.build(content, deck)
    result = diff_decks(old, deck)
    status = {c.id: c.status for c in result.changes}
    assert status["one-in-four"] == "removed"
    assert status.get("pain-is-pain") == "moved" or status.get("teams") == "moved"
    assert BODY_SLIDE not in status  # only renumbered: not a change
    assert "1 removed" in format_diff(result)


def test_diff_as_json(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, deck = built
    edited = tmp_path / "edited.pptx"
    shutil.copy(deck, edited)
    edit_in_powerpoint(edited)
    run = CliRunner().invoke(cli, ["diff", str(deck), str(edited), "--format", "json"])
    data = json.loads(run.output)
    [change] = data["changes"]
    assert change["id"] == BODY_SLIDE and change["status"] == "changed"
    assert any(d.startswith("text: + EDITED") for d in change["details"])


def test_diff_reads_decks_from_other_tools(tmp_path: Path) -> None:
    decks = []
    for number, value in enumerate((3.0, 4.0)):
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = "Sales"
        data = CategoryChartData()
        data.categories = ["Q1", "Q2"]
        data.add_series("Units", (1.0, value))
        from pptx.enum.chart import XL_CHART_TYPE

        slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 3_000_000, 2_000_000, data)
        path = tmp_path / f"deck{number}.pptx"
        prs.save(str(path))
        decks.append(path)
    out = format_diff(diff_decks(*decks))
    assert "Q2 3 -> 4" in out


def test_diff_of_something_that_is_not_a_deck_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a deck", encoding="utf-8")
    run = CliRunner().invoke(cli, ["diff", str(bad), str(bad)])
    assert run.exit_code == 3
    assert "cannot be read as a PowerPoint deck" in run.output
    assert "Traceback" not in run.output


# --- edits that change no word ---------------------------------------------------------------


def _slide(prs: object, slide_id: str) -> object:
    return next(
        s
        for s in prs.slides  # type: ignore[attr-defined]
        if s._element.find(".//{*}cSld").get("name") == slide_id
    )


def _first_run(deck: Path, slide_id: str = BODY_SLIDE) -> tuple[object, object]:
    """The deck, open, and the first run of the slide's body: plain text, with spaces."""
    prs = Presentation(str(deck))
    body = next(s for s in _slide(prs, slide_id).shapes if s.name == "Body")  # type: ignore[attr-defined]
    return prs, body.text_frame.paragraphs[0].runs[0]


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda run: setattr(run.font, "bold", True), id="bold"),
        pytest.param(lambda run: setattr(run.font, "italic", True), id="italic"),
        pytest.param(lambda run: setattr(run.font, "size", 40 * 12700), id="size"),
        pytest.param(lambda run: run.font.color.__setattr__("rgb", _red()), id="colour"),
        pytest.param(
            lambda run: setattr(run.hyperlink, "address", "https://example.org/"), id="link"
        ),
    ],
)
def test_a_formatting_edit_counts_as_an_edit(
    built: tuple[Path, Path], built_once: Path, edit: object
) -> None:
    content, deck = built
    prs, run = _first_run(deck)
    edit(run)  # type: ignore[operator]
    prs.save(str(deck))  # type: ignore[attr-defined]
    state = disk_state(deck)
    assert not state.safe and state.changed == (BODY_SLIDE,)
    with pytest.raises(EditedDeckError):
        api.build(content, deck)
    assert "text formatting changed: Body" in format_diff(_rebuilt_diff(built_once, deck))


def _red() -> object:
    from pptx.dml.color import RGBColor

    return RGBColor(0xFF, 0, 0)


def _ids(deck: Path) -> list[str]:
    return [s._element.find("{*}cSld").get("name") for s in Presentation(str(deck)).slides]


def _rebuilt_diff(fresh: Path, deck: Path) -> DeckDiff:
    """The diff from what the unchanged content builds (`fresh`: the session's build of it)
    to the edited `deck`."""
    return diff_decks(fresh, deck)


def test_hiding_a_slide_counts_as_an_edit(built: tuple[Path, Path], built_once: Path) -> None:
    _, deck = built
    prs = Presentation(str(deck))
    _slide(prs, "one-in-four")._element.set("show", "0")  # type: ignore[attr-defined]
    prs.save(str(deck))
    state = disk_state(deck)
    assert not state.safe and state.changed == ("one-in-four",)
    assert "now hidden in a slide show" in format_diff(_rebuilt_diff(built_once, deck))


def test_slides_put_in_another_order_are_named(built: tuple[Path, Path]) -> None:
    content, deck = built
    prs = Presentation(str(deck))
    order = prs.slides._sldIdLst
    second = order[1]
    order.remove(second)
    order.insert(2, second)  # swap slides 2 and 3
    prs.save(str(deck))
    with pytest.raises(EditedDeckError) as caught:
        api.build(content, deck)
    moved = str(caught.value).split("(changed: ")[1].split(")")[0]
    assert moved == "`" + "`, `".join(_ids(deck)[1:3]) + "`"
    assert caught.value.hint is not None and "--force" in caught.value.hint


# --- all or nothing ----------------------------------------------------------------------------


def test_a_failed_write_leaves_every_deck_and_manifest_as_it_was(
    built_all: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build --all` writes nine files (three decks, their manifests and review reports); a
    disk that fills up at the fourth must leave the first three as they were, and no temporary
    files behind."""
    from summarydeck.diagnostics import OutputError
    from summarydeck.output import files as package

    content, output = built_all
    monkeypatch.chdir(tmp_path)  # holds output/ as `build --all` of the content leaves it
    before = {p: p.read_bytes() for p in output.iterdir() if p.is_file()}
    edit_content(content / "deck.yaml", POINT, REWORDED)

    real_stage = package._stage
    calls = []

    def fills_up(path: Path, data: bytes) -> tuple[Path, Path]:
        calls.append(path)
        if len(calls) == 4:
            raise OutputError(f"cannot write {path}: No space left on device")
        return real_stage(path, data)

    monkeypatch.setattr(package, "_stage", fills_up)
    with pytest.raises(OutputError, match="No space left"):
        api.build_all(content)
    after = {p: p.read_bytes() for p in output.iterdir() if p.is_file()}
    assert after == before
    assert len(before) == 9 and len(calls) == 4


# --- diff of decks from elsewhere ---------------------------------------------------------------


def test_diff_reads_a_notes_page_without_a_body(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, deck = built
    prs = Presentation(str(deck))
    notes = prs.slides[0].notes_slide
    body = notes.notes_placeholder
    assert body is not None
    body._element.getparent().remove(body._element)
    changed = tmp_path / "no-notes-body.pptx"
    prs.save(str(changed))
    [change] = diff_decks(deck, changed).changes
    assert change.id == "title" and any(d.startswith("notes: - ") for d in change.details)


def test_diff_tells_duplicated_slides_apart(built: tuple[Path, Path], tmp_path: Path) -> None:
    """PowerPoint's Duplicate Slide copies the slide's name: the copy is `<id>#2`."""
    import copy

    _, deck = built
    prs = Presentation(str(deck))
    # a slide of text only: copying its XML copies nothing that needs a relationship (the
    # closing slide's QR code does)
    source = _slide(prs, "pain-is-pain")
    twin = prs.slides.add_slide(source.slide_layout)  # type: ignore[attr-defined]
    twin._element.remove(twin._element.find("{*}cSld"))
    twin._element.insert(0, copy.deepcopy(source._element.find("{*}cSld")))  # type: ignore[attr-defined]
    changed = tmp_path / "duplicated.pptx"
    prs.save(str(changed))
    diff = diff_decks(deck, changed)
    assert [(c.id, c.status) for c in diff.changes] == [("pain-is-pain#2", "added")]


def test_diff_matches_slides_by_title_when_names_are_gone(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """An application that drops slide names (or another tool's deck): slides are matched by
    title, so one edit is one changed slide, not every slide removed and added."""
    _, deck = built
    prs = Presentation(str(deck))
    for slide in prs.slides:
        slide._element.find("{*}cSld").attrib.pop("name", None)
    body = next(s for s in _slide_by_title(prs, BODY_TITLE).shapes if s.name == "Body")
    body.text_frame.paragraphs[0].runs[0].text = "EDITED"
    unnamed = tmp_path / "unnamed.pptx"
    prs.save(str(unnamed))
    diff = diff_decks(deck, unnamed)
    assert [(c.id, c.status) for c in diff.changes] == [(BODY_SLIDE, "changed")]


def _slide_by_title(prs: object, title: str) -> object:
    return next(
        s
        for s in prs.slides  # type: ignore[attr-defined]
        if s.shapes.title is not None and s.shapes.title.text_frame.text.replace("\v", " ") == title
    )


def test_a_logo_kept_outside_the_content_folder_is_part_of_the_stamp(
    content_copy: Path, tmp_path: Path
) -> None:
    """A brand folder shared by several decks (named with `--assets`): a new logo there is a
    change of content."""
    shared = tmp_path / "brand-assets"
    shared.mkdir()
    (content_copy / "logo.png").rename(shared / "logo.png")
    edit_content(content_copy / "brand.yaml", "logo: logo.png", "logo: ../brand-assets/logo.png")
    deck = tmp_path / "deck.pptx"
    allow_folders([shared])
    try:
        first = read_stamp(Path(str(api.build(content_copy, deck).path)))
        logo = shared / "logo.png"
        logo.write_bytes(logo.read_bytes() + b"\0")  # another picture, same name
        second = read_stamp(Path(str(api.build(content_copy, deck).path)))
    finally:
        allow_folders([])
    assert first is not None and second is not None
    assert first.content_hash != second.content_hash


def test_runs_split_or_joined_on_saving_are_not_an_edit(built: tuple[Path, Path]) -> None:
    """PowerPoint's spell checker splits a run around a flagged word (`err="1"`, with `lang`
    and `dirty`); LibreOffice joins neighbouring runs that look the same. Neither is an edit."""
    import copy

    from lxml import etree

    _, deck = built
    prs, run = _first_run(deck)
    element = run._r  # type: ignore[attr-defined]
    text = element.find("{*}t").text
    cut = text.index(" ") + 1
    twin = copy.deepcopy(element)
    element.find("{*}t").text = text[:cut]
    twin.find("{*}t").text = text[cut:]
    props = twin.find("{*}rPr")
    if props is None:
        props = etree.SubElement(twin, f"{{{element.nsmap['a']}}}rPr")
        twin.insert(0, props)
    props.set("lang", "en-US")
    props.set("err", "1")
    props.set("dirty", "0")
    element.addnext(twin)
    empty = copy.deepcopy(element)  # and an empty run, as editors leave behind
    empty.find("{*}t").text = ""
    twin.addnext(empty)
    prs.save(str(deck))  # type: ignore[attr-defined]
    assert disk_state(deck).safe


def test_a_rename_refused_half_way_puts_every_file_back(
    built_all: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a deck open in PowerPoint cannot be replaced: when the third of six renames
    is refused, the two files already replaced go back, and nothing is left lying about."""
    import os

    from summarydeck.diagnostics import OutputError
    from summarydeck.output import files as package

    content, output = built_all
    monkeypatch.chdir(tmp_path)  # holds output/ as `build --all` of the content leaves it
    before = {p.name: p.read_bytes() for p in output.iterdir() if p.is_file()}
    edit_content(content / "deck.yaml", POINT, REWORDED)

    real_replace = os.replace
    calls: list[object] = []

    def locked(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(package.os, "replace", locked)
    with pytest.raises(OutputError, match="put back as they were"):
        api.build_all(content)
    monkeypatch.setattr(package.os, "replace", real_replace)
    after = {p.name: p.read_bytes() for p in output.iterdir() if p.is_file()}
    assert after == before
    assert len(calls) >= 3 + 2  # three tries forward, then the two put back


def test_diff_of_two_decks_without_names_matches_by_title(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """Both saved by an application that drops slide names: a slide added at the front is one
    slide added, not every slide changed."""
    _, deck = built
    decks = []
    for name, extra in (("before", False), ("after", True)):
        prs = Presentation(str(deck))
        for slide in prs.slides:
            slide._element.find("{*}cSld").attrib.pop("name", None)
        if extra:
            slide = prs.slides.add_slide(prs.slide_layouts[0])
            slide.shapes.title.text = "A new first slide"
            order = prs.slides._sldIdLst
            last = order[-1]
            order.remove(last)
            order.insert(0, last)
        path = tmp_path / f"{name}.pptx"
        prs.save(str(path))
        decks.append(path)
    diff = diff_decks(*decks)
    assert [c.status for c in diff.changes] == ["added"]
    assert diff.changes[0].title == "A new first slide"
