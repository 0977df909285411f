"""Every deck -> PDF in one headless LibreOffice run.

Starting LibreOffice costs more than converting a deck, so all decks go to one `soffice` call.
A fresh user profile for each run means no setting from someone's own LibreOffice leaks into
the PDF, and a LibreOffice window the user has open does not capture the conversion.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.process import run_tool

# generous: a cold start on a slow machine takes ~30 s, a deck a few seconds
BASE_TIMEOUT_S = 120.0
PER_DECK_TIMEOUT_S = 20.0


def convert_to_pdf(soffice: Path, decks: Sequence[Path], work: Path) -> list[Path]:
    """The PDF of each deck (in `work/pdf/`, in the order given); raises OutputError if
    LibreOffice fails, times out or leaves any deck unconverted."""
    out_dir = work / "pdf"
    out_dir.mkdir()
    profile = (work / "profile").resolve().as_uri()
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
