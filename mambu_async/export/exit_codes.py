"""Exit codes of the ``mambu-async`` command: one per class of failure, and the one-line messages.

Every failure the command can foresee ends with exactly one line on stderr (``mambu-async: ...``) and a
distinct exit code, so scripts can tell a typo from an outage. The table is documented in README.rst
("The mambu-async command").
"""

from __future__ import annotations

import enum

from mambu_async.entities.serde import MambuFieldError
from mambu_async.errors import (
    MambuAuthenticationError,
    MambuConnectionError,
    MambuError,
    MambuNotFoundError,
    MambuPermissionError,
    MambuServerError,
    MambuValidationError,
)

__all__ = ["CliError", "ExitCode", "classify", "one_line"]


class ExitCode(enum.IntEnum):
    """What the command's exit status means."""

    OK = 0
    UNEXPECTED = 1
    """A bug: please report it with the traceback (``MAMBU_ASYNC_DEBUG=1`` shows it)."""
    USAGE = 2
    """Missing or malformed arguments (also argparse's own code)."""
    UNKNOWN_ENTITY = 3
    UNKNOWN_FILTER_FIELD = 4
    UNKNOWN_SORT_FIELD = 5
    UNKNOWN_OPERATOR = 6
    BAD_SEARCH = 7
    """``--search`` is not valid JSON or not a list of criteria."""
    BAD_CURSOR = 8
    CONFIG = 9
    """``MAMBU_*`` environment incomplete or invalid."""
    AUTHENTICATION = 10
    PERMISSION = 11
    UNREACHABLE = 12
    NOT_FOUND = 13
    REJECTED = 14
    """Mambu refused the request (400, 409, 429 after the retries, ...)."""
    SERVER = 15
    """Mambu failed (5xx after the retries) or answered something unusable."""
    OUTPUT = 16
    """The output file cannot be written."""
    MISSING_EXTRA = 17
    """An optional dependency is missing (``pip install 'mambu-async[emulator]'``)."""
    PORT_UNAVAILABLE = 18
    """The emulator cannot listen on its ``--host``/``--port`` (the port is taken)."""
    INTERRUPTED = 130


class CliError(Exception):
    """A foreseen failure: the message is the one line printed, ``code`` the exit status.

    ``reported``: the message was already printed (with the resume hint of a stopped export).
    """

    def __init__(self, code: ExitCode, message: str, *, reported: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reported = reported


def classify(exc: BaseException) -> ExitCode:
    """The exit code for an exception raised while talking to Mambu."""
    if isinstance(exc, CliError):
        return exc.code
    if isinstance(exc, MambuValidationError):
        return ExitCode.USAGE
    if isinstance(exc, MambuAuthenticationError):
        return ExitCode.AUTHENTICATION
    if isinstance(exc, MambuPermissionError):
        return ExitCode.PERMISSION
    if isinstance(exc, MambuConnectionError):
        return ExitCode.UNREACHABLE
    if isinstance(exc, MambuNotFoundError):
        return ExitCode.NOT_FOUND
    if isinstance(exc, MambuServerError | MambuFieldError):
        return ExitCode.SERVER
    if isinstance(exc, MambuError):
        status = exc.status_code
        return ExitCode.REJECTED if status is not None and 400 <= status < 500 else ExitCode.SERVER
    if isinstance(exc, OSError):
        return ExitCode.OUTPUT
    return ExitCode.UNEXPECTED


_HINTS = {
    ExitCode.AUTHENTICATION: "check MAMBU_API_KEY, or MAMBU_USERNAME and MAMBU_PASSWORD",
    ExitCode.PERMISSION: "the API user lacks the permission for this request",
    ExitCode.UNREACHABLE: "check MAMBU_BASE_URL and the network",
}


def one_line(exc: BaseException) -> str:
    """The message for ``exc`` on a single line (secrets never reach it: errors carry redacted URLs)."""
    if isinstance(exc, CliError):
        text = exc.message
    elif isinstance(exc, MambuAuthenticationError):
        text = "authentication failed (bad credentials)"
    elif isinstance(exc, MambuPermissionError):
        text = f"permission denied: {exc}"
    elif isinstance(exc, MambuConnectionError):
        text = f"tenant unreachable: {exc}"
    elif isinstance(exc, OSError) and not isinstance(exc, MambuError):
        where = f" {exc.filename}" if exc.filename else ""
        text = f"cannot write{where}: {exc.strerror or exc}"
    else:
        text = str(exc) or type(exc).__name__
    hint = _HINTS.get(classify(exc))
    if hint and not isinstance(exc, CliError):
        text = f"{text} ({hint})"
    return " ".join(text.split())
