"""Every deck -> PDF in one headless LibreOffice run.

Starting LibreOffice costs more than converting a deck, so all decks go to one `soffice` call.
A fresh user profile for each run means no setting from someone's own LibreOffice leaks into
the PDF, and a LibreOffice window the user has open does not capture the conversion.

The profile is seeded to block linked files: `BlockUntrustedRefererLinks` makes LibreOffice
load no picture or object a deck links to (from the disk or the web) unless the deck sits in a
trusted location, and the profile trusts none. Export refuses such decks before LibreOffice
starts (`decks.refuse_linked`); this is the second lock, for any link that check misses.

The PDF is tagged (docs/accessible-pdf.md): the export filter's options go as JSON, which
LibreOffice reads from 7.4 on (7.4 is the version tried; an older one ignores them and writes
an untagged PDF, which is said), and what LibreOffice 7.4 leaves out of the tags is put in from
the deck afterwards (`pdf_tags.py`). That repair is best-effort: a deck LibreOffice converts is
exported, whatever the repair makes of it; where it cannot be done, LibreOffice's PDF is kept
byte for byte, and the reason is said.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.pdf_tags import complete_tags, untagged
from summarydeck.export.process import run_tool
from summarydeck.ooxml.opening import DeckReadError
from summarydeck.ooxml.pdf_facts import read_pdf_facts

TAGGING_SINCE = (7, 4)  # the first LibreOffice that reads the filter options as JSON
# as LibreOffice names itself in a PDF's /Producer: "LibreOffice 7.4", "LibreOffice 24.2"
_PRODUCER = re.compile(r"LibreOffice(?:Dev)? (\d+)\.(\d+)")

# generous: a cold start on a slow machine takes ~30 s, a deck a few seconds
BASE_TIMEOUT_S = 120.0
PER_DECK_TIMEOUT_S = 20.0


# Impress's PDF export filter options. Given any, LibreOffice starts from its built-in values
# instead of its settings, so the settings that decide how a page is drawn are given as they
# are set by default (Quality is one: without it a QR code is drawn from a JPEG, not a PNG):
# the PNGs drawn from the PDF stay what they were before the PDF was tagged
PDF_OPTIONS: dict[str, bool | int] = {
    "UseTaggedPDF": True,  # a structure tree: headings, paragraphs, lists, tables, figures
    "ExportBookmarks": True,  # slide titles as the PDF's outline, to move around by
    "DisplayPDFDocumentTitle": True,  # a viewer's title bar shows the deck's title
    "ExportNotes": False,  # no comments as PDF annotations ...
    "ExportNotesPages": False,  # ... and no notes pages: a page is a slide, a picture each
    "ExportHiddenSlides": False,  # hidden slides get no page (nor a picture)
    "ExportPlaceholders": False,  # an empty placeholder's prompt is not drawn
    "UseLosslessCompression": False,  # pictures as LibreOffice's settings have them ...
    "Quality": 90,
    "ReduceImageResolution": True,
    "MaxImageResolution": 300,  # ... (dpi)
    "SelectPdfVersion": 0,  # LibreOffice's default PDF version
    # not PDFUACompliance: in 7.4 it only adds XMP metadata that claims PDF/UA-1, which the
    # PDF does not meet (its links are not tagged); the XMP title is added without the claim
}


def _option(value: bool | int) -> dict[str, str]:
    if isinstance(value, bool):
        return {"type": "boolean", "value": str(value).lower()}
    return {"type": "long", "value": str(value)}


PDF_FILTER = "pdf:impress_pdf_Export:" + json.dumps(
    {name: _option(value) for name, value in PDF_OPTIONS.items()}, separators=(",", ":")
)


# LibreOffice's settings file in a user profile (`fuse` merges a value into its defaults):
# linked files blocked unless allowed, and never a macro run (a .pptm is accepted as a deck)
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>{block}</value></prop>\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


@dataclass(frozen=True)
class ConvertedDeck:
    pdf: Path
    # what is missing from the PDF's tags and why, each to be read after the PDF's name
    # ("is not tagged for screen readers: ..."); none when the PDF is tagged and completed
    notes: tuple[str, ...]


def convert_to_tagged_pdf(
    soffice: Path, decks: Sequence[Path], work: Path, *, block_links: bool = True
) -> list[ConvertedDeck]:
    """`convert_to_pdf`, then the language, alternative text and decorative marks each deck
    holds put into its PDF's tags. Where that cannot be done, LibreOffice's PDF is kept as it
    wrote it and a note says why; only LibreOffice failing is an error (OutputError)."""
    pdfs = convert_to_pdf(soffice, decks, work, block_links=block_links)
    return [
        ConvertedDeck(pdf, _complete_tags(pdf, deck)) for deck, pdf in zip(decks, pdfs, strict=True)
    ]


def convert_to_pdf(
    soffice: Path, decks: Sequence[Path], work: Path, *, block_links: bool = True
) -> list[Path]:
    """The PDF of each deck as LibreOffice writes it (in `work/pdf/`, in the order given);
    raises OutputError if LibreOffice fails, times out or leaves any deck unconverted. With
    `block_links`, pictures and objects the decks link to are not loaded (they are left empty
    in the PDF)."""
    out_dir = work / "pdf"
    out_dir.mkdir()
    profile_dir = work / "profile"
    seed_profile(profile_dir, block_links=block_links)
    profile = profile_dir.resolve().as_uri()
    command = [
        str(soffice),
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        PDF_FILTER,
        "--outdir",
        str(out_dir),
        *(str(deck) for deck in decks),
    ]
    timeout = BASE_TIMEOUT_S + PER_DECK_TIMEOUT_S * len(decks)
    done = run_tool(command, timeout=timeout, log=work / "soffice.log")
    said = done.tail()
    said = f"; LibreOffice said:{said}" if said else "; LibreOffice printed nothing"
    if done.timed_out:
        raise OutputError(
            f"LibreOffice did not finish converting in {timeout:.0f} s and was stopped{said}"
        )
    pdfs = [out_dir / f"{deck.stem}.pdf" for deck in decks]
    # soffice exits 0 even when it could not load a deck, so look at what it wrote
    missing = [deck.name for deck, pdf in zip(decks, pdfs, strict=True) if not _written(pdf)]
    if done.returncode != 0 or missing:
        which = f"; no PDF for {', '.join(missing)}" if missing else ""
        raise OutputError(
            f"LibreOffice could not convert to PDF (exit status {done.returncode}{which}){said}"
        )
    return pdfs


def _complete_tags(pdf: Path, deck: Path) -> tuple[str, ...]:
    """Complete the tags of `deck`'s PDF; what could not be done, in words without `deck`'s
    path (a copy in the staging folder, gone when the user reads them). An error reading
    the PDF or the deck, or completing the tags, leaves LibreOffice's PDF as it wrote it;
    MemoryError and OSError (a full disk) are not the deck's doing and are raised."""
    try:
        producer = untagged(pdf)
    except (MemoryError, OSError):
        raise
    except Exception as exc:  # poppler, drawing the pages next, says what is wrong with it
        return (
            "may not be tagged for screen readers: pikepdf cannot read the PDF LibreOffice "
            f"wrote ({_kind(exc)}), so its tags were neither checked nor completed",
        )
    notes = [] if producer is None else [_untagged_note(producer)]
    try:
        facts = read_pdf_facts(deck)
    except (MemoryError, OSError):
        raise
    except Exception as exc:  # its kind, not its message, which names the staging copy
        if not notes:
            notes.append(
                f"{_AS_WRITTEN}: the deck holds a value summarydeck cannot read "
                f"({_kind(exc)}); open it in PowerPoint, save it and export again"
            )
        return tuple(notes)
    try:
        complete_tags(pdf, facts)  # on an error, leaves LibreOffice's PDF as it was
    except (MemoryError, OSError):
        raise
    except Exception as exc:  # pikepdf, and a tree not as foreseen, raise many kinds
        if not notes:
            notes.append(
                f"{_AS_WRITTEN} ({_kind(exc)}); this is a bug in summarydeck: "
                "please report it, with the deck"
            )
    return tuple(notes)


