"""The OneRoster 1.1 and 1.2 CSV binding, as far as Vitrail reads and writes it.

Column lists follow 1EdTech's CSV tables. ``REQUIRED`` names the columns Vitrail cannot do
without (a file missing one is refused with a single error naming it); every other known column
is optional here, even where the standard requires it, because real exports leave some out.
Extension columns start with ``metadata.``: Vitrail writes its own under ``metadata.vitrail.``
(see ``desktop.services.sync.export``) so that a board exported by Vitrail comes back whole.

Values are parsed by the functions at the end of this module. Each returns the value or raises
``ValueProblem`` with the French sentence that explains what is wrong; none of them guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from sys import intern

from desktop.services.sync.problems import closest, quoted_list

VERSIONS = ("1.1", "1.2")

ORGS = "orgs.csv"
SESSIONS = "academicSessions.csv"
COURSES = "courses.csv"
CLASSES = "classes.csv"
USERS = "users.csv"
ROLES = "roles.csv"
ENROLLMENTS = "enrollments.csv"
DEMOGRAPHICS = "demographics.csv"
MANIFEST = "manifest.csv"

_COMMON = ("sourcedId", "status", "dateLastModified")
_ORGS = (*_COMMON, "name", "type", "identifier", "parentSourcedId")
_SESSIONS = (*_COMMON, "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear")
_COURSES = (*_COMMON, "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects",
            "subjectCodes")
_CLASSES = (*_COMMON, "title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId",
            "termSourcedIds", "subjects", "subjectCodes", "periods")
_ENROLLMENTS = (*_COMMON, "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate",
                "endDate")
_DEMOGRAPHICS = (*_COMMON, "birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                 "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
                 "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
                 "publicSchoolResidenceStatus")
_USERS_11 = (*_COMMON, "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName",
             "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password")
_USERS_12 = (*_COMMON, "enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier",
             "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier",
             "resourceSourcedIds", "preferredGivenName", "preferredMiddleName", "preferredFamilyName",
             "primaryOrgSourcedId", "pronouns")
_ROLES = (*_COMMON, "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId",
          "userProfileSourcedId")

# file → version → the columns of that file, in the standard's order.
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    ORGS: {"1.1": _ORGS, "1.2": _ORGS},
    SESSIONS: {"1.1": _SESSIONS, "1.2": _SESSIONS},
    COURSES: {"1.1": _COURSES, "1.2": _COURSES},
    CLASSES: {"1.1": _CLASSES, "1.2": _CLASSES},
    USERS: {"1.1": _USERS_11, "1.2": _USERS_12},
    ROLES: {"1.2": _ROLES},
    ENROLLMENTS: {"1.1": _ENROLLMENTS, "1.2": _ENROLLMENTS},
    DEMOGRAPHICS: {"1.1": _DEMOGRAPHICS, "1.2": _DEMOGRAPHICS},
}

# The files Vitrail reads, in reading order (references point backwards, except agents).
DATA_FILES = (ORGS, SESSIONS, COURSES, CLASSES, USERS, ROLES, DEMOGRAPHICS, ENROLLMENTS)
# Files of the standard Vitrail does not use (gradebook, resources…): present or not, no problem.
OTHER_FILES = ("categories.csv", "classResources.csv", "courseResources.csv", "lineItems.csv", "resources.csv",
               "results.csv", "userProfiles.csv", "userResources.csv", "scoreScales.csv", "lineItemScoreScales.csv",
               "resultScoreScales.csv", "lineItemLearningObjectiveIds.csv", "resultLearningObjectiveIds.csv")

REQUIRED: dict[str, dict[str, tuple[str, ...]]] = {
    ORGS: {v: ("sourcedId", "name", "type", "identifier") for v in VERSIONS},
    SESSIONS: {v: ("sourcedId", "type", "startDate", "endDate") for v in VERSIONS},
    COURSES: {v: ("sourcedId",) for v in VERSIONS},
    CLASSES: {v: ("sourcedId", "classType", "schoolSourcedId") for v in VERSIONS},
    USERS: {"1.1": ("sourcedId", "role", "givenName", "familyName"), "1.2": ("sourcedId", "givenName", "familyName")},
    ROLES: {"1.2": ("userSourcedId", "role", "orgSourcedId")},
    ENROLLMENTS: {v: ("classSourcedId", "userSourcedId", "role") for v in VERSIONS},
    DEMOGRAPHICS: {v: ("sourcedId",) for v in VERSIONS},
}

# The columns Vitrail reads (a typo in one of them is an error; in another, a warning).
USED: dict[str, frozenset[str]] = {
    ORGS: frozenset(_ORGS),
    SESSIONS: frozenset(_SESSIONS),
    COURSES: frozenset({"sourcedId", "status", "title", "courseCode", "orgSourcedId", "subjectCodes"}),
    CLASSES: frozenset({"sourcedId", "status", "title", "grades", "courseSourcedId", "classCode", "classType",
                        "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"}),
    USERS: frozenset({"sourcedId", "status", "orgSourcedIds", "role", "username", "userIds", "givenName",
                      "familyName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
                      "primaryOrgSourcedId"}),
    ROLES: frozenset({"status", "userSourcedId", "roleType", "role", "orgSourcedId"}),
    ENROLLMENTS: frozenset({"sourcedId", "status", "classSourcedId", "schoolSourcedId", "userSourcedId", "role",
                            "primary"}),
    DEMOGRAPHICS: frozenset({"sourcedId", "status", "birthDate", "sex"}),
}

METADATA_PREFIX = "metadata."

class Role(StrEnum):
    """OneRoster's roles of a user (users.csv 1.1, roles.csv 1.2) and of an enrollment."""

    ADMINISTRATOR = "administrator"
    AIDE = "aide"
    COUNSELOR = "counselor"
    DISTRICT_ADMINISTRATOR = "districtAdministrator"
    GUARDIAN = "guardian"
    PARENT = "parent"
    PRINCIPAL = "principal"
    PROCTOR = "proctor"
    RELATIVE = "relative"
    SITE_ADMINISTRATOR = "siteAdministrator"
    STUDENT = "student"
    SYSTEM_ADMINISTRATOR = "systemAdministrator"
    TEACHER = "teacher"


