"""The importers package: `plan_dataset` as a pure function, and the package's shape.

`plan_dataset` is checked without a Ledger or a database: the ledger's state is the `existing`
mapping and a `stream_version` function. One test at the end checks that a Ledger writes
exactly the planned batch.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ledger.importers as importers
from events import ClaimAsserted, ClaimCorrected
from events.new_event import NewEvent
from ledger.errors import InvalidInput
from ledger.importers import DatasetImport, DatasetSummary, plan_dataset

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ledger" / "importers"

PERSONNEL = [
    {"date": "2022-03-01", "day": 6, "personnel": 5710, "personnel*": "about", "POW": 200},
    {"date": "2022-03-02", "day": 7, "personnel": 5840, "personnel*": "about", "POW": 216},
]
EQUIPMENT = [
    {
        "date": "2022-03-01",
        "day": 6,
        "tank": 198,
        "APC": 846,
        "military auto": 305,
        "fuel tank": 60,
    },
    {
        "date": "2022-03-02",
        "day": 7,
        "tank": 211,
        "APC": 862,
        "military auto": 355,
        "fuel tank": 60,
    },
]
CORRECTIONS = [{"date": "2022-03-02", "day": 7, "APC": -4, "tank": 0}]
FILE_NAMES = [
    "russia_losses_equipment.json",
    "russia_losses_equipment_correction.json",
    "russia_losses_personnel.json",
]

# The ten figures of the fixture, in the order they are planned: by date, then metric.
DAY_1 = [
    ("c_gs_20220301_afv", 846, "exact"),
    ("c_gs_20220301_personnel", 5710, "approx"),
    ("c_gs_20220301_pow", 200, "exact"),
    ("c_gs_20220301_tanks", 198, "exact"),
    ("c_gs_20220301_vehicles", 365, "exact"),
]
DAY_2 = [
    ("c_gs_20220302_afv", 862, "exact"),
    ("c_gs_20220302_personnel", 5840, "approx"),
    ("c_gs_20220302_pow", 216, "exact"),
    ("c_gs_20220302_tanks", 211, "exact"),
    ("c_gs_20220302_vehicles", 415, "exact"),
]


@pytest.fixture
def folder(tmp_path: Path) -> str:
    """A two-day gs-daily folder: personnel, equipment and one declared correction."""
    for name, records in zip(FILE_NAMES, (EQUIPMENT, CORRECTIONS, PERSONNEL), strict=True):
        (tmp_path / name).write_text(json.dumps(records, indent=4))
    return str(tmp_path)


class Versions:
    """A stream_version that answers from a table (0 otherwise) and remembers what it was asked."""

    def __init__(self, versions: dict[str, int] | None = None) -> None:
        self.versions = versions or {}
        self.asked: list[str] = []

    def __call__(self, stream: str) -> int:
        self.asked.append(stream)
        return self.versions.get(stream, 0)


def holding(figures: list[tuple[str, int, str]]) -> dict[str, tuple[int, str]]:
    """Return the `existing` of a ledger holding these (id, value, qualifier) figures."""
    return {claim_id: (value, qualifier) for claim_id, value, qualifier in figures}


def plan(
    folder: str,
    existing: dict[str, tuple[int, str]],
    versions: Callable[[str], int] | None = None,
) -> DatasetImport:
    """Plan the fixture's import as `bot`."""
    return plan_dataset(
        [folder],
        fmt="gs-daily",
        existing=existing,
        stream_version=versions or Versions(),
        actor="bot",
    )


def assertions(batch: list[NewEvent]) -> list[tuple[str, int, str]]:
    """Return (id, value, qualifier) of each ClaimAsserted of a batch."""
    out = []
    for item in batch:
        assert isinstance(item.event, ClaimAsserted)
        claim = item.event.claim
        out.append((claim.claim_id, claim.value, claim.qualifier))
    return out


