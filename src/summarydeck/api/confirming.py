"""`confirm`: mark items confirmed, with a fingerprint of what they claim, in their files.

`summarydeck confirm statistics.sick-leave` sets `status: confirmed` and writes
`confirmed_as:` (what `headline`, `label` ... said when confirmed; `model/fingerprint.py`)
into the item's YAML file, in place: the status value is replaced where it stands, and a
missing key gets a line of its own beside it, so comments and layout stay as the editor left
them. A later edit to the claim then makes the item unconfirmed again (W212).

Every file is read back before it is written: the new text must read as the same data with
only those keys changed, else nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarydeck.api.loading import DEFAULT_CONTENT, load
from summarydeck.diagnostics import Location, OutputError, SelectionError, did_you_mean
from summarydeck.model.content import Provenance, Status
from summarydeck.model.deck import Deck
from summarydeck.output.files import write_together
from summarydeck.source import yaml_edits
from summarydeck.source.yaml_edits import Edit, InsertLine, Replace
from summarydeck.source.yaml_loader import DataPath, SourceMap, dotted

# the collections whose items an editor confirms
COLLECTIONS = ("essays", "opportunities", "statistics", "quotes")


@dataclass(frozen=True)
class Confirmed:
    """One item `confirm` named, and what it did to it."""

    name: str  # e.g. "statistics.sick-leave"
    fingerprint: str
    location: Location | None  # the item's line
    was: str  # "unconfirmed"; "confirmed" (now stamped); "changed" (stamped again); "same"
    changed: str = ""  # for "changed": what had changed since, in words
    check: bool = False  # it still has a `check:` line, which a confirmed item does not show

    @property
    def edited(self) -> bool:
        return self.was != "same"


def confirm(content_dir: Path = DEFAULT_CONTENT, names: Sequence[str] = ()) -> list[Confirmed]:
    """Confirm each named item (`statistics.sick-leave`, or `sick-leave` when only one
    collection has that id). Raises ContentError when the content has errors, SelectionError
    for a name that is no item, OutputError when a file cannot be edited or written."""
    deck, _ = load(content_dir)
    paths = list(dict.fromkeys(_resolve(deck, name) for name in names))
    smap = deck.source_map
    done: list[Confirmed] = []
    edits: dict[Path, list[Edit]] = {}
    changes: dict[Path, dict[DataPath, str]] = {}
    for path in paths:
        item: Provenance = getattr(deck.content, str(path[0]))[path[1]]
        stamp = item.fingerprint()
        name = dotted(path)
        located = smap.locate(path, key=True)
        if item.status is Status.CONFIRMED and item.confirmed_as == stamp:
            done.append(Confirmed(name, stamp, located, "same", check=bool(item.check)))
            continue
        was = "unconfirmed"
        if item.status is Status.CONFIRMED:
            was = "changed" if item.confirmed_as else "confirmed"
        assert located is not None  # a validated item was read from a file
        file = Path(located.file)
        edits.setdefault(file, []).extend(_edits(path, stamp, smap))
        changes.setdefault(file, {}).update(
            {(*path, "status"): Status.CONFIRMED.value, (*path, "confirmed_as"): stamp}
        )
        done.append(Confirmed(name, stamp, located, was, item.what_changed(), bool(item.check)))
    _write(edits, changes)
    return done


def _resolve(deck: Deck, name: str) -> DataPath:
    """`statistics.sick-leave` or `sick-leave` as a path to the item."""
    items = {(c, i) for c in COLLECTIONS for i in getattr(deck.content, c)}
    name = name.strip()
    collection, dot, item_id = name.partition(".")
    if dot and (collection, item_id) in items:
        return (collection, item_id)
    found = sorted(c for c, i in items if i == name)  # an id alone (ids hold no dots)
    if len(found) == 1:
        return (found[0], name)
    if len(found) > 1:
        raise SelectionError(
            f"`{name}` is the id of items in {' and '.join(found)}",
            "name one: " + " or ".join(f"`{c}.{name}`" for c in found),
        )
    _refuse_a_slide(deck, name)
    known = [f"{c}.{i}" for c, i in sorted(items)]
    raise SelectionError(
        f"no item `{name}` to confirm: `confirm` takes an item of essays, opportunities, "
        "statistics or quotes (a slide's own text is confirmed by the `status:` line of its "
        "storyboard entry)",
        did_you_mean(name, known + [i for _, i in items]),
    )


def _refuse_a_slide(deck: Deck, name: str) -> None:
    """A slide's id (`in-brief`, or `slides.in-brief`) is no item: its own text (bullets,
    cards) is confirmed by editing its `status:` line, named here with its file and line."""
    wanted = name.removeprefix("slides.")
    for index, spec in enumerate(deck.slides):
        if (spec.id or spec.default_id()) != wanted:
            continue
        smap = deck.source_map
        status = smap.values.get(("slides", index, "status"))
        shows = [
            f"`{collection}.{getattr(spec, field)}`"
            for field, collection in spec.references.items()
            if collection in COLLECTIONS and isinstance(getattr(spec, field, None), str)
        ]
        if status is not None:
            raise SelectionError(
                f"`{wanted}` is a slide of the storyboard, not an item: a slide's own text is "
                "confirmed by its `status:` line, which `confirm` does not edit",
                f"check the slide's text, then set `status: confirmed` at "
                f"{status.file}:{status.line}",
            )
        where = smap.locate(("slides", index), key=True)
        at = f" ({where.file}:{where.line})" if where is not None else ""
        raise SelectionError(
            f"`{wanted}` is a slide of the storyboard{at}, not an item, and has no `status:`: "
            "its own text claims nothing to confirm",
            f"confirm what it shows by its name: {', '.join(shows)}"
            if shows
            else "a slide whose own text needs checking gets `status: unconfirmed`, then "
            "`status: confirmed` once checked",
        )


def _edits(path: DataPath, stamp: str, smap: SourceMap) -> list[Edit]:
    """`status: confirmed` and `confirmed_as: <stamp>` for one item: each value replaced
    where it is written, or a line added beside the item's status (or source)."""
    status = smap.values.get((*path, "status"))
    written = smap.values.get((*path, "confirmed_as"))
    for at in (status, written):
        if at is not None and not yaml_edits.is_one_line(at):
            raise _cannot(path, "its `status` or `confirmed_as` is not a one-line value")
    children = [loc for p, loc in smap.keys.items() if len(p) == 3 and p[:2] == path]
    if not children:
        raise _cannot(path, "it has no keys of its own")
    first = min(children, key=lambda loc: (loc.line, loc.column))
    item_key = smap.keys.get(path)
    mapping = smap.values.get(path)
    if item_key is not None and first.line == item_key.line:
        raise _cannot(path, "it is written on one line, as a `{...}` mapping")
    shared = _shared(path, smap)
    if shared:
        raise _cannot(path, shared)
    if (
        mapping is not None
        and item_key is not None
        and mapping.line > item_key.line
        and (mapping.line, mapping.column) != (first.line, first.column)
    ):  # a block mapping starts at its first key; a `{...}` one at its brace
        raise _cannot(path, "it is written as a `{...}` mapping")
    out: list[Edit] = []
    if status is not None:
        out.append(Replace(status, Status.CONFIRMED.value))
        after, indent = status.line, smap.keys[(*path, "status")].column - 1
    else:
        after, indent = _beside_source(path, smap, first)
        out.append(InsertLine(after, indent, f"status: {Status.CONFIRMED.value}"))
    if written is not None:
        out.append(Replace(written, stamp))
    else:
        out.append(InsertLine(after, indent, f"confirmed_as: {stamp}"))
    return out


