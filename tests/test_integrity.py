"""The log cannot be rewritten and still verify (issue 11, section 1).

The database refuses every statement that would change or remove a stored event; `verify`
checks the guards are exactly the installed ones, that the stored read models equal a replay
of the log and that every checkpoint matches the event at its position; an export says what
it holds; raw events obey the command rules, and the fold ignores events about a claim from a
stream that does not own it. Attacks run as an attacker with file access would: straight SQL
on the file, behind the ledger's back, and the guards restored where the attack needs them
dropped (so `verify` cannot fail merely because a trigger is missing).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from events import ClaimAsserted, ClaimCorrected, ClaimRetracted
from events.new_event import NewEvent
from ledger import Ledger
from ledger.errors import ConcurrencyConflict, InvalidInput, NotALedger
from ledger.projections import claims as fold
from ledger.projections.memory import MemoryRows
from ledger.store import sqlite_schema as schema
from ledger.store.exchange import MAX_IMPORT_LINE_BYTES
from ledger.store.hashing import row_hash
from ledger.store.sqlite import SQLiteStore
from tests.conftest import asserted, make_claim

STAFF = "General Staff of the Armed Forces of Ukraine"
COLUMNS = "position, id, stream, version, type, schema_version, recorded_at, actor, "
COLUMNS += "idempotency_key, data, prev_hash, hash"
MALLORY = COLUMNS.replace("actor,", "'mallory',")
GUARDS = schema._statements(schema.EVENTS_DDL + schema.INSERT_GUARD_DDL)[2:]
"""The guard triggers' DDL as the ledger installs them: UPDATE, DELETE, INSERT."""
DELETE_GUARD = GUARDS[1]


def claim_args(value: int, claimant: str = STAFF, metric: str = "personnel") -> list[str]:
    """`claims append` arguments for one hand-entered cumulative claim."""
    return [
        "append",
        "--claimant",
        claimant,
        "--subject",
        "russia",
        "--metric",
        metric,
        "--value",
        str(value),
        "--since",
        "2022-02-24",
        "--as-of",
        f"2023-04-{value % 28 + 1:02d}",
    ]


@pytest.fixture
def twelve(cli, tmp_path: Path) -> Path:
    """A ledger of twelve hand-entered claims; returns its path."""
    for n in range(12):
        assert cli(*claim_args(1000 + n)).exit_code == 0
    return tmp_path / "claims.db"


def sql(path: Path, *statements: str) -> None:
    """Run statements on the file directly, as an attacker with file access would."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def rehash_from(path: Path, position: int) -> None:
    """Recompute every hash and link from `position` to the head, with the guards dropped
    and then reinstalled exactly as the ledger installs them: a consistent rewrite."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for name in schema.TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    rows = conn.execute("SELECT * FROM events WHERE position >= ? ORDER BY position", (position,))
    prev = conn.execute("SELECT hash FROM events WHERE position = ?", (position - 1,)).fetchone()
    prev_hash = prev[0] if prev else "0" * 64
    for row in rows.fetchall():
        fields = dict(row)
        fields["data_json"] = fields.pop("data")
        fields["prev_hash"] = prev_hash
        prev_hash = row_hash(fields)
        conn.execute(
            "UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?",
            (fields["prev_hash"], prev_hash, row["position"]),
        )
    for statement in GUARDS:
        conn.execute(statement)
    conn.close()


