"""Inclusion bundles (issue 16): one file proves a claim is in the log a checkpoint signed, and
any edit of it fails.

A bundle is checked in a fresh folder holding only the bundle and the public key, no ledger.
Each edit in the table is written back in the bundle's own JSON form, so the bundle still
parses and the failure is the one the edit must cause (the message is asserted); the property
test changes one byte of any value at random.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ledger import IntegrityError, check_bundle, read_verifier
from tests.test_integrity import claim_args

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def proved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An ingested article, one of its claims corrected, a checkpoint, more appends, and the
    bundle of that claim: {bundle, pub, claim_id}."""
    from typer.testing import CliRunner

    from cli.app import app

    folder = tmp_path_factory.mktemp("proved")
    env = {"CLAIMS_LEDGER": str(folder / "claims.db"), "COLUMNS": "200", "CLAIMS_DEBUG": "1"}
    runner = CliRunner(env=env)

    def cli(*args: str) -> Any:
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    key = str(folder / "ledger.key")
    cli("keygen", "--out", key)
    cli("ingest", str(ROOT / "examples"), "--publisher", "Kyiv Daily Monitor")
    claims = json.loads(cli("search", "--metric", "tanks", "--json").stdout)
    claim_id = claims[0]["claim"]["claim_id"] if "claim" in claims[0] else claims[0]["claim_id"]
    cli("correct", claim_id, "--value", "2401", "--reason", "transcription slip")
    for n in range(5):
        cli(*claim_args(7000 + n))
    checkpoint = str(folder / "cp.txt")
    cli("checkpoint", "--key", key, "--out", checkpoint)
    for n in range(5, 10):
        cli(*claim_args(7000 + n))
    bundle = folder / "bundle.json"
    cli("prove", claim_id, "--checkpoint", checkpoint, "--out", str(bundle))
    hand = json.loads(cli("prove", "c_" + _hand_claim(cli), "--checkpoint", checkpoint).stdout)
    return {
        "bundle": bundle.read_bytes(),
        "hand": hand,
        "pub": (folder / "ledger.key.pub").read_bytes(),
        "claim_id": claim_id,
    }


def _hand_claim(cli: Callable[..., Any]) -> str:
    rows = [
        json.loads(x) for x in cli("log", "--type", "claim-asserted", "--json").stdout.splitlines()
    ]
    return str(rows[0]["data"]["claim"]["claim_id"]).removeprefix("c_")


def _check(document: Any, pub: bytes) -> list[str]:
    data = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    return check_bundle(data, [read_verifier(pub, "ledger.key.pub")])


def test_a_bundle_verifies_offline_with_only_the_public_key(
    proved: dict[str, Any], cli, tmp_path: Path
) -> None:
    """In a folder with nothing but the bundle and the public key: ok, each check named, and
    no ledger file is created."""
    (tmp_path / "bundle.json").write_bytes(proved["bundle"])
    (tmp_path / "ledger.key.pub").write_bytes(proved["pub"])
    result = cli("verify-bundle", "bundle.json", "--key", "ledger.key.pub", "--json")
    assert result.exit_code == 0, result.stderr
    checked = json.loads(result.stdout)["checked"]
    assert checked[0].startswith("checkpoint of size ") and "signature by" in checked[0]
    assert checked[2] == f"claim {proved['claim_id']} follows from the events"
    assert checked[3].startswith("quote found in article a_")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.json", "ledger.key.pub"]


def test_a_bundle_holds_the_claim_its_events_and_their_proofs(proved: dict[str, Any]) -> None:
    """The claim as corrected, the article event and the correction (canonical bytes and a
    proof each), the article's hash and quote; a few KB; a hand-entered claim verifies too."""
    bundle = json.loads(proved["bundle"])
    assert bundle["claim"]["value"] == 2401
    types = [json.loads(e["canonical"])["type"] for e in bundle["events"]]
    assert types == ["article-recorded", "claim-corrected"]
    assert all(e["proof"] for e in bundle["events"])
    assert bundle["article"]["quote"] == bundle["claim"]["quote"]
    assert len(proved["bundle"]) < 16_000
    assert _check(proved["hand"], proved["pub"])[-1] == "no article: a hand-entered claim"


def _set(path: tuple[Any, ...], change: Callable[[Any], Any]) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = change(target[path[-1]])

    return edit


