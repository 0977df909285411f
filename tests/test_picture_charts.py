"""Picture charts: drawn with matplotlib only when needed, on brand, and cached by content hash."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers import edit_content
from summarydeck import api
from summarydeck.api.building import SLIDES
from summarydeck.charts import picture
from summarydeck.charts.axis import value_axis_range
from summarydeck.model.brand import Brand
from summarydeck.model.content import Chart
from summarydeck.plan.colours import role_hex
from summarydeck.plan.types import ChartElement

GOLDEN_CONTENT = Path(__file__).parent / "content" / "golden"
FULL_CONTENT = Path(__file__).parent / "content" / "full"


def test_a_rebuild_reuses_cached_pictures(
    full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = api.build(full_content, tmp_path / "a.pptx", cache)
    # the picture column chart; the pictogram is native shapes, drawn without matplotlib
    assert len(list(cache.glob("*.png"))) == 1

    def must_not_draw(*args: object) -> bytes:
        raise AssertionError("a cached picture was drawn again")

    monkeypatch.setattr(picture, "_draw", must_not_draw)
    second = api.build(full_content, tmp_path / "b.pptx", cache)
    assert second.sha256 == first.sha256


def test_a_link_planted_in_the_cache_is_not_read_into_the_deck(
    full_content: Path, tmp_path: Path
) -> None:
    """Someone who can write to the output folder replaces a cached picture with a link to a
    private picture elsewhere: the chart is drawn again, the private file never reaches the deck."""
    cache = tmp_path / "cache"
    first = api.build(full_content, tmp_path / "a.pptx", cache)
    (cached,) = cache.glob("*.png")
    private = tmp_path / "private.png"
    private.write_bytes(_other_png())
    cached.unlink()
    cached.symlink_to(private)
    second = api.build(full_content, tmp_path / "b.pptx", cache)
    assert second.sha256 == first.sha256
    assert private.read_bytes() == _other_png()


@pytest.mark.parametrize("linked", ["charts", ".cache"])
def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(
    full_content: Path, tmp_path: Path, linked: str
) -> None:
    """`output/.cache/charts` (or `output/.cache`) made a link to a folder elsewhere: the
    build draws its pictures and writes nothing there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache = tmp_path / "output" / ".cache" / "charts"
    (tmp_path / "output").mkdir()
    if linked == ".cache":
        cache.parent.symlink_to(elsewhere)
    else:
        cache.parent.mkdir()
        cache.symlink_to(elsewhere)
    built = api.build(full_content, tmp_path / "output" / "deck.pptx", cache)
    assert list(elsewhere.rglob("*")) == []
    fresh = api.build(full_content, tmp_path / "fresh.pptx", tmp_path / "fresh-cache")
    assert built.sha256 == fresh.sha256


def _other_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "PNG")
    return out.getvalue()