def head_hash(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT hash FROM events ORDER BY position DESC LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def events_of(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {COLUMNS} FROM events ORDER BY position").fetchall()
    finally:
        conn.close()


# -- 1. no statement changes or removes a stored event -----------------------------------------

REWRITES = [
    f"INSERT OR REPLACE INTO events SELECT {MALLORY} FROM events WHERE position = 10",
    f"REPLACE INTO events SELECT {MALLORY} FROM events WHERE position = 10",
    f"INSERT INTO events SELECT {MALLORY} FROM events WHERE position = 10 "
    "ON CONFLICT (position) DO UPDATE SET actor = 'mallory'",
    f"INSERT OR IGNORE INTO events SELECT {MALLORY} FROM events WHERE position = 10",
    # a new position, but replacing an existing id / idempotency key / (stream, version)
    "INSERT OR REPLACE INTO events SELECT 13, id, stream, 99, type, schema_version, "
    "recorded_at, actor, NULL, data, (SELECT hash FROM events WHERE position = 12), hash "
    "FROM events WHERE position = 10",
    "INSERT OR REPLACE INTO events SELECT 13, 'new-id', stream, 99, type, schema_version, "
    "recorded_at, actor, idempotency_key, data, (SELECT hash FROM events WHERE position = 12), "
    "hash FROM events WHERE position = 10",
    "INSERT OR REPLACE INTO events SELECT 13, 'new-id', stream, version, type, schema_version, "
    "recorded_at, actor, NULL, data, (SELECT hash FROM events WHERE position = 12), hash "
    "FROM events WHERE position = 10",
    # not at the head + 1, or not chained to the head
    "INSERT INTO events SELECT 14, 'new-id', 'x', 1, type, schema_version, recorded_at, actor, "
    "NULL, data, (SELECT hash FROM events WHERE position = 12), hash FROM events "
    "WHERE position = 10",
    "INSERT INTO events SELECT 13, 'new-id', 'x', 1, type, schema_version, recorded_at, actor, "
    "NULL, data, prev_hash, hash FROM events WHERE position = 10",
    "UPDATE OR REPLACE events SET actor = 'mallory' WHERE position = 10",
    "DELETE FROM events WHERE position = 12",
]


@pytest.mark.parametrize("statement", REWRITES)
def test_no_statement_rewrites_a_stored_event(twelve: Path, statement: str) -> None:
    """REPLACE, UPSERT, an INSERT at a used or wrong position or off the chain, UPDATE and
    DELETE are all refused by the database itself; every stored event is as it was."""
    before = events_of(twelve)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        sql(twelve, statement)
    assert events_of(twelve) == before


def test_the_red_team_rewrite_no_longer_verifies(twelve: Path, cli) -> None:
    """The issue's attack: REPLACE the event at 10 and re-hash 10..head. The REPLACE is
    refused; done with the guards dropped and reinstalled, verify still fails (checkpoint)."""
    with pytest.raises(sqlite3.IntegrityError):
        sql(twelve, REWRITES[0])
    sql(twelve, "DROP TRIGGER events_insert_at_head", REWRITES[0])
    rehash_from(twelve, 10)
    result = cli("verify")
    assert result.exit_code == 1 and "checkpointed at position 12" in result.stderr


def test_the_store_still_appends_at_the_head(make_sqlite_store) -> None:
    """The INSERT guard lets the store's own appends and imports through, batch after batch."""
    store = make_sqlite_store()
    store.append([asserted(n) for n in range(3)])
    store.append([asserted(n) for n in range(3, 5)])
    copy = make_sqlite_store()
    assert copy.import_log(list(store.read())).imported == 5
    copy.append([asserted(9)])
    assert copy.import_log([*list(store.read())[:2], next(copy.read(start=6))]).imported == 0
    assert Ledger(copy).verify().ok


def test_a_schema_1_ledger_is_upgraded_on_the_next_write(twelve: Path, cli) -> None:
    """A file written before the INSERT guard: verify says it lacks the guard and how to add
    it; the next write adds it (user_version 2) and verify is ok again."""
    sql(twelve, "DROP TRIGGER events_insert_at_head", "PRAGMA user_version = 1")
    result = cli("verify")
    assert result.exit_code == 1
    assert "events_insert_at_head is missing" in result.stderr and "replay" in result.stderr
    assert cli("replay").exit_code == 0
    conn = sqlite3.connect(twelve)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.close()
    assert cli("verify").exit_code == 0
    with pytest.raises(sqlite3.IntegrityError):
        sql(twelve, REWRITES[0])


def test_a_schema_2_ledger_gets_the_tree_on_the_next_write(twelve: Path, cli) -> None:
    """A file written before the Merkle tree (schema 2, no `merkle_nodes`): it reads and
    verifies; the next write brings it to schema 3 with the tree backfilled, and verify
    checks that tree. A claim-ledger older than the tree refuses schema 3 (it would append
    without growing the tree)."""
    sql(twelve, "DROP TABLE merkle_nodes", "PRAGMA user_version = 2")
    assert cli("verify").exit_code == 0
    assert cli("replay").exit_code == 0
    conn = sqlite3.connect(twelve)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 3
    conn.close()
    assert cli("verify").exit_code == 0
    assert json.loads(cli("prove", "--consistency", "1", "--json").stdout)["new_size"] >= 12


# -- 2. verify checks the guards are the installed ones ---------------------------------------

NO_OP = "BEGIN SELECT 1; END"


@pytest.mark.parametrize(
    ("statements", "named"),
    [
        (
            [
                "DROP TRIGGER events_no_update",
                f"CREATE TRIGGER events_no_update AFTER UPDATE ON events {NO_OP}",
            ],
            "events_no_update is not the one the ledger installed",
        ),
        (
            [
                "DROP TRIGGER events_no_delete",
                "CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN 0 BEGIN "
                "SELECT RAISE(ABORT, 'events is append-only: DELETE is not allowed'); END",
            ],
            "events_no_delete is not the one",
        ),
        (
            [
                "DROP TRIGGER events_insert_at_head",
                f"CREATE TRIGGER events_insert_at_head BEFORE INSERT ON events {NO_OP}",
            ],
            "events_insert_at_head is not the one",
        ),
        (
            [f"CREATE TRIGGER sneaky AFTER INSERT ON events {NO_OP}"],
            "unknown trigger sneaky (on events)",
        ),
        (
            [f"CREATE TRIGGER on_claims AFTER INSERT ON claims {NO_OP}"],
            "unknown trigger on_claims (on claims)",
        ),
        (["CREATE VIEW latest AS SELECT * FROM events"], "unknown view latest"),
    ],
)
def test_verify_checks_the_guards_are_the_installed_ones(
    twelve: Path, cli, statements: list[str], named: str
) -> None:
    """A same-named no-op trigger, one with a WHEN, an extra trigger or view: verify exits 1
    naming what is wrong (comparing each trigger's full DDL, not its name)."""
    sql(twelve, *statements)
    result = cli("verify")
    assert result.exit_code == 1
    assert named in result.stderr, result.stderr


def test_guard_ddl_compares_modulo_whitespace(twelve: Path, cli) -> None:
    """A guard re-created with the installed DDL, spaced differently, still verifies."""
    spaced = schema.INSERT_GUARD_DDL.replace("\n    ", "\n\t\t").replace(" WHERE", "\n  WHERE")
    sql(twelve, "DROP TRIGGER events_insert_at_head", *schema._statements(spaced))
    assert cli("verify").exit_code == 0


# -- 3. the stored read models are checked against a replay -----------------------------------


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("UPDATE totals SET value = 9999999", "table totals, row ("),
        ("UPDATE claims SET value = 1 WHERE rowid = 3", "table claims, row ('c_"),
        ("DELETE FROM claims WHERE rowid = 5", "table claims"),
        ("UPDATE claim_life SET actor = 'mallory' WHERE rowid = 2", "table claim_life"),
        ("INSERT INTO aliases VALUES ('claimant', 'GS', 'x', 1)", "table aliases, row"),
        ("DELETE FROM totals", "table totals"),
    ],
)
def test_verify_compares_the_read_models_with_a_replay(
    twelve: Path, cli, statement: str, named: str
) -> None:
    """A projection table edited behind the ledger's back: verify exits 1 naming the table
    and the key of the first row that differs; `claims replay` repairs it."""
    sql(twelve, statement)
    result = cli("verify")
    assert result.exit_code == 1
    assert named in result.stderr, result.stderr
    assert "claims replay" in result.stderr
    assert cli("replay").exit_code == 0
    assert cli("verify").exit_code == 0


