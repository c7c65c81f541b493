"""What to tell a person when an operation fails, decided in one place for the GUI and the CLI.

A ``VitrailError`` already carries its French sentence. A lost database connection (a server
restarted, a network cut, a locked SQLite file) is a fault the person can act on — "try again,
call IT" — and is not a bug. Anything else is unexpected: the caller logs the traceback and shows
the generic sentence, which says that nothing was changed (every write is one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from desktop.services.errors import VitrailError

UNREACHABLE = ("La base de données est injoignable (serveur arrêté, réseau coupé ou fichier verrouillé). "
               "Rien n'a été modifié. Réessayez dans un moment ; si cela persiste, avisez le soutien informatique.")
UNEXPECTED = ("Une erreur inattendue est survenue ; l'opération a été annulée sans rien modifier. "
              "Les détails ont été inscrits dans le journal de Vitrail.")


@dataclass(frozen=True)
class Failure:
    """A failure as shown to a person. ``expected`` is False for a bug: log its traceback."""

    message: str
    expected: bool


def describe_failure(error: BaseException) -> Failure:
    """The French sentence for ``error``, and whether it is a known kind of failure."""
    if isinstance(error, VitrailError):
        return Failure(str(error), expected=True)
    if isinstance(error, (OperationalError, PoolTimeout)) or (
            isinstance(error, DBAPIError) and error.connection_invalidated):
        return Failure(UNREACHABLE, expected=True)
    return Failure(UNEXPECTED, expected=False)
