"""Side cues: the named rules `subjects` reads whose losses a figure counts by.

Owns `SIDE_CUES` (a registry): the side a figure's own noun phrase names ("Russian troops"),
the side named just after it ("... on the Ukrainian side"), a side that lost or suffered
("Ukraine has lost"), a side's "losses of", an agent ("Ukraine destroyed": the other side
lost), a side said to have the figure, a side's "own losses", a side's "casualties" it
reported itself, "On the Russian side," opening a sentence, a possessive pointing back to
a country ("of its troops", "his country had lost"), and Israel's army. Also `OBJECT_BEFORE`:
the words that make a side the object of a verb or preposition ("the war against Ukraine",
"fighting Russia"), not the one who lost. Imports: `rules`, `rx`.
"""

from __future__ import annotations

import re

from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

_SIDE_WHO = (
    r"Russia|Moscow|Russians|the Russian (?:army|forces|military|troops|side|Federation)|"
    r"Russian (?:armed )?(?:forces|troops|army|units|military)|RF Armed Forces|Wagner|the Kremlin|"
    r"Ukraine|Kyiv|Kiev|Ukrainians|(?:the )?AFU|(?:the )?Armed Forces of Ukraine|"
    r"the Ukrainian (?:army|forces|military|side)|Ukrainian (?:armed )?(?:forces|troops|army|units|"
    r"military)"
)

