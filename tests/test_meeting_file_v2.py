"""Meeting file version 2: the speaker list travels in it, version 1 still imports as before, and the
JSON defects of issue 14 (deep nesting, huge numbers, extreme years) are refused fast."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from pathlib import Path

import pytest
from support import BOARD, DATA, Cli

from talarstat.domain import recording
from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import MeetingFileError, parse_bytes, to_json
from talarstat.domain.planning import plan_meeting
from talarstat.domain.queue import QueueSettings
from talarstat.errors import BadInput
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting

VERSION_1 = DATA / "version-1" / "board-meeting.json"


def test_version_1_imports_as_before_with_the_last_turns_item_current() -> None:
    old = parse_bytes(VERSION_1.read_bytes())
    new = parse_bytes(BOARD.read_bytes())
    assert old == new
    assert old.current_item == old.turns[-1].agenda_item
    assert old.queue == QueueSettings() and old.requests == ()
    assert json.loads(to_json(old))["version"] == 2


def _recorded_meeting() -> Meeting:
    """A meeting run from the list: requests, a reply, a point of order, streck, the next item."""
    t = 1_773_500_000_000
    m = plan_meeting(title="Årsmöte", now=t, day=dt.date(2026, 3, 14), agenda=("Budget", "Motioner"),
                     attendance={"woman": 5, "man": 4, "nonbinary": 0, "unknown": 0},
                     queue=QueueSettings(order="alternate", limits={"speech": 180, "reply": 60}))
    m = recording.request(m, "man", t, speaker="3")
    m = recording.request(m, "woman", t + 1000, speaker="9")
    m = recording.call_next(m, t + 2000)
    m = recording.request(m, "man", t + 3000, "reply")
    m = recording.request(m, "unknown", t + 4000, "point_of_order")
    m = recording.toggle_list_closed(m)
    m = recording.call_next(m, t + 60_000)
    m = recording.call_next(m, t + 70_000)
    m = recording.move_to_front(m, m.requests[0].id, t + 71_000)
    m = recording.next_item(m, t + 80_000)
    return recording.request(m, "woman", t + 81_000, "information")


def test_a_meeting_with_a_speaker_list_round_trips_through_file_and_database(
    database: Database, tmp_path: Path, cli: Cli
) -> None:
    meeting = _recorded_meeting()
    text = to_json(meeting)
    assert parse_bytes(text.encode()) == meeting
    document = json.loads(text)
    assert list(document)[-3:] == ["current_item", "queue", "requests"]
    assert document["queue"]["limits"] == {"speech": 180, "reply": 60}
    assert [r["state"] for r in document["requests"]] == ["withdrawn", "granted", "granted", "granted", "waiting"]
    path = tmp_path / "meeting.json"
    path.write_text(text, encoding="utf-8")
    assert cli("--db", database.url, "import", path).code == 0
    again = cli("--db", database.url, "import", path)
    assert again.code == 0 and "nothing changed" in again.out
    assert cli("--db", database.url, "dump", meeting.id).out == text


def test_deep_nesting_is_refused_fast_with_one_line() -> None:
    started = time.monotonic()
    with pytest.raises(MeetingFileError) as refused:
        parse_bytes(b"[" * 1_000_000 + b"]" * 1_000_000)
    assert time.monotonic() - started < 1.0
    assert refused.value.key == "file.too_deep" and refused.value.path == "$"


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    doc = json.loads(BOARD.read_text(encoding="utf-8"))
    doc["title"] = "[" * 100 + ' "quoted" \\ ' + "{" * 100
    assert parse_bytes(json.dumps(doc).encode()).title == doc["title"]


def test_a_huge_integer_is_refused_before_python_converts_it() -> None:
    data = BOARD.read_bytes().replace(b'"man": 7', b'"man": ' + b"1" * 100_000, 1)
    with pytest.raises(MeetingFileError) as refused:
        parse_bytes(data)
    assert refused.value.key == "file.huge_number"


def test_a_year_9999_meeting_never_reaches_the_database(database: Database) -> None:
    """Issue 14: such a meeting used to store, then break stats, dump and export for everyone."""
    meeting = parse_bytes(BOARD.read_bytes())
    from dataclasses import replace

    far = replace(meeting, turns=(*meeting.turns[:-1], replace(meeting.turns[-1], end=253_402_300_000_000)))
    with pytest.raises(BadInput) as refused, database.transaction() as session:
        insert_meeting(far, session=session)
    assert refused.value.key == "error.year_out_of_range"
    with pytest.raises(BadInput):
        plan_meeting(title="x", now=0, day=dt.date(1, 1, 1), planned_start=dt.time(0, 10))


def test_new_refuses_year_one_with_exit_2(sqlite_path: str, cli: Cli) -> None:
    result = cli("--db", sqlite_path, "new", "--title", "x", "--date", "0001-01-01", "--planned-start", "00:10")
    assert result.code == 2
    assert result.err.strip() == "talarstat: --date: 0001-01-01: the year must be between 1900 and 2200"


def test_import_of_a_file_with_requests_then_stats_and_queue(sqlite_path: str, tmp_path: Path, cli: Cli) -> None:
    meeting = _recorded_meeting()
    path = tmp_path / "m.json"
    path.write_text(to_json(meeting), encoding="utf-8")
    assert cli("--db", sqlite_path, "import", path).code == 0
    uuid.UUID(meeting.id)  # raises unless the id is a UUID
