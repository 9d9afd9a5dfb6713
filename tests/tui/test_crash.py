"""A power cut in the middle of a turn: the real app in a pseudo-terminal, killed with SIGKILL,
started again. The running turn must still be running, from its true start."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

TALARSTAT = str(Path(sys.executable).parent / "talarstat")
WAIT = 30.0  # seconds: generous for a loaded CI machine; the test does not measure speed


class Terminal:
    """The app running in a pty of 100×30, its output drained so it never blocks."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen([TALARSTAT, *args], stdin=slave, stdout=slave, stderr=slave, env=env,
                                        start_new_session=True)
        os.close(slave)
        self.output = b""

    def drain(self, seconds: float = 0.05) -> None:
        ready, _, _ = select.select([self.master], [], [], seconds)
        if ready:
            with contextlib.suppress(OSError):
                self.output += os.read(self.master, 65536)

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            self.drain()
            if condition():
                return
        raise AssertionError(f"timed out waiting for {what}; screen ended with {self.output[-300:]!r}")

    def press(self, key: bytes) -> None:
        os.write(self.master, key)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=WAIT)
        os.close(self.master)


def new_meeting(folder: Path, title: str) -> tuple[Path, dict[str, str], str]:
    """A database in `folder` with one new meeting, the environment that names it, and its id."""
    db = folder / "meetings.db"
    env = {**os.environ, "TERM": "xterm-256color", "TALARSTAT_LANG": "en", "TALARSTAT_DB": str(db),
           "XDG_CONFIG_HOME": str(folder / "config")}
    created = subprocess.run([TALARSTAT, "new", "--title", title], env=env, capture_output=True, text=True, check=True)
    return db, env, created.stdout.strip()


def turns(db: Path) -> list[tuple[str, int, int | None]]:
    with sqlite3.connect(db) as connection:
        return connection.execute('SELECT category, start, "end" FROM turn WHERE NOT deleted ORDER BY start').fetchall()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_killed_app_resumes_the_running_turn(tmp_path: Path) -> None:
    db, env, meeting = new_meeting(tmp_path, "Power cut")

    first = Terminal("record", meeting, env=env)
    first.wait_for(lambda: b"Nobody speaking" in first.output, "the live screen")
    first.press(b"1")
    first.wait_for(lambda: len(turns(db)) == 1, "the turn to be stored")
    (category, start, end), = turns(db)
    assert (category, end) == ("woman", None)
    time.sleep(1.1)  # the turn runs a while before the power goes
    killed_at = time.time() * 1000
    first.kill()

    second = Terminal("record", meeting, env=env)
    second.wait_for(lambda: b"woman" in second.output and b"Nobody speaking" not in second.output, "the resumed turn")
    second.press(b"2")
    second.wait_for(lambda: len(turns(db)) == 2, "the next turn")
    (_, resumed_start, resumed_end), (next_category, next_start, next_end) = turns(db)
    second.kill()

    assert resumed_start == start  # from its true start, not from the restart
    assert resumed_end is not None and resumed_end >= killed_at  # it kept running across the crash
    assert (next_category, next_start, next_end) == ("man", resumed_end, None)


def speaker_list(db: Path, meeting: str) -> list[tuple[str, str, str | None]]:
    """The stored list in the order of QUEUE.md: (category, kind, speaker)."""

    from talarstat.domain.queue import speaker_list as ordered
    from talarstat.store.database import Database
    from talarstat.store.meetings import load_meeting

    database = Database.open(str(db))
    try:
        with database.transaction() as session:
            stored = load_meeting(meeting, session=session)
    finally:
        database.dispose()
    return [(e.request.category, e.request.kind, e.request.speaker) for e in ordered(stored, int(time.time() * 1000))]


