"""The TUI's fixtures: a real SQLite file and a clock that moves only when told. The helpers the
tests call (an app, a planned meeting, waiting for an effect) are in `pilots.py`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from talarstat.clock import ManualClock
from talarstat.store.database import Database

from .pilots import T0


@pytest.fixture(autouse=True)
def _swedish_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    import time

    time.tzset()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = Database.open(str(tmp_path / "tui.db"))
    yield opened
    opened.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)
