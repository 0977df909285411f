"""`diff`: what changed, slide by slide, between two decks."""

from __future__ import annotations

from pathlib import Path

from summarydeck.output.diff import DeckDiff, diff_decks


def diff(old: Path, new: Path) -> DeckDiff:
    """The changes from `old` to `new`; raises DeckReadError (an OutputError) when either is
    not a deck."""
    return diff_decks(old, new)
