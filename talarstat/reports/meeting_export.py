"""`talarstat export` and the summary screen's export: one meeting's charts, report and tables.

The folder gets the five charts in every asked format, `report.pdf` (one page for the minutes),
`turns.csv`, `summary.csv` and `meeting.json` (as `dump` writes it).

Drawing is most of the time an export takes. Each figure is made and laid out once and then written
in every format; the data of every chart is computed once, before any drawing, and the report page
draws from the same data as charts 1 and 2. The six figures are independent, so the command line
draws them in forked processes (reports.parallel), the longest first; the TUI draws in one thread
of its own. Only the drawing imports matplotlib: the command line's main process, which reads the
meeting and computes the chart data, never does (`draw_ahead`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from talarstat.charts.data import Cumulative, ReportPage, ShareBars, StackedShares, Timeline, TurnLengths
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
from talarstat.reports.parallel import run_jobs, start_ahead
from talarstat.reports.tables import CSV_DIALECTS, summary_csv, turns_csv

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# File stems, numbered in the order a slide deck would show them.
CHART_STEMS = ("1-shares", "2-timeline", "3-cumulative", "4-agenda", "5-turn-lengths", "6-requests")
REPORT = "report"
# The order the figures are handed to workers: the longest to draw first, so that two workers end
# together (CPU seconds on a 300-turn congress: agenda 0.56, timeline 0.43, report 0.41, shares 0.32,
# cumulative 0.28, lengths 0.25; the requests chart is chart 1 with five bars a category).
LONGEST_FIRST = ("4-agenda", "2-timeline", "report", "6-requests", "1-shares", "3-cumulative", "5-turn-lengths")
ALL_FORMATS = frozenset({*CHART_FORMATS, "pdf"})

# What a figure is drawn from; its type says which chart it is (request bars are share bars).
ChartData = ShareBars | Timeline | Cumulative | StackedShares | TurnLengths | ReportPage


@dataclass(frozen=True, slots=True)
class Exported:
    folder: Path
    files: tuple[Path, ...]


def figure_plans(data: MeetingFigures, tr: Translator) -> dict[str, ChartData]:
    """The data of each figure, stem by stem (the report last), computed here once: plain data,
    which a drawing process receives without anything of matplotlib on this side."""
    shares, line = meeting_data.share_bars(data, tr), meeting_data.timeline(data, tr)
    plans: dict[str, ChartData] = {
        "1-shares": shares,
        "2-timeline": line,
        "3-cumulative": meeting_data.cumulative(data, tr),
        "4-agenda": meeting_data.agenda_shares(data, tr),
        "5-turn-lengths": meeting_data.turn_lengths(data, tr),
    }
    requests = meeting_data.request_bars(data, tr)  # only when someone asked for the floor
    if requests is not None:
        plans["6-requests"] = requests
    plans[REPORT] = meeting_data.report_page(data, tr, shares=shares, line=line)
    return plans


def make_figure(data: ChartData) -> Figure:
    """The figure of one chart's data, not yet laid out."""
    from talarstat.charts import meeting as charts
    from talarstat.charts.meeting_page import report_page

    if isinstance(data, ShareBars):
        return charts.shares_chart(data)
    if isinstance(data, Timeline):
        return charts.timeline_chart(data)
    if isinstance(data, Cumulative):
        return charts.cumulative_chart(data)
    if isinstance(data, StackedShares):
        return charts.stacked_shares_chart(data)
    if isinstance(data, TurnLengths):
        return charts.lengths_chart(data)
    return report_page(data)


def prepare_drawing(formats: frozenset[str] = ALL_FORMATS) -> None:
    """Import what drawing needs: the charts, matplotlib and the writers of these formats."""
    from talarstat.charts.style import load_backends

    importlib.import_module("talarstat.charts.meeting_page")  # and with it charts.meeting and matplotlib
    load_backends(formats)


def draw_ahead() -> None:
    """Fork the drawing process now and let it import matplotlib while this process goes on
    (cli.launch, for `export`, before the command line is imported); see reports.parallel."""
    start_ahead(prepare_drawing)


def save(figure: Figure, path: Path, file_format: str) -> Path:
    """Write one format of a figure (charts.style.save, imported with matplotlib when first used)."""
    from talarstat.charts.style import save as write

    return write(figure, path, file_format)


@dataclass(frozen=True, slots=True)
class _Drawing:
    """What every drawing job needs: sent once to a drawing process, or inherited by forked workers."""

    plans: dict[str, ChartData]
    folder: Path
    formats: tuple[str, ...]


def _draw(job: _Drawing, stem: str) -> list[Path]:
    """Make one figure, lay it out once, and write it in its formats (the report: one PDF)."""
    from talarstat.charts.style import freeze_layout

    figure = freeze_layout(make_figure(job.plans[stem]))
    formats = ("pdf",) if stem == REPORT else job.formats
    return [
        write_atomically(job.folder / f"{stem}.{file_format}", partial(save, figure, file_format=file_format))
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
    if len(meeting.categories) > CATEGORIES_MAX:
        # Only a database from before the limits holds such a meeting; drawing it would take hours.
        raise BadInput("error.export_categories", count=len(meeting.categories), most=CATEGORIES_MAX)
    folder = prepare_folder(folder or Path.cwd() / export_folder_name(meeting))
    data = meeting_figures_for_export(meeting, turn_filter=turn_filter or TurnFilter(), now=now, suppress=suppress)
    plans = figure_plans(data, tr)
    job = _Drawing(plans=plans, folder=folder, formats=tuple(formats))
    try:
        by_stem = run_jobs(_draw, job, [stem for stem in LONGEST_FIRST if stem in plans], parallel=parallel,
                           prepare=partial(prepare_drawing, frozenset({*formats, "pdf"})), progress=progress)
        written = [path for stem in (*CHART_STEMS, REPORT) if stem in by_stem for path in by_stem[stem]]
        dialect = CSV_DIALECTS[csv_dialect]
        written.append(write_text(folder / "turns.csv", turns_csv(meeting, now=now, suppressed=data.suppressed, dialect=dialect)))
        written.append(write_text(folder / "summary.csv", summary_csv(data.figures, data.agenda, suppressed=data.suppressed,
                                                                      queue=data.queue, dialect=dialect)))
        written.append(write_text(folder / "meeting.json", to_json(meeting), private=has_speaker_tokens(meeting)))
    except BaseException:
        remove_partials(folder)  # the other workers' files, stopped mid-way when one failed
        raise
    return Exported(folder=folder, files=tuple(written))


def has_speaker_tokens(meeting: Meeting) -> bool:
    """Tokens are throwaway seat numbers, yet they single people out: files with them stay private."""
    return any(turn.speaker for turn in meeting.turns) or any(request.speaker for request in meeting.requests)
