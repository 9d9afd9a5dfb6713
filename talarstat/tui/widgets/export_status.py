"""Where an export went: a line that runs the export in a thread and says how it ended.

Charts and report pages take seconds to draw. The summary and term screens start them here: the
export runs in a thread worker (the screen stays live), the line shows Textual's loading indicator
meanwhile, then the folder the files went to, or the error as a notification. One export at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.widgets import Label

from talarstat.errors import TalarstatError
from talarstat.i18n import Translator


class ExportStatus(Label):
    def __init__(self, tr: Translator, *, id: str) -> None:
        super().__init__("", id=id, markup=False)
        self.tr = tr

    @property
    def exporting(self) -> bool:
        return self.loading

    def start(self, export: Callable[[], Path]) -> None:
        """Run `export` (which returns the folder it wrote) unless an export is under way already."""
        if self.loading:
            return  # the first is already writing the same files
        self.update(self.tr("tui.exporting"))
        self.loading = True
        self._run(export)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _run(self, export: Callable[[], Path]) -> None:
        try:
            folder = export()
        except TalarstatError as error:
            self.app.call_from_thread(self._done, None, self.tr(error.key, **error.params))
        except Exception as error:  # noqa: BLE001 - a failed export must not close the app
            self.app.call_from_thread(self._done, None, self.tr("error.internal", detail=str(error)))
        else:
            self.app.call_from_thread(self._done, folder, None)

    def _done(self, folder: Path | None, failure: str | None) -> None:
        self.loading = False
        if failure is not None:
            self.update("")
            self.notify(failure, severity="error", markup=False)
        else:
            self.update(self.tr("tui.exported", where=str(folder)))
