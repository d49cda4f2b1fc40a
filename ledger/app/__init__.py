"""The application layer: what a user can ask of a ledger, each request handled in one place.

    ledger.py        Ledger (the façade) and open_ledger (store + where the read models live)
    session.py       Session, what every handler is given; stream names; shared input checks
    placement.py     where the read models live: in the ledger file, or a local views file
    commands.py      one handler per command: assert, append --event, correct, retract,
                     retract --article, alias, ingest, import-data
    ingest_jobs.py   a folder's articles extracted on every core, in serial order
    rules.py         the rules every write obeys, whichever command writes it
    reviews.py       review: accept, fix, reject extracted claims; the review queue
    queries.py       totals, sources, show, check, audit, log
    history.py       history: one metric's figures, read without loading every claim
    filters.py       the rules of a filter: checked values, names in any case, no-match errors
    matching.py      filters matched to a read model's claims (every view uses it)
    review_scope.py  what --reviewed views count
    windows.py       window figures: the latest, and sums over a range
    history_deltas.py  history --deltas
    diff.py          what changed between two positions
    audit_lag.py, audit_deltas.py, staleness.py   check's lag, delta and stopped-series rules
    audit_falls.py   check's falling-series rule, and declared corrections over a span
    audit_parts.py   check's parts: a figure confined to part of the front, figures that add up
    audit_compare.py check's like with like: which figures are compared (basis), disagreements
    sentences.py     the sentence a claim was read from, and the words around its quote
    articles_view.py show ARTICLE_ID (and which of claim or article an id names)
    search.py        search: claims by value (with a tolerance), words, names, dates
    maintenance.py   verify, replay, export, import
    consistency.py   prove --consistency: an older log is a prefix of this one (Merkle proof)
    proofs.py        the log's Merkle tree as checkpoints and bundles see it (the one adapter)
    checkpoints.py   checkpoint (issue, --cosign), verify --checkpoint, consistency OLD NEW
    bundles.py       prove CLAIM_ID (an inclusion bundle) and verify-bundle's offline check
    keyfiles.py      keygen's key pair, and reading a --key file
    audit.py         consistency findings and the explanation of a total (pure)
    results.py       the typed results, in their JSON shape

    web.py           ingest URL..., watch FEED...: pages and feeds fetched, read, recorded
    reextract.py     reextract ARTICLE_ID: a kept page read again, offline

Imports: `events`, `ledger.store`, `ledger.projections`, `ledger.proofs`, `ledger.errors`;
`ledger.ingest` and `ledger.importers` only in the handlers that need them; `ledger.web` (the
network) in `web` and `reextract` only.
"""
