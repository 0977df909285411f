"""Exit statuses, and the one place that maps the library's errors to them."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum

import click

from summarydeck import api
from summarydeck.cli.printing import counted, print_diagnostics, summary_line
from summarydeck.diagnostics import ContentError, OutputError, SelectionError


class ExitStatus(IntEnum):
    """Exit codes of the `summarydeck` command (documented in the README)."""

    OK = 0
    CONTENT_ERROR = 1  # the content has errors; nothing was written
    USAGE_ERROR = 2  # bad command-line options (click's own code)
    OUTPUT_ERROR = 3  # the deck could not be written, exported or read
    INTERNAL_ERROR = 4  # a bug in summarydeck


EXIT_CODES_HELP = """Exit status: 0 success; 1 content errors (nothing written); 2 bad command-line
usage; 3 a deck could not be written, exported or read; 4 an internal error (a bug: please
report it)."""


@contextmanager
def exit_status(writes: bool = True) -> Iterator[None]:
    """Map the library's errors to exit statuses: the one place that decides how we exit.
    `writes`: the command writes a deck (build), so say that nothing was written."""
    try:
        yield
    except ContentError as exc:
        print_diagnostics(exc.diagnostics)
        errors = [d for d in exc.diagnostics if d.is_error]
        if errors and all(d.code == api.FINAL_CODE for d in errors):
            what = f"{counted(len(errors), 'item')} still to be confirmed"
            if writes:
                click.echo(f"Final build refused: {what}; nothing was written.", err=True)
            else:
                click.echo(f"Not ready for a final build: {what}.", err=True)
        elif writes:
            click.echo(
                f"Build failed: {summary_line(exc.diagnostics)}; nothing was written.", err=True
            )
        else:
            click.echo(f"The content has errors: {summary_line(exc.diagnostics)}.", err=True)
        sys.exit(ExitStatus.CONTENT_ERROR)
    except SelectionError as exc:
        click.echo(f"error: {exc}", err=True)
        if exc.hint:
            click.echo(f"  hint: {exc.hint}", err=True)
        sys.exit(ExitStatus.USAGE_ERROR)
    except OutputError as exc:
        # a build writes all or none: a refusal, a full disk or a locked file leaves no deck
        click.echo(f"error: {exc}" + ("; nothing was written" if writes else ""), err=True)
        if exc.hint:
            click.echo(f"  hint: {exc.hint}", err=True)
        sys.exit(ExitStatus.OUTPUT_ERROR)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for those who ask
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        if os.environ.get("SUMMARYDECK_DEBUG") == "1":
            traceback.print_exc()
        else:
            click.echo(
                "set SUMMARYDECK_DEBUG=1 to see the traceback, and please report it", err=True
            )
        sys.exit(ExitStatus.INTERNAL_ERROR)
