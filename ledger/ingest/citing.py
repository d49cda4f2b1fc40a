"""Citing: an outlet that cites a source does not speak for the figures; the source does.

Owns `cited_source` ("Newsline reported, citing the General Staff", "Citing the General
Staff, Newsline reported", "Newsline, citing the General Staff, said": the General Staff) and
its rule, `OUTLET_CITING`. A person or body that cites data ("Lee, citing intelligence data,
said") still speaks: only an outlet hands the figures on. Imports: `claimant_names`,
`name_cores`, `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.claimant_names import canonical, tidy_np, valid_np
from ledger.ingest.name_cores import is_outlet, name_core
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

OUTLET_CITING = Rule(
    "outlet-citing",
    "An outlet citing a source (citing, quoting, with reference to X): X is the claimant.",
    guarded(
        r"\b(?:citing|quoting|with (?:a )?reference to|referring to|in reference to)\s+"
        r"(?P<np>[^,.;:()\"“”]{2,80})",
        _I,
    ),
    "Newsline reported, citing the General Staff",
    "Newsline reported on the General Staff",
)
# Where the cited source's name ends: the verb or clause after it.
CITED_END = Rule(
    "cited-name-end",
    "After a cited source's name: a clause, a place, a verb, or the word for its data.",
    guarded(
        r"\s+(?:that|which|who|as|on|in|at|during|said|says|reported|reports|showed|shows|data|"
        r"figures)\b.*$",
        _I,
    ),
    "the General Staff on Facebook",
    "the General Staff",
)
CITING_RULES = registry(OUTLET_CITING, CITED_END)


def cited_source(s: str, speaker: str) -> str | None:
    """The source that `speaker`, an outlet, cites in the sentence `s`; None when the speaker
    is not an outlet or cites nobody by name (the outlet then speaks)."""
    low = s.lower()
    if not is_outlet(speaker) or not ("cit" in low or "quot" in low or "refer" in low):
        return None
    for m in OUTLET_CITING.pattern.finditer(s):
        np = tidy_np(CITED_END.pattern.sub("", m.group("np")))
        if not np or np == speaker or not valid_np(np):
            continue
        if canonical(np) or name_core(np) or np[:1].isupper():
            return np
    return None
