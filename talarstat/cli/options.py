"""The arguments and options that more than one command takes, each declared once.

A command names them as the types of its parameters: `meeting: MeetingRef, as_json: AsJson = False`.
Their help is a message key rather than text, since the language is known only when the command
line is built; `cli.helpformat.localize_help` translates it then, so `--help` and shell completion
show it in the user's language like the rest.
"""

from __future__ import annotations

from typing import Annotated

import typer

from talarstat.cli.choices import CsvDialectName, Language, complete_kinds, complete_roles

MeetingRef = Annotated[str, typer.Argument(metavar="MEETING", help="help.arg.meeting")]
# `record`, `screen` and `serve` do without one: a new meeting, or the one being recorded.
OptionalMeetingRef = Annotated[str | None, typer.Argument(metavar="[MEETING]", help="help.arg.meeting")]
AsJson = Annotated[bool, typer.Option("--json", help="help.opt.json")]
# Read before parsing, wherever it stands (cli.main); a command declares it so that it may follow it.
Lang = Annotated[Language | None, typer.Option("--lang", help="help.opt.lang")]
CsvDialect = Annotated[CsvDialectName, typer.Option("--csv-dialect", help="help.opt.csv_dialect")]
# For the outputs with charts and CSV files; `stats` says what its table shows instead.
NoSuppress = Annotated[bool, typer.Option("--no-suppress", help="help.opt.no_suppress")]

# The turn filter (domain.figures.TurnFilter): whose turns, and which kinds of turn, count.
IncludeChair = Annotated[bool, typer.Option("--include-chair", help="help.opt.include_chair")]
Kinds = Annotated[str | None, typer.Option("--kinds", metavar="K,..", help="help.opt.kinds", autocompletion=complete_kinds)]
Roles = Annotated[str | None, typer.Option("--roles", metavar="R,..", help="help.opt.roles", autocompletion=complete_roles)]
