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

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

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
        table.add_column(headers[index], justify="right" if index in right_aligned else "left", no_wrap=whole,
                         overflow="fold")
    for row in rows:
        table.add_row(*(row[index] if isinstance(row[index], Text) else Text(str(row[index])) for index in shown))
    buffer = io.StringIO()
    Console(file=buffer, width=width, highlight=False, emoji=False, markup=False, no_color=True,
            force_terminal=False).print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").splitlines())


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


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr while the work runs (a pulsing one when the total is unknown); nothing
    at all when stderr is not a terminal. Yields `advance(steps)`."""
    if not is_terminal(sys.stderr):
        yield lambda _steps=1: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("{task.description}"), BarColumn()]
    columns += [MofNCompleteColumn()] if total is not None else []
    with Progress(*columns, TimeElapsedColumn(), console=console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda steps=1: bar.advance(task, steps)
