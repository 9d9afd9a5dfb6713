"""A new meeting: what the secretary knows beforehand. Only the title is required."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, TextArea

from talarstat.domain import userinput as values
from talarstat.domain.meeting import Meeting
from talarstat.domain.planning import plan_meeting
from talarstat.domain.vocabulary import MEETING_KINDS
from talarstat.errors import BadInput
from talarstat.i18n import Translator
from talarstat.tui.keys import help_key
from talarstat.tui.screens.dialog import FormScreen
from talarstat.tui.screens.queue_settings import limit_seconds, order_options
from talarstat.tui.widgets.footer import Footer

V = TypeVar("V")


class NewMeetingScreen(FormScreen[Meeting | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "key.create", id="create_meeting"),
        Binding("escape", "cancel", "key.cancel", id="cancel_new"),
        help_key("f1"),  # `?` is typed in its fields
    ]

    def __init__(self, tr: Translator, categories: tuple[str, ...], now: int, *,
                 districts: Sequence[str] = (), bodies: Sequence[str] = ()) -> None:
        super().__init__()
        self.tr, self.categories, self.now = tr, categories, now
        # What the database already has, suggested as the secretary types (same spelling every time).
        self.districts, self.bodies = list(districts), list(bodies)
        self._changed = False
        # Today where this computer is, from the app's clock (a test's clock gives a fixed day).
        self.today = dt.datetime.fromtimestamp(now / 1000).date()

    def compose(self) -> ComposeResult:
        tr = self.tr
        with VerticalScroll(id="new-meeting"):
            yield Label(tr("tui.new_meeting"), classes="dialog-title", markup=False)
            with Grid(id="form"):
                yield Label(tr("tui.field.title"), markup=False)
                yield Input(id="title", placeholder=tr("tui.placeholder.title"))
                yield Label(tr("tui.field.district"), markup=False)
                yield Input(id="district", suggester=SuggestFromList(self.districts, case_sensitive=False))
                yield Label(tr("tui.field.body"), markup=False)
                yield Input(id="body", placeholder="Distriktsstyrelsen",
                            suggester=SuggestFromList(self.bodies, case_sensitive=False))
                yield Label(tr("tui.field.kind"), markup=False)
                yield Select([(tr.label("meeting_kind", kind), kind) for kind in MEETING_KINDS], value="board", allow_blank=False, id="kind")
                yield Label(tr("tui.field.date"), markup=False)
                yield Input(self.today.isoformat(), id="date")
                yield Label(tr("tui.field.planned_start"), markup=False)
                yield Input(id="planned-start", placeholder="18:00")
                yield Label(tr("tui.field.planned_end"), markup=False)
                yield Input(id="planned-end", placeholder="21:00")
                yield Label(tr("tui.field.notice_sent"), markup=False)
                yield Input(id="notice-sent", placeholder=tr("tui.placeholder.date"))
                for category in self.categories:
                    yield Label(tr("tui.field.present", category=tr.label("category", category)), markup=False)
                    yield Input(id=f"present-{category}", type="integer", placeholder="0")
                yield Label(tr("tui.field.agenda"), markup=False)
                yield TextArea(id="agenda")
                yield Label(tr("tui.queue.field.order"), markup=False)
                yield Select(order_options(tr), value="arrival", allow_blank=False, id="queue-order")
                yield Label(tr("tui.queue.field.limit_speech"), markup=False)
                yield Input(id="limit-speech", placeholder=tr("tui.queue.no_limit"))
                yield Label(tr("tui.queue.field.limit_reply"), markup=False)
                yield Input(id="limit-reply", placeholder=tr("tui.queue.no_limit"))
        # Outside the scrolling form, so they stay in view on a small terminal.
        yield Label("", id="form-error", markup=False)
        with Horizontal(classes="buttons", id="form-buttons"):
            yield Button(tr("tui.create_and_record"), variant="primary", id="create")
            yield Button(tr("tui.cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        # Mounting sets initial values too; only what the user changes later counts as typed.
        if self.is_mounted and event.control.has_focus:
            self._changed = True
            event.control.remove_class("-invalid")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field, as in any form; on the last field it creates."""
        inputs = list(self.query_one("#form").query(Input))
        if event.input is inputs[-1]:
            self.action_create()
        else:
            self.focus_next()

    def _field(self, widget_id: str, parse: Callable[[], V]) -> V:
        """Parse one field; a bad one is marked on the form, not only named in the line below."""
        try:
            return parse()
        except BadInput:
            self._mark(widget_id)
            raise

    def _mark(self, widget_id: str) -> None:
        widget = self.query_one(f"#{widget_id}")
        widget.add_class("-invalid")
        widget.focus()

    def _present(self, category: str, typed: str) -> int:
        label = self.tr("tui.field.present", category=self.tr.label("category", category))
        return self._field(f"present-{category}", lambda: values.count(typed, label))

    def _limit(self, kind: str) -> int | None:
        typed = self.query_one(f"#limit-{kind}", Input).value
        return self._field(f"limit-{kind}", lambda: limit_seconds(typed, self.tr(f"tui.queue.field.limit_{kind}")))

    def _text(self, widget_id: str) -> str | None:
        value = self.query_one(f"#{widget_id}", Input).value.strip()
        return value or None

    def _checked(self, widget_id: str, field: str) -> str | None:
        """A text field within FORMAT.md's limits, or BadInput naming the field as the form does."""
        return values.text(self._text(widget_id), self.tr(field)) or None

    def build(self) -> Meeting:
        """The meeting the form describes, or BadInput naming what is wrong (and marking its field)."""
        tr = self.tr
        title = self._field("title", lambda: self._checked("title", "tui.field.title") or "")
        if not title:
            self._mark("title")
            raise BadInput("error.empty_title")
        district = self._field("district", lambda: self._checked("district", "tui.field.district"))
        body = self._field("body", lambda: self._checked("body", "tui.field.body"))
        day = self._field("date", lambda: values.date(self._text("date"), tr("tui.field.date")))
        planned_start = self._field("planned-start", lambda: values.clock(self._text("planned-start"), tr("tui.field.planned_start")))
        planned_end = self._field("planned-end", lambda: values.clock(self._text("planned-end"), tr("tui.field.planned_end")))
        notice_sent = self._field("notice-sent", lambda: values.date(self._text("notice-sent"), tr("tui.field.notice_sent")))
        typed = {c: self._text(f"present-{c}") for c in self.categories}
        attendance = None
        if any(value is not None for value in typed.values()):
            attendance = {c: self._present(c, v or "0") for c, v in typed.items()}
        agenda_field = tr("tui.field.agenda")
        agenda = self._field("agenda", lambda: tuple(
            values.text(line, agenda_field) or "" for line in self.query_one(TextArea).text.splitlines() if line.strip()
        ))
        limits = {kind: seconds for kind in ("speech", "reply") if (seconds := self._limit(kind)) is not None}
        meeting = plan_meeting(
            title=title, now=self.now, day=day or self.today, district=district, body=body,
            kind=str(self.query_one("#kind", Select).value), planned_start=planned_start, planned_end=planned_end,
            notice_sent=notice_sent, attendance=attendance, categories=self.categories, agenda=agenda,
        )
        order = str(self.query_one("#queue-order", Select).value)
        return dataclasses.replace(meeting, queue=dataclasses.replace(meeting.queue, order=order, limits=limits))

    def action_create(self) -> None:
        self.close_with(self.build, "#form-error")

    def action_cancel(self) -> None:
        """Escape leaves at once when nothing was typed; otherwise it asks first."""
        if not self._changed:
            self.close(None)
            return
        from talarstat.tui.screens.prompt import Confirm

        def answered(discard: bool | None) -> None:
            if discard:
                self.close(None)

        self.app.push_screen(Confirm(self.tr("tui.discard_question"), self.tr), answered)

    @on(Button.Pressed, "#create")
    def _create_clicked(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#cancel")
    def _cancel_clicked(self) -> None:
        self.action_cancel()
