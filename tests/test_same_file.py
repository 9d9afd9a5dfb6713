"""Import, sync and demo compare meetings as meetings (`same_file`), never by writing both out: the
comparison must say exactly what comparing their files would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import meetings

from talarstat.domain.meeting import AttendanceRecord, Break, Meeting, NextTurn
from talarstat.domain.meetingfile import (
    MeetingFileError,
    check_meeting,
    file_content,
    parse_document,
    same_file,
    to_document,
)
from talarstat.domain.queue import QueueSettings
from talarstat.domain.timefmt import instant_of
from talarstat.domain.vocabulary import CATEGORY_KEY_MAX_LENGTH, COUNT_LIMIT, TEXT_MAX_LENGTH


def _variants(meeting: Meeting) -> list[Meeting]:
    """Changes a file shows and changes it does not."""
    replace = dataclasses.replace
    variants = [
        replace(meeting, title=meeting.title + "!"),  # shown
        replace(meeting, offset_minutes=meeting.offset_minutes + 60),  # shown: every time moves an hour
        replace(meeting, next_turn=NextTurn(kind="reply", role="chair")),  # not in the file
        replace(meeting, turns=tuple(reversed(meeting.turns)), agenda=tuple(reversed(meeting.agenda))),  # written sorted
        replace(meeting, queue=replace(meeting.queue, priority=(*meeting.queue.priority, "youth_9"))),  # not a category
        replace(meeting, queue=replace(meeting.queue, max_replies=meeting.queue.max_replies + 1)),  # shown
        replace(meeting, queue=replace(meeting.queue, limits=dict(reversed(list(meeting.queue.limits.items()))))),
        replace(meeting, current_item=None),
    ]
    if meeting.attendance:  # a head count of 0 written out, and one left out, are the same file
        first = meeting.attendance[0]
        zeros = {category: count for category, count in first.counts.items() if count}
        variants.append(replace(meeting, attendance=(AttendanceRecord(at=first.at, counts=zeros), *meeting.attendance[1:])))
        variants.append(replace(meeting, attendance=(replace(first, at=first.at + 1), *meeting.attendance[1:])))
    if meeting.turns:
        variants.append(replace(meeting, turns=meeting.turns[:-1]))
        variants.append(replace(meeting, turns=(*meeting.turns[:-1], replace(meeting.turns[-1], speaker="99"))))
    return variants


@settings(max_examples=60, deadline=None)
@given(meeting=meetings(running=True) | meetings())
def test_the_file_content_is_what_reading_the_file_back_gives(meeting: Meeting) -> None:
    assert file_content(meeting) == parse_document(to_document(meeting))
    assert same_file(meeting, parse_document(to_document(meeting)))


@settings(max_examples=60, deadline=None)
@given(meeting=meetings(running=True) | meetings(), pick=st.integers(0, 20))
def test_same_file_says_what_comparing_the_files_says(meeting: Meeting, pick: int) -> None:
    variants = _variants(meeting)
    other = variants[pick % len(variants)]
    assert same_file(meeting, other) == (to_document(meeting) == to_document(other))


def test_a_meeting_without_times_has_no_offset_in_its_file() -> None:
    planned = Meeting(id="0b6f4c5e-7a9e-4c1e-9d49-1f3c3c2b7e10", title="Planerat", categories=("woman", "man"),
                      offset_minutes=60, queue=QueueSettings(priority=("woman", "nonbinary")))
    read_back = parse_document(to_document(planned))
    assert read_back.offset_minutes == 0 and same_file(planned, read_back)
    assert file_content(planned) == read_back
    assert not same_file(planned, dataclasses.replace(planned, planned_start=1_773_500_000_000))


def _outcome(check: Callable[[Meeting], object], meeting: Meeting) -> tuple[str, str, dict[str, object]] | None:
    try:
        check(meeting)
    except MeetingFileError as error:
        return error.path, error.key, dict(error.params)
    return None


def _read_back(meeting: Meeting) -> Meeting:
    return parse_document(to_document(meeting))


def _year(year: int) -> int:
    return instant_of(dt.datetime(year, 6, 1, tzinfo=dt.UTC))


def _one_changed(meeting: Meeting, field: str, index: int, **change: object) -> Meeting:
    """The meeting with one turn or request (`field`, at `index`) changed."""
    entries = list(getattr(meeting, field))
    entries[index] = dataclasses.replace(entries[index], **change)
    return dataclasses.replace(meeting, **{field: tuple(entries)})


def _broken(meeting: Meeting) -> list[Meeting]:
    """Meetings that break one rule of FORMAT.md each (as a database changed behind talarstat's back could)."""
    replace = dataclasses.replace
    broken = [
        replace(meeting, title=" "), replace(meeting, title="a\x1b[31m"), replace(meeting, title="x" * (TEXT_MAX_LENGTH + 1)),
        replace(meeting, district="a\x07"), replace(meeting, kind="\x00"), replace(meeting, date=dt.date(1850, 1, 1)),
        replace(meeting, notice_sent=dt.date(2300, 1, 1)), replace(meeting, planned_start=_year(1850)),
        replace(meeting, ended_at=_year(2300)), replace(meeting, categories=()), replace(meeting, categories=("Woman",)),
        replace(meeting, categories=("a" * (CATEGORY_KEY_MAX_LENGTH + 1),)), replace(meeting, current_item=str(uuid.uuid4())),
        replace(meeting, started_at=(meeting.ended_at or _year(2100)) + 1),
        replace(meeting, queue=replace(meeting.queue, order="random")),
        replace(meeting, queue=replace(meeting.queue, priority=(meeting.categories[0],) * 2)),
        replace(meeting, queue=replace(meeting.queue, max_replies=-1)),
        replace(meeting, queue=replace(meeting.queue, limits={"speech": 0})),
        replace(meeting, queue=replace(meeting.queue, closed_items=(str(uuid.uuid4()),))),
        replace(meeting, queue=replace(meeting.queue, closed_items=(None, None))),
        replace(meeting, attendance=(AttendanceRecord(at=_year(2026), counts={meeting.categories[0]: -1}),)),
        replace(meeting, attendance=(AttendanceRecord(at=_year(2026), counts={meeting.categories[0]: COUNT_LIMIT}),)),
        replace(meeting, breaks=(*meeting.breaks, Break(start=_year(2300), end=None))),
    ]
    if meeting.agenda:
        item = meeting.agenda[0]
        broken += [replace(meeting, agenda=(replace(item, position=0), *meeting.agenda[1:])),
                   replace(meeting, agenda=(replace(item, title=""), *meeting.agenda[1:])),
                   replace(meeting, agenda=(*meeting.agenda, replace(item, id=str(uuid.uuid4()))))]
    for index in (0, -1) if meeting.turns else ():
        turn = meeting.turns[index]
        broken += [_one_changed(meeting, "turns", index, **change) for change in (
            {"category": "youth_9"}, {"kind": "rant"}, {"role": "king"}, {"agenda_item": str(uuid.uuid4())},
            {"speaker": " "}, {"speaker": "s" * 1000}, {"end": turn.start}, {"start": turn.start - 10**9}, {"end": None},
        )]
    for index in (0, -1) if meeting.requests else ():
        at = meeting.requests[index].requested_at
        broken += [_one_changed(meeting, "requests", index, **change) for change in (
            {"category": "youth_9"}, {"kind": "rant"}, {"reply_to": str(uuid.uuid4())}, {"front_at": at - 1},
            {"state": "lost"}, {"state": "waiting"}, {"state": "granted", "closed_at": at, "turn": None},
            {"state": "granted", "closed_at": at, "turn": str(uuid.uuid4())},
            {"state": "withdrawn", "closed_at": at - 1},
            {"state": "withdrawn", "closed_at": at, "turn": meeting.turns[0].id if meeting.turns else str(uuid.uuid4())},
        )]
    return broken


@settings(max_examples=40, deadline=None)
@given(meeting=meetings(running=True) | meetings())
def test_check_meeting_refuses_what_reading_its_file_refuses(meeting: Meeting) -> None:
    """`db check` checks the meeting itself; it must find what writing and reading its file finds,
    at the same path, for the same rule."""
    assert _outcome(check_meeting, meeting) is None
    refused = 0
    for bad in _broken(meeting):
        found = _outcome(check_meeting, bad)
        assert found == _outcome(_read_back, bad)
        refused += found is not None
    assert refused >= len(_broken(meeting)) - 4  # a few changes may happen to keep the rules


def test_check_meeting_draws_the_year_line_where_the_file_does() -> None:
    """A time's year is the year of its local time in the meeting's offset, to the millisecond."""
    for offset in (-720, -90, 0, 60, 840):
        local = dt.timezone(dt.timedelta(minutes=offset))
        for year in (1900, 2201):
            line = instant_of(dt.datetime(year, 1, 1, tzinfo=local))
            for instant in (line - 1, line):
                meeting = Meeting(id="0b6f4c5e-7a9e-4c1e-9d49-1f3c3c2b7e10", title="Gränsen", categories=("woman",),
                                  offset_minutes=offset, planned_start=instant)
                found = _outcome(check_meeting, meeting)
                assert found == _outcome(_read_back, meeting)
                assert (found is None) == ((year == 1900) == (instant == line))
