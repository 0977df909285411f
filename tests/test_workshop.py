"""A workshop that runs itself: the timed agenda, breaks, the wrap-up, and discussion and
activity slides that look different from content slides and show their minutes.

On a copy of the full test content with variants (`helpers.variant_content`), timed here: the
workshop starts at 09:30; section `part-numbers` takes 12 minutes and `part-essays` 8; the
discussions of `first` and `second` take 10 and 15; a 15-minute break follows them; then the
activity (20) and the wrap-up (10). So the workshop runs 09:30 to 11:00.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from helpers import edit_content, variant_content
from summarydeck import api
from summarydeck.diagnostics import CODES, ContentError, Diagnostics
from summarydeck.layouts.registry import kinds
from summarydeck.layouts.timetable import timetable
from summarydeck.layouts.workshop import PANEL_PAD
from summarydeck.layouts.workshop_agenda import MAX_ROWS, ROW_GAP, SPARE, arrange
from summarydeck.plan.grid import Grid
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import ColourRole, ShapeElement, SlidePlan, TextElement
from summarydeck.values import inches

BREAK = """\
  - kind: break
    tags: [workshop]
    minutes: 15
    message: Tea is next door.
"""
WRAPUP = """\
  - kind: wrapup
    tags: [workshop]
    title: "Wrap-up: what will you try?"
    minutes: 10
    prompts:
      - What will you try first?
      - Who will you tell?
    capture: Write it on a card and put it on the wall.
