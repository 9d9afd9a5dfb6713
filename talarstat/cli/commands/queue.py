"""`queue`: the speaker list of a meeting's current item, in the order of QUEUE.md."""


from typing import Any

import typer

from talarstat.cli.context import out, out_json, state
from talarstat.cli.options import AsJson, MeetingRef
from talarstat.cli.output import table_text
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue import ListEntry, is_list_closed, speaker_list
from talarstat.domain.timefmt import Instant, format_instant
from talarstat.i18n import Translator
from talarstat.presentation import display
from talarstat.store.audit import now_ms
from talarstat.store.meetings import load_meeting, resolve_reference


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("queue", help=tr("help.queue"))
    def queue(ctx: typer.Context, meeting: MeetingRef, as_json: AsJson = False) -> None:
        with state(ctx).database().transaction() as session:
            found = load_meeting(resolve_reference(meeting, session=session), session=session)
        now = now_ms()
        entries = speaker_list(found, now)
        if as_json:
            out_json(queue_json(found, entries))
        else:
            out(render(found, entries, now, tr))


def queue_json(meeting: Meeting, entries: tuple[ListEntry, ...]) -> dict[str, Any]:
    """The document of QUEUE.md, "Commands"."""
    return {
        "meeting": meeting.id,
        "agenda_item": meeting.current_item,
        "order": meeting.queue.order,
        "closed": is_list_closed(meeting),
        "requests": [
            {
                "position": entry.position, "id": entry.request.id, "category": entry.request.category,
                "kind": entry.request.kind, "speaker": entry.request.speaker,
                "requested_at": format_instant(entry.request.requested_at, meeting.offset_minutes),
                "spoken": entry.spoken,
            }
            for entry in entries
        ],
    }


def render(meeting: Meeting, entries: tuple[ListEntry, ...], now: Instant, tr: Translator) -> str:
    items = {item.id: item for item in meeting.agenda}
    item = items.get(meeting.current_item) if meeting.current_item else None
    where = f"{item.position}. {item.title}" if item else tr("cli.queue.no_item")
    heading = f"{meeting.title} · {where}"
    rule = tr("cli.queue.rule", order=tr.label("order", meeting.queue.order))
    if is_list_closed(meeting):
        rule += f" · {tr('cli.queue.closed')}"
    if not entries:
        return "\n".join([heading, rule, "", tr("cli.queue.empty")])
    rows = [
        [
            str(entry.position),
            tr.label("category", entry.request.category),
            tr.label("kind", entry.request.kind),
            entry.request.speaker or "",
            display.duration(max(now - entry.request.requested_at, 0) / 1000),
            tr.integer(entry.spoken),
        ]
        for entry in entries
    ]
    headers = [tr("cli.col.position"), tr("cli.col.category"), tr("cli.col.kind"), tr("cli.col.speaker"),
               tr("cli.col.waited"), tr("cli.col.spoken")]
    return "\n".join([heading, rule, "", table_text(headers, rows, right_aligned={0, 4, 5})])
