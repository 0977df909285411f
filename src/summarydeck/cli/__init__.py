"""The `summarydeck` command: a thin layer over `api`, and the only place that prints or exits.

`group` is the command group, which imports each command's module only when it is needed:
`building`, `checking`, `listing`, `exporting`, `watching`, `templates`, `confirming` (`confirm`)
and `starting` (`new`) each define commands; `options` holds the options they share, `exits` the
exit statuses, `printing` and `reports` how diagnostics, findings and differences are shown.
`summarydeck --version` imports none of them, nor the library (tests/test_startup.py).
"""

from __future__ import annotations

from summarydeck.cli.group import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="summarydeck")