def test_a_tampered_total_names_the_value(twelve: Path, cli) -> None:
    """The message says which column holds what, and what the log gives."""
    sql(twelve, "UPDATE totals SET value = 9999999")
    result = cli("verify")
    assert "value is 9999999, the log gives 10" in result.stderr, result.stderr


def test_verify_compares_the_read_models_of_articles(cli, tmp_path: Path) -> None:
    """Articles and their claims are compared too."""
    from tests.samples import WEEKLY

    (tmp_path / "a.txt").write_text(WEEKLY)
    assert cli("ingest", "a.txt").exit_code == 0
    assert cli("verify").exit_code == 0
    sql(tmp_path / "claims.db", "UPDATE articles SET title = 'forged'")
    result = cli("verify")
    assert result.exit_code == 1 and "table articles" in result.stderr


# -- 4. checkpoints and tail truncation --------------------------------------------------------


def test_a_truncated_tail_with_a_lowered_checkpoint_fails(twelve: Path, cli) -> None:
    """Delete the head event (guard dropped, then reinstalled) and lower the checkpoint to the
    new head with its hash: verify still fails, the tables hold the deleted event's claim."""
    sql(twelve, "DROP TRIGGER events_no_delete", "DELETE FROM events WHERE position = 12")
    sql(twelve, DELETE_GUARD)
    new_head = head_hash(twelve)
    sql(
        twelve,
        f"UPDATE projection_checkpoints SET position = 11, hash = '{new_head}'",
    )
    result = cli("verify")
    assert result.exit_code == 1
    assert "table claims" in result.stderr and "not given by the log" in result.stderr


