"""Signed checkpoints (issue 16): keys and notes as C2SP specifies them, and a log that must
still extend every checkpoint it signed.

The signed-note encoding is checked byte for byte against the reference example of
golang.org/x/mod/sumdb/note. The log's side runs through the CLI: a checkpoint, 100 more
appends, `verify --checkpoint` ok; then, behind the ledger's back with SQL on the file, a
re-chained history, a deleted tail, a reordered tail and a different log each fail, exit 1,
naming where the log parts from the checkpoint.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import open_ledger
from ledger.proofs.keys import (
    COSIGNATURE_V1,
    ED25519,
    BadKey,
    generate_key,
    key_id,
    parse_signer_key,
    parse_verifier_key,
)
from ledger.proofs.note import (
    Checkpoint,
    NoteError,
    SignedNote,
    cosign,
    parse_checkpoint,
    parse_note,
    sign,
    verify_note,
)
from ledger.store.hashing import first_break, row_hash
from tests.conftest import asserted
from tests.test_integrity import claim_args, rehash_from, sql

# The example key and note of golang.org/x/mod/sumdb/note's documentation.
GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_SIGNATURE = (
    "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngo"
    "tpRZb6KE6RyyBwJnAM=\n"
)


# -- keys and notes, pure ----------------------------------------------------------------------


def test_keys_and_signatures_match_the_go_reference_byte_for_byte() -> None:
    """The private key reads, its public key encodes as the reference vkey, and signing the
    reference text gives the reference signature line (Ed25519 is deterministic)."""
    signer = parse_signer_key(GO_SKEY)
    assert signer.encode() == GO_SKEY
    assert signer.verifier().encode() == GO_VKEY
    assert sign(GO_TEXT, signer).line() == GO_SIGNATURE
    note = parse_note(GO_TEXT + "\n" + GO_SIGNATURE)
    assert verify_note(note, [parse_verifier_key(GO_VKEY)]) == [
        "signature by PeterNeumann+c74f20a3"
    ]


def test_the_key_id_is_the_signed_note_hash() -> None:
    """key id = SHA-256(name ‖ "\\n" ‖ type ‖ public key)[:4], for each signature type."""
    key = generate_key("example.org/claims").verifier()
    for kind in (ED25519, COSIGNATURE_V1):
        digest = hashlib.sha256(b"example.org/claims\n" + bytes([kind]) + key.public).digest()
        assert key.key_id(kind) == key_id(key.name, kind, key.public) == digest[:4]
    assert key.encode().split("+")[1] == key.key_id().hex()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "expected NAME\\+KEYID\\+KEY"),
        ("PeterNeumann+c74f20a3", "expected NAME\\+KEYID\\+KEY"),
        ("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "space"),
        ("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "does not match"),
        ("PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "8 hex digits"),
        ("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10", "not base64"),
        ("PeterNeumann+c74f20a3+AhpjMkFnUDxsTEFoxbzhKqiBfsVkmqq/LDE4izWy10TW", "Ed25519"),
        (GO_SKEY, "private key"),
    ],
)
def test_a_bad_public_key_is_refused_saying_why(text: str, says: str) -> None:
    """Each malformed vkey is one error naming what is wrong."""
    with pytest.raises(BadKey, match=says):
        parse_verifier_key(text)


def _checkpoint_note(size: int = 7, *keys: Any) -> str:
    text = Checkpoint("example.org/claims", size, hashlib.sha256(b"root").digest()).text()
    signer = keys[0] if keys else generate_key("example.org/claims")
    return SignedNote(text, (sign(text, signer),)).render()


@pytest.mark.parametrize(
    ("note", "says"),
    [
        ("a\n7\nAAAA\n", "no blank line"),
        ("a\n7\n\n", "no signature"),
        ("a\n\x07\n\n— k AAAAAAAA\n", "control character"),
        ("a\n\n— k AAAAAAAA", "does not end with a newline"),
        ("a\n\n- k AAAAAAAA\n", "not a signature line"),
        ("a\n\n— k AAAA*AAA\n", "not base64"),
        ("a\n\n— k AAAAAAB=\n", "not base64"),  # stray padding bits: would decode the same
        ("a\n\n— k+1 AAAAAAAA\n", "a '\\+'"),
        ("a\n\n— k AAAA\n", "too short"),
    ],
)
def test_a_malformed_note_is_refused_saying_why(note: str, says: str) -> None:
    """The signed-note grammar: UTF-8 text, a blank line, em-dash signature lines."""
    with pytest.raises(NoteError, match=says):
        parse_note(note)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("example.org/claims\n07\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "size"),
        ("example.org/claims\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "size"),
        ("example.org/claims\n7\nAAAA\n", "32 bytes"),
        ("example.org/claims\n7\n", "one per line"),
        (" example.org/claims\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "origin"),
    ],
)
def test_a_malformed_checkpoint_is_refused_saying_why(text: str, says: str) -> None:
    """tlog-checkpoint: origin, decimal size without leading zeros, base64 32-byte root."""
    with pytest.raises(NoteError, match=says):
        parse_checkpoint(text)


def test_a_checkpoint_round_trips() -> None:
    """What `Checkpoint.text` writes, `parse_checkpoint` reads back, extension lines too."""
    checkpoint = Checkpoint("example.org/claims", 12, bytes(range(32)), ("ext one",))
    assert parse_checkpoint(checkpoint.text()) == checkpoint


def test_a_cosignature_is_a_timestamped_type_4_signature() -> None:
    """cosignature/v1: key id of type 0x04, then the time (u64, big-endian), then Ed25519
    over "cosignature/v1\\ntime T\\n" and the checkpoint; an edited time fails."""
    log, witness = generate_key("example.org/claims"), generate_key("witness.example/w1")
    note = parse_note(_checkpoint_note(7, log))
    signature = cosign(note.text, witness, 1_700_000_000)
    assert signature.key_id == witness.verifier().key_id(COSIGNATURE_V1)
    assert signature.signature[:8] == (1_700_000_000).to_bytes(8, "big")
    message = b"cosignature/v1\ntime 1700000000\n" + note.text.encode()
    assert witness.verifier().verify(signature.signature[8:], message)
    both = note.with_signature(signature)
    keys = [log.verifier(), witness.verifier()]
    assert verify_note(parse_note(both.render()), keys)[1].startswith("cosignature by")
    later = signature.signature[:7] + b"\x01" + signature.signature[8:]
    forged = note.with_signature(type(signature)(signature.name, signature.key_id, later))
    with pytest.raises(NoteError, match=r"witness\.example/w1 does not verify"):
        verify_note(forged, keys)


def test_unknown_signers_are_ignored_and_a_missing_one_fails() -> None:
    """Lines of keys one was not given are skipped (the spec's rule); a key given but absent
    from the note fails it."""
    log, other = generate_key("example.org/claims"), generate_key("example.org/claims")
    note = parse_note(_checkpoint_note(7, log))
    assert verify_note(note, [log.verifier()])
    with pytest.raises(NoteError, match=r"no signature by example\.org/claims"):
        verify_note(note, [other.verifier()])  # same name, another key id


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_one_byte_edit_of_a_signed_checkpoint_fails(data: st.DataObject) -> None:
    """Change any byte of a signed checkpoint note: it no longer parses or verifies."""
    key = parse_signer_key(GO_SKEY)
    raw = bytearray(_checkpoint_note(7, key).encode())
    at = data.draw(st.integers(0, len(raw) - 1))
    new = data.draw(st.integers(0, 255).filter(lambda b: b != raw[at]))
    raw[at] = new
    with pytest.raises(NoteError):
        verify_note(parse_note(bytes(raw)), [key.verifier()])


# -- keygen ------------------------------------------------------------------------------------


def test_keygen_writes_a_private_key_0600_and_its_vkey(cli, tmp_path: Path) -> None:
    """The private key is mode 0600 and reads back; FILE.pub is the vkey of the same key,
    named after the ledger's origin by default."""
    result = cli("keygen", "--out", "ledger.key", "--json")
    assert result.exit_code == 0, result.output
    private, public = tmp_path / "ledger.key", tmp_path / "ledger.key.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    signer = parse_signer_key(private.read_text().strip())
    assert parse_verifier_key(public.read_text().strip()) == signer.verifier()
    assert signer.name == "claim-ledger/claims"
    assert json.loads(result.stdout)["vkey"] == public.read_text().strip()


@pytest.mark.parametrize("existing", ["ledger.key", "ledger.key.pub"])
def test_keygen_never_overwrites_without_force(cli, tmp_path: Path, existing: str) -> None:
    """An existing key file (either half) is refused in one line, exit 2, both files as they
    were; --force replaces them."""
    (tmp_path / existing).write_text("keep me\n")
    result = cli("keygen", "--out", "ledger.key")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--force" in result.stderr
    assert (tmp_path / existing).read_text() == "keep me\n"
    assert sorted(p.name for p in tmp_path.glob("ledger.key*")) == [existing]
    assert cli("keygen", "--out", "ledger.key", "--force", "--name", "x.org/k").exit_code == 0
    assert parse_signer_key((tmp_path / "ledger.key").read_text().strip()).name == "x.org/k"


@pytest.mark.parametrize("name", ["has space", "a+b", ""])
def test_keygen_refuses_a_name_the_spec_forbids(cli, tmp_path: Path, name: str) -> None:
    """A key name with a space or a '+', or none, is refused before anything is written."""
    result = cli("keygen", "--out", "k", "--name", name)
    assert result.exit_code == 2 and "--name" in result.stderr
    assert not list(tmp_path.glob("k*"))


# -- checkpoints of a ledger -------------------------------------------------------------------


SIGNED_FILES = ("claims.db", "ledger.key", "ledger.key.pub", "cp1.txt")


@pytest.fixture(scope="module")
def signed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: a ledger of 40 claims, a key pair, a checkpoint of size 40 in cp1.txt."""
    from typer.testing import CliRunner

    from cli.app import app

    folder = tmp_path_factory.mktemp("signed")
    runner = CliRunner(env={"CLAIMS_LEDGER": str(folder / "claims.db"), "CLAIMS_DEBUG": "1"})

    def run(*args: str) -> None:
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output

    run("keygen", "--out", str(folder / "ledger.key"))
    for n in range(40):
        run(*claim_args(2000 + n))
    run("checkpoint", "--key", str(folder / "ledger.key"), "--out", str(folder / "cp1.txt"))
    return folder


@pytest.fixture
def signed(signed_template: Path, cli, tmp_path: Path) -> Path:
    """A copy of the signed ledger, its keys and checkpoint in tmp_path; the ledger's path."""
    for name in SIGNED_FILES:
        shutil.copy2(signed_template / name, tmp_path / name)
    return tmp_path / "claims.db"


def verify(cli, checkpoint: str = "cp1.txt", *keys: str) -> Any:
    keys = keys or ("ledger.key.pub",)
    return cli("verify", "--checkpoint", checkpoint, *(a for k in keys for a in ("--key", k)))


def test_a_checkpoint_is_a_c2sp_note_recorded_in_the_log(signed: Path, cli, tmp_path) -> None:
    """Origin, size, base64 root, a blank line, one em-dash signature line; the ledger
    records it as a checkpoint-signed event holding the same note."""
    note = (tmp_path / "cp1.txt").read_text()
    origin, size, root, blank, line, end = note.split("\n")
    assert (origin, size, blank, end) == ("claim-ledger/claims", "40", "", "")
    assert len(base64.b64decode(root)) == 32
    assert line.startswith("— claim-ledger/claims ")
    events = [
        json.loads(x)
        for x in cli("log", "--type", "checkpoint-signed", "--json").stdout.splitlines()
    ]
    assert [e["data"]["note"] for e in events] == [note]
    assert events[0]["position"] == 41 and events[0]["data"]["size"] == 40
    assert events[0]["data"]["root"] == base64.b64decode(root).hex()


def test_a_log_that_only_grew_verifies_against_its_checkpoint(signed: Path, cli) -> None:
    """A checkpoint, 100 more appends, `verify --checkpoint` ok; `consistency` checks the
    first checkpoint against a second with the ledger's proof, and not the other way round."""
    for n in range(100):
        assert cli(*claim_args(3000 + n)).exit_code == 0
    result = verify(cli)
    assert result.exit_code == 0, result.stderr
    assert "the log (141 events) extends the checkpoint of size 40" in result.stdout
    report = json.loads(
        cli("verify", "--checkpoint", "cp1.txt", "--key", "ledger.key.pub", "--json").stdout
    )
    assert report["ok"] and report["size"] == 40 and report["head"] == 141
    assert cli("checkpoint", "--key", "ledger.key", "--out", "cp2.txt").exit_code == 0
    both = cli("consistency", "cp1.txt", "cp2.txt", "--key", "ledger.key.pub", "--json")
    assert both.exit_code == 0, both.stderr
    assert json.loads(both.stdout)["new"]["size"] == 141
    backwards = cli("consistency", "cp2.txt", "cp1.txt", "--key", "ledger.key.pub")
    assert backwards.exit_code == 1 and "larger than NEW" in backwards.stderr


def _chain_holds(path: Path) -> bool:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) | {"data_json": r["data"]} for r in conn.execute("SELECT * FROM events")]
    conn.close()
    return first_break(sorted(rows, key=lambda r: r["position"])) is None


