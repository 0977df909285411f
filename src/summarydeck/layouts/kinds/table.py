"""A table: rows of short text under column headings, written as a real PowerPoint table.

Screen readers announce it as a table (row and column headings included) and people can edit
it in PowerPoint, where loose boxes drawn to look like a table are neither. The table spans the
text margins; its first column is as wide as its content needs; its text starts at the body
size and steps down the type scale to fit. A table too long for one slide even at the floor
continues on the next, the header row repeated, the later slides titled "... (continued)".

A row may carry `status: unconfirmed` and `check:` like any item: it then shows a quiet "To be
confirmed" in its last cell, and a final build refuses it until it is confirmed.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from pydantic import ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, SourceIdList, Status, Strict, Text
from summarydeck.model.errors import FieldProblem
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.continuation import continued_id, continued_title
from summarydeck.plan.table_fit import CellStyle, TableFit, TooTall, fit_table
from summarydeck.plan.types import SlidePlan, TableCell, TableElement, ToConfirm
from summarydeck.source.yaml_loader import dotted
from summarydeck.values import Box, inches

MAX_COLUMNS = 5  # more columns than this leave each too narrow for 18 pt text
MAX_ROWS = 40
ROW_KEYS = ("status", "check")  # a row's own keys; every other key names a column
BODY_FLOOR = 18.0  # body cells shrink no further (GOV.UK and NHS: 18 pt and up when projected)
ABSOLUTE_FLOOR = 14.0  # nothing the audience reads is smaller
CELLS = CellStyle(pad_x=inches(0.12), pad_y=inches(0.07), header=True, bold_first_column=True)


class TableRow(Strict):
    """One row: its cells keyed by column heading (*Markdown*), and its own provenance."""

    # the keys are the table's column headings, so the row's model cannot list them: it takes
    # any key, and the table checks each against its `columns`
    model_config = ConfigDict(
        extra="allow", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True
    )
    __pydantic_extra__: dict[str, Markdown] = Field(init=False)

    status: Status | None = Field(
        default=None,
        description='`unconfirmed`: the row says "To be confirmed" and a final build refuses it.',
    )
    check: Text | None = Field(
        default=None, description="What an editor still has to check in this row."
    )

    def cell(self, column: str) -> str | None:
        return (self.model_extra or {}).get(column)


class TableSlide(SlideSpec):
    title: Text = Field(description="The slide's title.")
    columns: list[Text] = Field(
        min_length=2, max_length=MAX_COLUMNS, description="2 to 5 column headings."
    )
    rows: list[TableRow] = Field(
        min_length=1,
        max_length=MAX_ROWS,
        description="1 to 40 rows, each a column heading -> that cell's text (Markdown).",
    )
    sources: SourceIdList = Field(
        default_factory=list,
        description="The ids of sources cited at the foot of the slide: one id or a list.",
    )
    references: ClassVar[dict[str, str]] = {"sources": "sources"}

    @model_validator(mode="after")
    def _cells_under_columns(self) -> TableSlide:
        """Every cell under a column of the table; every problem reported, each at its key."""
        problems: list[InitErrorDetails] = []
        data: dict[str, Any] = {"columns": self.columns}

        def problem(message: str, at: tuple[str | int, ...], hint: str) -> None:
            error = FieldProblem(message, at=at, hint=hint)
            problems.append(InitErrorDetails(type="value_error", input=data, ctx={"error": error}))

        for index, heading in enumerate(self.columns):
            if heading in ROW_KEYS:
                problem(
                    f"`{heading}` is a row's own key, so it cannot be a column heading",
                    ("columns", index),
                    f"call the column something else, e.g. `{heading.title()} of the work`",
                )
            elif heading in self.columns[:index]:
                problem(f"column `{heading}` is listed twice", ("columns", index), "remove one")
        for index, row in enumerate(self.rows):
            cells = row.model_extra or {}
            for key, value in cells.items():
                if key not in self.columns:  # at the key, with the headings to choose from
                    problems.append(
                        InitErrorDetails(
                            type="extra_forbidden",
                            loc=("rows", index, key),
                            input=value,
                            ctx={"choices": (*self.columns, *ROW_KEYS)},
                        )
                    )
            if not cells:
                problem(
                    "the row has no cells",
                    ("rows", index),
                    f"write each cell as `<column heading>: text`, e.g. `{self.columns[0]}: ...`",
                )
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self


def body_sizes(scale: TypeScale) -> list[float]:
    """The sizes a table's text may take, largest first: the body size down the type scale to
    the body floor (never below 18 pt, nor 14 pt whatever the brand says)."""
    floor = max(scale.body_min, min(BODY_FLOOR, scale.body), ABSOLUTE_FLOOR)
    top = max(scale.body, floor)
    return sorted((s for s in scale.steps() if floor <= s <= top), reverse=True) or [top]


@register("table", TableSlide)
def plan_table(spec: TableSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Rows and columns of short text as a real table, its header row on every slide it takes."""
    path = ("slides", ctx.slide_index)
    header = tuple(
        TableCell(ctx.plain(heading), (*path, "columns", n))
        for n, heading in enumerate(spec.columns)
    )
    body = [_row(spec, index, ctx) for index in range(len(spec.rows))]
    area = ctx.grid.body
    fitted = fit_table(
        [header, *body], area.width, area.height, body_sizes(ctx.scale), ctx.deck.brand, CELLS
    )
    if isinstance(fitted, TooTall):
        _report_too_tall(spec, fitted, ctx)
        return []
    cited = ctx.cited(spec.sources)
    plans = []
    for number, page in enumerate(fitted.pages, 1):
        title = continued_title(spec.title, number, len(fitted.pages), ctx.deck.labels)
        alt = ctx.label("table_alt", rows=len(spec.rows), columns=", ".join(spec.columns))
        table = _element(spec, header, body, page, fitted, area, alt)
        draft = sentences(title) + " " + " ".join(_spoken(spec, i) for i in page)
        # the entry's own notes belong to its first slide
        entry = spec if number == 1 else spec.model_copy(update={"notes": None})
        plan = ctx.content_slide(entry, title, [table], draft.strip(), cited=cited)
        plan = dataclasses.replace(
            plan,
            id=continued_id(spec.slide_id, number),
            unconfirmed=plan.unconfirmed + _rows_to_confirm(spec, page, ctx),
        )
        plans.append(plan)
    return plans