def test_a_truncated_tail_alone_fails(twelve: Path, cli) -> None:
    """Without touching the checkpoint, the checkpoint is beyond the head."""
    sql(twelve, "DROP TRIGGER events_no_delete", "DELETE FROM events WHERE position = 12")
    sql(twelve, DELETE_GUARD)
    result = cli("verify")
    assert result.exit_code == 1 and "beyond the head 11" in result.stderr


@pytest.mark.parametrize("value", ["'0000'", "NULL"])
def test_a_checkpoint_hash_must_match_its_event(twelve: Path, cli, value: str) -> None:
    """A checkpoint whose hash is not the hash of the event at its position fails."""
    sql(twelve, f"UPDATE projection_checkpoints SET hash = {value} WHERE name = 'totals'")
    result = cli("verify")
    assert result.exit_code == 1
    assert "projection totals was checkpointed at position 12" in result.stderr


# -- 5. export and import ----------------------------------------------------------------------


@pytest.fixture
def exported(twelve: Path, cli, tmp_path: Path) -> list[str]:
    """The lines of the twelve-claim ledger's export."""
    assert cli("export", "--out", "log.jsonl").exit_code == 0
    return (tmp_path / "log.jsonl").read_text().splitlines(keepends=True)


def test_an_export_starts_with_a_header(exported: list[str], twelve: Path) -> None:
    """The first line says how many events the log holds and the hash of the last."""
    header = json.loads(exported[0])
    assert header == {
        "claim_ledger_export": 1,
        "events": 12,
        "head": 12,
        "head_hash": head_hash(twelve),
    }
    assert len(exported) == 13


def test_a_cut_export_is_refused_unless_prefix(exported: list[str], cli, tmp_path: Path) -> None:
    """An export cut at a line boundary is refused (exit 2, one line saying how much of the
    log it holds, nothing created); with --prefix it imports the verified prefix."""
    (tmp_path / "cut.jsonl").write_text("".join(exported[:8]))
    result = cli("--ledger", "copy.db", "import", "cut.jsonl")
    assert result.exit_code == 2
    assert "holds 7 of 12 events" in result.stderr and "--prefix" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "copy.db").exists()
    result = cli("--ledger", "copy.db", "import", "--prefix", "cut.jsonl")
    assert result.exit_code == 0 and "7 of the 12" in result.stdout
    assert cli("--ledger", "copy.db", "verify").exit_code == 0
    assert cli("--ledger", "copy.db", "import", "log.jsonl").exit_code == 0  # the rest


