"""A slide kind's word on a frame that does not fit (E401): the content fields the frame shows,
with their text as the slide shows it, and the kind's advice (see `registry.FitAdvice`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from summarydeck.layouts.registry import SlideKind
from summarydeck.markdown.inline import to_paragraphs
from summarydeck.model.deck import Deck
from summarydeck.plan.overflow_room import Explain, Remedy, ShownField
from summarydeck.plan.types import TextElement
from summarydeck.source.yaml_loader import DataPath

# a label too long for its box is shortened where it is written, or given there in shorter words
LABEL_ADVICE = "under `labels:` (`{}:`); `summarydeck labels` lists its default"


def explainer(kind: SlideKind, deck: Deck) -> Explain:
    """What `kind` says about each of its frames that does not fit."""
    advice = kind.fit_advice

    def explain(element: TextElement) -> Remedy:
        source = element.source
        if source and source[0] == "labels":  # one of the deck's own words: its label
            key = str(source[1])
            return Remedy((ShownField(source, deck.labels.raw(key)),), LABEL_ADVICE.format(key))
        fields = []
        for path in advice.fields(element.name, element.source):
            value = field_value(deck, path)
            if value is not None and value != "" and value != []:
                fields.append(ShownField(path, shown_text(value)))
        return Remedy(tuple(fields), advice.advice(element.name))

    return explain


def field_value(deck: Deck, path: DataPath) -> object:
    """The value at `path` in the deck's content or storyboard (`slides`), or None."""
    head, *rest = path
    value: object = deck.slides if head == "slides" else getattr(deck.content, str(head), None)
    for part in rest:
        if isinstance(part, int):
            items = value if isinstance(value, Sequence) and not isinstance(value, str) else ()
            value = items[part] if 0 <= part < len(items) else None
        elif isinstance(value, Mapping):
            value = value.get(part)
        else:
            value = getattr(value, part, None)
        if value is None:
            return None
    return value


def shown_text(value: object) -> str:
    """A field's text as the slide sets it (Markdown rendered, typeset), items run together
    as a frame's paragraphs are counted."""
    if isinstance(value, str):
        return "".join(p.text for p in to_paragraphs(value))
    if isinstance(value, Sequence):
        return "".join(shown_text(item) for item in value)
    return str(value)
