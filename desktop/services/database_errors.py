"""Why the database cannot be used, in French, with the fix: one sentence per cause.

Connecting to a board's shared PostgreSQL database fails for causes a secretary or IT can act
on — a wrong or missing password, a locked keyring, a server down, TLS required, an account
without rights, a database that does not exist — and each gets its own message naming the fix
(README, « Configuration and the shared database »). Once connected, a lock held too long by
another workstation or a statement that runs too long ends in ``DatabaseBusy`` (PostgreSQL's
``lock_timeout``/``statement_timeout``, SQLite's ``busy_timeout``), never in a traceback.

Classification reads the driver's error: the SQLSTATE when there is one, otherwise (libpq
reports connection failures without a SQLSTATE) libpq's flags and the text of the message, in
English or French — the server words its messages in its own ``lc_messages``. The messages
never include the password: libpq's text never carries it, and ours only name the account,
server and database.
"""

from __future__ import annotations

import re
from enum import StrEnum

from sqlalchemy.engine import URL

from desktop.services.errors import DatabaseBusy, DatabaseUnavailable, VitrailError


class ConnectionProblem(StrEnum):
    """Why the shared database could not be used, one value per fix."""

    NO_PASSWORD = "no_password"
    WRONG_PASSWORD = "wrong_password"
    KEYRING_LOCKED = "keyring_locked"
    KEYRING_UNAVAILABLE = "keyring_unavailable"
    SERVER_UNREACHABLE = "server_unreachable"
    SERVER_BUSY = "server_busy"
    TLS_REQUIRED = "tls_required"
    TLS_FAILED = "tls_failed"
    HOST_NOT_ALLOWED = "host_not_allowed"
    UNKNOWN_ACCOUNT = "unknown_account"
    NO_RIGHTS = "no_rights"
    NO_DATABASE = "no_database"
    OTHER = "other"


# Problems a password typed by the person may fix (the GUI then asks for it).
PASSWORD_PROBLEMS = frozenset({ConnectionProblem.NO_PASSWORD, ConnectionProblem.WRONG_PASSWORD})


class DatabaseProblem(DatabaseUnavailable):
    """The database cannot be used as configured; ``problem`` says why (the message, how to fix it)."""

    def __init__(self, message: str, problem: ConnectionProblem) -> None:
        super().__init__(message)
        self.problem = problem

    @property
    def password_may_help(self) -> bool:
        """True when typing the right password is the fix (no password, or a refused one)."""
        return self.problem in PASSWORD_PROBLEMS


# SQLSTATEs (PostgreSQL appendix A) for errors raised once a session exists.
_SQLSTATES = {
    "28P01": ConnectionProblem.WRONG_PASSWORD,
    "28000": ConnectionProblem.HOST_NOT_ALLOWED,
    "3D000": ConnectionProblem.NO_DATABASE,
    "42501": ConnectionProblem.NO_RIGHTS,
    "53300": ConnectionProblem.SERVER_BUSY,
    "57P03": ConnectionProblem.SERVER_BUSY,
    "08001": ConnectionProblem.SERVER_UNREACHABLE,
    "08006": ConnectionProblem.SERVER_UNREACHABLE,
}

