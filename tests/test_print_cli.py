"""``vitrail print``: one dossier, a batch with its progress bar, and French errors (never a traceback)."""

from __future__ import annotations

import pypdf
import pytest
from sqlalchemy import func, select

from desktop.models import AuditEntry, Guardian, HomeroomGroup, School, Student, StudentGuardian

from conftest import TODAY
from support.cli import main


@pytest.fixture
def board(demo_db):
    """(database URL, a student with a guardian who has an email, that guardian's id, school code, group code)."""
    with demo_db.sessions() as session:
        student, guardian_id = session.execute(
            select(Student, Guardian.id).join(StudentGuardian, StudentGuardian.student_id == Student.id)
            .join(Guardian, StudentGuardian.guardian_id == Guardian.id)
            .where(Guardian.email.is_not(None), Student.group_id.is_not(None)).order_by(Student.id)).first()
        group = session.get(HomeroomGroup, student.group_id)
        school = session.get(School, group.school_id)
        return demo_db, student, guardian_id, school.code, group.code


def _run(database, *args: str) -> int:
    return main(["--db", database.url, "print", *args])


def test_print_one_dossier_for_a_guardian(board, tmp_path, capsys):
    database, student, guardian_id, _, _ = board
    target = tmp_path / "dossier.pdf"
    code = _run(database, "dossier", "--student", student.fiche, "--guardian", str(guardian_id),
                "--date", TODAY.isoformat(), "-o", str(target))
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"dossier de {student.first_name} {student.last_name} préparé pour" in out
    text = " ".join(pypdf.PdfReader(target).pages[0].extract_text().split())
    assert f"fiche {student.fiche}" in text and "Parent" in text
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "printed", AuditEntry.entity_id == student.id)) == 1


def test_print_batch_of_a_group_with_progress_on_stderr(board, tmp_path, capsys):
    database, _, _, school, group = board
    code = _run(database, "batch", "--group", group, "--school", school, "--role", "teacher_specialist",
                "--subject", "mat", "--date", TODAY.isoformat(), "--dir", str(tmp_path / "out"))
    assert code == 2  # the folder must exist
    assert "n'existe pas" in capsys.readouterr().err
    (tmp_path / "out").mkdir()
    code = _run(database, "batch", "--group", group, "--school", school, "--role", "teacher_specialist",
                "--subject", "mat", "--date", TODAY.isoformat(), "--dir", str(tmp_path / "out"))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    files = sorted((tmp_path / "out").iterdir())
    assert files and all(f.suffix == ".pdf" for f in files)
    assert f"{len(files)} dossier(s)" in captured.out
    assert "100 %" in captured.err and f"{len(files)} sur {len(files)}" in captured.err


@pytest.mark.parametrize(("args", "message"), [
    (("dossier", "--student", "0000000", "--role", "direction", "-o", "x.pdf"), "Aucun élève avec la fiche"),
    (("dossier", "--student", "{fiche}", "--role", "concierge", "-o", "x.pdf"), "Rôle inconnu « concierge »"),
    (("dossier", "--student", "{fiche}", "--role", "teacher_specialist", "-o", "x.pdf"), "Précisez la matière"),
    (("dossier", "--student", "{fiche}", "--role", "direction", "-o", "x.txt"), "doit se terminer par .pdf"),
    (("batch", "--role", "direction", "-o", "x.pdf"), "Indiquez --group CODE ou --school CODE"),
    (("batch", "--group", "ZZZ", "--role", "direction", "-o", "x.pdf"), "Aucun groupe « ZZZ »"),
])
def test_bad_input_gives_a_french_message_and_writes_nothing(board, tmp_path, monkeypatch, capsys, args, message):
    database, student, _, _, _ = board
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    code = _run(database, *(arg.format(fiche=student.fiche) for arg in args))
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err
    assert set(tmp_path.iterdir()) == before
