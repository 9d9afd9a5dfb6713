"""Small modal questions: a line of text, or yes/no."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from talarstat.i18n import Translator
from talarstat.tui.screens.dialog import Dialog

T = TypeVar("T")


class Question(Dialog[T]):
    """A question on a line of its own, what a subclass asks for under it, then its buttons."""

    def __init__(self, question: str, tr: Translator) -> None:
        super().__init__()
        self.question, self.tr = question, tr

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False)
            yield from self.fields()
            yield Horizontal(*self.buttons(), classes="buttons")

    def fields(self) -> ComposeResult:
        """What the answer is typed into, if it is more than a button."""
        yield from ()

    def buttons(self) -> tuple[Button, ...]:
        raise NotImplementedError


class Prompt(Question[str | None]):
    """Ask for one line; Enter gives it, Escape gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel", show=False, id="cancel_prompt")]

    def __init__(self, question: str, tr: Translator, value: str = "") -> None:
        super().__init__(question, tr)
        self.value = value

    def fields(self) -> ComposeResult:
        yield Input(value=self.value, id="answer")

    def buttons(self) -> tuple[Button, ...]:
        return Button(self.tr("tui.ok"), variant="primary", id="ok"), Button(self.tr("tui.cancel"), id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.close(event.value)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.close(self.query_one(Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close(None)


class Confirm(Question[bool]):
    """A yes/no question: y or Enter on Yes confirms, n or Escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "key.no", show=False, id="answer_no"),
        Binding("y,j", "answer(True)", "key.yes", show=False, id="answer_yes"),
    ]

    def buttons(self) -> tuple[Button, ...]:
        return Button(self.tr("tui.yes"), variant="error", id="yes"), Button(self.tr("tui.no"), variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.close(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.close(False)

    def action_answer(self, yes: bool) -> None:
        self.close(yes)
