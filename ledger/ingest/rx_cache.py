"""The regex engine's code for the extractor's guarded patterns, kept between runs.

Making the code of the ~250 guarded patterns (folding, parsing, compiling) is most of what
importing the extractor costs, at every start of a process. That code depends only on the
pattern's text and flags and on the engine that runs it, so it is kept the way Python keeps
bytecode: in `__pycache__`, in a file named for the interpreter, under a header naming the
Python version and the engine's own version (`_sre.MAGIC`, `CODESIZE`, `MAXREPEAT`). A file
written by any other interpreter or engine, unreadable, or of another shape is not used; the
engine validates each code it is given (`rx_parse.compile_code`), and code it refuses is made
again. Nothing is written when Python is told not to write bytecode
(`PYTHONDONTWRITEBYTECODE`), or where the folder cannot be written; a cache is only ever a
shortcut to the pattern `re.compile` would make (tests/test_extract_rx_cache.py).

- `lookup(key)` — the kept code of the pattern `key` names, or None;
- `record(key, args)` — code made in this process: the file is rewritten once, at exit, with
  the entries read and those made (only those this process used, when the file has come to
  hold many more: entries of patterns since edited away drop out);
- `read(path, engine)` / `write(path, entries)` — the file itself.

`$CLAIM_LEDGER_RX_CACHE` names another file (set empty: no cache at all).

Imports: `rx_parse` (the shape of the kept code), `ledger.kept_files` (the atomic write).
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from ledger.ingest.rx_parse import CompiledArgs
from ledger.kept_files import write_atomically

__all__ = ["Key", "cache_path", "lookup", "read", "record", "write"]

# A pattern as `rx.guarded` is asked for it: its text, flags, and `starts_words`
Key = tuple[str, int, bool]

_FORMAT = 1


def _engine() -> tuple[object, ...]:
    """What the kept code is valid for: this format, this Python, this regex engine."""
    from re import _compiler  # type: ignore[attr-defined]

    sre: Any = _compiler._sre
    return (_FORMAT, sys.version, sre.MAGIC, sre.CODESIZE, sre.MAXREPEAT)


def cache_path() -> Path | None:
    """The cache file: `$CLAIM_LEDGER_RX_CACHE` when set (set empty: no cache), else beside
    this module's bytecode, named for the interpreter."""
    named = os.environ.get("CLAIM_LEDGER_RX_CACHE")
    if named is not None:
        return Path(named) if named else None
    tag = sys.implementation.cache_tag or "python"
    return Path(__file__).with_name("__pycache__") / f"rx-patterns.{tag}.marshal"


class _Cache:
    """The entries read from the file (on first use), and those this process used."""

    def __init__(self) -> None:
        self.kept: dict[Key, CompiledArgs] | None = None
        self.used: dict[Key, CompiledArgs] = {}
        self.dirty = False

    def read(self) -> dict[Key, CompiledArgs]:
        if self.kept is None:
            path = cache_path()
            self.kept = {} if path is None else read(path, _engine())
        return self.kept


def read(path: Path, engine: tuple[object, ...]) -> dict[Key, CompiledArgs]:
    """The entries of the file at `path` if it was written for `engine`, else none."""
    try:
        header, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if header != engine or not isinstance(entries, dict):
        return {}
    return entries


_CACHE = _Cache()


def lookup(key: Key) -> CompiledArgs | None:
    """The kept code of the pattern `key` names, or None when none is kept."""
    args = _CACHE.read().get(key)
    if args is not None:
        _CACHE.used[key] = args
    return args


def record(key: Key, args: CompiledArgs) -> None:
    """Keep `args`, just made for `key`: the file is rewritten when the process exits."""
    _CACHE.used[key] = args
    path = cache_path()
    if not _CACHE.dirty and not sys.dont_write_bytecode and path is not None:
        _CACHE.dirty = True
        atexit.register(lambda: write(path, {**(_CACHE.kept or {}), **_CACHE.used}, _CACHE.used))


def write(
    path: Path, entries: dict[Key, CompiledArgs], used: dict[Key, CompiledArgs] | None = None
) -> None:
    """Write `entries` to `path` for this engine, atomically (a reader sees the old file or
    the new one) — only those `used`, when `entries` holds many more; a folder that cannot be
    written is left as it is."""
    if used is not None and len(entries) > 2 * len(used) + 256:
        entries = dict(used)
    # re writes its flags and opcodes as int subclasses: kept as the plain ints they are
    plain = {
        (k[0], int(k[1]), k[2]): (a[0], int(a[1]), [int(op) for op in a[2]], *a[3:])
        for k, a in entries.items()
    }
    try:
        data = marshal.dumps((_engine(), plain))  # type: ignore[arg-type]
    except ValueError:  # not plain data: nothing is kept
        return
    write_atomically(path, data)
