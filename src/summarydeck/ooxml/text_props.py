"""A run's size, font and colour, and a paragraph's spacing, through PowerPoint's chain: the
run, the shape's list styles, the layout's and master's placeholders, the master's text styles,
the presentation's defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from summarydeck.ooxml.deck_view import TextParagraph, TextRun
from summarydeck.ooxml.names import DEFAULT_INSETS, DEFAULT_SIZE, R_NS, TITLE_TYPES, qn
from summarydeck.ooxml.placeholders import PlaceholderIndex, element_of
from summarydeck.ooxml.theme import Theme, colour_of


class ReadingCache:
    """What one deck's reading works out once and shares between its slides: style chains
    and colours."""

    def __init__(self) -> None:
        self.styles: dict[tuple[int, ...], _Styles] = {}
        self.colours = _Colours()

    def chain(self, chain: list[Any]) -> _Styles:
        # an empty list style (most text boxes have one) gives nothing: left out, so shapes
        # whose chains differ only by one share what is worked out
        elements = [c for c in chain if c is not None and len(c)]
        key = tuple(id(c) for c in elements)
        found = self.styles.get(key)
        if found is None:  # the chain's elements are kept in it: their identities stay theirs
            found = self.styles[key] = _Styles(elements)
        return found


@dataclass(frozen=True)
class Placeholder:
    """A slide placeholder's type, and the placeholders it inherits from in its layout and
    master (None where it inherits from none), looked up once."""

    type: str | None
    inherited: tuple[Any, ...]

    @classmethod
    def of(cls, shape: Any, parts: tuple[PlaceholderIndex, ...]) -> Placeholder:
        ph = shape.find(_PH)
        kind = None if ph is None else str(ph.get("type", "obj"))
        return cls(kind, tuple(part.inherited_ph(ph) for part in parts))


_PH = f".//{qn('p:nvPr')}/{qn('p:ph')}"


@dataclass(frozen=True)
class Inheritance:
    """What a slide's placeholders inherit from: its layout's and master's placeholders
    (nearest first), the master's element (its text styles) and the presentation's defaults."""

    parts: tuple[PlaceholderIndex, ...]
    master: Any
    defaults: Any
    cache: ReadingCache = field(default_factory=lambda: ReadingCache(), compare=False)


class _Styles:
    """The chain of list styles a paragraph at some level inherits from, nearest first; what
    the chain gives each level is worked out once (many runs share a chain)."""

    def __init__(self, chain: list[Any]) -> None:
        self.chain = [c for c in chain if c is not None]
        self._levels: dict[int, list[Any]] = {}
        self._defaults: dict[int, list[Any]] = {}
        self._bases: dict[int, _RunBase] = {}
        self._children: dict[tuple[int, str], Any] = {}
        self._attrs: dict[tuple[int, str], str | None] = {}

    def levels(self, level: int) -> list[Any]:
        found = self._levels.get(level)
        if found is None:
            name = qn(f"a:lvl{level + 1}pPr")
            found = [lvl for styles in self.chain if (lvl := styles.find(name)) is not None]
            self._levels[level] = found
        return found

    def paragraph_attr(self, ppr: Any, level: int, attr: str) -> str | None:
        if ppr is not None and ppr.get(attr) is not None:
            return str(ppr.get(attr))
        key = (level, attr)
        if key not in self._attrs:
            self._attrs[key] = next(
                (str(lvl.get(attr)) for lvl in self.levels(level) if lvl.get(attr) is not None),
                None,
            )
        return self._attrs[key]

    def paragraph_child(self, ppr: Any, level: int, tag: str) -> Any:
        name = qn(tag)
        if ppr is not None:
            found = ppr.find(name)
            if found is not None:
                return found
        key = (level, name)
        if key not in self._children:
            self._children[key] = next(
                (found for lvl in self.levels(level) if (found := lvl.find(name)) is not None),
                None,
            )
        return self._children[key]

    def run_defaults(self, level: int) -> list[Any]:
        found = self._defaults.get(level)
        if found is None:
            found = [d for lvl in self.levels(level) if (d := lvl.find(_DEF_RPR)) is not None]
            self._defaults[level] = found
        return found

    def run_base(self, level: int) -> _RunBase:
        """What the chain's run defaults at `level` give a run that sets nothing itself."""
        found = self._bases.get(level)
        if found is None:
            chain = self.run_defaults(level)

            def attr(name: str) -> str | None:
                return next((str(e.get(name)) for e in chain if e.get(name) is not None), None)

            typeface = next(
                (
                    str(latin.get("typeface"))
                    for e in chain
                    if (latin := e.find(_LATIN)) is not None and latin.get("typeface")
                ),
                None,
            )
            fill = next((f for e in chain if (f := e.find(_SOLID_FILL)) is not None), None)
            found = _RunBase(attr("sz"), attr("b"), attr("i"), typeface, fill)
            self._bases[level] = found
        return found


