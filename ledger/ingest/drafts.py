"""Article drafts: what a reader makes of one input, before any claim is extracted from it.

Owns `ArticleDraft` and `ArticleReadError` (an input that cannot be read as an article, said
in one line naming the file). Imports: `ledger.errors`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ledger.errors import InvalidInput


@dataclass(frozen=True)
class ArticleDraft:
    """An article as read from a file, before any claim is extracted from it."""

    source: str  # the path, or "<stdin>"
    title: str
    text: str  # the text claims are quoted from; for HTML: title + "\n\n" + main text
    publisher: str | None = None
    author: str | None = None
    published: datetime.date | None = None
    url: str | None = None


class ArticleReadError(InvalidInput):
    """An input could not be read as an article; the message is one line naming the file."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")
