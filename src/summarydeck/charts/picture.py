"""Picture charts (column and bar charts with `engine: picture`) drawn with matplotlib in the
brand's palette and fonts, cached by content hash. Pictograms are native shapes instead.

matplotlib costs about a second to import and ~130 ms per figure, so it is imported only here,
only when a picture chart is drawn, and each PNG is kept in a cache keyed by everything that
affects it: a rebuild after a text edit reuses it. Figures are drawn on their own Agg canvas,
never through pyplot, so a host process keeps its matplotlib backend and global figure state.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import struct
import tempfile
import zlib
from importlib import metadata
from pathlib import Path
from typing import Any

from summarydeck.charts.axis import value_axis_range
from summarydeck.charts.fills import highlight_fills
from summarydeck.diagnostics import ContentError, Diagnostic
from summarydeck.markdown.inline import typeset_plain
from summarydeck.markdown.typography import NBSP
from summarydeck.model.brand import Brand
from summarydeck.model.content import ChartType, Series
from summarydeck.model.number_format import signed_label
from summarydeck.plan.colours import role_hex
from summarydeck.plan.fonts import brand_file, font_file
from summarydeck.plan.types import ChartElement, ColourRole
from summarydeck.values import EMU_PER_INCH

DPI = 200
RENDERER_VERSION = "5"  # bump when drawing code changes, to invalidate cached pictures

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk, CRC included


def render_chart_png(
    element: ChartElement, brand: Brand, cache_dir: Path | None
) -> tuple[bytes, tuple[int, int]]:
    """PNG bytes and pixel size for a picture chart, from the cache when possible.

    A cached file that is not a whole, readable PNG (a build killed mid-write, a disk error) is
    drawn again and overwritten, so one bad file cannot break every later build.
    """
    colours = [role_hex(brand, role) for role in element.palette]
    key = _cache_key(element, brand, colours)
    if cache_dir is not None and _through_a_link(cache_dir):
        cache_dir = None  # drawn, but neither read from nor written to where a link leads
    cached = cache_dir / f"{key}.png" if cache_dir else None
    if cached is not None and _plain_file_in_plain_folder(cached):
        try:
            png = cached.read_bytes()
        except OSError:
            png = b""
        if _is_valid_png(png):
            return png, _png_size(png)
    png = _drawn(element, brand, colours)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            # a new file of its own (O_EXCL: a link there is not followed, and two builds at
            # once do not share one), renamed over the name
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=cached.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(png)
                os.replace(tmp, cached)
            finally:
                Path(tmp).unlink(missing_ok=True)
        except OSError:
            pass  # the cache only saves time; a build must not fail for want of it
    return png, _png_size(png)


def _through_a_link(cache_dir: Path) -> bool:
    """Whether the cache folder, or the hidden folder that holds it (`output/.cache`), is a
    link: the cache would then be read and written wherever it leads, outside the output."""
    return any(folder.is_symlink() for folder in (cache_dir, cache_dir.parent))


def _plain_file_in_plain_folder(path: Path) -> bool:
    """A cached picture is used only when neither it nor its folder is a link: a link planted
    in the cache must not put a file from elsewhere on this computer into a deck."""
    try:
        return stat.S_ISREG(path.lstat().st_mode) and not path.parent.is_symlink()
    except OSError:
        return False


def _cache_key(element: ChartElement, brand: Brand, colours: list[str]) -> str:
    """A hash of everything the picture depends on, matplotlib's version and the font files
    included. The version comes from the package metadata: importing matplotlib to ask it would
    cost a second on every build that finds its pictures in the cache."""
    fonts = [_font_key(brand.fonts.body, False), _font_key(brand.fonts.body, True)]
    fills = highlight_fills(brand)
    key_data = {
        "v": RENDERER_VERSION,
        "matplotlib": metadata.version("matplotlib"),
        "chart": element.chart.model_dump(mode="json"),
        "colours": colours,
        "muted": brand.colours.muted,
        "highlight": [role_hex(brand, fills.stressed), fills.others],
        "text": brand.colours.text,
        "font": brand.fonts.body,
        "font_files": fonts,
        "size": [element.box.width, element.box.height],
        "font_size": element.font_size,
    }
    qualifiers = [[q and q.sign for q in s.qualifiers] for s in element.chart.series]
    if any(any(signs) for signs in qualifiers):  # only then, so other charts keep their keys
        key_data["approx"] = qualifiers
    return hashlib.sha256(json.dumps(key_data, sort_keys=True).encode()).hexdigest()[:32]


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _is_valid_png(png: bytes) -> bool:
    """True for a whole PNG: the signature, a sound IHDR header first, the IEND chunk last, and
    Pillow's check of every chunk's CRC in between (no decoding: about a millisecond)."""
    if len(png) < 45 or not png.startswith(_PNG_SIGNATURE) or not png.endswith(_PNG_END):
        return False
    length, kind = struct.unpack(">I4s", png[8:16])
    if kind != b"IHDR" or length != 13:
        return False
    (crc,) = struct.unpack(">I", png[29:33])
    if zlib.crc32(png[12:29]) != crc:
        return False
    width, height = _png_size(png)
    if width == 0 or height == 0:
        return False
    from PIL import Image  # already loaded by python-pptx

    try:
        with Image.open(io.BytesIO(png)) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for a damaged file
        return False
    return True


def _drawn(element: ChartElement, brand: Brand, colours: list[str]) -> bytes:
    """The chart drawn, or, when FreeType cannot draw it in the brand's own font files (an
    outline damaged in a way the check of the files did not see), E209 at those files: an
    error in the content, not the tool's."""
    try:
        return _draw(element, brand, colours)
    except (RuntimeError, OSError) as exc:  # matplotlib's FT2Font: "failed to load glyph"
        family = brand.fonts.body
        own = [f for f in (brand_file(family), brand_file(family, True)) if f is not None]
        if not own:
            raise  # the bundled fonts draw every chart: a failure there is ours
        files = " or ".join(dict.fromkeys(f"`{f.name}`" for f in own))
        raise ContentError(
            [
                Diagnostic(
                    "E209",  # a font file unusable
                    f"brand.fonts.files.{family}.{own[0].style}: a picture chart cannot be "
                    f"drawn in {family} ({exc}): the font file {files} is damaged",
                    own[0].where,
                    "error",
                    "download the font again from where your organisation keeps it, or draw "
                    "the chart natively (leave out `engine: picture`)",
                )
            ]
        ) from exc


