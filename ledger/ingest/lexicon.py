"""The extractor's data tables: metric nouns, qualifier words and cue words.

Owns the vocabulary only (plain tuples and dicts, compiled once at import); the rules that use
it live in the extractor's stage modules (`cues.py`, `candidates.py`, `attribution.py`, ...);
the claimants' names and aliases are `claimant_lexicon`'s.
Editing a table changes extraction output: bump EXTRACTOR_VERSION. Imports: `events.claims`
(the metric and qualifier names), `rx`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from events.claims import Metric, Qualifier
from ledger.ingest.rx import guarded

# Surface pattern (regex, matched case-insensitively at a word start) -> canonical metric.
# Order does not matter: the longest match at a position wins.
METRIC_PATTERNS: dict[str, Metric] = {
    # personnel
    r"troops?": "personnel",
    r"soldiers?": "personnel",
    r"servicem[ae]n|service ?people": "personnel",
    r"military(?=\s+and\s|\s*[,.;]|\s*$)": "personnel",
    r"service ?(?:members|personnel)": "personnel",
    r"(?:military )?personnel": "personnel",
    r"fighters(?! jets)": "personnel",
    # "17,500 Russian forces had been killed": forces counted as people only when a casualty
    # verb follows ("Russian forces destroyed 12 tanks" names no loss of theirs)
    r"forces(?=\s+(?:(?:had|have|has)\s+been\s+|were\s+|was\s+)?(?:killed|wounded|injured|"
    r"dead|died)\b)": "personnel",
    r"militants|mercenaries|invaders|occupiers|conscripts|paratroopers|marines": "personnel",
    # the Russian MoD's name for Ukrainian fighters ("more than 90 nationalists were killed")
    r"nationalists|troopers|combatants": "personnel",
    # Ukraine's word for its own soldiers ("46,000 defenders were killed")
    r"defenders": "personnel",
    # the Russian MoD's "irreplaceable losses" (killed, not wounded), "irrecoverable losses"
    r"(?:irreplaceable|irrecoverable|irretrievable) losses": "personnel",
    # a count of the dead by name ("1,184 names have been added to the list")
    r"names": "personnel",
    r"(?:Russian|Ukrainian)s": "personnel",
    # ranks and crews among the dead ("four generals and 34 colonels", "66 military pilots")
    r"(?:military )?(?:officers|generals|colonels|commanders|pilots|sailors|seamen|crew members)": (
        "personnel"
    ),
    r"men": "personnel",
    r"people|persons": "personnel",
    r"lives": "personnel",
    # a rate of the dead ("824 victims a day"); civilian victims are dropped by `filters`
    r"victims": "personnel",
    r"casualties|fatalities|deaths|dead|killed": "personnel",
    r"(?:death|casualty|combat) ?toll|casualty (?:count|tally|figures?)": "personnel",
    r"(?:combat and )?non-combat (?:deaths|losses|casualties)": "personnel",
    r"(?:killed|dead) and wounded|killed or wounded|wounded|injured": "personnel",
    # prisoners
    r"prisoners(?: of war)?|POWs?|captives": "pow",
    # tanks
    r"(?:main battle )?tanks?|MBTs?": "tanks",
    # armoured vehicles
    r"armou?red (?:personnel |combat |fighting )?(?:vehicles?|carriers?|units)": "afv",
    r"(?:infantry fighting|combat armou?red) vehicles?": "afv",
    # "more than 220 combat vehicles lost" (the MoD's "combat vehicles of MLRS" is longer)
    r"combat vehicles?": "afv",
    r"(?:troop-carrying |troop carrying )?fighting vehicles?": "afv",
    r"APCs?|IFVs?|AFVs?|BMPs?|BTRs?|BBMs?|MT-?LBs?": "afv",
    r"Bradleys|Bradley (?:fighting vehicles?|IFVs?)": "afv",
    r"armed personnel carriers?": "afv",
    # the Russian MoD's compound "tanks and other armoured combat vehicles" counts AFVs
    r"tanks?,? (?:and )?(?:other )?(?:armou?red (?:combat |fighting )?vehicles|combat armou?red "
    r"vehicles|AFVs)": "afv",
    # artillery
    r"(?:self-propelled )?artillery(?: systems?| pieces?| guns?| units?| installations?)?": (
        "artillery"
    ),
    r"howitzers?|(?:self-propelled )?guns|mortars|cannons": "artillery",
    # rocket artillery
    r"MLRS(?:s|es)?|multiple(?:-launch| launch)? rocket (?:launchers|systems)": "mlrs",
    r"multiple[- ]rocket[- ]launch(?:er|ing)? systems?": "mlrs",
    # the Russian MoD's "combat vehicles of multiple launch rocket systems"
    r"(?:combat )?vehicles of (?:multiple(?:-launch| launch)? rocket systems|MLRS)": "mlrs",
    r"(?:multiple )?rocket launchers?|rocket salvo systems?|salvo fire systems?": "mlrs",
    r"HIMARS(?: launchers?| systems?)?|launchers": "mlrs",
    r"High[- ]Mobility Artillery Rocket Systems?": "mlrs",
    # rockets shot down count as missiles ("12 HIMARS rockets", "HIMARS multiple rocket
    # launcher shells", "guided rockets")
    r"(?:HIMARS|G?MLRS|Smerch|Uragan|Vilkha|Olkha)(?: multiple rocket launcher| MLRS)? "
    r"(?:shells|rockets|projectiles|munitions|missiles)": "cruise_missiles",
    r"(?:guided |jet-propelled |ballistic |tactical )?rockets(?! (?:strikes?|attacks?|launch\w*|"
    r"fire|systems?|artillery))": "cruise_missiles",
    r"electronic warfare (?:stations?|systems?|complexes)|EW (?:stations?|systems?)": "other",
    # air defence
    r"air[ -]defen[cs]e(?: systems?| units?| means| installations?| complexes)?": "air_defense",
    r"anti-aircraft (?:warfare |defen[cs]e )?(?:systems?|units?)|SAM systems?": "air_defense",
    # the Russian MoD's "anti-aircraft / surface-to-air missile systems"
    r"(?:anti-aircraft|surface-to-air|air[- ]defen[cs]e) missile "
    r"(?:systems?|complexes|launchers?)": "air_defense",
    r"SAM (?:launchers?|sites?|batteries)": "air_defense",
    # a named air-defence system's launchers ("two Patriot launchers", "three Buk systems")
    r"(?:Patriot|NASAMS|IRIS-T|S-[34]00|Buk(?:-M\d)?|Pantsir(?:-S1)?|Tor(?:-M\d)?)"
    r"(?: missile| SAM| air[- ]defen[cs]e| (?:air[- ])?defen[cs]e missile)? "
    r"(?:launchers?|systems?|batteries|complexes)": "air_defense",
    # aviation
    r"(?:fighter |military |combat )?(?:aircraft|air ?planes?|planes?|warplanes?)": "aircraft",
    r"(?:fighter )?jets?|fighter[- ]bombers?|bombers?|fighter jets?": "aircraft",
    r"helicopters?|choppers?|gunships?": "helicopters",
    # "three Russian Su-34s": a type's plural names the airframes
    r"(?:Su|MiG|Tu|Il|Yak)-\d{2,3}[A-Z\d]*s": "aircraft",
    r"(?:Ka|Mi)-\d{1,2}[A-Z\d]*s": "helicopters",
    r"drones?(?! (?:strikes?|attacks?|launches|assaults?|raids?|waves?))": "drones",
    # the Russian MoD's transliterated "BPLA" (bespilotny letatelny apparat) is a drone
    r"BPLAs?|UAVs?|unmanned aerial vehicles?|unmanned aircraft": "drones",
    r"Shaheds|Shahed(?:-type)? drones": "drones",
    r"aircraft[-–—]type (?:unmanned aerial vehicles?|UAVs?|drones?)": "drones",
    r"cruise missiles?|missiles?(?! (?:strikes?|attacks?|launches|systems?|carrying|carriers?))": (
        "cruise_missiles"
    ),
    # navy
    r"(?:war)?ships?|(?:speed |patrol )?boats?|vessels?|cutters?|corvettes?|frigates?": "ships",
    r"(?:landing|patrol|missile) ships?|ships ?/ ?boats|warships/boats": "ships",
    r"(?:war)?ships and boats|naval (?:units|vessels)|navy (?:ships|vessels)": "ships",
    r"submarines?": "submarines",
    # vehicles
    r"vehicles?|trucks?|cars|automobiles|fuel tanks?|tankers|motor vehicles": "vehicles",
    # fuel cisterns (a Ukrainian table's word for fuel tankers)
    r"cisterns": "vehicles",
    r"(?:automotive|automobile|motor) (?:equipment|vehicles)|vehicles and fuel tanks": "vehicles",
    r"tanks with fuel(?: and lubricants)?|fuel and lubricant tanks": "vehicles",
    r"special (?:equipment|vehicles)|units of special equipment": "special_equipment",
    # "specialised equipment", "special military equipment", "pieces of special equipment"
    r"(?:pieces of )?special(?:i[sz]ed)? (?:military )?equipment": "special_equipment",
    # guided (aerial) bombs downed count as "other" ("two guided 'Hammer' aircraft bombs")
    r"guided (?:[‘'\"“]?[A-Z][\w-]*[’'\"”]? )?(?:aerial |air |aircraft )?bombs?": "other",
    # totals
    r"(?:pieces|units|items) of (?:various |enemy |Ukrainian |Russian )?"
    r"(?:weapons|military equipment|equipment|hardware)": ("equipment_total"),
    r"weapons and (?:military )?equipment|military (?:equipment|hardware)": "equipment_total",
    r"(?:other )?heavy weapons(?: systems)?": "equipment_total",
    # "5,500 Western-made arms": weapons of every kind
    r"(?:Western[- ]made |Western |foreign[- ]made )?arms": "equipment_total",
    r"tactical missile systems?|operational-tactical missile systems?": "other",
    # ground robots ("two robotic systems", "unmanned ground vehicles")
    r"robotic (?:systems|complexes)|unmanned ground vehicles|UGVs": "other",
    # missiles counted by their model ("seven Kh-101/Kh-555", "one Iskander-K"); not launchers
    r"(?:(?:Kh|X)-\d{2,3}[A-Z]*(?:/(?:Kh|X)-\d{2,3}[A-Z]*)?s?|Iskander(?:-[KM])?s?|Kalibrs?|"
    r"Kinzhals?)(?!\s+(?:launchers?|systems?|complex(?:es)?|brigades?|carriers?))": (
        "cruise_missiles"
    ),
    # ATACMS shot down are missiles ("six Army Tactical Missile Systems (ATACMS)")
    r"Army Tactical Missile Systems?|ATACMS(?: (?:tactical )?missiles)?": "cruise_missiles",
}

# Qualifier phrases immediately before a number (lower-case, single spaces).
QUALIFIERS_BEFORE: dict[str, Qualifier] = {
    "nearly": "approx",
    "near": "approx",
    "nearer": "approx",
    "almost": "approx",
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "approx.": "approx",
    "roughly": "approx",
    "some": "approx",
    "something like": "approx",
    "close to": "approx",
    "closer to": "approx",
    "in the vicinity of": "approx",
    "approaching": "approx",
    "nearing": "approx",
    "neared": "approx",
    "circa": "approx",
    # "an estimated 20,000" is the estimate itself, not a hedge on it (the conventions'
    # approx words are about, around, nearly, ...): exact, and the quote starts there
    "an estimated": "exact",
    "estimated": "exact",
    "reportedly": "exact",
    "over": "at_least",
    "more than": "at_least",
    "at least": "at_least",
    "in excess of": "at_least",
    "upwards of": "at_least",
    "no fewer than": "at_least",
    "not less than": "at_least",
    "no less than": "at_least",
    "just over": "at_least",
    "well over": "at_least",
    "exceeding": "at_least",
    # a verb of passing a mark ("losses pass 175,000", "have surpassed 8,000")
    "pass": "at_least",
    "passes": "at_least",
    "passed": "at_least",
    "surpass": "at_least",
    "surpasses": "at_least",
    "surpassed": "at_least",
    "crossed": "at_least",
    "top": "at_least",
    "tops": "at_least",
    "topped": "at_least",
    "exceed": "at_least",
    "exceeds": "at_least",
    "exceeded": "at_least",
    "conservatively estimating": "at_least",
    "up to": "at_most",
    "as many as": "at_most",
    "as high as": "at_most",
    "fewer than": "at_most",
    "less than": "at_most",
    "no more than": "at_most",
    "at most": "at_most",
    "a maximum of": "at_most",
    "under": "at_most",
}

# Loss words: a sentence must carry one for a figure to be a loss claim.
LOSS_WORDS = (
    r"los[et]|loses|losing|loss(?:es)?|kill(?:ed|ing|s)?|dead|died|die|dying|deaths?"
    r"|destroy(?:ed|ing|s)?"
    r"|shot down|shoot(?:ing)? down|downed|down(?:ing)?|eliminat(?:ed|ing|es)|liquidat(?:ed|ing)"
    r"|neutrali[sz](?:ed|ing)|wiped out|wip(?:e|ing) out|captured|seized|damaged|sunk|sank|sinking"
    r"|intercepted|taken prisoner|surrender(?:ed|s)?|casualt(?:y|ies)|wounded|injured"
    r"|fatalit(?:y|ies)"
    r"|missing in action|(?:are|were|is|was|went|considered|listed as|reported) missing"
    r"|knocked out|took out|disabled|abandoned|burn(?:ed|t)|death toll|toll"
    r"|suffered|sustained|put out of action|repelled|destruction"
    # equipment "taken out" or "hit during the fighting"; the dead "buried", their "bodies",
    # the "victims" of a rate ("824 victims a day")
    r"|taken out|take out|taking out|(?:were|was|been) hit (?:during|in)|buried|burials?"
    r"|burial places|bodies|victims"
)

# Words of a return of prisoners (an exchange, a swap, a release): regexes, case-insensitive.
EXCHANGE_WORDS = (
    # a swap: "in a prisoner exchange", "the sides swapped 90 for 90", "in exchange" (not "in
    # exchange for a square kilometre", "exchanges of fire", "exchanged fire")
    r"(?:prisoner |POW )?(?:exchanges?|swaps?)(?! of (?:fire|blows|strikes)| for\b)"
    r"|(?:exchanged|swapped)(?! (?:fire|blows|strikes))|in exchange(?! for)",
    # people coming home: "brought home 95 defenders", "returned from Russian captivity",
    # "returned from Ukrainian-controlled territory", "repatriated"
    r"brought (?:back )?home|brings? (?:back )?home|bringing (?:back )?home|returned home"
    r"|(?:came|come|coming|returning) (?:back )?home"
    r"|returned from (?:[\w'’-]+\s+){0,3}?(?:captivity|territory|imprisonment)|repatriated",
    # "more than 3,000 have been returned so far"
    r"(?:been|were|was) returned|returned (?:so far|to date|in total)",
    # letting them go: "each side released 300", "handed over 175 prisoners", "freed"
    r"released|freed|handed over|set free",
    # the noun of a release: "secured the release of 100 prisoners"
    r"(?:the )?release of",
)
# The words of one exchange (an event, not a running total): its figures are a window.
EXCHANGE_EVENT_WORDS = (
    r"(?:prisoner |POW )?(?:exchanges?|swaps?)(?! of fire| for\b)|exchanged(?! fire)|swapped"
    r"|in exchange(?! for)|handed over"
    r"|each side|both sides|either side|brought (?:back )?home"
)
# Bring-home verbs name the side whose people came home ("Ukraine brought home 95"); release
# verbs the side that held them ("Russia released 90": Ukraine's people).
EXCHANGE_OWN_VERBS = (
    r"brought (?:back )?home|brings? (?:back )?home|got back|returned home|repatriated"
    r"|(?:came|come|coming|returning|return) (?:back )?home"
    # "Ukraine secured the release of 75": the side that won a release gets its people back
    r"|(?:secured|gained|won|obtained|negotiated) the release of"
)
EXCHANGE_GIVE_VERBS = r"released|freed|handed over|set free|returned"
# Whom a returned figure may count besides the metric nouns ("3,210 Ukrainian citizens").
EXCHANGED_PEOPLE = r"citizens|nationals|defenders"

# A grouping of forces a per-grouping breakdown names ("over 255 by the Sever battlegroup",
# "up to 85 in the area of the Dnepr group of forces"): a regex, case-insensitive.
GROUPING_WORDS = r"battle ?groups?|group(?:ing)?s? of (?:forces|troops)|groups?|groupings?"

# Words that make the figures in their sentence non-military or non-loss.
CIVILIAN_WORDS = r"civilians?|children|non-combatants|residents|refugees|evacuees|hostages"


def compile_alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regex with a named group per pattern, so one scan finds every alias or metric."""
    parts = [f"(?P<g{i}>{p})" for i, p in enumerate(patterns)]
    return guarded(r"\b(?<!-)(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
