from pathlib import Path

from pptx import Presentation


def test_full_deck_builds_and_reopens(full_deck: Path) -> None:
    prs = Presentation(str(full_deck))
    assert len(prs.slides) == 25
