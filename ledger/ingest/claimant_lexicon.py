"""The claimants' vocabulary: canonical names of the main bodies and people, and their aliases.

Owns the canonical claimant names (`GS_UA`, `MOD_RU`, ...), `CLAIMANT_ALIASES` (regex ->
canonical claimant), the bare institution names whose country comes from context, and the
sets of claimants on each side. Plain data, like `lexicon`: editing it changes extraction
output (bump EXTRACTOR_VERSION). Imports: none of the package.
"""

from __future__ import annotations

import re

# Claimant aliases: regex (case-insensitive) -> canonical claimant. The last alias found in an
# attribution phrase wins, so an appositive name ("Zelensky's adviser, Mykhailo Podolyak")
# resolves to the person, not to the one they advise.
GS_UA = "General Staff of the Armed Forces of Ukraine"
AF_UA = "Armed Forces of Ukraine"
MEDIAZONA = "BBC Russian Service and Mediazona"
AIR_UA = "Ukrainian Air Force"
MOD_UA = "Ministry of Defence of Ukraine"
MOD_RU = "Russian Defence Ministry"
# Its loss estimates are Defence Intelligence's updates.
MOD_UK = "UK Defence Intelligence"
PRES_UA = "Volodymyr Zelensky"
PUTIN = "Vladimir Putin"
# A person is named by name; the role, where it says whom he speaks for, in parentheses.
SHOIGU = "Sergei Shoigu (Russian Defence Minister)"
BELOUSOV = "Andrei Belousov (Russian Defence Minister)"
# A spokesman speaks for his body: the body, the spokesman in parentheses.
KONASHENKOV = f"{MOD_RU} (Igor Konashenkov)"
_UA = r"(?:Ukrain(?:e|ian)(?:['’‘]s)?|UA)"
_RU = r"(?:Russia(?:n|['’‘]s)?|RF|Moscow['’‘]s)"
_UK = r"(?:UK|U\.K\.|British|Britain['’‘]s|the UK['’‘]s)"
_MOD = r"(?:(?:Ministry|Minister) of Defen[cs]e|Defen[cs]e Ministry|Defen[cs]e Minister|MoD|MOD)"

