"""What the tests share besides fixtures: the example files, and the types of the fixtures that
return something to call (conftest.py holds the fixtures themselves)."""

from __future__ import annotations

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
