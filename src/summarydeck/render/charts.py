"""Native, editable charts ("Edit Data" works) styled from the theme, pictograms drawn as
native shapes (a head and a body per person, editable too), and picture charts."""

from __future__ import annotations

import copy
from io import BytesIO
from pathlib import Path
from typing import Any

from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from summarydeck.charts.axis import value_axis_range
from summarydeck.charts.fills import highlight_fills
from summarydeck.charts.pictogram import people
from summarydeck.markdown.inline import typeset_plain
from summarydeck.model.brand import Brand
from summarydeck.model.content import Chart, ChartType
from summarydeck.model.number_format import signed_format
from summarydeck.ooxml.names import qn
from summarydeck.plan.colours import role_hex
from summarydeck.plan.types import ChartElement, ColourRole
from summarydeck.render.chart_data import TextCellChartData
from summarydeck.render.theme import set_colour

_TYPES = {
    ChartType.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartType.BAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartType.PIE: XL_CHART_TYPE.PIE,
    ChartType.DOUGHNUT: XL_CHART_TYPE.DOUGHNUT,
}


OUTLINE = Pt(2.25)  # an uncounted person's outline: clear at projector size, never a fill


def add_chart(slide: Any, element: ChartElement, brand: Brand, cache_dir: Path | None) -> Any:
    engine = element.chart.engine_used
    if engine == "shapes":
        return _add_pictogram(slide, element, brand)
    if engine == "picture":
        return _add_picture_chart(slide, element, brand, cache_dir)
    return _add_native_chart(slide, element, brand)


def _add_pictogram(slide: Any, element: ChartElement, brand: Brand) -> Any:
    """One group of people: the counted ones filled, the rest outlined, so the split reads
    without colour; the group carries the alt text, its people are its parts."""
    spec = element.chart
    group = slide.shapes.add_group_shape()
    group.name = element.name
    group._element.nvGrpSpPr.cNvPr.set("descr", element.alt_text)
    fill = element.palette[0]
    for number, person in enumerate(people(spec.value or 0, spec.total or 1, element.box), 1):
        for part, box, shape in (
            ("head", person.head, MSO_SHAPE.OVAL),
            ("body", person.body, MSO_SHAPE.ROUNDED_RECTANGLE),
        ):
            drawn = group.shapes.add_shape(
                shape, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
            )
            drawn.name = f"Person {number} {part}"
            # no theme style: it brings an outline of its own and a drop shadow
            style = drawn._element.find(qn("p:style"))
            if style is not None:
                drawn._element.remove(style)
            if shape is MSO_SHAPE.ROUNDED_RECTANGLE:
                drawn.adjustments[0] = 0.5  # a pill: fully rounded ends
            if person.counted:
                drawn.fill.solid()
                set_colour(drawn.fill.fore_color, fill, brand)
                drawn.line.fill.background()
            else:
                drawn.fill.background()
                drawn.line.width = OUTLINE
                set_colour(drawn.line.color, ColourRole.MUTED, brand)
    return group


def _add_native_chart(slide: Any, element: ChartElement, brand: Brand) -> Any:
    spec, box = element.chart, element.box
    # the data stays in YAML order, so "Edit Data", the workbook and the alt text all agree;
    # its words are typeset like every text frame (curly quotes, range dashes), and written to
    # the workbook as text, never as formulas
    data = TextCellChartData(number_format=spec.number_format)
    data.categories = [typeset_plain(category) for category in spec.categories]
    for series in spec.series:
        data.add_series(typeset_plain(series.name), series.values, spec.number_format)
    frame = slide.shapes.add_chart(
        _TYPES[spec.type], Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height), data
    )
    frame.name = element.name
    frame._element.nvGraphicFramePr.cNvPr.set("descr", element.alt_text)
    chart = frame.chart
    chart.font.size = Pt(element.font_size)
    set_colour(chart.font.color, ColourRole.TEXT, brand)
    chart.has_title = False
    if spec.type in (ChartType.PIE, ChartType.DOUGHNUT):
        _style_pie(chart, spec, element, brand)
    else:
        _style_bars(chart, spec, element, brand)
    if chart.plots[0].has_data_labels:
        _approximate_labels(chart, spec)
    _unsigned_axis_ids(chart)
    return frame


def _style_bars(chart: Any, spec: Chart, element: ChartElement, brand: Brand) -> None:
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = -10 if len(spec.series) > 1 else 0
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    fills = highlight_fills(brand)
    for index, series in enumerate(plot.series):
        series.format.fill.solid()
        role = fills.stressed if spec.highlight else element.palette[index % len(element.palette)]
        set_colour(series.format.fill.fore_color, role, brand)
    if spec.highlight:  # the model allows it on one series only
        # stressed and muted bars differ in lightness (3:1), not only in hue
        for category in range(len(spec.categories)):
            if category in spec.highlight:
                continue
            point = plot.series[0].points[category]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(fills.others)
    # values written at the bars, unless the headline says the number and the bars only
    # show proportion; then the category names label each bar
    plot.has_data_labels = spec.value_labels or (bool(spec.highlight) and not fills.distinct)
    if plot.has_data_labels:
        labels = plot.data_labels
        labels.number_format = spec.number_format
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size = Pt(element.font_size)
        labels.font.bold = True
    value_axis = chart.value_axis
    value_axis.visible = False  # values are labelled directly
    value_axis.has_major_gridlines = False
    # zero is always on the axis, with room beyond the longest bar either way for its label
    values = [v for s in spec.series for v in s.values]
    value_axis.minimum_scale, value_axis.maximum_scale = value_axis_range(
        values, labelled=plot.has_data_labels
    )
    category_axis = chart.category_axis
    if min(values) < 0:
        # category names at the foot (or left) of the plot, clear of bars below zero
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    # bar charts draw the first category at the bottom; reversing the axis (not the data) puts
    # it on top, so categories (and each cluster's series) read top-down in YAML order
    if spec.type is ChartType.BAR:
        category_axis.reverse_order = True
    category_axis.has_major_gridlines = False
    category_axis.major_tick_mark = XL_TICK_MARK.NONE
    category_axis.tick_labels.font.size = Pt(element.font_size)
    category_axis.format.line.color.rgb = _rgb(role_hex(brand, ColourRole.MUTED))


