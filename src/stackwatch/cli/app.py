"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="stackwatch",
    help="Turn Korean and English AI-industry news into a structured, cited record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