def _draw(element: ChartElement, brand: Brand, colours: list[str]) -> bytes:
    import matplotlib

    with matplotlib.rc_context(_style(element, brand)):
        fig = _figure(element, brand, colours)
        buffer = io.BytesIO()
        # no "Software" metadata, so the bytes depend only on the picture
        fig.savefig(buffer, format="png", dpi=DPI, transparent=True, metadata={"Software": None})
    return buffer.getvalue()


def _style(element: ChartElement, brand: Brand) -> Any:  # rcParams for rc_context
    """matplotlib settings for drawing on brand: the brand's font files or the bundled twins,
    the brand's text colour for words and its muted colour for axis lines and ticks (never
    matplotlib's black)."""
    regular = _font_path(brand.fonts.body, False)
    bold = _font_path(brand.fonts.body, True)
    family = _registered(regular, bold)
    text, muted = role_hex(brand, ColourRole.TEXT), role_hex(brand, ColourRole.MUTED)
    return {
        "font.family": family,
        "font.size": element.font_size,
        "text.color": text,
        "axes.edgecolor": muted,
        "axes.labelcolor": text,
        "xtick.color": muted,
        "ytick.color": muted,
        "xtick.labelcolor": text,
        "ytick.labelcolor": text,
        "legend.labelcolor": text,
        "svg.hashsalt": "summarydeck",
    }


def _font_path(family: str, bold: bool) -> Path:
    """The file a picture chart draws `family` with: the brand's own, else the bundled twin."""
    own = brand_file(family, bold)
    return own.path if own is not None else font_file(family, bold)


def _font_key(family: str, bold: bool) -> str:
    """What a picture depends on of its font: the bundled file's name, or the digest of the
    brand's file (a changed file draws again)."""
    own = brand_file(family, bold)
    return own.digest if own is not None else font_file(family, bold).name


