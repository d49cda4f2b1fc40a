"""The store contract, run against the PostgreSQL backend; plus what only PostgreSQL has:
guards against TRUNCATE and disabled triggers, refusing other databases, and four processes
appending to one shared log.

Runs when CLAIMS_TEST_POSTGRES_URL names a server (`make test-postgres` starts one); each test
gets fresh, empty schemas in that database.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_SKIPPED, asserted, postgres_test_url
from tests.contracts.store_contract import StoreContract

if postgres_test_url() is None:
    pytest.skip(POSTGRES_SKIPPED, allow_module_level=True)

import psycopg

from ledger import Ledger
from ledger.errors import (
    ConcurrencyConflict,
    InvalidInput,
    NotALedger,
    OperationFailed,
)
from ledger.store.hashing import first_break
from ledger.store.postgres import PostgresStore


class TestPostgresStore(StoreContract):
    """The PostgreSQL event store meets the store contract, unchanged."""

    @pytest.fixture
    def store(self, make_postgres_store):
        return make_postgres_store()

    @pytest.fixture
    def other_store(self, make_postgres_store):
        return make_postgres_store()

    def tamper(self, store: PostgresStore, position: int, field: str, value: object) -> None:
        with psycopg.connect(store.url, autocommit=True) as conn:
            conn.execute("DROP TRIGGER events_no_update ON events")
            conn.execute(
                f"UPDATE events SET {field} = %s WHERE position = %s",  # type: ignore[arg-type]
                (value, position),
            )

    def raw_sql(self, store: PostgresStore, statement: str) -> None:
        with psycopg.connect(store.url, autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def tamper_node(self, store: PostgresStore, level: int, index: int, digest: bytes) -> None:
        with psycopg.connect(store.url, autocommit=True) as conn:
            changed = conn.execute(
                "UPDATE merkle_nodes SET hash = %s WHERE level = %s AND idx = %s",
                (digest, level, index),
            ).rowcount
        assert changed == 1

    def clear_tree(self, store: PostgresStore) -> None:
        with psycopg.connect(store.url, autocommit=True) as conn:
            conn.execute("DELETE FROM merkle_nodes")


def test_truncate_is_refused(make_postgres_store) -> None:
    """TRUNCATE, which skips row triggers, is refused too."""
    store = make_postgres_store()
    store.append([asserted(0)])
    with (
        psycopg.connect(store.url, autocommit=True) as conn,
        pytest.raises(psycopg.Error, match="append-only"),
    ):
        conn.execute("TRUNCATE events")
    assert store.head() == 1


NO_OP_FUNCTION = (
    "CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN -- events is append-only\n RETURN NULL; END $$"
)


@pytest.mark.parametrize(
    ("statements", "broken", "named"),
    [
        (
            ["ALTER TABLE events DISABLE TRIGGER events_no_delete"],
            ["events_no_delete"],
            "events_no_delete is not enabled as installed (disabled)",
        ),
        (
            ["ALTER TABLE events ENABLE REPLICA TRIGGER events_no_update"],
            ["events_no_update"],
            "(replica-only)",
        ),
        (
            ["ALTER TABLE events ENABLE ALWAYS TRIGGER events_no_update"],
            ["events_no_update"],
            "(always)",
        ),
        (
            [
                "DROP TRIGGER events_no_delete ON events",
                "CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW "
                "WHEN (false) EXECUTE FUNCTION events_append_only()",
            ],
            ["events_no_delete"],
            "events_no_delete has a WHEN condition",
        ),
        (
            [
                "DROP TRIGGER events_no_update ON events",
                "CREATE TRIGGER events_no_update AFTER UPDATE ON events "
                "FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()",
            ],
            ["events_no_update"],
            "events_no_update is not the one the ledger installed",
        ),
        ([NO_OP_FUNCTION], ["events_append_only"], "events_append_only() is not the one"),
        (
            [
                "CREATE TRIGGER extra BEFORE INSERT ON events "
                "FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()"
            ],
            [],
            "unknown trigger extra on events",
        ),
        (
            ["CREATE RULE keep AS ON DELETE TO events DO INSTEAD NOTHING"],
            [],
            "unknown rule keep on events",
        ),
        (
            ["ALTER TABLE events ENABLE ROW LEVEL SECURITY"],
            [],
            "row-level security is enabled",
        ),
    ],
)
def test_verify_checks_the_guards_are_the_installed_ones(
    make_postgres_store, statements: list[str], broken: list[str], named: str
) -> None:
    """A disabled, replica-only or always trigger, one re-created WHEN (false) or AFTER, a
    no-op guard function whose body merely mentions "append-only", an extra trigger, a rule
    or row-level security on events: verify exits 1 naming what is wrong."""
    store = make_postgres_store()
    store.append([asserted(0)])
    assert store.guard_problems() == []
    with psycopg.connect(store.url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]
    assert store.missing_triggers() == broken
    report = Ledger(store).verify()
    assert not report.ok and named in report.problem.reason, report.problem


def test_a_known_id_with_other_content_is_a_conflict(make_postgres_store) -> None:
    """Importing an event whose id is known but whose content differs: a conflict, and
    nothing is written."""
    store, other = make_postgres_store(), make_postgres_store()
    store.append([asserted(n) for n in range(3)])
    events = list(store.read())
    other.import_log(events[:2])
    forged = dataclasses.replace(events[1], actor="mallory")
    with pytest.raises(ConcurrencyConflict, match="different actor"):
        other.import_log([events[0], forged, events[2]])
    assert other.head() == 2


def test_a_truncated_tail_fails_against_the_local_views(postgres_schemas, tmp_path: Path) -> None:
    """Tail truncation on PostgreSQL (the guard disabled, the head deleted, the guard enabled
    again): verify compares the head with the local views' recorded hash, and fails."""
    url = postgres_schemas.new_url()
    views = tmp_path / "views.db"
    with Ledger.open(url, views=views) as ledger:
        ledger.append([asserted(n) for n in range(3)])
        assert ledger.verify().ok
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ALTER TABLE events DISABLE TRIGGER events_no_delete")
        conn.execute("DELETE FROM events WHERE position = 3")
        conn.execute("ALTER TABLE events ENABLE TRIGGER events_no_delete")
    with Ledger.open(url, readonly=True, views=views) as ledger:
        report = ledger.verify()
    assert not report.ok and "beyond the head 2" in report.problem.reason


