"""Benchmark (not a test): `talarstat export` of a 300-turn meeting, as a whole process.

    python benchmarks/export_meeting.py [--turns 300] [--runs 3]

Builds a congress-sized meeting (300 turns, 8 agenda items, a break, changing attendance) in a
temporary SQLite database and times `talarstat export` end to end, the way the officer runs it:
interpreter start, database, figures, five charts, the report PDF and the CSV. Aim: under 2.5 s.

Besides the wall time it gives the CPU seconds of the whole process tree (steadier than the wall
time on a busy machine), and then where they go, process by process: the main process up to the
moment it hands the charts over, the drawing process's imports, each figure's drawing; and from
these the time the export would take on two idle cores (the longest of the two imports, then the
figures shared out longest first between two workers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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
from talarstat.reports.meeting_export import LONGEST_FIRST
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


def cpu_of_children() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


# Run in a child interpreter: `talarstat export` with a note of each process's CPU time at the
# points that decide how long the export takes on two cores.
TRACE = r"""
import json, os, sys, time
log = open(sys.argv[1], "a")
def note(event, **more):
    log.write(json.dumps({"pid": os.getpid(), "cpu": time.process_time(), "event": event, **more}) + "\n"); log.flush()
import talarstat.reports.meeting_export as export
import talarstat.reports.parallel as parallel
prepare, draw, run = export.prepare_drawing, export._draw, parallel._Ahead.run
def traced_prepare(*args):
    prepare(*args); note("imported")
def traced_draw(job, stem):
    began = time.process_time(); paths = draw(job, stem); note("figure", stem=stem, cpu=time.process_time() - began)
    return paths
def traced_run(self, *args):
    note("handed over"); yield from run(self, *args); note("drawn")
export.prepare_drawing, export._draw, parallel._Ahead.run = traced_prepare, traced_draw, traced_run
from talarstat.cli.launch import main
code = main(sys.argv[2:])
note("end")
sys.exit(code)
"""


def where_it_goes(command: list[str], folder: Path) -> None:
    log = folder / "trace.jsonl"
    subprocess.run([sys.executable, "-c", TRACE, str(log), *command], check=True, stdout=subprocess.DEVNULL)
    notes = [json.loads(line) for line in log.read_text().splitlines()]
    main_pid = next(note["pid"] for note in notes if note["event"] == "end")
    mine = {note["event"]: note["cpu"] for note in notes if note["pid"] == main_pid}
    imported = next((note["cpu"] for note in notes if note["event"] == "imported"), 0.0)
    figures = {note["stem"]: note["cpu"] for note in notes if note["event"] == "figure"}
    workers = [0.0, 0.0]
    for stem in [stem for stem in LONGEST_FIRST if stem in figures]:  # handed out in this order, to the first worker free
        workers[workers.index(min(workers))] += figures[stem]
    after = mine["end"] - mine.get("drawn", mine["end"])
    print(f"  main process until it hands the charts over: {mine.get('handed over', 0.0):.2f} s CPU "
          f"(command line, database, chart data); after: {after:.2f} s")
    print(f"  drawing process, its imports (matplotlib, the writers): {imported:.2f} s CPU, beside the main process")
    print("  figures: " + ", ".join(f"{stem} {cpu:.2f}" for stem, cpu in figures.items())
          + f"; {sum(figures.values()):.2f} s CPU in all, {max(workers):.2f} s on the busier of two workers")
    estimate = max(mine.get("handed over", 0.0), imported) + max(workers) + after
    print(f"  on two idle cores: about {estimate + 0.03:.2f} s (interpreter start included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="talarstat-export-bench-"))
    database_path = folder / "bench.db"
    with Database.open(str(database_path)).transaction() as session:
        store_meeting(congress(args.turns, random.Random(7)), session=session)
    command = ["--db", str(database_path), "export", "latest"]
    for label, extra in (("png,svg,pdf (default)", []), ("png only", ["--format", "png"])):
        times, cpus = [], []
        for run in range(args.runs):
            began, cpu = time.perf_counter(), cpu_of_children()
            subprocess.run([sys.executable, "-m", "talarstat", *command, "-o", str(folder / f"out-{run}"), *extra],
                           check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - began)
            cpus.append(cpu_of_children() - cpu)
        print(f"export of {args.turns} turns, charts as {label}: median {statistics.median(times):.2f} s, "
              f"best {min(times):.2f} s over {args.runs} runs (aim: under 2.5 s); "
              f"CPU {statistics.median(cpus):.2f} s (all processes)")
    where_it_goes([*command, "-o", str(folder / "traced")], folder)


if __name__ == "__main__":
    main()
