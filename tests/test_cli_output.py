"""Output a person can read: tables that never cut a value, piped or in a terminal of any
width; full hashes in `audit`; the sparkline fitted to the width."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.render_console import fit_widths
from cli.render_history import fit_series, sparkline

LONG = "Main Intelligence Directorate of the Ministry of Defence of Ukraine, Kyiv Regional Office"
WORDS = LONG.replace(",", "").split()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def long_named(cli):
    """A ledger with one claim by a claimant whose name is far longer than 32 characters."""
    result = cli(
        *("append", "--claimant", LONG, "--subject", "russia", "--metric", "personnel"),
        *("--value", "1000000", "--as-of", "2024-01-02", "--since", "2022-02-24"),
        *("--publisher", LONG + " Press Service"),
    )
    assert result.exit_code == 0, result.output
    return cli


def claim_id(cli) -> str:
    return json.loads(cli("totals", "--json").stdout)[0]["claim_id"]


def as_terminal(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """Make stdout count as a terminal `columns` wide (as rich reads TTY_COMPATIBLE and
    COLUMNS at each render)."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", str(columns))


def lines(result) -> list[str]:
    return [ANSI.sub("", line).rstrip() for line in result.stdout.splitlines()]


TABLES = [  # a command with a table, its header line, the whole values its lines must hold
    (["totals"], "claimant subject metric value as of claim", [LONG, "1,000,000", "CLAIM"]),
    (
        ["sources"],
        "claimant articles reviewed dates latest figures",
        [LONG, "russia personnel 1,000,000"],
    ),
    (
        ["sources", "--by", "publisher"],
        "publisher articles reviewed dates latest figures",
        [LONG + " Press Service"],
    ),
    (["history", "personnel"], "as of value publisher claim", [LONG + " Press Service", "CLAIM"]),
    (["log"], "pos recorded (UTC) type actor what", [LONG + ": russia personnel 1,000,000"]),
]


@pytest.mark.parametrize(("args", "header", "whole"), TABLES)
def test_piped_tables_keep_every_value_whole(
    long_named, monkeypatch: pytest.MonkeyPatch, args: list[str], header, whole
) -> None:
    """Piped (the CLI runner is not a terminal), whatever COLUMNS says: each long value is
    whole on one line, and no header or value ends in `…`."""
    monkeypatch.setenv("COLUMNS", "60")
    printed = lines(long_named(*args))
    assert header in [" ".join(line.split()) for line in printed]
    for value in whole:
        value = claim_id(long_named) if value == "CLAIM" else value
        assert any(value in line for line in printed), (value, printed)
    assert "…" not in "\n".join(printed)


def test_piped_lines_are_not_wrapped(long_named) -> None:
    """A line longer than any terminal is still one line when piped."""
    result = long_named("show", claim_id(long_named))
    assert lines(result)[0].startswith(f"{claim_id(long_named)}  {LONG}: russia personnel")


@pytest.mark.parametrize("columns", [80, 220])
@pytest.mark.parametrize(("args", "header", "whole"), TABLES)
def test_terminal_tables_fit_and_never_cut(
    long_named, monkeypatch: pytest.MonkeyPatch, columns: int, args: list[str], header, whole
) -> None:
    """In a terminal 80 or 220 wide: every line fits, every header is whole, no value is cut
    with `…`; at 220 each long value is whole on one line; at 80 a long name wraps at word
    boundaries: each of its words is printed whole."""
    as_terminal(monkeypatch, columns)
    printed = lines(long_named(*args))
    assert header in [" ".join(line.split()) for line in printed]
    assert "…" not in "\n".join(printed)
    assert max(len(line) for line in printed) <= columns
    if columns == 220:
        for value in whole:
            value = claim_id(long_named) if value == "CLAIM" else value
            assert any(value in line for line in printed), (value, printed)
    else:
        words = re.findall(r"[\w.,-]+", " ".join(printed))
        assert set(WORDS) <= {word.strip(",:") for word in words}
        assert claim_id(long_named) in words or args[0] in ("sources", "log")


def test_terminal_too_narrow_folds_rather_than_cuts(long_named, monkeypatch) -> None:
    """A terminal narrower than the columns' least widths: the table is drawn wider than it
    (the terminal folds it), and the claim id and headers stay whole."""
    as_terminal(monkeypatch, 30)
    text = "\n".join(lines(long_named("totals")))
    assert "…" not in text and claim_id(long_named) in text and "claimant" in text


def test_audit_prints_full_hashes(long_named) -> None:
    """`audit CLAIM_ID` shows each event's whole 64-hex hash and the article's whole sha256."""
    result = long_named("audit", claim_id(long_named))
    assert result.exit_code == 0, result.output
    hashes = re.findall(r"\b[0-9a-f]{64}\b", result.stdout)
    assert hashes and "…" not in result.stdout


@given(
    st.lists(st.tuples(st.integers(1, 40), st.integers(0, 60)), min_size=1, max_size=8),
    st.integers(0, 300),
)
def test_fit_widths(columns: list[tuple[int, int]], width: int) -> None:
    """Each column gets at least its least and at most its most; together no more than the
    width unless the least widths alone exceed it; all at their most when that fits."""
    least = [lo for lo, _ in columns]
    most = [lo + extra for lo, extra in columns]
    widths = fit_widths(least, most, width)
    assert all(lo <= w <= hi for lo, w, hi in zip(least, widths, most, strict=True))
    assert sum(widths) <= max(width, sum(least))
    if sum(most) <= width:
        assert widths == most
    elif sum(least) <= width:
        assert sum(widths) >= width - len(widths)  # the room is used, but for rounding


series = st.lists(st.integers(0, 10**7), min_size=1, max_size=3000)


@given(series, st.integers(2, 300))
def test_fit_series_keeps_ends_and_length(values: list[int], width: int) -> None:
    """A series fitted to a width: at most `width` points, the first and last kept, and a
    series that already fits is unchanged."""
    fitted = fit_series(values, width)
    assert 1 <= len(fitted) <= width
    assert fitted[0] == values[0] and fitted[-1] == values[-1]
    if len(values) <= width:
        assert fitted == values
    assert len(sparkline(values, width=width)) <= width


@given(series, st.integers(1, 300))
def test_monotone_series_give_monotone_sparklines(values: list[int], width: int) -> None:
    """Rising figures draw a rising sparkline, resampled or not."""
    line = sparkline(sorted(values), width=width)
    assert list(line) == sorted(line)


@pytest.mark.parametrize("columns", [40, 220])
def test_history_sparkline_fits_the_terminal(cli, monkeypatch, columns: int) -> None:
    """After the data-set import (54 days), `history personnel`: the sparkline is one line
    that fits the terminal, saying it is resampled when it shows fewer marks than figures."""
    fixtures = Path(__file__).parent / "fixtures" / "gs-daily"
    assert cli("import-dataset", str(fixtures)).exit_code == 0
    as_terminal(monkeypatch, columns)
    printed = lines(cli("history", "personnel", "--claimant", STAFF))
    spark = next(line for line in printed if "▁" in line)
    marks = sum(spark.count(mark) for mark in "▁▂▃▄▅▆▇█")
    assert len(spark) <= columns and marks <= columns
    assert ("resampled" in spark) == (marks < 54)
    assert (columns == 40) == (marks < 54)


STAFF = "General Staff of the Armed Forces of Ukraine"
