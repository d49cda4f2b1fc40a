#!/usr/bin/env bash
# `make demo`: a short tour on a fresh ledger in ./demo (removed and rebuilt each run).
set -euo pipefail
CLAIMS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DIR=$2
rm -rf "$DIR" && mkdir -p "$DIR"
export CLAIMS_LEDGER="$DIR/claims.db"
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "claims $*"; "$CLAIMS" "$@"; }

run append --claimant "General Staff of the Armed Forces of Ukraine" --subject russia \
    --metric personnel --value 174550 --since 2022-02-24 --as-of 2023-04-02 \
    --publisher "The Kyiv Independent"
run append --claimant "Armed Forces of Ukraine" --subject russia --metric personnel \
    --value 61000 --qualifier approx --since 2022-02-24 --as-of 2022-10-04
run append --claimant "Armed Forces of Ukraine" --subject russia --metric tanks \
    --value 2400 --qualifier at_least --since 2022-02-24 --as-of 2022-10-04
say "claims append (the same claim again: nothing is written)"
"$CLAIMS" append --claimant "Armed Forces of Ukraine" --subject russia --metric tanks \
    --value 2400 --qualifier at_least --since 2022-02-24 --as-of 2022-10-04
say "claims append --value -5   (refused: exit 2, one line, log unchanged)"
"$CLAIMS" append --claimant "Armed Forces of Ukraine" --subject russia --metric tanks \
    --value -5 --as-of 2022-10-04 || true
run log
run verify
run export --out "$DIR/export.jsonl"
run --ledger "$DIR/copy.db" import "$DIR/export.jsonl"
run --ledger "$DIR/copy.db" verify