@dataclass(frozen=True)
class _RunBase:
    size: str | None
    bold: str | None
    italic: str | None
    typeface: str | None
    fill: Any  # the first solidFill in the chain; None when none sets one


_DEF_RPR = qn("a:defRPr")
_LATIN = qn("a:latin")
_SOLID_FILL = qn("a:solidFill")
_HLINK_CLICK = qn("a:hlinkClick")
_R_ID = f"{{{R_NS}}}id"
_A_PPR = qn("a:pPr")
_A_LIST_STYLE = qn("a:lstStyle")
_TX_BODY = f".//{qn('p:txBody')}"
_A_P = qn("a:p")
_A_RPR = qn("a:rPr")
_A_T = qn("a:t")
_END_RPR = qn("a:endParaRPr")
_A_R, _A_FLD, _A_BR = qn("a:r"), qn("a:fld"), qn("a:br")
_SPC_PCT, _SPC_PTS = qn("a:spcPct"), qn("a:spcPts")


class _Colours:
    """Colours worked out once per fill element and theme, for one deck's reading (the
    elements are kept, so their identities stay theirs)."""

    def __init__(self) -> None:
        self._found: dict[tuple[int, int], tuple[Any, Theme, str | None]] = {}
        self._written: dict[tuple[bytes, int], tuple[Theme, str | None]] = {}

    def own(self, fill: Any, theme: Theme) -> str | None:
        """The colour of a run's own fill, by what it says (runs repeat a few colours)."""
        key = (etree.tostring(fill), id(theme))
        found = self._written.get(key)
        if found is None:
            found = (theme, colour_of(fill, theme))
            self._written[key] = found
        return found[1]

    def of(self, fill: Any, theme: Theme) -> str | None:
        key = (id(fill), id(theme))
        found = self._found.get(key)
        if found is None:
            found = (fill, theme, colour_of(fill, theme))
            self._found[key] = found
        return found[2]


def _style_chain(
    shape: Any, is_placeholder: bool, inherit: Inheritance, found: Placeholder | None
) -> _Styles:
    """List styles from the shape (an element) up to the presentation's defaults."""
    if not is_placeholder:
        return inherit.cache.chain([_own_list_style(shape), inherit.defaults])
    return _placeholder_chain(
        shape, inherit.parts, inherit.master, inherit.defaults, cache=inherit.cache, found=found
    )


_LIST_STYLE = f".//{qn('p:txBody')}/{qn('a:lstStyle')}"


def _own_list_style(shape: Any) -> Any:
    body = shape.find(_TX_BODY)
    found = body.find(_A_LIST_STYLE) if body is not None else None
    # the first text body's, as a rule; else (a shape with two) the path finds it
    return found if found is not None else shape.find(_LIST_STYLE)


def placeholder_size(shape: Any, master: Any, defaults: Any, *, on_layout: bool) -> float | None:
    """The size in points of first-level text in a layout's or master's placeholder, through
    its own list style, (on a layout) the master placeholder it inherits from, the master's text
    styles and the presentation's defaults; None when none of them sets one. `shape` and
    `master` are python-pptx's objects or their elements."""
    master_element = element_of(master)
    parts = (PlaceholderIndex(master_element),) if on_layout else ()
    chain = _placeholder_chain(element_of(shape), parts, master_element, defaults)
    size = chain.run_base(0).size
    return _points(size, 0.0) if size is not None else None


