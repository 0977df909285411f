"""Property tests: any valid content folder, odd text and all, builds a sound deck.

`strategies.content_folders()` draws folders that use every slide kind, with right-to-left,
CJK, emoji, combining marks, XML and Markdown look-alikes, long words and formula-looking
labels in every text field. For each, the build either succeeds or refuses text too long to
fit at its field (a located content error: exit 1); never an internal error. A deck that was
built reopens with python-pptx, passes the package rules, the ECMA-376 schemas and
`summarydeck check` with no error and no overflow, and is byte for byte the same when built
again.

`HYPOTHESIS_PROFILE=long` runs many more examples, with new random seeds on each run
(docs/dev/testing.md); the default profile is CI's: a fixed seed and a bounded count.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from pptx import Presentation

from ooxml_validate import schema_folder, validate_deck
from strategies import STORYBOARD_KINDS, ContentFolder, content_folders
from summarydeck import api
from summarydeck.check.findings import Severity
from summarydeck.diagnostics import ContentError
from summarydeck.ooxml.package_rules import check_package

_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
PROFILES = {
    # CI: the same examples on every run (derandomize), bounded to well under a minute here;
    # no example database, so nothing is written into the repository
    "ci": settings(
        max_examples=30,
        derandomize=True,
        deadline=None,  # a build takes about a second; time is measured in scripts, not here
        database=None,
        suppress_health_check=_SLOW_DATA,
        print_blob=True,
    ),
    # on demand: new examples each run, remembered in .hypothesis/ (ignored by git) so a
    # failure found once is replayed first next time
    "long": settings(
        max_examples=500,
        deadline=None,
        suppress_health_check=_SLOW_DATA,
        print_blob=True,
    ),
}
PROFILE = PROFILES[os.environ.get("HYPOTHESIS_PROFILE", "ci")]

# what a valid folder may legitimately be refused with: text too long for its box even at
# the brand's floor size, in a frame that cannot continue (E401), and a slide that cannot draw
# what it is given at any size (E210: a pictogram of more people than fit its place)
FIT_REFUSALS = frozenset({"E401", "E210"})
ERROR = Severity.ERROR


def schema_findings(deck: Path) -> list[str]:
    """The deck's ECMA-376 Transitional schema findings (an empty list: valid). Where the
    schemas are absent, the session's own report says the schema check was skipped."""
    folder = schema_folder()
    if folder is None:
        return []
    return [str(finding) for finding in validate_deck(deck.read_bytes(), folder)]


def test_the_strategy_uses_every_registered_kind() -> None:
    kinds, _ = api.list_kinds()
    assert sorted(STORYBOARD_KINDS) == sorted(k.name for k in kinds)


@PROFILE
@given(folder=content_folders())
def test_generated_content_builds_a_sound_deck(
    folder: ContentFolder, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert set(folder.kinds) == set(STORYBOARD_KINDS)
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as tmp:
        root = Path(tmp)
        content = folder.write(root / "content")
        try:
            # separate folders, so each build draws its picture charts afresh
            first = api.build(content, root / "a" / "prop.pptx")
        except ContentError as exc:
            _assert_refused_for_fit(exc)
            return
        deck = first.path
        event("built")

        prs = Presentation(str(deck))
        assert len(prs.slides) == first.slides
        assert all(s.name for s in prs.slides)  # every slide named by its id

        assert check_package(deck) == []
        assert schema_findings(deck) == []

        # the build ran `summarydeck check`'s checks on the bytes it wrote (the same function,
        # brand sizes and content locations as `summarydeck check` on this content): the same
        # bytes, so its report is the file's, with no second run of the checks
        assert first.sha256 == hashlib.sha256(deck.read_bytes()).hexdigest()
        report = first.check
        assert report is not None
        errors = [f"{f.code} {f.slide_id} {f.message}" for f in report.findings if f.level is ERROR]
        assert errors == []
        overflow = [f"{f.slide_id}: {f.message}" for f in report.findings if f.code == "C201"]
        assert overflow == []

        second = api.build(content, root / "b" / "prop.pptx")
        assert second.path.read_bytes() == deck.read_bytes()


def _assert_refused_for_fit(exc: ContentError) -> None:
    """A refusal is fine only for text that cannot fit, located at its field."""
    errors = [d for d in exc.diagnostics if d.is_error]
    assert errors, "a content error with no error in it"
    unexpected = [f"{d.code} {d.message}" for d in errors if d.code not in FIT_REFUSALS]
    assert unexpected == []
    assert all(d.location is not None for d in errors), [d.message for d in errors]
    event("refused: " + ", ".join(sorted({d.code for d in errors})))