def _registered(regular: Path, bold: Path) -> str:
    """The family name matplotlib knows the two files by, once its font manager has them
    (by path: nothing is installed). Any other file of that name it knew (a font installed on
    this machine, a brand's file since changed) is forgotten, so these are the ones drawn."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    family = font_manager.FontProperties(fname=str(regular)).get_name()
    ours = {str(regular), str(bold)}
    for entry in [e for e in manager.ttflist if e.name == family or e.fname in ours]:
        manager.ttflist.remove(entry)
    for path in sorted(ours):
        manager.addfont(path)  # and matplotlib forgets the lookups it had cached
    return family


def _figure(element: ChartElement, brand: Brand, colours: list[str]) -> Any:
    """The chart as a matplotlib Figure on its own Agg canvas: no pyplot, so no global list of
    figures to leak into and no switching of the host process's backend."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width_in = element.box.width / EMU_PER_INCH
    height_in = element.box.height / EMU_PER_INCH
    fig = Figure(figsize=(width_in, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    _bars(fig, element, brand, colours)
    return fig


def _bars(fig: Any, element: ChartElement, brand: Brand, colours: list[str]) -> None:
    chart = element.chart
    legend = len(chart.series) > 1
    # with a legend, the plot leaves it a band at the top, so it never covers a bar or label
    ax = fig.add_axes((0.05, 0.15, 0.9, 0.7 if legend else 0.8))
    horizontal = chart.type is ChartType.BAR
    count = len(chart.categories)
    width = 0.8 / len(chart.series)
    text, muted = role_hex(brand, ColourRole.TEXT), role_hex(brand, ColourRole.MUTED)
    fills = highlight_fills(brand)
    labelled = chart.value_labels or (bool(chart.highlight) and not fills.distinct)
    for s_index, series in enumerate(chart.series):
        positions = [i + (s_index - (len(chart.series) - 1) / 2) * width for i in range(count)]
        # the model allows `highlight` on one series only; stressed and muted bars differ in
        # lightness (3:1), not only in hue
        bar_colours = [
            (fills.others if i not in chart.highlight else role_hex(brand, fills.stressed))
            if chart.highlight
            else colours[s_index % len(colours)]
            for i in range(count)
        ]
        draw = ax.barh if horizontal else ax.bar
        name = _typeset(series.name)
        bars = draw(positions, series.values, width * 0.9, color=bar_colours, label=name)
        if not labelled:
            continue  # the headline says the number; the category names label the bars
        labels = [_literal(label) for label in value_labels(series, chart.number_format)]
        # matplotlib puts the label past the end of the bar, below or left of a negative one
        ax.bar_label(
            bars,
            labels=labels,
            padding=4,
            fontweight="bold",
            fontsize=element.font_size,
            color=text,
        )
    values = [v for s in chart.series for v in s.values]
    low, high = value_axis_range(values, labelled)
    ticks = list(range(count))
    names = [_typeset(category) for category in chart.categories]
    if horizontal:
        ax.set_yticks(ticks, names)
        ax.set_xlim(low, high)
        ax.margins(y=0.15)
        ax.invert_yaxis()
        ax.xaxis.set_visible(False)
    else:
        ax.set_xticks(ticks, names)
        ax.set_ylim(low, high)
        ax.margins(x=0.15)
        ax.yaxis.set_visible(False)
    ax.tick_params(colors=muted, labelcolor=text)
    for spine in ax.spines.values():
        spine.set_color(muted)
    for side in ("top", "right", "left" if not horizontal else "bottom"):
        ax.spines[side].set_visible(False)
    if low < 0:
        # bars go both ways from a zero line; the axis line at the edge would only crowd the
        # labels of the bars below zero, so it goes, with its tick marks
        base = ax.spines["left" if horizontal else "bottom"]
        zero_line = ax.axvline if horizontal else ax.axhline
        zero_line(0, color=muted, linewidth=base.get_linewidth())
        base.set_visible(False)
        ax.tick_params(length=0)
    if legend:
        ax.legend(
            frameon=False,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.02),
            ncols=len(chart.series),
            labelcolor=text,
        )


def value_labels(series: Series, number_format: str) -> list[str]:
    """The label at each bar: its value in the chart's format, an approximate one with its
    sign (`~40`, `>100`), as a native chart's label shows it."""
    return [
        signed_label(v, number_format, q.sign if q else "")
        for v, q in zip(series.values, series.qualifiers, strict=True)
    ]


def _typeset(text: str) -> str:
    """A label set like the slide's text; a no-break space drawn as a space, since matplotlib
    never wraps a label and Carlito has no glyph for it."""
    return _literal(typeset_plain(text).replace(NBSP, " "))


def _literal(text: str) -> str:
    """Text that matplotlib draws as written: it reads words between two `$` as TeX, drawing
    `$x^2$` as a formula and stopping the build on `$^$`; an escaped `\\$` is a dollar sign."""
    return text.replace("$", r"\$")