def test_an_export_without_a_header_is_refused_unless_prefix(
    exported: list[str], cli, tmp_path: Path
) -> None:
    """An old export (no header) cannot say whether it is complete: refused, unless --prefix."""
    (tmp_path / "old.jsonl").write_text("".join(exported[1:]))
    result = cli("--ledger", "copy.db", "import", "old.jsonl")
    assert result.exit_code == 2 and "cannot tell whether it is complete" in result.stderr
    assert "--prefix" in result.stderr
    assert cli("--ledger", "copy.db", "import", "--prefix", "old.jsonl").exit_code == 0
    assert cli("--ledger", "copy.db", "log", "--json").stdout == cli("log", "--json").stdout


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda h: h | {"events": 11, "head": 11}, "holds 12 events, more than the 11"),
        (lambda h: h | {"head_hash": "f" * 64}, "not the head its header names"),
        (lambda h: h | {"claim_ledger_export": 2}, "format 2"),
        (lambda h: h | {"events": "12"}, "not a valid export header"),
    ],
)
def test_a_header_that_does_not_match_is_refused(
    exported: list[str], cli, tmp_path: Path, edit, message: str
) -> None:
    """A header naming another head, count or format is refused, writing nothing."""
    header = edit(json.loads(exported[0]))
    (tmp_path / "bad.jsonl").write_text(json.dumps(header) + "\n" + "".join(exported[1:]))
    result = cli("--ledger", "copy.db", "import", "bad.jsonl")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert not (tmp_path / "copy.db").exists()


def forged_tail(lines: list[str], first: int) -> str:
    """The export with its events from `first` on changed (actor) and re-chained, consistently."""
    events = [json.loads(x) for x in lines[1:]]
    prev = events[first - 2]["hash"]
    for event in events[first - 1 :]:
        event["actor"] = "mallory"
        event["prev_hash"] = prev
        fields = {k: v for k, v in event.items() if k not in ("hash", "data")}
        fields["data_json"] = json.dumps(event["data"], sort_keys=True, separators=(",", ":"))
        event["hash"] = prev = row_hash(fields)
    header = json.loads(lines[0]) | {"head_hash": prev}
    return "".join(json.dumps(x) + "\n" for x in [header, *events])


def test_a_forged_export_of_known_events_is_a_conflict(
    exported: list[str], cli, tmp_path: Path
) -> None:
    """A re-chained export whose last events differ from the stored ones (same ids): exit 1,
    naming the event, and the ledger file is byte-identical."""
    (tmp_path / "forged.jsonl").write_text(forged_tail(exported, 10))
    before = (tmp_path / "claims.db").read_bytes()
    result = cli("import", "forged.jsonl")
    assert result.exit_code == 1
    assert "already in this ledger at position 10 with a different actor" in result.stderr
    assert (tmp_path / "claims.db").read_bytes() == before


def test_an_import_reads_no_line_past_the_limit(make_sqlite_store) -> None:
    """A 200 MB line is refused after reading at most the 8 MB limit + 1 byte of it."""

    class Endless:
        """A binary stream of one 200 MB line, made on demand, counting the bytes asked for."""

        def __init__(self) -> None:
            self.left = 200_000_000
            self.requested = 0

        def readline(self, size: int = -1) -> bytes:
            assert size > 0, "a whole line was asked for"
            n = min(size, self.left)
            self.left -= n
            self.requested += n
            return b"x" * n

    stream = Endless()
    with pytest.raises(InvalidInput, match="line is too long"):
        Ledger(make_sqlite_store()).import_lines(stream, source="big.jsonl")  # type: ignore[arg-type]
    assert stream.requested <= MAX_IMPORT_LINE_BYTES + 1


