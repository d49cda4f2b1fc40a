"""The terminal, for people: the consoles and the pieces every table and line shares.

Owns: `console` (stdout) and `err_console` (stderr): as wide as the terminal, unbounded when
output is piped or redirected (never wrapped or cut mid-value); `new_table` (the one table
style: a `PlainTable`, drawn by `cli.render_plain` or by rich), `add_row` (cells shown as
plain text, made inert), `safe` (inert text for a line printed with rich markup), `styled`
(a cell in a colour), `figure` (a value with its qualifier mark), `message` (a plain status
line), `progress` (the ingest bar on stderr) and `print_table` (a table as `console.print`
shows it).

A console writes what it prints itself when rich would write it plain (to a pipe or a file,
no colour: `cli.render_plain`), byte for byte as rich does; anything else (a terminal, a
forced colour, a line or a cell `cli.render_plain` cannot vouch for) goes to its rich console
(`cli.render_rich._Console`), made on first use. So a piped read loads no rich at all, and
`claims --help` never does. Setting or reading a rich console's attribute on `console` (as
the README test does: a terminal of a given width) makes and uses its rich console.

Imports: `cli.render_inert`, `cli.render_plain`; rich only through `cli.render_rich`, when a
console first needs it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from cli.render_inert import inert
from cli.render_plain import PlainTable, PlainText, escape, plain_file, table_lines, text_line

_PLAIN_KEYWORDS = frozenset({"style", "highlight", "markup"})
"""What a `print` written here may be asked: styles and highlighting show nothing piped."""


_UNSET = object()


class _Out:
    """stdout or stderr, for people: a rich console's `print`, written here when it can be."""

    def __init__(self, *, stderr: bool = False) -> None:
        object.__setattr__(self, "_stderr", stderr)
        object.__setattr__(self, "_made", None)
        object.__setattr__(self, "_saved", {})
        # A rich console fixes its colours when it is made: as one made now would (when this
        # module is imported, as it always was), not as one made at its first use would.
        colour = None if plain_file(sys.stderr if stderr else sys.stdout) else "auto"
        object.__setattr__(self, "_colour", colour)

    def rich(self) -> Any:
        """The rich console behind this one (`cli.render_rich._Console`), made on first use."""
        if self._made is None:
            from cli.render_rich import _Console

            made = _Console(stderr=self._stderr, color_system=self._colour)
            object.__setattr__(self, "_made", made)
        return self._made

    @property
    def file(self) -> Any:
        if self._made is not None:
            return self._made.file
        return sys.stderr if self._stderr else sys.stdout

    def _plain(self) -> bool:
        """Whether rich would write this console's output plain, unbounded, in UTF-8."""
        made = self._made
        if made is None:
            return plain_file(self.file)
        return (
            not made.is_terminal
            and made.color_system is None
            and made.encoding.startswith("utf")
            and not made.is_jupyter
        )

    @property
    def is_terminal(self) -> bool:
        if self._made is None and plain_file(self.file):
            return False
        return bool(self.rich().is_terminal)

    def print(self, *objects: Any, **options: Any) -> None:
        """Print as `rich.console.Console.print` does (see `cli.render_rich._Console`)."""
        lines = None
        if self._plain() and len(objects) <= 1 and set(options) <= _PLAIN_KEYWORDS:
            lines = _lines(objects[0] if objects else "", markup=options.get("markup"))
        if lines is None:
            from cli.render_rich import to_rich

            self.rich().print(*(to_rich(o) for o in objects), **options)
            return
        file = self.file
        file.write("".join(f"{line}\n" for line in lines))
        file.flush()

    def input(self, prompt: Any = "", **options: Any) -> str:
        from cli.render_rich import to_rich

        answer: str = self.rich().input(to_rich(prompt), **options)
        return answer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        """Set `name` on the rich console (kept here too, so deleting it puts back the rich
        console's own value: how a test's monkeypatch undoes it)."""
        made = self.rich()
        self._saved.setdefault(name, getattr(made, name, _UNSET))
        setattr(made, name, value)
        self.__dict__[name] = value

    def __delattr__(self, name: str) -> None:
        if name not in self._saved:
            raise AttributeError(name)
        del self.__dict__[name]
        old = self._saved.pop(name)
        if old is _UNSET:
            delattr(self._made, name)
        else:
            setattr(self._made, name, old)


