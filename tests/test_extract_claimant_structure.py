"""Claimants decided by the shape of the text, not by its phrasing: the name before an
apposition, a quotation's speaker for every sentence inside it, an outlet the article says
only relays a source, one name for the US intelligence community. Examples in our own words.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import tidy_np, valid_np
from ledger.ingest.quote_speakers import closing_speaker
from ledger.ingest.relays import outlet_key
from ledger.ingest.sentences import Sentence, split_sentences
from ledger.ingest.surnames import full_names
from tests.samples import extract_text

PUBLISHER = "Daily Example"
GS = "General Staff of the Armed Forces of Ukraine"


DAY = dt.date(2024, 5, 6)


def credited(text: str) -> list[tuple[int, str]]:
    claims = extract_text(text, published=DAY, publisher=PUBLISHER, fallback_date=DAY)
    return [(c.value, c.claimant) for c in claims]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (  # a title with abbreviation dots
            "Russia has lost as many as 61,000 troops since spring, Ivan Petrenko, U.S. "
            "deputy undersecretary of defense for policy, said on Monday.",
            "Ivan Petrenko",
        ),
        (  # a capitalised, hyphenated title
            "Oksana Melnyk, Commander-in-Chief of the Territorial Defence Forces, has said "
            "drones killed 3,100 Russian soldiers in March.",
            "Oksana Melnyk",
        ),
        (  # whose aide he is does not speak
            "Petro Hrytsenko, Ukrainian President Volodymyr Zelensky's chief of staff, said "
            "Russia had freed 64 Ukrainian prisoners.",
            "Petro Hrytsenko",
        ),
        (  # right after a quotation closes
            "“The Russians probably took 61,000 casualties in six months,” Ivan Petrenko, the "
            "undersecretary of defense for policy, told reporters.",
            "Ivan Petrenko",
        ),
        (  # a name of five words, ranks and initials
            "Lt. Gen. Marta K. Olsen, director of the Defense Intelligence Agency, told "
            "lawmakers that 4,000 Russian troops had died.",
            "Marta K. Olsen",
        ),
        (  # a rank before the name is no part of it
            "The Russian air force has lost over 90 aircraft, General Marta K. Olsen, the "
            "commander of U.S. Air Forces in Europe, said.",
            "Marta K. Olsen",
        ),
    ],
)
def test_the_name_before_an_apposition_speaks(text: str, claimant: str) -> None:
    assert [c for _, c in credited(text)] == [claimant]


@pytest.mark.parametrize(
    "text",
    [
        # the figure in the middle sentence of a three-sentence quotation
        "“Nobody counts precisely. Still, the Russians have probably lost 45,000 soldiers "
        "this winter. That includes the wounded,” Ivan Petrenko said.",
        # straight quotes, the figure in the second of two sentences
        '"The front is quiet now. The enemy lost 300 soldiers in a day," Ivan Petrenko said.',
    ],
)
def test_a_quotation_speaker_speaks_for_every_sentence_inside_it(text: str) -> None:
    assert [c for _, c in credited(text)] == ["Ivan Petrenko"]


def test_a_sentence_after_a_closed_quotation_is_not_the_quoted_speakers() -> None:
    text = (
        "“The front is quiet,” Ivan Petrenko said. Russia lost 300 soldiers in a day, the "
        "General Staff said."
    )
    assert credited(text) == [(300, GS)]


@pytest.mark.parametrize(
    "text",
    [
        "Russia has lost 7,105 tanks, the General Staff said on Friday, as cited by the state "
        "news agency Newsline.\nOn Thursday alone, 930 Russian soldiers were killed, according "
        "to the newsline.net website.",
        "Russia has lost 7,105 tanks, the General Staff said, as quoted by Newsline.\n\n"
        "Russia lost 930 soldiers on Thursday, Newsline reported.",
    ],
)
def test_an_outlet_the_article_says_relays_a_source_hands_its_figures_on(text: str) -> None:
    assert credited(text) == [(7105, GS), (930, GS)]


def test_an_outlet_named_as_relaying_nobody_keeps_its_figures() -> None:
    text = (
        "Russia has lost 7,105 tanks, the General Staff said.\n\n"
        "Russia lost 930 soldiers on Thursday, Newsline reported."
    )
    assert credited(text) == [(7105, GS), (930, "Newsline")]


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("the newsline.net website", "newsline"),
        ("state news agency Newsline", "newsline"),
        ("Newsline.", "newsline"),
        ("www.newsline.com.ua", "newsline"),
    ],
)
def test_an_outlet_is_known_however_the_article_writes_it(written: str, key: str) -> None:
    assert outlet_key(written) == key


@pytest.mark.parametrize("written", ["US intel", "U.S. intelligence agencies", "US intelligence"])
def test_one_name_for_the_us_intelligence_community(written: str) -> None:
    text = f"Russia has suffered 189,500 casualties, according to {written}."
    assert [c for _, c in credited(text)] == ["US intelligence"]


def test_a_quotation_closed_without_a_speaker_takes_no_later_quotations_speaker() -> None:
    text = (
        "“We held the line. The enemy lost 300 soldiers.” Then came a second voice: “Nothing "
        "is settled,” Ivan Petrenko said."
    )
    assert [c for _, c in credited(text)] != ["Ivan Petrenko"]


@pytest.mark.parametrize(
    ("closing", "speaker"),
    [
        (",” Ivan Petrenko said.", "Ivan Petrenko"),
        (",” the statement said.", None),  # whose statement: the carried source says
    ],
)
def test_inside_a_quotation_only_a_named_closing_speaker_speaks(
    closing: str, speaker: str | None
) -> None:
    text = (
        "“The attack was repelled. As a result, 25 drones were shot down. Three more fell" + closing
    )
    sentences = split_sentences(text, [])
    found = closing_speaker(text, sentences, 1)
    assert (found.text if found else None) == speaker


@pytest.mark.parametrize(
    "text",
    [
        # a bullet hard-wrapped at a function word, the next line opening with the figure
        "- The ministry last gave a toll in May, when minister Ivan Petrenko said that\n"
        "4,100 Russian troops had been killed.\n- Another line follows here.",
        # wrapped after a bullet's first word, the next line in lower case
        "- According\nto Ivan Petrenko, Russia has lost 4,100 troops.",
    ],
)
def test_a_line_cut_mid_sentence_goes_on_in_the_next(text: str) -> None:
    assert credited(text) == [(4100, "Ivan Petrenko")]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("512,430 military personnel\n7,910 tanks\n", 2),  # a list's rows end in no word
        ("Air defence downs 28 drones, Ukraine says\nRussia launched 31 drones overnight.", 2),
        ("- 7,910 tanks and\n- 512 aircraft", 2),  # the next line opens with a bullet
        ("Russia lost many soldiers in\nthe battles for the city.", 1),
    ],
)
def test_which_lines_go_on(text: str, lines: int) -> None:
    assert len({s.para for s in split_sentences(text, [])}) == lines


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Losses reached 41,000 by the end of 2025.For context, that is a lot.", 2),
        ("Kyiv counted 300 drones.The army said so.", 2),
        ("Censor.NET reported it. He flew to St.Petersburg.", 2),  # a name's dot goes on
        ("The figure was 1.5 million.", 1),
    ],
)
def test_a_stop_without_its_space_still_ends_a_sentence(text: str, sentences: int) -> None:
    assert len(split_sentences(text, [])) == sentences


def test_a_hedge_in_the_next_sentence_run_on_is_not_the_figures() -> None:
    text = (
        "A report by the Institute for the Study of War estimates that Russia lost 41,000 "
        "troops.These figures reportedly exceed earlier wars."
    )
    assert credited(text) == [(41000, "Institute for the Study of War")]


SIGNED = (
    "- The total number of Russian losses since the start of the war now stands at over "
    "465,000.\nLatest Defence Intelligence update on the situation in Ukraine – 04 May 2024."
    "— Ministry of Defence 🇬🇧 (@DefenceHQ) May 4, 2024"
)


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (SIGNED, "UK Defence Intelligence"),  # the post's own lines: the signer's
        (
            "Russia lost 465,000 troops, Ivan Petrenko said.\n" + SIGNED[SIGNED.index("\n") + 1 :],
            "Ivan Petrenko",
        ),  # a figure whose speaker is named keeps him
        (
            "Russia lost 465,000 troops in the war.\n\n" + SIGNED[SIGNED.index("\n") + 1 :],
            PUBLISHER,
        ),  # a blank line: not the post's
    ],
)
def test_a_signed_post_speaks_for_its_unattributed_lines(text: str, claimant: str) -> None:
    assert [c for v, c in credited(text) if v == 465000] == [claimant]


@pytest.mark.parametrize(
    ("text", "said", "claimant"),
    [
        (
            "Under Secretary Marta Olsen was cited by Newsline. Later, Olsen said",
            "Olsen",
            "Marta Olsen",
        ),
        ("Fighting spread across Western Ukraine. Later, Ukraine said", "Ukraine", "Ukraine"),
        ("The analysts spoke. Later, Olsen said", "Olsen", "Olsen"),  # nobody named in full
        ("Later, Olsen said. Marta Olsen left.", "Olsen", "Olsen"),  # named in full only after
    ],
)
def test_a_surname_is_the_person_named_in_full_before(text: str, said: str, claimant: str) -> None:
    at = text.index("Later")
    sentences = [Sentence(0, at, 1, False), Sentence(at, len(text), 1, False)]
    cand = Cand("tanks", 3000, "exact", at, len(text), 1, claimant=said)
    full_names(text, sentences, [cand])
    assert cand.claimant == claimant


def periods(text: str) -> list[tuple[int, str]]:
    claims = extract_text(text, published=DAY, publisher=PUBLISHER, fallback_date=DAY)
    return [(c.value, c.period) for c in claims]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (  # the swap named the sentence before: its returns
            "Russia and Ukraine swapped prisoners on Monday. The ministry said 64 Ukrainian "
            "soldiers were released as part of the agreement.",
            "window",
        ),
        (  # "in total": the returns of the whole war
            "Russia and Ukraine swapped prisoners on Monday. The ministry said more than 3,200 "
            "Ukrainians in total have been released from captivity.",
            "cumulative",
        ),
    ],
)
def test_prisoners_released_just_after_the_swap_is_named(text: str, period: str) -> None:
    assert [p for _, p in periods(text)] == [period]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (  # the apposition in a paragraph's second sentence (which starts with a space)
            "Tanks burn in every video. Tankwatch, an open source intelligence website, has "
            "collected the evidence.\n\nThis week, the group said it has verified 1,200 "
            "Russian tank losses.",
            "Tankwatch",
        ),
        (  # an adverb before a body is no name, and a clause is no apposition
            "A study by the Institute for the Study of War estimates 40 thousand dead. "
            "Additionally, the General Staff reported similar figures, stating that Russia's "
            "losses exceed 1,050,000 servicemen.",
            GS,
        ),
        (  # a sentence adverb is no name before its apposition
            "Russia lost 300 soldiers on Monday, the General Staff said. Later, Ukraine's top "
            "commander, said 410 soldiers were lost on Tuesday.",
            "Ukraine's top commander",
        ),
    ],
)
def test_an_apposition_anywhere_in_a_paragraph(text: str, claimant: str) -> None:
    assert credited(text)[-1][1] == claimant


@pytest.mark.parametrize(
    "phrase", ["their verified information comes from public sources", "the tally was"]
)
def test_a_phrase_with_a_finite_verb_is_no_name(phrase: str) -> None:
    assert not valid_np(phrase)


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Russia lost 1,030 soldiers in a day, according to the Kiev bulletin.", GS),
        ("Russia lost 1,030 soldiers in a day, the Ukrainian military bulletin said.", GS),
        ("In September, Russia officially said 5,937 of its soldiers had died.", "Russia"),
    ],
)
def test_the_daily_bulletin_and_an_adverb_after_the_speaker(text: str, claimant: str) -> None:
    assert [c for _, c in credited(text)] == [claimant]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Russian sources typically", "Russian sources"),  # an adverb after it
        ("Kiev News by IANS |", "Kiev News by IANS"),  # a byline's bar
        ("the outlet *Izvestia*", "outlet Izvestia"),  # markdown emphasis
    ],
)
def test_markup_and_adverbs_are_no_part_of_a_name(phrase: str, name: str) -> None:
    assert tidy_np(phrase) == name


def test_a_demonstrative_opens_no_name() -> None:
    assert not valid_np("That aligns with Ukrainian")


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "NATO: Russia faces record losses\n\nIn September, Russia lost 1,271 soldiers a day.",
            "NATO",
        ),
        (  # a figure past the lead is not the headline's
            "NATO: Russia faces record losses\n\nThe war goes on.\n\nIn September, Russia lost "
            "1,271 soldiers a day.",
            PUBLISHER,
        ),
        (  # a lead figure whose speaker is named keeps him
            "NATO: Russia faces record losses\n\nIn September, Russia lost 1,271 soldiers a "
            "day, Ivan Petrenko said.",
            "Ivan Petrenko",
        ),
    ],
)
def test_a_headline_source_speaks_for_its_lead(text: str, claimant: str) -> None:
    assert [c for _, c in credited(text)] == [claimant]


@pytest.mark.parametrize("written", ["Ukraine's Air Force", "Ukraine's Air Forces"])
def test_the_air_force_by_one_name_singular_or_plural(written: str) -> None:
    text = f"{written} said 22 Russian drones were shot down overnight."
    assert [c for _, c in credited(text)] == ["Ukrainian Air Force"]
