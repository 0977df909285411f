"""Safe YAML loading that keeps each node's file, line and column.

PyYAML's `SafeLoader` composes a node graph carrying marks; we construct plain Python data from it
ourselves so that every value gets an entry in a `SourceMap` keyed by its data path, and so that
duplicate keys (which PyYAML silently lets the last one win) become errors. Plain values are
read by YAML 1.2's core schema, as editors read them (`yaml_core.py`): `yes` and `10:00` are
text, not a boolean and the number 600.

libyaml's parser (`yaml.CSafeLoader`, when PyYAML was built with it) composes the same nodes with
the same marks about ten times faster, so it reads a file first; on anything it or our builder
objects to, the pure-Python loader reads the file again, so every message and location comes
from the one path that has always made them. Text libyaml reads differently from PyYAML (a tab,
a byte-order mark, a character YAML forbids) goes to the pure loader straight away. A file read
once is not parsed again while its bytes stay the same (`_ParseCache`).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml

from summarydeck.diagnostics import Diagnostic, Diagnostics, Location, split_lines
from summarydeck.source import limits
from summarydeck.source.memo import BoundedCache
from summarydeck.source.yaml_core import CoreSafeLoader, core_c_loader

DataPath = tuple[str | int, ...]


def dotted(path: Iterable[str | int]) -> str:
    """A data path as an editor reads it: `statistics.one-in-four.chart.series[0]`; a
    storyboard entry is named as people count slides, from 1: `slide 3, points[0]`."""
    parts = list(path)
    out = ""
    if len(parts) >= 2 and parts[0] == "slides" and isinstance(parts[1], int):
        out, parts = slide_name(parts[1]), parts[2:]
        if parts:
            out += ", " + dotted(parts)
        return out
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def slide_name(index: int) -> str:
    """A storyboard entry by its position (0-based in the data), as messages name it."""
    return f"slide {index + 1}"


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
    # lists written on one line in `[a, b]` style, where a comma inside an item splits it
    flow_lists: set[DataPath] = field(default_factory=set)
    # values YAML read as an empty block of text because they start with `>` or `|` (`- >5`),
    # with what the line says there: the value that was meant, to quote
    empty_blocks: dict[DataPath, str] = field(default_factory=dict)

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

    def section(self, key: str) -> SourceMap:
        """The entries for one top-level key and everything under it."""
        return SourceMap(
            {p: loc for p, loc in self.values.items() if p[:1] == (key,)},
            {p: loc for p, loc in self.keys.items() if p[:1] == (key,)},
            {p for p in self.flow_lists if p[:1] == (key,)},
            {p: text for p, text in self.empty_blocks.items() if p[:1] == (key,)},
        )

    def copy(self) -> SourceMap:
        """A map of its own: entries (locations, paths) are immutable, the tables are not."""
        return SourceMap(
            dict(self.values), dict(self.keys), set(self.flow_lists), dict(self.empty_blocks)
        )

    def merge(self, other: SourceMap) -> None:
        self.values.update(other.values)
        self.keys.update(other.keys)
        self.flow_lists |= other.flow_lists
        self.empty_blocks.update(other.empty_blocks)


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


_STR_TAG = "tag:yaml.org,2002:str"


class _LimitError(yaml.constructor.ConstructorError):
    """A file goes past one of `limits` (E105, not a syntax error)."""


if TYPE_CHECKING:  # without libyaml, PyYAML has no CSafeLoader
    _Loader: TypeAlias = yaml.SafeLoader | yaml.CSafeLoader


class _Builder:
    def __init__(self, file: str, text: str, loader: _Loader, diags: Diagnostics) -> None:
        self.file = file
        self.text = text
        self.loader = loader
        self.diags = diags
        self.source_map = SourceMap()
        self._open: set[int] = set()  # nodes being built: an alias back to one is a cycle
        self._count = 0
        self._characters = 0  # of text built, aliases counted each time they repeat
        self._most_characters = len(text) + limits.ALIAS_ALLOWANCE
        self._cut_keys: set[int] = set()  # key nodes already reported as too long

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.source_map.values[path] = _location(self.file, node)
        self._count += 1
        if self._count > limits.MAX_VALUES:
            raise _LimitError(
                None,
                None,
                f"the file builds more than {limits.MAX_VALUES:,} values "
                "(are aliases repeating them?)",
                node.start_mark,
            )
        if len(path) > limits.MAX_DEPTH:
            raise _LimitError(
                None,
                None,
                f"lists and mappings are nested more than {limits.MAX_DEPTH} levels deep here",
                node.start_mark,
            )
        if node.tag.startswith("!") or (
            node.tag.startswith("tag:yaml.org,2002:")
            and node.tag.rsplit(":", 1)[1] not in _PLAIN_TAGS
        ):
            # only plain data: an application tag (!!python/..., !custom) is never honoured
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {node.tag} is not allowed in content", node.start_mark
            )
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node)
            if node.style in (">", "|") and isinstance(value, str) and not value.strip():
                self._empty_block(node, path)
            return self._text(value, node, path) if isinstance(value, str) else value
        if id(node) in self._open:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias (`*name`) refers to a value that contains it", node.start_mark
            )
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if isinstance(node, yaml.SequenceNode) and node.flow_style:
                self.source_map.flow_lists.add(path)
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        finally:
            self._open.discard(id(node))

    def _empty_block(self, node: yaml.ScalarNode, path: DataPath) -> None:
        """Note a value YAML read as an empty block of text: `- >5` is not the text ">5" but a
        folded block (`>`, with `5` as its indentation) with nothing in it."""
        # the mark's index counts characters of the text (libyaml's marks have no buffer)
        start = node.start_mark.index
        end = self.text.find("\n", start)
        header = self.text[start : end if end >= 0 else None]
        header = header.split(" #", 1)[0].strip()
        if len(header) > 1:  # more than the sign alone: a value was meant
            self.source_map.empty_blocks[path] = header

    def _text(self, value: str, node: yaml.ScalarNode, path: DataPath) -> str:
        """A text value once it is within the limits and holds only characters a deck can;
        past a limit it is reported and cut, so nothing later spends time on it."""
        self._spend(len(value), node, "text")
        most = limits.text_limit(path[-1] if path else None)
        if len(value) > most:
            self.diags.error(
                "E105",
                f"{dotted(path)}: the text is {len(value):,} characters long; "
                f"a text value holds at most {most:,}",
                _location(self.file, node),
                "a slide shows a few hundred characters: shorten it, or split it over "
                "several fields or slides",
            )
            value = value[:most]
        found = limits.forbidden_character(value)
        if found is not None:
            index, what = found
            before = value[max(0, index - 20) : index].strip()
            after = f" after `{before}`" if before else " at its start"
            self.diags.error(
                "E106",
                f"{dotted(path)}: the text holds {what}{after}, which a deck cannot show",
                _location(self.file, node),
                "delete the invisible character (often pasted from another program, or "
                "written as an escape such as `\\uFFFE` in double quotes)",
            )
            value = limits.without_forbidden(value)
        return value

    def _spend(self, characters: int, node: yaml.ScalarNode, what: str) -> None:
        """Count text built from the file, each alias every time it repeats: past the file's
        own size and the allowance, aliases are amplifying it."""
        self._characters += characters
        if self._characters > self._most_characters:
            raise _LimitError(
                None,
                None,
                f"aliases (`*name`) repeat the {what} written here until the file is more "
                f"than {limits.size_in_words(limits.ALIAS_ALLOWANCE)} characters longer than "
                "it is written",
                node.start_mark,
            )

    def _key(self, key: str, node: yaml.ScalarNode) -> str:
        """A mapping key within the limits: keys are short words, and every message that
        names one (an unknown key, a duplicate) quotes it whole."""
        self._spend(len(key), node, "key")
        if len(key) > limits.MAX_KEY:
            if id(node) in self._cut_keys:  # the same key again, through an alias
                return key[: limits.MAX_KEY] + "…"
            self._cut_keys.add(id(node))
            self.diags.error(
                "E105",
                f"a key of {len(key):,} characters; keys are words of at most {limits.MAX_KEY}",
                _location(self.file, node),
                "is a `:` missing after a long text, or a text written where a key belongs?",
            )
            return key[: limits.MAX_KEY] + "…"
        found = limits.forbidden_character(key)
        if found is not None:
            self.diags.error(
                "E106",
                f"a key holds {found[1]}, which a deck cannot show",
                _location(self.file, node),
                "delete the invisible character",
            )
            return limits.without_forbidden(key)
        return key

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR_TAG:  # what PyYAML's constructor makes of text, without its detour
            return node.value
        try:
            return self.loader.construct_object(node)
        except (ValueError, TypeError, OverflowError):
            self.loader.recursive_objects.pop(node, None)
            # e.g. `!!int 1_000` or `!!timestamp 2024-02-30` is tagged as what it is not: keep
            # the text and let the model say what it expected, at this value's location
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[Any, Any]:
        written = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
        self.loader.flatten_mapping(node)  # resolve `<<` merge keys the way PyYAML does
        result: dict[Any, Any] = {}
        merged: set[str] = set()  # keys that came in through `<<`: a written key overrides them
        for key_node, value_node in node.value:
            key_loc = _location(self.file, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.diags.error(
                    "E102", "a mapping key must be a plain word, not a list or mapping", key_loc
                )
                continue
            key = self._scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            key = self._key(key, key_node)
            if id(key_node) not in written:
                merged.add(key)
            elif key in merged:
                merged.discard(key)
                del result[key]
            if key in result and key not in merged:
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


def load_yaml(path: Path, diags: Diagnostics) -> LoadedFile | None:
    """Load one YAML file. Problems go to `diags`; returns None when the file cannot be read."""
    file = display_path(path)
    raw = _read_bounded(path, file, diags)
    if raw is None:
        return None
    key = _cache_key(path, file, raw)
    parsed = _CACHE.get(key)
    if parsed is None:
        parsed = _parse(raw, file)
        _CACHE.put(key, parsed, len(raw))
    diags.extend(parsed.diagnostics)
    if parsed.source_map is None:
        return None
    # the cached data stays the cache's: each caller gets lists, mappings and tables of its own
    return LoadedFile(path, _copied(parsed.data), parsed.source_map.copy())


@dataclass(frozen=True)
class _Parsed:
    """What reading a file's bytes gives: its data and source map (None when it could not be
    read), and the problems found, in the order they were found."""

    data: Any
    source_map: SourceMap | None
    diagnostics: tuple[Diagnostic, ...]


def _parse(raw: bytes, file: str) -> _Parsed:
    """Read a file's bytes: libyaml when it reads the text as PyYAML does, else (and on any
    problem) the pure-Python loader, whose messages are the ones users see."""
    diags = Diagnostics()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        diags.error(
            "E101",
            f"not UTF-8 text: byte 0x{raw[exc.start]:02X} cannot be read",
            Location(file, line, column, column + 1),
            "save the file with UTF-8 encoding (in most editors: Save As, Encoding: UTF-8)",
        )
        return _Parsed(None, None, tuple(diags.items))
    fast = _fast_loader()
    if fast is not None and _fast_reads_alike(text):
        try:
            data, source_map = _build(fast, text, file, diags)
        except Exception:  # any problem at all: the pure loader reads it again and tells it
            diags = Diagnostics()
        else:
            return _Parsed(data, source_map, tuple(diags.items))
    return _parse_pure(text, file, diags)


class _ReadDifferently(Exception):
    """libyaml read the text where PyYAML would not have: the pure loader reads it."""


def _build(
    loader_class: type[_Loader], text: str, file: str, diags: Diagnostics
) -> tuple[Any, SourceMap]:
    loader = loader_class(text)  # the pure loader's reader already rejects control characters
    try:
        node = loader.get_single_node()
        if loader_class is not CoreSafeLoader and _read_differently(text, node):
            raise _ReadDifferently
        builder = _Builder(file, text, loader, diags)
        data = builder.build(node, ()) if node is not None else None
    finally:
        loader.dispose()
    return data, builder.source_map


def _parse_pure(text: str, file: str, diags: Diagnostics) -> _Parsed:
    try:
        data, source_map = _build(CoreSafeLoader, text, file, diags)
    except _LimitError as exc:
        mark = exc.problem_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        diags.error("E105", exc.problem or "the file is too large", where, _limit_hint(exc))
    except RecursionError:  # PyYAML composes nested values recursively, before we see them
        diags.error(
            "E105",
            f"lists and mappings are nested more than {limits.MAX_DEPTH} levels deep here",
            _too_deep(file, text),
            "the content format nests a few levels; look for a run of `[` or `{` left open",
        )
    except yaml.MarkedYAMLError as exc:
        _report_marked(exc, file, text, diags)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        diags.error(
            "E101",
            f"the file contains the control character #x{exc.character:04X}, which YAML forbids",
            Location(file, line, column, column + 1),
            "delete the invisible character (often pasted from another program)",
        )
    except yaml.YAMLError as exc:
        diags.error("E101", f"YAML syntax error: {exc}", Location(file))
    else:
        return _Parsed(data, source_map, tuple(diags.items))
    return _Parsed(None, None, tuple(diags.items))


# libyaml from 0.2.5 refuses nesting past 1,000 levels; an older one would compose any depth
# recursively in C, past what the stack holds
_LIBYAML_NEST_LIMIT = (0, 2, 5)


def _fast_loader() -> type[yaml.CSafeLoader] | None:
    """libyaml's safe loader (reading by YAML 1.2's core schema, as the pure loader does), when
    PyYAML was built with a libyaml that limits nesting."""
    if not yaml.__with_libyaml__:
        return None
    try:
        from yaml import _yaml
    except ImportError:  # pragma: no cover - __with_libyaml__ says it imports
        return None
    if tuple(_yaml.get_version()) < _LIBYAML_NEST_LIMIT:
        return None
    return core_c_loader()


def _fast_reads_alike(text: str) -> bool:
    """Whether libyaml reads `text` as PyYAML does, as far as a cheap look can tell. It ends a
    file without a final line break with one of its own (so a mapping at the end ends a line
    later), skips a tab in places PyYAML refuses one and counts a byte-order mark (U+FEFF) as no
    column; a character PyYAML's reader refuses is for PyYAML to report."""
    return (
        text.endswith("\n")
        and "\t" not in text
        and "\ufeff" not in text
        and yaml.reader.Reader.NON_PRINTABLE.search(text) is None
    )


