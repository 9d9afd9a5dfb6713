"""The keys every screen has: help, and ctrl+q, the way out.

Each is one binding, with one id, on every screen that has it: a `[keymap]` entry for `help` or
`leave` moves the key everywhere, and the help screen and the command palette list it once.
"""

from __future__ import annotations

from textual.binding import Binding


def help_key(keys: str = "question_mark,f1") -> Binding:
    """Help for the screen's keys: `?` and F1, or F1 alone where `?` is typed (forms)."""
    return Binding(keys, "app.help", "key.help", id="help")


def leave_key(description: str = "key.leave", *, show: bool = True) -> Binding:
    """ctrl+q: back to the list of meetings (a meeting stays as it is), or, on that list, quit."""
    return Binding("ctrl+q", "app.leave_or_quit", description, show=show, id="leave")
