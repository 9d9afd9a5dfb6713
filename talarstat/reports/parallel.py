"""Drawing jobs run side by side in forked worker processes.

Drawing is CPU work in Python, so threads would take turns; processes forked after matplotlib and
the format writers are imported start at once and share those pages with their parent. A job's
inputs are set in a module global before the workers fork, so nothing is pickled on the way in.
Forking a process that runs threads is unsafe, so only the command line asks for it.

The command line goes one step further (`start_ahead`, from cli.launch for `export`): before it
imports anything heavy it forks one drawing process, which imports matplotlib and the writers
while the main process imports the command line and reads the database: on two cores the two
imports take the time of one, and the main process never imports matplotlib at all. `run_jobs`
then sends that process the job's inputs (pickled once); it forks the workers, which inherit the
imported libraries and the inputs, and reports each finished job back.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TypeVar

Inputs = TypeVar("Inputs")

# The job being run: (the function, its inputs). Set before workers fork; the workers read it.
_current: tuple[Callable[[Any, str], list[Path]], Any] | None = None


def _run_one(name: str) -> tuple[str, list[Path]]:
    assert _current is not None, "a drawing worker started without its job"
    run, inputs = _current
    return name, run(inputs, name)


def run_jobs(
    run: Callable[[Inputs, str], list[Path]], inputs: Inputs, names: Sequence[str], *, parallel: bool,
    prepare: Callable[[], None] | None = None, progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[Path]]:
    """The files each named job wrote, `run(inputs, name)` for each name. Jobs are handed out in
    the order given (longest first keeps both cores busy to the end), one at a time, to as many
    workers as there are cores; `prepare` (the imports the jobs need) runs once before workers
    fork; `progress(done, total)` after each job finishes (in this process: no thread of its own).
    A job that fails stops the others and its error is raised here."""
    written: dict[str, list[Path]] = {}
    for done, (name, paths) in enumerate(_results(run, inputs, names, parallel=parallel, prepare=prepare), start=1):
        written[name] = paths
        if progress is not None:
            progress(done, len(names))
    return written


def _results(
    run: Callable[[Inputs, str], list[Path]], inputs: Inputs, names: Sequence[str], *, parallel: bool,
    prepare: Callable[[], None] | None,
) -> Iterator[tuple[str, list[Path]]]:
    global _current, _ahead
    ahead, _ahead = _ahead, None
    if parallel and ahead is not None:
        yield from ahead.run(run, inputs, names)
        return
    if ahead is not None:
        ahead.stop()
    if not parallel or _workers(names) < 2:
        for name in names:
            yield name, run(inputs, name)
        return
    if prepare is not None:
        prepare()
    _current = (run, inputs)
    try:
        yield from _in_workers(names)
    finally:
        _current = None


def _workers(names: Sequence[str]) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(len(names), os.cpu_count() or 1)


def _in_workers(names: Sequence[str]) -> Iterator[tuple[str, list[Path]]]:
    """The jobs of `_current` in forked workers, results in the order of `names`.

    When every job is done the pool is closed and joined: each worker takes its end-of-work
    sentinel and exits. Pool's terminate() (what leaving `with Pool()` does) is kept for a job that
    failed or a caller that stopped early: it drains the queue the sentinels travel on and then
    signals the workers, a path with races of its own."""
    pool = multiprocessing.get_context("fork").Pool(_workers(names), initializer=_as_worker)
    finished = False
    try:
        yield from pool.imap(_run_one, names, chunksize=1)
        finished = True
    finally:
        if finished:
            pool.close()
            pool.join()
        else:
            pool.terminate()


def _as_worker() -> None:
    """A worker ends at once when terminated: it must not inherit the drawing process's handler,
    which unwinds and runs Python's exit (only the drawing process has anything to unwind)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


# --- the drawing process forked ahead -------------------------------------------------------------


# Seconds the drawing process has to end on its own once its work is done or it is asked to stop.
_EXIT_GRACE = 5.0


class _Ahead:
    """The main process's end of a drawing process forked at start-up."""

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self.process = process
        self.connection = connection

    def run(self, run: Callable[[Inputs, str], list[Path]], inputs: Inputs, names: Sequence[str]) -> Iterator[tuple[str, list[Path]]]:
        """Send the job, then yield each result as the process reports it; raise what stopped it."""
        finished = False
        try:
            self.connection.send((run, inputs, list(names)))
            for _ in names:
                outcome, value = self.connection.recv()
                if outcome == "error":
                    raise value
                yield value
            finished = True
        except (EOFError, BrokenPipeError):
            raise RuntimeError("the drawing process ended before its jobs were done") from None
        finally:
            if finished:
                # Every file is written and reported; the process only has its exit left. It gets
                # a while for that, and is ended if it takes longer: a finished export never waits
                # on a process's teardown (one in about fifty runs on a loaded machine never ended).
                self.process.join(_EXIT_GRACE)
            self.stop()

    def stop(self) -> None:
        """End the process, stopping any job it runs (its workers are ended with it), and wait for it;
        killed if it does not end on being asked (its handler unwinds, which could itself wait)."""
        self.connection.close()
        if self.process.exitcode is None:
            self.process.terminate()
            self.process.join(_EXIT_GRACE)
        if self.process.exitcode is None:
            self.process.kill()
        self.process.join()


_ahead: _Ahead | None = None


def start_ahead(prepare: Callable[[], None]) -> None:
    """Fork the drawing process now, which runs `prepare` (the imports drawing needs) and then waits
    for `run_jobs(parallel=True)`. From a process without threads, before it imports much: the
    process starts as small as the main process is now. Where forking is not possible, nothing
    happens and `run_jobs` forks its workers itself."""
    global _ahead
    if _ahead is not None or "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    process = context.Process(target=_serve, args=(theirs, ours, prepare), name="talarstat-drawing")
    process.start()
    theirs.close()
    _ahead = _Ahead(process, ours)
    atexit.register(_stop_unused)  # registered after multiprocessing's own handler, so it runs first


def _stop_unused() -> None:
    """At exit (a command that refused its input, `--help`): end a drawing process never used,
    at once, instead of waiting for its imports to finish."""
    global _ahead
    if _ahead is not None:
        _ahead.stop()
        _ahead = None


def _serve(connection: Connection, other_end: Connection, prepare: Callable[[], None]) -> None:
    """The drawing process: import, wait for the job, run it in workers forked from here."""
    global _current
    other_end.close()  # so that the main process ending closes the pipe for good
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to report; it ends us
    signal.signal(signal.SIGTERM, _exit)
    gc.disable()  # imports make objects that live as long as the process: no use looking for cycles among them
    prepare()
    gc.freeze()  # …nor in the workers forked from here, which would copy every page of them on the first look
    gc.enable()
    try:
        run, inputs, names = connection.recv()
    except EOFError:
        return  # the command ended without drawing
    _current = (run, inputs)
    results = _in_workers(names)
    while True:
        try:
            result = next(results, None)
        except Exception as error:  # noqa: BLE001  (whatever stopped a job is the main process's to raise; the workers are stopped already)
            _report(connection, error)
            return
        if result is None:
            return
        try:
            connection.send(("done", result))
        except OSError:
            return  # the main process is gone


def _report(connection: Connection, error: Exception) -> None:
    try:
        pickle.dumps(error)
    except (pickle.PicklingError, TypeError, AttributeError):  # an error that does not pickle: its text does
        error = RuntimeError(f"{type(error).__name__}: {error}")
    with contextlib.suppress(OSError):  # the main process is gone
        connection.send(("error", error))


def _exit(_signal: int, _frame: object) -> None:
    sys.exit(1)
