"""Content model: essays, opportunities, statistics, quotes and sources, each with provenance.

Every model forbids unknown keys so that a misspelt key is an error with a "did you mean", never
a silently ignored value. Text fields hold inline Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ModelWrapValidatorHandler,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from summarydeck.model import approximate, fingerprint, yaml_spellings
from summarydeck.model.approximate import Qualifier
from summarydeck.model.errors import FieldProblem
from summarydeck.model.number_format import FORMAT_EXAMPLES, is_supported_format
from summarydeck.model.schema_hints import SchemaAlsoText, SchemaPattern

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_HINT = "an id uses lower-case letters, digits and hyphens, e.g. `one-in-four`"
_ID = re.compile(ID_PATTERN)


def slug(text: str) -> str:
    """An id made from words: `Why this matters` -> `why-this-matters`."""
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(ID_HINT)
    return value


# the collections whose items carry provenance, and what one item of each is called
SINGULAR = {
    "essays": "essay",
    "opportunities": "opportunity",
    "statistics": "statistic",
    "quotes": "quote",
    "sources": "source",
}


class _MarkdownField:
    """Marks a text field as Markdown, so validation can check every one of them once."""


MARKDOWN = _MarkdownField()
ContentId = Annotated[
    str, AfterValidator(_check_id), SchemaPattern(ID_PATTERN, ID_HINT, numbers="whole")
]
# one id written alone where a list may go: text only (a lone number is not read as an id)
_OneId = Annotated[str, SchemaPattern(ID_PATTERN, ID_HINT)]


def _one_or_many(value: Any) -> Any:
    """`source: a` means `source: [a]`. A single id is checked here, so its error names the
    field itself, as before lists were allowed."""
    if value is None:
        return []
    if isinstance(value, str):
        return [_check_id(value.strip())]
    return value


# one source id or a list of them, always read as a tuple in the order written (the bound on
# the tuple, so the schema's one-id form is not bounded as text)
SourceIds = Annotated[
    Annotated[tuple[ContentId, ...], Field(max_length=12)],
    BeforeValidator(
        _one_or_many,
        json_schema_input_type=_OneId | Annotated[list[ContentId], Field(max_length=12)] | None,
    ),
]
# a storyboard entry's `sources:`, a list that may also be written as one id
SourceIdList = Annotated[
    list[ContentId],
    BeforeValidator(_one_or_many, json_schema_input_type=_OneId | list[ContentId] | None),
]
Text = Annotated[str, Field(min_length=1)]  # plain text; blank is an error (spaces are stripped)
Markdown = Annotated[str, Field(min_length=1), MARKDOWN]


class Strict(BaseModel):
    # numbers are accepted as text (`year: 1992`), since editors rarely think to quote them
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True
    )

    # YAML 1.2 reads `yes`, `on` and `1_000` as text, which pydantic would still take as a
    # boolean or a number and the schema (the editor) would not: refused, with a hint
    @field_validator("*", mode="before")
    @classmethod
    def _no_yaml_11_spellings(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or isinstance(value, bool | list | dict):
            return value
        kind = _field_kinds(cls).get(info.field_name or "")
        if kind is not None:
            yaml_spellings.check(kind, value)
        return value


_FIELD_KINDS: dict[type[BaseModel], dict[str, yaml_spellings.Kind]] = {}


def _field_kinds(cls: type[BaseModel]) -> dict[str, yaml_spellings.Kind]:
    """A model's fields that take a boolean or a number, and which (worked out once a model)."""
    kinds = _FIELD_KINDS.get(cls)
    if kinds is None:
        kinds = {
            name: kind
            for name, field in cls.model_fields.items()
            if (kind := yaml_spellings.field_kind(field.annotation)) is not None
        }
        _FIELD_KINDS[cls] = kinds
    return kinds


class Status(StrEnum):
    """How well an item is confirmed: an unconfirmed item is marked on its slide ("To be
    confirmed"), makes the deck a draft, and is listed in the review report beside the deck
    with what to check."""

    CONFIRMED = "confirmed"
    UNCONFIRMED = "unconfirmed"


_STAMP_HINT = "`confirmed_as` is a fingerprint written by `summarydeck confirm`, e.g. `3f9a-1c2e`"


def _check_stamp(value: str) -> str:
    if not fingerprint.is_stamp(value):
        raise ValueError(_STAMP_HINT)
    return value


