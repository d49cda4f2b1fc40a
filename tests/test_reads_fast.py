"""The narrow reads of `totals`, `history` and `sources` (#17) equal the old full reads.

`totals` finds its ranges among `ReadModel.range_ends` (one scan of the rows a range could
pair) rather than every row of each range total's group; `names` and `sources`' aggregates
scan the table rather than the group index. On the logs `tests/test_check_read.py` builds,
the stored totals with ranges equal those found among whole groups, and equal a replay's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ledger import Ledger
from ledger.app.queries import _with_ranges
from ledger.projections import MemoryReadModel, SQLiteReadModel, total_group
from tests.test_check_read import LOGS


@pytest.mark.parametrize("log", LOGS)
def test_ranges_from_the_range_ends_are_those_of_whole_groups(
    cli: Any, tmp_path: Path, log: str
) -> None:
    LOGS[log](cli, tmp_path)
    with Ledger.open(tmp_path / "claims.db") as ledger:
        model = ledger.read_model()
        assert isinstance(model, SQLiteReadModel)
        stored = model.stored_totals()
        assert stored
        ends = [r for r in stored if r["qualifier"] in ("at_least", "at_most")]
        whole = [c for r in ends for c in model.group(total_group(r))]
        assert _with_ranges(model, stored, None) == _with_ranges(model, stored, whole)
        memory = MemoryReadModel(ledger.replay_in_memory())
        groups = {total_group(r) for r in ends}
        assert model.range_ends(groups) == memory.range_ends(groups)
        assert ledger.totals() == ledger.totals(at=ledger.head())
        assert json.dumps(ledger.sources()) == json.dumps(ledger.sources(at=ledger.head()))
        assert ledger.history(metric="personnel") == ledger.history(
            metric="personnel", at=ledger.head()
        )