"""


def workshop_content(target: Path, start: str | None = '"09:30"') -> Path:
    """The variant test content, timed (see the module's docstring); `start=None`: no start."""
    variant_content(target)
    deck = target / "deck.yaml"
    if start is not None:
        edit_content(deck, "    discussion: true\n", f"    discussion: true\n    start: {start}\n")
    edit_content(deck, "    id: part-numbers\n", "    id: part-numbers\n    minutes: 12\n")
    edit_content(deck, "    id: part-essays\n", "    id: part-essays\n    minutes: 8\n")
    edit_content(deck, "    opportunity: second\n", "    opportunity: second\n" + BREAK)
    edit_content(deck, "  - kind: sources\n", WRAPUP + "  - kind: sources\n")
    return target


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The timed content, shared by the module's tests: read it, never edit it."""
    return workshop_content(tmp_path_factory.mktemp("workshop") / "content")


@pytest.fixture(scope="module")
def workshop(content: Path) -> dict[str, SlidePlan]:
    """The workshop variant's slides, by id."""
    _, plans, _ = api.plan(content, selection=api.Selection(variant="workshop"))
    return {plan.id: plan for plan in plans}


def text(element: TextElement) -> str:
    """An element's first paragraph, its non-breaking spaces (`10 min`) read as spaces."""
    return element.paragraphs[0].text.replace("\u00a0", " ")


def texts(plan: SlidePlan) -> list[str]:
    return [
        p.text.replace("\u00a0", " ")
        for e in plan.elements
        if isinstance(e, TextElement)
        for p in e.paragraphs
    ]


def named(plan: SlidePlan, name: str) -> TextElement:
    [element] = [e for e in plan.elements if isinstance(e, TextElement) and e.name == name]
    return element


def row_texts(plan: SlidePlan, what: str) -> list[str]:
    """The agenda's `what` frames (`time`, `minutes`, ...) in row order."""
    frames = [e for e in plan.elements if isinstance(e, TextElement) and e.name.startswith(what)]
    return [text(e) for e in sorted(frames, key=lambda e: e.box.top)]


# --- the timed agenda --------------------------------------------------------------------------


def test_the_workshop_agenda_adds_up_each_section_its_discussions_activity_and_breaks(
    workshop: dict[str, SlidePlan],
) -> None:
    agenda = workshop["agenda"]
    items = [t for t in row_texts(agenda, "Agenda item ") if t]
    titles = [
        text(e)
        for e in agenda.elements
        if e.name.startswith("Agenda item") and not e.name.endswith("parts")
    ]
    assert titles == ["The numbers", "The essays", "Break", "The essays (continued)"]
    # a section: its talk plus what happens in it; the rows add up to the whole workshop
    minutes = row_texts(agenda, "Agenda minutes")
    assert minutes == ["12 min", "33 min", "15 min", "30 min"]
    assert sum(int(m.split()[0]) for m in minutes) == 90  # 09:30 to 11:00, in the title
    assert "Talk 8 min · 2 discussions, 25 min" in items
    assert "Activity 20 min · Wrap-up 10 min" in items
    assert text(agenda.title) == "The workshop runs from 09:30 to 11:00"


def test_the_timetable_is_the_sum_of_the_minutes_the_content_gives(content: Path) -> None:
    deck, _, _ = api.plan(content, selection=api.Selection(variant="workshop"))
    table = timetable(deck)
    assert table is not None
    assert [(s.slide_id, s.minutes) for s in table.slots] == [
        ("part-numbers", 12),
        ("part-essays", 8),
        ("first-discussion", 10),  # opportunities.first.workshop.minutes
        ("second-discussion", 15),
        ("break", 15),
        ("activity-plan-a-test", 20),
        ("wrap-up", 10),
    ]
    assert table.total == 90 and table.start == 9 * 60 + 30 and table.end == 11 * 60


def test_clock_times_come_from_the_variants_start(workshop: dict[str, SlidePlan]) -> None:
    assert row_texts(workshop["agenda"], "Agenda time") == ["09:30", "09:42", "10:15", "10:30"]
    notes = workshop["agenda"].notes.replace("\u00a0", " ")
    assert "09:42 The essays (33 minutes): Talk 8 min · 2 discussions, 25 min." in notes


def test_without_a_start_the_agenda_has_minutes_but_no_clock(tmp_path: Path) -> None:
    content = workshop_content(tmp_path / "content", start=None)
    _, plans, _ = api.plan(content, selection=api.Selection(variant="workshop"))
    agenda = next(p for p in plans if p.kind == "agenda")
    assert row_texts(agenda, "Agenda time") == []
    assert row_texts(agenda, "Agenda minutes") == ["12 min", "33 min", "15 min", "30 min"]
    assert text(agenda.title) == "The workshop takes 1 hour 30 minutes"
    pause = next(p for p in plans if p.kind == "break")
    assert text(named(pause, "Break time")) == "15 minutes"


def test_the_full_and_short_variants_keep_the_untimed_agenda(content: Path) -> None:
    _, plans, _ = api.plan(content, selection=api.Selection(variant="full"))
    agenda = next(p for p in plans if p.kind == "agenda")
    assert text(agenda.title) == "What this deck covers"
    assert not any(" min" in t for t in texts(agenda))
    assert "break" not in [p.kind for p in plans] and "wrapup" not in [p.kind for p in plans]


def test_a_section_without_minutes_is_a_located_warning_and_the_clock_goes(
    tmp_path: Path,
) -> None:
    content = workshop_content(tmp_path / "content")
    edit_content(content / "deck.yaml", "    minutes: 8\n", "")
    _, plans, diags = api.plan(content, selection=api.Selection(variant="workshop"))
    [warning] = [d for d in diags.items if d.code == "W209"]
    assert "section `part-essays` has no `minutes:`" in warning.message
    assert "starts at a set time" in warning.message
    assert warning.location is not None and warning.location.file.endswith("deck.yaml")
    lines = (content / "deck.yaml").read_text("utf-8").splitlines()
    assert lines[warning.location.line - 1].strip() == "- kind: section"
    assert lines[warning.location.line].strip() == "id: part-essays"
    agenda = next(p for p in plans if p.kind == "agenda")
    assert row_texts(agenda, "Agenda time") == []  # a time after a gap would be a guess
    assert "15 min" in row_texts(agenda, "Agenda minutes")  # the break still says its length


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"25:00"', '`25:00` is not a time of day; write it as "HH:MM", e.g. "10:00"'),
        ('"half past nine"', "`half past nine` is not a time of day"),
        # a number is not a time (an unquoted 9:30 is: YAML 1.2 reads it as text)
        ("10", "the number `10` is not a time of day; write it as HH:MM: 10:00"),
    ],
)
def test_a_start_that_is_not_a_time_is_a_located_error(
    tmp_path: Path, written: str, message: str
) -> None:
    content = workshop_content(tmp_path / "content", start=written)
    with pytest.raises(ContentError) as caught:
        api.plan(content, selection=api.Selection(variant="workshop"))
    [error] = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert error.code == "E203" and message in error.message
    assert error.message.startswith("variants.workshop.start:")
    assert error.location is not None and error.location.file.endswith("deck.yaml")
    line = (content / "deck.yaml").read_text("utf-8").splitlines()[error.location.line - 1]
    assert line == f"    start: {written}"
    assert line[error.location.column - 1 :].startswith(written)


