"""Every figure of docs/figures.md, computed from tallies of turns.

The figures never need individual turns: only, per category, how many turns and how many
milliseconds were spoken while a given attendance record was in force. The database produces those
tallies with GROUP BY (store/tallies.py); `tally_meeting` produces the same from plain turns (the live
screen, tests). Pooling meetings is then just putting their slices together, because every slice
carries its own meeting's attendance: that is exactly "each turn's attendance taken from its own
meeting" (docs/figures.md, Pooling meetings).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypedDict

from talarstat.domain.meeting import Meeting, Turn
from talarstat.domain.timefmt import Instant
from talarstat.domain.vocabulary import CHAIR, ROLES, TURN_KINDS

WOMAN, MAN = "woman", "man"


@dataclass(frozen=True, slots=True)
class TurnFilter:
    """Which turns count. By default all but the chair's (practice excludes the chair)."""

    roles: tuple[str, ...] = tuple(role for role in ROLES if role != CHAIR)
    kinds: tuple[str, ...] = TURN_KINDS

    @classmethod
    def build(
        cls, *, include_chair: bool = False, roles: Iterable[str] | None = None, kinds: Iterable[str] | None = None
    ) -> TurnFilter:
        """The filter the command line describes, in the canonical order of docs/file-format.md."""
        chosen_roles = set(roles) if roles is not None else {role for role in ROLES if role != CHAIR}
        if include_chair:
            chosen_roles.add(CHAIR)
        chosen_kinds = set(kinds) if kinds is not None else set(TURN_KINDS)
        return cls(
            roles=tuple(role for role in ROLES if role in chosen_roles),
            kinds=tuple(kind for kind in TURN_KINDS if kind in chosen_kinds),
        )

    def admits(self, turn: Turn) -> bool:
        return turn.role in self.roles and turn.kind in self.kinds


class Headcount(NamedTuple):
    """The head counts of one attendance record, as a hashable value.

    Equal records are equal keys, so time spoken under one record is summed (as exact integers)
    before it is weighted: the figures then do not depend on how finely turns were sliced (per
    agenda item or not) or on the order rows came in. The same data gives the same bits.

    A named tuple rather than a frozen dataclass: a national report uses each record as a dict key
    three times (per meeting, per district, pooled), and a tuple hashes and compares in C, where the
    dataclass ran a Python __hash__ and __eq__ each time. `total` is the sum of `counts`, so it
    takes part in equality without changing which records are equal.
    """

    counts: tuple[tuple[str, int], ...]
    total: int

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> Headcount:
        items = tuple(sorted(counts.items()))
        return cls(items, sum(count for _, count in items))


@dataclass(frozen=True, slots=True)
class Slice:
    """Turns of one category that started while the same attendance record was in force.

    `attendance` is that record's counts, or None when the meeting has no attendance recorded.
    """

    category: str
    turns: int
    milliseconds: int
    attendance: Headcount | None


@dataclass(frozen=True, slots=True)
class Tally:
    """What the figures of one meeting, one agenda item or many pooled meetings are computed from.

    `fallbacks` are the attendance used when no time was spoken: the latest record of each meeting
    that has one. `speakers` counts distinct speaker tokens per category, None when no meeting in
    the tally uses tokens.
    """

    categories: tuple[str, ...]
    slices: tuple[Slice, ...] = ()
    fallbacks: tuple[Headcount, ...] = ()
    speakers: Mapping[str, int] | None = None


@dataclass(frozen=True, slots=True)
class CategoryFigures:
    turns: int
    seconds: float
    turn_share: float | None
    time_share: float | None
    attendance: float | None
    attendance_share: float | None
    time_ratio: float | None
    turn_ratio: float | None
    gap_pp: float | None
    mean_turn_seconds: float | None
    speakers: int | None
    participation_rate: float | None


@dataclass(frozen=True, slots=True)
class Figures:
    turns: int
    seconds: float
    categories: dict[str, CategoryFigures] = field(default_factory=dict)

    @property
    def per_capita_ratio(self) -> float | None:
        """How much a woman present speaks per a man present: time_ratio[woman] / time_ratio[man]."""
        woman, man = self.categories.get(WOMAN), self.categories.get(MAN)
        return per_capita_ratio_of(woman.time_ratio if woman is not None else None, man.time_ratio if man is not None else None)

    @property
    def within_40_60(self) -> bool | None:
        """The common pass mark: women hold between 40 % and 60 % of the speaking time."""
        woman = self.categories.get(WOMAN)
        return within_40_60_of(woman.time_share if woman is not None else None)