def summary(**counts: Any) -> dict[str, Any]:
    """Return the expected summary of the fixture: these counts over a dry run's defaults."""
    base: dict[str, Any] = {
        "format": "gs-daily",
        "files": FILE_NAMES,
        "figures": 10,
        "new": 0,
        "corrected": 0,
        "unchanged": 0,
        "absent": 0,
        "declared_corrections": 1,
        "written": 0,
        "positions": None,
        "dry_run": True,
    }
    return base | counts


# --- a fresh ledger ---------------------------------------------------------------------------


def test_a_fresh_ledger_asserts_every_figure_in_order(folder: str) -> None:
    """Against an empty ledger: one ClaimAsserted per figure, by date then metric."""
    planned = plan(folder, {})
    assert assertions(planned.batch) == DAY_1 + DAY_2


def test_each_assertion_opens_its_claims_stream_with_a_key(folder: str) -> None:
    """Stream `claim-<id>` at version 0, idempotency key `gs-daily:<id>`, the caller as actor."""
    versions = Versions()
    planned = plan(folder, {}, versions)
    for item in planned.batch:
        assert isinstance(item.event, ClaimAsserted)
        claim_id = item.event.claim.claim_id
        assert item.stream == f"claim-{claim_id}"
        assert (item.expected_version, item.actor) == (0, "bot")
        assert item.idempotency_key == f"gs-daily:{claim_id}"
    assert versions.asked == []  # new streams: no version to look up


def test_a_declared_correction_rides_in_the_provenance_of_its_figure(folder: str) -> None:
    """The declared APC re-count of 2022-03-02 is in that figure's provenance, and only there."""
    by_id = {}
    for item in plan(folder, {}).batch:
        assert isinstance(item.event, ClaimAsserted)
        by_id[item.event.claim.claim_id] = item.event.provenance
    assert by_id["c_gs_20220302_afv"] == {
        "dataset": "gs-daily",
        "file": "russia_losses_equipment.json",
        "record_date": "2022-03-02",
        "field": "APC",
        "declared_correction": "-4",
    }
    assert by_id["c_gs_20220301_vehicles"] == {
        "dataset": "gs-daily",
        "file": "russia_losses_equipment.json",
        "record_date": "2022-03-01",
        "field": "military auto+fuel tank",
    }
    assert sum("declared_correction" in p for p in by_id.values() if p) == 1


def test_the_summary_of_a_fresh_import(folder: str) -> None:
    """A dry run writes nothing; a real one reports the positions it was given."""
    planned = plan(folder, {})
    assert planned.summary([], dry_run=True) == summary(new=10)
    assert planned.summary([7, 8, 9, 10, 11, 12, 13, 14, 15, 16], dry_run=False) == summary(
        new=10, written=10, positions=[7, 16], dry_run=False
    )


def test_the_summary_has_exactly_todays_keys(folder: str) -> None:
    """The keys `import-dataset --json` prints, in the order it prints them."""
    keys = list(plan(folder, {}).summary([], dry_run=True))
    assert keys == list(DatasetSummary.__annotations__)
    assert keys == [
        "format",
        "files",
        "figures",
        "new",
        "corrected",
        "unchanged",
        "absent",
        "declared_corrections",
        "written",
        "positions",
        "dry_run",
    ]


# --- a ledger that has some figures -----------------------------------------------------------


def test_figures_the_ledger_has_unchanged_write_nothing(folder: str) -> None:
    """With the first day held as published, only the second day is asserted."""
    versions = Versions()
    planned = plan(folder, holding(DAY_1), versions)
    assert assertions(planned.batch) == DAY_2
    assert versions.asked == []
    assert planned.summary([], dry_run=True) == summary(new=5, unchanged=5)


def test_a_reimport_plans_an_empty_batch(folder: str) -> None:
    """Everything held as published: an empty batch, every figure unchanged."""
    planned = plan(folder, holding(DAY_1 + DAY_2))
    assert planned.batch == []
    assert planned.summary([], dry_run=False) == summary(unchanged=10, dry_run=False)


