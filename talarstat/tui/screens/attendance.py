"""Head counts per category: + and − on the focused row (or click), Enter to keep, Escape to drop."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from talarstat.domain import userinput as values
from talarstat.domain.meeting import Meeting
from talarstat.domain.recording import current_counts
from talarstat.domain.vocabulary import COUNT_LIMIT
from talarstat.errors import BadInput
from talarstat.i18n import Translator
from talarstat.palette import category_colour
from talarstat.tui.screens.dialog import Dialog


class AttendanceScreen(Dialog[dict[str, int] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel", show=False, id="cancel_attendance"),
        Binding("plus,equals_sign", "change(1)", "key.more", show=False, priority=True, id="attendance_more"),
        Binding("minus", "change(-1)", "key.fewer", show=False, priority=True, id="attendance_fewer"),
        Binding("up", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
    ]

    def __init__(self, meeting: Meeting, tr: Translator) -> None:
        super().__init__()
        self.meeting, self.tr = meeting, tr
        self.counts = current_counts(meeting)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="attendance"):
            yield Label(self.tr("tui.attendance_title"), classes="dialog-title", markup=False)
            for category in self.meeting.categories:
                with Horizontal(classes="count-row"):
                    label = Label(self.tr.label("category", category), classes="count-label", markup=False)
                    label.styles.color = category_colour(category, self.meeting.categories)
                    yield label
                    yield self._step_button("−", f"less-{category}")
                    # Compact rows (one line each): five categories and the buttons fit in 80×24.
                    yield Input(str(self.counts[category]), id=f"count-{category}", type="integer", classes="count",
                                compact=True)
                    yield self._step_button("+", f"more-{category}")
            yield Label("", id="attendance-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.tr("tui.save"), variant="primary", id="save")
                yield Button(self.tr("tui.cancel"), id="cancel")

    @staticmethod
    def _step_button(label: str, button_id: str) -> Button:
        """For the mouse; keys reach the same with + and − on a count, and up/down move between counts."""
        button = Button(label, id=button_id, classes="step", compact=True)
        button.can_focus = False
        return button

    def on_mount(self) -> None:
        self.query_one(f"#count-{self.meeting.categories[0]}", Input).focus()

    def _step(self, category: str, delta: int) -> None:
        field = self.query_one(f"#count-{category}", Input)
        value = int(field.value) if field.value.isascii() and field.value.isdigit() else 0
        field.value = str(min(max(0, value + delta), COUNT_LIMIT - 1))

    def action_change(self, delta: int) -> None:
        focused = self.focused
        if isinstance(focused, Input) and focused.id and focused.id.startswith("count-"):
            self._step(focused.id.removeprefix("count-"), delta)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button.startswith(("less-", "more-")):
            self._step(button[5:], -1 if button.startswith("less-") else 1)
        elif button == "save":
            self._save()
        else:
            self.close(None)

    def on_input_submitted(self) -> None:
        self._save()

    def _save(self) -> None:
        counts: dict[str, int] = {}
        for category in self.meeting.categories:
            text = self.query_one(f"#count-{category}", Input).value.strip() or "0"
            try:
                counts[category] = values.count(text, self.tr.label("category", category))
            except BadInput as error:
                self.query_one("#attendance-error", Label).update(self.tr(error.key, **error.params))
                return
        self.close(counts)

    def action_cancel(self) -> None:
        self.close(None)