class CategoryValues(TypedDict):
    """A category's figures as a plain dict, keyed and ordered as CategoryFigures' fields: what
    `figure_values` computes. A national report writes 27,000 of them as they are, where a frozen
    dataclass costs a microsecond to make (a setattr per field) and as much again to turn into JSON."""

    turns: int
    seconds: float
    turn_share: float | None
    time_share: float | None
    attendance: float | None
    attendance_share: float | None
    time_ratio: float | None
    turn_ratio: float | None
    gap_pp: float | None
    mean_turn_seconds: float | None
    speakers: int | None
    participation_rate: float | None


def per_capita_ratio_of(woman_time_ratio: float | None, man_time_ratio: float | None) -> float | None:
    """Figures.per_capita_ratio from the two time ratios (None where a category is missing)."""
    if woman_time_ratio is None or not man_time_ratio:
        return None
    return woman_time_ratio / man_time_ratio


def within_40_60_of(woman_time_share: float | None) -> bool | None:
    """Figures.within_40_60 from the women's time share (None where they are not a category)."""
    if woman_time_share is None:
        return None
    return 0.4 <= woman_time_share <= 0.6


def _averages(weighted: Sequence[tuple[Headcount, int]], categories: tuple[str, ...]) -> tuple[dict[str, float], dict[str, float]]:
    """(n_g, p_g): head counts and their shares a_g = A_g / Σ A, averaged with the given weights
    (pairs of a record and its weight).

    math.fsum is exactly rounded, so the order of the weights does not change a bit. A record with
    nobody counted says nothing about who is present and weighs only in the head counts. (Written
    for speed: a national report runs this for every meeting and over every record pooled.)
    """
    if len(weighted) == 1:
        return _one_record(*weighted[0], categories)
    head_terms: dict[str, list[float]] = {category: [] for category in categories}
    share_terms: dict[str, list[float]] = {category: [] for category in categories}
    weight = composed_weight = 0
    for headcount, ms in weighted:
        weight += ms
        total = headcount.total
        if total > 0:
            composed_weight += ms
        for category, count in headcount.counts:
            if count and category in head_terms:
                spent = ms * count
                head_terms[category].append(spent)
                share_terms[category].append(spent / total)
    fsum = math.fsum
    heads = {category: fsum(terms) / weight for category, terms in head_terms.items()}
    shares = {category: fsum(terms) / composed_weight if composed_weight else 0.0 for category, terms in share_terms.items()}
    return heads, shares


def _one_record(headcount: Headcount, ms: int, categories: tuple[str, ...]) -> tuple[dict[str, float], dict[str, float]]:
    """`_averages` of a single record, as most meetings have: the same bits without the lists of
    terms, since math.fsum of one term is that term (an int converted as fsum does; -0.0, which fsum
    makes 0.0, is the one exception)."""
    total = headcount.total
    heads = dict.fromkeys(categories, 0.0 / ms)  # fsum of no terms is 0.0
    shares = dict.fromkeys(categories, 0.0)
    for category, count in headcount.counts:
        if count and category in heads:
            spent = ms * count
            heads[category] = float(spent) / ms
            share = spent / total  # raises where _averages does, with nobody counted but someone present
            if total > 0:
                shares[category] = (share or 0.0) / ms
    return heads, shares


@dataclass(frozen=True, slots=True)
class Sums:
    """A tally reduced to what the figures read: turns and milliseconds per category (exact
    integers), milliseconds spoken under each distinct attendance, the fallback records and the
    speakers. Sums of many meetings add up, so a report can pool meetings as they come."""

    categories: tuple[str, ...]
    turns: dict[str, int]
    milliseconds: dict[str, int]
    spoken: dict[Headcount, int]  # only attendance under which time was spoken
    fallbacks: tuple[Headcount, ...] = ()
    speakers: Mapping[str, int] | None = None


def sums(tally: Tally) -> Sums:
    turns = dict.fromkeys(tally.categories, 0)
    millis = dict.fromkeys(tally.categories, 0)
    spoken: dict[Headcount, int] = {}
    for piece in tally.slices:
        turns[piece.category] = turns.get(piece.category, 0) + piece.turns
        millis[piece.category] = millis.get(piece.category, 0) + piece.milliseconds
        if piece.attendance is not None and piece.milliseconds > 0:
            spoken[piece.attendance] = spoken.get(piece.attendance, 0) + piece.milliseconds
    return Sums(tally.categories, turns, millis, spoken, tally.fallbacks, tally.speakers)


