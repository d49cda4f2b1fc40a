"""What changed between two positions, for people: the `diff` text (`--json`: the document).

Owns: `diff_report`: a heading naming the two positions, then the claim changes (one line each,
in position order: added, corrected, retracted, accepted / rejected / fixed on review,
withdrawn), grouped by claimant, subject and metric under the total that moved (old -> new,
and why), then the articles added or revised.
Imports: `cli.render_console` (rich, through it).
"""

from __future__ import annotations

from typing import Any

from cli.render_console import add_row, console, figure, message, metric_basis, new_table

SECTIONS = ("added", "corrected", "retracted", "reviewed", "withdrawn")


def diff_report(document: dict[str, Any], *, as_of: str | None = None) -> None:
    """Render a diff: what changed from position `from` to `to`, one block per claimant,
    subject and metric (its total, if it moved, then its claims' changes), then articles."""
    start, stop = document["from"], document["to"]
    about = f" (totals about dates up to {as_of})" if as_of else ""
    groups: dict[tuple[str, str, str, str], list[tuple[dict[str, Any], str]]] = {}
    for section in SECTIONS:
        for entry in document["claims"][section]:
            groups.setdefault(_key(entry), []).append((entry, section))
    moved = {_key(t): t for t in document["totals"]}
    if not groups and not moved and not document["articles"]:
        message(f"nothing changed from position {start} to {stop}{about}")
        return
    message(f"changes from position {start} to {stop}{about}")
    spaced = False  # a table ends with a blank line: the next block needs none
    for key in sorted(groups.keys() | moved.keys()):
        if not spaced:
            console.print()
        what = f"{key[0]} — {key[1]} {metric_basis(key[2], key[3] or None)}"
        console.print(what, style="bold", highlight=False, markup=False)
        if key in moved:
            _total(moved[key])
        spaced = key in groups
        if spaced:
            _changes_table(groups[key])
    if document["articles"]:
        if not spaced:
            console.print()
        _articles(document["articles"])


def _key(row: dict[str, Any]) -> tuple[str, str, str, str]:
    return (row["claimant"], row["subject"], row["metric"], row.get("basis") or "")


def _total(moved: dict[str, Any]) -> None:
    """A total that moved: what stood, what stands, and why."""
    message(f"  total was  {_figure(moved['before'])}")
    message(f"  total now  {_figure(moved['after'])}")
    message(f"  because    {moved['why']}")


def _changes_table(changes: list[tuple[dict[str, Any], str]]) -> None:
    table = new_table()
    for name in ("pos", "change", "claim", "actor", "detail"):
        table.add_column(name, justify="right" if name == "pos" else "left")
    for entry, section in sorted(changes, key=lambda p: (p[0]["position"], p[0]["claim_id"])):
        add_row(
            table,
            str(entry["position"]),
            entry["verdict"] if section == "reviewed" else section,
            entry["claim_id"],
            entry["actor"],
            _detail(section, entry),
        )
    console.print(table)


def _changes(changes: dict[str, Any]) -> str:
    return ", ".join(f"{name}: {old} -> {new}" for name, (old, new) in changes.items())


def _detail(section: str, entry: dict[str, Any]) -> str:
    """What one claim change says, after its figure."""
    if section == "added":
        how = entry["origin"]
        if entry.get("revision") and entry["revision"] > 1:
            how += f", revision {entry['revision']}"
        return f"{figure(entry['value'], entry['qualifier'])} as of {entry['as_of']}; {how}"
    if section == "withdrawn":
        return f"by revision {entry['revision']} of {entry['article_id']}"
    said = _changes(entry.get("changes") or {})
    if entry.get("reason"):
        said = f"{said}; because: {entry['reason']}" if said else f"because: {entry['reason']}"
    return said


def _articles(articles: list[dict[str, Any]]) -> None:
    table = new_table()
    for name in ("pos", "article", "change", "title"):
        table.add_column(name, justify="right" if name == "pos" else "left")
    for a in articles:
        change = a["change"] if a["change"] == "added" else f"revised to revision {a['revision']}"
        add_row(table, str(a["position"]), a["article_id"], change, a["title"])
    console.print(table)


def _figure(side: dict[str, Any] | None) -> str:
    if side is None:
        return "none"
    if side.get("range"):
        low, high = side["range"]
        return f"{low:,}–{high:,} as of {side['as_of']}  {side['claim_id']}"
    return f"{figure(side['value'], side['qualifier'])} as of {side['as_of']}  {side['claim_id']}"
