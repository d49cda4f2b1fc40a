"""Specifications for the article readers (ledger/ingest/readers.py and the text, HTML and JSON
readers behind it; issue 3 items 1, 2 and 6)."""

from __future__ import annotations

import datetime
import json
import os
import time
from pathlib import Path

import pytest

from ledger.errors import InvalidInput
from ledger.ingest import readers
from ledger.ingest.readers import (
    MAX_ARTICLE_BYTES,
    ArticleDraft,
    ArticleReadError,
    apply_overrides,
    iter_article_files,
    read_article_bytes,
    read_article_file,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

BODY = (
    "Russia has lost about 174,550 troops since the invasion began, the General Staff said.\n\n"
    "It also reported 3,618 tanks destroyed.\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return str(path)


def read_one(tmp_path: Path, name: str, content: str | bytes) -> ArticleDraft:
    [draft] = read_article_file(write(tmp_path, name, content))
    return draft


def read_error(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = write(tmp_path, name, content)
    with pytest.raises(ArticleReadError) as caught:
        read_article_file(path)
    return str(caught.value)


# --- paths ---------------------------------------------------------------------------------


def test_directories_expand_recursively_in_sorted_order(tmp_path: Path) -> None:
    """A directory yields its article files, depth first and sorted, so runs are reproducible."""
    for name in ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.json", "z.htm", "y.markdown"]:
        write(tmp_path, name, "x")
    found = [os.path.relpath(p, tmp_path) for p in iter_article_files([str(tmp_path)])]
    assert found == [
        "a.md",
        "b.txt",
        "y.markdown",
        "z.htm",
        os.path.join("sub", "c.html"),
        os.path.join("sub", "deeper", "d.json"),
    ]


@pytest.mark.parametrize(
    "name",
    [".hidden.txt", ".git/notes.txt", "photo.png", "notes.pdf", "README.md", "data.csv"],
)
def test_directories_skip_hidden_unknown_and_readme_files(tmp_path: Path, name: str) -> None:
    """Hidden entries, unknown extensions and README files in a directory are not articles."""
    write(tmp_path, "story.txt", "x")
    write(tmp_path, name, "x")
    assert list(iter_article_files([str(tmp_path)])) == [str(tmp_path / "story.txt")]


def test_files_are_kept_as_given_and_in_order(tmp_path: Path) -> None:
    """Named files (even with an odd extension) pass through unchanged, in the caller's order."""
    second, first = write(tmp_path, "b.txt", "x"), write(tmp_path, "notes.pdf", "x")
    assert list(iter_article_files([first, "-", second])) == [first, "-", second]


def test_a_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    """A path that does not exist raises ArticleReadError with the path in the message."""
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(ArticleReadError, match=r"nope\.txt: no such file"):
        list(iter_article_files([missing]))


def test_a_directory_without_articles_is_an_error(tmp_path: Path) -> None:
    """A directory holding no article files is refused rather than silently skipped."""
    write(tmp_path, "only.csv", "a,b")
    with pytest.raises(ArticleReadError, match="no article files"):
        list(iter_article_files([str(tmp_path)]))


# --- bad input -----------------------------------------------------------------------------

BAD_FILES = [
    ("empty.txt", b"", "is empty"),
    ("blank.md", b"  \n\n\t\n", "is empty"),
    ("nul.txt", b"Russia lost\x00 5 tanks", "binary"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("controls.txt", bytes(range(1, 9)) * 20 + b"text", "binary"),
    ("latin1.txt", "Russia lost 5 tanks \u2013 caf\xe9".encode("latin-1", "replace"), "UTF-8"),
    ("broken.txt", b"Headline\n\xff\xfe broken", "not valid UTF-8"),
    ("utf16.txt", "Headline\nBody".encode("utf-16"), "is UTF-16, not UTF-8"),
    ("bad.json", b'{"title": "x", "text": ', "malformed JSON at line 1"),
    ("story.pdf", b"%PDF-1.7", "unsupported file type"),
]


@pytest.mark.parametrize(("name", "content", "problem"), BAD_FILES)
def test_bad_files_raise_one_line_naming_the_file(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    """Bad input raises ArticleReadError: one line, starting with the file's path."""
    message = read_error(tmp_path, name, content)
    assert message.startswith(str(tmp_path / name) + ": ")
    assert problem in message
    assert "\n" not in message


def test_read_errors_are_invalid_input() -> None:
    """ArticleReadError is InvalidInput, so the CLI exits 2 on it."""
    assert issubclass(ArticleReadError, InvalidInput)
    assert ArticleReadError("a.txt", "is empty").exit_code == 2


def test_a_huge_file_is_refused_by_its_size_without_reading_it(tmp_path: Path) -> None:
    """A 50 MB file is refused from its size alone, quickly (the message gives the real size)."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: costs nothing on disk
    started = time.perf_counter()
    with pytest.raises(ArticleReadError, match=r"too large \(50.0 MB; the limit is 5 MB\)"):
        read_article_file(str(path))
    assert time.perf_counter() - started < 1


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    """The limit is inclusive: a 5 MB article is still read."""
    line = "Russia lost 5 tanks.\n"
    content = "Headline\n" + line * ((MAX_ARTICLE_BYTES - 9) // len(line))
    assert len(content.encode()) <= MAX_ARTICLE_BYTES
    assert read_one(tmp_path, "big.txt", content).title == "Headline"


def test_too_many_stdin_bytes_are_refused() -> None:
    """Stdin is read to limit + 1 bytes; that many bytes are refused as too large."""
    with pytest.raises(ArticleReadError, match="<stdin>: too large"):
        read_article_bytes(b"a" * (MAX_ARTICLE_BYTES + 1), source="<stdin>")


@pytest.mark.parametrize("kind", [None, "text", "html", "json"])
def test_empty_stdin_is_refused_whatever_the_kind(kind: str | None) -> None:
    """Empty input is refused before any format is tried."""
    with pytest.raises(ArticleReadError, match="<stdin>: is empty"):
        read_article_bytes(b"", source="<stdin>", kind=kind)


def test_a_directory_is_not_an_article_file(tmp_path: Path) -> None:
    """Reading a directory as a file says so instead of failing obscurely."""
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ArticleReadError, match="is a directory"):
        read_article_file(str(tmp_path / "folder.txt"))


# --- plain text and markdown ---------------------------------------------------------------

D = datetime.date

TEXT_METADATA = [
    # (head of the file, title, publisher, author, published)
    (
        "Defence Ministry: Russia lost 4,000 soldiers\n\n"
        "by The Kyiv Independent news desk April 2, 2023 3:43 PM 1 min read\n",
        "Defence Ministry: Russia lost 4,000 soldiers",
        "The Kyiv Independent",
        "The Kyiv Independent news desk",
        D(2023, 4, 2),
    ),
    ("Headline\nBy Jane Doe, Reuters\n", "Headline", "Reuters", "Jane Doe", None),
    (
        "Headline\nBy Jane Doe | Reuters | Apr. 2, 2023\n",
        "Headline",
        "Reuters",
        "Jane Doe",
        D(2023, 4, 2),
    ),
    ("Headline\nBy Jane Doe and John Roe\n", "Headline", None, "Jane Doe and John Roe", None),
    ("Headline\nBy Олена Петренко, Укрінформ\n", "Headline", "Укрінформ", "Олена Петренко", None),
    (
        "Headline\nBy Frontline Digest staff\n",
        "Headline",
        "Frontline Digest",
        "Frontline Digest staff",
        None,
    ),
    ("Headline\nby The Frontline Digest\n", "Headline", "The Frontline Digest", None, None),
    (
        "# Markdown headline #\n\n*By Jane Doe, Reuters*\n",
        "Markdown headline",
        "Reuters",
        "Jane Doe",
        None,
    ),
    ("Headline\nPublished: 2 April 2023\n", "Headline", None, None, D(2023, 4, 2)),
    ("Headline\nPosted on 2nd of April, 2023\n", "Headline", None, None, D(2023, 4, 2)),
    ("Headline\nApril 2, 2023\n", "Headline", None, None, D(2023, 4, 2)),
    ("Headline\nApr. 2, 2023 | 09:15 EEST\n", "Headline", None, None, D(2023, 4, 2)),
    ("Headline\n2023-04-02\n", "Headline", None, None, D(2023, 4, 2)),
    ("Headline\n2023-04-02T15:43:00+03:00\n", "Headline", None, None, D(2023, 4, 2)),
    ("Headline\nTuesday, October 4 2022\n", "Headline", None, None, D(2022, 10, 4)),
    ("Headline\n04.10.2022\n", "Headline", None, None, D(2022, 10, 4)),
    ("Skip to content\nEdit post\n\nReal headline\n", "Real headline", None, None, None),
    ("---\n## **Bold headline**\n", "Bold headline", None, None, None),
]


@pytest.mark.parametrize(("head", "title", "publisher", "author", "published"), TEXT_METADATA)
def test_text_metadata_comes_from_the_top_of_the_file(
    tmp_path: Path,
    head: str,
    title: str,
    publisher: str | None,
    author: str | None,
    published: datetime.date | None,
) -> None:
    """Title is the first real line; byline and date lines near it give publisher/author/date."""
    draft = read_one(tmp_path, "story.txt", head + "\n" + BODY)
    assert (draft.title, draft.publisher, draft.author, draft.published) == (
        title,
        publisher,
        author,
        published,
    )


NOT_METADATA = [
    ("a date inside a sentence", "Headline\nOn Tuesday, October 4 2022, the army said 5 tanks.\n"),
    ("a sentence starting with By", "Headline\nBy Tuesday, Russian forces had lost 300 tanks.\n"),
    ("an updated line", "Headline\nUpdated: April 5, 2023\n"),
    ("an impossible date", "Headline\nFebruary 30, 2023\n"),
    ("a date far below the top", "Headline\n" + "Filler paragraph.\n" * 20 + "April 2, 2023\n"),
]


@pytest.mark.parametrize(("case", "head"), NOT_METADATA, ids=[c for c, _ in NOT_METADATA])
def test_text_lines_that_are_not_bylines_or_datelines_give_nothing(
    tmp_path: Path, case: str, head: str
) -> None:
    """Body sentences, "Updated" lines and invalid dates are not taken as byline or date."""
    draft = read_one(tmp_path, "story.txt", head + BODY)
    assert (draft.publisher, draft.author, draft.published) == (None, None, None)


def test_text_keeps_the_whole_file_with_crlf_normalised(tmp_path: Path) -> None:
    """`text` is the file's full text (claim offsets point into it); only CRLF becomes LF."""
    content = "Headline\r\nby Jane Doe\r\n\r\n  Body with  spaces\tand a lone \r kept.\r\n"
    draft = read_one(tmp_path, "story.txt", content)
    assert draft.text == content.replace("\r\n", "\n")


def test_a_utf8_bom_is_dropped(tmp_path: Path) -> None:
    """A UTF-8 byte order mark is accepted and does not reach the title or text."""
    draft = read_one(tmp_path, "story.txt", b"\xef\xbb\xbfHeadline\n\nBody.\n")
    assert draft.title == "Headline"
    assert draft.text == "Headline\n\nBody.\n"


def test_a_url_alone_near_the_top_is_the_article_url(tmp_path: Path) -> None:
    """Saved notes often record the page address on a line of its own; it becomes the url."""
    draft = read_one(tmp_path, "story.txt", "Headline\nSource: https://news.example/a/1\n\n" + BODY)
    assert draft.url == "https://news.example/a/1"


def test_a_long_first_line_is_shortened_into_a_title(tmp_path: Path) -> None:
    """A file that starts with a whole paragraph gets a short title; its text is untouched."""
    paragraph = "Russia lost many tanks " * 30
    draft = read_one(tmp_path, "story.txt", paragraph + "\n")
    assert len(draft.title) <= 201 and draft.title.endswith("…")
    assert draft.text == paragraph + "\n"


def test_text_drafts_name_their_source(tmp_path: Path) -> None:
    """A draft's source is the path it was read from."""
    path = write(tmp_path, "story.md", "Headline\n" + BODY)
    assert read_article_file(path)[0].source == path


# --- JSON ----------------------------------------------------------------------------------

ARTICLE = {
    "url": "https://news.example/a/1",
    "title": "Russia lost 560 troops in a day",
    "publisher": "Frontline Digest",
    "author": "Jane Doe",
    "published": "2023-04-02",
    "text": "Russia lost 560 troops in a day, the General Staff said.",
}


def test_a_json_object_is_one_draft(tmp_path: Path) -> None:
    """A JSON article object gives one draft with every field as written."""
    draft = read_one(tmp_path, "a.json", json.dumps(ARTICLE))
    assert draft == ArticleDraft(
        source=str(tmp_path / "a.json"),
        title=ARTICLE["title"],
        text=ARTICLE["text"],
        publisher="Frontline Digest",
        author="Jane Doe",
        published=D(2023, 4, 2),
        url="https://news.example/a/1",
    )


def test_a_json_list_gives_drafts_in_order(tmp_path: Path) -> None:
    """A JSON list of article objects gives one draft per object, in the list's order."""
    later = dict(ARTICLE, text="Russia lost 690 troops in a day, the General Staff said.")
    drafts = read_article_file(write(tmp_path, "a.json", json.dumps([ARTICLE, later])))
    assert [d.text for d in drafts] == [ARTICLE["text"], later["text"]]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"published": "2023-04-02T15:43:00+03:00"}, {"published": D(2023, 4, 2)}),
        ({"published": "2023-04-02T12:43:00Z"}, {"published": D(2023, 4, 2)}),
        ({"url": None, "publisher": None, "author": None}, {"url": None, "publisher": None}),
        ({"author": "  "}, {"author": None}),
        ({"text": "Line one\r\nLine two"}, {"text": "Line one\nLine two"}),
    ],
)
def test_json_fields_are_normalised(tmp_path: Path, fields: dict, expected: dict) -> None:
    """ISO datetimes give their date, null or blank optional fields are None, CRLF becomes LF."""
    draft = read_one(tmp_path, "a.json", json.dumps(dict(ARTICLE, **fields)))
    assert {key: getattr(draft, key) for key in expected} == expected


def test_json_optional_fields_may_be_left_out(tmp_path: Path) -> None:
    """Only title and text are required."""
    draft = read_one(tmp_path, "a.json", json.dumps({"title": "T", "text": "Body."}))
    assert (draft.url, draft.publisher, draft.author, draft.published) == (None,) * 4


BAD_JSON = [
    ("missing text", {"title": "T"}, "missing 'text'"),
    ("missing title", {"text": "Body"}, "missing 'title'"),
    ("blank text", {"title": "T", "text": "   "}, "missing 'text'"),
    ("typo key", dict(ARTICLE, publised="2023-04-02"), "unknown key 'publised'"),
    ("typo hint", dict(ARTICLE, publised="2023-04-02"), "did you mean 'published'?"),
    ("number date", dict(ARTICLE, published=20230402), "'published' must be a string"),
    ("list text", dict(ARTICLE, text=["a", "b"]), "'text' must be a string, got a list"),
    ("bool url", dict(ARTICLE, url=True), "'url' must be a string, got a boolean"),
    ("bad date", dict(ARTICLE, published="2 April 2023"), "must be YYYY-MM-DD"),
    ("impossible date", dict(ARTICLE, published="2023-02-30"), "must be YYYY-MM-DD"),
    ("empty list", [], "empty list"),
    ("list of strings", ["a"], "article 1: expected a JSON object, got a string"),
    ("second item bad", [ARTICLE, {"title": "T"}], "article 2: missing 'text'"),
    ("top-level string", "just text", "must hold a JSON article object"),
]


@pytest.mark.parametrize(("case", "value", "problem"), BAD_JSON, ids=[c for c, _, _ in BAD_JSON])
def test_bad_json_articles_are_refused_clearly(
    tmp_path: Path, case: str, value: object, problem: str
) -> None:
    """Malformed JSON articles raise one line naming the file, the item and the problem."""
    message = read_error(tmp_path, "a.json", json.dumps(value))
    assert message.startswith(str(tmp_path / "a.json") + ": ")
    assert problem in message
    assert "\n" not in message


# --- stdin ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (b"<html><body><h1>From HTML</h1><p>Russia lost 5 tanks.</p></body></html>", "From HTML"),
        (b'  {"title": "From JSON", "text": "Body."}', "From JSON"),
        (b'[{"title": "From a JSON list", "text": "Body."}]', "From a JSON list"),
        (b"From text\n\nRussia lost 5 tanks.\n", "From text"),
    ],
)
def test_stdin_kind_is_sniffed_from_the_first_character(data: bytes, title: str) -> None:
    """Without a kind: "<" reads as HTML, "{" or "[" as JSON, anything else as text."""
    [draft] = read_article_bytes(data, source="<stdin>")
    assert (draft.title, draft.source) == (title, "<stdin>")


