"""The General Staff daily figures as claims: mapping, ids, corrections and the import plan."""

from __future__ import annotations

import csv
import json
import re
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.errors import InvalidInput
from ledger.importers import (
    CLAIMANT,
    DatasetFigure,
    DeclaredCorrection,
    gs_daily_files,
    load_gs_daily,
    parse_declared_corrections,
    parse_gs_daily,
    plan_import,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "gs-daily"
REWRITTEN = ROOT / "tests" / "fixtures" / "gs-daily-rewritten"
FULL = ROOT.parent / "shared" / "data" / "mod-daily-losses"
FILES = {"personnel": "russia_losses_personnel.json", "equipment": "russia_losses_equipment.json"}

needs_full_data = pytest.mark.skipif(not FULL.is_dir(), reason=f"{FULL} is not present")


def by_id(figures: list[DatasetFigure]) -> dict[str, DatasetFigure]:
    """Index figures by claim id."""
    return {figure.claim.claim_id: figure for figure in figures}


def existing_of(figures: list[DatasetFigure]) -> dict[str, tuple[int, str]]:
    """Return what a ledger holding exactly these figures would pass to plan_import."""
    return {f.claim.claim_id: (f.claim.value, f.claim.qualifier) for f in figures}


def parse(personnel: Any = (), equipment: Any = ()) -> list[DatasetFigure]:
    """Parse in-memory records under the real file names."""
    p = list(personnel) if isinstance(personnel, tuple) else personnel
    e = list(equipment) if isinstance(equipment, tuple) else equipment
    return parse_gs_daily(p, e, source_files=FILES)


@pytest.fixture(scope="module")
def figures() -> list[DatasetFigure]:
    """The figures of the real slice."""
    return load_gs_daily([FIXTURE]).figures()


@pytest.fixture(scope="module")
def old_figures() -> list[DatasetFigure]:
    """The figures of the slice as first published (three values before their rewrite)."""
    return load_gs_daily([REWRITTEN]).figures()


# --- mapping ----------------------------------------------------------------------------------

# (record date, source field, canonical metric, claim id, value in the slice)
MAPPING = [
    ("2023-04-02", "personnel", "personnel", "c_gs_20230402_personnel", 174_550),
    ("2022-03-08", "POW", "pow", "c_gs_20220308_pow", 284),
    ("2022-10-04", "tank", "tanks", "c_gs_20221004_tanks", 2_424),
    ("2022-10-04", "APC", "afv", "c_gs_20221004_afv", 5_018),
    ("2023-03-26", "field artillery", "artillery", "c_gs_20230326_artillery", 2_631),
    ("2022-05-03", "MRL", "mlrs", "c_gs_20220503_mlrs", 162),
    ("2022-04-30", "anti-aircraft warfare", "air_defense", "c_gs_20220430_air_defense", 77),
    ("2023-04-02", "drone", "drones", "c_gs_20230402_drones", 2_249),
    ("2023-04-02", "aircraft", "aircraft", "c_gs_20230402_aircraft", 306),
    ("2022-05-01", "helicopter", "helicopters", "c_gs_20220501_helicopters", 155),
    ("2022-05-03", "naval ship", "ships", "c_gs_20220503_ships", 10),
    ("2026-05-03", "submarines", "submarines", "c_gs_20260503_submarines", 2),
    ("2022-03-16", "special equipment", "special_equipment", "c_gs_20220316_special_equipment", 10),
    ("2022-05-01", "cruise missiles", "cruise_missiles", "c_gs_20220501_cruise_missiles", 84),
    ("2022-05-01", "vehicles and fuel tanks", "vehicles", "c_gs_20220501_vehicles", 1_796),
    ("2022-04-30", "military auto+fuel tank", "vehicles", "c_gs_20220430_vehicles", 1_701 + 76),
    ("2022-04-30", "mobile SRBM system", "other", "c_gs_20220430_other_srbm", 4),
    ("2026-05-03", "ground robotic systems", "other", "c_gs_20260503_other_ground_robots", 1_306),
]


@pytest.mark.parametrize(("day", "field", "metric", "claim_id", "value"), MAPPING)
def test_each_category_maps_onto_its_metric(
    figures: list[DatasetFigure], day: str, field: str, metric: str, claim_id: str, value: int
) -> None:
    """Every source category becomes its canonical metric, with the source's value."""
    figure = by_id(figures)[claim_id]
    assert (figure.claim.metric, figure.claim.value) == (metric, value)
    assert figure.provenance["field"] == field
    assert figure.claim.as_of == date.fromisoformat(day)


def test_every_key_of_the_slice_is_mapped_or_skipped() -> None:
    """The slice holds no key the mapping table above does not cover (or knowingly skips)."""
    covered = {field for _, fields, *_ in MAPPING for field in fields.split("+")}
    skipped = {"date", "day", "personnel*", "greatest losses direction"}
    keys = set()
    for name in FILES.values():
        keys |= {key for record in json.loads((FIXTURE / name).read_text()) for key in record}
    assert keys - skipped == covered


def test_every_figure_is_the_general_staffs_cumulative_claim(
    figures: list[DatasetFigure],
) -> None:
    """Claimant, subject, period and start are fixed; as_of is the record date; no outlet."""
    for figure in figures:
        claim = figure.claim
        assert claim.claimant == CLAIMANT == "General Staff of the Armed Forces of Ukraine"
        assert (claim.subject, claim.period) == ("russia", "cumulative")
        assert claim.period_start == date(2022, 2, 24)
        assert claim.as_of.isoformat() == figure.provenance["record_date"]
        assert (claim.publisher, claim.quote, claim.span) == (None, None, None)


def test_provenance_names_dataset_file_date_and_field(figures: list[DatasetFigure]) -> None:
    """Provenance is exactly dataset, file name, record date and source field."""
    assert by_id(figures)["c_gs_20221012_artillery"].provenance == {
        "dataset": "gs-daily",
        "file": "russia_losses_equipment.json",
        "record_date": "2022-10-12",
        "field": "field artillery",
    }


def test_the_slice_gives_fifty_four_days(figures: list[DatasetFigure]) -> None:
    """The slice's 54 dates all become figures."""
    assert len({figure.claim.as_of for figure in figures}) == 54


def test_free_text_and_day_numbers_are_not_figures(figures: list[DatasetFigure]) -> None:
    """`greatest losses direction` and `day` yield no claims."""
    fields = {figure.provenance["field"] for figure in figures}
    assert not fields & {"greatest losses direction", "day", "date", "personnel*"}


# --- qualifiers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "qualifier"),
    [
        ("about", "approx"),
        ("almost", "approx"),
        ("more", "at_least"),
        ("more than", "at_least"),
        (None, "exact"),
    ],
)
def test_personnel_qualifier_comes_from_the_source(word: str | None, qualifier: str) -> None:
    """`personnel*` maps about/almost -> approx, more/more than -> at_least, absent -> exact."""
    record: dict[str, Any] = {"date": "2022-03-07", "day": 12, "personnel": 11000}
    if word is not None:
        record["personnel*"] = word
    (figure,) = parse([record])
    assert figure.claim.qualifier == qualifier


