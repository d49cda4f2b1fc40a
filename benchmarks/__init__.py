"""The benchmark harness of claim-ledger (`make bench`, `python -m benchmarks [--n N] [--json]`).

Scripts that measure and print: never timed assertions in tests. See `benchmarks/harness.py`
for the figures and `benchmarks/RESULTS.md` for the last full run on this machine.
"""
