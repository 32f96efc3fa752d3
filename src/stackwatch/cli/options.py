"""Options shared by several commands, declared once so they mean the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

KbFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--kb", help="Extra knowledge-base YAML file (repeatable); entries add to or replace shipped ones."
    ),
]
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Refuse input files larger than this.", min=1)]
Verbose = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output on stderr.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")]
Debug = Annotated[bool, typer.Option("--debug", help="Debug logging, with tracebacks of internal errors.")]
Workers = Annotated[
    int, typer.Option("--workers", help="Extract in this many processes (default 1: deterministic).", min=1)
]
