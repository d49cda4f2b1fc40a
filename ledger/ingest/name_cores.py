"""Name cores: the proper name inside the words an attribution uses for a claimant.

Owns `name_core` (a person or outlet by name, without the rank, title or descriptor the text
puts before it: "Lt. Gen. Ivan Petrov" is "Ivan Petrov", "the state news agency Interfax" is
"Interfax"), `is_outlet` (whether a speaker is a news outlet, which relays rather than counts)
and `fragment` (whether a cut noun phrase is a clause fragment rather than a name: a number in
it, a verb after its subject, a leading function word, an event of war as its head). Rules,
in registries: `TITLE_RULES`, `RANK_RULES` (`without_rank`), `OUTLET_RULES`, `FRAGMENT_RULES`.
Imports: `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

_CAP = r"(?:[A-ZÀ-Þ]|[a-z](?=[A-Z]))[\w'’.-]+"
# A name: one or two capitalised words (three with a particle: "Ursula von der Leyen").
_NAME = rf"(?P<name>{_CAP}(?:\s+(?:de|van|von|der|al)){{0,2}}(?:\s+{_CAP})?)"
_RANK = (
    r"(?:(?:Lt|Maj|Brig|Col|Gen|Adm|Capt|Sgt|Rear Adm|Vice Adm)\.?\s+){1,3}|"
    r"(?:(?:Lieutenant|Major|Brigadier|Colonel|General|Admiral|Captain|Rear|Vice)\s+){1,3}"
)
TITLE_NOUN = (
    r"(?:president|prime minister|minister|secretary|commander(?:-in-chief)?|chief|head|"
    r"spokes(?:man|woman|person|men|women|persons|people)|analyst|expert|historian|blogger|journalist|correspondent|"
    r"governor|mayor|adviser|advisor|aide|official|director|dictator|leader|lawmaker|senator|"
    r"envoy|ambassador|general|colonel|officer|researcher|founder|editor|rep|representative)"
)

# "daily" and "weekly" only as lower-case nouns: "the British daily Example", not "Daily Express".
_OUTLET_NOUN = (
    r"(?:news agency|agency|outlet|newspaper|tabloid|(?-i:daily|weekly)|website|site|portal|"
    r"channel|broadcaster|magazine|publication|media|service|blog|project|group)"
)

# "Lt. Gen. Ivan Petrov", "General Ivan Petrov": a rank before a name.
RANK_BEFORE_NAME = Rule(
    "rank-before-name",
    "A military rank (spelt out or abbreviated) before a person's name: the name speaks.",
    re.compile(rf"^(?:{_RANK}){_NAME}$"),
    "Maj. Gen. Ivan Petrov",
    "General Staff of the Armed Forces",
)
# "General James B. Hecker": a rank before a name of up to four words.
RANK_BEFORE_FULL_NAME = Rule(
    "rank-before-full-name",
    "A rank before a person's full name, initials and all: the name without the rank.",
    re.compile(rf"^(?:{_RANK})(?P<name>{_CAP}(?:\s+{_CAP}){{1,3}})$"),
    "General James B. Hecker",
    "General Staff",
)
# "Defence Minister Ivan Petrov", "the acting governor of the Border Region Ivan Petrov".
TITLE_BEFORE_NAME = Rule(
    "title-before-name",
    "A title or role (with what it is the role of) before a person's name: the name speaks.",
    re.compile(
        rf"^(?i:the\s+|an?\s+)?(?:[\w'’.-]+\s+){{0,3}}?(?i:{TITLE_NOUN})\s+(?:(?i:of|for|at)\s+"
        rf"(?i:the\s+)?(?:[A-Z][\w'’.-]*\s+){{1,5}}?)?(?:{_RANK})?{_NAME}$"
    ),
    "acting governor of the Border Region Ivan Petrov",
    "Institute for the Study of War",
)
# "the state news agency Interfax", "independent media outlet Novaya Gazeta".
DESCRIPTOR_BEFORE_OUTLET = Rule(
    "descriptor-before-outlet",
    "A description of an outlet (state news agency, media outlet, tabloid) before its name.",
    re.compile(rf"^(?i:the\s+|an?\s+)?(?:[\w'’.-]+\s+){{0,3}}?(?i:{_OUTLET_NOUN})\s+{_NAME}$"),
    "the independent media outlet Novaya Gazeta",
    "BBC Russian Service",
)
# "Journalists from the Example Service", "researchers at the Example Institute": the body.
MEMBERS_OF_BODY = Rule(
    "members-of-body",
    "People described as working for a body (journalists from, researchers at): the body.",
    re.compile(
        r"^(?i:journalists|reporters|researchers|analysts|experts|editors|correspondents|staff|"
        r"volunteers|investigators|statisticians)\s+(?i:from|at|of|with)\s+(?i:the\s+)?"
        r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|of|for|the)){0,7})$"
    ),
    "Journalists from the Example Service and Newsline",
    "journalists and volunteers",
)
# "a Newsline correspondent", "Example Radio's reporters": the outlet they report for.
STAFF_OF_OUTLET = Rule(
    "staff-of-outlet",
    "A correspondent, reporter or crew named by the outlet they work for: the outlet.",
    re.compile(
        r"^(?i:an?\s+|the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}?)(?:['’]s)?\s+"
        r"(?i:correspondents?|reporters?|journalists?|crews?|camera crews?|editors?)$"
    ),
    "a Newsline correspondent",
    "correspondent Ivan Petrov",
)
TITLE_RULES = registry(
    RANK_BEFORE_NAME, TITLE_BEFORE_NAME, DESCRIPTOR_BEFORE_OUTLET, MEMBERS_OF_BODY, STAFF_OF_OUTLET
)
RANK_RULES = registry(RANK_BEFORE_FULL_NAME)  # asked by `without_rank` only

# Words that make a name a title, not a name: "General Staff", "President of Ukraine".
_NOT_A_PERSON = guarded(
    r"^(?:Staff|Forces|Force|Ministry|Intelligence|Service|Services|Command|Office|Council|"
    r"Directorate|Administration|Department|of|Headquarters|Affairs|Defen[cs]e|Justice|Interior|"
    r"Finance|Health|Security|Operations|Region|Oblast|Republic|Federation|Union)\b",
)

NEWS_OUTLET = Rule(
    "news-outlet",
    "A news outlet by name or by what it is: it relays what a source said, it does not count.",
    guarded(
        r"\b(?:Kyiv Independent|Kyiv Post|Ukrinform|Ukrainska Pravda|UNIAN|Interfax|TASS|RIA|"
        r"Reuters|Associated Press|AP|AFP|Bloomberg|CNN|BBC(?! Russian)|Sky News|Al Jazeera|"
        r"Newsweek|Guardian|Independent|Daily Express|Daily Mail|New York (?:Post|Times)|"
        r"Washington Post|Wall Street Journal|Times|Telegraph|Forbes|Business Insider|Politico|"
        r"Euronews|Deutsche Welle|DW|RBC|Meduza|Novaya Gazeta|Izvestia|RT|Sputnik|Suspilne|"
        r"European Pravda|NV|Censor\.NET|Liga|RBC-Ukraine|Militarnyi|Defense Express)\b"
        r"|\b(?:news ?agency|newspaper|outlet|tabloid|broadcaster|news site|news website|website|"
        r"news portal)\b|\b[a-z][\w-]*\.(?:net|com|ua|org|info|news)\b",
    ),
    "as reported by the Kyiv Independent",
    "according to the General Staff",
)
OUTLET_RULES = registry(NEWS_OUTLET)

# "300 military personnel", "the 1,300 claimed": a number is no part of a claimant's name.
NUMBER_IN_NAME = Rule(
    "number-in-name",
    "A figure or a year inside the phrase: a clause about losses (or a document) was cut, not a "
    "name.",
    guarded(r"^\d|\b\d[\d,.]*\s+\S|\b(?:19|20)\d\d\b"),
    "300 military personnel",
    "France 24",
)
# "Moscow also released figures", "Richard Roe echoed the assessment": a verb or adverb after
# the subject.
VERB_AFTER_SUBJECT = Rule(
    "verb-after-subject",
    "An adverb or a past-tense verb right after a capitalised subject: a clause, not a name.",
    guarded(
        r"^(?:[\w'’.-]{1,40}\s+){0,5}?[A-Z][\w'’.-]{0,40}\s+(?:also|already|then|now|later|"
        r"still|last|previously|recently|again|gave|put|found|began|[a-z]{2,20}ed\s+\S)"
    ),
    "Moscow also released figures on Sunday",
    "Moscow City Council",
)
# "Read also", "Since the media", "After scrutinizing ...", "Yet British": a function word
# or a clause opener at the start.
FUNCTION_WORD_START = Rule(
    "function-word-start",
    "A clause opener (a conjunction, preposition or 'Read') as the first word: no name.",
    guarded(
        r"^(?:Since|After|Before|While|When|Yet|But|And|Or|So|Then|Although|Though|Because|If|"
        r"Unless|Until|Read|"
        r"See|Also|However|Meanwhile|Moreover|We|Our|I|You|Us|Here|There|This|That|These|Those|By|"
        r"In|"
        r"On|At|With|From|Of|To|As|Despite|Amid|During|Through|Following|Including|Based)\b"
    ),
    "Since the media",
    "Sinclair Broadcast Group",
)
# "Taking into account the above", "run by military analysts ...": a participle opening a
# clause (a gerund before a lower-case word, a past participle before "by") is no name.
PARTICIPLE_CLAUSE = Rule(
    "participle-clause",
    "A participle that opens a clause (a gerund before a lower-case word, a participle before "
    "'by'): a clause about the speaker, not its name.",
    guarded(
        r"^(?:[A-Z][a-z]{2,20}ing\s+(?:into|to|on|up|at|about|with|from|for|in|over|under|"
        r"the|a|an|this|that|these|those|its|their|his|her)\s|[a-z]{2,20}\s+by\s)"
    ),
    "Taking into account the above",
    "Leading analysts",
)
# "Russia's Offensive Claims Over 1,000 ...": an event costs lives, it does not speak.
EVENT_NOUN = Rule(
    "event-noun",
    "A phrase whose head is an event of war (offensive, attack, war, invasion, shelling), "
    "with no 'of' or 'for' before it: what 'claims' lives, not who claims figures.",
    guarded(
        r"^(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,3}(?:(?:counter-?)?offensives?|attacks?|wars?|"
        r"strikes?|assaults?|fighting|shelling|battles?|invasion|bombardments?|onslaught|"
        r"barrages?|clashes)$",
        _I,
    ),
    "Russia's Offensive",
    "Institute for the Study of War",
)
# "Next on the list in terms of", "D.C.-based": a phrase cut off before its noun.
FUNCTION_WORD_END = Rule(
    "function-word-end",
    "A phrase that ends in a preposition, article, conjunction or an adjective in '-based' "
    "(Washington-based): cut before its noun, no name.",
    guarded(
        r"\s(?:of|in|on|at|to|for|by|with|from|into|about|than|the|a|an|and|or)$|-based$", re.I
    ),
    "Next on the list in terms of",
    "Institute for the Study of War",
)
FRAGMENT_RULES = registry(
    NUMBER_IN_NAME,
    VERB_AFTER_SUBJECT,
    FUNCTION_WORD_START,
    FUNCTION_WORD_END,
    PARTICIPLE_CLAUSE,
    EVENT_NOUN,
)
NAME_CORE_RULES = registry(
    Rule(
        "not-a-person",
        "A word of a body's name (Staff, Ministry, Affairs): what follows a title is no person.",
        _NOT_A_PERSON,
        "Staff",
        "Ivan",
    ),
)


def name_core(np: str) -> tuple[str, str] | None:
    """The name inside `np` and the rule that cut it out, or None when `np` has no title,
    rank or descriptor before a name (or what follows the title is a body, not a person)."""
    for rule in TITLE_RULES:
        m = rule.match(np)
        if m is None:
            continue
        name = m.group("name")
        person = rule not in (MEMBERS_OF_BODY, STAFF_OF_OUTLET)  # the others: a person, an outlet
        if person and any(_NOT_A_PERSON.match(w) for w in name.split()):
            continue
        if name != np.strip():
            return name, rule.name
    return None


def without_rank(name: str) -> str:
    """ "General James B. Hecker" is "James B. Hecker": a person's name without the rank
    before it (the name itself, when no rank leads it)."""
    m = RANK_BEFORE_FULL_NAME.pattern.match(name)
    return m.group("name") if m else name


def is_outlet(np: str) -> bool:
    """Whether `np` names a news outlet (by name, or by the kind of outlet it is)."""
    return NEWS_OUTLET.search(np) is not None


def fragment(np: str) -> str | None:
    """The name of the rule by which `np` is a clause fragment, not a name; None if it may
    be a name."""
    for rule in FRAGMENT_RULES:
        if rule.search(np):
            return rule.name
    return None