def test_older_qualifier_key_is_read_too() -> None:
    """Early versions of the file spelt the key `*personnel`."""
    (figure,) = parse([{"date": "2022-03-07", "personnel": 11000, "*personnel": "more than"}])
    assert figure.claim.qualifier == "at_least"


def test_the_slice_keeps_the_real_more_qualifier(figures: list[DatasetFigure]) -> None:
    """On 2022-03-07 the source says `more`: at_least; the day before `about`: approx."""
    index = by_id(figures)
    assert index["c_gs_20220307_personnel"].claim.qualifier == "at_least"
    assert index["c_gs_20220306_personnel"].claim.qualifier == "approx"


def test_qualifier_applies_to_personnel_only() -> None:
    """POW on a `more` record is still exact: the word qualifies personnel."""
    record = {"date": "2022-03-07", "personnel": 11000, "personnel*": "more", "POW": 259}
    assert {f.claim.metric: f.claim.qualifier for f in parse([record])} == {
        "personnel": "at_least",
        "pow": "exact",
    }


def test_equipment_figures_are_exact(figures: list[DatasetFigure]) -> None:
    """The equipment file has no qualifier, so its figures are exact."""
    assert {f.claim.qualifier for f in figures if f.claim.metric != "personnel"} == {"exact"}


# --- vehicles ---------------------------------------------------------------------------------


