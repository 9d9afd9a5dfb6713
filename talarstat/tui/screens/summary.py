"""The meeting has ended: its figures, and the export."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label

from talarstat.domain import display
from talarstat.domain.figures import TurnFilter
from talarstat.domain.hygiene import hygiene
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue_figures import compute_queue, tally_queue
from talarstat.domain.suppression import suppressed_categories
from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.i18n.phrases import balance_lines, hygiene_line, queue_summary, request_shares_line
from talarstat.recorder import Recorder
from talarstat.tui.widgets.balance import BalanceTable


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("x", "export", "key.export", id="export"),
        Binding("ctrl+z", "undo_end", "key.reopen", id="reopen"),
        Binding("escape", "leave", "key.leave", id="leave_summary"),
        Binding("question_mark,f1", "app.help", "key.help", id="help"),
        Binding("ctrl+q", "app.leave_or_quit", "key.leave", show=False, id="leave"),
    ]

    def __init__(self, recorder: Recorder, tr: Translator, export_to: Path | None = None) -> None:
        super().__init__()
        self.recorder, self.tr = recorder, tr
        self.export_to = export_to
        self._exporting = False

    def compose(self) -> ComposeResult:
        meeting, tr = self.recorder.meeting, self.tr
        figures = self.recorder.figures()
        length = (meeting.ended_at or 0) - (meeting.started_at or 0)
        with Vertical(id="summary"):
            yield Label(tr("tui.summary_title", title=meeting.title), classes="dialog-title", markup=False)
            yield Label(tr("tui.summary_totals", turns=figures.turns, time=display.duration(figures.seconds),
                           length=display.duration(length / 1000)), markup=False)
            yield BalanceTable(tr, id="summary-balance")
            if not {"woman", "man"} & suppressed_categories(figures):  # no verdict on fewer than 3 of either
                for line in balance_lines(figures, tr):
                    yield Label(line, markup=False)
            yield Label(hygiene_line(hygiene(meeting), tr), markup=False)
            queue = compute_queue(tally_queue(meeting, turn_filter=TurnFilter(), now=self.recorder.clock.now()), figures)
            for line in (queue_summary(queue, tr), request_shares_line(queue, tr)):
                if line:
                    yield Label(line, markup=False)
            yield Label("", id="exported", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        figures = self.recorder.figures()
        self.query_one(BalanceTable).show(self.recorder.meeting.categories, figures, None, suppressed_categories(figures))

    def action_export(self) -> None:
        if self._exporting:
            return  # one export at a time; the first is already writing the same files
        self._exporting = True
        exported = self.query_one("#exported", Label)
        exported.update(self.tr("tui.exporting"))
        exported.loading = True  # Textual's indicator while the charts are drawn
        self._export(self.recorder.meeting, self.recorder.clock.now())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _export(self, meeting: Meeting, now: int) -> None:
        """Charts take seconds: drawn in a thread so the screen stays live; the result comes back as a call."""
        from talarstat.reports.meeting_export import (
            export_meeting,  # matplotlib only once asked for
        )

        try:
            exported = export_meeting(meeting, tr=self.tr, now=now, folder=self.export_to)
        except TalarstatError as error:
            self.app.call_from_thread(self._export_done, None, self.tr(error.key, **error.params))
        except Exception as error:
            self.app.call_from_thread(self._export_done, None, self.tr("error.internal", detail=str(error)))
        else:
            self.app.call_from_thread(self._export_done, exported.folder, None)

    def _export_done(self, folder: Path | None, failure: str | None) -> None:
        self._exporting = False
        label = self.query_one("#exported", Label)
        label.loading = False
        if failure is not None:
            label.update("")
            self.notify(failure, severity="error", markup=False)
        else:
            label.update(self.tr("tui.exported", where=str(folder)))

    def action_undo_end(self) -> None:
        """Ended by mistake: reopen the meeting and go back to recording."""
        try:
            self.recorder.reopen()
        except TalarstatError as error:
            self.notify(self.tr(error.key, **error.params), severity="error", markup=False)
            return
        self.app.resume_live_screen(self.recorder)  # type: ignore[attr-defined]

    def action_leave(self) -> None:
        self.app.leave_live_screen()  # type: ignore[attr-defined]
