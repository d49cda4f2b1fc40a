"""Page furniture: the parts of a saved web page that are not the story.

Owns `furniture_spans(text)`: character spans of sidebars ("News Feed", "MORE NEWS",
"Editors' Picks", "Recommended Reading", "Related"), newsletter and subscribe boxes, donation
appeals, share bars, author bios, image captions and credits, timestamped headline lists.
Their numbers belong to other stories, so the extractor skips them. The rules are about the
shape of web pages in general, line by line, never about one site. Imports: `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.rx import guarded, split_alternation

Span = tuple[int, int]

# A line that is only a sidebar heading starts a block of other stories.
_BLOCK_HEADING = guarded(
    r"^\s*(?:news feed|more news|more stories|editors['’]? picks?"
    r"|recommended(?: reading| for you)?"
    r"|related(?: articles| stories| news| posts| content| coverage| reading)?"
    r"|read (?:more|also|next)|(?:most|top) (?:read|popular|viewed|shared)"
    r"|popular(?: now| stories)?|latest(?: news| stories)?"
    r"|trending(?: now| stories)?|you (?:may|might) (?:also )?(?:like|be interested in)|see also"
    r"|also read|further reading|about the author|leave a (?:reply|comment)|comments?|\d+ comments?"
    r"|what to read next|in other news|more from [\w .'’-]{1,40}|top stories|breaking news"
    r"|follow us|share this(?: article| story)?|tags?|topics?)\s*:?\s*$",
    re.IGNORECASE,
)

# A line of page boilerplate (whatever its length), matched against the lower-cased line.
_BOILERPLATE = (
    r"subscrib|newsletter|sign(?:ing)? up|sign in|log ?in\b|enter (?:your|correct) email"
    r"|email address|inbox|indicates required|support (?:us|our|independent|my)"
    r"|become a (?:member|patron)"
    r"|donat(?:e|ion)|patreon|paypal|bank transfer|credit card|swift code|join us|spread the love"
    r"|share (?:this|on)|follow us|skip to (?:content|main)|edit post|cookie|advertisement"
    r"|this audio is|min(?:ute)? read\b|all rights reserved|copyright|©|terms of (?:use|service)"
    r"|privacy policy|click here|listen to (?:this|the) (?:article|story)"
    r"|thank you for (?:signing|reading)"
    r"|go back to|^\s*name\s*:|^\s*(?:photo|image|video|source|credit)s?\s*[:/]"
    r"|image caption|getty images|\bvia (?:reuters|ap|afp|getty)\b|\((?:photo|image)[^)]*\)\s*$"
    r"|photo/illustration|^\s*(?:visa|mastercard)"
)
_BOILERPLATE_PARTS = split_alternation(_BOILERPLATE)

# A timestamp line ("5:26 PM", "2 days ago", "12:01") in a list of other stories.
_TIMESTAMP = guarded(
    r"^\s*(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d+\s+(?:minutes?|hours?|days?)\s+ago"
    r"|yesterday|today)\s*$",
    re.IGNORECASE,
)

# "2 min read" under a headline: the story itself starts here, whatever sidebar came before.
_READ_TIME = guarded(r"^\s*\d{1,2}\s*min(?:ute)?s?\.?\s+read\s*$", re.IGNORECASE)

# An author bio: "Jane Roe is a reporter at ...", "X has been writing about ...".
_BIO = guarded(
    r"^\s*(?:(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s+"
    r"(?:is an? (?:[\w-]+ ){0,3}(?:reporter|journalist|editor|correspondent|writer|columnist"
    r"|analyst|contributor|producer|fellow)|has been (?:writing|reporting|covering)|covers "
    r"|writes about|reports on)",
)
_BIO_CONTINUATION = guarded(r"^\s*(?:He|She|They)\s+(?:also |continues|has|is|was|writes|lives)")

# Lines of prose: long enough, with sentence punctuation. Three in a row end a sidebar block.
_PROSE_MIN = 150
_PROSE_RUN_ENDS_BLOCK = 3
_PROSE_END = re.compile(r"[.!?][\"”’)]?\s*$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its newline."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _is_boilerplate(lowered: str) -> bool:
    """Whether `_BOILERPLATE` matches somewhere in the lower-cased line."""
    return any(part.search(lowered) for part in _BOILERPLATE_PARTS)


def _is_prose(line: str) -> bool:
    # a match ends the stripped line, so it lies in its last two characters
    return len(line) >= _PROSE_MIN and bool(_PROSE_END.search(line.strip()[-2:]))


def furniture_spans(text: str) -> list[Span]:
    """Spans of `text` that are page furniture, sorted and merged; never raises."""
    lines = _lines(text)
    flags = [False] * len(lines)
    block: int | None = None  # the heading line of the sidebar block we are in, if any
    prose_run = 0
    previous_was_bio = False
    for i, (start, end) in enumerate(lines):
        stripped = text[start:end].strip()
        if not stripped:
            continue
        if _BLOCK_HEADING.match(stripped):
            block, prose_run, previous_was_bio = i, 0, False
            flags[i] = True
        elif block is not None:
            block, prose_run = _in_block(text, lines, flags, i, block, prose_run)
        else:
            flags[i], previous_was_bio = _boilerplate_or_bio(stripped, previous_was_bio)
    return _merge([lines[i] for i, flagged in enumerate(flags) if flagged])


def _in_block(
    text: str, lines: list[Span], flags: list[bool], i: int, block: int, prose_run: int
) -> tuple[int | None, int]:
    """Flag line `i` of a sidebar block, unless the story resumes: a "2 min read" line, or
    the third line of prose in a row (whose run is then released). Returns the block still
    open (None when it ended) and the run of prose lines so far."""
    stripped = text[lines[i][0] : lines[i][1]].strip()
    if _READ_TIME.match(stripped):
        flags[i] = True
        return None, prose_run
    if _is_prose(stripped) and not _TIMESTAMP.match(stripped):
        prose_run += 1
        if prose_run >= _PROSE_RUN_ENDS_BLOCK:
            # The story resumed: release the prose lines of this run.
            released = 0
            j = i
            while j > block and released < prose_run:
                if text[lines[j][0] : lines[j][1]].strip():
                    flags[j] = False
                    released += 1
                j -= 1
            return None, prose_run
    else:
        prose_run = 0
    flags[i] = True
    return block, prose_run


def _boilerplate_or_bio(stripped: str, previous_was_bio: bool) -> tuple[bool, bool]:
    """Whether a line outside a sidebar block is furniture (boilerplate, a timestamp, an
    author bio or its next line), and whether it is a bio."""
    if (
        (len(stripped) < 250 or not _is_prose(stripped)) and _is_boilerplate(stripped.lower())
    ) or _TIMESTAMP.match(stripped):
        return True, False
    if (len(stripped) < 600 and _BIO.match(stripped)) or (
        previous_was_bio and _BIO_CONTINUATION.match(stripped)
    ):
        return True, True
    return False, False


def _merge(spans: list[Span]) -> list[Span]:
    """Merge touching or overlapping spans (a line break between two counts as touching)."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def in_spans(position: int, spans: list[Span]) -> bool:
    """Whether `position` falls inside one of the sorted, merged `spans`."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= position:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= position < spans[lo][1]
