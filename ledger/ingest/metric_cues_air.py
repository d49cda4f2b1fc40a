"""Metric cues of air defence, aircraft, drones, missiles, ships, vehicles and totals.

Owns `AIR_SEA_CUES` (see `metric_cues`, which owns `MetricCue`), the rest of the metric
nouns: air defence, aviation, drones, missiles, the navy, vehicles and special equipment,
and the totals of every kind of equipment. Imports: `metric_cues`, `rules`.
"""

from __future__ import annotations

from ledger.ingest.metric_cues import metric_cue
from ledger.ingest.rules import registry

__all__ = ["AIR_SEA_CUES"]

AIR_SEA_CUES = registry(
    # air defence
    metric_cue(
        "air-defence",
        "air_defense",
        r"air[ -]defen[cs]e(?: systems?| units?| means| installations?| complexes)?",
        "Air defence (systems, units, means, installations, complexes).",
        "five air defence systems",
        "an air defender",
    ),
    metric_cue(
        "anti-aircraft",
        "air_defense",
        r"anti-aircraft (?:warfare |defen[cs]e )?(?:systems?|units?)|SAM systems?",
        "Anti-aircraft systems or units, SAM systems.",
        "three anti-aircraft systems",
        "anti-aircraft fire",
    ),
    # the Russian MoD's "anti-aircraft / surface-to-air missile systems"
    metric_cue(
        "air-defence-missile-systems",
        "air_defense",
        r"(?:anti-aircraft|surface-to-air|air[- ]defen[cs]e) missile "
        r"(?:systems?|complexes|launchers?)",
        "Anti-aircraft, surface-to-air or air-defence missile systems, complexes, launchers.",
        "two surface-to-air missile systems",
        "surface-to-air missiles",
    ),
    metric_cue(
        "sam-launchers",
        "air_defense",
        r"SAM (?:launchers?|sites?|batteries)",
        "SAM launchers, sites, batteries.",
        "two SAM launchers",
        "Sam said so",
    ),
    # a named air-defence system's launchers ("two Patriot launchers", "three Buk systems")
    metric_cue(
        "named-air-defence",
        "air_defense",
        r"(?:Patriot|NASAMS|IRIS-T|S-[34]00|Buk(?:-M\d)?|Pantsir(?:-S1)?|Tor(?:-M\d)?)"
        r"(?: missile| SAM| air[- ]defen[cs]e| (?:air[- ])?defen[cs]e missile)? "
        r"(?:launchers?|systems?|batteries|complexes)",
        "A named air-defence system's launchers, systems, batteries (Patriot, Buk, S-300).",
        "two Patriot launchers",
        "Patriot missiles",
    ),
    # aviation
    metric_cue(
        "aircraft",
        "aircraft",
        r"(?:fighter |military |combat )?(?:aircraft|air ?planes?|planes?|warplanes?)",
        "Aircraft, airplanes, planes, warplanes.",
        "300 aircraft",
        "a planet",
    ),
    metric_cue(
        "jets-and-bombers",
        "aircraft",
        r"(?:fighter )?jets?|fighter[- ]bombers?|bombers?|fighter jets?|"
        r"(?:multi-?purpose|multi-?role|interceptor|supersonic) fighters?",
        "(Fighter) jets, fighter-bombers, bombers, multi-purpose (multirole) fighters.",
        "two fighter jets",
        "a jetty",
    ),
    metric_cue(
        "helicopters",
        "helicopters",
        r"helicopters?|choppers?|gunships?",
        "Helicopters, choppers, gunships.",
        "four helicopters",
        "a chopped tree",
    ),
    # "three Russian Su-34s": a type's plural names the airframes
    metric_cue(
        "aircraft-types",
        "aircraft",
        r"(?:Su|MiG|Tu|Il|Yak)-\d{2,3}[A-Z\d]*s",
        "A plane type's plural (Su-34s, MiG-29s).",
        "three Su-34s",
        "one Su-34",
    ),
    metric_cue(
        "helicopter-types",
        "helicopters",
        r"(?:Ka|Mi)-\d{1,2}[A-Z\d]*s",
        "A helicopter type's plural (Ka-52s, Mi-8s).",
        "two Ka-52s",
        "a Ka-52",
    ),
    metric_cue(
        "drones",
        "drones",
        r"drones?(?! (?:strikes?|attacks?|launches|assaults?|raids?|waves?))",
        "Drones; not drone strikes, attacks, raids or waves.",
        "shot down 40 drones",
        "drone attacks on the city",
    ),
    # the Russian MoD's transliterated "BPLA" (bespilotny letatelny apparat) is a drone
    metric_cue(
        "uavs",
        "drones",
        r"BPLAs?|UAVs?|unmanned aerial vehicles?|unmanned aircraft",
        "UAVs, BPLAs, unmanned aerial vehicles or aircraft.",
        "12 UAVs",
        "unmanned boats",
    ),
    metric_cue(
        "shaheds",
        "drones",
        r"Shaheds|Shahed(?:-type)? drones",
        "Shaheds, Shahed(-type) drones.",
        "20 Shaheds",
        "a Shahed",
    ),
    metric_cue(
        "aircraft-type-drones",
        "drones",
        r"aircraft[-–—]type (?:unmanned aerial vehicles?|UAVs?|drones?)",
        "Aircraft-type drones or UAVs.",
        "aircraft-type drones",
        "aircraft type drones",
    ),
    metric_cue(
        "missiles",
        "cruise_missiles",
        r"cruise missiles?|missiles?(?! (?:strikes?|attacks?|launches|systems?|carrying|"
        r"carriers?))",
        "Cruise missiles, missiles; not missile strikes, attacks or systems.",
        "15 cruise missiles",
        "missile strikes",
    ),
    # navy
    metric_cue(
        "ships-and-boats",
        "ships",
        r"(?:war)?ships?|(?:speed |patrol )?boats?|vessels?|cutters?|corvettes?|frigates?",
        "Ships, warships, boats, vessels, cutters, corvettes, frigates.",
        "two warships",
        "the shipyard",
    ),
    metric_cue(
        "ship-kinds",
        "ships",
        r"(?:landing|patrol|missile) ships?|landing craft|ships ?/ ?boats|warships/boats",
        "Landing, patrol, missile ships; landing craft; ships/boats.",
        "three landing craft",
        "the landing party",
    ),
    metric_cue(
        "naval-units",
        "ships",
        r"(?:war)?ships and boats|naval (?:units|vessels)|navy (?:ships|vessels)",
        "(War)ships and boats, naval units or vessels, navy ships.",
        "28 warships and boats",
        "naval forces",
    ),
    metric_cue(
        "submarines",
        "submarines",
        r"submarines?",
        "Submarines.",
        "one submarine",
        "submarine-launched",
    ),
    # vehicles
    metric_cue(
        "vehicles",
        "vehicles",
        r"vehicles?|trucks?|cars|automobiles|fuel tanks?|tankers|motor vehicles",
        "Vehicles, trucks, cars, automobiles, fuel tanks, tankers.",
        "300 vehicles",
        "a car",
    ),
    # fuel cisterns (a Ukrainian table's word for fuel tankers)
    metric_cue(
        "cisterns",
        "vehicles",
        r"cisterns",
        "Fuel cisterns (a Ukrainian table's fuel tankers).",
        "12 cisterns",
        "a cistern",
    ),
    metric_cue(
        "motor-equipment",
        "vehicles",
        r"(?:automotive|automobile|motor) (?:equipment|vehicles)|vehicles and fuel tanks",
        "Automotive (motor) equipment or vehicles; vehicles and fuel tanks.",
        "automotive equipment",
        "motor oil",
    ),
    metric_cue(
        "fuel-tanks",
        "vehicles",
        r"tanks with fuel(?: and lubricants)?|fuel and lubricant tanks",
        "Tanks with fuel (and lubricants): tankers.",
        "tanks with fuel",
        "tanks of fuel",
    ),
    metric_cue(
        "special-equipment",
        "special_equipment",
        r"special (?:equipment|vehicles)|units of special equipment",
        "Special equipment or vehicles.",
        "units of special equipment",
        "special forces",
    ),
    # "specialised equipment", "special military equipment", "pieces of special equipment"
    metric_cue(
        "specialised-equipment",
        "special_equipment",
        r"(?:pieces of )?special(?:i[sz]ed)? (?:military )?equipment",
        "Specialised (military) equipment, pieces of it.",
        "specialised equipment",
        "specialised units",
    ),
    # guided (aerial) bombs downed count as "other" ("two guided 'Hammer' aircraft bombs")
    metric_cue(
        "guided-bombs",
        "other",
        r"guided (?:[‘'\"“]?[A-Z][\w-]*[’'\"”]? )?(?:aerial |air |aircraft )?bombs?",
        "Guided (aerial) bombs shot down.",
        "two guided aerial bombs",
        "guided tours",
    ),
    # totals
    metric_cue(
        "pieces-of-equipment",
        "equipment_total",
        r"(?:pieces|units|items) of (?:various |enemy |Ukrainian |Russian )?"
        r"(?:weapons|military equipment|equipment|hardware)",
        "Pieces (units, items) of weapons or equipment: every kind together.",
        "pieces of military equipment",
        "pieces of art",
    ),
    metric_cue(
        "weapons-and-equipment",
        "equipment_total",
        r"weapons and (?:military )?equipment|military (?:equipment|hardware)",
        "Weapons and equipment, military equipment or hardware.",
        "military hardware",
        "military aid",
    ),
    metric_cue(
        "heavy-weapons",
        "equipment_total",
        r"(?:other )?heavy weapons(?: systems)?",
        "(Other) heavy weapons (systems).",
        "other heavy weapons",
        "heavy losses",
    ),
    # "5,500 Western-made arms": weapons of every kind
    metric_cue(
        "arms",
        "equipment_total",
        r"(?:Western[- ]made |Western |foreign[- ]made )?arms|pieces of (?:weaponry|weapons)",
        "(Western-made) arms, pieces of weaponry: weapons of every kind.",
        "5,500 Western-made arms",
        "armed forces",
    ),
    metric_cue(
        "tactical-missile-systems",
        "other",
        r"tactical missile systems?|operational-tactical missile systems?",
        "(Operational-)tactical missile systems.",
        "two tactical missile systems",
        "tactical missiles",
    ),
    # "shot down 15 air targets": drones, missiles and aircraft together
    metric_cue(
        "air-targets",
        "other",
        r"air targets|aerial targets",
        "Air (aerial) targets brought down: drones, missiles and aircraft together.",
        "shot down 15 air targets",
        "an air target",
    ),
    # ground robots ("two robotic systems", "unmanned ground vehicles")
    metric_cue(
        "ground-robots",
        "other",
        r"robotic (?:systems|complexes)|unmanned ground vehicles|UGVs",
        "Ground robots: robotic systems, unmanned ground vehicles.",
        "two robotic systems",
        "robotic arms",
    ),
    # missiles counted by their model ("seven Kh-101/Kh-555", "one Iskander-K"); not launchers
    metric_cue(
        "missile-models",
        "cruise_missiles",
        r"(?:(?:Kh|X)-\d{2,3}[A-Z]*(?:/(?:Kh|X)-\d{2,3}[A-Z]*)?s?|Iskander(?:-[KM])?s?|Kalibrs?|"
        r"Kinzhals?)(?!\s+(?:launchers?|systems?|complex(?:es)?|brigades?|carriers?))",
        "Missiles by their model (Kh-101, Iskander-K, Kalibr); not their launchers.",
        "seven Kh-101s",
        "Iskander launchers",
    ),
    # ATACMS shot down are missiles ("six Army Tactical Missile Systems (ATACMS)")
    metric_cue(
        "atacms",
        "cruise_missiles",
        r"Army Tactical Missile Systems?|ATACMS(?: (?:tactical )?missiles)?",
        "ATACMS, Army Tactical Missile Systems: missiles shot down.",
        "six Army Tactical Missile Systems",
        "Army units",
    ),
)
