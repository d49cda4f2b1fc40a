"""Name words: the small word patterns `claimant_names` reads around a claimant's name.

Owns `NAME_WORD_RULES`: the words that are not part of a name ("Meanwhile", "the last time",
"A" before an outlet), the words that say whom a name stands for ("its" for the country named
before, a spokesman's title, an air force with no country) and the shapes of a name written
lower-case on purpose ("iStories", a domain). Each is asked by `claimant_names` through its
`pattern`. Imports: `rules`.
"""

from __future__ import annotations

import re

from ledger.ingest.rules import Rule, registry

_I = re.IGNORECASE

# "declassified US intelligence", "leaked documents": a participle that describes a source.
PARTICIPLE_ADJECTIVE = Rule(
    "participle-adjective",
    "A participle that describes a source (declassified, leaked, acting): the phrase may be a "
    "name.",
    re.compile(
        r"(?:declassified|leaked|unnamed|unidentified|classified|trusted|respected|renowned|"
        r"combined|allied|so-called|self-proclaimed|acting|leading|outgoing|incoming|ruling|"
        r"visiting|serving|retired|exiled)$"
    ),
    "declassified",
    "declared",
)
CLAUSE_OPENER = Rule(
    "clause-opener",
    "An adverb opening the clause (Meanwhile, However): not part of the speaker's name.",
    re.compile(
        r"^(?:Meanwhile|However|Moreover|Also|Separately|Earlier|Later|Now|Still|Furthermore|"
        r"Additionally|In addition|At the same time|In turn|Then|Yet)\s*,?\s+(?=\S)"
    ),
    "Meanwhile the ministry",
    "Meanwhile",
)
INDEFINITE_ARTICLE = Rule(
    "indefinite-article",
    "'A', 'another' before a name (A Newsline report, another US official): not part of it.",
    re.compile(r"^(?:An?|[Aa]nother)\s+(?=[A-Z])"),
    "A Newsline report",
    "a newsline report",
)
BARE_AIR_FORCE = Rule(
    "bare-air-force",
    "An air force with no country: the one the article named, else Ukraine's.",
    re.compile(r"^(?:the\s+)?air\s+force$", _I),
    "the air force",
    "the air force of Ukraine",
)
POSSESSIVE_OWNER = Rule(
    "possessive-owner",
    "'its', 'the country's' before a body: the country named before.",
    re.compile(r"^(?:its|the country['’]s|country['’]s)\s+", _I),
    "its Defense Ministry",
    "Itsy Defense",
)
COUNTRY_NAME = Rule(
    "country-name",
    "A country (or its people) named in the context, for 'its' and 'the country's'.",
    re.compile(r"\b(?:Ukrain(?:e|ian|ians)|Russia(?:n|ns)?)\b"),
    "the Ukrainians shot it down",
    "the Baltic states",
)
SPOKESMAN_TITLE = Rule(
    "spokesman-title",
    "A spokesman's title: he speaks for the body named with him.",
    re.compile(r"\bspokes(?:man|woman|person)\b|\bpress (?:secretary|officer)\b", _I),
    "ministry spokesman Ivan Petrov",
    "the minister Ivan Petrov",
)
BRAND_OR_DOMAIN = Rule(
    "brand-or-domain",
    "A name written lower-case on purpose (iStories, example.org): left as it is.",
    re.compile(r"[a-z]+[A-Z]|[a-z0-9.-]+\.[a-z]{2,}\b"),
    "iStories",
    "Istories",
)
TIME_CLAUSE = Rule(
    "time-clause",
    "'The last time X ...': X is the speaker.",
    re.compile(r"^(?:the\s+)?(?:last|first|next|previous)\s+time\s+(?:that\s+)?", _I),
    "the last time the minister",
    "the last minister",
)
RELATIVE_TAIL = Rule(
    "relative-tail",
    "A relative or 'such as' clause after the speaker ('analysts who study photos', 'open "
    "sources such as death notices'): it describes the speaker, it is not part of the name.",
    re.compile(r"\s*,?\s+(?:who|whom|whose|which|such\s+as)\s+\S.*$"),
    "volunteers who count death notices",
    "the WHO office",
)
BODY_DATA = Rule(
    "body-data",
    "A capitalised body followed by the word for its figures ('the ministry's', 'MoD data'): "
    "the body speaks.",
    re.compile(
        r"^(?P<who>(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,5})\s+"
        r"(?:data|figures|statistics|numbers|estimates|count|tally)$"
    ),
    "MoD data",
    "the latest data",
)
ADVERB_VERB_TAIL = Rule(
    "adverb-verb-tail",
    "A clause cut too long: an adverb and a past-tense verb after the subject ('Kyiv first "
    "started') mean the phrase is a clause, not a name.",
    re.compile(
        r"\b(?:first|also|later|then|now|still|already|only|again|once|since|soon|recently)\s+"
        r"[a-z]{2,}ed\b"
    ),
    "Moscow first reported",
    "the First Guards Army",
)
NAME_WORD_RULES = registry(
    RELATIVE_TAIL,
    BODY_DATA,
    ADVERB_VERB_TAIL,
    PARTICIPLE_ADJECTIVE,
    CLAUSE_OPENER,
    INDEFINITE_ARTICLE,
    BARE_AIR_FORCE,
    POSSESSIVE_OWNER,
    COUNTRY_NAME,
    SPOKESMAN_TITLE,
    BRAND_OR_DOMAIN,
    TIME_CLAUSE,
)
