"""Safe YAML loading that keeps each node's file, line and column.

PyYAML's `SafeLoader` composes a node graph carrying marks; we construct plain Python data from it
ourselves so that every value gets an entry in a `SourceMap` keyed by its data path, and so that
duplicate keys (which PyYAML silently lets the last one win) become errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from summarydeck.diagnostics import Diagnostics, Location

DataPath = tuple[str | int, ...]


def display_path(path: Path) -> str:
    """The path as users should see it: relative to the working directory when possible."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of the loaded data stands in its file."""

    values: dict[DataPath, Location] = field(default_factory=dict)
    keys: dict[DataPath, Location] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Location | None:
        """The location of `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while True:
            if probe in table:
                return table[probe]
            if key and probe in self.values:
                return self.values[probe]
            if not probe:
                return None
            probe = probe[:-1]

    def merge(self, other: SourceMap) -> None:
        self.values.update(other.values)
        self.keys.update(other.keys)


@dataclass
class LoadedFile:
    path: Path
    data: Any
    source_map: SourceMap


def _location(file: str, node: yaml.Node) -> Location:
    start, end = node.start_mark, node.end_mark
    end_col = end.column + 1 if end.line == start.line else start.column + 1
    return Location(file, start.line + 1, start.column + 1, end_col)


_PLAIN_TAGS = {
    "map",
    "seq",
    "str",
    "int",
    "float",
    "bool",
    "null",
    "timestamp",
    "merge",
    "binary",
    "omap",
    "pairs",
    "set",
    "value",
}


class _Builder:
    def __init__(self, file: str, loader: yaml.SafeLoader, diags: Diagnostics) -> None:
        self.file = file
        self.loader = loader
        self.diags = diags
        self.source_map = SourceMap()

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.source_map.values[path] = _location(self.file, node)
        if node.tag.startswith("!") or (
            node.tag.startswith("tag:yaml.org,2002:")
            and node.tag.rsplit(":", 1)[1] not in _PLAIN_TAGS
        ):
            # only plain data: an application tag (!!python/..., !custom) is never honoured
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {node.tag} is not allowed in content", node.start_mark
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self.loader.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolve `<<` merge keys the way PyYAML does
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_loc = _location(self.file, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.diags.error(
                    "E102", "a mapping key must be a plain word, not a list or mapping", key_loc
                )
                continue
            key = self.loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = self.source_map.keys.get((*path, key))
                where = f" (first defined on line {first.line})" if first else ""
                self.diags.error(
                    "E103",
                    f"duplicate key `{key}`{where}",
                    key_loc,
                    "remove one of them; YAML would silently keep only the last",
                )
                continue
            self.source_map.keys[(*path, key)] = key_loc
            result[key] = self.build(value_node, (*path, key))
        return result


def load_yaml(path: Path, diags: Diagnostics, data_prefix: DataPath = ()) -> LoadedFile | None:
    """Load one YAML file. Problems go to `diags`; returns None when the file cannot be read."""
    file = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        diags.error("E100", "file not found", Location(file))
        return None
    except UnicodeDecodeError as exc:
        diags.error(
            "E101",
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            Location(file),
            "save the file as UTF-8",
        )
        return None
    except OSError as exc:
        diags.error("E100", f"cannot read the file: {exc.strerror}", Location(file))
        return None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        builder = _Builder(file, loader, diags)
        data = builder.build(node, data_prefix) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        problem = exc.problem or exc.context or "invalid YAML"
        diags.error("E101", f"YAML syntax error: {problem}", loc, _syntax_hint(problem))
        return None
    except yaml.YAMLError as exc:
        diags.error("E101", f"YAML syntax error: {exc}", Location(file))
        return None
    finally:
        loader.dispose()
    return LoadedFile(path, data, builder.source_map)


def _syntax_hint(problem: str) -> str | None:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return 'a value containing `: ` must be quoted, e.g. title: "Why: the case"'
    if "could not find expected ':'" in problem:
        return "each entry needs `key: value`; check the indentation of this and the previous line"
    if "found character" in problem and "`" in problem:
        return "a value starting with ` or @ must be quoted"
    return None
