"""The General Staff's daily figures as claims: parsing, declared corrections, the import plan.

Owns the `gs-daily` format (issue 5, item 1; ../shared/data/mod-daily-losses/README.md): which
source key becomes which canonical metric, the deterministic claim ids, the declared-corrections
file, and `plan_import`, the pure decision of what a (re-)import asserts and corrects. Everything
is a pure function of parsed JSON except `load_gs_daily`, a thin reader of the files. The Ledger
turns a plan into `ClaimAsserted` / `ClaimCorrected` events; this module writes nothing.

Mapping decisions the data README leaves open:

- `military auto` + `fuel tank` (until 2022-04-30) are summed into `vehicles`, the same quantity
  the source reports as `vehicles and fuel tanks` from 2022-05-01 (provenance field
  "military auto+fuel tank").
- `mobile SRBM system` (launchers, 2..4, until 2022-04-30) becomes `other` (id suffix
  `other_srbm`), not `cruise_missiles`: the source "folded" it into a category that counts
  missiles shot down (84 on 2022-05-01), so 4 launchers are not 4 cruise missiles.
- `ground robotic systems` (from 2026-05) becomes `other` (id suffix `other_ground_robots`).
  Each `other` field keeps its own id so the two series never overwrite each other.
- `personnel*` (older versions: `*personnel`) qualifies `personnel` only; `POW` is exact.
- Free text (`greatest losses direction`) and `day` are not figures. Any other unknown key is
  refused rather than guessed, because a guess would change claim ids when the mapping is fixed.

Imports: the standard library, orjson, `events`, `ledger.errors`, `ledger.files`. Never `cli`,
`ledger.service` or `ledger.store`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import orjson
from pydantic import ValidationError

from events.claims import Claim
from ledger.errors import InvalidInput
from ledger.files import FileTooLarge, UnreadableFile, read_regular_file

__all__ = [
    "CLAIMANT",
    "CORRECTION_FILE",
    "DATASET",
    "EQUIPMENT_FILE",
    "MAX_FILE_BYTES",
    "PERIOD_START",
    "PERSONNEL_FILE",
    "DatasetFigure",
    "DeclaredCorrection",
    "GsDaily",
    "ImportPlan",
    "PlannedCorrection",
    "claim_id_for",
    "load_gs_daily",
    "parse_declared_corrections",
    "parse_gs_daily",
    "plan_import",
]

DATASET = "gs-daily"
CLAIMANT = "General Staff of the Armed Forces of Ukraine"
SUBJECT = "russia"
PERIOD_START = date(2022, 2, 24)
"""The full-scale invasion: every figure in the files is cumulative since this day."""

PERSONNEL_FILE = "russia_losses_personnel.json"
EQUIPMENT_FILE = "russia_losses_equipment.json"
CORRECTION_FILE = "russia_losses_equipment_correction.json"
ORYX_FILE = "russia_losses_equipment_oryx.json"
MAX_FILE_BYTES = 50 * 1024 * 1024
"""Larger files are refused unread: the full series is under 1 MB, so this is not the data set."""

# source key -> (canonical metric, claim id suffix)
_PERSONNEL_FIELDS: dict[str, tuple[str, str]] = {
    "personnel": ("personnel", "personnel"),
    "POW": ("pow", "pow"),
}
_EQUIPMENT_FIELDS: dict[str, tuple[str, str]] = {
    "tank": ("tanks", "tanks"),
    "APC": ("afv", "afv"),
    "field artillery": ("artillery", "artillery"),
    "MRL": ("mlrs", "mlrs"),
    "anti-aircraft warfare": ("air_defense", "air_defense"),
    "drone": ("drones", "drones"),
    "aircraft": ("aircraft", "aircraft"),
    "helicopter": ("helicopters", "helicopters"),
    "naval ship": ("ships", "ships"),
    "submarines": ("submarines", "submarines"),
    "special equipment": ("special_equipment", "special_equipment"),
    "cruise missiles": ("cruise_missiles", "cruise_missiles"),
    "vehicles and fuel tanks": ("vehicles", "vehicles"),
    "mobile SRBM system": ("other", "other_srbm"),
    "ground robotic systems": ("other", "other_ground_robots"),
}
_VEHICLE_PARTS = ("military auto", "fuel tank")
_VEHICLES = ("vehicles", "vehicles")
_CORRECTION_FIELDS = _EQUIPMENT_FIELDS | {"personnel": ("personnel", "personnel")}

_QUALIFIER_KEYS = ("personnel*", "*personnel")
_QUALIFIERS = {"about": "approx", "almost": "approx", "more": "at_least", "more than": "at_least"}

_PERSONNEL_SKIPPED = frozenset({"date", "day", *_QUALIFIER_KEYS})
_EQUIPMENT_SKIPPED = frozenset({"date", "day", "greatest losses direction"})
_CORRECTION_SKIPPED = frozenset({"date", "day"})

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_COUNT = 2**63 - 1


@dataclass(frozen=True)
class DatasetFigure:
    """One published figure as a claim, with where in the files it was read."""

    claim: Claim
    provenance: dict[str, str]


@dataclass(frozen=True)
class DeclaredCorrection:
    """Part of one day's change that the General Staff declared a re-count, not new losses."""

    record_date: date
    metric: str
    delta: int
    field: str

    @property
    def claim_id(self) -> str:
        """Return the id of the figure of that day this correction explains."""
        return claim_id_for(self.record_date, _id_suffix(self.field))


