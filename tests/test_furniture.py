"""Page furniture: sidebars, subscribe boxes, bios and captions are found, the story is not."""

from __future__ import annotations

import pytest

from ledger.ingest.furniture import furniture_spans, in_spans

STORY = (
    "The ministry said on Monday that its air defences had destroyed 12 drones overnight "
    "over the southern regions, and that no damage had been reported in the port city."
)


def _flagged(text: str, needle: str) -> bool:
    return in_spans(text.index(needle), furniture_spans(text))


@pytest.mark.parametrize(
    "heading",
    ["News Feed", "MORE NEWS", "Editors' Picks", "Recommended Reading", "Related", "Read more"],
)
def test_sidebar_heading_hides_what_follows(heading: str) -> None:
    """Lines after a sidebar heading belong to other stories."""
    text = f"{STORY}\n\n{heading}\n4:12 PM\nArmy says 300 tanks were lost in a month.\n"
    assert _flagged(text, "300 tanks")
    assert not _flagged(text, "12 drones")


def test_story_resumes_after_three_prose_paragraphs() -> None:
    """A sidebar block ends when the story's prose comes back."""
    text = f"Related\nOther headline\n{STORY}\n{STORY}\n{STORY}\n"
    assert not _flagged(text, STORY)


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter",
        "Support independent journalism. Become a member today.",
        "Enter your email to sign up",
        "Share this article",
        "A tank near the front line. (Photo by Jane Roe via Getty Images)",
        "5:26 PM",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    """Subscribe boxes, donation appeals, share bars, credits and timestamps are furniture."""
    text = f"{STORY}\n{line}\n"
    assert _flagged(text, line)
    assert not _flagged(text, STORY)


def test_author_bio_and_its_continuation() -> None:
    """ "X has been writing about ..." and the sentence after it are a bio."""
    text = f"{STORY}\nJane Roe is a senior reporter at the paper.\nShe has covered 3 wars.\n"
    assert _flagged(text, "Jane Roe")
    assert _flagged(text, "She has")


def test_plain_story_has_no_furniture() -> None:
    """An article without page chrome yields no spans."""
    assert furniture_spans(f"{STORY}\n\n{STORY}") == []


def test_read_time_line_ends_a_sidebar() -> None:
    """ "2 min read" under a headline starts the story, even right after a sidebar."""
    sidebar = "News Feed\nArmy says 300 tanks were lost in a month.\n\n"
    text = f"{sidebar}2 min read\nShort line.\n{STORY}\n"
    assert _flagged(text, "300 tanks")
    assert not _flagged(text, "12 drones")
