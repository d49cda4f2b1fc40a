"""Post signatures: a social-media post pasted into an article, signed at its foot.

Owns `credit_signed_posts` ("... since the start of the conflict now stands at 465,000.
— Ministry of Defence (@DefenceHQ) May 4, 2024": the figures of the post's lines, which name
no source, are the signer's) and its rule, `SIGNATURE_RULES`. A post is the run of lines,
without a blank one, that ends in its signature. Imports: `cand`, `claimant_names`, `rules`,
`rx`, `sentences`.
"""

from __future__ import annotations

from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import name_claimant, valid_np
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
# "— Ministry of Defence 🇬🇧 (@DefenceHQ) May 4, 2024": how an embedded post is signed.
SIGNED_POST = Rule(
    "signed-post",
    "An embedded post's signature (— Name (@handle) Month D, YYYY): the figures of the post, "
    "which name no source, are the signer's.",
    guarded(
        r"[—–-]\s*(?P<name>[A-Z][^()\n@—–]{1,60}?)\s*(?:[^\w\s()@]+\s*)*\(@(?P<handle>\w{2,30})\)"
        rf"\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}"
    ),
    "— Ministry of Defence (@DefenceHQ) May 4, 2024",
    "— Ministry of Defence, May 4, 2024",
    words=("@",),
)
SIGNATURE_RULES = registry(SIGNED_POST)


def _block_start(text: str, pos: int) -> int:
    """Where the run of lines without a blank one that holds `pos` starts."""
    blank = text.rfind("\n\n", 0, pos)
    return 0 if blank < 0 else blank + 2


def credit_signed_posts(
    text: str, sentences: list[Sentence], cands: list[Cand], publisher: str
) -> None:
    """Figures left to the publisher in the lines of a post signed at their foot are the
    signer's ("signed-post")."""
    if "(@" not in text:
        return
    for m in SIGNED_POST.pattern.finditer(text):
        name = m.group("name").strip()
        if not valid_np(name):
            continue
        start = _block_start(text, m.start())
        context = text[start : m.end()]
        claimant = name_claimant(name, context, None, {})
        for c in cands:
            at = sentences[c.sent].start
            unnamed = c.claimant == publisher and c.why.get("claimant") == "publisher-fallback"
            if unnamed and start <= at < m.start():
                c.claimant, c.claimant_text = claimant, name
                c.why["claimant"] = SIGNED_POST.name
