"""Keys dated by when they reached the terminal (tui/arrival.py, issue 14): the notes the SIGIO
handler takes, how the input thread uses them, and the signal on a real pty."""

from __future__ import annotations

import os
import pty
import signal
import sys
import time
import tty

import pytest

from talarstat.tui.arrival import STALE_SECONDS, ArrivalNotes, ArrivalStampedDriver
from talarstat.tui.press_clock import get_time


class Terminal:
    """A stand-in terminal: its count of unread bytes, and the notes its signals leave."""

    def __init__(self) -> None:
        self.unread = 0
        self.notes = ArrivalNotes(pending=lambda fd: self.unread)

    def signal(self, at: float, *, unread: int) -> None:
        """SIGIO at `at`, with `unread` bytes waiting to be read."""
        self.unread = unread
        self.notes.note(at, fd=0)


def test_a_key_read_late_is_dated_by_its_note() -> None:
    terminal = Terminal()
    terminal.signal(10.0, unread=1)
    assert terminal.notes.claim(10.3) == 10.0
    assert terminal.notes.claim(10.9) == 10.9  # the next event has no note of its own: its own stamp


def test_a_signal_with_nothing_unread_is_not_a_key() -> None:
    """The input thread read the key before the handler ran (it was on time), or the signal said
    the terminal has room for output."""
    terminal = Terminal()
    terminal.signal(10.0, unread=0)
    assert terminal.notes.claim(10.01) == 10.01


def test_a_second_signal_for_the_same_bytes_is_one_note() -> None:
    terminal = Terminal()
    terminal.signal(10.0, unread=1)
    terminal.signal(10.1, unread=1)  # room for output while the key still waits
    assert terminal.notes.claim(10.2) == 10.0
    assert terminal.notes.claim(12.0) == 12.0


def test_keys_read_together_keep_their_own_arrivals() -> None:
    terminal = Terminal()
    for count, at in enumerate((10.0, 10.12, 10.24), start=1):
        terminal.signal(at, unread=count)
    terminal.unread = 0
    assert [terminal.notes.claim(10.3) for _ in range(3)] == [10.0, 10.12, 10.24]


def test_a_note_after_the_parse_waits_for_the_next_event() -> None:
    terminal = Terminal()
    terminal.signal(10.5, unread=1)
    assert terminal.notes.claim(10.4) == 10.4
    assert terminal.notes.claim(10.6) == 10.5


def test_a_stale_note_is_dropped_not_used() -> None:
    terminal = Terminal()
    terminal.signal(10.0, unread=1)
    assert terminal.notes.claim(10.0 + STALE_SECONDS + 0.5) == 10.0 + STALE_SECONDS + 0.5


@pytest.mark.skipif(not hasattr(signal, "SIGIO"), reason="needs SIGIO")
def test_input_on_a_real_pty_is_noted_by_the_signal() -> None:
    master, slave = pty.openpty()
    tty.setraw(slave)  # as Textual sets it: a key is readable at once, not at the end of a line
    notes = ArrivalNotes()
    before = signal.getsignal(signal.SIGIO)
    try:
        assert notes.start(slave)
        sent = get_time()
        os.write(master, b"1")
        deadline = time.monotonic() + 5
        while not notes._notes and time.monotonic() < deadline:  # the handler runs on this (the main) thread
            time.sleep(0.001)
        time.sleep(0.05)  # the input thread reads late
        assert os.read(slave, 10) == b"1"
        dated = notes.claim(get_time())
        assert sent <= dated < sent + 0.04
    finally:
        notes.stop()
        os.close(master)
        os.close(slave)
    assert signal.getsignal(signal.SIGIO) == before


def test_not_a_terminal_changes_nothing() -> None:
    read, write = os.pipe()
    notes = ArrivalNotes()
    before = signal.getsignal(signal.SIGIO) if hasattr(signal, "SIGIO") else None
    try:
        assert not notes.start(read)
    finally:
        os.close(read)
        os.close(write)
    if hasattr(signal, "SIGIO"):
        assert signal.getsignal(signal.SIGIO) == before


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's POSIX driver")
def test_the_app_uses_the_dating_driver_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual import constants

    from talarstat.tui.app import TalarstatApp

    monkeypatch.setattr(constants, "DRIVER", None)
    assert TalarstatApp.get_driver_class(object.__new__(TalarstatApp)) is ArrivalStampedDriver
    monkeypatch.setattr(constants, "DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    assert TalarstatApp.get_driver_class(object.__new__(TalarstatApp)).__name__ == "HeadlessDriver"
