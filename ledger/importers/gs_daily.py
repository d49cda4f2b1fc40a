"""The General Staff's daily figures (format `gs-daily`): what each record means as claims.

Owns the mapping of the format (issue 5, item 1; ../shared/data/mod-daily-losses/README.md):
which source key becomes which canonical metric, the qualifier wording, the deterministic claim
ids, `DatasetFigure` and `DeclaredCorrection`, and `parse_gs_daily` / `parse_declared_corrections`,
pure functions of the parsed JSON. Reading the files is `gs_daily_files`; deciding what an import
writes is `dataset_plan`.

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
- `personnel` is the General Staff's count of enemy personnel losses, which it defines as killed
  plus wounded: its basis is `killed_or_wounded` (README "What the figures count").
- Free text (`greatest losses direction`) and `day` are not figures. Any other unknown key is
  refused rather than guessed, because a guess would change claim ids when the mapping is fixed.

Imports: the standard library, pydantic, `events.claims`, `ledger.importers.records`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from events.claims import Claim
from events.vocabulary import Basis, Metric, Qualifier
from ledger.importers.records import JsonRecord, Where, count, dated_records, short

__all__ = [
    "CLAIMANT",
    "CORRECTION_FILE",
    "DATASET",
    "EQUIPMENT_FILE",
    "ORYX_FILE",
    "PERIOD_START",
    "PERSONNEL_FILE",
    "DatasetFigure",
    "DeclaredCorrection",
    "claim_id_for",
    "parse_declared_corrections",
    "parse_gs_daily",
]

DATASET = "gs-daily"
CLAIMANT = "General Staff of the Armed Forces of Ukraine"
SUBJECT = "russia"
PERIOD_START = date(2022, 2, 24)
"""The full-scale invasion: every figure in the files is cumulative since this day."""

PERSONNEL_FILE = "russia_losses_personnel.json"
PERSONNEL_BASIS: Basis = "killed_or_wounded"
"""What the source's `personnel` counts: the General Staff's losses are killed plus wounded."""
EQUIPMENT_FILE = "russia_losses_equipment.json"
CORRECTION_FILE = "russia_losses_equipment_correction.json"
ORYX_FILE = "russia_losses_equipment_oryx.json"

# source key -> (canonical metric, claim id suffix)
_PERSONNEL_FIELDS: dict[str, tuple[Metric, str]] = {
    "personnel": ("personnel", "personnel"),
    "POW": ("pow", "pow"),
}
_EQUIPMENT_FIELDS: dict[str, tuple[Metric, str]] = {
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
_VEHICLES: tuple[Metric, str] = ("vehicles", "vehicles")
_CORRECTION_FIELDS = _EQUIPMENT_FIELDS | {"personnel": ("personnel", "personnel")}

_QUALIFIER_KEYS = ("personnel*", "*personnel")
_QUALIFIERS: dict[str, Qualifier] = {
    "about": "approx",
    "almost": "approx",
    "more": "at_least",
    "more than": "at_least",
}

_PERSONNEL_SKIPPED = frozenset({"date", "day", *_QUALIFIER_KEYS})
_EQUIPMENT_SKIPPED = frozenset({"date", "day", "greatest losses direction"})
_CORRECTION_SKIPPED = frozenset({"date", "day"})


@dataclass(frozen=True)
class DatasetFigure:
    """One published figure as a claim, with where in the files it was read."""

    claim: Claim
    provenance: dict[str, str]

    @property
    def sort_key(self) -> tuple[date, str, str]:
        """Order figures by date, then metric, then id (the two `other` fields)."""
        return (self.claim.as_of, self.claim.metric, self.claim.claim_id)


@dataclass(frozen=True)
class DeclaredCorrection:
    """Part of one day's change that the General Staff declared a re-count, not new losses."""

    record_date: date
    metric: Metric
    delta: int
    field: str

    @property
    def claim_id(self) -> str:
        """Return the id of the figure of that day this correction explains."""
        return claim_id_for(self.record_date, _id_suffix(self.field))


@dataclass(frozen=True)
class _Found:
    """One figure of one record: the source field(s), its metric and id suffix, the count."""

    field: str
    metric: Metric
    suffix: str
    value: int


def claim_id_for(day: date, suffix: str) -> str:
    """Return the stable id of a figure: the same record always gets the same id."""
    return f"c_gs_{day:%Y%m%d}_{suffix}"