def test_an_explicit_kind_wins_over_sniffing() -> None:
    """kind="text" reads markup literally, keeping every character of it."""
    data = b"<p>Headline</p>\nBody."
    [draft] = read_article_bytes(data, source="<stdin>", kind="text")
    assert draft.text == data.decode()


# --- HTML ----------------------------------------------------------------------------------

STORY = """
<p>Russia has lost about 175,160 troops since the full-scale invasion began, the General Staff
of Ukraine's Armed Forces said on Monday in its regular morning report on the war.</p>
<p>The General Staff said 610 Russian soldiers were killed or wounded over the past day, and
that seven more artillery systems and one more tank had been destroyed since Sunday.</p>
<p>The figures could not be verified independently, and Ukraine does not publish its own
losses. Fighting continued around Bakhmut, officials said late on Monday evening.</p>
"""

PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Russia's losses pass 175,000 | Test Monitor</title>
<meta property="og:site_name" content="Test Monitor">
<meta property="og:title" content="Russia's losses pass 175,000">
<meta property="og:url" content="https://monitor.example/og-url">
<link rel="canonical" href="https://monitor.example/canonical">
<meta property="article:published_time" content="2023-04-03T10:20:00+03:00">
<meta name="author" content="Jane Doe">
<style>.x {{ width: 4242px; }}</style>
<script>var tanksDestroyed = 31337;</script>
</head><body>
<nav><a href="/">Home</a> <a href="/day">Day 8080</a></nav>
<main><article><h1>Russia's losses pass 175,000</h1>{STORY}
<div class="support-box"><p>Support us with 7777 hryvnias a month; 2468 readers do.</p></div>
<div class="author-bio"><p>Jane Doe has written 1357 stories since 2014.</p></div>
</article></main>
<aside><h2>MORE NEWS</h2><ul>
<li>Air force shoots down 9191 drones overnight, officials say in a statement</li>
<li>Navy reports 5353 boats destroyed near the coast this week</li></ul></aside>
<div class="newsletter"><h3>Ukraine Daily</h3><p>Join 6464 subscribers today.</p></div>
<script>track({{"personnel": 999999}});</script>
</body></html>
"""

FURNITURE_NUMBERS = [
    "4242",
    "31337",
    "8080",
    "7777",
    "2468",
    "1357",
    "9191",
    "5353",
    "6464",
    "999999",
]


@pytest.fixture
def page_draft(tmp_path: Path) -> ArticleDraft:
    return read_one(tmp_path, "page.html", PAGE)


@pytest.mark.parametrize("number", FURNITURE_NUMBERS)
def test_html_furniture_numbers_never_reach_the_text(page_draft: ArticleDraft, number: str) -> None:
    """Scripts, styles, nav, sidebars, newsletter, donation and bio boxes are not in the text."""
    assert number not in page_draft.text


@pytest.mark.parametrize("sentence", ["about 175,160 troops", "610 Russian soldiers"])
def test_html_story_reaches_the_text(page_draft: ArticleDraft, sentence: str) -> None:
    """The story itself is kept."""
    assert sentence in page_draft.text


def test_html_text_is_the_title_then_the_story(page_draft: ArticleDraft) -> None:
    """HTML text is title + blank line + main text, the headline appearing once."""
    assert page_draft.text.startswith("Russia's losses pass 175,000\n\nRussia has lost about")
    assert page_draft.text.count("Russia's losses pass 175,000") == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Russia's losses pass 175,000"),
        ("publisher", "Test Monitor"),
        ("author", "Jane Doe"),
        ("published", D(2023, 4, 3)),
        ("url", "https://monitor.example/og-url"),
    ],
)
def test_html_metadata_comes_from_the_page(
    page_draft: ArticleDraft, field: str, value: object
) -> None:
    """og:site_name, author, published time and og:url become draft metadata."""
    assert getattr(page_draft, field) == value


def test_html_url_falls_back_to_the_canonical_link(tmp_path: Path) -> None:
    """Without og:url, the page's canonical link is its URL."""
    page = PAGE.replace('<meta property="og:url" content="https://monitor.example/og-url">', "")
    assert read_one(tmp_path, "page.html", page).url == "https://monitor.example/canonical"


