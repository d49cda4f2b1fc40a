"""The CREATE statements sqlite-utils makes for the projection tables, kept between runs (#17).

sqlite-utils makes the projection tables (`ledger.projections.tables` asks it for each table
and index), but importing it (numpy, its plugins, dateutil) costs a new ledger's first write
more than the rest of making it. What it writes depends only on what it is asked (the
columns, their types, the keys, the NOT NULLs, the indexed columns) and on its version, so it
is kept the way Python keeps bytecode: in `__pycache__`, in a file naming both. sqlite-utils
makes the statements on a scratch in-memory database (its savepoints and connection pragmas
never touch the ledger's connection), and the ledger runs them as made, whether just made or
kept. A file for anything else, unreadable or of another shape is not used: sqlite-utils is
asked again. Nothing is written when Python is told not to write bytecode
(`PYTHONDONTWRITEBYTECODE`), or where the folder cannot be written.

Owns: `Asked` (what sqlite-utils is asked, step by step), `statements` (the statements it
makes for them, kept or made), `run` (them, on the ledger's connection: with
`ledger.store.sqlite_schema`, the only module that runs DDL it did not write as a constant),
`made_by_sqlite_utils` and `cache_path`.
Imports: `ledger.kept_files` (the atomic write); sqlite-utils, only when nothing is kept.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from ledger.kept_files import write_atomically

Step = tuple[Any, ...]
"""One thing sqlite-utils is asked, as plain data: `("table", name, [[column, "int" or
"str"], ...], [key columns], [NOT NULL columns])` or `("index", table, [columns])`."""
Asked = tuple[Step, ...]

_FORMAT = 1
_TYPES: dict[str, type] = {"int": int, "str": str}


def cache_path() -> Path:
    """The file the statements are kept in, beside this module's bytecode."""
    return Path(__file__).with_name("__pycache__") / "projection-tables.json"


def _version() -> str | None:
    """sqlite-utils' version (what it writes may change with it), or None if unknown."""
    from importlib import metadata

    try:
        return metadata.version("sqlite-utils")
    except metadata.PackageNotFoundError:
        return None


def statements(asked: Asked) -> list[str]:
    """The statement sqlite-utils makes for each step of `asked`, in order: the kept ones
    when they were kept for these steps and this sqlite-utils, else made now (and kept)."""
    version = _version()
    header = [_FORMAT, version, _plain(asked)]
    path = cache_path()
    kept = _read(path, header)
    if kept is not None and _fits(kept, asked):
        return kept
    made = made_by_sqlite_utils(asked)
    if version is not None and not sys.dont_write_bytecode:
        _write(path, {"header": header, "statements": made})
    return made


def run(conn: sqlite3.Connection, made: list[str]) -> None:
    """Run the CREATE statements `made` (sqlite-utils', from the constant column lists of
    `ledger.projections.tables`, and its group index) on the ledger's connection, in order."""
    for statement in made:
        conn.execute(statement)


def made_by_sqlite_utils(asked: Asked) -> list[str]:
    """Ask sqlite-utils, on a scratch in-memory database, for each step: the CREATE
    statement it runs for it."""
    import sqlite_utils

    ran: list[str] = []
    db = sqlite_utils.Database(memory=True, tracer=lambda sql, _params: ran.append(sql))
    made = []
    for step in asked:
        del ran[:]
        if step[0] == "table":
            _, name, columns, pk, not_null = step
            db.table(name).create(
                {column: _TYPES[kind] for column, kind in columns},
                pk=pk[0] if len(pk) == 1 else tuple(pk),
                not_null=set(not_null) or None,
            )
        else:
            _, table, columns = step
            db.table(table).create_index(list(columns))
        creates = [sql for sql in ran if sql.lstrip().upper().startswith("CREATE ")]
        if len(creates) != 1:
            raise RuntimeError(f"sqlite-utils ran {len(creates)} CREATE statements for {step}")
        made.append(creates[0])
    db.close()
    return made


def _fits(kept: list[str], asked: Asked) -> bool:
    """Whether `kept` has one statement of the kind each step asks for (a table's or an
    index's CREATE, as sqlite-utils writes them)."""
    return len(kept) == len(asked) and all(
        sql.startswith(f"CREATE {step[0].upper()} ") for sql, step in zip(kept, asked, strict=True)
    )


def _plain(asked: Asked) -> Any:
    """`asked` as JSON reads it back (lists for tuples), for comparing with a kept header."""
    return json.loads(json.dumps(asked))


def _read(path: Path, header: list[Any]) -> list[str] | None:
    """The statements kept at `path` under `header`, or None."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("header") != header:
        return None
    made = kept.get("statements")
    if not isinstance(made, list) or not all(isinstance(sql, str) for sql in made):
        return None
    return made


def _write(path: Path, kept: dict[str, Any]) -> None:
    """Write `kept` to `path` as JSON, atomically (`ledger.kept_files`)."""
    write_atomically(path, json.dumps(kept).encode("utf-8"))