# --- a day with three breaks: seven rows -------------------------------------------------------

COFFEE = """\
  - kind: break
    id: coffee
    tags: [workshop]
    minutes: 10
"""
LUNCH = """\
  - kind: break
    id: lunch
    tags: [workshop]
    minutes: 45
  - kind: section
    id: part-opportunities
    minutes: 5
    title: The opportunities
"""
# long enough to wrap on the agenda, short enough for their own section slides
TWO_LINES = (
    "The numbers and what they say about how common each condition is, and how often the two"
)
THREE_LINES = (
    "The numbers and what they say about how common each condition is and how often the two "
    "come together in people who live with both"
)


def three_breaks(target: Path, start: str | None = '"09:30"', title: str | None = None) -> Path:
    """The timed content with a coffee break after the first section and lunch before a third,
    so the agenda has seven rows (`MAX_ROWS`), two with a line of what happens in them:
    09:30 The numbers, 09:42 coffee, 09:52 The essays, 10:00 lunch, 10:45 The opportunities
    (2 discussions), 11:15 break, 11:30 The opportunities (continued) (activity, wrap-up).
    `title`: every section's title."""
    workshop_content(target, start)
    deck = target / "deck.yaml"
    essays = "  - kind: section\n    id: part-essays\n"
    edit_content(deck, essays, COFFEE + essays)
    edit_content(deck, "  - kind: opportunities\n", LUNCH + "  - kind: opportunities\n")
    if title:
        for old in ("The numbers", "The essays", "The opportunities"):
            edit_content(deck, f"    title: {old}\n", f"    title: {title}\n")
    return target


def agenda_of(content: Path) -> tuple[SlidePlan, list[SlidePlan], Diagnostics]:
    _, plans, diags = api.plan(content, selection=api.Selection(variant="workshop"))
    return next(p for p in plans if p.kind == "agenda"), plans, diags


def test_a_workshop_with_three_breaks_lists_seven_rows_that_fit(tmp_path: Path) -> None:
    content = three_breaks(tmp_path / "content")
    agenda, _, _ = agenda_of(content)
    assert row_texts(agenda, "Agenda time") == [
        *("09:30", "09:42", "09:52", "10:00", "10:45", "11:15", "11:30")
    ]
    # each section still says what happens in it, on a line under its title
    parts = [text(e) for e in agenda.elements if e.name.endswith(" parts")]
    assert parts == ["Talk 5 min · 2 discussions, 25 min", "Activity 20 min · Wrap-up 10 min"]
    grid, brand = Grid.for_size("16:9"), api.load(content)[0].brand
    # the rows' text (a number's circle sits a little above its line, to centre on it)
    frames = [
        e
        for e in agenda.elements
        if isinstance(e, TextElement) and not e.name.startswith("Agenda number")
    ]
    for frame in frames:  # in the body, each frame as tall as its text needs
        assert grid.body.top <= frame.box.top and frame.box.bottom <= grid.body.bottom, frame.name
        assert needed_emu(frame, brand) <= frame.box.height, frame.name
    rows = sorted((e for e in frames if e.name.startswith("Agenda item")), key=lambda e: e.box.top)
    for above, below in itertools.pairwise(rows):
        assert above.box.bottom <= below.box.top, (above.name, below.name)


def test_the_seven_row_agenda_builds_without_findings(tmp_path: Path) -> None:
    content = three_breaks(tmp_path / "content")
    result = api.build(content, tmp_path / "w.pptx", selection=api.Selection("workshop"))
    assert result.check is not None
    assert [f"{f.code} {f.slide_id}: {f.message}" for f in result.check.findings] == []