def parse_gs_daily(
    personnel: object, equipment: object, *, source_files: Mapping[str, str]
) -> list[DatasetFigure]:
    """Turn the personnel and equipment records (parsed JSON) into figures, by date then metric.

    Refuses malformed input with `InvalidInput` naming the file and the record.
    """
    figures: list[DatasetFigure] = []
    for role, records, fields, skipped in (
        ("personnel", personnel, _PERSONNEL_FIELDS, _PERSONNEL_SKIPPED),
        ("equipment", equipment, _EQUIPMENT_FIELDS, _EQUIPMENT_SKIPPED),
    ):
        file = source_files.get(role, PERSONNEL_FILE if role == "personnel" else EQUIPMENT_FILE)
        for index, record, day in _dated(records, file):
            where = Where(file, index, day)
            # The source's qualifier is worded on `personnel` alone; POW and equipment are exact.
            qualifier = _qualifier(record, where) if role == "personnel" else "exact"
            for found in _fields(record, fields, skipped, where):
                worded: Qualifier = qualifier if found.metric == "personnel" else "exact"
                figures.append(_figure(day, found, worded, file, where))
    figures.sort(key=lambda figure: figure.sort_key)
    return figures


def parse_declared_corrections(records: object, *, source_file: str) -> list[DeclaredCorrection]:
    """Read the declared-corrections file: signed deltas per day and metric, zeros dropped."""
    declared: list[DeclaredCorrection] = []
    for index, record, day in _dated(records, source_file):
        where = Where(source_file, index, day)
        for found in _fields(record, _CORRECTION_FIELDS, _CORRECTION_SKIPPED, where, signed=True):
            if found.value:
                declared.append(DeclaredCorrection(day, found.metric, found.value, found.field))
    declared.sort(key=lambda c: (c.record_date, c.metric, c.field))
    return declared


# --- one record -------------------------------------------------------------------------------


def _dated(records: object, file: str) -> Iterator[tuple[int, JsonRecord, date]]:
    """Yield the file's records with their dates, every one on or after the invasion."""
    return dated_records(records, file, earliest=PERIOD_START, earliest_is="the invasion")


def _fields(
    record: JsonRecord,
    fields: Mapping[str, tuple[Metric, str]],
    skipped: frozenset[str],
    where: Where,
    *,
    signed: bool = False,
) -> list[_Found]:
    """Return each figure of one record; the vehicle parts are summed into one."""
    out: list[_Found] = []
    for key, value in record.items():
        if key in skipped or key in _VEHICLE_PARTS:
            continue
        if key not in fields:
            where.refuse(f"unknown category {short(key)}")
        metric, suffix = fields[key]
        out.append(_Found(key, metric, suffix, count(value, key, where, signed=signed)))
    parts = [key for key in _VEHICLE_PARTS if key in record]
    if parts:
        if "vehicles and fuel tanks" in record:
            where.refuse(f"both 'vehicles and fuel tanks' and {short(parts[0])}")
        total = sum(count(record[key], key, where, signed=signed) for key in parts)
        out.append(_Found("+".join(parts), *_VEHICLES, total))
    return out


def _qualifier(record: JsonRecord, where: Where) -> Qualifier:
    """Map the source's `personnel*` wording onto a canonical qualifier; absent means exact."""
    given = [record[key] for key in _QUALIFIER_KEYS if key in record]
    if not given:
        return "exact"
    word = given[0]
    if not isinstance(word, str) or word.strip().lower() not in _QUALIFIERS:
        known = ", ".join(repr(w) for w in _QUALIFIERS)
        where.refuse(f"unknown 'personnel*' qualifier {short(word)} (known: {known})")
    return _QUALIFIERS[word.strip().lower()]


def _figure(
    day: date, found: _Found, qualifier: Qualifier, file: str, where: Where
) -> DatasetFigure:
    """Build one figure; a value the Claim model still refuses becomes InvalidInput."""
    try:
        claim = Claim(
            claim_id=claim_id_for(day, found.suffix),
            claimant=CLAIMANT,
            subject=SUBJECT,
            metric=found.metric,
            value=found.value,
            qualifier=qualifier,
            period="cumulative",
            period_start=PERIOD_START,
            as_of=day,
            basis=PERSONNEL_BASIS if found.metric == "personnel" else None,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where.refuse(f"{short(found.field)} does not make a valid claim: {first['msg']}")
    provenance = {
        "dataset": DATASET,
        "file": file,
        "record_date": day.isoformat(),
        "field": found.field,
    }
    return DatasetFigure(claim, provenance)


def _id_suffix(field: str) -> str:
    """Return the claim id suffix of a source field (the vehicle parts share `vehicles`)."""
    return (_CORRECTION_FIELDS | _PERSONNEL_FIELDS).get(field, _VEHICLES)[1]
