"""A native chart's data, with an embedded workbook whose words are always text.

python-pptx writes the workbook behind "Edit Data" with XlsxWriter's `write()`, which reads a
string starting with `=` as a formula (and one like `https://...` as a hyperlink): a category
named `=HYPERLINK(...)` would become a live formula there, while the chart shows it as text.
Here every string is written with `write_string` and every number as a number; the chart's
XML caches, which python-pptx writes from the same data, keep the same text.

python-pptx also pastes number formats into its chart XML templates unescaped, so a format
holding a quoted `&` or `<` (`0" & more"`) made the XML unreadable: the data keeps each format
escaped for those templates and the workbook writer unescapes it again.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, unescape

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter


class _TextCellWriter(CategoryWorkbookWriter):
    """python-pptx's category sheet (same cells, same references), text written as text."""

    def _write_cat_column(self, worksheet: Any, col: int, level: Any, num_format: Any) -> None:
        worksheet.set_column(col, col, 10)  # as python-pptx: wide enough for a date
        for offset, name in level:
            _write_cell(worksheet, offset + 1, col, name, num_format)

    def _write_series(self, workbook: Any, worksheet: Any) -> None:
        col_offset = self._chart_data.categories.depth
        for index, series in enumerate(self._chart_data):
            num_format = workbook.add_format({"num_format": unescape(series.number_format)})
            column = index + col_offset
            _write_cell(worksheet, 0, column, series.name)
            for row, value in enumerate(series.values, 1):
                _write_cell(worksheet, row, column, value, num_format)


def _write_cell(worksheet: Any, row: int, col: int, value: Any, *style: Any) -> None:
    if isinstance(value, str):
        worksheet.write_string(row, col, value, *style)
    else:  # numbers as numbers, None as a blank, a date category as a date
        worksheet.write(row, col, value, *style)


class TextCellChartData(CategoryChartData):
    """`CategoryChartData` whose workbook writes every string as a text cell, and whose
    number formats are safe in python-pptx's XML templates."""

    def __init__(self, number_format: str = "General") -> None:
        super().__init__(escape(number_format))

    def add_series(self, name: str, values: Any = (), number_format: str | None = None) -> Any:
        shown = None if number_format is None else escape(number_format)
        return super().add_series(name, values, shown)

    @property
    def _workbook_writer(self) -> _TextCellWriter:
        return _TextCellWriter(self)