def test_military_auto_and_fuel_tank_are_summed_into_vehicles(
    figures: list[DatasetFigure],
) -> None:
    """Before 2022-05-01 the two series are one `vehicles` figure; neither stands alone."""
    april = [f for f in figures if f.claim.as_of == date(2022, 4, 30)]
    vehicles = [f for f in april if f.claim.metric == "vehicles"]
    assert [(f.claim.value, f.provenance["field"]) for f in vehicles] == [
        (1777, "military auto+fuel tank")
    ]


def test_vehicles_series_is_continuous_across_the_switch(figures: list[DatasetFigure]) -> None:
    """The merged series runs on without a gap or drop from 04-28 to 05-03."""
    series = [
        (f.claim.as_of.isoformat(), f.claim.value)
        for f in figures
        if f.claim.metric == "vehicles"
        and "2022-04-28" <= f.claim.as_of.isoformat() <= "2022-05-03"
    ]
    assert series == [
        ("2022-04-28", 1764),
        ("2022-04-29", 1771),
        ("2022-04-30", 1777),
        ("2022-05-01", 1796),
        ("2022-05-02", 1824),
        ("2022-05-03", 1843),
    ]


def test_one_vehicle_part_alone_still_counts() -> None:
    """A record with only `military auto` gives vehicles from that part, named as such."""
    (figure,) = parse(equipment=[{"date": "2022-03-01", "military auto": 305}])
    assert (figure.claim.value, figure.provenance["field"]) == (305, "military auto")


# --- ids and order ----------------------------------------------------------------------------


def test_ids_are_deterministic_across_parses() -> None:
    """Parsing the same files twice gives the same claims, in the same order."""
    first = load_gs_daily([FIXTURE]).figures()
    second = load_gs_daily([FIXTURE]).figures()
    assert first == second


def test_ids_follow_the_pattern_and_are_unique(figures: list[DatasetFigure]) -> None:
    """Ids are `c_gs_<yyyymmdd>_<metric>` and never repeat."""
    ids = [figure.claim.claim_id for figure in figures]
    assert len(ids) == len(set(ids))
    for figure in figures:
        claim = figure.claim
        assert re.fullmatch(r"c_[0-9a-z_]{1,64}", claim.claim_id)
        assert claim.claim_id.startswith(f"c_gs_{claim.as_of:%Y%m%d}_{claim.metric}")


def test_ids_do_not_depend_on_record_order() -> None:
    """Reversing the records changes neither ids nor the output order."""
    personnel = json.loads((FIXTURE / FILES["personnel"]).read_text())
    equipment = json.loads((FIXTURE / FILES["equipment"]).read_text())
    assert parse(personnel[::-1], equipment[::-1]) == parse(personnel, equipment)


def test_figures_are_ordered_by_date_then_metric(figures: list[DatasetFigure]) -> None:
    """Output order is (as_of, metric, claim id)."""
    keys = [(f.claim.as_of, f.claim.metric, f.claim.claim_id) for f in figures]
    assert keys == sorted(keys)


# --- declared corrections ---------------------------------------------------------------------