NP_SIDE = Rule(
    "figure-noun-side",
    "The figure's own noun phrase names a side: Russian, Ukrainian, enemy, Israeli, North Korean.",
    guarded(
        r"\b(?P<kp>North Korean|North Korea['’]s|DPRK)\b|"
        r"\b(?P<ru>Russian|Russians|Russia['’]s|Moscow['’]s|RF|Wagner|Kremlin['’]s)\b|"
        r"\b(?P<ua>Ukrainian|Ukrainians|Ukraine['’]s|Kyiv['’]s|defenders)\b|"
        r"\b(?P<enemy>enemy|enemy['’]s|occupiers?|invaders?)\b|"
        r"\b(?P<il>Israeli|IDF|Israel['’]s)\b(?!-)"
    ),
    "300 Russian soldiers",
    "300 soldiers",
)
SIDE_AFTER = Rule(
    "side-after-figure",
    'A side named right after the figure\'s noun ("... injured on the Ukrainian side", "... of '
    'the Russian armed forces").',
    guarded(
        r"[^,.;:()]{0,50}?\b(?:on|from|for) the (?P<who>Russian|Ukrainian) side\b|"
        r"\s*(?:of|among|from) the (?P<who2>Russian|Ukrainian) (?:armed forces|army|military|"
        r"troops|forces|Armed Forces)\b",
        _I,
    ),
    " injured on the Russian side",
    " injured by the Russian strike",
    ("side", "armed forces", "army", "military", "troops", "forces"),
)
SIDE_OPENING = Rule(
    "side-opening",
    '"On the Ukrainian side," or "For its part, Russia ...": the sentence is about one side.',
    guarded(r"\b(?:on|for|from) the (?P<who>Russian|Ukrainian) side\b", _I),
    "On the Ukrainian side, the president said 31,000 soldiers died",
    "On the other side, the president said 31,000 soldiers died",
    ("side",),
)
LOSER = Rule(
    "side-lost",
    'A side that lost, suffered or sustained ("Russia has lost", "Ukraine, by contrast, has '
    'suffered", "Ukraine, with its smaller army, had suffered").',
    guarded(
        rf"\b(?P<who>{_SIDE_WHO})\b(?:\s*\([A-Z]{{2,5}}\))?(?:['’]s)?"
        r"(?:\s*,\s*(?:by contrast|in contrast|on the other hand|meanwhile|for (?:its|their) part|"
        r"in turn|however|too|also|with\s[^,.;]{2,50})\s*,)?"
        r"(?:\s+\w+){0,5}?\s+[‘'“\"]?(?:los[te]s?|losing|losses|suffered|sustained|has lost|"
        r"have lost|had lost)\b",
        _I,
    ),
    "Russia has lost",
    "Russia has said",
    words("russia|moscow|rf armed forces|wagner|kremlin|ukrain|kyiv|kiev|afu|armed forces of"),
)
LOSSES_OF = Rule(
    "losses-of-side",
    'A side\'s losses: "Russian losses", "losses of the enemy", "Ukrainian casualties", "a '
    'toll on Ukrainian forces".',
    guarded(
        r"\b(?:(?P<ru1>Russian|Russia['’]s|enemy)\s+(?:\w+\s+)?(?:losses|casualties)|"
        r"(?:losses|casualties)\s+of\s+(?:the\s+)?(?P<ru2>Russia|Russian|enemy)|"
        r"(?P<ua1>Ukrainian|Ukraine['’]s)\s+(?:\w+\s+)?(?:losses|casualties)|"
        r"(?:losses|casualties)\s+of\s+(?:the\s+)?(?P<ua2>Ukraine|Ukrainian)|"
        # "a heavy toll on Ukrainian forces", "losses among Russian troops"
        r"(?:losses|casualties|toll)\s+(?:on|among|in the ranks of)\s+(?:the\s+)?"
        r"(?:(?P<ru3>Russian|enemy)|(?P<ua3>Ukrainian)))\b",
        _I,
    ),
    "Russian combat losses",
    "Russian combat units",
    ("losses", "casualties", "toll"),
)
AGENT = Rule(
    "side-destroyed",
    'A side that destroyed, shot down or killed ("Ukraine destroyed"): the other side lost.',
    guarded(
        r"\b(?P<who>Russia|Moscow|Russians|Russian|Ukraine|Kyiv|Kiev|Ukrainians|Ukrainian|"
        r"Ukraine['’]s|Russia['’]s)\b(?:\s+[\w'’-]+){0,3}?(?:\s*,[^,.;]{1,60},)?"
        r"\s+(?:(?:have|has|had)\s+)?(?:destroy(?:ed|s)?|shot down|downed|"
        r"killed|eliminated|liquidated|neutrali[sz]ed|wiped out|sank|sunk|captured|intercepted|"
        r"repelled|hit|struck)\b",
        _I,
    ),
    "Ukrainian forces destroyed",
    "Ukrainian forces reported",
    words(
        "destroy|shot down|downed|killed|eliminated|liquidated|neutrali|wiped out|sank|sunk|"
        "captured|intercepted|repelled|hit|struck"
    ),
)
HAS_BEFORE = Rule(
    "side-has-figure",
    '"Ukraine was said to have close to 70,000 killed": the side said to have the figure.',
    guarded(
        r"\b(?P<who>Russia|Moscow|Russians|Ukraine|Kyiv|Kiev|Ukrainians|"
        r"the (?:Russian|Ukrainian) (?:army|military|forces))\b(?:\s+\w+){0,4}?\s+"
        r"(?:has|have|had)\s+(?:\w+\s+){0,2}$",
        _I,
    ),
    "Ukraine was said to have close to ",
    "Ukraine was said to count close to ",
    ("ha",),
)
OWN_LOSSES = Rule(
    "own-losses",
    'A side\'s "own losses" or the casualties it reported itself ("Russia last reported its '
    'military casualties", "Ukraine was slow to share casualty numbers"): the side named '
    "before.",
    guarded(
        r"\b(?:its|their) (?:own |military |combat |war )?(?:losses|casualties|dead|death toll)\b|"
        r"\b(?:shar|publish|disclos|releas|reveal|provid|updat)\w*\s+(?:\w+\s+)?(?:casualty|loss|"
        r"death) (?:numbers|figures|data|counts?|tolls?)\b",
        _I,
    ),
    "Russia last reported its military casualties in 2022",
    "Russia last reported their position in 2022",
    ("its", "their", "casualty", "loss", "death"),
)
OF_ITS = Rule(
    "of-its-country",
    '"1,000 of its soldiers", "his country had lost": the country named before the figure.',
    guarded(r"\b(?:of (?:its|their)|(?:his|her|its|the) country(?:['’]s)?)\s", _I),
    "an average of 1,000 of its soldiers",
    "an average of 1,000 soldiers",
    ("its", "their", "country"),
)
ISRAEL_LOST = Rule(
    "israel-lost",
    '"The IDF has lost over 300 soldiers": Israel\'s own losses.',
    guarded(
        r"\b(?:Israel|the IDF|IDF|the Israeli (?:army|military|forces))\b(?:\s+\w+){0,3}?\s+"
        r"(?:los[te]s?|losing|has lost|have lost|had lost|suffered)\b"
    ),
    "The IDF has lost",
    "The IDF has said",
)
# A loser or agent named just before a verb of telling ("Russian soldiers killed exceeds
# 54,000"): the side is the noun the participle describes, not one that killed.
NOUN_PARTICIPLE = Rule(
    "side-noun-participle",
    "A side's noun with a participle before a verb (\"the number of Russian soldiers killed "
    'exceeds 54,000"): the side named lost them.',
    guarded(
        r"\s*(?:now\s+)?(?:exceeds?|exceeded|is|was|stands?|stood|reached|totals?|totall?ed|"
        r"rose|has|have|had|at|to|amounts?|amounted)\b",
        _I,
    ),
    " exceeds ",
    " more than ",
)
# A side that is the object of the words before it: not the side that lost.
OBJECT_BEFORE = Rule(
    "side-as-object",
    'A side the words before make an object ("the war against Ukraine", "the army fighting '
    'Russia", "troops in Ukraine"): not the side that lost.',
    guarded(
        r"\b(?:against|fighting|fight|invad\w+|into|in|inside|on|with|from|at|over|than|for|to|"
        r"toward|towards|across|attacking|attacked|near)\s+(?:the\s+)?\Z",
        _I,
    ),
    "the war against ",
    "the army of ",
)
PLACE_BEFORE = Rule(
    "side-as-place",
    'A country named as the place or the target ("the Russian army in Ukraine", "the war '
    'against Ukraine"): not the country a possessive ("of its troops") points back to.',
    guarded(r"\b(?:in|into|inside|against|invad\w+|fighting|across|over)\s+(?:the\s+)?\Z", _I),
    "the Russian army in ",
    "a bad month for the ",
)
OTHERS = Rule(
    "others-carry",
    '"370,000 others had been injured", "another 500 were killed": more of the people the '
    "figure before counted, on the same side.",
    guarded(r"\d\s+(?:others|more)\b|\banother\s+\d", _I),
    "370,000 others had been injured",
    "370,000 soldiers had been injured",
    ("others", "more", "another"),
)
OUR_LOSSES = Rule(
    "speaker-own-losses",
    '"Our losses to date are 5,937", "we are losing 60 to 100 soldiers a day": the speaker\'s '
    "own side (settled from the claimant).",
    guarded(
        r"\b(?:our (?:own )?(?:losses|casualties|dead|soldiers|troops|men|boys|defenders|"
        r"forces|people|servicemen)|we (?:are losing|have lost|lost|lose)|"
        r"we have(?=\s+(?:about |around |over |more than |some |nearly |almost )?\d))\b",
        _I,
    ),
    "We are losing ",
    "We have confirmed ",
    ("our", "we"),
)
AGENT_VERB = Rule(
    "speaker-side-as-agent",
    '"Our defenders shot down 30 drones": the speaker\'s side did it, so the figure is not its '
    "own loss.",
    guarded(
        r"\b(?:destroy\w*|shot down|shoot down|downed|killed|eliminat\w+|neutrali[sz]\w+|hit|"
        r"struck|intercept\w+|captur\w+|repel\w+|liquidat\w+|wiped out)\b",
        _I,
    ),
    "Our defenders shot down ",
    "Our defenders lost ",
)
SIDE_CUES = registry(
    NP_SIDE,
    SIDE_AFTER,
    SIDE_OPENING,
    LOSER,
    LOSSES_OF,
    AGENT,
    HAS_BEFORE,
    OWN_LOSSES,
    OF_ITS,
    ISRAEL_LOST,
    NOUN_PARTICIPLE,
    OBJECT_BEFORE,
    PLACE_BEFORE,
    OTHERS,
    OUR_LOSSES,
    AGENT_VERB,
)
