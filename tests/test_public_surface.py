"""The public surface, pinned: what each package exports, what importing it costs, and which
commands load the extractor (none of the read commands).

Layers inside `ledger`, each importing only those below it:
    errors, files, kept_files, lazy, redact    (the standard library only)
    store                          the log
    projections                    read models of the log
    ingest                         the extractor (store types for its pipeline)
    importers                      outside material -> events (uses ingest for articles)
    web                            pages and feeds fetched (uses ingest's readers)
    app                            the application: commands, queries, maintenance
and `cli` imports `ledger` and `events` through their top-level entry points only.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

BASE = {
    "ledger",
    "ledger.errors",
    "ledger.files",
    "ledger.kept_files",
    "ledger.lazy",
    "ledger.redact",
}
ALLOWED = {
    "store": BASE | {"ledger.store", "ledger.proofs.merkle"},  # the tree's pure math
    "projections": BASE | {"ledger.store", "ledger.projections"},
    "ingest": BASE | {"ledger.store", "ledger.ingest"},
    "importers": BASE | {"ledger.ingest", "ledger.importers"},
    "proofs": BASE | {"ledger.store", "ledger.projections", "ledger.proofs"},
    "web": BASE | {"ledger.ingest", "ledger.web"},
    "app": BASE
    | {
        "ledger.store",
        "ledger.projections",
        "ledger.ingest",
        "ledger.importers",
        "ledger.proofs",
        "ledger.web",
        "ledger.app",
    },
}


def _imported(path: Path) -> set[str]:
    """Every first-party module a file imports (any depth, including lazy imports)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name.split(".")[0] in ("ledger", "events", "cli")}


