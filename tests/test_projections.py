"""Projections: the pure fold, the totals rule, and replay == incremental catch-up."""

from __future__ import annotations

import ast
import itertools
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import (
    ArticleRecorded,
    ArticleRevised,
    ClaimAsserted,
    ClaimCorrected,
    ClaimRetracted,
    SourceAliased,
    encode,
)
from events.envelope import Envelope
from events.new_event import NewEvent
from ledger import Ledger
from ledger.projections import (
    TABLES,
    MemoryRows,
    fold,
    series,
    sources,
    totals,
    why_lost,
    winner,
)
from tests.conftest import make_claim

_positions = itertools.count(1)


def envelope(event: Any, stream: str = "s", position: int | None = None) -> Envelope:
    """Wrap a payload as a recorded event without a store (the fold needs no database)."""
    position = position or next(_positions)
    return Envelope(
        id=f"00000000-0000-0000-0000-{position:012d}",
        position=position,
        stream=stream,
        version=1,
        type=event.TYPE,
        schema_version=event.SCHEMA_VERSION,
        recorded_at="2026-01-01T00:00:00.000000Z",
        actor="test",
        idempotency_key=None,
        data=encode(event),
        prev_hash="0" * 64,
        hash="0" * 64,
    )


def replay(*events: Any) -> MemoryRows:
    rows = MemoryRows()
    for position, event in enumerate(events, 1):
        stream = getattr(event, "claim_id", None) or "s"
        if isinstance(event, ClaimAsserted):
            stream = event.claim.claim_id
        owner = rows.claim(event.claim_id) if hasattr(event, "claim_id") else None
        stream = owner["stream"] if owner else stream  # a claim's events come from its stream
        fold(rows, envelope(event, stream=stream, position=position))
    return rows


def asserted(n: int, **fields: Any) -> ClaimAsserted:
    return ClaimAsserted(claim=make_claim(n, **fields))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"as_of": "2023-04-01"}, {"as_of": "2023-04-02"}, 1),
        ({"as_of": "2023-04-03"}, {"as_of": "2023-04-02"}, 0),
        ({"qualifier": "exact"}, {"qualifier": "approx"}, 0),
        ({"qualifier": "at_least"}, {"qualifier": "approx"}, 1),
        ({"qualifier": "at_most"}, {"qualifier": "exact"}, 1),
        ({"qualifier": "approx"}, {"qualifier": "approx"}, 1),
        ({"period": "window"}, {"as_of": "2023-01-01"}, 1),
    ],
)
def test_winner_rule(a: dict[str, Any], b: dict[str, Any], expected: int) -> None:
    """Latest as_of wins; then exact > approx > at_least/at_most; then the later position."""
    rows = replay(asserted(0, **a), asserted(1, **b))
    (total,) = totals(rows.claims.values())
    assert total["claim_id"] == f"c_test{expected}"


def test_correction_changes_the_total() -> None:
    """A correction's new value is what the total shows."""
    rows = replay(
        asserted(0),
        ClaimCorrected(claim_id="c_test0", changes={"value": 175_000}, reason="typo"),
    )
    assert totals(rows.claims.values())[0]["value"] == 175_000


def test_retraction_removes_from_totals_and_the_next_stands() -> None:
    """A retracted claim leaves the totals; the next best claim stands in its place."""
    rows = replay(
        asserted(0, as_of="2023-04-01"),
        asserted(1, as_of="2023-04-02"),
        ClaimRetracted(claim_id="c_test1", reason="withdrawn"),
    )
    (total,) = totals(rows.claims.values())
    assert total["claim_id"] == "c_test0"
    assert why_lost(rows.claims["c_test1"], rows.claims["c_test0"]) == "retracted"


def test_aliases_merge_claimants() -> None:
    """After an alias, two names' claims compete in one group."""
    rows = replay(
        asserted(0, claimant="Ukrainian General Staff", as_of="2023-04-03"),
        asserted(1),
        SourceAliased(
            alias="Ukrainian General Staff",
            canonical="General Staff of the Armed Forces of Ukraine",
        ),
    )
    (total,) = totals(rows.claims.values())
    assert total["claim_id"] == "c_test0"
    assert total["claimant"] == "General Staff of the Armed Forces of Ukraine"


