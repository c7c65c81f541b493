"""What a OneRoster source says, as plain records: the same whether read from CSV or from REST.

Only what Vitrail uses is kept (a 100,000-student export is read into memory whole). Each record
remembers where it came from (``file`` and ``line``; for REST, the endpoint and page) so that a
problem found later — a dangling reference, a student without a birth date — still names them.
Values are already parsed (dates, booleans, lists); empty cells are ``None`` or empty tuples.
``provided`` on a record lists the optional columns the source had at all: a column absent from
the file leaves Vitrail's value alone, an empty cell in a present column clears it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from sys import intern

from desktop.services.sync.oneroster import COLUMNS


class MetaCells:
    """A record's ``metadata.*`` extension values, by key without the prefix (``get`` as on a dict).

    The keys are the file's, shared by all its rows; each row keeps a tuple of values. A dict per
    row would cost a quarter of a kilobyte, times half a million users.
    """

    __slots__ = ("_keys", "_values")

    def __init__(self, keys: Mapping[str, int], values: tuple[str, ...]) -> None:
        self._keys = keys
        self._values = values

    @classmethod
    def of(cls, values: Mapping[str, str]) -> MetaCells:
        """From a dict (a REST client's JSON ``metadata`` object, say)."""
        return cls({key: index for index, key in enumerate(values)}, tuple(values.values()))

    def get(self, key: str, default: str = "") -> str:
        """The value, or ``default`` when the key is absent or its cell empty."""
        index = self._keys.get(key)
        value = self._values[index] if index is not None else ""
        return value if value.strip() else default

    def __bool__(self) -> bool:
        return any(value.strip() for value in self._values)


NO_META = MetaCells({}, ())


def short(value: str) -> str:
    """Short values ("true", "primary") shared between rows instead of one copy each."""
    return intern(value) if len(value) <= 8 else value


@dataclass(slots=True)
class Org:
    sourced_id: str
    status: str
    name: str
    type: str
    identifier: str
    parent: str | None
    meta: MetaCells
    file: str
    line: int


@dataclass(slots=True)
class AcademicSession:
    sourced_id: str
    status: str
    title: str
    type: str
    start: date | None
    end: date | None
    parent: str | None
    school_year: str
    file: str
    line: int


@dataclass(slots=True)
class Course:
    sourced_id: str
    status: str
    title: str
    code: str
    org: str | None
    subject_codes: tuple[str, ...]
    file: str
    line: int


@dataclass(slots=True)
class Class:
    sourced_id: str
    status: str
    title: str
    code: str
    class_type: str
    course: str | None
    school: str
    terms: tuple[str, ...]
    subject_codes: tuple[str, ...]
    subjects: tuple[str, ...]
    periods: tuple[str, ...]
    location: str
    grades: tuple[str, ...]
    meta: MetaCells
    file: str
    line: int


@dataclass(slots=True)
class UserRole:
    role: str
    org: str | None
    primary: bool


@dataclass(slots=True)
class User:
    sourced_id: str
    status: str
    roles: list[UserRole]
    username: str
    ids: dict[str, str]  # userIds by type, lower-cased
    given_name: str
    family_name: str
    identifier: str
    email: str
    sms: str
    phone: str
    agents: tuple[str, ...]
    grades: tuple[str, ...]
    orgs: tuple[str, ...]  # 1.1 orgSourcedIds, or 1.2 primaryOrgSourcedId
    meta: MetaCells
    file: str
    line: int


@dataclass(slots=True)
class Enrollment:
    status: str
    class_id: str
    user: str
    role: str
    primary: bool
    file: str
    line: int


@dataclass(slots=True)
class Demographics:
    sourced_id: str
    status: str
    birth_date: date | None
    sex: str | None
    file: str
    line: int


@dataclass
class Roster:
    """Everything one source says. ``modes`` gives each file's manifest mode: bulk, delta or absent.

    In a bulk file, a record that is not there has left (students and guardian links are then
    deactivated); in a delta file, only the records named are touched. A REST client fills a
    Roster from its JSON pages (files named as in CSV: ``users.csv``…; mode "bulk" for a full sync,
    "delta" for a ``dateLastModified`` run), calls ``provide_all`` and hands it to
    ``Vitrail.sync.plan_roster``. Planning consumes the roster: its records are released as they
    are mapped.
    """

    version: str
    source: str
    fingerprint: str
    modes: dict[str, str]
    orgs: dict[str, Org] = field(default_factory=dict)
    sessions: dict[str, AcademicSession] = field(default_factory=dict)
    courses: dict[str, Course] = field(default_factory=dict)
    classes: dict[str, Class] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    enrollments: list[Enrollment] = field(default_factory=list)
    demographics: dict[str, Demographics] = field(default_factory=dict)
    provided: dict[str, frozenset[str]] = field(default_factory=dict)  # file → columns present
    # Files whose header could not be read: nothing in them is known, so nothing is mapped (a
    # thousand "not found" errors would only hide the one that matters).
    unreadable: set[str] = field(default_factory=set)

    def mode(self, file: str) -> str:
        return self.modes.get(file, "absent")

    def has_column(self, file: str, column: str) -> bool:
        return column in self.provided.get(file, frozenset())

    def provide_all(self, extension_columns: tuple[str, ...] = ()) -> None:
        """Say every standard column is present in every file (a REST source, whose JSON has them all).

        ``extension_columns`` are the ``metadata.…`` keys the source gives (``metadata.vitrail.agents``…).
        """
        for file, versions in COLUMNS.items():
            self.provided[file] = frozenset(versions.get(self.version, ())) | frozenset(extension_columns)
