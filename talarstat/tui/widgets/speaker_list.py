"""The speaker list (talarlista) of the current agenda item, always in view on the live screen.

The screen hands it the list in order (`ListEntry`s from the domain) and what to say about it; the
widget draws it and posts `Pressed` when one of its buttons is clicked. It never changes the meeting.
A row's cursor is the request that withdraw and move-to-front act on.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Label

from talarstat.domain.queue import ListEntry
from talarstat.i18n import Translator
from talarstat.palette import category_colour
from talarstat.presentation import display
from talarstat.tui.widgets.labels import set_text
from talarstat.tui.widgets.table import LiveTable

# The buttons, in the order shown: each is the screen action of the same name (one key each).
BUTTONS = ("request", "call_next", "withdraw", "move_to_front", "toggle_list_closed", "queue_settings")


@dataclass(frozen=True, slots=True)
class ListHeader:
    """What the line above the list says: the order rule, the limits, whether the list is closed."""

    order: str
    closed: bool
    limits: str


class SpeakerList(Vertical):
    DEFAULT_CSS = """
    SpeakerList { height: 1fr; min-height: 5; }
    SpeakerList #queue-header { width: 1fr; height: auto; max-height: 2; padding: 0 1; background: $panel; }
    SpeakerList.-closed #queue-header { background: $error 40%; }
    SpeakerList #queue-limits { width: 1fr; padding: 0 1; color: $text-muted; }
    SpeakerList #queue-limits.-none { display: none; }
    SpeakerList DataTable { height: 1fr; scrollbar-size-vertical: 1; }
    SpeakerList .queue-buttons { height: 1; }
    SpeakerList .queue-buttons Button { width: auto; min-width: 0; margin: 0 1 0 0; height: 1; }
    """

    @dataclass
    class Pressed(Message):
        """A button of the list was clicked: `action` is the screen action it stands for."""

        action: str

    def __init__(self, tr: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = tr
        self._order: tuple[str, ...] = ()  # request ids as listed, to rebuild rows only when they change
        self._entries: tuple[ListEntry, ...] = ()
        self._keys: dict[str, str] = {}
        self._list_closed = False  # not `_closed`: Textual's message pump uses that name

    def compose(self) -> ComposeResult:
        yield Label("", id="queue-header", markup=False)
        yield Label("", id="queue-limits", markup=False)
        # Enter calls the next speaker wherever the focus is (the screen's binding).
        yield LiveTable[str | Text](cursor_type="row", zebra_stripes=True, selects_on_enter=False, id="queue-table")
        for row in (BUTTONS[:3], BUTTONS[3:]):  # two rows: one would not fit beside the turns at 80 columns
            with Horizontal(classes="queue-buttons"):
                for action in row:
                    button = Button(self.tr(f"tui.queue.button.{action}"), id=f"queue-{action}", compact=True)
                    button.can_focus = False  # keys go to the screen, not to a focused button
                    yield button

    def on_mount(self) -> None:
        tr = self.tr
        table = self.query_one(DataTable)
        table.add_columns(tr("tui.queue.col.position"), tr("tui.col.category"), tr("tui.col.kind"),
                          tr("tui.queue.col.token"), tr("tui.queue.col.waiting"))

    def set_keys(self, keys: dict[str, str]) -> None:
        """Show on each button the key it has in the user's keymap (action -> key as displayed)."""
        self._keys = keys
        for action in BUTTONS:
            self._label(action, f"tui.queue.button.{action}")

    def _label(self, action: str, message: str) -> None:
        label, key = self.tr(message), self._keys.get(action)
        self.query_one(f"#queue-{action}", Button).label = Text(f"{key} {label}" if key else label)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.post_message(self.Pressed(event.button.id.removeprefix("queue-")))

    # Drawing

    def show(self, entries: tuple[ListEntry, ...], categories: tuple[str, ...], now: int, header: ListHeader) -> None:
        """Draw the list; rows are rebuilt only when the requests or their order changed."""
        tr = self.tr
        line = Text(tr("tui.queue.title", count=len(entries)), style="bold")
        line.append(f" · {tr(f'tui.queue.order.{header.order}')}")
        if header.closed:
            line.append(" · ")
            line.append(tr("tui.queue.closed_mark"), style="bold reverse")
        set_text(self.query_one("#queue-header", Label), line)
        limits = self.query_one("#queue-limits", Label)
        set_text(limits, tr("tui.queue.limits", limits=header.limits) if header.limits else "")
        limits.set_class(not header.limits, "-none")
        if header.closed != self._list_closed:
            self._list_closed = header.closed
            self.set_class(header.closed, "-closed")
            self._label("toggle_list_closed", "tui.queue.button.reopen" if header.closed else "tui.queue.button.toggle_list_closed")
        table = self.query_one(DataTable)
        order = tuple(entry.request.id for entry in entries)
        if order == self._order and entries == self._entries:
            self.tick(now)
            return
        selected, index = self.selected_request_id(), table.cursor_row
        if not self._update_in_place(table, entries, order, categories, now):
            table.clear()
            for entry in entries:
                table.add_row(*self._cells(entry, categories, now), key=entry.request.id)
        if selected in order:
            table.move_cursor(row=order.index(selected), animate=False)
        elif entries:
            table.move_cursor(row=min(index, len(entries) - 1), animate=False)
        self._order, self._entries = order, entries

    def _update_in_place(self, table: DataTable[str | Text], entries: tuple[ListEntry, ...], order: tuple[str, ...],
                         categories: tuple[str, ...], now: int) -> bool:
        """The usual changes (the first called, one withdrawn, one added at the end) touch a few rows;
        rebuilding thirty rows would cost the chair a frame. False when the order changed otherwise."""
        wanted = set(order)
        kept = tuple(request_id for request_id in self._order if request_id in wanted)
        if not self._order or order[: len(kept)] != kept:
            return False
        for request_id in self._order:
            if request_id not in wanted:
                table.remove_row(request_id)
        before = {entry.request.id: entry for entry in self._entries}
        for entry in entries[: len(kept)]:
            old = before[entry.request.id]
            if old != entry:  # mostly only the position moved up: update the cells that differ
                for column, was, cell in zip(table.columns, self._cells(old, categories, now), self._cells(entry, categories, now), strict=False):
                    if was != cell:
                        table.update_cell(entry.request.id, column, cell)
        for entry in entries[len(kept):]:
            table.add_row(*self._cells(entry, categories, now), key=entry.request.id)
        return True

    def _cells(self, entry: ListEntry, categories: tuple[str, ...], now: int) -> tuple[str | Text, ...]:
        request = entry.request
        position = f"{entry.position}" + ("↑" if request.front_at is not None else "")
        kind = Text(self.tr(f"tui.queue.kind.{request.kind}"), style="" if request.kind == "speech" else "bold")
        return (
            position,
            Text(self.tr.label("category", request.category), style=f"bold {category_colour(request.category, categories)}"),
            kind,
            Text(f"#{request.speaker}" if request.speaker else ""),  # user text: never markup
            self._waiting(entry, now),
        )

    @staticmethod
    def _waiting(entry: ListEntry, now: int) -> str:
        return display.duration(max(0, now - entry.request.requested_at) / 1000)

    def tick(self, now: int) -> None:
        """Refresh the waiting times in place."""
        table = self.query_one(DataTable)
        if not self._entries:
            return
        column = list(table.columns)[4]
        for entry in self._entries:
            waiting = self._waiting(entry, now)
            if table.get_cell(entry.request.id, column) != waiting:
                table.update_cell(entry.request.id, column, waiting)

    @property
    def entries(self) -> tuple[ListEntry, ...]:
        """The list as last shown."""
        return self._entries

    def selected_request_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value