def test_alias_chains_resolve() -> None:
    """An alias of an alias resolves to the canonical name, and claims follow."""
    rows = replay(
        asserted(0, claimant="ZSU"),
        SourceAliased(alias="ZSU", canonical="Ukrainian army"),
        SourceAliased(alias="Ukrainian army", canonical="Armed Forces of Ukraine"),
    )
    assert rows.claims["c_test0"]["canonical_claimant"] == "Armed Forces of Ukraine"


def test_as_of_filter() -> None:
    """--as-of keeps only figures about dates up to that date."""
    rows = replay(asserted(0, as_of="2023-04-01"), asserted(1, as_of="2023-04-02"))
    assert totals(rows.claims.values(), as_of="2023-04-01")[0]["claim_id"] == "c_test0"
    assert totals(rows.claims.values(), as_of="2022-01-01") == []


def test_window_claims_are_not_totals() -> None:
    """Only cumulative figures become totals."""
    rows = replay(asserted(0, period="window", period_start="2023-03-27"))
    assert totals(rows.claims.values()) == []
    assert winner(rows.claims.values()) is None


TEXT = "Russia lost 174,550 troops and 3,618 tanks, the General Staff said."


def article_claims(text: str, **values: int) -> list[Any]:
    out = []
    for n, (metric, value) in enumerate(values.items()):
        quote = f"{value:,}"
        start = text.index(quote)
        out.append(
            make_claim(n, metric=metric, value=value, quote=quote, span=(start, start + len(quote)))
        )
    return out


def article(text: str, revision: int = 1, **values: int) -> Any:
    common = {
        "article_id": "a_1",
        "title": "t",
        "text": text,
        "content_sha256": "0" * 64,
        "extractor_version": "1",
        "claims": article_claims(text, **values),
    }
    if revision == 1:
        return ArticleRecorded(publisher="P", **common)
    return ArticleRevised(revision=revision, **common)


def test_article_revision_diffs_claims() -> None:
    """A revision that edits a figure records the change in that claim's life."""
    first = article(TEXT, personnel=174_550, tanks=3_618)
    text2 = TEXT.replace("174,550", "174,560")
    rows = replay(first, article(text2, revision=2, personnel=174_560, tanks=3_618))
    life = [e for e in rows.life if e["claim_id"] == "c_test0"]
    assert [e["kind"] for e in life] == ["asserted", "revised"]
    assert life[1]["detail"]["changes"]["value"] == [174_550, 174_560]
    assert [e["kind"] for e in rows.life if e["claim_id"] == "c_test1"] == ["asserted"]


def test_revision_that_drops_a_claim_withdraws_it() -> None:
    """A claim missing from a revision is withdrawn and leaves the totals."""
    rows = replay(
        article(TEXT, personnel=174_550, tanks=3_618),
        article(TEXT.replace("3,618 tanks", "tanks"), revision=2, personnel=174_550),
    )
    assert rows.claims["c_test1"]["status"] == "withdrawn"
    assert [t["metric"] for t in totals(rows.claims.values())] == ["personnel"]


def test_revision_that_drops_a_retracted_claim_keeps_it_retracted() -> None:
    """A retraction is never undone: a later revision that drops the claim leaves it retracted,
    not merely withdrawn."""
    rows = replay(
        article(TEXT, personnel=174_550, tanks=3_618),
        ClaimRetracted(claim_id="c_test1", reason="the claimant withdrew it"),
        article(TEXT.replace("3,618 tanks", "tanks"), revision=2, personnel=174_550),
    )
    assert rows.claims["c_test1"]["status"] == "retracted"
    assert [e["kind"] for e in rows.life if e["claim_id"] == "c_test1"] == [
        "asserted",
        "retracted",
    ]


def test_revision_keeps_a_correction_of_an_unchanged_claim() -> None:
    """An analyst's correction survives a revision that reads the claim as before."""
    rows = replay(
        article(TEXT, personnel=174_550),
        ClaimCorrected(claim_id="c_test0", changes={"value": 1}, reason="r"),
        article(TEXT + " Updated.", revision=2, personnel=174_550),
    )
    assert rows.claims["c_test0"]["value"] == 1


def test_sources_and_history_are_pure() -> None:
    """Sources and history are functions of the claim rows alone."""
    rows = replay(asserted(0, as_of="2023-04-01"), asserted(1, as_of="2023-04-02"))
    (source,) = sources(rows.claims.values())
    assert (source["claims"], source["first"], source["last"]) == (2, "2023-04-01", "2023-04-02")
    assert source["latest"][0]["claim_id"] == "c_test1"
    (line,) = series(rows.claims.values(), metric="personnel")
    assert [p["value"] for p in line["points"]] == [174_550, 174_551]