def test_a_rewritten_event_fails_against_the_local_views(postgres_schemas, tmp_path: Path) -> None:
    """A head event replaced by another with a valid chain: the views' hash no longer matches."""
    url = postgres_schemas.new_url()
    views = tmp_path / "views.db"
    with Ledger.open(url, views=views) as ledger:
        ledger.append([asserted(n) for n in range(3)])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ALTER TABLE events DISABLE TRIGGER events_no_delete")
        conn.execute("DELETE FROM events WHERE position = 3")
        conn.execute("ALTER TABLE events ENABLE TRIGGER events_no_delete")
    with Ledger.open(url, views=":memory:") as writer:  # the attacker's own views
        writer.append([asserted(9)])
    with Ledger.open(url, readonly=True, views=views) as ledger:
        report = ledger.verify()
    assert not report.ok and "the log was rewritten" in report.problem.reason


def test_verify_compares_the_local_views_with_a_replay(postgres_schemas, tmp_path: Path) -> None:
    """A local views table edited: verify names it; `replay` repairs it."""
    url = postgres_schemas.new_url()
    views = tmp_path / "views.db"
    with Ledger.open(url, views=views) as ledger:
        ledger.append([asserted(n) for n in range(3)])
    import sqlite3

    with sqlite3.connect(views) as conn:
        conn.execute("UPDATE totals SET value = 9999999")
    with Ledger.open(url, views=views) as ledger:
        report = ledger.verify()
        assert not report.ok and "table totals" in report.problem.reason
        ledger.replay()
        assert ledger.verify().ok


def test_positions_have_no_gap_after_a_failed_append(make_postgres_store) -> None:
    """A rolled-back append leaves no hole: the next one takes the very next position."""
    store = make_postgres_store()
    store.append([asserted(0)])
    with pytest.raises(ConcurrencyConflict):
        store.append([asserted(1), asserted(0, expected_version=0)])
    store.append([asserted(2)])
    assert [e.position for e in store.read()] == [1, 2]


def test_hashes_match_sqlite_byte_for_byte(make_postgres_store, make_sqlite_store) -> None:
    """The same events with the same clock and ids hash the same in both backends."""
    pg, lite = make_postgres_store(), make_sqlite_store()
    for store in (pg, lite):
        store.append([asserted(n) for n in range(5)])
        store.append([asserted(9, idempotency_key="k")])
    assert list(pg.read_rows()) == list(lite.read_rows())