def _row(spec: TableSlide, index: int, ctx: LayoutContext) -> tuple[TableCell, ...]:
    """A body row's cells in column order (a missing cell is empty); a row still to be
    confirmed says so, quietly, in its last cell."""
    row = spec.rows[index]
    path = ("slides", ctx.slide_index, "rows", index)
    cells = []
    for column, heading in enumerate(spec.columns):
        text = row.cell(heading)
        last = column == len(spec.columns) - 1
        cells.append(
            TableCell(
                ctx.markdown(text) if text else (),
                (*path, heading) if text else path,
                ctx.label("to_be_confirmed") if last and row.status is Status.UNCONFIRMED else "",
            )
        )
    return tuple(cells)


def _element(
    spec: TableSlide,
    header: tuple[TableCell, ...],
    body: list[tuple[TableCell, ...]],
    page: tuple[int, ...],
    fitted: TableFit,
    area: Box,
    alt_text: str,
) -> TableElement:
    heights = (fitted.heights[0], *(fitted.heights[1 + i] for i in page))
    return TableElement(
        "Table",
        Box(area.left, area.top, area.width, sum(heights)),
        (header, *(body[i] for i in page)),
        fitted.widths,
        heights,
        fitted.size,
        fitted.size,
        pad_x=CELLS.pad_x,
        pad_y=fitted.pad_y,
        alt_text=alt_text,
    )


def _spoken(spec: TableSlide, index: int) -> str:
    """A row as a sentence or two of the drafted speaker notes, the way a presenter says it:
    "Keele University: an animation ...", the first cell naming the row."""
    row = spec.rows[index]
    label, *cells = (row.cell(column) for column in spec.columns)
    rest = [cell for cell in cells if cell]
    if label and rest:
        return sentences(f"{label}: {rest[0]}", *rest[1:])
    return sentences(*(cell for cell in (label, *rest) if cell))


def _rows_to_confirm(
    spec: TableSlide, page: tuple[int, ...], ctx: LayoutContext
) -> tuple[ToConfirm, ...]:
    """The rows on this slide still to be confirmed, each pointing at its own `status:`."""
    out = []
    for index in page:
        row = spec.rows[index]
        if row.status is not Status.UNCONFIRMED:
            continue
        path = ("slides", ctx.slide_index, "rows", index)
        out.append(
            ctx.to_confirm(
                f"row {index + 1} of table `{spec.slide_id}`",
                row.check or "this row is not yet confirmed against its source",
                path,
            )
        )
    return tuple(out)


def _report_too_tall(spec: TableSlide, too_tall: TooTall, ctx: LayoutContext) -> None:
    """E401 at the tallest cell of a row that does not fit on a slide even on its own."""
    smap = ctx.deck.source_map
    source = too_tall.cell.source
    what = "the header row" if too_tall.row is None else f"row {too_tall.row + 1}"
    needed = too_tall.points + too_tall.room
    share = min(90, max(5, round(100 * too_tall.points / needed / 5) * 5))
    ctx.diags.error(
        "E401",  # the fitter's code (plan.fit.FIT_CODE), written out so the code table sees it
        f"{dotted(source) + ': ' if source else ''}the text does not fit on slide "
        f"`{spec.slide_id}` (Table, {what}): it is {too_tall.points:.0f} pt too tall even at "
        f"{too_tall.size:g} pt",
        smap.locate(source) if source else smap.locate(("slides", ctx.slide_index)),
        f"shorten it by about {share}%, or split it over two rows",
    )  # the planner names the slide it is laying out (`_name_the_slide`)