def test_correction_of_an_unknown_claim_changes_nothing() -> None:
    """The fold ignores events about claims it never saw, instead of failing."""
    rows = replay(ClaimRetracted(claim_id="c_ghost", reason="r"))
    assert rows.claims == {}


# -- the totals rule, pinned ------------------------------------------------------------------

SAME_DAY = "2023-04-02"


@pytest.mark.parametrize(
    ("first", "second", "winner_is"),
    [
        # (qualifier, as_of) of the claim at the earlier position, then of the later one.
        (("exact", SAME_DAY), ("approx", SAME_DAY), "first"),
        (("approx", SAME_DAY), ("exact", SAME_DAY), "second"),
        (("exact", SAME_DAY), ("at_least", SAME_DAY), "first"),
        (("exact", SAME_DAY), ("at_most", SAME_DAY), "first"),
        (("approx", SAME_DAY), ("at_least", SAME_DAY), "first"),
        (("approx", SAME_DAY), ("at_most", SAME_DAY), "first"),
        (("at_least", SAME_DAY), ("approx", SAME_DAY), "second"),
        (("at_most", SAME_DAY), ("approx", SAME_DAY), "second"),
        # at_least and at_most are equally specific: the later position wins, either way round
        (("at_least", SAME_DAY), ("at_most", SAME_DAY), "second"),
        (("at_most", SAME_DAY), ("at_least", SAME_DAY), "second"),
        # same qualifier: the later position
        (("exact", SAME_DAY), ("exact", SAME_DAY), "second"),
        (("at_most", SAME_DAY), ("at_most", SAME_DAY), "second"),
        # a later as_of beats any qualifier, whatever the positions
        (("at_most", "2023-04-03"), ("exact", SAME_DAY), "first"),
        (("exact", SAME_DAY), ("at_least", "2023-04-03"), "second"),
    ],
)
def test_totals_rule_table(
    make_sqlite_store, first: tuple[str, str], second: tuple[str, str], winner_is: str
) -> None:
    """Latest as_of; then exact > approx > at_least = at_most; then the later position. The
    same in the pure rule (`totals`, `winner`, time travel) and in the stored totals table."""
    rows = replay(
        asserted(0, qualifier=first[0], as_of=first[1]),
        asserted(1, qualifier=second[0], as_of=second[1]),
    )
    expected = "c_test0" if winner_is == "first" else "c_test1"
    (total,) = totals(rows.claims.values())
    assert total["claim_id"] == expected
    assert winner(rows.claims.values())["claim_id"] == expected
    ledger = Ledger(make_sqlite_store())
    for n, (qualifier, as_of) in enumerate((first, second)):  # one append each: catch-up
        claim = make_claim(n, qualifier=qualifier, as_of=as_of)
        ledger.append([NewEvent(stream=f"claim-c_test{n}", event=ClaimAsserted(claim=claim))])
    assert [t["claim_id"] for t in ledger.totals()] == [expected]
    assert [t["claim_id"] for t in ledger.totals(at=2)] == [expected]
    ledger.append([NewEvent(stream="sources", event=SourceAliased(alias="x", canonical="y"))])
    ledger.replay()  # a rebuild ranks by the same rule
    assert [t["claim_id"] for t in ledger.totals()] == [expected]


def test_a_claimant_correction_moves_the_claim_to_its_new_group(make_sqlite_store) -> None:
    """Correcting a claim's claimant takes it out of its old totals group (whose next claim
    stands) and into the new one, in memory, in the stored tables and after a rebuild."""
    old, new = "General Staff of the Armed Forces of Ukraine", "Armed Forces of Ukraine"
    ledger = Ledger(make_sqlite_store())
    ledger.append([asserted_event(0, as_of="2023-04-01"), asserted_event(1, as_of="2023-04-02")])
    fix = ClaimCorrected(claim_id="c_test1", changes={"claimant": new}, reason="misread")
    ledger.append([NewEvent(stream="claim-c_test1", event=fix)])
    expected = {(old, "c_test0"), (new, "c_test1")}
    assert {(t["claimant"], t["claim_id"]) for t in ledger.totals()} == expected
    memory = ledger.replay_in_memory()
    assert memory.claims["c_test1"]["canonical_claimant"] == new
    assert {(t["claimant"], t["claim_id"]) for t in totals(memory.claims.values())} == expected
    ledger.replay()
    assert {(t["claimant"], t["claim_id"]) for t in ledger.totals()} == expected


