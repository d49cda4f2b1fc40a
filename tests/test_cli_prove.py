"""`claims prove --consistency` and the Merkle tree through the CLI: proofs a third party checks
with nothing but `claims export`, and `verify` catching a tree altered behind the ledger's back."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import orjson
import pytest

from ledger import open_ledger
from tests.conftest import asserted


def write_claims(path: Path, count: int, start: int = 0) -> None:
    with open_ledger(path) as ledger:
        ledger.append([asserted(n) for n in range(start, start + count)])


def third_party_root(hashes: list[bytes]) -> bytes:
    """The root as anyone would compute it from the export (RFC 9162 §2.1.1), in a dozen lines."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashlib.sha256(b"\x00" + hashes[0]).digest()
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    left, right = third_party_root(hashes[:k]), third_party_root(hashes[k:])
    return hashlib.sha256(b"\x01" + left + right).digest()


def exported_hashes(cli) -> list[bytes]:
    lines = cli("export").stdout.splitlines()[1:]  # a header line, then one event per line
    return [bytes.fromhex(orjson.loads(line)["hash"]) for line in lines]


def test_a_consistency_proof_checks_out_against_the_export(cli, tmp_path: Path) -> None:
    """The proof's roots are the export's roots at both sizes, and the proof verifies."""
    from ledger.proofs.merkle import verify_consistency

    write_claims(tmp_path / "claims.db", 40)
    write_claims(tmp_path / "claims.db", 35, start=40)
    result = cli("prove", "--consistency", "40", "--json")
    assert result.exit_code == 0, result.output
    shown = orjson.loads(result.stdout)
    hashes = exported_hashes(cli)
    assert (shown["old_size"], shown["new_size"]) == (40, 75)
    assert bytes.fromhex(shown["old_root"]) == third_party_root(hashes[:40])
    assert bytes.fromhex(shown["new_root"]) == third_party_root(hashes)
    proof = [bytes.fromhex(h) for h in shown["proof"]]
    verify_consistency(40, 75, third_party_root(hashes[:40]), third_party_root(hashes), proof)


def test_the_text_proof_names_sizes_roots_and_hashes(cli, tmp_path: Path) -> None:
    """Without --json: both sizes, both roots, and one hash a line."""
    write_claims(tmp_path / "claims.db", 5)
    result = cli("prove", "--consistency", "2", "--size", "4")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "consistency proof: size 2 -> size 4"
    hashes = exported_hashes(cli)
    assert lines[1] == f"old root: {third_party_root(hashes[:2]).hex()}"
    assert lines[2] == f"new root: {third_party_root(hashes[:4]).hex()}"
    assert lines[3] == "proof: 1 hashes"
    assert len(lines) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give a CLAIM_ID, or --consistency OLD_SIZE"),
        (("c_x", "--consistency", "1"), "one of them, not both"),
        (("--consistency", "6"), "the old size 6 must be between 0 and the new size 5"),
        (("--consistency", "1", "--size", "9"), "the log has 5 events: there is no tree of size 9"),
        (("--consistency", "3", "--size", "2"), "the old size 3 must be between 0"),
    ],
)
def test_a_bad_request_is_one_line_and_exit_2(cli, tmp_path: Path, args, message: str) -> None:
    """Neither (or both) of CLAIM_ID and --consistency, or sizes the log does not have: one
    error line, exit 2, the log as it was."""
    write_claims(tmp_path / "claims.db", 5)
    before = (tmp_path / "claims.db").read_bytes()
    result = cli("prove", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "claims.db").read_bytes() == before


def test_verify_catches_a_tree_changed_behind_the_ledgers_back(cli, tmp_path: Path) -> None:
    """Only a stored tree node is changed (events, chain and guards untouched): verify fails,
    exit 1, naming the node and the events under it."""
    write_claims(tmp_path / "claims.db", 70)
    assert cli("verify").exit_code == 0
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        conn.execute("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 4 AND idx = 2")
    result = cli("verify")
    assert result.exit_code == 1
    assert "position 33" in result.stderr
    assert "tree node at level 4, index 2 (events 33-48) does not match the events" in (
        result.stderr
    )
