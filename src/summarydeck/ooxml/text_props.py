"""A run's size, font and colour, and a paragraph's spacing, through PowerPoint's chain: the
run, the shape's list styles, the layout's and master's placeholders, the master's text styles,
the presentation's defaults."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from summarydeck.ooxml.deck_view import TextParagraph, TextRun
from summarydeck.ooxml.names import DEFAULT_INSETS, DEFAULT_SIZE, R_NS, TITLE_TYPES, local_name, qn
from summarydeck.ooxml.placeholders import inherited_placeholder, placeholder_type
from summarydeck.ooxml.theme import Theme, colour_of


class _Styles:
    """The chain of list styles a paragraph at some level inherits from, nearest first."""

    def __init__(self, chain: list[Any]) -> None:
        self.chain = [c for c in chain if c is not None]

    def levels(self, level: int) -> Iterator[Any]:
        name = qn(f"a:lvl{level + 1}pPr")
        for styles in self.chain:
            found = styles.find(name)
            if found is not None:
                yield found

    def paragraph_attr(self, ppr: Any, level: int, attr: str) -> str | None:
        if ppr is not None and ppr.get(attr) is not None:
            return str(ppr.get(attr))
        for lvl in self.levels(level):
            if lvl.get(attr) is not None:
                return str(lvl.get(attr))
        return None

    def paragraph_child(self, ppr: Any, level: int, tag: str) -> Any:
        for element in ([ppr] if ppr is not None else []) + list(self.levels(level)):
            found = element.find(qn(tag))
            if found is not None:
                return found
        return None

    def run_defaults(self, level: int) -> list[Any]:
        return [d for lvl in self.levels(level) if (d := lvl.find(qn("a:defRPr"))) is not None]


def _style_chain(shape: Any, slide: Any, defaults: Any) -> _Styles:
    """List styles from the shape up to the presentation's defaults."""
    if not shape.is_placeholder:
        return _Styles([_own_list_style(shape), defaults])
    layout = slide.slide_layout
    return _placeholder_chain(shape, (layout, layout.slide_master), layout.slide_master, defaults)


def _own_list_style(shape: Any) -> Any:
    return shape._element.find(f".//{qn('p:txBody')}/{qn('a:lstStyle')}")


def placeholder_size(shape: Any, master: Any, defaults: Any, *, on_layout: bool) -> float | None:
    """The size in points of first-level text in a layout's or master's placeholder, through
    its own list style, (on a layout) the master placeholder it inherits from, the master's text
    styles and the presentation's defaults; None when none of them sets one."""
    chain = _placeholder_chain(shape, (master,) if on_layout else (), master, defaults)
    size = next((d.get("sz") for d in chain.run_defaults(0) if d.get("sz") is not None), None)
    return _points(size, 0.0) if size is not None else None


def designed_size(shape: Any, slide: Any, defaults: Any) -> float:
    """The size in points a slide's placeholder is designed at: first-level text as its layout,
    master and the presentation's defaults set it, before anything the slide itself sets (what
    PowerPoint's "Reset" puts back)."""
    layout = slide.slide_layout
    chain = _placeholder_chain(
        shape, (layout, layout.slide_master), layout.slide_master, defaults, own=False
    )
    size = next((d.get("sz") for d in chain.run_defaults(0) if d.get("sz") is not None), None)
    return _points(size, DEFAULT_SIZE)


def _placeholder_chain(
    shape: Any, parts: tuple[Any, ...], master: Any, defaults: Any, *, own: bool = True
) -> _Styles:
    """A placeholder's list style (unless not `own`), those of the placeholders it inherits
    from in `parts`, the master's text style for its type, the presentation's defaults."""
    chain = [_own_list_style(shape) if own else None]
    ph_type = placeholder_type(shape)
    for part in parts:
        ph = inherited_placeholder(shape, part)
        if ph is not None:
            chain.append(ph.find(f".//{qn('p:txBody')}/{qn('a:lstStyle')}"))
    styles = master._element.find(qn("p:txStyles"))
    if styles is not None:
        which = (
            "p:titleStyle"
            if ph_type in TITLE_TYPES
            else ("p:bodyStyle" if ph_type in ("body", "obj", "subTitle", None) else "p:otherStyle")
        )
        chain.append(styles.find(qn(which)))
    chain.append(defaults)
    return _Styles(chain)


def _points(value: str | None, default: float) -> float:
    return int(value) / 100 if value is not None else default


def _spacing(element: Any, size: float) -> float:
    """Points of a spcBef/spcAft element (spcPts in 1/100 pt, spcPct in 1/1000 %)."""
    if element is None:
        return 0.0
    pts = element.find(qn("a:spcPts"))
    if pts is not None:
        return int(pts.get("val", "0")) / 100
    pct = element.find(qn("a:spcPct"))
    if pct is not None:
        return int(pct.get("val", "0")) / 100_000 * size * 1.2
    return 0.0


def read_text(
    shape: Any, slide: Any, defaults: Any, theme: Theme, rels: dict[str, str], scale: float
) -> tuple[TextParagraph, ...]:
    """A shape's paragraphs, every run's size, font and colour resolved."""
    tx_body = shape._element.find(f".//{qn('p:txBody')}")
    if tx_body is None:
        return ()
    styles = _style_chain(shape, slide, defaults)
    return _read_body(tx_body, styles, theme, rels, scale, _style_font_colour(shape, theme))


def read_table_text(
    shape: Any, defaults: Any, theme: Theme, rels: dict[str, str]
) -> tuple[TextParagraph, ...]:
    """Every cell's paragraphs of a table, in reading order (for sizes; a cell's colours come
    from the table style, which is not resolved)."""
    paragraphs: list[TextParagraph] = []
    for cell in shape._element.iter(qn("a:tc")):
        body = cell.find(qn("a:txBody"))
        if body is not None:
            styles = _Styles([body.find(qn("a:lstStyle")), defaults])
            paragraphs.extend(_read_body(body, styles, theme, rels, 1.0, None))
    return tuple(paragraphs)


