"""`talarstat report -o DIR`: a term's charts (PNG and SVG), a multi-page PDF for the annual report
(verksamhetsberättelse), and CSV of the per-meeting and pooled figures."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talarstat.charts import term as charts
from talarstat.charts.meeting import stacked_shares_chart
from talarstat.charts.style import freeze_layout, save, save_pages
from talarstat.domain.figures import TurnFilter
from talarstat.domain.term import Term
from talarstat.i18n import Translator
from talarstat.reports import term_data
from talarstat.reports.files import prepare_folder, write_atomically, write_text
from talarstat.reports.tables import groups_csv, meetings_csv

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TERM_FORMATS = ("png", "svg")


@dataclass(frozen=True, slots=True)
class _Job:
    term: Term
    tr: Translator
    folder: Path
    context: dict[str, Any]
    by_district: bool


_job: _Job | None = None


def _charts(job: _Job) -> dict[str, Callable[[], Figure]]:
    term, tr, context = job.term, job.tr, job.context
    made: dict[str, Callable[[], Figure]] = {
        "1-ratio-over-time": lambda: charts.ratio_over_time_chart(term_data.ratio_over_time(term, tr, **context)),
        "2-attendance-vs-time": lambda: charts.dumbbell_chart(term_data.dumbbell(term, tr, **context)),
        "3-by-kind": lambda: stacked_shares_chart(
            term_data.group_shares(term, tr, term.kinds, "term.chart.by_kind", label_kind=True, **context)),
        "4-by-body": lambda: stacked_shares_chart(term_data.group_shares(term, tr, term.bodies, "term.chart.by_body", **context)),
        "6-hygiene": lambda: charts.hygiene_chart(term_data.hygiene_over_time(term, tr, **context)),
    }
    if term_data.uses_speaker_list(term):
        made["7-requests-over-time"] = lambda: charts.requests_over_time_chart(term_data.requests_over_time(term, tr, **context))
    if job.by_district:
        made["5-districts"] = lambda: stacked_shares_chart(
            term_data.group_shares(term, tr, term.districts, "term.chart.districts", **context))
    return dict(sorted(made.items()))


def _draw(stem: str) -> list[Path]:
    assert _job is not None
    job = _job
    figure = freeze_layout(_charts(job)[stem]())
    return [
        write_atomically(job.folder / f"{stem}.{fmt}", lambda path, f=fmt: save(figure, path, f)) for fmt in TERM_FORMATS
    ]


def _report_pdf() -> list[Path]:
    assert _job is not None
    job = _job
    cover = charts.cover_page(term_data.cover(job.term, job.tr, by_district=job.by_district, **job.context))
    pages = [cover] + [freeze_layout(make()) for make in _charts(job).values()]
    return [write_atomically(job.folder / "report.pdf", lambda path: save_pages(pages, path))]


def _run(name: str) -> list[Path]:
    return _report_pdf() if name == "report" else _draw(name)


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
) -> list[Path]:
    """Every file of the term report; `parallel` (forked workers) only from a process without threads."""
    global _job
    prepare_folder(folder)
    context = {"filters": filters, "turn_filter": turn_filter, "suppress": suppress}
    _job = _Job(term=term, tr=tr, folder=folder, context=context, by_district=by_district)
    try:
        names = [*_charts(_job), "report"]
        workers = min(len(names), os.cpu_count() or 1)
        if parallel and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                written = [path for paths in pool.map(_run, names, chunksize=1) for path in paths]
        else:
            written = [path for name in names for path in _run(name)]
    finally:
        _job = None
    written.append(write_text(folder / "meetings.csv", meetings_csv(term, suppress=suppress)))
    written.append(write_text(folder / "groups.csv", groups_csv(term, suppress=suppress)))
    return written
