"""Finding a student, reading their file, correcting it; listing students and staff.

``index`` is the in-memory search over every student of the board; ``file`` reads one student's
file; ``edits`` corrects guardians' emails and a code permanent, refusing to overwrite a change
made on another workstation; ``listings`` serves ``vitrail students`` and ``vitrail staff``.
"""

from desktop.services.students.edits import (
    CodePermanentUpdate,
    CodePermanentVerdict,
    EmailEdit,
    GuardianEditConflict,
    SavedEmail,
    StudentEditConflict,
    check_code_permanent_edit,
    save_guardian_emails,
    update_code_permanent,
)
from desktop.services.students.file import ContactLine, EmailChange, GuardianLine, StudentFile, load_student_file
from desktop.services.students.index import (
    BIRTH_DATE,
    CODE_PERMANENT,
    FICHE,
    FIRST_NAME,
    GROUP_ID,
    ID,
    LAST_NAME,
    SCHOOL_ID,
    SEARCH_KEY,
    IndexRow,
    SearchResult,
    StudentIndex,
    as_date,
    load_index_row,
    load_student_index,
)
from desktop.services.students.listings import (
    AssignmentSummary,
    GuardianSummary,
    StaffSummary,
    StudentSummary,
    find_student_by_fiche,
    list_staff,
    list_students,
)

__all__ = [
    "BIRTH_DATE", "CODE_PERMANENT", "FICHE", "FIRST_NAME", "GROUP_ID", "ID", "LAST_NAME", "SCHOOL_ID", "SEARCH_KEY",
    "AssignmentSummary", "CodePermanentUpdate", "CodePermanentVerdict", "ContactLine", "EmailChange", "EmailEdit",
    "GuardianEditConflict", "GuardianLine", "GuardianSummary", "IndexRow", "SavedEmail", "SearchResult",
    "StaffSummary", "StudentEditConflict", "StudentFile", "StudentIndex", "StudentSummary", "as_date",
    "check_code_permanent_edit", "find_student_by_fiche", "list_staff", "list_students", "load_index_row",
    "load_student_file", "load_student_index", "save_guardian_emails", "update_code_permanent",
]