class ClassType(StrEnum):
    HOMEROOM = "homeroom"
    SCHEDULED = "scheduled"


STATUSES = ("active", "tobedeleted", "inactive")  # "inactive" is OneRoster 1.0's, still met in the wild
MODES = ("bulk", "delta", "absent")
ORG_TYPES = ("department", "school", "district", "local", "state", "national")
SESSION_TYPES = ("gradingPeriod", "semester", "schoolYear", "term")
CLASS_TYPES = tuple(ClassType)
USER_ROLES = {
    "1.1": ("administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"),
    "1.2": ("aide", "counselor", "districtAdministrator", "guardian", "parent", "principal", "proctor", "relative",
            "siteAdministrator", "student", "systemAdministrator", "teacher"),
}
ROLE_TYPES = ("primary", "secondary")
ENROLLMENT_ROLES = ("administrator", "proctor", "student", "teacher", "aide", "guardian", "parent", "relative")
SEXES = ("female", "male", "other", "unspecified")

GUARDIAN_ROLES = ("parent", "guardian")
CONTACT_ROLES = ("relative",)
STAFF_ROLES = ("teacher", "aide", "counselor", "principal", "siteAdministrator", "districtAdministrator",
               "administrator", "proctor", "systemAdministrator")

# A staff member's corps d'emploi comes from their userIds entry of this type; without one, this
# default per OneRoster role is used and the person is listed for review after the import.
JOB_CLASS_ID_TYPE = "corpsEmploi"
CODE_PERMANENT_ID_TYPE = "codePermanent"
DEFAULT_JOB_CLASSES = {
    "teacher": "3101",                 # Enseignant
    "aide": "4284",                    # Technicien en éducation spécialisée
    "counselor": "2202",               # Psychoéducateur
    "principal": "0201",               # Directeur d'école
    "administrator": "0201",           # (1.1) Directeur d'école
    "siteAdministrator": "4215",       # Technicien en organisation scolaire
    "districtAdministrator": "1001",   # Directeur général adjoint
    "systemAdministrator": "4215",
    "proctor": "5315",                 # Surveillant d'élèves
}
# The OneRoster role Vitrail writes for a job class (the reverse of the defaults, by family).
JOB_CLASS_ROLES = {"1000": "districtAdministrator", "1001": "districtAdministrator", "0201": "principal",
                   "0202": "principal", "3101": "teacher", "2201": "counselor", "2202": "counselor",
                   "2203": "counselor", "2210": "counselor", "2211": "counselor", "2212": "counselor",
                   "4284": "aide", "4215": "siteAdministrator", "5113": "siteAdministrator",
                   "4287": "siteAdministrator", "5315": "proctor"}

