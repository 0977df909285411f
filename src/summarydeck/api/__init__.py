"""The library: one module per command, each returning results and never printing.

`loading` reads and lays out the content (every command starts there); `building` writes
decks; `checking`, `diffing`, `validating`, `listing` and `exporting` serve the commands of
those names; `unconfirmed` is the one rule for unconfirmed content in a deck for publishing;
`confirming` marks items confirmed, in their files.
`templates` serves `template inspect` and `template check`; `editor_schema` writes the content
files' JSON Schema, for `schema` and `new`.
The command line (`cli/`) and `watch` call only what this module exports.

Each name is imported from its module when it is first used (PEP 562), so `summarydeck
--version` or `kinds` never pays for python-pptx, lxml and the content model it does not use:
`from summarydeck import api` costs nothing, `api.build` imports the building half.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers see: the same names, imported eagerly
    from summarydeck.api.building import BuildResult, build, build_all
    from summarydeck.api.checking import check
    from summarydeck.api.confirming import Confirmed, confirm
    from summarydeck.api.diffing import diff
    from summarydeck.api.editor_schema import SchemaFile, schema_files, write_schema
    from summarydeck.api.exporting import (
        allow_tools,
        built_decks,
        export,
        preview_folder,
        stop_tools,
    )
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
    from summarydeck.progress import NO_PROGRESS, Progress
    from summarydeck.source.assets import allow_folders

# each exported name -> the module it comes from; tests/test_startup.py holds this table and
# the imports above to the same names
_HOME = {
    **dict.fromkeys(["BuildResult", "build", "build_all"], "summarydeck.api.building"),
    "check": "summarydeck.api.checking",
    **dict.fromkeys(["Confirmed", "confirm"], "summarydeck.api.confirming"),
    "diff": "summarydeck.api.diffing",
    **dict.fromkeys(
        ["SchemaFile", "schema_files", "write_schema"], "summarydeck.api.editor_schema"
    ),
    **dict.fromkeys(
        ["allow_tools", "built_decks", "export", "preview_folder", "stop_tools"],
        "summarydeck.api.exporting",
    ),
    **dict.fromkeys(
        [
            "KindInfo",
            "LabelInfo",
            "SlideList",
            "SlideRow",
            "list_kinds",
            "list_labels",
            "list_slides",
        ],
        "summarydeck.api.listing",
    ),
    **dict.fromkeys(
        [
            "DEFAULT_CONTENT",
            "DEFAULT_OUTPUT_DIR",
            "Selection",
            "check_selection",
            "content_hash",
            "default_output",
            "is_content_path",
            "load",
            "plan",
        ],
        "summarydeck.api.loading",
    ),
    **dict.fromkeys(
        ["annotate_template", "check_template", "inspect_template"], "summarydeck.api.templates"
    ),
    "FINAL_CODE": "summarydeck.api.unconfirmed",
    **dict.fromkeys(["ValidationResult", "validate"], "summarydeck.api.validating"),
    **dict.fromkeys(["Finding", "Severity"], "summarydeck.check.findings"),
    "CheckReport": "summarydeck.check.runner",
    **dict.fromkeys(
        ["TEMPLATE_RULES", "TemplateFinding", "TemplateReport"], "summarydeck.check.template_rules"
    ),
    "template_needs": "summarydeck.layouts.deck_layouts",
    **dict.fromkeys(
        ["LayoutInfo", "MasterInfo", "PlaceholderInfo", "TemplateError", "TemplateInfo"],
        "summarydeck.ooxml.templates",
    ),
    "DeckDiff": "summarydeck.output.diff",
    "allow_folders": "summarydeck.source.assets",
    **dict.fromkeys(["NO_PROGRESS", "Progress"], "summarydeck.progress"),
}

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
__all__ += ["SchemaFile", "schema_files", "write_schema"]
__all__ += ["NO_PROGRESS", "Progress", "allow_tools", "preview_folder", "stop_tools"]


if not TYPE_CHECKING:  # hidden from type checkers, which see the imports above instead

    def __getattr__(name: str) -> object:
        """`api.build` and `from summarydeck.api import build`: import the name's module the
        first time, then keep the name here so later uses are plain attribute reads."""
        home = _HOME.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
