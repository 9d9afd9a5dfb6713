"""Write screenshots/room-page.png: `talarstat serve` as a browser shows it (headless Chromium).

    python scripts/room_page_screenshot.py [--lang sv|en]

Needs the test extras (selenium) and Debian's chromium and chromium-driver. The meeting is the one of
the SVG screenshots, recorded on a clock that ends a few seconds ago, so the page shows it live.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from export_screenshots import OUT, meeting_for_the_room  # noqa: E402

from talarstat.clock import ManualClock  # noqa: E402

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1600,900")


def main(language: str) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    clock = ManualClock(time.time_ns() // 1_000_000 - 430_000)
    database, meeting_id = meeting_for_the_room(clock)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "talarstat", "--db", database.url, "--lang", language, "serve", meeting_id,
                               "--port", str(port)], stdout=subprocess.DEVNULL)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        browser.get(f"http://127.0.0.1:{port}/")
        # The page starts its own `talarstat screen`; wait for its first bytes, then for it to paint.
        for _ in range(120):
            if browser.execute_script("return document.body.classList.contains('-first-byte')"):
                break
            time.sleep(0.5)
        time.sleep(6)
        suffix = "" if language == "sv" else "-en"
        browser.save_screenshot(str(OUT / f"room-page{suffix}.png"))
    finally:
        browser.quit()
        server.send_signal(2)
        server.wait(20)
        database.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    os.environ["TZ"] = "Europe/Stockholm"
    main(parser.parse_args().lang)
