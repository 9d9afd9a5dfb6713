"""What the tests share besides fixtures: the example files, and the types of the fixtures that
return something to call (conftest.py holds the fixtures themselves)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from talarstat.store.database import Database

DATA = Path(__file__).parent / "data"
BOARD = DATA / "board-meeting.json"
ANNUAL = DATA / "annual-meeting-with-tokens.json"
EXAMPLES = (BOARD, ANNUAL)
LONG_TURNS = 1234  # a count the languages group: 1 234, 1,234


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli(Protocol):
    """The `cli` fixture: run `talarstat ARGS…` in-process."""

    def __call__(self, *args: str | Path) -> Result: ...


class SnapCompare(Protocol):
    """pytest-textual-snapshot's `snap_compare` fixture."""

    def __call__(
        self,
        app: str | PurePath | App[Any],
        press: Iterable[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Callable[[Pilot[Any]], Awaitable[None] | None] | None = None,
    ) -> bool: ...


def downgrade(database: Database, revision: str) -> None:
    """Take `database` back to an older schema with Alembic, as that release left it (its data kept)."""
    from alembic import command

    from talarstat.store.migrate import _alembic_config

    config = _alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    database._current = False


def long_meeting(folder: Path) -> Path:
    """The board meeting (under another id and agenda) with 1,234 turns of 3 s each, one every 4 s from 18:00:01."""
    document = json.loads(BOARD.read_text(encoding="utf-8"))
    document["id"] = "0b0e7a3c-1111-4222-8333-444455556666"
    document["title"] = "Long meeting"
    start = dt.datetime.fromisoformat("2026-03-19T18:00:01.000+01:00")
    item = "0b0e7a3c-1111-4222-8333-000000000001"  # the board meeting's agenda ids are its own
    document["agenda"] = [{"id": item, "position": 1, "title": "Punkt 1"}]
    document["current_item"] = item
    template = {**document["turns"][0], "agenda_item": item}

    def at(seconds: int) -> str:
        return (start + dt.timedelta(seconds=seconds)).isoformat(timespec="milliseconds")

    document["turns"] = [
        {**template, "id": f"00000000-0000-4000-8000-{index:012d}", "category": ("woman", "man")[index % 2],
         "kind": "speech", "start": at(4 * index), "end": at(4 * index + 3)}
        for index in range(LONG_TURNS)
    ]
    document["requests"] = []
    path = folder / "long.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