CLAIMANT_ALIASES: dict[str, str] = {
    rf"(?:{_UA}\s+)?General Staff"
    rf"(?: of (?:the )?(?:{_UA} )?(?:Armed Forces|Army)(?: of Ukraine)?)?": (GS_UA),
    rf"(?:{_RU}\s+)General Staff|General Staff of (?:the )?Russian (?:Federation|Armed Forces)": (
        "General Staff of the Armed Forces of the Russian Federation"
    ),
    # the General Staff's daily bulletin, however an outlet names it
    rf"(?:(?:latest|last|daily)\s+)?(?:{_UA}|Kyiv|Kiev)(?:\s+(?:military|army|daily|morning))?"
    r"\s+(?:bulletin|summary)": GS_UA,
    rf"{_UA}\s+(?:Armed Forces|Army|military|forces|Defen[cs]e Forces)(?: \(UA\))?": AF_UA,
    r"Armed Forces of Ukraine|ZSU|(?:Ukraine|Kyiv|Kiev)['’]s (?:army|military|armed forces)": AF_UA,
    rf"{_UA}\s+Air Forces?|Air Forces? of Ukraine|Air Force of the Armed Forces of Ukraine": AIR_UA,
    rf"{_UA}\s+(?:Navy|navy)|Navy of Ukraine|Ukrainian Navy": "Ukrainian Navy",
    rf"{_UA}\s+{_MOD}|{_MOD} of Ukraine|{_UA}\s+ministry(?! of)": MOD_UA,
    r"(?:Oleksii |Oleksiy )?Reznikov": "Oleksii Reznikov (Ukrainian Defence Minister)",
    r"(?:Rustem )?Umerov": "Rustem Umerov (Ukrainian Defence Minister)",
    r"(?:Oleksandr )?Pavliuk": f"{MOD_UA} (Oleksandr Pavliuk)",  # a deputy, for his ministry
    rf"{_RU}\s+{_MOD}|{_MOD} of (?:the )?Russia(?:n Federation)?|{_RU}\s+ministry(?! of)": MOD_RU,
    r"(?:Igor )?Kona?shenkov": KONASHENKOV,
    r"(?:Sergei |Sergey )?Sho[iy]gu": SHOIGU,
    r"(?:Andrei |Andrey )?Belousov": BELOUSOV,
    rf"{_RU}\s+(?:army|military|defen[cs]e) spokes(?:man|person|woman)": MOD_RU,
    # Russia's groups of forces report through the ministry (its daily briefing)
    rf"(?:(?:spokes(?:m[ae]n|persons?|people|wom[ae]n)|press (?:service|cent(?:er|re))s?) "
    rf"(?:for|of) (?:the )?)?{_RU}\s+(?:troop |force |forces )?(?:battle ?groups?|groups?(?:ings?)?"
    rf"(?: of (?:troops|forces))?)": MOD_RU,
    rf"{_UK}\s+{_MOD}|{_UK}\s+(?:defen[cs]e )?intel(?:ligence)?(?: services)?": MOD_UK,
    r"Defen[cs]e Intelligence(?! Agency)": MOD_UK,
    # the Pentagon's intelligence agency, not Britain's Defence Intelligence
    r"(?:(?:US|U\.S\.) )?Defen[cs]e Intelligence Agency|(?-i:DIA)": (
        "US Defense Intelligence Agency (DIA)"
    ),
    r"(?:President (?:of Ukraine )?)?(?:Volodymyr |Volodymr )?Zelensk(?:y|yy|iy|yi)": PRES_UA,
    rf"{_UA}\s+President|President of Ukraine": PRES_UA,
    r"(?:Mykhailo |Mykhaylo )?Podolyak": "Mykhailo Podolyak",
    r"(?:Donald )?Trump": "Donald Trump",
    r"(?:Vladimir )?Putin": PUTIN,
    r"(?:the )?Kremlin": "Kremlin",
    r"(?:Dmytro )?Pletenchuk": "Ukrainian Navy (Dmytro Pletenchuk)",
    r"(?:Yurii |Yuriy )?Ihnat": f"{AIR_UA} (Yurii Ihnat)",
    r"Institute for the Study of War|ISW": "Institute for the Study of War",
    r"Oryx": "Oryx",
    # the joint count of Russia's named dead
    r"BBC Russian(?: Service| service)?(?: and Media[Zz]ona)?|Media[Zz]ona(?: and (?:the )?BBC"
    r"(?: Russian(?: Service| service)?)?)?": MEDIAZONA,
    r"(?:the )?(?:US )?Cent(?:er|re) for Strategic and International Studies|CSIS": (
        "Center for Strategic and International Studies (CSIS)"
    ),
    r"Pentagon|(?:US|U\.S\.) Department of Defen[cs]e|(?:US|U\.S\.) defen[cs]e officials": (
        "US Department of Defense (Pentagon)"
    ),
    r"(?:US|U\.S\.|American|United States) officials": "US officials",
    # "US intel", "American intelligence agencies": one name for the US intelligence community
    r"(?:US|U\.S\.|American|United States) intel(?:ligence)?(?: (?:agencies|community|services"
    r"|officials|assessments?|estimates?))?": "US intelligence",
    rf"(?:HUR|GUR|{_UA}\s+military intelligence(?: agency| directorate)?"
    r"|Defen[cs]e Intelligence of Ukraine)": ("Defence Intelligence of Ukraine (HUR)"),
    r"(?:Kyrylo )?Budanov": "Defence Intelligence of Ukraine (HUR)",
    r"(?:Valerii |Valeriy )?Zaluzhn(?:yi|y)": "Valerii Zaluzhnyi",
    r"(?:Oleksandr )?Syrsk(?:yi|iy|y)": "Oleksandr Syrskyi",
}

# Bare institution names whose country comes from context ("the Defense Ministry said").
BARE_MOD = re.compile(
    rf"^(?:the )?{_MOD}$|^(?:the )?(?:defen[cs]e )?minist(?:ry|er)$", re.IGNORECASE
)
BARE_GENERAL_STAFF = re.compile(r"^(?:the )?General Staff$", re.IGNORECASE)

# Counters of Russia's own dead whose names say "Russian" without being the Russian side.
INDEPENDENT_COUNTERS = frozenset({MEDIAZONA, "Meduza", "iStories", "Novaya Gazeta"})

# Claimants on each side: their figures, when they name no one, are about the other side.
RUSSIAN_CLAIMANTS = frozenset(
    {
        MOD_RU,
        KONASHENKOV,
        SHOIGU,
        BELOUSOV,
        "General Staff of the Armed Forces of the Russian Federation",
        PUTIN,
        "Kremlin",
        # Russian state media, whose unnamed figures are the other side's
        "TASS",
        "RIA Novosti",
        "Izvestia",
        "RT",
        "Sputnik",
    }
)
