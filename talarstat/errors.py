"""Errors a user can act on, carried as a message key and its parameters.

The key is looked up in the translation layer where the error is shown, so the code that raises
does not need to know the language. The exit status follows docs/command-line.md: 2 for bad usage or input,
1 for work that failed.
"""

from __future__ import annotations

from typing import Any

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class TalarstatError(Exception):
    exit_code = EXIT_FAILED

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (charts drawn in parallel); keep the parameters on the way.
        return (_restore, (type(self), self.key, self.params))


def _restore(cls: type[TalarstatError], key: str, params: dict[str, Any]) -> TalarstatError:
    return cls(key, **params)


class BadInput(TalarstatError):
    """The user asked for something that cannot be: a bad file, value or meeting reference."""

    exit_code = EXIT_BAD_INPUT


class JobFailed(TalarstatError):
    """What was asked was fine, but doing it failed (database unreachable, disk full, …)."""

    exit_code = EXIT_FAILED