@dataclass(frozen=True)
class PlannedCorrection:
    """A figure the source rewrote after the ledger had it: the fields to correct, and why."""

    claim_id: str
    changes: dict[str, Any]
    reason: str
    figure: DatasetFigure


@dataclass(frozen=True)
class ImportPlan:
    """What importing some figures means for a ledger that already holds `existing`.

    `absent` lists gs-daily claims the ledger holds that these figures lack (a smaller slice,
    or a record the source removed); it is reported, never acted on.
    """

    new: tuple[DatasetFigure, ...]
    corrections: tuple[PlannedCorrection, ...]
    unchanged: int
    absent: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Return True when the import would write nothing."""
        return not self.new and not self.corrections


@dataclass(frozen=True)
class GsDaily:
    """The parsed JSON of the gs-daily files, as read; `files` maps role -> path as given."""

    personnel: Any
    equipment: Any
    corrections: Any
    files: Mapping[str, str]

    @property
    def source_files(self) -> dict[str, str]:
        """Return role -> file name (no folder), as provenance records it."""
        return {role: Path(path).name for role, path in self.files.items()}

    def figures(self) -> list[DatasetFigure]:
        """Return every figure of the personnel and equipment files."""
        return parse_gs_daily(self.personnel, self.equipment, source_files=self.source_files)

    def declared_corrections(self) -> list[DeclaredCorrection]:
        """Return the declared corrections, or nothing when there was no corrections file."""
        if "corrections" not in self.files:
            return []
        return parse_declared_corrections(
            self.corrections, source_file=self.source_files["corrections"]
        )


def claim_id_for(day: date, suffix: str) -> str:
    """Return the stable id of a figure: the same record always gets the same id."""
    return f"c_gs_{day:%Y%m%d}_{suffix}"


def parse_gs_daily(
    personnel: list[dict[str, Any]],
    equipment: list[dict[str, Any]],
    *,
    source_files: dict[str, str],
) -> list[DatasetFigure]:
    """Turn the personnel and equipment records into figures, ordered by date then metric.

    Refuses malformed input with `InvalidInput` naming the file and the record.
    """
    figures: list[DatasetFigure] = []
    for role, records, fields, skipped in (
        ("personnel", personnel, _PERSONNEL_FIELDS, _PERSONNEL_SKIPPED),
        ("equipment", equipment, _EQUIPMENT_FIELDS, _EQUIPMENT_SKIPPED),
    ):
        file = source_files.get(role, PERSONNEL_FILE if role == "personnel" else EQUIPMENT_FILE)
        for index, record, day in _dated_records(records, file):
            where = _Where(file, index, day)
            # The source's qualifier is worded on `personnel` alone; POW and equipment are exact.
            qualifier = _qualifier(record, where) if role == "personnel" else "exact"
            for field, (metric, suffix), value in _fields(record, fields, skipped, where):
                worded = qualifier if metric == "personnel" else "exact"
                figures.append(_figure(day, field, metric, suffix, value, worded, file, where))
    figures.sort(key=_order)
    return figures


def parse_declared_corrections(
    records: list[dict[str, Any]], *, source_file: str
) -> list[DeclaredCorrection]:
    """Read the declared-corrections file: signed deltas per day and metric, zeros dropped."""
    found: list[DeclaredCorrection] = []
    for index, record, day in _dated_records(records, source_file):
        where = _Where(source_file, index, day)
        for field, (metric, _), delta in _fields(
            record, _CORRECTION_FIELDS, _CORRECTION_SKIPPED, where, signed=True
        ):
            if delta:
                found.append(DeclaredCorrection(day, metric, delta, field))
    found.sort(key=lambda c: (c.record_date, c.metric, c.field))
    return found


def plan_import(
    existing: Mapping[str, tuple[int, str]], figures: Sequence[DatasetFigure]
) -> ImportPlan:
    """Decide what to assert and what to correct, given the ledger's (value, qualifier) by id.

    A figure the ledger lacks is new; one whose value or qualifier differs was rewritten in the
    source and gets a correction; an identical one writes nothing, so re-imports are no-ops.
    """
    new: list[DatasetFigure] = []
    corrections: list[PlannedCorrection] = []
    unchanged = 0
    seen: set[str] = set()
    for figure in sorted(figures, key=_order):
        claim = figure.claim
        if claim.claim_id in seen:
            raise InvalidInput(f"gs-daily: the figure {claim.claim_id} is given twice")
        seen.add(claim.claim_id)
        if claim.claim_id not in existing:
            new.append(figure)
            continue
        old_value, old_qualifier = existing[claim.claim_id]
        changes: dict[str, Any] = {}
        if old_value != claim.value:
            changes["value"] = claim.value
        if old_qualifier != claim.qualifier:
            changes["qualifier"] = claim.qualifier
        if not changes:
            unchanged += 1
            continue
        reason = _rewrite_reason(figure, old_value, old_qualifier)
        corrections.append(PlannedCorrection(claim.claim_id, changes, reason, figure))
    absent = sorted(cid for cid in existing if cid.startswith("c_gs_") and cid not in seen)
    return ImportPlan(tuple(new), tuple(corrections), unchanged, tuple(absent))


def load_gs_daily(paths: Sequence[str | Path]) -> GsDaily:
    """Read the gs-daily files from folders and/or files, recognised by their names.

    The personnel and equipment files are the data (at least one is needed), the corrections
    file is optional, and the Oryx file is ignored: it is a per-model snapshot, not a series.
    """
    if not paths:
        raise InvalidInput("gs-daily: no file or folder given")
    found: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            _add_folder(found, path)
        elif path.exists():
            _add_file(found, path)
        else:
            raise InvalidInput(f"gs-daily: no such file or folder: {path}")
    if "personnel" not in found and "equipment" not in found:
        names = ", ".join(str(Path(p)) for p in paths)
        raise InvalidInput(f"gs-daily: no {PERSONNEL_FILE} or {EQUIPMENT_FILE} in {names}")
    parsed = {role: _read_json(path) for role, path in found.items()}
    return GsDaily(
        personnel=parsed.get("personnel", []),
        equipment=parsed.get("equipment", []),
        corrections=parsed.get("corrections", []),
        files={role: str(path) for role, path in sorted(found.items())},
    )


# --- records and fields ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    """Which record of which file a message is about."""

    file: str
    index: int
    day: date | None = None

    def refuse(self, message: str) -> NoReturn:
        """Raise InvalidInput: one line naming the file, the record (1-based) and its date."""
        on = f" ({self.day.isoformat()})" if self.day else ""
        raise InvalidInput(f"{self.file} record {self.index}{on}: {message}")


def _dated_records(records: object, file: str) -> Iterable[tuple[int, dict[str, Any], date]]:
    """Yield (1-based index, record, date) after checking shape, dates and duplicates."""
    if not isinstance(records, list):
        raise InvalidInput(f"{file}: expected a JSON array of objects, got {_kind(records)}")
    seen: dict[date, int] = {}
    for index, record in enumerate(records, start=1):
        where = _Where(file, index)
        if not isinstance(record, dict):
            where.refuse(f"expected an object, got {_kind(record)}")
        day = _record_date(record, where)
        if day in seen:
            _Where(file, index, day).refuse(f"duplicate date (also record {seen[day]})")
        seen[day] = index
        yield index, record, day


def _record_date(record: dict[str, Any], where: _Where) -> date:
    """Return the record's `date`: an ISO calendar date on or after the invasion."""
    if "date" not in record:
        where.refuse("no 'date'")
    text = record["date"]
    if not isinstance(text, str) or not _ISO_DATE.match(text):
        where.refuse(f"'date' is not YYYY-MM-DD: {_short(text)}")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        where.refuse(f"'date' is not a calendar date: {_short(text)}")
    if day < PERIOD_START:
        where.refuse(f"'date' {text} is before the invasion ({PERIOD_START.isoformat()})")
    return day