def _style_pie(chart: Any, spec: Chart, element: ChartElement, brand: Brand) -> None:
    plot = chart.plots[0]
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(element.font_size)
    plot.vary_by_categories = True
    for index, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        if spec.highlight and index not in spec.highlight:
            set_colour(point.format.fill.fore_color, ColourRole.MUTED, brand)
        else:
            point.format.fill.fore_color.theme_color = _theme(element.palette, index)
        # a white edge separates neighbouring slices without relying on colour alone
        point.format.line.color.theme_color = _theme((ColourRole.BACKGROUND,), 0)
        point.format.line.width = Pt(2)
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = spec.number_format
    labels.number_format_is_linked = False
    labels.show_value = True
    labels.font.size = Pt(element.font_size)
    labels.font.bold = True
    if spec.type is ChartType.PIE:
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    else:  # doughnut labels sit on the ring
        set_colour(labels.font.color, ColourRole.BACKGROUND, brand)


def _approximate_labels(chart: Any, spec: Chart) -> None:
    """An approximate value's label shows its sign before the number (`~40`, `>100`): a label
    of its own for that point, with the chart's number format behind a quoted sign, in two
    sections so a negative value reads `~-5` as a picture chart's does (`signed_format`). The label
    still reads the value, so "Edit Data" keeps it right, and the workbook keeps the number.

    A series' own labels replace the chart's for all its points, so the series gets a copy of
    the chart's label settings, and each approximate point a copy with its own format."""
    group = chart.plots[0]._element.find(qn("c:dLbls"))
    for series, data in zip(chart.plots[0].series, spec.series, strict=True):
        qualifiers = data.qualifiers
        if not any(qualifiers):
            continue
        labels = series._element.get_or_add_dLbls()
        for child in list(labels):
            labels.remove(child)
        for child in group:
            labels.append(copy.deepcopy(child))
        first = labels[0] if len(labels) else None
        for index, qualifier in enumerate(qualifiers):
            if qualifier is None:
                continue
            signed = signed_format(spec.number_format, qualifier.sign)
            point = _point_label(group, index, signed)
            if first is not None:
                first.addprevious(point)
            else:
                labels.append(point)


# a point's label holds the group's settings but not these (CT_DLbl has no leader lines)
_GROUP_ONLY = ("c:showLeaderLines", "c:leaderLines", "c:extLst")


def _point_label(group: Any, index: int, number_format: str) -> Any:
    """A `c:dLbl` for point `index`: the group's settings, its own number format."""
    from lxml import etree

    label = etree.Element(qn("c:dLbl"))
    etree.SubElement(label, qn("c:idx")).set("val", str(index))
    fmt = etree.SubElement(label, qn("c:numFmt"))
    fmt.set("formatCode", number_format)
    fmt.set("sourceLinked", "0")
    skip = {qn(tag) for tag in (*_GROUP_ONLY, "c:numFmt")}
    for child in group:
        if child.tag not in skip:
            label.append(copy.deepcopy(child))
    return label


def _theme(palette: tuple[ColourRole, ...], index: int) -> Any:
    from summarydeck.render.theme import THEME_SLOTS

    return THEME_SLOTS[palette[index % len(palette)]]


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#"))


def _unsigned_axis_ids(chart: Any) -> None:
    """python-pptx's chart templates carry negative axis ids, which the schema types as unsigned.

    The obvious fix (`value & 0xFFFFFFFF`) gives ids above 2**31 that LibreOffice misreads: it
    then loses the category axis labels. Renumbering them 1, 2, ... is valid and safe for both.
    """
    space = chart._chartSpace
    renumbered: dict[str, str] = {}
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        old = element.get("val")
        if old not in renumbered:
            renumbered[old] = str(len(renumbered) + 1)
        element.set("val", renumbered[old])


def _add_picture_chart(
    slide: Any, element: ChartElement, brand: Brand, cache_dir: Path | None
) -> Any:
    from summarydeck.charts.picture import render_chart_png

    png, (width_px, height_px) = render_chart_png(element, brand, cache_dir)
    box = element.box
    # keep the picture's aspect ratio inside the box, centred
    scale = min(box.width / width_px, box.height / height_px)
    width, height = round(width_px * scale), round(height_px * scale)
    left = box.left + (box.width - width) // 2
    top = box.top + (box.height - height) // 2
    picture = slide.shapes.add_picture(BytesIO(png), Emu(left), Emu(top), Emu(width), Emu(height))
    picture.name = element.name
    picture._element.nvPicPr.cNvPr.set("descr", element.alt_text)
    return picture
