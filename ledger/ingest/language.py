"""Language: whether an article is written in a script the extractor does not read.

Owns `unread_language` (the language a text looks written in, when it is not one the
extractor reads) and `no_claims_reason` (the line that says so). The stages read English: a
Ukrainian or Russian article gives no claims, and its reader is told why rather than shown an
empty table.

The rule, in one pass over the text (each count below is a regex scan or `str.count`):

- a text looks Cyrillic when more than half of its letters are Cyrillic (U+0400-U+052F);
  an English text quoting a Cyrillic name ("Київ", "Олена") stays English;
- it looks Ukrainian when the letters only Ukrainian writes (і ї є ґ) outnumber by more than
  four to one those only Russian writes (ы э ё), Russian when the reverse holds;
- else (neither, both, or more than 2% of its Cyrillic letters in neither alphabet: ў, ј, љ,
  қ, ә, ... of Belarusian, Serbian, Kazakh ...) it is only "Cyrillic".

Pure, never raises. Imports: the standard library only.
"""

from __future__ import annotations

import re

__all__ = ["no_claims_reason", "unread_language"]

_LETTERS = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u052f]+")
# The Cyrillic letters of the Russian and Ukrainian alphabets (both cases); any other Cyrillic
# letter belongs to another language.
_RU_UK = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]+")
_UKRAINIAN_ONLY = "іїєґІЇЄҐ"
_RUSSIAN_ONLY = "ыэёЫЭЁ"  # not ъ: Bulgarian writes it too
_MARGIN = 4  # how many times the other language's letters one language's must outnumber
_FOREIGN_SHARE = 50  # at most one Cyrillic letter in this many outside both alphabets


def _letters(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of `text` the runs `pattern` matches hold."""
    return sum(m.end() - m.start() for m in pattern.finditer(text))


def unread_language(text: str) -> str | None:
    """ "Ukrainian", "Russian" or "Cyrillic" when most of `text`'s letters are Cyrillic (see
    the module's rule), else None (a text the extractor reads, or one without letters)."""
    if not isinstance(text, str):
        return None
    cyrillic = _letters(_CYRILLIC, text)
    if cyrillic == 0 or 2 * cyrillic <= _letters(_LETTERS, text):
        return None
    if (cyrillic - _letters(_RU_UK, text)) * _FOREIGN_SHARE > cyrillic:
        return "Cyrillic"
    ukrainian = sum(map(text.count, _UKRAINIAN_ONLY))
    russian = sum(map(text.count, _RUSSIAN_ONLY))
    if ukrainian > _MARGIN * russian:
        return "Ukrainian"
    if russian > _MARGIN * ukrainian:
        return "Russian"
    return "Cyrillic"


def no_claims_reason(text: str) -> str | None:
    """Why extraction finds no claims in `text` whatever it says, else None: "the text looks
    Ukrainian; extraction reads English"."""
    language = unread_language(text)
    if language is None:
        return None
    return f"the text looks {language}; extraction reads English"
