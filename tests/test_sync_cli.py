"""``vitrail import oneroster`` and ``vitrail export oneroster|corrections`` as a person or a script runs them."""

from __future__ import annotations

import json
import sys

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop.migrations import SCHEMA_HEAD
from desktop.services.facade import Vitrail
from desktop.services.storage import _alembic_config, open_database

from conftest import TEST_ACTOR
from support.cli import main
from support.oneroster import Export, table_counts


@pytest.fixture
def source(demo_db, tmp_path) -> Export:
    return Export.of(demo_db, tmp_path / "sis")


def _terminal(monkeypatch, answer: str | None) -> list[str]:
    """stdin is a terminal on which the person types ``answer`` (None: nothing asked is expected)."""
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)

    def reply() -> str:
        asked.append("?")
        if answer is None:
            raise AssertionError("no question expected")
        return answer
    monkeypatch.setattr("builtins.input", reply)
    return asked


def test_on_a_terminal_the_plan_is_applied_once_confirmed(empty_db, source, monkeypatch, capsys):
    asked = _terminal(monkeypatch, "o")
    assert main(["--db", empty_db.url, "import", "oneroster", str(source.folder)]) == 0
    captured = capsys.readouterr()
    assert asked == ["?"] and "Appliquer ? [o/N]" in captured.err
    assert "Élèves : 240 ajout(s) ; 0 inchangé(s)" in captured.out
    assert "Importation appliquée (exécution n° 1)" in captured.out
    assert table_counts(empty_db)["student"] == 240


def test_on_a_terminal_anything_but_yes_writes_nothing(empty_db, source, monkeypatch, capsys):
    _terminal(monkeypatch, "")
    counts = table_counts(empty_db)
    assert main(["--db", empty_db.url, "import", "oneroster", str(source.folder)]) == 0
    assert "Importation abandonnée : rien n'a été écrit." in capsys.readouterr().out
    assert table_counts(empty_db) == counts


def test_without_a_terminal_and_without_yes_it_refuses(empty_db, source, monkeypatch, capsys):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    counts = table_counts(empty_db)
    assert main(["--db", empty_db.url, "import", "oneroster", str(source.folder)]) == 2
    assert "Pas de terminal pour confirmer : ajoutez --yes" in capsys.readouterr().err
    assert table_counts(empty_db) == counts


def test_dry_run_stops_at_the_plan(empty_db, source, capsys):
    counts = table_counts(empty_db)
    assert main(["--db", empty_db.url, "import", "oneroster", str(source.folder), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert "Parents et tuteurs : 276 ajout(s)" in captured.out and "--dry-run" in captured.out
    assert table_counts(empty_db) == counts


def test_json_gives_the_plan_and_the_result_for_scripts(empty_db, source, capsys):
    assert main(["--db", empty_db.url, "import", "oneroster", str(source.folder), "--yes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plan"]["can_apply"] is True and data["plan"]["version"] == "1.2"
    assert data["plan"]["counts"]["student"]["added"] == 240
    student = next(c for c in data["plan"]["changes"] if c["kind"] == "student")
    assert student["action"] == "add" and student["key"].startswith("vitrail-student-")
    assert data["result"]["run_id"] == 1 and data["result"]["rows_written"] > 240

    assert main(["--db", empty_db.url, "import", "oneroster", str(source.folder), "--yes", "--json"]) == 0
    captured = capsys.readouterr()
    again = json.loads(captured.out)
    assert again["plan"]["changes"] == [] and again["result"] is None
    assert "Rien à changer" in captured.err

    assert main(["--db", empty_db.url, "import", "runs", "--json"]) == 0
    [run] = json.loads(capsys.readouterr().out)
    assert run["id"] == 1 and run["source"] == str(source.folder) and run["version"] == "1.2"


def test_an_import_into_a_new_database_file_creates_it(source, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'nouvelle.db'}"
    assert main(["--db", url, "import", "oneroster", str(source.folder), "--yes"]) == 0
    assert "Importation appliquée" in capsys.readouterr().out


def test_export_oneroster_of_one_board_to_a_zip(demo_db, tmp_path, capsys):
    target = tmp_path / "cssrh.zip"
    assert main(["--db", demo_db.url, "export", "oneroster", str(target), "--board", "CSSRH"]) == 0
    assert "Export OneRoster 1.2 écrit dans" in capsys.readouterr().out
    database = open_database(f"sqlite:///{tmp_path / 'seul.db'}", create=True, actor=TEST_ACTOR)
    plan = Vitrail(database).sync.plan_oneroster_csv(target)
    database.close()
    assert plan.problems == ()
    assert [c.label for c in plan.changes_of("board")] == [
        "Centre de services scolaire de la Rivière-aux-Hérons (CSSRH)"]


def test_export_to_an_unknown_board_is_a_french_sentence(demo_db, tmp_path, capsys):
    assert main(["--db", demo_db.url, "export", "oneroster", str(tmp_path / "x"), "--board", "NOPE"]) == 2
    assert "Aucun centre de services n'a le code « NOPE »" in capsys.readouterr().err


def test_a_bad_resolution_is_refused_by_the_parser(empty_db, source, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", empty_db.url, "import", "oneroster", str(source.folder), "--resolve", "guardian:1:email=mien"])
    assert exit_info.value.code == 2
    assert "forme attendue CODE=local ou CODE=sis" in capsys.readouterr().err


def test_the_migration_keeps_every_row_of_an_existing_database(tmp_path):
    """0002 only adds columns: on SQLite that must not rebuild ``student`` (which would cascade)."""
    url = f"sqlite:///{tmp_path / 'ancienne.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        command.upgrade(_alembic_config(connection), "0001")
        for statement in (
            "INSERT INTO school_board (id, code, name) VALUES (1, 'CSS', 'CSS')",
            "INSERT INTO school (id, board_id, code, name, level, address, phone, fax, email, direction_names, "
            "version) VALUES (1, 1, '1001', 'École', 'primary', '', '', '', '', '', 1)",
            "INSERT INTO student (id, board_id, fiche, last_name, first_name, birth_date, sex, school_id, grade, "
            "transport_entitled, transport_details, active_watch, search_key, version) "
            "VALUES (1, 1, '1234567', 'Roy', 'Léa', '2015-01-01', 'F', 1, 3, 0, '', 0, '', 1)",
            "INSERT INTO guardian (id, board_id, last_name, first_name, email, home_phone, cell_phone, work_phone, "
            "other_phone, address, version) VALUES (1, 1, 'Roy', 'Anne', 'anne@x.ca', '', '', '', '', '', 1)",
            "INSERT INTO student_guardian (id, student_id, guardian_id, respondent_rank, relationship_label, "
            "lives_with) VALUES (1, 1, 1, 1, 'Mère', 1)",
            "INSERT INTO contact (id, student_id, name, phone, relationship_label, is_emergency) "
            "VALUES (1, 1, 'Paul', '', 'Oncle', 1)",
        ):
            connection.execute(text(statement))
    engine.dispose()
    database = open_database(url, actor=TEST_ACTOR)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        assert connection.execute(text("SELECT active FROM student")).scalar() == 1
        assert connection.execute(text("SELECT active FROM student_guardian")).scalar() == 1
        assert connection.execute(text("SELECT COUNT(*) FROM contact")).scalar() == 1
    database.close()
