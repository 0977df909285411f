"""Every deck -> PDF in one headless LibreOffice run.

Starting LibreOffice costs more than converting a deck, so all decks go to one `soffice` call.
A fresh user profile for each run means no setting from someone's own LibreOffice leaks into
the PDF, and a LibreOffice window the user has open does not capture the conversion.

The profile is seeded to block linked files: `BlockUntrustedRefererLinks` makes LibreOffice
load no picture or object a deck links to (from the disk or the web) unless the deck sits in a
trusted location, and the profile trusts none. Export refuses such decks before LibreOffice
starts (`decks.refuse_linked`); this is the second lock, for any link that check misses.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.process import run_tool

# generous: a cold start on a slow machine takes ~30 s, a deck a few seconds
BASE_TIMEOUT_S = 120.0
PER_DECK_TIMEOUT_S = 20.0


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
    """The PDF of each deck (in `work/pdf/`, in the order given); raises OutputError if
    LibreOffice fails, times out or leaves any deck unconverted. With `block_links`, pictures
    and objects the decks link to are not loaded (they are left empty in the PDF)."""
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
        "pdf",
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


def _written(pdf: Path) -> bool:
    return pdf.is_file() and pdf.stat().st_size > 0


def seed_profile(folder: Path, *, block_links: bool) -> None:
    """A new LibreOffice user profile in `folder` that blocks (or allows) linked files."""
    user = folder / "user"
    user.mkdir(parents=True)
    text = _SETTINGS.format(block="true" if block_links else "false")
    (user / "registrymodifications.xcu").write_text(text, encoding="utf-8")
