"""`check` from the projection tables equals the pure fold over a replay of the log.

`claims check` reads the claims table with only the columns its rules read
(`ReadModel.checked`, `CHECK_COLUMNS`) and pauses the garbage collector over its fold (issue
17: `check` as a process). The findings must be exactly those of `ledger.app.audit.check`
over the whole rows a replay of the log in memory gives (what `check --at HEAD` reads), on
logs with corrections, retractions, article revisions and aliases: the same findings, in the
same order, and the same JSON.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from ledger import Ledger
from ledger.app.audit import check
from ledger.app.sentences import context_lookup
from ledger.projections import MemoryReadModel, SQLiteReadModel
from ledger.projections.queries import CHECK_COLUMNS
from tests.test_projections import histories

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
GS = "General Staff of the Armed Forces of Ukraine"


def folded(ledger: Ledger) -> list[dict[str, Any]]:
    """The findings of the pure fold over the whole rows of a replay in memory."""
    model = MemoryReadModel(ledger.replay_in_memory())
    return check(model.claims(), context=context_lookup(ledger, model))


def assert_same_findings(ledger: Ledger) -> list[dict[str, Any]]:
    """`ledger.check()` reads the tables; it must equal the fold and `check --at HEAD`."""
    assert isinstance(ledger.read_model(), SQLiteReadModel)
    found = ledger.check()
    assert found == folded(ledger)
    assert found == ledger.check(at=ledger.head())
    assert json.dumps(found) == json.dumps(folded(ledger))
    return found


def _dataset_and_articles(cli: Any, tmp_path: Path) -> None:
    """The slice as first published and as rewritten (corrections), five articles (one
    revised), a retraction, a correction and an alias."""
    assert cli("import-dataset", str(FIXTURES / "gs-daily-rewritten")).exit_code == 0
    assert cli("import-dataset", str(FIXTURES / "gs-daily")).exit_code == 0
    articles = [
        "general-staff-2023-04-02.txt",
        "aid-and-numbers-2023-01-20.txt",
        "ministry-weekly-2023-04-02.md",
        "rounded-2022-10-04.txt",
        "revision.json",
        "kyiv-daily.html",
    ]
    paths = [str(EXAMPLES / name) for name in articles]
    assert cli("ingest", *paths, "--publisher", "Test Wire").exit_code == 0
    with Ledger.open(tmp_path / "claims.db") as ledger:
        article_claims = [r for r in ledger.read_model().claims() if r["origin"] == "article"]
        first, second = article_claims[0], article_claims[1]
        ledger.retract(first["claim_id"], reason="misread")
        ledger.correct(second["claim_id"], {"value": second["value"] + 7}, reason="typo")
        ledger.alias("the General Staff", GS)


def _benchmark_log(cli: Any, tmp_path: Path) -> None:
    """The benchmark's log (articles, data-set figures, windows, corrections), replayed."""
    from benchmarks.data import log_events
    from ledger.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "claims.db")
    for batch in log_events(3_000):
        store.append(batch)
    store.close()
    with Ledger.open(tmp_path / "claims.db") as ledger:
        ledger.replay()


LOGS = {"data set and articles": _dataset_and_articles, "benchmark log": _benchmark_log}


@pytest.mark.parametrize("log", LOGS)
def test_check_from_the_tables_is_the_fold_over_the_log(cli, tmp_path: Path, log: str) -> None:
    LOGS[log](cli, tmp_path)
    with Ledger.open(tmp_path / "claims.db") as ledger:
        found = assert_same_findings(ledger)
    assert found  # the logs give findings to compare
    assert gc.isenabled()  # the pause over the fold ends with it


FILTERS = [
    ([], {}),
    (["--kind", "window-vs-series"], {"kind": "window-vs-series"}),
    (["--claimant", "the General Staff"], {"claimant": "the General Staff"}),  # an alias
    (
        ["--metric", "personnel", "--since", "2023-01-01"],
        {"metric": "personnel", "since": "2023-01-01"},
    ),
]


@pytest.mark.parametrize(("options", "kwargs"), FILTERS)
def test_the_cli_json_is_the_replay_s(
    cli, tmp_path: Path, options: list[str], kwargs: dict
) -> None:
    """`claims check --json` (and its filters) from the tables is what the same check over
    a replay in memory gives (`at` the head)."""
    _dataset_and_articles(cli, tmp_path)
    shown = cli("check", "--json", *options)
    assert shown.exit_code == 0
    with Ledger.open(tmp_path / "claims.db") as ledger:
        want = ledger.check(at=ledger.head(), **kwargs)
        assert want == ledger.check(**kwargs)
    assert want
    assert json.loads(shown.stdout) == want
    quiet = cli("check", "--json", "--quiet", "--fail-on", "warning", *options)
    assert json.loads(quiet.stdout) == [f for f in want if f["severity"] != "info"]
    assert quiet.exit_code == (1 if json.loads(quiet.stdout) else 0)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories())
def test_check_after_any_history_is_the_fold(make_sqlite_store, history) -> None:
    """Hand claims, articles and their revisions, corrections, retractions and aliases,
    caught up batch by batch: the tables' check is the replay's."""
    batches, _ = history
    ledger = Ledger(make_sqlite_store())
    for batch in batches:
        ledger.append(batch)
    assert_same_findings(ledger)


def test_the_checked_rows_are_the_claims_cut_to_the_check_columns(cli, tmp_path: Path) -> None:
    _dataset_and_articles(cli, tmp_path)
    with Ledger.open(tmp_path / "claims.db") as ledger:
        model = ledger.read_model()
        cut = [{k: row[k] for k in CHECK_COLUMNS} for row in model.claims()]
        assert model.checked() == cut
        memory = MemoryReadModel(ledger.replay_in_memory())
        assert memory.checked() == memory.claims()