def test_html_without_a_date_has_no_published_date(tmp_path: Path) -> None:
    """A page without date markup gets no date (the clock is never consulted)."""
    page = f"<html><head><title>T</title></head><body><h1>T</h1>{STORY}</body></html>"
    assert read_one(tmp_path, "page.html", page).published is None


def test_html_falls_back_to_body_text_without_furniture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When trafilatura finds no main text, <body> text minus scripts and furniture is used."""
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    draft = read_one(tmp_path, "page.html", PAGE)
    assert "about 175,160 troops" in draft.text
    assert not [n for n in FURNITURE_NUMBERS if n in draft.text]
    assert (draft.title, draft.publisher) == ("Russia's losses pass 175,000", "Test Monitor")


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><script>var a = 1;</script></head><body><script>b = 2</script></body></html>",
        "<html><head><title>Only a title</title><style>p { x: 1 }</style></head><body/></html>",
    ],
)
def test_html_without_any_text_is_refused(tmp_path: Path, page: str) -> None:
    """A page with nothing but scripts or furniture is an error, not an empty article."""
    assert "no article text found" in read_error(tmp_path, "page.html", page)


def test_reading_html_is_deterministic(tmp_path: Path) -> None:
    """The same page read twice gives the same draft."""
    path = write(tmp_path, "page.html", PAGE)
    assert read_article_file(path) == read_article_file(path)


# --- overrides -----------------------------------------------------------------------------

FOUND = ArticleDraft(
    source="a.txt",
    title="T",
    text="T\n\nBody",
    publisher="Found Publisher",
    author="A",
    published=D(2023, 4, 2),
    url="https://found.example",
)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, {}),
        ({"url": "https://given.example"}, {"url": "https://given.example"}),
        ({"publisher": "Given"}, {"publisher": "Given"}),
        ({"published": D(2022, 10, 4)}, {"published": D(2022, 10, 4)}),
        ({"published": "2022-10-04"}, {"published": D(2022, 10, 4)}),
        ({"published": datetime.datetime(2022, 10, 4, 9, 0)}, {"published": D(2022, 10, 4)}),
        ({"url": None, "publisher": None, "published": None}, {}),
    ],
)
def test_overrides_win_over_what_was_found(overrides: dict, expected: dict) -> None:
    """--url/--publisher/--published replace what the reader found; None leaves it as read."""
    assert apply_overrides(FOUND, **overrides) == ArticleDraft(**{**FOUND.__dict__, **expected})


def test_a_bad_published_override_is_refused() -> None:
    """An unparseable --published is an input error naming the article."""
    with pytest.raises(ArticleReadError, match=r"a\.txt: --published must be YYYY-MM-DD"):
        apply_overrides(FOUND, published="yesterday")


# --- the shipped examples ------------------------------------------------------------------


def test_every_example_reads_with_title_publisher_and_date() -> None:
    """Each example article reads cleanly and carries its title, publisher and date."""
    drafts = [d for p in iter_article_files([str(EXAMPLES)]) for d in read_article_file(p)]
    assert len(drafts) >= 7
    assert all(d.title and d.publisher and d.published for d in drafts)


@pytest.mark.parametrize("number", ["48,000", "12,000", "250,000", "$5", "900 reports", "Shahed"])
def test_the_example_page_keeps_its_furniture_out(number: str) -> None:
    """examples/kyiv-daily.html: sidebar, newsletter, donation and bio numbers are dropped."""
    [draft] = read_article_file(str(EXAMPLES / "kyiv-daily.html"))
    assert number not in draft.text
    assert "175,160" in draft.text


def test_the_revision_example_is_two_versions_of_one_article() -> None:
    """examples/revision.json holds two versions with one URL and different texts."""
    first, second = read_article_file(str(EXAMPLES / "revision.json"))
    assert first.url == second.url and first.text != second.text


def test_readers_import_no_html_library_up_front() -> None:
    """trafilatura is imported only when an HTML page is read, keeping CLI start-up fast."""
    assert "trafilatura" not in vars(readers)


# --- HTML too complex to parse in reasonable time ------------------------------------------

STORY = "<p>The General Staff said Russia lost 3,618 tanks.</p>"
HUGE_PAGES = [
    (
        "attributes",
        "<html><body><div " + " ".join(f"a{i}=x" for i in range(100_000)) + f">{STORY}</div>",
        "attributes",
    ),
    (
        "attributes-behind-a-quoted-gt",
        '<html><body><div title=">" ' + "b=1 " * 1_000 + f">{STORY}</div>",
        "attributes",
    ),
    ("nesting", "<html><body>" + "<div>" * 100_000 + STORY + "</div>" * 100_000, "deep"),
    ("elements", "<html><body>" + "<b>x</b>" * 200_000 + STORY, "elements"),
]


@pytest.mark.parametrize(("case", "page", "problem"), HUGE_PAGES, ids=[c[0] for c in HUGE_PAGES])
def test_an_html_page_too_complex_to_parse_is_refused_fast(
    tmp_path: Path, case: str, page: str, problem: str
) -> None:
    """Too many attributes, too deep or too many elements: one line, before any parser runs."""
    started = time.perf_counter()
    message = read_error(tmp_path, f"{case}.html", page)
    assert time.perf_counter() - started < 5
    assert message.startswith(str(tmp_path / f"{case}.html") + ": ")
    assert problem in message and "\n" not in message


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div " + " ".join(f"data-a{i}='1'" for i in range(200)) + f">{STORY}</div>",
        "<html><body>" + "<div>" * 200 + STORY + "</div>" * 200,
        "<html><body>" + "<p>Russia lost 3,618 tanks." * 5_000 + "<br>" * 5_000,
        "<html><body><script>for (i=0;i<9;i++) a<b</script>"
        + "<!-- <div <div <div -->" * 1_000
        + STORY,
    ],
    ids=["200-attributes", "200-deep", "unclosed-paragraphs", "script-and-comments"],
)
def test_an_html_page_within_the_limits_is_read(tmp_path: Path, page: str) -> None:
    """Pages below the limits (unclosed <p>, void <br>, markup in scripts/comments) are read."""
    assert "3,618" in read_one(tmp_path, "ok.html", page).text
