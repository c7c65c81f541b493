"""Portal settings and visibility-policy overrides, per board or school, and their versions.

A row of ``Setting`` overrides one key of the shipped defaults (``resources/policy``) for one
scope. The engine reads defaults + board rows + school rows. ``SettingsVersion`` keeps each
saved change set (before/after per key) so direction can list, compare and roll back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Versioned

SCOPES = ("board", "school")


class Setting(Versioned, Base):
    __tablename__ = "setting"
    __table_args__ = (UniqueConstraint("scope", "scope_id", "key"),)

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
