"""Realistic sample meetings for trying talarstat, demos and benchmarks: three districts, a year.

Everything comes from one seeded random generator, so the same seed gives the same meetings (and
the same UUIDs): running `talarstat demo` twice changes nothing the second time. The numbers are
invented but shaped like real meetings: a board of a dozen, annual meetings of a hundred, people
arriving late and leaving early, replies following speeches, the chair speaking between items,
and districts that differ in how evenly the floor is shared.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Break, Meeting, Turn
from talarstat.domain.timefmt import Instant, instant_of
from talarstat.domain.vocabulary import DEFAULT_CATEGORIES

DEMO_YEAR = 2026
MINUTE = 60_000


@dataclass(frozen=True)
class _District:
    name: str
    local_body: str
    men_speak_longer: float  # > 1: men's turns run longer than women's here
    women_share: float  # of the members who come


_DISTRICTS = (
    _District("Västra Götaland", "Partiförening Majorna", 1.35, 0.52),
    _District("Stockholm", "Partiförening Söder", 1.05, 0.55),
    _District("Skåne", "Partiförening Möllevången", 1.6, 0.45),
)

# body suffix, kind, meetings a year, typical attendance, planned hours
_BODIES = (
    ("Distriktsstyrelsen", "board", 10, 12, 3),
    ("Distriktsårsmötet", "annual", 1, 90, 6),
    (None, "member", 4, 30, 2),
    ("Kommunfullmäktigegruppen", "council", 4, 18, 2),
    ("Valberedningen", "committee", 2, 7, 2),
)

_AGENDA = {
    "board": ("Mötets öppnande", "Ekonomisk rapport", "Valplan 2026", "Medlemsutveckling", "Övriga frågor"),
    "annual": ("Mötets öppnande", "Verksamhetsberättelse", "Revisionsberättelse och ansvarsfrihet",
               "Motioner om bostadspolitik", "Motioner om kollektivtrafik", "Val av distriktsstyrelse",
               "Val av revisorer", "Mötets avslutande"),
    "member": ("Mötets öppnande", "Inledning: Välfärden i vår kommun", "Diskussion", "Övriga frågor"),
    "council": ("Ärenden till kommunfullmäktige", "Budgetramar 2027", "Interpellationer"),
    "committee": ("Nomineringar", "Intervjuer", "Förslag till årsmötet"),
}


def _stockholm_offset(day: dt.date) -> int:
    """Sweden's UTC offset: summer time from the last Sunday of March to the last Sunday of October."""

    def last_sunday(month: int) -> dt.date:
        last = dt.date(day.year, month, 31)
        return last - dt.timedelta(days=(last.weekday() + 1) % 7)

    return 120 if last_sunday(3) <= day < last_sunday(10) else 60


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _headcounts(rng: random.Random, size: int, women_share: float) -> dict[str, int]:
    people = max(3, int(rng.gauss(size, size * 0.15)))
    nonbinary = sum(rng.random() < 0.04 for _ in range(people))
    unknown = sum(rng.random() < 0.02 for _ in range(people))
    women = round((people - nonbinary - unknown) * min(max(rng.gauss(women_share, 0.08), 0.15), 0.85))
    return {"woman": women, "man": people - nonbinary - unknown - women, "nonbinary": nonbinary, "unknown": unknown}


def _weighted_category(rng: random.Random, counts: dict[str, int], men_boost: float) -> str:
    weights = [counts[key] * (men_boost if key == "man" else 1.0) for key in DEFAULT_CATEGORIES]
    if sum(weights) <= 0:
        return "unknown"
    return rng.choices(DEFAULT_CATEGORIES, weights)[0]


