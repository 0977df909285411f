"""The floor: bare python-pptx writing the same slides as a built deck, without our layout.

    python bench/floor.py SLIDES.json OUT.pptx

SLIDES.json is what bench/speed.py read back from a deck summarydeck built: per slide its
title, its texts (every text box, table cell and grouped shape's text), its speaker notes and
its charts (type, categories, series). This script writes one slide per entry: the title, one
text box per text, the notes, and a native chart with its embedded workbook wherever the deck
has a chart. No measuring, fitting, theme or checks: the time a python-pptx program needs at
the least to write that deck, startup and imports included, as for a CLI build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Inches, Pt


def main() -> None:
    slides = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)  # 16:9, as our decks
    layout = prs.slide_layouts[5]  # "Title Only"
    left, width = Inches(0.6), Inches(12.1)
    for spec in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = spec["title"]
        texts = spec["texts"]
        step = Emu(int(Inches(5.6) / max(1, len(texts))))
        for number, text in enumerate(texts):
            box = slide.shapes.add_textbox(left, Inches(1.6) + step * number, width, step)
            box.text_frame.word_wrap = True
            box.text_frame.text = text
            for paragraph in box.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(18)
        for chart in spec["charts"]:
            data = CategoryChartData(number_format=chart["number_format"])
            data.categories = chart["categories"]
            for name, values in chart["series"]:
                data.add_series(name, values)
            slide.shapes.add_chart(
                XL_CHART_TYPE(chart["type"]),
                Inches(0.6),
                Inches(1.6),
                Inches(7),
                Inches(5),
                data,
            )
        if spec["notes"]:
            slide.notes_slide.notes_text_frame.text = spec["notes"]
    prs.save(sys.argv[2])


if __name__ == "__main__":
    main()
