"""Save a python-pptx Presentation as deterministic bytes, with our document properties.

python-pptx stamps zip entries with the current time and each chart's embedded workbook with
its creation time; we fix both (to SOURCE_DATE_EPOCH, else the deck's date) so the same content
always gives the same bytes. Its default template also brings properties that describe the
template, not the deck: they are replaced. And it relates the notes master without naming it
in `presentation.xml`, which some applications need: it is named there.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree

from summarydeck.ooxml.names import (
    CUSTOM_PROPERTIES_PART,
    CUSTOM_PROPERTIES_TYPE,
    EXTENDED_PROPERTIES_NS,
    REL_CUSTOM_PROPERTIES,
    REL_EXTENDED_PROPERTIES,
    REL_NOTES_MASTER,
    REL_THUMBNAIL,
    VT_NS,
    qn,
)
from summarydeck.ooxml.package_writer import AddedPart
from summarydeck.ooxml.properties import custom_properties_xml


@dataclass(frozen=True)
class CoreProperties:
    """What File > Info shows: title, subject, author ..."""

    title: str
    subject: str
    author: str
    last_modified_by: str
    keywords: str
    language: str
    comments: str


def core_properties_xml(prs: Any, values: CoreProperties, when: dt.datetime) -> bytes:
    """The core properties part with `values`, written on a copy of the package's own, which
    is left as it was (a master kept for the next build must not carry this one's)."""
    from pptx.parts.coreprops import CorePropertiesPart

    original = prs.core_properties  # python-pptx's part (made when the package has none)
    part = CorePropertiesPart(
        original.partname, original.content_type, original.package, copy.deepcopy(original._element)
    )
    part.title = values.title
    part.subject = values.subject
    part.author = values.author
    part.last_modified_by = values.last_modified_by
    part.keywords = values.keywords
    part.language = values.language
    part.created = when
    part.modified = when
    part.revision = 1
    part.comments = values.comments
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return _DOC_DATES.sub(rb"\g<1>" + iso + rb"\g<2>", bytes(part.blob))


def app_properties_xml(slide_format: str, slides: int, notes: int) -> bytes:
    """app.xml as we write it: our application, the deck's counts and format."""
    text = _APP_XML.format(
        extended=EXTENDED_PROPERTIES_NS, vt=VT_NS, format=slide_format, slides=slides, notes=notes
    )
    return text.encode("utf-8")


def property_parts(
    prs: Any,
    values: CoreProperties,
    when: dt.datetime,
    counts: tuple[str, int, int],
    custom: dict[str, str],
) -> tuple[dict[str, bytes], list[AddedPart]]:
    """The document properties of one build, for `package_writer.write_package`: core and
    app.xml replace the master's (`counts`: format, slides, notes pages); the custom
    properties are added, or merged into a template's own (a sensitivity label lives there).
    Each part is found by its relationship, as a template may name it otherwise."""
    package = prs.part.package
    by_type = {
        rel.reltype: str(rel.target_part.partname)
        for rel in package._rels.values()
        if not rel.is_external
    }
    core = prs.core_properties  # python-pptx's; made with the master when a template had none
    replaced = {str(core.partname): core_properties_xml(prs, values, when)}
    if REL_EXTENDED_PROPERTIES in by_type:
        replaced[by_type[REL_EXTENDED_PROPERTIES]] = app_properties_xml(*counts)
    theirs = by_type.get(REL_CUSTOM_PROPERTIES)
    if theirs is not None:
        blob = package.part_related_by(REL_CUSTOM_PROPERTIES).blob
        replaced[theirs] = custom_properties_xml(custom, bytes(blob))
        return replaced, []
    added = AddedPart(
        CUSTOM_PROPERTIES_PART,
        CUSTOM_PROPERTIES_TYPE,
        custom_properties_xml(custom),
        REL_CUSTOM_PROPERTIES,
    )
    return replaced, [added]


def drop_thumbnail(prs: Any) -> None:
    """python-pptx's template brings a blank thumbnail that file browsers would show as the
    deck's preview."""
    package = prs.part.package
    for rel_id, rel in list(package._rels.items()):
        if rel.reltype == REL_THUMBNAIL:
            package.drop_rel(rel_id)


_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="{extended}" xmlns:vt="{vt}">\
<TotalTime>0</TotalTime><Words>0</Words><Application>summarydeck</Application>\
<PresentationFormat>{format}</PresentationFormat><Paragraphs>0</Paragraphs>\
<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>\
<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>\
<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"""


def replace_template_leftovers(prs: Any, slide_format: str) -> None:
    """python-pptx's template brings an app.xml claiming 0 slides in a 4:3 show, and a blank
    thumbnail that file browsers would show as the deck's preview: replace one, drop the other.
    (A built deck's come from `property_parts` and `drop_thumbnail`.)"""
    package = prs.part.package
    for rel_id, rel in list(package._rels.items()):
        if rel.reltype == REL_THUMBNAIL:
            package.drop_rel(rel_id)
        elif rel.reltype == REL_EXTENDED_PROPERTIES:
            slides = len(prs.slides)
            notes = sum(1 for slide in prs.slides if slide.has_notes_slide)
            text = _APP_XML.format(
                extended=EXTENDED_PROPERTIES_NS,
                vt=VT_NS,
                format=slide_format,
                slides=slides,
                notes=notes,
            )
            rel.target_part._blob = text.encode("utf-8")


def list_notes_master(prs: Any) -> None:
    """Name the notes master in `p:notesMasterIdLst`, where the schema puts it (right after
    `p:sldMasterIdLst`). python-pptx only relates it to the presentation, and Apple Keynote
    then drops the speaker notes or refuses the file (python-pptx issue 1051). A list already
    there (a template's) is kept."""
    part = prs.part
    root = part._element
    if root.find(qn("p:notesMasterIdLst")) is not None:
        return
    r_ids = sorted(
        (r_id for r_id, rel in part.rels.items() if rel.reltype == REL_NOTES_MASTER),
        key=lambda r_id: (len(r_id), r_id),  # rId2 before rId10: the same choice every time
    )
    if not r_ids:
        return  # no slide has notes
    # made inside the root, so `r:id` takes the root's prefix, then moved into its place
    id_list = etree.SubElement(root, qn("p:notesMasterIdLst"))
    etree.SubElement(id_list, qn("p:notesMasterId")).set(qn("r:id"), r_ids[0])
    root.find(qn("p:sldMasterIdLst")).addnext(id_list)


def deck_bytes(prs: Any, when: dt.datetime) -> bytes:
    list_notes_master(prs)
    raw = io.BytesIO()
    prs.save(raw)
    return normalise_zip(raw.getvalue(), when)


_DOC_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip (pptx or xlsx) with fixed entry times; embedded workbooks too."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename.endswith(".xlsx"):
                payload = normalise_zip(payload, when)
            elif item.filename == "docProps/core.xml":
                iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                payload = _DOC_DATES.sub(rb"\g<1>" + iso + rb"\g<2>", payload)
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, payload, compresslevel=6)
    return out.getvalue()
