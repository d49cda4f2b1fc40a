"""Output to a pipe or a file without rich: the lines rich would write, made here (#17).

Importing rich costs a read command a third of its time, for output that, piped, is plain
text: no colour, no wrapping (the width is unbounded), tables in one style. So a table is
recorded as a `PlainTable` and a styled cell as a `PlainText` (both stand-ins rich renders
too, `cli.render_rich.to_rich`), and a line or a table is written here when it is certain to
be what rich writes for it; when not (a character whose width rich measures otherwise, markup
beyond a few plain tags, a possible emoji code, a control character), it is rich's to write.

Owns: `PlainText`, `PlainTable`, `table_lines` (a table's lines, or None), `text_line` (a
printed string's line, or None), `escape` (rich's markup escape) and `plain_file` (whether
rich would write to a file without colour or terminal codes). Imports: the standard library.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

UNBOUNDED = 1_000_000
"""The width output has when it is not a terminal (a pipe, a file): no line is wrapped."""

PLAIN_CHARS = re.compile(r"[\x20-\x7e\u00a0-\u02ff\u0400-\u04ff\u2010-\u2027\u2030-\u205e]*")
"""Characters whose width rich and `len` agree on (printable ASCII, Latin letters, Cyrillic,
punctuation such as dashes and quotes): a cell of anything else is left to rich."""

_TAG = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")  # rich.markup.RE_TAGS
_ESCAPE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")  # what rich.markup.escape escapes
_EMOJI = re.compile(r"(:(\S*?)(?:(?:\-)(emoji|text))?:)")  # rich's emoji code
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_STYLES = frozenset({"bold", "dim", "italic", "underline"})
"""The markup tags a line written here may hold: rich draws them as nothing, piped."""
_LONGEST = UNBOUNDED // 10
"""A longer line is left to rich (it wraps at its unbounded width)."""


@dataclass
class PlainText:
    """A table cell or a line in styles (`cli.render_console.styled`): segments of text, each
    with its rich style; `plain` is what a pipe shows."""

    segments: list[tuple[str, str]]

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.segments)

    def __add__(self, other: PlainText) -> PlainText:
        return PlainText([*self.segments, *other.segments])

    def __rich__(self) -> Any:
        from cli.render_rich import to_rich

        return to_rich(self)


@dataclass
class PlainColumn:
    header: str
    justify: str = "left"
    no_wrap: bool = False
    ratio: int | None = None
    min_width: int | None = None
    cells: list[Any] = field(default_factory=list)


@dataclass
class PlainTable:
    """A table in `cli.render_console.new_table`'s style, recorded: its columns, rows, title."""

    title: str | None = None
    columns: list[PlainColumn] = field(default_factory=list)

    def add_column(
        self,
        header: str = "",
        *,
        justify: str = "left",
        no_wrap: bool = False,
        ratio: int | None = None,
        min_width: int | None = None,
    ) -> None:
        self.columns.append(PlainColumn(header, justify, no_wrap, ratio, min_width))

    def add_row(self, *cells: Any) -> None:
        for index, column in enumerate(self.columns):
            column.cells.append(cells[index] if index < len(cells) else "")

    @property
    def row_count(self) -> int:
        return len(self.columns[0].cells) if self.columns else 0

    def __rich__(self) -> Any:
        from cli.render_rich import to_rich

        return to_rich(self)


def escape(markup: str) -> str:
    """`rich.markup.escape`: `markup` with every `[` that would open a tag escaped."""

    def backslashed(match: re.Match[str]) -> str:
        backslashes, text = match.groups()
        return f"{backslashes}{backslashes}\\{text}"

    markup = _ESCAPE.sub(backslashed, markup)
    if markup.endswith("\\") and not markup.endswith("\\\\"):
        return markup + "\\"
    return markup


def _cell_lines(cell: Any) -> list[str] | None:
    """A cell's lines as rich draws them, or None (rich's to draw)."""
    text = cell.plain if isinstance(cell, PlainText) else None
    if text is None:
        return None
    lines = text.split("\n")
    return lines if all(PLAIN_CHARS.fullmatch(line) for line in lines) else None