def test_a_200_mb_line_is_refused_by_the_cli(cli, tmp_path: Path) -> None:
    """Through the CLI, a file of one 200 MB line (sparse) is one line on stderr, exit 2."""
    with (tmp_path / "big.jsonl").open("wb") as fh:
        fh.truncate(200_000_000)
    result = cli("import", "big.jsonl")
    assert result.exit_code == 2 and "too long" in result.stderr
    assert not (tmp_path / "claims.db").exists()


# -- 6. raw events obey the command rules; the fold ignores foreign streams -------------------


def raw(cli, tmp_path: Path, document: dict[str, Any]) -> Any:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(document))
    return cli("append", "--event", str(path))


def claim_of(cli) -> dict[str, Any]:
    return json.loads(cli("totals", "--json").stdout.splitlines()[0])


@pytest.fixture
def one_claim(cli) -> str:
    """A ledger with one hand-entered claim (value 1,336,120); returns its id."""
    assert cli(*claim_args(1_336_120)).exit_code == 0
    rows = json.loads(cli("totals", "--json").stdout)
    return rows[0]["claim_id"]


def correction(claim_id: str, **extra: Any) -> dict[str, Any]:
    data = {"claim_id": claim_id, "changes": {"value": 5}, "reason": "mine"}
    return {"type": "claim-corrected", "data": data, **extra}


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        ({"stream": "claim-elsewhere"}, 2, "belongs to stream claim-"),
        ({"stream": "sources", "expected_version": 0}, 2, "belongs to stream claim-"),
    ],
)
def test_a_raw_correction_on_another_stream_is_refused(
    cli, tmp_path: Path, one_claim: str, extra: dict[str, Any], code: int, message: str
) -> None:
    """Attack 1: a claim-corrected on another stream with no expected version does not move
    the total; the ledger file is byte-identical."""
    before = (tmp_path / "claims.db").read_bytes()
    result = raw(cli, tmp_path, correction(one_claim, **extra))
    assert result.exit_code == code and message in result.stderr, result.stderr
    assert (tmp_path / "claims.db").read_bytes() == before
    assert json.loads(cli("totals", "--json").stdout)[0]["value"] == 1_336_120


def test_a_raw_correction_takes_the_claims_stream_and_version(
    cli, tmp_path: Path, one_claim: str
) -> None:
    """Without stream or expected version, a raw correction goes on the claim's own stream
    at its current version, like `claims correct`."""
    result = raw(cli, tmp_path, correction(one_claim))
    assert result.exit_code == 0, result.stderr
    (event,) = [json.loads(x) for x in cli("log", "--json", "--from", "2").stdout.splitlines()]
    assert (event["stream"], event["version"]) == (f"claim-{one_claim}", 2)
    assert json.loads(cli("totals", "--json").stdout)[0]["value"] == 5


def test_a_retracted_claim_cannot_be_corrected_or_retracted_raw(
    cli, tmp_path: Path, one_claim: str
) -> None:
    """Attack 2: after a retraction, a raw correction or retraction is refused (exit 2)."""
    assert cli("retract", one_claim, "--reason", "gone").exit_code == 0
    retraction = {"type": "claim-retracted", "data": {"claim_id": one_claim, "reason": "again"}}
    for document in (correction(one_claim), retraction):
        result = raw(cli, tmp_path, document)
        assert result.exit_code == 2 and "retracted" in result.stderr


def test_a_raw_assertion_cannot_reuse_a_claim_id(cli, tmp_path: Path, one_claim: str) -> None:
    """Attack 3: a claim-asserted reusing an existing (retracted) claim id is refused, and
    the claim stays retracted."""
    assert cli("retract", one_claim, "--reason", "gone").exit_code == 0
    claim = make_claim(0, claim_id=one_claim, value=5).model_dump(mode="json")
    for stream in ({}, {"stream": "claim-other"}):
        result = raw(cli, tmp_path, {"type": "claim-asserted", "data": {"claim": claim}, **stream})
        assert result.exit_code == 2 and "already exists" in result.stderr
    assert json.loads(cli("show", one_claim, "--json").stdout)["status"] == "retracted"


