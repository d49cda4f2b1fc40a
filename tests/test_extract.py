"""The claim extractor: which numbers are loss claims, and how each claim is labelled."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.ingest.extract import EXTRACTOR_VERSION, extract_claims

PUB = dt.date(2023, 4, 2)


def run(text: str, published: dt.date | None = PUB, publisher: str = "Daily Example") -> list:
    return extract_claims(
        text,
        article_id="a1",
        publisher=publisher,
        published=published,
        fallback_date=dt.date(2024, 1, 1),
    )


def one(text: str, **kwargs):
    claims = run(text, **kwargs)
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("Ukraine's General Staff said Russia has lost 174,550 troops.", "personnel", 174550),
        ("The army said Russia lost 23 tanks.", "tanks", 23),
        ("The army said Russia lost 39 armored fighting vehicles.", "afv", 39),
        ("The army said Russia lost 56 artillery systems.", "artillery", 56),
        ("The army said Russia lost 50 multiple rocket launchers.", "mlrs", 50),
        ("The army said Russia lost 18 air defence units.", "air_defense", 18),
        ("The army said Russia lost one aircraft.", "aircraft", 1),
        ("The army said Russia lost 37 helicopters.", "helicopters", 37),
        ("The army said Russia lost 33 drones.", "drones", 33),
        ("The army said it shot down 87 cruise missiles.", "cruise_missiles", 87),
        ("The army said Russia lost two speed boats.", "ships", 2),
        ("The army said Russia lost 60 fuel tanks.", "vehicles", 60),
        ("The army said Russia lost 6 special vehicles.", "special_equipment", 6),
        (
            "The army said Russia lost 224 pieces of weapons and military equipment.",
            "equipment_total",
            224,
        ),
        ("The navy said a submarine was destroyed in the strike.", "submarines", 1),
    ],
)
def test_metric_from_noun(text: str, metric: str, value: int) -> None:
    """The noun after the figure names the metric through the lexicon."""
    c = one(text)
    assert (c.metric, c.value) == (metric, value)


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("nearly 4,000", "approx"),
        ("about 4,000", "approx"),
        ("roughly 4,000", "approx"),
        ("over 4,000", "at_least"),
        ("more than 4,000", "at_least"),
        ("at least 4,000", "at_least"),
        ("up to 4,000", "at_most"),
        ("as many as 4,000", "at_most"),
        ("4,000", "exact"),
    ],
)
def test_qualifier(phrase: str, qualifier: str) -> None:
    """The words just before the figure give the qualifier, and the quote keeps them."""
    c = one(f"Officials said Russia had lost {phrase} soldiers since the invasion.")
    assert c.qualifier == qualifier
    assert c.quote.startswith(phrase)


def test_range_is_two_claims() -> None:
    """ "between A and B" is A at_least and B at_most."""
    claims = run("Analysts estimate Russia has suffered between 150,000 and 190,000 casualties.")
    assert [(c.value, c.qualifier) for c in claims] == [(150000, "at_least"), (190000, "at_most")]


@pytest.mark.parametrize(
    ("text", "period", "start"),
    [
        ("The army said Russia lost 370 soldiers in a single day.", "window", PUB),
        (
            "The army said Russia lost 900 soldiers over the past week.",
            "window",
            dt.date(2023, 3, 27),
        ),
        ("The army said Russia lost 4,000 troops since March 27.", "window", dt.date(2023, 3, 27)),
        (
            "The army said Russia had lost 174,550 troops since the start of the invasion.",
            "cumulative",
            dt.date(2022, 2, 24),
        ),
        ("The army said Russia had lost 1,077 tanks in total.", "cumulative", dt.date(2022, 2, 24)),
    ],
)
def test_period(text: str, period: str, start: dt.date) -> None:
    """Window and cumulative cues set the period and its first day."""
    c = one(text)
    assert (c.period, c.period_start) == (period, start)


def test_as_of_from_explicit_date() -> None:
    """A date the sentence gives beats the published date."""
    c = one("Russia lost 40 tanks, the General Staff said on March 30.")
    assert c.as_of == dt.date(2023, 3, 30)


def test_as_of_falls_back_to_published_then_fallback() -> None:
    """Without a date in the text, as_of is the published date, else the fallback."""
    assert one("The army said Russia lost 40 tanks.").as_of == PUB
    assert one("The army said Russia lost 40 tanks.", published=None).as_of == dt.date(2024, 1, 1)


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Russia lost 40 tanks, the General Staff of Ukraine's Armed Forces reported.",
            "General Staff of the Armed Forces of Ukraine",
        ),
        (
            "According to the Ukrainian Defense Ministry, Russia lost 40 tanks.",
            "Ministry of Defence of Ukraine",
        ),
        (
            "Russia's defence ministry said its forces shot down 3 Ukrainian jets.",
            "Ministry of Defence of the Russian Federation",
        ),
        (
            "First Deputy Defense Minister Oleksandr Pavliuk said Russia lost 40 tanks.",
            "Ministry of Defence of Ukraine",
        ),
        ("The Ukrainian Army (UA) announced that Russia lost 40 tanks.", "Armed Forces of Ukraine"),
        ("Russia lost 40 tanks.", "Daily Example"),
    ],
)
def test_claimant(text: str, claimant: str) -> None:
    """Attribution maps through the alias table; with no one named, the publisher claims."""
    assert one(text).claimant == claimant


def test_claimant_carries_through_the_paragraph() -> None:
    """A later sentence of the same paragraph keeps the earlier attribution."""
    text = "The General Staff said Russia lost 40 tanks. It also lost 12 helicopters."
    assert {c.claimant for c in run(text)} == {"General Staff of the Armed Forces of Ukraine"}


def test_headline_prefix_names_the_claimant() -> None:
    """ "Defense Ministry: ..." in a headline attributes its figure."""
    c = one("Navy: Russia lost 3 warships in a week\n\nA local paper covered the story.")
    assert c.claimant_text == "Navy"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The army said it killed 370 Russian soldiers.", "russia"),
        ("Moscow said it destroyed 3 Ukrainian jets.", "ukraine"),
        ("The army said Russia lost 40 tanks.", "russia"),
        ("Russia's defence ministry said its forces destroyed 12 tanks.", "ukraine"),
    ],
)
def test_subject(text: str, subject: str) -> None:
    """Whose losses: the noun phrase, then the loser, then the claimant's enemy."""
    assert one(text).subject == subject


