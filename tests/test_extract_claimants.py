"""Claimants: who makes each claim — a person, a body or an outlet by its name, never a
fragment of the sentence; one canonical name per main body; the source named elsewhere in
the article (a sentence after, the lead, the paragraph before) rather than the outlet that
relays it. Each table below is one family of real-text layouts, in our own words."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.ingest.claimant_names import valid_np
from ledger.ingest.explain import explain_claims
from ledger.ingest.extract import extract_claims
from ledger.ingest.name_cores import is_outlet

PUBLISHER = "Daily Example"
GS = "General Staff of the Armed Forces of Ukraine"
RU_MOD = "Russian Defence Ministry"


def claimants(text: str) -> list[str]:
    claims = extract_claims(
        text,
        article_id="a",
        publisher=PUBLISHER,
        published=dt.date(2024, 5, 6),
        fallback_date=dt.date(2024, 5, 6),
    )
    return [c.claimant for c in claims]


def why(text: str) -> list[str]:
    _, fates = explain_claims(
        text,
        article_id="a",
        publisher=PUBLISHER,
        published=dt.date(2024, 5, 6),
        fallback_date=dt.date(2024, 5, 6),
    )
    return [f.why.get("claimant", "unexplained") for f in fates if f.fate == "claim"]


# One canonical name per body, as English outlets write it; a spokesman in parentheses after
# the body he speaks for; a person by name, his office in parentheses.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Russia's defence ministry said it shot down 14 Ukrainian drones.", RU_MOD),
        (
            "Ministry spokesman Igor Konashenkov said 9 Ukrainian drones were shot down.",
            f"{RU_MOD} (Igor Konashenkov)",
        ),
        ("Shoygu said Ukraine had lost 300 soldiers.", "Sergei Shoigu (Russian Defence Minister)"),
        ("President Zelensky said Russia had lost 5,000 soldiers.", "Volodymyr Zelensky"),
        ("Vladimir Putin said Ukraine had lost 9,000 soldiers.", "Vladimir Putin"),
        ("General Syrskyi said Russia had lost 2,000 soldiers.", "Oleksandr Syrskyi"),
        ("The Pentagon said Russia had lost 4,000 tanks.", "US Department of Defense (Pentagon)"),
        (
            "British intelligence said Russia had lost 1,200 tanks.",
            "UK Defence Intelligence",
        ),
        (
            "Defence Minister Rustem Umerov said Russia had lost 800 tanks.",
            "Rustem Umerov (Ukrainian Defence Minister)",
        ),
    ],
)
def test_one_canonical_name_per_body(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


# A person is named by name: the rank, title or description before it is dropped.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Maj. Gen. Petro Bondar said Russia lost 70 tanks.", "Petro Bondar"),
        ("Brigadier General Olha Kravets said Russia lost 70 tanks.", "Olha Kravets"),
        (
            "The acting governor of the Border Region Ivan Sokolov said 12 drones were downed.",
            "Ivan Sokolov",
        ),
        ("Military blogger Anton Lis claimed Ukraine lost 70 tanks.", "Anton Lis"),
        ("The state news agency Newsline claimed Ukraine lost 70 tanks.", "Newsline"),
        ("Foreign Minister Élise Marchand said Russia lost 90,000 soldiers.", "Élise Marchand"),
    ],
)
def test_titles_and_ranks_are_not_part_of_a_name(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


# A clause cut at the wrong place is no claimant: a number, a verb after the subject, a
# clause opener at the start. The clause's subject speaks, else the outlet.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "The Ukrainian defence ministry updated its tally.\n\nBesides the 2,100 soldiers "
            "claimed to have died, Russia also lost 14 tanks.",
            "Ministry of Defence of Ukraine",
        ),
        (
            "According to the Evening Post, Kyiv also released figures on Monday, claiming that "
            "250 Russian soldiers had been killed.",
            "Kyiv",
        ),
        (
            "Analyst Jan Kowal echoed the estimate and added that 15,000 Russian soldiers had "
            "died.",
            "Jan Kowal",
        ),
        ("Since the media reported that 300 soldiers died, nobody has checked it.", PUBLISHER),
        # a place the dead come from, not who reports them
        ("Most deaths were reported from Dagestan (4,120) and Buryatia (3,010).", PUBLISHER),
        # a phrase cut off before its noun
        (
            "Second in terms of confirmed deaths are the Perm region (3,800) and Omsk (2,900).",
            PUBLISHER,
        ),
    ],
)
def test_a_clause_fragment_is_not_a_claimant(text: str, claimant: str) -> None:
    assert claimants(text)[-1] == claimant


# An outlet that relays a source's list is not the claimant: "this includes", "of these".
@pytest.mark.parametrize(
    "text",
    [
        "Russia has lost 400,000 soldiers, according to the Ukrainian General Staff.\n\n"
        "This figure includes 1,100 soldiers in the past day, as reported by the Kyiv "
        "Independent.",
        "Russia has lost 400,000 soldiers, according to the Ukrainian General Staff.\n\n"
        "According to the Kyiv Independent, this includes 1,100 soldiers in the past day.",
        "Russia has lost 400,000 soldiers, according to the Ukrainian General Staff.\n\n"
        "Of these, 1,100 died in the past day, reports Reuters.",
    ],
)
def test_an_outlet_relaying_a_list_is_not_its_claimant(text: str) -> None:
    assert claimants(text) == [GS, GS]


def test_an_outlet_with_its_own_new_figure_is_its_claimant() -> None:
    text = (
        "Russia has lost 400,000 soldiers, according to the Ukrainian General Staff.\n\n"
        "Separately, 300 soldiers died near the river, according to the Kyiv Independent."
    )
    assert claimants(text) == [GS, "Kyiv Independent"]


# A sentence after the figures names their source, unless it says the source did not confirm.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "An estimated 9,000 Russian soldiers have died.\n\nThe figure, provided by the "
            "Ukrainian defence ministry, could not be checked.",
            "Ministry of Defence of Ukraine",
        ),
        (
            "Russia has lost 400,000 soldiers, according to the General Staff.\n\n"
            "It also lost 3,000 tanks. These numbers have not been verified by independent "
            "observers.",
            GS,
        ),
    ],
)
def test_a_sentence_after_names_the_source(text: str, claimant: str) -> None:
    assert claimants(text)[-1] == claimant


# The lead names its source after the figure; a body reports its own results; a bare side
# is the one official body of that side the article names.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia has lost almost 500,000 troops so far.\n\nAccording to the General Staff, "
            "Russia also lost 1,200 soldiers in a day.",
            [GS, GS],
        ),
        (
            "The Ukrainian Air Force shot down 30 Russian drones overnight.",
            ["Ukrainian Air Force"],
        ),
        (
            "The Russian ministry said Ukraine lost 400 soldiers. Moscow claimed Ukraine also "
            "lost 9 tanks.",
            [RU_MOD, RU_MOD],
        ),
        (
            "The UK Ministry of Defence published its update. London assesses that Russia has "
            "lost 900,000 soldiers.",
            ["UK Defence Intelligence"],
        ),
    ],
)
def test_article_wide_claimants(text: str, expected: list[str]) -> None:
    assert claimants(text) == expected


# A minister named by his office, and a "he", stand for the person the article names.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Ukraine has lost 20,000 soldiers, Russia's defence minister declared.\n\n"
            "Russian Defence Minister Sergei Shoigu spoke to reporters on Tuesday.",
            "Sergei Shoigu (Russian Defence Minister)",
        ),
        (
            "Ukraine's new defence minister, Marta Hnatiuk, vowed to fight on.\n\n"
            "She claimed 30,000 Russian soldiers were killed last month.",
            "Marta Hnatiuk",
        ),
    ],
)
def test_a_minister_by_office_is_the_minister_named(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


# Asides between the speaker and the verb, and the data a source used, are no speakers.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "The Example Review, together with two volunteer groups, have identified 41,500 "
            "Russian soldiers killed in the war.",
            "The Example Review",
        ),
        (
            "The CSIS study acknowledges that Ukraine has lost about 60,000 troops killed.",
            "Center for Strategic and International Studies (CSIS)",
        ),
        # an apposition without an article, a verb after an adverb, more verbs of saying
        (
            "Ivan Petrenko, head of the Centre for Defence Analysis, said on Monday that "
            "Russia had lost 300 soldiers near Pokrovsk.",
            "Ivan Petrenko",
        ),
        (
            "The Example Review, together with volunteers, has so far collected the names of "
            "61,000 Russian soldiers killed.",
            "The Example Review",
        ),
        ("Analyst Jan Kowal assured that Russia had lost 9,000 soldiers.", "Jan Kowal"),
        (
            "The Finnish defence ministry shared in an update that Russia had lost 9,000 soldiers.",
            "The Finnish defence ministry",
        ),
        (
            "The ministry's post on X, formerly known as Twitter, says Russia lost 1,500 "
            "soldiers, according to the Ukrainian defence ministry.",
            "Ministry of Defence of Ukraine",
        ),
        ("Poland, for its part, estimated that Russia lost 90,000 soldiers.", "Poland"),
        (
            "According to a joint investigation by Newsline, the toll is about 40,000 soldiers. "
            "The estimate is based on data from the State Statistics Bureau.",
            "Newsline",
        ),
    ],
)
def test_asides_and_sources_used_are_not_speakers(text: str, claimant: str) -> None:
    assert claimants(text)[0] == claimant


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Russia lost 40 tanks, the General Staff said.", "speaker-after"),
        ("The General Staff said Russia lost 40 tanks.", "sentence-speaker"),
        ("Russia lost 40 tanks.", "publisher-fallback"),
        ("Russia reportedly lost 40 tanks.", "reportedly-publisher"),
        ("The General Staff said Russia lost 40 tanks. It also lost 9 jets.", "paragraph-carry"),
        ("The Ukrainian Air Force shot down 30 Russian drones.", "subject-body"),
    ],
)
def test_every_claimant_says_why(text: str, rule: str) -> None:
    assert why(text)[-1] == rule


# A spokesman named after the body the sentence credits speaks for it; a short form of a body
# named in full before is that body; a bare "air force" is the Ukrainian Air Force.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to a video shared by the General Staff, spokesman Petro Lysyi said that "
            "900 Russian soldiers were killed on Sunday.",
            [f"{GS} (Petro Lysyi)"],
        ),
        (
            "The Border Oblast Military Administration says the region was shelled overnight. "
            "According to the Administration, air defenses shot down 9 Russian drones.",
            ["The Border Oblast Military Administration"],
        ),
        ("The air force said 40 Russian drones were shot down overnight.", ["Ukrainian Air Force"]),
    ],
)
def test_spokesmen_short_forms_and_bare_bodies(text: str, expected: list[str]) -> None:
    assert claimants(text) == expected


# The words around a name that are not it: a headline's rubric, "the last time", "journalists
# from", "a" before an outlet, "its" for the country named before.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ('Fact Check: "Russia has lost 700,000 soldiers"', PUBLISHER),
        (
            "The last time Zelenskyy voiced Ukraine's losses in the war: at that time, 31,000 "
            "soldiers were killed.",
            "Volodymyr Zelensky",
        ),
        (
            "Journalists from Newsline and Example Radio, together with volunteers, "
            "published the names of 8,000 Russian soldiers killed in Ukraine.",
            "Newsline and Example Radio",
        ),
        ("A Newsline report said Russia had lost 9,000 soldiers.", "Newsline"),
        (
            "Russia said its air defences were busy. Its Defense Ministry said 12 Ukrainian drones "
            "were shot down.",
            RU_MOD,
        ),
        (
            "Shells came from Poland, the United States and France, and Russia lost 40 tanks.",
            PUBLISHER,
        ),
    ],
)
def test_words_around_a_name_are_not_it(text: str, claimant: str) -> None:
    assert claimants(text)[-1] == claimant


# Counters of Russia's own dead whose names say "Russian" are not the Russian side: their
# unmarked figures are Russia's losses.
def test_an_independent_count_of_russian_dead_is_about_russia() -> None:
    claims = extract_claims(
        "The BBC Russian Service and Mediazona have confirmed the names of 60,000 soldiers killed.",
        article_id="a",
        publisher=PUBLISHER,
        published=dt.date(2024, 5, 6),
        fallback_date=dt.date(2024, 5, 6),
    )
    assert [(c.claimant, c.subject) for c in claims] == [
        ("BBC Russian Service and Mediazona", "russia")
    ]


# An outlet and the source it quotes in one sentence: the source. A rank's dot does not end
# the name. A lead figure is not credited to a source the lead names for something else.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "According to the Daily Mail, Russia has lost 900 tanks, the Pentagon estimated.",
            "US Department of Defense (Pentagon)",
        ),
        (
            "Russia lost 300 soldiers, according to Col. Ivan Bondar, a spokesman for the group.",
            "Ivan Bondar",
        ),
        (
            "Russia has lost 300,000 troops in the war.\n\nSeparately, the Pentagon said it would "
            "send more aid.",
            PUBLISHER,
        ),
    ],
)
def test_the_source_not_its_relay_nor_its_rank(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # "the X data": the body X speaks
        ("According to the NSDC data, 412 Russian tanks were destroyed.", "NSDC"),
        # a relative clause describes the speaker; it is not part of the name
        (
            "Volunteer analysts who study satellite pictures counted 350 Russian tanks lost.",
            "Volunteer analysts",
        ),
    ],
)
def test_the_name_without_its_description(text: str, claimant: str) -> None:
    assert claimants(text)[0] == claimant


def test_a_clause_with_adverb_and_verb_is_no_name() -> None:
    text = (
        "Ukraine's General Staff said Russia had lost 900 soldiers in a day. "
        "Moscow first acknowledged 1,400 losses of its own in March."
    )
    assert "Moscow first acknowledged" not in claimants(text)


def test_we_in_a_quote_is_the_speaker_named_after_it() -> None:
    text = (
        "The war cost Russia dearly, an aide said on Friday. "
        '"We assess that Russia has lost over 70,000 soldiers," Pentagon spokesman Pat '
        "Ryder told reporters."
    )
    assert claimants(text)[-1] == "Pat Ryder"


def test_an_unnamed_official_named_in_the_next_sentence() -> None:
    text = (
        "Some 9,000 Russian soldiers died near the town, a Pentagon official said Tuesday.\n"
        '"We estimate more than 30,000 Russian casualties," Pentagon spokesman Pat Ryder '
        "told reporters."
    )
    assert claimants(text) == ["Pat Ryder", "Pat Ryder"]


UK_DI = "UK Defence Intelligence"


# Layouts seen on unseen articles: a clause or an aside is no name; the body a spokesman, a
# correspondent or an office stands for; a US agency is not Britain's.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a gerund opening the clause is no name
        (
            "Taking into account the above, estimates put Russian losses at 1,200 soldiers.",
            PUBLISHER,
        ),
        # an aside saying who runs the speaker stands between it and the verb
        (
            "The Oryx blog, run by analysts Jan Vos and Piet Smit, has counted 3,000 Russian "
            "tanks lost.",
            "Oryx",
        ),
        (
            "Oryx, a website run by analysts Jan Vos and Piet Smit, has documented 3,000 Russian "
            "tanks lost.",
            "Oryx",
        ),
        # the groups of forces report through the Russian ministry
        (
            "According to statements from spokesmen for Russian troop groups, Ukraine lost 1,200 "
            "soldiers over the past day.",
            RU_MOD,
        ),
        # a correspondent speaks for his outlet
        (
            "Air defence shot down 12 Russian drones overnight, a Newsline correspondent reports.",
            "Newsline",
        ),
        # "its governor": the office of the region named before, or the governor named before
        (
            "The Border region was shelled overnight. Its governor said 12 Ukrainian drones were "
            "shot down.",
            "Governor of Border Region",
        ),
        (
            "Governor Ivan Sokolov said the Border region was shelled overnight.\n\n"
            "Later the governor said 12 Ukrainian drones were shot down.",
            "Ivan Sokolov",
        ),
        # "Daily" is part of an outlet's name; a mistyped apostrophe is still one
        ("The Daily Express said Russia lost 40 tanks.", "The Daily Express"),
        (
            "Ukraine‘s Ministry of Defence said Russia lost 40 tanks.",
            "Ministry of Defence of Ukraine",
        ),
        # "the minister": the minister named before, not his ministry
        (
            "Defence Minister Marta Hnatiuk visited the front. The minister said Russia lost "
            "1,000 soldiers.",
            "Marta Hnatiuk",
        ),
        # a US agency, and a bare ministry in a text about a US leak, are not British
        (
            "According to the US Defense Intelligence Agency, Russia has lost 189,500 soldiers.",
            "US Defense Intelligence Agency (DIA)",
        ),
        ("Another US official said Russia had lost 50,000 soldiers.", "US official"),
        (
            "Russia lost 5,000 soldiers, Reuters said citing Ukrainian military intelligence.",
            "Defence Intelligence of Ukraine (HUR)",
        ),
        ("British intelligence said Russia had lost 1,200 tanks.", UK_DI),
    ],
)
def test_unseen_layouts(text: str, claimant: str) -> None:
    assert claimants(text)[-1] == claimant


def test_a_us_leak_is_not_credited_to_britain() -> None:
    text = (
        "US intelligence documents leaked online. The Defense Ministry said Russia has lost "
        "189,500 soldiers."
    )
    assert not any("UK" in c for c in claimants(text))


# An outlet citing a source hands the figures to it; a person citing data still speaks.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Russia lost 500,000 soldiers, the Kyiv Independent reported, citing the General "
            "Staff.",
            GS,
        ),
        (
            "Citing the Ukrainian General Staff, Reuters reported that Russia lost 500,000 "
            "soldiers.",
            GS,
        ),
        (
            "The Kyiv Independent, citing the General Staff, reported that Russia lost 500,000 "
            "soldiers.",
            GS,
        ),
        ("Reuters, citing unnamed sources, reported that Russia lost 500,000 soldiers.", "Reuters"),
        (
            "Analyst Jan Kowal, citing intelligence data, said Russia lost 500,000 soldiers.",
            "Jan Kowal",
        ),
    ],
)
def test_an_outlet_citing_a_source_is_not_the_claimant(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


# "Source: X on Facebook", a line of its own above or below the list an outlet republishes.
@pytest.mark.parametrize(
    "text",
    [
        "Russian losses as of May 1\n\nSource: General Staff of the Armed Forces of Ukraine on "
        "Facebook\n\nThe total combat losses of the enemy were approximately:\n\n"
        "personnel - about 470,000 (+1,200) persons,\ntanks - 7,300 (+12),",
        "Russian losses as of May 1, Ukrinform reports.\n\nThe total combat losses of the "
        "enemy were approximately:\n\npersonnel - about 470,000 (+1,200) persons,\n"
        "tanks - 7,300 (+12),\n\nSource: the General Staff",
    ],
)
def test_a_source_line_names_the_claimant(text: str) -> None:
    assert set(claimants(text)) == {GS}


def test_a_photo_source_line_is_no_claimant() -> None:
    text = "Russia lost 40 tanks in the battle.\n\nPhoto source: the General Staff"
    assert claimants(text) == [PUBLISHER]


# A quotation over several sentences: the speaker named after it closes speaks for all of them.
@pytest.mark.parametrize("mark", [('"', '"'), ("“", "”")])
def test_a_quote_over_sentences_is_its_closing_speakers(mark: tuple[str, str]) -> None:
    text = (
        "Fighting went on near the town, local officials reported.\n\n"
        f"{mark[0]}Air defence systems shot down 40 Ukrainian drones. Two Ukrainian tanks were "
        f"lost,{mark[1]} the Russian ministry said in a statement."
    )
    assert claimants(text) == [RU_MOD, RU_MOD]


def test_a_described_official_is_the_titled_person_named_next() -> None:
    text = (
        "Russia is losing up to 25,000 soldiers a month, NATO’s top civilian official said.\n"
        "“The losses are massive,” NATO Secretary General Ivan Sokolov told lawmakers."
    )
    assert claimants(text) == ["Ivan Sokolov"]


# A speaker quoted reporting what another body counted: the body that "has recorded" the
# figure names its own source inside the reported speech.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Kyiv has recorded at least 8,000 dead among its troops.", "Kyiv"),
        (
            "Colin Price, a senior defence official, spoke to reporters on Monday. Price said "
            "the fighting was fierce and that Ukraine has recorded at least 8,000 dead.",
            "Ukraine",
        ),
        (
            "Ukraine's Defence Ministry has documented 4,100 deaths among its soldiers.",
            "Ministry of Defence of Ukraine",
        ),
        ("Price said Kyiv has counted at least 8,000 dead among its soldiers.", "Kyiv"),
        ("Price said Russia had lost at least 8,000 troops.", "Price"),
    ],
)
def test_a_body_that_has_recorded_is_its_own_source(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


# Two spokesmen named together, each with the unit he speaks for: both names, joined, never
# the second name glued to its unit, nor the title before the first.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Spokesmen Pavel Orlov of the East group and Igor Semenov of the Centre group said "
            "Ukraine lost up to 140 soldiers.",
            "Pavel Orlov and Igor Semenov",
        ),
        (
            "Col. Anton Lysak of the 3rd brigade and Oleh Marchuk from the border guard reported "
            "that Russia lost 95 soldiers.",
            "Anton Lysak and Oleh Marchuk",
        ),
    ],
)
def test_two_spokesmen_each_of_his_unit(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


# A report named once with its author at the top; later paragraphs relay it ("the report
# said") after someone else has spoken: the report's author, not the last speaker.
@pytest.mark.parametrize(
    "text",
    [
        "Russia lost 620 troops on Sunday, according to the latest report by Ukraine's General "
        "Staff.\n\nPresident Volodymyr Zelensky said on Sunday that the army would hold its "
        "lines.\n\nRussia also lost five tanks and 14 artillery systems, the report said.",
        "The General Staff's daily update put Russia's losses at 540 troops.\n\nDefence Minister "
        "Rustem Umerov said the front was stable.\n\nRussia also lost nine tanks, the update "
        "said.",
    ],
)
def test_the_report_said_is_its_author_named_before(text: str) -> None:
    assert set(claimants(text)) == {GS}


# A headline in which an event "claims" lives: the event is no claimant; the body that the
# article names speaks, else the publisher.
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Russia's Offensive Claims Over 900 Ukrainian Soldiers Killed in Past Day\n\n"
            "Moscow's forces pushed on near Kupiansk on Monday.",
            PUBLISHER,
        ),
        (
            "The Kremlin's War Claims 700 More Ukrainian Soldiers Killed This Week\n\nFighting "
            "went on in the east.",
            PUBLISHER,
        ),
        (
            "The Institute for the Study of War said Russia lost 1,200 soldiers.",
            "Institute for the Study of War",
        ),
    ],
)
def test_an_event_that_claims_lives_is_no_claimant(text: str, claimant: str) -> None:
    assert claimants(text) == [claimant]


# Two spokesmen each of his unit, each figure's clause naming one unit: each his own figure;
# a clause naming neither keeps the pair.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spokesmen Pavel Orlov of the East group and Igor Semenov of the Centre group said "
            "Ukraine lost up to 140 soldiers in the East group's zone and over 190 soldiers in "
            "the Centre group's zone.",
            ["Pavel Orlov", "Igor Semenov"],
        ),
        (
            "Spokesmen Pavel Orlov of the East group and Igor Semenov of the Centre group said "
            "Ukraine lost up to 140 soldiers near Avdiivka and over 190 soldiers near Toretsk.",
            ["Pavel Orlov and Igor Semenov"] * 2,
        ),
    ],
)
def test_each_spokesman_his_units_figure(text: str, expected: list[str]) -> None:
    assert claimants(text) == expected


@pytest.mark.parametrize(
    ("np", "is_name"),
    [
        ("Next on the list in terms of", False),
        ("D.C.-based", False),
        ("But I", False),
        ("And the ministry", False),
        ("the Vienna-based", False),
        ("Institute for the Study of War", True),
        ("Ivan Petrenko", True),
    ],
)
def test_a_phrase_cut_before_or_after_its_noun_is_no_name(np: str, is_name: bool) -> None:
    assert valid_np(np) is is_name


@pytest.mark.parametrize(
    ("np", "outlet"),
    [
        ("ukrinform.net website", True),
        ("the example-news.com site", True),
        ("Kyiv Independent", True),
        ("the General Staff", False),
        ("Institute for the Study of War", False),
    ],
)
def test_an_outlet_by_its_web_address(np: str, outlet: bool) -> None:
    assert is_outlet(np) is outlet
