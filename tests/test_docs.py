"""The documentation describes the app as it is and stands on its own (issue 12): no reference to files
outside the repository, links that resolve, and the figures, the file format and the speaker-list
rules written out in docs/."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from support import BOARD

from talarstat.domain.figures import CategoryFigures
from talarstat.domain.meetingfile import parse_bytes, to_document

ROOT = Path(__file__).parent.parent
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
OUTSIDE = re.compile(r"METRICS\.md|FORMAT\.md|PRODUCT\.md|QUEUE\.md|STYLE\.md|shared/spec|\.\./shared")


def test_docs_never_point_outside_the_repository() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        outside = OUTSIDE.search(text)
        assert outside is None, f"{page.name}: {outside[0]}"
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" in target:
                continue
            resolved = (page.parent / target).resolve()
            assert resolved.is_relative_to(ROOT) and resolved.exists(), f"{page.name} links to {target}"


def test_the_figures_the_file_format_and_the_speaker_list_are_written_out() -> None:
    figures = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(CategoryFigures):
        assert f"`{field.name}`" in figures, field.name
    for key in ("per_capita_ratio", "within_40_60", "overrun_minutes", "notice_lead_days", "ended_on_time_share",
                "notice_in_time_share", "request_ratio", "grant_rate", "mean_wait_seconds", "over_limit", "<3"):
        assert key in figures, key
    file_format = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    for key in to_document(parse_bytes(BOARD.read_bytes())):
        assert f"`{key}`" in file_format, key
    speaker_list = (ROOT / "docs" / "speaker-list.md").read_text(encoding="utf-8")
    for word in ("arrival", "first_time", "alternate", "balance", "Points of order", "moved to the front",
                 "max replies", "closed", "withdraw", "talarstat queue"):
        assert word.lower() in speaker_list.lower(), word


def test_docs_describe_what_the_app_does_today() -> None:
    recording = (ROOT / "docs" / "recording.md").read_text(encoding="utf-8")
    assert "**x** exports everything" in recording  # the summary's x writes charts, report, CSV and the file
    command_line = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    for word in ("delete MEETING", "--remove", "--include-demo", "--csv-dialect", "--version", "--install-completion"):
        assert word in command_line, word
    assert not (ROOT / "record").exists()  # a stray file once left at the root