def test_dataset_claims_the_files_lack_are_counted_absent(folder: str) -> None:
    """A held gs-daily figure the files lack is absent (reported, not retracted); others aren't."""
    existing = holding(DAY_1 + DAY_2) | {"c_gs_20220303_tanks": (220, "exact"), "c_x": (1, "exact")}
    planned = plan(folder, existing)
    assert planned.batch == []
    assert planned.summary([], dry_run=True) == summary(unchanged=10, absent=1)


# --- a rewritten figure -----------------------------------------------------------------------


def test_a_rewritten_figure_is_corrected_at_its_streams_version(folder: str) -> None:
    """The ledger holds 190 tanks for 2022-03-01, the source now says 198: one ClaimCorrected."""
    stream = "claim-c_gs_20220301_tanks"
    versions = Versions({stream: 3})
    existing = holding(DAY_1 + DAY_2) | {"c_gs_20220301_tanks": (190, "exact")}
    planned = plan(folder, existing, versions)
    (item,) = planned.batch
    assert item.event == ClaimCorrected(
        claim_id="c_gs_20220301_tanks",
        changes={"value": 198},
        reason="gs-daily 2022-03-01 tank rewritten in the source: 190 -> 198",
    )
    assert (item.stream, item.expected_version, item.actor) == (stream, 3, "bot")
    assert item.idempotency_key is None
    assert versions.asked == [stream]
    assert planned.summary([42], dry_run=False) == summary(
        corrected=1, unchanged=9, written=1, positions=[42, 42], dry_run=False
    )


def test_a_rewritten_qualifier_corrects_the_qualifier_only(folder: str) -> None:
    """Held as `at_least`, published as `about`: the correction changes the qualifier."""
    existing = holding(DAY_1 + DAY_2) | {"c_gs_20220302_personnel": (5840, "at_least")}
    (item,) = plan(folder, existing, Versions({"claim-c_gs_20220302_personnel": 1})).batch
    assert isinstance(item.event, ClaimCorrected)
    assert item.event.changes == {"qualifier": "approx"}
    assert item.event.reason == (
        "gs-daily 2022-03-02 personnel rewritten in the source: qualifier at_least -> approx"
    )
    assert item.expected_version == 1


def test_assertions_come_before_corrections(folder: str) -> None:
    """New figures and a rewrite in one import: the assertions first, then the correction."""
    existing = holding(DAY_1) | {"c_gs_20220301_afv": (800, "exact")}
    planned = plan(folder, existing, Versions({"claim-c_gs_20220301_afv": 2}))
    types = [type(item.event).__name__ for item in planned.batch]
    assert types == ["ClaimAsserted"] * 5 + ["ClaimCorrected"]
    assert assertions(planned.batch[:5]) == DAY_2
    assert planned.summary([], dry_run=True) == summary(new=5, corrected=1, unchanged=4)