def test_a_raw_alias_obeys_the_alias_rules(cli, tmp_path: Path, one_claim: str) -> None:
    """A raw source-aliased is checked like `claims alias`: no cycle, only on `sources`."""
    alias = {"type": "source-aliased", "data": {"alias": "GS", "canonical": STAFF}}
    assert raw(cli, tmp_path, alias).exit_code == 0
    cycle = {"type": "source-aliased", "data": {"alias": STAFF, "canonical": "GS"}}
    assert "cycle" in raw(cli, tmp_path, cycle).stderr
    elsewhere = {**alias, "data": {"alias": "G", "canonical": STAFF}, "stream": "claim-x"}
    assert "stream sources" in raw(cli, tmp_path, elsewhere).stderr


def test_a_repeated_raw_event_with_a_key_writes_once(cli, tmp_path: Path) -> None:
    """The same raw assertion with an idempotency key twice: recorded once, both exit 0."""
    claim = make_claim(0).model_dump(mode="json")
    document = {"type": "claim-asserted", "data": {"claim": claim}, "idempotency_key": "k-1"}
    assert raw(cli, tmp_path, document).exit_code == 0
    again = raw(cli, tmp_path, document)
    assert again.exit_code == 0 and "already recorded" in again.stdout.replace("\n", " ")
    assert cli("log", "--json").stdout.count("\n") == 1


def envelope(event: Any, stream: str, position: int) -> Any:
    from tests.test_projections import envelope as make

    return make(event, stream=stream, position=position)


def fold_all(*events: tuple[Any, str]) -> MemoryRows:
    rows = MemoryRows()
    for position, (event, stream) in enumerate(events, 1):
        fold.apply(rows, envelope(event, stream, position))
    return rows


OWN = "claim-c_test0"


@pytest.mark.parametrize(
    ("attack", "stream"),
    [
        (ClaimCorrected(claim_id="c_test0", changes={"value": 5}, reason="r"), "claim-elsewhere"),
        (ClaimRetracted(claim_id="c_test0", reason="r"), "claim-elsewhere"),
        (ClaimAsserted(claim=make_claim(0, value=5)), "claim-elsewhere"),
        (ClaimAsserted(claim=make_claim(0, value=5)), OWN),
    ],
    ids=["correct-foreign", "retract-foreign", "reassert-foreign", "reassert-own"],
)
def test_the_fold_ignores_foreign_and_reused_claim_events(attack: Any, stream: str) -> None:
    """In the pure fold: a correction or retraction from a stream that does not own the
    claim, and any re-assertion of an existing id (from any stream), change nothing."""
    before = fold_all((ClaimAsserted(claim=make_claim(0)), OWN))
    after = fold_all((ClaimAsserted(claim=make_claim(0)), OWN), (attack, stream))
    assert after.claims == before.claims and after.life == before.life


def test_the_fold_ignores_another_streams_article_claims() -> None:
    """An article event naming a claim another stream owns (c_test0) leaves that claim alone,
    and a revision of that article does not withdraw it."""
    from tests.test_projections import article

    rows = fold_all(
        (ClaimAsserted(claim=make_claim(0)), OWN),
        (article("Russia lost 5 soldiers.", personnel=5), "article-x"),
        (article("Nothing here.", revision=2), "article-x"),
    )
    claim = rows.claims["c_test0"]
    assert (claim["stream"], claim["value"], claim["status"]) == (OWN, 174_550, "active")