def _attendance(totals: Sums) -> tuple[dict[str, float], dict[str, float]] | None:
    """(n_g, p_g) for every category, or None with no attendance recorded.

    Both are averages over speaking time of the record in force at each turn's start. With no time
    spoken, the latest record stands (averaged over meetings when pooled).
    """
    if totals.spoken:
        return _averages(list(totals.spoken.items()), totals.categories)
    if totals.fallbacks:
        return _averages([(headcount, 1) for headcount in totals.fallbacks], totals.categories)
    return None


def compute(tally: Tally) -> Figures:
    """The figures of docs/figures.md for every category of the tally, zeros where nobody spoke."""
    return figures_of(sums(tally))


def figures_of(totals: Sums) -> Figures:
    """The figures of reduced tallies (`sums`)."""
    return figures_from(*figure_values(totals))


def figures_from(turns: int, milliseconds: int, values: Mapping[str, CategoryValues]) -> Figures:
    """Figures made of what `figure_values` gives."""
    return Figures(turns=turns, seconds=milliseconds / 1000,
                   categories={category: CategoryFigures(**row) for category, row in values.items()})


def figure_values(totals: Sums) -> tuple[int, int, dict[str, CategoryValues]]:
    """The turns, the milliseconds and each category's figures (CategoryValues) of reduced tallies:
    the arithmetic of docs/figures.md, in one place.

    A national report makes these for every meeting, so the loop is plain: no helper calls, each
    value computed once, a dict display (the same expressions, the same bits)."""
    turns, millis = totals.turns, totals.milliseconds
    total_turns, total_ms = sum(turns.values()), sum(millis.values())
    attendance = _attendance(totals)
    heads_of, presence_of = attendance if attendance is not None else (None, None)
    speakers_of = totals.speakers
    categories: dict[str, CategoryValues] = {}
    for category in totals.categories:
        count, ms = turns[category], millis[category]
        seconds = ms / 1000
        turn_share = count / total_turns if total_turns else None
        time_share = ms / total_ms if total_ms else None
        heads = presence = None
        if heads_of is not None and presence_of is not None:
            heads, presence = heads_of.get(category, 0.0), presence_of.get(category, 0.0)
        speakers = None if speakers_of is None else speakers_of.get(category, 0)
        categories[category] = {
            "turns": count,
            "seconds": seconds,
            "turn_share": turn_share,
            "time_share": time_share,
            "attendance": heads,
            "attendance_share": presence,
            "time_ratio": time_share / presence if time_share is not None and presence else None,
            "turn_ratio": turn_share / presence if turn_share is not None and presence else None,
            "gap_pp": 100 * (time_share - presence) if time_share is not None and presence is not None else None,
            "mean_turn_seconds": seconds / count if count else None,
            "speakers": speakers,
            "participation_rate": speakers / heads if speakers is not None and heads else None,
        }
    return total_turns, total_ms, categories

def pool(tallies: Sequence[Tally]) -> Tally:
    """Many meetings as one tally: slices side by side, speakers added up per meeting."""
    categories: list[str] = []
    for tally in tallies:
        categories.extend(category for category in tally.categories if category not in categories)
    with_tokens = [tally.speakers for tally in tallies if tally.speakers is not None]
    speakers: dict[str, int] | None = None
    if with_tokens:
        speakers = dict.fromkeys(categories, 0)
        for counts in with_tokens:
            for category, count in counts.items():
                speakers[category] += count
    return Tally(
        categories=tuple(categories),
        slices=tuple(piece for tally in tallies for piece in tally.slices),
        fallbacks=tuple(counts for tally in tallies for counts in tally.fallbacks),
        speakers=speakers,
    )


def record_in_force(record_times: Sequence[Instant], at: Instant) -> int:
    """Index of the attendance record in force at an instant: the latest with `at` ≤ t, or the
    earliest if none is that early. `record_times` is sorted and not empty."""
    return max(bisect.bisect_right(record_times, at) - 1, 0)


