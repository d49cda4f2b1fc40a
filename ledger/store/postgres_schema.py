"""The PostgreSQL database of a shared ledger: connecting, recognising it, and its DDL.

Owns: the `events` table as PostgreSQL spells it (the columns of `sqlite_schema`, `data` kept as
the canonical JSON text so hashes match SQLite's byte for byte), the append-only triggers
(UPDATE, DELETE and TRUNCATE fail), the `claim_ledger` table that marks a schema as a claim
ledger, the advisory lock that serialises appends, `describe` (a URL without its password), the
`merkle_nodes` table (the stored Merkle tree, `ledger.store.tree`: created with the ledger, or
by the first write to an older one), and opening a connection with clear errors. The ledger
lives in the first schema of the connection's `search_path` (`public` unless the URL's
`options=-csearch_path%3D...` says so).
Imports: psycopg 3 (an optional dependency: only `postgresql://` ledgers load this module),
`ledger.errors`.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import errors as pg_errors

from ledger import redact
from ledger.errors import InvalidInput, NotALedger, OperationFailed

APPLICATION = "claim-ledger"
SCHEMA_VERSION = 1
CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT = "10s"
"""How long an append waits for the writer lock before it is retried (then refused)."""

MARK_DDL = """
CREATE TABLE claim_ledger (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO claim_ledger (key, value)
VALUES ('application', 'claim-ledger'), ('schema_version', '1');
"""

EVENTS_DDL = """
CREATE TABLE events (
    position        BIGINT  PRIMARY KEY CHECK (position >= 1),
    id              TEXT    NOT NULL UNIQUE,
    stream          TEXT    NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL CHECK (schema_version >= 1),
    recorded_at     TEXT    NOT NULL,
    actor           TEXT    NOT NULL,
    idempotency_key TEXT    UNIQUE,
    data            TEXT    NOT NULL,
    prev_hash       TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    UNIQUE (stream, version)
);
CREATE INDEX events_by_type ON events (type, position);
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events is append-only: % is not allowed', TG_OP;
END
$$;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
"""
# Statement-level triggers fire even when no row matches, so any UPDATE, DELETE or TRUNCATE
# of the log fails, whoever asks (short of the table's owner dropping them: `verify` notices).

TREE_DDL = """
CREATE TABLE IF NOT EXISTS merkle_nodes (
    level SMALLINT NOT NULL CHECK (level >= 0),
    idx   BIGINT   NOT NULL CHECK (idx >= 0),
    hash  BYTEA    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
)
"""
# The perfect subtrees of 16 leaves and more (as SQLite's `merkle_nodes`): derived from the
# events' hashes, checked against them by `verify`, grown inside each append's transaction.

TRIGGERS = ("events_no_update", "events_no_delete", "events_no_truncate")
GUARD_FUNCTION = "events_append_only"

# One writer at a time per events table: positions are computed as max + 1 under this lock,
# inside the appending transaction, so a rolled-back append leaves no gap. The key is derived
# from the table's oid, so ledgers in different schemas of one database do not wait on each
# other. Released by COMMIT or ROLLBACK, after the commit is visible to the next holder.
WRITER_LOCK = (
    "SELECT pg_advisory_xact_lock(hashtextextended('claim-ledger:' || "
    "('events'::regclass)::oid::text, 0))"
)
SET_LOCK_TIMEOUT = f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"
# Creating a ledger: one creator at a time per database.
CREATE_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('claim-ledger:create', 0))"

CURRENT_SCHEMA = "SELECT current_schema()"
TABLES_HERE = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
MARKS = "SELECT key, value FROM claim_ledger"
READ_ONLY = "SET default_transaction_read_only = on"
TRIGGER_STATE = (
    "SELECT t.tgname, t.tgenabled, t.tgqual IS NULL, pg_get_triggerdef(t.oid), "
    "t.tgfoid = to_regprocedure('events_append_only()') "
    "FROM pg_trigger t WHERE t.tgrelid = to_regclass('events') AND NOT t.tgisinternal "
    "ORDER BY t.tgname"
)
GUARD_FUNCTION_STATE = (
    "SELECT p.prosrc, l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
    "WHERE p.oid = to_regprocedure('events_append_only()')"
)
RULES_ON_EVENTS = (
    "SELECT rulename FROM pg_rules WHERE schemaname = current_schema() AND tablename = 'events' "
    "ORDER BY rulename"
)
ROW_SECURITY = "SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass('events')"
QUOTED_SCHEMA = "SELECT quote_ident(current_schema())"


def _installed() -> tuple[dict[str, str], str]:
    """The guard triggers' definitions as `pg_get_triggerdef` prints them (without the schema
    qualifier), and the guard function's body, both as `EVENTS_DDL` installs them."""
    triggers = {}
    for name in TRIGGERS:
        start = EVENTS_DDL.index(f"CREATE TRIGGER {name} ")
        statement = EVENTS_DDL[start : EVENTS_DDL.index(";", start)]
        triggers[name] = " ".join(statement.split())
    body = EVENTS_DDL.split("$$")[1]
    return triggers, body


