"""Tamper evidence: each edit of a stored event is found by `claims verify`, and found for what
it is, not because the edit left some other trace.

Every tamper here edits the file the way an attacker with write access would: it drops the
append-only triggers, edits, and puts each trigger back from its own stored definition, so the
guards `verify` checks are exactly the ones the ledger installed. A control test proves the
tamper alone leaves `verify` green. Then one test per hashed field, per chain link, for the
head event and for schema validation, each asserting the position `verify` names and why.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import ClaimCorrected, SourceAliased
from events.new_event import NewEvent
from ledger import Ledger
from ledger.store.hashing import GENESIS, canonical_json, chain_hash, envelope_hash, row_hash
from ledger.store.sqlite import SQLiteStore
from tests.conftest import Clock, Ids, asserted

ROOT = Path(__file__).resolve().parent.parent
MIDDLE = 3  # the source-aliased event: schema v2, stream "sources", an idempotency key
HEAD = 5
BROKEN_HASH = "does not match"  # the reason verify gives when a row's hash is not its fields


def build(path: Path) -> None:
    """Five events: two claims, an alias (v2, keyed), a correction, and a claim at the head."""
    with Ledger(SQLiteStore(path, clock=Clock(), new_id=Ids())) as ledger:
        ledger.append([asserted(0)])
        ledger.append([asserted(1, idempotency_key="k-2")])
        alias = SourceAliased(alias="ZSU", canonical="Armed Forces of Ukraine")
        ledger.append([NewEvent(stream="sources", event=alias, idempotency_key="k-3")])
        fix = ClaimCorrected(claim_id="c_test0", changes={"value": 174_000}, reason="typo")
        ledger.append([NewEvent(stream="claim-c_test0", event=fix)])
        ledger.append([asserted(2)])
        assert ledger.head() == HEAD


def row(path: Path, position: int) -> dict[str, Any]:
    """One stored event as a dict of its columns."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        found = conn.execute("SELECT * FROM events WHERE position = ?", (position,)).fetchone()
        return dict(found)


def hash_of(fields: dict[str, Any]) -> str:
    """The hash a stored row (columns as stored) should carry."""
    return row_hash({**fields, "data_json": fields["data"]})


def tamper(path: Path, edits: dict[int, dict[str, Any]]) -> None:
    """Edit stored events behind the ledger's back and leave every guard as it was: the
    triggers on `events` are read from sqlite_master, dropped, and recreated from their own
    stored SQL after the edit (whatever triggers the ledger installs)."""
    with sqlite3.connect(path, isolation_level=None) as conn:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
        ).fetchall()
        assert {name for name, _ in triggers} >= {"events_no_update", "events_no_delete"}
        conn.execute("BEGIN IMMEDIATE")
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        for position, changes in sorted(edits.items()):
            sets = ", ".join(f"{column} = ?" for column in changes)
            conn.execute(
                f"UPDATE events SET {sets} WHERE position = ?", (*changes.values(), position)
            )
        for _, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")


def rehashed(path: Path, position: int, **changes: Any) -> dict[str, Any]:
    """`changes` to one event plus the hash its new fields give: the event is self-consistent."""
    fields = row(path, position) | changes
    return changes | {"hash": hash_of(fields)}


def rechain(path: Path, start: int, **changes: Any) -> None:
    """Apply `changes` to the event at `start` and rewrite every hash and link from there to
    the head, so the whole chain is consistent again (only something else can catch it)."""
    edits: dict[int, dict[str, Any]] = {}
    prev = row(path, start - 1)["hash"] if start > 1 else GENESIS
    position = start
    while True:
        try:
            fields = row(path, position)
        except TypeError:  # past the head
            break
        fields |= changes if position == start else {}
        fields["prev_hash"] = prev
        fields["hash"] = prev = hash_of(fields)
        edits[position] = {k: fields[k] for k in ("prev_hash", "hash", *changes)}
        position += 1
    tamper(path, edits)


@pytest.fixture
def verify(cli, tmp_path: Path) -> Callable[[], dict[str, Any]]:
    """A ledger of five events in tmp_path/claims.db; returns a function running
    `claims verify --json` that also checks its exit code agrees with its report."""
    build(tmp_path / "claims.db")

    def run() -> dict[str, Any]:
        result = cli("verify", "--json")
        report = json.loads(result.stdout)
        assert result.exit_code == (0 if report["ok"] else 1), result.output
        return report

    assert run()["ok"]
    return run


def test_the_tamper_itself_leaves_no_trace(verify, tmp_path: Path) -> None:
    """Dropping the guards, rewriting a row with its own values and restoring the guards
    verifies: every failure below is the edit's, not the tamper's."""
    path = tmp_path / "claims.db"
    before = row(path, MIDDLE)
    tamper(path, {MIDDLE: {"actor": before["actor"], "data": before["data"]}})
    assert row(path, MIDDLE) == before
    assert verify()["ok"]


