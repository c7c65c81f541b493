"""From what the SIS says (``Roster``) to the Vitrail records it means (``Target``), per sync.md §1.

Each OneRoster record is matched to the Vitrail row it is: by sourcedId first (the one stored, or
the one Vitrail's own export gives a row that has none), then by the natural key Vitrail already
had — a student by (board, fiche), a school or a board by its code, a homeroom group by (school,
year, code), a staff member by (board, username). A reference that leads nowhere, a value Vitrail
cannot store, a record that could be two things: each is a problem naming the file, line and
field, and nothing is guessed. Where OneRoster has no column, Vitrail's ``metadata.vitrail.*``
extension is read when present, and otherwise the documented default applies (and is said).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from sys import intern
from typing import Any

from desktop.services.calendar import school_year_of
from desktop.services.sync import oneroster as fmt
from desktop.services.sync.oneroster import ClassType, Meta, Role
from desktop.services.sync.problems import ProblemLog
from desktop.services.sync.records import SPECS, Kind, Target
from desktop.services.sync.roster import Class, Enrollment, Roster, User
from desktop.services.sync.snapshot import Snapshot


class Category(StrEnum):
    """What a OneRoster user is to Vitrail, from their roles (one user may be two: a teacher and a parent)."""

    STUDENT = "student"
    GUARDIAN = "guardian"  # OneRoster parent or guardian: a Vitrail guardian, répondant or not
    CONTACT = "contact"  # OneRoster relative: a contact of the student
    STAFF = "staff"


Ref = Target | int  # a record of this import, or a Vitrail row the source refers to without listing it
ScheduleEntries = tuple[tuple[int, int, str, str, str], ...]  # (cycle day, period, start, end, room)

_PERIOD = re.compile(r"J(\d+)\s*-?\s*P(\d+)", re.IGNORECASE)
_FICHE = re.compile(r"\d{1,7}")


@dataclass
class Mapped:
    """The records the source wants, and what the plan needs to know of its scope."""

    targets: dict[Kind, dict[str, Target]]
    schedules: dict[str, tuple[Target, ScheduleEntries]]
    deactivated_guardians: set[str]  # sourcedIds of guardians marked tobedeleted: their links end
    deleted_contacts: set[str]
    boards_in_scope: set[int]  # existing boards the source speaks for (bulk absences apply to them)
    years: frozenset[int]
    staff_to_review: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def nothing(cls, roster: Roster) -> Mapped:
        """No records: what a source whose files could not all be read maps to (its problems say why)."""
        return cls({kind: {} for kind in Kind}, {}, set(), set(), set(), source_years(roster))


def source_years(roster: Roster) -> frozenset[int]:
    """The school years the classes of the source belong to (read before loading the snapshot)."""
    years = {school_year_of(s.start) for s in roster.sessions.values() if s.start}
    return frozenset(years)


class Resolver:
    """One mapping run; ``resolve()`` returns ``Mapped`` and leaves its problems in ``problems``."""

    def __init__(self, roster: Roster, snapshot: Snapshot, problems: ProblemLog) -> None:
        self.roster = roster
        self.snapshot = snapshot
        self.problems = problems
        self.targets: dict[Kind, dict[str, Target]] = {kind: {} for kind in Kind}
        self.claimed: dict[tuple[Kind, int], Target] = {}
        self.class_year: dict[str, int] = {}
        self.categories: dict[str, frozenset[Category]] = {}
        self.notes: Counter[str] = Counter()
        self.mapped = Mapped(self.targets, {}, set(), set(), set(), source_years(roster))
        self._provided: dict[tuple[str, str], bool] = {}
        self._natural_keys()

    def _natural_keys(self) -> None:
        s = self.snapshot
        self.board_by_code = {s[Kind.BOARD].get(i, "code"): i for i in s[Kind.BOARD].ids}
        self.school_by_code = {s[Kind.SCHOOL].get(i, "code"): i for i in s[Kind.SCHOOL].ids}
        self.student_by_fiche = {(board, fiche): i for i, (board, fiche) in s[Kind.STUDENT].keys.items()}
        groups = s[Kind.GROUP]
        self.group_by_natural = {(row[0], row[1], row[2]): i for i, row in groups.values.items()}
        course_groups = s[Kind.COURSE_GROUP]
        self.course_group_by_natural = {(row[1], row[3]): i for i, row in course_groups.values.items()}
        staff = s[Kind.STAFF]
        self.staff_by_username = {(row[0], row[6]): i for i, row in staff.values.items() if row[6]}
        self.subject_by_natural = {(row[0], row[1]): i for i, row in s[Kind.SUBJECT].values.items()}
        self.link_by_pair = {pair: i for i, pair in s[Kind.LINK].keys.items()}
        contacts = s[Kind.CONTACT]
        self.contact_by_pair = {(student_id, contacts.effective_sid(i)): i
                                for i, (student_id,) in contacts.keys.items()}

    # --- the run ---------------------------------------------------------------------------------
    def resolve(self) -> Mapped:
        self._orgs()
        self._sessions()
        self._classes()
        self._users()
        self._agents()
        self._enrollments()
        self._course_groups()
        self._school_levels()
        for note, count in self.notes.items():
            self.mapped.notes.append(note.format(count=count))
        self._release()
        return self.mapped

    def _release(self) -> None:
        """Let go of the source's records once mapped: on a large board they weigh as much as the plan.

        The roster is consumed by its mapping (``plan_roster`` plans a roster once).
        """
        for records in (self.roster.users, self.roster.demographics, self.roster.classes, self.roster.courses):
            records.clear()
        self.roster.enrollments.clear()
        for name in ("homerooms", "members", "class_students", "teachers", "responsible", "categories"):
            getattr(self, name).clear()

    # --- helpers ---------------------------------------------------------------------------------
    def error(self, code: str, file: str, line: int | None, column: str | None, message: str) -> None:
        self.problems.error(code, file, line, column, message)

    def add(self, target: Target, existing: int | None, sid: str | None = None) -> Target | None:
        """Register ``target`` as matching row ``existing`` (None: new); refuse two records for one row.

        ``sid`` is the record's sourcedId when it is not its key (a contact's key names its student too).
        """
        if existing is not None:
            other = self.claimed.get((target.kind, existing))
            if other is not None:
                self.error("same_record", target.file, target.line, None,
                           f"« {target.key} » et « {other.key} » (ligne {other.line}) désignent le même "
                           f"enregistrement de Vitrail ({target.label}) : un seul des deux peut l'être.")
                return None
            self.claimed[(target.kind, existing)] = target
            target.id = existing
            if SPECS[target.kind].sourced and self.snapshot[target.kind].effective_sid(existing) != (sid or target.key):
                target.sourced_id = sid or target.key
        elif SPECS[target.kind].sourced:
            target.sourced_id = sid or target.key
        self.targets[target.kind][target.key] = target
        return target

    def existing(self, kind: Kind, sourced_id: str) -> int | None:
        return self.snapshot[kind].by_sid.get(sourced_id)

    def ref(self, kind: Kind, sourced_id: str | None) -> Ref | None:
        """The record of this import with this sourcedId, else the Vitrail row known by it."""
        if not sourced_id:
            return None
        target = self.targets[kind].get(sourced_id)
        return target if target is not None else self.existing(kind, sourced_id)

    def value(self, kind: Kind, ref: Ref, column: str) -> Any:
        """A column of a referenced record: from the import when it gives it, else from Vitrail."""
        if isinstance(ref, Target):
            if column in ref.values:
                return ref.values[column]
            if ref.id is None:
                return None
            ref = ref.id
        return self.snapshot[kind].get(ref, column)

    @staticmethod
    def ref_id(ref: Ref | None) -> int | None:
        if isinstance(ref, Target):
            return ref.id
        return ref

    @classmethod
    def same(cls, a: Ref | None, b: Ref | None) -> bool:
        """Whether two references lead to the same record (an import record, or a Vitrail row)."""
        if a is b:
            return a is not None
        first, second = cls.ref_id(a), cls.ref_id(b)
        return first is not None and first == second

    def provided(self, file: str, column: str) -> bool:
        key = (file, column)
        known = self._provided.get(key)
        if known is None:
            known = self._provided[key] = self.roster.has_column(file, column)
        return known

    # --- orgs and sessions -----------------------------------------------------------------------
    def _orgs(self) -> None:
        for org in self.roster.orgs.values():
            if org.status == "tobedeleted":
                self.notes[f"{{count}} organisation(s) marquée(s) « tobedeleted » ({fmt.ORGS}) : Vitrail ne "
                           "supprime ni école ni centre de services."] += 1
            if org.type == "district":
                board = Target(Kind.BOARD, org.sourced_id, f"{org.name} ({org.identifier})", org.file, org.line,
                               values={"code": org.identifier, "name": org.name})
                matched = self.existing(Kind.BOARD, org.sourced_id) or self.board_by_code.get(org.identifier)
                if self.add(board, matched) is not None and matched is not None:
                    self.mapped.boards_in_scope.add(matched)
            elif org.type != "school":
                self.notes[f"{{count}} organisation(s) d'un autre type que « district » ou « school » ({fmt.ORGS}) : "
                           "ignorée(s)."] += 1
        for org in self.roster.orgs.values():
            if org.type == "school":
                self._school(org)

    def _school(self, org: Any) -> None:
        board = self.ref(Kind.BOARD, org.parent)
        if board is None:
            parent = self.roster.orgs.get(org.parent or "")
            why = (f"« {org.parent} » n'est pas un centre de services (type « {parent.type} »)" if parent
                   else f"centre de services « {org.parent} » introuvable" if org.parent else "valeur absente")
            self.error("reference_missing", org.file, org.line, "parentSourcedId",
                       f"l'école « {org.name} » doit relever d'un centre de services (org de type « district ») : "
                       f"{why}.")
            return
        values: dict[str, Any] = {"board_id": board, "code": org.identifier, "name": org.name}
        for meta, column in fmt.SCHOOL_META_FIELDS.items():
            if self.provided(fmt.ORGS, fmt.METADATA_PREFIX + meta):
                values[column] = org.meta.get(meta, "")
        level = values.get("level")
        if level is not None and level not in ("primary", "secondary"):
            if level:
                self.error("enum_unknown", org.file, org.line, fmt.METADATA_PREFIX + Meta.LEVEL,
                           f"valeur « {level} » inconnue ; valeurs permises : « primary », « secondary ».")
            del values["level"]
        school = Target(Kind.SCHOOL, org.sourced_id, f"{org.name} ({org.identifier})", org.file, org.line,
                        values=values)
        self.add(school, self.existing(Kind.SCHOOL, org.sourced_id) or self.school_by_code.get(org.identifier))

    def _sessions(self) -> None:
        self.session_year = {sid: school_year_of(s.start) for sid, s in self.roster.sessions.items() if s.start}

    # --- classes ---------------------------------------------------------------------------------
    def _classes(self) -> None:
        self.scheduled: list[Class] = []
        for klass in self.roster.classes.values():
            if klass.status == "tobedeleted":
                self.notes[f"{{count}} classe(s) marquée(s) « tobedeleted » ({fmt.CLASSES}) : les groupes restent "
                           "dans Vitrail, leurs inscriptions ne sont pas lues."] += 1
                continue
            year = self._class_year(klass)
            school = self.ref(Kind.SCHOOL, klass.school)
            if school is None:
                self.error("reference_missing", klass.file, klass.line, "schoolSourcedId",
                           f"école « {klass.school} » introuvable (ni dans {fmt.ORGS} avec le type « school », "
                           "ni dans Vitrail).")
                continue
            if year is None:
                continue
            self.class_year[klass.sourced_id] = year
            if klass.class_type == ClassType.HOMEROOM:
                self._homeroom(klass, school, year)
            else:
                self.scheduled.append(klass)

    def _class_year(self, klass: Class) -> int | None:
        if not klass.terms:
            self.error("value_missing", klass.file, klass.line, "termSourcedIds",
                       "aucune session : l'année scolaire de la classe est inconnue.")
            return None
        years = set()
        for term in klass.terms:
            year = self.session_year.get(term)
            if year is None:
                self.error("reference_missing", klass.file, klass.line, "termSourcedIds",
                           f"session « {term} » introuvable dans {fmt.SESSIONS}.")
                return None
            years.add(year)
        if len(years) > 1:
            self.error("years_mixed", klass.file, klass.line, "termSourcedIds",
                       f"sessions de plusieurs années scolaires ({', '.join(map(str, sorted(years)))}).")
            return None
        return years.pop()

    def _code(self, klass: Class) -> str:
        if klass.code:
            return klass.code
        self.notes[f"{{count}} classe(s) sans « classCode » ({fmt.CLASSES}) : leur titre sert de code."] += 1
        return klass.title

    def _homeroom(self, klass: Class, school: Ref, year: int) -> None:
        code = self._code(klass)
        values: dict[str, Any] = {"school_id": school, "school_year": year, "code": code}
        if klass.grades:
            level_grade = self._grade(klass.grades, klass.file, klass.line)
            if level_grade is not None:
                values["grade"] = level_grade[1]
        group = Target(Kind.GROUP, klass.sourced_id, f"groupe {code} ({year}-{year + 1})", klass.file, klass.line,
                       values=values)
        school_id = self.ref_id(school)
        matched = self.existing(Kind.GROUP, klass.sourced_id) or (
            self.group_by_natural.get((school_id, year, code)) if school_id is not None else None)
        self.add(group, matched)

    def _grade(self, grades: tuple[str, ...], file: str, line: int) -> tuple[str, int] | None:
        if len(set(grades)) > 1:
            self.error("grades_several", file, line, "grades",
                       f"plusieurs niveaux ({', '.join(grades)}) : Vitrail en garde un seul.")
            return None
        level_grade = fmt.GRADE_CODES.get(grades[0])
        if level_grade is None:
            self.error("grade_unknown", file, line, "grades",
                       f"niveau « {grades[0]} » non pris en charge : Vitrail connaît le primaire (01 à 06) et le "
                       "secondaire (07 à 11 pour secondaire 1 à 5).")
        return level_grade

    # --- users -----------------------------------------------------------------------------------
    def _users(self) -> None:
        shared: dict[frozenset[Category], frozenset[Category]] = {}
        for user in self.roster.users.values():
            found = frozenset(_category(role.role) for role in user.roles)
            categories = self.categories[user.sourced_id] = shared.setdefault(found, found)
            if not user.roles:
                self.error("role_missing", user.file, user.line, "role",
                           f"aucun rôle pour « {user.sourced_id} »"
                           + (f" dans {fmt.ROLES}" if self.roster.version == "1.2" else "")
                           + " : impossible de savoir si c'est un élève, un parent ou un membre du personnel.")
                continue
            if Category.STUDENT in categories:
                self._student(user)
            if Category.GUARDIAN in categories:
                self._guardian(user)
            if Category.STAFF in categories:
                self._staff(user)
            if Category.GUARDIAN in categories and user.status == "tobedeleted":
                self.mapped.deactivated_guardians.add(user.sourced_id)
            if Category.CONTACT in categories and user.status == "tobedeleted":
                self.mapped.deleted_contacts.add(user.sourced_id)

    def _org_of(self, user: User, category: Category) -> str | None:
        for role in user.roles:
            if _category(role.role) == category and role.primary and role.org:
                return role.org
        for role in user.roles:
            if _category(role.role) == category and role.org:
                return role.org
        return user.orgs[0] if user.orgs else None

    def _student(self, user: User) -> None:
        org = self._org_of(user, Category.STUDENT)
        school = self.ref(Kind.SCHOOL, org)
        if school is None:
            self.error("reference_missing", user.file, user.line,
                       "orgSourcedIds" if self.roster.version == "1.1" else "orgSourcedId",
                       f"l'élève « {user.sourced_id} » doit être rattaché à une école connue (« {org or ''} » "
                       "introuvable ou n'est pas une école).")
            return
        fiche = user.identifier
        if not _FICHE.fullmatch(fiche):
            self.error("fiche_invalid", user.file, user.line, "identifier",
                       f"numéro de fiche « {fiche} » : au plus 7 chiffres attendus (l'identifiant de l'élève "
                       "dans le centre de services)." if fiche else "numéro de fiche absent.")
            return
        board = self.value(Kind.SCHOOL, school, "board_id")
        values: dict[str, Any] = {"board_id": board, "fiche": fiche, "last_name": user.family_name.strip(),
                                  "first_name": user.given_name.strip(), "school_id": school,
                                  "active": user.status != "tobedeleted"}
        self._code_permanent(user, values)
        level: str | None = None
        if user.grades:
            level_grade = self._grade(user.grades, user.file, user.line)
            if level_grade is not None:
                level, values["grade"] = level_grade
        self._demographics(user, values)
        student = Target(Kind.STUDENT, user.sourced_id, None, user.file, user.line, values=values)
        label = student.label
        student.level = level
        board_id = self.ref_id(board)
        matched = self.existing(Kind.STUDENT, user.sourced_id) or (
            self.student_by_fiche.get((board_id, fiche)) if board_id is not None else None)
        if matched is None:
            for column, why in (("birth_date", "date de naissance"), ("grade", "niveau")):
                if column not in values:
                    source = "birthDate" if column == "birth_date" else "grades"
                    self.error("value_missing", user.file, user.line, source,
                               f"{why} absent(e) pour le nouvel élève {label} : le portail en a besoin.")
                    return
            if "sex" not in student.values:
                student.values["sex"] = ""
        self.add(student, matched)

    def _code_permanent(self, user: User, values: dict[str, Any]) -> None:
        if not self.provided(fmt.USERS, "userIds"):
            return
        code = user.ids.get(fmt.CODE_PERMANENT_ID_TYPE.lower(), "").strip().upper() or None
        if code is not None and len(code) > 12:
            self.error("code_permanent", user.file, user.line, "userIds",
                       f"code permanent « {code} » trop long (12 caractères au plus).")
            return
        values["code_permanent"] = code

    def _demographics(self, user: User, values: dict[str, Any]) -> None:
        record = self.roster.demographics.get(user.sourced_id)
        if record is None:
            return
        if record.birth_date is not None:
            values["birth_date"] = record.birth_date
        if record.sex is not None or self.provided(fmt.DEMOGRAPHICS, "sex"):
            values["sex"] = {"female": "F", "male": "M"}.get(record.sex or "", "")

    def _guardian(self, user: User) -> None:
        values: dict[str, Any] = {"last_name": user.family_name.strip(), "first_name": user.given_name.strip()}
        if self.provided(fmt.USERS, "email"):
            values["email"] = user.email if user.email.strip() else None
        if self.provided(fmt.USERS, "phone"):
            values["home_phone"] = user.phone
        if self.provided(fmt.USERS, "sms"):
            values["cell_phone"] = user.sms
        for meta, column in ((Meta.WORK_PHONE, "work_phone"), (Meta.OTHER_PHONE, "other_phone"),
                             (Meta.ADDRESS, "address")):
            if self.provided(fmt.USERS, fmt.METADATA_PREFIX + meta):
                values[column] = user.meta.get(meta, "")
        guardian = Target(Kind.GUARDIAN, user.sourced_id, None, user.file, user.line, values=values)
        self.add(guardian, self.existing(Kind.GUARDIAN, user.sourced_id))

    def _staff(self, user: User) -> None:
        org = self._org_of(user, Category.STAFF)
        school = self.ref(Kind.SCHOOL, org)
        board = self.value(Kind.SCHOOL, school, "board_id") if school is not None else self.ref(Kind.BOARD, org)
        if board is None:
            self.error("reference_missing", user.file, user.line,
                       "orgSourcedIds" if self.roster.version == "1.1" else "orgSourcedId",
                       f"« {user.sourced_id} » doit être rattaché à une école ou à un centre de services connu "
                       f"(« {org or ''} » introuvable).")
            return
        values: dict[str, Any] = {"board_id": board, "school_id": school, "last_name": user.family_name.strip(),
                                  "first_name": user.given_name.strip()}
        if self.provided(fmt.USERS, "email"):
            values["email"] = user.email.strip()
        if self.provided(fmt.USERS, "username"):
            values["username"] = user.username
        job_class = user.ids.get(fmt.JOB_CLASS_ID_TYPE.lower(), "").strip()
        if job_class:
            values["job_class"] = job_class
        member = Target(Kind.STAFF, user.sourced_id, None, user.file, user.line, values=values)
        board_id = self.ref_id(board)
        matched = self.existing(Kind.STAFF, user.sourced_id) or (
            self.staff_by_username.get((board_id, user.username)) if board_id is not None and user.username else None)
        if matched is None and not job_class:
            role = next(r.role for r in user.roles if _category(r.role) == Category.STAFF)
            member.values["job_class"] = fmt.DEFAULT_JOB_CLASSES.get(role, "3101")
            self.mapped.staff_to_review.append(member)
        self.add(member, matched)

    # --- agents: guardian links and contacts -----------------------------------------------------
    def _agents(self) -> None:
        inverse: dict[str, list[str]] = defaultdict(list)
        for user in self.roster.users.values():
            if self.categories.get(user.sourced_id, frozenset()) & {Category.GUARDIAN, Category.CONTACT}:
                for student_sid in user.agents:
                    inverse[student_sid].append(user.sourced_id)
        guardian_boards: dict[str, set[Any]] = defaultdict(set)
        for student in list(self.targets[Kind.STUDENT].values()):
            user = self.roster.users[student.key]
            agents = list(dict.fromkeys([*user.agents, *inverse.get(student.key, [])]))
            meta = self._agents_meta(user)
            rank = 0
            for agent_sid in agents:
                kind = self._agent_kind(user, agent_sid)
                if kind == Category.GUARDIAN:
                    rank += 1
                    board = self._link(student, agent_sid, meta, rank)
                    if board is not None:
                        guardian_boards[agent_sid].add(board)
                elif kind == Category.CONTACT:
                    self._contact(student, agent_sid, meta)
            if self.categories[student.key] == STUDENT_ONLY:
                del self.roster.users[student.key]  # done with: memory goes back as the board is mapped
        self._guardian_boards(guardian_boards)
        self.roster.users.clear()
        self.roster.demographics.clear()

    def _agents_meta(self, user: User) -> dict[str, dict[str, Any]] | None:
        raw = user.meta.get(Meta.AGENTS)
        if not raw:
            return None
        try:
            entries = json.loads(raw)
            return {str(entry["id"]): entry for entry in entries}
        except (ValueError, TypeError, KeyError):
            self.error("metadata_invalid", user.file, user.line, fmt.METADATA_PREFIX + Meta.AGENTS,
                       "contenu illisible (liste JSON d'objets {id, rank, relationship, livesWith} attendue).")
            return None

    def _agent_kind(self, student: User, agent_sid: str) -> Category | None:
        categories = self.categories.get(agent_sid)
        if categories is None:
            if self.existing(Kind.GUARDIAN, agent_sid) is not None:
                return Category.GUARDIAN
            if self.existing(Kind.CONTACT, agent_sid) is not None:
                return None  # a contact Vitrail has, not in this (delta) file: it stays as it is
            self.error("reference_missing", student.file, student.line, "agentSourcedIds",
                       f"parent ou contact « {agent_sid} » introuvable dans {fmt.USERS} (ni dans Vitrail).")
            return None
        if Category.GUARDIAN in categories:
            return Category.GUARDIAN
        if Category.CONTACT in categories:
            return Category.CONTACT
        self.notes[f"{{count}} lien(s) d'un élève vers une personne qui n'est ni parent, ni tuteur, ni proche "
                   f"({fmt.USERS}, agentSourcedIds) : ignoré(s)."] += 1
        return None

    def _link(self, student: Target, guardian_sid: str, meta: dict[str, dict[str, Any]] | None,
              position: int) -> Any:
        guardian = self.ref(Kind.GUARDIAN, guardian_sid)
        if guardian is None:
            return None  # the guardian's own line was refused: already reported
        entry = (meta or {}).get(guardian_sid)
        values: dict[str, Any] = {"student_id": student, "guardian_id": guardian,
                                  "active": guardian_sid not in self.mapped.deactivated_guardians}
        if meta is not None:
            values["respondent_rank"] = entry.get("rank") if entry else None
            values["relationship_label"] = str(entry.get("relationship") or "") if entry else ""
            values["lives_with"] = bool(entry.get("livesWith", True)) if entry else True
        else:
            values["respondent_rank"] = position if position <= 2 else None
        pair = (student.id, self.ref_id(guardian))
        matched = self.link_by_pair.get(pair) if None not in pair else None
        if matched is None and meta is None:
            role = next((r.role for r in self.roster.users[guardian_sid].roles if r.role in fmt.GUARDIAN_ROLES),
                        "parent") if guardian_sid in self.roster.users else "parent"
            values["relationship_label"] = "Tuteur" if role == Role.GUARDIAN else "Parent"
        label = None if isinstance(guardian, Target) else (
            f"{student.label} : {self.value(Kind.GUARDIAN, guardian, 'last_name')}, "
            f"{self.value(Kind.GUARDIAN, guardian, 'first_name')}")
        link = Target(Kind.LINK, f"{student.key}>{guardian_sid}", label, student.file, student.line, values=values)
        self.add(link, matched)
        return self.value(Kind.STUDENT, student, "board_id")

    def _contact(self, student: Target, contact_sid: str, meta: dict[str, dict[str, Any]] | None) -> None:
        user = self.roster.users[contact_sid]
        values: dict[str, Any] = {"student_id": student,
                                  "name": f"{user.given_name.strip()} {user.family_name.strip()}".strip(),
                                  "phone": user.phone or user.sms}
        matched = self.contact_by_pair.get((student.id, contact_sid)) if student.id is not None else None
        entry = (meta or {}).get(contact_sid)
        if entry is not None or matched is None:
            values["relationship_label"] = str((entry or {}).get("relationship") or "Proche")
        if self.provided(fmt.USERS, fmt.METADATA_PREFIX + Meta.EMERGENCY):
            emergency = user.meta.get(Meta.EMERGENCY, "").strip().lower()
            values["is_emergency"] = emergency in ("true", "1", "oui", "vrai")
        elif matched is None:
            values["is_emergency"] = False
        contact = Target(Kind.CONTACT, f"{student.key}>{contact_sid}", None,
                         user.file, user.line, values=values)
        self.add(contact, matched, sid=contact_sid)

    def _guardian_boards(self, boards: dict[str, set[Any]]) -> None:
        for sid, guardian in list(self.targets[Kind.GUARDIAN].items()):
            found = boards.get(sid, set())
            if len(found) > 1:
                self.error("boards_several", guardian.file, guardian.line, "agentSourcedIds",
                           f"{guardian.label} est parent d'élèves de deux centres de services : Vitrail tient un "
                           "dossier de parent par centre de services ; exportez-les séparément.")
            elif found:
                guardian.values["board_id"] = found.pop()
            elif guardian.id is None:
                user = self.roster.users[sid]
                board = self.ref(Kind.BOARD, user.orgs[0] if user.orgs else None)
                if board is None:
                    del self.targets[Kind.GUARDIAN][sid]
                    self.notes[f"{{count}} parent(s) ou tuteur(s) sans élève ni centre de services ({fmt.USERS}) : "
                               "non importé(s)."] += 1
                else:
                    guardian.values["board_id"] = board

    # --- enrollments -----------------------------------------------------------------------------
    def _enrollments(self) -> None:
        self.homerooms: dict[str, list[tuple[Target, Target]]] = defaultdict(list)  # student → (student, group)
        self.members: dict[str, list[Target]] = defaultdict(list)  # group sid → students placed in it
        self.responsible: dict[str, list[Any]] = defaultdict(list)  # group sid → staff refs
        self.class_students: dict[str, list[Target]] = defaultdict(list)  # scheduled class sid → students
        self.teachers: dict[str, list[tuple[str, Any]]] = defaultdict(list)  # scheduled class sid → staff
        bulk = self.roster.mode(fmt.ENROLLMENTS) == "bulk"
        read = self.roster.mode(fmt.ENROLLMENTS) != "absent"
        for enrollment in self.roster.enrollments:
            if enrollment.status == "tobedeleted":
                if not bulk:
                    self.notes[f"{{count}} inscription(s) marquée(s) « tobedeleted » dans un fichier partiel (delta) "
                               f"({fmt.ENROLLMENTS}) : non appliquée(s) ; importez un fichier complet (bulk)."] += 1
                continue
            self._enrollment(enrollment)
        if read:
            self._place_students(bulk)
            self._responsibles(bulk)

    def _place_students(self, bulk: bool) -> None:
        for student in self.targets[Kind.STUDENT].values():
            groups = self.homerooms.get(student.key, [])
            if groups:
                self._student_group(student, groups)
            elif bulk:
                student.values["group_id"] = None

    def _responsibles(self, bulk: bool) -> None:
        for group in self.targets[Kind.GROUP].values():
            staff = self.responsible.get(group.key, [])
            if len(staff) > 1:
                self.error("responsible_several", group.file, group.line, None,
                           f"{group.label} a {len(staff)} enseignants inscrits comme titulaire (« primary » à "
                           "« true ») ; un seul est permis.")
            elif staff or bulk:
                group.values["responsible_id"] = staff[0] if staff else None
            self._group_grade(group)

    def _enrollment(self, enrollment: Enrollment) -> None:
        klass = self.roster.classes.get(enrollment.class_id)
        if klass is None:
            if self.existing(Kind.GROUP, enrollment.class_id) is None and \
                    self.existing(Kind.COURSE_GROUP, enrollment.class_id) is None:
                self.error("reference_missing", enrollment.file, enrollment.line, "classSourcedId",
                           f"classe « {enrollment.class_id} » introuvable dans {fmt.CLASSES}.")
            return
        if enrollment.class_id not in self.class_year:
            return  # the class itself was refused or is tobedeleted: already said
        categories = self.categories.get(enrollment.user)
        if categories is None:
            self.error("reference_missing", enrollment.file, enrollment.line, "userSourcedId",
                       f"personne « {enrollment.user} » introuvable dans {fmt.USERS}.")
        elif enrollment.role == Role.STUDENT:
            self._student_enrollment(enrollment, klass, categories)
        elif enrollment.role == Role.TEACHER:
            self._teacher_enrollment(enrollment, klass, categories)
        else:
            self.notes[f"{{count}} inscription(s) d'un autre rôle qu'élève ou enseignant ({fmt.ENROLLMENTS}) : "
                       "ignorée(s)."] += 1

    def _student_enrollment(self, enrollment: Enrollment, klass: Class, categories: frozenset[Category]) -> None:
        if Category.STUDENT not in categories:
            self.error("role_mismatch", enrollment.file, enrollment.line, "role",
                       f"« {enrollment.user} » est inscrit comme élève mais n'a pas le rôle « student ».")
            return
        student = self.targets[Kind.STUDENT].get(enrollment.user)
        if student is None:
            return  # refused on its own line: already said
        if klass.class_type == ClassType.HOMEROOM:
            group = self.targets[Kind.GROUP].get(klass.sourced_id)
            if group is not None:
                self.homerooms[student.key].append((student, group))
        else:
            self.class_students[klass.sourced_id].append(student)

    def _teacher_enrollment(self, enrollment: Enrollment, klass: Class, categories: frozenset[Category]) -> None:
        member = self.targets[Kind.STAFF].get(enrollment.user)
        if member is None:
            if Category.STAFF not in categories:
                self.error("role_mismatch", enrollment.file, enrollment.line, "role",
                           f"« {enrollment.user} » est inscrit comme enseignant mais n'est pas du personnel.")
            return
        if klass.class_type == ClassType.SCHEDULED:
            self.teachers[klass.sourced_id].append((enrollment.user, member))
        elif enrollment.primary:
            self.responsible[klass.sourced_id].append(member)
        else:
            self.notes[f"{{count}} enseignant(s) inscrit(s) à un groupe-repère sans être titulaire "
                       f"({fmt.ENROLLMENTS}, primary=false) : Vitrail n'en garde que le titulaire."] += 1

    def _student_group(self, student: Target, groups: list[tuple[Target, Any]]) -> None:
        latest = max(group.values["school_year"] for _, group in groups)
        current = [group for _, group in groups if group.values["school_year"] == latest]
        if len(current) > 1:
            self.error("homeroom_several", student.file, student.line, None,
                       f"{student.label} est inscrit dans {len(current)} groupes-repères la même année "
                       f"({', '.join(g.values['code'] for g in current)}).")
            return
        group = current[0]
        if not self.same(group.values["school_id"], student.values["school_id"]):
            self.error("school_mismatch", student.file, student.line, None,
                       f"{student.label} est inscrit au {group.label}, d'une autre école que la sienne.")
            return
        student.values["group_id"] = group
        self.members[group.key].append(student)

    def _group_grade(self, group: Target) -> None:
        if "grade" in group.values or group.id is not None:
            return
        grades = {student.values.get("grade") for student in self.members.get(group.key, [])}
        if len(grades) == 1 and None not in grades:
            group.values["grade"] = grades.pop()
        else:
            self.error("value_missing", group.file, group.line, "grades",
                       f"niveau du {group.label} absent, et ses élèves ne sont pas tous du même niveau.")

    # --- course-groups and schedules -------------------------------------------------------------
    def _course_groups(self) -> None:
        for klass in self.scheduled:
            if klass.sourced_id not in self.class_year:
                continue
            group = self._taught_group(klass)
            subject = self._subject(klass)
            if group is None or subject is None:
                continue
            code = self._code(klass)
            school = self.ref(Kind.SCHOOL, klass.school)
            values = {"school_id": school, "group_id": group, "subject_id": subject, "code": code}
            year = self.class_year[klass.sourced_id]
            target = Target(Kind.COURSE_GROUP, klass.sourced_id, f"{code} ({year}-{year + 1})",
                            klass.file, klass.line, values=values)
            group_id = self.ref_id(group)
            matched = self.existing(Kind.COURSE_GROUP, klass.sourced_id) or (
                self.course_group_by_natural.get((group_id, code)) if group_id is not None else None)
            if self.add(target, matched) is None:
                continue
            for staff_sid, member in self.teachers.get(klass.sourced_id, []):
                assignment = Target(Kind.ASSIGNMENT, f"{staff_sid}@{klass.sourced_id}",
                                    f"{self.value(Kind.STAFF, member, 'last_name')} — {code}", klass.file, klass.line,
                                    values={"staff_id": member, "course_group_id": target})
                self.add(assignment, self._existing_assignment(member, target))
            entries = self._schedule(klass)
            if entries is not None:
                self.mapped.schedules[klass.sourced_id] = (target, entries)

    def _existing_assignment(self, member: Any, course_group: Target) -> int | None:
        staff_id, cg_id = self.ref_id(member), course_group.id
        if staff_id is None or cg_id is None:
            return None
        if not hasattr(self, "_assignment_by_pair"):
            rows = self.snapshot[Kind.ASSIGNMENT].values
            self._assignment_by_pair = {(row[0], row[1]): i for i, row in rows.items()}
        return self._assignment_by_pair.get((staff_id, cg_id))

    def _taught_group(self, klass: Class) -> Any:
        """The homeroom group a course-group is taught to: Vitrail's extension, else its students' group."""
        meta = klass.meta.get(Meta.GROUP)
        if meta:
            group = self.ref(Kind.GROUP, meta)
            if group is None:
                self.error("reference_missing", klass.file, klass.line, fmt.METADATA_PREFIX + Meta.GROUP,
                           f"groupe-repère « {meta} » introuvable.")
            return group
        groups = {_ref_key(student.values.get("group_id")): student.values.get("group_id")
                  for student in self.class_students.get(klass.sourced_id, [])}
        if len(groups) == 1:
            group = next(iter(groups.values()))
            if group is not None:
                return group
        self.error("group_unknown", klass.file, klass.line, None,
                   f"classe « {klass.title or klass.sourced_id} » : Vitrail rattache chaque groupe-matière à un "
                   "groupe-repère, et ses élèves inscrits " + ("sont de plusieurs groupes-repères." if groups
                                                               else "sont absents.")
                   + f" Ajoutez la colonne metadata.{Meta.GROUP}.")
        return None

    def _subject(self, klass: Class) -> Target | int | None:
        course = self.roster.courses.get(klass.course or "")
        code = klass.subject_codes[0] if klass.subject_codes else (
            course.subject_codes[0] if course and course.subject_codes else course.code if course else "")
        if not code:
            self.error("value_missing", klass.file, klass.line, "subjectCodes",
                       "matière inconnue : ni « subjectCodes » sur la classe, ni code sur son cours.")
            return None
        # The course's title first: a subject's name may hold a comma, which splits OneRoster's "subjects" list.
        name = (course.title if course and course.title else klass.subjects[0] if klass.subjects else "") or code
        school = self.ref(Kind.SCHOOL, klass.school)
        board = self.value(Kind.SCHOOL, school, "board_id") if school is not None else None
        if board is None:
            return None
        board_id = self.ref_id(board)
        key = f"{board.key if isinstance(board, Target) else f'#{board}'}/{code}"
        existing = self.targets[Kind.SUBJECT].get(key)
        if existing is not None:
            return existing
        matched = self.subject_by_natural.get((board_id, code)) if board_id is not None else None
        values = {"board_id": board, "code": code, "name": name}
        if matched is not None:
            del values["name"]  # a subject's name is Vitrail's (the SIS's course titles vary)
        subject = Target(Kind.SUBJECT, key, f"{code} — {name}", klass.file, klass.line, values=values)
        return self.add(subject, matched)

    def _schedule(self, klass: Class) -> ScheduleEntries | None:
        raw = klass.meta.get(Meta.SCHEDULE)
        if self.provided(fmt.CLASSES, fmt.METADATA_PREFIX + Meta.SCHEDULE):
            return self._schedule_meta(klass, raw or "")
        if not klass.periods:
            return None
        entries = []
        for period in klass.periods:
            match = _PERIOD.fullmatch(period.strip())
            if match is None:
                self.notes[f"{{count}} période(s) d'une forme que Vitrail ne lit pas ({fmt.CLASSES}, « periods » ; "
                           "forme attendue J1P3 : jour 1 du cycle, période 3) : horaire non importé."] += 1
                return None
            entries.append((int(match[1]), int(match[2]), "", "", klass.location))
        return tuple(entries)

    def _schedule_meta(self, klass: Class, raw: str) -> ScheduleEntries | None:
        entries = []
        for part in filter(None, raw.split(";")):
            pieces = part.split("|")
            if len(pieces) != 5 or not pieces[0].isdigit() or not pieces[1].isdigit():
                self.error("metadata_invalid", klass.file, klass.line, fmt.METADATA_PREFIX + Meta.SCHEDULE,
                           f"période « {part} » illisible (forme attendue jour|période|début|fin|local).")
                return None
            entries.append((int(pieces[0]), int(pieces[1]), intern(pieces[2]), intern(pieces[3]), intern(pieces[4])))
        return tuple(entries)

    # --- schools' level --------------------------------------------------------------------------
    def _school_levels(self) -> None:
        levels: dict[tuple[str, int], set[str]] = defaultdict(set)
        for student in self.targets[Kind.STUDENT].values():
            level = student.level
            school = student.values["school_id"]
            if level is None:
                continue
            known = self.value(Kind.SCHOOL, school, "level")
            if known and known != level:
                self.error("level_mismatch", student.file, student.line, "grades",
                           f"{student.label} : niveau du {'secondaire' if level == 'secondary' else 'primaire'} "
                           "dans une école de l'autre ordre d'enseignement.")
            levels[_ref_key(school)].add(level)
        for school in self.targets[Kind.SCHOOL].values():
            if "level" in school.values:
                continue
            found = levels.get(_ref_key(school), set())
            if len(found) == 1:
                school.values["level"] = found.pop()
            elif school.id is None:
                self.error("level_unknown", school.file, school.line, "metadata." + Meta.LEVEL,
                           f"ordre d'enseignement de l'école {school.label} inconnu (primaire ou secondaire) : "
                           "ses élèves ne le disent pas.")


STUDENT_ONLY = frozenset({Category.STUDENT})


def _ref_key(ref: Ref | None) -> tuple[str, int]:
    """A reference as a dict key: the record of this import itself, or the Vitrail row's id."""
    if isinstance(ref, Target):
        return ("import", id(ref)) if ref.id is None else ("row", ref.id)
    return ("row", ref) if ref is not None else ("none", 0)


def _category(role: str) -> Category:
    if role == Role.STUDENT:
        return Category.STUDENT
    if role in fmt.GUARDIAN_ROLES:
        return Category.GUARDIAN
    if role in fmt.CONTACT_ROLES:
        return Category.CONTACT
    return Category.STAFF
