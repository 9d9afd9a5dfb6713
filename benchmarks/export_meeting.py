"""Benchmark (not a test): `talarstat export` of a 300-turn meeting, as a whole process.

    python benchmarks/export_meeting.py [--turns 300] [--runs 3]

Builds a congress-sized meeting (300 turns, 8 agenda items, a break, changing attendance) in a
temporary SQLite database and times `talarstat export` end to end, the way the officer runs it:
interpreter start, database, figures, five charts, the report PDF and the CSV. Aim: under 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Break, Meeting, Turn
from talarstat.domain.timefmt import instant_of
from talarstat.store.database import Database
from talarstat.store.transfer import store_meeting

CATEGORIES = ("woman", "man", "nonbinary", "unknown")


def congress(turns: int, rng: random.Random) -> Meeting:
    start = instant_of(dt.datetime(2026, 11, 9, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    agenda = tuple(
        AgendaItem(id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), position=p,
                   title=f"Punkt {p}: motioner om regionens kollektivtrafik och klimatomställning")
        for p in range(1, 9)
    )
    pause = Break(start=start + 3 * 3_600_000, end=start + 3 * 3_600_000 + 45 * 60_000)
    clock, made = start + 60_000, []
    for index in range(turns):
        length = rng.randint(20_000, 150_000)
        if clock < pause.end and clock + length > pause.start:  # type: ignore[operator]
            clock = pause.end  # type: ignore[assignment]
        made.append(Turn(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), category=rng.choices(CATEGORIES, (46, 48, 4, 2))[0],
            start=clock, end=clock + length, kind=rng.choice(("speech", "speech", "reply", "point_of_order")),
            role=rng.choice(("member", "member", "member", "chair", "presenter")),
            agenda_item=agenda[min(index * len(agenda) // turns, len(agenda) - 1)].id,
        ))
        clock += length + rng.randint(0, 15_000)
    attendance = tuple(
        AttendanceRecord(at=start + k * 5_400_000, counts={"woman": 60 + k, "man": 64 - k, "nonbinary": 4, "unknown": 2})
        for k in range(4)
    )
    return Meeting(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), title="Distriktskongress 2026", categories=CATEGORIES,
        district="Skåne", body="Distriktskongressen", kind="congress", started_at=start, ended_at=clock,
        offset_minutes=60, attendance=attendance, agenda=agenda, breaks=(pause,), turns=tuple(made),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="talarstat-export-bench-"))
    database_path = folder / "bench.db"
    with Database.open(str(database_path)).transaction() as session:
        store_meeting(congress(args.turns, random.Random(7)), session=session)
    command = [sys.executable, "-m", "talarstat", "--db", str(database_path), "export", "latest"]
    for label, extra in (("png,svg,pdf (default)", []), ("png only", ["--format", "png"])):
        times = []
        for run in range(args.runs):
            began = time.perf_counter()
            subprocess.run([*command, "-o", str(folder / f"out-{run}"), *extra], check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - began)
        print(f"export of {args.turns} turns, charts as {label}: median {statistics.median(times):.2f} s, "
              f"best {min(times):.2f} s over {args.runs} runs (aim: under 3 s)")


if __name__ == "__main__":
    main()