def _lines(thing: Any, *, markup: bool | None) -> list[str] | None:
    """The lines rich writes for `thing` piped, when this module can vouch for them."""
    if isinstance(thing, PlainTable):
        return table_lines(thing)
    if isinstance(thing, PlainText):
        line = text_line(thing.plain, markup=False)
    elif isinstance(thing, str):
        line = text_line(thing, markup=markup is not False)
    else:
        return None
    return None if line is None else [line]


console = _Out()
err_console = _Out(stderr=True)

QUALIFIER_MARK = {"exact": "", "approx": "~", "at_least": ">=", "at_most": "<="}
"""How a figure shows its qualifier: `~61,000` about, `>=2,400` over, `<=50` up to."""


def figure(value: int, qualifier: str) -> str:
    """Return a value with thousands separators and its qualifier mark."""
    return f"{QUALIFIER_MARK[qualifier]}{value:,}"


def metric_basis(metric: str, basis: str | None) -> str:
    """A metric with what its personnel figures count: "personnel (killed)", "personnel
    (basis unknown)"; another metric (no basis) alone."""
    if basis is None:
        return metric
    return f"{metric} ({'basis unknown' if basis == 'unknown' else basis})"


def metric_cell(metric: str, basis: str | None) -> str:
    """A table's metric cell: a personnel figure's basis on the lines under it ("killed or
    wounded" may wrap), so figures that count different things never look like one series."""
    return metric if basis is None else f"{metric}\n({basis.replace('_', ' ')})"


def safe(value: Any) -> str:
    """`inert(value)`, escaped for a line printed with rich markup."""
    return escape(inert(value))


def styled(text: str, style: str) -> PlainText:
    """Return a table cell shown in `style` (`"bold red"`), its text made inert."""
    return PlainText([(inert(text), style)])


def new_table(*, title: str | None = None) -> PlainTable:
    """Return an empty table in the one style every table uses (a rule under bold headers):
    as wide as its content needs, wrapping long names at spaces only when the terminal is
    narrower than that (`cli.render_rich._Table`)."""
    return PlainTable(title=title)


def print_table(table: PlainTable) -> None:
    """Print `table` as `console.print(table, highlight=False)` does, a large one fast (see
    `cli.render_rich.print_table`)."""
    lines = table_lines(table) if console._plain() else None
    if lines is None:
        from cli.render_rich import print_table as rich_table
        from cli.render_rich import to_rich

        rich_table(console.rich(), to_rich(table))
        return
    console.file.write("".join(f"{line}\n" for line in lines))


def add_row(table: PlainTable, *cells: Any) -> None:
    """Add a row whose text is shown as is (names and quotes from articles are not markup),
    made inert."""
    table.add_row(*(PlainText([(inert(c), "")]) if isinstance(c, str) else c for c in cells))


def message(text: str) -> None:
    """Print a plain status line (made inert: it may quote names and paths)."""
    console.print(inert(text), highlight=False, markup=False)


@contextmanager
def progress(*, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """Yield an `update(done, total)` that shows a progress bar on stderr for many files:
    rich's bar (`cli.render_rich.progress`), made when it is first shown, so an ingest whose
    bar never shows (a few files, stderr not a terminal) loads no rich (#17)."""
    with ExitStack() as stack:
        bar: Callable[[int, int], None] | None = None

        def update(done: int, total: int) -> None:
            nonlocal bar
            if not enabled or total <= 3 or not err_console.is_terminal:
                return  # what rich's bar does then: nothing
            if bar is None:
                from cli.render_rich import progress as rich_progress

                bar = stack.enter_context(rich_progress(err_console.rich()))
            bar(done, total)

        yield update


def __getattr__(name: str) -> Any:
    """The rich pieces, for what still asks this module for them (`_Console`, `fit_widths`,
    `plain_lines`, `UNBOUNDED`): imported on first use."""
    if name in ("_Console", "_Table", "fit_widths", "plain_lines", "UNBOUNDED", "to_rich"):
        from cli import render_rich

        return getattr(render_rich, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
