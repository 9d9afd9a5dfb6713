"""`make bench`: every measure of issue 11 against its floor, in one run, printed as ratios.

    python benchmarks/run_all.py [--runs N] [--only NAME,..] [--skip-details]

Each row times talarstat and the bare program that does the least the job needs with the same
libraries (the floors of ../shared/bench/, plus the two described in its README and kept here:
`floors/one_chart.py` and `floors/group_by.py`), in the same run on the same machine, alternating
the two so that a busy moment hurts both. The ratio is what counts; absolute times move with the
machine. PostgreSQL rows run when TALARSTAT_TEST_PG_URL is set, in a database of their own beside
it (`<name>_bench`, created once), never in the test database itself.

The databases take minutes to build and are kept between runs under the temporary directory
(`talarstat-bench/`), keyed by what they hold; delete that folder to build them again.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import figures_at_scale  # noqa: E402  (a sibling script, importable once its folder is on the path)

PYTHON = sys.executable
CACHE = Path(tempfile.gettempdir()) / "talarstat-bench"
NATIONAL_TURNS = 1_000_000
NATIONAL_VERSION = "v1"  # bump when figures_at_scale.synthetic_meeting changes what it builds


def floors_folder() -> Path:
    """../shared/bench beside the clone (as CI lays it out), else beside any folder above it;
    TALARSTAT_BENCH_FLOORS overrides both."""
    if os.environ.get("TALARSTAT_BENCH_FLOORS"):
        return Path(os.environ["TALARSTAT_BENCH_FLOORS"])
    for folder in (REPO, *REPO.parents):
        candidate = folder.parent / "shared" / "bench"
        if (candidate / "bare_textual.py").exists():
            return candidate
    raise SystemExit("run_all: ../shared/bench not found beside the clone; set TALARSTAT_BENCH_FLOORS")


FLOORS = floors_folder()


# --- measuring ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timed:
    seconds: float
    peak_mb: float


def run_process(command: Sequence[str], *, stdout: int | None = subprocess.DEVNULL, env: dict[str, str] | None = None) -> Timed:
    """Wall time of a whole process and its peak memory (the RSS high-water mark of that process)."""
    began = time.perf_counter()
    process = subprocess.Popen(list(command), stdout=stdout, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"run_all: {shlex.join(command)} failed: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
    return Timed(took, usage.ru_maxrss / 1024)


def alternate(floor: Callable[[], float], app: Callable[[], float], runs: int) -> tuple[float, float]:
    """Medians of `runs` of each, taken in turn (floor, talarstat, floor, …) after one warm-up of each."""
    floor(), app()
    floors, apps = [], []
    for _ in range(runs):
        floors.append(floor())
        apps.append(app())
    return statistics.median(floors), statistics.median(apps)


def script_output(command: Sequence[str], timeout: float = 600) -> str:
    done = subprocess.run(list(command), capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"run_all: {shlex.join(command)} failed: {done.stdout[-1000:]} {done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def in_terminal(command: Sequence[str]) -> list[str]:
    """A command as one shell word list for the tmux-based scripts, which join their arguments."""
    return [shlex.quote(part) for part in command]


def talarstat(db: str, *arguments: str) -> list[str]:
    return [PYTHON, "-m", "talarstat", "--db", db, *arguments]


# --- the rows of the table ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    job: str
    app: float
    floor: float | None  # None: an absolute aim only (memory)
    unit: str
    aim_ratio: float | None
    aim_absolute: float | None = None  # in `unit`
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.app / self.floor if self.floor else None

    @property
    def met(self) -> bool:
        ratio_met = self.aim_ratio is None or (self.ratio is not None and self.ratio <= self.aim_ratio)
        return ratio_met and (self.aim_absolute is None or self.app <= self.aim_absolute)


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:.2f} {unit}" if unit == "s" else f"{value:.1f} {unit}" if unit == "ms" else f"{value:.0f} {unit}"


def print_table(rows: list[Row]) -> None:
    width = max(len(row.job) for row in rows)
    print()
    print(f"{'job':<{width}}  {'talarstat':>10}  {'floor':>10}  {'ratio':>6}  {'aim':<18}  met")
    for row in rows:
        aims = ([f"≤ {row.aim_ratio:g}×"] if row.aim_ratio is not None else []) + (
            [f"≤ {row.aim_absolute:g} {row.unit}"] if row.aim_absolute is not None else [])
        ratio = f"{row.ratio:>5.2f}×" if row.ratio is not None else f"{'—':>6}"
        print(f"{row.job:<{width}}  {show(row.app, row.unit):>10}  {show(row.floor, row.unit):>10}  "
              f"{ratio}  {', '.join(aims):<18}  {'yes' if row.met else 'NO'}{'  ' + row.note if row.note else ''}")


# --- databases, built once and kept ---------------------------------------------------------------


def cached(path: Path, make: Callable[[str], None]) -> Path:
    """`path`, made by `make(partial_path)` unless a finished copy is already there."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in path.parent.glob(partial.name + "*"):
        leftover.unlink()
    print(f"building {path} (kept for the next run)", flush=True)
    make(str(partial))
    os.replace(partial, path)
    return path


