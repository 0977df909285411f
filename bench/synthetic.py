"""Synthetic content folders of any size, for benchmarks: a realistic mix of slide kinds.

    python bench/synthetic.py FOLDER --slides 1000

writes deck.yaml, statistics.yaml, quotes.yaml, sources.yaml and brand.yaml into FOLDER. The
built deck has `slides` slides: a title slide, a storyboard of text slides (bullets with and
without a lead paragraph, two columns, cards, a table), quotes, big-number statistics and
native charts (column, bar, pie, doughnut), a section divider every 40 entries, then the
Sources slides and a closing slide. Most entries carry speaker notes, every item a source; one
item in ten is unconfirmed (with a `check:`), as in a draft. The text is drawn from a fixed
vocabulary with a seeded generator, so the same size always gives the same content, and is
short enough that nothing continues onto an extra slide.
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path
from typing import Any

import yaml

SOURCES_PER_SLIDE = 8  # as many as the Sources slide lists before continuing (short entries)

SUBJECTS = [
    "People living with both conditions",
    "Physiotherapists",
    "Test teams",
    "Community services",
    "GPs",
    "Mental health staff",
    "Patients",
    "Carers",
    "Clinic managers",
    "Wellbeing centres",
    "Pain services",
    "Local partners",
]
VERBS = [
    "describe",
    "ask for",
    "plan",
    "share",
    "test",
    "look for",
    "value",
    "need",
    "build",
    "review",
    "start",
    "welcome",
]
OBJECTS = [
    "care that sees the whole person",
    "one conversation about mood and pain",
    "time to talk about wellbeing",
    "joined-up appointments",
    "a clear place to get help",
    "support close to home",
    "training shaped by lived experience",
    "plain words about treatment",
    "a shared plan across services",
    "follow-up after the first visit",
    "advice that fits their day",
    "a named person to call",
]
ENDINGS = [
    "in every service",
    "from the first appointment",
    "across health and care",
    "in their own words",
    "without being passed around",
    "as part of routine care",
    "with less waiting",
    "",
]
TOPICS = [
    "listening",
    "access",
    "self-management",
    "signposting",
    "training",
    "waiting",
    "follow-up",
    "partnership",
    "wellbeing",
    "confidence",
    "continuity",
    "outcomes",
]
PLACES = ["North", "Midlands", "South", "Wales", "London", "East"]
NOTES = [
    "Pause here and ask the room what they have seen in their own services.",
    "Say where the finding comes from, and that it is one project's experience.",
    "Keep this short: the next slide shows what the teams tried.",
    "Invite one example from the audience before moving on.",
]
CHARTS = ["column", "bar", "pie", "doughnut"]
# one cycle of the storyboard: the mix repeats in this order
CYCLE = [
    "bullets",
    "chart",
    "paragraph",
    "quote",
    "statistic",
    "cards",
    "bullets",
    "chart",
    "two-columns",
    "table",
]
SECTION_EVERY = 40


class Writer:
    """Draws the text for one content folder from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.titles: set[str] = set()

    def pick(self, words: list[str]) -> str:
        return self.random.choice(words)

    def sentence(self) -> str:
        ending = self.pick(ENDINGS)
        words = [self.pick(SUBJECTS), self.pick(VERBS), self.pick(OBJECTS)]
        return " ".join([*words, ending] if ending else words)

    def title(self, number: int) -> str:
        """A slide title no other slide has (W202 warns of duplicates)."""
        while True:
            text = f"{self.pick(SUBJECTS)} {self.pick(VERBS)} {self.pick(OBJECTS)}"
            if text not in self.titles:
                self.titles.add(text)
                return text
            # after many slides the combinations run short: name the part of the deck
            text = f"{text}, part {number}"
            if text not in self.titles:
                self.titles.add(text)
                return text

    def points(self, low: int, high: int) -> list[str]:
        return [self.sentence() for _ in range(self.random.randint(low, high))]


