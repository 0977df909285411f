"""`summarydeck check` over a corpus of decks with one deliberate flaw each (`flawed_decks`).

Each flaw must be found, with its code and on its slide; the clean deck must not give that
code (so the test pins the flaw), and the flaw must bring no other error or warning with it
(so each deck in the corpus really has one flaw).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from flawed_decks import FLAWS, Flaw
from summarydeck.check.findings import RULES, Finding, Severity
from summarydeck.check.runner import check_deck

_SERIOUS = (Severity.ERROR, Severity.WARNING)


def _show(findings: list[Finding]) -> str:
    return (
        "\n".join(
            f"  {f.code} {f.level} slide={f.slide} shape={f.shape!r}: {f.message}" for f in findings
        )
        or "  (none)"
    )


def _key(finding: Finding) -> tuple[str, int | None, str | None]:
    return finding.code, finding.slide, finding.shape


@pytest.fixture(scope="module")
def base_deck(full_deck: Path) -> Path:
    """The clean deck every flaw starts from: the every-kind build (read only)."""
    return full_deck


@pytest.fixture(scope="module")
def base_findings(base_deck: Path) -> list[Finding]:
    return check_deck(base_deck, final=False).findings


def test_corpus_covers_every_error_and_warning() -> None:
    wanted = {code for code, rule in RULES.items() if rule.severity in _SERIOUS}
    assert wanted - {flaw.code for flaw in FLAWS.values()} == set()


def test_clean_deck_has_no_errors_or_warnings(base_findings: list[Finding]) -> None:
    serious = [f for f in base_findings if f.level in _SERIOUS]
    assert not serious, "the clean deck gave:\n" + _show(serious)


def test_clean_final_deck_gives_only_unconfirmed(base_deck: Path) -> None:
    serious = [f for f in check_deck(base_deck, final=True).findings if f.level in _SERIOUS]
    assert serious and {f.code for f in serious} == {"C701"}, _show(serious)


def test_bytes_and_path_give_the_same_findings(
    base_deck: Path, base_findings: list[Finding]
) -> None:
    assert check_deck(base_deck.read_bytes()).findings == base_findings


Flawed = Callable[[str], tuple[Flaw, list[Finding]]]


@pytest.fixture(scope="module")
def flawed(base_deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Flawed:
    """`flawed(name)`: the flaw, and what the checker finds in the base deck with that flaw
    added. Each flawed deck is made and checked once, for both tests that look at it."""
    folder = tmp_path_factory.mktemp("flawed")
    done: dict[str, tuple[Flaw, list[Finding]]] = {}

    def get(name: str) -> tuple[Flaw, list[Finding]]:
        if name not in done:
            flaw = FLAWS[name]
            out = folder / f"{name}.pptx"
            flaw.build(base_deck, out)
            done[name] = (
                flaw,
                check_deck(out, final=flaw.final, type_scale=flaw.type_scale).findings,
            )
        return done[name]

    return get


@pytest.mark.parametrize("name", list(FLAWS))
def test_flaw_is_found(name: str, base_findings: list[Finding], flawed: Flawed) -> None:
    flaw, findings = flawed(name)
    assert not [f for f in base_findings if f.code == flaw.code], "the clean deck already has it"
    hits = [f for f in findings if f.code == flaw.code]
    assert hits, f"no {flaw.code} for {name}; the checker returned:\n" + _show(findings)
    if flaw.slide is not None:
        assert flaw.slide in {f.slide for f in hits}, (
            f"{flaw.code} not on slide {flaw.slide}:\n" + _show(hits)
        )


@pytest.mark.parametrize("name", list(FLAWS))
def test_flaw_comes_alone(name: str, base_findings: list[Finding], flawed: Flawed) -> None:
    """The flawed deck's errors and warnings are the clean deck's plus the flaw's own code."""
    flaw, findings = flawed(name)

    before = Counter(_key(f) for f in base_findings)
    new = [
        f for f in findings if f.level in _SERIOUS and f.code != flaw.code and before[_key(f)] == 0
    ]
    assert not new, f"{name} also gave:\n" + _show(new)
