"""Basis: what a personnel figure counts, read from the words around it (`ledger.ingest.basis`),
kept on the claim (old payloads unchanged), and set by the General Staff's data set."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from events import BASES, Claim, basis_of, decode, encode
from ledger.ingest.basis import CLAIMANT_BASES, basis_for
from ledger.ingest.extract import extract_claims
from ledger.ingest.sentences import split_sentences
from tests.conftest import make_claim

EVENTS = Path(__file__).parent / "fixtures" / "events"
DAY = dt.date(2024, 3, 1)


def personnel(text: str) -> list[tuple[int, str | None]]:
    """(value, basis) of each personnel claim the extractor reads in `text`."""
    found = extract_claims(
        text, article_id="a_t", publisher="Test Wire", published=DAY, fallback_date=DAY
    )
    return [(c.value, c.basis) for c in found if c.metric == "personnel"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the figure's own clause says it
        ("Moscow said 1,870 of its servicemen had been killed.", [(1_870, "killed")]),
        ("The army said 5,200 soldiers had died in the fighting.", [(5_200, "killed")]),
        ("Officials put the number of wounded at 7,400 soldiers.", [(7_400, "wounded")]),
        ("About 2,300 troops were injured, the ministry said.", [(2_300, "wounded")]),
        (
            "Kyiv says 3,900 Russian troops were killed or wounded last week.",
            [(3_900, "killed_or_wounded")],
        ),
        (
            "Analysts estimate some 88,000 Russian casualties so far.",
            [(88_000, "killed_or_wounded")],
        ),
        (
            "Some 640 Ukrainian soldiers are missing in action, the official said.",
            [(640, "missing")],
        ),
        (
            "The ministry said 71,000 irretrievable losses had been suffered by the army.",
            [(71_000, "irrecoverable")],
        ),
        # the words before it say it
        (
            "The project has confirmed the names of 12,650 Russian soldiers killed in the war.",
            [(12_650, "named_dead")],
        ),
        # each figure its own word: the next figure's word is not read
        (
            "The ministry said 1,620 servicemen had been killed and 4,480 had been wounded.",
            [(1_620, "killed"), (4_480, "wounded")],
        ),
        # a range's two ends count the same thing
        (
            "Officials believe between 9,000 and 12,000 Russian soldiers have been killed.",
            [(9_000, "killed"), (12_000, "killed")],
        ),
        # the claimant's own definition: the General Staff's "losses" are killed plus wounded
        (
            "Ukraine's General Staff said Russia had lost 301,250 troops.",
            [(301_250, "killed_or_wounded")],
        ),
        # nothing says it: unknown, never guessed
        ("Russia has lost 44,000 soldiers, a Western official said.", [(44_000, "unknown")]),
    ],
)
def test_the_words_around_a_figure_say_what_it_counts(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert personnel(text) == expected


def test_other_metrics_have_no_basis() -> None:
    found = extract_claims(
        "Ukraine's General Staff said Russia had lost 301,250 troops and 6,100 tanks.",
        article_id="a_t",
        publisher="Test Wire",
        published=DAY,
        fallback_date=DAY,
    )
    assert {(c.metric, c.basis) for c in found} == {
        ("personnel", "killed_or_wounded"),
        ("tanks", None),
    }


@pytest.mark.parametrize(
    ("text", "claimant", "expected"),
    [
        (
            "Russia lost 900 troops.",
            "General Staff of the Armed Forces of Ukraine",
            ("killed_or_wounded", "claimant-defines-losses"),
        ),
        (
            "Russia lost 900 troops.",
            "Ministry of Defence of Ukraine (a deputy minister)",
            ("killed_or_wounded", "claimant-defines-losses"),
        ),
        ("Russia lost 900 troops.", "UK Defence Intelligence", ("unknown", "no-basis-cue")),
        (
            "Russia lost 900 troops killed.",
            "General Staff of the Armed Forces of Ukraine",
            ("killed", "basis-killed"),
        ),
        (
            "The dead and wounded number 900.",
            None,
            ("killed_or_wounded", "basis-killed-and-wounded"),
        ),
    ],
)
def test_basis_for_names_the_rule_that_decided(
    text: str, claimant: str | None, expected: tuple[str, str]
) -> None:
    """The text's word wins over the claimant's definition; with neither, `unknown`."""
    (sentence,) = split_sentences(text, [])
    start = text.index("900")
    assert basis_for(text, sentence, start, start + 3, claimant) == expected


def test_the_claimant_table_uses_the_vocabulary() -> None:
    assert set(CLAIMANT_BASES.values()) <= set(BASES)


@pytest.mark.parametrize(
    ("metric", "basis", "expected"),
    [
        ("personnel", None, "unknown"),
        ("personnel", "killed", "killed"),
        ("tanks", None, None),
    ],
)
def test_basis_of(metric: str, basis: str | None, expected: str | None) -> None:
    """A personnel figure recorded without a basis reads as `unknown`; others have none."""
    assert basis_of(metric, basis) == expected


def test_a_basis_belongs_to_personnel_figures_only() -> None:
    with pytest.raises(ValidationError, match="for personnel figures, not tanks"):
        make_claim(metric="tanks", basis="killed")
    with pytest.raises(ValidationError):
        make_claim(basis="dead")  # not in the vocabulary


def test_a_claim_without_a_basis_hashes_as_before() -> None:
    """No basis, no key: a claim recorded before `basis` existed encodes to the same payload."""
    assert "basis" not in make_claim().model_dump(mode="json")
    assert make_claim(basis="killed").model_dump(mode="json")["basis"] == "killed"


@pytest.mark.parametrize(
    "name", ["article-recorded.v2", "article-revised.v2", "claim-asserted.v1", "claim-corrected.v1"]
)
def test_old_payloads_read_without_a_basis(name: str) -> None:
    """A payload of the version before `basis` decodes (upcast) with no basis added: encoded
    again, it holds no `basis` key (the log keeps the stored text, and its hash, regardless)."""
    document = json.loads((EVENTS / f"{name}.json").read_text())
    event = decode(document["type"], document["schema_version"], document["data"])
    assert "basis" not in json.dumps(encode(event))


def test_an_old_log_verifies_and_reads_its_personnel_figures_as_unknown(cli, tmp_path) -> None:
    """Events of the schema before `basis`, appended as stored: the chain verifies, replay
    gives the same rows, and their personnel figures show `unknown`, not a guess."""
    for name in ("claim-asserted.v1", "article-recorded.v2"):
        assert cli("append", "--event", str(EVENTS / f"{name}.json")).exit_code == 0
    assert cli("verify").exit_code == 0
    before = json.loads(cli("totals", "--json", "--metric", "personnel").stdout)
    assert [r["basis"] for r in before] == ["unknown"]
    assert cli("replay").exit_code == 0
    assert json.loads(cli("totals", "--json", "--metric", "personnel").stdout) == before
    tanks = json.loads(cli("totals", "--json", "--metric", "tanks").stdout)
    assert [r["basis"] for r in tanks] == [None]


def test_a_basis_round_trips_through_its_event() -> None:
    document = json.loads((EVENTS / "article-recorded.v3.json").read_text())
    event = decode(document["type"], document["schema_version"], document["data"])
    assert {c.basis for c in event.claims} == {"killed_or_wounded"}  # type: ignore[attr-defined]
    assert isinstance(event.claims[0], Claim)  # type: ignore[attr-defined]


WRAPPED = """Estimates of the toll

March 1, 2024

Western officials said on Friday that they now put Kyiv's toll at close to 52,000 troops killed
and 80,000 to 95,000 wounded since the start of the full-scale invasion, while Moscow's dead were
put at 61,000.

A figure of 3,100 soldiers was given for one brigade.

Killed in action were others, the officials said.
"""


def test_a_line_break_in_a_hard_wrapped_paragraph_does_not_end_a_clause(cli, tmp_path) -> None:
    """Plain text wrapped at a fixed width: "80,000 to 95,000\\nwounded" is one clause, so both
    ends are the wounded."""
    (tmp_path / "wrapped.txt").write_text(WRAPPED)
    result = cli("extract", str(tmp_path / "wrapped.txt"), "--publisher", "Test Wire", "--json")
    assert result.exit_code == 0, result.output
    found = {c["value"]: c["basis"] for c in json.loads(result.stdout)["claims"]}
    # "while Moscow's dead were\nput at 61,000": one sentence across the wrap, killed too
    assert found == {52_000: "killed", 61_000: "killed", 80_000: "wounded", 95_000: "wounded"}
