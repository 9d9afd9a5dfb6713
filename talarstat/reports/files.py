"""Writing export files so a reader never finds one half-written: each goes to a temporary name in
the same folder and is renamed into place."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from talarstat.errors import JobFailed


def prepare_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise JobFailed("error.export_failed", where=str(folder), reason=error.strerror or str(error)) from None
    return folder


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    partial = path.with_name(f".{path.name}.partial")
    try:
        write(partial)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise JobFailed("error.export_failed", where=str(path), reason=error.strerror or str(error)) from None
    return path


def write_text(path: Path, text: str) -> Path:
    return write_atomically(path, lambda target: target.write_text(text, encoding="utf-8", newline=""))
