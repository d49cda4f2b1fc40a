"""Restatements: one claim per figure told again, but never a share or a differently hedged
figure folded into another that happens to have the same value."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.ingest.extract import extract_claims


def run(text: str) -> list[tuple[str, str, int, str]]:
    claims = extract_claims(
        text,
        article_id="a_merge",
        publisher="Test Wire",
        published=dt.date(2024, 5, 6),
        fallback_date=dt.date(2024, 5, 6),
    )
    return [(c.subject, c.metric, c.value, c.qualifier) for c in claims]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # the same figure told twice is one claim
        ("Russia lost 40 tanks in a day. The 40 tanks were lost near Avdiivka, the army said.", 1),
        # shares by place with equal values are each their own
        (
            "Air defences downed 30 drones overnight, the ministry said: 12 over Kursk, "
            "another two over Bryansk, and two more over Oryol.",
            4,
        ),
        # "about a million" and "more than a million" are two claims, though the value is one
        (
            "Russia has suffered about 1 million casualties, analysts said. Ukraine's "
            "military says Russian losses exceed 1 million servicemen.",
            2,
        ),
        # another named source restating a figure first told in a paragraph its source
        # speaks for is that source's own claim
        (
            "The Example Institute said Russia had lost 300 tanks. Another 40,000 Russian "
            "soldiers were also killed.\n\nBritish intelligence said on Monday that Russia "
            "had lost 175,000 troops. It added that 40,000 Russian soldiers were killed.",
            4,
        ),
    ],
)
def test_restatements_and_shares(text: str, count: int) -> None:
    assert len(run(text)) == count, run(text)
