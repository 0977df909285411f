"""Validate the `labels:` section into the deck's `Labels`, each problem at its line."""

from __future__ import annotations

import difflib
from typing import Any

from summarydeck.diagnostics import Diagnostics, did_you_mean
from summarydeck.model.labels import (
    ENGLISH,
    PLACEHOLDERS,
    Labels,
    has_table,
    placeholders_in,
    primary,
)
from summarydeck.model.pydantic_errors import shown_value
from summarydeck.source import limits
from summarydeck.source.yaml_loader import SourceMap


def check_labels(value: Any, language: str, smap: SourceMap, diags: Diagnostics) -> Labels | None:
    """The deck's labels, or None after reporting every problem in `labels:`."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        diags.error(
            "E203",
            "labels: expected a mapping of label names to words, e.g. `item: Recommendation`",
            smap.locate(("labels",)),
            "write each label as `name: words` indented under `labels:`; run "
            "`summarydeck labels` to list them",
        )
        return None
    overrides: dict[str, str] = {}
    ok = True
    for key, text in value.items():
        where = ("labels", key)
        if key not in PLACEHOLDERS:
            diags.error(
                "E201",
                f"labels: unknown label `{key}`",
                smap.locate(where, key=True),
                _sentence(did_you_mean(str(key), PLACEHOLDERS))
                + "`summarydeck labels` lists every label with its default",
            )
            ok = False
            continue
        blank = not str(text).strip()
        if isinstance(text, bool) or not isinstance(text, str | int | float) or blank:
            diags.error(
                "E203",
                f"labels.{key}: expected words, got {shown_value(text)}",
                smap.locate(where),
                f"e.g. `{key}: {ENGLISH[key]}`",
            )
            ok = False
            continue
        words = str(text).strip()
        if not _placeholders_ok(key, words, where, smap, diags):
            ok = False
            continue
        if key == "months" and len([m for m in words.split(",") if m.strip()]) != 12:
            diags.error(
                "E203",
                "labels.months: expected the twelve month names, separated by commas",
                smap.locate(where),
                "e.g. `months: January, February, March, ...`",
            )
            ok = False
            continue
        if limits.forbidden_character(words) is not None:
            continue  # reported by the loader's character check (E106) already
        overrides[str(key)] = words
    if not ok:
        return None
    if not has_table(language):
        missing = [k for k in PLACEHOLDERS if k not in overrides]
        if missing:
            diags.warning(
                "W214",
                f"deck.language `{language}` has no built-in labels: {len(missing)} labels "
                "stay in British English",
                smap.locate(("deck", "language")),
                f"give them under `labels:` in your language (languages built in: en, cy; "
                f"`summarydeck labels --language en` lists them), or write `language: "
                f"en-GB` if the deck is in English (`{primary(language)}` was given)",
            )
    return Labels(language, overrides)


def _placeholders_ok(
    key: str, words: str, where: tuple[str, str], smap: SourceMap, diags: Diagnostics
) -> bool:
    allowed = PLACEHOLDERS[key]
    try:
        names = placeholders_in(words)
    except ValueError as exc:
        diags.error(
            "E219",
            f"labels.{key}: {exc} is not a placeholder; write a name in braces, e.g. "
            f"`{{{sorted(allowed)[0] if allowed else 'name'}}}`",
            smap.locate(where),
            "for a brace on the slide itself write it twice: `{{` or `}}`",
        )
        return False
    for name in names:
        if name not in allowed:
            offer = ", ".join(f"`{{{n}}}`" for n in sorted(allowed)) or "none"
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            diags.error(
                "E219",
                f"labels.{key}: unknown placeholder `{{{name}}}`",
                smap.locate(where),
                (f"did you mean `{{{close[0]}}}`? " if close else "")
                + f"This label can use: {offer}",
            )
            return False
    return True


def _sentence(hint: str | None) -> str:
    """A did-you-mean hint as the first sentence of a longer one."""
    return f"{hint} " if hint else ""
