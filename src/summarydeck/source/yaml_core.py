"""YAML 1.2's core schema for plain values, on PyYAML's loaders.

PyYAML resolves plain (unquoted) values by YAML 1.1: `yes`, `no`, `on` and `off` are booleans,
`1_000` is 1000, `10:00` is 600 (base 60) and `017` is 15 (octal). Editors read content by YAML
1.2 (the YAML language server, with the content's JSON Schema), where all of those but `017`
(17) are text. So the tool, the schema and the editor agree, content is read by the 1.2 core
schema:

- booleans: `true`, `True`, `TRUE`, `false`, `False`, `FALSE` only;
- null: `~`, `null`, `Null`, `NULL` and nothing at all;
- whole numbers: decimal digits with an optional sign (`017` is 17), `0o17` (octal, 15) and
  `0x1F` (hexadecimal, 31); no `_` between digits, no `0b`, no base 60;
- numbers: `1.5`, `.5`, `1.`, `1e3`, `-2.5E-3`, `.inf`, `-.inf`, `.nan`;
- anything else is text (`yes`, `1_000`, `10:00`, `=`), dates too: `2024-02-01` is the text an
  editor sees (YAML 1.1 made it a date), which `deck.date` reads as a date, as the schema
  checks it, and a text field (`published:`) takes as it is written.

One thing is kept from YAML 1.1, as the YAML language server reads it too: merge keys
(`<<: *base`).

The same resolver and constructors are set on the pure-Python loader and on libyaml's (whose
parser asks the Python resolver for each plain value's type), so both read a value alike. A
value given an explicit tag that does not fit it (`!!int 1_000`, `!!bool maybe`) is kept as
text, for the model to report.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

_TAG = "tag:yaml.org,2002:"
BOOL, INT, FLOAT, NULL = _TAG + "bool", _TAG + "int", _TAG + "float", _TAG + "null"
TIMESTAMP, MERGE = _TAG + "timestamp", _TAG + "merge"

_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT = re.compile(
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
# YAML 1.1's timestamp, PyYAML's own pattern: a value tagged `!!timestamp` is made a date or
# time only when it is one (never by its look alone)
_TIMESTAMP = next(
    pattern
    for tag, pattern in yaml.resolver.Resolver.yaml_implicit_resolvers["2"]
    if tag == TIMESTAMP
)
_MERGE = re.compile(r"<<\Z")

# (tag, pattern, the characters a value of it can start with; "" for the empty value), in the
# order they are tried: `1` is a whole number before it is a number
_RESOLVERS: tuple[tuple[str, re.Pattern[str], str | list[str]], ...] = (
    (BOOL, _BOOL, "tTfF"),
    (NULL, _NULL, ["~", "n", "N", ""]),
    (INT, _INT, "-+0123456789"),
    (FLOAT, _FLOAT, "-+.0123456789"),
    (MERGE, _MERGE, "<"),
)


def _scalar(constructor: yaml.constructor.SafeConstructor, node: yaml.Node) -> str:
    value = constructor.construct_scalar(node)  # type: ignore[arg-type]
    assert isinstance(value, str)
    return value


def _construct_bool(constructor: yaml.constructor.SafeConstructor, node: yaml.Node) -> bool:
    value = _scalar(constructor, node)
    if not _BOOL.match(value):
        raise ValueError(f"not a YAML 1.2 boolean: {value!r}")
    return value.lower() == "true"


class _Written:
    """A number written otherwise than Python writes it (`0800`, `+5`, `0x1F`, `1e6`, `1.50`,
    `.inf`): a number to a number field, and the text as written to a text field (`str()`
    gives it, which is what the model's numbers-as-text coercion calls), so a headline `0800`
    stays `0800`. Mixed into `int` and `float` below."""

    written: str

    def __new__(cls, number: float, written: str) -> Any:
        made = super().__new__(cls, number)  # type: ignore[call-arg]  # int's or float's
        made.written = written
        return made

    def __str__(self) -> str:
        return self.written

    def __reduce__(self) -> tuple[type, tuple[Any, str]]:  # copy, deepcopy, pickle
        number = type(self).__bases__[1]  # int or float
        return (type(self), (number(self), self.written))


class WrittenInt(_Written, int):
    """A whole number kept with its spelling (`0800`)."""


class WrittenFloat(_Written, float):
    """A number kept with its spelling (`1.50`)."""


def _construct_int(constructor: yaml.constructor.SafeConstructor, node: yaml.Node) -> int:
    value = _scalar(constructor, node)
    if not _INT.match(value):
        raise ValueError(f"not a YAML 1.2 whole number: {value!r}")
    if value.startswith("0o"):
        number = int(value[2:], 8)
    elif value.startswith("0x"):
        number = int(value[2:], 16)
    else:
        number = int(value)  # may raise ValueError past Python's digits limit: kept as text
    return number if str(number) == value else WrittenInt(number, value)


def _construct_float(constructor: yaml.constructor.SafeConstructor, node: yaml.Node) -> float:
    value = _scalar(constructor, node)
    if not _FLOAT.match(value):
        raise ValueError(f"not a YAML 1.2 number: {value!r}")
    lowered = value.lower()
    if lowered.endswith(".inf"):
        number = -math.inf if lowered.startswith("-") else math.inf
    elif lowered == ".nan":
        number = math.nan
    else:
        number = float(value)
    return number if str(number) == value else WrittenFloat(number, value)


def _construct_timestamp(constructor: yaml.constructor.SafeConstructor, node: yaml.Node) -> Any:
    # PyYAML's own, which fails with an AttributeError on text that is no timestamp at all
    # (`!!timestamp soon`)
    if not _TIMESTAMP.match(_scalar(constructor, node)):
        raise ValueError("not a date")
    return constructor.construct_yaml_timestamp(node)  # type: ignore[arg-type]


def use_core_schema(loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]) -> None:
    """Make `loader` (a subclass of one of PyYAML's safe loaders) read plain values by the
    YAML 1.2 core schema, merge keys kept."""
    target: Any = loader  # the stubs type each constructor by one loader class
    target.yaml_implicit_resolvers = {}  # its own table, none of YAML 1.1's patterns
    for tag, pattern, first in _RESOLVERS:
        target.add_implicit_resolver(tag, pattern, list(first))
    target.add_constructor(BOOL, _construct_bool)
    target.add_constructor(INT, _construct_int)
    target.add_constructor(FLOAT, _construct_float)
    target.add_constructor(TIMESTAMP, _construct_timestamp)


class CoreSafeLoader(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, reading plain values by YAML 1.2's core schema."""


use_core_schema(CoreSafeLoader)


def core_c_loader() -> type[yaml.CSafeLoader] | None:
    """libyaml's safe loader reading by YAML 1.2's core schema, when PyYAML has libyaml."""
    return _CORE_C


def _make_core_c_loader() -> type[yaml.CSafeLoader] | None:
    base = getattr(yaml, "CSafeLoader", None)  # PyYAML built without libyaml has none
    if base is None:
        return None

    class CoreCSafeLoader(base):  # type: ignore[valid-type, misc]
        """libyaml's safe loader, reading plain values by YAML 1.2's core schema."""

    use_core_schema(CoreCSafeLoader)
    loader: type[yaml.CSafeLoader] = CoreCSafeLoader
    return loader


_CORE_C = _make_core_c_loader()


def load_plain(text: str) -> Any:
    """`text` as plain data (no source map, no limits), read as the content loader reads it:
    for comparing two versions of a file the tool wrote."""
    return yaml.load(text, Loader=CoreSafeLoader)  # a safe loader
