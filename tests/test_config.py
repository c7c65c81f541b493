"""Configuration that IT sets once: the layers, the mandatory policy, passwords kept out of files.

The Windows policy is read through an injected reader so the layering is tested here on Linux
exactly as it runs on a workstation; only the ``winreg`` call itself is Windows-only.
"""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop.services.config import (
    POLICY_SOURCE,
    PasswordInConfiguration,
    hide_password,
    load_config,
    machine_config_file,
    save_user_setting,
    url_carries_password,
    user_config_file,
    windows_policy,
)
from desktop.services.credentials import (
    KeyringUnavailable,
    forget_database_password,
    store_database_password,
    url_with_password,
)
from desktop.services.errors import DatabaseUnavailable, InvalidInput
from desktop.services.logs import log_file
from desktop.services.storage import open_database

from support.cli import main

BOARD_DB = "postgresql://secretariat@db.css-exemple.qc.ca/vitrail"


def write_ini(path: Path, **values: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["[vitrail]"] + [f"{key} = {value}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def no_policy() -> dict[str, str]:
    return {}


def test_defaults_point_to_a_personal_sqlite_file_and_no_server():
    config = load_config(environ={}, policy_reader=no_policy)
    assert config.get("database_url").startswith("sqlite:///")
    assert config.get("database_url").endswith("vitrail.db")
    assert config.values["database_url"].source == "défaut"
    assert config.get("server_url") is None


def test_machine_file_is_found_in_the_site_config_dir_on_linux(isolated_user_dirs):
    assert machine_config_file() == isolated_user_dirs / "etc-xdg" / "vitrail" / "vitrail.ini"
    write_ini(machine_config_file(), database_url=BOARD_DB, server_url="https://portail.css-exemple.qc.ca")
    config = load_config(environ={}, policy_reader=no_policy)
    assert config.get("database_url") == BOARD_DB
    assert config.values["server_url"].source == str(machine_config_file())


def test_user_file_adjusts_what_the_machine_file_set_when_no_policy_locks_it():
    write_ini(machine_config_file(), database_url=BOARD_DB, server_url="https://portail.css-exemple.qc.ca")
    write_ini(user_config_file(), server_url="https://essai.css-exemple.qc.ca")
    config = load_config(environ={}, policy_reader=no_policy)
    assert config.get("server_url") == "https://essai.css-exemple.qc.ca"
    assert config.get("database_url") == BOARD_DB


def test_windows_policy_wins_over_the_machine_file_and_locks_the_users_file():
    write_ini(machine_config_file(), database_url="postgresql://ancien@vieux-serveur/vitrail")
    write_ini(user_config_file(), database_url="sqlite:////tmp/perso.db", server_url="https://perso.example")
    policy = {"DATABASE_URL": BOARD_DB}  # registry value names are case-insensitive
    config = load_config(environ={}, policy_reader=lambda: policy)
    assert config.get("database_url") == BOARD_DB
    assert config.values["database_url"].source == POLICY_SOURCE
    assert config.values["database_url"].locked
    # The policy leaves the server open: the user's own value stands.
    assert config.get("server_url") == "https://perso.example"
    assert not config.values["server_url"].locked


def test_blank_policy_values_are_ignored_like_absent_ones():
    """An MSI installed without SERVERURL writes an empty value: it must not hide the machine file."""
    write_ini(machine_config_file(), server_url="https://portail.css-exemple.qc.ca")
    config = load_config(environ={}, policy_reader=lambda: {"server_url": "", "database_url": "  "})
    assert config.get("server_url") == "https://portail.css-exemple.qc.ca"
    assert not config.values["database_url"].locked


def test_environment_and_db_option_win_for_one_run_and_say_so():
    policy = {"database_url": BOARD_DB}
    config = load_config(environ={"VITRAIL_DB_URL": "sqlite:////tmp/script.db"}, policy_reader=lambda: policy)
    assert config.get("database_url") == "sqlite:////tmp/script.db"
    assert config.values["database_url"].source == "VITRAIL_DB_URL"
    config = load_config(cli_database_url="sqlite:////tmp/demo.db", environ={}, policy_reader=lambda: policy)
    assert config.values["database_url"].source == "--db"


def _url_on_layer(layer: str, url: str) -> dict:
    """``load_config`` arguments (and files written) that give ``url`` as the database URL on ``layer``."""
    kwargs: dict = {"environ": {}, "policy_reader": no_policy}
    if layer == "machine":
        write_ini(machine_config_file(), database_url=url)
    elif layer == "user":
        write_ini(user_config_file(), database_url=url)
    elif layer == "policy":
        kwargs["policy_reader"] = lambda: {"database_url": url}
    elif layer == "env":
        kwargs["environ"] = {"VITRAIL_DB_URL": url}
    else:
        kwargs["cli_database_url"] = url
    return kwargs


@pytest.mark.parametrize("layer", ["machine", "policy", "user", "env", "cli"])
def test_a_database_url_with_a_password_is_refused_in_french_from_every_layer(layer):
    secret_url = "postgresql://secretariat:S3cret@db.css-exemple.qc.ca/vitrail"
    kwargs = _url_on_layer(layer, secret_url)
    with pytest.raises(PasswordInConfiguration, match=r"contient un mot de passe.*trousseau") as error:
        load_config(**kwargs)
    assert "S3cret" not in str(error.value)


def test_saving_a_user_setting_is_refused_where_the_policy_decides():
    config = load_config(environ={}, policy_reader=lambda: {"database_url": BOARD_DB})
    with pytest.raises(InvalidInput, match="politique"):
        save_user_setting("database_url", "sqlite:////tmp/a.db", config=config)
    assert not user_config_file().exists()
    path = save_user_setting("server_url", "https://portail.example", config=config)
    assert load_config(environ={}, policy_reader=no_policy).get("server_url") == "https://portail.example"
    assert path == user_config_file()


def test_policy_reader_is_empty_off_windows():
    assert windows_policy() == {}


def test_password_goes_in_the_keyring_and_into_the_url_only_to_connect(memory_keyring):
    store_database_password(BOARD_DB, "S3cret")
    assert ("Vitrail base de données db.css-exemple.qc.ca", "secretariat") in memory_keyring.secrets
    assert url_with_password(BOARD_DB) == "postgresql://secretariat:S3cret@db.css-exemple.qc.ca/vitrail"
    assert url_with_password("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert forget_database_password(BOARD_DB)
    assert url_with_password(BOARD_DB) == BOARD_DB
    assert not forget_database_password(BOARD_DB)


def test_headless_keyring_gives_a_french_message_not_a_crash():
    keyring.set_keyring(fail.Keyring())  # what a Linux box without D-Bus gets
    with pytest.raises(KeyringUnavailable, match=r"Aucun trousseau.*fail\.Keyring"):
        store_database_password(BOARD_DB, "S3cret")
    assert url_with_password(BOARD_DB) == BOARD_DB  # connecting still proceeds, without a password


def test_config_show_tells_where_each_value_came_from(capsys):
    write_ini(machine_config_file(), database_url=BOARD_DB)
    assert main(["config", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["valeurs"]["database_url"] == {"valeur": BOARD_DB, "provenance": str(machine_config_file()),
                                                 "imposée": False}
    assert shown["mot_de_passe_base"] == "absent"
    assert main(["config", "show"]) == 0
    text = capsys.readouterr().out
    assert f"database_url = {BOARD_DB}" in text
    assert f"provenance : {machine_config_file()}" in text


def test_config_set_password_reads_stdin_and_config_refuses_secret_urls(capsys, monkeypatch, memory_keyring):
    write_ini(machine_config_file(), database_url=BOARD_DB)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("S3cret\n"))
    assert main(["config", "set-password", "--stdin"]) == 0
    assert "Mot de passe enregistré" in capsys.readouterr().out
    assert memory_keyring.secrets[("Vitrail base de données db.css-exemple.qc.ca", "secretariat")] == "S3cret"
    assert main(["config", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mot_de_passe_base"] == "dans le trousseau"
    assert main(["--db", "postgresql://a:b@serveur/vitrail", "config", "show"]) == 2
    error = capsys.readouterr().err
    assert "contient un mot de passe" in error and "Traceback" not in error


def test_config_set_then_show_from_the_command_line(capsys):
    assert main(["config", "set", "server_url", "https://portail.example"]) == 0
    assert "server_url enregistré" in capsys.readouterr().out
    assert main(["config", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["valeurs"]["server_url"]["valeur"] == "https://portail.example"
    assert shown["valeurs"]["server_url"]["provenance"] == str(user_config_file())


def test_set_password_on_a_headless_box_refuses_before_reading_the_password(capsys, monkeypatch):
    write_ini(machine_config_file(), database_url=BOARD_DB)
    keyring.set_keyring(fail.Keyring())
    stdin = __import__("io").StringIO("S3cret\n")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["config", "set-password", "--stdin"]) == 2
    error = capsys.readouterr().err
    assert "Aucun trousseau de mots de passe n'est disponible sur ce poste" in error
    assert "Traceback" not in error
    assert stdin.tell() == 0  # the password was not even asked for


SECRET_URLS = {
    "userinfo": "postgresql://secretariat:S3cret@db.css-exemple.qc.ca/vitrail",
    "query": "postgresql://secretariat@db.css-exemple.qc.ca/vitrail?password=S3cret",
    "query-among-others": "postgresql://secretariat@db.css-exemple.qc.ca/vitrail?sslmode=require&password=S3cret",
    "client-key": "postgresql://secretariat@db.css-exemple.qc.ca/vitrail?sslpassword=S3cret",
    "libpq-keywords": "host=db.css-exemple.qc.ca dbname=vitrail password=S3cret",
}


@pytest.mark.parametrize("form", SECRET_URLS)
@pytest.mark.parametrize("layer", ["machine", "policy", "user", "env", "cli"])
def test_a_password_anywhere_in_the_url_is_refused_from_every_layer(layer, form):
    secret_url = SECRET_URLS[form]
    kwargs = _url_on_layer(layer, secret_url)
    with pytest.raises(PasswordInConfiguration, match="contient un mot de passe") as error:
        load_config(**kwargs)
    assert "S3cret" not in str(error.value)


@pytest.mark.parametrize("form", SECRET_URLS)
def test_config_set_refuses_a_password_in_the_query_string_and_never_echoes_it(form, capsys):
    assert main(["config", "set", "database_url", SECRET_URLS[form]]) == 2
    captured = capsys.readouterr()
    assert "contient un mot de passe" in captured.err
    assert "S3cret" not in captured.out + captured.err
    assert not user_config_file().exists() or "S3cret" not in user_config_file().read_text(encoding="utf-8")
    assert "S3cret" not in log_file().read_text(encoding="utf-8")


def test_config_unset_repairs_a_user_file_holding_a_password(capsys):
    """The file was written by hand (or by an older Vitrail): every command refuses it, unset removes it."""
    write_ini(user_config_file(), database_url=SECRET_URLS["query"], server_url="https://portail.example")
    assert main(["config", "show"]) == 2
    error = capsys.readouterr().err
    assert "vitrail config unset database_url" in error and "S3cret" not in error
    assert main(["config", "unset", "database_url"]) == 0
    assert "database_url retiré" in capsys.readouterr().out
    text = user_config_file().read_text(encoding="utf-8")
    assert "S3cret" not in text and "https://portail.example" in text  # the other key stays
    assert main(["config", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["valeurs"]["database_url"]["provenance"] == "défaut"
    assert "S3cret" not in log_file().read_text(encoding="utf-8")


def test_config_set_replaces_a_url_holding_a_password_in_the_users_file(capsys):
    write_ini(user_config_file(), database_url=SECRET_URLS["userinfo"])
    assert main(["config", "set", "database_url", BOARD_DB]) == 0
    assert "S3cret" not in user_config_file().read_text(encoding="utf-8")
    assert load_config(environ={}, policy_reader=no_policy).get("database_url") == BOARD_DB


def test_a_password_in_a_machine_file_tells_to_call_it(capsys):
    write_ini(machine_config_file(), database_url=SECRET_URLS["query"])
    assert main(["nip", "revoke", "--student", "1", "--guardian", "1"]) == 2
    error = capsys.readouterr().err
    assert "soutien informatique" in error and str(machine_config_file()) in error and "S3cret" not in error


def test_an_unreadable_url_with_a_password_is_not_echoed_by_the_storage():
    with pytest.raises(DatabaseUnavailable, match="invalide") as error:
        open_database("host=db.css-exemple.qc.ca password=S3cret")
    assert "S3cret" not in str(error.value)


def test_hide_password_masks_the_user_part_and_the_query_string():
    assert hide_password(SECRET_URLS["userinfo"]) == "postgresql://secretariat:***@db.css-exemple.qc.ca/vitrail"
    assert "S3cret" not in hide_password(SECRET_URLS["query-among-others"])
    assert "sslmode=require" in hide_password(SECRET_URLS["query-among-others"])
    assert "S3cret" not in hide_password(SECRET_URLS["libpq-keywords"])
    assert url_carries_password(BOARD_DB) is False
