"""What is wrong with a PowerPoint template a deck is to be built onto: layouts the slide kinds
need and do not find, layouts without a title, placeholders of no size or off the slide,
sample text and fixed dates, theme fonts this machine cannot show or measure.

Findings have stable T codes and a severity, like the checker's C codes on a deck: errors make
`summarydeck template check` fail, warnings too with --strict.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from summarydeck.check.findings import Rule, Severity, fails, tally
from summarydeck.check.rules.font_availability import audience_note
from summarydeck.check.rules.geometry import sides_past
from summarydeck.model.brand import OFFICE_FONTS
from summarydeck.ooxml.templates import (
    FOOTER_TYPES,
    LayoutInfo,
    MasterInfo,
    PlaceholderInfo,
    TemplateInfo,
)
from summarydeck.plan.fonts import METRIC_TWINS
from summarydeck.plan.layout_design import TEMPLATE_FILLS
from summarydeck.values import EMU_PER_INCH

# Stable codes, grouped: 1xx the file, 2xx layouts, 3xx placeholders' geometry, 4xx their
# text, 5xx fonts.
TEMPLATE_RULES = {
    rule.code: rule
    for rule in (
        Rule("T101", "unreadable", Severity.ERROR, "the file cannot be read as a template"),
        Rule("T102", "not-a-template", Severity.WARNING, "a presentation, not a template"),
        # a build still works without them, and warns: slides get summarydeck's own layout, or
        # text boxes of their own
        Rule("T201", "missing-layout", Severity.WARNING, "a layout the slide kinds use is missing"),
        Rule(
            "T202",
            "missing-placeholder",
            Severity.WARNING,
            "a layout lacks a placeholder a slide kind fills",
        ),
        Rule("T203", "no-title", Severity.WARNING, "a layout has no title placeholder"),
        Rule("T301", "zero-size", Severity.ERROR, "a placeholder has no width or height"),
        Rule("T302", "off-slide", Severity.ERROR, "a placeholder reaches past the slide's edge"),
        Rule("T401", "sample-text", Severity.WARNING, "a layout's placeholder holds sample text"),
        Rule("T402", "fixed-date", Severity.WARNING, "a date placeholder holds a fixed date"),
        Rule(
            "T501",
            "unknown-font",
            Severity.WARNING,
            "a theme font is neither installed nor metric-compatible with a bundled one",
        ),
        Rule(
            "T502",
            "font-not-in-office",
            Severity.WARNING,
            "a theme font PowerPoint does not come with: viewers need it installed",
        ),
    )
}

# a role a slide kind gives a placeholder -> the placeholder types that can play it (the
# table the build fills templates by)
ROLE_TYPES: dict[str, tuple[str, ...]] = {str(r): types for r, types in TEMPLATE_FILLS.items()}
TITLE_TYPES = ROLE_TYPES["title"]


@dataclass(frozen=True)
class TemplateFinding:
    code: str
    message: str
    master: str | None = None  # where: the master's name ...
    layout: str | None = None  # ... the layout's (None: the master itself, or the whole file)
    placeholder: str | None = None  # ... and the placeholder's, with its type and idx
    hint: str | None = None
    severity: Severity | None = None  # None: the rule's own

    @property
    def rule(self) -> Rule:
        return TEMPLATE_RULES[self.code]

    @property
    def level(self) -> Severity:
        return self.severity or self.rule.severity

    @property
    def where(self) -> str:
        """`master `Office Theme` › layout `Title Slide` › placeholder `Title 1` (title idx=0)`;
        "" for the whole file."""
        parts = []
        if self.master is not None:
            parts.append(f"master `{self.master}`")
        if self.layout is not None:
            parts.append(f"layout `{self.layout}`")
        if self.placeholder is not None:
            parts.append(f"placeholder {self.placeholder}")
        return " › ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.rule.name,
            "severity": str(self.level),
            "master": self.master,
            "layout": self.layout,
            "placeholder": self.placeholder,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class TemplateReport:
    """The findings on one template, and how much of it was looked at."""

    template: str  # the file's name
    findings: list[TemplateFinding] = field(default_factory=list)
    masters: int = 0
    layouts: int = 0

    def count(self, severity: Severity) -> int:
        return sum(f.level is severity for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail; with `strict`, warnings too. Notes never do."""
        return fails((f.level for f in self.findings), strict)

    def summary(self) -> str:
        return (
            f"checked {_counted(self.masters, 'master')}, {_counted(self.layouts, 'layout')}: "
            + (tally(f.level for f in self.findings) or "no findings")
        )


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def review_template(
    info: TemplateInfo,
    needs: Mapping[str, Sequence[str]],
    used_by: Mapping[str, Sequence[str]] | None = None,
    installed: Callable[[str], bool] | None = None,
) -> TemplateReport:
    """Every finding on a template. `needs`: layout name -> the placeholder roles (ROLE_TYPES)
    it must have; `used_by`: layout name -> the slide kinds that use it, to say who needs it;
    `installed`: whether a font family is installed here (default: ask this machine)."""
    for roles in needs.values():
        unknown = set(roles) - set(ROLE_TYPES)
        if unknown:
            raise ValueError(f"unknown placeholder roles {sorted(unknown)}: use {list(ROLE_TYPES)}")
    if installed is None:
        from summarydeck.check.system_fonts import is_installed

        installed = is_installed
    findings = [
        *_file_kind(info),
        *_needed_layouts(info, needs, used_by or {}),
        *_untitled_layouts(info, needs),
        *_geometry(info),
        *_placeholder_text(info),
        *_fonts(info, installed),
    ]
    return TemplateReport(info.name, findings, len(info.masters), len(info.layouts))


