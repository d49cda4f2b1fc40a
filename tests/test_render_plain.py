"""A table to a pipe or a file, written line by line (`plain_lines`), is byte for byte what
rich writes for it; a table it cannot draw is left to rich."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli.render_console import _Console, add_row, new_table, plain_lines, safe, styled
from cli.render_inert import inert
from cli.render_plain import table_lines, text_line
from tests.samples import ROUNDED, WEEKLY

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


# -- without rich: what cli.render_plain writes is what rich writes (#17) ------------------------

LINES = st.text(st.sampled_from(PLAIN + "\n"), max_size=20)  # cells over several lines
COLUMN = st.fixed_dictionaries(
    {
        "header": st.sampled_from(["pos", "value", "claimant", "as of", "x"]),
        "justify": st.sampled_from(["left", "right"]),
        "no_wrap": st.booleans(),
        "ratio": st.sampled_from([None, 1, 2]),
        "min_width": st.sampled_from([None, 3, 12]),
    }
)


def _both(columns: list[dict], rows: list[list[object]], title: str | None) -> tuple[str, str]:
    """What rich writes for the table piped, and what `table_lines` writes ("" for None)."""
    table = new_table(title=title)
    for column in columns:
        table.add_column(**column)
    for row in rows:
        add_row(table, *row)
    out = io.StringIO()
    _Console(file=out).print(table)
    lines = table_lines(table)
    return out.getvalue(), "" if lines is None else "".join(f"{line}\n" for line in lines)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(COLUMN, min_size=1, max_size=4),
    st.lists(
        st.lists(st.one_of(LINES, CELLS.map(lambda t: styled(t, "bold"))), max_size=4), max_size=5
    ),
    st.one_of(st.none(), st.sampled_from(["evidence", "a title", "  x "])),
)
def test_table_lines_are_what_rich_writes(
    columns: list[dict], rows: list[list[object]], title: str | None
) -> None:
    rows = [(row + [""] * len(columns))[: len(columns)] for row in rows]
    written, plain = _both(columns, rows, title)
    if plain:
        assert plain == written


def test_the_read_tables_are_drawn_without_rich() -> None:
    """The tables of `totals` (a figure right-aligned, a basis under its metric) and of
    `audit` (a title) take the way without rich."""
    columns = [{"header": "metric"}, {"header": "value", "justify": "right", "no_wrap": True}]
    rows = [["personnel\n(killed or wounded)", ">=174,550"], ["tanks", "3,620"]]
    for title in (None, "evidence"):
        written, plain = _both(columns, rows, title)
        assert plain and plain == written


MARKUP = st.lists(
    st.sampled_from(
        [
            "a",
            " ",
            "[bold]",
            "[/]",
            "[/bold]",
            "[dim]",
            "\\",
            "[",
            "]",
            "x:y",
            ":",
            "[red]",
            "é",
            "—",
            "\\[",
            "[@click]",
            "[/dim]",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(MARKUP, st.booleans())
def test_text_lines_are_what_rich_writes(text: str, markup: bool) -> None:
    line = text_line(text, markup=markup)
    out = io.StringIO()
    try:
        _Console(file=out).print(text, markup=markup, highlight=False)
    except Exception as refused:  # rich's MarkupError: left to rich, which says so
        assert type(refused).__name__ == "MarkupError" and line is None
        return
    if line is not None:
        assert f"{line}\n" == out.getvalue()
    if not markup and ":" not in text and "\\" not in text:
        assert line is not None


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(PLAIN + "[]\\/:ab"), max_size=30))
def test_a_safe_name_in_markup_is_written_as_rich_writes_it(text: str) -> None:
    """A line of markup around a `safe` name (rich's markup escape, without rich) is written
    as rich writes it: the name as it is."""
    out = io.StringIO()
    _Console(file=out).print(f"[bold]{safe(text)}[/]", highlight=False)
    line = text_line(f"[bold]{safe(text)}[/]", markup=True)
    assert line is None or f"{line}\n" == out.getvalue()
    if set(text) <= set(PLAIN.replace(":", "") + "[]/ab") and not text.endswith("\\"):
        assert line == inert(text).replace("\\[", "[")


@pytest.fixture
def seeded(cli, tmp_path: Path):
    """A ledger of two articles, one claim corrected and one by hand (every kind of line)."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    (tmp_path / "rounded.txt").write_text(ROUNDED)
    assert cli("ingest", str(tmp_path / "weekly.txt"), str(tmp_path / "rounded.txt")).exit_code == 0
    with sqlite3.connect(tmp_path / "claims.db") as db:
        claim, article = db.execute(
            "SELECT claim_id, article_id FROM claims WHERE article_id IS NOT NULL LIMIT 1"
        ).fetchone()
    done = cli("correct", claim, "--value", "3700", "--reason", "typo [bold]:fire: in the wire")
    assert done.exit_code == 0, done.output
    return cli, claim, article


READS = [
    ["show", "{claim}"],
    ["show", "{article}"],
    ["audit", "{claim}"],
    ["audit", "--metric", "tanks"],
    ["totals"],
    ["log"],
    ["log", "--limit", "3"],
    ["history", "tanks"],
    ["history", "tanks", "--deltas"],
    ["sources"],
    ["sources", "--by", "publisher"],
    ["check"],
    ["search", "--metric", "tanks"],
    ["windows"],
    ["verify"],
]


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_piped_reads_are_what_rich_writes(seeded, monkeypatch, command: list[str]) -> None:
    """Each read command writes to a pipe, without rich, the bytes rich writes for it."""
    import cli.render_console as out

    cli, claim, article = seeded
    argv = [a.format(claim=claim, article=article) for a in command]
    drawn: list[object] = []
    lines = out._lines
    monkeypatch.setattr(out, "_lines", lambda *a, **k: drawn.append(lines(*a, **k)) or drawn[-1])
    plain = cli(*argv)
    assert any(found is not None for found in drawn), "written without rich"
    monkeypatch.setattr(out._Out, "_plain", lambda self: False)  # every line to rich
    written = cli(*argv)
    assert (plain.exit_code, plain.stdout, plain.stderr) == (
        written.exit_code,
        written.stdout,
        written.stderr,
    )


@pytest.mark.parametrize(
    ("files", "enabled", "terminal", "drawn"),
    [
        (5, True, True, True),
        (3, True, True, False),  # a few files: no bar
        (5, False, True, False),  # `--json`: no bar
        (5, True, False, False),  # stderr piped: no bar
    ],
)
def test_the_ingest_bar_shows_for_many_files_on_a_terminal(
    monkeypatch, files: int, enabled: bool, terminal: bool, drawn: bool
) -> None:
    """The bar `progress` yields is rich's, on stderr, for more than three files when stderr
    is a terminal; else nothing is written (and rich's bar is not even made: #17)."""
    import cli.render_console as out
    import cli.render_rich

    screen = io.StringIO()
    err = out._Out(stderr=True)
    object.__setattr__(err, "_made", _Console(file=screen, force_terminal=terminal, width=60))
    monkeypatch.setattr(out, "err_console", err)
    made: list[object] = []
    bar = cli.render_rich.progress
    monkeypatch.setattr(cli.render_rich, "progress", lambda *a, **k: made.append(a) or bar(*a, **k))
    with out.progress(enabled=enabled) as update:
        for done in range(1, files + 1):
            update(done, files)
    assert bool(made) is drawn
    assert ("ingesting" in screen.getvalue()) is drawn
