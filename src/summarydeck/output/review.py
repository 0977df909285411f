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

from summarydeck.diagnostics import Diagnostic
from summarydeck.plan.final import FINAL_HINT, Unconfirmed


def review_path(deck: Path) -> Path:
    return deck.with_name(f"{deck.stem}.review.md")


def review_text(
    deck: Path,
    title: str,
    items: Sequence[Unconfirmed],
    warnings: Sequence[Diagnostic] = (),
    content_dir: Path | None = None,
) -> str:
    lines = [f"# Review before publishing: {title}", "", f"Deck: `{deck.name}`", ""]
    if not items:
        lines += [
            "Nothing in this deck is waiting to be confirmed: `summarydeck build --final` "
            "will build it for publishing.",
        ]
        return "\n".join(lines + _warnings(warnings, content_dir)) + "\n"
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
        if item.item.source_urls:
            pages = ", ".join(f"<{url}>" for url in item.item.source_urls)
            lines.append(f"   - check against: {pages}")
        lines.append(f"   - shown on slide{'s' if len(item.slides) > 1 else ''} {shown}")
    lines += ["", f"When an item is confirmed: {FINAL_HINT}."]
    return "\n".join(lines + _warnings(warnings, content_dir)) + "\n"


def _warnings(warnings: Sequence[Diagnostic], content_dir: Path | None) -> list[str]:
    """The build's warnings, so the editors' list is in one place (the build prints them too),
    each at its file named from the content folder (a report may be shared; paths of this
    machine must not be)."""
    if not warnings:
        return []
    lines = ["", "## Also worth fixing before publishing", ""]
    for warning in warnings:
        where, at = "", warning.location
        if at is not None:
            where = f"{_named(Path(at.file), content_dir)}, line {at.line}: "
        lines.append(f"- {where}{warning.code}: {warning.message}")
    return lines


def _named(file: Path, content_dir: Path | None) -> str:
    if content_dir is not None:
        folder = content_dir.resolve()
        try:
            return f"{folder.name}/{file.resolve().relative_to(folder).as_posix()}"
        except ValueError:
            pass
    return file.name