def test_declared_corrections_drop_zeros_and_keep_signs() -> None:
    """2022-10-13: APC -25, field artillery +32, drone +20, naval ship +1, nothing else."""
    corrections = load_gs_daily([FIXTURE]).declared_corrections()
    day = date(2022, 10, 13)
    assert corrections == [
        DeclaredCorrection(day, "afv", -25, "APC"),
        DeclaredCorrection(day, "artillery", 32, "field artillery"),
        DeclaredCorrection(day, "drones", 20, "drone"),
        DeclaredCorrection(day, "ships", 1, "naval ship"),
    ]


def test_declared_correction_names_the_figure_it_explains() -> None:
    """A correction's claim_id is that day's figure of the same metric."""
    correction = DeclaredCorrection(date(2022, 10, 13), "afv", -25, "APC")
    assert correction.claim_id == "c_gs_20221013_afv"


def test_no_corrections_file_means_no_declared_corrections(tmp_path: Path) -> None:
    """The corrections file is optional."""
    (tmp_path / FILES["personnel"]).write_bytes((FIXTURE / FILES["personnel"]).read_bytes())
    assert load_gs_daily([tmp_path]).declared_corrections() == []


# --- the import plan --------------------------------------------------------------------------


def test_first_import_asserts_every_figure(figures: list[DatasetFigure]) -> None:
    """Against an empty ledger every figure is new and nothing is corrected."""
    plan = plan_import({}, figures)
    assert (list(plan.new), plan.corrections, plan.unchanged) == (figures, (), 0)


def test_reimport_plans_nothing(figures: list[DatasetFigure]) -> None:
    """Planning the same figures against themselves writes nothing."""
    plan = plan_import(existing_of(figures), figures)
    assert plan.empty
    assert (plan.new, plan.corrections, plan.absent) == ((), (), ())
    assert plan.unchanged == len(figures)


def test_rewritten_figures_become_exactly_the_real_corrections(
    figures: list[DatasetFigure], old_figures: list[DatasetFigure]
) -> None:
    """Importing the first-published slice, then the final one, corrects the three rewrites."""
    plan = plan_import(existing_of(old_figures), figures)
    assert plan.new == ()
    assert [(c.claim_id, c.changes, c.reason) for c in plan.corrections] == [
        (
            "c_gs_20220226_vehicles",
            {"value": 190},
            "gs-daily 2022-02-26 military auto+fuel tank rewritten in the source: 90 -> 190",
        ),
        (
            "c_gs_20220311_afv",
            {"value": 1165},
            "gs-daily 2022-03-11 APC rewritten in the source: 165 -> 1165",
        ),
        (
            "c_gs_20221012_artillery",
            {"value": 1507},
            "gs-daily 2022-10-12 field artillery rewritten in the source: 1496 -> 1507",
        ),
    ]
    assert plan.unchanged == len(figures) - 3


def test_a_qualifier_rewrite_is_a_correction() -> None:
    """`more than` rewritten to `almost` (as on 2022-03-09) corrects the qualifier only."""
    old = parse([{"date": "2022-03-09", "personnel": 12000, "personnel*": "more than"}])
    new = parse([{"date": "2022-03-09", "personnel": 12000, "personnel*": "almost"}])
    (correction,) = plan_import(existing_of(old), new).corrections
    assert correction.changes == {"qualifier": "approx"}
    assert correction.reason == (
        "gs-daily 2022-03-09 personnel rewritten in the source: qualifier at_least -> approx"
    )


def test_a_later_slice_adds_only_its_new_days(figures: list[DatasetFigure]) -> None:
    """Figures the ledger lacks are new; those it has are left alone."""
    first_half = [f for f in figures if f.claim.as_of < date(2022, 10, 1)]
    plan = plan_import(existing_of(first_half), figures)
    assert list(plan.new) == [f for f in figures if f.claim.as_of >= date(2022, 10, 1)]
    assert plan.corrections == ()


