"""Benchmark (not a test): from keystroke to committed and painted, and start-up to the first frame.

    python benchmarks/keystroke.py [--presses 200] [--history 1000]

Runs the real `talarstat record` in a pseudo-terminal on a SQLite file whose meeting already has
`--history` turns (a long congress), and presses 1 and 2 in turn. Each press is timed from writing
the key to a new row in the turn table (committed: what `make bench` compares with its floor), and
to the terminal receiving the repainted screen naming the new speaker (the screen is redrawn once
the writer has committed the action): the turn clock's line, where the screen said "Ingen talar",
reads the key's category. The output is followed as a terminal would (`Screen`), as the category's
name alone comes in frames that name no new speaker (the recent turns, the balance). Aim: median under one 16 ms frame. It also times start-up to
the first frame, checks matplotlib was not imported on the way, and reports talarstat's own share
of a keystroke on the event loop (the action and the widget updates; not Textual's rendering),
measured in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import datetime as dt
import fcntl
import os
import pty
import re
import select
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

from talarstat.clock import SteadyClock
from talarstat.domain import recording
from talarstat.domain.planning import plan_meeting
from talarstat.i18n import Translator
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting
from talarstat.tui.app import TalarstatApp
from talarstat.tui.screens.live import LiveScreen


def meeting_with_history(turns: int):  # type: ignore[no-untyped-def]
    """A meeting already `turns` turns long, so the timing is that of a long congress."""
    start = int(time.time() * 1000) - turns * 60_000
    meeting = plan_meeting(title="Kongress", now=start, day=dt.date.today(), agenda=("Punkt 1", "Punkt 2"),
                           attendance={"woman": 120, "man": 110, "nonbinary": 6, "unknown": 2})
    for index in range(turns):
        meeting = recording.start_turn(meeting, meeting.categories[index % 3], start + index * 60_000)
    return recording.end_turn(meeting, start + turns * 60_000 - 1000)


# Control sequences in what Textual writes: CSI (cursor moves, colours, modes), OSC, and two-byte escapes.
CSI = re.compile(r"\x1b\[([0-9;?<=>]*)[ -/]*([@-~])")
OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
ESCAPE = re.compile(r"\x1b[()][0-9A-Za-z]|\x1b[^\[\]()]")


class Screen:
    """The characters on the terminal, from what the app writes: enough of a terminal (cursor moves and
    text) to read what a given place shows. Textual writes only the lines (and parts) that changed, so
    a word in the output says little: the recent turns and the balance name both categories."""

    def __init__(self, rows: int, columns: int) -> None:
        self.cells = [[" "] * columns for _ in range(rows)]
        self.row = self.column = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._tail = ""

    def feed(self, data: bytes) -> None:
        text = self._tail + self._decoder.decode(data)
        self._tail = ""
        index = 0
        while index < len(text):
            char = text[index]
            if char == "\x1b":
                match = CSI.match(text, index) or OSC.match(text, index) or ESCAPE.match(text, index)
                if match is None:  # cut off at the end of this read: the rest comes with the next
                    self._tail = text[index:]
                    return
                if match.re is CSI and match.group(2) == "H":
                    row, _, column = match.group(1).partition(";")
                    self.row, self.column = int(row or 1) - 1, int(column or 1) - 1
                index = match.end()
                continue
            if char == "\r":
                self.column = 0
            elif char == "\n":
                self.row += 1
            elif char >= " " and 0 <= self.row < len(self.cells) and 0 <= self.column < len(self.cells[0]):
                self.cells[self.row][self.column] = char
                self.column += 1
            index += 1

    def find(self, text: str) -> tuple[int, int] | None:
        for row, cells in enumerate(self.cells):
            column = "".join(cells).find(text)
            if column >= 0:
                return row, column
        return None

    def shows(self, place: tuple[int, int], text: str) -> bool:
        """`text` starts at `place`, a word of its own."""
        row, column = place
        line = "".join(self.cells[row])
        return line[column:column + len(text) + 1] == text + " "


class Terminal:
    """`talarstat record MEETING` in a pty of 100×36, its output read as it comes."""

    def __init__(self, db: str, meeting_id: str, flag: Path) -> None:
        code = ("import sys, atexit; flag = sys.argv.pop(1); "
                "atexit.register(lambda: open(flag, 'w').write(str('matplotlib' in sys.modules))); "
                "from talarstat.cli.main import main; main(sys.argv[1:])")
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "TALARSTAT_DB": db, "TALARSTAT_LANG": "sv"}
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-c", code, str(flag), "record", meeting_id],
                                        stdin=slave, stdout=slave, stderr=slave, env=env)
        os.close(slave)
        self.screen = Screen(36, 100)

    def read(self, seconds: float) -> None:
        """Take what the app wrote within `seconds` (if anything) onto the screen."""
        if select.select([self.master], [], [], seconds)[0]:
            self.screen.feed(os.read(self.master, 65536))

    def wait_until(self, shown: Callable[[], object], timeout: float = 30) -> float:
        """Read until the screen shows what `shown` looks for; returns when it did."""
        deadline = time.perf_counter() + timeout
        while not shown():
            if time.perf_counter() > deadline:
                raise TimeoutError("not shown")
            self.read(0.0005)
        return time.perf_counter()

    def press(self, key: bytes) -> float:
        began = time.perf_counter()
        os.write(self.master, key)
        return began

    def drain(self, seconds: float) -> None:
        """Keep reading, so the app never blocks on a full terminal."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and self.process.poll() is None:
            try:
                self.read(0.01)
            except OSError:
                return

    def close(self) -> None:
        os.write(self.master, b"\x11")  # ctrl+q: leave the live screen
        self.drain(0.5)
        os.write(self.master, b"\x11")  # ctrl+q: quit
        self.drain(30)
        self.process.wait(timeout=5)
        os.close(self.master)