Stamp = Annotated[
    str,
    AfterValidator(_check_stamp),
    SchemaPattern(fingerprint.STAMP_PATTERN, _STAMP_HINT, numbers="whole"),
]


class Provenance(Strict):
    """Where an item comes from and whether an editor has confirmed it against that source."""

    source: SourceIds = Field(
        default=(),
        description="The id of the source it comes from (under `sources:`), or a list of ids; "
        "each is cited on its slides.",
    )
    # safe default: nothing is confirmed by omission
    status: Status = Field(
        default=Status.UNCONFIRMED,
        description="`confirmed` once an editor has checked it against its source; `unconfirmed` "
        '(the default) marks it "To be confirmed" and a final build refuses it.',
    )
    # what the item said when it was confirmed (`summarydeck confirm` writes it): a change
    # since makes it unconfirmed again
    confirmed_as: Stamp | None = Field(
        default=None,
        description="Written by `summarydeck confirm`: a fingerprint of what the item claimed "
        "when it was confirmed. Do not edit it.",
    )
    check: Text | None = Field(
        default=None,
        description="What an editor still has to check, and where; listed in the review report "
        "while unconfirmed.",
    )
    note: Text | None = Field(
        default=None,
        description='A caveat the presenter should know (e.g. "approximate"), said in the speaker '
        "notes.",
    )

    # the fields that carry the claim, fingerprinted at confirmation, in a fixed order: what
    # it says, and where it says it is from (`source`, last)
    claim_fields: ClassVar[tuple[str, ...]] = ()
    # where a claim field not written under its own name stands in the item
    claim_paths: ClassVar[dict[str, tuple[str, ...]]] = {}

    @model_validator(mode="after")
    def _each_source_once(self) -> Provenance:
        for index, ref in enumerate(self.source):
            if ref in self.source[:index]:
                raise FieldProblem(
                    f"`{ref}` is cited twice",
                    at=("source", index),
                    hint="name each source once",
                )
        return self

    def claim(self) -> dict[str, Any]:
        """What the item claims, field by field: what a fingerprint is taken of."""
        return {name: getattr(self, name) for name in self.claim_fields}

    def fingerprint(self) -> str:
        return fingerprint.stamp(self.claim())

    def changed_since_confirmed(self) -> tuple[str, ...]:
        """The claim's fields changed since `confirmed_as` was written (all of them when the
        stamp cannot say which); empty for an item never stamped or not confirmed."""
        if self.status is not Status.CONFIRMED or self.confirmed_as is None:
            return ()
        return fingerprint.changed(self.claim(), self.confirmed_as)

    def what_changed(self) -> str:
        """What changed since the item was confirmed, in words: "`headline` changed",
        "`label` and `chart` changed", "its values changed"; empty when nothing did."""
        fields = self.changed_since_confirmed()
        if not fields:
            return ""
        if not fingerprint.covers(self.claim(), self.confirmed_as or ""):
            # a stamp of other fields (an earlier version fingerprinted fewer): it cannot say
            return "what its fingerprint covers changed"
        if len(fields) > 1 and set(fields) == set(self.claim_fields):
            return "its values changed"
        named = [f"`{name}`" for name in fields]
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        return f"{listed} changed"

    @property
    def confirmed(self) -> bool:
        """Confirmed, and unchanged since: an edited claim must be checked again."""
        return self.status is Status.CONFIRMED and not self.changed_since_confirmed()


class Source(Strict):
    """A source the deck cites: listed on the Sources slide and cited by number on slides."""

    title: str = Field(
        min_length=1, description="The source's title, as the Sources slide lists it."
    )
    publisher: Text | None = Field(
        default=None,
        description="Who published it. Slides cite the author or, without one, the publisher: say "
        'what kind of source it is ("Q Lab blog").',
    )
    author: Text | None = Field(
        default=None, description="Who wrote it; slides cite it as author (year)."
    )
    year: int | None = Field(
        default=None, ge=1800, le=2100, description="The year it was published (1800 to 2100)."
    )
    url: HttpUrl | None = Field(
        default=None,
        description="Its web address (http or https), shown in full on the Sources slide and "
        "linked.",
    )
    # a short address that opens the same page, shown on the Sources slide instead of `url`
    short_url: HttpUrl | None = Field(
        default=None,
        description="A shorter address that opens the same page, shown instead of `url` (an "
        "address over 60 characters is warning W208).",
    )
    note: Text | None = Field(
        default=None, description="A note shown in its entry on the Sources slide."
    )

    def citation(self) -> str:
        """Short form for the foot of a slide: author or publisher, then year."""
        who = self.author or self.publisher or self.title
        return f"{who} ({self.year})" if self.year else who