def _meeting(
    rng: random.Random, district: _District, body: str, kind: str, day: dt.date, size: int, hours: int
) -> Meeting:
    offset = _stockholm_offset(day)
    tz = dt.timezone(dt.timedelta(minutes=offset))
    planned_start = instant_of(dt.datetime.combine(day, dt.time(18 if hours <= 3 else 10), tz))
    planned_end = planned_start + hours * 60 * MINUTE
    started_at = planned_start + int(rng.uniform(0, 8) * MINUTE)
    agenda = tuple(
        AgendaItem(id=_uuid(rng), position=index, title=title) for index, title in enumerate(_AGENDA[kind], 1)
    )
    uses_tokens = kind in ("annual", "congress")
    token_pool = {category: [str(n) for n in range(1, size * 2)] for category in DEFAULT_CATEGORIES}
    counts = _headcounts(rng, size, district.women_share)
    attendance = [AttendanceRecord(at=started_at, counts=counts)]
    breaks: list[Break] = []
    turns: list[Turn] = []
    clock = started_at
    target_end = planned_end + int(rng.gauss(0, 12) * MINUTE) - int(rng.uniform(0, 20) * MINUTE)
    break_at = started_at + (planned_end - started_at) // 2 if hours >= 4 else None
    for position, item in enumerate(agenda):
        remaining_items = len(agenda) - position
        item_end = clock + (target_end - clock) // remaining_items
        # The chair opens the item, a presenter introduces it, then the debate.
        turns.append(_turn(rng, clock, 20 + rng.expovariate(1 / 30), "chair", "speech", item, counts, 1.0, uses_tokens, token_pool))
        clock = _ended(turns[-1]) + int(rng.uniform(2, 10) * 1000)
        if rng.random() < 0.7:
            turns.append(_turn(rng, clock, rng.uniform(120, 480), "presenter", "presentation", item, counts, 1.0, uses_tokens, token_pool))
            clock = _ended(turns[-1]) + int(rng.uniform(3, 20) * 1000)
        while clock < item_end:
            if break_at is not None and clock >= break_at:
                breaks.append(Break(start=clock, end=clock + 15 * MINUTE))
                clock += 15 * MINUTE + int(rng.uniform(5, 60) * 1000)
                break_at = None
                counts = _headcounts(rng, size, district.women_share)
                attendance.append(AttendanceRecord(at=clock, counts=counts))
            kind_roll = rng.random()
            if kind_roll < 0.62:
                turn_kind, seconds = "speech", rng.lognormvariate(4.4, 0.5)
            elif kind_roll < 0.85:
                turn_kind, seconds = "reply", rng.lognormvariate(3.6, 0.4)
            elif kind_roll < 0.92:
                turn_kind, seconds = "information", rng.lognormvariate(3.4, 0.5)
            else:
                turn_kind, seconds = "point_of_order", rng.lognormvariate(3.2, 0.4)
            role = "guest" if rng.random() < 0.03 else "member"
            turn = _turn(rng, clock, seconds, role, turn_kind, item, counts, district.men_speak_longer, uses_tokens, token_pool)
            turns.append(turn)
            clock = _ended(turn) + int(rng.expovariate(1 / 12) * 1000) + 500
            if rng.random() < 0.04:
                counts = dict(counts)
                category = rng.choice(DEFAULT_CATEGORIES[:2])
                counts[category] = max(0, counts[category] + rng.choice((-2, -1, 1, 2, 3)))
                attendance.append(AttendanceRecord(at=clock, counts=counts))
    ended_at = clock + int(rng.uniform(20, 90) * 1000)
    notice_days = rng.choice((14, 12, 10, 9, 8, 7, 7, 6, 4)) if kind != "annual" else rng.choice((28, 21, 14))
    return Meeting(
        id=_uuid(rng), title=f"{body}, {_MONTHS[day.month - 1]}", categories=DEFAULT_CATEGORIES,
        district=district.name, body=body, kind=kind, date=day, planned_start=planned_start,
        planned_end=planned_end, notice_sent=day - dt.timedelta(days=notice_days), started_at=started_at,
        ended_at=ended_at, offset_minutes=offset, attendance=tuple(attendance), agenda=agenda,
        breaks=tuple(breaks), turns=tuple(turns),
    )


_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")


def _turn(
    rng: random.Random, start: Instant, seconds: float, role: str, kind: str, item: AgendaItem,
    counts: dict[str, int], men_speak_longer: float, uses_tokens: bool, token_pool: dict[str, list[str]],
) -> Turn:
    category = _weighted_category(rng, counts, 1.15 if role == "member" else 1.0)
    if category == "man":
        seconds *= men_speak_longer
    speaker = rng.choice(token_pool[category][: max(2, counts[category] + 1)]) if uses_tokens else None
    return Turn(
        id=_uuid(rng), category=category, start=start, end=start + max(1000, int(seconds * 1000)),
        kind=kind, role=role, agenda_item=item.id, speaker=speaker,
    )


def _ended(turn: Turn) -> Instant:
    """When a generated turn ended: `_turn` makes every one with its end."""
    if turn.end is None:
        raise ValueError(f"generated turn {turn.id} has no end")
    return turn.end


def demo_meetings(seed: int = 2026, today: dt.date | None = None) -> list[Meeting]:
    """A year of meetings in three districts, the last of them a few days before `today` (default: the
    real today), so that no sample meeting lies in the future."""
    rng = random.Random(seed)
    shift = (today or dt.date.today()) - dt.date(DEMO_YEAR, 12, 31)
    meetings: list[Meeting] = []
    for district in _DISTRICTS:
        for body_name, kind, per_year, size, hours in _BODIES:
            body = body_name or district.local_body
            for index in range(per_year):
                month = 1 + (index * 12 // per_year + rng.randrange(0, max(1, 12 // per_year))) % 12
                if kind == "annual":
                    month = 3
                day = dt.date(DEMO_YEAR, month, rng.randint(1, 28)) + shift
                meetings.append(_meeting(rng, district, body, kind, day, size, hours))
    return meetings
