"""`new`: a starter content folder for a new topic, so nobody starts from a copy of another
deck's content. The starter's files ship inside the package (`summarydeck/starter/`).

Each starter file's first line tells editors where the content's JSON Schema is
(`# yaml-language-server: $schema=...`). In the package it names the repository's `schema/`
folder; a new folder gets its own copy of the schema, made from this version's model, in
`.schema/` (a hidden folder: the loader reads only `*.yaml` beside it, and `watch` only content
files), and its files name that copy, so the line holds wherever the folder is moved."""

from __future__ import annotations

import shlex
from importlib import resources
from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, exit_status
from summarydeck.cli.printing import counted
from summarydeck.diagnostics import OutputError

SCHEMA_FOLDER = ".schema"
_MODELINE = b"# yaml-language-server: $schema="


def starter_files() -> dict[str, bytes]:
    """The starter's files by name, read from the installed package (a wheel, a zip or a
    source tree alike), in name order."""
    folder = resources.files("summarydeck").joinpath("starter")
    entries = folder.iterdir() if folder.is_dir() else iter(())
    found = {e.name: _own_schema(e.read_bytes()) for e in entries if e.name.endswith(".yaml")}
    if "deck.yaml" not in found:  # a broken install: say so rather than write half a deck
        raise OutputError(
            "the starter files are missing from this installation of summarydeck",
            hint="reinstall summarydeck (`make deck` does it in a checkout)",
        )
    return dict(sorted(found.items()))


def _own_schema(data: bytes) -> bytes:
    """A starter file whose first line names the schema in the repository, naming instead the
    copy a new folder gets in `.schema/`."""
    first, newline, rest = data.partition(b"\n")
    if not first.startswith(_MODELINE):
        return data
    name = first[len(_MODELINE) :].rsplit(b"/", 1)[-1].strip()
    return _MODELINE + SCHEMA_FOLDER.encode() + b"/" + name + newline + rest


def new_folder_files() -> dict[str, bytes]:
    """What `new` writes, by path within the folder: the starter, and the schema its files
    name."""
    schema = {f"{SCHEMA_FOLDER}/{name}": data for name, data in api.schema_files().items()}
    return {**starter_files(), **schema}


def write_starter(folder: Path, *, force: bool) -> list[Path]:
    """Write the starter into `folder`, creating it if needed. All or none, and never over an
    existing file: an OutputError says why nothing was written."""
    files = new_folder_files()
    if folder.is_symlink():  # nothing is written through a link (SECURITY.md)
        raise OutputError(f"{folder} is a symbolic link", hint="name a folder, not a link")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file, not a folder", hint="name a new folder")
    if folder.is_dir():
        present = sorted(p.name for p in folder.iterdir())
        # a file there already, or a link on the way to one (never written through)
        clashes = [name for name in files if _taken(folder, name)]
        if clashes:
            raise OutputError(
                f"{folder} already holds {_names(clashes)}: the starter never replaces a file",
                hint="name a new folder, or move those files out of this one first",
            )
        if present and not force:
            raise OutputError(
                f"{folder} is not empty (it holds {_names(present)})",
                hint="name a new folder, or give --force to add the starter's files beside "
                "these (every *.yaml file in a content folder is read)",
            )
    made: list[Path] = []  # folders created, to take back after a failure
    written: list[Path] = []
    try:
        for path in (folder, *{(folder / name).parent for name in files}):
            if not path.exists():
                path.mkdir(parents=True)
                made.append(path)
        for name, data in files.items():
            path = folder / name
            with path.open("xb") as out:  # "x": fails rather than replace what appeared since
                written.append(path)
                out.write(data)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        for path in reversed(made):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        raise OutputError(f"could not write the starter into {folder}: {_reason(exc)}") from exc
    return written


def _taken(folder: Path, name: str) -> bool:
    """Whether something is at `name` in `folder` already, or a link stands on its way."""
    path = folder
    for part in Path(name).parts:
        path = path / part
        if path.is_symlink():
            return True
    return path.exists()


def _names(names: list[str], shown: int = 5) -> str:
    listed = ", ".join(names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileExistsError):
        return f"{Path(exc.filename or '').name} appeared there meanwhile"
    return exc.strerror or type(exc).__name__


@click.command("new", epilog=EXIT_CODES_HELP)
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="Write into a folder that already holds other files. A file of the same name as "
    "one of the starter's is never replaced, even so.",
)
def new(folder: Path, force: bool) -> None:
    """Write a starter content folder for a new topic into DIR (created if needed): a small
    deck of every common slide kind, each file commented, ready to build and then to edit.
    DIR must be empty, unless --force."""
    with exit_status():
        written = write_starter(folder, force=force)
    click.echo(f"Wrote a starter deck to {folder}: {counted(len(written), 'file')}")
    for path in written:
        name = path.relative_to(folder).as_posix()
        schema = name.startswith(f"{SCHEMA_FOLDER}/")
        click.echo(f"  {name}" + ("  (the files' schema, for your editor)" if schema else ""))
    quoted = shlex.quote(str(folder))
    click.echo(f"Next: `summarydeck build --content {quoted}`, look at the deck, then edit the")
    click.echo("files: each starts with comments that say what it holds and how to change it.")