def unreadable(template: str, message: str, hint: str | None) -> TemplateReport:
    """The report on a file that cannot be read as a template at all."""
    return TemplateReport(template, [TemplateFinding("T101", message, hint=hint)])


def _file_kind(info: TemplateInfo) -> Iterator[TemplateFinding]:
    if info.is_template:
        return
    slides = _counted(info.slide_count, "slide")
    if info.slide_count:
        yield TemplateFinding(
            "T102",
            f"it is a presentation with {slides}, not a template",
            hint="delete its slides and save it as a PowerPoint Template (.potx)",
        )
    else:
        yield TemplateFinding(
            "T102",
            "it is a presentation (with no slides), not a template",
            hint="save it as a PowerPoint Template (.potx), so File › New offers it",
            severity=Severity.INFO,
        )


def _by_name(info: TemplateInfo) -> dict[str, tuple[MasterInfo, LayoutInfo]]:
    """Each layout by its name, casefolded; the first master's of two with the same name."""
    found: dict[str, tuple[MasterInfo, LayoutInfo]] = {}
    for master in info.masters:
        for layout in master.layouts:
            found.setdefault(_key(layout.name), (master, layout))
    return found


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _needed_layouts(
    info: TemplateInfo, needs: Mapping[str, Sequence[str]], used_by: Mapping[str, Sequence[str]]
) -> Iterator[TemplateFinding]:
    layouts = _by_name(info)
    for name, roles in needs.items():
        kinds = used_by.get(name, ())
        who = "the deck needs"
        if kinds:
            one = len(kinds) == 1
            who = f"the slide kind{'' if one else 's'} {_listed(kinds)} need{'s' if one else ''}"
        found = layouts.get(_key(name))
        if found is None:
            close = _closest(name, roles, info.layouts)
            yield TemplateFinding(
                "T201",
                f"no layout `{name}`, which {who} (with placeholders: {', '.join(roles)}): "
                "a deck built onto the template uses summarydeck's own for those slides",
                hint=(
                    f"did you mean `{close}`? Rename it `{name}` (PowerPoint: View › Slide "
                    "Master, right-click the layout › Rename Layout), or map it in "
                    f"`brand.layouts` (`{name}: {close}`)"
                    if close
                    else f"add a layout named `{name}` (PowerPoint: View › Slide Master › "
                    "Insert Layout, then Rename Layout), or map one of the template's onto it "
                    "in `brand.layouts`"
                ),
            )
            continue
        master, layout = found
        for role in _missing_roles(layout, roles):
            instead = (
                "the slides get summarydeck's own layout instead"
                if role == "title"
                else "the slides get a text box of their own instead"
            )
            yield TemplateFinding(
                "T202",
                f"the layout has no {role} placeholder, which {who} "
                f"(a placeholder of type {' or '.join(ROLE_TYPES[role])}): {instead}",
                master.name,
                layout.name,
                hint="add one (PowerPoint: View › Slide Master, select the layout › Insert "
                "Placeholder" + (", or tick Title" if role == "title" else "") + ")",
            )


def _closest(name: str, roles: Sequence[str], layouts: Sequence[LayoutInfo]) -> str | None:
    """The name of the layout closest to `name`, case aside (difflib, as content errors'
    hints), preferring one that has the placeholders `roles` need."""
    by_key = {_key(layout.name): layout for layout in reversed(layouts)}
    close = difflib.get_close_matches(_key(name), list(by_key), n=len(by_key), cutoff=0.6)
    fitting = [key for key in close if not _missing_roles(by_key[key], roles)]
    best = fitting or close
    return by_key[best[0]].name if best else None


