"""Brand: colour roles, fonts, logo, footer and slide size; written into the deck's theme."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from summarydeck.model.content import Strict
from summarydeck.model.errors import FieldProblem
from summarydeck.model.schema_hints import SchemaPattern

_HEX_PATTERN = r"^#[0-9A-Fa-f]{6}$"
_HEX_HINT = "a colour is written as `#RRGGBB`, e.g. `#1B3A5C`"
_HEX = re.compile(_HEX_PATTERN)

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
        raise ValueError(_HEX_HINT)
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


HexColour = Annotated[
    str, AfterValidator(_check_hex), SchemaPattern(_HEX_PATTERN, _HEX_HINT, format="color-hex")
]
# spaces around the name are dropped; a number is read as its digits
FontName = Annotated[
    str,
    AfterValidator(_check_font_name),
    SchemaPattern(
        rf"^\s*\S.{{0,{_LONGEST_FONT_NAME - 1}}}\s*$",
        f"a font's name, at most {_LONGEST_FONT_NAME} characters (Windows finds no longer one)",
        numbers="any",
    ),
]


class Colours(Strict):
    """Colour roles, mapped onto the theme's slots so PowerPoint's colour picker offers them."""

    # dk1: body text
    text: HexColour = Field(default="#1F2933", description="Body text, `#RRGGBB`.")
    # lt1: slide background
    background: HexColour = Field(
        default="#FFFFFF", description="The slides' background, `#RRGGBB`."
    )
    # dk2: title slides, headings, tiles
    primary: HexColour = Field(
        default="#1B3A5C", description="Title slides, headings and tiles, `#RRGGBB`."
    )
    # lt2: panels behind text
    surface: HexColour = Field(
        default="#EEF2F6", description="Light panels behind text, `#RRGGBB`."
    )
    accents: list[HexColour] = Field(
        default_factory=lambda: ["#1B6E8C", "#C8553D", "#2E7D4F", "#6B4C9A", "#B07D00", "#5A6B7B"],
        min_length=1,
        max_length=6,
        description="1 to 6 colours for charts and highlights, `#RRGGBB` each.",
    )
    link: HexColour = Field(default="#1B5E9C", description="Links, `#RRGGBB`.")
    # secondary text: citations, footers (a text colour, not a slot)
    muted: HexColour = Field(
        default="#52606D", description="Secondary text (citations, footers), `#RRGGBB`."
    )


class FontFiles(Strict):
    """A font family's files, relative to the content folder (or in an `--assets` folder).

    Regular and bold are needed (headings, key figures and labels are bold, and a bold face
    is wider than the regular one). Without an italic, italic text is measured with the
    upright face, as PowerPoint slants it when it has no italic: the same widths."""

    regular: str = Field(
        min_length=1,
        description="The regular face's font file, relative to the content folder (needed).",
    )
    bold: str = Field(
        min_length=1,
        description="The bold face's font file (needed: headings and key figures are bold).",
    )
    italic: str | None = Field(default=None, description="The italic face's font file.")
    bold_italic: str | None = Field(default=None, description="The bold italic face's font file.")

    def named(self) -> dict[str, str]:
        """Each face given: `regular`, `bold` ... -> its file."""
        return {style: name for style, name in self.model_dump().items() if name}


class Fonts(Strict):
    """The fonts the deck is set in, and the files of any font summarydeck does not bundle."""

    heading: FontName = Field(
        default="Arial",
        description="The headings' font: Calibri, Arial or Cambria, or any font whose files "
        "`files` gives.",
    )
    body: FontName = Field(
        default="Calibri",
        description="The body text's font: Calibri, Arial or Cambria, or any font whose files "
        "`files` gives.",
    )
    # a font's files by its family name: any font, measured and drawn with these files
    files: dict[FontName, FontFiles] = Field(
        default_factory=dict,
        max_length=4,
        description="A font's files by its family name: `regular` and `bold` (needed), `italic`, "
        "`bold_italic` (docs/fonts.md).",
    )
    # the people who open the deck have the fonts installed: no warning that they need them
    audience_has_fonts: bool = Field(
        default=False,
        description="`true`: everyone who opens the deck has its fonts installed, so no warning "
        "W213.",
    )

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

    display: float = Field(
        default=44, ge=24, le=80, description="The title slide's title, in points (24 to 80)."
    )
    section: float = Field(
        default=40, ge=24, le=72, description="Section and closing titles, in points (24 to 72)."
    )
    title: float = Field(
        default=32, ge=20, le=60, description="Content slides' titles, in points (20 to 60)."
    )
    quote: float = Field(default=30, ge=18, le=48, description="Quotes, in points (18 to 48).")
    lead: float = Field(
        default=28,
        ge=18,
        le=40,
        description="A statistic's label, a lone summary, in points (18 to 40).",
    )
    subtitle: float = Field(
        default=24, ge=16, le=36, description="Subtitles, in points (16 to 36)."
    )
    subheading: float = Field(
        default=22,
        ge=16,
        le=32,
        description="Column headings and closing text, in points (16 to 32).",
    )
    body: float = Field(default=20, ge=12, le=40, description="Body text, in points (12 to 40).")
    body_min: float = Field(
        default=18,
        ge=12,
        le=40,
        description="The smallest body text may shrink to, in points (12 to 40, not above `body`).",
    )
    label: float = Field(
        default=18,
        ge=12,
        le=28,
        description='Bylines, facts, "Opportunity 2 of 5", in points (12 to 28).',
    )
    caption: float = Field(
        default=16, ge=12, le=24, description="The list of sources, in points (12 to 24)."
    )
    small: float = Field(
        default=14,
        ge=12,
        le=20,
        description="Citations and footers, in points (12 to 20); 14 is the least a projected "
        "slide should show.",
    )
    key_figure: float = Field(
        default=60,
        ge=32,
        le=120,
        description="A statistic's number, on every slide that shows one, in points (32 to 120).",
    )
    big_number: float = Field(default=96, ge=40, le=200, description="No longer used.")

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

    name: str = Field(
        min_length=1, description="The organisation's name, shown as text where there is no logo."
    )
    # a picture file, relative to the content folder; without one the name is shown as text
    logo: str | None = Field(
        default=None, description="Its logo: a picture file, relative to the content folder."
    )
    logo_alt_text: str | None = Field(
        default=None, description='What a screen reader says for its logo (default: "<name> logo").'
    )


class Brand(Strict):
    """The look of the deck: colours, fonts, type sizes, logo, footer and slide size, written
    into the deck's theme."""

    name: str = Field(min_length=1, description="The theme's name.")
    colours: Colours = Field(
        default_factory=Colours, description="Colour roles, `#RRGGBB` each; contrast is checked."
    )
    fonts: Fonts = Field(
        default_factory=Fonts, description="The heading and body fonts, and any font's files."
    )
    type_scale: TypeScale = Field(
        default_factory=TypeScale,
        description="Font sizes in points, by role: the only sizes text is set at.",
    )
    logo: str | None = Field(
        default=None, description="A picture file, relative to the content folder."
    )
    logo_alt_text: str | None = Field(
        default=None, description="What a screen reader says for the logo (needed with a logo)."
    )
    # partner organisations, in the order their marks appear on the title slide
    partners: list[Partner] = Field(
        default_factory=list,
        max_length=6,
        description="Co-branding: up to 6 partner organisations, along the foot of the title "
        "slide.",
    )
    footer: str | None = Field(
        default=None, description="Footer text on every content slide (default: the deck's title)."
    )
    slide_size: Literal["16:9", "4:3"] = Field(
        default="16:9", description="`16:9` (the default) or `4:3`."
    )
    # an organisation's PowerPoint template (.pptx or .potx), relative to the content folder:
    # its layouts, theme colours and fonts, unless this file sets them
    template: str | None = Field(
        default=None,
        description="An organisation's PowerPoint template (.pptx or .potx), relative to the "
        "content folder: its layouts, theme colours and fonts, unless this file sets them.",
    )
    # our layout name -> the template's layout that plays its part (by default, the same name)
    layouts: dict[str, str] = Field(
        default_factory=dict,
        description="Our layout's name -> the template's layout that plays its part (default: the "
        "same name).",
    )

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
