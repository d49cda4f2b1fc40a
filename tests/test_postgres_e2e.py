"""A shared PostgreSQL ledger end to end, through the `claims` CLI: the same answers as SQLite,
exports that move between the backends with identical hashes, and each analyst's local views
catching up from the shared log.

The tests that need a server run when CLAIMS_TEST_POSTGRES_URL is set (each on fresh schemas)
and are skipped otherwise; the few that need none (bad URLs, no driver) always run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
READS = (("totals", "--json"), ("sources", "--json"), ("check", "--json"))


def read_all(cli: Any, *target: str) -> dict[str, Any]:
    """Every read that compares across backends, as parsed JSON."""
    out = {}
    for args in READS:
        result = cli(*target, *args)
        assert result.exit_code == 0, result.output
        out[args[0]] = json.loads(result.stdout)
    return out


def test_examples_in_postgres_give_the_sqlite_totals(cli, postgres_schemas, tmp_path) -> None:
    """The shipped examples ingested into PostgreSQL read back exactly as from SQLite."""
    url = postgres_schemas.new_url()
    pg = ("--ledger", url, "--views", str(tmp_path / "views.db"))
    lite = ("--ledger", str(tmp_path / "claims.db"))
    for target in (pg, lite):
        result = cli(*target, "ingest", str(EXAMPLES), "--json")
        assert result.exit_code == 0, result.output
    totals = json.loads(cli(*pg, "totals", "--json").stdout)
    assert totals and totals == json.loads(cli(*lite, "totals", "--json").stdout)
    assert read_all(cli, *pg) == read_all(cli, *lite)
    again = cli(*pg, "ingest", str(EXAMPLES))  # nothing new is written the second time
    assert again.exit_code == 0
    heads = [len(cli(*t, "log", "--json").stdout.splitlines()) for t in (pg, lite)]
    assert heads[0] == heads[1] >= 6
    assert cli(*pg, "verify").exit_code == 0


def test_export_moves_between_backends_with_identical_hashes(
    cli, postgres_schemas, tmp_path
) -> None:
    """`claims export` from PostgreSQL imports into SQLite with every hash kept, and back."""
    first, second = postgres_schemas.new_url(), postgres_schemas.new_url()
    pg1 = ("--ledger", first, "--views", str(tmp_path / "v1.db"))
    pg2 = ("--ledger", second, "--views", str(tmp_path / "v2.db"))
    lite = ("--ledger", str(tmp_path / "copy.db"))
    assert cli(*pg1, "ingest", str(EXAMPLES)).exit_code == 0
    claim_id = json.loads(cli(*pg1, "totals", "--json").stdout)[0]["claim_id"]
    assert cli(*pg1, "correct", claim_id, "--value", "1", "--reason", "r").exit_code == 0
    assert cli(*pg1, "export", "--out", "pg.jsonl").exit_code == 0
    imported = cli(*lite, "import", "pg.jsonl", "--json")
    assert json.loads(imported.stdout)["exact"] is True
    assert cli(*lite, "export", "--out", "lite.jsonl").exit_code == 0
    assert (tmp_path / "lite.jsonl").read_text() == (tmp_path / "pg.jsonl").read_text()
    back = json.loads(cli(*pg2, "import", "lite.jsonl", "--json").stdout)
    count = len((tmp_path / "pg.jsonl").read_text().splitlines()) - 1  # less the header
    assert back == {"imported": count, "skipped": 0, "exact": True}
    assert cli(*pg2, "export", "--out", "back.jsonl").exit_code == 0
    assert (tmp_path / "back.jsonl").read_text() == (tmp_path / "pg.jsonl").read_text()
    assert read_all(cli, *pg2) == read_all(cli, *lite) == read_all(cli, *pg1)
    again = cli(*pg2, "import", "pg.jsonl", "--json")  # idempotent
    assert json.loads(again.stdout)["imported"] == 0
    assert cli(*pg2, "verify").exit_code == 0


def test_two_analysts_share_the_log_and_keep_their_own_views(
    cli, postgres_schemas, tmp_path
) -> None:
    """Each analyst's views file catches up from the shared log before reading: a correction
    one of them records is what the other reads next."""
    url = postgres_schemas.new_url()
    alice = ("--ledger", url, "--views", str(tmp_path / "alice.db"))
    bob = ("--ledger", url, "--views", str(tmp_path / "bob.db"))
    assert cli(*alice, "ingest", str(EXAMPLES)).exit_code == 0
    before = json.loads(cli(*bob, "totals", "--json").stdout)
    assert before == json.loads(cli(*alice, "totals", "--json").stdout)
    claim_id = before[0]["claim_id"]
    fixed = cli(*alice, "correct", claim_id, "--value", "7", "--reason", "typo")
    assert fixed.exit_code == 0, fixed.output
    after = json.loads(cli(*bob, "totals", "--json").stdout)
    assert [r["value"] for r in after if r["claim_id"] == claim_id] == [7]
    stale = cli(*bob, "show", claim_id, "--json")
    assert stale.exit_code == 0 and json.loads(stale.stdout)["claim"]["value"] == 7
    replayed = cli(*bob, "replay")
    assert replayed.exit_code == 0, replayed.output
    assert json.loads(cli(*bob, "totals", "--json").stdout) == after
    assert (tmp_path / "alice.db").exists() and (tmp_path / "bob.db").exists()


def test_views_of_another_log_are_rebuilt(cli, postgres_schemas, tmp_path) -> None:
    """One views file pointed at a second ledger is rebuilt for it, never trusted as is."""
    views = ("--views", str(tmp_path / "views.db"))
    first, second = postgres_schemas.new_url(), postgres_schemas.new_url()
    claim = ["--claimant", "X", "--subject", "russia", "--metric", "tanks", "--as-of"]
    for url, day, value in ((first, "2023-01-01", "1"), (second, "2023-01-02", "2")):
        written = cli("--ledger", url, *views, "append", *claim, day, "--value", value)
        assert written.exit_code == 0, written.output
    for url, value in ((first, 1), (second, 2), (first, 1)):
        totals = json.loads(cli("--ledger", url, *views, "totals", "--json").stdout)
        assert [t["value"] for t in totals] == [value]


def test_a_ledger_file_is_not_a_views_file(cli, postgres_schemas, tmp_path) -> None:
    """`--views` naming a SQLite ledger is refused (exit 2), and the file is left alone."""
    lite = tmp_path / "claims.db"
    claim = ["--claimant", "X", "--subject", "russia", "--metric", "tanks"]
    cli("--ledger", str(lite), "append", *claim, "--as-of", "2023-01-01", "--value", "1")
    before = lite.read_bytes()
    url = postgres_schemas.new_url()
    cli(
        "--ledger",
        url,
        "--views",
        str(tmp_path / "v.db"),
        "append",
        *claim,
        "--as-of",
        "2023-01-01",
        "--value",
        "1",
    )
    result = cli("--ledger", url, "--views", str(lite), "totals")
    assert result.exit_code == 2 and "not a views file" in result.stderr
    refused = cli(
        "--ledger", url, "--views", str(lite), "append", *claim, "--as-of", "2023-01-02",
        "--value", "2",
    )  # fmt: skip
    assert refused.exit_code == 2 and "not a views file" in refused.stderr
    log = cli("--ledger", url, "--views", str(tmp_path / "v.db"), "log", "--json")
    assert len(log.stdout.splitlines()) == 1  # the refused append wrote nothing
    assert lite.read_bytes() == before


def test_another_applications_database_is_refused(cli, postgres_schemas) -> None:
    """A schema with another application's tables is not a ledger: exit 2, one line."""
    import psycopg

    url = postgres_schemas.new_url()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    claim = ["--claimant", "X", "--subject", "russia", "--metric", "tanks"]
    result = cli("--ledger", url, "append", *claim, "--as-of", "2023-01-01", "--value", "1")
    assert result.exit_code == 2 and "not a claim ledger" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# -- no server needed ---------------------------------------------------------------------------