def _respelled(data: str) -> str:
    """The same JSON object, spelled with spaces: other bytes, equal content."""
    return json.dumps(json.loads(data), indent=1)


FIELD_EDITS: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    ("id", lambda r: "00000000-0000-0000-0000-00000000beef", BROKEN_HASH),
    ("position", lambda r: 30, "missing"),
    ("stream", lambda r: "sources-forged", BROKEN_HASH),
    ("version", lambda r: 7, BROKEN_HASH),
    ("type", lambda r: "claim-retracted", BROKEN_HASH),
    ("schema_version", lambda r: 1, BROKEN_HASH),  # a v1 alias upcasts: still a valid event
    ("recorded_at", lambda r: "2026-01-01T00:00:02.000001Z", BROKEN_HASH),
    ("actor", lambda r: "mallory", BROKEN_HASH),
    ("idempotency_key", lambda r: "k-forged", BROKEN_HASH),
    ("idempotency_key", lambda r: None, BROKEN_HASH),
    ("data", lambda r: r["data"].replace("Armed Forces of Ukraine", "Armed Forces of U"), ""),
    ("data", lambda r: _respelled(r["data"]), BROKEN_HASH),
    ("prev_hash", lambda r: "f" * 64, "prev_hash"),
    ("hash", lambda r: "e" * 64, BROKEN_HASH),
]


@pytest.mark.parametrize(
    ("field", "forge", "why"),
    FIELD_EDITS,
    ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(FIELD_EDITS)],
)
def test_a_changed_field_is_named_at_its_position(
    verify, tmp_path: Path, field: str, forge: Callable[[dict[str, Any]], Any], why: str
) -> None:
    """Changing one field of a middle event (and nothing else) fails verify at that event,
    for the reason that field is guarded by (the hash, the link, or the gapless positions)."""
    path = tmp_path / "claims.db"
    value = forge(row(path, MIDDLE))
    assert value != row(path, MIDDLE)[field]
    tamper(path, {MIDDLE: {field: value}})
    report = verify()
    assert not report["ok"]
    assert report["position"] == MIDDLE
    assert (why or BROKEN_HASH) in report["reason"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("actor", "mallory"), ("data", None), ("hash", "e" * 64), ("recorded_at", "2020-01-01")],
)
def test_a_changed_head_event_is_named(verify, tmp_path: Path, field: str, value: Any) -> None:
    """The last event is checked like every other: a verify that stops before the head fails."""
    path = tmp_path / "claims.db"
    if value is None:
        value = row(path, HEAD)["data"].replace("174552", "999999")
        assert value != row(path, HEAD)["data"]
    tamper(path, {HEAD: {field: value}})
    report = verify()
    assert (report["ok"], report["position"]) == (False, HEAD)
    assert BROKEN_HASH in report["reason"]


@pytest.mark.parametrize("field", ["actor", "recorded_at", "data", "id", "stream"])
def test_a_rehashed_event_breaks_the_link_to_the_next(verify, tmp_path: Path, field: str) -> None:
    """An edited event given its correct new hash is consistent by itself: the next event's
    prev_hash no longer matches, and verify names the next position."""
    path = tmp_path / "claims.db"
    values = {
        "actor": "mallory",
        "recorded_at": "2026-01-01T00:00:02.000001Z",
        "data": row(path, MIDDLE)["data"].replace("ZSU", "UAF"),
        "id": "00000000-0000-0000-0000-00000000beef",
        "stream": "sources-forged",
    }
    tamper(path, {MIDDLE: rehashed(path, MIDDLE, **{field: values[field]})})
    report = verify()
    assert (report["ok"], report["position"]) == (False, MIDDLE + 1)
    assert "prev_hash" in report["reason"]


def test_a_patched_link_breaks_the_next_events_hash(verify, tmp_path: Path) -> None:
    """Rehashing an edited event and pointing the next event's prev_hash at it (without
    rehashing that one) fails at the next event: prev_hash is part of what is hashed."""
    path = tmp_path / "claims.db"
    edit = rehashed(path, MIDDLE, actor="mallory")
    tamper(path, {MIDDLE: edit, MIDDLE + 1: {"prev_hash": edit["hash"]}})
    report = verify()
    assert (report["ok"], report["position"]) == (False, MIDDLE + 1)
    assert BROKEN_HASH in report["reason"]


