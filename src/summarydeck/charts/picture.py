"""Picture charts drawn with matplotlib in the brand's palette and fonts, cached by content hash.

matplotlib costs about a second to import and ~130 ms per figure, so it is imported only here,
only when a picture chart is drawn, and each PNG is kept in a cache keyed by everything that
affects it: a rebuild after a text edit reuses it.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
from pathlib import Path
from typing import Any

from summarydeck.charts.numbers import format_value
from summarydeck.model.brand import Brand
from summarydeck.model.content import ChartType
from summarydeck.plan.fonts import font_file
from summarydeck.plan.types import EMU_PER_INCH, ChartElement, ColourRole
from summarydeck.render.theme import role_hex

DPI = 200
RENDERER_VERSION = "1"  # bump when drawing code changes, to invalidate cached pictures


def render_chart_png(
    element: ChartElement, brand: Brand, cache_dir: Path | None
) -> tuple[bytes, tuple[int, int]]:
    """PNG bytes and pixel size for a picture chart, from the cache when possible."""
    colours = [role_hex(brand, role) for role in element.palette]
    key_data = {
        "v": RENDERER_VERSION,
        "chart": element.chart.model_dump(mode="json"),
        "colours": colours,
        "muted": brand.colours.muted,
        "text": brand.colours.text,
        "font": brand.fonts.body,
        "size": [element.box.width, element.box.height],
        "font_size": element.font_size,
    }
    key = hashlib.sha256(json.dumps(key_data, sort_keys=True).encode()).hexdigest()[:32]
    cached = cache_dir / f"{key}.png" if cache_dir else None
    if cached is not None and cached.is_file():
        png = cached.read_bytes()
        return png, _png_size(png)
    png = _draw(element, brand, colours)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(png)
            tmp.replace(cached)
        except OSError:
            pass  # the cache only saves time; a build must not fail for want of it
    return png, _png_size(png)


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _draw(element: ChartElement, brand: Brand, colours: list[str]) -> bytes:
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    regular = font_file(brand.fonts.body)
    bold = font_file(brand.fonts.body, bold=True)
    for path in (regular, bold):
        font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(regular)).get_name()
    width_in = element.box.width / EMU_PER_INCH
    height_in = element.box.height / EMU_PER_INCH
    with plt.rc_context(
        {
            "font.family": family,
            "font.size": element.font_size,
            "text.color": brand.colours.text,
            "svg.hashsalt": "summarydeck",
        }
    ):
        fig = plt.figure(figsize=(width_in, height_in), dpi=DPI)
        try:
            if element.chart.type is ChartType.PICTOGRAM:
                _pictogram(fig, element, brand, colours)
            else:
                _bars(fig, element, brand, colours)
            buffer = io.BytesIO()
            # no "Software" metadata, so the bytes depend only on the picture
            fig.savefig(
                buffer, format="png", dpi=DPI, transparent=True, metadata={"Software": None}
            )
        finally:
            plt.close(fig)
    return buffer.getvalue()


def _pictogram(fig: Any, element: ChartElement, brand: Brand, colours: list[str]) -> None:
    """`value` of `total` person icons filled in the accent colour; the rest outlined only,
    so the split reads without relying on colour."""
    from matplotlib.patches import Circle, FancyBboxPatch

    chart = element.chart
    total, value = chart.total or 1, chart.value or 0
    per_row = total if total <= 10 else math.ceil(math.sqrt(total * 1.6))
    rows = math.ceil(total / per_row)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, per_row)
    ax.set_ylim(0, rows * 2.2)
    ax.set_aspect("equal", anchor="C")
    ax.axis("off")
    filled, outline = colours[0], brand.colours.muted
    for index in range(total):
        row, col = divmod(index, per_row)
        cx = col + 0.5
        base = (rows - 1 - row) * 2.2 + 0.15
        on = index < value
        face = filled if on else "none"
        edge = filled if on else outline
        line = 0 if on else 2.0
        ax.add_patch(
            FancyBboxPatch(
                (cx - 0.3, base),
                0.6,
                1.15,
                boxstyle="round,pad=0,rounding_size=0.28",
                facecolor=face,
                edgecolor=edge,
                linewidth=line,
            )
        )
        ax.add_patch(
            Circle((cx, base + 1.55), 0.27, facecolor=face, edgecolor=edge, linewidth=line)
        )


def _bars(fig: Any, element: ChartElement, brand: Brand, colours: list[str]) -> None:
    chart = element.chart
    ax = fig.add_axes((0.05, 0.15, 0.9, 0.8))
    horizontal = chart.type is ChartType.BAR
    count = len(chart.categories)
    width = 0.8 / len(chart.series)
    muted = role_hex(brand, ColourRole.MUTED)
    for s_index, series in enumerate(chart.series):
        positions = [i + (s_index - (len(chart.series) - 1) / 2) * width for i in range(count)]
        bar_colours = [
            muted
            if chart.highlight and i not in chart.highlight and len(chart.series) == 1
            else colours[s_index % len(colours)]
            for i in range(count)
        ]
        draw = ax.barh if horizontal else ax.bar
        bars = draw(positions, series.values, width * 0.9, color=bar_colours, label=series.name)
        labels = [format_value(v, chart.number_format) for v in series.values]
        ax.bar_label(
            bars, labels=labels, padding=4, fontweight="bold", fontsize=element.font_size + 4
        )
    ticks = list(range(count))
    if horizontal:
        ax.set_yticks(ticks, chart.categories)
        ax.invert_yaxis()
        ax.xaxis.set_visible(False)
    else:
        ax.set_xticks(ticks, chart.categories)
        ax.yaxis.set_visible(False)
    for side in ("top", "right", "left" if not horizontal else "bottom"):
        ax.spines[side].set_visible(False)
    if len(chart.series) > 1:
        ax.legend(frameon=False, loc="upper center", ncols=len(chart.series))
    ax.margins(0.15)
