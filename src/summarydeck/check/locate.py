"""Point a finding on one of our own decks at the content it came from: file, line, column.

The planned slides say which content field each frame shows (`TextElement.source`) and which
storyboard entry each slide comes from; a finding names its slide and shape, so we look the
shape up by name on the matching slide plan.
"""

from __future__ import annotations

from summarydeck.check.findings import Finding
from summarydeck.check.runner import Locator
from summarydeck.diagnostics import Location
from summarydeck.plan.types import SlidePlan, TextElement
from summarydeck.source.yaml_loader import SourceMap


def content_locator(plans: list[SlidePlan], smap: SourceMap) -> Locator:
    """A locator for a deck built from `plans`; it declines (None) when slide ids differ, as
    they do when the deck on disk was built from other content."""

    def locate(finding: Finding) -> Location | None:
        if finding.slide is None or not 1 <= finding.slide <= len(plans):
            return None
        plan = plans[finding.slide - 1]
        if finding.slide_id is not None and finding.slide_id != plan.id:
            return None
        if finding.code == "C207":  # the font is the brand's choice, not the slide's
            return smap.locate(("brand", "fonts"), key=True)
        frames = [plan.title, *([plan.subtitle] if plan.subtitle else []), *plan.elements]
        element = next((e for e in frames if e.name == finding.shape), None)
        if isinstance(element, TextElement) and element.source:
            found = smap.locate(element.source)
            if found is not None:
                return found
        return smap.locate(("slides", plan.entry)) if plan.entry is not None else None

    return locate
