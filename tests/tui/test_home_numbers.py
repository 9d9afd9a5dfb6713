"""The home screen's turn counts are written the language's way (1 234, 1,234), by its worker: a
count of 1,000 or more loads Babel off the event loop, after the first frame; small ones never do."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from support import long_meeting
from textual.widgets import DataTable

import talarstat.i18n as i18n
from talarstat.clock import ManualClock
from talarstat.domain.meetingfile import parse_bytes
from talarstat.store.database import Database
from talarstat.store.transfer import store_meeting
from talarstat.tui.screens.home import HomeScreen

from .pilots import home_ready, make_app, planned


@pytest.mark.parametrize(("language", "written"), [("sv", "1\u00a0234"), ("en", "1,234")])
async def test_the_turns_of_a_long_meeting_read_in_the_language(
        database: Database, clock: ManualClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        language: str, written: str) -> None:
    planned(database)
    with database.transaction() as session:
        store_meeting(parse_bytes(long_meeting(tmp_path).read_bytes()), session=session)
    threads: list[str] = []
    real = i18n._NumberFormats

    def counted(name: str) -> i18n._NumberFormats:
        threads.append(threading.current_thread().name)
        return real(name)

    monkeypatch.setattr(i18n, "_NumberFormats", counted)
    app = make_app(database, clock, language=language)
    async with app.run_test(size=(100, 30)) as pilot:
        await home_ready(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one("#meetings", DataTable)
        turns = {meeting.title: table.get_row(meeting.id)[4] for meeting in screen.meetings}
        assert {title: str(cell) for title, cell in turns.items()} == {"Long meeting": written, "Distriktsstyrelsen, november": "0"}
        assert threads and threading.main_thread().name not in threads  # Babel was read by the worker
