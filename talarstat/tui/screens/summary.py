"""The meeting has ended: its figures, and the export."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label

from talarstat.domain.figures import TurnFilter
from talarstat.domain.hygiene import hygiene
from talarstat.domain.queue_figures import compute_queue, tally_queue
from talarstat.domain.suppression import suppressed_categories
from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.presentation import display
from talarstat.presentation.figures import balance_verdicts
from talarstat.presentation.phrases import hygiene_line, queue_summary, request_shares_line
from talarstat.recorder import Recorder
from talarstat.tui.keys import help_key, leave_key
from talarstat.tui.screens.meeting import MeetingScreen
from talarstat.tui.widgets.balance import BalanceTable
from talarstat.tui.widgets.export_status import ExportStatus
from talarstat.tui.widgets.footer import Footer


class SummaryScreen(MeetingScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "key.export", id="export"),
        Binding("ctrl+z", "undo_end", "key.reopen", id="reopen"),
        Binding("escape", "leave", "key.leave", id="leave_summary"),
        help_key(),
        leave_key(show=False),
    ]

    def __init__(self, recorder: Recorder, tr: Translator, export_to: Path | None = None) -> None:
        super().__init__(recorder, tr)
        self.export_to = export_to

    def compose(self) -> ComposeResult:
        meeting, tr = self.recorder.meeting, self.tr
        figures = self.recorder.figures()
        length = (meeting.ended_at or 0) - (meeting.started_at or 0)
        with Vertical(id="summary"):
            yield Label(tr("tui.summary_title", title=meeting.title), classes="dialog-title", markup=False)
            yield Label(tr("tui.summary_totals", turns=figures.turns, time=display.duration(figures.seconds),
                           length=display.duration(length / 1000)), markup=False)
            yield BalanceTable(tr, id="summary-balance")
            for line in balance_verdicts(figures, tr, suppressed_categories(figures)):
                yield Label(line, markup=False)
            yield Label(hygiene_line(hygiene(meeting), tr), markup=False)
            queue = compute_queue(tally_queue(meeting, turn_filter=TurnFilter(), now=self.recorder.clock.now()), figures)
            for line in (queue_summary(queue, tr), request_shares_line(queue, tr)):
                if line:
                    yield Label(line, markup=False)
            yield ExportStatus(tr, id="exported")
        yield Footer()

    def on_mount(self) -> None:
        figures = self.recorder.figures()
        self.query_one(BalanceTable).show(self.recorder.meeting.categories, figures, None, suppressed_categories(figures))

    def action_export(self) -> None:
        meeting, now, tr, folder = self.recorder.meeting, self.recorder.clock.now(), self.tr, self.export_to

        def export() -> Path:
            from talarstat.reports.meeting_export import export_meeting  # matplotlib only once asked for

            return export_meeting(meeting, tr=tr, now=now, folder=folder).folder

        self.query_one(ExportStatus).start(export)

    def action_undo_end(self) -> None:
        """Ended by mistake: reopen the meeting and go back to recording."""
        try:
            self.recorder.reopen()
        except TalarstatError as error:
            self.notify(self.tr(error.key, **error.params), severity="error", markup=False)
            return
        self.post_message(self.Reopened(self.recorder))

    class Reopened(MeetingScreen.OfRecorder):
        """The meeting was reopened: record again."""
