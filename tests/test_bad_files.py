"""Every kind of bad meeting file is refused whole: exit 2, one line naming the file, the JSON path
and the rule, and the database exactly as it was."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import BOARD, Cli

VALID: dict[str, Any] = json.loads(BOARD.read_text(encoding="utf-8"))


def edited(change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = copy.deepcopy(VALID)
    change(doc)
    return json.dumps(doc, ensure_ascii=False).encode()


def set_path(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is KeyError:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return change


def overlap(doc: dict[str, Any]) -> None:
    doc["turns"][3]["start"] = doc["turns"][2]["start"]


def open_not_last(doc: dict[str, Any]) -> None:
    doc["ended_at"] = None
    doc["turns"][5]["end"] = None


def turn_in_break(doc: dict[str, Any]) -> None:
    doc["breaks"] = [{"start": doc["turns"][4]["start"], "end": doc["turns"][4]["end"]}]


# name: (file bytes, expected JSON path, words the message must contain)
CASES: dict[str, tuple[bytes, str, str]] = {
    "truncated": (BOARD.read_bytes()[:5000], "$", "not valid JSON"),
    "not utf-8": (BOARD.read_bytes().replace("Västra".encode(), "V\xe4stra".encode("latin-1")), "$", "not UTF-8"),
    "not an object": (b"[1, 2, 3]", "$", "must be a JSON object"),
    "wrong format": (edited(set_path("format", "talarstat.agenda")), "$.format", "format must be"),
    "wrong version": (edited(set_path("version", 3)), "$.version", "version 3 is not understood"),
    "missing id": (edited(set_path("id", KeyError)), "$.id", "is required"),
    "id not a uuid": (edited(set_path("id", "meeting-1")), "$.id", "must be a UUID"),
    "missing title": (edited(set_path("title", KeyError)), "$.title", "is required"),
    "no categories": (edited(set_path("categories", [])), "$.categories", "at least one category"),
    "bad category key": (edited(set_path("categories.1", "Man")), "$.categories[1]", "category key"),
    "repeated category": (edited(set_path("categories.1", "woman")), "$.categories[1]", "repeats woman"),
    "unknown category": (edited(set_path("turns.0.category", "female")), "$.turns[0].category", "not one of the meeting's categories"),
    "unknown kind": (edited(set_path("turns.0.kind", "rant")), "$.turns[0].kind", "must be one of"),
    "unknown role": (edited(set_path("turns.0.role", "king")), "$.turns[0].role", "must be one of"),
    "end before start": (edited(set_path("turns.1.end", "2026-03-19T18:04:00.000+01:00")), "$.turns[1].end", "must be after start"),
    "zero length": (edited(set_path("turns.1.end", VALID["turns"][1]["start"])), "$.turns[1].end", "must be after start"),
    "overlapping turns": (edited(overlap), "$.turns[3].start", "overlaps turn"),
    "negative count": (edited(set_path("attendance.0.counts.man", -1)), "$.attendance[0].counts.man", "whole number ≥ 0"),
    "fractional count": (edited(set_path("attendance.0.counts.man", 2.5)), "$.attendance[0].counts.man", "whole number ≥ 0"),
    "count of unknown category": (edited(set_path("attendance.0.counts.youth", 3)), "$.attendance[0].counts.youth", "not one of"),
    "dangling agenda item": (edited(set_path("turns.0.agenda_item", "5e0d8a52-0b59-4d7f-8d5e-2f3c8a9b1c99")), "$.turns[0].agenda_item", "no agenda item"),
    "timestamp without offset": (edited(set_path("turns.0.start", "2026-03-19T18:01:12.041")), "$.turns[0].start", "RFC 3339"),
    "timestamp nonsense": (edited(set_path("started_at", "yesterday")), "$.started_at", "RFC 3339"),
    "bad date": (edited(set_path("date", "2026-02-30")), "$.date", "YYYY-MM-DD"),
    "open turn in ended meeting": (edited(set_path("turns.44.end", None)), "$.turns[44].end", "the meeting has ended"),
    "open turn not last": (edited(open_not_last), "$.turns[5].end", "only the last one may be running"),
    "turn before start": (edited(set_path("started_at", "2026-03-19T18:02:00.000+01:00")), "$.turns[0].start", "before the meeting started"),
    "turn after end": (edited(set_path("ended_at", "2026-03-19T19:00:00.000+01:00")), "$.turns", "after the meeting ended"),
    "turn in a break": (edited(turn_in_break), "$.turns[4].start", "overlaps a break"),
    "repeated turn id": (edited(set_path("turns.1.id", VALID["turns"][0]["id"])), "$.turns[1].id", "repeats"),
    "speaker too long": (edited(set_path("turns.0.speaker", "x" * 33)), "$.turns[0].speaker", "short token"),
    "NUL in a title": (edited(set_path("title", "Styrelse\x00möte")), "$.title", "NUL character"),
    "lone surrogate in a title": (BOARD.read_bytes().replace(b'"Distriktsstyrelsen, mars"', b'"\\ud800"'), "$.title", "lone surrogate"),
    "NaN": (BOARD.read_bytes().replace(b'"version": 2', b'"version": NaN'), "$", "NaN is not allowed"),
}


# Version 2 and the limits of FORMAT.md: a granted request of the first turn to edit.
GRANTED = {
    "id": "7c2e0a11-2222-4b3c-9d00-000000000001", "category": "woman", "kind": "speech", "speaker": None,
    "agenda_item": VALID["turns"][0]["agenda_item"], "requested_at": VALID["started_at"], "reply_to": None,
    "front_at": None, "state": "granted", "closed_at": VALID["turns"][0]["start"], "turn": VALID["turns"][0]["id"],
}


def with_request(**fields: Any) -> bytes:
    def change(doc: dict[str, Any]) -> None:
        doc["requests"] = [{**GRANTED, **fields}]
    return edited(change)


def with_requests(*requests: dict[str, Any], ended: bool = True) -> bytes:
    def change(doc: dict[str, Any]) -> None:
        doc["requests"] = list(requests)
        if not ended:
            doc["ended_at"] = None
    return edited(change)


def as_version_1(doc: dict[str, Any]) -> None:
    doc["version"] = 1


def raw(old: bytes, new: bytes) -> bytes:
    data = BOARD.read_bytes()
    assert old in data
    return data.replace(old, new, 1)


SECOND = {**GRANTED, "id": "7c2e0a11-2222-4b3c-9d00-000000000002"}
WAITING = {**GRANTED, "state": "waiting", "closed_at": None, "turn": None}

CASES.update({
    "version 1.0": (raw(b'"version": 2', b'"version": 1.0'), "$.version", "version 1.0 is not understood"),
    "version true": (edited(set_path("version", True)), "$.version", "version True is not understood"),
    "repeated key": (raw(b'"title": "Distriktsstyrelsen, mars"', b'"title": "A", "title": "B"'), "$.title", "appears twice"),
    "repeated key deep": (raw(b'"kind": "presentation"', b'"kind": "presentation", "kind": "speech"'), "$.turns[0].kind", "appears twice"),
    "deep nesting": (b'{"format": ' + b"[" * 200_000 + b"]" * 200_000 + b"}", "$", "nested deeper than 16"),
    "count of 2^63": (edited(set_path("attendance.0.counts.man", 2**63)), "$.attendance[0].counts.man", "below 1,000,000"),
    "a million": (edited(set_path("attendance.0.counts.man", 1_000_000)), "$.attendance[0].counts.man", "below 1,000,000"),
    "hundred digits": (raw(b'"man": 7', b'"man": ' + b"9" * 100), "$", "more than 20 digits"),
    "title too long": (edited(set_path("title", "x" * 501)), "$.title", "at most 500 characters"),
    "escape in title": (edited(set_path("title", "Budget \x1b[31mröd")), "$.title", "control characters"),
    "newline in district": (edited(set_path("district", "Väst\nra")), "$.district", "control characters"),
    "agenda title too long": (edited(set_path("agenda.0.title", "å" * 501)), "$.agenda[0].title", "at most 500"),
    "33 categories": (edited(set_path("categories", [f"c{n}" for n in range(33)])), "$.categories", "at most 32"),
    "long category key": (edited(set_path("categories.3", "u" * 33)), "$.categories[3]", "at most 32 characters"),
    "position a million": (edited(set_path("agenda.0.position", 1_000_000)), "$.agenda[0].position", "below 1,000,000"),
    "too many turns": (edited(set_path("turns", [{}] * 100_001)), "$.turns", "at most 100,000"),
    "too many requests": (edited(set_path("requests", [{}] * 100_001)), "$.requests", "at most 100,000"),
    "year 9999": (edited(set_path("turns.0.start", "9999-03-19T18:01:12.041+01:00")), "$.turns[0].start", "between the years 1900 and 2200"),
    "year 0001": (edited(set_path("started_at", "0001-01-01T00:10:00.000+01:00")), "$.started_at", "between the years 1900 and 2200"),
    "date in 2201": (edited(set_path("date", "2201-01-01")), "$.date", "between the years 1900 and 2200"),
    "version 1 with a queue": (edited(as_version_1), "$.current_item", "not part of version 1"),
    "dangling current item": (edited(set_path("current_item", GRANTED["id"])), "$.current_item", "no agenda item"),
    "unknown order": (edited(set_path("queue.order", "loudest")), "$.queue.order", "must be one of"),
    "priority not a category": (edited(set_path("queue.priority", ["female"])), "$.queue.priority[0]", "not one of the meeting's"),
    "negative max replies": (edited(set_path("queue.max_replies", -1)), "$.queue.max_replies", "whole number ≥ 0"),
    "limit of unknown kind": (edited(set_path("queue.limits", {"rant": 60})), "$.queue.limits.rant", "must be one of"),
    "limit of zero": (edited(set_path("queue.limits", {"speech": 0})), "$.queue.limits.speech", "seconds > 0"),
    "limit of 1.5": (edited(set_path("queue.limits", {"speech": 1.5})), "$.queue.limits.speech", "seconds > 0"),
    "closed item dangling": (edited(set_path("queue.closed_items", [GRANTED["id"]])), "$.queue.closed_items[0]", "no agenda item"),
    "request id not a uuid": (with_request(id="r1"), "$.requests[0].id", "must be a UUID"),
    "request id repeated": (with_requests(GRANTED, {**GRANTED, "turn": VALID["turns"][1]["id"]}), "$.requests[1].id", "repeats"),
    "request category unknown": (with_request(category="female"), "$.requests[0].category", "not one of the meeting's"),
    "request kind presentation": (with_request(kind="presentation"), "$.requests[0].kind", "must be one of"),
    "request agenda dangling": (with_request(agenda_item=GRANTED["id"]), "$.requests[0].agenda_item", "no agenda item"),
    "request without time": (with_request(requested_at=None), "$.requests[0].requested_at", "is required"),
    "request in year 9999": (with_request(requested_at="9999-01-01T00:00:00Z"), "$.requests[0].requested_at", "between the years"),
    "reply to no turn": (with_request(reply_to=GRANTED["id"]), "$.requests[0].reply_to", "names no turn"),
    "moved before asked": (with_request(front_at="2026-03-19T17:00:00.000+01:00"), "$.requests[0].front_at", "before requested_at"),
    "unknown state": (with_request(state="pending"), "$.requests[0].state", "must be one of"),
    "granted without turn": (with_request(turn=None), "$.requests[0].turn", "is required"),
    "granted a missing turn": (with_request(turn=GRANTED["id"]), "$.requests[0].turn", "names no turn"),
    "granted without closed_at": (with_request(closed_at=None), "$.requests[0].closed_at", "is required"),
    "closed before asked": (with_request(closed_at="2026-03-19T17:00:00.000+01:00"), "$.requests[0].closed_at", "before requested_at"),
    "turn granted twice": (with_requests(GRANTED, SECOND), "$.requests[1].turn", "repeats"),
    "withdrawn with a turn": (with_request(state="withdrawn"), "$.requests[0].turn", "null unless the request was granted"),
    "waiting in an ended meeting": (with_request(state="waiting", closed_at=None, turn=None), "$.requests[0].state", "cannot be waiting"),
    "waiting with closed_at": (with_requests({**WAITING, "closed_at": GRANTED["closed_at"]}, ended=False), "$.requests[0].closed_at", "null while the request waits"),
    "waiting with a turn": (with_requests({**WAITING, "turn": GRANTED["turn"]}, ended=False), "$.requests[0].turn", "null while the request waits"),
})


def fingerprint(db: str) -> str:
    """The whole database file, so 'unchanged' means not one byte changed."""
    return hashlib.sha256(Path(db).read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_refused_whole(name: str, tmp_path: Path, sqlite_path: str, cli: Cli) -> None:
    data, json_path, words = CASES[name]
    assert cli("--db", sqlite_path, "import", BOARD.parent / "annual-meeting-with-tokens.json").code == 0
    before = fingerprint(sqlite_path)
    bad = tmp_path / "bad.json"
    bad.write_bytes(data)

    result = cli("--db", sqlite_path, "import", bad)

    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"talarstat: {bad}: {json_path}")
    assert words in lines[0]
    assert "Traceback" not in result.err
    assert fingerprint(sqlite_path) == before


def test_missing_file_is_bad_input(tmp_path: Path, sqlite_path: str, cli: Cli) -> None:
    result = cli("--db", sqlite_path, "import", tmp_path / "nowhere.json")
    assert result.code == 2
    assert result.err.strip() == f"talarstat: {tmp_path / 'nowhere.json'}: $: cannot be read (No such file or directory)"


def test_one_bad_file_among_good_ones_keeps_only_itself_out(tmp_path: Path, sqlite_path: str, cli: Cli) -> None:
    """Every file is tried, each all-or-nothing: the bad one is refused whole, the good one stored."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(CASES["overlapping turns"][0])
    result = cli("--db", sqlite_path, "import", bad, BOARD.parent / "annual-meeting-with-tokens.json")
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.err.startswith(f"talarstat: {bad}: ")
    assert result.out.splitlines()[-1] == "2 files: 1 imported, 0 unchanged, 0 replaced, 1 refused"
    assert len(json.loads(cli("--db", sqlite_path, "meetings", "--json").out)) == 1


def test_swedish_message(tmp_path: Path, sqlite_path: str, cli: Cli) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(CASES["wrong version"][0])
    result = cli("--lang", "sv", "--db", sqlite_path, "import", bad)
    assert result.code == 2
    assert result.err.strip() == f"talarstat: {bad}: $.version: version 3 förstås inte; den här talarstat läser version 1, 2"
