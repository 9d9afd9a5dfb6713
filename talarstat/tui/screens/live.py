"""The live recording screen: one key or one click per turn, the live balance, the speaker list,
corrections.

Every action goes through the Recorder at once, in the key handler, so it takes the instant of the
key; the Recorder's writer thread stores it while the screen already shows it. Storage never holds
up the event loop. Four times a second the screen looks at the writer: an action not stored after
a moment is shown as pending ("database busy, retrying" while another program holds the database);
an action the database refused is shown as an error and the screen goes back to what is stored.
A refusal by the rules (a closed list, the reply limit) is a notification.

The screen draws from two reactives: `meeting`, the meeting as shown, and `pending`, a request
being asked for (`q`, then a digit). Their watchers draw; the paths that change the meeting only
say that the recorder's meeting is now the one to show (`_show_recorded`). In a terminal that is
said after an action once the writer has committed it (it says so from its thread), or at the next
tick if the database is slow (the action still not stored `SLOW_COMMIT_SECONDS` after it was made;
a tick sooner than that draws nothing): drawing a frame takes the processor from the commit, and a
key counts once it is committed. An action that reads what the screen shows (call the next,
withdraw, edit the selected turn) shows a meeting still due first. Headless (the tests' Pilot), the
meeting is shown at once, so what a test reads after a key is drawn.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.widgets import Label

from talarstat.domain import userinput as values
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue import REQUEST_KINDS, QueueSettings, is_list_closed, time_limit
from talarstat.domain.timefmt import to_datetime
from talarstat.domain.vocabulary import SPEAKER_TOKEN_MAX_LENGTH
from talarstat.errors import TalarstatError
from talarstat.i18n import Translator
from talarstat.presentation import display
from talarstat.recorder import Recorder
from talarstat.tui.keys import help_key, leave_key
from talarstat.tui.screens.meeting import MeetingScreen
from talarstat.tui.widgets.balance import BalanceTable
from talarstat.tui.widgets.category_buttons import CategoryButtons
from talarstat.tui.widgets.footer import Footer
from talarstat.tui.widgets.labels import set_text
from talarstat.tui.widgets.recent_turns import RecentTurns
from talarstat.tui.widgets.speaker_list import BUTTONS, ListHeader, SpeakerList
from talarstat.tui.widgets.turn_clock import TurnClock

TICK_SECONDS = 0.25
# A commit takes milliseconds; only one that takes longer is worth a word (and no flicker).
PENDING_SHOWN_AFTER = 0.3
# A commit takes 4-6 ms, rarely 20: a tick that comes sooner after an action draws nothing and leaves
# the drawing to the writer's word. A frame drawn at such a tick held the commit up by its own length
# (the writer thread waits for the interpreter), and could show the turn before it was stored.
SLOW_COMMIT_SECONDS = 0.05
FIGURES_EVERY_TICKS = 4  # the balance moves once a second; the clock four times
DIGIT_KEYS = 9


@dataclass(frozen=True, slots=True)
class PendingRequest:
    """`q` was pressed: the next digit (or category click) adds a request of this kind and token."""

    kind: str = "speech"
    speaker: str | None = None


class LiveScreen(MeetingScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: one runs as its key reaches the app, ahead of keys typed before it
        # (`q1` and enter typed at once called the list before the request was on it). The tables
        # leave enter to the screen instead (LiveTable's selects_on_enter).
        Binding("enter", "call_next", "key.call_next", id="call_next"),
        Binding("q", "request", "key.request", id="request"),
        # The footer shows keys in this order and cuts at the right edge: at 80 columns the list, the
        # end of a turn, help, the way out and the end of the meeting stay in view.
        Binding("space", "end_turn", "key.end_turn", id="end_turn"),
        help_key(),
        leave_key(),
        Binding("E", "end_meeting", "key.end_meeting", id="end_meeting"),
        *[
            Binding(str(n), f"start_category({n - 1})", "key.start_category", show=False, id=f"start_category_{n}")
            for n in range(1, DIGIT_KEYS + 1)
        ],
        Binding("escape", "cancel_request", "key.cancel_request", show=False, id="cancel_request"),
        Binding("r", "kind('reply')", "key.kind_reply", show=False, id="kind_reply"),
        Binding("o", "kind('point_of_order')", "key.kind_point_of_order", show=False, id="kind_point_of_order"),
        Binding("i", "kind('information')", "key.kind_information", show=False, id="kind_information"),
        Binding("p", "kind('presentation')", "key.kind_presentation", show=False, id="kind_presentation"),
        Binding("c", "role('chair')", "key.role_chair", show=False, id="role_chair"),
        Binding("f", "role('presenter')", "key.role_presenter", show=False, id="role_presenter"),
        Binding("g", "role('guest')", "key.role_guest", show=False, id="role_guest"),
        Binding("t", "token", "key.token", show=False, id="speaker_token"),
        Binding("n", "next_item", "key.next_item", show=False, id="next_item"),
        Binding("a", "add_item", "key.add_item", show=False, id="add_item"),
        Binding("h", "attendance", "key.attendance", id="attendance"),
        Binding("b", "toggle_break", "key.break", id="toggle_break"),
        Binding("e", "edit", "key.edit", id="edit_turn"),
        Binding("l", "all_turns", "key.all_turns", show=False, id="all_turns"),
        Binding("ctrl+z", "undo", "key.undo", id="undo"),
        Binding("ctrl+y", "redo", "key.redo", show=False, id="redo"),
        Binding("w", "withdraw", "key.withdraw", id="withdraw"),
        Binding("m", "move_to_front", "key.move_to_front", id="move_to_front"),
        Binding("s", "toggle_list_closed", "key.toggle_list_closed", id="toggle_list_closed"),
        Binding("O", "queue_settings", "key.queue_settings", id="queue_settings"),
    ]

    # The meeting as shown. Set (to the recorder's) whenever it may have changed; its watcher draws
    # what changed and what moves with the clock. Compared by identity (`always_update`, and the
    # watcher asks `is`): a meeting is immutable, so a change is a new object, and comparing two by
    # value would walk their turns on every key.
    meeting: var[Meeting | None] = var(None, always_update=True)
    # `q` was pressed: the next digit or category click asks for the floor (None: it starts a turn).
    pending: var[PendingRequest | None] = var(None)

    def __init__(self, recorder: Recorder, tr: Translator) -> None:
        super().__init__(recorder, tr)
        # Short terminals (80×24) drop the blank lines between the panels.
        self.VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
        self._ticks = 0
        self._storage_text = ""
        self._redraw_due = False  # an action is waiting for its commit to be shown
        self._due_since = 0.0  # time.monotonic() when it began waiting

    class Stored(Message):
        """The recorder's writer has stored everything it was given (posted from its thread)."""

    # Layout

    def compose(self) -> ComposeResult:
        meeting = self.recorder.meeting
        labels = {category: self.tr.label("category", category) for category in meeting.categories}
        with Horizontal(id="status"):
            yield Label("", id="title", markup=False)
            yield Label("", id="clocks", markup=False)
        yield CategoryButtons(meeting.categories, labels, id="categories")
        yield TurnClock(id="turn-clock")
        yield BalanceTable(self.tr, id="balance")
        with Horizontal(id="lower"):
            yield RecentTurns(self.tr, selects_on_enter=False, id="turns")
            yield SpeakerList(self.tr, id="speaker-list")
        yield Label("", id="hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(SpeakerList).set_keys({action: self.key_for(action) for action in BUTTONS})
        self._show_recorded()
        self.set_interval(TICK_SECONDS, self.tick)
        self.recorder.on_idle = self._writer_idle

    def on_unmount(self) -> None:
        if self.recorder.on_idle == self._writer_idle:
            self.recorder.on_idle = None

    def _writer_idle(self) -> None:
        """From the writer's thread: post, never touch a widget."""
        self.post_message(self.Stored())

    @on(Stored)
    def _stored(self) -> None:
        self._redraw_if_due()

    def _redraw_if_due(self) -> None:
        if self._redraw_due:
            self._show_recorded()

    def key_for(self, binding_id: str) -> str:
        """The first key the user's keymap gives a binding, as the footer shows it ('' for none)."""
        for key, active in self.active_bindings.items():
            if active.binding.id == binding_id and active.node is self:
                return self.app.get_key_display(Binding(key, active.binding.action))
        return ""

    # Drawing

    def _show_recorded(self) -> None:
        """Show the meeting as the recorder has it now (the watchers draw it)."""
        self._redraw_due = False
        self.meeting = self.recorder.meeting

    def watch_meeting(self, shown: Meeting | None, meeting: Meeting | None) -> None:
        """Draw `meeting` where it differs from the one `shown` before (labels and classes change only
        when their text does; the tables update the rows that changed), and what moves with the clock."""
        if meeting is None:
            return
        now = self.recorder.clock.now()
        item = next((i for i in meeting.agenda if i.id == meeting.current_item), None)
        title = meeting.title + (f" · {item.position}. {item.title}" if item else "")
        set_text(self.query_one("#title", Label), title)
        running = meeting.running_turn
        self.query_one(CategoryButtons).show_speaking(running.category if running else None)
        if meeting is not shown:
            self.query_one(RecentTurns).show(meeting, now)
            self._draw_list(meeting, now)
        self._draw_figures(meeting)
        self._ticks = 0
        self.tick()

    def watch_pending(self, pending: PendingRequest | None) -> None:
        """The hint line says what the next digit will ask for; the category buttons are marked."""
        hint = self.query_one("#hint", Label)
        hint.set_class(pending is not None, "-pending")
        self.query_one(CategoryButtons).set_class(pending is not None, "-requesting")
        if pending is None:
            hint.update("")
            return
        tr = self.tr
        text = tr("tui.queue.pending", kind=tr.label("kind", pending.kind), last=min(len(self.recorder.meeting.categories), 9),
                  reply=self.key_for("kind_reply"), order=self.key_for("kind_point_of_order"),
                  info=self.key_for("kind_information"), token=self.key_for("speaker_token"),
                  cancel=self.key_for("cancel_request"))
        if pending.speaker:
            text += f" · #{pending.speaker}"
        hint.update(Text(text))

    def _draw_figures(self, meeting: Meeting) -> None:
        whole = self.recorder.figures()
        item = self.recorder.figures(agenda_item=meeting.current_item) if meeting.current_item else None
        self.query_one(BalanceTable).show(meeting.categories, whole, item)

    def _draw_list(self, meeting: Meeting, now: int) -> None:
        tr = self.tr
        limits = " · ".join(f"{tr.label('kind', kind)} {display.duration(seconds)}"
                            for kind, seconds in meeting.queue.limits.items())
        header = ListHeader(order=meeting.queue.order, closed=is_list_closed(meeting), limits=limits)
        self.query_one(SpeakerList).show(self.recorder.speaker_list(), meeting.categories, now, header)

    def _limit(self, seconds: float, kind: str) -> tuple[str, bool]:
        """The time left against the running kind's limit, or the overrun; ('', False) without a limit."""
        limit = time_limit(self.recorder.meeting, kind)
        if limit is None:
            return "", False
        left = limit - seconds
        if left >= 0:
            return self.tr("tui.queue.time_left", time=display.duration(left)), False
        return self.tr("tui.queue.time_over", time=display.duration(-left)), True

    def _check_clock(self) -> None:
        """A wall-clock step (NTP, a hand-set clock, a resume from sleep) is told, not hidden."""
        step = self.recorder.clock.check_step()
        if step is None:
            return
        tr, length = self.tr, display.duration(abs(step.milliseconds) / 1000)
        if step.taken:
            text = tr("tui.clock_slept", time=length)
        else:
            text = tr("tui.clock_stepped", time=length,
                      direction=tr("tui.clock_ahead") if step.milliseconds > 0 else tr("tui.clock_back"))
        self.notify(text, severity="warning", timeout=60, markup=False)

    def _check_storage(self) -> None:
        """Pending and busy writes are shown; a refused one is told, and the stored state shown."""
        recorder, tr = self.recorder, self.tr
        failure = recorder.settle()
        if failure is not None:
            error, lost = failure
            self.notify(tr("tui.not_stored", count=lost, reason=tr(error.key, **error.params)), severity="error",
                        timeout=60, markup=False)
            self._show_recorded()  # what is stored
        text = ""
        if recorder.pending and recorder.waiting_seconds > PENDING_SHOWN_AFTER:
            text = tr("tui.db_busy" if recorder.busy else "tui.saving", count=recorder.pending)
        if text != self._storage_text:
            self._storage_text = text
            self.query_one("#hint", Label).update(text)

    def tick(self) -> None:
        """Clocks move four times a second; the balance and the waiting times move once a second."""
        if self._redraw_due:
            if time.monotonic() - self._due_since < SLOW_COMMIT_SECONDS:
                return  # stored in a moment: the screen is drawn then, its clocks with it
            self._show_recorded()  # the database is slow: show the action before it is stored
        self._check_clock()
        self._check_storage()
        meeting = self.meeting
        if meeting is None:
            return
        now = self.recorder.clock.now()
        tr = self.tr
        running = meeting.running_turn
        next_tags = self.recorder.next_turn
        upcoming = tr("tui.next_tags", kind=tr.label("kind", next_tags.kind), role=tr.label("role", next_tags.role))
        clock = self.query_one(TurnClock)
        if meeting.running_break is not None:
            clock.show(seconds=(now - meeting.running_break.start) / 1000, who=tr("tui.on_break"), tags="", upcoming=upcoming)
        elif running is not None:
            tags = f"{tr.label('kind', running.kind)} · {tr.label('role', running.role)}"
            if running.speaker:
                tags += f" · #{running.speaker}"
            seconds = running.milliseconds(now) / 1000
            limit, overrun = self._limit(seconds, running.kind)
            clock.show(seconds=seconds, who=tr.label("category", running.category), tags=tags, upcoming=upcoming,
                       limit=limit, overrun=overrun)
        else:
            clock.show(seconds=None, who=tr("tui.nobody"), tags=tr("tui.press_digit", last=min(len(meeting.categories), 9)), upcoming=upcoming)
        set_text(self.query_one("#clocks", Label), self._clocks(meeting, now))
        self._ticks += 1
        if self._ticks % FIGURES_EVERY_TICKS == 0:
            self.query_one(SpeakerList).tick(now)
        if running is not None:
            self.query_one(RecentTurns).tick(meeting, now)
            if self._ticks % FIGURES_EVERY_TICKS == 0:
                self._draw_figures(meeting)

    def _clocks(self, meeting: Meeting, now: int) -> str:
        tr = self.tr
        parts = []
        if meeting.started_at is not None:
            parts.append(tr("tui.meeting_clock", time=display.duration(((meeting.ended_at or now) - meeting.started_at) / 1000)))
        overrun = False
        if meeting.planned_end is not None:
            planned = to_datetime(meeting.planned_end, meeting.offset_minutes).strftime("%H:%M")
            left = (meeting.planned_end - now) / 1000
            if meeting.started_at is None:
                # Not started: the plan, not a countdown (a meeting set up late is not "over time").
                start = meeting.planned_start
                begins = to_datetime(start, meeting.offset_minutes).strftime("%H:%M") if start is not None else "…"
                parts.append(tr("tui.not_started_planned", start=begins, end=planned))
            elif left >= 0:
                parts.append(tr("tui.planned_end", time=planned, left=display.duration(left)))
            else:
                overrun = True
                parts.append(tr("tui.overrun_short", time=planned, over=display.duration(-left)))
        self.query_one("#clocks", Label).set_class(overrun, "-overrun")
        return "  ".join(parts)

    # Actions: each one through the Recorder, then the meeting it made is shown.

    def _act(self, action: Callable[..., object], *args: object) -> bool:
        self.pending = None
        self._redraw_if_due()
        try:
            result = action(*args)
        except TalarstatError as error:
            self.notify(self.tr(error.key, **error.params), severity="error", markup=False)
            return False
        if self.recorder.pending and not self.app.is_headless:
            # Commit first, then draw: the writer says when it is done (or the tick, if it is slow).
            if not self._redraw_due:
                self._due_since = time.monotonic()
            self._redraw_due = True
        else:
            self._show_recorded()
        return bool(result)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_category":
            index = parameters[0]
            return isinstance(index, int) and index < len(self.recorder.meeting.categories)
        if action == "cancel_request":
            return True if self.pending is not None else None  # None: listed in help, greyed, not run
        return True

    def action_start_category(self, index: int) -> None:
        self._category_chosen(self.recorder.meeting.categories[index])

    @on(CategoryButtons.Pressed)
    def start_clicked(self, event: CategoryButtons.Pressed) -> None:
        self._category_chosen(event.category)

    def _category_chosen(self, category: str) -> None:
        """A digit or a click: a request after `q`, otherwise a turn."""
        pending = self.pending
        if pending is None:
            self._act(self.recorder.start_turn, category)
        else:  # the list shows the new request at once: no notification over it
            self._act(self.recorder.request, category, pending.kind, pending.speaker)

    def action_end_turn(self) -> None:
        self._act(self.recorder.end_turn)

    def action_kind(self, kind: str) -> None:
        if self.pending is not None:  # between q and the digit: the kind of the request
            if kind not in REQUEST_KINDS:
                self.notify(self.tr("tui.queue.not_a_request_kind", kind=self.tr.label("kind", kind)), markup=False)
                return
            chosen = "speech" if self.pending.kind == kind else kind
            self.pending = PendingRequest(chosen, self.pending.speaker)
            return
        self._act(self.recorder.toggle_kind, kind)

    # The speaker list

    def action_request(self) -> None:
        """`q`: the next digit or category click asks for the floor instead of starting a turn."""
        self.pending = None if self.pending is not None else PendingRequest()

    def action_cancel_request(self) -> None:
        self.pending = None

    def action_call_next(self) -> None:
        self._redraw_if_due()
        if not self.query_one(SpeakerList).entries:  # as drawn after the last action: no second ordering
            self.pending = None
            self.notify(self.tr("tui.queue.empty"), markup=False)
            return
        self._act(self.recorder.call_next)

    def _selected_request(self) -> str | None:
        self._redraw_if_due()
        request_id = self.query_one(SpeakerList).selected_request_id()
        if request_id is None:
            self.notify(self.tr("tui.queue.empty"), markup=False)
        return request_id

    def action_withdraw(self) -> None:
        request_id = self._selected_request()
        if request_id is not None:
            self._act(self.recorder.withdraw, request_id)

    def action_move_to_front(self) -> None:
        request_id = self._selected_request()
        if request_id is not None:
            self._act(self.recorder.move_to_front, request_id)

    def action_toggle_list_closed(self) -> None:
        if self._act(self.recorder.toggle_list_closed):
            closed = is_list_closed(self.recorder.meeting)
            self.notify(self.tr("tui.queue.closed_now" if closed else "tui.queue.reopened_now"), markup=False)

    def action_queue_settings(self) -> None:
        from talarstat.tui.screens.queue_settings import QueueSettingsScreen

        def chosen(settings: QueueSettings | None) -> None:
            if settings is not None:
                self._act(self.recorder.set_queue_settings, settings)

        self.app.push_screen(QueueSettingsScreen(self.recorder.meeting.queue, self.tr), chosen)

    @on(SpeakerList.Pressed)
    async def list_clicked(self, event: SpeakerList.Pressed) -> None:
        await self.run_action(event.action)

    def action_role(self, role: str) -> None:
        self._act(self.recorder.toggle_role, role)

    def action_toggle_break(self) -> None:
        self._act(self.recorder.toggle_break)

    def action_next_item(self) -> None:
        if not self.recorder.meeting.agenda:
            self.notify(self.tr("tui.no_agenda"), markup=False)
            return
        self._act(self.recorder.next_item)

    def action_add_item(self) -> None:
        from talarstat.tui.screens.prompt import Prompt

        def added(title: str | None) -> None:
            if title:
                self._act(lambda: self.recorder.add_item(values.text(title, self.tr("tui.col.item")) or ""))

        self.app.push_screen(Prompt(self.tr("tui.add_item_prompt"), self.tr), added)

    def action_token(self) -> None:
        from talarstat.tui.screens.prompt import Prompt

        pending = self.pending
        if pending is not None:  # between q and the digit: the token of the request

            def request_tokened(token: str | None) -> None:
                if token is not None and self.pending is pending:
                    self.pending = PendingRequest(pending.kind, token.strip() or None)

            self.app.push_screen(Prompt(self.tr("tui.token_prompt"), self.tr, value=pending.speaker or ""), request_tokened)
            return
        running = self.recorder.meeting.running_turn
        if running is None:
            self.notify(self.tr("tui.no_running_turn"), markup=False)
            return

        def tokened(token: str | None) -> None:
            if token is not None:
                field = self.tr("key.token")
                self._act(lambda: self.recorder.set_token(values.text(token, field, most=SPEAKER_TOKEN_MAX_LENGTH)))

        self.app.push_screen(Prompt(self.tr("tui.token_prompt"), self.tr, value=running.speaker or ""), tokened)

    def action_attendance(self) -> None:
        from talarstat.tui.screens.attendance import AttendanceScreen

        def counted(counts: dict[str, int] | None) -> None:
            if counts is not None:
                self._act(self.recorder.set_attendance, counts)

        self.app.push_screen(AttendanceScreen(self.recorder.meeting, self.tr), counted)

    def action_edit(self) -> None:
        from talarstat.tui.screens.editor import TurnEditor

        self._redraw_if_due()
        turn_id = self.query_one(RecentTurns).selected_turn_id()
        if turn_id is None:
            self.notify(self.tr("tui.no_turns"), markup=False)
            return
        self.app.push_screen(TurnEditor(self.recorder, turn_id, self.tr), lambda _: self._show_recorded())

    def action_undo(self) -> None:
        self._step_history(self.recorder.undo, "tui.undone", "tui.nothing_to_undo")

    def action_redo(self) -> None:
        self._step_history(self.recorder.redo, "tui.redone", "tui.nothing_to_redo")

    def action_all_turns(self) -> None:
        from talarstat.tui.localize import localized
        from talarstat.tui.screens.all_turns import AllTurnsScreen

        screen = localized(AllTurnsScreen, self.tr)(self.recorder, self.tr)
        self.app.push_screen(screen, lambda _: self._show_recorded())

    def _step_history(self, step: Callable[[], str | None], done: str, nothing: str) -> None:
        try:
            action = step()
        except TalarstatError as error:
            self.notify(self.tr(error.key, **error.params), severity="error", markup=False)
            return
        self.notify(self.tr(done, action=self.tr(action)) if action else self.tr(nothing), markup=False)
        self._show_recorded()

    def action_end_meeting(self) -> None:
        from talarstat.tui.screens.prompt import Confirm

        def confirmed(yes: bool | None) -> None:
            if yes and self._act(self.recorder.end_meeting):
                self.post_message(self.Ended(self.recorder))

        self.app.push_screen(Confirm(self.tr("tui.end_meeting_question"), self.tr), confirmed)

    def describe_binding(self, binding: Binding, description: str) -> str:
        """A digit's help names its category ("Start a turn: woman")."""
        if binding.action.startswith("start_category("):
            index = int(binding.action[len("start_category("):-1])
            return f"{description}: {self.tr.label('category', self.recorder.meeting.categories[index])}"
        return description

    class Ended(MeetingScreen.OfRecorder):
        """The meeting was ended: show its summary."""
