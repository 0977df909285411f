"""Native column and bar charts: the value axis always holds every bar, below zero as well.

The deck is built from a copy of the full content set with its charts changed, and the chart
parts are read as XML from the package, as PowerPoint would read them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree
from pptx import Presentation

from summarydeck import api

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
A = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}

# statistic id -> the chart it gets; the categories tell the charts apart in the deck
CHARTS: dict[str, dict[str, Any]] = {
    "regions": {
        "type": "column",
        "categories": ["North", "Midlands", "South"],
        "series": [
            {"name": "2018", "values": [-12, 15, -9]},
            {"name": "2019", "values": [14, -13, 11]},
        ],
    },
    "comparison": {
        "type": "bar",
        "categories": ["Without", "With"],
        "series": [{"name": "Change", "values": [-1.0, -1.5]}],
        "number_format": '0.0"x"',
        "highlight": [1],
    },
    "split": {
        "type": "column",
        "categories": ["Zero A", "Zero B", "Zero C"],
        "series": [{"name": "Nothing", "values": [0, 0, 0]}],
    },
}


def read_charts(deck: Path) -> dict[str, tuple[Any, str]]:
    """(chart XML, alt text) of every native chart in `deck`, by its first category."""
    found: dict[str, tuple[Any, str]] = {}
    with zipfile.ZipFile(deck) as package:
        for slide in Presentation(str(deck)).slides:
            for shape in slide.shapes:
                if getattr(shape, "has_chart", False):
                    part = str(shape.chart.part.partname).lstrip("/")
                    xml = etree.fromstring(package.read(part))
                    first = xml.xpath("string(.//c:cat//c:pt[@idx='0']/c:v)", namespaces=C)
                    found[first] = (xml, shape._element.nvGraphicFramePr.cNvPr.get("descr"))
    return found


@pytest.fixture(scope="module")
def chart_xml(
    tmp_path_factory: pytest.TempPathFactory, full_content: Path
) -> dict[str, tuple[Any, str]]:
    """The native charts of the full deck built with `CHARTS` in place of its own."""
    root = tmp_path_factory.mktemp("native")
    content = root / "content"
    content.mkdir()
    for file in full_content.iterdir():
        (content / file.name).write_bytes(file.read_bytes())
    stats_file = content / "statistics.yaml"
    stats = yaml.safe_load(stats_file.read_text(encoding="utf-8"))
    for stat_id, chart in CHARTS.items():
        stats["statistics"][stat_id]["chart"] = chart
    stats_file.write_text(yaml.safe_dump(stats, sort_keys=False), encoding="utf-8")
    out = root / "deck.pptx"
    api.build(content, out)
    return read_charts(out)


def axis(xml: Any) -> tuple[float, float]:
    scaling = "c:chart/c:plotArea/c:valAx/c:scaling"
    low = xml.xpath(f"{scaling}/c:min/@val", namespaces=C)
    high = xml.xpath(f"{scaling}/c:max/@val", namespaces=C)
    assert len(low) == len(high) == 1, "the value axis should have a fixed minimum and maximum"
    return float(low[0]), float(high[0])


def values(xml: Any) -> list[float]:
    return [float(v) for v in xml.xpath(".//c:val//c:pt/c:v/text()", namespaces=C)]


def category_label_position(xml: Any) -> str:
    (position,) = xml.xpath("c:chart/c:plotArea/c:catAx/c:tickLblPos/@val", namespaces=C)
    return str(position)


def test_negative_and_positive_columns_both_fit(chart_xml: dict[str, tuple[Any, str]]) -> None:
    xml, alt_text = chart_xml["North"]
    assert sorted(values(xml)) == [-13, -12, -9, 11, 14, 15]
    assert axis(xml) == pytest.approx((-15.6, 18.0))  # 1.2 x the lowest and the highest
    # the category names sit at the foot of the plot, clear of the bars below zero
    assert category_label_position(xml) == "low"
    assert "North -12" in alt_text and "Midlands -13" in alt_text


def test_all_negative_bars_hang_from_zero(chart_xml: dict[str, tuple[Any, str]]) -> None:
    xml, alt_text = chart_xml["Without"]
    assert values(xml) == [-1.0, -1.5]
    assert axis(xml) == pytest.approx((-1.8, 0.0))
    assert category_label_position(xml) == "low"
    assert "Without -1.0x; With -1.5x" in alt_text


def test_all_zero_columns_get_a_sane_axis(chart_xml: dict[str, tuple[Any, str]]) -> None:
    xml, _ = chart_xml["Zero A"]
    assert values(xml) == [0, 0, 0]
    assert axis(xml) == (0.0, 1.0)


def test_every_bar_is_inside_the_value_axis(chart_xml: dict[str, tuple[Any, str]]) -> None:
    bar_charts = [xml for xml, _ in chart_xml.values() if xml.xpath(".//c:barChart", namespaces=C)]
    assert len(bar_charts) == 3
    for xml in bar_charts:
        low, high = axis(xml)
        assert low <= 0 <= high and low < high
        assert all(low <= value <= high for value in values(xml))


def test_positive_bars_keep_zero_at_the_base(full_deck: Path) -> None:
    xml, _ = read_charts(full_deck)["Without depression symptoms"]  # values 1.0 and 1.5
    assert axis(xml) == pytest.approx((0.0, 1.8))
    assert category_label_position(xml) == "nextTo"
    xml, _ = read_charts(full_deck)["North"]  # two series, 9 to 15
    assert axis(xml) == pytest.approx((0.0, 18.0))


def test_unlabelled_bars_reach_the_end_of_the_axis_and_part_by_lightness(
    content_copy: Path, tmp_path: Path
) -> None:
    """`value_labels: false` (a relative risk whose headline says the number): no values on
    the bars, the longest one reaching the axis end from zero, and the muted bar a lighter
    colour than the stressed one, written on the point."""
    stats_file = content_copy / "statistics.yaml"
    stats = yaml.safe_load(stats_file.read_text(encoding="utf-8"))
    chart = stats["statistics"]["comparison"]["chart"]
    chart.update(value_labels=False, number_format="General")
    stats_file.write_text(yaml.safe_dump(stats, sort_keys=False), encoding="utf-8")
    out = tmp_path / "deck.pptx"
    api.build(content_copy, out)
    xml, alt_text = read_charts(out)["Without depression symptoms"]
    assert axis(xml) == pytest.approx((0.0, 1.5))
    assert not xml.xpath(".//c:dLbls[c:showVal[@val='1']]", namespaces=C)
    (muted,) = xml.xpath(".//c:dPt[c:idx/@val='0']//a:srgbClr/@val", namespaces={**C, **A})
    assert muted != "52606D"  # not the muted text colour itself: lightened to 3:1 from the bar
    assert alt_text.startswith("50% higher likelihood of back pain")


def test_data_labels_are_set_at_the_chart_text_size(chart_xml: dict[str, tuple[Any, str]]) -> None:
    """One size for a chart's words and numbers: the body size, never a size worked out."""
    for xml, _ in chart_xml.values():
        sizes = {int(s) / 100 for s in xml.xpath(".//a:defRPr/@sz", namespaces=A)}
        assert len(sizes) == 1, sizes
        assert sizes.pop() >= 18
