"""`talarstat serve`: the room view as a web page. textual-serve starts one `talarstat screen`
process per browser tab and relays its screen to xterm.js in the page."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

TEMPLATES = Path(__file__).parent / "templates"
EXIT_WAIT_SECONDS = 5


class RoomAppService(AppService):
    """One page's `talarstat screen` process, waited for when its page goes: textual-serve leaves
    it to the garbage collector, which after Ctrl+C finds the event loop closed and prints a
    traceback."""

    async def run(self) -> None:
        await super().run()
        process = self._process
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), EXIT_WAIT_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()


class RoomServer(Server):
    """textual-serve's server, quiet, with a page that loads nothing from other servers, and links
    built from the address the browser used (so `--host 0.0.0.0` works from another computer)."""

    def __init__(self, command: str, *, host: str, port: int, title: str, announce: Callable[[], None]) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self._announce = announce
        self._pages: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        self._announce()

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: close the open pages, so their processes end now and the server does not wait
        for the browsers to leave (aiohttp's graceful shutdown waits up to a minute)."""
        for page in list(self._pages):
            await page.close(code=WSCloseCode.GOING_AWAY)

    async def handle_index(self, request: web.Request) -> Any:
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's own handler, with the app service above."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            self._pages.add(websocket)

            async def close() -> None:
                await websocket.close()

            app_service = RoomAppService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=close, download_manager=self.download_manager, debug=self.debug,
            )
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one page's failure must not stop the others
            log.exception(error)
        finally:
            self._pages.discard(websocket)
            if app_service is not None:
                await app_service.stop()
        return websocket


def serve(command: str, *, host: str, port: int, title: str, announce: Callable[[], None]) -> None:
    """Serve until Ctrl+C (or SIGTERM), then return. OSError when the address cannot be had."""
    # Bind once before starting, so a taken port is an error line, not a half-started server.
    with socket.create_server((host.strip("[]"), port), family=socket.AF_INET6 if ":" in host else socket.AF_INET):
        pass
    RoomServer(command, host=host, port=port, title=title, announce=announce).serve()
