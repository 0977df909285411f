"""Files a deck links to rather than holds: linked pictures, video, sound, OLE objects, a linked
template. A viewer (PowerPoint, LibreOffice) loads them to show the deck, from the disk of
whoever opens it or from the web, so a shared deck can pull in a private file or call home.

An SVG picture held in the deck can link to files too: its `<image href>`, `<use href>` and
CSS `url(...)` are loaded when it is drawn (LibreOffice draws it into the PDF), so every
reference in it that is not `data:` or a `#fragment` of the SVG itself is a linked file.

Hyperlinks are not among them: they are only followed when someone clicks them (`check` C601
judges their addresses; an SVG's `<a href>` too)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from summarydeck.ooxml.names import R_NS, STRICT_R_NS, local_name, qn
from summarydeck.ooxml.package_limits import PackageRefusal, check_xml_part, deck_limits
from summarydeck.ooxml.walk import slides
from summarydeck.ooxml.xml import XMLSyntaxError, parse

# what each relationship type (its last word) links to, for messages
KINDS = {
    "image": "picture",
    "video": "video",
    "audio": "sound",
    "media": "media file",
    "oleObject": "OLE object",
    "package": "document",  # a workbook behind a chart, or another Office file
    "attachedTemplate": "template",
    "font": "font",
}
WEB_SCHEMES = ("http", "https", "ftp")  # fetched over the network, not read from a disk
_NOT_FOLLOWED = ("hyperlink",)  # relationship types a viewer only follows on a click
_SHAPES = ("pic", "sp", "graphicFrame", "grpSp", "cxnSp", "contentPart")
_SHOWN_TARGET = 120  # characters of a long address kept in a message
SVG_KIND = "picture inside an SVG"
_SVG_TYPE = "image/svg+xml"
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.DOTALL)
_HREF = re.compile(r"""href\s*=\s*(["'])(.*?)\1""", re.DOTALL)  # when the SVG does not parse


@dataclass(frozen=True)
class LinkedFile:
    kind: str  # "picture", "video", "OLE object" ... ("file" for a type we do not name)
    target: str  # the address as the deck gives it
    where: str  # "slide 3", "the notes of slide 3" or the part's name
    slide: int | None = None  # the slide it shows on, when it belongs to one
    slide_name: str = ""
    shape: str | None = None  # the shape that shows it, when one names it

    @property
    def remote(self) -> bool:
        """On the web (fetched over the network) rather than a file on a disk or share."""
        return _scheme(self.target) in WEB_SCHEMES

    @property
    def shown_target(self) -> str:
        """The address for a message, quoted: cut short, and any character that is not
        printable (a line break, a terminal escape) written as its escape."""
        text = (
            self.target
            if len(self.target) <= _SHOWN_TARGET
            else self.target[: _SHOWN_TARGET - 3] + "..."
        )
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
        return f"'{shown}'"

    def describe(self, *, placed: bool = True) -> str:
        """`a picture on slide 3 ("Logo") is linked to the file '../secret.png'`; without
        `placed` (a finding already names the slide and shape), the place only when it is not
        the slide itself: `a picture on the notes of slide 3 is linked ...`."""
        article = "an" if self.kind[0] in "aeiouAEIOU" else "a"
        what = "the web address" if self.remote else "the file"
        linked = f"is linked to {what} {self.shown_target}"
        if not placed and self.where == f"slide {self.slide}":
            return f"{article} {self.kind} {linked}"
        shape = f' ("{self.shape}")' if self.shape and placed else ""
        return f"{article} {self.kind} on {self.where}{shape} {linked}"


def linked_files(prs: Any) -> list[LinkedFile]:
    """Every relationship of an open deck that a viewer follows to load something from outside
    the package, in package order; hyperlinks are left out."""
    owners = _owners(prs)
    package = prs.part.package
    found: list[LinkedFile] = []
    sources = [(None, package._rels), *((part, part.rels) for part in package.iter_parts())]
    for part, rels in sources:
        owner = owners.get(id(part), _Owner(None, "", _part_name(part), None))
        if part is not None and _is_svg(part):
            found += [
                LinkedFile(SVG_KIND, target, owner.where, owner.slide, owner.name, owner.shape)
                for target in svg_references(bytes(part.blob))
            ]
        for rel_id, rel in rels.items():
            if not rel.is_external or _last_word(rel.reltype) in _NOT_FOLLOWED:
                continue
            found.append(
                LinkedFile(
                    KINDS.get(_last_word(rel.reltype), "file"),
                    str(rel.target_ref),
                    owner.where,
                    owner.slide,
                    owner.name,
                    _shape_using(part, rel_id) or owner.shape,
                )
            )
    return found


def svg_references(data: bytes) -> list[str]:
    """Every address an SVG loads from outside itself, in document order: `href`s of any
    element but `<a>` (a hyperlink) and CSS `url(...)` or `@import` in styles, other than
    `data:` and same-document `#fragment`s. The SVG is read within the deck limits (no DTD,
    bounded size) and parsed without entities or network; one that does not parse is searched
    as text, so a broken SVG cannot hide a link that a forgiving viewer still follows."""
    try:
        check_xml_part("the SVG", data, deck_limits())  # as when the deck was read
        root = parse(data)
    except (XMLSyntaxError, PackageRefusal, ValueError):
        text = data.decode("utf-8", errors="replace")
        found = [match.group(2) for match in _HREF.finditer(text)] + _css_references(text)
        return [target for target in found if _loads(target)]
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        for key, value in element.attrib.items():
            name = str(key).rpartition("}")[2]
            if name == "href" and local_name(element) != "a":
                found.append(value)
            elif name == "style":
                found += _css_references(value)
        if local_name(element) == "style":
            found += _css_references(element.text or "")
    return [target for target in found if _loads(target)]


def _css_references(css: str) -> list[str]:
    return [match.group(2) or match.group(4) or "" for match in _CSS_URL.finditer(css)]


def _loads(target: str) -> bool:
    """Whether an SVG reference loads something from outside the SVG."""
    address = target.strip()
    return bool(address) and not (address.startswith("#") or _scheme(address) == "data")


def _is_svg(part: Any) -> bool:
    kind = str(getattr(part, "content_type", "") or "").lower()
    return kind.startswith(_SVG_TYPE) or str(part.partname).lower().endswith(".svg")


@dataclass(frozen=True)
class _Owner:
    slide: int | None
    name: str  # the slide's name
    where: str  # how a message names the part
    shape: str | None  # the slide's shape that shows the part (a chart's frame)


def _owners(prs: Any) -> dict[int, _Owner]:
    """Each slide's part, and the parts only that slide uses (its notes, charts, diagrams),
    by id: the slide they show on, and the shape that shows them."""
    owners: dict[int, _Owner] = {}
    for parts in slides(prs):
        part, number = parts.slide.part, parts.number
        owners[id(part)] = _Owner(number, parts.name, f"slide {number}", None)
        for rel_id, rel in part.rels.items():
            kind = _last_word(rel.reltype)
            if rel.is_external or kind == "slideLayout":  # a layout serves many slides
                continue
            where = f"the notes of slide {number}" if kind == "notesSlide" else f"slide {number}"
            shape = _shape_using(part, rel_id)
            owners.setdefault(id(rel.target_part), _Owner(number, parts.name, where, shape))
    return owners


def _shape_using(part: Any, rel_id: str) -> str | None:
    """The name of the shape whose XML refers to `rel_id`, if the part has one."""
    root = getattr(part, "_element", None)
    if root is None:
        return None
    for element in root.iter():
        if not any(_refers(key, value, rel_id) for key, value in element.attrib.items()):
            continue
        for ancestor in element.iterancestors():
            if local_name(ancestor) in _SHAPES:
                named = next(ancestor.iter(qn("p:cNvPr")), None)
                return str(named.get("name", "")) or None if named is not None else None
        return None
    return None


def _refers(key: Any, value: Any, rel_id: str) -> bool:
    return (
        value == rel_id and isinstance(key, str) and key.startswith(("{" + R_NS, "{" + STRICT_R_NS))
    )


def _part_name(part: Any) -> str:
    return "the package" if part is None else str(part.partname).lstrip("/")


def _last_word(reltype: str) -> str:
    return reltype.rstrip("/").rpartition("/")[2]


def _scheme(target: str) -> str:
    try:
        return urlsplit(target.strip()).scheme.lower()
    except ValueError:  # a malformed address (an unclosed `[`): not a web one
        return ""
