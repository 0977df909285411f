"""Plain helpers shared by the tests (no fixtures: import them by name)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

FULL_CONTENT = Path(__file__).parent / "content" / "full"


# `{{"word " * 20000}}` in a bad-input case's `new` or `text` (tests/bad_inputs/README.md): a
# long text kept short in the case file
_REPEAT = re.compile(r'\{\{"(.*?)" \* (\d+)\}\}')


def expand_repeats(text: str) -> str:
    return _REPEAT.sub(lambda m: m[1].encode().decode("unicode_escape") * int(m[2]), text)


def edit_content(file: Path, old: str, new: str) -> None:
    """Replace the one place `old` occurs in a content file with `new`.

    Fails when `old` occurs zero times or more than once, so a fixture edit can never
    silently change nothing (the text it looked for was reworded) or change more than it meant.
    """
    text = file.read_text(encoding="utf-8")
    found = text.count(old)
    assert found == 1, f"{file.name}: expected {old!r} exactly once, found it {found} times"
    file.write_text(text.replace(old, new), encoding="utf-8")


# Variants for a copy of tests/content/full, as an editor would write them: `full` leaves out the
# workshop-only activity, `short` names its slides, `workshop` adds a discussion slide after each
# opportunity that has prompts.
VARIANTS = """\
variants:
  full:
    description: Every slide but the workshop's
    exclude: {tags: [workshop]}
  short:
    description: A short talk
    subtitle: A short test summary
    max_slides: 6
    include:
      slides: [title, comparison, what-we-learned, pain-is-pain, sources, closing]
  workshop:
    description: For a workshop, with a discussion after each opportunity
    subtitle: Workshop test slides
    discussion: true
"""
SHORT = ["title", "comparison", "what-we-learned", "pain-is-pain", "sources", "closing"]
SECOND_PROMPTS = """\
    workshop:
      minutes: 15
      prompts:
        - Where do people already go for support?
      facilitator_notes: Ask who has tried this before.
"""


def variant_content(target: Path) -> Path:
    """A copy of the full test content at `target` with the three `VARIANTS`: the activity is
    tagged `workshop`; the explicit discussion slide goes (the variant makes them); `second`,
    an unconfirmed opportunity, gets prompts, so its discussion slide carries the marker;
    `third` has none."""
    shutil.copytree(FULL_CONTENT, target)
    deck = target / "deck.yaml"
    edit_content(deck, "\nslides:\n", "\n" + VARIANTS + "\nslides:\n")
    edit_content(deck, "  - kind: discussion\n    opportunity: first\n", "")
    edit_content(deck, "  - kind: activity\n", "  - kind: activity\n    tags: [workshop]\n")
    edit_content(
        target / "opportunities.yaml",
        "    check: Working title; check against the published essay.\n",
        "    check: Working title; check against the published essay.\n" + SECOND_PROMPTS,
    )
    return target


def zip_of(members: dict[str, bytes]) -> bytes:
    """A zip file's bytes holding `members` (name -> bytes): an Office package, or not."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def content_types(main: str) -> bytes:
    """A `[Content_Types].xml` whose one part has the Office main content type `main`
    (`wordprocessingml.document.main` ...), which says what kind of file a package is."""
    return (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Override PartName="/x.xml" ContentType="application/vnd.openxml'
        b"formats-officedocument." + main.encode() + b'+xml"/></Types>'
    )