def _verify_json(cli) -> dict[str, Any]:
    result = cli("verify", "--checkpoint", "cp1.txt", "--key", "ledger.key.pub", "--json")
    assert result.exit_code == 1, result.stdout
    return dict(json.loads(result.stdout))


def _rechain_event_20(path: Path) -> None:
    """Change the claimed value in event 20 and re-chain every hash after it, the guards
    reinstalled exactly: a consistent rewrite of the log."""
    sql(path, "DROP TRIGGER events_no_update")
    sql(path, "UPDATE events SET data = replace(data, '2019', '9019') WHERE position = 20")
    rehash_from(path, 20)


def test_a_rechained_history_fails_where_the_edit_is(signed: Path, cli) -> None:
    """Edit event 20 and re-chain every hash after it: the hash chain holds (what plain
    `verify` checks first), yet the checkpoint fails, exit 1, naming the 16 positions the
    ledger's stored tree says hold the first change (it keeps subtrees of 16, not leaves)."""
    _rechain_event_20(signed)
    assert _chain_holds(signed)
    report = _verify_json(cli)
    assert report["position"] == 17
    assert "the first position that no longer matches is one of 17..32" in report["reason"]
    result = verify(cli)
    assert result.exit_code == 1 and result.stderr.startswith("claims: error: cp1.txt: the log")


