"""Correcting a student's code permanent (accounts.md §5): refuse on the hard rule, warn on the
soft one, unique among present values, audited, conflict-safe; and the student file's dialog."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.models import AuditEntry, Student
from desktop.services.accounts.code_permanent import given_initial, surname_letters
from desktop.services.audit import Actor
from desktop.services.errors import EditConflict, InvalidInput
from desktop.services.facade import Changes, Vitrail
from desktop.services.storage import open_database
from desktop.services.students import (
    StudentEditConflict,
    list_students,
    load_student_file,
    update_code_permanent,
)
from desktop.views.main_window import build_main_window
from desktop.views.operations import SynchronousRunner
from desktop.views.student_file_dialogs import CodePermanentDialog
from desktop.views.students_table_model import StudentsTableModel

from conftest import TEST_ACTOR


def _plain_student(database):
    """A demo student the published layout applies to (surname of 3+ letters, no apostrophe)."""
    with database.sessions() as session:
        for student in session.scalars(select(Student).order_by(Student.id)):
            if surname_letters(student.last_name) and given_initial(student.first_name):
                return load_student_file(database, student.id)
    raise AssertionError("the demo board has no plain student")


def _fitting_code(file, sequence="97"):
    """A code that follows the published layout for this student (day, month + 50 for girls, year)."""
    month = file.birth_date.month + (50 if file.sex == "F" else 0)
    return (f"{surname_letters(file.last_name)}{given_initial(file.first_name)}"
            f"{file.birth_date.day:02d}{month:02d}{file.birth_date.year % 100:02d}{sequence}")


def _code_of(database, student_id):
    with database.sessions() as session:
        return session.get(Student, student_id).code_permanent


def _other_student_with_code(database, student_id):
    with database.sessions() as session:
        return session.scalars(select(Student).where(Student.code_permanent.is_not(None),
                                                     Student.id != student_id).limit(1)).one()


# -- service -----------------------------------------------------------------------------------


def test_a_fitting_code_is_normalised_saved_audited_and_searchable(demo_db):
    file = _plain_student(demo_db)
    code = _fitting_code(file)
    typed = f"  {code[:4].lower()} {code[4:8]} {code[8:]} "

    update = update_code_permanent(demo_db, file.student_id, file.version, typed)

    assert (update.before, update.after, update.warnings) == (file.code_permanent, code, ())
    assert _code_of(demo_db, file.student_id) == code
    assert update.version == file.version + 1
    with demo_db.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "student", AuditEntry.entity_id == file.student_id,
            AuditEntry.field == "code_permanent")).one()
    assert (entry.before, entry.after, entry.os_user) == (file.code_permanent, code, TEST_ACTOR.os_user)
    assert [s.id for s in list_students(demo_db, search=code)] == [file.student_id]


def test_the_hard_rule_refuses_and_leaves_the_student_unchanged(demo_db):
    file = _plain_student(demo_db)
    with pytest.raises(InvalidInput) as caught:
        update_code_permanent(demo_db, file.student_id, file.version, "TREM1234")
    assert "8 caractères au lieu de 12" in str(caught.value)
    assert "Rien n'a été enregistré" in str(caught.value)
    assert _code_of(demo_db, file.student_id) == file.code_permanent
    assert load_student_file(demo_db, file.student_id).version == file.version


def test_a_code_held_by_another_student_is_refused_naming_only_their_fiche(demo_db):
    file = _plain_student(demo_db)
    other = _other_student_with_code(demo_db, file.student_id)
    with pytest.raises(InvalidInput) as caught:
        update_code_permanent(demo_db, file.student_id, file.version, other.code_permanent)
    message = str(caught.value)
    assert f"fiche {other.fiche}" in message
    assert other.last_name not in message and other.first_name not in message
    assert _code_of(demo_db, file.student_id) == file.code_permanent


def test_a_code_not_fitting_the_name_is_saved_with_a_warning(demo_db):
    file = _plain_student(demo_db)
    code = "QQQ" + _fitting_code(file)[3:]
    update = update_code_permanent(demo_db, file.student_id, file.version, code)
    assert _code_of(demo_db, file.student_id) == code
    assert len(update.warnings) == 1 and "lettres du nom" in update.warnings[0]


def test_an_incomplete_code_is_saved_with_the_fiche_or_nip_notice(demo_db):
    file = _plain_student(demo_db)
    code = _fitting_code(file)[:10]
    update = update_code_permanent(demo_db, file.student_id, file.version, code)
    assert _code_of(demo_db, file.student_id) == code
    assert any("numéro de fiche ou un NIP" in warning for warning in update.warnings)


def test_an_empty_code_is_stored_as_absent(demo_db):
    file = _plain_student(demo_db)
    update = update_code_permanent(demo_db, file.student_id, file.version, "   ")
    assert update.after is None and update.warnings == ()
    assert _code_of(demo_db, file.student_id) is None


def test_a_student_changed_on_another_workstation_is_never_overwritten(demo_db):
    other = open_database(str(demo_db.engine.url), actor=Actor("autre.secretaire", "POSTE-02"))
    try:
        mine = _plain_student(demo_db)
        theirs_code, my_code = _fitting_code(mine, "95"), _fitting_code(mine, "96")
        update_code_permanent(other, mine.student_id, mine.version, theirs_code)

        with pytest.raises(EditConflict) as caught:
            update_code_permanent(demo_db, mine.student_id, mine.version, my_code)
        conflict = caught.value
        assert isinstance(conflict, StudentEditConflict)
        assert (conflict.theirs, conflict.mine) == (theirs_code, my_code)
        assert f"« {theirs_code} »" in str(conflict) and f"« {my_code} »" in str(conflict)
        assert _code_of(demo_db, mine.student_id) == theirs_code

        update_code_permanent(demo_db, mine.student_id, conflict.current_version, my_code)
        assert _code_of(other, mine.student_id) == my_code
    finally:
        other.close()


# -- the student file ------------------------------------------------------------------------------


@pytest.fixture
def page(qtbot, demo_db):
    window = build_main_window(Vitrail(demo_db), SynchronousRunner())
    qtbot.addWidget(window)
    window.resize(1366, 800)
    window.show()
    return window.pages["students"]


def test_the_dialog_refuses_a_bad_code_then_saves_a_good_one_and_the_list_shows_it(page, qtbot, demo_db):
    file = _plain_student(demo_db)
    good = _fitting_code(file)
    page.show_target(student_id=file.student_id)
    button = page.file_view.code_permanent_button
    qtbot.waitUntil(lambda: button.isVisible() and button.height() > 0)
    seen = {}

    def drive_dialog():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CodePermanentDialog):  # exec() has not opened it yet
            QTimer.singleShot(10, drive_dialog)
            return
        try:
            dialog.editor.selectAll()
            QTest.keyClicks(dialog.editor, "TREM12A")
            seen["error"] = dialog.error_label.text() if dialog.error_label.isVisible() else ""
            seen["save_enabled_on_bad"] = dialog.save_button.isEnabled()
            QTest.mouseClick(dialog.save_button, Qt.LeftButton)  # disabled: nothing happens
            seen["stored_after_bad"] = _code_of(demo_db, file.student_id)
            dialog.editor.selectAll()
            QTest.keyClicks(dialog.editor, "QQQ" + good[3:])
            seen["warning"] = dialog.warning_label.text() if dialog.warning_label.isVisible() else ""
            dialog.editor.selectAll()
            QTest.keyClicks(dialog.editor, good)
            seen["warning_on_good"] = dialog.warning_label.isVisible()
            QTest.mouseClick(dialog.save_button, Qt.LeftButton)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, drive_dialog)
    with qtbot.waitSignal(page.context.runner.changed, timeout=5000) as saved:
        QTest.mouseClick(page.file_view.code_permanent_button, Qt.LeftButton)

    assert "n'est pas un code permanent" in seen["error"]
    assert seen["save_enabled_on_bad"] is False
    assert seen["stored_after_bad"] == file.code_permanent
    assert "lettres du nom" in seen["warning"]
    assert seen["warning_on_good"] is False
    assert saved.args == [Changes(students=frozenset({file.student_id}))]
    assert _code_of(demo_db, file.student_id) == good
    assert page.file_view._identity_values["code_permanent"].text() == good
    assert page.file_view.banner.kind == "success"

    row = page.model.row_of(file.student_id)
    assert page.model.index(row, StudentsTableModel.CODE_PERMANENT).data() == good
    page.search.setText(good.lower())
    QApplication.processEvents()
    assert page.model.rowCount() == 1 and page.model.student_id(0) == file.student_id


def test_the_students_model_stays_sound_after_a_refresh(qtmodeltester, page, demo_db):
    file = _plain_student(demo_db)
    update_code_permanent(demo_db, file.student_id, file.version, _fitting_code(file))
    page.context.runner.announce(Changes(students=frozenset({file.student_id})))
    qtmodeltester.check(page.model)
