"""Metric cues of land weapons: tanks, armoured vehicles, artillery, rocket artillery.

Owns `LAND_CUES` (see `metric_cues`, which owns `MetricCue`; "rockets" shot down count as
missiles, electronic-warfare stations as "other"). Imports: `metric_cues`, `rules`.
"""

from __future__ import annotations

from ledger.ingest.metric_cues import metric_cue
from ledger.ingest.rules import registry

__all__ = ["LAND_CUES"]

LAND_CUES = registry(
    # tanks
    metric_cue(
        "tanks",
        "tanks",
        r"(?:main battle )?tanks?|MBTs?",
        "Tanks, main battle tanks, MBTs.",
        "lost 12 tanks",
        "a tanker",
    ),
    # armoured vehicles
    metric_cue(
        "armoured-vehicles",
        "afv",
        r"armou?red (?:personnel |combat |fighting )?(?:vehicles?|carriers?|units)|"
        r"pieces of armou?r",
        "Armoured (personnel, combat, fighting) vehicles, carriers, units; pieces of armour.",
        "12 armoured personnel carriers",
        "armoured divisions",
    ),
    metric_cue(
        "infantry-fighting-vehicles",
        "afv",
        r"(?:infantry fighting|combat armou?red) vehicles?",
        "Infantry fighting vehicles, combat armoured vehicles.",
        "three infantry fighting vehicles",
        "infantry units",
    ),
    # "more than 220 combat vehicles lost" (the MoD's "combat vehicles of MLRS" is longer)
    metric_cue(
        "combat-vehicles",
        "afv",
        r"combat vehicles?",
        "Combat vehicles.",
        "more than 220 combat vehicles lost",
        "combat-ready vehicles",
    ),
    metric_cue(
        "fighting-vehicles",
        "afv",
        r"(?:troop-carrying |troop carrying )?fighting vehicles?",
        "(Troop-carrying) fighting vehicles.",
        "40 fighting vehicles",
        "fighting units",
    ),
    metric_cue(
        "afv-abbreviations",
        "afv",
        r"APCs?|IFVs?|AFVs?|BMPs?|BTRs?|BBMs?|MT-?LBs?",
        "APCs, IFVs, AFVs, BMPs, BTRs, BBMs, MT-LBs.",
        "two BMPs",
        "BMP-2 spare parts",
    ),
    metric_cue(
        "bradleys",
        "afv",
        r"Bradleys|Bradley (?:fighting vehicles?|IFVs?)",
        "Bradleys, Bradley fighting vehicles.",
        "five Bradleys",
        "a Bradley",
    ),
    metric_cue(
        "armed-personnel-carriers",
        "afv",
        r"armed personnel carriers?",
        "Armed personnel carriers.",
        "20 armed personnel carriers",
        "armed personnel",
    ),
    # the Russian MoD's compound "tanks and other armoured combat vehicles" counts AFVs
    metric_cue(
        "tanks-and-other-afvs",
        "afv",
        r"tanks?,? (?:and )?(?:other )?(?:armou?red (?:combat |fighting )?vehicles|"
        r"combat armou?red vehicles|AFVs)",
        "The Russian MoD's tanks and other armoured combat vehicles.",
        "tanks and other armoured combat vehicles",
        "tanks and other weapons",
    ),
    # artillery
    metric_cue(
        "artillery",
        "artillery",
        r"(?:self-propelled )?artillery(?: systems?| pieces?| guns?| units?| installations?)?",
        "(Self-propelled) artillery, its systems, pieces, guns, units.",
        "40 artillery systems",
        "artillery-launched shells",
    ),
    metric_cue(
        "guns-and-mortars",
        "artillery",
        r"howitzers?|(?:self-propelled )?guns|mortars?|cannons",
        "Howitzers, guns, mortars, cannons.",
        "12 howitzers",
        "a gunship",
    ),
    # rocket artillery
    metric_cue(
        "mlrs",
        "mlrs",
        r"MLRS(?:s|es)?|multiple(?:-launch| launch)? rocket (?:launchers|systems)",
        "MLRS, multiple (launch) rocket launchers or systems.",
        "ten MLRS",
        "MLRS-fired rounds",
    ),
    metric_cue(
        "multiple-rocket-launch-systems",
        "mlrs",
        r"multiple[- ]rocket[- ]launch(?:er|ing)? systems?",
        "Multiple-rocket-launch(er, -ing) systems.",
        "multiple rocket launching systems",
        "multiple rockets",
    ),
    # the Russian MoD's "combat vehicles of multiple launch rocket systems"
    metric_cue(
        "mlrs-vehicles",
        "mlrs",
        r"(?:combat )?vehicles of (?:multiple(?:-launch| launch)? rocket systems|MLRS)",
        "The Russian MoD's combat vehicles of multiple launch rocket systems.",
        "combat vehicles of multiple launch rocket systems",
        "vehicles of the brigade",
    ),
    metric_cue(
        "rocket-launchers",
        "mlrs",
        r"(?:multiple )?rocket launchers?|rocket salvo systems?|salvo fire systems?",
        "Rocket launchers, rocket salvo systems, salvo fire systems.",
        "two rocket launchers",
        "a rocket-launcher",
    ),
    metric_cue(
        "himars",
        "mlrs",
        r"HIMARS(?: launchers?| systems?)?|launchers",
        "HIMARS (launchers, systems), launchers.",
        "three HIMARS launchers",
        "one launcher",
    ),
    metric_cue(
        "high-mobility-artillery-rocket-systems",
        "mlrs",
        r"High[- ]Mobility Artillery Rocket Systems?",
        "High Mobility Artillery Rocket Systems.",
        "three High Mobility Artillery Rocket Systems",
        "High Mobility vehicles",
    ),
    # rockets shot down count as missiles ("12 HIMARS rockets", "HIMARS multiple rocket
    # launcher shells", "guided rockets")
    metric_cue(
        "rocket-artillery-rounds",
        "cruise_missiles",
        r"(?:HIMARS|G?MLRS|Smerch|Uragan|Vilkha|Olkha)"
        r"(?: multiple (?:rocket launcher|launch rocket system)| MLRS)? "
        r"(?:shells|rockets|projectiles|munitions|missiles)",
        "Rockets of a named rocket artillery shot down (HIMARS, Smerch, Uragan, Vilkha).",
        "12 HIMARS rockets",
        "12 HIMARS launchers",
    ),
    metric_cue(
        "rockets",
        "cruise_missiles",
        r"(?:guided |jet-propelled |ballistic |tactical )?rockets(?! (?:strikes?|attacks?|"
        r"launch\w*|fire|systems?|artillery))",
        "(Guided, ballistic) rockets shot down; not rocket strikes, fire or systems.",
        "shot down 20 guided rockets",
        "rockets fire at the city",
    ),
    metric_cue(
        "electronic-warfare",
        "other",
        r"electronic warfare (?:stations?|systems?|complexes)|EW (?:stations?|systems?)",
        "Electronic warfare (EW) stations, systems, complexes.",
        "two electronic warfare stations",
        "electronic warfare units",
    ),
)
