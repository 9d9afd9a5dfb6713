"""Work done by a forked copy of this process, beside it, on the other core.

The national report (`report --json`) is Python work from end to end once the sums come out of the
database: the figures, entries and pools of thousands of meetings. Threads would take turns at
Python's lock; a process forked after the imports and the headers starts at once and shares those
pages with its parent. The child writes its bytes to a file of its own and hands its result back
pickled; the parent reads both when it has done its own part, so neither ever waits for the other
until the end (a pipe would fill, and stop the child, while the parent works).

Forking a process that runs threads is unsafe: the caller forks before it starts any, and only the
command line asks for it. The child never returns into the caller's code: whatever happens it ends
with os._exit, so no finalizer of the parent's objects (its database connection, its open output)
runs twice.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any, Generic, TypeVar

from talarstat.errors import TalarstatError

T = TypeVar("T")

_COPIED = 1 << 20  # the child's bytes go on to the parent's output this many at a time


def can_fork() -> bool:
    return hasattr(os, "fork")


class Forked(Generic[T]):
    """`work(write)` started now in a forked process, `write` taking its bytes. `result()` waits
    for it and gives what it returned, or raises what it raised (a TalarstatError as itself);
    `bytes()` then gives what it wrote. `stop()` ends it early (the parent failed or was stopped)."""

    def __init__(self, work: Callable[[Callable[[bytes], object]], T]) -> None:
        # Both live as long as this object, and stop() closes them (no `with` spans the two processes).
        self._output: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._outcome: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._pid: int | None = os.fork()
        except OSError:
            self._output.close()
            self._outcome.close()
            raise
        if self._pid == 0:
            self._child(work)

    def _child(self, work: Callable[[Callable[[bytes], object]], T]) -> None:
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops the parent, which stops this
            outcome: tuple[str, Any]
            try:
                outcome = ("done", work(self._output.write))
                self._output.flush()
                status = 0
            except TalarstatError as error:
                outcome = ("refused", error)
            except BaseException as error:  # noqa: BLE001  (told to the parent, which raises it: this process only ends)
                outcome = ("crashed", f"{type(error).__name__}: {error}")
            pickle.dump(outcome, self._outcome)
            self._outcome.flush()
        finally:
            os._exit(status)

    def result(self) -> T:
        assert self._pid is not None, "result() asked twice or after stop()"
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        self._outcome.seek(0)
        try:
            kind, value = pickle.load(self._outcome)
        except (EOFError, pickle.UnpicklingError):
            raise RuntimeError(f"the report's second process ended without a result ({_how(status)})") from None
        if kind == "refused":
            raise value
        if kind == "crashed":
            raise RuntimeError(f"the report's second process failed: {value}")
        return value  # type: ignore[no-any-return]  # (what `work` returned, unpickled)

    def chunks(self) -> Iterator[bytes]:
        """What the child wrote, in pieces (after `result()`)."""
        self._output.seek(0)
        while piece := self._output.read(_COPIED):
            yield piece

    def stop(self) -> None:
        """End the child if it still runs, and forget its files."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None
        self._output.close()
        self._outcome.close()


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
