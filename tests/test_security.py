"""Security: parameterised SQL, safe file output, and refusing what is not a ledger."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest

from ledger import Ledger
from ledger.errors import OperationFailed
from tests.conftest import asserted

ROOT = Path(__file__).resolve().parent.parent
SQL_CALLS = {"execute", "executemany", "executescript"}
# The modules allowed to run statements built from strings: the log's schema (its identifiers
# are constants), and the projection tables' DDL as sqlite-utils makes it from constant column
# lists (kept between runs: ledger/projections/table_ddl.py, which runs only its CREATEs).
SQL_BUILDERS = {
    ROOT / "ledger" / "store" / "sqlite_schema.py",
    ROOT / "ledger" / "projections" / "table_ddl.py",
}


def string_built_sql(path: Path) -> list[int]:
    """Return the lines where an SQL call gets a statement built from strings at run time."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in SQL_CALLS or not node.args:
            continue
        statement = node.args[0]
        if isinstance(statement, ast.Constant) and isinstance(statement.value, str):
            continue
        if isinstance(statement, ast.Name) and statement.id.isupper():
            continue  # a module constant, checked where it is defined
        if isinstance(statement, ast.Attribute) and statement.attr.isupper():
            continue
        if (
            isinstance(statement, ast.Subscript)
            and isinstance(statement.value, ast.Name)
            and statement.value.id.lstrip("_").isupper()
        ):
            continue  # one of a module's table of constant statements
        lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    "path",
    sorted(p for d in ("events", "ledger", "cli") for p in (ROOT / d).rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_sql_is_parameterised(path: Path) -> None:
    """Every SQL statement outside the schema module is a constant; values go in parameters."""
    if path in SQL_BUILDERS:
        return
    assert string_built_sql(path) == [], f"{path.relative_to(ROOT)} builds SQL from strings"


def test_export_out_never_follows_a_symlink(cli, tmp_path: Path) -> None:
    """--out refuses a symbolic link, so an export cannot be redirected elsewhere."""
    cli(
        "append",
        "--claimant",
        "X",
        "--subject",
        "russia",
        "--metric",
        "tanks",
        "--value",
        "1",
        "--as-of",
        "2023-04-02",
    )
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep")
    (tmp_path / "link.jsonl").symlink_to(target)
    result = cli("export", "--out", "link.jsonl", "--force")
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert target.read_text() == "keep"


def test_full_disk_is_a_clear_error_and_the_log_is_intact(make_sqlite_store) -> None:
    """When the database cannot grow, the append fails with one clear line; nothing is lost."""
    store = make_sqlite_store()
    store.append([asserted(n) for n in range(5)])
    ledger = Ledger(store)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(OperationFailed, match="disk is full"):
        ledger.append([asserted(n) for n in range(100, 2_100)])
    assert store.head() == 5
    assert ledger.verify().ok


def test_read_only_file_is_a_clear_error(make_sqlite_store, tmp_path: Path) -> None:
    """A ledger that cannot be written says so in one line and stays intact."""
    path = tmp_path / "ro.db"
    make_sqlite_store(path).append([asserted(0)])
    store = make_sqlite_store(path)
    store.conn.execute("PRAGMA query_only = ON")  # what a read-only file looks like to SQLite
    with pytest.raises(OperationFailed, match=r"read-only|readonly"):
        store.append([asserted(1)])
    assert store.head() == 1


@pytest.mark.parametrize(
    "content",
    [b"just some text\n", b"", b"SQLite format 3\x00" + b"\x00" * 100],
    ids=["text", "empty", "truncated-sqlite"],
)
def test_read_commands_refuse_what_is_not_a_ledger(cli, tmp_path: Path, content: bytes) -> None:
    """A read command on a file that is not a claim ledger exits 2 and leaves it alone."""
    path = tmp_path / "x.db"
    path.write_bytes(content)
    result = cli("--ledger", str(path), "totals")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == content


def test_another_apps_database_is_refused_for_writes(cli, tmp_path: Path) -> None:
    """Appending to another application's SQLite file is refused, and the file is untouched."""
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    before = path.read_bytes()
    result = cli(
        "--ledger",
        str(path),
        "append",
        "--claimant",
        "X",
        "--subject",
        "russia",
        "--metric",
        "tanks",
        "--value",
        "1",
        "--as-of",
        "2023-04-02",
    )
    assert result.exit_code == 2 and "not a claim ledger" in result.stderr
    assert path.read_bytes() == before


# --- no message shows a PostgreSQL password, however malformed the URL --------------------

PW = "K7vq{}Zx9w"  # each piece of the password is checked, in case a parser cut it anywhere
LEAKY_URLS = [
    # (the URL with {pw} for the password, expected exit code; 2 = refused before connecting)
    ("postgresql://analyst:{pw}@[::1/claims", 2),
    ("postgresql://analyst:{pw}%zz@localhost:1/claims", 2),
    ("postgresql://analyst:{pw}%@localhost:1/claims", 2),
    ("postgresql://analyst:{pw}@x@localhost:1/claims", 2),
    ("postgres://analyst:{pw}@localhost:99999/claims", 2),
    ("postgresql://analyst:{pw}@localhost:port/claims", 2),
    ("postgresql://analyst:{pw}@local]host:1/claims", 2),
    ("postgresql://analyst:{pw}@localhost:1/claims", 1),
    ("postgresql://analyst:{pw}@/claims?host=/nonexistent-socket-dir", 1),
    ("postgresql://localhost:1/claims?password={pw}", 1),
    ("postgresql://localhost:1/claims?password='{pw}'", 1),
    ("postgresql://analyst:{pw}@localhost:1/claims?sslmode=bogus", 1),
    ("postgresql://analyst:{pw}@localhost:1/claims?options=-c%zz", 2),
    ("POSTGRESQL://analyst:{pw}@localhost:1/claims", 2),
]
SEPARATORS = ["", "@", "/", "?", "#", ":", " ", '"', "%40"]


@pytest.mark.parametrize("sep", SEPARATORS, ids=[repr(s) for s in SEPARATORS])
@pytest.mark.parametrize(("template", "code"), LEAKY_URLS, ids=[u for u, _ in LEAKY_URLS])
def test_no_message_shows_the_password(cli, template: str, code: int, sep: str) -> None:
    """--ledger with a password in any malformed URL: one line, exit 1 or 2, no password."""
    password = PW.format(sep)
    url = template.format(pw=password)
    result = cli("--ledger", url, "log")
    assert result.exit_code in (1, 2), result.output
    if sep in ("", "%40"):
        assert result.exit_code == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claims: error:"), result.stderr
    assert "internal error" not in result.stderr
    for piece in ("K7vq", "Zx9w"):
        assert piece not in result.output, result.output


@pytest.mark.parametrize("sep", ["", "@", "/"])
def test_the_password_is_scrubbed_from_any_error_line(cli, sep: str) -> None:
    """Whatever raised it, an error line never shows the configured ledger's password."""
    from cli.app import error_line

    url = f"postgresql://analyst:{PW.format(sep)}@localhost:1/claims"
    cli("--ledger", url, "log")  # the run notes the URLs it was given
    import io
    import sys

    saved, sys.stderr = sys.stderr, io.StringIO()
    try:
        error_line(f"boom near {PW.format(sep)} and {url}" + (" and Zx9w" if sep else ""))
        written = sys.stderr.getvalue()
    finally:
        sys.stderr = saved
    assert "K7vq" not in written and "Zx9w" not in written, written


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("postgresql://u:p4ss@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u:p@ss@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u:p/ss@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
        ('failed: "postgres://u:p4ss@[::1/db" here', 'failed: "postgres://u:***@[::1/db" here'),
        ("postgresql://h/db?sslmode=x&password=p4ss", "postgresql://h/db?sslmode=x&password=***"),
        ("host=h password=p4ss dbname=x", "host=h password=*** dbname=x"),
    ],
)
def test_redact_masks_the_user_information_up_to_the_last_at(text: str, kept: str) -> None:
    """`redact` masks everything between the user name and the URL's last '@', and password=."""
    from ledger.redact import redact

    assert redact(text) == kept