def _layer(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 and parts[1] in _SUBPACKAGES else parts[0]


_SUBPACKAGES = {"store", "projections", "ingest", "importers", "proofs", "web", "app"}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_ledger_layer_imports_only_those_below(layer: str) -> None:
    for path in sorted((ROOT / "ledger" / layer).rglob("*.py")):
        for module in _imported(path):
            if module.startswith("events"):
                continue
            home = _layer(module)
            home = home if home != "ledger" else module
            assert home in ALLOWED[layer] or module in ALLOWED[layer] or module == "ledger", (
                f"{path.relative_to(ROOT)} imports {module}"
            )


def test_the_cli_imports_only_the_entry_points() -> None:
    """The CLI talks to `ledger` and `events` as packages, never to their insides."""
    for path in sorted((ROOT / "cli").rglob("*.py")):
        for module in _imported(path):
            if module.split(".")[0] in ("ledger", "events"):
                assert module in ("ledger", "events"), f"{path.relative_to(ROOT)} imports {module}"


def test_no_code_asks_a_store_for_its_type() -> None:
    """Backends differ by what they offer (`hosted_views()`), never by `isinstance`."""
    for path in sorted(
        [*ROOT.joinpath("ledger").rglob("*.py"), *ROOT.joinpath("cli").rglob("*.py")]
    ):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "isinstance":
                spelled = ast.unparse(node.args[1])
                assert "Store" not in spelled, f"{path.relative_to(ROOT)}: {ast.unparse(node)}"


PINNED = {
    "events": [
        "BASES",
        "CORRECTABLE_FIELDS",
        "EVENT_TYPES",
        "METRICS",
        "PERIODS",
        "QUALIFIERS",
        "REVIEWED_STATES",
        "REVIEW_REASON",
        "REVIEW_STATES",
        "VERDICTS",
        "ArticleRecorded",
        "ArticleRevised",
        "CheckpointCosigned",
        "CheckpointSigned",
        "Claim",
        "ClaimAsserted",
        "ClaimCorrected",
        "ClaimRetracted",
        "ClaimReviewed",
        "Event",
        "InvalidEvent",
        "SourceAliased",
        "UnknownEventType",
        "decode",
        "basis_of",
        "describe",
        "encode",
        "is_review_fix",
        "json_schemas",
        "model_for",
    ],
    "ledger.store": [
        "EventRecord",
        "EventStore",
        "HostedViews",
        "ImportResult",
        "Recorded",
        "gc_paused",
        "open_store",
    ],
    "ledger.projections": [
        "CLAIM_COLUMNS",
        "CLAIM_FIELDS",
        "PROJECTION_NAMES",
        "PROJECTION_VERSIONS",
        "TABLES",
        "ArticleRow",
        "By",
        "ClaimRow",
        "GroupKey",
        "LifeRow",
        "MemoryReadModel",
        "MemoryRows",
        "ReadModel",
        "SQLiteReadModel",
        "TotalRow",
        "catch_up",
        "checkpoint_rows",
        "checkpoints",
        "corrections_of",
        "delta_series",
        "figure_name",
        "first_table_difference",
        "fold",
        "group_of",
        "group_order",
        "hash_at",
        "is_current",
        "is_reviewed",
        "latest_windows",
        "life_of",
        "open_views",
        "rank",
        "rebuild",
        "rebuild_totals",
        "resolve",
        "reviewed_only",
        "series",
        "sources",
        "sync_views",
        "total_group",
        "totals",
        "views_record",
        "why_lost",
        "window_sums",
        "winner",
    ],
    "ledger": [
        "ArticleOptions",
        "ArticleSource",
        "FileTooLarge",
        "MAX_ARTICLE_BYTES",
        "at_or_above",
        "describe_mode",
        "extract_articles",
        "read_regular_file",
        "scrub",
        "check_bundle",
        "check_consistency",
        "cosign_checkpoint",
        "default_origin",
        "issue_checkpoint",
        "new_key_pair",
        "prove_claim",
        "read_signer",
        "read_verifier",
        "verify_checkpoint",
        "ConcurrencyConflict",
        "EventStore",
        "IntegrityError",
        "InvalidInput",
        "Ledger",
        "LedgerError",
        "MemoryStore",
        "NotALedger",
        "NotFound",
        "OperationFailed",
        "SQLiteStore",
        "VerifyReport",
        "Web",
        "WebOptions",
        "open_ledger",
        "open_store",
    ],
}


@pytest.mark.parametrize("package", sorted(PINNED))
def test_exported_names_are_pinned(package: str) -> None:
    """`__all__` is exactly the list here (httpx's test_exported_members): a name added or
    dropped is a decision made in this file, and every one of them resolves."""
    module = __import__(package, fromlist=["__all__"])
    assert sorted(module.__all__) == sorted(PINNED[package])
    for name in module.__all__:
        assert getattr(module, name) is not None


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded in a fresh interpreter after running `code`."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_an_error_costs_nothing() -> None:
    """`from ledger import InvalidInput` loads no pydantic, no SQLite, no extractor."""
    loaded = _modules_after("from ledger import InvalidInput, LedgerError")
    assert not {"pydantic", "sqlite3", "ledger.app", "ledger.ingest"} & loaded


READ_COMMANDS = [
    ["show", "{claim}"],
    ["audit", "{claim}"],
    ["totals"],
    ["history", "tanks"],
    ["sources"],
    ["check"],
    ["log"],
    ["log", "--limit", "20"],
    ["search", "--metric", "tanks"],
    ["verify"],
]
EXTRACTION = ("ledger.ingest", "trafilatura", "htmldate", "lxml")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A ledger with one ingested article (so claims have sentences) and its first claim."""
    from ledger import ArticleOptions, ArticleSource, open_ledger

    folder = tmp_path_factory.mktemp("read")
    article = folder / "article.txt"
    article.write_text(
        "Kyiv, 3 April 2023\n\n"
        "The General Staff said on Monday that Russia had lost 3,620 tanks since the start of "
        "the full-scale invasion. It also reported 7,000 artillery systems destroyed.\n"
    )
    db = folder / "claims.db"
    with open_ledger(db) as ledger:
        source = ArticleSource([str(article)])
        results = list(ledger.ingest(source, ArticleOptions(publisher="Test Wire")))
        assert results and results[0].status == "new", results
        claims = ledger.read_model().claims()
        claim = next(c["claim_id"] for c in claims if c["metric"] == "tanks")
    return db, claim


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: "-".join(c))
def test_read_commands_load_no_extraction_module(
    ingested: tuple[Path, str], command: list[str]
) -> None:
    """The read commands never import the extractor: it is slow to load and they do not
    need it (a claim's sentence is recorded with it); piped, they never import rich."""
    db, claim = ingested
    argv = ["claims", "--ledger", str(db), *(a.format(claim=claim) for a in command)]
    code = (
        "import sys\n"
        f"sys.argv = {argv!r}\n"
        "from cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
    )
    loaded = _modules_after(code)
    assert not {m for m in loaded if m.split(".")[0] in EXTRACTION[1:]}, command
    assert not {m for m in loaded if m.startswith(EXTRACTION[0])}, command
    assert not {m for m in loaded if m.startswith("ledger.importers.")}, command
    # nor, piped, what only a terminal or a write needs (#17): rich, typer's pydantic
    # adapters for plain option values, the write path's handlers
    assert not {m for m in loaded if m.split(".")[0] == "rich"}, command
    assert "typer._adapters" not in loaded, command
    assert not {"ledger.app.commands", "ledger.app.reviews"} & loaded, command
    if command[0] != "verify":  # which decodes every event: the others decode none
        assert not {"events.articles", "events.web", "events.checkpoints"} & loaded, command
        # and validate nothing, so they load no pydantic at all (a third of `show`'s time)
        assert not {m for m in loaded if m.split(".")[0] in ("pydantic", "pydantic_core")}, command
        assert not {"events.base", "events.claims", "events.new_event"} & loaded, command


def test_ingest_into_a_new_ledger_loads_only_what_it_needs(tmp_path: Path) -> None:
    """`claims ingest` of one article into a new ledger, piped, loads no sqlite-utils (nor
    numpy with it: the projection tables' statements are kept after the first ledger made,
    as bytecode is), no rich (no bar for one file) and none of typer's pydantic adapters
    (`--timeout`'s and `--delay`'s defaults are plain floats), no process pool: #17."""
    import os

    article = tmp_path / "article.txt"
    article.write_text(
        "Kyiv, 3 April 2023\n\nRussia had lost 3,620 tanks, the General Staff said.\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for made in ("first.db", "second.db"):  # the first may make the kept statements
        argv = ["claims", "--ledger", str(tmp_path / made), "ingest", str(article)]
        code = (
            "import sys\n"
            f"sys.argv = {argv!r}\n"
            "from cli.app import main\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        )
        loaded = _modules_after(code, env)
    assert "ledger.ingest.extract" in loaded  # it did read the article
    assert not {m for m in loaded if m.split(".")[0] in ("sqlite_utils", "numpy", "rich")}
    assert "typer._adapters" not in loaded
    assert "multiprocessing" not in loaded  # one article is read without a pool


def test_show_quotes_the_recorded_sentence(ingested: tuple[Path, str]) -> None:
    """`show` gives the sentence the claim was read from, from its recorded bounds."""
    from ledger import open_ledger

    db, claim = ingested
    with open_ledger(db, readonly=True) as ledger:
        shown = ledger.show(claim)
    assert shown["sentence"] is not None and "3,620 tanks" in shown["sentence"]


def test_every_package_is_installed() -> None:
    """Each folder with an `__init__.py` is in pyproject's package list (a flat layout lists
    them by hand: a missing one would work in this checkout and fail when installed)."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("events", "ledger", "cli")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found == listed


def test_every_exported_name_has_a_home() -> None:
    """The lazy map and `__all__` name the same things (ruff sees `__all__`, Python the map)."""
    import ledger

    assert sorted(ledger._HOMES) == sorted(ledger.__all__)


def test_help_loads_no_ledger_and_no_rich() -> None:
    """`claims --help` starts fast: no ledger module, no pydantic, no rich."""
    code = (
        "import sys\nsys.argv = ['claims', '--help']\nfrom cli.app import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
    )
    loaded = _modules_after(code)
    assert not {m for m in loaded if m.split(".")[0] in ("rich", "pydantic")}
    assert not {m for m in loaded if m.startswith("ledger.")}
