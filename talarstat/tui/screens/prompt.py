"""Small modal questions: a line of text, or yes/no."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from talarstat.i18n import Translator
from talarstat.tui.screens.dialog import Dialog


class Prompt(Dialog[str | None]):
    """Ask for one line; Enter gives it, Escape gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel", show=False, id="cancel_prompt")]

    def __init__(self, question: str, tr: Translator, value: str = "") -> None:
        super().__init__()
        self.question, self.tr, self.value = question, tr, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False)
            yield Input(value=self.value, id="answer")
            with Horizontal(classes="buttons"):
                yield Button(self.tr("tui.ok"), variant="primary", id="ok")
                yield Button(self.tr("tui.cancel"), id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.close(event.value)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.close(self.query_one(Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close(None)


class Confirm(Dialog[bool]):
    """A yes/no question: y or Enter on Yes confirms, n or Escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "key.no", show=False, id="answer_no"),
        Binding("y,j", "answer(True)", "key.yes", show=False, id="answer_yes"),
    ]

    def __init__(self, question: str, tr: Translator) -> None:
        super().__init__()
        self.question, self.tr = question, tr

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.tr("tui.yes"), variant="error", id="yes")
                yield Button(self.tr("tui.no"), variant="primary", id="no")

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