def test_an_event_edited_in_place_fails_at_its_subtree(signed: Path, cli) -> None:
    """Edit event 20 and fix only its own hash (the stored tree still has the old one): the
    root recomputed from the events, not the stored one, is compared, so it fails there."""
    sql(signed, "DROP TRIGGER events_no_update")
    sql(signed, "UPDATE events SET data = replace(data, '2019', '9019') WHERE position = 20")
    conn = sqlite3.connect(signed)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM events WHERE position = 20").fetchone())
    conn.close()
    sql(
        signed,
        f"UPDATE events SET hash = '{row_hash(row | {'data_json': row['data']})}' "
        "WHERE position = 20",
    )
    report = _verify_json(cli)
    assert report["position"] == 17 and "one of 17..32" in report["reason"]


def test_the_ledgers_consistency_proof_is_checked_not_trusted(signed: Path, cli) -> None:
    """The events intact but a stored node of the newer part of the tree changed: the
    consistency proof the store gives no longer leads to the recomputed head, exit 1."""
    for n in range(100):
        assert cli(*claim_args(3000 + n)).exit_code == 0
    sql(signed, "UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 6 AND idx = 1")
    report = _verify_json(cli)
    assert "the consistency proof from size 40 to the head 141 fails" in report["reason"]


def test_a_rewrite_that_passes_verify_still_fails_the_checkpoint(signed: Path, cli) -> None:
    """The thorough attacker: re-chain, drop the stored tree so the next write rebuilds it
    from the rewritten events, and rebuild the read models: plain `verify` passes; only the
    checkpoint kept outside the ledger catches it (and no record says where)."""
    _rechain_event_20(signed)
    sql(signed, "DELETE FROM merkle_nodes", "DELETE FROM projection_checkpoints")
    assert cli(*claim_args(9999)).exit_code == 0  # the next write backfills the tree
    assert cli("replay").exit_code == 0
    assert cli("verify").exit_code == 0
    report = _verify_json(cli)
    assert report["position"] is None
    assert "a position at or before 40 changed" in report["reason"]


