"""The library: one module per command, each returning results and never printing.

`loading` reads and lays out the content (every command starts there); `building` writes
decks; `checking`, `diffing`, `validating`, `listing` and `exporting` serve the commands of
those names; `unconfirmed` is the one rule for unconfirmed content in a deck for publishing;
`confirming` marks items confirmed, in their files.
`templates` serves `template inspect` and `template check`.
The command line (`cli/`) and `watch` call only what this module exports.
"""

from __future__ import annotations

from summarydeck.api.building import BuildResult, build, build_all
from summarydeck.api.checking import check
from summarydeck.api.confirming import Confirmed, confirm
from summarydeck.api.diffing import diff
from summarydeck.api.exporting import built_decks, export
from summarydeck.api.listing import (
    KindInfo,
    LabelInfo,
    SlideList,
    SlideRow,
    list_kinds,
    list_labels,
    list_slides,
)
from summarydeck.api.loading import (
    DEFAULT_CONTENT,
    DEFAULT_OUTPUT_DIR,
    Selection,
    check_selection,
    content_hash,
    default_output,
    is_content_path,
    load,
    plan,
)
from summarydeck.api.templates import (
    annotate_template,
    check_template,
    inspect_template,
)
from summarydeck.api.unconfirmed import FINAL_CODE
from summarydeck.api.validating import ValidationResult, validate
from summarydeck.check.findings import Finding, Severity
from summarydeck.check.runner import CheckReport
from summarydeck.check.template_rules import (
    TEMPLATE_RULES,
    TemplateFinding,
    TemplateReport,
)
from summarydeck.layouts.deck_layouts import template_needs
from summarydeck.ooxml.templates import (
    LayoutInfo,
    MasterInfo,
    PlaceholderInfo,
    TemplateError,
    TemplateInfo,
)
from summarydeck.output.diff import DeckDiff
from summarydeck.source.assets import allow_folders

__all__ = [
    "DEFAULT_CONTENT",
    "DEFAULT_OUTPUT_DIR",
    "FINAL_CODE",
    "BuildResult",
    "CheckReport",
    "Confirmed",
    "DeckDiff",
    "Finding",
    "KindInfo",
    "LabelInfo",
    "Selection",
    "Severity",
    "SlideList",
    "SlideRow",
    "ValidationResult",
    "allow_folders",
    "build",
    "build_all",
    "built_decks",
    "check",
    "check_selection",
    "confirm",
    "content_hash",
    "default_output",
    "diff",
    "export",
    "is_content_path",
    "list_kinds",
    "list_labels",
    "list_slides",
    "load",
    "plan",
    "template_needs",
    "validate",
]
__all__ += [
    "TEMPLATE_RULES",
    "LayoutInfo",
    "MasterInfo",
    "PlaceholderInfo",
    "TemplateError",
    "TemplateFinding",
    "TemplateInfo",
    "TemplateReport",
    "annotate_template",
    "check_template",
    "inspect_template",
]
