"""The speaker list's settings: the order rule, the reply limit and the time limit of each turn kind.

Gives the new `QueueSettings`, or None when cancelled; the live screen stores them through the
Recorder (one undoable action).
"""

from __future__ import annotations

import dataclasses
import re
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from talarstat.domain.queue import ORDERS, QueueSettings
from talarstat.domain.vocabulary import TURN_KINDS
from talarstat.errors import BadInput
from talarstat.i18n import Translator
from talarstat.tui.screens.dialog import Dialog

_MINUTES = re.compile(r"(\d{1,3}):([0-5]\d)")
MAX_LIMIT_SECONDS = 24 * 3600


def limit_seconds(text: str, field: str) -> int | None:
    """A limit as typed: seconds (`90`) or minutes and seconds (`1:30`); blank for no limit."""
    text = text.strip()
    if not text:
        return None
    match = _MINUTES.fullmatch(text)
    seconds = int(match[1]) * 60 + int(match[2]) if match else int(text) if text.isdigit() else None
    if seconds is None or not 0 < seconds <= MAX_LIMIT_SECONDS:
        raise BadInput("error.limit_field", field=field, value=text)
    return seconds


def limit_text(seconds: int | None) -> str:
    return "" if seconds is None else f"{seconds // 60}:{seconds % 60:02d}"


def order_options(tr: Translator) -> list[tuple[str, str]]:
    return [(tr(f"tui.queue.order_long.{order}"), order) for order in ORDERS]


class QueueSettingsScreen(Dialog[QueueSettings | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel", show=False, id="cancel_queue_settings"),
        Binding("ctrl+s", "save", "key.save", show=False, id="save_queue_settings"),
    ]

    def __init__(self, settings: QueueSettings, tr: Translator) -> None:
        super().__init__()
        self.settings, self.tr = settings, tr

    def compose(self) -> ComposeResult:
        tr, settings = self.tr, self.settings
        with Vertical(classes="dialog", id="queue-settings"):
            yield Label(tr("tui.queue.settings_title"), classes="dialog-title", markup=False)
            with Grid(id="queue-fields"):
                yield Label(tr("tui.queue.field.order"), markup=False)
                yield Select(order_options(tr), value=settings.order, allow_blank=False, id="order", compact=True)
                yield Label(tr("tui.queue.field.max_replies"), markup=False)
                yield Input(str(settings.max_replies), id="max-replies", type="integer", compact=True)
                for kind in TURN_KINDS:
                    yield Label(tr("tui.queue.field.limit", kind=tr.label("kind", kind)), markup=False)
                    yield Input(limit_text(settings.limits.get(kind)), id=f"limit-{kind}", compact=True,
                                placeholder=tr("tui.queue.no_limit"))
            yield Label("", id="queue-settings-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(tr("tui.save"), variant="primary", id="save")
                yield Button(tr("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#order", Select).focus()

    def build(self) -> QueueSettings:
        tr = self.tr
        replies = self.query_one("#max-replies", Input).value.strip()
        if not replies.isdigit() or int(replies) > 99:
            raise BadInput("error.max_replies_field", value=replies)
        limits = {}
        for kind in TURN_KINDS:
            seconds = limit_seconds(self.query_one(f"#limit-{kind}", Input).value, tr.label("kind", kind))
            if seconds is not None:
                limits[kind] = seconds
        return dataclasses.replace(self.settings, order=str(self.query_one("#order", Select).value),
                                   max_replies=int(replies), limits=limits)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.close_with(self.build, "#queue-settings-error")

    def on_input_submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close(None)
