"""`talarstat serve`: the room view as a web page, loaded in a real headless Chromium.

The page is xterm.js. The test makes its canvases unavailable, so xterm.js falls back to its DOM
renderer and the terminal's rows can be read as text. Without Chromium the browser test skips,
unless TALARSTAT_REQUIRE_BROWSER=1 (as in CI), where a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver

from talarstat.clock import SteadyClock
from talarstat.domain.meeting import Meeting
from talarstat.recorder import Recorder
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting

TITLE = "Distriktsstyrelsen i Skåne"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,800",
)
NO_CANVAS = """
HTMLCanvasElement.prototype.getContext = function () { return null; };
"""
ROWS = "const rows = document.querySelector('.xterm-rows'); return rows ? rows.innerText : '';"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"serve did not listen on {port}")


def serve(db: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "talarstat", "--db", db, "--lang", "en", "serve", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def stop(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    process.send_signal(signal.SIGINT)  # what Ctrl+C sends
    out, err = process.communicate(timeout=20)
    return process.returncode, out, err


@pytest.fixture
def meeting_db(tmp_path: Path) -> str:
    path = str(tmp_path / "room.db")
    database = Database.open(path)
    meeting = Meeting(id=str(uuid.uuid4()), title=TITLE, categories=("woman", "man", "nonbinary", "unknown"))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    Recorder(database, meeting.id, SteadyClock()).start_turn("woman")
    database.dispose()
    return path


def chromium() -> WebDriver:
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if binary is None or driver is None:
        message = "the browser test needs Debian's chromium and chromium-driver"
        if os.environ.get("TALARSTAT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message}, and TALARSTAT_REQUIRE_BROWSER=1")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='talarstat-chromium-')}")
    return webdriver.Chrome(service=Service(driver), options=options)


def test_the_page_shows_the_meeting_in_a_real_browser(meeting_db: str) -> None:
    browser = chromium()
    port = free_port()
    process = serve(meeting_db, "--port", str(port))
    try:
        wait_for_port(port, process)
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": NO_CANVAS})
        browser.get(f"http://127.0.0.1:{port}/")
        text = ""
        deadline = time.monotonic() + 40
        while TITLE not in text and time.monotonic() < deadline:
            time.sleep(0.25)
            text = browser.execute_script(ROWS)
        assert TITLE in text, text
        assert "has the floor" in text and "woman" in text  # the name itself may be in block letters
    finally:
        code, _, err = stop(process)  # Ctrl+C with the page still open
        browser.quit()
    assert code == 0, err
    assert "Traceback" not in err and "Error" not in err, err


def test_ctrl_c_stops_serve_cleanly_on_loopback(meeting_db: str) -> None:
    port = free_port()
    process = serve(meeting_db, "--port", str(port))
    wait_for_port(port, process)
    code, out, err = stop(process)
    assert code == 0
    assert f"http://127.0.0.1:{port}" in out
    assert "Warning" not in err and "Traceback" not in err


def test_a_non_loopback_host_warns_that_anyone_can_watch(meeting_db: str) -> None:
    port = free_port()
    process = serve(meeting_db, "--host", "0.0.0.0", "--port", str(port))
    wait_for_port(port, process)
    code, _, err = stop(process)
    assert code == 0
    assert "Anyone who can reach" in err


def test_a_taken_port_is_one_line_and_exit_1(meeting_db: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = serve(meeting_db, "--port", str(taken.getsockname()[1]))
        _, err = process.communicate(timeout=30)
    assert process.returncode == 1
    assert err.startswith("talarstat: cannot listen on 127.0.0.1:") and err.count("\n") == 1


def test_a_missing_browser_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("TALARSTAT_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception):
        chromium()
