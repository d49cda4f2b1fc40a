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
    articles_view.py show ARTICLE_ID (and which of claim or article an id names)
    search.py        search: claims by value (with a tolerance), words, names, dates
    maintenance.py   verify, replay, export, import
    audit.py         consistency findings and the explanation of a total (pure)
    results.py       the typed results, in their JSON shape

Imports: `events`, `ledger.store`, `ledger.projections`, `ledger.errors`; `ledger.ingest` and
`ledger.importers` only in the handlers that need them.
"""