def test_an_unreachable_server_is_one_line_exit_1(cli) -> None:
    """A server that does not answer: exit 1, one line naming it, never the password."""
    result = cli("--ledger", "postgresql://analyst:s3cret@127.0.0.1:1/claims", "totals")
    assert result.exit_code == 1
    assert "cannot connect to postgresql://analyst@127.0.0.1:1/claims" in result.stderr
    assert "s3cret" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_postgres_ledger_without_the_driver_says_how_to_install_it(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without psycopg installed, a postgresql:// ledger names the extra to install."""
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "ledger.store.postgres", raising=False)
    monkeypatch.delitem(sys.modules, "ledger.store.postgres_schema", raising=False)
    result = cli("--ledger", "postgresql://127.0.0.1:1/claims", "totals")
    assert result.exit_code == 2
    assert "claim-ledger[postgres]" in result.stderr


def test_a_sqlite_ledger_keeps_its_views_inside(cli, tmp_path: Path) -> None:
    """With a SQLite ledger `--views` is not used: the read models live in the ledger file."""
    claim = ["--claimant", "X", "--subject", "russia", "--metric", "tanks"]
    views = str(tmp_path / "unused-views.db")
    cli("--views", views, "append", *claim, "--as-of", "2023-01-01", "--value", "1")
    assert cli("--views", views, "totals", "--json").exit_code == 0
    assert not Path(views).exists()