def test_another_database_is_refused(postgres_schemas) -> None:
    """A schema holding another application's tables is not turned into a ledger."""
    url = postgres_schemas.new_url()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(NotALedger, match="not a claim ledger"):
        PostgresStore(url)
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        assert [r[0] for r in tables] == ["users"]


def test_reading_a_ledger_that_does_not_exist(postgres_schemas) -> None:
    """A read-only open of an empty schema says there is no ledger, and creates nothing."""
    url = postgres_schemas.new_url()
    with pytest.raises(InvalidInput, match="no ledger at"):
        PostgresStore(url, readonly=True)
    store = PostgresStore(url)
    assert store.head() == 0 and list(store.read()) == []  # reads create nothing either
    store.close()
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
        assert found.fetchone() == (0,)


def test_readonly_store_refuses_writes(make_postgres_store, postgres_schemas) -> None:
    """A store opened read-only cannot append, and the server enforces it too."""
    url = postgres_schemas.new_url()
    make_postgres_store(url).append([asserted(0)])
    readonly = make_postgres_store(url, readonly=True)
    with pytest.raises(OperationFailed, match="read-only"):
        readonly.append([asserted(1)])
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        readonly.conn.execute("INSERT INTO claim_ledger VALUES ('x', 'y')")
    assert readonly.head() == 1


def test_unreachable_server_is_one_clear_line() -> None:
    """A server that does not answer is an OperationFailed naming it, without the password."""
    with pytest.raises(OperationFailed, match="cannot connect") as info:
        PostgresStore("postgresql://someone:s3cret@127.0.0.1:1/nothing")
    assert "s3cret" not in str(info.value) and "\n" not in str(info.value)


def test_a_lost_connection_is_reopened(make_postgres_store) -> None:
    """After the server drops the connection, the next call opens a new one."""
    store = make_postgres_store()
    store.append([asserted(0)])
    pid = store.conn.info.backend_pid
    with psycopg.connect(store.url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(OperationFailed):
        store.head()
    assert store.head() == 1
    store.append([asserted(1)])
    assert first_break(store.read_rows()) is None


WRITER = """
import sys
from events import ClaimCorrected
from events.new_event import NewEvent
from ledger import Ledger
url, views, who, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with Ledger.open(url, views=views) as ledger:
    for i in range(n):
        if i % 2:  # a shared stream: every writer appends to the same claim
            event = ClaimCorrected(claim_id="c_shared", changes={"value": i}, reason=who)
            ledger.append([NewEvent(stream="claim-c_shared", event=event, actor=who)])
        else:  # a stream of its own
            ledger.assert_claim({
                "claimant": f"writer {who}", "subject": "russia", "metric": "tanks",
                "value": i, "as_of": "2023-04-02",
            }, actor=who)
"""


@pytest.mark.slow
def test_four_processes_append_to_one_shared_log(postgres_schemas, tmp_path: Path) -> None:
    """4 processes (two machines' worth of writers) x 250 appends to their own and a shared
    stream: positions 1..N with no gap, a verifying chain, every writer's events present,
    and each writer's local views agreeing with the log."""
    from events import ClaimAsserted
    from events.new_event import NewEvent
    from tests.conftest import make_claim

    url = postgres_schemas.new_url()
    with Ledger.open(url, views=tmp_path / "setup-views.db") as ledger:
        shared = make_claim(0, claim_id="c_shared")
        ledger.append([NewEvent(stream="claim-c_shared", event=ClaimAsserted(claim=shared))])
    n = 250
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(tmp_path / f"views-{who}.db"), who, str(n)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in "abcd"
    ]
    errors = [w.communicate(timeout=300)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0, 0], errors
    with Ledger.open(url, readonly=True, views=tmp_path / "reader-views.db") as ledger:
        assert [e.position for e in ledger.log()] == list(range(1, 4 * n + 2))
        assert ledger.verify().ok
        shared_versions = [e.version for e in ledger.log(stream="claim-c_shared")]
        assert shared_versions == list(range(1, 2 * n + 2))
        actors = [e.actor for e in ledger.log()]
        assert all(actors.count(who) == n for who in "abcd")
        expected = ledger.totals()
    assert len(expected) == 5  # four writers' own claims and the shared one
    for who in "abcd":  # each writer's local views catch up to the same answer
        with Ledger.open(url, readonly=True, views=tmp_path / f"views-{who}.db") as ledger:
            assert ledger.totals() == expected