INSTALLED_TRIGGERS, GUARD_BODY = _installed()


def describe(url: str) -> str:
    """Return where a URL points, for messages: user, host, port and database, no password."""
    return redact.describe(url)


def first_line(exc: BaseException) -> str:
    """The primary message of a driver error (PostgreSQL adds DETAIL and HINT lines)."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(exc) or type(exc).__name__
    return text.strip().splitlines()[0]


def connect(url: str, *, readonly: bool = False) -> psycopg.Connection[Any]:
    """Open an autocommit connection (the store begins its own transactions).

    Raises `InvalidInput` for a malformed URL and `OperationFailed` when the server cannot be
    reached or refuses the login; a read-only connection refuses every write server-side.
    """
    where = describe(url)
    redact.check_url(url)  # before libpq quotes a bad token, or looks a host name up
    try:
        params = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        problem = redact.scrub(first_line(exc), url)
        raise InvalidInput(f"{where}: not a valid PostgreSQL URL: {problem}") from None
    kwargs: dict[str, Any] = {"autocommit": True}
    if "connect_timeout" not in params:
        kwargs["connect_timeout"] = CONNECT_TIMEOUT_S
    if "application_name" not in params:
        kwargs["application_name"] = APPLICATION
    try:
        conn = psycopg.connect(url, **kwargs)
    except psycopg.Error as exc:
        problem = redact.scrub(first_line(exc), url)
        raise OperationFailed(f"cannot connect to {where}: {problem}") from None
    try:
        if readonly:
            conn.execute(READ_ONLY)
        return conn
    except BaseException:
        conn.close()
        raise


def ledger_state(conn: psycopg.Connection[Any], where: str) -> bool:
    """Return True when the current schema holds a claim ledger, False when it is empty.

    Raises `NotALedger` for a schema with other tables, one marked by another application or
    a newer schema version, and `InvalidInput` when the `search_path` names no schema.
    """
    schema = conn.execute(CURRENT_SCHEMA).fetchone()
    if schema is None or schema[0] is None:
        raise InvalidInput(f"{where}: the search_path names no existing schema to keep a ledger in")
    tables = {row[0] for row in conn.execute(TABLES_HERE).fetchall()}
    if "claim_ledger" not in tables:
        if tables:
            raise NotALedger(
                f"{where} is not a claim ledger (schema {schema[0]} has other tables; "
                "use an empty database or schema)"
            )
        return False
    marks = dict(conn.execute(MARKS).fetchall())
    if marks.get("application") != APPLICATION:
        raise NotALedger(f"{where} is not a claim ledger (it belongs to another application)")
    version = int(marks.get("schema_version") or 0)
    if version > SCHEMA_VERSION:
        raise NotALedger(
            f"{where} was written by a newer claim-ledger (schema {version}); upgrade to read it"
        )
    if "events" not in tables:
        raise NotALedger(f"{where} is a damaged claim ledger: its events table is missing")
    return True


def create(conn: psycopg.Connection[Any], where: str) -> None:
    """Create the ledger's tables in one transaction (a second creator finds them made)."""
    with conn.transaction():
        conn.execute(CREATE_LOCK)
        if ledger_state(conn, where):
            return
        conn.execute(EVENTS_DDL)
        conn.execute(TREE_DDL)
        conn.execute(MARK_DDL)