def _columns(table: PlainTable) -> list[list[list[str]]] | None:
    """Each column's cells (its header first), each cell its lines; None if any is rich's."""
    columns: list[list[list[str]]] = []
    for column in table.columns:
        header = column.header
        if not PLAIN_CHARS.fullmatch(header) or "[" in header or ":" in header:
            return None
        if column.justify not in ("left", "right"):
            return None
        cells = [_cell_lines(cell) for cell in column.cells]
        if any(lines is None for lines in cells):
            return None
        columns.append([[header], *(lines for lines in cells if lines is not None)])
    return columns or None


def table_lines(table: PlainTable) -> list[str] | None:
    """The lines rich writes for `table` to an unbounded console without colour, or None."""
    columns = _columns(table)
    if columns is None:
        return None
    widths = [
        max(column.min_width or 0, *(len(line) for cell in cells for line in cell))
        for column, cells in zip(table.columns, columns, strict=True)
    ]
    if not all(widths) or (table.title is not None and not _plain_title(table.title)):
        return None
    inner = sum(widths) + 3 * (len(widths) - 1)
    if table.title is not None and len(table.title) > inner + 2:
        return None  # rich wraps a title to the table's width
    lines = []
    if table.title is not None:
        title = table.title.rstrip()
        left = (inner + 2 - len(title)) // 2
        lines.append(" " * left + title + " " * (inner + 2 - left - len(title)))
    lines.append(" " * (inner + 2))
    right = [column.justify == "right" for column in table.columns]
    for index in range(len(columns[0])):
        row = [cells[index] for cells in columns]
        for depth in range(max(map(len, row))):
            parts = []
            for cell, width, flush in zip(row, widths, right, strict=True):
                text = cell[depth] if depth < len(cell) else ""
                if flush:  # rich right-justifies a line without its trailing spaces
                    text = text.rstrip()
                pad = " " * (width - len(text))
                parts.append(pad + text if flush else text + pad)
            lines.append(" " + "   ".join(parts) + " ")
        if index == 0:
            lines.append(" " + "─" * inner + " ")
    lines.append(" " * (inner + 2))
    return lines


def _plain_title(title: str) -> bool:
    if not PLAIN_CHARS.fullmatch(title) or _EMOJI.search(title):
        return False
    return not _TAG.search(title) and "\\" not in title


def _tag(opened: list[str], tag: str) -> bool:
    """Open or close one markup tag as rich does (`opened`: the open ones); False if it is
    one this module leaves to rich (another tag, or one rich refuses)."""
    if tag in _STYLES:
        opened.append(tag)
    elif tag == "/" and opened:
        opened.pop()
    elif tag.startswith("/") and tag[1:] in opened:
        del opened[len(opened) - 1 - opened[::-1].index(tag[1:])]
    else:
        return False
    return True


def text_line(text: str, *, markup: bool) -> str | None:
    """The line rich writes for `console.print(text, markup=...)` piped, or None."""
    if len(text) > _LONGEST or _CONTROL.search(text) or _EMOJI.search(text):
        return None  # a control or a line break, or a possible `:emoji:` code
    if not markup or "[" not in text:
        return text
    out: list[str] = []
    opened: list[str] = []
    position = 0
    for match in _TAG.finditer(text):  # as rich.markup.render reads it
        whole, escapes, tag = match.groups()
        out.append(text[position : match.start()].replace("\\[", "["))
        position = match.end()
        backslashes, escaped = divmod(len(escapes), 2)
        out.append("\\" * backslashes)
        if escaped:
            out.append(whole[len(escapes) :].replace("\\[", "["))
        elif not _tag(opened, tag):
            return None
    out.append(text[position:].replace("\\[", "["))
    return "".join(out)


def plain_file(file: Any) -> bool:
    """Whether a rich console made now would write to `file` with no colour and no terminal
    codes, at an unbounded width, in UTF-8 (`cli.render_rich._Console` piped)."""
    if any(name in os.environ for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return False
    if "IPython" in sys.modules or "idlelib" in sys.modules:
        return False
    file = getattr(file, "rich_proxied_file", file)
    if file is None:
        return False
    isatty = getattr(file, "isatty", None)
    try:
        if isatty is not None and isatty():
            return False
    except ValueError:  # a closed file: rich says it is no terminal
        pass
    encoding = (getattr(file, "encoding", "utf-8") or "utf-8").lower()
    return encoding.startswith("utf")
