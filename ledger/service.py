"""The Ledger: the imperative shell around the store — what a command asks for, in one call.

Owns: turning user input into events (assert a claim, append a raw event), reading the log,
verification, export and import, choosing the backend (`Ledger.open`: a file path is SQLite,
a `postgresql://` URL is PostgreSQL) and where the read models live: in the SQLite ledger
file itself, caught up inside each append's transaction; for a shared PostgreSQL log, in a
local views file that catches up after each append and before each read. Clock and ids are
injected through the store, so tests are deterministic. Imports: `events`, `ledger.store`,
`ledger.projections`, `ledger.hashing`, `ledger.errors`; `ledger.store_postgres` (and so
psycopg) only when a PostgreSQL ledger is opened.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson
from pydantic import ValidationError

from events import (
    CORRECTABLE_FIELDS,
    EVENT_TYPES,
    ArticleRecorded,
    ArticleRevised,
    Claim,
    ClaimAsserted,
    ClaimCorrected,
    ClaimRetracted,
    Event,
    InvalidEvent,
    SourceAliased,
    UnknownEventType,
    decode,
    describe,
)
from events.envelope import Envelope, NewEvent
from ledger.articles import ArticleOptions, ArticleSource, read_articles
from ledger.errors import ConcurrencyConflict, InvalidInput, LedgerError, NotFound
from ledger.exchange import bounded_lines, export_header, parse_export
from ledger.hashing import GENESIS, canonical_json, first_break, row_hash
from ledger.projections import claims as claims_fold
from ledger.projections import runner
from ledger.projections.base import PROJECTION_VERSIONS
from ledger.projections.history import life_of, series
from ledger.projections.memory import MemoryRows
from ledger.projections.queries import MemoryReadModel, ReadModel, SQLiteReadModel
from ledger.projections.sources import By, sources
from ledger.projections.totals import totals, why_lost, winner
from ledger.store import EventStore, ImportResult, Recorded, SQLiteStore, gc_paused

if TYPE_CHECKING:
    from ledger.ingest.pipeline import IngestResult

# Article ingestion (its extractor compiles many patterns), the data-set parser and the audit
# rules are imported by the methods that use them: commands that do not, start faster.

DEFAULT_VIEWS = "claims-views.db"
"""Where `Ledger.open` keeps the read models of a PostgreSQL log unless told otherwise."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Where verification found the log broken, and why."""

    position: int
    reason: str


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The outcome of `claims verify`."""

    events: int
    head: int
    problem: Problem | None

    @property
    def ok(self) -> bool:
        """True when the chain, the guards and every event check out."""
        return self.problem is None


def claim_stream(claim_id: str) -> str:
    """Return the stream of a claim asserted on its own (not read from an article)."""
    return f"claim-{claim_id}"


def asserted_claim_id(fields: dict[str, Any]) -> str:
    """Derive a claim id from the claim's content, so the same assertion twice is one claim."""
    digest = hashlib.sha256(canonical_json(fields).encode()).hexdigest()
    return f"c_{digest[:16]}"


def default_stream(event: Event) -> str | None:
    """Return the stream an event belongs to when the caller does not name one."""
    if isinstance(event, ClaimAsserted):
        return claim_stream(event.claim.claim_id)
    if isinstance(event, ArticleRecorded | ArticleRevised):
        return f"article-{event.article_id}"
    if isinstance(event, SourceAliased):
        return "sources"
    return None


def utc_today() -> date:
    """Return today's date in UTC: the as-of date of last resort for an undated article."""
    return datetime.now(UTC).date()


def is_postgres_url(target: str) -> bool:
    """True when a `--ledger` value names a PostgreSQL database rather than a file."""
    return target.startswith(("postgresql://", "postgres://"))


