"""Incremental builds: a build in a warm process draws only the slides whose plan changed, and
writes the very bytes a cold build of the same content writes, after every kind of edit."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from summarydeck import api
from summarydeck.api.building import SLIDES

REPO = Path(__file__).resolve().parent.parent


def _cold_sha(content: Path, out: Path, variant: str | None = None) -> str:
    """The sha256 of the deck a fresh process builds: nothing kept from earlier builds."""
    code = (
        "import sys; from pathlib import Path; from summarydeck import api; "
        "r = api.build(Path(sys.argv[1]), Path(sys.argv[2]), "
        "selection=api.Selection(sys.argv[3] or None)); print(r.sha256)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(content), str(out), variant or ""],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _lines_moved(content: Path) -> None:  # every slide's lines move, no slide changes
    _replace(content / "deck.yaml", "\nslides:\n", "\n# a comment an editor added\n\nslides:\n")


def _one_word(content: Path) -> None:
    _replace(content / "deck.yaml", "often come together", "often arrive together")


def _new_slide(content: Path) -> None:  # every later slide moves and is renumbered
    _replace(
        content / "deck.yaml",
        "  - kind: agenda\n",
        "  - kind: bullets\n    id: added\n    title: An added slide\n"
        "    points: [One point, Another point]\n\n  - kind: agenda\n",
    )


def _slide_removed(content: Path) -> None:
    _replace(
        content / "deck.yaml",
        "  - kind: bullets\n    id: added\n    title: An added slide\n"
        "    points: [One point, Another point]\n\n",
        "",
    )


def _chart_value(content: Path) -> None:  # a chart, its workbook and its alt text
    path = content / "statistics.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("chart:")
    number = text.index("values:", start)
    line_end = text.index("\n", number)
    line = text[number:line_end]
    changed = line.replace("1", "2", 1) if "1" in line else line.replace("2", "3", 1)
    assert changed != line
    path.write_text(text[:number] + changed + text[line_end:], encoding="utf-8")


def _draft_footer(content: Path) -> None:  # a confirmed item unconfirmed: footers change
    _replace(content / "statistics.yaml", "status: confirmed", "status: unconfirmed")


def _brand_colour(content: Path) -> None:  # the master changes: every slide is drawn again
    path = content / "brand.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("primary:")
    quote = text.index('"#', start)
    old = text[quote : quote + 9]
    new = '"#1F3A5F"' if old != '"#1F3A5F"' else '"#203A5F"'
    path.write_text(text[:quote] + new + text[quote + 9 :], encoding="utf-8")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("lines moved", _lines_moved),
    ("one word", _one_word),
    ("a slide added", _new_slide),
    ("that slide removed", _slide_removed),
    ("a chart value", _chart_value),
    ("an item unconfirmed", _draft_footer),
    ("a brand colour", _brand_colour),
]


@pytest.mark.slow
def test_warm_builds_write_what_cold_builds_write_after_each_edit(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    out = tmp_path / "warm.pptx"
    first = api.build(content, out)
    assert first.drawn == first.slides
    assert first.sha256 == _cold_sha(content, tmp_path / "cold.pptx")
    for what, edit in EDITS:
        edit(content)
        warm = api.build(content, out, force=True)
        cold = _cold_sha(content, tmp_path / "cold.pptx")
        assert warm.sha256 == cold, f"after {what}, the warm build differs from a cold one"
        assert hashlib.sha256(out.read_bytes()).hexdigest() == cold


def test_a_one_word_edit_draws_one_slide(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    out = tmp_path / "deck.pptx"
    api.build(content, out)
    again = api.build(content, out)
    assert again.drawn == 0
    _one_word(content)
    edited = api.build(content, out)
    assert edited.drawn == 1
    SLIDES.clear()
    assert api.build(content, tmp_path / "fresh.pptx").sha256 == edited.sha256


def test_moved_lines_draw_nothing(tmp_path: Path) -> None:
    """A line added above the slides moves every slide's place in the YAML, which plans keep
    for error messages; the slides themselves did not change."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    api.build(content, tmp_path / "a.pptx")
    _lines_moved(content)
    assert api.build(content, tmp_path / "b.pptx").drawn == 0


def test_a_renumbered_slide_is_drawn_again(tmp_path: Path) -> None:
    """The slide-number field shows its number: a moved slide is not reused as it was."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    first = api.build(content, tmp_path / "a.pptx")
    _new_slide(content)
    added = api.build(content, tmp_path / "b.pptx")
    # the title and the slide before the new one stay; the new slide and all after it move
    assert added.drawn == added.slides - 2
    assert added.slides == first.slides + 1


def test_a_changed_master_draws_every_slide(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    api.build(content, tmp_path / "a.pptx")
    _brand_colour(content)
    again = api.build(content, tmp_path / "b.pptx")
    assert again.drawn == again.slides


def test_every_field_of_a_plan_but_its_place_in_the_content_is_in_the_slide_key() -> None:
    """A slide is kept by a key of its plan: a field left out of the key would let an edit
    of it reuse the old slide. Only what locates the plan in the content is left out."""
    import dataclasses

    from summarydeck.plan.types import SlidePlan
    from summarydeck.render.slide_cache import NOT_DRAWN, _as_drawn

    names = {f.name for f in dataclasses.fields(SlidePlan)}
    assert names >= NOT_DRAWN
    assert {"entry", "unconfirmed", "notes_drafted"} == NOT_DRAWN
    title = _plain("Title")
    plan = SlidePlan("an-id", "bullets", "Content", title, "Notes")
    keyed = _as_drawn(plan)
    for name in names - NOT_DRAWN - {"title", "subtitle", "elements"}:
        changed = dataclasses.replace(plan, **{name: _other(getattr(plan, name))})
        assert _as_drawn(changed) != keyed, name
    moved = dataclasses.replace(plan, entry=7, notes_drafted=True)
    assert _as_drawn(moved) == keyed


def _plain(text: str) -> object:
    from summarydeck.plan.types import TextElement, TextStyle
    from summarydeck.values import Box, Paragraph, Run

    return TextElement("Title", Box(0, 0, 10, 10), (Paragraph((Run(text),)),), TextStyle(size=20))


def _other(value: object) -> object:
    from summarydeck.plan.types import ColourRole

    if isinstance(value, bool):
        return not value
    if isinstance(value, ColourRole):
        return ColourRole.PRIMARY if value is not ColourRole.PRIMARY else ColourRole.TEXT
    if isinstance(value, str):
        return value + " changed"
    raise AssertionError(f"no other value for {value!r}: teach the test this field's type")