def designed_size(shape: Any, inherit: Inheritance, found: Placeholder | None = None) -> float:
    """The size in points a slide's placeholder (an element) is designed at: first-level text
    as its layout, master and the presentation's defaults set it, before anything the slide
    itself sets (what PowerPoint's "Reset" puts back)."""
    chain = _placeholder_chain(
        shape,
        inherit.parts,
        inherit.master,
        inherit.defaults,
        own=False,
        cache=inherit.cache,
        found=found,
    )
    size = chain.run_base(0).size
    return _points(size, DEFAULT_SIZE)


_TX_STYLES = qn("p:txStyles")
_STYLE_OF: dict[str | None, str] = {
    **{kind: qn("p:titleStyle") for kind in TITLE_TYPES},
    **{kind: qn("p:bodyStyle") for kind in ("body", "obj", "subTitle", None)},
}
_OTHER_STYLE = qn("p:otherStyle")


def _placeholder_chain(
    shape: Any,
    parts: tuple[PlaceholderIndex, ...],
    master: Any,
    defaults: Any,
    *,
    own: bool = True,
    cache: ReadingCache | None = None,
    found: Placeholder | None = None,
) -> _Styles:
    """A placeholder's list style (unless not `own`), those of the placeholders it inherits
    from in `parts`, the master's text style for its type, the presentation's defaults.
    `found`: the placeholder's type and those it inherits from, when already looked up."""
    chain = [_own_list_style(shape) if own else None]
    found = found or Placeholder.of(shape, parts)
    ph_type = found.type
    for ph in found.inherited:
        if ph is not None:
            chain.append(ph.find(_LIST_STYLE))
    styles = master.find(_TX_STYLES)
    if styles is not None:
        chain.append(styles.find(_STYLE_OF.get(ph_type, _OTHER_STYLE)))
    chain.append(defaults)
    return (cache or ReadingCache()).chain(chain)


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
    shape: Any,
    is_placeholder: bool,
    inherit: Inheritance,
    theme: Theme,
    rels: dict[str, str],
    scale: float,
    found: Placeholder | None = None,
    tx_body: Any = None,
) -> tuple[TextParagraph, ...]:
    """A shape's (an element's) paragraphs, every run's size, font and colour resolved.
    `found`: the placeholder's look-up, when it is one and it was made already; `tx_body`:
    the shape's text body, when it was found already."""
    tx_body = tx_body if tx_body is not None else shape.find(_TX_BODY)
    if tx_body is None:
        return ()
    styles = _style_chain(shape, is_placeholder, inherit, found)
    font = _style_font_colour(shape, theme)
    return _read_body(tx_body, styles, theme, rels, scale, font, inherit.cache.colours)


def read_table_text(
    shape: Any, defaults: Any, theme: Theme, rels: dict[str, str]
) -> tuple[TextParagraph, ...]:
    """Every cell's paragraphs of a table (an element), in reading order (for sizes; a cell's
    colours come from the table style, which is not resolved)."""
    paragraphs: list[TextParagraph] = []
    for cell in shape.iter(qn("a:tc")):
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
    colours: _Colours | None = None,
) -> tuple[TextParagraph, ...]:
    colours = colours or _Colours()
    reduction = _line_reduction(tx_body)
    paragraphs = []
    for p in tx_body.findall(_A_P):
        ppr = p.find(_A_PPR)
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        runs = []
        for child in p:
            tag = child.tag
            if tag != _A_R and tag != _A_FLD and tag != _A_BR:
                continue
            props = _run_props(child.find(_A_RPR), styles, level, theme, rels, style_font, colours)
            size = props[0] * scale
            text = "\v" if tag == _A_BR else "".join(t.text or "" for t in child.findall(_A_T))
            runs.append(TextRun(text, size, *props[1:]))
        end = _run_props(p.find(_END_RPR), styles, level, theme, rels, style_font, colours)
        size = max([r.size for r in runs if r.text.strip()] or [end[0] * scale])
        ln = styles.paragraph_child(ppr, level, "a:lnSpc")
        spacing, exact = 1.0, None
        if ln is not None and ln.find(_SPC_PCT) is not None:
            spacing = int(ln.find(_SPC_PCT).get("val", "100000")) / 100_000
        elif ln is not None and ln.find(_SPC_PTS) is not None:
            exact = int(ln.find(_SPC_PTS).get("val", "0")) / 100
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
    style = shape.find(qn("p:style"))
    if style is None:
        return None
    ref = style.find(qn("a:fontRef"))
    return colour_of(ref, theme) if ref is not None else None


