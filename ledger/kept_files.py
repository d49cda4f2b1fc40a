"""Kept files: what a process writes beside its bytecode so the next one starts faster.

Owns `write_atomically` (a reader sees the old file or the new one, never half of either; a
folder that cannot be written is left as it is, so a kept file is only ever a shortcut). Used
by the extractor's pattern cache (`ledger.ingest.rx_cache`) and the projection tables' DDL
(`ledger.projections.table_ddl`). Imports: the standard library only.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename, as readable as the
    bytecode beside it; on any OS error nothing is written and nothing is left behind."""
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
