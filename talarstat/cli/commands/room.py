"""`screen` and `serve`: the read-only room view in this terminal, or as a web page."""

import ipaddress
import os
import shlex
import sys
from enum import StrEnum
from typing import Annotated

import typer

from talarstat.cli.context import state
from talarstat.cli.options import OptionalMeetingRef
from talarstat.errors import JobFailed
from talarstat.i18n import Translator
from talarstat.store.engine import DATABASE_ENV, resolve_url
from talarstat.store.follow import resolve_read_only

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class Theme(StrEnum):
    projector = "projector"
    dark = "dark"


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer, tr: Translator) -> None:
    theme_option = typer.Option("--theme", help=tr("help.opt.theme"))

    @app.command("screen", help=tr("help.screen"))
    def screen(
        ctx: typer.Context,
        meeting: OptionalMeetingRef = None,
        theme: Annotated[Theme, theme_option] = Theme.projector,
    ) -> None:
        from talarstat.store.follow import Follower
        from talarstat.tui.room.app import RoomApp

        cli = state(ctx)
        url = resolve_url(cli.db_option)
        meeting_id = resolve_read_only(url, meeting) if meeting is not None else None
        RoomApp(Follower(url, meeting_id), cli.tr, theme=theme.value).run()

    @app.command("serve", help=tr("help.serve"))
    def serve(
        ctx: typer.Context,
        meeting: OptionalMeetingRef = None,
        host: Annotated[str, typer.Option("--host", metavar="H", help=tr("help.opt.host"))] = DEFAULT_HOST,
        port: Annotated[int, typer.Option("--port", metavar="P", min=1, max=65535, help=tr("help.opt.port"))] = DEFAULT_PORT,
        theme: Annotated[Theme, theme_option] = Theme.projector,
    ) -> None:
        from talarstat.tui.room import serve as web

        cli = state(ctx)
        url = resolve_url(cli.db_option)
        words = [sys.executable, "-m", "talarstat", "--lang", cli.tr.language, "screen", "--theme", theme.value]
        if meeting is not None:
            words.append(resolve_read_only(url, meeting))
        # The database reaches each page's process through the environment, never its command line
        # (where `ps` would show a PostgreSQL password).
        os.environ[DATABASE_ENV] = url
        address = f"http://{f'[{host}]' if ':' in host else host}:{port}"

        def announce() -> None:
            print(cli.tr("room.serving", url=address), flush=True)
            if not is_loopback(host):
                print(cli.tr("room.public_warning", host=host, url=address), file=sys.stderr, flush=True)

        try:
            web.serve(shlex.join(words), host=host, port=port, title="talarstat", announce=announce)
        except OSError as error:
            raise JobFailed("error.cannot_listen", host=host, port=port, reason=error.strerror or str(error)) from None
        print(cli.tr("room.stopped"), flush=True)