def set_order(db: Path, meeting: str, order: str) -> None:

    from talarstat.clock import SteadyClock
    from talarstat.domain.queue import QueueSettings
    from talarstat.recorder import Recorder
    from talarstat.store.database import Database

    database = Database.open(str(db))
    try:
        Recorder(database, meeting, SteadyClock()).set_queue_settings(QueueSettings(order=order))
    finally:
        database.dispose()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_speaker_list_survives_kill_9_with_its_order(tmp_path: Path) -> None:
    db, env, meeting = new_meeting(tmp_path, "Streck")
    set_order(db, meeting, "alternate")

    first = Terminal("record", meeting, env=env)
    first.wait_for(lambda: b"Nobody speaking" in first.output, "the live screen")
    first.press(b"2")  # a man speaks: under `alternate` a woman goes next
    first.wait_for(lambda: len(turns(db)) == 1, "the turn to be stored")
    for count, keys in enumerate((b"q2", b"q2", b"q1", b"qr3", b"q1"), start=1):
        first.press(keys)
        first.wait_for(lambda count=count: len(speaker_list(db, meeting)) == count, f"request {count} to be stored")
    before = speaker_list(db, meeting)
    assert before == [("nonbinary", "reply", None), ("woman", "speech", None), ("man", "speech", None),
                      ("woman", "speech", None), ("man", "speech", None)]
    first.kill()

    assert speaker_list(db, meeting) == before
    second = Terminal("record", meeting, env=env)
    second.wait_for(lambda: b"Speaker list (5)" in second.output, "the list on the resumed screen")
    second.press(b"\r")  # call the first on the list
    second.wait_for(lambda: len(turns(db)) == 2, "the called speaker's turn")
    (_, _, ended), (category, started, running) = turns(db)
    second.kill()
    assert (category, running) == ("nonbinary", None) and started == ended
    assert speaker_list(db, meeting) == before[1:]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_terminal_gone_without_sighup_is_left_with_the_turn_stored(tmp_path: Path) -> None:
    """The terminal's end closed and no SIGHUP sent (a dropped SSH connection can do that): the app
    leaves, its turn stored, instead of reading the end of its input at full speed for good."""
    db, env, meeting = new_meeting(tmp_path, "Dropped line")

    terminal = Terminal("record", meeting, env=env)  # a session of its own: no SIGHUP reaches it
    terminal.wait_for(lambda: b"Nobody speaking" in terminal.output, "the live screen")
    terminal.press(b"1")
    terminal.wait_for(lambda: len(turns(db)) == 1, "the turn to be stored")
    os.close(terminal.master)
    try:
        terminal.process.wait(timeout=WAIT)  # without tui/hangup.py it never ended, a core busy
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    assert terminal.process.returncode == 0
    assert [category for category, _, _ in turns(db)] == ["woman"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_room_view_leaves_a_terminal_gone_without_sighup(tmp_path: Path) -> None:
    _, env, _ = new_meeting(tmp_path, "Projector")
    terminal = Terminal("screen", env=env)
    terminal.wait_for(lambda: len(terminal.output) > 2000, "the room view")
    os.close(terminal.master)
    try:
        terminal.process.wait(timeout=WAIT)
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    assert terminal.process.returncode == 0


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_request_and_the_call_typed_at_once_call_the_request(tmp_path: Path) -> None:
    """`q1` and enter in one read from the terminal: the woman asks for the floor, then is called,
    in that order (enter was a priority binding, which ran as the key reached the app, ahead of the
    request still on its way up from the focused table: the list was called empty)."""
    db, env, meeting = new_meeting(tmp_path, "In order")
    terminal = Terminal("record", meeting, env=env)
    try:
        terminal.wait_for(lambda: b"Nobody speaking" in terminal.output, "the live screen")
        terminal.press(b"2")
        terminal.wait_for(lambda: len(turns(db)) == 1, "the man's turn")
        terminal.press(b"q1\r")
        terminal.wait_for(lambda: len(turns(db)) == 2, "the woman called")
        assert [(category, end is None) for category, _, end in turns(db)] == [("man", False), ("woman", True)]
    finally:
        terminal.kill()
