"""Import, sync and demo compare meetings as meetings (`same_file`), never by writing both out: the
comparison must say exactly what comparing their files would."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import meetings

from talarstat.domain.meeting import AttendanceRecord, Meeting, NextTurn
from talarstat.domain.meetingfile import file_content, parse_document, same_file, to_document
from talarstat.domain.queue import QueueSettings


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
