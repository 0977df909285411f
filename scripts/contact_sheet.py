"""Render a deck with LibreOffice and tile every slide into one picture: `docs/contact-sheet.png`.

    python scripts/contact_sheet.py [DECK.pptx] [--out docs/contact-sheet.png]

`make contact-sheet` builds the deck and runs this. Regenerate it whenever the look changes, so
the README shows what the tool makes. Needs LibreOffice (`soffice`) and poppler (`pdftoppm`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

COLUMNS = 4
TILE_WIDTH = 400  # pixels per slide: readable titles, a sheet under ~1 MB
GAP = 16
BACKGROUND = "#D9DEE4"
LABEL = "#1F2933"


def render_pngs(deck: Path, work: Path) -> list[Path]:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"error: `{tool}` not found; install libreoffice-impress and poppler-utils")
    profile = (work / "profile").resolve().as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = work / f"{deck.stem}.pdf"
    # width in pixels of a 13.33 in slide at this resolution: TILE_WIDTH * 2 for sharp downscaling
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-scale-to-x",
            str(TILE_WIDTH * 2),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(work / "slide"),
        ],
        check=True,
        timeout=300,
    )
    return sorted(work.glob("slide-*.png"))


def tile(pngs: list[Path], out: Path) -> None:
    slides = [Image.open(p).convert("RGB") for p in pngs]
    height = round(slides[0].height * TILE_WIDTH / slides[0].width)
    label_height = 22
    rows = -(-len(slides) // COLUMNS)
    sheet = Image.new(
        "RGB",
        (COLUMNS * TILE_WIDTH + (COLUMNS + 1) * GAP, rows * (height + label_height + GAP) + GAP),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=14)
    for index, slide in enumerate(slides):
        x = GAP + (index % COLUMNS) * (TILE_WIDTH + GAP)
        y = GAP + (index // COLUMNS) * (height + label_height + GAP)
        sheet.paste(slide.resize((TILE_WIDTH, height), Image.Resampling.LANCZOS), (x, y))
        draw.text((x, y + height + 4), str(index + 1), fill=LABEL, font=font)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, optimize=True)


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
        pngs = render_pngs(args.deck.resolve(), Path(work))
        tile(pngs, args.out)
    print(f"Wrote {args.out} ({len(pngs)} slides)")


if __name__ == "__main__":
    main()