# -- local views of a shared log, without a server -------------------------------------------------
# The in-memory store does not host read models (only a SQLite file does), so a Ledger over it
# keeps them in a local views file: the machinery a PostgreSQL ledger uses, without a server.


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the full rebuilds of projection tables (`sync_views` calls them through the
    runner module, so wrapping it there sees each)."""
    from ledger.projections import runner

    calls: list[int] = []
    real = runner.rebuild

    def counting(conn: Any, events: Any) -> tuple[int, int]:
        calls.append(1)
        return real(conn, events)

    monkeypatch.setattr(runner, "rebuild", counting)
    return calls


def test_views_fold_each_append_without_rereading(tmp_path, rebuilds) -> None:
    """After the first sync, appends are folded as they are written: no rebuild, views at the
    head, the same totals as a replay in memory."""
    from ledger import Ledger
    from ledger.projections import is_current
    from ledger.store.memory import MemoryStore
    from tests.conftest import asserted

    ledger = Ledger(MemoryStore(), views=tmp_path / "views.db")
    ledger.append([asserted(0)])
    assert len(rebuilds) == 1  # a new views file is built once
    for n in range(1, 6):
        ledger.append([asserted(n)])
    assert len(rebuilds) == 1
    assert is_current(ledger.views, ledger.head())
    assert ledger.totals() == ledger.totals(at=ledger.head())  # views == a replay in memory
    ledger.close()


def test_views_catch_up_with_other_writers(tmp_path, rebuilds) -> None:
    """Events another writer appended are read from the log and folded before a read."""
    from ledger import Ledger
    from ledger.store.memory import MemoryStore
    from tests.conftest import asserted

    store = MemoryStore()
    ledger = Ledger(store, views=tmp_path / "views.db")
    ledger.append([asserted(0)])
    store.append([asserted(n) for n in range(1, 4)])  # another writer, behind our back
    values = sorted(t["value"] for t in ledger.totals())
    assert len(values) == 1  # one group: the latest as_of (ties: the later position) stands
    claims = ledger.read_model().claims()
    assert len(claims) == 4 and len(rebuilds) == 1


def test_views_of_another_log_are_rebuilt_not_trusted(tmp_path) -> None:
    """A views file at the same position but built from another log is rebuilt."""
    from ledger import Ledger
    from ledger.store.memory import MemoryStore
    from tests.conftest import asserted

    views = tmp_path / "views.db"
    first = Ledger(MemoryStore(), views=views)
    first.append([asserted(1)])
    first.close()
    second = Ledger(MemoryStore(), views=views)
    second.append([asserted(2)])  # same head (1), another log
    assert [c["claim_id"] for c in second.read_model().claims()] == ["c_test2"]
    second.close()


def test_replay_rebuilds_the_local_views(tmp_path) -> None:
    """`replay` on a shared log rebuilds the views file and reports the events folded."""
    from ledger import Ledger
    from ledger.store.memory import MemoryStore
    from tests.conftest import asserted

    ledger = Ledger(MemoryStore(), views=tmp_path / "views.db")
    ledger.append([asserted(n) for n in range(3)])
    before = ledger.totals()
    assert ledger.replay() == (3, 3)
    assert ledger.totals() == before
    ledger.close()
