"""The deck is replaced in one step, seen from outside: another process reading the deck while
it is rebuilt again and again only ever finds a complete deck, the old one or the new one.

Permissions, symlinks and temporary files (tests/test_output.py) would all come out right for a
deck written in place too; only a reader racing the writer tells the two apart.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import edit_content
from summarydeck import api

CONTENT = Path(__file__).parent / "content" / "golden"  # small: a build takes a tenth of a second
BUILDS = 16

# Reads the deck as fast as it can until told to stop, sorting every read into: one of the two
# complete decks, missing, or anything else (a partial, truncated or half-written file).
READER = r"""
import json, os, sys
from pathlib import Path

deck, first, second, stop = (Path(a) for a in sys.argv[1:5])
complete = {first.read_bytes(): "first", second.read_bytes(): "second"}
seen = {"first": 0, "second": 0, "missing": 0, "other": 0}
print("reading", flush=True)
while not stop.exists():
    try:
        with open(deck, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        seen["missing"] += 1
        continue
    seen[complete.get(data, "other")] += 1
print(json.dumps(seen), flush=True)
"""


@pytest.mark.slow
def test_a_reader_never_sees_a_half_written_deck(tmp_path: Path) -> None:
    first_content, second_content = tmp_path / "first", tmp_path / "second"
    shutil.copytree(CONTENT, first_content)
    shutil.copytree(CONTENT, second_content)
    edit_content(second_content / "deck.yaml", "Short and *true*.", "Short and *still true*.")
    # builds are byte-for-byte repeatable: these are the only two decks a reader may see
    first, second = tmp_path / "first.pptx", tmp_path / "second.pptx"
    api.build(first_content, first)
    api.build(second_content, second)
    assert first.read_bytes() != second.read_bytes()

    deck, stop = tmp_path / "out" / "deck.pptx", tmp_path / "stop"
    api.build(first_content, deck)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(deck), str(first), str(second), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None
        assert reader.stdout.readline().strip() == "reading"
        started = time.monotonic()
        for n in range(BUILDS):
            api.build(second_content if n % 2 == 0 else first_content, deck)
        elapsed = time.monotonic() - started
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()
    seen = json.loads(out)
    assert seen["other"] == 0, f"a reader saw a partial deck: {seen}"
    assert seen["missing"] == 0, f"the deck was missing for a moment: {seen}"
    # the reader really did watch the builds: it saw both decks, many times over
    assert seen["first"] > BUILDS and seen["second"] > BUILDS, (seen, elapsed)