def _listed(words: Sequence[str]) -> str:
    quoted = [f"`{w}`" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _missing_roles(layout: LayoutInfo, roles: Sequence[str]) -> list[str]:
    """The roles no placeholder of the layout is left to play, each placeholder playing one;
    the narrower roles (title, footer) are given theirs first."""
    free = list(layout.placeholders)
    missing = []
    for role in sorted(roles, key=lambda r: len(ROLE_TYPES[r])):
        player = next((p for p in free if p.type in ROLE_TYPES[role]), None)
        if player is None:
            missing.append(role)
        else:
            free.remove(player)
    return [role for role in roles if role in missing]


def _untitled_layouts(
    info: TemplateInfo, needs: Mapping[str, Sequence[str]]
) -> Iterator[TemplateFinding]:
    needing_title = {_key(name) for name, roles in needs.items() if "title" in roles}
    for master in info.masters:
        for layout in master.layouts:
            if _key(layout.name) in needing_title:
                continue  # T202 says it, naming the kinds
            if not any(p.type in TITLE_TYPES for p in layout.placeholders):
                yield TemplateFinding(
                    "T203",
                    "the layout has no title placeholder: slides made on it have no title for "
                    "screen readers, the outline or the slide list",
                    master.name,
                    layout.name,
                    hint="add one (PowerPoint: View › Slide Master, select the layout, tick Title)",
                )


def _each_placeholder(
    info: TemplateInfo,
) -> Iterator[tuple[MasterInfo, LayoutInfo | None, PlaceholderInfo]]:
    for master in info.masters:
        for placeholder in master.placeholders:
            yield master, None, placeholder
        for layout in master.layouts:
            for placeholder in layout.placeholders:
                yield master, layout, placeholder


def _named(placeholder: PlaceholderInfo) -> str:
    return f"`{placeholder.name}` ({placeholder.type} idx={placeholder.idx})"


def _inches(emu: int) -> str:
    return f"{emu / EMU_PER_INCH:.2f} in"


def _geometry(info: TemplateInfo) -> Iterator[TemplateFinding]:
    for master, layout, placeholder in _each_placeholder(info):
        box = placeholder.box
        if box is None or placeholder.inherits_box:
            continue  # where it comes from is reported on the master
        where = (master.name, layout.name if layout else None, _named(placeholder))
        if box.width <= 0 or box.height <= 0:
            yield TemplateFinding(
                "T301",
                f"the placeholder is {_inches(box.width)} wide and {_inches(box.height)} high: "
                "text put in it cannot be seen",
                *where,
                hint="give it a size, or delete it",
            )
            continue
        wholly = (
            box.right <= 0 or box.bottom <= 0 or box.left >= info.width or box.top >= info.height
        )
        sides = sides_past(box, info.width, info.height)
        if wholly or sides:
            message = (
                "the placeholder lies wholly outside the slide"
                if wholly
                else f"the placeholder reaches past the slide's {' and '.join(sides)} edge"
            )
            yield TemplateFinding(
                "T302",
                f"{message} (at {_inches(box.left)}, {_inches(box.top)}, "
                f"{_inches(box.width)} x {_inches(box.height)}; the slide is "
                f"{_inches(info.width)} x {_inches(info.height)})",
                *where,
                hint="move or shrink it so it lies inside the slide",
            )


def _placeholder_text(info: TemplateInfo) -> Iterator[TemplateFinding]:
    fixed_on_master = {
        (master.name, p.sample_text)
        for master in info.masters
        for p in master.placeholders
        if p.type == "dt"
    }
    for master, layout, placeholder in _each_placeholder(info):
        text = placeholder.sample_text
        if not text:
            continue
        if (
            layout is not None
            and placeholder.type == "dt"
            and (master.name, text) in (fixed_on_master)
        ):
            continue  # copied from the master, where it is reported once
        where = (master.name, layout.name if layout else None, _named(placeholder))
        if placeholder.type == "dt":
            yield TemplateFinding(
                "T402",
                f"the date placeholder holds the fixed text “{_short(text)}”, which every "
                "slide that shows the date would repeat"
                + ("" if layout else ", on every layout that takes its date from the master"),
                *where,
                hint="replace it with a date field that updates itself (PowerPoint: Insert › "
                "Date & Time, Update automatically), or leave it empty",
            )
        elif layout is not None and placeholder.type not in FOOTER_TYPES:
            yield TemplateFinding(
                "T401",
                f"the placeholder holds sample text “{_short(text)}”, not a prompt",
                *where,
                hint="delete it, so that slides made on the layout start with a prompt; to "
                "give a prompt of your own, type it in View › Slide Master",
            )


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _fonts(info: TemplateInfo, installed: Callable[[str], bool]) -> Iterator[TemplateFinding]:
    seen = {name.casefold() for name in OFFICE_FONTS}  # every PowerPoint has them
    for master in info.masters:
        for which, family in (("heading", master.major_font), ("body", master.minor_font)):
            if not family or family.casefold() in seen:
                continue
            seen.add(family.casefold())
            if family in METRIC_TWINS or installed(family):
                # shown and measured here; not necessarily where the deck is opened
                message, hint = audience_note(family, subject=f"the theme's {which} font is")
                yield TemplateFinding(
                    "T502",
                    message,
                    master.name,
                    hint=hint,
                )
                continue
            yield TemplateFinding(
                "T501",
                f"the theme's {which} font `{family}` is not installed here, and summarydeck "
                "has no metric-compatible font for it: text in it is shown in a substitute "
                "font and cannot be measured",
                master.name,
                hint="use a font summarydeck can measure ("
                + ", ".join(sorted(METRIC_TWINS))
                + f") in the theme, or install `{family}` on every machine that builds or "
                "shows the deck",
            )
