"""`new` and `meetings`: creating and listing meetings."""


import datetime as dt
from dataclasses import replace
from typing import Annotated

import typer

from talarstat.cli.choices import MeetingKind, value_of
from talarstat.cli.context import out, out_json, state
from talarstat.cli.output import table_text
from talarstat.config import load_config
from talarstat.domain import userinput as values
from talarstat.domain.meetingfile import default_queue
from talarstat.domain.planning import plan_meeting
from talarstat.domain.queue import ORDERS
from talarstat.domain.timefmt import format_optional
from talarstat.i18n import Translator
from talarstat.presentation.phrases import no_match_line
from talarstat.store.audit import log_change, now_ms
from talarstat.store.cleanup import district_names
from talarstat.store.listing import MeetingSummary
from talarstat.store.meetings import MeetingQuery, insert_meeting, list_meetings


def register(app: typer.Typer, tr: Translator) -> None:
    @app.command("new", help=tr("help.new"))
    def new(
        ctx: typer.Context,
        title: Annotated[str, typer.Option("--title", metavar=tr("metavar.text"), help=tr("help.opt.title"))],
        district: Annotated[str | None, typer.Option("--district", metavar=tr("metavar.text"), help=tr("help.opt.district"))] = None,
        body: Annotated[str | None, typer.Option("--body", metavar=tr("metavar.text"), help=tr("help.opt.body"))] = None,
        kind: Annotated[MeetingKind | None, typer.Option("--kind", help=tr("help.opt.kind"))] = None,
        date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=tr("help.opt.date"))] = None,
        planned_start: Annotated[str | None, typer.Option("--planned-start", metavar="HH:MM", help=tr("help.opt.planned_start"))] = None,
        planned_end: Annotated[str | None, typer.Option("--planned-end", metavar="HH:MM", help=tr("help.opt.planned_end"))] = None,
        notice_sent: Annotated[str | None, typer.Option("--notice-sent", metavar="YYYY-MM-DD", help=tr("help.opt.notice_sent"))] = None,
        attendance: Annotated[str | None, typer.Option("--attendance", metavar="woman=9,man=7", help=tr("help.opt.attendance"))] = None,
        order: Annotated[str | None, typer.Option("--order", metavar="|".join(ORDERS), help=tr("help.opt.order"))] = None,
        limit: Annotated[str | None, typer.Option("--limit", metavar="speech=180,reply=60", help=tr("help.opt.limit"))] = None,
    ) -> None:
        cli = state(ctx)
        now = now_ms()
        categories = load_config().categories
        queue = replace(
            default_queue(categories), order=values.queue_order(order, "--order") or "arrival",
            limits=values.time_limits(limit, "--limit") or {},
        )
        meeting = plan_meeting(
            title=values.text(title, "--title") or "",
            now=now,
            day=values.date(date, "--date") or dt.date.today(),
            district=values.text(district, "--district"),
            body=values.text(body, "--body"),
            kind=value_of(kind),
            planned_start=values.clock(planned_start, "--planned-start"),
            planned_end=values.clock(planned_end, "--planned-end"),
            notice_sent=values.date(notice_sent, "--notice-sent"),
            attendance=values.attendance(attendance, "--attendance", categories),
            categories=categories,
            queue=queue,
        )
        with cli.database(create=True, make_folders=True).transaction() as session:
            insert_meeting(meeting, session=session)
            log_change(session=session, meeting_id=meeting.id, action="create", entity="meeting", entity_id=meeting.id)
        out(meeting.id)

    @app.command("meetings", help=tr("help.meetings"))
    def meetings(
        ctx: typer.Context,
        district: Annotated[str | None, typer.Option("--district", metavar=tr("metavar.text"), help=tr("help.opt.filter_district"))] = None,
        date_from: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help=tr("help.opt.from"))] = None,
        date_to: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help=tr("help.opt.to"))] = None,
        as_json: Annotated[bool, typer.Option("--json", help=tr("help.opt.json"))] = False,
    ) -> None:
        cli = state(ctx)
        query = MeetingQuery(district=values.text(district, "--district"), date_from=values.date(date_from, "--from"), date_to=values.date(date_to, "--to"))
        with cli.database().transaction() as session:
            found = list_meetings(query, session=session)
            districts = district_names(session=session) if not found and district else []
        if as_json:
            out_json([_summary_json(summary) for summary in found])
            return
        if not found:
            out(no_match_line({"district": district, "from": date_from, "to": date_to}, tr, districts, dates=("--from", "--to")))
            return
        # The status (open!) comes right after the date and never wraps: at 80 columns the titles give way.
        out(table_text(
            [tr("cli.col.id"), tr("cli.col.date"), tr("cli.col.status"), tr("cli.col.turns"), tr("cli.col.title"),
             tr("cli.col.district"), tr("cli.col.body"), tr("cli.col.kind")],
            [[summary.id[:8], summary.date.isoformat() if summary.date else "", _status(summary, tr),
              tr.integer(summary.turns), summary.title, summary.district or "", summary.body or "",
              tr.label("meeting_kind", summary.kind) if summary.kind else ""] for summary in found],
            right_aligned={3}, keep_whole={0, 1, 2}, optional={6, 7},
        ))
        out(tr.plural("cli.meeting_count", len(found)))


def _status(summary: MeetingSummary, tr: Translator) -> str:
    status = tr("cli.status.open") if summary.is_open else tr("cli.status.ended") if summary.ended_at else tr("cli.status.planned")
    return f"{status} ({tr('cli.status.demo')})" if summary.is_demo else status


def _summary_json(summary: MeetingSummary) -> dict[str, object]:
    def when(instant: int | None) -> str | None:
        return format_optional(instant, summary.offset_minutes)

    return {
        "id": summary.id, "title": summary.title, "district": summary.district, "body": summary.body,
        "kind": summary.kind, "date": summary.date.isoformat() if summary.date else None,
        "started_at": when(summary.started_at), "ended_at": when(summary.ended_at),
        "turns": summary.turns, "open": summary.is_open, "demo": summary.is_demo,
    }
