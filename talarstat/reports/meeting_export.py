"""`talarstat export` and the summary screen's export: one meeting's charts, report and tables.

The folder gets the five charts in every asked format, `report.pdf` (one page for the minutes),
`turns.csv`, `summary.csv` and `meeting.json` (as `dump` writes it).

Drawing is most of the time an export takes, and the six figures are independent, so the command
line draws them in parallel processes forked after matplotlib is imported (no start-up to pay
again). The TUI draws in one thread of its own: forking a process that runs threads is unsafe.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from talarstat.charts import meeting as charts
from talarstat.charts.meeting_page import report_page
from talarstat.charts.style import freeze_layout, save
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import to_json
from talarstat.domain.timefmt import Instant
from talarstat.domain.vocabulary import CHART_FORMATS
from talarstat.i18n import Translator
from talarstat.reports import meeting_data
from talarstat.reports.files import prepare_folder, write_atomically, write_text
from talarstat.reports.meeting_data import MeetingFigures, meeting_figures_for_export
from talarstat.reports.tables import summary_csv, turns_csv

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# File stem → how the chart is made; numbered in the order a slide deck would show them.
CHARTS: dict[str, Callable[[MeetingFigures, Translator], Figure]] = {
    "1-shares": lambda data, tr: charts.shares_chart(meeting_data.share_bars(data, tr)),
    "2-timeline": lambda data, tr: charts.timeline_chart(meeting_data.timeline(data, tr)),
    "3-cumulative": lambda data, tr: charts.cumulative_chart(meeting_data.cumulative(data, tr)),
    "4-agenda": lambda data, tr: charts.stacked_shares_chart(meeting_data.agenda_shares(data, tr)),
    "5-turn-lengths": lambda data, tr: charts.lengths_chart(meeting_data.turn_lengths(data, tr)),
    # Only for a meeting that used the speaker list (see _stems).
    "6-requests": lambda data, tr: charts.shares_chart(meeting_data.request_bars(data, tr)),  # type: ignore[arg-type]
}
REPORT = "report"


@dataclass(frozen=True, slots=True)
class Exported:
    folder: Path
    files: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class _Drawing:
    """What every drawing job needs; a forked worker inherits it instead of unpickling it."""

    data: MeetingFigures
    tr: Translator
    folder: Path
    formats: tuple[str, ...]


_drawing: _Drawing | None = None


def _draw(stem: str) -> list[Path]:
    """Draw one figure and write it in its formats (the report: one PDF)."""
    assert _drawing is not None
    job = _drawing
    if stem == REPORT:
        page = freeze_layout(report_page(meeting_data.report_page(job.data, job.tr)))
        return [write_atomically(job.folder / "report.pdf", lambda path: save(page, path, "pdf"))]
    figure = freeze_layout(CHARTS[stem](job.data, job.tr))
    return [
        write_atomically(job.folder / f"{stem}.{file_format}", lambda path, f=file_format: save(figure, path, f))
        for file_format in job.formats
    ]


def _draw_all(stems: list[str], parallel: bool) -> list[Path]:
    workers = min(len(stems), os.cpu_count() or 1)
    if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [path for stem in stems for path in _draw(stem)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [path for paths in pool.map(_draw, stems, chunksize=1) for path in paths]


def _stems(data: MeetingFigures) -> list[str]:
    """The charts this meeting has: the requests chart only when someone asked for the floor."""
    return [stem for stem in CHARTS if stem != "6-requests" or data.queue is not None and data.queue.totals.requests]


def export_folder_name(meeting: Meeting) -> str:
    """`2026-03-19 Distriktsstyrelsen, mars` → `2026-03-19-distriktsstyrelsen-mars` (å, ä, ö kept)."""
    slug = re.sub(r"[^\w]+", "-", meeting.title.lower()).strip("-") or "meeting"
    return f"{meeting.date.isoformat()}-{slug}" if meeting.date else slug


def export_meeting(
    meeting: Meeting,
    *,
    tr: Translator,
    now: Instant,
    folder: Path | None = None,
    formats: Sequence[str] = CHART_FORMATS,
    suppress: bool = True,
    turn_filter: TurnFilter | None = None,
    parallel: bool = False,
) -> Exported:
    """Write every file of the export; `parallel` only from a process without threads (the CLI)."""
    global _drawing
    folder = prepare_folder(folder or Path.cwd() / export_folder_name(meeting))
    data = meeting_figures_for_export(meeting, turn_filter=turn_filter or TurnFilter(), now=now, suppress=suppress)
    _drawing = _Drawing(data=data, tr=tr, folder=folder, formats=tuple(formats))
    try:
        written = _draw_all([*_stems(data), REPORT], parallel)
    finally:
        _drawing = None
    written.append(write_text(folder / "turns.csv", turns_csv(meeting, now=now, suppressed=data.suppressed)))
    written.append(write_text(folder / "summary.csv", summary_csv(data.figures, data.agenda, suppressed=data.suppressed, queue=data.queue)))
    written.append(write_text(folder / "meeting.json", to_json(meeting)))
    return Exported(folder=folder, files=tuple(written))
