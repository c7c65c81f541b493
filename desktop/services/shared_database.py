"""Pointing a workstation at the board's shared database, as the welcome page does on a first launch.

It is ``vitrail config set database_url`` with the account typed beside the address: the URL is
checked (PostgreSQL, a database named, no password in it — the password goes to the keyring),
then saved in the user's own configuration file only once the database has opened, so a typo
never leaves a workstation pointing nowhere.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desktop.services.config import load_config, refuse_password, save_user_setting
from desktop.services.errors import InvalidInput

EXAMPLE = "postgresql://serveur.css.local/vitrail"


def shared_database_url(address: str, account: str) -> str:
    """The URL to connect with: ``address`` (a PostgreSQL URL) with ``account`` as its user, if given."""
    address, account = address.strip(), account.strip()
    if not address:
        raise InvalidInput(f"Indiquez l'adresse de la base partagée, par exemple {EXAMPLE}.")
    refuse_password(address, "le champ « Adresse »",
                    repair="Retapez-la sans mot de passe : il sera demandé à la connexion.")
    try:
        url = make_url(address)
    except ArgumentError:
        raise InvalidInput(f"Adresse de base de données illisible. Exemple : {EXAMPLE}.") from None
    if not url.drivername.startswith("postgresql"):
        raise InvalidInput(f"La base partagée du centre de services est une base PostgreSQL : l'adresse commence "
                           f"par postgresql://, par exemple {EXAMPLE}.")
    if not url.host or not url.database:
        raise InvalidInput(f"L'adresse doit nommer le serveur et la base de données, par exemple {EXAMPLE}.")
    if account:
        if any(character in account for character in "@:/ "):
            raise InvalidInput("Le compte est un nom d'utilisateur seul (ex. secretariat), sans « @ », « : », "
                               "« / » ni espace.")
        url = url.set(username=account)
    return url.render_as_string(hide_password=False)


def save_shared_database_url(url: str) -> Path:
    """Keep ``url`` as this user's database (``vitrail config set database_url``); the file written."""
    return save_user_setting("database_url", url, config=load_config(refuse_passwords=False))
