"""Speaker rules: the named patterns by which `speakers` finds who a sentence says speaks.

Owns `BACKWARD_RULES` (a sentence after the figures naming their source, "The figure,
provided by X", "X said this", "This is stated in X's report", "This is what X told ...";
not "not confirmed by X"; a headline's rubric, "Fact check:", is no speaker) and
`SPEAKER_RULES` (a source used is no speaker, "based on data from X"; an aside "formerly
known as X", "for its part"; the subject of a clause before the verb, "X also released
figures, claiming"; verbs of saying beyond the shared list; two named speakers each of his
unit; where "according to X" ends, not at an outlet that passed X's figures on).
`apposed_name` asks `APPOSED_NAME` and `APPOSED_ROLE` (the name before an apposition).
Imports: `cues`, `name_cores`, `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.cues import ATTR_VERB_RE
from ledger.ingest.name_cores import TITLE_NOUN, without_rank
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

# "This was reported by X", "The figure, brought by X": X speaks for the sentence before.
BACKWARD = Rule(
    "named-in-next-sentence",
    "A sentence after the figures that names their source (This was reported by X, The "
    "figure, provided by X); not one that says the figures were not confirmed by X.",
    guarded(
        r"^\s*(?:This|That|These|It|As|The (?:figures?|data|numbers?|tally|toll|estimate))\b"
        r"(?:['’]s)?[^.]{0,40}?\b(?:reported|announced|stated|said|claimed|confirmed|disclosed|"
        r"revealed|report|reports|data|figures|statement|update|according|brought|provided|"
        r"released|published|issued|given|compiled)\s+(?:by|from|of|to)\s+"
        r"(?P<np>(?:[^,.;:()\"“”]|\.(?=\w)){2,80})",
        _I,
    ),
    "The figure, provided by the Defence Ministry, is the first update",
    "The figure is higher than the Defence Ministry expected",
)
# "These claims have not been verified by independent sources": nobody speaks.
NOT_CONFIRMED_BY = Rule(
    "not-confirmed-by",
    "A negation before the verb: the sentence says who did not confirm the figures.",
    guarded(r"\b(?:not|never|yet to|cannot|can't|unable to|no one)\b", _I),
    "These figures could not be verified by independent sources",
    "These figures were verified by independent sources",
)
# "Fact Check: ...", "Live: ...": a headline's label, not its speaker.
HEADLINE_LABEL = Rule(
    "headline-label",
    "A rubric before a headline's colon (Fact check, Live, Analysis, Exclusive): no speaker.",
    guarded(
        r"^(?:Fact[ -]?check(?:ed)?|Live(?: updates?| blog)?|Analysis|Opinion|Explainer|Exclusive|"
        r"Breaking(?: news)?|Update[ds]?|Watch|Video|Photos|Editorial|Comment|Explained|"
        r"Read also|Timeline|Factbox|Q&A|In pictures|Day \d{1,4})$",
        _I,
    ),
    "Fact Check",
    "Fact Finding Mission",
)
# "According to the outlet, this is stated in a British intelligence report": the report's
# author speaks for the sentence before (and, as with BACKWARD, the paragraphs after).
BACKWARD_IN = Rule(
    "stated-in-report",
    "A sentence after the figures saying they are stated in someone's report: its author.",
    guarded(
        r"^\s*(?:According to [^,]{2,60},\s*)?(?:This|That|It)\s+(?:is|was|has been)\s+"
        r"(?:stated|said|reported|noted|written)\s+in\s+(?:a|an|the)\s+(?:(?:latest|new|daily|"
        r"weekly|recent|fresh)\s+){0,3}(?P<np>[^,.;:()\"“”]{2,60}?)\s+(?:report|update|review|"
        r"assessment|statement|summary|bulletin)\b",
        _I,
    ),
    "This is stated in a British intelligence report",
    "This is a British intelligence report",
)
# "The Ukrainian Air Force said this in a post": the sentence before is its claim.
BACKWARD_SAID = Rule(
    "said-this",
    "A sentence after the figures in which a named speaker 'said this' (an apposition or a "
    "relaying outlet allowed): the sentence before is its claim.",
    guarded(
        r"^\s*(?:According to [^,]{2,60},\s*)?"
        r"(?P<np>(?:the\s+)?[A-Z][^,.;:()\"“”]{1,80}?)(?:,\s+(?:the|a|an)\s[^,;:()\"“”]{2,120},)?"
        r"\s+(?:said|reported|announced|stated|wrote|posted|claimed|confirmed)\s+(?:this|so)\b"
    ),
    "General Ivan Petrov, the commander of the group, said this in a post",
    "General Ivan Petrov said that the group held",
)
# "This is what the president told CNN": the sentence before is the named speaker's claim.
BACKWARD_WHAT = Rule(
    "this-is-what",
    "'This is what X told ...': the sentence before is X's claim.",
    guarded(
        r"^\s*(?:This|That) is what\s+(?P<np>[A-Z][^,.;:()\"“”]{1,80}?)\s+(?:told|said|wrote|"
        r"stated|reported|announced|claimed)\b"
    ),
    "This is what President Ivan Petrov told reporters",
    "This is why President Ivan Petrov told reporters",
)
BACKWARD_RULES = registry(
    BACKWARD, NOT_CONFIRMED_BY, HEADLINE_LABEL, BACKWARD_IN, BACKWARD_SAID, BACKWARD_WHAT
)
# "This estimate is based on records from the registry": the registry is what the speaker
# used, not who speaks.
BASED_ON = Rule(
    "based-on-source",
    "Data a count was drawn from (based on, drawn from, using): its source is no speaker.",
    guarded(r"\b(?:based on|drawn from|derived from|using|relying on|built on)\b", _I),
    "The estimate is based on an analysis of records from the registry",
    "The estimate was released by the registry",
)
# "The ministry's post on X, formerly known as Twitter, says": the aside names no speaker.
KNOWN_AS_ASIDE = Rule(
    "known-as-aside",
    "An aside that renames the word before it (formerly known as ...): the speaker is before it.",
    guarded(
        r",\s*(?:formerly|also|better|previously|now)\s+(?:known|called)\s+as\s+[^,]{1,40},\s*$", _I
    ),
    "The post on X, formerly known as Twitter,",
    "The post on X, Twitter,",
)
# "Moscow also released figures on Sunday, claiming": the subject of the clause speaks.
CLAUSE_SUBJECT = Rule(
    "clause-subject",
    "A clause before the verb of attribution (X released figures, claiming; X echoed the "
    "assessment and added): its capitalised subject speaks.",
    guarded(
        r"^(?P<np>(?:[\w'’.-]+\s+){0,5}?[A-Z][\w'’.-]*)\s+(?:(?:(?:also|last|already|first|"
        r"previously|recently|then|later|again|officially|just)\s+)?(?:[a-z]{2,20}ed|gave|put|"
        r"found|made|took|told)\s+\S|(?:also|last|already|first|previously|recently|then|later|"
        r"again|officially|just)$)"
    ),
    "Moscow also released figures on Sunday",
    "the army released figures on Sunday",
)
# "The analyst asserted that ...": verbs of saying the shared list lacks.
MORE_VERBS = Rule(
    "more-speech-verbs",
    "Verbs of saying beyond the shared list (asserted, insisted, argued, stressed): the noun "
    "phrase before them speaks.",
    guarded(
        r"\b(?:asserted|asserts|insisted|insists|argued|argues|stressed|stresses|emphasized|"
        r"emphasised|emphasizes|disclosed|discloses|specified|specifies|calculated|calculates|"
        r"voiced|voices|documented|recorded|tallied|verified|acknowledged|acknowledges|"
        r"identified|identifies|collected|assured|assures|shared|mentioned|mentions|explained)\b",
        _I,
    ),
    "The analyst asserted that 40 tanks were lost",
    "The analyst assessment of 40 tanks",
    words(
        "asserted|asserts|insisted|insists|argued|argues|stressed|stresses|emphasized|"
        "emphasised|emphasizes|disclosed|discloses|specified|specifies|calculated|calculates|"
        "voiced|voices|documented|recorded|tallied|verified|acknowledged|acknowledges|"
        "identified|identifies|collected|assured|assures|shared"
    ),
)
# "Oleksiy Arestovych, an adviser to the president, said": the name before the apposition.
APPOSED_NAME = Rule(
    "apposed-name",
    "A name, then an apposition before the verb (an adviser to the president, head of the "
    "centre, U.S. undersecretary of defense, Commander-in-Chief of the Armed Forces, the "
    "president's chief of staff): the name speaks, not the title nor whose it is.",
    guarded(
        r"(?:^\s*|[,;][”\"’]?\s+|\b(?:and|but|while|when|as)\s+)"
        r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,4}),\s+"
        r"(?:(?:a|an|the|his|her)\s+|(?=(?:[^,;]{0,60}?[\s-])?"
        rf"(?i:(?:under|vice|deputy)?-?{TITLE_NOUN})\b))"
        r"(?:[^,;.]|(?<=[A-Z])\.|\.(?=\w)){3,80},"
        r"(?:\s*(?:along|together) with\s+[^,;.]{2,60},)?\s*$"
    ),
    '...," Ivan Petrov, U.S. undersecretary of defense for policy, ',
    "Ivan Petrov, 45, ",
)
# "The United Kingdom, for its part, estimated": the aside stands between speaker and verb.
PART_ASIDE = Rule(
    "for-its-part-aside",
    "A short aside between the speaker and the verb (for its part, in turn, meanwhile): the "
    "speaker is before it.",
    guarded(
        r",\s*(?:for (?:its|his|her|their|our) part|in turn|meanwhile|however|too|though|"
        r"on the other hand|in contrast|by contrast|in response|separately|"
        r"(?:together|along|jointly) with [^,]{2,60}|"
        r"in (?:partnership|cooperation) with [^,]{2,60}|"
        r"(?:run|founded|led|operated|maintained|created|set up|established|owned|headed|"
        r"funded|based)\s+(?:by|in|at|from)\s+[^,]{2,80}),\s*$",
        _I,
    ),
    "The Example blog, run by two analysts,",
    "The United Kingdom, its partners,",
)
# "Spokesmen Ivan Orlov of the East group and Petr Zuev of the South group said": two
# speakers, each with the unit he speaks for; both speak, neither's unit is his name.
PAIRED_SPEAKERS = Rule(
    "paired-speakers-with-units",
    "Two named speakers joined by 'and', each followed by the body he speaks for ('of the X "
    "group'), right before the verb: the pair of names speaks, without the bodies.",
    guarded(
        r"(?:^|\s)(?P<a>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+(?:of|for|from)\s+"
        r"(?:the\s+)?[^,;:()\"“”]{2,50}?\s+and\s+(?P<b>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
        r"\s+(?:of|for|from)\s+(?:the\s+)?[^,;:()\"“”]{2,50}?\s*$"
    ),
    "Spokesmen Ivan Orlov of the East group and Petr Zuev of the South group",
    "Spokesmen for the East group and the South group",
)
# Where the noun phrase after "according to" ends: a time or place, "said", or an outlet that
# passed the figures on ("according to X's data cited by Reuters": X speaks, not Reuters).
ACCORDING_CUT = Rule(
    "according-to-ends",
    'Where "according to X" ends: at "on"/"in" before a capital or a digit, "said", or "cited by"'
    " (an outlet passing the figures on is not the speaker).",
    guarded(
        r"\s+(?:on|in|at|during)\s+(?=[A-Z\d])|\s+(?:said|reported)\b"
        r"|,?\s+(?:as\s+)?(?:cited|quoted|relayed|republished|carried)\s+by\b"
    ),
    "the General Staff, as cited by Reuters",
    "the General Staff of Ukraine",
)
SPEAKER_RULES = registry(
    BASED_ON,
    KNOWN_AS_ASIDE,
    PART_ASIDE,
    APPOSED_NAME,
    CLAUSE_SUBJECT,
    MORE_VERBS,
    PAIRED_SPEAKERS,
    ACCORDING_CUT,
)

# "Yevgeny Prigozhin, the head of Wagner says": a name and its role, the closing comma left out.
APPOSED_ROLE = guarded(
    r"(?:^\s*|[,;]\s+)(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}),\s+(?:the|a|an|its|his|her)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:head|chief|leader|founder|commander|spokes(?:man|woman|person)|"
    r"minister|president|director|boss|owner)\b[^,;.]{0,60}$"
)


def apposed_name(core: str, ends_comma: bool) -> str | None:
    """ "Oleksiy Arestovych, an adviser to the president, said", "Yevgeny Prigozhin, the head
    of Wagner says": the name before the apposition."""
    if ends_comma:
        m = APPOSED_NAME.pattern.search(core)
    elif "," in core:
        m = APPOSED_ROLE.search(core)
    else:
        m = None
    if m is None:
        return None  # (a first word that is no name, "Additionally", `valid_np` refuses)
    inside = ATTR_VERB_RE.finditer(core, m.end("name"))
    if any(v.group(0).strip("\"“”' ")[:1].islower() for v in inside):
        return None  # a verb of saying inside the "apposition" (not "United States"): a clause
    return without_rank(m.group("name"))