def test_rows_too_tall_with_their_parts_lines_leave_them_to_the_notes(tmp_path: Path) -> None:
    content = three_breaks(tmp_path / "content", title=TWO_LINES)
    agenda, _, _ = agenda_of(content)
    assert not [e.name for e in agenda.elements if e.name.endswith(" parts")]
    assert len(row_texts(agenda, "Agenda time")) == 7
    notes = agenda.notes.replace("\u00a0", " ")
    assert "Talk 5 min · 2 discussions, 25 min" in notes
    assert "Activity 20 min · Wrap-up 10 min" in notes


def test_rows_that_cannot_fit_are_an_error_at_the_agenda_saying_what_to_change(
    tmp_path: Path,
) -> None:
    content = three_breaks(tmp_path / "content", title=THREE_LINES)
    with pytest.raises(ContentError) as caught:
        agenda_of(content)
    [error] = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert error.code == "E210" and "7 rows of sections and breaks do not fit" in error.message
    assert error.hint is not None and "merge sections or drop a break" in error.hint
    assert error.location is not None
    line = (content / "deck.yaml").read_text("utf-8").splitlines()[error.location.line - 1]
    assert line.strip() == "- kind: agenda"


def test_the_row_limit_is_documented_with_e210() -> None:
    """An editor who meets E210 at a workshop agenda finds its limit in the code's text."""
    limit = f"workshop's timed agenda with more than {MAX_ROWS} rows"
    assert limit in CODES["E210"].meaning
    doc = (Path(__file__).parents[1] / "docs" / "content-errors.md").read_text("utf-8")
    section = doc.split("### E210 ")[1].split("\n### ")[0]
    assert limit in " ".join(section.split())


def test_rows_are_arranged_with_the_smallest_change_that_fits() -> None:
    """Airy rows with their parts lines; else snug rows; else snug rows without parts."""
    line, part = inches(0.35), inches(0.3)
    titles, parts = [line] * 7, [0, 0, 0, 0, part, 0, part]
    gaps = ROW_GAP * 6
    airy = arrange(titles, parts, inches(0.5) * 7 + 2 * part + gaps + inches(0.2))
    assert airy is not None and airy.with_parts and airy.gap > ROW_GAP
    assert airy.title_heights == (inches(0.5),) * 7
    snug = arrange(titles, parts, line * 7 + 2 * part + gaps + inches(0.2))
    assert snug is not None and snug.with_parts
    assert snug.title_heights == (line + SPARE,) * 7
    assert snug.heights[4] == line + SPARE + part + SPARE
    bare = arrange(titles, parts, (line + SPARE) * 7 + gaps)
    assert bare is not None and not bare.with_parts and bare.heights == bare.title_heights
    assert bare.gap == ROW_GAP
    assert arrange(titles, parts, (line + SPARE) * 7 + gaps - 1) is None


def test_breaks_at_the_default_title_have_titles_of_their_own(tmp_path: Path) -> None:
    """Screen-reader users move by title: each break says when it ends, or is numbered."""
    _, plans, diags = agenda_of(three_breaks(tmp_path / "timed"))
    breaks = [p for p in plans if p.kind == "break"]
    assert [text(p.title) for p in breaks] == [
        "Break until 09:52",
        "Break until 10:45",
        "Break until 11:30",
    ]
    assert [text(named(p, "Break time")) for p in breaks] == [
        "10 minutes",
        "45 minutes",
        "15 minutes",
    ]
    assert not [d for d in diags.items if d.code == "W202"]
    _, plans, diags = agenda_of(three_breaks(tmp_path / "untimed", start=None))
    titles = [text(p.title) for p in plans if p.kind == "break"]
    assert titles == ["Break 1 of 3", "Break 2 of 3", "Break 3 of 3"]
    assert not [d for d in diags.items if d.code == "W202"]


def test_a_break_given_a_title_keeps_it_and_says_when_to_be_back(tmp_path: Path) -> None:
    content = three_breaks(tmp_path / "content")
    edit_content(content / "deck.yaml", "    id: lunch\n", "    id: lunch\n    title: Lunch\n")
    _, plans, _ = agenda_of(content)
    lunch = next(p for p in plans if p.id == "lunch")
    assert text(lunch.title) == "Lunch"
    assert text(named(lunch, "Break time")) == "45 minutes, back at 10:45"


