"""Write `src/summarydeck/fonts/coverage.json`: the characters each bundled font has a glyph for.

    python scripts/font_coverage.py          # write it
    python scripts/font_coverage.py --check  # exit 1 if it is not what the fonts say

Measuring text needs to know which characters a font lacks (they are measured at a fallback
width); reading that from a font file takes fontTools, about 50 ms to import and read. The
bundled fonts never change between releases, so their character maps ship precomputed and
fontTools is imported only for a brand's own font files. Run this whenever a bundled font
file changes: tests/test_font_coverage.py fails until the data matches the files again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "src" / "summarydeck" / "fonts"
DATA = FONTS / "coverage.json"


def ranges(characters: set[int]) -> str:
    """Code points as hexadecimal ranges: `20-7e a0 a2-17f`."""
    out: list[list[int]] = []
    for code in sorted(characters):
        if out and out[-1][1] == code - 1:
            out[-1][1] = code
        else:
            out.append([code, code])
    return " ".join(f"{a:x}" if a == b else f"{a:x}-{b:x}" for a, b in out)


def coverage_text(folder: Path = FONTS) -> str:
    """The data file's text for the fonts in `folder`."""
    fonts = {}
    for path in sorted(folder.glob("*.ttf")):
        data = path.read_bytes()
        with TTFont(path, lazy=True) as font:
            characters = set(font.getBestCmap())
        fonts[path.name] = {
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "characters": ranges(characters),
        }
    note = "written by scripts/font_coverage.py from the fonts beside it; do not edit"
    return json.dumps({"about": note, "fonts": fonts}, indent=1, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = coverage_text()
    if args.check:
        same = DATA.is_file() and DATA.read_text("utf-8") == text
        print(f"{DATA.name}: {'up to date' if same else 'out of date: run this script'}")
        return 0 if same else 1
    DATA.write_text(text, "utf-8")
    print(f"wrote {DATA.name}: {text.count('sha256')} fonts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
