"""Several processes appending at once: positions stay gapless and the chain verifies."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.service import Ledger

WRITER = """
import sys
from ledger.service import Ledger
path, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Ledger.open(path) as ledger:
    for i in range(n):
        ledger.assert_claim({
            "claimant": f"writer {who}", "subject": "russia", "metric": "tanks",
            "value": i, "as_of": "2023-04-02",
        }, actor=f"writer-{who}")
"""


@pytest.mark.slow
def test_two_processes_append_500_each(tmp_path: Path) -> None:
    """Two writers x 500 appends leave 1,000 events at positions 1..1000 and a valid chain."""
    path = tmp_path / "claims.db"
    Ledger.open(path).assert_claim(
        {
            "claimant": "setup",
            "subject": "russia",
            "metric": "tanks",
            "value": 0,
            "as_of": "2023-01-01",
        }
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), who, "500"])
        for who in ("a", "b")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with Ledger.open(path, readonly=True) as ledger:
        positions = [e.position for e in ledger.log()]
        assert positions == list(range(1, 1002))
        assert ledger.verify().ok
        actors = [e.actor for e in ledger.log()]
    assert actors.count("writer-a") == 500 and actors.count("writer-b") == 500


@pytest.mark.slow
def test_cli_processes_append_concurrently(claims_bin: str, tmp_path: Path) -> None:
    """Real `claims append` processes racing on one ledger all succeed, gapless."""
    env = {"CLAIMS_LEDGER": str(tmp_path / "claims.db"), "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen(
            [
                claims_bin,
                "append",
                "--claimant=Armed Forces of Ukraine",
                "--subject=russia",
                "--metric=tanks",
                f"--value={n}",
                "--as-of=2022-10-04",
                "--json",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    positions = sorted(json.loads(out)["position"] for out, _ in outputs)
    assert positions == list(range(1, 9))