# --- the break ---------------------------------------------------------------------------------


def test_the_break_says_how_long_and_when_to_be_back(workshop: dict[str, SlidePlan]) -> None:
    pause = workshop["break"]
    assert pause.kind == "break" and "break" in kinds()
    # the time to be back is in the title, so the line under it says the length only
    assert text(pause.title) == "Break until 10:30"
    assert text(named(pause, "Break time")) == "15 minutes"
    assert "Tea is next door." in texts(pause)
    assert pause.background is ColourRole.SURFACE  # the calm workshop look
    assert "we start again at 10:30" in pause.notes


def test_the_break_reads_as_one_group_under_its_rule(
    workshop: dict[str, SlidePlan], content: Path
) -> None:
    """Title, time and message stack close under each other's text, none over another."""
    deck, _, _ = api.plan(content, selection=api.Selection(variant="workshop"))
    pause = workshop["break"]
    title, time = pause.title, named(pause, "Break time")
    message = named(pause, "Break message")
    title_ends = title.box.top + needed_emu(title, deck.brand)
    assert title.box.bottom <= time.box.top <= title_ends + inches(0.25)
    time_ends = time.box.top + needed_emu(time, deck.brand)
    assert time.box.bottom <= message.box.top <= time_ends + inches(0.4)


def test_a_break_needs_its_minutes(tmp_path: Path) -> None:
    content = workshop_content(tmp_path / "content")
    edit_content(content / "deck.yaml", "    minutes: 15\n    message:", "    message:")
    with pytest.raises(ContentError) as caught:
        api.plan(content)
    assert any(
        d.code == "E202" and "missing required key `minutes`" in d.message
        for d in caught.value.diagnostics
    )


# --- discussion, activity and wrap-up: their own look, with the time on the slide ---------------


@pytest.mark.parametrize(
    ("slide", "minutes"),
    [
        ("first-discussion", "10 min"),
        ("second-discussion", "15 min"),
        ("activity-plan-a-test", "20 min"),
        ("wrap-up", "10 min"),
    ],
)
def test_workshop_slides_show_their_minutes_large_inside_the_margins(
    workshop: dict[str, SlidePlan], slide: str, minutes: str
) -> None:
    plan = workshop[slide]
    badge = named(plan, "Time badge label")
    assert text(badge) == minutes
    assert badge.style.size >= 24 and badge.style.bold
    assert badge.style.colour is ColourRole.BACKGROUND  # light on the primary colour
    [shape] = [e for e in plan.elements if isinstance(e, ShapeElement) and e.name == "Time badge"]
    assert shape.fill is ColourRole.PRIMARY and shape.box == badge.box
    grid = Grid.for_size("16:9")
    assert badge.box.left >= grid.margin and badge.box.right <= grid.width - grid.margin
    # clear of the title, which the layout narrows to leave the badge its place
    assert plan.title.box.right < badge.box.left


def test_workshop_slides_look_different_from_content_slides(
    workshop: dict[str, SlidePlan],
) -> None:
    looks = {plan.id: (plan.layout, plan.background) for plan in workshop.values()}
    for slide in ("first-discussion", "activity-plan-a-test", "wrap-up", "break"):
        assert looks[slide][1] is ColourRole.SURFACE, slide
    for slide in ("what-we-learned", "intro", "first", "agenda"):
        assert looks[slide][1] is ColourRole.BACKGROUND, slide
    assert looks["first-discussion"][0] == "Discussion"
    assert looks["activity-plan-a-test"][0] == "Activity"
    assert looks["wrap-up"][0] == "Wrap-up"


def test_the_wrap_up_asks_what_people_will_try_and_how_to_capture_it(
    workshop: dict[str, SlidePlan],
) -> None:
    wrap = workshop["wrap-up"]
    assert text(wrap.title) == "Wrap-up: what will you try?"
    prompts = named(wrap, "Wrap-up prompts")
    assert [p.text for p in prompts.paragraphs] == [
        "What will you try first?",
        "Who will you tell?",
    ]
    assert [p.bullet for p in prompts.paragraphs] == ["number", "number"]
    assert text(named(wrap, "Capture label")) == "Capture it"
    assert text(named(wrap, "Capture text")) == ("Write it on a card and put it on the wall.")
    # the two panels end level
    panels = [e for e in wrap.elements if isinstance(e, ShapeElement) and "panel" in e.name.lower()]
    assert len(panels) == 2 and panels[0].box.bottom == panels[1].box.bottom