def test_figures_missing_from_the_source_are_reported_not_retracted(
    figures: list[DatasetFigure],
) -> None:
    """A gs-daily claim the new files lack is listed in `absent`; other claims are ignored."""
    existing = existing_of(figures) | {"c_gs_20230509_tanks": (3800, "exact"), "c_x": (1, "exact")}
    plan = plan_import(existing, figures)
    assert (plan.absent, plan.new, plan.corrections) == (("c_gs_20230509_tanks",), (), ())


def test_plan_order_does_not_depend_on_input_order(
    figures: list[DatasetFigure], old_figures: list[DatasetFigure]
) -> None:
    """The plan is the same whatever order the figures come in."""
    existing = existing_of(old_figures[::2])
    assert plan_import(existing, figures[::-1]) == plan_import(existing, figures)


def test_the_same_figure_twice_is_refused(figures: list[DatasetFigure]) -> None:
    """A plan over duplicated ids would assert a claim twice: refused."""
    with pytest.raises(InvalidInput, match="c_gs_20220225_afv is given twice"):
        plan_import({}, [*figures, by_id(figures)["c_gs_20220225_afv"]])


@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_corrections_are_exactly_the_figures_that_differ(data: st.DataObject) -> None:
    """For any ledger state, corrections name exactly the ids whose value or qualifier differ."""
    figures = load_gs_daily([FIXTURE]).figures()[:60]
    existing = existing_of(figures)
    changed = data.draw(st.sets(st.sampled_from(sorted(existing)), max_size=10))
    for claim_id in changed:
        value, qualifier = existing[claim_id]
        if data.draw(st.booleans()):
            existing[claim_id] = (value + data.draw(st.integers(1, 1000)), qualifier)
        else:
            existing[claim_id] = (value, "at_most")
    plan = plan_import(existing, figures)
    assert {c.claim_id for c in plan.corrections} == changed
    assert plan.unchanged == len(figures) - len(changed)


# --- bad input --------------------------------------------------------------------------------

P = FILES["personnel"]
E = FILES["equipment"]
OK = {"date": "2022-03-01", "personnel": 5710}

BAD = [
    ("personnel not an array", {"date": "2022-03-01"}, [], f"{P}: expected a JSON array"),
    ("equipment is null", [], None, f"{E}: expected a JSON array of objects, got null"),
    ("record not an object", [OK, 5], [], f"{P} record 2: expected an object, got a number"),
    ("no date", [{"personnel": 1}], [], f"{P} record 1: no 'date'"),
    ("date a number", [{"date": 20220301}], [], "'date' is not YYYY-MM-DD: 20220301"),
    ("date not padded", [{"date": "2022-3-1"}], [], "'date' is not YYYY-MM-DD: '2022-3-1'"),
    ("date not a day", [{"date": "2022-02-30"}], [], "'date' is not a calendar date"),
    ("date before war", [{"date": "2022-02-23"}], [], "'date' 2022-02-23 is before the invasion"),
    ("duplicate date", [OK, OK], [], f"{P} record 2 (2022-03-01): duplicate date (also record 1)"),
    ("count a string", [{**OK, "personnel": "5710"}], [], "'personnel' is not a whole number"),
    ("count a float", [{**OK, "personnel": 5710.0}], [], "'personnel' is not a whole number"),
    ("count a bool", [{**OK, "POW": True}], [], "'POW' is not a whole number: True"),
    ("count null", [], [{"date": "2022-03-01", "tank": None}], "'tank' is not a whole number"),
    ("count negative", [{**OK, "personnel": -1}], [], "(2022-03-01): 'personnel' is negative"),
    ("count huge", [{**OK, "personnel": 2**63}], [], "'personnel' is out of range"),
    ("unknown category", [], [{"date": "2022-03-01", "tanks": 1}], "unknown category 'tanks'"),
    ("personnel in equip.", [], [{"date": "2022-03-01", "personnel": 1}], "unknown category"),
    ("unknown qualifier", [{**OK, "personnel*": "roughly"}], [], "unknown 'personnel*' qualif"),
    ("qualifier not text", [{**OK, "personnel*": 1}], [], "unknown 'personnel*' qualifier 1"),
    (
        "both vehicle forms",
        [],
        [{"date": "2022-05-01", "vehicles and fuel tanks": 9, "fuel tank": 1}],
        "both 'vehicles and fuel tanks' and 'fuel tank'",
    ),
]


