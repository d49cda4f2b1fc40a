"""Speakers: the words by which a sentence says who is speaking.

Owns `Attribution` and `attributions` (in-sentence cues: "X said", "according to X", ",
said X", "figures released by X", with the speaker's noun phrase cut out and checked),
`speaker_of_sentence_before` (a sentence naming who spoke the one before: "This was reported
by X"), `heading_attribution` (a headline's "Ministry: ..." or "... – Russian MOD") and
`reportedly`; an outlet citing a source hands the figures to it (`citing`). Which claim each
cue speaks for is `attribution`'s business. Imports: `citing`, `claimant_names`, `cues`,
`name_cores`, `rules`, `rx`, `sentences`, `speaker_rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.ingest.citing import cited_source
from ledger.ingest.claimant_names import ANAPHOR, canonical, tidy_np, valid_np
from ledger.ingest.cues import ATTR_VERB_RE, ATTR_VERB_WORDS, ATTR_VERBS
from ledger.ingest.name_cores import name_core
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import fold_case, guarded, has_any
from ledger.ingest.sentences import Sentence
from ledger.ingest.speaker_rules import (
    ACCORDING_CUT,
    BACKWARD,
    BACKWARD_IN,
    BACKWARD_SAID,
    BACKWARD_WHAT,
    BASED_ON,
    CLAUSE_SUBJECT,
    HEADLINE_LABEL,
    KNOWN_AS_ASIDE,
    MORE_VERBS,
    NOT_CONFIRMED_BY,
    PAIRED_SPEAKERS,
    PART_ASIDE,
    apposed_name,
)

_I = re.IGNORECASE

# A dot that ends a rank or honorific ("Col. Ivan Bondar") or an initialism ("U.S.
# intelligence") does not end the noun phrase.
_ABBREV_DOT = (
    "".join(
        rf"|(?<=\b{a})\.(?=\s[A-Z])"
        for a in ("Col", "Gen", "Lt", "Maj", "Brig", "Adm", "Capt", "Dr", "Mr")
    )
    + r"|(?<=\b[A-Z]\.[A-Z])\.(?=\s\w)"
)
_ACCORDING = guarded(
    rf"\baccording\s+to\s+(?P<np>(?:[^,.;:()\"“”]|\.(?=\w){_ABBREV_DOT}){{2,80}})", _I
)
# A verb's speaker with "by" ("reported from Bashkortostan": a place), a report's with "from".
_DAY = r"(?:(?:on\s+|last\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+|yesterday\s+)?"
_BY_FROM = guarded(
    r"\b(?:(?:reported|announced|stated|claimed|released|published|confirmed|provided|presented|"
    rf"communicated|given|quoted|issued|compiled)\s+{_DAY}by|(?:claims|report|data|figures|"
    rf"statement|update|briefing|tweet|post|estimates?|assessment|analysis)\s+{_DAY}(?:by|from))\s+"
    rf"(?P<np>(?:[^,.;:()\"“”]|\.(?=\w){_ABBREV_DOT}){{2,80}})",
    _I,
)
_INVERTED = guarded(
    rf"[,\"“”]\s*(?:{ATTR_VERBS})\s+(?P<np>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of|the|for|and|[A-Z][\w'’.-]*))*)"
)
# "Lee, citing intelligence data, said": the one who cites speaks, not what is cited.
_CITING_ASIDE = guarded(
    r"(?P<np>[A-Z][^,;:()\"“”]{1,80}?),\s+(?:citing|quoting|referring to|with reference to)\s+"
    r"[^,;:()\"“”]{2,120},\s*$"
)
# "20 brigade and battalion command posts were hit": "posts" is a noun here, not a verb.
_NOUN_BEFORE_POSTS = guarded(
    r"\b(?:command|observation|border|guard|check|control|firing|military|outlying)\s*$", _I
)
_NP_BOUNDARY = guarded(
    r"(?:[,;:()\"“”]|\s[-–—]\s|\b(?:that|and|but|when|while|as|after|because|whereas|which|who|where|"
    r"then|so|if|though|although|said|says)\b)",
    _I,
)
# "Center for Strategic and International Studies": an "and" between capitalised words.
_CAPITAL_END = re.compile(r"\b[A-Z][\w.'’-]*\s+$")
_NAME_ENDS = frozenset({"States", "Post", "Posts", "Report", "Reports", "Notes", "Times"})
_RELATIVE_SPEAKER = guarded(
    r"(?P<np>(?:[A-Z][\w.'’-]*\s+){0,4}(?:[A-Z][\w.'’-]*|officials|analysts|experts))\s*,\s*"
    r"(?:which|who)(?:\s*,[^,;.]{1,40},)?\s+$"
)
_AUX_END = guarded(r"(?:\s+(?:has|have|had|also|so far|already))+\s*$", _I)
# "presidential aide Mykhailo Podolyak": a lower-case title before a name; the name speaks.
_TITLED_NAME = guarded(
    r"^(?:[a-z][\w-]*\s+){0,3}(?:aide|adviser|advisor|spokes(?:man|woman|person)|official|"
    r"minister|commander|chief|analyst|expert|historian|volunteer|general|director|researcher|"
    r"blogger|journalist|officer|governor|mayor|president|lawmaker|deputy|envoy|ambassador)\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})$"
)
# Where a noun phrase after "according to" / "released by" stops: at the verb of its clause.
_NP_VERB_CUT = guarded(
    rf"\s+(?:{ATTR_VERBS}|suggests?|shows?|showed|indicates?|indicated|bringing|brings)\b.*$", _I
)
_DETERMINER_END = guarded(
    r"\b(?:the|a|an|its|their|his|her|this|that|latest|daily|new|according to)\s*$", _I
)
_REPORTEDLY = guarded(r"\breportedly\b|\breports say\b|\bit is reported\b", _I)
_HEADLINE_PREFIX = guarded(r"^\s*(?P<np>[A-Z][\w’'.\- ]{1,48}?)\s*:\s+\S")
_HEADLINE_SUFFIX = guarded(
    r"(?:\s[-–—|]\s*|:\s+)(?P<np>[A-Z][\w’'. ]{1,40}?)\s*$"
    r"|,\s*(?P<np2>[A-Z][\w’'. ]{1,40}?)\s+(?:says|said|claims|reports)\s*$"
)
_PAREN_ABBREV = re.compile(r"\((?:[A-Z]{1,6}|[A-Z][a-z]?[A-Z][A-Za-z]{0,3})\)")
_BY_FROM_CUT = re.compile(r"\s+(?:on|in|at|during|that|which)\s+")
_INVERTED_CUT = re.compile(r"\s+(?:on|in|at|during)\s+")
_BACKWARD_CUT = re.compile(r"\s+(?:on|in|at|during|that)\s+")
_BARE_PRONOUN = re.compile(r"^(?:it|they|he|she)$", _I)


# The phrase patterns above as named rules (each is asked by `attributions`).
PHRASE_RULES = registry(
    Rule(
        "according-to",
        "According to X: X speaks.",
        _ACCORDING,
        "according to the ministry",
        "accordingly, the ministry",
    ),
    Rule(
        "released-by",
        "Figures released (or reported, published) by X: X speaks.",
        _BY_FROM,
        "figures released by the ministry",
        "figures released on Monday",
    ),
    Rule(
        "said-after",
        ", said X: a known claimant after its verb.",
        _INVERTED,
        ", said the General Staff",
        "the General Staff said",
    ),
)


@dataclass(slots=True)
class Attribution:
    """Who a sentence says is speaking, and where in the text it says so."""

    pos: int
    text: str  # the speaker's noun phrase, as the sentence writes it (tidied)
    anaphoric: bool  # "it", "the ministry": someone named before


def attributions(text: str, sent: Sentence) -> list[Attribution]:
    """Who the sentence says is speaking: "X said", "according to X", ", said X", "by X"."""
    s = text[sent.start : sent.end]
    if "(" in s:  # blank out "(UA)", "(ISW)": same length, so positions hold
        s = _PAREN_ABBREV.sub(lambda m: " " * len(m.group(0)), s)
    out: list[Attribution] = []
    # Each pattern is searched only where its words occur (in the case-folded sentence).
    low = fold_case(s)
    if "according" in low:
        out += _after_phrase(s, sent.start, _ACCORDING, ACCORDING_CUT.pattern)
    if "by" in low or "from" in low:
        out += _after_phrase(s, sent.start, _BY_FROM, _BY_FROM_CUT)
    if has_any(low, ATTR_VERB_WORDS):
        out += _inverted(s, sent.start)
        out += _before_verb(s, sent.start)
    elif MORE_VERBS.words and has_any(low, MORE_VERBS.words):
        out += _before_verb(s, sent.start)
    for a in out:  # "Newsline reported, citing the General Staff": the General Staff
        a.text = (None if a.anaphoric else cited_source(s, a.text)) or a.text
    out.sort(key=lambda a: a.pos)
    return out


def _after_phrase(
    s: str, offset: int, phrase: re.Pattern[str], cut: re.Pattern[str]
) -> list[Attribution]:
    """ "according to X", "released by X": the noun phrase after the phrase, up to the verb
    of its clause and the first `cut`."""
    out = []
    for m in phrase.finditer(s):
        if BASED_ON.search(s, max(0, m.start() - 80), m.start()):
            continue  # "based on data from the statistics service": a source used, not a speaker
        np = cut.split(tidy_np(_NP_VERB_CUT.sub("", m.group("np"))))[0]
        if valid_np(np):
            out.append(Attribution(offset + m.start(), np, bool(ANAPHOR.match(np))))
    return out


def _inverted(s: str, offset: int) -> list[Attribution]:
    """ ", said the General Staff": a known claimant; '"...," said Col. Ivan Petrov': anyone."""
    out = []
    for m in _INVERTED.finditer(s):
        np = tidy_np(_INVERTED_CUT.split(m.group("np"))[0])
        np = np[:-1] if np.endswith(".") and np[-2:-1].islower() else np  # "said Ivan Petrov."
        if valid_np(np) and (canonical(np) or m.group(0)[0] in '"”'):
            out.append(Attribution(offset + m.start(), np, False))
    return out


def _before_verb(s: str, offset: int) -> list[Attribution]:
    """ "X said", "X, an adviser to the president, said": the speaker before each verb of
    attribution (not "the report", not "command posts")."""
    out = []
    verbs = list(ATTR_VERB_RE.finditer(s))
    if MORE_VERBS.search(s):
        verbs = sorted(verbs + list(MORE_VERBS.pattern.finditer(s)), key=lambda v: v.start())
    for m in verbs:
        word = m.group(0).lstrip("\"“”'")
        if word.rstrip("\"“”'") in _NAME_ENDS and _CAPITAL_END.search(
            s, max(0, m.start() - 30), m.start()
        ):
            continue  # "the United States", "the Washington Post": a name, not a verb
        head = s[: m.start()]
        if _DETERMINER_END.search(head):
            continue
        if m.group(0).rstrip("\"“”'").lower().endswith(("posts", "post")) and (
            _NOUN_BEFORE_POSTS.search(head)
        ):
            continue
        found = _speaker_before(head)
        if found is not None:
            out.append(Attribution(offset + m.start(), *found))
    return out


def _speaker_before(head: str) -> tuple[str, bool] | None:
    """The speaker that ends `head` (the sentence before a verb), and whether it is an
    anaphor: the one who cites, an apposed name, a relative clause's speaker, else the last
    noun phrase."""
    head = KNOWN_AS_ASIDE.pattern.sub("", head) if "known as" in head else head
    if (bare := _AUX_END.sub("", head).rstrip()).endswith(","):  # "X, with Y, have found"
        head = PART_ASIDE.pattern.sub(", ", bare + " ")
    core = _AUX_END.sub("", head)
    ends_comma = core.rstrip().endswith(",")
    aside = _CITING_ASIDE.search(core) if ends_comma and "ing" in core else None
    if aside and valid_np(tidy_np(aside.group("np"))):
        np = tidy_np(aside.group("np"))
        return np, bool(ANAPHOR.match(np))
    pair = PAIRED_SPEAKERS.search(core) if " and " in core else None
    a, b = (_person(pair.group("a")), _person(pair.group("b"))) if pair else ("", "")
    if a and b and valid_np(a) and valid_np(b):
        return f"{a} and {b}", False  # each without his unit or title
    apposed = apposed_name(core, ends_comma)
    if apposed and valid_np(apposed):
        return apposed, False
    rel = _RELATIVE_SPEAKER.search(head) if "which" in head or "who" in head else None
    if rel and valid_np(rel.group("np")):
        # "the monitoring site Oryx, which reports that ...": Oryx speaks
        return rel.group("np"), False
    np = _last_noun_phrase(_AUX_END.sub("", head))
    if (np and not _BARE_PRONOUN.search(np)) or (np and ANAPHOR.match(np)):
        return np, bool(ANAPHOR.match(np))
    return None


def _person(np: str) -> str:
    """ "Spokesmen Ivan Orlov": the name without the title or rank before it."""
    return core[0] if (core := name_core(np)) else np


def _last_noun_phrase(head: str) -> str:
    """The longest valid noun phrase ending `head`, cut at clause boundaries ("", if none)."""
    cuts = [
        b.end()
        for b in _NP_BOUNDARY.finditer(head)
        if not (
            b.group(0) == "and"
            and _CAPITAL_END.search(head, max(0, b.start() - 40), b.start())
            and head[b.end() : b.end() + 2].lstrip()[:1].isupper()
        )
    ]
    for k in range(len(cuts), -1, -1):
        start = cuts[k - 1] if k > 0 else 0
        cand = tidy_np(head[start:])
        titled = _TITLED_NAME.match(cand) if cand[:1].islower() else None
        if titled:
            cand = titled.group("name")
        if cand and valid_np(cand):
            return cand
        subject = CLAUSE_SUBJECT.match(cand) if cand else None
        if subject and valid_np(subject.group("np")):
            return subject.group("np")  # "Moscow also released figures, claiming ...": Moscow
        if cand and cand[:1].islower() and not ANAPHOR.match(cand):
            continue
        if len(head[start:].split()) > 12:
            break
    return ""


def speaker_of_sentence_before(s_text: str, has_figures: bool) -> tuple[str | None, int | None]:
    """Whether a sentence names who spoke the one before it ("This was reported by X", "This
    is stated in a British intelligence report", and, in a sentence without figures of its
    own, "X said this" and "This is what X told CNN"). Returns the speaker's noun phrase,
    tidied (None when the sentence names none; it may still not be a valid name), and, for a
    report relayed by an outlet ("According to the outlet, this is stated in ..."), where
    the report's author starts in the sentence (the attributions before it only relay)."""
    back_in = BACKWARD_IN.pattern.match(s_text)
    back = BACKWARD.match(s_text) or back_in
    if back is not None and NOT_CONFIRMED_BY.search(s_text, 0, back.start("np")):
        back = None
    if back is not None and has_figures and s_text.lstrip().startswith("As "):
        back = None  # "As reported by X, Russia has lost 400 tanks": X speaks for its own
    if back is None and not has_figures:
        back = BACKWARD_SAID.pattern.match(s_text) or BACKWARD_WHAT.pattern.match(s_text)
    np = tidy_np(_BACKWARD_CUT.split(back.group("np"))[0]) if back else None
    return np, back_in.start("np") if back_in else None


def reportedly(stretch: str) -> bool:
    """Whether `stretch` hedges with "reportedly", "reports say", "it is reported" (each holds
    "report", whose letters no non-ASCII character matches case-insensitively)."""
    return "report" in stretch.lower() and bool(_REPORTEDLY.search(stretch))


# Each headline pattern, and the characters one of which every match of it holds.
_HEADLINE_MARKS = ((_HEADLINE_PREFIX, (":",)), (_HEADLINE_SUFFIX, tuple("-–—|:,")))


def heading_attribution(s_text: str) -> str | None:
    """The speaker a headline names: "Ministry: Russia lost ...", "... – Russian MOD",
    "..., Ukraine says"."""
    for rx, marks in _HEADLINE_MARKS:
        if not has_any(s_text, marks):
            continue  # the pattern needs one of these characters
        m = rx.search(s_text)
        if m:
            np = tidy_np(m.groupdict().get("np") or m.groupdict().get("np2") or "")
            if np and valid_np(np) and not ANAPHOR.match(np) and not HEADLINE_LABEL.match(np):
                return np
    return None
