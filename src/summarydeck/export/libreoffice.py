"""Every deck -> PDF in one headless LibreOffice run.

Starting LibreOffice costs more than converting a deck, so all decks go to one `soffice` call.
A fresh user profile for each run means no setting from someone's own LibreOffice leaks into
the PDF, and a LibreOffice window the user has open does not capture the conversion.

The profile is seeded to block linked files: `BlockUntrustedRefererLinks` makes LibreOffice
load no picture or object a deck links to (from the disk or the web) unless the deck sits in a
trusted location, and the profile trusts none. Export refuses such decks before LibreOffice
starts (`decks.refuse_linked`); this is the second lock, for any link that check misses.

The PDF is tagged (docs/accessible-pdf.md): the export filter's options go as JSON, which
LibreOffice reads from 7.4 on (7.4 is the version tried; an older one was not), and what
LibreOffice 7.4 leaves out of the tags is put in from the deck afterwards (`pdf_tags.py`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.pdf_tags import complete_tags
from summarydeck.export.process import run_tool
from summarydeck.ooxml.pdf_facts import read_pdf_facts

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


def convert_to_pdf(
    soffice: Path, decks: Sequence[Path], work: Path, *, block_links: bool = True
) -> list[Path]:
    """The tagged PDF of each deck (in `work/pdf/`, in the order given), with the language,
    alternative text and decorative marks the deck holds; raises OutputError if LibreOffice
    fails, times out or leaves any deck unconverted. With `block_links`, pictures and objects
    the decks link to are not loaded (they are left empty in the PDF)."""
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
    for deck, pdf in zip(decks, pdfs, strict=True):
        complete_tags(pdf, read_pdf_facts(deck))
    return pdfs


def _written(pdf: Path) -> bool:
    return pdf.is_file() and pdf.stat().st_size > 0


def seed_profile(folder: Path, *, block_links: bool) -> None:
    """A new LibreOffice user profile in `folder` that blocks (or allows) linked files."""
    user = folder / "user"
    user.mkdir(parents=True)
    text = _SETTINGS.format(block="true" if block_links else "false")
    (user / "registrymodifications.xcu").write_text(text, encoding="utf-8")
