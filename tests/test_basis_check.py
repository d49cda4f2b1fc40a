"""Like with like: `check` compares only figures that count the same thing, and says why two
far apart are not compared; `--basis` picks the figures that count one thing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ledger.app.audit import check
from ledger.app.audit_compare import comparable
from tests.test_audit import row

STAFF = "General Staff of the Armed Forces of Ukraine"
MOD = "Russian Defence Ministry"


def personnel(claim_id: str, claimant: str, value: int, basis: str | None, **more: Any) -> Any:
    return row(claim_id, canonical_claimant=claimant, value=value, basis=basis, **more)


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("killed", "killed", True),
        ("killed", "unknown", True),  # nothing says they differ
        ("unknown", "killed_or_wounded", True),
        ("killed", "killed_or_wounded", False),
        ("named_dead", "captured", False),
        (None, None, True),  # another metric than personnel
    ],
)
def test_comparable(a: str | None, b: str | None, ok: bool) -> None:
    assert comparable(a, b) is ok


def kinds(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f["severity"], f["kind"]) for f in findings]


def test_far_apart_on_different_bases_is_said_not_compared() -> None:
    """Killed-and-wounded 385,230 against 195 captured: not a disagreement, an info line
    saying why the two are not compared."""
    findings = check(
        [
            personnel("c_gs", STAFF, 385_230, "killed_or_wounded"),
            personnel("c_mod", MOD, 195, "captured", origin="article"),
        ]
    )
    assert kinds(findings) == [("info", "not-comparable")]
    (finding,) = findings
    assert "are not compared on russia personnel" in finding["message"]
    assert "385,230 killed_or_wounded" in finding["message"]
    assert finding["figures"][MOD] == {"value": 195, "basis": "captured"}


@pytest.mark.parametrize(
    ("basis_a", "basis_b", "expected"),
    [
        ("killed", "killed", [("info", "disagreement")]),
        ("killed", "unknown", [("info", "disagreement")]),
        ("killed", "killed_or_wounded", [("info", "not-comparable")]),
    ],
)
def test_only_comparable_figures_disagree(
    basis_a: str, basis_b: str, expected: list[tuple[str, str]]
) -> None:
    findings = check(
        [
            personnel("c_a", "UK Defence Intelligence", 50_000, basis_a, origin="article"),
            personnel("c_b", "Mediazona", 20_000, basis_b, origin="article"),
        ]
    )
    assert kinds(findings) == expected


def test_a_claimant_with_two_bases_is_compared_on_the_matching_one() -> None:
    """One claimant's killed and killed-or-wounded figures of a day: the other claimant's
    killed figure is compared with the killed one only."""
    findings = check(
        [
            personnel("c_k", STAFF, 100_000, "killed"),
            personnel("c_kw", STAFF, 300_000, "killed_or_wounded"),
            personnel("c_other", "UK Defence Intelligence", 99_000, "killed", origin="article"),
        ]
    )
    assert findings == []  # 99,000 against 100,000 is within the tolerance


def test_a_figure_on_another_basis_than_the_series_is_not_checked_against_it() -> None:
    """An outlet's "killed" figure attributed to the General Staff is not judged by the
    killed-or-wounded series: an info line says so instead of a disagreement or agreement."""
    findings = check(
        [
            personnel("c_gs", STAFF, 174_550, "killed_or_wounded"),
            personnel("c_outlet", STAFF, 170_000, "killed", origin="article", publisher="Wire"),
        ]
    )
    assert kinds(findings) == [("info", "not-comparable")]
    assert findings[0]["figures"]["series_basis"] == "killed_or_wounded"


@pytest.fixture
def bases(cli, tmp_path):
    """A ledger with a killed and a killed-or-wounded personnel figure of one claimant."""
    for n, (value, basis) in enumerate([(1_870, "killed"), (6_300, "killed_or_wounded")]):
        document = {
            "type": "claim-asserted",
            "data": {
                "claim": {
                    "claim_id": f"c_basis{n}",
                    "claimant": MOD,
                    "subject": "russia",
                    "metric": "personnel",
                    "value": value,
                    "as_of": "2024-03-01",
                    "basis": basis,
                }
            },
        }
        path = tmp_path / f"event{n}.json"
        path.write_text(json.dumps(document))
        assert cli("append", "--event", str(path)).exit_code == 0
    return cli


def test_totals_stand_per_basis(bases) -> None:
    """Two bases of one claimant are two totals, not one series where the later wins."""
    rows = json.loads(bases("totals", "--json").stdout)
    assert {(r["basis"], r["value"]) for r in rows} == {
        ("killed", 1_870),
        ("killed_or_wounded", 6_300),
    }
    table = bases("totals").stdout  # under the metric: what each figure counts
    assert "(killed)" in table and "(killed or wounded)" in table


@pytest.mark.parametrize(
    ("view", "field"), [(["totals"], "value"), (["history", "personnel"], "basis")]
)
def test_basis_filter(bases, view: list[str], field: str) -> None:
    """`--basis`, in any case, keeps the figures that count that."""
    rows = json.loads(bases(*view, "--json", "--basis", "KILLED").stdout)
    assert [r[field] for r in rows] == [1_870 if field == "value" else "killed"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["totals", "--basis", "wounded"], 1, "no basis matches 'wounded' (this ledger has: "),
        (["totals", "--basis", "kiled"], 2, "unknown basis 'kiled': did you mean killed?"),
        (["history", "personnel", "--basis", "missing"], 1, "no basis matches 'missing'"),
        (["check", "--basis", "named_dead"], 1, "no basis matches 'named_dead'"),
        (["audit", "c_basis0", "--basis", "killed"], 2, "--basis goes with --metric"),
    ],
)
def test_basis_filter_refusals(bases, args: list[str], code: int, message: str) -> None:
    """A basis no claim has: exit 1 naming the ones there are; a misspelling: exit 2."""
    result = bases(*args)
    assert result.exit_code == code
    assert message in result.stderr


def test_correct_and_append_take_a_basis(bases) -> None:
    """`claims correct --basis` fixes what a figure counts; a basis on another metric is
    refused; a figure moved off personnel leaves its basis behind."""
    fixed = bases("correct", "c_basis0", "--basis", "wounded", "--reason", "the text says wounded")
    assert fixed.exit_code == 0, fixed.output
    shown = json.loads(bases("show", "c_basis0", "--json").stdout)
    assert shown["claim"]["basis"] == "wounded"
    moved = bases("correct", "c_basis1", "--metric", "pow", "--reason", "prisoners, not losses")
    assert moved.exit_code == 0, moved.output
    assert json.loads(bases("show", "c_basis1", "--json").stdout)["claim"]["basis"] is None
    refused = bases("correct", "c_basis1", "--basis", "killed", "--reason", "r")
    assert refused.exit_code == 2
    assert "is for personnel figures, not pow" in refused.stderr
    args = ["--claimant", "Mediazona", "--subject", "russia", "--metric", "personnel"]
    added = bases(
        "append", *args, "--value", "24470", "--as-of", "2023-06-02", "--basis", "named_dead"
    )
    assert added.exit_code == 0, added.output
    rows = json.loads(bases("totals", "--json", "--basis", "named_dead").stdout)
    assert [(r["claimant"], r["value"]) for r in rows] == [("Mediazona", 24_470)]


def test_windows_keep_a_series_per_basis(cli, tmp_path) -> None:
    """A week's killed and a week's wounded are two window figures, and `--basis` picks one."""
    for value, basis in [(900, "killed"), (2_700, "wounded")]:
        args = ["--claimant", MOD, "--subject", "ukraine", "--metric", "personnel"]
        window = ["--period", "window", "--since", "2024-02-24", "--as-of", "2024-03-01"]
        added = cli("append", *args, *window, "--value", str(value), "--basis", basis)
        assert added.exit_code == 0, added.output
    rows = json.loads(cli("windows", "--json").stdout)
    assert {(r["basis"], r["value"]) for r in rows} == {("killed", 900), ("wounded", 2_700)}
    kept = json.loads(cli("windows", "--json", "--basis", "wounded").stdout)
    assert [r["value"] for r in kept] == [2_700]