class Essay(Provenance):
    """An essay the deck summarises, with its provenance."""

    title: str = Field(min_length=1, description="The essay's title.")
    subtitle: Text | None = Field(default=None, description="The essay's subtitle.")
    label: Text | None = Field(
        default=None,
        description='A short label, shown in bold at the top of its facts, e.g. "Essay 2".',
    )
    # free text such as "May 2019": the exact day is often unknown
    published: Text | None = Field(
        default=None, description='When it was published, as free text, e.g. "May 2019".'
    )
    reading_time_minutes: int | None = Field(
        default=None, ge=1, le=600, description="How long it takes to read, in minutes (1 to 600)."
    )
    url: HttpUrl | None = Field(default=None, description="Where to read it (http or https).")
    summary: Markdown = Field(description="What it says, in a few sentences (Markdown).")
    key_points: list[Markdown] = Field(
        default_factory=list,
        max_length=12,
        description="Its key points (Markdown), up to 12; about five fit on a slide.",
    )

    claim_fields: ClassVar[tuple[str, ...]] = ("title", "summary", "key_points", "source")


class Workshop(Strict):
    """Material for a facilitated session on one item: the facilitator's own words, not a
    finding of the source, so it carries no provenance of its own."""

    prompts: list[Markdown] = Field(
        min_length=1,
        max_length=5,
        description="Questions for the room (Markdown), 1 to 5, numbered on the discussion slide.",
    )
    facilitator_notes: Markdown | None = Field(
        default=None,
        description="Notes for the facilitator (Markdown), said in the speaker notes, never shown.",
    )
    minutes: int | None = Field(
        default=None,
        ge=1,
        le=240,
        description="How long the discussion takes, in minutes (1 to 240): its badge, and the "
        "timed agenda.",
    )


class Opportunity(Provenance):
    """A numbered item (an opportunity, a recommendation ...), with its provenance."""

    title: str = Field(min_length=1, description="The item's title.")
    summary: Markdown = Field(description="What it is, in a sentence or two (Markdown).")
    points: list[Markdown] = Field(
        default_factory=list, max_length=12, description="Its points (Markdown), up to 12."
    )
    workshop: Workshop | None = Field(
        default=None,
        description="Material for a workshop's discussion of it: `prompts`, `facilitator_notes` "
        "and `minutes`.",
    )

    claim_fields: ClassVar[tuple[str, ...]] = ("title", "summary", "points", "source")


class Quote(Provenance):
    """A quote from a person, word for word (or marked as a paraphrase), with its provenance."""

    text: Markdown = Field(description="The quote, whole sentences word for word (Markdown).")
    attribution: str = Field(min_length=1, description="Who said it, and where it was published.")
    # the words are a summary of what someone said, not their own: no quotation marks, so a
    # fragment or a paraphrase is never presented as a whole quote
    paraphrase: bool = Field(
        default=False,
        description="`true` when the words summarise what someone said: the slide shows them "
        "without quotation marks.",
    )

    # a paraphrase shown as a quote (or the reverse) says something else about the words
    claim_fields: ClassVar[tuple[str, ...]] = ("text", "attribution", "paraphrase", "source")


class ChartType(StrEnum):
    """What kind of chart: column, bar, pie, doughnut, or a pictogram of figures."""

    COLUMN = "column"
    BAR = "bar"
    PIE = "pie"
    DOUGHNUT = "doughnut"
    PICTOGRAM = "pictogram"


def _approximate(raw: Any, at: tuple[str | int, ...]) -> tuple[Any, Qualifier | None]:
    """A written value as the number to chart and its qualifier: `"~40"` -> 40, ABOUT.
    Anything but text is left for the field's own check."""
    if not isinstance(raw, str):
        return raw, None
    try:
        return approximate.parse(raw)
    except approximate.NotAValue:
        named = f"values[{at[-1]}]" if isinstance(at[-1], int) else f"`{at[-1]}`"
        raise FieldProblem(
            f"{named}: `{raw}` is not a number, nor an approximate one"
            if raw.strip()
            else f"{named}: the value is empty, not a number",
            at=at,
            hint="write a number such as 40 or 12.5, or an approximate one: "
            + approximate.ACCEPTED,
            number=True,
        ) from None


