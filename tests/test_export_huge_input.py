"""Exports stay quick and writable whatever a database holds: a 10 MB title (stored before the limits
of FORMAT.md, or by another program), 10,000 categories, a 276-character title without `-o`."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from support import Cli

from talarstat.charts.style import wrap
from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Meeting, Turn
from talarstat.domain.planning import plan_meeting
from talarstat.i18n import Translator
from talarstat.presentation.display import shorten
from talarstat.reports.meeting_data import meeting_line
from talarstat.reports.meeting_export import export_folder_name
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting

T0 = 1_790_000_000_000


def meeting(title: str, categories: tuple[str, ...] | None = None) -> Meeting:
    base = plan_meeting(title="x", now=T0, day=dt.date(2026, 3, 1))
    categories = categories or base.categories
    turns = tuple(
        Turn(id=str(uuid.uuid4()), category=categories[i % len(categories)], start=T0 + i * 60_000,
             end=T0 + i * 60_000 + 30_000, agenda_item=str(uuid.UUID(int=1, version=4)))
        for i in range(20)
    )
    return replace(
        base, id=str(uuid.uuid4()), title=title, categories=categories, started_at=T0, ended_at=T0 + 3_600_000,
        attendance=(AttendanceRecord(at=T0, counts=dict.fromkeys(categories, 5)),), turns=turns,
        agenda=(AgendaItem(id=str(uuid.UUID(int=1, version=4)), position=1, title=title),),
        district=title[:1000], body=title[:1000],
    )


def stored(path: str, *meetings: Meeting) -> str:
    database = Database.open(path)
    for each in meetings:
        with database.transaction() as session:
            insert_meeting(each, session=session)
    database.dispose()
    return path


def test_shorten_and_wrap() -> None:
    assert shorten("kort") == "kort"
    assert shorten("a" * 200) == "a" * 79 + "…" and len(shorten("b" * 10_000_000)) == 80
    assert max(len(line) for line in wrap("T" * 80, 52).splitlines()) <= 52
    assert wrap("Distriktsstyrelsens sammanträde", 20) == "Distriktsstyrelsens\nsammanträde"


def test_chart_text_is_short_whatever_the_title() -> None:
    line = meeting_line(meeting("T" * 10_000_000), Translator("en"))
    assert len(line) < 400


@pytest.mark.parametrize("title", ["L" * 276, "å" * 300, "Ölands 🌼 " * 60, "/" * 300])
def test_export_folder_name_fits_a_file_system(title: str) -> None:
    name = export_folder_name(meeting(title))
    assert name.startswith("2026-03-01-") and len(name.encode("utf-8")) <= 120


def test_a_long_title_exports_without_o(sqlite_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    long = meeting("L" * 276)
    stored(sqlite_path, long)
    monkeypatch.chdir(tmp_path)
    result = cli("--db", sqlite_path, "export", long.id, "--format", "svg")
    assert result.code == 0, result.err
    assert len(list(tmp_path.glob("2026-03-01-l*/report.pdf"))) == 1


def test_a_10_mb_title_exports_in_seconds(sqlite_path: str, tmp_path: Path, cli: Cli) -> None:
    huge = meeting("T" * 10_000_000)
    stored(sqlite_path, huge)
    started = time.monotonic()
    result = cli("--db", sqlite_path, "export", huge.id, "-o", tmp_path / "out", "--format", "svg")
    assert result.code == 0, result.err
    assert time.monotonic() - started < 60  # it never finished before
    assert "UserWarning" not in result.err


def test_ten_thousand_categories_are_refused_at_once(sqlite_path: str, tmp_path: Path, cli: Cli) -> None:
    many = meeting("many", tuple(f"c{n}" for n in range(10_000)))
    stored(sqlite_path, many)
    started = time.monotonic()
    result = cli("--db", sqlite_path, "export", many.id, "-o", tmp_path / "out")
    assert time.monotonic() - started < 10
    assert (result.code, result.err.strip()) == (
        2, "talarstat: the meeting has 10,000 categories; charts are drawn for at most 32")
    assert cli("--db", sqlite_path, "stats", many.id).code == 0  # and the database stays usable
