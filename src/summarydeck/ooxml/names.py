"""Every Open XML name the project uses, in one place: namespaces, `qn`, relationship and
content types, extension URIs, the names summarydeck gives its marker shapes and properties,
and PowerPoint's defaults when a deck sets nothing."""

from __future__ import annotations

import functools
from typing import Any

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
ADEC_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
AHYP_NS = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
EXTENDED_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# Strict Open XML spells the relationship namespace differently; both name relationships
STRICT_R_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"

NS = {
    "a": A_NS,
    "p": P_NS,
    "r": R_NS,
    "c": C_NS,
    "adec": ADEC_NS,
    "ahyp": AHYP_NS,
    "ct": CONTENT_TYPES_NS,
    "pr": PACKAGE_RELS_NS,
    "cp": CUSTOM_PROPERTIES_NS,
    "ep": EXTENDED_PROPERTIES_NS,
    "vt": VT_NS,
}


@functools.cache
def qn(tag: str) -> str:
    """Clark notation for a prefixed tag: `qn("a:t")` -> `{http://...drawingml...}t`."""
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def local_name(element: Any) -> str:
    """An element's tag without its namespace ("sp" for `<p:sp>`)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


# relationship types
REL_OFFICE_DOCUMENT = f"{R_NS}/officeDocument"
REL_SLIDE = f"{R_NS}/slide"
REL_THEME = f"{R_NS}/theme"
REL_NOTES_MASTER = f"{R_NS}/notesMaster"
REL_NOTES_SLIDE = f"{R_NS}/notesSlide"
REL_HYPERLINK = f"{R_NS}/hyperlink"
REL_EXTENDED_PROPERTIES = f"{R_NS}/extended-properties"
REL_CUSTOM_PROPERTIES = f"{R_NS}/custom-properties"
REL_CORE_PROPERTIES = f"{PACKAGE_RELS_NS}/metadata/core-properties"
REL_THUMBNAIL = f"{PACKAGE_RELS_NS}/metadata/thumbnail"

# content types
OFFICE_TYPE = "application/vnd.openxmlformats-officedocument"
CUSTOM_PROPERTIES_TYPE = f"{OFFICE_TYPE}.custom-properties+xml"

# extension URIs (`<a:ext uri=...>`) and fixed ids
EXT_DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Office's "Mark as decorative"
# Office 2019+: draw a hyperlink in its run's colour, not the theme's link colour
EXT_HYPERLINK_COLOUR = "{A12FA001-AC4F-418D-AE19-62706E023703}"
CUSTOM_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # every custom property's id
# a fixed slide-number field id keeps output byte-identical; PowerPoint only needs a GUID
SLIDE_NUMBER_FIELD_ID = "{5C1D3E8A-2B7F-4C6D-9E0A-1F2B3C4D5E6F}"

# what summarydeck names in the decks it writes
CUSTOM_PROPERTIES_PART = "/docProps/custom.xml"
CORE_PROPERTIES_PART = "/docProps/core.xml"
EXTENDED_PROPERTIES_PART = "/docProps/app.xml"
STAMP_PREFIX = "summarydeck."  # its custom properties: summarydeck.version ...
UNCONFIRMED_LABEL_SHAPE = "Unconfirmed label"  # the tag's text box

# PowerPoint's defaults when nothing in the chain sets a value
DEFAULT_SIZE = 18.0  # points
DEFAULT_INSETS = (91_440, 45_720, 91_440, 45_720)  # left, top, right, bottom: 0.1 in and 0.05 in
TITLE_TYPES = ("title", "ctrTitle")