# a block scalar's header with a comment straight after it (`|#`): libyaml takes the comment,
# PyYAML asks for a space before it
_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")


def _read_differently(text: str, root: yaml.Node | None) -> bool:
    """Whether libyaml read what PyYAML reads differently: inside `[...]` or `{...}`, PyYAML ends
    a plain value at `?` (so `[why?]` is an error), libyaml 0.2.5 and later do not."""
    if _HEADER_COMMENT.search(text):
        return True
    if root is None or "?" not in text or ("[" not in text and "{" not in text):
        return False
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, in_flow = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if in_flow and not node.style and "?" in node.value:
                return True
            continue
        if id(node) in seen or not isinstance(node, yaml.nodes.CollectionNode):
            continue
        seen.add(id(node))
        in_flow = in_flow or bool(node.flow_style)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [(key, in_flow), (value, in_flow)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(child, in_flow) for child in node.value]
    return False


def _copied(value: Any) -> Any:
    """`value` with every list and mapping in it new (the rest is immutable: text, numbers,
    dates, bytes)."""
    if type(value) is dict:
        return {key: _copied(item) for key, item in value.items()}
    if type(value) is list:
        return [_copied(item) for item in value]
    return value


_CacheKey = tuple[str, str, bytes, tuple[object, ...]]


