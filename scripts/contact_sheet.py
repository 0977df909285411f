"""Render a deck with LibreOffice and tile every slide into one picture: `docs/contact-sheet.png`.

    python scripts/contact_sheet.py [DECK.pptx] [--out docs/contact-sheet.png]

`make contact-sheet` builds the deck and runs this. Regenerate it whenever the look changes, so
docs/qlab-deck.md shows what the tool makes (an example's sheet: `--out docs/examples/...`).
Needs LibreOffice (`soffice`) and poppler (`pdftoppm`).
The work is `summarydeck.export`'s (what `summarydeck export` does); this keeps only the sheet.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export import export_decks
from summarydeck.export.contact_sheet import TILE_WIDTH


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "deck", nargs="?", type=Path, default=Path("output/qlab-mental-health-back-neck-pain.pptx")
    )
    parser.add_argument("--out", type=Path, default=Path("docs/contact-sheet.png"))
    args = parser.parse_args()
    if not args.deck.is_file():
        sys.exit(f"error: {args.deck} not found; run `make deck` first")
    with tempfile.TemporaryDirectory() as work:
        try:
            # twice the tile width: shrinking by 2 keeps the small text sharp
            [exported] = export_decks([args.deck], Path(work), width_px=TILE_WIDTH * 2)
        except OutputError as exc:
            sys.exit(f"error: {exc}")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(exported.contact_sheet, args.out)
    print(f"Wrote {args.out} ({len(exported.slides)} slides)")


if __name__ == "__main__":
    main()
