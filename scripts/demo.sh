#!/usr/bin/env bash
# `make demo`: a short tour on a fresh ledger in ./demo (removed and rebuilt each run).
set -euo pipefail
CLAIMS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DIR=$2
rm -rf "$DIR" && mkdir -p "$DIR"
export CLAIMS_LEDGER="$DIR/claims.db"
export COLUMNS=${COLUMNS:-110}
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "claims $*"; "$CLAIMS" "$@"; }

run ingest examples/
say "claims ingest examples/   (again: nothing new is written)"
"$CLAIMS" ingest examples/ | tail -n 1
run totals --subject russia
run history personnel --claimant "General Staff of the Armed Forces of Ukraine"
ID=$("$CLAIMS" totals --json --metric personnel \
    --claimant "General Staff of the Armed Forces of Ukraine" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["claim_id"])')
HEAD=$("$CLAIMS" log --json | wc -l)
run correct "$ID" --value 175010 --reason "demo: a transcription slip"
run totals --metric personnel
run totals --metric personnel --at "$HEAD"
run show "$ID"
say "claims append --value -5 ...   (refused: exit 2, one line, log unchanged)"
"$CLAIMS" append --claimant "Armed Forces of Ukraine" --subject russia --metric tanks \
    --value -5 --as-of 2022-10-04 || true
run verify
run replay