def _cache_key(path: Path, file: str, raw: bytes) -> _CacheKey:
    """The file (as resolved, and as messages name it), its bytes (by digest, never by time:
    an edit that keeps the size and the time stamp is still an edit) and the limits the
    read applies."""
    try:
        where = str(path.resolve())
    except (OSError, RuntimeError):  # a loop of links: the path as given
        where = str(path.absolute())
    limits_in_force = (
        limits.MAX_DEPTH,
        limits.MAX_VALUES,
        limits.ALIAS_ALLOWANCE,
        limits.MAX_TEXT,
        limits.MAX_KEY,
        limits.MAX_NOTES_TEXT,
        limits.NOTES_KEYS,
    )
    return where, file, hashlib.sha256(raw).digest(), limits_in_force


# files read in this process, by `_cache_key`; weighed by their size in bytes (their data and
# source maps take a few times that): a few hundred files, 8 MB of YAML at most
_CACHE: BoundedCache[_CacheKey, _Parsed] = BoundedCache(most_entries=256, most_weight=8_000_000)


def _read_bounded(path: Path, file: str, diags: Diagnostics) -> bytes | None:
    """The file's bytes, or None (reported) when it is missing, not a plain file (a FIFO would
    block for ever), or larger than a content file may be."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            diags.error("E100", "not a regular file, so it is not read", Location(file))
            return None
        # O_NONBLOCK: should a FIFO take the file's place after the check, opening it does not
        # wait for a writer
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            raw = handle.read(limits.MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        diags.error("E100", "file not found", Location(file))
        return None
    except OSError as exc:
        diags.error("E100", f"cannot read the file: {exc.strerror}", Location(file))
        return None
    if len(raw) > limits.MAX_FILE_BYTES:
        diags.error(
            "E105",
            f"the file is larger than {limits.size_in_words(limits.MAX_FILE_BYTES)}, "
            "the most a content file may be",
            Location(file),
            "split it into several .yaml files (each holds whole sections), or check that "
            "it is the file you meant",
        )
        return None
    return raw


def _limit_hint(exc: yaml.constructor.ConstructorError) -> str:
    if "alias" in (exc.problem or ""):
        return "write the value out instead of repeating it with `&anchor` and `*alias`"
    if "nested" in (exc.problem or ""):
        return "the content format nests a few levels; look for a run of `[` or `-` items"
    return "split the content over several files"


_OPENING = (
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
)
_CLOSING = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def _too_deep(file: str, text: str) -> Location:
    """Where nesting first goes past the limit, found with YAML's scanner (which, unlike its
    composer, does not recurse)."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, _OPENING):
                depth += 1
                if depth > limits.MAX_DEPTH + 1:  # the file's own mapping is depth 1
                    mark = token.start_mark
                    return Location(file, mark.line + 1, mark.column + 1)
            elif isinstance(token, _CLOSING):
                depth -= 1
    except yaml.YAMLError:
        pass
    return Location(file)


