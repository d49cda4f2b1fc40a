"""Shared fixtures: deterministic clocks and ids, stores of every backend, a CLI runner.

PostgreSQL: the tests that need a server run when `CLAIMS_TEST_POSTGRES_URL` names a database
they may create schemas in (`scripts/with-postgres.sh` starts one), and are skipped otherwise;
the report header and summary say which.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from events import Claim, ClaimAsserted
from events.new_event import NewEvent
from ledger import Ledger
from ledger.store.sqlite import SQLiteStore


class Clock:
    """A clock that ticks one second per reading, so recorded_at is deterministic."""

    def __init__(self) -> None:
        self.ticks = itertools.count()

    def __call__(self) -> str:
        second = next(self.ticks)
        return f"2026-01-01T00:{second // 60 % 60:02d}:{second % 60:02d}.000000Z"


class Ids:
    """Deterministic UUIDs: the n-th id is always the same."""

    def __init__(self, seed: int = 0) -> None:
        self.counter = itertools.count(seed * 1_000_000)

    def __call__(self) -> str:
        return str(uuid.UUID(int=next(self.counter) + 1))


StoreFactory = Callable[..., Any]

POSTGRES_ENV = "CLAIMS_TEST_POSTGRES_URL"
POSTGRES_SKIPPED = f"{POSTGRES_ENV} not set — PostgreSQL tests skipped"


def postgres_test_url() -> str | None:
    """The server the PostgreSQL tests use, or None when they are to be skipped."""
    return os.environ.get(POSTGRES_ENV) or None


def pytest_report_header(config: pytest.Config) -> str:
    """Say at the top of every run whether the PostgreSQL tests run, and against what."""
    url = postgres_test_url()
    if url is None:
        return f"postgres: {POSTGRES_SKIPPED}"
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"postgres: {parts.scheme}://{parts.hostname}:{parts.port or 5432}{parts.path}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Repeat it at the bottom, where a skipped PostgreSQL suite would otherwise go unseen."""
    if postgres_test_url() is None:
        terminalreporter.write_line(f"postgres: {POSTGRES_SKIPPED}", yellow=True, bold=True)


