"""The interactive review loop (to be written): see `cli.review_cmds`."""

from __future__ import annotations

from typing import Any


def run(ledger: Any, *, article_id: str | None = None, actor: str = "cli") -> None:
    """Walk the unreviewed claims in the terminal."""
    from ledger import InvalidInput

    raise InvalidInput("the interactive review loop is not built yet")
