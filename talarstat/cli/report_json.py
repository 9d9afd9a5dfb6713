"""`report --json` to standard output, streamed meeting by meeting: the figures of a national
database are never all in memory.

The database is read with its driver alone (store.report_sql): the store's models, SQLModel and
SQLAlchemy are imported by the other outputs only, where they are used. Over many meetings the
figures are made by two processes (cli.forked): this one takes the first half of the meetings, a
forked copy the second, each reading its own sums; this one then writes the copy's entries after its
own and adds the copy's pools to its own, which gives the document of one process to the byte
(reports.term_json.ReportBody, ReportPools).
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING

from talarstat.domain.figures import TurnFilter
from talarstat.presentation.display import visible_json
from talarstat.store.meeting_filter import MeetingFilter

if TYPE_CHECKING:
    from talarstat.reports.term_json import ReportBody, ReportPools
    from talarstat.store.database import Database
    from talarstat.store.report_sql import Chunk, _Sql

# The UTF-8 of every character `visible_json` escapes (display._INVISIBLE from DEL up; JSON escapes
# the C0 controls itself): DEL, the C1 controls, U+061C, U+200E/F, U+2028 to U+202E, U+2066 to
# U+2069, and lone surrogates (which orjson refuses, but the test is cheap).
_INVISIBLE_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xed[\xa0-\xbf]")
# Their first bytes: a chunk without any (looked for at memory speed, Swedish letters included) needs
# no regex.
_INVISIBLE_LEADS = (b"\x7f", b"\xc2", b"\xd8", b"\xe2", b"\xed")

# The JSON leaves in pieces of about this many bytes: each write may hand Python's lock to the
# thread reading the sums, and taking it back costs up to a switch interval (5 ms), so a write per
# meeting cost a third of a second over a national database.
_WRITTEN_AT = 1 << 20

# Below this many meetings one process makes the figures: forking, and a second process's own
# connections, cost more than the figures of a few hundred meetings.
SPLIT_FROM = 1000
# The share of the meetings this process takes: the second one connects first and hands its pools
# over pickled at the end (60 ms together, measured over a national database), so the two are done
# at about the same time when this one takes a little more.
FIRST_SHARE = 0.55


def _visible(chunk: bytes) -> bytes:
    """Control characters in user text as JSON escapes (the same JSON), so that no title can drive
    a terminal; a chunk without any (nearly every one, `Möte` or not) goes straight through."""
    if any(lead in chunk for lead in _INVISIBLE_LEADS) and _INVISIBLE_UTF8.search(chunk) is not None:
        return visible_json(chunk.decode("utf-8")).encode("utf-8")
    return chunk


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cycle collector held off (as it was after): the JSON report makes a few hundred thousand
    short-lived dicts, tuples and figures, and no reference cycles (its memory stays flat, measured),
    so the collector's passes over them found nothing and took a tenth of its CPU time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def print_report_json(
    url: str, database: Callable[[], Database], query: MeetingFilter, *, turn_filter: TurnFilter,
    filters: dict[str, str | None], suppress: bool, now: int,
) -> None:
    """The report of METRICS.md for the meetings `query` chooses, on standard output."""
    sys.stdout.flush()
    pending = bytearray()

    def sink(chunk: bytes) -> None:
        pending.extend(chunk)
        if len(pending) >= _WRITTEN_AT:
            sys.stdout.buffer.write(pending)
            pending.clear()

    # The collector comes back once the report's objects are gone with _report's frame: back while
    # they lived, its first pass walked them all (33 ms of a national report, measured).
    with _no_cycle_collection():
        _report(sink, url, database, query, turn_filter=turn_filter, filters=filters, suppress=suppress, now=now)
    sys.stdout.buffer.write(pending)
    sys.stdout.buffer.flush()


def _report(
    sink: Callable[[bytes], None], url: str, database: Callable[[], Database], query: MeetingFilter, *,
    turn_filter: TurnFilter, filters: dict[str, str | None], suppress: bool, now: int,
) -> None:
    """The document to `sink`, made visible (_visible) on the way."""
    from talarstat.cli.forked import Forked, can_fork
    from talarstat.reports.term_json import ReportBody, report_head, report_tail
    from talarstat.store.report_sql import reading, report_headers

    def write(chunk: bytes) -> None:
        sink(_visible(chunk))

    with reading(url, database) as sql:
        headers = report_headers(sql, query)
        count = len(headers.rows)
        cut = round(count * FIRST_SHARE) if can_fork() and count >= SPLIT_FROM else count
        first, later = headers.chunks(0, cut), headers.chunks(cut)
        second = None
        if later:
            try:  # forked before any thread starts (the readers of the sums start with the first chunk)
                second = Forked(lambda write_later: _later_part(sql, later, write_later, turn_filter, suppress, now))
            except OSError:  # no temporary file or no process to be had: this one makes them all
                first = first + later
        try:
            write(report_head(filters, turn_filter))
            body = ReportBody(write, suppress=suppress)
            _add_meetings(body, sql, first, turn_filter, now)
            pools = body.close()
            if second is not None:
                later_pools = second.result()
                if later_pools.entries:
                    sink(b"," if pools.entries else b"")
                    for piece in second.chunks():  # made visible by the second process
                        sink(piece)
                pools.merge(later_pools)
            write(report_tail(pools, suppress))
        finally:
            if second is not None:
                second.stop()


def _add_meetings(body: ReportBody, sql: _Sql, chunks: list[Chunk], turn_filter: TurnFilter, now: int) -> None:
    from talarstat.store.report_sql import chunk_meetings

    # The generator is closed before the connection, whatever happens: its reading threads are
    # done with their connections by then (`report --json | head` stops it early).
    with closing(chunk_meetings(sql, chunks, turn_filter=turn_filter, now=now)) as meetings:
        for meeting, totals, queue in meetings:
            body.add(meeting, totals, queue)


def _later_part(sql: _Sql, chunks: list[Chunk], write: Callable[[bytes], object], turn_filter: TurnFilter,
                suppress: bool, now: int) -> ReportPools:
    """The second process's part: the entries of `chunks` (written, made visible, to `write`) and
    their pools, read on connections of its own (the parent's is the parent's alone)."""
    from talarstat.reports.term_json import ReportBody

    own = sql.in_forked_process()
    try:
        body = ReportBody(lambda chunk: write(_visible(chunk)), suppress=suppress)
        _add_meetings(body, own, chunks, turn_filter, now)
        return body.close()
    except own.dbapi.Error as error:
        raise own.failure(error) from None
    finally:
        own.close()