def _report_marked(exc: yaml.MarkedYAMLError, file: str, text: str, diags: Diagnostics) -> None:
    if isinstance(exc, yaml.constructor.ConstructorError) and exc.problem_mark:
        mark = exc.problem_mark
        problem = (exc.problem or "").replace("tag:yaml.org,2002:", "!!")
        hint = "content is plain text, numbers, lists and mappings; remove the tag"
        if "alias" in problem:
            hint = "write the value out instead of using `&anchor` and `*alias`"
        diags.error("E101", problem, Location(file, mark.line + 1, mark.column + 1), hint)
        return
    quote = _unclosed_quote(exc, text)
    if quote is not None:
        line, column, char = quote
        diags.error(
            "E101",
            f"YAML syntax error: the {char} opened here is not closed on this line",
            Location(file, line, column, column + 1),
            f"end the text with a matching {char} on the same line",
        )
        return
    item = _misplaced_item(exc, text)
    if item is not None:
        line, column, hint = item
        diags.error(
            "E101",
            "YAML syntax error: this list item is indented differently from the items above it",
            Location(file, line, column, column + 1),
            hint,
        )
        return
    bracket = _unclosed_bracket(exc, text)
    if bracket is not None and exc.problem_mark is not None:
        line, column, char = bracket
        closer = _CLOSERS[char]
        last = _last_item_line(text, line - 1, exc.problem_mark.line)
        diags.error(
            "E101",
            f"YAML syntax error: this `{char}` is never closed",
            Location(file, line, column, column + 1),
            f"close it with `{closer}` after its last item, on line {last}",
        )
        return
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context == "expected a single document in the stream":
        problem = "a second document starts here"
    if "'\\t'" in problem:
        problem = "a tab character here; YAML is indented with spaces only"
    where = exc.problem_mark or exc.context_mark
    if (
        exc.problem_mark
        and "mapping values are not allowed" in problem
        and _indented_more_than_previous(text, exc.problem_mark.line)
    ):
        bad_line = split_lines(text)[exc.problem_mark.line]
        column = len(bad_line) - len(bad_line.lstrip(" ")) + 1
        diags.error(
            "E101",
            "YAML syntax error: this line is indented more than the one above",
            Location(file, exc.problem_mark.line + 1, column, column + 1),
            "line up keys of one mapping; if the line continues the text above, "
            "quote that text or write it after `|`",
        )
        return
    loc = Location(file, where.line + 1, where.column + 1) if where else Location(file)
    diags.error("E101", f"YAML syntax error: {problem}", loc, _syntax_hint(problem, exc, text))