def _read_body(
    tx_body: Any,
    styles: _Styles,
    theme: Theme,
    rels: dict[str, str],
    scale: float,
    style_font: str | None,
) -> tuple[TextParagraph, ...]:
    reduction = _line_reduction(tx_body)
    paragraphs = []
    for p in tx_body.findall(qn("a:p")):
        ppr = p.find(qn("a:pPr"))
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        runs = []
        for child in p:
            tag = local_name(child)
            if tag not in ("r", "fld", "br"):
                continue
            props = _run_props(child.find(qn("a:rPr")), styles, level, theme, rels, style_font)
            size = props[0] * scale
            text = "\v" if tag == "br" else "".join(t.text or "" for t in child.findall(qn("a:t")))
            runs.append(TextRun(text, size, *props[1:]))
        end = _run_props(p.find(qn("a:endParaRPr")), styles, level, theme, rels, style_font)
        size = max([r.size for r in runs if r.text.strip()] or [end[0] * scale])
        ln = styles.paragraph_child(ppr, level, "a:lnSpc")
        spacing, exact = 1.0, None
        if ln is not None and ln.find(qn("a:spcPct")) is not None:
            spacing = int(ln.find(qn("a:spcPct")).get("val", "100000")) / 100_000
        elif ln is not None and ln.find(qn("a:spcPts")) is not None:
            exact = int(ln.find(qn("a:spcPts")).get("val", "0")) / 100
        paragraphs.append(
            TextParagraph(
                tuple(runs),
                level,
                _points(styles.paragraph_attr(ppr, level, "marL"), 0) / 127,  # EMU -> pt
                spacing * (1 - reduction),
                exact,
                _spacing(styles.paragraph_child(ppr, level, "a:spcBef"), size),
                _spacing(styles.paragraph_child(ppr, level, "a:spcAft"), size),
                end[0] * scale,
            )
        )
    return tuple(paragraphs)


def _style_font_colour(shape: Any, theme: Theme) -> str | None:
    """The text colour a shape style gives (python-pptx's autoshapes: white on accent 1)."""
    style = shape._element.find(qn("p:style"))
    if style is None:
        return None
    ref = style.find(qn("a:fontRef"))
    return colour_of(ref, theme) if ref is not None else None


def _run_props(
    rpr: Any,
    styles: _Styles,
    level: int,
    theme: Theme,
    rels: dict[str, str],
    style_colour: str | None,
) -> tuple[float, bool, bool, str, str | None, str | None]:
    """(size, bold, italic, typeface, colour, link) of a run, through the style chain."""
    chain = ([rpr] if rpr is not None else []) + styles.run_defaults(level)

    def attr(name: str) -> str | None:
        return next((str(e.get(name)) for e in chain if e.get(name) is not None), None)

    size = _points(attr("sz"), DEFAULT_SIZE)
    bold = attr("b") in ("1", "true")
    italic = attr("i") in ("1", "true")
    typeface = next(
        (
            str(latin.get("typeface"))
            for e in chain
            if (latin := e.find(qn("a:latin"))) is not None and latin.get("typeface")
        ),
        "+mn-lt",
    )
    if typeface.startswith("+mj"):
        typeface = theme.major
    elif typeface.startswith("+mn"):
        typeface = theme.minor
    fills = [fill for e in chain if (fill := e.find(qn("a:solidFill"))) is not None]
    colour = colour_of(fills[0], theme) if fills else None
    link = None
    if rpr is not None:
        click = rpr.find(qn("a:hlinkClick"))
        if click is not None:
            link = rels.get(click.get(f"{{{R_NS}}}id", ""), click.get("action") or None)
            if colour is None and not fills:
                colour = theme.scheme("hlink")
    if colour is None and not fills:  # a colour we cannot resolve stays unknown (None)
        colour = style_colour or theme.scheme("tx1")
    return size, bold, italic, typeface, colour, link


def _line_reduction(tx_body: Any) -> float:
    fit = tx_body.find(f"{qn('a:bodyPr')}/{qn('a:normAutofit')}")
    return int(fit.get("lnSpcReduction", "0")) / 100_000 if fit is not None else 0.0


def font_scale(tx_body: Any) -> float:
    if tx_body is None:
        return 1.0
    fit = tx_body.find(f"{qn('a:bodyPr')}/{qn('a:normAutofit')}")
    return int(fit.get("fontScale", "100000")) / 100_000 if fit is not None else 1.0


def body_props(
    tx_body: Any, inherited: list[Any]
) -> tuple[tuple[int, int, int, int], bool, str, bool]:
    """(insets, wraps, autofit, vertical) from the shape's bodyPr, else its placeholders'."""
    chain = [b for b in [tx_body, *inherited] if b is not None]
    body_prs = [b.find(qn("a:bodyPr")) for b in chain]
    body_prs = [b for b in body_prs if b is not None]

    def attr(name: str) -> str | None:
        return next((str(b.get(name)) for b in body_prs if b.get(name) is not None), None)

    insets = tuple(
        int(attr(name) or default)
        for name, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS, strict=True)
    )
    autofit = "none"
    for body in body_prs:
        if body.find(qn("a:normAutofit")) is not None:
            autofit = "shrink"
            break
        if body.find(qn("a:spAutoFit")) is not None:
            autofit = "grow"
            break
        if body.find(qn("a:noAutofit")) is not None:
            break
    vert = attr("vert")
    return insets, attr("wrap") != "none", autofit, vert not in (None, "horz")  # type: ignore[return-value]
