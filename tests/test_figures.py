"""The figures of docs/figures.md on a meeting small enough to compute by hand (worked in the comments)."""

from __future__ import annotations

import pytest

from talarstat.domain.figures import Figures, TurnFilter, meeting_figures
from talarstat.domain.meeting import AttendanceRecord, Meeting, Turn

S = 1000  # one second in milliseconds
B = 1_773_500_000_000  # an arbitrary instant


def turn(n: int, category: str, start: int, end: int | None, role: str = "member", kind: str = "speech", speaker: str | None = None) -> Turn:
    return Turn(id=f"00000000-0000-4000-8000-{n:012d}", category=category, start=B + start * S,
                end=None if end is None else B + end * S, role=role, kind=kind, speaker=speaker)


# 6 women and 4 men from the start (a_w = 0.6); 5 and 5 from 600 s on (a_w = 0.5).
ATTENDANCE = (
    AttendanceRecord(at=B, counts={"woman": 6, "man": 4}),
    AttendanceRecord(at=B + 600 * S, counts={"woman": 5, "man": 5}),
)
TURNS = (
    turn(1, "woman", 0, 120),  # 120 s under the first count
    turn(2, "man", 120, 300),  # 180 s under the first count
    turn(3, "woman", 300, 310, role="chair"),  # the chair: not counted by default
    turn(4, "woman", 600, 660),  # 60 s under the second count
    turn(5, "man", 660, 900),  # 240 s under the second count
)
MEETING = Meeting(id="00000000-0000-4000-8000-000000000000", title="t", categories=("woman", "man"),
                  attendance=ATTENDANCE, turns=TURNS)


EVERY_TURN = TurnFilter()


def figures(meeting: Meeting = MEETING, turn_filter: TurnFilter = EVERY_TURN, now: int = B + 10_000 * S) -> Figures:
    return meeting_figures(meeting, turn_filter=turn_filter, now=now)


def test_counts_and_shares_by_hand() -> None:
    result = figures()
    woman, man = result.categories["woman"], result.categories["man"]
    # k: 2 and 2 (the chair's turn left out); t: 180 s and 420 s; T = 600 s.
    assert (result.turns, result.seconds) == (4, 600.0)
    assert (woman.turns, woman.seconds, man.turns, man.seconds) == (2, 180.0, 2, 420.0)
    assert woman.turn_share == man.turn_share == 0.5
    assert woman.time_share == pytest.approx(0.3) and man.time_share == pytest.approx(0.7)
    assert woman.mean_turn_seconds == 90.0 and man.mean_turn_seconds == 210.0


def test_attendance_is_weighted_by_speaking_time_by_hand() -> None:
    woman, man = figures().categories["woman"], figures().categories["man"]
    # n_w = (120·6 + 180·6 + 60·5 + 240·5) / 600 = 3300 / 600 = 5.5; n_m = 2700 / 600 = 4.5
    assert woman.attendance == pytest.approx(5.5) and man.attendance == pytest.approx(4.5)
    # p_w = (300·0.6 + 300·0.5) / 600 = 0.55
    assert woman.attendance_share == pytest.approx(0.55) and man.attendance_share == pytest.approx(0.45)
    # time_ratio = 0.3 / 0.55, turn_ratio = 0.5 / 0.55, gap = 100·(0.3 − 0.55) = −25 pp
    assert woman.time_ratio == pytest.approx(0.3 / 0.55) and man.time_ratio == pytest.approx(0.7 / 0.45)
    assert woman.turn_ratio == pytest.approx(0.5 / 0.55)
    assert woman.gap_pp == pytest.approx(-25.0) and man.gap_pp == pytest.approx(25.0)


def test_meeting_wide_figures_by_hand() -> None:
    result = figures()
    # (0.3 / 0.55) / (0.7 / 0.45) = 0.135 / 0.385
    assert result.per_capita_ratio == pytest.approx(0.135 / 0.385)
    assert result.within_40_60 is False


