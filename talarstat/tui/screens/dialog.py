"""Dialogs and forms that close once, with what their fields make or the reason they cannot.

Textual's `dismiss()` pops the top screen every time it is called; two closing keys typed before
the first pop lands (`y` then `n` on a question) would close the dialog and the screen beneath it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.screen import ModalScreen, Screen
from textual.widgets import Label

from talarstat.errors import TalarstatError
from talarstat.i18n import Translator

T = TypeVar("T")


class Closing(Screen[T]):
    """A screen dismissed with a result: `close()` dismisses only the first time."""

    tr: Translator
    _result_sent = False  # not `_closed`: Textual's message pump uses that name

    def close(self, result: T) -> None:
        if self._result_sent:
            return
        self._result_sent = True
        self.dismiss(result)

    def close_with(self, build: Callable[[], T], error_label: str) -> None:
        """Close with what `build` makes of the fields, or show in `error_label` why it cannot (the
        form stays open, its fields as typed)."""
        try:
            result = build()
        except TalarstatError as error:
            self.query_one(error_label, Label).update(self.tr(error.key, **error.params))
            return
        self.close(result)


class Dialog(ModalScreen[T], Closing[T]):
    # ModalScreen first: Textual styles a screen by the classes of its method resolution order, and a
    # dialog must be drawn as the modal (dimmed background) it is.
    pass


class FormScreen(Closing[T]):
    pass