def test_checkpoints_of_a_rewritten_log_are_not_consistent(signed: Path, cli) -> None:
    """A writer that signed the log, rewrote it (tree and all) and signed again: both notes
    verify, but no proof the ledger can give makes the second extend the first."""
    _rechain_event_20(signed)
    sql(signed, "DELETE FROM merkle_nodes")
    assert cli(*claim_args(9999)).exit_code == 0  # the next write backfills the tree
    assert cli("checkpoint", "--key", "ledger.key", "--out", "cp2.txt").exit_code == 0
    result = cli("consistency", "cp1.txt", "cp2.txt", "--key", "ledger.key.pub")
    assert result.exit_code == 1
    assert "NEW does not extend OLD: the proof does not lead to the old root" in result.stderr


def test_a_deleted_tail_fails_naming_the_first_missing_position(signed: Path, cli) -> None:
    """Delete events 31.. (the checkpoint event too): exit 1, position 31."""
    sql(signed, "DROP TRIGGER events_no_delete", "DELETE FROM events WHERE position > 30")
    result = cli("verify", "--checkpoint", "cp1.txt", "--key", "ledger.key.pub", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (
        report["position"] == 31
        and "has 30 events but the checkpoint covers 40" in (report["reason"])
    )


def test_a_reordered_history_fails_where_the_order_changed(signed: Path, cli) -> None:
    """Swap the payloads of events 25 and 26 and re-chain from 25: the chain holds, the
    checkpoint fails, naming the stored subtree holding position 25."""
    sql(signed, "DROP TRIGGER events_no_update")
    sql(
        signed,
        "UPDATE events SET data = CASE position WHEN 25 THEN "
        "(SELECT data FROM events WHERE position = 26) ELSE "
        "(SELECT data FROM events WHERE position = 25) END WHERE position IN (25, 26)",
    )
    rehash_from(signed, 25)
    assert _chain_holds(signed)
    report = _verify_json(cli)
    assert report["position"] == 17 and "one of 17..32" in report["reason"]


def test_a_different_log_fails(signed: Path, cli, tmp_path: Path) -> None:
    """Another ledger put in this one's place (its own chain intact) fails the checkpoint."""
    shutil.move(signed, tmp_path / "signed.db")
    with open_ledger(signed) as other:
        other.append([asserted(n) for n in range(45)])
    assert cli("verify").exit_code == 0
    result = verify(cli)
    assert result.exit_code == 1 and "not the one the checkpoint signed" in result.stderr


def test_a_checkpoint_signed_by_another_key_fails(signed: Path, cli) -> None:
    """The right log, the wrong key: exit 1 before the tree is looked at; a private key
    given as --key is a usage mistake (exit 2)."""
    assert cli("keygen", "--out", "other.key").exit_code == 0
    result = verify(cli, "cp1.txt", "other.key.pub")
    assert result.exit_code == 1 and "no signature by" in result.stderr
    assert verify(cli, "cp1.txt", "ledger.key").exit_code == 2


def test_a_witness_cosigns_only_this_logs_tree(signed: Path, cli, tmp_path: Path) -> None:
    """`checkpoint --cosign` adds a second line, and both keys verify; a checkpoint whose
    root is not this ledger's is refused, exit 1, nothing written."""
    assert cli("keygen", "--out", "witness.key", "--name", "witness.example/w1").exit_code == 0
    result = cli("checkpoint", "--key", "witness.key", "--cosign", "cp1.txt", "--out", "cp1w.txt")
    assert result.exit_code == 0, result.stderr
    lines = (tmp_path / "cp1w.txt").read_text().splitlines()
    assert lines[-1].startswith("— witness.example/w1 ")
    assert verify(cli, "cp1w.txt", "ledger.key.pub", "witness.key.pub").exit_code == 0
    forged = (tmp_path / "cp1.txt").read_text().replace("\n40\n", "\n39\n")
    (tmp_path / "forged.txt").write_text(forged)
    refused = cli("checkpoint", "--key", "witness.key", "--cosign", "forged.txt", "--out", "x")
    assert refused.exit_code == 1 and "refusing to cosign" in refused.stderr
    assert not (tmp_path / "x").exists()
    assert len(cli("log", "--type", "checkpoint-cosigned", "--json").stdout.splitlines()) == 1


def test_a_cosignature_is_recorded_in_the_ledger_it_was_checked_against(
    signed: Path, cli, tmp_path: Path
) -> None:
    """The ledger records which witness key cosigned which checkpoint (size, root), when, and
    the note as cosigned; `log` says so; the cosigned note still verifies against the log."""
    assert cli("keygen", "--out", "witness.key", "--name", "witness.example/w1").exit_code == 0
    result = cli(
        "checkpoint", "--key", "witness.key", "--cosign", "cp1.txt", "--out", "w.txt", "--json"
    )
    assert result.exit_code == 0, result.stderr
    position = json.loads(result.stdout)["recorded_at"]
    (event,) = [
        json.loads(x)
        for x in cli("log", "--type", "checkpoint-cosigned", "--json").stdout.splitlines()
    ]
    (issued,) = [
        json.loads(x)
        for x in cli("log", "--type", "checkpoint-signed", "--json").stdout.splitlines()
    ]
    data = event["data"]
    assert event["position"] == position == 42 and event["stream"] == "checkpoints"
    assert (data["size"], data["root"], data["origin"]) == (
        issued["data"]["size"],
        issued["data"]["root"],
        issued["data"]["origin"],
    )
    assert data["key_name"] == "witness.example/w1"
    witness = parse_verifier_key((tmp_path / "witness.key.pub").read_text())
    assert data["key_id"] == witness.key_id(COSIGNATURE_V1).hex()  # its cosignature lines' id
    assert data["note"] == (tmp_path / "w.txt").read_text()
    assert abs(data["timestamp"] - time.time()) < 600
    shown = cli("log").stdout
    assert "checkpoint-cosigned" in shown and "cosigned by witness.example/w1" in shown
    assert verify(cli, "w.txt", "ledger.key.pub", "witness.key.pub").exit_code == 0


def test_the_roots_recomputed_in_one_pass_are_the_trees(ledger) -> None:
    """`LogTree.roots` (one pass over the events) gives every prefix's RFC 6962 root, and the
    store's kept tree agrees with it."""
    from ledger.app.proofs import LogTree
    from ledger.proofs import merkle

    ledger.append([asserted(n, expected_version=None) for n in range(37)])
    tree = LogTree(ledger.store)
    roots = tree.roots(*range(38))
    leaves = tree.leaves()
    assert [roots[n] for n in range(38)] == [merkle.root_hash(leaves[:n]) for n in range(38)]
    assert tree.signed_root() == (37, roots[37])
    with pytest.raises(ValueError, match="no tree of size 38"):
        tree.roots(38)