def test_include_chair_counts_the_chair() -> None:
    woman = figures(turn_filter=TurnFilter.build(include_chair=True)).categories["woman"]
    assert (woman.turns, woman.seconds) == (3, 190.0)


def test_kinds_and_roles_filter() -> None:
    only_replies = figures(turn_filter=TurnFilter.build(kinds=["reply"]))
    assert only_replies.turns == 0 and only_replies.categories["woman"].time_share is None
    chair_only = figures(turn_filter=TurnFilter.build(roles=["chair"]))
    assert chair_only.turns == 1 and chair_only.categories["woman"].seconds == 10.0


def test_filter_is_in_canonical_order() -> None:
    built = TurnFilter.build(roles=["guest", "member"], kinds=["reply", "speech"], include_chair=True)
    assert built.roles == ("member", "chair", "guest") and built.kinds == ("speech", "reply")


def test_no_time_spoken_takes_the_latest_attendance() -> None:
    silent = Meeting(id=MEETING.id, title="t", categories=("woman", "man"), attendance=ATTENDANCE)
    woman = figures(silent).categories["woman"]
    assert woman.turns == 0 and woman.turn_share is None and woman.time_share is None
    assert woman.attendance == 5 and woman.attendance_share == 0.5
    assert woman.time_ratio is None and woman.gap_pp is None and woman.mean_turn_seconds is None


def test_without_attendance_the_attendance_figures_are_null() -> None:
    blind = Meeting(id=MEETING.id, title="t", categories=("woman", "man"), turns=TURNS)
    woman = figures(blind).categories["woman"]
    assert woman.time_share == pytest.approx(0.3)
    assert woman.attendance is None and woman.attendance_share is None
    assert woman.time_ratio is None and woman.turn_ratio is None and woman.gap_pp is None
    assert figures(blind).per_capita_ratio is None


def test_a_turn_before_the_first_count_takes_the_earliest() -> None:
    early = Meeting(id=MEETING.id, title="t", categories=("woman", "man"),
                    attendance=(AttendanceRecord(at=B + 100 * S, counts={"woman": 1, "man": 3}),),
                    turns=(turn(1, "woman", 0, 50),))
    assert figures(early).categories["woman"].attendance_share == 0.25


def test_a_running_turn_counts_up_to_now() -> None:
    running = Meeting(id=MEETING.id, title="t", categories=("woman", "man"), turns=(turn(1, "man", 0, None),))
    assert figures(running, now=B + 42 * S).categories["man"].seconds == 42.0


def test_every_category_appears_with_zeros() -> None:
    wide = Meeting(id=MEETING.id, title="t", categories=("woman", "man", "nonbinary", "unknown"), turns=TURNS,
                   attendance=ATTENDANCE)
    result = figures(wide)
    assert list(result.categories) == ["woman", "man", "nonbinary", "unknown"]
    nonbinary = result.categories["nonbinary"]
    assert (nonbinary.turns, nonbinary.seconds, nonbinary.time_share, nonbinary.attendance_share) == (0, 0.0, 0.0, 0.0)
    assert nonbinary.time_ratio is None


def test_speakers_are_distinct_tokens_and_null_without_tokens() -> None:
    assert figures().categories["woman"].speakers is None
    tokened = Meeting(id=MEETING.id, title="t", categories=("woman", "man"), attendance=ATTENDANCE, turns=(
        turn(1, "woman", 0, 10, speaker="12"), turn(2, "woman", 10, 20, speaker="12"),
        turn(3, "woman", 20, 30, speaker="7"), turn(4, "man", 30, 40),
    ))
    result = figures(tokened)
    assert result.categories["woman"].speakers == 2 and result.categories["man"].speakers == 0
    # u_w / n_w = 2 / 6 (all of it spoken under the first count)
    assert result.categories["woman"].participation_rate == pytest.approx(2 / 6)
