"""The terminal, for people: the rich consoles and the pieces every table and line shares.

Owns: `console` (stdout) and `err_console` (stderr), `new_table` (the one table style),
`add_row` (cells shown as plain text, made inert), `safe` (inert text for a line printed with
rich markup), `styled` (a cell in a colour), `figure` (a value with its qualifier mark),
`message` (a plain status line) and `progress` (the ingest bar on stderr).

Imports: rich — the one module that does; the other `cli.render_*` modules use rich only
through the names here. It is imported through `cli.render`, on a command's first output, so
`claims --help` never loads rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cli.render_inert import inert

console = Console()
err_console = Console(stderr=True)

QUALIFIER_MARK = {"exact": "", "approx": "~", "at_least": ">=", "at_most": "<="}
"""How a figure shows its qualifier: `~61,000` about, `>=2,400` over, `<=50` up to."""


def figure(value: int, qualifier: str) -> str:
    """Return a value with thousands separators and its qualifier mark."""
    return f"{QUALIFIER_MARK[qualifier]}{value:,}"


def safe(value: Any) -> str:
    """`inert(value)`, escaped for a line printed with rich markup."""
    return escape(inert(value))


def styled(text: str, style: str) -> Text:
    """Return a table cell shown in `style` (`"bold red"`), its text made inert."""
    return Text(inert(text), style=style)


def new_table(*, title: str | None = None) -> Table:
    """Return an empty table in the one style every table uses (a rule under bold headers)."""
    return Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, title=title)


def add_row(table: Table, *cells: Any) -> None:
    """Add a row whose text is shown as is (names and quotes from articles are not markup),
    made inert."""
    table.add_row(*(Text(inert(c)) if isinstance(c, str) else c for c in cells))


def message(text: str) -> None:
    """Print a plain status line (made inert: it may quote names and paths)."""
    console.print(inert(text), highlight=False, markup=False)


@contextmanager
def progress(*, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """Yield an `update(done, total)` that shows a progress bar on stderr for many files."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if not enabled or total <= 3 or not err_console.is_terminal:
            return
        if task is None:
            bar.start()
            task = bar.add_task("ingest", total=total)
        bar.update(task, completed=done, total=max(total, done))

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()
