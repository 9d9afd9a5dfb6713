"""`talarstat queue MEETING [--json]` and `new --order --limit`, exactly as QUEUE.md and PRODUCT.md."""

from __future__ import annotations

import json

import pytest
from support import Cli

from talarstat.clock import ManualClock
from talarstat.domain.meeting import AttendanceRecord
from talarstat.recorder import Recorder
from talarstat.store.database import Database

T0 = 1_773_500_000_000


def _meeting_with_a_list(sqlite_path: str, cli: Cli) -> str:
    meeting_id = cli("--db", sqlite_path, "new", "--title", "Medlemsmöte", "--order", "alternate",
                     "--limit", "speech=180", "--attendance", "woman=5,man=4").out.strip()
    database = Database.open(sqlite_path)
    clock = ManualClock(T0)
    recorder = Recorder(database, meeting_id, clock)
    assert recorder.meeting.attendance[0] == AttendanceRecord(recorder.meeting.attendance[0].at, {
        "woman": 5, "man": 4, "nonbinary": 0, "unknown": 0})
    recorder.add_item("Budget 2027")
    recorder.start_turn("man")  # a man speaks: under alternate a woman is due
    for category, kind, token in (("man", "speech", "12"), ("woman", "speech", None), ("woman", "speech", "7"),
                                  ("nonbinary", "reply", None), ("unknown", "point_of_order", None)):
        clock.advance(5)
        recorder.request(category, kind, token)
    database.dispose()
    return meeting_id


def test_queue_json_is_exactly_the_document_of_queue_md(sqlite_path: str, cli: Cli) -> None:
    meeting_id = _meeting_with_a_list(sqlite_path, cli)
    result = cli("--db", sqlite_path, "queue", meeting_id[:8], "--json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert list(document) == ["meeting", "agenda_item", "order", "closed", "requests"]
    assert document["meeting"] == meeting_id and document["order"] == "alternate" and document["closed"] is False
    assert document["agenda_item"] is not None
    assert list(document["requests"][0]) == [
        "position", "id", "category", "kind", "speaker", "requested_at", "spoken"]
    assert [(e["position"], e["category"], e["kind"], e["speaker"]) for e in document["requests"]] == [
        (1, "unknown", "point_of_order", None),
        (2, "nonbinary", "reply", None),
        (3, "woman", "speech", None),
        (4, "man", "speech", "12"),
        (5, "woman", "speech", "7"),
    ]
    assert all(entry["spoken"] == 0 for entry in document["requests"])


def test_queue_table_in_both_languages(sqlite_path: str, cli: Cli) -> None:
    meeting_id = _meeting_with_a_list(sqlite_path, cli)
    english = cli("--db", sqlite_path, "queue", meeting_id).out
    assert "Budget 2027" in english and "women and men in turn" in english and "point of order" in english
    swedish = cli("--lang", "sv", "--db", sqlite_path, "queue", meeting_id).out
    assert "varannan" in swedish and "ordningsfråga" in swedish and "replik" in swedish and "kvinna" in swedish


def test_queue_of_a_meeting_without_requests(sqlite_path: str, cli: Cli) -> None:
    meeting_id = cli("--db", sqlite_path, "new", "--title", "Styrelsemöte").out.strip()
    document = json.loads(cli("--db", sqlite_path, "queue", "latest", "--json").out)
    assert document == {"meeting": meeting_id, "agenda_item": None, "order": "arrival", "closed": False, "requests": []}
    assert "Nobody has asked for the floor" in cli("--db", sqlite_path, "queue", "latest").out


def test_new_stores_order_and_limits(sqlite_path: str, cli: Cli) -> None:
    meeting_id = cli("--db", sqlite_path, "new", "--title", "Kongress", "--order", "first_time",
                     "--limit", "speech=180, reply=60").out.strip()
    queue = json.loads(cli("--db", sqlite_path, "dump", meeting_id).out)["queue"]
    assert queue == {"order": "first_time", "priority": ["woman", "nonbinary"], "max_replies": 2,
                     "limits": {"speech": 180, "reply": 60}, "closed_items": []}


@pytest.mark.parametrize(("args", "words"), [
    (("--order", "loudest"), "--order: loudest is not one of arrival, first_time, alternate, balance"),
    (("--limit", "speech=0"), "--limit: the time for speech must be a whole number of seconds above 0"),
    (("--limit", "speech=-5"), "--limit: the time for speech must be"),
    (("--limit", "speech=²"), "--limit: the time for speech must be"),
    (("--limit", "speech=99999999999999999999"), "--limit: the time for speech must be"),
    (("--limit", "speech"), "--limit: speech: write kind=seconds"),
    (("--limit", "rant=60"), "--limit: rant is not one of speech, reply"),
])
def test_new_refuses_bad_order_and_limits_with_one_line(sqlite_path: str, cli: Cli, args: tuple[str, ...], words: str) -> None:
    result = cli("--db", sqlite_path, "new", "--title", "x", *args)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.err
    assert json.loads(cli("--db", sqlite_path, "meetings", "--json").out) == []
