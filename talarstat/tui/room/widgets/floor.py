"""Who has the floor, in the category's colour and large, and the turn clock in large digits with
the time left against the kind's limit; an overrun turns the clock red and says so in words."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from talarstat.domain.room import BREAK, ENDED, IDLE, SPEAKING, Floor
from talarstat.i18n import Translator
from talarstat.palette import category_colour, text_colour_on
from talarstat.presentation import display
from talarstat.tui.room.widgets.big_digits import BigDigits
from talarstat.tui.room.widgets.big_text import block_lines, can_draw, fitting_scale
from talarstat.tui.room.widgets.redrawn import Redrawn

STATES = ("waiting", IDLE, SPEAKING, BREAK, ENDED)
WIDEST = 16      # "+00:00" in the 3×3 font: the clock's scale must fit it
LARGEST_SCALE = 8


class Who(Redrawn[tuple[str, bool]]):
    """The category (or "break") in block letters as large as the box allows; other words as text."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(("", False), id=id)

    @property
    def words(self) -> str:
        return self._shown[0]

    def say(self, text: str, *, large: bool) -> None:
        self._show((text, large))

    def drawing(self, shown: tuple[str, bool]) -> Text:
        text, large = shown
        box = self.content_size
        scale = fitting_scale(text, box.width * 9 // 10, box.height - 1) if large and can_draw(text) else 0
        return Text("\n".join(block_lines(text, scale)), no_wrap=True) if scale else Text(text.upper() if large else text)


class ClockBox(Vertical):
    """The clock and its line of words; the clock as large as the box allows (Textual's 3 rows up)."""

    def on_resize(self) -> None:
        box = self.content_size
        scale = min(box.width // WIDEST, (box.height - 2) // 3, LARGEST_SCALE)
        self.query_one(BigDigits).set_scale(max(scale, 1))


class FloorPanel(Horizontal):
    DEFAULT_CSS = """
    FloorPanel { height: 1fr; min-height: 5; }
    FloorPanel #who-box { width: 3fr; height: 1fr; background: $panel; }
    FloorPanel #who { width: 1fr; height: 1fr; content-align: center middle; text-style: bold; }
    FloorPanel #kind { width: 1fr; height: auto; content-align: center middle; }
    FloorPanel #clock-box { width: 2fr; min-width: 20; height: 1fr; align: center middle; padding: 0 1; }
    FloorPanel BigDigits { width: auto; text-style: bold; }
    FloorPanel #limit { width: 1fr; content-align: center middle; text-style: bold; }
    FloorPanel.-idle #who, FloorPanel.-ended #who { color: $foreground; }
    FloorPanel.-idle BigDigits { color: $foreground 40%; }
    FloorPanel.-ended BigDigits { visibility: hidden; }
    FloorPanel.-overrun #clock-box { background: $error; }
    FloorPanel.-overrun BigDigits, FloorPanel.-overrun #limit { color: #FFFFFF; }
    """

    def __init__(self, tr: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = tr
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="who-box"):
            yield Who(id="who")
            yield Label("", id="kind", markup=False)
        with ClockBox(id="clock-box"):
            yield BigDigits("0:00", id="clock")
            yield Label("", id="limit", markup=False)

    def show(self, floor: Floor, categories: tuple[str, ...]) -> None:
        """Redraw only what a person would see change (the clock ticks four times a second)."""
        digits, limit = self._digits(floor), self._limit_text(floor)
        shown = (floor.state, floor.category, floor.kind, floor.overrun, categories, digits, limit)
        if shown == self._shown:
            return
        self._shown = shown
        tr = self.tr
        for state in STATES:
            self.set_class(floor.state == state, f"-{state}")
        self.set_class(floor.overrun, "-overrun")
        box = self.query_one("#who-box", Vertical)
        who, kind = self.query_one(Who), self.query_one("#kind", Label)
        if floor.state == SPEAKING and floor.category is not None:
            fill = category_colour(floor.category, categories)
            box.styles.background = fill
            who.styles.color = kind.styles.color = text_colour_on(fill)
            who.say(tr.label("category", floor.category), large=True)
            kind.update(f"{tr.label('kind', floor.kind or 'speech')} · {tr('room.has_floor')}")
        else:
            box.styles.clear_rule("background")
            who.styles.clear_rule("color")
            kind.styles.clear_rule("color")
            who.say({IDLE: tr("room.nobody"), BREAK: tr("room.on_break"), ENDED: tr("room.ended")}.get(floor.state, ""),
                    large=floor.state == BREAK)
            kind.update("")
        self.query_one("#clock", BigDigits).update(digits)
        self.query_one("#limit", Label).update(limit)

    @staticmethod
    def _digits(floor: Floor) -> str:
        if floor.seconds is None:
            return "0:00"
        if floor.left is None:
            return display.duration(floor.seconds)
        return ("+" if floor.overrun else "") + display.duration(abs(floor.left) if floor.overrun else floor.left + 0.999)

    def _limit_text(self, floor: Floor) -> str:
        tr = self.tr
        if floor.state == BREAK and floor.seconds is not None:
            return tr("room.break_for", time=display.duration(floor.seconds))
        if floor.state != SPEAKING or floor.seconds is None:
            return ""
        if floor.limit is None or floor.left is None:
            return tr("room.elapsed", time=display.duration(floor.seconds))
        if floor.overrun:
            return tr("room.overrun", limit=display.duration(floor.limit))
        return tr("room.left", time=display.duration(floor.left + 0.999), limit=display.duration(floor.limit))