_APPROXIMATE_HINT = "a number, or an approximate one in quotes: " + approximate.ACCEPTED
_WHOLE_HINT = 'a whole number, or an approximate one in quotes, e.g. "~1"'


class Series(Strict):
    """One series of a chart: a name and one value per category."""

    name: str = Field(min_length=1, description="The series' name, in the legend and the alt text.")
    # a value may be approximate (`"~40"`, `">100"`): the number is charted, its qualifier
    # kept in `qualifiers`, shown on the value's label and said in the alt text
    values: list[
        Annotated[
            float,
            Field(allow_inf_nan=False),
            SchemaAlsoText(approximate.JSON_PATTERN, _APPROXIMATE_HINT),
        ]
    ] = Field(
        min_length=1,
        description='One value per category: a number, or an approximate one in quotes ("~40", '
        '">100", "<5", "about 40").',
    )
    _qualifiers: tuple[Qualifier | None, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _read_qualifiers(cls, data: Any, handler: ModelWrapValidatorHandler[Series]) -> Series:
        qualifiers: list[Qualifier | None] = []
        if isinstance(data, dict) and isinstance(data.get("values"), list):
            numbers = []
            for index, raw in enumerate(data["values"]):
                number, qualifier = _approximate(raw, ("values", index))
                numbers.append(number)
                qualifiers.append(qualifier)
            data = {**data, "values": numbers}
        series = handler(data)
        series._qualifiers = tuple(qualifiers)
        return series

    @property
    def qualifiers(self) -> tuple[Qualifier | None, ...]:
        """One per value: how it is approximate, None for an exact value."""
        given = self._qualifiers
        return given if len(given) == len(self.values) else (None,) * len(self.values)


class Chart(Strict):
    """Chart data. `engine: picture` draws it with matplotlib instead of a native chart."""

    type: ChartType = Field(description="`column`, `bar`, `pie`, `doughnut` or `pictogram`.")
    categories: list[str] = Field(
        default_factory=list,
        description="The categories' names, one per value of each series (not for a pictogram).",
    )
    series: list[Series] = Field(
        default_factory=list,
        description="The data: each series a `name` and its `values` (a pie or doughnut takes "
        "one).",
    )
    number_format: str = Field(
        default="General",
        description="How values are shown: `General`, `0`, `0.0`, `#,##0`, `0%` or `0.0%`, with "
        'an optional quoted prefix or suffix such as `"£"0.0`.',
    )
    # category positions (counted from 0) to stress; the others are drawn muted
    highlight: list[Annotated[int, Field(ge=0)]] = Field(
        default_factory=list,
        description="Category positions (from 0) to stress; the others are drawn lighter. One "
        "series only.",
    )
    engine: Literal["native", "picture"] = Field(
        default="native",
        description="`native` (the default): an editable chart; `picture`: a drawn picture "
        "(column and bar charts only).",
    )
    # column and bar charts: write each value at its bar; `false` when the bars show only
    # proportion (a relative risk) and the statistic's headline says the number in words
    value_labels: bool = Field(
        default=True,
        description="`false` leaves the values off the bars of a one-series column or bar chart, "
        "when the headline says the number.",
    )
    # pictogram only: `value` highlighted icons out of `total`
    value: Annotated[int, SchemaAlsoText(approximate.JSON_WHOLE_PATTERN, _WHOLE_HINT)] | None = (
        Field(
            default=None,
            ge=0,
            le=400,
            description="A pictogram's filled figures, out of `total`: a whole number, or an "
            'approximate one in quotes ("~1").',
        )
    )
    total: int | None = Field(
        default=None, ge=1, le=400, description="A pictogram's figures in all (1 to 400)."
    )
    icon_label: str | None = Field(
        default=None,
        description='What one figure of a pictogram stands for, e.g. "people" (said in the alt '
        "text).",
    )
    _value_qualifier: Qualifier | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _read_value_qualifier(cls, data: Any, handler: ModelWrapValidatorHandler[Chart]) -> Chart:
        """A pictogram's `value` may be approximate too (`value: "~1"`)."""
        qualifier = None
        if isinstance(data, dict) and "value" in data:
            number, qualifier = _approximate(data["value"], ("value",))
            if qualifier is not None and number != int(number):
                raise FieldProblem(
                    f"a pictogram fills whole figures; `{data['value']}` is not a whole number",
                    at=("value",),
                    hint='write a whole number, e.g. "~1"',
                )
            data = {**data, "value": int(number) if qualifier is not None else number}
        chart = handler(data)
        chart._value_qualifier = qualifier
        return chart

    @property
    def value_qualifier(self) -> Qualifier | None:
        """How a pictogram's `value` is approximate, if it is."""
        return self._value_qualifier

    def numbers(self) -> dict[str, Any]:
        """What the chart claims, for a confirmation's fingerprint: its categories and values
        with their qualifiers (not its colours or engine)."""
        if self.type is ChartType.PICTOGRAM:
            return {
                "value": self.value,
                "total": self.total,
                "approx": self.value_qualifier,
                "of": self.icon_label,
            }
        return {
            "categories": self.categories,
            "series": [
                {"name": s.name, "values": s.values, "approx": list(s.qualifiers)}
                for s in self.series
            ],
        }

    @model_validator(mode="after")
    def _shape_matches_type(self) -> Chart:
        if not is_supported_format(self.number_format):
            raise FieldProblem(
                f"number format `{self.number_format}` is not supported",
                at=("number_format",),
                hint=f"use {FORMAT_EXAMPLES}; sections (`;`), colours and dates are not supported",
            )
        if self.type is ChartType.PICTOGRAM:
            for key in ("value", "total"):
                if getattr(self, key) is None:
                    raise FieldProblem(
                        f"a pictogram needs `{key}`",
                        missing=key,
                        hint="e.g. `value: 1` and `total: 4` for 1 in 4",
                    )
            if (self.value or 0) > (self.total or 0):
                raise FieldProblem(
                    f"value {self.value} is more than total {self.total}",
                    at=("value",),
                    hint="`value` is how many of the `total` icons are highlighted",
                )
            return self
        for key in ("categories", "series"):
            if not getattr(self, key):
                raise FieldProblem(f"a {self.type.value} chart needs `{key}`", missing=key)
        if not self.value_labels and (
            self.type not in (ChartType.COLUMN, ChartType.BAR) or len(self.series) > 1
        ):
            raise FieldProblem(
                "only a column or bar chart of one series can leave its values unlabelled",
                at=("value_labels",),
                hint="remove `value_labels: false`: slices and series are told apart by "
                "their values",
            )
        for index, series in enumerate(self.series):
            if len(series.values) != len(self.categories):
                raise FieldProblem(
                    f"series {index + 1} (`{series.name}`) has {len(series.values)} values "
                    f"for {len(self.categories)} categories",
                    at=("series", index, "values"),
                    hint="give every series one value per category, in the same order",
                    compared=(("categories",),),
                )
        if self.highlight and len(self.series) > 1:
            raise FieldProblem(
                f"`highlight` stresses categories of one series; this chart has "
                f"{len(self.series)} series",
                at=("highlight",),
                hint="remove `highlight`, or chart one series",
            )
        for index, position in enumerate(self.highlight):
            if position >= len(self.categories):
                raise FieldProblem(
                    f"highlight {position} is past the last category "
                    f"(positions count from 0 to {len(self.categories) - 1})",
                    at=("highlight", index),
                )
        if self.type in (ChartType.PIE, ChartType.DOUGHNUT) and len(self.series) != 1:
            raise FieldProblem(
                f"a {self.type.value} chart shows exactly one series",
                at=("series", 1),
                hint="use a column or bar chart to compare several series",
            )
        if self.type in (ChartType.PIE, ChartType.DOUGHNUT):
            self._check_slices()
        return self

    def _check_slices(self) -> None:
        """A pie or doughnut shows shares of a whole: no negative slices, and some whole."""
        kind = self.type.value
        if self.engine == "picture":
            raise FieldProblem(
                f"`engine: picture` cannot draw a {kind} chart",
                at=("engine",),
                hint="picture charts draw column and bar charts; leave pie charts native",
            )
        values = self.series[0].values
        for index, value in enumerate(values):
            if value < 0:
                raise FieldProblem(
                    f"a {kind} chart cannot show the negative value {value:g}",
                    at=("series", 0, "values", index),
                    hint="each slice is a share of the whole, zero or more; "
                    "use a column or bar chart for values below zero",
                )
        if sum(values) <= 0:
            raise FieldProblem(
                f"the values of a {kind} chart add up to zero, so it has no slices to draw",
                at=("series", 0, "values"),
                hint="give at least one slice a value above zero",
            )

    @property
    def engine_used(self) -> str:
        """`shapes` for a pictogram (a native, editable figure per person), else `engine`."""
        return "shapes" if self.type is ChartType.PICTOGRAM else self.engine


class Statistic(Provenance):
    """A figure the deck shows: its headline number, what it measures, an optional chart and
    its source."""

    headline: str = Field(
        min_length=1,
        max_length=16,
        description='The big number as shown, e.g. "1 in 4" (at most 16 characters).',
    )
    label: Markdown = Field(
        description="What it measures (Markdown), read after the headline as one sentence."
    )
    takeaway: Text | None = Field(
        default=None,
        description="One sentence: the chart slide's title; beside other statistics, the finding "
        "in words.",
    )
    population: Text | None = Field(
        default=None, description="Who it is about, shown under the number."
    )
    year: Text | None = Field(
        default=None, description="When it was measured, shown under the number."
    )
    chart: Chart | None = Field(default=None, description="Its chart: a `type` and its data.")
    alt_text: Text | None = Field(
        default=None, description="The chart's alt text, instead of the one drafted from its data."
    )

    # the chart's number format says what its numbers are (0% or 0.0): a claim of its own
    claim_fields: ClassVar[tuple[str, ...]] = (
        "headline",
        "label",
        "population",
        "year",
        "chart",
        "number_format",
        "takeaway",
        "source",
    )
    claim_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "number_format": ("chart", "number_format")
    }

    def claim(self) -> dict[str, Any]:
        claim = {name: getattr(self, name, None) for name in self.claim_fields}
        claim["chart"] = self.chart.numbers() if self.chart else None
        claim["number_format"] = self.chart.number_format if self.chart else None
        return claim

    @model_validator(mode="after")
    def _needs_source(self) -> Statistic:
        if "source" in self.model_fields_set and not self.source:
            raise FieldProblem(
                "a statistic needs at least one source (an id from sources.yaml)",
                at=("source",),
                hint="write `source: an-id`, or `source: [one-id, another-id]`",
            )
        if not self.source:
            raise FieldProblem(
                "a statistic needs a `source` (an id from sources.yaml)", missing="source"
            )
        return self