class Ledger:
    """One claim ledger: append events, read them back, verify, export and import.

    Read models: with a `SQLiteStore` they live in the ledger file and catch up inside each
    append's transaction. With any other store (PostgreSQL) they live in `views`, a local
    SQLite file (in memory when not given) that catches up from the log after each append, in
    its own transaction, and before each read.
    """

    def __init__(
        self,
        store: EventStore,
        *,
        views: str | os.PathLike[str] | None = None,
        today: Callable[[], date] = utc_today,
    ) -> None:
        self.store = store
        self.today = today
        self.views_path = os.fspath(views) if views is not None else ":memory:"
        self._views: sqlite3.Connection | None = None
        self.local_views = isinstance(store, SQLiteStore)
        if isinstance(store, SQLiteStore):
            # Read models live in the same file and catch up inside each append's transaction.
            def observe(conn: Any, created: list[Envelope], before: int) -> None:
                runner.catch_up(conn, created, before=before, read_all=store.read_records)

            store.observers.append(observe)

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str],
        *,
        readonly: bool = False,
        views: str | os.PathLike[str] | None = None,
    ) -> Ledger:
        """Open the ledger at `target`: a SQLite file (created on first write), or a
        `postgresql://` URL, whose read models are kept in the local file `views`."""
        name = os.fspath(target)
        if not is_postgres_url(name):
            return cls(SQLiteStore(name, readonly=readonly))
        try:
            from ledger.store_postgres import PostgresStore
        except ImportError as exc:
            if not (exc.name or "").startswith("psycopg"):
                raise
            raise InvalidInput(
                "a postgresql:// ledger needs the PostgreSQL driver: "
                "pip install 'claim-ledger[postgres]'"
            ) from None
        ledger = cls(PostgresStore(name, readonly=readonly), views=views or DEFAULT_VIEWS)
        try:
            ledger.views  # noqa: B018 - a bad views path is refused before anything is written
        except BaseException:
            ledger.close()
            raise
        return ledger

    @property
    def views(self) -> sqlite3.Connection:
        """The connection holding the read models (for a shared log: the local views file)."""
        if isinstance(self.store, SQLiteStore):
            return self.store.conn
        if self._views is None:
            self._views = runner.open_views(self.views_path)
        return self._views

    def sync_views(self, *, created: list[Envelope] | None = None) -> int:
        """Catch the local views of a shared log up with it; return the position reached."""
        where = getattr(self.store, "path", "the log")
        return runner.sync_views(self.views, self.store, ledger=where, created=created)[1]

    def _after_write(self, results: Sequence[Recorded]) -> None:
        """After an append to a shared log, fold what it wrote into the local views. The log
        has the events whatever happens here: views that fail now catch up on the next read."""
        if self.local_views:
            return
        created = [r.envelope for r in results if r.created]
        if not created:
            return
        with contextlib.suppress(LedgerError):
            self.sync_views(created=created)

    def close(self) -> None:
        """Release the store (and the local views)."""
        if self._views is not None:
            self._views.close()
            self._views = None
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def assert_claim(
        self,
        fields: dict[str, Any],
        *,
        url: str | None = None,
        note: str | None = None,
        actor: str = "cli",
    ) -> Recorded:
        """Record one hand-entered claim as `ClaimAsserted`; the same claim twice writes once."""
        fields = {k: v for k, v in fields.items() if v is not None}
        try:
            draft = Claim.model_validate({"claim_id": "c_draft", **fields})
            content = draft.model_dump(mode="json", exclude={"claim_id"})
            claim_id = asserted_claim_id(content | {"url": url})
            event = ClaimAsserted(
                claim=draft.model_copy(update={"claim_id": claim_id}), url=url, note=note
            )
        except ValidationError as exc:
            raise InvalidInput(f"invalid claim: {describe(exc)}") from None
        return self._append_one(
            NewEvent(
                stream=claim_stream(claim_id),
                event=event,
                expected_version=0,
                actor=actor,
                idempotency_key=f"claim-asserted:{claim_id}",
            )
        )

    def append_event_document(self, document: Any, *, actor: str = "cli") -> Recorded:
        """Append one event given as a JSON document `{type, data, [schema_version, stream,
        expected_version, idempotency_key, actor]}`, validated like everything else."""
        if not isinstance(document, dict):
            raise InvalidInput("an event must be a JSON object with `type` and `data`")
        allowed = {"type", "schema_version", "data", "stream", "expected_version"}
        allowed |= {"idempotency_key", "actor"}
        unknown = sorted(set(document) - allowed)
        if unknown:
            raise InvalidInput(f"unknown event field(s): {', '.join(unknown)}")
        type_name = document.get("type")
        if not isinstance(type_name, str) or type_name not in EVENT_TYPES:
            known = ", ".join(EVENT_TYPES)
            raise InvalidInput(f"unknown event type {type_name!r} (known: {known})")
        version = document.get("schema_version", EVENT_TYPES[type_name].SCHEMA_VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise InvalidInput("schema_version must be a positive integer")
        data = document.get("data")
        if not isinstance(data, dict):
            raise InvalidInput("`data` must be a JSON object")
        try:
            event = decode(type_name, version, data, new=True)
        except (InvalidEvent, UnknownEventType) as exc:
            raise InvalidInput(str(exc)) from None
        key = document.get("idempotency_key")
        if isinstance(key, str) and (known := self.store.find_by_key(key)) is not None:
            return Recorded(known, created=False)  # the same request again: nothing to check
        stream, expected = self._raw_rules(
            event, document.get("stream") or None, document.get("expected_version")
        )
        try:
            item = NewEvent(
                stream=stream,
                event=event,
                expected_version=expected,
                actor=document.get("actor") or actor,
                idempotency_key=key,
            )
        except ValidationError as exc:
            raise InvalidInput(f"invalid event envelope: {describe(exc)}") from None
        return self._append_one(item)

    def _raw_rules(self, event: Event, stream: Any, expected: Any) -> tuple[Any, Any]:
        """Hold a raw event to the rules of the command that writes its type; return the
        stream it goes on and the expected version it is appended under.

        A correction or retraction needs a claim that exists and is not retracted, and goes
        on that claim's own stream; an assertion may not reuse a claim id; an alias obeys
        `alias`'s checks on the `sources` stream. Without an expected version, the stream's
        current one is taken: the append is refused if the stream moves meanwhile.
        """
        if isinstance(stream, str) and isinstance(expected, int):
            current = self.store.stream_version(stream)
            if current != expected:  # a stale writer is told so first, as the store would
                raise ConcurrencyConflict(
                    f"stream {stream} is at version {current}, "
                    f"not {expected}: it changed since it was read"
                )
        if isinstance(event, ClaimCorrected | ClaimRetracted):
            row = self.read_model().claim(event.claim_id)
            if row is None:
                raise InvalidInput(
                    f"no claim {event.claim_id} in this ledger: a {event.TYPE} event must name "
                    "an existing claim, and goes on that claim's stream"
                )
            if stream is not None and stream != row["stream"]:
                raise InvalidInput(
                    f"claim {event.claim_id} belongs to stream {row['stream']}, not {stream}"
                )
            stream = row["stream"]
            if isinstance(event, ClaimCorrected):
                self._check_correction(event.claim_id, row, event.changes)
            elif row["status"] == "retracted":
                raise InvalidInput(f"claim {event.claim_id} is already retracted")
        elif isinstance(event, ClaimAsserted):
            existing = self.read_model().claim(event.claim.claim_id)
            if existing is not None:
                raise InvalidInput(
                    f"claim {event.claim.claim_id} already exists (on stream "
                    f"{existing['stream']}); change it with `claims correct`"
                )
        elif isinstance(event, SourceAliased):
            if stream is not None and stream != "sources":
                raise InvalidInput(f"a source-aliased event goes on stream sources, not {stream}")
            self._check_alias(event)
        if stream is None:
            stream = default_stream(event)
            if stream is None:
                raise InvalidInput(f"a {event.TYPE} event needs a `stream`")
        if expected is None and isinstance(stream, str):
            expected = self.store.stream_version(stream)
        return stream, expected

    def _check_correction(
        self, claim_id: str, row: dict[str, Any], changes: dict[str, Any]
    ) -> dict[str, Any]:
        """Refuse a correction of a retracted claim, or one that changes nothing or leaves
        an invalid claim; return the changes that do change something."""
        if row["status"] == "retracted":
            raise InvalidInput(f"claim {claim_id} is retracted; nothing to correct")
        changes = {k: v for k, v in changes.items() if row.get(k) != v}
        if not changes:
            raise InvalidInput("nothing to correct: give at least one changed field")
        try:
            current = {k: row[k] for k in CORRECTABLE_FIELDS} | {"claim_id": claim_id}
            Claim.model_validate(current | changes | {"quote": row["quote"]})
        except ValidationError as exc:
            raise InvalidInput(f"invalid correction: {describe(exc)}") from None
        return changes

    def _check_alias(self, event: SourceAliased) -> None:
        """Refuse an alias already declared, or one that would make a cycle."""
        current = self.read_model().aliases(event.kind)
        if current.get(event.alias) == event.canonical:
            raise InvalidInput(f"{event.alias!r} is already an alias of {event.canonical!r}")
        if claims_fold.resolve(event.canonical, current | {event.alias: event.canonical}) == (
            event.alias
        ):
            raise InvalidInput(
                f"aliasing {event.alias!r} to {event.canonical!r} would make a cycle"
            )

    def append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        """Append a batch atomically (the entry point for ingestion and data sets)."""
        results = self.store.append(batch)
        self._after_write(results)
        return results

    def _append_one(self, item: NewEvent) -> Recorded:
        return self.append([item])[0]

    # -- articles ----------------------------------------------------------------------------

    def ingest(
        self,
        source: ArticleSource,
        options: ArticleOptions | None = None,
        *,
        dry_run: bool = False,
        actor: str = "cli",
    ) -> Iterator[IngestResult]:
        """Record each article as one event (new or revised), each in its own transaction."""
        from ledger.ingest.pipeline import Ingestor, IngestResult

        ingestor = Ingestor(self.store, self.append, today=self.today(), actor=actor)
        for item in read_articles(source, options or ArticleOptions()):
            if isinstance(item, IngestResult):
                yield item
                continue
            try:
                yield ingestor.ingest(item, dry_run=dry_run)
            except InvalidInput as exc:
                yield IngestResult(source=item.source, status="failed", error=str(exc))

    # -- claims by hand: corrections, retractions, aliases -----------------------------------

    def _owned_claim(self, claim_id: str) -> tuple[dict[str, Any], int]:
        """Return a claim's row and its stream's current version, or raise NotFound."""
        row = self.read_model().claim(claim_id)
        if row is None:
            raise NotFound(f"no claim {claim_id} in this ledger (see `claims totals` or `log`)")
        return row, self.store.stream_version(row["stream"])

    def correct(
        self, claim_id: str, changes: dict[str, Any], *, reason: str, actor: str = "cli"
    ) -> Recorded:
        """Record a ClaimCorrected on the claim's own stream (optimistic concurrency)."""
        changes = {k: v for k, v in changes.items() if v is not None}
        row, version = self._owned_claim(claim_id)
        changes = self._check_correction(claim_id, row, changes)
        try:
            event = ClaimCorrected(claim_id=claim_id, changes=changes, reason=reason)
        except ValidationError as exc:
            raise InvalidInput(f"invalid correction: {describe(exc)}") from None
        item = NewEvent(stream=row["stream"], event=event, expected_version=version, actor=actor)
        return self._append_one(item)

    def retract(self, claim_id: str, *, reason: str, actor: str = "cli") -> Recorded:
        """Record a ClaimRetracted on the claim's own stream."""
        row, version = self._owned_claim(claim_id)
        if row["status"] == "retracted":
            raise InvalidInput(f"claim {claim_id} is already retracted")
        try:
            event = ClaimRetracted(claim_id=claim_id, reason=reason)
        except ValidationError as exc:
            raise InvalidInput(f"invalid retraction: {describe(exc)}") from None
        item = NewEvent(stream=row["stream"], event=event, expected_version=version, actor=actor)
        return self._append_one(item)

    def alias(
        self, alias: str, canonical: str, *, kind: str = "claimant", actor: str = "cli"
    ) -> Recorded:
        """Declare that `alias` names the same source as `canonical`."""
        try:
            event = SourceAliased(alias=alias, canonical=canonical, kind=kind)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise InvalidInput(f"invalid alias: {describe(exc)}") from None
        self._check_alias(event)
        stream = "sources"
        version = self.store.stream_version(stream)
        item = NewEvent(stream=stream, event=event, expected_version=version, actor=actor)
        return self._append_one(item)

    # -- reference data ------------------------------------------------------------------------

    def import_dataset(
        self,
        paths: Sequence[str],
        *,
        fmt: str = "gs-daily",
        actor: str = "cli",
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Import the General Staff's daily figures as claims, in one atomic batch.

        New figures become ClaimAsserted; figures the source has since rewritten become
        ClaimCorrected; unchanged ones write nothing. A declared correction rides in the
        provenance of the figure it explains, so audit can tell re-counts from new losses.
        """
        from ledger import dataset

        if fmt != "gs-daily":
            raise InvalidInput(f"unknown data set format {fmt!r} (known: gs-daily)")
        data = dataset.load_gs_daily(paths)
        declared: dict[str, int] = {}
        for correction in data.declared_corrections():
            declared[correction.claim_id] = declared.get(correction.claim_id, 0) + correction.delta
        existing = {
            row["claim_id"]: (row["value"], row["qualifier"])
            for row in self.read_model().claims()
            if row["origin"] == "dataset"
        }
        plan = dataset.plan_import(existing, data.figures())
        batch: list[NewEvent] = []
        for figure in plan.new:
            claim_id = figure.claim.claim_id
            provenance = dict(figure.provenance)
            if claim_id in declared:
                provenance["declared_correction"] = str(declared[claim_id])
            batch.append(
                NewEvent(
                    stream=claim_stream(claim_id),
                    event=ClaimAsserted(claim=figure.claim, provenance=provenance),
                    expected_version=0,
                    actor=actor,
                    idempotency_key=f"{fmt}:{claim_id}",
                )
            )
        for fix in plan.corrections:
            stream = claim_stream(fix.claim_id)
            event = ClaimCorrected(claim_id=fix.claim_id, changes=fix.changes, reason=fix.reason)
            version = self.store.stream_version(stream)
            batch.append(
                NewEvent(stream=stream, event=event, expected_version=version, actor=actor)
            )
        written = [] if dry_run or not batch else self.append(batch)
        created = [r.envelope.position for r in written if r.created]
        return {
            "format": fmt,
            "files": sorted(data.source_files.values()),
            "figures": len(plan.new) + len(plan.corrections) + plan.unchanged,
            "new": len(plan.new),
            "corrected": len(plan.corrections),
            "unchanged": plan.unchanged,
            "absent": len(plan.absent),
            "declared_corrections": len(declared),
            "written": len(created),
            "positions": [min(created), max(created)] if created else None,
            "dry_run": dry_run,
        }

    # -- audit -------------------------------------------------------------------------------

    def check(self, *, at: int | None = None) -> list[dict[str, Any]]:
        """Return the consistency findings over every active claim."""
        from ledger import audit

        return audit.check(self.read_model(at=at).claims())

    def audit_claim(self, claim_id: str) -> dict[str, Any]:
        """Return the evidence chain of one claim: events, article, sentence, later changes."""
        shown = self.show(claim_id)
        events = []
        for entry in shown["events"]:
            envelope = self.event_at(entry["position"])
            row = envelope.model_dump()
            row["data_json"] = canonical_json(row.pop("data"))
            intact = row_hash(row) == envelope.hash
            events.append(
                entry
                | {
                    "event_id": envelope.id,
                    "event_type": envelope.type,
                    "stream": envelope.stream,
                    "hash": envelope.hash,
                    "prev_hash": envelope.prev_hash,
                    "hash_ok": intact,
                }
            )
        return shown | {"events": events}

    def audit_total(
        self,
        *,
        metric: str,
        claimant: str | None = None,
        subject: str | None = None,
        as_of: str | None = None,
    ) -> list[dict[str, Any]]:
        """Explain each matching total: the claim that stands and why each competitor lost."""
        from events import METRICS
        from ledger import audit

        if metric not in METRICS:
            raise InvalidInput(f"unknown metric {metric!r} (one of: {', '.join(METRICS)})")
        as_of = _iso(as_of, "--as-of")
        model = self.read_model()
        wanted = self._claimant_filter(model, claimant)
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for row in model.claims():
            if row["metric"] != metric:
                continue
            if wanted is not None and row["canonical_claimant"] != wanted:
                continue
            if subject is not None and row["subject"] != subject:
                continue
            key = (row["canonical_claimant"], row["subject"], row["metric"])
            groups.setdefault(key, []).append(row)
        if not groups:
            raise NotFound(f"no claims of metric {metric} match")
        out = []
        for (name, subj, _), rows in sorted(groups.items()):
            explained = audit.explain_total(rows, as_of=as_of)
            won = explained["winner"]
            out.append(
                {
                    "claimant": name,
                    "subject": subj,
                    "metric": metric,
                    "as_of": as_of,
                    "total": public_claim(won) if won else None,
                    "competitors": [
                        {"claim": public_claim(c["claim"]), "why": c["why"]}
                        for c in explained["competitors"]
                    ],
                }
            )
        return out

    # -- read models ---------------------------------------------------------------------------

    def read_model(self, *, at: int | None = None) -> ReadModel:
        """Return the read models as of the head (or as the log stood at position `at`).

        Tables that lag the log (written by an older release, or by a writer that crashed
        between commits) are not trusted: the log is replayed in memory instead.
        """
        if at is not None:
            if at < 0:
                raise InvalidInput("--at must be a position >= 0")
            head = self.store.head()
            return MemoryReadModel(self.replay_in_memory(stop=min(at, head)))
        if not self.local_views:  # a shared log: catch the local views up, read them
            head = self.sync_views()
            if head == 0 or not runner.is_current(self.views, head):
                return MemoryReadModel(self.replay_in_memory(stop=head))
            return SQLiteReadModel(self.views)
        head = self.store.head()
        if head == 0:  # an empty log, or no file yet: reading it must not create one
            return MemoryReadModel(self.replay_in_memory())
        conn = getattr(self.store, "conn", None) if isinstance(self.store, SQLiteStore) else None
        if conn is None or not runner.is_current(conn, head):
            return MemoryReadModel(self.replay_in_memory())
        return SQLiteReadModel(conn)

    def replay_in_memory(self, *, stop: int | None = None) -> MemoryRows:
        """Fold the log (up to `stop`) into fresh in-memory rows."""
        rows = MemoryRows()
        if stop == 0:
            return rows
        for event in self.store.read(stop=stop):
            claims_fold.apply(rows, event)
        return rows

    def replay(self, projection: str | None = None) -> tuple[int, int]:
        """Rebuild projections from position 1; return (events, head). For a shared log, that
        is the local views file, rebuilt from the shared log.

        `projection="totals"` recomputes only the totals, from the claims rows; `"claims"` (or
        None) refolds the whole log, totals included, since they derive from it.
        """
        if projection not in (None, *runner.PROJECTION_NAMES):
            names = ", ".join(runner.PROJECTION_NAMES)
            raise InvalidInput(f"unknown projection {projection!r} (known: {names})")
        if not isinstance(self.store, SQLiteStore):
            where = getattr(self.store, "path", "the log")
            return runner.sync_views(self.views, self.store, ledger=where, rebuild_all=True)
        with self.store.transaction() as conn:
            if projection == "totals" and runner.is_current(conn, self.store.head()):
                runner.rebuild_totals(conn)
                return 0, self.store.head()
            return runner.rebuild(conn, self.store.read_records())

    def totals(
        self,
        *,
        subject: str | None = None,
        metric: str | None = None,
        claimant: str | None = None,
        as_of: str | None = None,
        at: int | None = None,
    ) -> list[dict[str, Any]]:
        """Return the standing cumulative figure per (claimant, subject, metric)."""
        as_of = _iso(as_of, "--as-of")
        model = self.read_model(at=at)
        stored = model.stored_totals() if as_of is None else None
        rows = stored if stored is not None else totals(model.claims(), as_of=as_of)
        wanted = self._claimant_filter(model, claimant)
        return [
            r
            for r in rows
            if (subject is None or r["subject"] == subject)
            and (metric is None or r["metric"] == metric)
            and (wanted is None or r["claimant"] == wanted)
        ]

    def _claimant_filter(self, model: ReadModel, claimant: str | None) -> str | None:
        """Let a user name a claimant by any of its aliases."""
        if claimant is None:
            return None
        return claims_fold.resolve(claimant, model.aliases("claimant"))

    def sources(
        self, *, by: By = "claimant", name: str | None = None, at: int | None = None
    ) -> list[dict[str, Any]]:
        """Summarise claims per claimant or per publisher."""
        model = self.read_model(at=at)
        rows = sources(model.claims(), by=by, publisher_aliases=model.aliases("publisher"))
        if name is not None:
            wanted = claims_fold.resolve(name, model.aliases(by))
            rows = [r for r in rows if r["name"].casefold() == wanted.casefold()]
            if not rows:
                raise NotFound(f"no {by} named {name!r}")
        return rows

    def history(
        self,
        metric: str,
        *,
        claimant: str | None = None,
        subject: str | None = None,
        at: int | None = None,
    ) -> list[dict[str, Any]]:
        """Return the series of figures of a metric over time, per claimant and subject."""
        from events import METRICS

        if metric not in METRICS:
            raise InvalidInput(f"unknown metric {metric!r} (one of: {', '.join(METRICS)})")
        model = self.read_model(at=at)
        wanted = self._claimant_filter(model, claimant)
        return series(model.claims(), metric=metric, claimant=wanted, subject=subject)

    def show(self, claim_id: str, *, at: int | None = None) -> dict[str, Any]:
        """Return a claim, the sentence its quote stands in, its article and its life."""
        from ledger.ingest.extract import sentence_at

        model = self.read_model(at=at)
        row = model.claim(claim_id)
        if row is None:
            raise NotFound(f"no claim {claim_id} in this ledger")
        article = model.article(row["article_id"]) if row["article_id"] else None
        sentence = None
        if article is not None and row.get("span"):
            event = self.event_at(article["position"])
            sentence = sentence_at(event.data["text"], row["span"])
        group = [r for r in model.claims() if _same_group(r, row)]
        won = winner(group)
        return {
            "claim": public_claim(row),
            "status": row["status"],
            "total": {
                "stands": won is not None and won["claim_id"] == claim_id,
                "why_not": None
                if won is not None and won["claim_id"] == claim_id
                else why_lost(row, won),
            },
            "sentence": sentence,
            "article": article,
            "events": life_of(model.life(claim_id)),
        }

    # -- reading -----------------------------------------------------------------------------

    def log(
        self,
        *,
        start: int = 1,
        stop: int | None = None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> Iterator[Envelope]:
        """Stream the log in position order, filtered."""
        unknown = [t for t in types or () if t not in EVENT_TYPES]
        if unknown:
            raise InvalidInput(f"unknown event type {unknown[0]!r}")
        events = self.store.read(start=start, stop=stop, stream=stream, types=types)
        for count, envelope in enumerate(events):
            if limit is not None and count >= limit:
                return
            yield envelope

    def head(self) -> int:
        """Return the last position of the log."""
        return self.store.head()

    def event_at(self, position: int) -> Envelope:
        """Return the event at a position."""
        for envelope in self.store.read(start=position, stop=position):
            return envelope
        raise NotFound(f"no event at position {position}")

    # -- verifying ---------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Check everything the log and the ledger's own records say, and stop at the first
        fault: the hash chain from position 1 to the head; the append-only guards (exactly as
        installed, nothing else on `events`); every event against its schema; every
        projection checkpoint (and a shared log's local views) against the event at its
        position; and every stored read-model table against a replay of the log."""
        head = self.store.head()
        counted = 0
        invalid: list[Problem] = []

        def rows() -> Iterator[dict[str, Any]]:
            nonlocal counted
            for row in self.store.read_rows():
                counted += 1
                if not invalid:
                    try:
                        decode(row["type"], row["schema_version"], row["data_json"])
                    except (InvalidEvent, UnknownEventType) as exc:
                        invalid.append(Problem(row["position"], str(exc)))
                yield row

        broken = first_break(rows())
        if broken is not None:
            return VerifyReport(counted, head, Problem(*broken))
        problems = self.store.guard_problems()
        if problems:
            return VerifyReport(counted, head, Problem(head, "; ".join(problems)))
        if invalid:
            return VerifyReport(counted, head, invalid[0])
        return VerifyReport(counted, head, self._check_read_models(head))

    def _check_read_models(self, head: int) -> Problem | None:
        """Compare what the ledger recorded about the log with the log: the views' and every
        checkpoint's position and hash, then the tables themselves with a replay."""
        if isinstance(self.store, SQLiteStore):
            conn = self.store.conn if head else None
        else:
            conn = self.views
            record = runner.views_record(conn)
            if record is None or record[2] != self.store.path:
                return None  # these views hold nothing of this log (yet)
            position, recorded, _ = record
            where = f"the local views {self.views_path}"
            if position > head:
                return Problem(
                    head,
                    f"{where} hold the log up to position {position}, beyond the head {head}: "
                    "events are gone from the log",
                )
            actual = runner.hash_at(self.store, position)
            if actual != recorded:
                return Problem(
                    position,
                    f"{where} folded position {position} with hash {recorded[:16]}..., but the "
                    f"log's event there has hash {(actual or '')[:16]}...: the log was rewritten",
                )
        if conn is None:
            return None
        stored = runner.checkpoint_rows(conn)
        for name, (position, _, _) in sorted(stored.items()):
            if position > head:
                reason = f"projection {name} claims position {position}, beyond the head {head}"
                return Problem(head, reason)
        current = {
            name: (position, hash_)
            for name, (position, version, hash_) in stored.items()
            if PROJECTION_VERSIONS.get(name) == version
        }
        for name, (position, hash_) in sorted(current.items()):
            actual = runner.hash_at(self.store, position) if position else GENESIS
            if hash_ != actual:
                return Problem(
                    position,
                    f"projection {name} was checkpointed at position {position} with hash "
                    f"{(hash_ or 'none')[:16]}..., but the event there has hash "
                    f"{(actual or '')[:16]}...: the log was rewritten or cut",
                )
        if set(current) != set(PROJECTION_VERSIONS):
            return None  # written by an older release: not served, rebuilt on the next write
        positions = {position for position, _ in current.values()}
        if len(positions) != 1:
            return Problem(head, f"the projection checkpoints disagree: {sorted(current.items())}")
        at = positions.pop()
        replayed = MemoryRows()
        read: Callable[..., Iterable[Any]] = getattr(self.store, "read_records", self.store.read)
        with gc_paused():
            for event in read(stop=at) if at else ():
                claims_fold.apply(replayed, event)
        difference = runner.first_table_difference(conn, replayed)
        if difference is not None:
            return Problem(
                at,
                f"the stored read models do not equal a replay of the log: {difference} "
                "(`claims replay` rebuilds them)",
            )
        return None

    # -- export and import -------------------------------------------------------------------

    def export_lines(self) -> Iterator[str]:
        """Yield the log as JSON lines: a header saying how many events a complete file holds
        and the hash of the last, then every envelope field of each event up to that head,
        payload as an object."""
        head = self.store.head()
        head_hash = (runner.hash_at(self.store, head) if head else GENESIS) or GENESIS
        yield export_header(head=head, head_hash=head_hash)
        for row in self.store.read_rows(stop=head):
            data_json = row.pop("data_json")
            row["data"] = orjson.Fragment(data_json)
            yield orjson.dumps(row, option=orjson.OPT_SORT_KEYS).decode() + "\n"

    def import_lines(
        self, lines: Iterable[bytes | str] | BinaryIO, *, source: str, prefix: bool = False
    ) -> ImportResult:
        """Import another ledger's export in one transaction, after verifying it whole.

        A binary stream is read line by line, never more than the line limit of one line.
        A file cut short is refused unless `prefix` (then the events it holds are imported);
        an event this ledger has under the same id but with other content is a conflict.
        """
        if hasattr(lines, "readline"):
            lines = bounded_lines(lines)  # type: ignore[arg-type]
        parsed = parse_export(lines, source=source, prefix=prefix)  # type: ignore[arg-type]
        result = self.store.import_log(parsed.envelopes)
        if result.imported and not self.local_views:
            with contextlib.suppress(LedgerError):  # if not, on the next read
                self.sync_views()
        return dataclasses.replace(result, declared=parsed.declared)


def _iso(value: str | None, option: str) -> str | None:
    """Check a date option: YYYY-MM-DD, a real calendar date."""
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInput(f"{option} must be a date YYYY-MM-DD, got {value!r}") from None


def _same_group(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("canonical_claimant", "subject", "metric")
    return all(a[k] == b[k] for k in keys)


def public_claim(row: dict[str, Any]) -> dict[str, Any]:
    """Return a claim row in the claim shape of DESIGN.md, plus where it stands in the log."""
    out = {name: row.get(name) for name in claims_fold.CLAIM_FIELDS}
    out |= {
        "canonical_claimant": row["canonical_claimant"],
        "status": row["status"],
        "origin": row["origin"],
        "article_id": row["article_id"],
        "url": row["url"],
        "stream": row["stream"],
        "position": row["position"],
        "first_position": row["first_position"],
    }
    return out
