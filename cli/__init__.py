"""The `claims` command line: parses arguments, makes one call into `ledger`, renders the result.

Imports: `ledger` (and `events` for names), typer; rich only through `cli.render`.
"""

from cli.app import app, main

__all__ = ["app", "main"]