def test_replay_of_totals_clears_rows_the_claims_do_not_give(seeded_ledger, tmp_path) -> None:
    """`claims replay --projection totals` recomputes the table from nothing: a planted totals
    row of a group no claim belongs to is gone afterwards, and a falsified one is repaired."""
    ledger, path = seeded_ledger
    expected = ledger.totals()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO totals (claimant, subject, metric, value, qualifier, as_of, claim_id, "
            "position) VALUES ('Bogus', 'russia', 'tanks', 1, 'exact', '2023-01-01', 'c_x', 1)"
        )
        conn.execute("UPDATE totals SET value = 9999999 WHERE claimant != 'Bogus'")
    assert ledger.totals() != expected
    ledger.replay("totals")
    assert ledger.totals() == expected


@pytest.fixture
def seeded_ledger(make_sqlite_store, tmp_path):
    """A ledger with two groups of claims, its projection tables current."""
    path = tmp_path / "seeded.db"
    ledger = Ledger(make_sqlite_store(path))
    ledger.append([asserted_event(0), asserted_event(1, metric="tanks", value=3_618)])
    return ledger, path


def asserted_event(n: int, **fields: Any) -> NewEvent:
    """A NewEvent asserting claim n (with `fields`) on its own stream."""
    return NewEvent(stream=f"claim-c_test{n}", event=ClaimAsserted(claim=make_claim(n, **fields)))


# -- replay equals incremental catch-up, and both equal an independent model ------------------

CLAIMANTS = ["General Staff", "Armed Forces of Ukraine", "GS"]
QUALIFIERS = ["exact", "approx", "at_least", "at_most"]
DAYS = ["2023-04-01", "2023-04-02"]  # few days: ties on as_of are common
METRICS = ["personnel", "tanks"]
BASES_DRAWN = [None, "unknown", "killed", "killed_or_wounded"]  # None: recorded without one
SPECIFIC = {"exact": 3, "approx": 2, "at_least": 1, "at_most": 1}  # the rule, written again


class Model:
    """What the log means, written independently of the fold: claims by id (with status and
    position), the claimant aliases, and each article's claim fingerprints."""

    def __init__(self) -> None:
        self.claims: dict[str, dict[str, Any]] = {}
        self.streams: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self.articles: dict[str, dict[str, Any]] = {}

    def resolve(self, name: str) -> str:
        seen = {name}
        while name in self.aliases and self.aliases[name] not in seen:
            name = self.aliases[name]
            seen.add(name)
        return name

    def totals(self) -> list[tuple[Any, ...]]:
        best: dict[tuple[str, str, str, str], tuple[Any, ...]] = {}
        for claim_id, c in sorted(self.claims.items()):
            if c["status"] != "active" or c["period"] != "cumulative":
                continue
            key = (self.resolve(c["claimant"]), c["subject"], c["metric"], model_basis(c))
            rank = (c["as_of"], SPECIFIC[c["qualifier"]], c["position"])
            if key not in best or rank > best[key][0]:
                best[key] = (rank, claim_id, c["value"], c["qualifier"])
        return sorted((*key, cid, value, q) for key, (_, cid, value, q) in best.items())


def model_basis(c: dict[str, Any]) -> str:
    """The basis a claim's total is grouped by: a personnel figure's own, `unknown` when it
    has none; "" for other metrics (so the model's keys sort)."""
    if c["metric"] != "personnel":
        return ""
    return c.get("basis") or "unknown"


def claim_fields(draw: st.DrawFn, claim_id: str) -> dict[str, Any]:
    metric = draw(st.sampled_from(METRICS))
    basis = draw(st.sampled_from(BASES_DRAWN)) if metric == "personnel" else None
    return {
        "claim_id": claim_id,
        "claimant": draw(st.sampled_from(CLAIMANTS)),
        "subject": "russia",
        "metric": metric,
        "basis": basis,
        "value": draw(st.integers(0, 10**6)),
        "qualifier": draw(st.sampled_from(QUALIFIERS)),
        "period": draw(st.sampled_from(["cumulative", "cumulative", "cumulative", "window"])),
        "period_start": "2022-02-24",
        "as_of": draw(st.sampled_from(DAYS)),
    }


