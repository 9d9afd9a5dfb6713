"""How figures read on a screen: whole percent, m:ss or h:mm:ss (docs/figures.md). Shared by every view."""

from __future__ import annotations

DASH = "–"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return DASH
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def percent(share: float | None) -> str:
    return DASH if share is None else f"{round(share * 100)} %"


def ratio(value: float | None, decimal_mark: str = ".") -> str:
    """Two decimals; Swedish writes a decimal comma (pass the translator's mark)."""
    return DASH if value is None else f"{value:.2f}".replace(".", decimal_mark)


def minutes(value: float | None, decimal_mark: str = ".") -> str:
    return DASH if value is None else f"{abs(value):.0f}".replace(".", decimal_mark)


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


def headcount(value: float | None, decimal_mark: str = ".") -> str:
    """People present: a whole number when it is one (`14`, not `14.0`); a time-weighted average
    with one decimal otherwise (`13,1`)."""
    if value is None:
        return DASH
    if abs(value - round(value)) < 0.05:
        return str(round(value))
    return f"{value:.1f}".replace(".", decimal_mark)
