"""How figures read on a screen: whole percent, m:ss or h:mm:ss (METRICS.md). Shared by every view."""

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