def article_event(article_id: str, revision: int, claims: list[dict[str, Any]]) -> Any:
    """An article whose text holds each claim's figure at its span."""
    text, made = "", []
    for c in claims:
        text += f"{c['claim_id']} said "
        quote = f"{c['value']:,}"
        made.append(make_claim(0, **c, quote=quote, span=(len(text), len(text) + len(quote))))
        text += quote + ". "
    common = {
        "article_id": article_id,
        "title": f"Article {article_id} r{revision}",
        "text": text,
        "content_sha256": f"{revision:064x}",
        "extractor_version": "1",
        "claims": made,
    }
    if revision == 1:
        return ArticleRecorded(publisher="P", **common)
    return ArticleRevised(revision=revision, **common)


def fingerprint(c: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted(c.items()))


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[list[NewEvent]], Model]:
    """Random batches the commands could write — hand claims, articles and their revisions
    (figures edited, dropped, kept), corrections (claimant, value, as_of, qualifier, also of
    article claims), retractions and alias declarations — and the model of what they mean."""
    model = Model()
    batches: list[list[NewEvent]] = []
    position = 0
    for _ in range(draw(st.integers(1, 6))):
        batch = []
        for _ in range(draw(st.integers(1, 4))):
            live = sorted(c for c, row in model.claims.items() if row["status"] != "retracted")
            kinds = ["assert", "article", "article", "alias"]
            kinds += ["correct", "correct", "retract"] if live else []
            kind = draw(st.sampled_from(kinds))
            made = _STEPS[kind](draw, model, live, position + 1)
            if made is not None:  # a step that would change nothing writes no event
                position += 1
                batch.append(made)
        if batch:
            batches.append(batch)
    return batches, model


Step = Callable[[st.DrawFn, Model, list[str], int], NewEvent | None]
"""One kind of event: drawn, recorded in the model; None when it would change nothing."""


def _assert_step(draw: st.DrawFn, model: Model, live: list[str], position: int) -> NewEvent:
    claim_id = f"c_h{len([c for c in model.claims if c.startswith('c_h')])}"
    fields = claim_fields(draw, claim_id)
    model.claims[claim_id] = dict(fields, status="active", position=position)
    model.streams[claim_id] = f"claim-{claim_id}"
    return NewEvent(stream=f"claim-{claim_id}", event=ClaimAsserted(claim=make_claim(0, **fields)))


def _article_step(draw: st.DrawFn, model: Model, live: list[str], position: int) -> NewEvent:
    article_id = f"a_{draw(st.integers(0, 1))}"
    known = model.articles.setdefault(article_id, {"revision": 0, "claims": {}})
    known["revision"] += 1
    claims = []
    for k in range(draw(st.integers(0, 3))):
        claim_id = f"c_{article_id}_{k}"
        previous = known["claims"].get(claim_id)
        if previous is not None and draw(st.booleans()):
            claims.append(previous)  # read as before
        else:
            claims.append(claim_fields(draw, claim_id))
    event = article_event(article_id, known["revision"], claims)
    stream = f"article-{article_id}"
    for fields in claims:
        claim_id = fields["claim_id"]
        before = model.claims.get(claim_id)
        same = claim_id in known["claims"] and fingerprint(
            known["claims"][claim_id]
        ) == fingerprint(fields)
        if before is not None and same:
            if before["status"] == "withdrawn":
                before.update(status="active", position=position)
        else:
            model.claims[claim_id] = dict(fields, status="active", position=position)
            model.streams[claim_id] = stream
    kept = {c["claim_id"] for c in claims}
    for claim_id in known["claims"]:
        row = model.claims[claim_id]
        if claim_id not in kept and row["status"] == "active":
            row.update(status="withdrawn", position=position)
    known["claims"] = {c["claim_id"]: c for c in claims} | {
        c: f for c, f in known["claims"].items() if c not in kept
    }
    return NewEvent(stream=stream, event=event)


def _correct_step(draw: st.DrawFn, model: Model, live: list[str], position: int) -> NewEvent | None:
    claim_id = draw(st.sampled_from(live))
    row = model.claims[claim_id]
    changes = draw(
        st.sampled_from(
            [
                {"claimant": draw(st.sampled_from(CLAIMANTS))},
                {"value": draw(st.integers(0, 10**6))},
                {"as_of": draw(st.sampled_from(DAYS))},
                {"qualifier": draw(st.sampled_from(QUALIFIERS))},
                {"basis": draw(st.sampled_from(BASES_DRAWN))}
                if row["metric"] == "personnel"
                else {},
            ]
        )
    )
    changes = {k: v for k, v in changes.items() if row[k] != v}
    if not changes:
        return None
    row.update(changes, position=position)
    event = ClaimCorrected(claim_id=claim_id, changes=changes, reason="r")
    return NewEvent(stream=model.streams[claim_id], event=event)