def demo_database() -> Path:
    """A year of demo data, as `talarstat demo` makes it."""

    def make(target: str) -> None:
        run_process(talarstat(target, "demo"))

    return cached(CACHE / "demo.db", make)


def national_database() -> Path:
    """27 districts × 250 meetings, about 1,000,000 turns (benchmarks/figures_at_scale.py)."""
    return cached(CACHE / f"national-{NATIONAL_TURNS}-{NATIONAL_VERSION}.db",
                  lambda target: figures_at_scale.build(target, NATIONAL_TURNS).dispose())


def export_database() -> Path:
    """One congress of 300 turns (benchmarks/export_meeting.py)."""
    import random

    from export_meeting import congress

    from talarstat.store.database import Database
    from talarstat.store.transfer import store_meeting

    def make(target: str) -> None:
        database = Database.open(target)
        with database.transaction() as session:
            store_meeting(congress(300, random.Random(7)), session=session)
        database.dispose()

    return cached(CACHE / "export-300.db", make)


def recording_database(history: int) -> tuple[Path, str]:
    """A fresh copy (keys add turns) of a database whose one meeting already has `history` turns."""
    import datetime as dt

    from talarstat.domain import recording
    from talarstat.domain.planning import plan_meeting
    from talarstat.store.database import Database
    from talarstat.store.meetings import insert_meeting

    folder = Path(tempfile.mkdtemp(prefix="talarstat-bench-keys-"))
    target = folder / "record.db"
    start = int(time.time() * 1000) - (history + 1) * 60_000
    meeting = plan_meeting(title="Kongress", now=start, day=dt.date.today(), agenda=("Punkt 1", "Punkt 2"),
                           attendance={"woman": 120, "man": 110, "nonbinary": 6, "unknown": 2})
    for index in range(history):
        meeting = recording.start_turn(meeting, meeting.categories[index % 3], start + index * 60_000)
    if history:
        meeting = recording.end_turn(meeting, start + history * 60_000 - 1000)
    database = Database.open(str(target))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    database.dispose()
    return target, meeting.id


# Every turn of the national database in one flat table: its district, category, duration and the
# head count of its category in force when it began (the latest record at or before its start,
# else the earliest).
FLAT_SELECT = """
SELECT m.district AS district, t.category AS category, t."end" - t.start AS duration,
       COALESCE(
         (SELECT a.count FROM attendance a WHERE a.meeting_id = t.meeting_id AND a.category = t.category
            AND a.at <= t.start ORDER BY a.at DESC LIMIT 1),
         (SELECT a.count FROM attendance a WHERE a.meeting_id = t.meeting_id AND a.category = t.category
            ORDER BY a.at LIMIT 1), 0) AS attendance
FROM turn t JOIN meeting m ON m.id = t.meeting_id
"""