_CLOSERS = {"[": "]", "{": "}"}


def _misplaced_item(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """(line, column, hint) of a `- item` indented differently from the items above it, which
    YAML reports as "expected <block end>, but found '-'" and no more."""
    problem = exc.problem or ""
    mark = exc.problem_mark
    if (
        mark is None
        or not problem.startswith("expected <block end>, but found")
        or not ("'-'" in problem or "<block sequence start>" in problem)
    ):
        return None
    lines = split_lines(text)
    if mark.line >= len(lines) or not _is_item(lines[mark.line]):
        return None
    column = _indent(lines[mark.line]) + 1
    if exc.context == "while parsing a block collection" and exc.context_mark is not None:
        # YAML was reading this list: its first item is where the context mark is
        start, items_at = exc.context_mark.line + 1, exc.context_mark.column + 1
    else:
        found = _list_above(lines, mark.line)
        if found is None:
            return None
        start, items_at = found
    hint = (
        f"line its `-` up with the other items of the list that starts on line {start} "
        f"(their `-` is at column {items_at})"
    )
    return mark.line + 1, column, hint


def _is_item(line: str) -> bool:
    stripped = line.lstrip(" ")
    return stripped == "-" or stripped.startswith("- ")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _list_above(lines: list[str], row: int) -> tuple[int, int] | None:
    """(first line, column) of the nearest list above line index `row`: its nearest item, then
    back over that list's items (and what is indented under them) to the first one."""
    nearest = next((i for i in range(row - 1, -1, -1) if _is_item(lines[i])), None)
    if nearest is None:
        return None
    depth = _indent(lines[nearest])
    first = nearest
    for i in range(nearest - 1, -1, -1):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#") or _indent(line) > depth:
            continue
        if _indent(line) == depth and _is_item(line):
            first = i
            continue
        break
    return first + 1, depth + 1


def _unclosed_bracket(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """(line, column, bracket) of a `[` or `{` never closed. YAML notices only where the list
    should have ended: lines later, or at the end of the file."""
    problem = exc.problem or ""
    opened, mark = exc.context_mark, exc.problem_mark
    if (
        opened is None
        or mark is None
        or not problem.startswith(("expected ',' or ']'", "expected ',' or '}'"))
        or mark.line == opened.line
    ):
        return None
    char = text[opened.index : opened.index + 1]
    if char not in _CLOSERS:
        return None
    # a list that goes on over several lines and lacks a comma is closed further on
    end = text.find("\n", mark.index)
    if _closes(text[opened.index : len(text) if end < 0 else end], char):
        return None
    return opened.line + 1, opened.column + 1, char


def _last_item_line(text: str, opened: int, stopped: int) -> int:
    """The line (from 1) of an unclosed list's last item: the last line with something on it
    (not blank, not only a comment) from the line the list opens on to the line before the one
    YAML stopped at (which holds the next key, read as if it were in the list)."""
    lines = split_lines(text)
    for index in range(min(stopped, len(lines)) - 1, opened, -1):
        content = lines[index].strip()
        if content and not content.startswith("#"):
            return index + 1
    return opened + 1


def _closes(span: str, char: str) -> bool:
    """Whether the bracket `span` starts with is closed within it (quoted text and comments
    skipped)."""
    closer, depth, quote, comment = _CLOSERS[char], 0, "", False
    previous = " "
    for c in span:
        if comment:
            comment = c != "\n"
        elif quote:
            quote = "" if c == quote else quote
        elif c in "\"'" and previous in " [{,":
            quote = c
        elif c == "#" and previous in " \t\n":
            comment = True
        elif c == char:
            depth += 1
        elif c == closer:
            depth -= 1
            if depth == 0:
                return True
        previous = c
    return False


def _unclosed_quote(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """(line, column, quote) of a quote left open, which swallows text up to the next one."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        mark = exc.context_mark
        return mark.line + 1, mark.column + 1, _quote_name(text, mark.index)
    if exc.problem_mark is None:
        return None
    error_line = exc.problem_mark.line
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > error_line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.start_mark.line < token.end_mark.line == error_line
            ):
                found = token.start_mark
    except yaml.YAMLError:
        pass
    if found is None:
        return None
    return found.line + 1, found.column + 1, _quote_name(text, found.index)


def _quote_name(text: str, index: int) -> str:
    return '`"`' if text[index : index + 1] == '"' else "`'`"


def _syntax_hint(problem: str, exc: yaml.MarkedYAMLError, text: str) -> str | None:
    if problem == "a second document starts here":
        return "a content file holds one document: remove this `---` or move what follows"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return 'a value containing `: ` must be quoted, e.g. title: "Why: the case"'
    if "could not find expected ':'" in problem:
        return "each entry needs `key: value`; check the indentation of this and the previous line"
    if "that cannot start any token" in problem:  # `>`, `|`, `@`, a backtick, `%` ...
        return _quote_it(problem, exc, text)
    if "expected <block end>" in problem and "<block mapping start>" in problem:
        return "the indentation of this line does not match the lines above it"
    if "expected <block end>" in problem and "'?'" in problem:
        return "a `key:` line cannot follow `- ` list items at the same indentation"
    if problem.startswith(("expected ',' or ']'", "expected ',' or '}'")):
        closing = "]" if "]" in problem else "}"
        opened = exc.context_mark.line + 1 if exc.context_mark else None
        where = f" on line {opened}" if opened else ""
        return f"close the list or mapping opened{where} with `{closing}`"
    return None


def _quote_it(problem: str, exc: yaml.MarkedYAMLError, text: str) -> str:
    """The hint for a value that starts with a character YAML keeps for itself (in `[...]`,
    `>0.24` is not text): quote it, shown with the value as written."""
    sign = problem.split("'")[1] if problem.count("'") >= 2 else ""
    mark = exc.problem_mark
    value = ""
    if mark is not None and 0 <= mark.index < len(text):
        rest = text[mark.index : (text.find("\n", mark.index) + 1 or len(text) + 1) - 1]
        value = rest.split(" #", 1)[0]
        for stop in ",]}":
            value = value.split(stop, 1)[0]
        value = value.strip()
    quote = "'" if '"' in value else '"'
    example = f"{quote}{value}{quote}" if value else f'"{sign}..."'
    return f"put a value that starts with `{sign}` in quotes: {example}"


def _indented_more_than_previous(text: str, line_index: int) -> bool:
    """Whether the line is indented more than the nearest non-blank line above it."""
    lines = split_lines(text)
    if line_index >= len(lines):
        return False

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    for previous in reversed(lines[:line_index]):
        if previous.strip() and not previous.lstrip().startswith("#"):
            return indent(lines[line_index]) > indent(previous) and ": " in previous.strip()
    return False