# libpq's and the server's own words, English and French (a server answers in its lc_messages, and
# its French messages wrap lines: hence \s+ between words). The first match wins: "no encryption"
# is also a pg_hba.conf refusal, and every libpq message starts with "connection to server … failed".
_PATTERNS: tuple[tuple[ConnectionProblem, re.Pattern[str]], ...] = tuple(
    (problem, re.compile("|".join(words).replace(" ", r"\s+"), re.IGNORECASE)) for problem, words in (
        (ConnectionProblem.NO_PASSWORD, (r"no password supplied", r"aucun mot de passe fourni")),
        (ConnectionProblem.WRONG_PASSWORD, (r"password authentication failed",
                                            r"authentification par mot de passe [ée]chou[ée]e")),
        (ConnectionProblem.TLS_REQUIRED, (r"no encryption", r"aucun chiffrement", r"ssl off")),
        (ConnectionProblem.TLS_FAILED, (r"ssl was required", r"does not support ssl", r"ne supporte pas ssl",
                                        r"certificate verify failed", r"root certificate file",
                                        r"certificat racine")),
        (ConnectionProblem.HOST_NOT_ALLOWED, (r"pg_hba\.conf", r"authentication failed",
                                              r"[ée]chec de l'authentification")),
        (ConnectionProblem.NO_DATABASE, (r'database "[^"]*" does not exist',
                                         r"base de donn[ée]es « [^»]* » n'existe pas")),
        (ConnectionProblem.UNKNOWN_ACCOUNT, (r'role "[^"]*" does not exist', r"r[ôo]le « [^»]* » n'existe pas",
                                             r"not permitted to log in", r"n'est pas autoris[ée] [àa] se connecter")),
        (ConnectionProblem.NO_RIGHTS, (r"permission denied", r"droit refus[ée]", r"must be owner",
                                       r"doit [êe]tre le propri[ée]taire")),
        (ConnectionProblem.SERVER_BUSY, (r"too many clients", r"too many connections", r"trop de clients",
                                         r"connection slots are reserved", r"emplacements de connexions restants",
                                         r"is starting up", r"is shutting down", r"in recovery mode",
                                         r"de donn[ée]es se lance", r"de donn[ée]es s'arr[êe]te",
                                         r"en mode de r[ée]cup[ée]ration")),
        (ConnectionProblem.SERVER_UNREACHABLE, (r"connection refused", r"connexion refus[ée]e",
                                                r"expressément refusée", r"could not connect",
                                                r"could not translate host name", r"failed to resolve host",
                                                r"name or service not known", r"nodename nor servname",
                                                r"timeout expired", r"timed out", r"no route to host",
                                                r"network is unreachable", r"is the server running",
                                                r"server closed the connection", r"could not receive data",
                                                r"could not send data", r"n'a pas pu traduire le nom d'h[ôo]te",
                                                r"le d[ée]lai est d[ée]pass[ée]", r"le serveur est-il actif",
                                                r"connexion au serveur a [ée]t[ée] coup[ée]e",
                                                r"n'a pas pu (?:recevoir|envoyer) des donn[ée]es")),
    )
)


_ENCRYPTED_ATTEMPT_REFUSED = re.compile(r"(?:SSL|GSS)\s+encryption|chiffrement\s+(?:SSL|GSS)", re.IGNORECASE)


def _sqlstate(error: BaseException) -> str | None:
    value = getattr(error, "sqlstate", None)
    return value if isinstance(value, str) else None


def classify_connection_error(error: BaseException) -> ConnectionProblem:
    """The cause behind a driver error raised while connecting (or while setting the schema up).

    ``error`` is the DBAPI exception (``exc.orig`` of SQLAlchemy's wrapper) or the wrapper itself.
    """
    error = getattr(error, "orig", None) or error
    code = _sqlstate(error)
    if code in _SQLSTATES:
        return _SQLSTATES[code]
    pgconn = getattr(error, "pgconn", None)
    if pgconn is not None and getattr(pgconn, "needs_password", False) and not getattr(
            pgconn, "used_password", False):
        return ConnectionProblem.NO_PASSWORD
    text = str(error)
    for problem, pattern in _PATTERNS:
        if pattern.search(text):
            if problem is ConnectionProblem.TLS_REQUIRED and _ENCRYPTED_ATTEMPT_REFUSED.search(text):
                # libpq tried with TLS first and was refused too: encryption is not what is missing.
                return ConnectionProblem.HOST_NOT_ALLOWED
            return problem
    return ConnectionProblem.OTHER


def _server(url: URL) -> str:
    host = url.host or "local"
    return f"{host}:{url.port}" if url.port else host