def flat_sqlite(national: Path) -> Path:
    def make(target: str) -> None:
        connection = sqlite3.connect(target)
        connection.execute("ATTACH DATABASE ? AS national", (str(national),))
        connection.execute(f"CREATE TABLE flat_turn AS {FLAT_SELECT.replace('turn t', 'national.turn t').replace('meeting m', 'national.meeting m').replace('attendance a', 'national.attendance a')}")
        connection.commit()
        connection.close()

    return cached(CACHE / f"flat-{NATIONAL_TURNS}-{NATIONAL_VERSION}.db", make)


def postgres_database(test_url: str) -> str:
    """`<name>_bench` beside the test database, holding the national data and its flat table."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(test_url)
    bench = url.set(database=f"{url.database}_bench")
    plain = bench.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    marker = f"national-{NATIONAL_TURNS}-{NATIONAL_VERSION}"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (bench.database,)).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{bench.database}"')
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS bench_marker (what text PRIMARY KEY)")
        if connection.execute("SELECT 1 FROM bench_marker WHERE what = %s", (marker,)).fetchone():
            return bench.render_as_string(hide_password=False)
        print(f"building {bench.render_as_string()} (kept for the next run)", flush=True)
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")  # empty: talarstat refuses to fill a database of other tables
    figures_at_scale.build(bench.render_as_string(hide_password=False), NATIONAL_TURNS).dispose()
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"CREATE TABLE flat_turn AS {FLAT_SELECT}")
        connection.execute("CREATE TABLE bench_marker (what text PRIMARY KEY)")
        connection.execute("VACUUM ANALYZE")
        connection.execute("INSERT INTO bench_marker VALUES (%s)", (marker,))
    return bench.render_as_string(hide_password=False)


# --- the measures ---------------------------------------------------------------------------------


def first_frame(runs: int) -> Row:
    demo = str(demo_database())
    floor = float(script_output([PYTHON, str(FLOORS / "first_frame.py"), "meeting", str(runs), "--",
                                 *in_terminal([PYTHON, str(FLOORS / "bare_textual.py")])]))
    app = float(script_output([PYTHON, str(FLOORS / "first_frame.py"), "talarstat", str(runs), "--",
                               *in_terminal(talarstat(demo))]))
    return Row("launch to first frame (a year of demo data)", app, floor, "s", 1.5)


def meeting_list(runs: int) -> Row:
    demo = demo_database()
    with sqlite3.connect(demo) as connection:
        (title,) = connection.execute("SELECT title FROM meeting ORDER BY date DESC LIMIT 1").fetchone()
    floor = float(script_output([PYTHON, str(FLOORS / "first_frame.py"), title, str(runs), "--",
                                 *in_terminal([PYTHON, str(FLOORS / "bare_list.py"), str(demo)])]))
    app = float(script_output([PYTHON, str(FLOORS / "first_frame.py"), title, str(runs), "--",
                               *in_terminal(talarstat(str(demo)))]))
    return Row("launch to the meeting list filled", app, floor, "s", 1.3, note=f"(waits for {title!r})")


def key_to_commit(presses: int) -> list[Row]:
    """Each row against a floor measured just before it (keys are timed over seconds, and a shared
    machine drifts more than that between the first row and the last)."""
    rows = []
    for history, label in ((0, "new meeting"), (600, "open meeting of 600 turns"), (3000, "open meeting of 3,000 turns")):
        folder = Path(tempfile.mkdtemp(prefix="talarstat-bench-bare-"))
        floor = float(script_output([PYTHON, str(FLOORS / "key_latency.py"), str(folder / "bare.db"), str(presses), "--",
                                     *in_terminal([PYTHON, str(FLOORS / "bare_recorder.py"), str(folder / "bare.db")])]))
        db, meeting_id = recording_database(history)
        app = float(script_output([PYTHON, str(FLOORS / "key_latency.py"), str(db), str(presses), "--",
                                   *in_terminal(talarstat(str(db), "record", meeting_id))]))
        rows.append(Row(f"key to committed turn, {label}", app, floor, "ms", 1.5))
    return rows


def export(runs: int) -> Row:
    db = str(export_database())
    out = Path(tempfile.mkdtemp(prefix="talarstat-bench-export-"))
    floor, app = alternate(
        lambda: run_process([PYTHON, str(HERE / "floors" / "one_chart.py"), str(out / "floor")]).seconds,
        lambda: run_process(talarstat(db, "export", "latest", "-o", str(out / "app"))).seconds,
        runs,
    )
    return Row("export of a 300-turn meeting, png+svg+pdf, as a process", app, floor, "s", 3, 2.5)


def report(engine: str, db: str, flat: str, runs: int) -> list[Row]:
    # A database kept from a run of an older version is migrated first, untimed (the migration
    # makes the sums the report reads: seconds, once).
    run_process(talarstat(db, "db", "upgrade"))
    peaks: list[float] = []

    def app() -> float:
        timed = run_process(talarstat(db, "report", "--by-district", "--json", "--no-suppress"))
        peaks.append(timed.peak_mb)
        return timed.seconds

    floor, took = alternate(
        lambda: run_process([PYTHON, str(HERE / "floors" / "group_by.py"), flat]).seconds, app, runs)
    peak = max(peaks)
    label = f"report --by-district --json over 1,000,000 turns, {engine}"
    return [Row(label, took, floor, "s", 3, 2.0), Row("  its peak memory", peak, None, "MB", None, 300)]


MEASURES = ("first_frame", "meeting_list", "keys", "export", "report_sqlite", "report_postgresql")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, StopIteration):  # not Linux: the platform's word for it
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
        memory = f", {kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    load = f", load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return f"{cpu}, {os.cpu_count()} cores{memory}{load}; {platform.system()} {platform.release()}; Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each side (medians are printed)")
    parser.add_argument("--presses", type=int, default=20, help="keys sent per key-latency measure")
    parser.add_argument("--only", help=f"a comma-separated subset of {','.join(MEASURES)}")
    parser.add_argument("--skip-details", action="store_true", help="leave out benchmarks/keystroke.py's details")
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(MEASURES)
    unknown = set(chosen) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measures: {', '.join(sorted(unknown))}")
    print(f"machine: {machine()}")
    print(f"floors: {FLOORS}; cached databases: {CACHE}")
    began = time.perf_counter()
    rows: list[Row] = []

    def measured(new: list[Row]) -> None:  # as each row comes, so a long run shows progress
        for row in new:
            print(f"  {row.job.strip()}: {show(row.app, row.unit)} against {show(row.floor, row.unit)}", flush=True)
        rows.extend(new)

    if "first_frame" in chosen:
        measured([first_frame(args.runs)])
    if "meeting_list" in chosen:
        measured([meeting_list(args.runs)])
    if "keys" in chosen:
        measured(key_to_commit(args.presses))
    if "export" in chosen:
        measured([export(args.runs)])
    if "report_sqlite" in chosen:
        national = national_database()
        measured(report("SQLite", str(national), str(flat_sqlite(national)), max(3, args.runs // 2)))
    if "report_postgresql" in chosen:
        url = os.environ.get("TALARSTAT_TEST_PG_URL")
        if url:
            bench = postgres_database(url)
            measured(report("PostgreSQL", bench, bench, max(3, args.runs // 2)))
        else:
            print("PostgreSQL: skipped (set TALARSTAT_TEST_PG_URL to a server; a `_bench` database is made beside it)")
    print_table(rows)
    print(f"\n{sum(row.met for row in rows)} of {len(rows)} at their aim; the run took {time.perf_counter() - began:.0f} s")
    if "keys" in chosen and not args.skip_details:
        print("\ndetails (benchmarks/keystroke.py):", flush=True)
        subprocess.run([PYTHON, str(HERE / "keystroke.py"), "--presses", "50", "--history", "600"], check=False)


if __name__ == "__main__":
    main()
