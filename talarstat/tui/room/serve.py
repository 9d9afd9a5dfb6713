"""`talarstat serve`: the room view as a web page. textual-serve starts one `talarstat screen`
process per browser tab and relays its screen to xterm.js in the page."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).parent / "templates"


class RoomServer(Server):
    """textual-serve's server, quiet, with a page that loads nothing from other servers, and links
    built from the address the browser used (so `--host 0.0.0.0` works from another computer)."""

    def __init__(self, command: str, *, host: str, port: int, title: str, announce: Callable[[], None]) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self._announce = announce

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        self._announce()

    async def handle_index(self, request: web.Request) -> Any:
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)


def serve(command: str, *, host: str, port: int, title: str, announce: Callable[[], None]) -> None:
    """Serve until Ctrl+C (or SIGTERM), then return. OSError when the address cannot be had."""
    # Bind once before starting, so a taken port is an error line, not a half-started server.
    with socket.create_server((host.strip("[]"), port), family=socket.AF_INET6 if ":" in host else socket.AF_INET):
        pass
    RoomServer(command, host=host, port=port, title=title, announce=announce).serve()