def _trigger_problem(
    name: str, state: tuple[Any, ...] | None, expected: str, prefix: str
) -> str | None:
    """What is wrong with one guard trigger as the catalogue shows it, or None."""
    if state is None:
        return f"the append-only trigger {name} is missing"
    enabled, no_condition, definition, calls_guard = state
    if enabled != "O":
        how = {"D": "disabled", "R": "replica-only", "A": "always"}.get(enabled, enabled)
        return f"the append-only trigger {name} is not enabled as installed ({how})"
    if not no_condition:
        return f"the append-only trigger {name} has a WHEN condition"
    if not calls_guard or " ".join(definition.replace(prefix, "").split()) != expected:
        return f"the append-only trigger {name} is not the one the ledger installed"
    return None


def guard_report(conn: psycopg.Connection[Any]) -> tuple[list[str], list[str]]:
    """Check the append-only guards against what `EVENTS_DDL` installed; return (the names of
    guards not in place as installed, what is wrong, one line each).

    Each guard trigger must exist, be enabled as an ordinary trigger (`tgenabled = 'O'`: not
    replica-only, always, or disabled), have no WHEN condition, have the definition it was
    created with and call the ledger's guard function, whose body and language must be the
    installed ones. Any other trigger or rule on `events`, and row-level security (which can
    hide rows from a reader), are reported too.
    """
    schema = conn.execute(QUOTED_SCHEMA).fetchone()
    prefix = f"{schema[0]}." if schema else ""
    broken: list[str] = []
    problems: list[str] = []
    found = {row[0]: row[1:] for row in conn.execute(TRIGGER_STATE).fetchall()}
    for name, expected in INSTALLED_TRIGGERS.items():
        why = _trigger_problem(name, found.pop(name, None), expected, prefix)
        if why is not None:
            broken.append(name)
            problems.append(why)
    function = conn.execute(GUARD_FUNCTION_STATE).fetchone()
    if function is None:
        broken.append(GUARD_FUNCTION)
        problems.append(f"the guard function {GUARD_FUNCTION}() is missing")
    elif function[0] != GUARD_BODY or function[1] != "plpgsql":
        broken.append(GUARD_FUNCTION)
        problems.append(
            f"the guard function {GUARD_FUNCTION}() is not the one the ledger installed"
        )
    for name in sorted(found):
        problems.append(f"an unknown trigger {name} on events that the ledger did not install")
    for (rule,) in conn.execute(RULES_ON_EVENTS).fetchall():
        problems.append(f"an unknown rule {rule} on events that the ledger did not install")
    security = conn.execute(ROW_SECURITY).fetchone()
    if security is not None and security[0]:
        problems.append("row-level security is enabled on events (it can hide events)")
    return broken, problems


def missing_triggers(conn: psycopg.Connection[Any]) -> list[str]:
    """Return the append-only guards that are not in place as installed."""
    return guard_report(conn)[0]


def guard_problems(conn: psycopg.Connection[Any]) -> list[str]:
    """Say what is wrong with the append-only guards; empty when all is well."""
    return guard_report(conn)[1]


RETRYABLE: tuple[type[psycopg.Error], ...] = (
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.LockNotAvailable,
)
"""Failures that mean "another writer was in the way": the whole transaction is retried."""


def storage_error(where: str, exc: psycopg.Error) -> OperationFailed:
    """Turn a PostgreSQL failure into one line a user can act on (never the password)."""
    text = first_line(exc)
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return OperationFailed(f"{where} is open read-only")
    if isinstance(exc, pg_errors.DiskFull):
        return OperationFailed(f"cannot write to {where}: the disk is full; nothing was written")
    if isinstance(exc, (*RETRYABLE, pg_errors.QueryCanceled)):
        return OperationFailed(f"{where} stayed locked by another writer; nothing was written")
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return OperationFailed(f"{where}: {text}")
    if isinstance(exc, psycopg.OperationalError):
        return OperationFailed(f"{where}: the connection failed: {text}")
    return OperationFailed(f"{where}: {text}")
