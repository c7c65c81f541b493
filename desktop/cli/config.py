"""``vitrail config``: what IT and support need to see and set on a workstation.

``show`` prints the effective configuration and where each value came from (default, machine
file, Windows policy, user file, environment, ``--db``), and where the log file is.
``set``/``unset`` change the user's own file where the policy allows. ``set-password``/
``forget-password`` manage the shared database's password in the user's keyring: it is never
written anywhere else; ``set-secret oneroster`` does the same for the OneRoster client secret.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from desktop.cli.context import Context, print_json
from desktop.services.config import (
    KEYS,
    Config,
    load_config,
    machine_config_file,
    save_user_setting,
    user_config_file,
    user_data_dir,
)
from desktop.services.credentials import (
    NO_KEYRING_MESSAGE,
    KeyringState,
    KeyringUnavailable,
    forget_database_password,
    keyring_available,
    keyring_backend_name,
    keyring_entry,
    look_up_oneroster_secret,
    store_database_password,
    store_oneroster_secret,
    stored_password,
)
from desktop.services.errors import InvalidInput
from desktop.services.logs import log_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("config", help="configuration du poste (affichage, réglages, mot de passe)")
    commands = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True,
                                     parser_class=type(parser))
    show = commands.add_parser("show", help="configuration en vigueur et provenance de chaque valeur")
    show.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    show.set_defaults(run=show_config)

    set_ = commands.add_parser("set", help="change un réglage de l'utilisateur (si la politique le permet)")
    set_.add_argument("key", metavar="CLÉ", choices=KEYS)
    set_.add_argument("value", metavar="VALEUR")
    set_.set_defaults(run=set_setting)

    unset = commands.add_parser("unset", help="retire un réglage de l'utilisateur")
    unset.add_argument("key", metavar="CLÉ", choices=KEYS)
    unset.set_defaults(run=unset_setting)

    password = commands.add_parser("set-password",
                                   help="enregistre le mot de passe de la base partagée dans le trousseau")
    password.add_argument("--stdin", action="store_true", help="lit le mot de passe sur l'entrée standard")
    password.set_defaults(run=set_password)

    forget = commands.add_parser("forget-password", help="retire ce mot de passe du trousseau")
    forget.set_defaults(run=forget_password)

    secret = commands.add_parser("set-secret", help="enregistre un secret de service dans le trousseau "
                                                    "(oneroster : le secret client OAuth du serveur OneRoster)")
    secret.add_argument("service", metavar="SERVICE", choices=("oneroster",))
    secret.add_argument("--stdin", action="store_true", help="lit le secret sur l'entrée standard")
    secret.set_defaults(run=set_secret)


def _password_state(database_url: str) -> str:
    if keyring_entry(database_url) is None:
        return "sans objet"
    if not keyring_available():
        return "trousseau indisponible"
    return "dans le trousseau" if stored_password(database_url) else "absent"


def _secret_state(config: Config) -> str:
    token_url, client_id = config.get("oneroster_token_url"), config.get("oneroster_client_id")
    if not token_url or not client_id:
        return "sans objet"
    state = look_up_oneroster_secret(token_url, client_id).state
    return {KeyringState.FOUND: "dans le trousseau", KeyringState.ABSENT: "absent",
            KeyringState.LOCKED: "trousseau verrouillé"}.get(state, "trousseau indisponible")


def show_config(args: argparse.Namespace, context: Context) -> int:
    config = context.config
    database_url = config.get("database_url") or ""
    facts = {
        "valeurs": {key: {"valeur": item.value, "provenance": item.source, "imposée": item.locked}
                    for key, item in config.values.items()},
        "mot_de_passe_base": _password_state(database_url),
        "secret_oneroster": _secret_state(config),
        "trousseau": keyring_backend_name(),
        "fichier_machine": str(machine_config_file()),
        "fichier_utilisateur": str(user_config_file()),
        "données": str(user_data_dir()),
        "journal": str(log_file()),
    }
    if args.json:
        print_json(facts)
        return 0
    for key, item in config.values.items():
        lock = " [imposée par la politique]" if item.locked else ""
        print(f"{key} = {item.value if item.value is not None else '(aucune)'}")
        print(f"    provenance : {item.source}{lock}")
    print(f"mot de passe de la base : {facts['mot_de_passe_base']}")
    print(f"secret OneRoster : {facts['secret_oneroster']}")
    print(f"trousseau : {facts['trousseau']}")
    print(f"fichier machine : {facts['fichier_machine']}")
    print(f"fichier utilisateur : {facts['fichier_utilisateur']}")
    print(f"données : {facts['données']}")
    print(f"journal : {facts['journal']}")
    return 0


def _config_to_repair(context: Context) -> Config:
    """The layers as they are, a URL with a password included: ``set``/``unset`` must be able to
    remove one from the user's file (they never show or use the value they replace)."""
    return load_config(cli_database_url=context.cli_database_url, refuse_passwords=False)


def set_setting(args: argparse.Namespace, context: Context) -> int:
    path = save_user_setting(args.key, args.value, config=_config_to_repair(context))
    print(f"{args.key} enregistré dans {path}.")
    return 0


def unset_setting(args: argparse.Namespace, context: Context) -> int:
    path = save_user_setting(args.key, None, config=_config_to_repair(context))
    print(f"{args.key} retiré de {path}.")
    return 0


def set_password(args: argparse.Namespace, context: Context) -> int:
    database_url = context.database_url
    if keyring_entry(database_url) is None:
        raise InvalidInput(
            f"La base configurée ({database_url}) ne nomme pas de serveur et d'utilisateur : "
            "aucun mot de passe à enregistrer."
        )
    if not keyring_available():  # say so before asking for the password, not after
        raise KeyringUnavailable(NO_KEYRING_MESSAGE.format(backend=keyring_backend_name()))
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Mot de passe de la base de données : ")
    entry = store_database_password(database_url, password)
    print(f"Mot de passe enregistré dans le trousseau ({keyring_backend_name()}) pour "
          f"{entry.username} — {entry.service}.")
    return 0


def forget_password(args: argparse.Namespace, context: Context) -> int:
    if forget_database_password(context.database_url):
        print("Mot de passe retiré du trousseau.")
    else:
        print("Aucun mot de passe n'était enregistré pour cette base.")
    return 0


def set_secret(args: argparse.Namespace, context: Context) -> int:
    """The OneRoster client secret into the keyring: asked without echo (or read on stdin), never an argument."""
    config = context.config
    token_url, client_id = config.get("oneroster_token_url") or "", config.get("oneroster_client_id") or ""
    if not token_url or not client_id:
        raise InvalidInput("Configurez d'abord l'adresse du jeton et l'identifiant client OneRoster (vitrail config "
                           "set oneroster_token_url URL ; vitrail config set oneroster_client_id ID) : le secret leur "
                           "est associé dans le trousseau. Rien n'a été enregistré.")
    if not keyring_available():
        raise KeyringUnavailable(NO_KEYRING_MESSAGE.format(backend=keyring_backend_name()))
    if args.stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
    else:
        secret = getpass.getpass(f"Secret client OneRoster de « {client_id} » : ")
    entry = store_oneroster_secret(token_url, client_id, secret)
    print(f"Secret enregistré dans le trousseau ({keyring_backend_name()}) pour {entry.username} — {entry.service}.")
    return 0
