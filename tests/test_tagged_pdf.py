"""The PDF `export` writes is tagged for assistive technology (docs/accessible-pdf.md).

The Q Lab deck and the digital-exclusion example are exported once, in one LibreOffice run, and
their PDFs read with pikepdf: a structure tree a screen reader can follow, the deck's language
and title, a heading per slide title, every picture and chart a figure with the deck's alt text,
decorative shapes and the slide master's drawing as artifacts (nothing drawn untagged), the
structure in each slide's shape order, and an outline of the slides. What the deck holds is
read from the .pptx with python-pptx and from the content with `api.load`, not written here.

The same run exports three decks from elsewhere (python-pptx's): one with a value the repair
cannot place (a group's `chOff` that is not a number), one with a hidden slide, and one whose
facts are made unreadable: each exports, and only the last says its tags are LibreOffice's.
Without LibreOffice, `tests/test_tagged_pdf_repair.py` tests the repair's fallbacks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pikepdf import Array, Dictionary, Name
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from render_helpers import require_tools
from summarydeck import api
from summarydeck.cli import cli
from summarydeck.export import libreoffice
from summarydeck.ooxml.names import ADEC_NS, P_NS
from summarydeck.ooxml.opening import DeckReadError
from summarydeck.ooxml.pdf_facts import PdfFacts, read_pdf_facts
from test_tagged_pdf_repair import foreign_deck

pytestmark = [pytest.mark.render, pytest.mark.slow]

EXAMPLE = Path(__file__).parent.parent / "examples" / "digital-exclusion"
EMU_PER_POINT = 12_700
# the standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4): a reader knows them all
_TYPES = (
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private "
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot "
    "Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP "
    "Figure Formula Form"
)
STANDARD_TYPES = frozenset(_TYPES.split())
# the operators that draw: outside marked content, something a reader can neither read nor skip
PAINTING = frozenset(["f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Tj", "TJ", "'", '"'])
PAINTING |= {"Do", "sh", "INLINE IMAGE"}
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
DECORATIVE = f"{{{P_NS}}}cNvPr/*/*/{{{ADEC_NS}}}decorative"


@dataclass(frozen=True)
class Tagged:
    name: str
    deck: Path  # the .pptx exported
    pdf: Path
    language: str  # as the content sets it
    title: str


@dataclass(frozen=True)
class Run:
    out: Path
    decks: dict[str, Path]  # by name: the .pptx given to `summarydeck export`
    exit_code: int
    stdout: str
    stderr: str

    def pdf(self, name: str) -> Path:
        return self.out / f"{self.decks[name].stem}.pdf"


@pytest.fixture(scope="module")
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every deck of this module exported by one `summarydeck export`: one LibreOffice run.
    The facts of `unreadable.pptx` cannot be read, as a deck's with an odd value could not
    before the repair became best-effort."""
    require_tools()  # before building, so a missing tool is the reason reported
    folder = tmp_path_factory.mktemp("decks")
    decks = {
        "qlab": request.getfixturevalue("qlab_deck"),
        "example": folder / "digital-exclusion.pptx",
    }
    api.build(EXAMPLE, decks["example"])
    decks["odd"] = foreign_deck(folder / "odd-group.pptx", child_offset="zz")
    decks["hidden"] = foreign_deck(folder / "hidden-slide.pptx", hidden=0)
    decks["unreadable"] = foreign_deck(folder / "unreadable.pptx")
    out = tmp_path_factory.mktemp("tagged")

    def facts(deck: Path) -> PdfFacts:
        if deck.stem == "unreadable":
            raise DeckReadError(f"{deck}: cannot be read as a PowerPoint deck", "") from (
                ValueError("could not convert string to float: 'zz'")
            )
        return read_pdf_facts(deck)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(libreoffice, "read_pdf_facts", facts)
        done = CliRunner().invoke(
            cli, ["export", *(str(deck) for deck in decks.values()), "--out", str(out)]
        )
    return Run(out, decks, done.exit_code, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def exported(run: Run) -> dict[str, Tagged]:
    assert run.exit_code == 0, run.stdout + run.stderr
    found = {}
    for name, content in (("qlab", Path(__file__).parent.parent / "content"), ("example", EXAMPLE)):
        deck, _ = api.load(content)
        found[name] = Tagged(
            name, run.decks[name], run.pdf(name), deck.info.language, deck.info.title
        )
    return found


@pytest.fixture(params=["qlab", "example"])
def tagged(request: pytest.FixtureRequest, exported: dict[str, Tagged]) -> Tagged:
    return exported[request.param]


@pytest.fixture
def pdf(tagged: Tagged) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(tagged.pdf) as opened:
        yield opened


# --- reading the PDF ------------------------------------------------------------------------------


def elements(node: Any) -> Iterator[Dictionary]:
    """Every structure element under `node`, depth first, in order."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages)}


def top_level_by_page(pdf: pikepdf.Pdf) -> list[list[Dictionary]]:
    """The elements directly under the document element, page by page, in order."""
    pages = page_index(pdf)
    found: list[list[Dictionary]] = [[] for _ in pdf.pages]
    [document] = pdf.Root.StructTreeRoot.K
    for element in document.K:
        found[pages[element.Pg.objgen]].append(element)
    return found


def figures_by_page(pdf: pikepdf.Pdf) -> list[list[Dictionary]]:
    pages = page_index(pdf)
    found: list[list[Dictionary]] = [[] for _ in pdf.pages]
    for element in elements(pdf.Root.StructTreeRoot):
        if str(element.S) == "/Figure":
            found[pages[element.Pg.objgen]].append(element)
    return found


def bbox(element: Dictionary) -> tuple[float, ...]:
    attributes = element.A
    for attribute in attributes if isinstance(attributes, Array) else [attributes]:
        if "/BBox" in attribute:
            return tuple(float(value) for value in attribute.BBox)
    raise AssertionError("a figure without a bounding box")


# --- reading the deck -----------------------------------------------------------------------------


def visible_slides(deck: Path) -> list[Any]:
    return [
        s for s in Presentation(str(deck)).slides if s._element.get("show") not in ("0", "false")
    ]


def alt_text(shape: Any) -> str:
    return str(shape._element[0][0].get("descr", "")).strip()  # nv*Pr/cNvPr


def decorative(shape: Any) -> bool:
    return shape._element[0].find(DECORATIVE) is not None


def graphics(slide: Any) -> list[Any]:
    """The pictures and charts on a slide, with a pictogram (a group with alt text) as one."""
    found = []
    for shape in slide.shapes:
        if decorative(shape):
            continue
        picture = shape.shape_type == MSO_SHAPE_TYPE.PICTURE
        pictogram = shape.shape_type == MSO_SHAPE_TYPE.GROUP and bool(alt_text(shape))
        if picture or pictogram or getattr(shape, "has_chart", False):
            found.append(shape)
    return found


def expected_kinds(slide: Any) -> list[str]:
    """What each of the slide's shapes should be in the structure tree, in the slide's order:
    its title a heading, text a division, a table a table, a graphic a figure; nothing for a
    decorative shape."""
    kinds = []
    for shape in slide.shapes:
        if shape.is_placeholder and shape.placeholder_format.type in TITLES:
            kinds.append("/H1")
        elif getattr(shape, "has_table", False):
            kinds.append("/Table")
        elif shape in graphics(slide):
            kinds.append("/Figure")
        elif shape.has_text_frame and shape.text_frame.text:
            kinds.append("/Div")
        else:
            assert decorative(shape), f"slide {slide.slide_id}: {shape.name} is not foreseen here"
    return kinds


def box_in_points(shape: Any, page_height: float) -> tuple[float, ...]:
    left, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
    right, bottom = left + shape.width / EMU_PER_POINT, top + shape.height / EMU_PER_POINT
    return (left, page_height - bottom, right, page_height - top)


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# --- the document ---------------------------------------------------------------------------------


def test_the_pdf_is_tagged(pdf: pikepdf.Pdf) -> None:
    assert "/StructTreeRoot" in pdf.Root, "no structure tree: the PDF is not tagged"
    assert pdf.Root.get("/MarkInfo", {}).get("/Marked") is True
    root = pdf.Root.StructTreeRoot
    assert "/ParentTree" in root
    [document] = root.K  # one root element, as readers expect
    assert str(document.S) == "/Document"
    found = list(elements(root))
    assert len(found) > 10 * len(pdf.pages)  # headings, divisions, paragraphs, lists ...
    roles = {str(key)[1:]: str(value)[1:] for key, value in root.get("/RoleMap", {}).items()}
    for element in found:
        kind = str(element.S)[1:]
        assert roles.get(kind, kind) in STANDARD_TYPES, kind
    assert all("/StructParents" in page.obj for page in pdf.pages)


def test_the_language_is_the_decks(pdf: pikepdf.Pdf, tagged: Tagged) -> None:
    assert tagged.language  # both set one: LibreOffice's own locale would say en-US
    assert str(pdf.Root.Lang) == tagged.language


def test_the_title_is_the_decks_and_shown_by_viewers(pdf: pikepdf.Pdf, tagged: Tagged) -> None:
    assert str(pdf.docinfo.Title) == tagged.title
    with pdf.open_metadata() as meta:
        assert meta.get("dc:title") == tagged.title
        assert "pdfuaid:part" not in meta  # no claim of a conformance it does not meet
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_the_outline_lists_the_slides_by_title(pdf: pikepdf.Pdf, tagged: Tagged) -> None:
    """An entry a slide, its title (LibreOffice cuts a long one at 63 characters)."""
    entries = []
    entry = pdf.Root.Outlines.get("/First")
    while entry is not None:
        entries.append(str(entry.Title))
        entry = entry.get("/Next")
    titles = [slide.shapes.title.text for slide in visible_slides(tagged.deck)]
    assert len(entries) == len(titles)
    for entry_title, title in zip(entries, titles, strict=True):
        assert words(title).startswith(words(entry_title))
        assert len(entry_title) >= min(len(title), 63) - 1, entry_title


def test_a_page_per_slide_and_no_notes_or_comments(pdf: pikepdf.Pdf, tagged: Tagged) -> None:
    assert len(pdf.pages) == len(visible_slides(tagged.deck))
    for page in pdf.pages:
        assert all(annot.Subtype == Name.Link for annot in page.obj.get("/Annots", []))


# --- headings, order, figures ---------------------------------------------------------------------


def test_each_slide_title_is_a_heading_first_on_its_page(pdf: pikepdf.Pdf) -> None:
    kinds = Counter(str(element.S) for element in elements(pdf.Root.StructTreeRoot))
    assert kinds["/H1"] == len(pdf.pages)
    assert not {"/H", "/H2"} & set(kinds)  # numbered, one level: every title is a top heading
    for page in top_level_by_page(pdf):
        assert page[0].S == Name.H1


def test_the_structure_follows_each_slides_shape_order(pdf: pikepdf.Pdf, tagged: Tagged) -> None:
    for number, (page, slide) in enumerate(
        zip(top_level_by_page(pdf), visible_slides(tagged.deck), strict=True), 1
    ):
        assert [str(element.S) for element in page] == expected_kinds(slide), f"page {number}"


def test_every_figure_has_alt_text(pdf: pikepdf.Pdf) -> None:
    for number, figures in enumerate(figures_by_page(pdf), 1):
        for figure in figures:
            assert str(figure.get("/Alt", "")).strip(), f"a figure without alt text, page {number}"


def test_every_picture_and_chart_is_one_figure_with_the_decks_alt_text(
    pdf: pikepdf.Pdf, tagged: Tagged
) -> None:
    slides = visible_slides(tagged.deck)
    held = [shape for slide in slides for shape in graphics(slide)]
    assert len(held) >= 4  # Q Lab: 2 pictograms, a chart, a QR code; example: 3 charts, a QR
    described = 0
    for slide, figures in zip(slides, figures_by_page(pdf), strict=True):
        expected = [alt_text(shape) for shape in graphics(slide)]
        assert [str(figure.get("/Alt", "")) for figure in figures] == expected
        described += len(figures)
    assert described >= len(held)


def test_decorative_shapes_are_not_figures(pdf: pikepdf.Pdf, tagged: Tagged) -> None:
    slides = visible_slides(tagged.deck)
    marked = 0
    for page, slide, figures in zip(pdf.pages, slides, figures_by_page(pdf), strict=True):
        height = float(page.mediabox[3])
        boxes = [bbox(figure) for figure in figures]
        for shape in slide.shapes:
            if decorative(shape):
                marked += 1
                place = box_in_points(shape, height)
                assert not any(
                    all(abs(a - b) < 1.5 for a, b in zip(box, place, strict=True)) for box in boxes
                ), f"{shape.name} is a figure"
    assert marked > 5  # rules, panels and number discs on both decks


def test_nothing_is_drawn_outside_a_tag_or_an_artifact(pdf: pikepdf.Pdf) -> None:
    """The master's background and decorations, and decorative shapes, are artifacts; every
    other thing drawn is tagged content. Each tagged sequence is where the tree says it is."""
    parent_tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    artifacts = 0
    for number, page in enumerate(pdf.pages, 1):
        marks = parent_tree[int(page.obj.StructParents)]
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth += 1
                artifacts += operands[0] == Name.Artifact and depth == 1
                properties = operands[1] if op == "BDC" else None
                if isinstance(properties, Dictionary) and "/MCID" in properties:
                    owner = marks[int(properties.MCID)]
                    kids = owner.K if isinstance(owner.K, Array) else [owner.K]
                    assert int(properties.MCID) in [k for k in kids if isinstance(k, int)]
                    assert owner.Pg.objgen == page.obj.objgen
            elif op == "EMC":
                depth -= 1
            else:
                assert not (op in PAINTING and depth == 0), f"page {number}: {op} untagged"
    assert artifacts > 2 * len(pdf.pages)


# --- decks from elsewhere -------------------------------------------------------------------------


def test_every_deck_exports_and_only_the_unreadable_one_is_warned_of(run: Run) -> None:
    assert run.exit_code == 0, run.stdout + run.stderr
    for name in run.decks:
        assert run.pdf(name).is_file(), name
        assert f"Exported {run.decks[name].name}: " in run.stdout
    assert run.stderr == (
        f"warning: {run.pdf('unreadable')} is tagged as LibreOffice wrote it: its language, "
        "chart alt text and decorative marks could not be added: the deck holds a value "
        "summarydeck cannot read (ValueError); open it in PowerPoint, save it and export again\n"
    )  # and names no staging folder


def test_an_odd_group_keeps_its_page_as_libreoffice_tagged_it_and_the_rest_is_completed(
    run: Run,
) -> None:
    with pikepdf.open(run.pdf("odd")) as pdf:
        assert str(pdf.Root.Lang) == "cy"
        assert [str(page[0].S) for page in top_level_by_page(pdf)] == ["/H1"] * 3
        figures = figures_by_page(pdf)
        # the group with an odd child offset: its two shapes as LibreOffice tagged them
        assert [str(figure.get("/Alt", "")) for figure in figures[0]] == ["", ""]
        assert [[str(figure.Alt) for figure in page] for page in figures[1:]] == [
            ["Pictogram 2"],
            ["Pictogram 3"],
        ]


def test_a_hidden_slide_gets_no_page_and_the_others_their_own_alt_text(run: Run) -> None:
    with pikepdf.open(run.pdf("hidden")) as pdf:
        assert len(pdf.pages) == 2
        assert str(pdf.Root.Lang) == "cy"
        assert [[str(figure.Alt) for figure in page] for page in figures_by_page(pdf)] == [
            ["Pictogram 2"],
            ["Pictogram 3"],
        ]


def test_a_deck_whose_facts_cannot_be_read_keeps_libreoffices_tags(run: Run) -> None:
    with pikepdf.open(run.pdf("unreadable")) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)  # tagged, by LibreOffice
        assert str(pdf.Root.Lang) != "cy"  # LibreOffice's own locale, not the deck's language
        kinds = {str(element.S) for element in elements(pdf.Root.StructTreeRoot)}
        assert "/H" in kinds and not {"/H1", "/Document"} & kinds
