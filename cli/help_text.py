"""The help every command shows, in one place: named metavars, the choices, one example each.

Owns: `METAVARS` (the name of the value each option or argument takes, by parameter name),
`CHOICES` (the values an option accepts, shown in its help), `EXAMPLES` (one example per
command, shown at the end of its help), `HELP_OPTIONS` (`-h` and `--help`) and `apply_help`,
which `cli.app` runs on the command tree when it is built, so a command module declares none
of this. A new command or option needs its line here: tests/test_help.py fails until it has.

Imports: typer, and `events` for the taxonomy's choices (`events.vocabulary`: plain words, no model:
`claims --help` loads neither the ledger, pydantic nor rich).
"""

from __future__ import annotations

import re
from typing import Any

from typer.core import TyperArgument

from events import BASES, METRICS, PERIODS, QUALIFIERS

HELP_OPTIONS = ["-h", "--help"]

METAVARS: dict[str, str] = {
    # who and what
    "claimant": "NAME",
    "publisher": "NAME",
    "canonical": "CANONICAL",
    "alias_name": "ALIAS",
    "name": "NAME",
    "actor": "NAME",
    "subject": "SUBJECT",
    "metric": "METRIC",
    "basis": "BASIS",
    "value": "N",
    "qualifier": "QUALIFIER",
    "period": "PERIOD",
    "by": "BY",
    "projection": "PROJECTION",
    "fmt": "FORMAT",
    "fail_on": "SEVERITY",
    "kind": "KIND",
    "ident": "CLAIM_ID|ARTICLE_ID",
    "article": "ARTICLE_ID",
    "tolerance": "N|P%",
    "text": "WORDS",
    # when
    "as_of": "DATE",
    "since": "DATE",
    "until": "DATE",
    "published": "DATE",
    # where in the log
    "at": "POSITION",
    "start": "POSITION",
    "limit": "N",
    "consistency": "OLD_SIZE",
    "size": "NEW_SIZE",
    "claim_id": "CLAIM_ID",
    "stream": "STREAM",
    "type_": "EVENT_TYPE",
    "event_type": "EVENT_TYPE",
    # words
    "quote": "TEXT",
    "note": "TEXT",
    "reason": "TEXT",
    "url": "URL",
    "feeds": "FEED",
    "every": "DURATION",
    "timeout": "SECONDS",
    "delay": "SECONDS",
    # files
    "paths": "PATH",
    "file": "PATH",
    "event": "PATH",
    "out": "PATH",
    "plot": "PATH",
    "ledger": "PATH|URL",
    "views": "PATH",
    # keys, checkpoints, bundles
    "key": "PATH",
    "checkpoint": "PATH",
    "cosign": "PATH",
    "origin": "ORIGIN",
    "old": "OLD",
    "new": "NEW",
    "from_file": "PATH",
}
"""The metavar of each option and argument that takes a value, by its parameter name."""

CHOICES: dict[str, tuple[str, ...]] = {
    "qualifier": QUALIFIERS,
    "period": PERIODS,
    "by": ("claimant", "publisher"),
    "projection": ("claims", "totals"),
    "fmt": ("gs-daily",),
    "fail_on": ("info", "warning", "error"),
    "metric": METRICS,
    "basis": BASES,
}
"""The values an option or argument accepts, shown after its help text."""

STAFF = '"General Staff of the Armed Forces of Ukraine"'

EXAMPLES: dict[str, str] = {
    "ingest": "claims ingest examples/ --publisher 'Kyiv Daily Monitor'",
    "extract": "claims extract examples/rounded-2022-10-04.txt --explain",
    "append": (
        "claims append --claimant 'Armed Forces of Ukraine' --subject russia --metric tanks "
        "--value 2400 --qualifier at_least --as-of 2022-10-04 --since 2022-02-24"
    ),
    "correct": (
        "claims correct c_gs_20230402_personnel --value 174560 --reason 'transcription slip'"
    ),
    "retract": "claims retract c_gs_20230402_personnel --reason 'duplicate of a later report'",
    "alias": "claims alias 'ZSU General Staff' " + STAFF,
    "totals": "claims totals --subject russia --metric personnel --as-of 2023-04-02",
    "diff": "claims diff --at 696 --at 706 --metric personnel --as-of 2023-04-03",
    "sources": "claims sources --by publisher",
    "windows": "claims windows --metric personnel --from 2023-03-27 --to 2023-04-02",
    "history": (
        f"claims history personnel --claimant {STAFF} --since 2023-01-01 --until 2023-06-30 "
        "--plot personnel.png"
    ),
    "show": "claims show c_gs_20230402_personnel",
    "replay": "claims replay --projection totals",
    "audit": "claims audit c_gs_20230402_personnel",
    "check": "claims check --fail-on error",
    "verify": "claims verify --checkpoint checkpoint-1.txt --key ledger.key.pub",
    "import-dataset": "claims import-dataset /path/to/mod-daily-losses --dry-run",
    "log": "claims log --type claim-corrected --limit 20",
    "export": "claims export --out log.jsonl",
    "import": "claims --ledger copy.db import log.jsonl",
    "schema": "claims schema claim-asserted",
    "review": "claims review c_e83213d9f5bfaa85 --reject --reason 'a list header, not a claim'",
    "search": "claims search --value 407240 --tolerance 1%",
    "keygen": "claims keygen --out ledger.key --name example.org/claims",
    "checkpoint": "claims checkpoint --key ledger.key --out checkpoint-1.txt",
    "consistency": "claims consistency checkpoint-1.txt checkpoint-2.txt --key ledger.key.pub",
    "prove": (
        "claims prove c_gs_20230402_personnel --checkpoint checkpoint-2.txt --out bundle.json"
    ),
    "verify-bundle": "claims verify-bundle bundle.json --key ledger.key.pub",
    "watch": "claims watch https://news.example/feed.xml --every 30m",
    "reextract": "claims reextract a_5d41402abc4b2a76",
}
"""One example per command, as a user would type it."""


class NamedArgument(TyperArgument):
    """An argument shown by its metavar alone: `history METRIC`, not `{metric}` and
    `metric <str>`."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar else super().display_type_rich(ctx)

    def _usage_display_name(self) -> str:
        if not self.metavar:
            return str(super()._usage_display_name())
        name = self.metavar + ("..." if self.nargs != 1 else "")
        return name if self.required else f"[{name}]"

    def _rich_display_name(self) -> str:
        return str(self.metavar) + ("..." if self.nargs != 1 else "")


def _with_choices(name: str, text: str) -> str:
    """The help text, ending with the choices unless it names each of them already."""
    choices = CHOICES.get(name, ())
    if all(re.search(rf"\b{re.escape(c)}\b", text) for c in choices):
        return text
    return f"{text} One of: {', '.join(choices)}.".strip()


def apply_help(command: Any) -> None:
    """Name the metavar of every parameter that takes a value, add its choices to its help,
    put the command's example at the end of its help; for `command` and everything under it."""
    for sub in getattr(command, "commands", {}).values():
        apply_help(sub)
    name = getattr(command, "name", None)
    if name in EXAMPLES and not getattr(command, "epilog", None):
        command.epilog = f"\b\nExample:\n  {EXAMPLES[name]}"
    for param in getattr(command, "params", ()):
        takes_value = not getattr(param, "is_flag", False) and param.name in METAVARS
        if takes_value and param.metavar is None:
            param.metavar = METAVARS[param.name]
        param.help = _with_choices(param.name or "", param.help or "") or None
        if isinstance(param, TyperArgument) and param.metavar:
            param.__class__ = NamedArgument
