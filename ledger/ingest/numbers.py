"""Numbers as news writes them, found in running text with their character spans.

Owns: `Number` and `find_numbers` — digits with thousands separators ("174,550", "4 000",
"31.000"), magnitudes ("60K", "2.4K", "1.2 million", "24.5 thousand", "1.5 lakh", "a quarter
of a million", "a million" with its article), dozens ("a dozen", "two dozen") and number
words ("forty four", "forty-four", "three"). It knows nothing about claims: filtering out
dates, model numbers and money is `counts`' job, but the span and the raw surface let it
decide. Imports: `rx`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.ingest.rx import by_first_letter, fold_case, guarded, has_any

_SEP = "[, \u00a0\u202f\u2009.']"  # comma, space, no-break, narrow and thin spaces, dot, apostrophe

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIX_SCALES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mln": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "lakh": 100_000,  # South Asian English: "1 lakh" is 100,000
    "lakhs": 100_000,
}
_FRACTIONS = {"quarter": 0.25, "half": 0.5, "third": 1 / 3}

_WORD = by_first_letter("|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)))
_JOIN = r"(?:[\s-]+|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+)"
_WORD_NUMBER = rf"(?:{_WORD})(?:{_JOIN}(?:{_WORD}))*"

_DIGIT_BRANCHES = rf"""
    (?P<scaled>(?<![\w.,])\d+(?:[.,]\d+)?)\s*(?P<scale>[kK]\b|thousand\b|million\b|mln\b|lakhs?\b|
        billion\b|bn\b|[mM]\b(?![²-]))
    | (?P<grouped>(?<![\w.,])\d{{1,3}}(?:(?P<sep>{_SEP})\d{{3}})(?:(?P=sep)\d{{3}})*(?![\d]))
    | (?P<plain>(?<![\w.,])\d+(?:\.\d+)?(?![\d]))
"""
_FRACTION_WORDS = ("quarter", "half", "third")
# Every match starts at a word boundary: the word branches say \b, and the digit branches
# start with a digit that (?<![\w.,]) keeps from following a word character.
NUMBER_RE = guarded(
    rf"""
    (?P<frac>\b(?:a\s+)?(?:{"|".join(_FRACTION_WORDS)})\s+(?:of\s+)?an?\s+(?:million|thousand)\b)
    | (?P<dozen>\b(?:(?P<dozens>a|one|two|three|four|five|six)\s+|half\s+a\s+)dozen\b)
    | {_DIGIT_BRANCHES}
    | (?P<words>\b(?:an?\s+(?=(?:hundred|thousand|million|billion)\b))?{_WORD_NUMBER}\b)
    """,
    re.VERBOSE | re.IGNORECASE,
    starts_words=True,
)
# NUMBER_RE's digit branches alone, in their order: all NUMBER_RE finds in a text that holds
# none of `_NUMBER_WORDS` (no match of its other branches can lie there), found three times
# faster (most sentences write their figures in digits).
_DIGITS_RE = guarded(_DIGIT_BRANCHES, re.VERBOSE | re.IGNORECASE, starts_words=True)
# The words one of which every match of a fraction, dozen or word branch holds, case-folded:
# a number word ("forty"), a fraction ("half") or "dozen"; a word holding another is left out
# ("sixty" holds "six"): a text without "six" has no "sixty" either.
_ALL_WORDS = {*_UNITS, *_TENS, *_SCALES, *_FRACTION_WORDS, "dozen"}
_NUMBER_WORDS = tuple(
    sorted(w for w in _ALL_WORDS if not any(o != w and o in w for o in _ALL_WORDS))
)
_WORD_SEP = re.compile(r"[\s-]+")
_NON_DIGITS = re.compile(r"\D")


@dataclass(frozen=True, slots=True)
class Number:
    """One number in a text: its value, its span and the characters that wrote it."""

    value: int
    start: int
    end: int
    surface: str
    kind: str  # "digits", "scaled", "words", "fraction"


def words_to_int(words: str) -> int | None:
    """Value of an English number phrase ("forty-four", "two hundred and five"), else None."""
    total = current = 0
    seen = False
    for token in _WORD_SEP.split(fold_case(words)):
        if token in ("", "and") or (token in ("a", "an") and not seen):
            continue  # "a million": the article is the scale's one
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _scaled_value(raw: str, scale: str) -> int:
    """ "2.4K" / "1,2 million" / "24.5 thousand" -> int (a comma here is a decimal comma)."""
    return round(float(raw.replace(",", ".")) * _SUFFIX_SCALES[fold_case(scale)])


def _fraction_value(raw: str) -> int:
    """ "a quarter of a million" -> 250000."""
    low = fold_case(raw)
    part = next(v for k, v in _FRACTIONS.items() if k in low)
    scale = 1_000_000 if "million" in low else 1_000
    return round(part * scale)


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in `text[start:end]`, left to right, non-overlapping; never raises."""
    out: list[Number] = []
    stop = len(text) if end is None else end
    # (the bounds as the regex engine reads them: clipped to the text)
    window = text[max(start, 0) : max(stop, 0)]
    pattern = NUMBER_RE if has_any(fold_case(window), _NUMBER_WORDS) else _DIGITS_RE
    for m in pattern.finditer(text, start, stop):
        # The branch that matched: the last group it closes ("scale" for the scaled branch).
        branch = m.lastgroup
        try:
            if branch == "frac":
                value, kind = _fraction_value(m.group("frac")), "fraction"
            elif branch == "dozen":
                count = m.group("dozens")  # "a dozen", "two dozen"; none: "half a dozen"
                value, kind = (12 * _UNITS.get(fold_case(count), 1) if count else 6), "words"
            elif branch == "scale":
                value, kind = _scaled_value(m.group("scaled"), m.group("scale")), "scaled"
            elif branch == "grouped":
                value, kind = int(_NON_DIGITS.sub("", m.group("grouped"))), "digits"
            elif branch == "plain":
                value, kind = round(float(m.group("plain"))), "digits"
            else:
                parsed = words_to_int(m.group("words"))
                if parsed is None:
                    continue
                value, kind = parsed, "words"
        except (ValueError, OverflowError):
            continue
        if value < 0 or value > 2**62:
            continue
        out.append(Number(value, m.start(), m.end(), m.group(0), kind))
    return out
