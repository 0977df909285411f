"""Brand: colour roles, fonts, logo, footer and slide size; written into the deck's theme."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from summarydeck.model.content import Strict
from summarydeck.model.errors import FieldProblem

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

# Office fonts whose metric-compatible free twins ship with summarydeck for measuring (and which
# LibreOffice finds on the system for rendering). Any other font needs its files (`fonts.files`).
SUPPORTED_FONTS = ("Calibri", "Arial", "Cambria", "Carlito", "Liberation Sans", "Caladea")

# Fonts that come with Microsoft Office on Windows and on the Mac, so anyone opening a deck in
# PowerPoint has them; a deck in any other font looks right only where it is installed. Kept
# short on purpose: only fonts we are sure of.
OFFICE_FONTS = frozenset(
    {
        "Aptos",
        "Aptos Display",
        "Aptos Narrow",
        "Arial",
        "Arial Black",
        "Arial Narrow",
        "Calibri",
        "Calibri Light",
        "Cambria",
        "Candara",
        "Consolas",
        "Constantia",
        "Corbel",
        "Courier New",
        "Georgia",
        "Tahoma",
        "Times New Roman",
        "Trebuchet MS",
        "Verdana",
    }
)

# Windows selects a font by a name of at most 31 characters (LOGFONT's face name)
_LONGEST_FONT_NAME = 31


def _check_hex(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError("a colour is written as `#RRGGBB`, e.g. `#1B3A5C`")
    return value.upper()


def _check_font_name(value: str) -> str:
    # whether summarydeck can measure it is the `Fonts` model's check: it needs the files
    value = value.strip()
    if not value:
        raise ValueError("a font is named, e.g. `Calibri`")
    if len(value) > _LONGEST_FONT_NAME:
        raise ValueError(
            f"a font name of {len(value)} characters; Windows selects fonts by names of at "
            f"most {_LONGEST_FONT_NAME}, so PowerPoint there would never find it"
        )
    return value


HexColour = Annotated[str, AfterValidator(_check_hex)]
FontName = Annotated[str, AfterValidator(_check_font_name)]


class Colours(Strict):
    """Colour roles, mapped onto the theme's slots so PowerPoint's colour picker offers them."""

    text: HexColour = "#1F2933"  # dk1: body text
    background: HexColour = "#FFFFFF"  # lt1: slide background
    primary: HexColour = "#1B3A5C"  # dk2: title slides, headings, tiles
    surface: HexColour = "#EEF2F6"  # lt2: panels behind text
    accents: list[HexColour] = Field(
        default_factory=lambda: ["#1B6E8C", "#C8553D", "#2E7D4F", "#6B4C9A", "#B07D00", "#5A6B7B"],
        min_length=1,
        max_length=6,
    )
    link: HexColour = "#1B5E9C"
    muted: HexColour = "#52606D"  # secondary text: citations, footers (a text colour, not a slot)


class FontFiles(Strict):
    """A font family's files, relative to the content folder (or in an `--assets` folder).

    Regular and bold are needed (headings, key figures and labels are bold, and a bold face
    is wider than the regular one). Without an italic, italic text is measured with the
    upright face, as PowerPoint slants it when it has no italic: the same widths."""

    regular: str = Field(min_length=1)
    bold: str = Field(min_length=1)
    italic: str | None = None
    bold_italic: str | None = None

    def named(self) -> dict[str, str]:
        """Each face given: `regular`, `bold` ... -> its file."""
        return {style: name for style, name in self.model_dump().items() if name}


class Fonts(Strict):
    heading: FontName = "Arial"
    body: FontName = "Calibri"
    # a font's files by its family name: any font, measured and drawn with these files
    files: dict[FontName, FontFiles] = Field(default_factory=dict, max_length=4)
    # the people who open the deck have the fonts installed: no warning that they need them
    audience_has_fonts: bool = False

    @model_validator(mode="after")
    def _measurable(self) -> Fonts:
        for role in ("heading", "body"):
            family = getattr(self, role)
            if family in SUPPORTED_FONTS or family in self.files:
                continue
            known = [*SUPPORTED_FONTS, *self.files]
            close = difflib.get_close_matches(family, known, n=1, cutoff=0.75)
            raise FieldProblem(
                f"the {role} font `{family}` has no files under `fonts.files`, and is not "
                "one summarydeck bundles a metric-compatible font for ("
                + ", ".join(SUPPORTED_FONTS[:3])
                + "): text in it cannot be measured",
                at=(role,),
                hint=f"did you mean `{close[0]}`?"
                if close
                else f"give its font files under `fonts.files`, e.g. `{family}: {{regular: "
                "fonts/X-Regular.ttf, bold: fonts/X-Bold.ttf}` (docs/fonts.md)",
            )
        return self

    def families(self) -> tuple[str, ...]:
        """The families the deck is set in: the heading's, then the body's if it differs."""
        return tuple(dict.fromkeys((self.heading, self.body)))


class TypeScale(Strict):
    """Font sizes in points, one per role, so every layout draws from the same scale.

    Text may shrink to fit, but body text never below `body_min` and nothing below `small`.
    """

    display: float = Field(default=44, ge=24, le=80)  # the title slide's title
    section: float = Field(default=40, ge=24, le=72)  # section and closing titles
    title: float = Field(default=32, ge=20, le=60)  # content slide titles
    quote: float = Field(default=30, ge=18, le=48)
    lead: float = Field(default=28, ge=18, le=40)  # a statistic's label, a lone summary
    subtitle: float = Field(default=24, ge=16, le=36)
    subheading: float = Field(default=22, ge=16, le=32)  # column headings, closing text
    body: float = Field(default=20, ge=12, le=40)
    body_min: float = Field(default=18, ge=12, le=40)
    label: float = Field(default=18, ge=12, le=28)  # bylines, facts, "Opportunity 2 of 5"
    caption: float = Field(default=16, ge=12, le=24)  # the list of sources
    small: float = Field(default=14, ge=12, le=20)  # citations, footers: 14 pt, the least to read
    key_figure: float = Field(default=60, ge=32, le=120)  # the number beside a chart
    big_number: float = Field(default=96, ge=40, le=200)

    def steps(self) -> tuple[float, ...]:
        """The scale's distinct sizes, smallest first: the only sizes text is ever set at, so
        fitting steps down this list and never lands between two steps."""
        return tuple(sorted({float(getattr(self, name)) for name in type(self).model_fields}))

    def step_below(self, size: float) -> float | None:
        """The next step of the scale below `size` (None below the smallest)."""
        return max((s for s in self.steps() if s < size), default=None)

    def floor(self, size: float) -> float:
        """How far text set at `size` may shrink to fit: large type by about a quarter (to the
        step below it nearest three quarters of it, not below `body_min`), body text down to
        `body_min`, and never below `small`."""
        if size > self.body:
            target = max(self.body_min, size * 0.75)
            below = [s for s in self.steps() if self.body_min <= s < size]
            return min(below, key=lambda s: (abs(s - target), -s), default=size)
        return max(self.small, min(size, self.body_min))


class Partner(Strict):
    """An organisation whose mark the deck carries beside its own (co-branding)."""

    name: str = Field(min_length=1)
    # a picture file, relative to the content folder; without one the name is shown as text
    logo: str | None = None
    logo_alt_text: str | None = None  # what a screen reader says; defaults to the name


class Brand(Strict):
    name: str = Field(min_length=1)
    colours: Colours = Field(default_factory=Colours)
    fonts: Fonts = Field(default_factory=Fonts)
    type_scale: TypeScale = Field(default_factory=TypeScale)
    logo: str | None = None  # a picture file, relative to the content folder
    logo_alt_text: str | None = None
    # partner organisations, in the order their marks appear on the title slide
    partners: list[Partner] = Field(default_factory=list, max_length=6)
    footer: str | None = None
    slide_size: Literal["16:9", "4:3"] = "16:9"
    # an organisation's PowerPoint template (.pptx or .potx), relative to the content folder:
    # its layouts, theme colours and fonts, unless this file sets them
    template: str | None = None
    # our layout name -> the template's layout that plays its part (by default, the same name)
    layouts: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sizes_ordered(self) -> Brand:
        if self.type_scale.body_min > self.type_scale.body:
            raise FieldProblem(
                "type_scale.body_min is larger than type_scale.body", at=("type_scale", "body_min")
            )
        if self.logo and not self.logo_alt_text:
            raise FieldProblem(
                "a logo needs `logo_alt_text` (what a screen reader should say)",
                missing="logo_alt_text",
            )
        return self
