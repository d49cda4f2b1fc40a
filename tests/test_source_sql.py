"""Reads answered from SQL are what Python gives from every claim row, on generated ledgers
(hand claims of several claimants, publishers, metrics, bases, qualifiers and dates, some
retracted, publisher aliases, and articles whose ranges link two claims) (#17): `sources`
counted in SQL (`ledger.app.source_sql`) is the Python summary (`ledger.projections.sources`
with the figures' ages), and a claim's standing read from the totals table
(`ledger.app.standing`) is the winner and range of its whole group."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import ClaimAsserted
from events.new_event import NewEvent
from ledger import open_ledger
from ledger.app import staleness
from ledger.app.source_sql import sql_sources
from ledger.app.standing import standing
from ledger.projections import SQLiteReadModel, group_of, winner
from ledger.projections import sources as source_rows
from ledger.projections.ranges import ranges
from tests.conftest import make_claim
from tests.samples import ROUNDED, WEEKLY
from tests.test_cli_ranges import RANGE

CLAIM = st.fixed_dictionaries(
    {
        "claimant": st.sampled_from(["UK MoD", "Oryx", "General Staff", "uk mod"]),
        "publisher": st.sampled_from(["Wire", "The Wire", "Daily", ""]),
        "subject": st.sampled_from(["russia", "ukraine"]),
        "metric": st.sampled_from(["tanks", "personnel", "aircraft"]),
        "value": st.integers(1, 5_000),
        "qualifier": st.sampled_from(["exact", "approx", "at_least", "at_most"]),
        "period": st.sampled_from(["cumulative", "cumulative", "window"]),
        "as_of": st.sampled_from(["2023-01-02", "2023-01-03", "2023-02-10", "2024-05-01"]),
        "basis": st.sampled_from([None, "killed", "killed_or_wounded", "unknown"]),
    }
)


def _claim(n: int, fields: dict[str, Any]) -> NewEvent:
    fields = dict(fields)
    if fields["metric"] != "personnel":
        fields["basis"] = None
    if fields["period"] == "window":
        fields["period_start"] = "2023-01-01"
    if not fields["publisher"]:
        fields.pop("publisher")
    claim = make_claim(n, **fields)
    return NewEvent(stream=f"claim-{claim.claim_id}", event=ClaimAsserted(claim=claim))


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for name, text in (("range", RANGE), ("weekly", WEEKLY), ("rounded", ROUNDED)):
        path = folder / f"{name}.txt"
        path.write_text(text)
        paths.append(path)
    return paths


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(CLAIM, max_size=25),
    st.sets(st.integers(0, 24)),
    st.booleans(),
    st.booleans(),
)
def test_sql_sources_are_the_python_summary(
    tmp_path: Path,
    articles: list[Path],
    claims: list[dict[str, Any]],
    retracted: set[int],
    ingest: bool,
    aliased: bool,
) -> None:
    from ledger import ArticleOptions, ArticleSource

    path = tmp_path / f"claims-{len(list(tmp_path.iterdir()))}.db"
    with open_ledger(path) as ledger:
        if claims:
            ledger.append([_claim(n, fields) for n, fields in enumerate(claims)])
        for n in sorted(retracted):
            if n < len(claims):
                ledger.retract(f"c_test{n}", reason="wrong")
        if ingest:
            source = ArticleSource([str(p) for p in articles])
            list(ledger.ingest(source, ArticleOptions(publisher="The Wire")))
        if aliased:
            ledger.alias("Wire", "The Wire", kind="publisher")
        model = ledger.read_model()
        if not isinstance(model, SQLiteReadModel):  # an empty log: read from memory
            assert not claims and not ingest and not aliased
            return
        everything = model.claims()
        aliases = model.aliases("publisher")
        for by in ("claimant", "publisher"):
            expected = source_rows(everything, by=by, publisher_aliases=aliases)
            staleness.with_latest_ages(expected, everything)
            assert sql_sources(model.conn, by=by, publisher_aliases=aliases) == expected, by
        for row in everything:
            group = model.group(group_of(row))
            assert standing(model, row) == (winner(group), ranges(group).get(row["claim_id"]))


def test_the_range_of_a_latest_figure_is_found(tmp_path: Path, articles: list[Path]) -> None:
    """A latest figure that is an end of a range carries it (the narrowed rows find it)."""
    from ledger import ArticleOptions, ArticleSource

    with open_ledger(tmp_path / "claims.db") as ledger:
        list(ledger.ingest(ArticleSource([str(articles[0])]), ArticleOptions()))
        model = ledger.read_model()
        assert isinstance(model, SQLiteReadModel)
        rows = sql_sources(model.conn, by="publisher", publisher_aliases={})
    assert [f["range"] for f in rows[0]["latest"]] == [[240_000, 290_000]]
