"""The terminal, for people: the rich consoles, the one table style, the ingest progress bar.

Owns: `_Console` (as wide as the terminal, unbounded when output is piped or redirected:
never wrapped or cut mid-value), `_Table` (the one table style, whose columns `fit_widths`
sizes so that no header or value is cut), `to_rich` (the rich form of what
`cli.render_console` records: `PlainTable`, `PlainText`), `print_table` (a table as
`console.print` shows it; to a pipe or a file, written line by line, `plain_lines`) and
`progress` (the ingest bar on stderr).

Imports: rich — the one module that does; `cli.render_console` imports it when output goes to
a terminal, or holds what `cli.render_plain` leaves to rich, so a piped read never loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from rich import box
from rich.cells import cell_len
from rich.console import (
    Console,
    ConsoleDimensions,
    ConsoleOptions,
    JustifyMethod,
    RenderResult,
)
from rich.table import Column, Table
from rich.text import Text

from cli.render_plain import PLAIN_CHARS, UNBOUNDED, PlainTable, PlainText


class _Console(Console):
    """A console as wide as the terminal it writes to, and unbounded when it writes to a pipe
    or a file, so redirected output is never wrapped or cut mid-value (full names, full ids).
    The terminal's width is read on every render (COLUMNS, then the terminal itself)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._width = None  # rich reads COLUMNS once, at creation: read it at each render

    @property
    def size(self) -> ConsoleDimensions:
        if not self.is_terminal:
            return ConsoleDimensions(UNBOUNDED, 25)
        return super().size

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]

    def print(self, *objects: Any, crop: bool = False, **kwargs: Any) -> None:
        """Print as rich does, but never crop a line at the terminal's edge: a table wider
        than a narrow terminal is folded by the terminal, not cut."""
        super().print(*objects, crop=crop, **kwargs)


