"""Drawing jobs run side by side in forked worker processes.

Drawing is CPU work in Python, so threads would take turns; processes forked after matplotlib and
the format writers are imported start at once and share those pages with the parent. The job's
inputs live in a module global the caller sets before forking, so nothing is pickled on the way in.
Forking a process that runs threads is unsafe, so only the command line asks for it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path


def run_jobs(
    run: Callable[[str], list[Path]], names: Sequence[str], *, parallel: bool,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[Path]]:
    """The files each named job wrote. Jobs are handed out in the order given (longest first keeps
    both cores busy to the end), one at a time, to as many workers as there are cores;
    `progress(done, total)` after each one finishes (in the parent: no thread of its own)."""
    workers = min(len(names), os.cpu_count() or 1)
    written: dict[str, list[Path]] = {}

    def collect(results: Iterable[tuple[str, list[Path]]]) -> dict[str, list[Path]]:
        for done, (name, paths) in enumerate(results, start=1):
            written[name] = paths
            if progress is not None:
                progress(done, len(names))
        return written

    if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return collect((name, run(name)) for name in names)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return collect(zip(names, pool.imap(run, names, chunksize=1)))
