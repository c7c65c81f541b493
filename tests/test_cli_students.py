"""``vitrail students`` / ``vitrail staff`` / ``vitrail --version`` / ``vitrail gui --screenshot``."""

import json

import pytest
from sqlalchemy import select

from desktop import __version__
from desktop.models import Staff

from student_rows import seed_small_board
from support.cli import main


@pytest.fixture
def board_url(empty_db):
    seed_small_board(empty_db)
    return empty_db.url


def test_students_json_for_scripts(board_url, capsys):
    assert main(["--db", board_url, "students", "--search", "côté max", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == [{
        "fiche": "1000002", "code_permanent": "COTM14030501", "last_name": "Côté", "first_name": "Maxime",
        "birth_date": "2014-03-05", "board": "CSS-TEST", "school": "ECO-A", "group": "401",
        "guardians": [
            {"id": data[0]["guardians"][0]["id"], "name": "Julie Côté", "email": "julie.cote@videotron.ca",
             "respondent_rank": 1},
            {"id": data[0]["guardians"][1]["id"], "name": "François Côté", "email": None, "respondent_rank": 2},
        ],
    }]


def test_students_without_search_lists_everyone_as_a_readable_table(board_url, capsys):
    assert main(["--db", board_url, "students"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["Nom", "Prénom", "Fiche", "Code", "permanent", "Naissance", "École",
                                          "Groupe", "Répondants"]
    assert "O'Neil" in out and "(incomplet)" in out
    assert "Julie Côté <julie.cote@videotron.ca> ; François Côté <sans courriel>" in out
    assert out.rstrip().endswith("6 élèves.")


def test_staff_json_lists_assignments(demo_db, capsys):
    assert main(["--db", demo_db.url, "staff", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    with demo_db.sessions() as session:
        assert len(data) == len(session.scalars(select(Staff)).all())
    assert set(data[0]) == {"id", "name", "job_class", "school", "assignments"}
    teachers = [member for member in data if member["assignments"]]
    assert teachers, "the demo board has teachers with course-groups"
    assert set(teachers[0]["assignments"][0]) == {"course_group", "subject"}


def test_students_json_on_the_demo_board_has_every_student(demo_db, capsys):
    assert main(["--db", demo_db.url, "students", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 240
    assert all(student["board"] and student["school"] for student in data)


def test_a_missing_database_is_a_french_message_not_a_traceback(tmp_path, capsys):
    assert main(["--db", f"sqlite:///{tmp_path / 'absente.db'}", "students"]) == 2
    err = capsys.readouterr().err
    assert "introuvable" in err and "Traceback" not in err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"vitrail {__version__}"


def test_gui_screenshot_of_the_students_page(board_url, tmp_path, capsys, qapp):
    target = tmp_path / "eleves.png"
    assert main(["--db", board_url, "gui", "--screenshot", str(target), "--page", "students"]) == 0
    assert target.stat().st_size > 10_000
    from PySide6.QtGui import QImage
    assert QImage(str(target)).width() >= 1000


def test_gui_unknown_page_is_refused_in_french(board_url, tmp_path, capsys, qapp):
    assert main(["--db", board_url, "gui", "--screenshot", str(tmp_path / "x.png"), "--page", "nulle"]) == 2
    assert "page inconnue « nulle »" in capsys.readouterr().err


def test_staff_readable_table(demo_db, capsys):
    assert main(["--db", demo_db.url, "staff"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["N°", "Nom", "Corps"]
    assert "du personnel." in out.splitlines()[-1]


def test_demo_flag_creates_the_demo_board_on_first_use_then_reuses_it(tmp_path, capsys, qapp):
    from desktop.cli.gui import demo_database_url
    from desktop.services.storage import open_database

    first = tmp_path / "premiere.png"
    assert main(["gui", "--demo", "--screenshot", str(first)]) == 0
    assert "Création de la base de démonstration" in capsys.readouterr().err
    database = open_database(demo_database_url())
    try:
        assert not database.is_empty()
    finally:
        database.close()
    # « vitrail --demo gui … » means the same: the flag before the command is not lost
    assert main(["--demo", "gui", "--screenshot", str(tmp_path / "seconde.png")]) == 0
    assert "Création" not in capsys.readouterr().err
