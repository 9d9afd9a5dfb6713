"""Key descriptions in the user's language, through Textual's public BINDINGS.

Screens declare bindings whose descriptions are message keys. `localized(Screen, tr)` derives a
subclass whose BINDINGS carry the translated text and the same binding ids, so the footer and the
help screen speak the user's language and the user's keymap still applies.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from textual.binding import Binding
from textual.dom import DOMNode

from talarstat.i18n import Translator

S = TypeVar("S", bound=type[DOMNode])
_made: dict[tuple[type, str], type] = {}


def localized(screen: S, tr: Translator) -> S:
    """`screen` (a Screen, or the App itself) with its key descriptions in `tr`'s language."""
    key = (screen, tr.language)
    if key not in _made:
        bindings = [
            dataclasses.replace(binding, description=tr(binding.description), tooltip=tr(binding.tooltip) if binding.tooltip else "")
            for binding in screen.BINDINGS
            if isinstance(binding, Binding)
        ]
        _made[key] = type(screen.__name__, (screen,), {"BINDINGS": bindings, "__module__": screen.__module__})
    return _made[key]  # type: ignore[return-value]  # a subclass made with type(): the same class to every caller
