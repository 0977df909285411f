"""`schema`: the JSON Schema of the content files, for editors, written as files.

The repository keeps them in `schema/` (a test holds them to what this writes now), and
`summarydeck new` puts a copy beside a new content folder's files, so the modeline at the top
of each file (`# yaml-language-server: $schema=...`) finds it wherever the folder goes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError

DEFAULT_SCHEMA_DIR = Path("schema")
CONTENT_SCHEMA = "content.schema.json"  # one schema: any content file may hold any section


@dataclass(frozen=True)
class SchemaFile:
    path: Path
    changed: bool  # False: the file already said this


def schema_files() -> dict[str, bytes]:
    """Each schema file's name and bytes: keys sorted, two-space indent, a newline at the end,
    so the same model always gives the same bytes."""
    from summarydeck.layouts.registry import kinds
    from summarydeck.model.content_schema import content_schema

    schema = content_schema({name: (k.spec, k.summary) for name, k in kinds().items()})
    text = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return {CONTENT_SCHEMA: text.encode("utf-8")}


def write_schema(out_dir: Path = DEFAULT_SCHEMA_DIR) -> list[SchemaFile]:
    """Write every schema file into `out_dir` (created if needed), all or none, each atomically
    (a temporary file renamed over it); OutputError says why nothing was written."""
    from summarydeck.output.files import write_together

    files = schema_files()
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} is a file, not a folder", hint="name a folder with --out")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {out_dir}: {exc.strerror}") from exc
    found = [(out_dir / name, data) for name, data in files.items()]
    changed = [_differs(path, data) for path, data in found]
    write_together(found)
    return [SchemaFile(path, was) for (path, _), was in zip(found, changed, strict=True)]


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except OSError:  # absent, or not a file (write_together refuses what is not)
        return True