def _kind(exc: Exception) -> str:
    """What went wrong, by its kind: DeckReadError's cause (python-pptx's, lxml's ...)."""
    cause = exc.__cause__ if isinstance(exc, DeckReadError) else None
    if isinstance(cause, MemoryError | OSError):  # out of memory, a disk failing: not the deck
        raise cause
    return type(cause or exc).__name__


_AS_WRITTEN = (
    "is tagged as LibreOffice wrote it: its language, chart alt text and decorative marks "
    "could not be added"
)


def _untagged_note(producer: str) -> str:
    """Why a PDF has no tags, by the LibreOffice its /Producer names."""
    since = ".".join(str(number) for number in TAGGING_SINCE)
    found = _PRODUCER.search(producer)
    if found and (int(found[1]), int(found[2])) >= TAGGING_SINCE:
        return (
            f"is not tagged for screen readers: {found[0]} wrote it without tags, though asked "
            "for them; this is a bug in summarydeck: please report it, with the deck"
        )
    which = found[0] if found else "this LibreOffice"
    return (
        f"is not tagged for screen readers: {which} did not take the tagging options "
        f"({since} or later does); install LibreOffice {since} or later and export again"
    )


def _written(pdf: Path) -> bool:
    return pdf.is_file() and pdf.stat().st_size > 0


def seed_profile(folder: Path, *, block_links: bool) -> None:
    """A new LibreOffice user profile in `folder` that blocks (or allows) linked files."""
    user = folder / "user"
    user.mkdir(parents=True)
    text = _SETTINGS.format(block="true" if block_links else "false")
    (user / "registrymodifications.xcu").write_text(text, encoding="utf-8")
