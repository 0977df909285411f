"""Read every `*.yaml` file of a content folder and merge their top-level sections."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarydeck.diagnostics import Diagnostics, Location, did_you_mean
from summarydeck.source.yaml_loader import SourceMap, display_path, load_yaml

# Top-level keys a content file may hold; editors may split them across files as they like.
SECTIONS = (
    "deck",
    "labels",
    "slides",
    "variants",
    "brand",
    "essays",
    "opportunities",
    "statistics",
    "quotes",
    "sources",
)


@dataclass
class RawContent:
    root: Path
    data: dict[str, Any] = field(default_factory=dict)
    source_map: SourceMap = field(default_factory=SourceMap)
    files: list[Path] = field(default_factory=list)
    # True when some content could not be read (a missing folder, a file with a syntax error):
    # later checks then stay quiet about sections and ids that may be in the unread part.
    incomplete: bool = False
    # sections that an unknown top-level key probably meant (`quote:` for `quotes:`)
    guessed: set[str] = field(default_factory=set)


def is_editor_file(path: Path) -> bool:
    """What editors and file browsers leave beside a file: hidden files (`.x.yaml.swp`, macOS
    `._x.yaml`), Office's and Emacs's lock and autosave files (`~$x.yaml`, `#x.yaml#`), backups
    (`~x.yaml`, `x.yaml~`). Never content, never a reason to rebuild."""
    return path.name.startswith((".", "#", "~")) or path.name.endswith(("~", "#"))


def is_content_file(path: Path) -> bool:
    """A YAML file of the folder, not an editor's copy of one."""
    return path.suffix in (".yaml", ".yml") and not is_editor_file(path)


def content_files(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if is_content_file(p) and p.is_file())


PICTURE_SUFFIXES = frozenset(
    (".png", ".jpg", ".jpeg", ".gif", ".svg", ".emf", ".wmf", ".bmp", ".tif", ".tiff")
)


def is_picture(path: Path) -> bool:
    """A picture the content may use (the brand's logo), not an editor's copy of one."""
    return path.suffix.lower() in PICTURE_SUFFIXES and not is_editor_file(path)


def picture_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if is_picture(p) and p.is_file())


def load_content_dir(root: Path, diags: Diagnostics) -> RawContent:
    raw = RawContent(root)
    if not root.is_dir():
        diags.error(
            "E100",
            "content folder not found",
            Location(display_path(root)),
            "pass --content DIR, or run from the folder that holds content/",
        )
        raw.incomplete = True
        return raw
    paths = content_files(root)
    if not paths:
        diags.error(
            "E104",
            "no .yaml files in the content folder",
            Location(display_path(root)),
            "content files end in .yaml; start with deck.yaml holding `deck:` and `slides:`",
        )
        raw.incomplete = True
    inside = root.resolve()
    for path in paths:
        if not path.resolve().is_relative_to(inside):
            diags.error(
                "E100",
                "the file is a link to a file outside the content folder, so it is not read",
                Location(display_path(path)),
                "copy the file into the content folder",
            )
            raw.incomplete = True
            continue
        loaded = load_yaml(path, diags)
        if loaded is None:
            raw.incomplete = True
            continue
        raw.files.append(path)
        file = display_path(path)
        if loaded.data is None:
            diags.warning("W101", "the file is empty", Location(file))
            continue
        if not isinstance(loaded.data, dict):
            diags.error(
                "E203",
                "a content file must be a mapping of sections, not a "
                + ("list" if isinstance(loaded.data, list) else "single value"),
                loaded.source_map.locate(()),
                "start the file with a section name such as `statistics:` on its own line",
            )
            raw.incomplete = True
            continue
        for key, value in loaded.data.items():
            key_loc = loaded.source_map.keys.get((key,))
            if key not in SECTIONS:
                diags.error(
                    "E201", f"unknown section `{key}`", key_loc, did_you_mean(key, SECTIONS)
                )
                raw.guessed.update(difflib.get_close_matches(key, SECTIONS, n=1, cutoff=0.6))
                continue
            if key in raw.data:
                first = raw.source_map.keys.get((key,))
                diags.error(
                    "E103",
                    f"section `{key}` is defined twice" + (f" (first in {first})" if first else ""),
                    key_loc,
                    "keep each section in one file",
                )
                continue
            raw.data[key] = value
            raw.source_map.merge(loaded.source_map.section(key))
    return raw
