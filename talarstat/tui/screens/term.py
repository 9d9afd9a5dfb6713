"""The term screen: meetings over a period (and a district), their figures, the ratio over time
drawn in the terminal, and the term report exported with one key."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, Sparkline

from talarstat.domain import display
from talarstat.domain import userinput as values
from talarstat.domain.figures import TurnFilter
from talarstat.domain.term import Term
from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.i18n.phrases import no_match_line
from talarstat.store.cleanup import district_names
from talarstat.store.meetings import MeetingQuery
from talarstat.store.statistics import term_statistics


class TermScreen(Screen[None]):
    BINDINGS = [
        Binding("x", "export", "key.export_report", id="export_report"),
        Binding("escape", "leave", "key.leave", id="leave_term"),
        Binding("f1", "app.help", "key.help", id="help"),
    ]

    def __init__(self, tr: Translator, export_to: Path | None = None) -> None:
        super().__init__()
        self.tr = tr
        self.export_to = export_to
        self.term: Term | None = None
        self.filters: dict[str, str | None] = {"district": None, "body": None, "kind": None, "from": None, "to": None}
        self._exporting = False

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
            yield Label("", id="term-exported", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        tr = self.tr
        self.query_one(DataTable).add_columns(
            tr("cli.col.date"), tr("cli.col.title"), tr("cli.col.district"), tr("cli.col.turns"),
            tr("tui.term_women_time"), tr("cli.col.time_ratio"),
        )
        self.reload()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.reload()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "term-apply":
            self.reload()

    def _query(self) -> MeetingQuery:
        district = values.text(self.query_one("#term-district", Input).value, self.tr("cli.col.district")) or None
        start = self.query_one("#term-from", Input).value.strip() or None
        end = self.query_one("#term-to", Input).value.strip() or None
        self.filters.update({"district": district, "from": start, "to": end})
        # As `talarstat report`: demo meetings and meetings never held are left out of the figures.
        query = MeetingQuery(district=district, date_from=values.date(start, "--from"), date_to=values.date(end, "--to"))
        return query.for_report()

    def reload(self) -> None:
        tr = self.tr
        try:
            query = self._query()
            with self.app.database.transaction() as session:  # type: ignore[attr-defined]
                self.term = term_statistics(query, turn_filter=TurnFilter(), now=self.app.clock.now(), session=session)  # type: ignore[attr-defined]
                districts = district_names(session=session) if not self.term.meetings else []
        except TalarstatError as error:
            self.notify(tr(error.key, **error.params), severity="error", markup=False)
            return
        term = self.term
        if not term.meetings:
            self.query_one("#term-pooled", Label).update(
                Text(f"{no_match_line(self.filters, tr, districts)} {tr('tui.term_demo_left_out')}"))
            self.query_one(Sparkline).data = []
            self.query_one(DataTable).clear()
            return
        woman = term.pooled.figures.categories.get("woman")
        self.query_one("#term-pooled", Label).update(tr(
            "tui.term_pooled", meetings=tr.plural("term.meetings", term.pooled.meetings),
            share=display.percent(woman.time_share if woman else None),
            ratio=display.ratio(woman.time_ratio if woman else None, tr.decimal_mark),
            ended=display.percent(term.pooled.ended_on_time_share),
        ))
        ratios = [r.figures.categories["woman"].time_ratio for r in term.meetings if "woman" in r.figures.categories]
        self.query_one(Sparkline).data = [ratio for ratio in ratios if ratio is not None]
        table = self.query_one(DataTable)
        table.clear()
        for result in reversed(term.meetings):  # newest first, as on the home screen
            values_ = result.figures.categories.get("woman")
            table.add_row(
                result.meeting.date.isoformat() if result.meeting.date else "", Text(result.meeting.title),
                Text(result.meeting.district or ""), str(result.figures.turns),
                display.percent(values_.time_share if values_ else None),
                display.ratio(values_.time_ratio if values_ else None, tr.decimal_mark),
                key=result.meeting.id,
            )
        table.focus()  # keys (x, esc) act on the screen, not typed into a filter field

    def action_export(self) -> None:
        if self._exporting or self.term is None:
            return
        if not self.term.meetings:
            self.notify(self.tr("error.report_empty"), severity="warning", markup=False)
            return
        self._exporting = True
        exported = self.query_one("#term-exported", Label)
        exported.update(self.tr("tui.exporting"))
        exported.loading = True  # Textual's indicator while the report is drawn
        self._export(self.term, dict(self.filters))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _export(self, term: Term, filters: dict[str, str | None]) -> None:
        from talarstat.reports.term_export import export_term  # matplotlib only once asked for

        folder = self.export_to or Path.cwd() / "talarstat-report"
        try:
            export_term(term, tr=self.tr, folder=folder, filters=filters, turn_filter=TurnFilter(), by_district=True)
        except TalarstatError as error:
            self.app.call_from_thread(self._export_done, None, self.tr(error.key, **error.params))
        except Exception as error:  # noqa: BLE001 - a failed export must not close the app
            self.app.call_from_thread(self._export_done, None, self.tr("error.internal", detail=str(error)))
        else:
            self.app.call_from_thread(self._export_done, folder, None)

    def _export_done(self, folder: Path | None, failure: str | None) -> None:
        self._exporting = False
        label = self.query_one("#term-exported", Label)
        label.loading = False
        if failure is not None:
            label.update("")
            self.notify(failure, severity="error", markup=False)
        else:
            label.update(self.tr("tui.exported", where=str(folder)))

    def action_leave(self) -> None:
        self.dismiss()
