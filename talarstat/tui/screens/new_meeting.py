"""A new meeting: what the secretary knows beforehand. Only the title is required."""

from __future__ import annotations

import dataclasses
import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Select, TextArea

from talarstat.domain import userinput as values
from talarstat.domain.meeting import Meeting
from talarstat.domain.planning import plan_meeting
from talarstat.domain.queue import QueueSettings
from talarstat.domain.vocabulary import MEETING_KINDS
from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.tui.screens.dialog import FormScreen
from talarstat.tui.screens.queue_settings import limit_seconds, order_options


class NewMeetingScreen(FormScreen[Meeting | None]):
    BINDINGS = [
        Binding("ctrl+s", "create", "key.create", id="create_meeting"),
        Binding("escape", "cancel", "key.cancel", id="cancel_new"),
    ]

    def __init__(self, tr: Translator, categories: tuple[str, ...], now: int) -> None:
        super().__init__()
        self.tr, self.categories, self.now = tr, categories, now
        # Today where this computer is, from the app's clock (a test's clock gives a fixed day).
        self.today = dt.datetime.fromtimestamp(now / 1000).date()

    def compose(self) -> ComposeResult:
        tr = self.tr
        with VerticalScroll(id="new-meeting"):
            yield Label(tr("tui.new_meeting"), classes="dialog-title")
            with Grid(id="form"):
                yield Label(tr("tui.field.title"))
                yield Input(id="title", placeholder=tr("tui.placeholder.title"))
                yield Label(tr("tui.field.district"))
                yield Input(id="district")
                yield Label(tr("tui.field.body"))
                yield Input(id="body", placeholder="Distriktsstyrelsen")
                yield Label(tr("tui.field.kind"))
                yield Select([(tr.label("meeting_kind", kind), kind) for kind in MEETING_KINDS], value="board", allow_blank=False, id="kind")
                yield Label(tr("tui.field.date"))
                yield Input(self.today.isoformat(), id="date")
                yield Label(tr("tui.field.planned_start"))
                yield Input(id="planned-start", placeholder="18:00")
                yield Label(tr("tui.field.planned_end"))
                yield Input(id="planned-end", placeholder="21:00")
                yield Label(tr("tui.field.notice_sent"))
                yield Input(id="notice-sent", placeholder="YYYY-MM-DD")
                for category in self.categories:
                    yield Label(tr("tui.field.present", category=tr.label("category", category)))
                    yield Input(id=f"present-{category}", type="integer", placeholder="0")
                yield Label(tr("tui.field.agenda"))
                yield TextArea(id="agenda")
                yield Label(tr("tui.queue.field.order"))
                yield Select(order_options(tr), value="arrival", allow_blank=False, id="queue-order")
                yield Label(tr("tui.queue.field.limit_speech"))
                yield Input(id="limit-speech", placeholder=tr("tui.queue.no_limit"))
                yield Label(tr("tui.queue.field.limit_reply"))
                yield Input(id="limit-reply", placeholder=tr("tui.queue.no_limit"))
        # Outside the scrolling form, so they stay in view on a small terminal.
        yield Label("", id="form-error")
        with Horizontal(classes="buttons", id="form-buttons"):
            yield Button(tr("tui.create_and_record"), variant="primary", id="create")
            yield Button(tr("tui.cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _text(self, widget_id: str) -> str | None:
        value = self.query_one(f"#{widget_id}", Input).value.strip()
        return value or None

    def build(self) -> Meeting:
        """The meeting the form describes, or BadInput naming what is wrong."""
        counts = {c: self._text(f"present-{c}") for c in self.categories}
        attendance = None
        if any(value is not None for value in counts.values()):
            attendance = values.attendance(",".join(f"{c}={v or 0}" for c, v in counts.items()), self.categories)
        agenda = tuple(line.strip() for line in self.query_one(TextArea).text.splitlines() if line.strip())
        limits = {kind: seconds for kind in ("speech", "reply")
                  if (seconds := limit_seconds(self.query_one(f"#limit-{kind}", Input).value, self.tr(f"tui.queue.field.limit_{kind}"))) is not None}
        queue = QueueSettings(order=str(self.query_one("#queue-order", Select).value), limits=limits)
        meeting = plan_meeting(
            title=self._text("title") or "",
            now=self.now,
            day=values.date(self._text("date"), self.tr("tui.field.date")) or self.today,
            district=self._text("district"),
            body=self._text("body"),
            kind=str(self.query_one("#kind", Select).value),
            planned_start=values.clock(self._text("planned-start"), self.tr("tui.field.planned_start")),
            planned_end=values.clock(self._text("planned-end"), self.tr("tui.field.planned_end")),
            notice_sent=values.date(self._text("notice-sent"), self.tr("tui.field.notice_sent")),
            attendance=attendance,
            categories=self.categories,
            agenda=agenda,
        )
        return dataclasses.replace(meeting, queue=queue)

    def action_create(self) -> None:
        try:
            meeting = self.build()
        except TalarstatError as error:
            self.query_one("#form-error", Label).update(self.tr(error.key, **error.params))
            return
        self.close(meeting)

    def action_cancel(self) -> None:
        self.close(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()