def plan(slides: int) -> tuple[int, int]:
    """How many sources and storyboard entries give a deck of `slides` slides."""
    if slides < 6:
        raise ValueError("a synthetic deck needs at least 6 slides")
    sources = min(24, max(2, (slides - 5) // 6))
    entries = slides - 2 - math.ceil(sources / SOURCES_PER_SLIDE)  # title, closing, sources
    return sources, entries


def make_content(folder: Path, slides: int, seed: int = 17) -> Path:
    """Write a content folder for a deck of `slides` slides into `folder`; return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write = Writer(seed)
    source_count, entries = plan(slides)
    sources = {
        f"report-{n + 1}": {
            "title": f"Report on {TOPICS[n % len(TOPICS)]} ({n + 1})",
            "publisher": f"Test Lab report {n + 1}",
            "year": 2015 + n % 10,
            "url": f"https://example.org/r/{n + 1}",
        }
        for n in range(source_count)
    }
    source_ids = list(sources)
    statistics: dict[str, Any] = {}
    quotes: dict[str, Any] = {}
    storyboard: list[dict[str, Any]] = [{"kind": "title"}]
    cited = 0  # each entry cites the next source in turn, so every source is cited

    def next_source() -> str:
        nonlocal cited
        cited += 1
        return source_ids[(cited - 1) % len(source_ids)]

    def provenance(number: int) -> dict[str, Any]:
        if number % 10 == 3:
            return {
                "source": next_source(),
                "status": "unconfirmed",
                "check": "Check the figure against the report's own table.",
            }
        return {"source": next_source(), "status": "confirmed"}

    def statistic(number: int, chart: bool) -> str:
        key = f"figure-{number}"
        share = write.random.randint(12, 88)
        entry: dict[str, Any] = {
            "headline": f"{share}%",
            "label": f"of {write.pick(SUBJECTS).lower()} {write.pick(VERBS)} {write.pick(OBJECTS)}",
            "takeaway": write.title(number),
            "population": write.pick(PLACES),
            "year": str(2015 + number % 10),
        }
        if chart:
            kind = CHARTS[(number // len(CYCLE)) % len(CHARTS)]
            if kind in ("pie", "doughnut"):
                entry["chart"] = {
                    "type": kind,
                    "categories": ["Yes", "No"],
                    "series": [{"name": "Share", "values": [share / 100, 1 - share / 100]}],
                    "number_format": "0%",
                    "highlight": [0],
                }
            else:
                places = PLACES[: write.random.randint(3, 5)]
                series = [
                    {"name": str(year), "values": [write.random.randint(5, 60) for _ in places]}
                    for year in range(2018, 2018 + write.random.randint(1, 2))
                ]
                entry["chart"] = {"type": kind, "categories": places, "series": series}
        entry.update(provenance(number))
        statistics[key] = entry
        return key

    for number in range(1, entries + 1):
        if number % SECTION_EVERY == 1:
            storyboard.append(
                {
                    "kind": "section",
                    "id": f"part-{number // SECTION_EVERY + 1}",
                    "title": f"Part {number // SECTION_EVERY + 1}: {write.pick(TOPICS)}",
                    "subtitle": write.sentence(),
                }
            )
            continue
        kind = CYCLE[number % len(CYCLE)]
        slide: dict[str, Any]
        if kind == "bullets":
            slide = {
                "kind": "bullets",
                "title": write.title(number),
                "points": write.points(3, 5),
                "sources": [next_source()],
            }
        elif kind == "paragraph":
            slide = {
                "kind": "bullets",
                "title": write.title(number),
                "body": f"{write.sentence()}, and **{write.sentence().lower()}**.",
                "points": write.points(2, 3),
                "sources": [next_source()],
            }
        elif kind == "chart":
            slide = {"kind": "chart", "statistic": statistic(number, chart=True)}
        elif kind == "statistic":
            slide = {"kind": "statistic", "statistic": statistic(number, chart=False)}
        elif kind == "quote":
            key = f"voice-{number}"
            quotes[key] = {
                "text": f"{write.sentence()}. That is what made the difference.",
                "attribution": f"A participant from the {write.pick(PLACES)} test team",
                **provenance(number),
            }
            slide = {"kind": "quote", "quote": key, "title": write.title(number)}
        elif kind == "cards":
            slide = {
                "kind": "cards",
                "title": write.title(number),
                "cards": [
                    {"title": write.pick(TOPICS).capitalize(), "body": write.sentence()}
                    for _ in range(3)
                ],
                "sources": [next_source()],
            }
        elif kind == "two-columns":
            slide = {
                "kind": "two-columns",
                "title": write.title(number),
                "left": {"heading": "What people said", "body": write.sentence()},
                "right": {"heading": "What teams tried", "body": write.sentence()},
            }
        else:  # table
            slide = {
                "kind": "table",
                "title": write.title(number),
                "columns": ["Team", "What they tried"],
                "rows": [
                    {"Team": f"{place} team", "What they tried": write.sentence()}
                    for place in PLACES[:3]
                ],
                "sources": [next_source()],
            }
        slide.setdefault("id", f"{slide['kind']}-{number}")
        if number % 3:  # two slides in three have notes of their own; the rest are drafted
            slide["notes"] = f"{write.pick(NOTES)} {write.sentence()}."
        storyboard.append(slide)
    storyboard += [
        {"kind": "sources"},
        {
            "kind": "closing",
            "title": "Find out more",
            "body": "Read the reports and share this summary with your team.",
            "contact": ["Web: [example.org](https://example.org/)"],
        },
    ]
    deck = {
        "deck": {
            "title": f"A synthetic deck of {slides} slides",
            "subtitle": "Generated for the speed benchmark",
            "slug": f"synthetic-{slides}",
            "author": "summarydeck benchmark",
            "organisation": "Test Lab",
            "date": "2026-01-15",
            "language": "en-GB",
        },
        "slides": storyboard,
    }
    brand = {
        "brand": {
            "name": "Benchmark",
            "footer": "Test Lab · Synthetic benchmark deck",
            "colours": {"primary": "#1B3A5C"},
            "fonts": {"heading": "Arial", "body": "Calibri"},
        }
    }
    files = {
        "deck.yaml": deck,
        "statistics.yaml": {"statistics": statistics},
        "quotes.yaml": {"quotes": quotes},
        "sources.yaml": {"sources": sources},
        "brand.yaml": brand,
    }
    for name, data in files.items():
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="content folder to write (made if missing)")
    parser.add_argument("--slides", type=int, default=100, help="slides in the built deck")
    parser.add_argument("--seed", type=int, default=17, help="seed of the text generator")
    args = parser.parse_args()
    try:
        make_content(args.folder, args.slides, args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"wrote {args.folder} ({args.slides} slides)")


if __name__ == "__main__":
    main()
