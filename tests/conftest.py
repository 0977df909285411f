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


@pytest.fixture(scope="session")
def full_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The every-kind test deck, built once for all tests that only read it."""
    out = tmp_path_factory.mktemp("full") / "every-kind.pptx"
    api.build(FULL_CONTENT, out)
    return out


@pytest.fixture(scope="session")
def stress_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stress content (very long text, 14 points, Welsh, emoji, right-to-left ...)."""
    out = tmp_path_factory.mktemp("stress") / "stress.pptx"
    api.build(STRESS_CONTENT, out)
    return out


@pytest.fixture
def content_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the full content set, for tests that edit it."""
    target = tmp_path / "content"
    shutil.copytree(FULL_CONTENT, target)
    yield target


QLAB_CONTENT = REPO / "content"


@pytest.fixture(scope="session")
def qlab_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real Q Lab deck from `content/`, built once (a draft: items remain to confirm)."""
    out = tmp_path_factory.mktemp("qlab") / "qlab.pptx"
    api.build(QLAB_CONTENT, out)
    return out


@pytest.fixture
def qlab_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the Q Lab content, for tests that edit it."""
    target = tmp_path / "content"
    shutil.copytree(QLAB_CONTENT, target)
    yield target
