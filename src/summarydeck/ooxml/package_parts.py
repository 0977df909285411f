"""The parts of a package that python-pptx will load, found before it loads them: the list of
content types, the main part, and every part reached through relationships from the
package's own. A part that is missing, has no content type or is not well-formed XML is named
here in plain words, rather than surfacing later as python-pptx's or lxml's own message."""

from __future__ import annotations

import functools
import posixpath
from collections import deque
from dataclasses import dataclass
from typing import Any

from summarydeck.ooxml.names import (
    CONTENT_TYPES_NS,
    PACKAGE_RELS_NS,
    REL_OFFICE_DOCUMENT,
    STRICT_R_NS,
)
from summarydeck.ooxml.package_limits import PackageRefusal, SafeZip, looks_xml, shown
from summarydeck.ooxml.xml import XMLSyntaxError, parse

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
_MAIN_TYPES = (REL_OFFICE_DOCUMENT, f"{STRICT_R_NS}/officeDocument")
# a missing target of these breaks the deck's structure, so it is refused; python-pptx skips
# any other missing target (add-ins "remove" a picture by pointing it at `NULL`), and so do we,
# leaving it to the package checks (C101)
_STRUCTURAL = {
    "slide",
    "slideLayout",
    "slideMaster",
    "notesSlide",
    "notesMaster",
    "handoutMaster",
    "theme",
}


@dataclass(frozen=True)
class ContentTypes:
    defaults: dict[str, str]  # lower-case extension -> content type
    overrides: dict[str, str]  # lower-case part name with its leading slash -> content type

    @classmethod
    def parsed(cls, root: Any) -> ContentTypes:
        """The list of content types in the parsed `[Content_Types].xml`."""
        defaults = {
            item.get("Extension", "").lower(): item.get("ContentType", "")
            for item in root.iter(f"{{{CONTENT_TYPES_NS}}}Default")
        }
        overrides = {
            item.get("PartName", "").lower(): item.get("ContentType", "")
            for item in root.iter(f"{{{CONTENT_TYPES_NS}}}Override")
        }
        return cls(defaults, overrides)

    def of(self, name: str) -> str | None:
        """The content type of the part `name` (no leading slash): its Override, else the
        Default for its extension (`_rels/.rels` has the extension `rels`)."""
        override = self.overrides.get("/" + name.lower())
        if override is not None:
            return override
        base = posixpath.basename(name)
        extension = base.rsplit(".", 1)[1].lower() if "." in base else ""
        return self.defaults.get(extension)

    def is_xml(self, name: str) -> bool:
        """Whether the part is XML, by its name or its content type: the one rule for which
        parts are scanned for DTDs and parsed (SVG pictures too, which LibreOffice reads)."""
        return is_xml_part(name, self.of(name))


def is_xml_part(name: str, content_type: str | None) -> bool:
    """Whether a part is XML: `.xml`, `.rels` or `.svg` by name, or typed `...+xml`,
    `application/xml` or `text/xml`."""
    kind = (content_type or "").lower().split(";")[0].strip()
    return looks_xml(name) or kind.endswith("+xml") or kind in ("application/xml", "text/xml")


def parse_part(package: SafeZip, name: str) -> Any:
    """The root element of the XML part `name`, inflated within the limits."""
    try:
        return parse(package.read(name, xml=True))
    except XMLSyntaxError as exc:
        message = f"its part {shown(name)} is {not_well_formed(exc)}"
        raise PackageRefusal(message, damaged=True) from exc


def not_well_formed(exc: XMLSyntaxError) -> str:
    """`not well-formed XML (line 3)`: the parser's own words stay out of our messages."""
    line = getattr(exc, "lineno", None)
    return "not well-formed XML" + (f" (line {line})" if line else "")


def read_content_types(package: SafeZip) -> ContentTypes | None:
    """The package's list of content types; None when it has none."""
    if CONTENT_TYPES not in package.infos:
        return None
    return ContentTypes.parsed(parse_part(package, CONTENT_TYPES))


def main_part(package: SafeZip) -> str | None:
    """The name of the package's main part (its `officeDocument` relationship's target), or
    None when it names none."""
    if PACKAGE_RELS not in package.infos:
        return None
    for rel_type, target in _relationships(package, PACKAGE_RELS):
        if rel_type in _MAIN_TYPES and target is not None:
            return resolve_target("/", target)
    return None


def check_reachable(package: SafeZip, types: ContentTypes) -> set[str]:
    """Every part python-pptx will load (reached from the package's relationships) has a
    content type and well-formed relationships, and the slides, layouts, masters, notes and
    themes they name are there. Returns the names of the parts reached; raises
    PackageRefusal."""
    if PACKAGE_RELS not in package.infos:
        raise PackageRefusal(
            f"it has no list of its parts' relationships ({PACKAGE_RELS})", damaged=True
        )
    main = main_part(package)
    if main is None or main not in package.infos:
        raise PackageRefusal(
            "its main part" + (f" {shown(main)}" if main else "") + " is missing", damaged=True
        )
    seen = {"/"}
    queue: deque[str] = deque(["/"])
    while queue:
        source = queue.popleft()
        rels = rels_name(source)
        if rels not in package.infos:
            continue
        for rel_type, target in _relationships(package, rels):
            if target is None:
                continue  # external
            name = resolve_target(source, target)
            if name in seen:
                continue
            if name not in package.infos:
                if rel_type.rpartition("/")[2] not in _STRUCTURAL:
                    continue
                raise PackageRefusal(
                    f"its part {shown(rels)} points to {shown(name)}, which is not in it",
                    damaged=True,
                )
            if types.of(name) is None:
                raise PackageRefusal(f"its part {shown(name)} has no content type", damaged=True)
            seen.add(name)
            queue.append(name)
    return seen - {"/"}


def _relationships(package: SafeZip, rels: str) -> list[tuple[str, str | None]]:
    """(type, target) of each relationship in a .rels part; the target is None for an
    external one (a web address, a linked file)."""
    found: list[tuple[str, str | None]] = []
    for rel in parse_part(package, rels).iter(f"{{{PACKAGE_RELS_NS}}}Relationship"):
        external = rel.get("TargetMode", "Internal") == "External"
        target = rel.get("Target")
        if target is None and not external:
            raise PackageRefusal(
                f"its part {shown(rels)} has a relationship with no target", damaged=True
            )
        found.append((rel.get("Type", ""), None if external else target))
    return found


@functools.lru_cache(maxsize=16384)
def rels_name(source: str) -> str:
    """The .rels part of a part: `ppt/_rels/presentation.xml.rels` for `ppt/presentation.xml`
    (no leading slash), `_rels/.rels` for the package itself ("/" or "")."""
    if source in ("/", ""):
        return PACKAGE_RELS
    folder, base = posixpath.split(source)
    return posixpath.join(folder, "_rels", base + ".rels")


@functools.lru_cache(maxsize=16384)  # a rebuild resolves the same targets again
def resolve_target(source: str, target: str) -> str:
    """An internal relationship's target as a part name (no leading slash): relative to its
    source part (`/` or "" for the package), or absolute; a `#fragment` is not part of it.
    The one rule the reader and the package checks share."""
    target = target.split("#", 1)[0]
    if target.startswith("/"):
        joined = target
    else:
        joined = posixpath.join("/" + posixpath.dirname(source.strip("/")), target)
    return posixpath.normpath(joined).lstrip("/")
