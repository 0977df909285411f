"""`<deck>.review.md` beside each deck: what is still to be confirmed before it is published.

The list used to travel in the speaker notes, so a shared deck carried the editors' to-do list
to everyone who opened it. It is written beside the deck instead, for the editors: each item
once, with the file and line to edit, what to check, the page to check it against and the
slides that show it. A deck with nothing left to confirm gets a report that says so, so an old
list never outlives the items it named.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarydeck.plan.final import FINAL_HINT, Unconfirmed


def review_path(deck: Path) -> Path:
    return deck.with_name(f"{deck.stem}.review.md")


def review_text(deck: Path, title: str, items: Sequence[Unconfirmed]) -> str:
    lines = [f"# Review before publishing: {title}", "", f"Deck: `{deck.name}`", ""]
    if not items:
        lines += [
            "Nothing in this deck is waiting to be confirmed: `summarydeck build --final` "
            "will build it for publishing.",
        ]
        return "\n".join(lines) + "\n"
    count = f"{len(items)} item{'s' if len(items) != 1 else ''}"
    lines += [
        f"{count} still to be confirmed. Until then the deck is a draft: its footers say "
        '"Draft", the slides that show an item say "To be confirmed", and '
        "`summarydeck build --final` refuses to build it.",
        "",
    ]
    for number, item in enumerate(items, 1):
        shown = ", ".join(f"{n} (`{ident}`)" for n, ident in item.slides)
        lines.append(f"{number}. **{item.item.label}**: {item.item.check}")
        if item.location is not None:
            lines.append(f"   - edit: {item.item.where or item.location.file}")
        if item.item.source_url:
            lines.append(f"   - check against: <{item.item.source_url}>")
        lines.append(f"   - shown on slide{'s' if len(item.slides) > 1 else ''} {shown}")
    lines += ["", f"When an item is confirmed: {FINAL_HINT}."]
    return "\n".join(lines) + "\n"
