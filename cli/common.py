"""What every command shares: opening the ledger named by `--ledger`, reading input files.

Imports: `ledger`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ledger.errors import InvalidInput
from ledger.service import Ledger

MAX_INPUT_BYTES = 64_000_000


def ledger_path(ctx: typer.Context) -> str:
    """Return the ledger path chosen by `--ledger` or `CLAIMS_LEDGER`."""
    root = ctx.find_root()
    return root.obj["ledger"] if root.obj else "claims.db"


def open_ledger(ctx: typer.Context, *, readonly: bool = False) -> Ledger:
    """Open the ledger; read commands open it read-only so they can never change it."""
    return Ledger.open(ledger_path(ctx), readonly=readonly)


def read_input(path: str, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a file (or `-` for stdin) whole, refusing one larger than `limit`."""
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        file = Path(path)
        if not file.exists():
            raise InvalidInput(f"{path}: no such file")
        if not file.is_file():
            raise InvalidInput(f"{path}: not a file")
        if file.stat().st_size > limit:
            raise InvalidInput(f"{path}: larger than {limit // 1_000_000} MB")
        data = file.read_bytes()
    if len(data) > limit:
        raise InvalidInput(f"{path}: larger than {limit // 1_000_000} MB")
    return data
