"""``vitrail settings``: what IT scripts rely on (exit codes, JSON, refusals that change nothing)."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tests.test_settings_service import build_small_board

from support.cli import main


@pytest.fixture
def db_url(empty_db):
    build_small_board(empty_db)
    return empty_db.url


def run(capsys, db_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def _settings(capsys, db_url: str, *target: str) -> dict[str, object]:
    code, out, _ = run(capsys, db_url, "settings", "show", *target, "--json")
    assert code == 0
    return {item["key"]: item["value"] for item in json.loads(out)["settings"]}


def test_set_then_show_json(capsys, db_url):
    code, out, _ = run(capsys, db_url, "settings", "set", "--school", "ECO01", "group_averages=on",
                       "registration_window=2027-02-01..2027-02-20", "parent_tiles.finances=off",
                       "--comment", "Conseil d'établissement")
    assert code == 0
    assert "Afficher les moyennes de groupe à l'École des Érables : 3 élèves, 3 répondants" in out
    assert "Version 1 enregistrée" in out
    values = _settings(capsys, db_url, "--school", "ECO01")
    assert values["group_averages"] is True
    assert values["registration_window"] == {"start": "2027-02-01", "end": "2027-02-20"}
    assert values["parent_tiles.finances"] is False
    code, _, _ = run(capsys, db_url, "settings", "set", "--board", "CSS01", "allowed_parent_tiles.messages=off",
                     "--comment", "CSS")
    assert code == 0 and _settings(capsys, db_url, "--board", "CSS01")["allowed_parent_tiles.messages"] is False
    code, _, _ = run(capsys, db_url, "settings", "set", "--staff", "1", "publishes_email=on", "--comment", "Demande")
    assert code == 0 and _settings(capsys, db_url, "--staff", "1")["publishes_email"] is True


@pytest.mark.parametrize("assignment, expected", [
    ("parent_tiles.cantine=off", "<tuile> : agenda, absences, homework"),
    ("group_averages=oui", "valeurs permises : on, off"),
    ("registration_window=2027-02-20..2027-02-01", "AAAA-MM-JJ..AAAA-MM-JJ"),
])
def test_bad_key_or_value_is_refused_and_changes_nothing(capsys, db_url, assignment, expected):
    before = _settings(capsys, db_url, "--school", "ECO01")
    code, out, err = run(capsys, db_url, "settings", "set", "--school", "ECO01", "show_subjects_and_teachers=off",
                         assignment, "--comment", "essai")
    assert code != 0
    assert expected in err and "Traceback" not in err
    assert _settings(capsys, db_url, "--school", "ECO01") == before
    code, out, _ = run(capsys, db_url, "settings", "history", "--json")
    assert json.loads(out) == []


def test_history_and_rollback(capsys, db_url):
    run(capsys, db_url, "settings", "set", "--school", "ECO01", "group_averages=on", "--comment", "v1")
    run(capsys, db_url, "settings", "set", "--school", "ECO01", "group_averages=off", "parent_tiles.agenda=off",
        "--comment", "v2")
    code, out, _ = run(capsys, db_url, "settings", "history", "--school", "ECO01", "--json")
    history = json.loads(out)
    assert [v["version"] for v in history] == [2, 1]
    assert history[1]["comment"] == "v1"
    assert history[1]["changes"][0] == {"target": "school:ECO01", "key": "group_averages",
                                        "label": "Afficher la moyenne du groupe aux parents et aux élèves",
                                        "before": "non (par défaut)", "after": "oui",
                                        "before_json": None, "after_json": "true"}
    code, out, _ = run(capsys, db_url, "settings", "rollback", "1", "--comment", "Erreur de saisie")
    assert code == 0 and "Version 3 enregistrée : Erreur de saisie." in out
    values = _settings(capsys, db_url, "--school", "ECO01")
    assert values["group_averages"] is True and values["parent_tiles.agenda"] is True
    code, _, err = run(capsys, db_url, "settings", "rollback", "42")
    assert code == 2 and "La version 42 des réglages n'existe pas." in err


def test_a_cli_change_shows_in_vitrail_preview_json(capsys, db_url):
    def results_tile() -> dict:
        code, out, _ = run(capsys, db_url, "preview", "--student", "1000", "--guardian", "1", "--date", "2026-11-23",
                           "--json")
        assert code == 0
        return next(t for t in json.loads(out)["tiles"] if t["id"] == "results")

    assert results_tile()["visible"] is True
    run(capsys, db_url, "settings", "set", "--school", "ECO01", "parent_tiles.results=off", "--comment", "CÉ")
    hidden = results_tile()
    assert hidden["visible"] is False and hidden["reason"]["setting"] == "school:ECO01:parent_tiles.results"
    run(capsys, db_url, "settings", "rollback", "0")
    assert results_tile()["visible"] is True


def test_document_writes_the_school_rules(capsys, db_url, tmp_path):
    run(capsys, db_url, "settings", "set", "--school", "ECO01", "group_averages=on", "parent_tiles.finances=off",
        "--comment", "CÉ")
    target = tmp_path / "regles.pdf"
    code, out, _ = run(capsys, db_url, "settings", "document", "--school", "ECO01", "-o", str(target))
    assert code == 0 and out.strip() == str(target)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Règles de visibilité" in text and "version 1" in text
    assert "Tuiles du portail parents" in text and "Suivi des observations et interventions" in text
    assert "non (école)" in text  # Finances disabled by the school
    assert "page 1 de" in text


def test_set_requires_a_reason_as_the_settings_page_does(capsys, db_url):
    with pytest.raises(SystemExit) as refused:
        main(["--db", db_url, "settings", "set", "--school", "ECO01", "group_averages=on"])
    assert refused.value.code == 2 and "--comment" in capsys.readouterr().err
    code, _, err = run(capsys, db_url, "settings", "set", "--school", "ECO01", "group_averages=on", "--comment", "  ")
    assert code == 2 and "raison du changement" in err
    code, out, _ = run(capsys, db_url, "settings", "history", "--json")
    assert json.loads(out) == []


def test_staff_ids_must_name_staff_of_the_board(capsys, db_url):
    code, _, err = run(capsys, db_url, "settings", "set", "--board", "CSS01",
                       "staff_spaces.parent_diagnostic.staff_ids=1,999999", "--comment", "essai")
    assert code == 2 and "999999" in err and "introuvable" in err
    assert json.loads(run(capsys, db_url, "settings", "history", "--json")[1]) == []
    code, _, err = run(capsys, db_url, "settings", "set", "--board", "CSS01",
                       "staff_spaces.parent_diagnostic.staff_ids=1", "--comment", "essai")
    assert code == 0, err
    assert _settings(capsys, db_url, "--board", "CSS01")["staff_spaces.parent_diagnostic.staff_ids"] == [1]
