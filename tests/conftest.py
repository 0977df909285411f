"""Shared fixtures: the test content sets and decks built from them once per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarydeck import api

TESTS = Path(__file__).parent
FULL_CONTENT = TESTS / "content" / "full"
STRESS_CONTENT = TESTS / "content" / "stress"
REPO = TESTS.parent


@pytest.fixture(scope="session")
def full_content() -> Path:
    return FULL_CONTENT


def _built(factory: pytest.TempPathFactory, content: Path, name: str) -> Path:
    """A deck built once per session, for the tests that only read it."""
    out = factory.mktemp(name) / f"{name}.pptx"
    api.build(content, out)
    return out


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


def _copied(content: Path, tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content, target)
    return target
