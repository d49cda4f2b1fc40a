"""What every command shares: opening the ledger named by `--ledger` (with `--views`), reading
input files.

Imports: `ledger` — inside the functions that use it, like `cli.render` (through `render`), so
`claims --help` starts without importing the ledger, pydantic, SQLite helpers or rich.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from ledger import Ledger

MAX_INPUT_BYTES = 64_000_000

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
"""`--json`, the same option on every command that has it: one JSON document, or JSON Lines
where the command streams (`log`, `ingest`), with sorted keys and controls escaped."""

ReviewedFlag = Annotated[
    bool,
    typer.Option(
        "--reviewed", help="Only reviewed claims: accepted, fixed or entered (`claims review`)."
    ),
]
"""`--reviewed`, on every view that can be computed over reviewed claims only: `totals`,
`history`, `sources`, `check`, `audit --metric`."""
BasisFilter = Annotated[
    str | None,
    typer.Option(
        help="Only personnel figures that count this (killed, killed_or_wounded, ...: see the "
        "README, What the figures count)."
    ),
]
"""`--basis`, on the views that take `--metric`: `totals`, `windows`, `history`,
`audit --metric`, `check`."""


class _LazyModule:
    """A module imported on first use of one of its attributes."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


render: Any = _LazyModule("cli.render")
"""`cli.render`, imported when a command first renders something (it brings in rich)."""


def ledger_path(ctx: typer.Context) -> str:
    """Return the ledger path chosen by `--ledger` or `CLAIMS_LEDGER`."""
    root = ctx.find_root()
    return root.obj["ledger"] if root.obj else "claims.db"


def views_path(ctx: typer.Context) -> str:
    """Return the local views file chosen by `--views` or `CLAIMS_VIEWS`."""
    root = ctx.find_root()
    return root.obj["views"] if root.obj else "claims-views.db"


def open_ledger(ctx: typer.Context, *, readonly: bool = False) -> Ledger:
    """Open the ledger; read commands open it read-only so they can never change it."""
    import ledger

    return ledger.open_ledger(ledger_path(ctx), readonly=readonly, views=views_path(ctx))


def read_input(path: str, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a regular file (or `-` for stdin) whole, refusing one larger than `limit`."""
    from ledger import FileTooLarge, InvalidInput, read_regular_file

    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:  # a regular file only: a FIFO or device is refused unopened, so it cannot hang
            data = read_regular_file(path, limit)
        except FileTooLarge:
            raise InvalidInput(f"{path}: larger than {limit // 1_000_000} MB") from None
    if len(data) > limit:
        raise InvalidInput(f"{path}: larger than {limit // 1_000_000} MB")
    return data