def test_the_fold_does_not_revive_a_retracted_claim() -> None:
    """The issue's third attack at the fold: retract, then re-assert the id: still retracted."""
    rows = fold_all(
        (ClaimAsserted(claim=make_claim(0)), OWN),
        (ClaimRetracted(claim_id="c_test0", reason="r"), OWN),
        (ClaimAsserted(claim=make_claim(0, value=5)), OWN),
    )
    assert rows.claims["c_test0"]["status"] == "retracted"
    assert rows.claims["c_test0"]["value"] == make_claim(0).value


def test_replay_and_catch_up_ignore_foreign_events_alike(make_sqlite_store) -> None:
    """Appended straight to the store (no command rules), foreign-stream events are ignored
    the same way by incremental catch-up and by a rebuild: verify stays ok before and after."""
    ledger = Ledger(make_sqlite_store())
    ledger.append([asserted(0)])
    attacks = [
        NewEvent(
            stream="claim-elsewhere",
            event=ClaimCorrected(claim_id="c_test0", changes={"value": 5}, reason="r"),
        ),
        NewEvent(stream="claim-elsewhere", event=ClaimAsserted(claim=make_claim(0, value=7))),
    ]
    ledger.append(attacks)
    assert ledger.totals()[0]["value"] == make_claim(0).value
    assert ledger.verify().ok
    ledger.replay()
    assert ledger.totals()[0]["value"] == make_claim(0).value
    assert ledger.verify().ok


# -- 7. what is not a ledger; read-only filesystems --------------------------------------------


def test_a_file_holding_only_a_view_is_not_a_ledger(tmp_path: Path) -> None:
    """Another application's SQLite file with only a view (no tables) is refused, unchanged."""
    path = tmp_path / "other.db"
    sql(path, "CREATE VIEW answer AS SELECT 42")
    before = path.read_bytes()
    with pytest.raises(NotALedger, match="another SQLite database"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_the_import_conflict_writes_nothing_in_the_store(make_sqlite_store) -> None:
    """At the store: a known id with other content is a conflict, and nothing is appended."""
    store = make_sqlite_store()
    store.append([asserted(n) for n in range(3)])
    events = list(store.read())
    other = make_sqlite_store()
    other.import_log(events[:2])
    forged = dataclasses.replace(events[1], actor="mallory")
    with pytest.raises(ConcurrencyConflict, match="different actor"):
        other.import_log([events[0], forged, events[2]])
    assert other.head() == 2


READ_ONLY_MOUNT = """
set -e
mount --bind "$1" "$1"
mount -o remount,bind,ro "$1"
shift
"$@"
"""


def in_read_only_folder(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run argv in a private mount namespace where `folder` is a read-only bind mount."""
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, "sh", str(folder), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"CLAIMS_LEDGER": str(folder / "claims.db"), "COLUMNS": "200"},
    )


def test_read_commands_work_on_a_read_only_filesystem(twelve: Path, claims_bin: str) -> None:
    """On a read-only filesystem (a read-only bind mount: root ignores folder permissions),
    read commands answer and verify is ok; a write is one clear line, exit 1."""
    probe = in_read_only_folder(twelve.parent, "true")
    if probe.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {probe.stderr.strip()}")
    for argv in (["totals"], ["verify"], ["log", "--limit", "1"]):
        result = in_read_only_folder(twelve.parent, claims_bin, *argv)
        assert result.returncode == 0, result.stderr
    assert "ok: 12 events" in in_read_only_folder(twelve.parent, claims_bin, "verify").stdout
    write = in_read_only_folder(twelve.parent, claims_bin, *claim_args(5))
    assert write.returncode == 1 and "read-only" in write.stderr
    assert len(write.stderr.strip().splitlines()) == 1


def test_reads_leave_the_file_byte_identical(twelve: Path, cli) -> None:
    """verify, totals and export leave the ledger file byte-identical."""
    digest = hashlib.sha256(twelve.read_bytes()).hexdigest()
    for argv in (["verify"], ["totals"], ["export"]):
        assert cli(*argv).exit_code == 0
    assert hashlib.sha256(twelve.read_bytes()).hexdigest() == digest
