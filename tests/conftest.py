"""Shared fixtures: the test content sets and decks built from them once per session."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ooxml_validate import DeckRecorder, schema_folder
from render_helpers import convert_all_to_pdf, require_tools
from reset_simulation import simulate_reset
from summarydeck import api
from summarydeck.api.building import SLIDES
from template_factory import content_on_template


@pytest.fixture(autouse=True)
def _slides_drawn_afresh() -> Iterator[None]:
    """Each test starts as a fresh process would: no slide kept from another test's build (a
    test that breaks the renderer on purpose must see it run). Tests of the cache build twice
    within themselves."""
    SLIDES.clear()
    yield


# Every distinct deck the tests write through the build's writer is validated against the
# ECMA-376 schemas when the session ends (issue 15): a finding fails the session, and is
# printed by deck, part and line.
WRITTEN_DECKS = DeckRecorder()


def pytest_configure(config: pytest.Config) -> None:
    WRITTEN_DECKS.install()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    folder = schema_folder()
    if folder is None or exitstatus == pytest.ExitCode.INTERRUPTED:
        return
    WRITTEN_DECKS.validate(folder)
    if WRITTEN_DECKS.findings:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not WRITTEN_DECKS.decks:
        return
    if schema_folder() is None:
        terminalreporter.write_line(
            "ECMA-376 schemas: skipped, neither tests/ooxml_schemas/ nor "
            "SUMMARYDECK_OOXML_SCHEMAS has them"
        )
        return
    for line in WRITTEN_DECKS.report():
        terminalreporter.write_line(line, red=bool(WRITTEN_DECKS.findings))


TESTS = Path(__file__).parent
FULL_CONTENT = TESTS / "content" / "full"
STRESS_CONTENT = TESTS / "content" / "stress"
REPO = TESTS.parent


@pytest.fixture(scope="session")
def full_content() -> Path:
    return FULL_CONTENT


def _built(factory: pytest.TempPathFactory, content: Path, name: str) -> Path:
    """A deck built once per session, for the tests that only read it (or `fresh_copy` it)."""
    out = factory.mktemp(name) / f"{name}.pptx"
    api.build(content, out)
    return out


def fresh_copy(deck: Path, target: Path) -> Path:
    """`target` as `api.build(<the same content>, target)` would leave it, copied from a deck
    built once (per session or module) instead of built again: the deck, its manifest (naming
    the new file) and the picture-chart cache beside it. For tests that edit or rebuild a built
    deck. The same build, byte for byte, only when both builds read content folders of the
    same name: notes name content files as `<folder>/<file>`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(deck, target)
    manifest = json.loads(deck.with_name(f"{deck.stem}.manifest.json").read_text("utf-8"))
    manifest["deck"] = target.name
    target.with_name(f"{target.stem}.manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    cache = deck.parent / ".cache"
    if cache.is_dir() and not (target.parent / ".cache").exists():
        shutil.copytree(cache, target.parent / ".cache")
    return target


@pytest.fixture(scope="session")
def full_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The every-kind test deck."""
    return _built(tmp_path_factory, FULL_CONTENT, "every-kind")


@pytest.fixture(scope="session")
def stress_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stress content (very long text, 14 points, Welsh, emoji, right-to-left ...)."""
    return _built(tmp_path_factory, STRESS_CONTENT, "stress")


@pytest.fixture
def content_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the full content set, for tests that edit it."""
    yield _copied(FULL_CONTENT, tmp_path)


QLAB_CONTENT = REPO / "content"


@pytest.fixture(scope="session")
def qlab_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real Q Lab deck from `content/` (a draft: items remain to confirm)."""
    return _built(tmp_path_factory, QLAB_CONTENT, "qlab")


@pytest.fixture
def qlab_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the Q Lab content, for tests that edit it."""
    yield _copied(QLAB_CONTENT, tmp_path)


@pytest.fixture(scope="session")
def qlab_variants(tmp_path_factory: pytest.TempPathFactory) -> list[api.BuildResult]:
    """Every variant of the Q Lab deck, built once per session by `build --all` into a fresh
    `output/` (the results' paths made absolute), for the tests that pin the Q Lab content."""
    folder = tmp_path_factory.mktemp("variants")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        results = api.build_all(QLAB_CONTENT.resolve())
    for result in results:
        assert result.path is not None
        result.path = folder / result.path
        result.manifest = folder / result.manifest if result.manifest else None
        result.review = folder / result.review if result.review else None
    return results


def _copied(content: Path, tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content, target)
    return target


@pytest.fixture(scope="session")
def rendered_pdfs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The PDF LibreOffice makes of each test deck (every kind; Q Lab; stress), by deck stem,
    all from one `soffice` run: starting LibreOffice costs more than converting a deck."""
    require_tools()  # before building the decks, so a missing tool is the reported reason
    decks = [request.getfixturevalue(name) for name in RENDERED_DECKS]
    pdfs = convert_all_to_pdf(
        decks, tmp_path_factory.mktemp("render"), tmp_path_factory.mktemp("lo-profile")
    )
    return {deck.stem: pdf for deck, pdf in zip(decks, pdfs, strict=True)}


def _reset(factory: pytest.TempPathFactory, deck: Path) -> Path:
    out = factory.mktemp("reset") / f"{deck.stem}-reset.pptx"
    simulate_reset(deck, out)
    return out


@pytest.fixture(scope="session")
def full_deck_reset(tmp_path_factory: pytest.TempPathFactory, full_deck: Path) -> Path:
    """The every-kind deck after PowerPoint's Reset on every slide (simulated)."""
    return _reset(tmp_path_factory, full_deck)


@pytest.fixture(scope="session")
def qlab_deck_reset(tmp_path_factory: pytest.TempPathFactory, qlab_deck: Path) -> Path:
    return _reset(tmp_path_factory, qlab_deck)


@pytest.fixture(scope="session")
def stress_deck_reset(tmp_path_factory: pytest.TempPathFactory, stress_deck: Path) -> Path:
    return _reset(tmp_path_factory, stress_deck)


def _on_template(factory: pytest.TempPathFactory, which: str) -> Path:
    folder = factory.mktemp(f"on-{which}")
    content = content_on_template(QLAB_CONTENT, folder / "content", which)
    out = folder / f"qlab-on-{which}.pptx"
    api.build(content, out)
    return out


@pytest.fixture(scope="session")
def qlab_on_classic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Q Lab deck built onto a 4:3 .potx with its own theme and fonts."""
    return _on_template(tmp_path_factory, "classic")


@pytest.fixture(scope="session")
def qlab_on_wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Q Lab deck built onto a 16:9 .pptx whose layouts the brand file maps by name."""
    return _on_template(tmp_path_factory, "wide")


# the decks `rendered_pdfs` converts, by fixture name: each test deck as built, after
# PowerPoint's Reset on every slide (the brand must live in the layouts, not on the slides),
# and the Q Lab deck built onto two organisations' templates
RENDERED_DECKS = (
    "full_deck",
    "qlab_deck",
    "stress_deck",
    "full_deck_reset",
    "qlab_deck_reset",
    "stress_deck_reset",
    "qlab_on_classic",
    "qlab_on_wide",
)
