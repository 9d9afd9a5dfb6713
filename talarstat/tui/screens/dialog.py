"""Dialogs that close once.

Textual's `dismiss()` pops the top screen every time it is called; two closing keys typed before
the first pop lands (`y` then `n` on a question) would close the dialog and the screen beneath it.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen, Screen

T = TypeVar("T")


class Closing(Generic[T]):
    """Mixed into a screen that is dismissed with a result: `close()` dismisses only the first time."""

    _result_sent = False  # not `_closed`: Textual's message pump uses that name

    def close(self, result: T | None = None) -> None:
        if self._result_sent:
            return
        self._result_sent = True
        self.dismiss(result)  # type: ignore[attr-defined]


class Dialog(Closing[T], ModalScreen[T]):
    pass


class FormScreen(Closing[T], Screen[T]):
    pass
