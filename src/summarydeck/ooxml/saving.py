"""Save a python-pptx Presentation as deterministic bytes, with our document properties.

python-pptx stamps zip entries with the current time and each chart's embedded workbook with
its creation time; we fix both (to SOURCE_DATE_EPOCH, else the deck's date) so the same content
always gives the same bytes. Its default template also brings properties that describe the
template, not the deck: they are replaced. And it relates the notes master without naming it
in `presentation.xml`, which some applications need: it is named there.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree

from summarydeck.ooxml.names import (
    EXTENDED_PROPERTIES_NS,
    REL_EXTENDED_PROPERTIES,
    REL_NOTES_MASTER,
    REL_THUMBNAIL,
    VT_NS,
    qn,
)


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


def set_core_properties(prs: Any, values: CoreProperties, when: dt.datetime) -> None:
    props = prs.core_properties
    props.title = values.title
    props.subject = values.subject
    props.author = values.author
    props.last_modified_by = values.last_modified_by
    props.keywords = values.keywords
    props.language = values.language
    props.created = when
    props.modified = when
    props.revision = 1
    props.comments = values.comments


_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="{extended}" xmlns:vt="{vt}">\
<TotalTime>0</TotalTime><Words>0</Words><Application>summarydeck</Application>\
<PresentationFormat>{format}</PresentationFormat><Paragraphs>0</Paragraphs>\
<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>\
<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>\
<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"""


def replace_template_leftovers(
    prs: Any, slide_format: str, counts: tuple[int, int] | None = None
) -> None:
    """python-pptx's template brings an app.xml claiming 0 slides in a 4:3 show, and a blank
    thumbnail that file browsers would show as the deck's preview: replace one, drop the other.
    `counts`: (slides, notes pages) when the slides are not in `prs` (taken out to be written
    by `package_writer`)."""
    package = prs.part.package
    for rel_id, rel in list(package._rels.items()):
        if rel.reltype == REL_THUMBNAIL:
            package.drop_rel(rel_id)
        elif rel.reltype == REL_EXTENDED_PROPERTIES:
            if counts is None:
                slides = len(prs.slides)
                notes = sum(1 for slide in prs.slides if slide.has_notes_slide)
            else:
                slides, notes = counts
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
