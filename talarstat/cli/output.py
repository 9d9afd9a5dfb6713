"""How the command line talks to a person: rich tables that fit the terminal, a progress bar for long
work, and a yes/no question. On a terminal they use its width and draw; piped into a file or another
program they print plain text and stay quiet, so the output can go into the minutes as it is."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from talarstat.presentation.display import visible

if TYPE_CHECKING:  # rich.progress is imported only when a bar is drawn
    from rich.progress import Progress as Bar
    from rich.progress import ProgressColumn, Task, TaskID

NARROW = 110  # below this many columns, a table leaves out its optional columns
PIPED_WIDTH = 200  # no terminal to fit: wide enough that a table line stays one line


def is_terminal(stream: object = None) -> bool:
    stream = sys.stdout if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, highlight=False, emoji=False, markup=False)


def table_text(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | Text]],
    *,
    right_aligned: frozenset[int] | set[int] = frozenset(),
    keep_whole: frozenset[int] | set[int] = frozenset(),
    optional: frozenset[int] | set[int] = frozenset(),
) -> str:
    """A rich table as plain text that fits the terminal: long text columns wrap; the columns in
    `keep_whole` (ids, numbers, the open-meeting marker) and the numbers never wrap nor shrink away;
    the `optional` columns are left out on a terminal narrower than NARROW."""
    width = output_width()
    shown = [index for index in range(len(headers)) if width >= NARROW or index not in optional]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, safe_box=True)
    for index in shown:
        whole = index in keep_whole or index in right_aligned
        # A column kept whole is never narrower than its widest cell; its header may wrap.
        widest = max((len(str(row[index])) for row in rows), default=0) if whole else None
        table.add_column(visible(headers[index]), justify="right" if index in right_aligned else "left",
                         overflow="fold", min_width=widest)
    for row in rows:
        table.add_row(*(_visible_cell(row[index]) for index in shown))
    buffer = io.StringIO()
    Console(file=buffer, width=width, highlight=False, emoji=False, markup=False, no_color=True,
            force_terminal=False).print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").splitlines())


def _visible_cell(cell: str | Text) -> Text:
    """User text as it is, but control characters shown, not obeyed (an ESC in a title must not
    drive the terminal) and one line per cell."""
    if isinstance(cell, Text):
        return Text(visible(cell.plain), style=cell.style)
    return Text(visible(str(cell)))


def output_width() -> int:
    """The terminal's width; piped, $COLUMNS if set, else wide enough that lines stay whole."""
    if is_terminal(sys.stdout):
        return shutil.get_terminal_size().columns
    return int(os.environ.get("COLUMNS", "0") or 0) or PIPED_WIDTH


def confirm(question: str) -> bool:
    """Ask on the terminal; `j`/`ja`/`y`/`yes` mean yes, anything else no."""
    sys.stdout.write(question)
    sys.stdout.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in ("j", "ja", "y", "yes")


class Progress:
    """What long work reports: `advance()` one step, or `(done, total)` as store.sync calls it."""

    def __init__(self, bar: tuple[Bar, TaskID] | None = None) -> None:
        self._bar = bar

    def advance(self, steps: int = 1) -> None:
        if self._bar is not None:
            bar, task = self._bar
            bar.advance(task, steps)
            bar.refresh()

    def __call__(self, done: int, total: int) -> None:
        if self._bar is not None:
            bar, task = self._bar
            bar.update(task, completed=done, total=total)
            bar.refresh()


@contextmanager
def progress(description: str, total: int | None = None, *, count: Callable[[int], str] = str) -> Iterator[Progress]:
    """A rich progress bar on stderr while the work runs (a pulsing one while the total is unknown);
    nothing at all when stderr is not a terminal, so piped output and logs stay clean. Its "done of
    all" is written by `count` (the translator's `tr.integer`: 1 234/12 345 in Swedish).

    The bar is redrawn by the work's own steps, never by a thread of its own: the exports fork worker
    processes, and forking a process that runs threads is unsafe."""
    if not is_terminal(sys.stderr):
        yield Progress()
        return
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    columns = [TextColumn("{task.description}"), BarColumn(), counted_column(count), TimeElapsedColumn()]
    with Bar(*columns, console=console(stderr=True), transient=True, auto_refresh=False) as bar:
        yield Progress((bar, bar.add_task(description, total=total)))


def counted_column(count: Callable[[int], str]) -> ProgressColumn:
    """rich's MofNCompleteColumn (`done/all`, done padded to the width of all) with both numbers
    written by `count`."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Counted(ProgressColumn):
        def render(self, task: Task) -> Text:
            whole = count(int(task.total)) if task.total is not None else "?"
            return Text(f"{count(int(task.completed)):>{len(whole)}}/{whole}", style="progress.download")

    return Counted()