def _name(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def problem_message(problem: ConnectionProblem, url: URL, *, from_keyring: bool = False,
                    keyring_backend: str = "", detail: str = "") -> str:
    """The French sentence for ``problem`` on the database at ``url``: what happened, then the fix."""
    server, account, database = _server(url), url.username or "(aucun compte)", url.database or ""
    set_password = ("Enregistrez-le dans le trousseau avec « vitrail config set-password », ou saisissez-le "
                    "dans la fenêtre que Vitrail ouvre au démarrage.")
    messages = {
        ConnectionProblem.NO_PASSWORD: (
            f"Le serveur {server} demande le mot de passe du compte « {account} », et aucun n'est enregistré "
            f"pour ce compte dans le trousseau de ce poste. {set_password}"),
        ConnectionProblem.WRONG_PASSWORD: (
            f"Le serveur {server} refuse le mot de passe du compte « {account} »"
            + (" enregistré dans le trousseau" if from_keyring else "")
            + " (mot de passe erroné ou changé). Enregistrez le bon mot de passe avec « vitrail config "
            "set-password », ou saisissez-le dans la fenêtre que Vitrail ouvre au démarrage. Si vous ne le "
            "connaissez pas, demandez-le au soutien informatique."),
        ConnectionProblem.KEYRING_LOCKED: (
            f"Le trousseau de mots de passe de ce poste est verrouillé : Vitrail n'a pas pu y lire le mot de passe "
            f"du compte « {account} » pour le serveur {server}. Déverrouillez-le (ouvrez votre session ou le "
            "gestionnaire de mots de passe), puis relancez Vitrail."),
        ConnectionProblem.KEYRING_UNAVAILABLE: (
            f"Le serveur {server} demande le mot de passe du compte « {account} », mais aucun trousseau de mots de "
            f"passe n'est disponible sur ce poste ({keyring_backend or 'aucun'}) pour le conserver. Ouvrez une "
            "session de bureau (Gestionnaire d'identification Windows, GNOME Keyring ou KWallet), puis « vitrail "
            "config set-password » ; ou demandez au soutien informatique un fichier .pgpass pour ce compte."),
        ConnectionProblem.SERVER_UNREACHABLE: (
            f"Impossible de joindre le serveur de base de données {server} : il ne répond pas (serveur arrêté, "
            "nom ou adresse erronés, réseau coupé). Vérifiez la connexion réseau et l'adresse configurée "
            "(« vitrail config show ») ; si elles sont bonnes, le serveur est arrêté : avisez le soutien "
            "informatique."),
        ConnectionProblem.SERVER_BUSY: (
            f"Le serveur {server} n'accepte pas de nouvelle connexion pour le moment (démarrage, arrêt ou trop de "
            "connexions ouvertes). Réessayez dans une minute ; si cela persiste, avisez le soutien informatique."),
        ConnectionProblem.TLS_REQUIRED: (
            f"Le serveur {server} exige une connexion chiffrée (TLS), que l'adresse configurée n'emploie pas. "
            "Retirez « sslmode=disable » de l'adresse (« vitrail config show » dit d'où elle vient), ou demandez "
            "l'adresse à jour au soutien informatique."),
        ConnectionProblem.TLS_FAILED: (
            f"La connexion chiffrée (TLS) avec le serveur {server} a échoué : le serveur n'offre pas TLS alors que "
            "l'adresse l'exige (sslmode=require), ou son certificat n'a pas pu être vérifié. Avisez le soutien "
            "informatique (certificat du serveur ou réglage sslmode de l'adresse)."),
        ConnectionProblem.HOST_NOT_ALLOWED: (
            f"Le serveur {server} refuse la connexion du compte « {account} » à la base « {database} » depuis ce "
            "poste (règle d'accès du serveur, pg_hba.conf). Avisez le soutien informatique : il doit autoriser ce "
            "poste ou ce compte."),
        ConnectionProblem.UNKNOWN_ACCOUNT: (
            f"Le compte « {account} » n'existe pas sur le serveur {server}, ou n'a pas le droit de s'y connecter. "
            "Vérifiez le nom du compte dans l'adresse configurée ; sinon demandez au soutien informatique de le "
            "créer."),
        ConnectionProblem.NO_RIGHTS: (
            f"Le compte « {account} » n'a pas les droits nécessaires sur la base « {database} » du serveur "
            f"{server} (se connecter, lire, écrire ou créer les tables de Vitrail). Rien n'a été modifié. "
            "Demandez au soutien informatique d'accorder ces droits à ce compte (voir le README de Vitrail, "
            "« Configuration and the shared database »)."),
        ConnectionProblem.NO_DATABASE: (
            f"La base « {database} » n'existe pas sur le serveur {server}. Vérifiez son nom dans l'adresse "
            "configurée (« vitrail config show ») ; si le nom est bon, le soutien informatique doit la créer."),
        ConnectionProblem.OTHER: (
            f"Impossible d'utiliser la base de données partagée « {_name(url)} »"
            + (f" (code d'erreur {detail})" if detail else "")
            + ". Rien n'a été modifié. Vérifiez le réseau, l'adresse du serveur et vos accès, puis réessayez ; "
            "si cela persiste, avisez le soutien informatique."),
    }
    return messages[problem]


def database_problem(problem: ConnectionProblem, url: URL, *, from_keyring: bool = False,
                     keyring_backend: str = "", error: BaseException | None = None) -> DatabaseProblem:
    """The ``DatabaseProblem`` to raise for ``problem`` (``error``'s SQLSTATE, if any, names an unknown one)."""
    detail = (_sqlstate(getattr(error, "orig", None) or error) or "") if error is not None else ""
    return DatabaseProblem(problem_message(problem, url, from_keyring=from_keyring,
                                           keyring_backend=keyring_backend, detail=detail), problem)


LOCK_WAIT_MESSAGE = (
    "Un autre poste (ou une autre fenêtre de Vitrail) modifie les mêmes données en ce moment : Vitrail a attendu "
    "{seconds} secondes, puis abandonné. Rien n'a été modifié. Réessayez dans un moment ; si cela persiste, "
    "avisez le soutien informatique.")
STATEMENT_TIMEOUT_MESSAGE = (
    "La base de données n'a pas répondu en {seconds} secondes : l'opération a été abandonnée et rien n'a été "
    "modifié. Réessayez dans un moment ; si cela persiste, avisez le soutien informatique.")
DEADLOCK_MESSAGE = (
    "Un autre poste modifiait les mêmes données au même moment : l'opération a été annulée et rien n'a été "
    "modifié. Réessayez.")


def busy_error(error: BaseException, *, lock_seconds: int, statement_seconds: int) -> VitrailError | None:
    """A French ``DatabaseBusy`` for a lock wait or statement that ran out of time; None for other errors.

    PostgreSQL: ``lock_not_available`` (55P03, ``lock_timeout``), ``query_canceled`` (57014,
    ``statement_timeout``), deadlock or serialization failures. SQLite: ``SQLITE_BUSY`` /
    ``SQLITE_LOCKED`` ("database is locked") once ``busy_timeout`` has passed.
    """
    code = _sqlstate(error)
    if code == "55P03":
        return DatabaseBusy(LOCK_WAIT_MESSAGE.format(seconds=lock_seconds))
    if code == "57014":
        return DatabaseBusy(STATEMENT_TIMEOUT_MESSAGE.format(seconds=statement_seconds))
    if code in ("40P01", "40001"):
        return DatabaseBusy(DEADLOCK_MESSAGE)
    name = getattr(error, "sqlite_errorname", "")
    if (isinstance(name, str) and name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))) or (
            not name and re.search(r"database (?:table )?is locked", str(error))):
        return DatabaseBusy(LOCK_WAIT_MESSAGE.format(seconds=lock_seconds))
    return None