@pytest.mark.parametrize(
    ("personnel", "equipment", "message"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_bad_records_are_refused_in_one_line(personnel: Any, equipment: Any, message: str) -> None:
    """Malformed input raises InvalidInput: one line naming the file, record and problem."""
    with pytest.raises(InvalidInput) as caught:
        parse_gs_daily(personnel, equipment, source_files=FILES)
    text = str(caught.value)
    assert message in text
    assert "\n" not in text
    assert text.startswith((P, E))


BAD_CORRECTIONS = [
    ("not an array", {"date": "2022-10-13"}, "expected a JSON array of objects, got an object"),
    ("a bool delta", [{"date": "2022-10-13", "APC": False}], "'APC' is not a whole number"),
    ("unknown key", [{"date": "2022-10-13", "BUK": 1}], "unknown category 'BUK'"),
    ("duplicate date", [{"date": "2022-10-13"}] * 2, "duplicate date"),
]


@pytest.mark.parametrize(
    ("records", "message"), [c[1:] for c in BAD_CORRECTIONS], ids=[c[0] for c in BAD_CORRECTIONS]
)
def test_bad_corrections_are_refused_in_one_line(records: Any, message: str) -> None:
    """The corrections file gets the same checks, except that deltas may be negative."""
    with pytest.raises(InvalidInput, match=re.escape(message)) as caught:
        parse_declared_corrections(records, source_file="c.json")
    assert str(caught.value).startswith("c.json")


def test_negative_correction_deltas_are_accepted() -> None:
    """A declared correction may take figures away."""
    (correction,) = parse_declared_corrections(
        [{"date": "2022-10-13", "day": 231, "APC": -25, "tank": 0}], source_file="c.json"
    )
    assert (correction.metric, correction.delta) == ("afv", -25)


# --- files ------------------------------------------------------------------------------------


def test_files_and_their_folder_load_the_same() -> None:
    """PATH may be the folder or the files themselves."""
    files = [
        FIXTURE / name for name in (*FILES.values(), "russia_losses_equipment_correction.json")
    ]
    assert load_gs_daily(files).figures() == load_gs_daily([FIXTURE]).figures()
    assert (
        load_gs_daily(files).declared_corrections()
        == load_gs_daily([FIXTURE]).declared_corrections()
    )


def test_the_oryx_file_is_ignored(tmp_path: Path) -> None:
    """The Oryx per-model snapshot is not a daily series: it is skipped, not refused."""
    oryx = tmp_path / "russia_losses_equipment_oryx.json"
    oryx.write_text("[]")
    daily = load_gs_daily([FIXTURE / FILES["personnel"], oryx])
    assert set(daily.files) == {"personnel"}


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write one file and return its path."""
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: [d / "nowhere"], "no such file or folder: "),
        (lambda d: [d], "holds neither russia_losses_personnel.json nor"),
        (lambda d: [write(d, "losses.json", "[]")], "losses.json is not a gs-daily file"),
        (lambda d: [write(d, P, "[{")], f"{P} is not valid JSON: "),
        (lambda d: [write(d, P, b"\xff\xfe")], f"{P} is not valid JSON: "),
        (lambda d: [write(d, "russia_losses_equipment_correction.json", "[]")], "no russia_losses"),
        (lambda d: [], "no file or folder given"),
    ],
    ids=[
        "missing",
        "empty folder",
        "unknown name",
        "bad json",
        "not utf-8",
        "only corrections",
        "none",
    ],
)
def test_bad_paths_are_refused_in_one_line(tmp_path: Path, setup: Any, message: str) -> None:
    """A missing file, unreadable JSON or a folder without the files: InvalidInput, one line."""
    with pytest.raises(InvalidInput) as caught:
        load_gs_daily(setup(tmp_path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_two_different_files_for_one_role_are_refused(tmp_path: Path) -> None:
    """Two personnel files cannot both be the series."""
    other = write(tmp_path, P, "[]")
    with pytest.raises(InvalidInput, match="two personnel files given"):
        load_gs_daily([FIXTURE, other])


def test_oversized_files_are_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file above the size limit is refused before it is read."""
    monkeypatch.setattr(gs_daily_files, "MAX_FILE_BYTES", 10)
    path = write(tmp_path, P, json.dumps([OK]))
    with pytest.raises(InvalidInput, match="is larger than 10 bytes; refused unread"):
        load_gs_daily([path])


# --- the full real data (beside the repo as ../shared, as in CI) --------------------------------


@needs_full_data
def test_full_data_parses_quickly_and_completely() -> None:
    """All 1,626 days parse in well under 10 s, 174,550 personnel on 2023-04-02 among them."""
    started = time.perf_counter()
    daily = load_gs_daily([FULL])
    figures = daily.figures()
    elapsed = time.perf_counter() - started
    assert len({figure.claim.as_of for figure in figures}) == 1626
    assert by_id(figures)["c_gs_20230402_personnel"].claim.value == 174_550
    assert len({c.record_date for c in daily.declared_corrections()}) == 28
    assert elapsed < 10


@needs_full_data
def test_full_data_reimport_plans_nothing() -> None:
    """A second import of the full data writes nothing."""
    figures = load_gs_daily([FULL]).figures()
    assert plan_import(existing_of(figures), figures).empty


@needs_full_data
@pytest.mark.parametrize(
    "name", [*FILES.values(), "russia_losses_equipment_correction.json"], ids=str
)
def test_fixture_records_are_copied_unchanged(name: str) -> None:
    """Every record of the slice is byte-identical to the same date's record in the snapshot."""
    full = {r["date"]: r for r in json.loads((FULL / name).read_text(encoding="utf-8"))}
    for record in json.loads((FIXTURE / name).read_text(encoding="utf-8")):
        original = full[record["date"]]
        assert json.dumps(record, indent=4) == json.dumps(original, indent=4)
        assert list(record) == list(original)


@needs_full_data
@pytest.mark.parametrize(
    ("record_date", "field", "old", "new"),
    [
        ("2022-02-26", "military auto", "30", "130"),
        ("2022-03-11", "APC", "165", "1165"),
        ("2022-10-12", "field artillery", "1496", "1507"),
    ],
)
def test_the_rewritten_fixture_encodes_real_rewrites(
    record_date: str, field: str, old: str, new: str
) -> None:
    """Each difference between the two fixtures is a recorded rewrite in the git history."""
    with (FULL / "revision_history_from_git.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert any(
        (row["record_date"], row["field"], row["old_value"], row["new_value"], row["change_kind"])
        == (record_date, field, old, new, "value_changed")
        for row in rows
    )
    rewritten = {r["date"]: r for r in json.loads((REWRITTEN / E).read_text())}
    final = {r["date"]: r for r in json.loads((FIXTURE / E).read_text())}
    assert (rewritten[record_date][field], final[record_date][field]) == (int(old), int(new))


def test_the_two_fixtures_differ_only_in_the_three_rewrites() -> None:
    """Apart from the three rewritten values, the two slices are the same bytes."""
    for name in (*FILES.values(), "russia_losses_equipment_correction.json", "LICENSE"):
        old = (REWRITTEN / name).read_text().splitlines()
        new = (FIXTURE / name).read_text().splitlines()
        differing = [(a.strip(), b.strip()) for a, b in zip(old, new, strict=True) if a != b]
        expected = {
            E: [
                ('"military auto": 30,', '"military auto": 130,'),
                ('"APC": 165,', '"APC": 1165,'),
                ('"field artillery": 1496,', '"field artillery": 1507,'),
            ]
        }
        assert differing == expected.get(name, [])