def with_search_path(url: str, schema: str) -> str:
    """Return `url` with libpq options that make `schema` the connection's search_path."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


class PostgresSchemas:
    """Fresh, empty schemas in the test database, one per ledger; all dropped at the end."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.admin = psycopg.connect(url, autocommit=True)
        self.made: list[str] = []

    def new_url(self) -> str:
        """Create an empty schema and return a URL whose ledger lives in it."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin.execute(f"CREATE SCHEMA {name}")
        self.made.append(name)
        return with_search_path(self.url, name)

    def drop_all(self) -> None:
        for name in self.made:
            self.admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        self.admin.close()


@pytest.fixture
def postgres_schemas() -> Iterator[PostgresSchemas]:
    """Make fresh schemas on the test server; skip when there is none."""
    url = postgres_test_url()
    if url is None:
        pytest.skip(POSTGRES_SKIPPED)
    schemas = PostgresSchemas(url)
    yield schemas
    schemas.drop_all()


@pytest.fixture
def make_postgres_store(postgres_schemas: PostgresSchemas) -> Iterator[StoreFactory]:
    """Return a factory of PostgreSQL stores, each in a fresh schema unless given a URL."""
    from ledger.store.postgres import PostgresStore

    opened: list[PostgresStore] = []

    def factory(url: str | None = None, **kwargs: Any) -> PostgresStore:
        kwargs.setdefault("clock", Clock())
        kwargs.setdefault("new_id", Ids(len(opened)))
        store = PostgresStore(url or postgres_schemas.new_url(), **kwargs)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def make_sqlite_store(tmp_path: Path) -> Iterator[StoreFactory]:
    """Return a factory of SQLite stores in fresh files; each closed after the test."""
    opened: list[SQLiteStore] = []
    names = itertools.count()

    def factory(path: Path | None = None, **kwargs: Any) -> SQLiteStore:
        kwargs.setdefault("clock", Clock())
        kwargs.setdefault("new_id", Ids(len(opened)))
        store = SQLiteStore(path or tmp_path / f"store-{next(names)}.db", **kwargs)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def ledger(make_sqlite_store: StoreFactory) -> Ledger:
    """A fresh ledger over a fresh SQLite file."""
    return Ledger(make_sqlite_store())


def make_claim(n: int = 0, **overrides: Any) -> Claim:
    """Build a valid claim; `n` varies the value and id so claims differ."""
    fields: dict[str, Any] = {
        "claim_id": f"c_test{n}",
        "claimant": "General Staff of the Armed Forces of Ukraine",
        "publisher": "The Kyiv Independent",
        "subject": "russia",
        "metric": "personnel",
        "value": 174_550 + n,
        "qualifier": "exact",
        "period": "cumulative",
        "period_start": "2022-02-24",
        "as_of": "2023-04-02",
    }
    return Claim.model_validate(fields | overrides)


def asserted(n: int = 0, *, expected_version: int | None = 0, **kw: Any) -> NewEvent:
    """A NewEvent asserting claim n on its own stream."""
    claim = make_claim(n)
    return NewEvent(
        stream=f"claim-{claim.claim_id}",
        event=ClaimAsserted(claim=claim),
        expected_version=expected_version,
        **kw,
    )


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Invoke `claims` in-process against a ledger in tmp_path; returns the Result."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMS_LEDGER", str(tmp_path / "claims.db"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("CLAIMS_DEBUG", "1")  # a bug raises here instead of hiding in a line
    from cli.app import app

    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Any:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def claims_bin() -> str:
    """The installed `claims` console script next to this interpreter."""
    import sys

    path = Path(sys.executable).parent / "claims"
    if not path.exists():
        pytest.skip("the `claims` console script is not installed (run `make test`)")
    return os.fspath(path)


def _plain(value: Any) -> Any:
    """A value as JSON gives it back (tuples as lists, keys sorted), so rows compare as data."""
    import orjson

    return orjson.loads(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))


def stored_projections(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Every read-model table of a ledger file exactly as stored (opened read-only, nothing
    rebuilt or replayed first), with the checkpoints: what readers are served."""
    import sqlite3

    from ledger.projections import SQLiteReadModel, checkpoints

    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        model = SQLiteReadModel(conn)
        return _plain(
            {
                "claims": {r["claim_id"]: r for r in model.claims()},
                "articles": model.articles(),
                "life": model.life(),
                "aliases": {kind: model.aliases(kind) for kind in ("claimant", "publisher")},
                "totals": model.stored_totals(),
                "checkpoints": {n: list(p) for n, p in checkpoints(conn).items()},
            }
        )
    finally:
        conn.close()


def replayed_projections(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The same tables as a fresh in-memory replay of the log gives them, and the checkpoints
    a ledger that never crashed would hold (every projection at the head)."""
    from ledger.projections import CLAIM_COLUMNS, PROJECTION_VERSIONS, MemoryReadModel, totals

    with Ledger.open(path, readonly=True) as ledger:
        head = ledger.head()
        model = MemoryReadModel(ledger.replay_in_memory())
    claims = model.claims()
    return _plain(
        {
            "claims": {r["claim_id"]: {c: r.get(c) for c in CLAIM_COLUMNS} for r in claims},
            "articles": model.articles(),
            "life": model.life(),
            "aliases": {kind: model.aliases(kind) for kind in ("claimant", "publisher")},
            "totals": totals(claims),
            "checkpoints": {n: [head, v] for n, v in PROJECTION_VERSIONS.items()},
        }
    )


@pytest.fixture
def web_server() -> Iterator[Any]:
    """A local HTTP server on 127.0.0.1 (tests/webserver.py), stopped after the test."""
    from tests.webserver import WebServer

    with WebServer() as server:
        yield server
