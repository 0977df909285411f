"""Hypothesis strategies for valid content folders that use every slide kind, with odd text.

`content_folders()` draws a whole content folder: a `deck:` section, a brand and a storyboard
with at least one entry of every registered slide kind (`STORYBOARD_KINDS`; the property test
checks it against the registry), plus the essays, opportunities, statistics, quotes and sources
those entries refer to. Every text field mixes ordinary words with the text that breaks tools:
right-to-left scripts, CJK, emoji sequences, combining marks, XML and Markdown look-alikes, a
60-letter word, formula- and TeX-looking labels, tabs, line breaks, no-break and zero-width
characters, and random characters (but those a deck cannot hold, which the loader refuses as
E106). The folder is valid by construction: ids are unique, references resolve, lists keep to
their limits, so a build may refuse it only for text that cannot fit (see test_properties).

Picture charts get only text their font can draw (`drawable_in_picture_chart`): the build
refuses the rest with E210, and a refused folder tests little.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

LOGO = Path(__file__).parent / "content" / "full" / "logo.png"

# one entry of each kind at least; `summarydeck kinds` lists the registry these must match
STORYBOARD_KINDS = (
    "title",
    "agenda",
    "section",
    "statistic",
    "chart",
    "essay",
    "bullets",
    "two-columns",
    "cards",
    "table",
    "quote",
    "opportunities",
    "opportunity",
    "discussion",
    "activity",
    "break",
    "wrapup",
    "support",
    "sources",
    "closing",
)

WORDS = (
    "care",
    "people",
    "pain",
    "services",
    "mental",
    "health",
    "together",
    "the",
    "of",
    "and",
    "1 in 4",
    "50%",
    "2-3 times",
    "19 minutes",
    "COVID-19",
    "...",
    "--",
    "it's",
)

LONG_WORD = ("Hippopotomonstrosesquippedaliophobia" + "Floccinaucinihilipilification")[:60]

# the text that breaks tools, grouped by what it tests
ODD_PIECES = (
    # right to left, alone and inside left-to-right text
    "تحسين الرعاية",
    "الصحة النفسية",
    "שיפור הטיפול",
    "עברית",
    # CJK
    "精神健康",
    "腰痛と首の痛み",
    "정신 건강",
    # emoji: a ZWJ family, skin tones, a profession with a ZWJ, a flag of tag characters
    "🤝",
    "👩\u200d👩\u200d👧",
    "👍🏽",
    "🧑🏿\u200d⚕️",
    "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",
    "❤️",
    # combining marks
    "cafe\u0301",
    "n\u0303a\u0300\u0301\u0302",
    "Z\u0336a\u0337l\u0338",
    # XML look-alikes
    "<a:t>",
    "</p:txBody>",
    "&amp;",
    "&lt;b&gt;",
    "]]>",
    "<![CDATA[x]]>",
    '"quoted"',
    "&#0;",
    # Markdown metacharacters
    "*",
    "**",
    "_x_",
    "`code`",
    "# not a heading",
    "[x]",
    "(y)",
    "\\",
    "|",
    "a > b",
    "1.",
    "~~",
    "<https://example.org/auto>",
    # TeX look-alikes (matplotlib reads text between two `$` as mathematics)
    "$5",
    "$x^2$",
    "$^$",
    # formula look-alikes (as chart labels they must stay text)
    "=1+1",
    '=HYPERLINK("x")',
    "+SUM(A1)",
    "@A1",
    # spacing: no-break, zero-width joiner and non-joiner, thin space
    "a\u00a0b",
    "\u00a0",
    "x\u200dy",
    "x\u200cy",
    "\u2009",
    "a\tb",
    "line\nbreak",
    LONG_WORD,
)

# web addresses a link or `url:` may hold (odd ones for `url:` fields, which are escaped)
SAFE_URLS = (
    "https://example.org/",
    "https://example.org/report?a=1&b=2",
    "https://www.example.org/a/b/c#part",
    "mailto:hello@example.org",
)
SOURCE_URLS = (*SAFE_URLS[:3], "https://例え.jp/パス", "https://example.org/a%20b")

# brand palettes that pass the brand's contrast rules (E208) and the chart-colour check
PALETTES: tuple[dict[str, Any], ...] = (
    {},
    {"primary": "#1B3A5C"},
    {
        "text": "#111111",
        "primary": "#00483A",
        "link": "#005A9C",
        "accents": ["#00704A", "#A4343A", "#3A5DAE"],
    },
)
TYPE_SCALES: tuple[dict[str, Any], ...] = (
    {},
    {"display": 48, "title": 32, "quote": 36, "body": 24, "body_min": 18, "label": 20},
    {"body": 18, "body_min": 18},
)
NUMBER_FORMATS = ("General", "0", "0.0", "#,##0", "0%", "0.0%", '0.0"x"', '"£"#,##0')
LANGUAGES = ("en-GB", "cy", "ar", "he", "ja", "zh-Hans-CN")

# random characters too: any assigned code point but private use and those a deck cannot
# hold, which the loader refuses at their field (E106), so content holding them is invalid,
# not odd: control characters (Cc; tab and line breaks come in ODD_PIECES), surrogates (Cs)
# and noncharacters (unassigned, Cn)
_RANDOM_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))


@dataclass
class ContentFolder:
    """A generated content folder: YAML text per file name, and whether the logo is used."""

    files: dict[str, str]
    logo: bool = False
    kinds: list[str] = field(default_factory=list)  # the storyboard's kinds, in order

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.files.items():
            (folder / name).write_text(text, "utf-8")
        if self.logo:
            (folder / "logo.png").write_bytes(LOGO.read_bytes())
        return folder


def _dump(data: dict[str, Any]) -> str:
    # PyYAML quotes and escapes whatever would not read back as the same string
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


# ---------------------------------------------------------------------------------- text


# ordinary words twice as often as odd pieces or random characters: text made only of odd
# pieces is mostly refused as too long to fit, which tests nothing past the refusal
_TOKEN = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(ODD_PIECES),
    st.text(_RANDOM_CHARS, min_size=1, max_size=4),
)
_EDGE_SPACE = st.sampled_from((" ", "\u00a0", "  "))


@st.composite
def _text(
    draw: st.DrawFn, max_words: int, spaced: bool, tokens: st.SearchStrategy[str] = _TOKEN
) -> str:
    first = draw(st.sampled_from(WORDS[:8]))
    joined = " ".join([first, *draw(st.lists(tokens, max_size=max_words - 1))])
    if spaced and draw(st.booleans()):
        joined = draw(_EDGE_SPACE) + joined + " "
    return joined


# strategies are built once per shape and reused: building one per draw cost hypothesis
# most of a second per content folder
@functools.cache
def text(max_words: int = 5, *, spaced: bool = True) -> st.SearchStrategy[str]:
    """Plain text: a real word first (so the text never reduces to nothing), then tokens;
    with `spaced`, leading and trailing spaces too (the model strips them)."""
    return _text(max_words, spaced)


_STYLE = st.sampled_from(("bold", "italic", "link"))
_LINK = st.sampled_from(SAFE_URLS)


@st.composite
def _markdown(draw: st.DrawFn, max_words: int) -> str:
    words = draw(text(max_words, spaced=False)).split(" ")
    for index in draw(st.sets(st.integers(0, len(words) - 1), max_size=2)):
        word = words[index].strip()
        if not word or any(c in word for c in "*_[]()<>`\\"):
            continue  # nesting Markdown in Markdown is the odd pieces' job
        style = draw(_STYLE)
        if style == "bold":
            words[index] = f"**{word}**"
        elif style == "italic":
            words[index] = f"*{word}*"
        else:
            words[index] = f"[{word}]({draw(_LINK)})"
    return " ".join(words)


@functools.cache
def markdown(max_words: int = 8) -> st.SearchStrategy[str]:
    """Inline Markdown: text with some words bold, italic or linked."""
    return _markdown(max_words)


def short(max_words: int = 2) -> st.SearchStrategy[str]:
    return text(max_words)


@functools.cache
def picture_text(max_words: int = 2) -> st.SearchStrategy[str]:
    """Text for a picture chart: only characters its fonts can draw (see
    `drawable_in_picture_chart`), odd pieces as often as words, since matplotlib has its
    own ways to misread text."""
    drawable = tuple(p for p in ODD_PIECES if drawable_in_picture_chart(p))
    tokens = st.one_of(st.sampled_from(WORDS), st.sampled_from(drawable))
    return _text(max_words, True, tokens)


def _figure(text: str) -> str:
    return text.strip()[:16].strip()


# a statistic's big number: up to 16 characters once stripped
HEADLINES = st.one_of(
    st.sampled_from(("1 in 4", "50%", "3", "£1.5bn", "٣ من ٤", "四分之一", "=1+1", "<a:t>")),
    text(2, spaced=False).map(_figure).filter(bool),
)


# ------------------------------------------------------------------------------- content


@st.composite
def _provenance(draw: st.DrawFn, sources: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {"source": draw(st.sampled_from(sources))}
    if draw(st.booleans()):
        item["status"] = "confirmed"
    else:
        item["status"] = "unconfirmed"
        item["check"] = draw(text(4))
    if draw(st.booleans()):
        item["note"] = draw(text(4))
    return item


@st.composite
def _source(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"title": draw(text(4))}
    if draw(st.booleans()):
        item["publisher"] = draw(short(3))
    if draw(st.booleans()):
        item["author"] = draw(short(3))
    if draw(st.booleans()):
        item["year"] = draw(st.integers(1800, 2100))
    if draw(st.booleans()):
        item["url"] = draw(st.sampled_from(SOURCE_URLS))
    return item


@st.composite
def _essay(draw: st.DrawFn, sources: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {"title": draw(text(4))}
    for key in ("subtitle", "label", "published"):
        if draw(st.booleans()):
            item[key] = draw(short(3))
    if draw(st.booleans()):
        item["reading_time_minutes"] = draw(st.integers(1, 600))
    if draw(st.booleans()):
        item["url"] = draw(st.sampled_from(SAFE_URLS[:3]))
    item["summary"] = ". ".join(draw(st.lists(markdown(6), min_size=1, max_size=3)))
    item["key_points"] = draw(st.lists(markdown(5), max_size=3))
    return item | draw(_provenance(sources))


@st.composite
def _opportunity(draw: st.DrawFn, sources: list[str], workshop: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"title": draw(text(4)), "summary": draw(markdown(7))}
    item["points"] = draw(st.lists(markdown(8), max_size=3))
    if workshop:
        item["workshop"] = {"prompts": draw(st.lists(markdown(6), min_size=1, max_size=3))}
        if draw(st.booleans()):
            item["workshop"]["facilitator_notes"] = draw(markdown(7))
        if draw(st.booleans()):
            item["workshop"]["minutes"] = draw(st.integers(1, 240))
    return item | draw(_provenance(sources))


def _values(low: float, high: float) -> st.SearchStrategy[float]:
    return st.one_of(
        st.integers(int(low), int(high)).map(float),
        st.floats(low, high, allow_nan=False, allow_infinity=False),
    )


@st.composite
def chart(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(("column", "bar", "pie", "doughnut", "pictogram")))
    if kind == "pictogram":
        total = draw(st.integers(1, 40))
        item: dict[str, Any] = {"type": kind, "value": draw(st.integers(0, total))}
        item["total"] = total
        if draw(st.booleans()):
            item["icon_label"] = draw(short(2))
        return item
    round_ = kind in ("pie", "doughnut")
    # one in four column or bar charts is drawn as a picture (matplotlib: a second a chart)
    picture = not round_ and draw(st.integers(0, 3)) == 0
    words = picture_text(3) if picture else short(3)
    count = draw(st.integers(2 if round_ else 1, 6))
    categories = draw(st.lists(words, min_size=count, max_size=count))
    series_count = 1 if round_ else draw(st.integers(1, 3))
    values = _values(0, 1000) if round_ else _values(-1e6, 1e6)
    numbers = [draw(st.lists(values, min_size=count, max_size=count)) for _ in range(series_count)]
    if round_ and sum(numbers[0]) <= 0:
        numbers[0][0] = 1.0  # a pie needs some whole to share out
    series = [{"name": draw(words), "values": row} for row in numbers]
    item = {"type": kind, "categories": categories, "series": series}
    item["number_format"] = draw(st.sampled_from(NUMBER_FORMATS))
    if series_count == 1 and draw(st.booleans()):
        item["highlight"] = sorted(draw(st.sets(st.integers(0, count - 1), max_size=2)))
    if not round_ and series_count == 1 and draw(st.booleans()):
        item["value_labels"] = False
    if picture:
        item["engine"] = "picture"
    return item


@st.composite
def _statistic(draw: st.DrawFn, sources: list[str], charted: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"headline": draw(HEADLINES), "label": draw(markdown(6))}
    if draw(st.booleans()):
        item["takeaway"] = draw(text(5))
    for key in ("population", "year"):
        if draw(st.booleans()):
            item[key] = draw(short(2))
    if charted:
        item["chart"] = draw(chart())
    if draw(st.booleans()):
        item["alt_text"] = draw(text(5))
    return item | draw(_provenance(sources))


@st.composite
def _quote(draw: st.DrawFn, sources: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {"text": draw(markdown(8)), "attribution": draw(short(3))}
    if draw(st.booleans()):
        item["paraphrase"] = True
    return item | draw(_provenance(sources))


# ---------------------------------------------------------------------------- storyboard


@st.composite
def _extras(draw: st.DrawFn, own_text: bool = False) -> dict[str, Any]:
    """What every entry may carry: notes, tags, and on slides with text of their own a
    status."""
    item: dict[str, Any] = {}
    if draw(st.booleans()):
        item["notes"] = draw(markdown(5))
    if draw(st.booleans()):
        item["tags"] = draw(st.lists(st.sampled_from(["core", "extra"]), max_size=2, unique=True))
    if own_text and draw(st.booleans()):
        item["status"] = "unconfirmed"
        item["check"] = draw(text(5))
    return item


@st.composite
def _table(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(2, 5))
    columns = draw(
        st.lists(
            text(2, spaced=False).map(str.strip),
            min_size=count,
            max_size=count,
            unique_by=lambda c: c.casefold(),
        ).filter(
            # a row's own keys cannot be headings
            lambda cols: not {c.casefold() for c in cols} & {"status", "check"}
        )
    )
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        row = {c: draw(markdown(5)) for c in columns if draw(st.integers(0, 4))}
        if not row:
            row[columns[0]] = draw(markdown(3))
        if draw(st.integers(0, 3)) == 0:
            row["status"] = "unconfirmed"
            row["check"] = draw(text(4))
        rows.append(row)
    return {"title": draw(text(4)), "columns": columns, "rows": rows}


@st.composite
def _support_entry(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"name": draw(short(3)), "offers": draw(markdown(4))}
    item["contact"] = draw(st.sampled_from(["116 123", "0300 123 3393", "+44 20 7946 0000"]))
    if draw(st.booleans()):
        item["when"] = draw(short(4))
    if draw(st.booleans()):
        item["url"] = draw(st.sampled_from(SAFE_URLS[:3]))
    item["status"] = draw(st.sampled_from(["confirmed", "unconfirmed"]))
    if item["status"] == "unconfirmed" and draw(st.booleans()):
        item["check"] = draw(text(5))
    return item


@st.composite
def storyboard(
    draw: st.DrawFn,
    sources: list[str],
    essays: list[str],
    opportunities: list[str],
    charted: list[str],
    plain_stats: list[str],
    quotes: list[str],
) -> list[dict[str, Any]]:
    """Every kind at least once, in the order a talk would take; explicit ids where a kind
    appears more than once (a default id made from odd text could repeat)."""
    slides: list[dict[str, Any]] = []

    def add(
        kind: str, fields: dict[str, Any], own_text: bool = False, *, unique: bool = False
    ) -> None:
        entry: dict[str, Any] = {"kind": kind, **fields}
        if not unique:
            entry["id"] = f"s{len(slides)}-{kind}"
        slides.append(entry | draw(_extras(own_text)))

    cite = st.lists(st.sampled_from(sources), max_size=2, unique=True)
    title_fields: dict[str, Any] = {}
    if draw(st.booleans()):
        title_fields["title"] = draw(text(4))
    if draw(st.booleans()):
        title_fields["subtitle"] = draw(text(4))
    add("title", title_fields, unique=True)
    add("agenda", {}, unique=True)
    add("section", {"title": draw(text(5)), "minutes": draw(st.integers(1, 60))})

    stat_ids = charted + plain_stats
    add("statistic", {"statistic": draw(st.sampled_from(stat_ids))})
    for stat in charted:
        fields = {"statistic": stat}
        if draw(st.booleans()):
            fields["title"] = draw(text(5))
        add("chart", fields)
    if len(stat_ids) >= 2 and draw(st.booleans()):
        group = draw(st.lists(st.sampled_from(stat_ids), min_size=2, max_size=3, unique=True))
        add("chart", {"statistics": group, "title": draw(text(5))})

    section: dict[str, Any] = {"title": draw(text(5))}
    if draw(st.booleans()):
        section["subtitle"] = draw(text(5))
    add("section", section)
    for essay in essays:
        add("essay", {"essay": essay})
    bullets: dict[str, Any] = {"title": draw(text(5)), "sources": draw(cite)}
    if draw(st.booleans()):
        bullets["body"] = draw(markdown(8))
    least = 0 if "body" in bullets else 1  # a bullets slide needs points or a body
    bullets["points"] = draw(st.lists(markdown(6), min_size=least, max_size=6))
    add("bullets", bullets, own_text=True)
    columns = {
        side: {"heading": draw(short(3)), "body": draw(markdown(8))} for side in ("left", "right")
    }
    add("two-columns", {"title": draw(text(4)), **columns, "sources": draw(cite)}, True)
    cards = draw(
        st.lists(
            st.fixed_dictionaries({"title": short(3), "body": markdown(8)}),
            min_size=1,
            max_size=6,
        )
    )
    arrange = draw(st.sampled_from(["auto", "grid", "rows"]))
    add("cards", {"title": draw(text(4)), "cards": cards, "arrange": arrange}, True)
    add("table", draw(_table()) | {"sources": draw(cite)}, True)
    for quote in quotes:
        add("quote", {"quote": quote})

    add("section", {"title": draw(text(5)), "minutes": draw(st.integers(1, 60))})
    add("opportunities", {})
    for opportunity in opportunities:
        add("opportunity", {"opportunity": opportunity})
    add("discussion", {"opportunity": opportunities[0]})  # the first has workshop prompts
    activity: dict[str, Any] = {
        "title": draw(text(5)),
        "steps": draw(st.lists(markdown(6), min_size=1, max_size=5)),
    }
    if draw(st.booleans()):
        activity["minutes"] = draw(st.integers(1, 480))
    if draw(st.booleans()):
        activity["materials"] = draw(st.lists(short(3), min_size=1, max_size=4))
    add("activity", activity)
    pause: dict[str, Any] = {"minutes": draw(st.integers(1, 240))}
    if draw(st.booleans()):
        pause["title"] = draw(text(4))
    if draw(st.booleans()):
        pause["message"] = draw(markdown(8))
    add("break", pause)
    wrapup: dict[str, Any] = {"prompts": draw(st.lists(markdown(6), min_size=1, max_size=4))}
    if draw(st.booleans()):
        wrapup["capture"] = draw(markdown(6))
    if draw(st.booleans()):
        wrapup["minutes"] = draw(st.integers(1, 120))
    add("wrapup", wrapup)
    entries = draw(st.lists(_support_entry(), min_size=1, max_size=3))
    add("support", {"entries": entries}, unique=True)
    add("sources", {"include_uncited": draw(st.booleans())}, unique=True)
    closing: dict[str, Any] = {}
    if draw(st.booleans()):
        closing["title"] = draw(text(4))
    if draw(st.booleans()):
        closing["body"] = draw(markdown(7))
    closing["contact"] = draw(st.lists(markdown(5), max_size=3))
    if draw(st.booleans()):
        closing["qr"] = draw(st.sampled_from([False, SAFE_URLS[0]]))
    add("closing", closing, unique=True)
    return slides


# -------------------------------------------------------------------------- the folder


@st.composite
def _brand(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    brand: dict[str, Any] = {"name": draw(short(3))}
    palette = draw(st.sampled_from(PALETTES))
    if palette:
        brand["colours"] = palette
    brand["fonts"] = {
        "heading": draw(st.sampled_from(["Arial", "Calibri", "Cambria"])),
        "body": draw(st.sampled_from(["Arial", "Calibri", "Cambria"])),
    }
    scale = draw(st.sampled_from(TYPE_SCALES))
    if scale:
        brand["type_scale"] = scale
    if draw(st.booleans()):
        brand["footer"] = draw(text(5))
    logo = draw(st.booleans())
    if logo:
        brand["logo"] = "logo.png"
        brand["logo_alt_text"] = draw(text(4))
    brand["partners"] = [{"name": name} for name in draw(st.lists(short(3), max_size=2))]
    brand["slide_size"] = draw(st.sampled_from(["16:9", "4:3"]))
    return brand, logo


@st.composite
def _deck(draw: st.DrawFn) -> dict[str, Any]:
    deck: dict[str, Any] = {
        "title": draw(text(4)),
        "slug": "prop",
        "author": draw(short(3)),
        "date": draw(st.dates(dt.date(1980, 1, 1), dt.date(2107, 12, 31))),
        "language": draw(st.sampled_from(LANGUAGES)),
        "keywords": draw(st.lists(short(2), max_size=3)),
    }
    if draw(st.booleans()):
        deck["subtitle"] = draw(text(5))
    if draw(st.booleans()):
        deck["organisation"] = draw(short(3))
    return deck


@st.composite
def content_folders(draw: st.DrawFn) -> ContentFolder:
    """A valid content folder with every slide kind and odd text throughout."""
    sources = [f"src-{i}" for i in range(draw(st.integers(1, 3)))]
    essays = [f"essay-{i}" for i in range(draw(st.integers(1, 2)))]
    opportunities = [f"opp-{i}" for i in range(draw(st.integers(1, 3)))]
    charted = [f"chart-{i}" for i in range(draw(st.integers(1, 3)))]
    plain = [f"stat-{i}" for i in range(draw(st.integers(0, 1)))]
    quotes = [f"quote-{i}" for i in range(draw(st.integers(1, 2)))]

    content = {
        "sources": {s: draw(_source()) for s in sources},
        "essays": {e: draw(_essay(sources)) for e in essays},
        "opportunities": {
            o: draw(_opportunity(sources, workshop=i == 0 or draw(st.booleans())))
            for i, o in enumerate(opportunities)
        },
        "statistics": {s: draw(_statistic(sources, charted=True)) for s in charted}
        | {s: draw(_statistic(sources, charted=False)) for s in plain},
        "quotes": {q: draw(_quote(sources)) for q in quotes},
    }
    slides = draw(storyboard(sources, essays, opportunities, charted, plain, quotes))
    brand, logo = draw(_brand())
    files = {"deck.yaml": _dump({"deck": draw(_deck()), "slides": slides})}
    files["brand.yaml"] = _dump({"brand": brand})
    for section, items in content.items():
        files[f"{section}.yaml"] = _dump({section: items})
    return ContentFolder(files, logo, [entry["kind"] for entry in slides])


# ------------------------------------------------------------------ known failures, by name


@functools.cache
def _bundled_coverage() -> frozenset[int]:
    """The characters every bundled body font has, regular and bold."""
    from fontTools.ttLib import TTFont

    from summarydeck.plan.fonts import font_file

    covered = []
    for family in ("Calibri", "Arial", "Cambria"):
        for bold in (False, True):
            with TTFont(str(font_file(family, bold)), lazy=True) as font:
                covered.append(frozenset(font.getBestCmap()))
    return frozenset.intersection(*covered)


def drawable_in_picture_chart(token: str) -> bool:
    """Whether matplotlib can draw `token` in a picture chart (`engine: picture`): every
    character in the bundled fonts. Others (CJK, Arabic, emoji) are drawn as empty boxes, with
    matplotlib's "Glyph missing from font" warning printed by the build; Arabic and Hebrew
    would also come out unshaped and left to right. The build refuses such a label with E210
    at its field (`tests/bad_inputs/picture_chart_glyph_missing.yaml`); they are left out here
    so that generated picture charts get built rather than refused."""
    return all(ord(c) in _bundled_coverage() or c == "\u00a0" for c in token)


__all__ = [
    "LONG_WORD",
    "ODD_PIECES",
    "STORYBOARD_KINDS",
    "ContentFolder",
    "content_folders",
]
