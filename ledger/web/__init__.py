"""The web as a source: fetching pages and feeds with the provenance a fact-checker needs.

    urls.py      which URLs may be fetched (schemes, addresses), and URLs shown without secrets
    fetch.py     Fetcher: one URL fetched (User-Agent, timeout, redirects, size, content types)
    robots.py    robots.txt: what a site lets this tool fetch
    feeds.py     RSS/Atom entries, and a watched feed's state (the fold of its polls)
    schedule.py  --every durations and the per-host delay
    pages.py     a fetched page read as an article draft, and kept as a `page-fetched` event

Owns: nothing itself (the package index). Only `fetch` and `robots` touch the network; the
others are pure. Imports: `events`, `ledger.errors`, `ledger.ingest.readers`; never `cli`.
"""
