"""A package's parts held in memory, each XML part parsed at most once: what the package rules,
the checker's reader and the opening checks share, so a deck is inflated and parsed one time
whichever of them looks at it.

Parts are named as zip members are (`ppt/slides/slide1.xml`, no leading slash). They may come
from a zip read within the limits of `package_limits.py`, or from a package the build holds in
memory; either way the parser expands no entities, fetches nothing and refuses huge trees."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
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


class PartStore:
    """The parts of one package by name, parsed on first use."""

    def __init__(self, parts: Mapping[str, bytes]) -> None:
        self.data = parts
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
        return found

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
