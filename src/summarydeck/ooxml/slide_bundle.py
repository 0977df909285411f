"""A rendered slide taken out of python-pptx's package as plain bytes: the slide, its notes,
charts, workbooks and pictures, each with its relationships, but without part names.

python-pptx names a new part by walking every part of the package (`next_partname`), and adds
a slide by scanning every relationship and slide id, so each slide added costs more than the
last: a 1,000-slide deck spent half its time there. We take each slide out as soon as it is
drawn, which keeps python-pptx's package as small as the master, and name the parts ourselves
when the package is written (`package_writer.py`). A bundle depends only on its slide, not on
where the slide sits, so a slide whose plan did not change is reused as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarydeck.ooxml.names import REL_NOTES_SLIDE, REL_SLIDE, qn

_NUMBERED = re.compile(r"^(?P<stem>.*?)\d+(?P<ext>\.[A-Za-z0-9]+)$")


@dataclass(frozen=True)
class Link:
    """One relationship of an owned part. Exactly one of `url` (an external address),
    `shared` (a part of the master's package, by its part name), `owned` (a part the slide
    brought) is set; none set means the relationship points back at the slide itself (a
    notes page's)."""

    rel_id: str
    reltype: str
    url: str | None = None
    shared: str | None = None
    owned: OwnedPart | None = None


@dataclass(frozen=True)
class OwnedPart:
    """A part a slide brought into the package: `stem` + a number + `ext` names it."""

    stem: str  # "/ppt/charts/chart"
    ext: str  # ".xml"
    content_type: str
    blob: bytes
    links: tuple[Link, ...]

    @property
    def has_notes(self) -> bool:
        return any(link.reltype == REL_NOTES_SLIDE for link in self.links)

    def walk(self) -> list[OwnedPart]:
        """This part and every part it brought, depth first in relationship order: the
        order in which the parts were made, so the writer numbers them as python-pptx did."""
        found = [self]
        for link in self.links:
            if link.owned is not None:
                found += link.owned.walk()
        return found


class SlideDesk:
    """The master's package made ready to draw slides into one at a time: python-pptx asks
    it for a new part's name by walking every part (`next_partname`); here the names the
    master holds are counted once, and a slide's parts get the first names free of those and
    of each other. Names are only python-pptx's business while a slide is drawn: the writer
    gives the real ones."""

    def __init__(self, prs: Any) -> None:
        self.prs = prs
        package = prs.part.package
        self.shared = shared_parts(package)
        self.taken = {str(part.partname) for part in package.iter_parts()}
        self.issued: set[str] = set()
        package.next_partname = self._next_partname

    def _next_partname(self, template: str) -> Any:
        from pptx.opc.packuri import PackURI

        number = 1
        while (name := template % number) in self.taken or name in self.issued:
            number += 1
        self.issued.add(name)
        return PackURI(name)

    def take(self, slide: Any, blob_of: Any) -> OwnedPart:
        """The slide as an `OwnedPart`, removed from the presentation. `blob_of(part)` turns
        a part's bytes into the bytes to keep (workbooks get fixed dates)."""
        part = slide.part
        presentation = self.prs.part
        owned = _owned(part, part, self.shared, blob_of, {})
        for rel_id, rel in list(presentation.rels.items()):
            if rel.reltype == REL_SLIDE and not rel.is_external and rel.target_part is part:
                id_list = presentation._element.find(qn("p:sldIdLst"))
                for entry in list(id_list):
                    if entry.get(qn("r:id")) == rel_id:
                        id_list.remove(entry)
                presentation.drop_rel(rel_id)
        self.issued.clear()  # the slide's names are free again
        return owned


def _stem(partname: str) -> tuple[str, str]:
    match = _NUMBERED.match(partname)
    if match is None:  # python-pptx numbers every part a slide brings
        raise ValueError(f"unexpected part name {partname}")
    return match["stem"], match["ext"]


def _rel_order(rel_id: str) -> tuple[int, str]:
    digits = rel_id[3:] if rel_id.startswith("rId") else ""
    return (int(digits) if digits.isdigit() else 0, rel_id)


def shared_parts(package: Any) -> set[int]:
    """The parts the package holds without any slide: the master's, its layouts', theme,
    notes master, a logo. A slide's picture may be one of them (python-pptx de-duplicates
    pictures), and then stays the master's. The package is small, since slides leave it."""
    found: set[int] = set()
    stack = [rel for rel in package._rels.values() if not rel.is_external]
    while stack:
        rel = stack.pop()
        if rel.reltype == REL_SLIDE or id(rel.target_part) in found:
            continue
        found.add(id(rel.target_part))
        stack += [r for r in rel.target_part.rels.values() if not r.is_external]
    return found


def _owned(
    part: Any, slide_part: Any, shared: set[int], blob_of: Any, seen: dict[int, OwnedPart]
) -> OwnedPart:
    links = []
    for rel_id in sorted(part.rels, key=_rel_order):
        rel = part.rels[rel_id]
        if rel.is_external:
            links.append(Link(rel_id, rel.reltype, url=rel.target_ref))
            continue
        target = rel.target_part
        if target is slide_part:
            links.append(Link(rel_id, rel.reltype))
        elif id(target) in shared:
            links.append(Link(rel_id, rel.reltype, shared=str(target.partname)))
        else:
            if id(target) not in seen:
                seen[id(target)] = _owned(target, slide_part, shared, blob_of, seen)
            links.append(Link(rel_id, rel.reltype, owned=seen[id(target)]))
    stem, ext = _stem(str(part.partname))
    return OwnedPart(stem, ext, str(part.content_type), blob_of(part), tuple(links))