def tally_turns(
    meeting: Meeting,
    turns: Iterable[Turn],
    *,
    turn_filter: TurnFilter,
    now: Instant,
) -> Tally:
    """The tally of some of a meeting's turns, computed in Python (the same as the SQL in store)."""
    records = sorted(meeting.attendance, key=lambda record: record.at)
    starts = [record.at for record in records]
    grouped: dict[tuple[str, int | None], list[int]] = {}
    tokens: dict[str, set[str]] = {}
    for turn in turns:
        if not turn_filter.admits(turn):
            continue
        index = record_in_force(starts, turn.start) if records else None
        bucket = grouped.setdefault((turn.category, index), [0, 0])
        bucket[0] += 1
        bucket[1] += turn.milliseconds(now)
        if turn.speaker is not None:
            tokens.setdefault(turn.category, set()).add(turn.speaker)
    headcounts = [Headcount.of(record.counts) for record in records]
    slices = tuple(
        Slice(category, count, ms, headcounts[index] if index is not None else None)
        for (category, index), (count, ms) in grouped.items()
    )
    speakers = None
    if meeting.has_speaker_tokens:
        speakers = {category: len(tokens.get(category, ())) for category in meeting.categories}
    return Tally(
        categories=meeting.categories,
        slices=slices,
        fallbacks=(headcounts[-1],) if records else (),
        speakers=speakers,
    )


def meeting_figures(meeting: Meeting, *, turn_filter: TurnFilter, now: Instant) -> Figures:
    return compute(tally_turns(meeting, meeting.turns, turn_filter=turn_filter, now=now))


def agenda_figures(meeting: Meeting, *, turn_filter: TurnFilter, now: Instant) -> dict[str, Figures]:
    """Figures per agenda item id, each over the turns that began under that item."""
    return {
        item.id: compute(
            tally_turns(
                meeting,
                (turn for turn in meeting.turns if turn.agenda_item == item.id),
                turn_filter=turn_filter,
                now=now,
            )
        )
        for item in meeting.agenda
    }


class LiveTally:
    """The tally of a meeting as it grows, for the live screen: every turn but the last is counted
    once, so a keystroke costs one turn of work, not a thousand.

    Valid while turns are only appended or the last one changes (what live recording does). The
    owner calls `reset()` after anything else (a correction, an undo, new attendance); as a guard,
    the tally also starts over when the turns it counted are no longer the same objects.
    """

    def __init__(self, turn_filter: TurnFilter, agenda_item: str | None = None) -> None:
        self.turn_filter = turn_filter
        self.agenda_item = agenda_item
        self.reset()

    def reset(self) -> None:
        self._counted = 0
        self._last: Turn | None = None
        self._groups: dict[tuple[str, int | None], list[int]] = {}
        self._tokens: dict[str, set[str]] = {}
        self._any_token = False

    def _add(self, turn: Turn, index: int | None, now: Instant, groups: dict[tuple[str, int | None], list[int]],
             tokens: dict[str, set[str]]) -> None:
        if not self.turn_filter.admits(turn) or (self.agenda_item is not None and turn.agenda_item != self.agenda_item):
            return
        bucket = groups.setdefault((turn.category, index), [0, 0])
        bucket[0] += 1
        bucket[1] += turn.milliseconds(now)
        if turn.speaker is not None:
            tokens.setdefault(turn.category, set()).add(turn.speaker)

    def tally(self, meeting: Meeting, now: Instant) -> Tally:
        turns = meeting.turns
        if self._counted > len(turns) - 1 or (self._counted and turns[self._counted - 1] is not self._last):
            self.reset()
        starts = [record.at for record in meeting.attendance]
        settle = len(turns) - 1  # the last turn may still run or be re-tagged
        for turn in turns[self._counted : max(settle, 0)]:
            self._add(turn, record_in_force(starts, turn.start) if starts else None, now, self._groups, self._tokens)
            self._any_token = self._any_token or turn.speaker is not None
            self._counted += 1
            self._last = turn
        groups = {key: list(value) for key, value in self._groups.items()}
        tokens = {category: set(found) for category, found in self._tokens.items()}
        any_token = self._any_token
        if turns:
            last = turns[-1]
            self._add(last, record_in_force(starts, last.start) if starts else None, now, groups, tokens)
            any_token = any_token or last.speaker is not None
        headcounts = [Headcount.of(record.counts) for record in meeting.attendance]
        return Tally(
            categories=meeting.categories,
            slices=tuple(
                Slice(category, count, ms, headcounts[index] if index is not None else None)
                for (category, index), (count, ms) in groups.items()
            ),
            fallbacks=(headcounts[-1],) if headcounts else (),
            speakers={c: len(tokens.get(c, ())) for c in meeting.categories} if any_token else None,
        )