def test_a_changed_chart_is_drawn_again(content_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    api.build(content_copy, tmp_path / "a.pptx", cache)
    edit_content(
        content_copy / "statistics.yaml",
        "name: Count\n          values: [12, 15, 9]",
        "name: Count\n          values: [12, 16, 9]",
    )
    api.build(content_copy, tmp_path / "b.pptx", cache)
    assert len(list(cache.glob("*.png"))) == 2


def test_pictures_are_deterministic_without_the_cache(full_content: Path, tmp_path: Path) -> None:
    a = api.build(full_content, tmp_path / "a.pptx", tmp_path / "c1")
    b = api.build(full_content, tmp_path / "b.pptx", tmp_path / "c2")
    assert a.sha256 == b.sha256


def test_a_deck_without_picture_charts_never_imports_matplotlib(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from summarydeck import api; "
        f"api.build(Path({str(GOLDEN_CONTENT)!r}), Path({str(tmp_path / 'g.pptx')!r})); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"


@pytest.fixture(scope="module")
def planned() -> tuple[Brand, ChartElement]:
    """The brand and the picture column chart of the full content set, as planned."""
    deck, plans, _ = api.plan(FULL_CONTENT)
    element = next(
        e
        for plan in plans
        for e in plan.elements
        if isinstance(e, ChartElement) and e.chart.engine == "picture"
    )
    return deck.brand, element


def with_chart(element: ChartElement, **chart: Any) -> ChartElement:
    return dataclasses.replace(element, chart=Chart.model_validate(chart))


@pytest.fixture(scope="module")
def sample_png(planned: tuple[Brand, ChartElement]) -> bytes:
    brand, element = planned
    png, _ = picture.render_chart_png(element, brand, None)
    return png


def test_a_corrupt_cached_picture_is_drawn_again(full_content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = api.build(full_content, tmp_path / "a.pptx", cache)
    pictures = list(cache.glob("*.png"))
    assert len(pictures) == 1
    path, png = pictures[0], pictures[0].read_bytes()
    for damaged in (png[: len(png) // 2], b""):  # truncated, then empty
        path.write_bytes(damaged)
        # slides drawn in this process would be reused without a look at the picture cache
        SLIDES.clear()
        again = api.build(full_content, tmp_path / "b.pptx", cache)
        assert again.sha256 == first.sha256
        assert path.read_bytes() == png  # redrawn and overwritten


def test_a_sound_cached_picture_is_used_as_it_is(
    full_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    api.build(full_content, tmp_path / "a.pptx", cache)
    monkeypatch.setattr(picture, "_draw", lambda *args: pytest.fail("drew a sound picture"))
    api.build(full_content, tmp_path / "b.pptx", cache)


def _flip(png: bytes, index: int) -> bytes:
    data = bytearray(png)
    data[index] ^= 0xFF
    return bytes(data)


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        (lambda png: png, True),
        (lambda png: png[: len(png) // 2], False),
        (lambda png: png[:-1], False),  # cut inside the IEND chunk's CRC
        (lambda png: png[:-12], False),  # no IEND chunk
        (lambda png: png[:33], False),  # the header only
        (lambda png: b"", False),
        (lambda png: b"GIF89a" + png[6:], False),  # not a PNG signature
        (lambda png: _flip(png, 18), False),  # IHDR no longer matches its CRC
        (lambda png: _flip(png, len(png) // 2), False),  # image data damaged
    ],
)
def test_the_cache_check_finds_damaged_pngs(sample_png: bytes, change: Any, valid: bool) -> None:
    assert picture._is_valid_png(change(sample_png)) is valid


def test_the_cache_key_covers_matplotlib_and_the_font_files(
    planned: tuple[Brand, ChartElement], monkeypatch: pytest.MonkeyPatch
) -> None:
    brand, element = planned
    colours = ["#123456"]
    key = picture._cache_key(element, brand, colours)
    assert picture._cache_key(element, brand, colours) == key
    with monkeypatch.context() as patch:
        patch.setattr(picture.metadata, "version", lambda name: "0.0-other")
        assert picture._cache_key(element, brand, colours) != key
    with monkeypatch.context() as patch:
        patch.setattr(picture, "font_file", lambda *a, **k: Path("Other-Regular.ttf"))
        assert picture._cache_key(element, brand, colours) != key


def test_the_cache_key_does_not_import_matplotlib() -> None:
    code = (
        "import sys; from pathlib import Path; from summarydeck import api; "
        "from summarydeck.charts import picture; from summarydeck.plan.types import ChartElement; "
        f"deck, plans, _ = api.plan(Path({str(FULL_CONTENT)!r})); "
        "e = next(e for p in plans for e in p.elements if isinstance(e, ChartElement)); "
        "print(len(picture._cache_key(e, deck.brand, ['#000000'])), 'matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "32 False"


@pytest.mark.slow  # a build in a fresh Python process
def test_drawing_leaves_the_host_backend_alone(full_content: Path, tmp_path: Path) -> None:
    """A host process (a notebook, a GUI) keeps its backend, and pyplot is never loaded."""
    code = (
        "import sys; from pathlib import Path; import matplotlib; matplotlib.use('pdf'); "
        "from summarydeck import api; "
        f"api.build(Path({str(full_content)!r}), Path({str(tmp_path / 'd.pptx')!r}), "
        f"Path({str(tmp_path / 'cache')!r})); "
        "print(matplotlib.get_backend(), 'matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "pdf False"
    assert len(list((tmp_path / "cache").glob("*.png"))) == 1  # the picture was drawn


def draw(brand: Brand, element: ChartElement) -> Any:
    """The drawn matplotlib Figure of a picture chart."""
    import matplotlib

    colours = [role_hex(brand, role) for role in element.palette]
    with matplotlib.rc_context(picture._style(element, brand)):
        fig = picture._figure(element, brand, colours)
        fig.canvas.draw()
    return fig


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_pictures_use_the_brand_text_and_muted_colours(
    planned: tuple[Brand, ChartElement], kind: str
) -> None:
    from matplotlib.colors import same_color

    brand, element = planned
    chart = element.chart.model_dump(mode="json")
    ax = draw(brand, with_chart(element, **{**chart, "type": kind})).axes[0]
    text, muted = brand.colours.text, brand.colours.muted
    assert not same_color(text, "black") and not same_color(muted, "black")
    categories = ax.get_yticklabels() if kind == "bar" else ax.get_xticklabels()
    assert [label.get_text() for label in categories] == element.chart.categories
    for label in categories:
        assert same_color(label.get_color(), text)
    axis = ax.yaxis if kind == "bar" else ax.xaxis
    for tick in axis.get_major_ticks():
        assert same_color(tick.tick1line.get_color(), muted)
    shown = [spine for spine in ax.spines.values() if spine.get_visible()]
    assert len(shown) == 1
    assert same_color(shown[0].get_edgecolor(), muted)
    for value_label in ax.texts:
        assert same_color(value_label.get_color(), text)


def test_a_legend_uses_the_brand_text_colour(planned: tuple[Brand, ChartElement]) -> None:
    from matplotlib.colors import same_color

    brand, element = planned
    two = [{"name": "2018", "values": [1, 2, 3]}, {"name": "2019", "values": [3, 2, 1]}]
    chart = {**element.chart.model_dump(mode="json"), "series": two, "highlight": []}
    legend = draw(brand, with_chart(element, **chart)).axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["2018", "2019"]
    for label in legend.get_texts():
        assert same_color(label.get_color(), brand.colours.text)


@pytest.mark.parametrize(
    ("kind", "values"),
    [("column", [-12, 15, -9]), ("bar", [-12, 15, -9]), ("column", [-1, -2, -0.5])],
)
def test_pictures_show_negative_values(
    planned: tuple[Brand, ChartElement], kind: str, values: list[float]
) -> None:
    brand, element = planned
    chart = {
        **element.chart.model_dump(mode="json"),
        "type": kind,
        "series": [{"name": "Change", "values": values}],
    }
    ax = draw(brand, with_chart(element, **chart)).axes[0]
    limits = ax.get_xlim() if kind == "bar" else ax.get_ylim()
    assert limits == pytest.approx(value_axis_range(values))
    assert min(limits) < min(values) and max(limits) >= max(values)
    # a zero line marks where the bars start, and every value is labelled, sign and all
    zero = [
        line
        for line in ax.lines
        if set(line.get_xdata() if kind == "bar" else line.get_ydata()) == {0}
    ]
    assert len(zero) == 1
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"{v:g}" for v in values)


def test_an_all_zero_picture_gets_a_sane_axis(planned: tuple[Brand, ChartElement]) -> None:
    brand, element = planned
    chart = {
        **element.chart.model_dump(mode="json"),
        "series": [{"name": "N", "values": [0, 0, 0]}],
    }
    assert draw(brand, with_chart(element, **chart)).axes[0].get_ylim() == (0.0, 1.0)


def test_dollar_signs_are_drawn_as_written(planned: tuple[Brand, ChartElement]) -> None:
    """matplotlib reads text between two `$` as TeX: `$x^2$` came out as a formula and `$^$`
    stopped the build with an internal error (found by test_properties)."""
    from matplotlib.cbook import is_math_text

    brand, element = planned
    chart = {
        **element.chart.model_dump(mode="json"),
        "categories": ["$x^2$", "$^$", "US$5"],
        "series": [{"name": "$a$", "values": [1, 2, 3]}, {"name": "b", "values": [3, 2, 1]}],
        "number_format": '"$"0"$"',
        "highlight": [],
    }
    ax = draw(brand, with_chart(element, **chart)).axes[0]
    shown = [*ax.get_xticklabels(), *ax.texts, *ax.get_legend().get_texts()]
    assert not [t.get_text() for t in shown if is_math_text(t.get_text())]
    assert [t.get_text().replace(r"\$", "$") for t in ax.get_xticklabels()] == chart["categories"]
    assert sorted(t.get_text().replace(r"\$", "$") for t in ax.texts) == sorted(
        f"${v}$" for v in (1, 2, 3, 3, 2, 1)
    )