def test_the_plan_is_frozen(folder: str) -> None:
    """A DatasetImport cannot be changed after it is built."""
    planned = plan(folder, {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        planned.fmt = "other"  # type: ignore[misc]


# --- refusals ---------------------------------------------------------------------------------


def test_an_unknown_format_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    """The message names the format and the known ones; the paths are not even looked at."""
    with pytest.raises(InvalidInput) as caught:
        plan_dataset(
            [str(tmp_path / "nowhere")],
            fmt="csv",
            existing={},
            stream_version=Versions(),
            actor="bot",
        )
    assert str(caught.value) == "unknown data set format 'csv' (known: gs-daily)"


def test_unreadable_files_are_refused_as_invalid_input(tmp_path: Path) -> None:
    """A bad record is refused in one line naming the file, as `load_gs_daily` does."""
    (tmp_path / "russia_losses_personnel.json").write_text('[{"date": "2022-03-01", "POW": -1}]')
    with pytest.raises(InvalidInput, match=r"russia_losses_personnel\.json record 1"):
        plan(str(tmp_path), {})


# --- the package ------------------------------------------------------------------------------


def test_the_package_exports_a_sorted_surface_that_resolves() -> None:
    """`__all__` is sorted (constants first), names exactly the lazy homes, and every name loads."""
    names = importers.__all__
    constants = [n for n in names if n.isupper()]
    assert names == sorted(constants) + sorted(set(names) - set(constants))
    assert set(names) == set(importers._HOMES)
    assert all(hasattr(importers, name) for name in names)
    needed = {"plan_dataset", "DatasetImport", "DatasetSummary", "ArticleOptions", "ArticleSource"}
    assert needed | {"read_articles", "extract_articles"} <= set(names)


def test_names_load_lazily() -> None:
    """Importing the package loads no module of it; a name loads only its own module."""
    code = (
        "import sys, ledger.importers as p; "
        "loaded = lambda: sorted(m for m in sys.modules if m.startswith(('ledger.importers.', "
        "'ledger.ingest'))); "
        "assert loaded() == [], loaded(); "
        "p.ArticleOptions; assert loaded() == ['ledger.importers.articles'], loaded(); "
        "p.plan_dataset; assert not any(m.startswith('ledger.ingest') for m in loaded()), loaded()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def imports_of(tree: ast.Module) -> list[tuple[str, bool]]:
    """Return (module, at top level) of each absolute import of a module."""
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in top))
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_modules_import_only_downward(path: Path) -> None:
    """events, ledger.errors, ledger.files, ledger.lazy, the package itself; ledger.ingest
    only lazily."""
    allowed = ("events", "ledger.errors", "ledger.files", "ledger.lazy", "ledger.importers")
    for module, top_level in imports_of(ast.parse(path.read_text())):
        if not module.startswith(("ledger", "events", "cli")):
            continue
        if module.startswith("ledger.ingest"):
            assert path.name == "articles.py" and not top_level, (path.name, module)
            continue
        assert any(module == a or module.startswith(f"{a}.") for a in allowed), (path, module)


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_modules_are_small_and_say_what_they_own(path: Path) -> None:
    """No module is over 300 lines, and each docstring says what it owns and imports."""
    text = path.read_text()
    assert len(text.splitlines()) <= 300
    doc = ast.get_docstring(ast.parse(text)) or ""
    assert "Imports" in doc
    assert "Owns" in doc or path.name == "__init__.py"


# --- with a Ledger ----------------------------------------------------------------------------


def test_figures_share_the_stream_naming_of_hand_asserted_claims() -> None:
    """A data-set figure lives on the stream the application gives a claim asserted on its own."""
    from events import ClaimAsserted
    from ledger.app.session import default_stream
    from tests.conftest import make_claim

    event = ClaimAsserted(claim=make_claim(claim_id="c_gs_20220301_tanks"))
    assert importers.claim_stream("c_gs_20220301_tanks") == default_stream(event)


def test_a_ledger_writes_exactly_the_planned_batches(folder: str) -> None:
    """`import_dataset` appends the planned events and reports the planned summary, on a
    fresh ledger and after the source rewrote a figure."""
    from ledger import Ledger, MemoryStore

    ledger = Ledger(MemoryStore())

    def written(start: int) -> list[tuple[Any, ...]]:
        return [
            (e.stream, e.type, e.data, e.version, e.actor, e.idempotency_key)
            for e in ledger.store.read(start=start)
        ]

    def expected(batch: list[NewEvent]) -> list[tuple[Any, ...]]:
        return [
            (
                n.stream,
                n.event.TYPE,
                n.event.model_dump(mode="json"),
                (n.expected_version or 0) + 1,
                n.actor,
                n.idempotency_key,
            )
            for n in batch
        ]

    first = plan(folder, {}, ledger.store.stream_version)
    report = ledger.import_dataset([folder], actor="bot")
    assert written(1) == expected(first.batch)
    assert report == first.summary(list(range(1, 11)), dry_run=False)

    equipment = Path(folder) / "russia_losses_equipment.json"
    equipment.write_text(json.dumps([{**EQUIPMENT[0], "tank": 199}, EQUIPMENT[1]]))
    then = plan(folder, holding(DAY_1 + DAY_2), ledger.store.stream_version)
    assert [item.expected_version for item in then.batch] == [1]
    report = ledger.import_dataset([folder], actor="bot")
    assert written(11) == expected(then.batch)
    assert report == then.summary([11], dry_run=False)
