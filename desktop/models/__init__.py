"""SQLAlchemy entities (no Qt here: a test enforces it)."""

from .access import AccessGrant, DatabaseInfo
from .accounts import FindingsSnapshot, Nip
from .audit import AuditAction, AuditEntry
from .base import Base
from .organisation import (
    LEVELS,
    Competency,
    CourseGroup,
    HomeroomGroup,
    Homework,
    ScheduleEntry,
    School,
    SchoolBoard,
    Staff,
    Subject,
    TeachingAssignment,
)
from .people import Contact, Guardian, Student, StudentGuardian
from .records import (
    AccountStatement,
    Attendance,
    Detention,
    FinalResult,
    FollowUpEvent,
    GroupAverage,
    Intervention,
    Message,
    Observation,
    ReportCard,
    Result,
    SharedResource,
    SupportPlan,
)
from .settings import SCOPES, Setting, SettingScope, SettingsVersion
from .sync import ImportRun

__all__ = [
    "LEVELS", "SCOPES", "AccessGrant", "AccountStatement", "Attendance", "AuditAction", "AuditEntry", "Base",
    "Competency", "Contact", "CourseGroup", "DatabaseInfo", "Detention", "FinalResult", "FindingsSnapshot",
    "FollowUpEvent",
    "GroupAverage", "Guardian", "HomeroomGroup", "Homework", "ImportRun", "Intervention", "Message", "Nip",
    "Observation", "ReportCard", "Result", "ScheduleEntry", "School", "SchoolBoard", "Setting",
    "SettingScope", "SettingsVersion", "SharedResource", "Staff", "Student", "StudentGuardian", "Subject",
    "SupportPlan", "TeachingAssignment",
]