def test_list_inherits_subject_period_and_claimant() -> None:
    """Items of a list share the sentence's subject, period and claimant."""
    text = (
        "According to the ministry, Russia lost 224 pieces of equipment over the past week, "
        "including one aircraft, 33 drones and 23 tanks."
    )
    claims = run(text)
    assert [c.value for c in claims] == [224, 1, 33, 23]
    assert {(c.subject, c.period, c.claimant) for c in claims} == {
        ("russia", "window", "Ministry of Defence of Ukraine")
    }


def test_headline_restatement_is_merged() -> None:
    """A headline repeating a body figure is one claim, kept at its body occurrence."""
    text = "Russia lost 60K soldiers, army says\n\nThe army said Russia lost 60,000 soldiers."
    c = one(text)
    assert c.quote == "60,000 soldiers"


def test_rounded_restatement_is_its_own_claim() -> None:
    """A rounded figure with another value is a separate claim."""
    text = "The army said Russia lost 8,280 tanks, or over 8,000 tanks in all."
    assert sorted(c.value for c in run(text)) == [8000, 8280]


@pytest.mark.parametrize(
    "text",
    [
        "The US announced a $1 billion aid package with 31 tanks for Ukraine.",
        "Kyiv said it would receive 31 Abrams tanks this year.",
        "The 80th Brigade fought near Bakhmut on March 26, 2023.",
        "A Kh-59 missile and 3 Shahed-136 launchers were seen in 2022.",
        "The UN said 30,000 civilians have been killed or injured.",
        "It was not 300,000 killed, as the Kremlin claims, the president said.",
        "Russia launched 40 drones overnight.",
        "The front line is more than 600 miles long and 1,000 km wide.",
        "Both sides have lost more than 100,000 troops combined.",
        "Russia could lose 50,000 troops by summer, analysts warn.",
    ],
)
def test_not_a_loss_claim(text: str) -> None:
    """Aid, dates, model numbers, civilians, denials, launches, distances, totals of both
    sides and forecasts yield nothing."""
    assert run(text) == []


def test_furniture_is_skipped() -> None:
    """A sidebar's figures are another story's."""
    text = "The army said Russia lost 40 tanks.\n\nNews Feed\n5:26 PM\nRussia lost 90 tanks.\n"
    assert [c.value for c in run(text)] == [40]


def test_ids_are_deterministic_and_ignore_the_value() -> None:
    """Re-extraction gives the same ids; editing a figure keeps the claim id."""
    a = run("The army said Russia lost 40 tanks.")
    b = run("The army said Russia lost 41 tanks.")
    assert a == run("The army said Russia lost 40 tanks.")
    assert a[0].claim_id == b[0].claim_id


def test_version_is_a_string() -> None:
    """The extractor is versioned so stored claims can say what produced them."""
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


_WORDS = st.sampled_from(
    [
        "Russia",
        "lost",
        "over",
        "1,000",
        "tanks",
        "between",
        "and",
        "-",
        "said",
        "the army",
        "\n",
        "(+",
        ")",
        "in a single day",
        ".",
        ",",
        "since",
        "March 27",
        "a",
        "submarine",
        "forty four",
        "News Feed",
        ":",
        "according to",
        "K",
        "2.4K",
        "—",
        "Feb.",
        "24,",
        "2022",
        "killed",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_WORDS, max_size=40).map(" ".join)))
def test_never_raises_and_quotes_are_exact(text: str) -> None:
    """Any text extracts without error, and every quote is the text at its span."""
    for c in run(text):
        assert c.span is not None and text[c.span[0] : c.span[1]] == c.quote
