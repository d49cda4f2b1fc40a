"""A table to a pipe or a file, written line by line (`plain_lines`), is byte for byte what
rich writes for it; a table it cannot draw is left to rich."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cli.render_console import _Console, add_row, new_table, plain_lines, styled

PLAIN = "ab Z9,.:()-'+=~<>é–—’“Ǆ\u00a0Ж "
CELLS = st.one_of(
    st.text(st.sampled_from(PLAIN), max_size=30),  # the fast way
    st.text(st.sampled_from(PLAIN + "漢😀\u0301\u200d\u2028"), max_size=30),  # mostly rich's
)


def _rich(out: io.StringIO, rows: list[tuple[str, str, str]], no_wrap: bool) -> tuple[str, str]:
    console = _Console(file=out)
    table = new_table()
    table.add_column("severity", no_wrap=True)
    table.add_column("kind", no_wrap=no_wrap)
    table.add_column("finding", ratio=1)
    for a, b, c in rows:
        add_row(table, styled(a, "bold red"), b, c)
    lines = plain_lines(console, table)
    console.print(table, highlight=False)
    return out.getvalue(), "" if lines is None else "".join(f"{line}\n" for line in lines)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS, CELLS), max_size=6), st.booleans())
def test_plain_lines_are_what_rich_writes(rows: list[tuple[str, str, str]], no_wrap: bool) -> None:
    written, plain = _rich(io.StringIO(), rows, no_wrap)
    if all(set(cell) <= set(PLAIN) for row in rows for cell in row):
        assert plain, "a table of plain cells is drawn the fast way"
    if plain:
        assert plain == written


def test_a_findings_table_is_drawn_plain() -> None:
    """`check`'s table of ordinary findings takes the fast way (not a silent fallback)."""
    rows = [
        ("error", "non-monotonic", "Oryx: russia tanks falls from 2,001 (2023-03-02) to 1,990"),
        ("info", "disagreement", "Mediazona (1,200) and UK MoD (1,500) differ – “approx”"),
    ]
    written, plain = _rich(io.StringIO(), rows, True)
    assert plain and plain == written