# CEDS grade codes ↔ (level, grade in that level). Quebec: primaire 1-6 = 01-06, secondaire 1-5 = 07-11.
GRADE_CODES = {f"{n:02d}": ("primary", n) for n in range(1, 7)} | {f"{n + 6:02d}": ("secondary", n)
                                                                    for n in range(1, 6)}


def grade_code(level: str, grade: int) -> str:
    return f"{grade:02d}" if level == "primary" else f"{grade + 6:02d}"


class ValueProblem(ValueError):
    """A value that cannot be read without guessing; ``str()`` is the French explanation."""


def enum_value(raw: str, allowed: tuple[str, ...]) -> str:
    """``raw`` as one of ``allowed`` (case and surrounding spaces ignored)."""
    text = raw.strip()
    for value in allowed:
        if value.lower() == text.lower():
            return value
    hint = closest(text, allowed)
    suggestion = f" Vouliez-vous dire « {hint} » ?" if hint else ""
    raise ValueProblem(f"valeur « {raw} » inconnue ; valeurs permises : {quoted_list(allowed)}.{suggestion}")


_TRUE = {"true", "1", "yes", "oui", "vrai", "t", "y", "o"}
_FALSE = {"false", "0", "no", "non", "faux", "f", "n"}


def boolean(raw: str) -> bool:
    text = raw.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"valeur « {raw} » : « true » ou « false » attendu.")


def id_list(raw: str) -> tuple[str, ...]:
    """A OneRoster list cell: values separated by commas (spaces around them ignored)."""
    if not raw.strip():
        return ()
    return tuple(part.strip() for part in raw.split(",") if part.strip())


_USER_ID = re.compile(r"\{\s*([^:{}]+?)\s*:\s*([^{}]*?)\s*\}")


def user_ids(raw: str) -> dict[str, str]:
    """``{type:identifier},{type:identifier}`` → {type: identifier}; types compared without case."""
    text = raw.strip()
    if not text:
        return {}
    found: dict[str, str] = {}
    position = 0
    for match in _USER_ID.finditer(text):
        between = text[position:match.start()].strip(" ,")
        if between:
            break
        found[intern(match.group(1).lower())] = match.group(2)
        position = match.end()
    if text[position:].strip(" ,") or not found:
        raise ValueProblem(f"valeur « {raw} » illisible : forme attendue {{type:identifiant}}, "
                           "par exemple {codePermanent:TREM12345678}.")
    return found


def grade(raw: str) -> str:
    """A CEDS grade code; "7" (leading zero dropped by Excel) is read as "07"."""
    text = raw.strip().upper()
    if text.isdigit() and len(text) == 1:
        text = f"0{text}"
    return text


# --- dates -------------------------------------------------------------------------------------

ISO = "AAAA-MM-JJ"


@dataclass(frozen=True)
class ParsedDate:
    value: date
    layout: str  # how it was written: "AAAA-MM-JJ", "JJ/MM/AAAA", "MM/JJ/AAAA"…


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_YMD_SLASH = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})")


