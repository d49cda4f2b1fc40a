"""Score `extract_claims` on the seed articles and passages (a dev script, not a test).

    .venv/bin/python benchmarks/score_dev.py [--verbose] [--speed] [--gold FILE.jsonl]

Runs the extractor in-process over ../shared/seeds (gold.jsonl with its .txt pages, and
passages.jsonl) and scores with ../shared/tools/score.py. `--gold` scores any JSONL of
labelled passages in the same shape instead (e.g. a held-out set kept outside the repo).
`--speed` also times extraction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SHARED / "tools"))

import score  # noqa: E402

from ledger.ingest.extract import extract_claims  # noqa: E402

FALLBACK = dt.date(2024, 1, 1)


def load_rows(gold: list[Path] | None = None) -> list[dict]:
    """Gold rows with their text; a row naming a `file` reads it next to its JSONL."""
    paths = gold or [SEEDS / "gold.jsonl", SEEDS / "passages.jsonl"]
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "file" in row:
                row["text"] = (path.parent / row["file"]).read_text(encoding="utf-8")
            rows.append(row)
    return rows


def predict(row: dict) -> list[dict]:
    published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
    claims = extract_claims(
        row["text"],
        article_id=row["id"],
        publisher=row.get("publisher") or "unknown",
        published=published,
        fallback_date=FALLBACK,
    )
    return [c.model_dump(mode="json") for c in claims]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--show", help="print the predicted claims of one id")
    ap.add_argument("--gold", type=Path, action="append", help="labelled JSONL (repeatable)")
    args = ap.parse_args(argv)
    rows = load_rows(args.gold)
    preds = [{"id": r["id"], "claims": predict(r)} for r in rows]
    if args.show:
        for p in preds:
            if p["id"] == args.show:
                for c in p["claims"]:
                    print(
                        f"{c['metric']:16} {c['subject']:8} {c['value']:>8} {c['qualifier']:8} "
                        f"{c['period']:10} {c['period_start']} {c['as_of']} | {c['claimant']} "
                        f"| {c['quote']!r}"
                    )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        gold_path = Path(tmp, "gold.jsonl")
        pred_path = Path(tmp, "pred.jsonl")
        gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        score.main(
            [str(pred_path), "--gold", str(gold_path)] + (["--verbose"] if args.verbose else [])
        )
    if args.speed:
        texts = [r["text"] for r in rows]
        body = "\n\n".join(texts)
        article = (body * (1 + 5000 // max(1, len(body))))[:5000]
        n = 300
        t0 = time.perf_counter()
        for i in range(n):
            extract_claims(
                article, article_id=str(i), publisher="P", published=None, fallback_date=FALLBACK
            )
        rate = n / (time.perf_counter() - t0)
        print(f"speed {rate:.0f} articles/s (5,000-character articles, one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
