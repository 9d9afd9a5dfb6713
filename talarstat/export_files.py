"""Writing a meeting's files for the officer: for now the meeting file; charts come with `export`."""

from __future__ import annotations

import re
from pathlib import Path

from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import to_json
from talarstat.errors import JobFailed


def export_folder_name(meeting: Meeting) -> str:
    """`2026-03-19 Distriktsstyrelsen, mars` → `2026-03-19-distriktsstyrelsen-mars` (å, ä, ö kept)."""
    slug = re.sub(r"[^\w]+", "-", meeting.title.lower()).strip("-") or "meeting"
    return f"{meeting.date.isoformat()}-{slug}" if meeting.date else slug


def export_meeting_file(meeting: Meeting, folder: Path | None = None) -> Path:
    folder = folder or Path.cwd() / export_folder_name(meeting)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "meeting.json").write_text(to_json(meeting), encoding="utf-8")
    except OSError as error:
        raise JobFailed("error.export_failed", where=str(folder), reason=error.strerror or str(error)) from None
    return folder
