"""Metric cues: the nouns that name what a figure counts, each a named `MetricCue`.

Owns `MetricCue` (a metric noun's surface, a regex, and the metric it names), `metric_cue`
(one, bounded to whole words) and `PEOPLE_CUES` (personnel and prisoners); the weapons' cues
are `metric_cues_arms`' and `metric_cues_air`'. `cues` joins the three registries, in this
order, into the matchers the stages use (`METRIC_ANY`, `longest_metric`). Editing a cue changes
extraction output: bump EXTRACTOR_VERSION. Imports: `events.claims`, `rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.vocabulary import Metric
from ledger.ingest.rules import Rule, registry

__all__ = ["PEOPLE_CUES", "MetricCue", "metric_cue"]


@dataclass(frozen=True, slots=True)
class MetricCue(Rule):
    """A metric noun: its `surface` (a regex, matched case-insensitively from a word's start
    to a word's end) names what a figure counts, `metric`. Its `pattern` is the surface so
    bounded, taken as a whole (the surface's first match at a place, then a word's end)."""

    metric: Metric = "other"
    surface: str = ""


def metric_cue(
    name: str, metric: Metric, surface: str, doc: str, accepts: str, rejects: str
) -> MetricCue:
    """A metric cue of `surface` (no prefilter words: every metric noun is looked for)."""
    bounded = re.compile(rf"\b(?<!-)(?>{surface})(?![\w-])", re.IGNORECASE)
    return MetricCue(name, doc, bounded, accepts, rejects, (), metric, surface)


PEOPLE_CUES = registry(
    # personnel
    metric_cue("troops", "personnel", r"troops?", "Troops.", "lost 300 troops", "sank a troopship"),
    metric_cue(
        "soldiers", "personnel", r"soldiers?", "Soldiers.", "1,000 soldiers", "soldiering on"
    ),
    metric_cue(
        "servicemen",
        "personnel",
        r"servicem[ae]n|service ?people",
        "Servicemen, servicewomen's plural, service people.",
        "200 servicemen",
        "a service station",
    ),
    metric_cue(
        "military-as-people",
        "personnel",
        r"military(?=\s+and\s|\s*[,.;]|\s*$|\s+(?:in|on|near|during|since|were|have|had)\s)",
        '"Military" for people, before "and", a preposition or a verb, or at a clause\'s end.',
        "killed 90 military and 20 civilians",
        "90 military vehicles",
    ),
    metric_cue(
        "service-members",
        "personnel",
        r"service ?(?:members|personnel)",
        "Service members, service personnel.",
        "400 service members",
        "one service member",
    ),
    metric_cue(
        "personnel",
        "personnel",
        r"(?:military )?personnel",
        "Personnel, military personnel.",
        "1,351 military personnel",
        "armoured personnel-carriers",
    ),
    # "losses amounting to 1,523 individuals" (UK Defence Intelligence's daily wording)
    metric_cue(
        "individuals",
        "personnel",
        r"individuals",
        "Individuals, as a count of losses (civilians are dropped by the filters).",
        "losses amounting to 1,523 individuals",
        "one individual",
    ),
    metric_cue(
        "fighters",
        "personnel",
        r"fighters(?! jets)",
        'Fighters (not "fighters jets").',
        "killed 50 fighters",
        "a lone fighter",
    ),
    # "17,500 Russian forces had been killed": forces counted as people only when a casualty
    # verb follows ("Russian forces destroyed 12 tanks" names no loss of theirs)
    metric_cue(
        "forces-killed",
        "personnel",
        r"forces(?=\s+(?:(?:had|have|has)\s+been\s+|were\s+|was\s+)?(?:killed|wounded|injured|"
        r"dead|died)\b)",
        "Forces, when a casualty verb follows.",
        "17,500 Russian forces had been killed",
        "Russian forces destroyed 12 tanks",
    ),
    metric_cue(
        "irregulars",
        "personnel",
        r"militants|mercenaries|invaders|occupiers|conscripts|paratroopers|marines",
        "Militants, mercenaries, invaders, occupiers, conscripts, paratroopers, marines.",
        "killed 40 mercenaries",
        "one mercenary",
    ),
    # the Russian MoD's name for Ukrainian fighters ("more than 90 nationalists were killed")
    metric_cue(
        "nationalists",
        "personnel",
        r"nationalists|troopers|combatants",
        "The Russian MoD's nationalists; troopers, combatants.",
        "more than 90 nationalists were killed",
        "nationalist slogans",
    ),
    # Ukraine's word for its own soldiers ("46,000 defenders were killed")
    metric_cue(
        "defenders",
        "personnel",
        r"defenders",
        "Ukraine's defenders.",
        "46,000 defenders were killed",
        "one defender",
    ),
    # the Russian MoD's "irreplaceable losses" (killed, not wounded), "irrecoverable losses"
    metric_cue(
        "irreplaceable-losses",
        "personnel",
        r"(?:irreplaceable|irrecoverable|irretrievable) losses",
        "Irreplaceable (irrecoverable, irretrievable) losses: the dead.",
        "irreplaceable losses of 5,000",
        "replaceable losses",
    ),
    # a count of the dead by name ("1,184 names have been added to the list")
    metric_cue(
        "names-of-the-dead",
        "personnel",
        r"names",
        "Names of the dead counted.",
        "1,184 names have been added",
        "named 12 commanders",
    ),
    metric_cue(
        "nationals-plural",
        "personnel",
        r"(?:Russian|Ukrainian)s",
        "Russians, Ukrainians.",
        "killed 300 Russians",
        "300 Russian troops",
    ),
    # ranks and crews among the dead ("four generals and 34 colonels", "66 military pilots")
    metric_cue(
        "ranks-and-crews",
        "personnel",
        r"(?:military )?(?:officers|generals|colonels|commanders|pilots|sailors|seamen|"
        r"crew members)",
        "Ranks and crews: officers, generals, colonels, commanders, pilots, sailors.",
        "four generals and 34 colonels",
        "the general staff",
    ),
    metric_cue("men", "personnel", r"men", "Men.", "lost 500 men", "500 women"),
    metric_cue(
        "people", "personnel", r"people|persons", "People, persons.", "1,000 people", "a person"
    ),
    metric_cue("lives", "personnel", r"lives", "Lives.", "cost 90,000 lives", "he lived"),
    # a rate of the dead ("824 victims a day"); civilian victims are dropped by `filters`
    metric_cue("victims", "personnel", r"victims", "Victims.", "824 victims a day", "a victim"),
    metric_cue(
        "the-dead",
        "personnel",
        r"casualties|fatalities|deaths|dead|killed",
        "Casualties, fatalities, deaths, the dead, the killed.",
        "9,000 killed",
        "before the deadline",
    ),
    metric_cue(
        "death-toll",
        "personnel",
        r"(?:death|casualty|combat) ?toll|casualty (?:count|tally|figures?)",
        "A death (casualty, combat) toll, a casualty count.",
        "a death toll of 300",
        "a toll road",
    ),
    metric_cue(
        "non-combat-losses",
        "personnel",
        r"(?:combat and )?non-combat (?:deaths|losses|casualties)",
        "Non-combat deaths, losses, casualties.",
        "non-combat losses of 300",
        "combat losses",
    ),
    metric_cue(
        "wounded",
        "personnel",
        r"(?:killed|dead) and wounded|killed or wounded|wounded|injured",
        "The wounded, injured, killed and wounded.",
        "300 wounded",
        "an injury",
    ),
    # prisoners
    metric_cue(
        "prisoners",
        "pow",
        r"prisoners(?: of war)?|POWs?|captives",
        "Prisoners (of war), POWs, captives.",
        "1,000 prisoners of war",
        "a prisoner",
    ),
)