_TRUE = ("1", "true")


def _run_props(
    rpr: Any,
    styles: _Styles,
    level: int,
    theme: Theme,
    rels: dict[str, str],
    style_colour: str | None,
    colours: _Colours,
) -> tuple[float, bool, bool, str, str | None, str | None]:
    """(size, bold, italic, typeface, colour, link) of a run, through the style chain: the
    run's own properties, else what its list styles give (`_Styles.run_base`)."""
    base = styles.run_base(level)
    size_value, bold_value, italic_value = base.size, base.bold, base.italic
    typeface, fill = base.typeface, base.fill
    own_fill = None
    if rpr is not None:
        own = rpr.get("sz")
        if own is not None:
            size_value = str(own)
        own = rpr.get("b")
        if own is not None:
            bold_value = str(own)
        own = rpr.get("i")
        if own is not None:
            italic_value = str(own)
        latin = rpr.find(_LATIN)
        if latin is not None and latin.get("typeface"):
            typeface = str(latin.get("typeface"))
        own_fill = rpr.find(_SOLID_FILL)
    size = _points(size_value, DEFAULT_SIZE)
    typeface = typeface or "+mn-lt"
    if typeface.startswith("+mj"):
        typeface = theme.major
    elif typeface.startswith("+mn"):
        typeface = theme.minor
    filled = own_fill is not None or fill is not None
    if own_fill is not None:
        colour = colours.own(own_fill, theme)
    else:
        colour = colours.of(fill, theme) if fill is not None else None
    link = None
    if rpr is not None:
        click = rpr.find(_HLINK_CLICK)
        if click is not None:
            link = rels.get(click.get(_R_ID, ""), click.get("action") or None)
            if colour is None and not filled:
                colour = theme.scheme("hlink")
    if colour is None and not filled:  # a colour we cannot resolve stays unknown (None)
        colour = style_colour or theme.scheme("tx1")
    return size, bold_value in _TRUE, italic_value in _TRUE, typeface, colour, link


def _line_reduction(tx_body: Any) -> float:
    fit = tx_body.find(f"{qn('a:bodyPr')}/{qn('a:normAutofit')}")
    return int(fit.get("lnSpcReduction", "0")) / 100_000 if fit is not None else 0.0


def font_scale(tx_body: Any) -> float:
    if tx_body is None:
        return 1.0
    fit = tx_body.find(f"{qn('a:bodyPr')}/{qn('a:normAutofit')}")
    return int(fit.get("fontScale", "100000")) / 100_000 if fit is not None else 1.0


_BODY_PR = qn("a:bodyPr")
_NORM_AUTOFIT, _SP_AUTOFIT, _NO_AUTOFIT = (
    qn("a:normAutofit"),
    qn("a:spAutoFit"),
    qn("a:noAutofit"),
)
_INSETS = tuple(zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS, strict=True))


def body_props(
    tx_body: Any, inherited: list[Any]
) -> tuple[tuple[int, int, int, int], bool, str, bool]:
    """(insets, wraps, autofit, vertical) from the shape's bodyPr, else its placeholders'."""
    body_prs = []
    for body in (tx_body, *inherited):
        if body is not None:
            found = body.find(_BODY_PR)
            if found is not None:
                body_prs.append(found)

    def attr(name: str) -> str | None:
        for body in body_prs:
            value = body.get(name)
            if value is not None:
                return str(value)
        return None

    insets = tuple(int(attr(name) or default) for name, default in _INSETS)
    autofit = "none"
    for body in body_prs:
        if body.find(_NORM_AUTOFIT) is not None:
            autofit = "shrink"
            break
        if body.find(_SP_AUTOFIT) is not None:
            autofit = "grow"
            break
        if body.find(_NO_AUTOFIT) is not None:
            break
    vert = attr("vert")
    return insets, attr("wrap") != "none", autofit, vert not in (None, "horz")  # type: ignore[return-value]
