"""`talarstat export` and the summary screen's export: one meeting's charts, report and tables.

The folder gets the five charts in every asked format, `report.pdf` (one page for the minutes),
`turns.csv`, `summary.csv` and `meeting.json` (as `dump` writes it).

Drawing is most of the time an export takes. Each figure is made and laid out once and then written
in every format; the data of every chart is computed once, before any drawing, and the report page
draws from the same data as charts 1 and 2. The six figures are independent, so the command line
draws them in forked processes (reports.parallel), the longest first; the TUI draws in one thread
of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from talarstat.charts import meeting as charts
from talarstat.charts.meeting_page import report_page
from talarstat.charts.style import freeze_layout, load_backends, save
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import to_json
from talarstat.domain.timefmt import Instant
from talarstat.domain.vocabulary import CATEGORIES_MAX, CHART_FORMATS
from talarstat.errors import BadInput
from talarstat.i18n import Translator
from talarstat.reports import meeting_data
from talarstat.reports.files import prepare_folder, remove_partials, write_atomically, write_text
from talarstat.reports.meeting_data import MeetingFigures, meeting_figures_for_export
from talarstat.reports.parallel import run_jobs
from talarstat.reports.tables import CSV_DIALECTS, summary_csv, turns_csv

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# File stems, numbered in the order a slide deck would show them.
CHART_STEMS = ("1-shares", "2-timeline", "3-cumulative", "4-agenda", "5-turn-lengths", "6-requests")
REPORT = "report"
# The order the figures are handed to workers: the longest to draw first (measured on a congress).
LONGEST_FIRST = ("2-timeline", "4-agenda", "3-cumulative", "1-shares", REPORT, "6-requests", "5-turn-lengths")


@dataclass(frozen=True, slots=True)
class Exported:
    folder: Path
    files: tuple[Path, ...]


def figure_plans(data: MeetingFigures, tr: Translator) -> dict[str, Callable[[], Figure]]:
    """How each figure is made, stem by stem (the report last), from chart data computed here once."""
    shares, line = meeting_data.share_bars(data, tr), meeting_data.timeline(data, tr)
    plans: dict[str, Callable[[], Figure]] = {
        "1-shares": partial(charts.shares_chart, shares),
        "2-timeline": partial(charts.timeline_chart, line),
        "3-cumulative": partial(charts.cumulative_chart, meeting_data.cumulative(data, tr)),
        "4-agenda": partial(charts.stacked_shares_chart, meeting_data.agenda_shares(data, tr)),
        "5-turn-lengths": partial(charts.lengths_chart, meeting_data.turn_lengths(data, tr)),
    }
    if data.queue is not None and data.queue.totals.requests:  # only when someone asked for the floor
        plans["6-requests"] = partial(charts.shares_chart, meeting_data.request_bars(data, tr))  # type: ignore[arg-type]
    plans[REPORT] = partial(report_page, meeting_data.report_page(data, tr, shares=shares, line=line))
    return plans


@dataclass(frozen=True, slots=True)
class _Drawing:
    """What every drawing job needs; a forked worker inherits it instead of unpickling it."""

    plans: dict[str, Callable[[], Figure]]
    folder: Path
    formats: tuple[str, ...]


_drawing: _Drawing | None = None


def _draw(stem: str) -> list[Path]:
    """Make one figure, lay it out once, and write it in its formats (the report: one PDF)."""
    assert _drawing is not None
    job = _drawing
    figure = freeze_layout(job.plans[stem]())
    formats = ("pdf",) if stem == REPORT else job.formats
    return [
        write_atomically(job.folder / f"{stem}.{file_format}", lambda path, f=file_format: save(figure, path, f))
        for file_format in formats
    ]


FOLDER_SLUG_MAX_BYTES = 100  # file systems allow 255 bytes a name; a long title must not use them up


def export_folder_name(meeting: Meeting) -> str:
    """`2026-03-19 Distriktsstyrelsen, mars` → `2026-03-19-distriktsstyrelsen-mars` (å, ä, ö kept),
    the title part cut to FOLDER_SLUG_MAX_BYTES of UTF-8."""
    slug = re.sub(r"[^\w]+", "-", meeting.title[:FOLDER_SLUG_MAX_BYTES].lower()).strip("-")
    while len(slug.encode("utf-8")) > FOLDER_SLUG_MAX_BYTES:
        slug = slug[:-1]
    slug = slug.rstrip("-") or "meeting"
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
    csv_dialect: str = "standard",
    progress: Callable[[int, int], None] | None = None,
) -> Exported:
    """Write every file of the export; `parallel` only from a process without threads (the CLI)."""
    global _drawing
    if len(meeting.categories) > CATEGORIES_MAX:
        # Only a database from before the limits holds such a meeting; drawing it would take hours.
        raise BadInput("error.export_categories", count=len(meeting.categories), most=CATEGORIES_MAX)
    folder = prepare_folder(folder or Path.cwd() / export_folder_name(meeting))
    data = meeting_figures_for_export(meeting, turn_filter=turn_filter or TurnFilter(), now=now, suppress=suppress)
    load_backends({*formats, "pdf"})
    plans = figure_plans(data, tr)
    _drawing = _Drawing(plans=plans, folder=folder, formats=tuple(formats))
    try:
        by_stem = run_jobs(_draw, [stem for stem in LONGEST_FIRST if stem in plans], parallel=parallel, progress=progress)
        written = [path for stem in (*CHART_STEMS, REPORT) if stem in by_stem for path in by_stem[stem]]
        dialect = CSV_DIALECTS[csv_dialect]
        written.append(write_text(folder / "turns.csv", turns_csv(meeting, now=now, suppressed=data.suppressed, dialect=dialect)))
        written.append(write_text(folder / "summary.csv", summary_csv(data.figures, data.agenda, suppressed=data.suppressed,
                                                                      queue=data.queue, dialect=dialect)))
        written.append(write_text(folder / "meeting.json", to_json(meeting), private=has_speaker_tokens(meeting)))
    except BaseException:
        remove_partials(folder)  # the other workers' files, stopped mid-way when one failed
        raise
    finally:
        _drawing = None
    return Exported(folder=folder, files=tuple(written))


def has_speaker_tokens(meeting: Meeting) -> bool:
    """Tokens are throwaway seat numbers, yet they single people out: files with them stay private."""
    return any(holder.speaker for holder in (*meeting.turns, *meeting.requests))
