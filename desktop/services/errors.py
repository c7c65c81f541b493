"""Errors the user can act on. Their message is French and is shown as is, never a traceback."""

from __future__ import annotations


class VitrailError(Exception):
    """Base of every error whose ``str()`` is a complete French sentence meant for the user."""


class DatabaseUnavailable(VitrailError):
    """The database cannot be opened: missing file, corrupt file, unreachable server."""


class DatabaseTooNew(VitrailError):
    """The database was migrated by a newer Vitrail: refuse rather than damage it."""


class DatabaseNotEmpty(VitrailError):
    """A command that fills a database (the demo) was pointed at one that holds data."""


class NotFound(VitrailError):
    """A student, guardian, staff member… named on the command line or in the GUI does not exist."""


class InvalidInput(VitrailError):
    """Input refused by a rule; nothing was written."""


class EditConflict(VitrailError):
    """Another workstation saved the same record since it was loaded here.

    Carries both values so the GUI can show them side by side.
    """

    def __init__(self, message: str, *, field: str, theirs: object, mine: object) -> None:
        super().__init__(message)
        self.field = field
        self.theirs = theirs
        self.mine = mine


class DatabaseBusy(VitrailError):
    """Another workstation held a lock too long, or a statement ran out of time: nothing was written."""


class AccessDenied(VitrailError):
    """The person lacks the right a use case needs (``access.md``): the message names the right,
    the role that carries it, the school concerned and who grants it. Nothing was read or written.
    The CLI exits with code 3, distinct from bad input's 2."""
