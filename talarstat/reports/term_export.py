"""`talarstat report -o DIR`: a term's charts (PNG and SVG), a multi-page PDF for the annual report
(verksamhetsberättelse), and CSV of the per-meeting and pooled figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from talarstat.charts import term as charts
from talarstat.charts.data import CoverPage
from talarstat.charts.meeting import stacked_shares_chart
from talarstat.charts.style import freeze_layout, load_backends, on_a4, save, save_pages
from talarstat.domain.figures import TurnFilter
from talarstat.domain.term import Term
from talarstat.i18n import Translator
from talarstat.reports import term_data
from talarstat.reports.files import prepare_folder, remove_partials, write_atomically, write_text
from talarstat.reports.parallel import run_jobs
from talarstat.reports.tables import CSV_DIALECTS, groups_csv, meetings_csv
from talarstat.reports.term_data import Scope

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TERM_FORMATS = ("png", "svg")
REPORT = "report"


@dataclass(frozen=True, slots=True)
class _Job:
    """What the workers write: the charts' figures (made and laid out once, the files and the PDF's
    pages are the same figures) and the data of the PDF's cover page."""

    folder: Path
    cover: CoverPage
    figures: dict[str, Figure]


def _charts(term: Term, tr: Translator, scope: Scope, by_district: bool) -> dict[str, Callable[[], Figure]]:
    made: dict[str, Callable[[], Figure]] = {
        "1-ratio-over-time": lambda: charts.ratio_over_time_chart(term_data.ratio_over_time(term, tr, scope)),
        "2-attendance-vs-time": lambda: charts.dumbbell_chart(term_data.dumbbell(term, tr, scope)),
        "3-by-kind": lambda: stacked_shares_chart(
            term_data.group_shares(term, tr, scope, term.kinds, "term.chart.by_kind", label_kind=True)),
        "4-by-body": lambda: stacked_shares_chart(term_data.group_shares(term, tr, scope, term.bodies, "term.chart.by_body")),
        "6-hygiene": lambda: charts.hygiene_chart(term_data.hygiene_over_time(term, tr, scope)),
    }
    if term_data.uses_speaker_list(term):
        made["7-requests-over-time"] = lambda: charts.requests_over_time_chart(term_data.requests_over_time(term, tr, scope))
    if by_district:
        made["5-districts"] = lambda: stacked_shares_chart(
            term_data.group_shares(term, tr, scope, term.districts, "term.chart.districts"))
    return dict(sorted(made.items()))


def _draw(job: _Job, stem: str) -> list[Path]:
    figure = job.figures[stem]
    return [
        write_atomically(job.folder / f"{stem}.{fmt}", partial(save, figure, file_format=fmt)) for fmt in TERM_FORMATS
    ]


def _report_pdf(job: _Job) -> list[Path]:
    pages = [charts.cover_page(job.cover), *job.figures.values()]
    return [write_atomically(job.folder / "report.pdf", lambda path: save_pages(pages, path))]


def _run(job: _Job, name: str) -> list[Path]:
    return _report_pdf(job) if name == REPORT else _draw(job, name)


def export_term(
    term: Term,
    *,
    tr: Translator,
    folder: Path,
    filters: dict[str, str | None],
    turn_filter: TurnFilter,
    by_district: bool = False,
    suppress: bool = True,
    parallel: bool = False,
    csv_dialect: str = "standard",
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Every file of the term report; `parallel` (forked workers) only from a process without threads.

    Each chart is made and laid out once, before any worker starts; then its PNG, its SVG and the
    multi-page PDF (the longest job, handed out first) are written from that same figure.
    """
    prepare_folder(folder)
    scope = Scope(filters=filters, turn_filter=turn_filter, suppress=suppress)
    # Every chart on an A4 page (landscape or portrait as it suits): the same figure is a PNG, an SVG
    # and a page of report.pdf, and a board prints the report.
    figures = {stem: freeze_layout(on_a4(make())) for stem, make in _charts(term, tr, scope, by_district).items()}
    load_backends((*TERM_FORMATS, "pdf"))
    job = _Job(folder=folder, cover=term_data.cover(term, tr, scope, by_district=by_district), figures=figures)
    try:
        by_name = run_jobs(_run, job, [REPORT, *figures], parallel=parallel, progress=progress)
        written = [path for name in [*figures, REPORT] for path in by_name[name]]
        dialect = CSV_DIALECTS[csv_dialect]
        written.append(write_text(folder / "meetings.csv", meetings_csv(term, suppress=suppress, dialect=dialect)))
        written.append(write_text(folder / "groups.csv", groups_csv(term, suppress=suppress, dialect=dialect)))
    except BaseException:
        remove_partials(folder)  # the other workers' files, stopped mid-way when one failed
        raise
    return written
