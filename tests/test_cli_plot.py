"""`history --plot` as a chart for a report, and `history --since/--until`: the figure's
properties checked on the matplotlib Figure the pure builder returns; the file through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cli.render_plot import SERIES_MARKERS, build_history_figure, own_figure

matplotlib = pytest.importorskip("matplotlib")

FIXTURES = Path(__file__).parent / "fixtures" / "gs-daily"
STAFF = "General Staff of the Armed Forces of Ukraine"


def point(as_of: str, value: int, *, origin: str = "dataset", publisher: str | None = None):
    return {
        "as_of": as_of,
        "value": value,
        "qualifier": "approx" if origin == "article" else "exact",
        "claim_id": f"c_{as_of}_{value}",
        "publisher": publisher,
        "article_id": None,
        "title": None,
        "position": 1,
        "origin": origin,
    }


def a_series(claimant: str, points: list[dict]) -> dict:
    return {"claimant": claimant, "subject": "russia", "metric": "personnel", "points": points}


STAFF_SERIES = a_series(
    STAFF,
    [point(f"2023-0{m}-01", 1_000_000 + m * 10_000) for m in range(1, 8)]
    + [point("2023-04-02", 1_035_000, origin="article", publisher="Kyiv Daily")],
)


def drawn(fig):
    fig.canvas.draw()  # lays out the legend, ticks and titles
    return fig


def test_own_figures_are_lines_relayed_ones_marked_points() -> None:
    """The claimant's own figures form one line; the outlet's figure is a separate marked
    point (a scatter), in the same colour."""
    fig = build_history_figure([STAFF_SERIES])
    (ax,) = fig.axes
    (line,) = ax.get_lines()
    assert len(line.get_xdata()) == 7
    (points,) = ax.collections
    assert len(points.get_offsets()) == 1
    assert tuple(points.get_facecolor()[0][:3]) == matplotlib.colors.to_rgb(line.get_color())


@pytest.mark.parametrize(
    ("origin", "publisher", "own"),
    [
        ("dataset", None, True),
        ("asserted", "Kyiv Daily", True),
        ("article", STAFF, True),
        ("article", "Kyiv Daily", False),
        ("article", None, False),
    ],
)
def test_own_figure(origin: str, publisher: str | None, own: bool) -> None:
    assert own_figure(point("2023-01-01", 1, origin=origin, publisher=publisher), STAFF) is own


def test_legend_outside_thousands_title_and_as_of() -> None:
    """Legend right of the axes, never over the data; y ticks as whole numbers with
    separators and no offset (`1e6`); a title naming metric and subject; an "as of" line."""
    fig = drawn(build_history_figure([STAFF_SERIES]))
    (ax,) = fig.axes
    legend = ax.get_legend()
    renderer = fig.canvas.get_renderer()
    assert legend.get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1
    assert isinstance(ax.yaxis.get_major_formatter(), matplotlib.ticker.StrMethodFormatter)
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all("," in label for label in labels)
    assert ax.yaxis.get_offset_text().get_text() == ""
    title = fig.get_suptitle()
    assert "Personnel" in title and "russia" in title
    assert ax.get_title(loc="left").startswith("as of 2023-07-01")
    assert legend.get_texts()[0].get_text() == f"{STAFF} (russia)"


@pytest.mark.parametrize("count", [12, 20, 23])
def test_series_are_told_apart(count: int) -> None:
    """Up to 20 series, 20 distinct colours; beyond, colour and marker together differ."""
    series = [
        a_series(f"claimant {i}", [point("2023-01-01", i), point("2023-02-01", i + 1)])
        for i in range(count)
    ]
    lines = build_history_figure(series).axes[0].get_lines()
    looks = {(line.get_color(), line.get_marker()) for line in lines}
    assert len(looks) == count
    colours = {line.get_color() for line in lines}
    assert len(colours) == min(count, 20)
    if count > 20:
        assert {line.get_marker() for line in lines[20:]} <= set(SERIES_MARKERS)


@pytest.fixture
def dataset(cli):
    """The General Staff data-set fixture (54 days) and one article relaying a figure."""
    result = cli("import-dataset", str(FIXTURES))
    assert result.exit_code == 0, result.output
    return cli


def test_plot_writes_a_png_and_nothing_on_stderr(dataset, tmp_path: Path) -> None:
    result = dataset("history", "personnel", "--plot", str(tmp_path / "p.png"))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = (tmp_path / "p.png").read_bytes()
    assert data[:4] == b"\x89PNG" and len(data) > 10_000


@pytest.mark.parametrize(
    "args",
    [["--claimant", "Nobody At All"], ["--since", "2030-01-01"], ["--until", "2000-01-01"]],
)
def test_plot_of_nothing_writes_no_file(dataset, tmp_path: Path, args: list[str]) -> None:
    """Nothing matches: exit 1, one line, and no file (no empty image)."""
    target = tmp_path / "none.png"
    result = dataset("history", "personnel", *args, "--plot", str(target))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("claims: error:")
    assert not target.exists()


def dates(dataset, *args: str) -> list[str]:
    result = dataset("history", "personnel", "--json", *args)
    assert result.exit_code == 0, result.output
    return [p["as_of"] for s in json.loads(result.stdout) for p in s["points"]]


def test_since_until_bound_the_dates(dataset) -> None:
    """--since/--until keep the figures about dates in the range, inclusive, in JSON, CSV and
    the table alike."""
    every = dates(dataset)
    since, until = every[10], every[20]
    kept = dates(dataset, "--since", since, "--until", until)
    assert kept == [d for d in every if since <= d <= until] and len(kept) == 11
    rows = csv.DictReader(
        io.StringIO(dataset("history", "personnel", "--csv", "--since", since).stdout)
    )
    assert {r["as_of"] for r in rows} == {d for d in every if d >= since}
    table = dataset("history", "personnel", "--until", until).stdout
    assert until in table and every[21] not in table


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "2023-13-01"],
        ["--until", "yesterday"],
        ["--since", "2023-02-01", "--until", "2023-01-01"],
    ],
)
def test_since_until_refusals(dataset, args: list[str]) -> None:
    result = dataset("history", "personnel", *args)
    assert result.exit_code == 2 and result.stderr.startswith("claims: error:")
