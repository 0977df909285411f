"""The words summarydeck itself puts on slides, in notes and in alt text, per language.

A deck about anything, for anyone: "Opportunity 2 of 5", "Part 1", "Sources" are the content's
words, not the tool's. Each language has a table of defaults (British English first, Welsh as
the proof that a whole deck can switch); `labels:` in the content overrides any of them, and
`deck.language` picks the table. A label is plain text with named `{placeholders}`; each key
accepts only the placeholders listed for it, so a typo in one is an error at its line, never a
`{nmber}` on a slide.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from summarydeck.markdown.typography import NBSP

# key -> the placeholders it may use; the defaults below must use only these
PLACEHOLDERS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        key: frozenset(names.split())
        for key, names in {
            # numbered items (the `opportunities:` collection): the content's own noun
            "item": "",
            "items": "",
            "item_number": "item number count",
            "items_title": "items",
            "item_notes": "item number title",
            "items_notes": "items count list",
            # sections and the agenda
            "section_number": "number",
            "section_notes": "part title",
            "agenda_title": "",
            "agenda_notes": "sections",
            # statistics, quotes, essays
            "population": "population",
            "quote_title": "",
            "quote_read_aloud": "",
            "quote_paraphrased": "",
            "read_more": "",
            "reading_time": "minutes",
            # provenance and citations
            "to_be_confirmed": "",
            "draft": "",
            "source_one": "",
            "source_many": "",
            "sources_listed_at_end": "numbers",
            "sources_in_notes": "first count",
            "sources_title": "",
            "caveats": "",
            "sources_notes": "",
            "continued": "title",
            "key_points": "",
            "qr_code": "address",
            "table_alt": "rows columns",
            "continued_page": "title page pages",
            "continued_notes": "title",
            # the title, support and closing slides
            "title_notes": "title",
            "months": "",
            "support_title": "",
            "closing_title": "",
            # workshops
            "discussion_label": "",
            "discussion_title": "title",
            "facilitator": "notes",
            "wrapup_title": "",
            "capture": "",
            "you_will_need": "",
            "steps": "",
            "break_title": "",
            "break_number": "title number count",
            "break_notes": "duration",
            "break_notes_back": "duration time",
            "break_until": "title time",
            "break_back": "duration time",
            "activity_takes": "duration",
            "have_ready": "materials",
            "wrapup_time": "duration",
            "discussion_for": "label duration",
            "support_call": "contact",
            "support_online": "address",
            "sources_page": "title page pages",
            "talk": "minutes",
            "activity": "",
            "wrapup": "",
            "discussions_one": "count",
            "discussions_many": "count",
            "each_of": "what minutes",
            "in_all": "what minutes",
            "part_minutes": "name minutes",
            "workshop_runs": "start end",
            "workshop_takes": "duration",
            "minutes_short": "minutes",
            "minute_one": "count",
            "minute_many": "count",
            "hour_one": "count",
            "hour_many": "count",
            # alt text of charts
            "column_chart": "",
            "bar_chart": "",
            "pie_chart": "",
            "doughnut_chart": "",
            "pictogram": "value total label",
            "pictogram_people": "",
            "approx_about": "value",
            "approx_more_than": "value",
            "approx_less_than": "value",
        }.items()
    }
)

ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        "item": "Opportunity",
        "items": "Opportunities",
        "item_number": "{item} {number} of {count}",
        "items_title": "{items}",
        "item_notes": "{item} {number}: {title}",
        "items_notes": "{items}, {count} in all: {list}.",
        "section_number": "Part {number}",
        "section_notes": "{part}: {title}.",
        "agenda_title": "What this deck covers",
        "agenda_notes": "In this deck: {sections}.",
        "population": "Population: {population}",
        "quote_title": "In their words",
        "quote_read_aloud": "Read aloud",
        "quote_paraphrased": "In their words, paraphrased",
        "read_more": "Read the essay",
        "reading_time": "{minutes}-minute read",
        "to_be_confirmed": "To be confirmed",
        "draft": "Draft",
        "source_one": "Source:",
        "source_many": "Sources:",
        "sources_listed_at_end": "{numbers}, listed at the end",
        "sources_in_notes": "{first} and {count} more, named in the notes",
        "sources_title": "Sources",
        "caveats": "About the figures and sources:",
        "sources_notes": "Sources cited in this deck:",
        "continued": "{title} (continued)",
        "key_points": "Key points:",
        "qr_code": "QR code: opens {address}",
        "table_alt": "A table of {rows} rows with the columns {columns}",
        "continued_page": "{title} (continued, {page} of {pages})",
        "continued_notes": "Continues the slide “{title}”.",
        "title_notes": "Welcome. This deck is {title}",
        "months": "January, February, March, April, May, June, July, August, September, "
        "October, November, December",
        "support_title": "Where to get support",
        "closing_title": "Thank you",
        "discussion_label": "Discuss in small groups",
        "discussion_title": "Discuss: {title}",
        "facilitator": "For the facilitator: {notes}",
        "wrapup_title": "What will you try?",
        "capture": "Capture it",
        "you_will_need": "You will need",
        "steps": "Steps:",
        "break_title": "Break",
        "break_number": "{title} {number} of {count}",
        "break_notes": "A break of {duration}.",
        "break_notes_back": "A break of {duration}; we start again at {time}.",
        "break_until": "{title} until {time}",
        "break_back": "{duration}, back at {time}",
        "activity_takes": "It takes {duration}.",
        "have_ready": "Have ready: {materials}.",
        "wrapup_time": "We have {duration}.",
        "discussion_for": "{label} for {duration}",
        "support_call": "Call {contact}.",
        "support_online": "Online: {address}.",
        "sources_page": "{title} ({page} of {pages})",
        "talk": "Talk {minutes}",
        "activity": "Activity",
        "wrapup": "Wrap-up",
        "discussions_one": "1 discussion",
        "discussions_many": "{count} discussions",
        "each_of": "{what} of {minutes}",
        "in_all": "{what}, {minutes}",
        "part_minutes": "{name} {minutes}",
        "workshop_runs": "The workshop runs from {start} to {end}",
        "workshop_takes": "The workshop takes {duration}",
        "minutes_short": "{minutes}" + NBSP + "min",  # a number and its unit on one line
        "minute_one": "{count} minute",
        "minute_many": "{count} minutes",
        "hour_one": "{count} hour",
        "hour_many": "{count} hours",
        "column_chart": "Column chart",
        "bar_chart": "Bar chart",
        "pie_chart": "Pie chart",
        "doughnut_chart": "Doughnut chart",
        "pictogram": "Pictogram: {value} of {total} {label} filled.",
        "pictogram_people": "people",
        "approx_about": "about {value}",
        "approx_more_than": "more than {value}",
        "approx_less_than": "less than {value}",
    }
)

# Welsh (Cymraeg): written for this project, to be reviewed by a Welsh speaker before a deck
# is published in Welsh (docs/languages.md). Numbers follow the noun ("Cyfle 2 o 5"), which
# avoids the soft mutations that a number before a noun would need.
WELSH: Mapping[str, str] = MappingProxyType(
    {
        "item": "Cyfle",
        "items": "Cyfleoedd",
        "item_number": "{item} {number} o {count}",
        "items_title": "{items}",
        "item_notes": "{item} {number}: {title}",
        "items_notes": "{items}, {count} i gyd: {list}.",
        "section_number": "Rhan {number}",
        "section_notes": "{part}: {title}.",
        "agenda_title": "Beth sydd yn y cyflwyniad hwn",
        "agenda_notes": "Yn y cyflwyniad hwn: {sections}.",
        "population": "Poblogaeth: {population}",
        "quote_title": "Yn eu geiriau eu hunain",
        "quote_read_aloud": "Darllenwch yn uchel",
        "quote_paraphrased": "Yn eu geiriau eu hunain, wedi’i aralleirio",
        "read_more": "Darllenwch y traethawd",
        "reading_time": "{minutes} munud i’w ddarllen",
        "to_be_confirmed": "I’w gadarnhau",
        "draft": "Drafft",
        "source_one": "Ffynhonnell:",
        "source_many": "Ffynonellau:",
        "sources_listed_at_end": "{numbers}, wedi’u rhestru ar y diwedd",
        "sources_in_notes": "{first} a {count} arall, a enwir yn y nodiadau",
        "sources_title": "Ffynonellau",
        "caveats": "Am y ffigurau a’r ffynonellau:",
        "sources_notes": "Ffynonellau a ddyfynnir yn y cyflwyniad hwn:",
        "continued": "{title} (parhad)",
        "key_points": "Pwyntiau allweddol:",
        "qr_code": "Cod QR: yn agor {address}",
        "table_alt": "Tabl o {rows} rhes gyda’r colofnau {columns}",
        "continued_page": "{title} (parhad, {page} o {pages})",
        "continued_notes": "Yn parhau’r sleid “{title}”.",
        "title_notes": "Croeso. Mae’r cyflwyniad hwn yn {title}",
        "months": "Ionawr, Chwefror, Mawrth, Ebrill, Mai, Mehefin, Gorffennaf, Awst, Medi, "
        "Hydref, Tachwedd, Rhagfyr",
        "support_title": "Ble i gael cymorth",
        "closing_title": "Diolch",
        "discussion_label": "Trafodwch mewn grwpiau bach",
        "discussion_title": "Trafod: {title}",
        "facilitator": "I’r hwylusydd: {notes}",
        "wrapup_title": "Beth fyddwch chi’n rhoi cynnig arno?",
        "capture": "Nodwch e",
        "you_will_need": "Bydd angen",
        "steps": "Camau:",
        "break_title": "Egwyl",
        "break_number": "{title} {number} o {count}",
        "break_notes": "Egwyl o {duration}.",
        "break_notes_back": "Egwyl o {duration}; byddwn yn ailddechrau am {time}.",
        "break_until": "{title} tan {time}",
        "break_back": "{duration}, yn ôl am {time}",
        "activity_takes": "Mae’n cymryd {duration}.",
        "have_ready": "Paratowch: {materials}.",
        "wrapup_time": "Mae gennym {duration}.",
        "discussion_for": "{label} am {duration}",
        "support_call": "Ffoniwch {contact}.",
        "support_online": "Ar-lein: {address}.",
        "sources_page": "{title} ({page} o {pages})",
        "talk": "Sgwrs {minutes}",
        "activity": "Gweithgaredd",
        "wrapup": "Crynhoi",
        "discussions_one": "1 drafodaeth",
        "discussions_many": "{count} trafodaeth",
        "each_of": "{what} o {minutes}",
        "in_all": "{what}, {minutes}",
        "part_minutes": "{name} {minutes}",
        "workshop_runs": "Mae’r gweithdy yn rhedeg o {start} tan {end}",
        "workshop_takes": "Mae’r gweithdy yn para {duration}",
        "minutes_short": "{minutes}" + NBSP + "mun",
        "minute_one": "{count} munud",
        "minute_many": "{count} munud",
        "hour_one": "{count} awr",
        "hour_many": "{count} awr",
        "column_chart": "Siart colofn",
        "bar_chart": "Siart bar",
        "pie_chart": "Siart cylch",
        "doughnut_chart": "Siart toesen",
        "pictogram": "Pictogram: {value} o {total} {label} wedi’u llenwi.",
        "pictogram_people": "o bobl",
        "approx_about": "tua {value}",
        "approx_more_than": "mwy na {value}",
        "approx_less_than": "llai na {value}",
    }
)

# primary language subtag -> its table; any other language falls back to English (W214)
TABLES: Mapping[str, Mapping[str, str]] = MappingProxyType({"en": ENGLISH, "cy": WELSH})


def primary(language: str) -> str:
    """`cy-GB` -> `cy`."""
    return language.split("-", 1)[0].lower()


def has_table(language: str) -> bool:
    return primary(language) in TABLES


def placeholders_in(text: str) -> list[str]:
    """The `{names}` a label uses, in order; ValueError for a brace that is not closed or a
    placeholder with a format (`{number:02}`): labels are words, not format strings."""
    names = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise ValueError(f"`{{{name}{'!' + conversion if conversion else ''}}}`")
        names.append(name)
    return names


@dataclass(frozen=True)
class Labels:
    """The deck's words: its language's defaults, with the content's overrides on top."""

    language: str = "en-GB"
    overrides: Mapping[str, str] = field(default_factory=dict)

    def raw(self, key: str) -> str:
        if key in self.overrides:
            return self.overrides[key]
        return TABLES.get(primary(self.language), ENGLISH)[key]

    def text(self, key: str, **values: object) -> str:
        """The label `key` with its placeholders filled; `{item}` and `{items}` are always
        available, so "{item} {number} of {count}" follows the content's noun."""
        allowed = PLACEHOLDERS[key]
        unknown = set(values) - allowed
        if unknown:  # a programming error: the key's placeholders are listed above
            raise KeyError(f"label `{key}` takes no {sorted(unknown)}")
        # the noun as it reads on its own (a `{{` in it is one brace, as everywhere)
        if "item" in allowed and "item" not in values:
            values["item"] = self.text("item")
        if "items" in allowed and "items" not in values:
            values["items"] = self.text("items")
        return self.raw(key).format_map({name: values.get(name, "") for name in allowed})

    def months(self) -> list[str]:
        names = [m.strip() for m in self.raw("months").split(",") if m.strip()]
        return names if len(names) == 12 else [m.strip() for m in ENGLISH["months"].split(",")]

    def minutes(self, count: int) -> str:
        """`25` -> `25 minutes` (the one/many forms from the table)."""
        return self.text("minute_one" if count == 1 else "minute_many", count=count)

    def hours(self, count: int) -> str:
        return self.text("hour_one" if count == 1 else "hour_many", count=count)

    def duration(self, minutes: int) -> str:
        """`140` -> `2 hours 20 minutes`, for sentences."""
        hours, rest = divmod(minutes, 60)
        parts = []
        if hours:
            parts.append(self.hours(hours))
        if rest or not hours:
            parts.append(self.minutes(rest))
        return " ".join(parts)

    def short_minutes(self, minutes: int) -> str:
        """What a time badge says: `25 min` (a number and its unit on one line)."""
        return self.text("minutes_short", minutes=minutes)


DEFAULT = Labels()