def test_the_workshop_panels_headings_are_body_bold_at_one_size(
    workshop: dict[str, SlidePlan], content: Path
) -> None:
    """ "Capture it", "You will need" and "Discuss in small groups" are one kind of heading."""
    scale = api.load(content)[0].brand.type_scale
    capture = named(workshop["wrap-up"], "Capture label")
    discuss = named(workshop["first-discussion"], "Discussion label")
    materials = named(workshop["activity-plan-a-test"], "Activity materials")
    [need] = materials.paragraphs[0].runs
    assert need.text == "You will need" and need.bold
    for heading in (capture, discuss):
        assert heading.style.font == "body" and heading.style.bold, heading.name
    sizes = {capture.style.size, discuss.style.size, materials.style.size}
    assert sizes == {scale.label}


LONGER_STEPS = """\
  - Describe one person who would benefit, and what would be different for them
      - Agree who would lead the change, and by when
      - Agree one small change"""
LONGER_PROMPTS = """\
      - Who will you tell, so that it happens?
      - When will you look back at what changed?
      - What would make you stop?
"""
LONGER_CAPTURE = (
    "capture: We will photograph the wall and send the picture to everyone who came. "
    "Write it on a card"
)


@pytest.mark.parametrize(
    ("slide", "panels", "texts"),
    [
        (
            "activity-plan-a-test",
            ("Activity steps panel", "Activity materials panel"),
            ("Activity steps", "Activity materials"),
        ),
        (
            "wrap-up",
            ("Wrap-up prompts panel", "Capture panel"),
            ("Wrap-up prompts", "Capture text"),
        ),
    ],
)
@pytest.mark.parametrize("taller", ["right", "left"])
def test_panels_side_by_side_end_level_with_their_text_at_its_own_size(
    tmp_path: Path,
    slide: str,
    panels: tuple[str, str],
    texts: tuple[str, str],
    taller: str,
) -> None:
    """The two panels end at one height, whichever needs more, and each text fits at the
    size it was designed at (nothing stepped down because a panel ended a little short)."""
    content = workshop_content(tmp_path / "content")
    deck = content / "deck.yaml"
    if taller == "left":  # more steps, longer prompts
        edit_content(deck, "  - Agree one small change", LONGER_STEPS)
        edit_content(deck, "      - Who will you tell?\n", LONGER_PROMPTS)
    else:  # more materials, a longer capture
        edit_content(
            deck, "materials: [Sticky notes, Pens]", "materials: [Sticky notes, Pens, Tape]"
        )
        edit_content(deck, "capture: Write it on a card", LONGER_CAPTURE)
    _, plans, _ = api.plan(content, selection=api.Selection(variant="workshop"))
    plan = next(p for p in plans if p.id == slide)
    shapes = {e.name: e for e in plan.elements if isinstance(e, ShapeElement)}
    left, right = (shapes[name] for name in panels)
    assert left.box.top == right.box.top and left.box.bottom == right.box.bottom
    brand = api.load(content)[0].brand
    for name, panel in zip(texts, (left, right), strict=True):
        frame = named(plan, name)
        assert frame.designed_size is None, f"{name} stepped down to {frame.style.size}"
        assert needed_emu(frame, brand) <= frame.box.height - frame.inset, name
        # inside its panel, on the panel's padding like its neighbour
        assert frame.box.left - panel.box.left == PANEL_PAD and frame.inset == 0, name
        assert panel.box.top < frame.box.top and frame.box.bottom < panel.box.bottom, name


def test_the_built_workshop_deck_has_no_findings(content: Path, tmp_path: Path) -> None:
    """Rendered: the tinted slides, the badges and the agenda pass every check (contrast of
    light text on the badge, text inside its box, shapes on the slide)."""
    result = api.build(content, tmp_path / "workshop.pptx", selection=api.Selection("workshop"))
    assert result.check is not None
    assert [f"{f.code} {f.slide_id}: {f.message}" for f in result.check.findings] == []