def _fields(
    record: dict[str, Any],
    fields: Mapping[str, tuple[str, str]],
    skipped: frozenset[str],
    where: _Where,
    *,
    signed: bool = False,
) -> list[tuple[str, tuple[str, str], int]]:
    """Return (source field, (metric, id suffix), count) for each figure of one record."""
    out: list[tuple[str, tuple[str, str], int]] = []
    for key, value in record.items():
        if key in skipped or key in _VEHICLE_PARTS:
            continue
        if key not in fields:
            where.refuse(f"unknown category {_short(key)}")
        out.append((key, fields[key], _count(value, key, where, signed=signed)))
    parts = [key for key in _VEHICLE_PARTS if key in record]
    if parts:
        if "vehicles and fuel tanks" in record:
            where.refuse(f"both 'vehicles and fuel tanks' and {_short(parts[0])}")
        total = sum(_count(record[key], key, where, signed=signed) for key in parts)
        out.append(("+".join(parts), _VEHICLES, total))
    return out


def _count(value: object, key: str, where: _Where, *, signed: bool) -> int:
    """Return a whole count; bools, floats, strings and out-of-range numbers are refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        where.refuse(f"{_short(key)} is not a whole number: {_short(value)}")
    if not signed and value < 0:
        where.refuse(f"{_short(key)} is negative: {value}")
    if abs(value) > _MAX_COUNT:
        where.refuse(f"{_short(key)} is out of range: {_short(value)}")
    return value


def _qualifier(record: dict[str, Any], where: _Where) -> str:
    """Map the source's `personnel*` wording onto a canonical qualifier; absent means exact."""
    given = [record[key] for key in _QUALIFIER_KEYS if key in record]
    if not given:
        return "exact"
    word = given[0]
    if not isinstance(word, str) or word.strip().lower() not in _QUALIFIERS:
        known = ", ".join(repr(w) for w in _QUALIFIERS)
        where.refuse(f"unknown 'personnel*' qualifier {_short(word)} (known: {known})")
    return _QUALIFIERS[word.strip().lower()]


