"""How figures read on a screen: m:ss or h:mm:ss, a headcount, user text made safe (docs/figures.md).
Shared by every view. Numbers are the translator's (`tr.number`, `tr.percent`): Babel writes them
the language's way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talarstat.i18n import Translator

DASH = "–"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return DASH
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# Characters a terminal obeys instead of showing: C0 and C1 controls (ESC starts a sequence that can
# recolour, retitle or clear the terminal), DEL, line and paragraph separators, and the bidi controls
# that reorder what is printed after them. User text (a title, a file name) shows them as escapes.
_INVISIBLE = (
    set(range(0x20)) | set(range(0x7F, 0xA0)) | {0x061C, 0x200E, 0x200F, 0x2028, 0x2029}
    | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
    | set(range(0xD800, 0xE000))  # lone surrogates: not even printable as UTF-8
)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_VISIBLE = str.maketrans({code: _escape(code) for code in _INVISIBLE})
_VISIBLE_LINES = str.maketrans({code: _escape(code) for code in _INVISIBLE - {0x0A}})
# In JSON the C0 controls are escaped already; the rest (lone surrogates too) get JSON's own escape,
# so the text stays the same JSON.
_VISIBLE_JSON = str.maketrans({code: f"\\u{code:04x}" for code in _INVISIBLE if code >= 0x7F})


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` safe to print on a terminal: every control character shown as `\\x1b`, `\\u202e`, …"""
    return text.translate(_VISIBLE_LINES if keep_newlines else _VISIBLE)


def visible_json(text: str) -> str:
    """JSON text (from json.dumps) safe to print on a terminal, and still the same JSON."""
    return text.translate(_VISIBLE_JSON)


LABEL_MAX_LENGTH = 80  # user text in a chart or a PDF: longer never fits, and laying it out can take minutes


def shorten(text: str, most: int = LABEL_MAX_LENGTH) -> str:
    """`text` cut to `most` characters, the cut marked with an ellipsis."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
def spoken(seconds: float | None) -> str:
    """A length of time in words, for print where m:ss would read as a clock time: `28 min 12 s`,
    `1 h 26 min`, `45 s` (the same units in Swedish and English)."""
    if seconds is None:
        return DASH
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def spoken_short(seconds: float | None) -> str:
    """The same, shorter, where room is tight (on a bar): `28 min`, `1 h 26 min`, `45 s`."""
    if seconds is None:
        return DASH
    if seconds >= 3600:
        return spoken(seconds)
    return f"{round(seconds / 60)} min" if seconds >= 60 else f"{round(seconds)} s"


def headcount(value: float | None, tr: Translator) -> str:
    """People present: a whole number when it is one (`14`, not `14.0`); a time-weighted average
    with one decimal otherwise (`13,1` in Swedish, `13.1` in English)."""
    if value is None:
        return DASH
    return tr.number(value, 0 if abs(value - round(value)) < 0.05 else 1)
