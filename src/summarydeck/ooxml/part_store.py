"""A package's parts held in memory, each XML part parsed at most once: what the package rules,
the checker's reader and the opening checks share, so a deck is inflated and parsed one time
whichever of them looks at it.

Parts are named as zip members are (`ppt/slides/slide1.xml`, no leading slash). They may come
from a zip read within the limits of `package_limits.py`, or from a package the build holds in
memory; either way the parser expands no entities, fetches nothing and refuses huge trees."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree

from summarydeck.ooxml.package_parts import CONTENT_TYPES, ContentTypes
from summarydeck.ooxml.xml import XMLSyntaxError


def _parser() -> Any:
    # python-pptx's own settings (blank text dropped), so text reads as it read it, and a
    # deck's safety: no entities, no network, no huge trees
    return etree.XMLParser(
        remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False
    )


class _Digests:
    """A bounded set of part digests, shared by the checks of one process (a `watch` that
    rebuilds a deck checks mostly the same parts again)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[Any, None] = {}
        self._lock = threading.Lock()

    def __contains__(self, key: object) -> bool:
        return key in self._kept

    def add(self, key: Any) -> None:
        with self._lock:
            if len(self._kept) >= self.size:
                self._kept.clear()  # rare: a fresh start costs one parse of each part
            self._kept[key] = None


# the parts known to parse, and those known to pass the limits for an XML part, by digest
_WELL_FORMED = _Digests(100_000)
_SCANNED = _Digests(100_000)


class PartStore:
    """The parts of one package by name, parsed on first use. `scanned`: the parts passed
    the limits an XML part gets while it is inflated (a zip read within the limits)."""

    def __init__(self, parts: Mapping[str, bytes], *, scanned: bool = False) -> None:
        self.data = parts
        self.scanned = scanned
        self._parser = _parser()
        self._roots: dict[str, Any] = {}
        self._errors: dict[str, XMLSyntaxError] = {}
        self._digests: dict[str, bytes] = {}
        self._types: ContentTypes | None = None
        self._types_read = False

    def __contains__(self, name: object) -> bool:
        return name in self.data

    def root(self, name: str) -> Any:
        """The root element of the XML part `name`; raises KeyError when there is no such
        part and XMLSyntaxError when it is not well-formed (every time it is asked)."""
        found = self._roots.get(name)
        if found is not None:
            return found
        error = self._errors.get(name)
        if error is not None:
            raise error
        try:
            found = etree.fromstring(self.data[name], parser=self._parser)
        except XMLSyntaxError as exc:
            self._errors[name] = exc
            raise
        self._roots[name] = found
        _WELL_FORMED.add(self.digest(name))
        return found

    def check_well_formed(self, name: str) -> None:
        """Raise XMLSyntaxError (or KeyError) unless the part `name` parses: without parsing
        it when the same bytes parsed before."""
        if self.digest(name) not in _WELL_FORMED or name not in self.data:
            self.root(name)

    def scan_known(self, name: str, limit: int) -> bool:
        """Whether the same bytes passed the limits for an XML part of `limit` bytes."""
        return (self.digest(name), limit) in _SCANNED

    def note_scanned(self, names: Iterable[str], limit: int) -> None:
        for name in names:
            _SCANNED.add((self.digest(name), limit))

    def parsed(self, name: str) -> Any | None:
        """The root element of `name`, or None when it is missing or not well-formed."""
        try:
            return self.root(name)
        except (KeyError, XMLSyntaxError):
            return None

    @property
    def types(self) -> ContentTypes | None:
        """The list of content types; None when the package has none, or it does not parse."""
        if not self._types_read:
            self._types_read = True
            root = self.parsed(CONTENT_TYPES)
            self._types = ContentTypes.parsed(root) if root is not None else None
        return self._types

    def digest(self, name: str) -> bytes:
        """A digest of the part's bytes (b"" for a part that is not there), for memos."""
        found = self._digests.get(name)
        if found is None:
            data = self.data.get(name)
            found = b"" if data is None else hashlib.blake2b(data, digest_size=16).digest()
            self._digests[name] = found
        return found