def _retract_step(draw: st.DrawFn, model: Model, live: list[str], position: int) -> NewEvent:
    claim_id = draw(st.sampled_from([c for c in live if c.startswith("c_h")] or live))
    model.claims[claim_id].update(status="retracted", position=position)
    event = ClaimRetracted(claim_id=claim_id, reason="r")
    return NewEvent(stream=model.streams[claim_id], event=event)


def _alias_step(draw: st.DrawFn, model: Model, live: list[str], position: int) -> NewEvent | None:
    alias, canonical = draw(st.permutations(CLAIMANTS))[:2]
    would = dict(model.aliases, **{alias: canonical})
    if model.aliases.get(alias) == canonical or _cycles(would):
        return None
    model.aliases[alias] = canonical
    return NewEvent(stream="sources", event=SourceAliased(alias=alias, canonical=canonical))


_STEPS: dict[str, Step] = {
    "assert": _assert_step,
    "article": _article_step,
    "correct": _correct_step,
    "retract": _retract_step,
    "alias": _alias_step,
}


def _cycles(aliases: dict[str, str]) -> bool:
    for name in aliases:
        seen = {name}
        while name in aliases:
            name = aliases[name]
            if name in seen:
                return True
            seen.add(name)
    return False


def dump(path: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every projection row, sorted, table by table."""
    with sqlite3.connect(path) as conn:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in TABLES
        }


def as_model(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Totals rows in the model's shape."""
    return sorted(
        (
            r["claimant"],
            r["subject"],
            r["metric"],
            r["basis"] or "",
            r["claim_id"],
            r["value"],
            r["qualifier"],
        )
        for r in rows
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories())
def test_replay_equals_incremental(make_sqlite_store, history) -> None:
    """Rows caught up batch by batch equal the rows of a rebuild from position 1, and both
    give the totals, claimants, values and statuses an independent model of the log gives."""
    batches, model = history
    store = make_sqlite_store()
    ledger = Ledger(store)
    for batch in batches:
        ledger.append(batch)
    incremental = dump(store.path)
    stored = {r["claim_id"]: r for r in ledger.read_model().claims()}
    assert as_model(ledger.totals()) == model.totals()
    ledger.replay()
    assert dump(store.path) == incremental
    memory = ledger.replay_in_memory()
    assert as_model(totals(memory.claims[c] for c in sorted(memory.claims))) == model.totals()
    for rows in (stored, memory.claims):
        assert set(rows) == set(model.claims)
        for claim_id, row in rows.items():
            want = model.claims[claim_id]
            assert row["status"] == want["status"], claim_id
            assert row["position"] == want["position"], claim_id
            assert row["canonical_claimant"] == model.resolve(want["claimant"]), claim_id
            for name in ("claimant", "value", "qualifier", "as_of", "metric"):
                assert row[name] == want[name], (claim_id, name)
            assert (row["basis"] or "") == model_basis(want), claim_id


def test_only_an_articles_own_stream_may_revise_it() -> None:
    """A revision of an article that comes from another stream changes neither the article
    nor its claims: the fold ignores it."""
    rows = MemoryRows()
    fold(rows, envelope(article(TEXT, personnel=174_550, tanks=3_618), stream="article-a_1"))
    before_article = dict(rows.article("a_1"))
    before_claims = {c: dict(r) for c, r in rows.claims.items()}
    forged = article(TEXT.replace("3,618 tanks", "tanks"), revision=2, personnel=174_550)
    fold(rows, envelope(forged, stream="mallory"))
    assert rows.article("a_1") == before_article
    assert rows.claims == before_claims


# -- the package's shape: one lazy entry point, readers apart from writers --------------------

PACKAGE = Path(__file__).resolve().parent.parent / "ledger" / "projections"
WRITERS = {"runner", "sqlite_rows", "views", "compare"}


def test_the_public_names_are_one_lazy_facade() -> None:
    """`ledger.projections` exports exactly its table of homes, each name resolves, and no
    module is named like an exported name (importing the module would hide the name)."""
    import ledger.projections as projections
    from ledger.projections import claims

    assert sorted(projections.__all__) == sorted(projections._HOMES)
    assert all(getattr(projections, name) is not None for name in projections.__all__)
    assert projections.fold is claims.apply
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert not modules & set(projections.__all__)


def test_importing_the_package_loads_no_module() -> None:
    """The façade loads a module only when one of its names is first used."""
    code = (
        "import sys, ledger.projections\n"
        "print(sorted(m for m in sys.modules if m.startswith('ledger.projections.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


@pytest.mark.parametrize("module", ["queries", "codecs", "tables", "base"])
def test_the_read_side_imports_no_writer(module: str) -> None:
    """Reading the tables never pulls in the code that writes them."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text())
    imported = {
        node.module.rsplit(".", 1)[-1]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not imported & WRITERS, imported & WRITERS


def test_no_module_grows_past_400_lines() -> None:
    """Each module owns one thing; a module past 400 lines is split."""
    sizes = {p.name: len(p.read_text().splitlines()) for p in PACKAGE.glob("*.py")}
    assert max(sizes.values()) <= 400, sizes


def test_a_group_read_by_its_index_equals_the_group_in_memory(make_sqlite_store) -> None:
    """`ReadModel.group` (what `show` ranks a claim in) is the same from the tables, by the
    group index, as from a replay in memory: every claim of the group, in claim-id order."""
    from events import ClaimAsserted
    from events.new_event import NewEvent
    from ledger.projections import MemoryReadModel, SQLiteReadModel, group_of
    from tests.conftest import make_claim

    ledger = Ledger(make_sqlite_store())
    claims = [
        make_claim(n).model_copy(update={"metric": metric, "subject": subject})
        for n, (metric, subject) in enumerate(
            [("tanks", "russia"), ("tanks", "russia"), ("afv", "russia"), ("tanks", "ukraine")]
        )
    ]
    ledger.append(
        [NewEvent(stream=f"claim-{c.claim_id}", event=ClaimAsserted(claim=c)) for c in claims]
    )
    stored = SQLiteReadModel(ledger.views)
    replayed = MemoryReadModel(ledger.replay_in_memory())
    keys = {group_of(row) for row in replayed.claims()}
    assert len(keys) == 3
    for key in keys:
        assert stored.group(key) == replayed.group(key)
        assert [r["claim_id"] for r in stored.group(key)] == sorted(
            r["claim_id"] for r in replayed.claims() if group_of(r) == key
        )


FIGURE_METRICS = ["tanks", "afv", "ships"]


@pytest.mark.parametrize("metric", FIGURE_METRICS)
def test_figures_and_names_agree_with_every_claim(make_sqlite_store, metric) -> None:
    """`figures` (what `history` reads) is `claims()` filtered, and `names` the distinct
    names `claims()` holds, from the tables as from a replay in memory."""
    from events import ClaimAsserted, ClaimRetracted
    from events.new_event import NewEvent
    from ledger.projections import MemoryReadModel, SQLiteReadModel
    from tests.conftest import make_claim

    ledger = Ledger(make_sqlite_store())
    claims = [
        make_claim(n).model_copy(update={"metric": metric, "subject": subject})
        for n, (metric, subject) in enumerate(
            [("tanks", "russia"), ("tanks", "russia"), ("afv", "russia"), ("tanks", "ukraine")]
        )
    ]
    ledger.append(
        [NewEvent(stream=f"claim-{c.claim_id}", event=ClaimAsserted(claim=c)) for c in claims]
    )
    gone = ClaimRetracted(claim_id=claims[1].claim_id, reason="withdrawn")
    ledger.append([NewEvent(stream=f"claim-{claims[1].claim_id}", event=gone)])
    for model in (SQLiteReadModel(ledger.views), MemoryReadModel(ledger.replay_in_memory())):
        every = model.claims()
        shown = [
            r
            for r in every
            if r["metric"] == metric and r["period"] == "cumulative" and r["status"] == "active"
        ]
        assert model.figures(metric) == shown
        assert metric != "tanks" or len(shown) == 2  # one of the three tanks claims is retracted
        names = {
            tuple(r[k] for k in ("canonical_claimant", "publisher", "subject", "metric", "basis"))
            for r in every
        }
        assert {tuple(r.values()) for r in model.names()} == names
        assert len(model.names()) == len(names)