class DeckInfo(Strict):
    """The deck's details: its title slide and the file's properties."""

    # the file's properties hold at most 255 characters each
    title: str = Field(
        min_length=1,
        max_length=255,
        description="The deck's title: the title slide and the file's properties.",
    )
    subtitle: Text | None = Field(
        default=None, max_length=255, description="Shown on the title slide."
    )
    slug: ContentId = Field(
        description="The output file's name, `output/<slug>.pptx`: lower-case letters, digits and "
        "hyphens."
    )
    author: str = Field(
        min_length=1,
        max_length=255,
        description="Shown on the title slide and written to the file's properties.",
    )
    organisation: Text | None = Field(
        default=None, max_length=255, description="Shown on the title slide."
    )
    # a zip file can record dates from 1980 to 2107
    date: dt.date = Field(
        ge=dt.date(1980, 1, 1),
        le=dt.date(2107, 12, 31),
        description="YYYY-MM-DD: the date recorded in the file (unless SOURCE_DATE_EPOCH is set).",
    )
    language: str = Field(
        default="en-GB",
        pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$",
        description="A language tag such as `en-GB` (the default) or `cy`: set on every text run "
        "for spell-checking and screen readers, and picks the table of labels.",
    )
    keywords: list[Text] = Field(
        default_factory=list, description="Keywords written to the file's properties."
    )

    @model_validator(mode="after")
    def _keywords_fit(self) -> DeckInfo:
        if len(", ".join(self.keywords)) > 255:
            raise FieldProblem(
                "the keywords add up to more than 255 characters",
                at=("keywords",),
                hint="keep the few that matter most",
            )
        return self


class Content(BaseModel):
    """All content except the storyboard and the brand, keyed by stable id (order kept)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    essays: dict[ContentId, Essay] = Field(default_factory=dict)
    opportunities: dict[ContentId, Opportunity] = Field(default_factory=dict)
    statistics: dict[ContentId, Statistic] = Field(default_factory=dict)
    quotes: dict[ContentId, Quote] = Field(default_factory=dict)
    sources: dict[ContentId, Source] = Field(default_factory=dict)