@pytest.mark.parametrize("position", [1, MIDDLE, HEAD])
def test_a_forged_prev_hash_rehashed_is_named_at_its_own_position(
    verify, tmp_path: Path, position: int
) -> None:
    """An event whose prev_hash was replaced and whose hash was recomputed over it is named
    itself (its link is checked, not only its hash); at position 1 the link is the genesis."""
    path = tmp_path / "claims.db"
    tamper(path, {position: rehashed(path, position, prev_hash="a" * 64)})
    report = verify()
    assert (report["ok"], report["position"]) == (False, position)
    assert "prev_hash" in report["reason"]


@pytest.mark.parametrize(
    ("position", "edit", "why"),
    [
        (MIDDLE, lambda d: {**d, "bogus": 1}, "bogus"),
        (2, lambda d: {**d, "claim": {**d["claim"], "subject": "Russia!"}}, "subject"),
        (4, lambda d: {**d, "reason": ""}, "reason"),
    ],
)
def test_a_payload_that_fails_its_schema_is_named(
    verify, cli, tmp_path: Path, position: int, edit: Callable[[dict[str, Any]], Any], why: str
) -> None:
    """A stored payload that is valid JSON, correctly hashed and chained to the head, but not
    a valid event of its type, fails verify at its position: only schema validation sees it."""
    path = tmp_path / "claims.db"
    data = canonical_json(edit(json.loads(row(path, position)["data"])))
    rechain(path, position, data=data)
    assert cli("replay").exit_code == 0  # the read models fold the forged log as it now is
    report = verify()
    assert (report["ok"], report["position"]) == (False, position)
    assert why in report["reason"] and BROKEN_HASH not in report["reason"]


@pytest.mark.parametrize(
    "field",
    [
        "id",
        "position",
        "stream",
        "version",
        "type",
        "schema_version",
        "recorded_at",
        "actor",
        "idempotency_key",
        "data_json",
        "prev_hash",
    ],
)
def test_every_envelope_field_is_in_the_hash(field: str) -> None:
    """Changing any one field changes the hash (a field left out of it could be rewritten)."""
    fields: dict[str, Any] = {
        "id": "00000000-0000-0000-0000-000000000001",
        "position": 3,
        "stream": "sources",
        "version": 1,
        "type": "source-aliased",
        "schema_version": 2,
        "recorded_at": "2026-01-01T00:00:00.000000Z",
        "actor": "cli",
        "idempotency_key": "k",
        "data_json": '{"alias":"a","canonical":"b","kind":"claimant"}',
        "prev_hash": GENESIS,
    }
    other = {
        "id": "00000000-0000-0000-0000-000000000002",
        "position": 4,
        "stream": "sourcez",
        "version": 2,
        "type": "claim-retracted",
        "schema_version": 1,
        "recorded_at": "2026-01-01T00:00:00.000001Z",
        "actor": "cla",
        "idempotency_key": None,
        "data_json": '{"alias":"a","canonical":"c","kind":"claimant"}',
        "prev_hash": "1" * 64,
    }
    assert envelope_hash(**fields) != envelope_hash(**(fields | {field: other[field]}))


_FIELD_NAMES = ("id", "position", "stream", "version", "type", "schema_version")
_FIELD_NAMES += ("recorded_at", "actor", "idempotency_key", "data_json", "prev_hash")
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))  # JSON has no lone surrogates


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(
        _TEXT,
        st.integers(1, 2**62),
        _TEXT,
        st.integers(1, 2**62),
        _TEXT,
        st.integers(1, 9),
        _TEXT,
        _TEXT,
        st.none() | _TEXT,
        st.dictionaries(_TEXT, st.integers(-(2**53), 2**53) | _TEXT).map(canonical_json),
        _TEXT,
    )
)
def test_the_append_path_hashes_exactly_as_the_spec(values: tuple[Any, ...]) -> None:
    """`chain_hash` (positional, what appends call) gives `envelope_hash`'s hash for every
    field: the stored chain cannot drift from what `verify` recomputes."""
    assert chain_hash(*values) == envelope_hash(**dict(zip(_FIELD_NAMES, values, strict=True)))


def test_the_field_table_covers_every_column(tmp_path: Path) -> None:
    """The per-field table above names every column of `events`: a new column needs a test."""
    build(tmp_path / "claims.db")
    assert set(row(tmp_path / "claims.db", 1)) == {f for f, _, _ in FIELD_EDITS}


def test_reliability_doc_cites_only_tests_that_exist() -> None:
    """Every `tests/...::name` docs/reliability.md cites is a test function in that file
    (a parametrized id, `name[...]`, counts as its function)."""
    doc = (ROOT / "docs" / "reliability.md").read_text()
    cited = re.findall(r"`(tests/[\w/]+\.py)::(\w+)(?:\[[^\]`]*\])?`", doc)
    assert len(cited) >= 30
    for path, name in cited:
        source = (ROOT / path).read_text()
        assert re.search(rf"^\s*def {name}\(", source, flags=re.M), (path, name)