def fit_widths(least: list[int], most: list[int], width: int) -> list[int]:
    """Return column widths between each column's `least` and `most` that fill at most `width`:
    every column its `most` when all fit; else each its `least`, then the room left goes
    first to the columns that need the least of it to be whole (so short names stop
    wrapping), and what remains to the others in proportion to what they lack. When even the
    least widths do not fit, the least widths."""
    most = [max(lo, hi) for lo, hi in zip(least, most, strict=True)]
    if sum(most) <= width:
        return most
    widths = list(least)
    room = width - sum(least)
    if room <= 0:
        return widths
    for i in sorted(range(len(widths)), key=lambda i: most[i] - least[i]):
        if most[i] - widths[i] <= room:
            room -= most[i] - widths[i]
            widths[i] = most[i]
    lacking = [hi - w for w, hi in zip(widths, most, strict=True)]
    if any(lacking):
        shares = [room * lack // sum(lacking) for lack in lacking]
        widths = [w + share for w, share in zip(widths, shares, strict=True)]
    return widths


class _Table(Table):
    """A table that never cuts a value or a header with `…`. To a pipe or a file, no column is
    capped (the console is unbounded). In a terminal, each column gets at least its header and
    its longest word (all of a no-wrap column), and the room left goes to the columns that
    would wrap most; a terminal too narrow even for that gets the table that wide and folds
    its lines."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for column in self.columns:
            column.max_width = None
        if console.is_terminal:
            wide = options.update_width(UNBOUNDED)
            spans = [self._measure_column(console, wide, column) for column in self.columns]
            least = [
                max(span.maximum if column.no_wrap else span.minimum, self._header_width(column))
                for span, column in zip(spans, self.columns, strict=True)
            ]
            over = sum(least) - (options.max_width - self._extra_width)
            if self.show_edge and 0 < over <= 2:  # the two blank edges make it fit
                self.show_edge = False
            room = options.max_width - self._extra_width
            widths = fit_widths(least, [s.maximum for s in spans], room)
            for index, (column, width) in enumerate(zip(self.columns, widths, strict=True)):
                column.width = max(1, width - self._get_padding_width(index))
            options = options.update_width(sum(widths) + self._extra_width)
        yield from super().__rich_console__(console, options)

    def _header_width(self, column: Column) -> int:
        """The width a column needs for its header on one line, with the cell's padding."""
        return cell_len(str(column.header)) + self._get_padding_width(column._index)


def plain_lines(out: Console, table: Table | PlainTable) -> list[str] | None:
    """The lines `out.print(table)` writes, when `out` writes plain unbounded text and `table`
    is `new_table`'s style with single-line plain cells; else None (rich renders it)."""
    if isinstance(table, PlainTable):
        table = to_rich(table)
    assert isinstance(table, Table)
    if out.is_terminal or out.color_system is not None or not _plain_style(table):
        return None
    columns: list[list[str]] = []
    for column in table.columns:
        found = [_plain(cell) for cell in column._cells]
        cells = [text for text in found if text is not None]
        if len(cells) < len(found):
            return None
        columns.append([str(column.header), *cells])
    if not columns:
        return None
    widths = [max(map(cell_len, cells)) for cells in columns]
    if not all(widths):  # an empty column: rich's to draw
        return None
    inner = sum(widths) + 3 * (len(widths) - 1)
    lines = [" " * (inner + 2)]
    for index in range(len(columns[0])):
        row = [(c[index], w) for c, w in zip(columns, widths, strict=True)]
        lines.append(" " + "   ".join(text + " " * (w - cell_len(text)) for text, w in row) + " ")
        if index == 0:
            lines.append(" " + "─" * inner + " ")
    lines.append(" " * (inner + 2))
    return lines


def _plain_style(table: Table) -> bool:
    """Whether `table` is a `new_table` with nothing `plain_lines` does not draw."""
    return (
        type(table) is _Table
        and table.box is box.SIMPLE_HEAD
        and table.show_header
        and table.show_edge
        and not (table.title or table.caption or table.show_footer or table.show_lines)
        and not (table.pad_edge or table.expand or table.width or table.min_width)
        and table.padding == (0, 1, 0, 1)
        and not table.collapse_padding
        and not table.leading
        and all(column.justify == "left" and column.width is None for column in table.columns)
    )


def _plain(cell: Any) -> str | None:
    text = cell.plain if isinstance(cell, Text) else cell
    if not isinstance(text, str):
        return None
    return text if PLAIN_CHARS.fullmatch(text) else None


def new_table(*, title: str | None = None) -> Table:
    """Return an empty rich table in the one style every table uses (a rule under bold
    headers): as wide as its content needs, wrapping long names at spaces only when the
    terminal is narrower than that."""
    return _Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, title=title)


def to_rich(thing: Any) -> Any:
    """The rich form of a recorded table or styled text (anything else as it is)."""
    if isinstance(thing, PlainText):
        (text, style), *more = thing.segments or [("", "")]
        out = Text(text, style=style)
        for text, style in more:
            out = out + Text(text, style=style)
        return out
    if isinstance(thing, PlainTable):
        table = new_table(title=thing.title)
        for column in thing.columns:
            table.add_column(
                column.header,
                justify=cast(JustifyMethod, column.justify),
                no_wrap=column.no_wrap,
                ratio=column.ratio,
                min_width=column.min_width,
            )
        for row in zip(*(column.cells for column in thing.columns), strict=True):
            table.add_row(*(to_rich(cell) for cell in row))
        return table
    return thing


def print_table(out: Console, table: Table) -> None:
    """Print `table` as `out.print(table, highlight=False)` does. To a pipe or a file (no
    terminal, no colour: nothing wraps), its lines are written directly: rich lays out every
    cell of every row (about 2 ms a row: 80 s for `check`'s 41,000 findings on a 100,000-event
    log), for lines that are only the cells padded to their column's widest."""
    lines = plain_lines(out, table)
    if lines is None:
        out.print(table, highlight=False)
        return
    out.file.write("".join(f"{line}\n" for line in lines))


@contextmanager
def progress(err_console: Console, *, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
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
