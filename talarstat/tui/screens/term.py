"""The term screen: meetings over a period (and a district), their figures, the ratio over time
drawn in the terminal, and the term report exported with one key."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Label, Sparkline
from textual.worker import get_current_worker

from talarstat.clock import Clock
from talarstat.domain import userinput as values
from talarstat.domain.figures import TurnFilter
from talarstat.domain.term import Term
from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.presentation.figures import women_share
from talarstat.presentation.phrases import no_match_line
from talarstat.store.cleanup import district_names
from talarstat.store.database import Database
from talarstat.store.meetings import MeetingQuery
from talarstat.store.statistics import term_statistics
from talarstat.tui.keys import help_key
from talarstat.tui.widgets.export_status import ExportStatus
from talarstat.tui.widgets.footer import Footer


class TermScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "key.export_report", id="export_report"),
        Binding("escape", "leave", "key.leave", id="leave_term"),
        help_key("f1"),  # `?` is typed in its fields
    ]

    def __init__(self, tr: Translator, database: Database, clock: Clock, export_to: Path | None = None) -> None:
        super().__init__()
        self.tr, self.database, self.clock = tr, database, clock
        self.export_to = export_to
        self.term: Term | None = None
        self.filters: dict[str, str | None] = {"district": None, "body": None, "kind": None, "from": None, "to": None}

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="term"):
            yield Label(tr("tui.term_title"), classes="dialog-title", markup=False)
            with Horizontal(id="term-filters"):
                yield Input(placeholder=tr("cli.col.district"), id="term-district")
                yield Input(placeholder=tr("tui.term_from"), id="term-from")
                yield Input(placeholder=tr("tui.term_to"), id="term-to")
                yield Button(tr("tui.term_apply"), id="term-apply")
            yield Label("", id="term-pooled", markup=False)
            yield Label(tr("tui.term_ratio_line"), id="term-ratio-caption", markup=False)
            yield Sparkline([], id="term-ratio")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="term-meetings")
            yield ExportStatus(tr, id="term-exported")
        yield Footer()

    def on_mount(self) -> None:
        tr = self.tr
        self.query_one(DataTable).add_columns(
            tr("cli.col.date"), tr("cli.col.title"), tr("cli.col.district"), tr("cli.col.turns"),
            tr("tui.term_women_time"), tr("cli.col.time_ratio"),
        )
        self.reload()

    @on(Input.Submitted)
    @on(Button.Pressed, "#term-apply")
    def reload(self) -> None:
        """Read the figures for the filters in a worker: a term of many meetings takes more than a frame."""
        tr = self.tr
        try:
            query = self._query()
        except TalarstatError as error:
            self.notify(tr(error.key, **error.params), severity="error", markup=False)
            return
        self.query_one(DataTable).loading = True
        self._read(query, self.clock.now())

    def _query(self) -> MeetingQuery:
        tr = self.tr
        district = values.text(self.query_one("#term-district", Input).value, tr("cli.col.district")) or None
        start = self.query_one("#term-from", Input).value.strip() or None
        end = self.query_one("#term-to", Input).value.strip() or None
        self.filters.update({"district": district, "from": start, "to": end})
        # As `talarstat report`: demo meetings and meetings never held are left out of the figures.
        query = MeetingQuery(district=district, date_from=values.date(start, tr("tui.term_from_field")),
                             date_to=values.date(end, tr("tui.term_to_field")))
        return query.for_report()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _read(self, query: MeetingQuery, now: int) -> None:
        try:
            with self.database.transaction() as session:
                term = term_statistics(query, turn_filter=TurnFilter(), now=now, session=session)
                districts = district_names(session=session) if not term.meetings else []
        except TalarstatError as error:
            self.app.call_from_thread(self._read_failed, self.tr(error.key, **error.params))
            return
        if not get_current_worker().is_cancelled:  # newer filters were applied meanwhile: theirs count
            self.app.call_from_thread(self._show, term, districts)

    def _read_failed(self, message: str) -> None:
        self.query_one(DataTable).loading = False
        self.notify(message, severity="error", markup=False)

    def _show(self, term: Term, districts: list[str]) -> None:
        tr = self.tr
        self.term = term
        table = self.query_one(DataTable)
        table.loading = False
        if not term.meetings:
            said = no_match_line(self.filters, tr, districts, dates=(tr("tui.term_from_field"), tr("tui.term_to_field")))
            self.query_one("#term-pooled", Label).update(Text(f"{said} {tr('tui.term_demo_left_out')}"))
            self.query_one(Sparkline).data = []
            table.clear()
            return
        share, ratio = women_share(term.pooled.figures, tr)
        self.query_one("#term-pooled", Label).update(tr(
            "tui.term_pooled", meetings=tr.plural("term.meetings", term.pooled.meetings),
            share=share, ratio=ratio, ended=tr.percent(term.pooled.ended_on_time_share),
        ))
        ratios = [r.figures.categories["woman"].time_ratio for r in term.meetings if "woman" in r.figures.categories]
        self.query_one(Sparkline).data = [ratio for ratio in ratios if ratio is not None]
        table.clear()
        for result in reversed(term.meetings):  # newest first, as on the home screen
            table.add_row(
                result.meeting.date.isoformat() if result.meeting.date else "", Text(result.meeting.title),
                Text(result.meeting.district or ""), tr.number(result.figures.turns), *women_share(result.figures, tr),
                key=result.meeting.id,
            )
        table.focus()  # keys (x, esc) act on the screen, not typed into a filter field

    def action_export(self) -> None:
        term, tr, filters = self.term, self.tr, dict(self.filters)
        if term is None:
            return
        if not term.meetings:
            self.notify(tr("error.report_empty"), severity="warning", markup=False)
            return
        folder = self.export_to or Path.cwd() / "talarstat-report"

        def export() -> Path:
            from talarstat.reports.term_export import export_term  # matplotlib only once asked for

            export_term(term, tr=tr, folder=folder, filters=filters, turn_filter=TurnFilter(), by_district=True)
            return folder

        self.query_one(ExportStatus).start(export)

    def action_leave(self) -> None:
        self.dismiss()
