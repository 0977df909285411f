"""Random damage to a content folder, built each time: every run must end in a deck or in
located errors (exit 0 or 1), never an internal error (exit 4) or a traceback.

Each case copies `tests/content/full`, picks one file and damages it one to three times: an odd
character or YAML token inserted, a stretch deleted, a line repeated or re-indented, a random
code point inserted. A failing case is kept in `--keep DIR` to reproduce.

    .venv/bin/python scripts/fuzz_content.py --seed 1 --cases 200

Slow (about a second a case): a script, not a test. `docs/robustness.md` gives its last figures.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from summarydeck.cli import cli

REPO = Path(__file__).resolve().parents[1]
BASE = REPO / "tests" / "content" / "full"
ODD = [
    "\u202e", "\u0000", "\ufffe", "\ufdd0", "&", "<", "]]>", "{", "[", "*x", "&x", ": ", "- ",
    "\t", "'", '"', "#", "|", ">", "%", "@", "`", "\\", "\u200d", "👩‍👩‍👧", "ﷺ", "😀" * 50,
    "=1+1", "9" * 400, "1e999", "-0", "null", "~", "yes", "2024-02-30", "0x1F", ".inf",
    "<<: *x", "!!python/object:os.system", "\\uFFFE", "[" * 60, "---\n", "? ",
]  # fmt: skip


def damage(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        lines = text.split("\n")
        line = rng.randrange(len(lines))
        match rng.randrange(5):
            case 0:
                text = text[:at] + rng.choice(ODD) + text[at:]
            case 1:
                text = text[:at] + text[at + rng.randint(1, 20) :]
            case 2:
                lines.insert(rng.randrange(len(lines)), lines[line])
                text = "\n".join(lines)
            case 3:
                lines[line] = " " * rng.randint(0, 6) + lines[line].lstrip()
                text = "\n".join(lines)
            case _:
                text = text[:at] + chr(rng.randint(0x20, 0x2FFFF)) + text[at:]
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    outcomes = {0: 0, 1: 0}
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        work, out = Path(scratch) / "content", Path(scratch) / "out" / "deck.pptx"
        for case in range(args.cases):
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(BASE, work)
            target = rng.choice(sorted(work.glob("*.yaml")))
            target.write_text(damage(target.read_text("utf-8"), rng), "utf-8", "surrogatepass")
            result = CliRunner().invoke(
                cli, ["build", "--content", str(work), "--out", str(out), "--force"]
            )
            crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
            if result.exit_code in outcomes and not crashed:
                outcomes[result.exit_code] += 1
                continue
            failures += 1
            kept = args.keep / f"seed{args.seed}-case{case}"
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(work, kept)
            print(f"case {case} ({target.name}): exit {result.exit_code}: {result.exception!r}")
    print(
        f"seed {args.seed}: {args.cases} cases: {outcomes[0]} built, {outcomes[1]} refused "
        f"with located errors, {failures} crashed"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
