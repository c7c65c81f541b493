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


# SQLite's own English sentences (sqlite3_errstr) for the faults of a file, and what to say instead.
SQLITE_FAULTS = (
    ("readonly", "La base de données est en lecture seule (fichier ou dossier protégé, support en lecture seule) : "
                 "rien n'a été modifié. Vérifiez les droits sur le fichier et son dossier, ou avisez le soutien "
                 "informatique."),
    ("malformed", "Le fichier de la base de données est endommagé : rien n'a été modifié. Restaurez une copie de "
                  "sauvegarde et avisez le soutien informatique."),
    ("not a database", "Le fichier n'est pas une base de données Vitrail lisible (endommagé ou d'un autre type) : "
                       "rien n'a été modifié. Restaurez une copie de sauvegarde."),
    ("disk is full", "Le disque de la base de données est plein : rien n'a été modifié. Libérez de l'espace, "
                     "puis réessayez."),
    ("disk i/o error", "Erreur de lecture ou d'écriture sur le disque de la base de données : rien n'a été "
                       "modifié. Réessayez ; si cela persiste, avisez le soutien informatique."),
    ("locked", "La base de données est occupée par un autre poste ou une autre fenêtre de Vitrail depuis plus de "
               "5 secondes : rien n'a été modifié. Réessayez dans un moment."),
    ("unable to open", "Le fichier de la base de données ne peut pas être ouvert (supprimé, déplacé, ou dossier "
                       "inaccessible) : rien n'a été modifié."),
)


def describe_database_fault(error: DBAPIError) -> str | None:
    """What a database fault means, in French; None when it is a bug rather than a fault.

    SQLite's faults of a file are named (read-only, damaged, full, locked…); another SQLite error
    ("no such table") is a bug or a damaged schema, for the log. A server's operational error or
    a dropped connection means it cannot be reached.
    """
    if type(error.orig).__module__.startswith("sqlite3"):
        reason = str(error.orig).lower()
        for fragment, sentence in SQLITE_FAULTS:
            if fragment in reason:
                return sentence
        return None
    if isinstance(error, OperationalError) or error.connection_invalidated:
        return UNREACHABLE
    return None


def describe_failure(error: BaseException) -> Failure:
    """The French sentence for ``error``, and whether it is a known kind of failure.

    Database faults are expected (a file made read-only or damaged, a server stopped): every write
    is one transaction, so nothing was changed and the sentence says so, in French only.
    """
    if isinstance(error, VitrailError):
        return Failure(str(error), expected=True)
    if isinstance(error, DBAPIError):
        sentence = describe_database_fault(error)
        if sentence is not None:
            return Failure(sentence, expected=True)
    if isinstance(error, PoolTimeout):
        return Failure(UNREACHABLE, expected=True)
    return Failure(UNEXPECTED, expected=False)
