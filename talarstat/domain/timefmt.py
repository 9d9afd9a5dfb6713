"""Instants as integer milliseconds since the Unix epoch (UTC), and their RFC 3339 spelling.

Integers keep durations exact (docs/file-format.md stores times to the millisecond) and let SQLite and
PostgreSQL subtract them alike. A meeting remembers its UTC offset so that a dump is written in the
local time the meeting was held in.
"""

import datetime as dt
import re

Instant = int  # milliseconds since 1970-01-01T00:00:00Z

_RFC3339 = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt](?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})(?:\.(?P<frac>\d{1,9}))?"
    r"(?P<tz>[Zz]|[+-]\d{2}:\d{2})"
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def parse_instant(text: str) -> tuple[Instant, int]:
    """Parse an RFC 3339 timestamp with an offset; return (instant, offset in minutes).

    Fractions beyond the millisecond are truncated, as stored. Raises ValueError when the text is
    not such a timestamp (an offset is required: a time without one is ambiguous).
    """
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise ValueError(text)
    day = dt.date.fromisoformat(match["date"])
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"])
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(text)
    tz = match["tz"]
    if tz in ("Z", "z"):
        offset = 0
    else:
        sign = -1 if tz[0] == "-" else 1
        tz_hours, tz_minutes = int(tz[1:3]), int(tz[4:6])
        if tz_hours > 23 or tz_minutes > 59:
            raise ValueError(text)
        offset = sign * (tz_hours * 60 + tz_minutes)
    millis = int((match["frac"] or "0").ljust(3, "0")[:3])
    wall = dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=dt.UTC)
    return instant_of(wall) + millis - offset * 60_000, offset


def format_instant(instant: Instant, offset_minutes: int = 0) -> str:
    """The RFC 3339 spelling of an instant in the given offset, always with milliseconds."""
    return to_datetime(instant, offset_minutes).isoformat(timespec="milliseconds")


def format_optional(instant: Instant | None, offset_minutes: int = 0) -> str | None:
    """`format_instant`, with None for a time not recorded (how the meeting file and JSON say it)."""
    return None if instant is None else format_instant(instant, offset_minutes)


def to_datetime(instant: Instant, offset_minutes: int = 0) -> dt.datetime:
    """An instant as an aware datetime in the given offset."""
    tz = dt.timezone(dt.timedelta(minutes=offset_minutes))
    return (_EPOCH + dt.timedelta(milliseconds=instant)).astimezone(tz)


def parse_date(text: str) -> dt.date:
    """A calendar date, YYYY-MM-DD exactly; raises ValueError otherwise."""
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def instant_of(moment: dt.datetime) -> Instant:
    """An aware datetime as an instant, truncated to the millisecond (exact: no float on the way)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    delta = moment - _EPOCH
    return delta.days * 86_400_000 + delta.seconds * 1000 + delta.microseconds // 1000


def utc_offset_minutes(moment: dt.datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)