def _shared(path: DataPath, smap: SourceMap) -> str:
    """Why an item that shares keys with another (YAML's `&anchor`, `*alias` and `<<:` merge
    key) cannot be edited line by line: one line would change both. Empty when it does not."""
    own = {p[2:]: loc for p, loc in smap.values.items() if len(p) > 2 and p[:2] == path}
    at = {(loc.file, loc.line, loc.column) for loc in own.values()}
    others = sorted(
        dotted(p[:2])
        for p, loc in smap.values.items()
        if len(p) > 2 and p[:2] != path and (loc.file, loc.line, loc.column) in at
    )
    if not others:
        return ""
    item_key = smap.keys.get(path)
    merged = item_key is not None and any(loc.line < item_key.line for loc in own.values())
    other = others[0]
    if merged:  # its keys stand above it: taken from another item (`<<: *anchor`, `*alias`)
        return f"it takes keys from {other} with a merge key (`<<: *anchor`) or an alias"
    return f"{other} takes keys from it with a merge key (`<<: *anchor`) or an alias"


def _beside_source(path: DataPath, smap: SourceMap, first: Location) -> tuple[int, int]:
    """Where an item without a `status:` gets one: after a one-line `source:`, else above
    its first key; and at that key's indentation."""
    indent = first.column - 1
    source = smap.values.get((*path, "source"))
    key = smap.keys.get((*path, "source"))
    on_its_line = source is not None and key is not None and source.line == key.line
    if on_its_line and source is not None and yaml_edits.is_one_line(source):
        return source.line, indent
    return first.line - 1, indent


def _cannot(path: DataPath, why: str) -> OutputError:
    return OutputError(
        f"cannot confirm {dotted(path)} in its file: {why}",
        "it is written in a form `confirm` cannot edit safely: set `status: confirmed` by hand",
    )


def _write(edits: dict[Path, list[Edit]], changes: dict[Path, dict[DataPath, str]]) -> None:
    """Every edited file, all or none, each read back first."""
    files: list[tuple[Path, bytes]] = []
    for file, file_edits in edits.items():
        try:
            before = file.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise OutputError(f"cannot read {file} again: {exc}") from exc
        after = yaml_edits.apply(before, file_edits)
        if not yaml_edits.unchanged_but(before, after, changes[file]):
            raise OutputError(
                f"{file} changed while it was being confirmed, or could not be edited "
                "line by line; nothing was written",
                "save it, then run `summarydeck confirm` again",
            )
        files.append((file, after.encode("utf-8")))
    if files:
        write_together(files)
