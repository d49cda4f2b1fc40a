"""The kept code of guarded patterns (ledger/ingest/rx_cache): only ever a shortcut to the
pattern `re.compile` would make, never a different one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ledger.ingest import rx, rx_cache
from ledger.ingest.rx_parse import compile_code

_PROBE = r"""
import re
from ledger.ingest import rx, rx_cache
import ledger.ingest.extract  # every guarded pattern of the extractor
cache = rx_cache._CACHE
hits = sum(1 for key in cache.used if key in (cache.kept or {}))
for (text, flags, words) in cache.used:
    made = rx.guarded(text, flags, starts_words=words)
    assert made == re.compile(made.pattern, made.flags), text[:60]
    assert made.groupindex == re.compile(made.pattern, made.flags).groupindex
print(len(cache.used), hits)
"""


def _run_probe(cache_file: Path) -> tuple[int, int]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CLAIM_LEDGER_RX_CACHE"] = str(cache_file)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )
    used, hits = done.stdout.split()
    return int(used), int(hits)


def test_a_second_process_compiles_nothing_and_gets_re_compiles_patterns(tmp_path: Path) -> None:
    cache_file = tmp_path / "rx.marshal"
    used, hits = _run_probe(cache_file)
    assert used > 100 and hits == 0
    assert cache_file.exists()
    assert _run_probe(cache_file) == (used, used)  # every pattern read back, each as re makes it


_KEYS: list[tuple[str, int, bool]] = [
    (r"\b(?:los[et]|loses|shot down|(?:are|were) missing)\b", re.IGNORECASE, False),
    (r"(?P<n>\d+)\s+(?P<unit>days?|weeks?)\b", re.IGNORECASE, True),
    (r"[,\"]\s*(?:said|says)\s+(?P<np>[A-Z]\w+)", 0, False),
]


def _entries() -> dict[tuple[str, int, bool], Any]:
    return {key: rx._guarded_code(*key) for key in _KEYS}


def test_written_entries_read_back_as_the_same_patterns(tmp_path: Path) -> None:
    path = tmp_path / "rx.marshal"
    rx_cache.write(path, _entries())
    back = rx_cache.read(path, rx_cache._engine())
    assert set(back) == set(_KEYS)
    for key, args in back.items():
        made = compile_code(args)
        assert made == re.compile(made.pattern, made.flags)
        assert made == rx.guarded(*key[:2], starts_words=key[2])
        assert made.groupindex == re.compile(made.pattern, made.flags).groupindex


@pytest.mark.parametrize(
    ("case", "damage"),
    [
        ("another engine", lambda path: None),
        ("truncated", lambda path: path.write_bytes(path.read_bytes()[:100])),
        ("not marshal", lambda path: path.write_bytes(b"\x00garbage\xff" * 10)),
        ("missing", lambda path: path.unlink()),
    ],
)
def test_a_file_not_written_for_this_engine_is_not_used(
    tmp_path: Path, case: str, damage: Any
) -> None:
    path = tmp_path / "rx.marshal"
    rx_cache.write(path, _entries())
    damage(path)
    engine = rx_cache._engine()
    if case == "another engine":
        engine = (*engine[:2], "another MAGIC", *engine[3:])
    assert rx_cache.read(path, engine) == {}


def test_code_the_engine_refuses_is_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    key = _KEYS[0]
    good = rx._guarded_code(*key)
    damaged = (good[0], good[1], [99999, *good[2][1:]], *good[3:])  # an opcode sre has not
    monkeypatch.setattr(rx_cache, "lookup", lambda k: damaged if k == key else None)
    monkeypatch.setattr(rx_cache, "record", lambda k, a: None)
    made = rx.guarded(key[0], key[1])
    assert made == re.compile(made.pattern, made.flags)
    assert made == compile_code(good)


def test_nothing_is_written_when_python_is_told_not_to(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", CLAIM_LEDGER_RX_CACHE=str(tmp_path / "c"))
    subprocess.run([sys.executable, "-c", "import ledger.ingest.extract"], env=env, check=True)
    assert not (tmp_path / "c").exists()


def test_an_unwritable_place_is_left_alone(tmp_path: Path) -> None:
    rx_cache.write(tmp_path / "no-such-folder" / "deeper" / "rx.marshal", _entries())
    assert not (tmp_path / "no-such-folder").exists()