def in_terminal(db: str, meeting_id: str, presses: int) -> tuple[list[float], list[float], float, bool]:
    flag = Path(tempfile.mkdtemp()) / "matplotlib"
    terminal = Terminal(db, meeting_id, flag)
    first_frame = terminal.wait_until(lambda: terminal.screen.find("Ingen talar")) - terminal.started
    terminal.drain(0.5)
    speaker = terminal.screen.find("Ingen talar")  # the turn clock's line naming who speaks
    assert speaker is not None
    turns = sqlite3.connect(db, timeout=5)

    def count() -> int:
        return int(turns.execute("SELECT count(*) FROM turn").fetchone()[0])

    committed, painted = [], []
    for index in range(presses):
        key, caption = (b"1", "kvinna") if index % 2 == 0 else (b"2", "man")
        before = count()
        began = terminal.press(key)
        while count() == before:
            if time.perf_counter() - began > 5:
                raise TimeoutError("no turn stored")
            terminal.read(0.0005)  # take what is painted meanwhile
        committed.append((time.perf_counter() - began) * 1000)
        painted.append((terminal.wait_until(lambda caption=caption: terminal.screen.shows(speaker, caption)) - began) * 1000)
        terminal.drain(0.3)  # a secretary is not a machine gun: let each frame settle
    turns.close()
    terminal.close()
    return committed, painted, first_frame, flag.read_text() == "True"


async def own_share(database: Database, meeting_id: str, presses: int) -> list[float]:
    """Milliseconds of talarstat's own work per keystroke: the action, its commit, the widget updates."""
    app = TalarstatApp(database, Translator("sv"), clock=SteadyClock(), record=meeting_id)
    timings = []
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        for index in range(presses):
            began = time.perf_counter()
            screen.action_start_category(index % 4)
            timings.append((time.perf_counter() - began) * 1000)
            await pilot.pause()
    return timings


def summary(timings: list[float]) -> str:
    timings = sorted(timings)
    return (f"median {statistics.median(timings):.1f} ms, p90 {timings[int(len(timings) * 0.9)]:.1f} ms, "
            f"max {timings[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--history", type=int, default=1000, help="turns already in the meeting")
    args = parser.parse_args()
    db = str(Path(tempfile.mkdtemp(prefix="talarstat-keys-")) / "bench.db")
    database = Database.open(db)
    meeting = meeting_with_history(args.history)
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    committed, painted, first_frame, imported = in_terminal(db, meeting.id, args.presses)
    print(f"in a real terminal ({args.presses} presses, meeting of {args.history} turns):")
    print(f"  keystroke → committed turn: {summary(committed)}")
    print(f"  keystroke → repainted screen: {summary(painted)}  (one frame at 60 Hz: 16.7 ms)")
    own = asyncio.run(own_share(database, meeting.id, args.presses))
    print(f"talarstat's own work per keystroke on the event loop (action, widget updates): {summary(own)}")
    print(f"start-up to the first frame of the live screen: {first_frame:.2f} s; matplotlib imported: {imported}")
    database.dispose()


if __name__ == "__main__":
    main()