def _canonical(change: Callable[[dict[str, Any]], None]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        envelope = json.loads(text)
        change(envelope)
        return orjson.dumps(envelope, option=orjson.OPT_SORT_KEYS).decode()

    return edit


def _hex(text: str) -> str:
    return ("1" if text[0] != "1" else "2") + text[1:]


def _line(lines: list[str], n: int) -> list[str]:
    lines[n] = ("A" if lines[n][0] != "A" else "B") + lines[n][1:]
    return lines


def _drop_last_event(document: dict[str, Any]) -> None:
    document["events"].pop()


def _swap_proofs(document: dict[str, Any]) -> None:
    a, b = document["events"]
    a["proof"], b["proof"] = b["proof"], a["proof"]


EDITS = [
    ("claim value", _set(("claim", "value"), lambda v: v + 1), "the claim's value is 2402"),
    ("claim quote", _set(("claim", "quote"), lambda q: q + "!"), "the claim's quote"),
    ("claim status", _set(("claim", "status"), lambda s: "retracted"), "the claim's status"),
    ("claim id", _set(("claim", "claim_id"), lambda c: c + "x"), "do not produce claim"),
    ("article quote", _set(("article", "quote"), lambda q: q[1:]), "quote or its span"),
    ("article span", _set(("article", "span"), lambda s: [s[0] + 1, s[1]]), "quote or its span"),
    ("article hash", _set(("article", "content_sha256"), _hex), "not the hash of its text"),
    ("proof hash", _set(("events", 0, "proof", 0), _hex), "not in the checkpoint's tree"),
    (
        "proof hash in capitals",
        _set(("events", 0, "proof", 0), str.upper),
        "not 64 lowercase hex",
    ),
    ("proof cut", _set(("events", 1, "proof"), lambda p: p[:-1]), "not in the checkpoint's"),
    ("proofs swapped", _swap_proofs, "not in the checkpoint's tree"),
    ("event position", _set(("events", 0, "position"), lambda p: p + 1), "its position"),
    (
        "an event's value",
        _set(
            ("events", 1, "canonical"), _canonical(lambda e: e["data"]["changes"].update(value=1))
        ),
        "not in the checkpoint's tree",
    ),
    (
        "an event's spelling",
        _set(("events", 1, "canonical"), lambda c: c.replace(":", ": ", 1)),
        "not in the canonical form",
    ),
    ("an event dropped", _drop_last_event, "the claim's value is 2401 but the events give"),
    ("checkpoint size", _set(("checkpoint",), lambda t: t.replace("\n", "0\n", 1)), "checkpoint"),
    (
        "checkpoint root",
        _set(("checkpoint",), lambda t: "\n".join(_line(t.split("\n"), 2))),
        "checkpoint",
    ),
    (
        "checkpoint signature",
        _set(("checkpoint",), lambda t: "\n".join([*_line(t.split("\n"), 4)[:4], ""])),
        "the note has no signature",
    ),
    ("format", _set(("format",), lambda f: f + "2"), "not a claim-ledger-bundle/v1 bundle"),
    ("an extra field", _set(("claim",), lambda c: c | {"note": "x"}), "exactly the fields"),
]


@pytest.mark.parametrize(("what", "edit", "says"), EDITS, ids=[e[0] for e in EDITS])
def test_every_edit_of_a_bundle_fails_saying_what(
    proved: dict[str, Any], what: str, edit: Callable[[dict[str, Any]], None], says: str
) -> None:
    """Each edit fails with the reason that edit must cause (the bundle itself verifies)."""
    document = json.loads(proved["bundle"])
    assert _check(document, proved["pub"])
    edit(document)
    with pytest.raises(IntegrityError, match="does not verify") as caught:
        _check(document, proved["pub"])
    assert says in str(caught.value), str(caught.value)


def test_the_cli_says_what_failed_exit_1(proved: dict[str, Any], cli, tmp_path: Path) -> None:
    """Through `claims verify-bundle`: exit 1, one line naming the failed part; a bundle file
    that is not JSON is exit 1 too (it does not verify)."""
    document = json.loads(proved["bundle"])
    document["claim"]["value"] += 1
    (tmp_path / "b.json").write_bytes(orjson.dumps(document))
    (tmp_path / "k.pub").write_bytes(proved["pub"])
    result = cli("verify-bundle", "b.json", "--key", "k.pub")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "the claim's value is 2402 but the events give 2401" in result.stderr
    (tmp_path / "b.json").write_bytes(proved["bundle"][:-20])
    assert cli("verify-bundle", "b.json", "--key", "k.pub").exit_code == 1


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every string and integer in a JSON document."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for n, v in enumerate(value) for p in _leaves(v, (*path, n))]
    return [path] if isinstance(value, str | int) and not isinstance(value, bool) else []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_one_byte_edit_of_a_value_fails(proved: dict[str, Any], data: st.DataObject) -> None:
    """Pick any string or number in the bundle, change one byte of it: the bundle fails."""
    document = json.loads(proved["bundle"])
    path = data.draw(st.sampled_from(_leaves(document)))
    target = document
    for step in path[:-1]:
        target = target[step]
    raw = bytearray(str(target[path[-1]]).encode())
    at = data.draw(st.integers(0, len(raw) - 1))
    raw[at] = data.draw(st.integers(0, 255).filter(lambda b: b != raw[at]))
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        assume(False)
    if isinstance(target[path[-1]], int):
        assume(text.lstrip("-").isdigit() and int(text) != target[path[-1]])
        target[path[-1]] = int(text)
    else:
        target[path[-1]] = text
    with pytest.raises(IntegrityError, match="does not verify"):
        _check(document, proved["pub"])
