"""Portal settings and visibility-policy overrides, per board or school, and their versions.

A row of ``Setting`` overrides one key of the shipped defaults (``resources/policy``) for one
scope. The engine reads defaults + board rows + school rows. ``SettingsVersion`` keeps each
saved change set (before/after per key) so direction can list, compare and roll back.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Versioned


class SettingScope(StrEnum):
    """Who a setting is chosen for. ``Setting`` rows are per board or per school; the one setting
    chosen per staff member (publishing one's email to parents) lives on ``Staff``."""

    BOARD = "board"
    SCHOOL = "school"
    STAFF = "staff"


SCOPES = (SettingScope.BOARD, SettingScope.SCHOOL)  # the scopes of ``Setting`` rows


class Setting(Versioned, Base):
    __tablename__ = "setting"
    # AUTOINCREMENT: SQLite would otherwise reuse a deleted row's id, and the audit log's
    # ``setting`` entries could name two settings (migration 0002_setting_autoincrement).
    __table_args__ = (UniqueConstraint("scope", "scope_id", "key"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))  # one of SCOPES
    scope_id: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(Text)  # JSON


class SettingsVersion(Base):
    __tablename__ = "settings_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    os_user: Mapped[str] = mapped_column(String(100))
    workstation: Mapped[str] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text)  # JSON list of {scope, scope_id, key, before, after}
