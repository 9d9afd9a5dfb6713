"""Writing export files so a reader never finds one half-written: each goes to a temporary name in
the same folder and is renamed into place. A failure (a full disk) leaves no temporary file behind,
and a file that carries speaker tokens is readable by its owner only."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from talarstat.errors import BadInput, JobFailed


def prepare_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except ValueError as error:  # a NUL in the name: no such folder can exist
        raise BadInput("error.export_failed", where=str(folder), reason=str(error)) from None
    except OSError as error:
        # A name the file system cannot take is the name's fault; anything else is the disk's.
        failure = BadInput if error.errno in (errno.ENAMETOOLONG, errno.EINVAL, errno.EILSEQ) else JobFailed
        raise failure("error.export_failed", where=str(folder), reason=error.strerror or str(error)) from None
    return folder


def write_atomically(path: Path, write: Callable[[Path], object], *, private: bool = False) -> Path:
    partial = path.with_name(f".{path.name}.partial")
    try:
        if private:
            # Made 0600 before a byte is written; the writer truncates it and keeps the mode.
            partial.unlink(missing_ok=True)
            os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        write(partial)
        os.replace(partial, path)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise JobFailed("error.export_failed", where=str(path), reason=error.strerror or str(error)) from None
        raise
    return path


def write_text(path: Path, text: str, *, private: bool = False) -> Path:
    return write_atomically(path, lambda target: target.write_text(text, encoding="utf-8", newline=""), private=private)


def remove_partials(folder: Path) -> None:
    """The temporary files of writers stopped mid-way (parallel drawing is stopped at the first failure)."""
    for partial in folder.glob(".*.partial"):
        partial.unlink(missing_ok=True)
