"""Report authors: whose report "the report said" means, when a report was named with its
author before ("according to the latest report by the General Staff").

Owns `document_author` and `DOCUMENT_RULES`. Imports: `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

_DOCS = r"report|update|statement|briefing|bulletin|summary|assessment"
# "the report", "the latest update": a report the article has named before.
DOCUMENT_ANAPHOR = Rule(
    "document-anaphor",
    "A speaker that is a report itself ('the report said', 'the latest update said').",
    guarded(rf"^(?:(?:the|this|that) )?(?:(?:latest|new|daily) )?(?P<noun>{_DOCS})$", _I),
    "the latest update",
    "the reporter",
)
# "according to the latest report by Ukraine's General Staff" ... "the report said": its author.
NAMED_DOCUMENT = Rule(
    "named-document-author",
    "A report named with its author ('the latest report by X', 'X's daily update'): 'the "
    "report said' later stands for X, whoever spoke in between.",
    guarded(
        rf"\b(?P<noun>{_DOCS})s? (?:(?:published|released|issued|posted) )?(?:by|from) "
        r"(?P<np>(?:the )?[A-Z][\w'’-]*(?: (?:of|the|for|[A-Z][\w'’-]*)){0,8})|"
        r"(?P<np2>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,5})['’]s (?:(?:latest|new|daily|weekly|"
        rf"regular|morning|evening) ){{0,2}}(?P<noun2>{_DOCS})\b"
    ),
    "according to the latest report by the General Staff",
    "according to the latest report on the General Staff",
)
DOCUMENT_RULES = registry(DOCUMENT_ANAPHOR, NAMED_DOCUMENT)


def document_author(text: str, end: int, np: str) -> str | None:
    """Whose `np` ("the report", "the latest update") is: the author of the last report of
    that kind named with its author in the 2,000 characters before `end`; None if none."""
    doc = DOCUMENT_ANAPHOR.match(np) if len(np) < 30 else None
    if doc is None:
        return None
    noun, found = doc.group("noun").lower(), None
    for m in NAMED_DOCUMENT.pattern.finditer(text, max(0, end - 2000), end):
        if (m.group("noun") or m.group("noun2") or "").lower() == noun:
            found = (m.group("np") or m.group("np2")).strip()
    return found