def parse_date(raw: str) -> ParsedDate:
    """A date in one of the layouts real exports use, read only when it is unambiguous.

    ISO 8601 (with or without a time) is the standard's. Day and month in either order are read
    when one of them is above 12; "03/04/2012" could be March or April and is refused.
    """
    text = raw.strip()
    accepted = "formats acceptés : AAAA-MM-JJ (normal), AAAA/MM/JJ, JJ/MM/AAAA ou MM/JJ/AAAA si le jour dépasse 12"
    if match := _ISO_DATE.fullmatch(text):
        return ParsedDate(_make(raw, int(match[1]), int(match[2]), int(match[3])), ISO)
    if match := _YMD_SLASH.fullmatch(text):
        return ParsedDate(_make(raw, int(match[1]), int(match[2]), int(match[3])), "AAAA/MM/JJ")
    if match := _COMPACT.fullmatch(text):
        return ParsedDate(_make(raw, int(match[1]), int(match[2]), int(match[3])), "AAAAMMJJ")
    if match := _DMY.fullmatch(text):
        first, sep, second, year_text = int(match[1]), match[2], int(match[3]), match[4]
        if len(year_text) != 4:
            raise ValueProblem(f"date « {raw} » : l'année sur deux chiffres est ambiguë (siècle) ; {accepted}.")
        year = int(year_text)
        if first > 12 >= second:
            return ParsedDate(_make(raw, year, second, first), f"JJ{sep}MM{sep}AAAA")
        if second > 12 >= first:
            return ParsedDate(_make(raw, year, first, second), f"MM{sep}JJ{sep}AAAA")
        if first == second:
            return ParsedDate(_make(raw, year, first, second), f"JJ{sep}MM{sep}AAAA")
        raise ValueProblem(f"date « {raw} » ambiguë : jour et mois peuvent être inversés "
                           f"({first:02d}/{second:02d} ou {second:02d}/{first:02d}) ; écrivez-la AAAA-MM-JJ.")
    if text.isdigit() and 3 <= len(text) <= 5:
        raise ValueProblem(f"date « {raw} » : c'est un numéro de série de date Excel, pas une date ; "
                           f"enregistrez la colonne au format texte AAAA-MM-JJ.")
    raise ValueProblem(f"date « {raw} » illisible ; {accepted}.")


def _make(raw: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem(f"date « {raw} » impossible (ce jour n'existe pas).") from None


def excel_mangled(raw: str) -> bool:
    """A number Excel turned into scientific notation ("4.70524E+06"): the digits are lost."""
    return bool(re.fullmatch(r"\d+[.,]\d+E\+\d+", raw.strip(), flags=re.IGNORECASE))


# --- Vitrail's own extension columns (``metadata.`` + these) -------------------------------------
# What OneRoster has no column for but a board exported by Vitrail must keep on its way back.
# A SIS does not write them; without them the documented defaults apply.

class Meta:
    LEVEL = "vitrail.level"              # orgs (school): primary | secondary
    ADDRESS = "vitrail.address"          # orgs (school), users (guardian)
    PHONE = "vitrail.phone"              # orgs (school)
    FAX = "vitrail.fax"                  # orgs (school)
    EMAIL = "vitrail.email"              # orgs (school)
    DIRECTION = "vitrail.direction"      # orgs (school): the names of its direction
    GROUP = "vitrail.group"              # classes (scheduled): sourcedId of the homeroom class it is taught to
    SCHEDULE = "vitrail.schedule"        # classes (scheduled): "day|period|start|end|room;…"
    AGENTS = "vitrail.agents"            # users (student): JSON [{id, rank, relationship, livesWith}]
    WORK_PHONE = "vitrail.workPhone"     # users (guardian)
    OTHER_PHONE = "vitrail.otherPhone"   # users (guardian)
    EMERGENCY = "vitrail.emergency"      # users (relative): true when an emergency contact


# A school's columns that come from Vitrail's org extension columns.
SCHOOL_META_FIELDS = {Meta.LEVEL: "level", Meta.ADDRESS: "address", Meta.PHONE: "phone", Meta.FAX: "fax",
                      Meta.EMAIL: "email", Meta.DIRECTION: "direction_names"}


def local_sourced_id(kind: str, row_id: int) -> str:
    """The sourcedId Vitrail gives a record that never came from a SIS (the demo board, say).

    Stable for the life of the database, so exporting it and importing the export back finds the
    same records; never stored until an import says otherwise.
    """
    return f"vitrail-{kind}-{row_id}"