def _figure(
    day: date,
    field: str,
    metric: str,
    suffix: str,
    value: int,
    qualifier: str,
    file: str,
    where: _Where,
) -> DatasetFigure:
    """Build one figure; a value the Claim model still refuses becomes InvalidInput."""
    try:
        claim = Claim(
            claim_id=claim_id_for(day, suffix),
            claimant=CLAIMANT,
            subject=SUBJECT,
            metric=metric,  # type: ignore[arg-type]
            value=value,
            qualifier=qualifier,  # type: ignore[arg-type]
            period="cumulative",
            period_start=PERIOD_START,
            as_of=day,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where.refuse(f"{_short(field)} does not make a valid claim: {first['msg']}")
    provenance = {
        "dataset": DATASET,
        "file": file,
        "record_date": day.isoformat(),
        "field": field,
    }
    return DatasetFigure(claim, provenance)


def _id_suffix(field: str) -> str:
    """Return the claim id suffix of a source field (the vehicle parts share `vehicles`)."""
    return (_CORRECTION_FIELDS | _PERSONNEL_FIELDS).get(field, _VEHICLES)[1]


def _order(figure: DatasetFigure) -> tuple[date, str, str]:
    """Sort key: by date, then metric, then id (the two `other` fields)."""
    claim = figure.claim
    return (claim.as_of, claim.metric, claim.claim_id)


def _rewrite_reason(figure: DatasetFigure, old_value: int, old_qualifier: str) -> str:
    """Say in one line what the source rewrote, e.g. `gs-daily 2022-03-11 APC ...: 165 -> 1165`."""
    claim = figure.claim
    parts = []
    if old_value != claim.value:
        parts.append(f"{old_value} -> {claim.value}")
    if old_qualifier != claim.qualifier:
        parts.append(f"qualifier {old_qualifier} -> {claim.qualifier}")
    where = f"{DATASET} {figure.provenance['record_date']} {figure.provenance['field']}"
    return f"{where} rewritten in the source: {'; '.join(parts)}"


def _kind(value: object) -> str:
    """Name a JSON value's type the way a user sees it in the file."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return names[bool]
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _short(value: object, limit: int = 60) -> str:
    """Return a one-line repr, cut to `limit` characters, for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- files ----------------------------------------------------------------------------------

_ROLES = {PERSONNEL_FILE: "personnel", EQUIPMENT_FILE: "equipment", CORRECTION_FILE: "corrections"}


def _add_folder(found: dict[str, Path], folder: Path) -> None:
    """Take the known files of a folder; anything else in it is none of our business."""
    if not any((folder / name).is_file() for name in (PERSONNEL_FILE, EQUIPMENT_FILE)):
        raise InvalidInput(
            f"gs-daily: {folder} holds neither {PERSONNEL_FILE} nor {EQUIPMENT_FILE}"
        )
    for name in _ROLES:
        if (folder / name).is_file():
            _add_file(found, folder / name)


def _add_file(found: dict[str, Path], path: Path) -> None:
    """Recognise one file by its name; the same file twice is fine, two different ones not."""
    if path.name == ORYX_FILE:
        return
    role = _ROLES.get(path.name)
    if role is None:
        names = ", ".join(_ROLES)
        raise InvalidInput(f"gs-daily: {path} is not a gs-daily file (expected one of {names})")
    if role in found and found[role].resolve() != path.resolve():
        raise InvalidInput(f"gs-daily: two {role} files given: {found[role]} and {path}")
    found[role] = path


def _read_json(path: Path) -> Any:
    """Read one file's JSON, refusing oversized, unreadable or malformed files in one line."""
    too_big = f"gs-daily: {path} is larger than {MAX_FILE_BYTES:,} bytes; refused unread"
    try:
        # regular files only (a FIFO is refused, never opened to block), bounded even if the
        # file grows meanwhile
        raw = read_regular_file(str(path), MAX_FILE_BYTES)
    except FileTooLarge:
        raise InvalidInput(too_big) from None
    except UnreadableFile as exc:
        raise InvalidInput(f"gs-daily: {exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput(too_big)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        message = " ".join(str(exc).split())
        raise InvalidInput(f"gs-daily: {path} is not valid JSON: {message}") from None
