"""A setting's id is never handed out twice (issue 13, item 13; migration 0002_setting_autoincrement).

SQLite without AUTOINCREMENT reuses the id of the newest deleted row: a setting reset to its
default, then another one saved, had the same ``setting.id``, and the audit log's ``setting``
entries then named two different settings.
"""

from __future__ import annotations

import shutil

from alembic import command
from sqlalchemy import create_engine, select, text

from desktop.models import AuditEntry, Setting
from desktop.services.settings import PortalSettings
from desktop.services.storage import _alembic_config, open_database

from conftest import TEST_ACTOR


def _save(settings: PortalSettings, assignment: str, comment: str) -> None:
    school = settings.target("school", settings.schools()[0].code)
    settings.save([settings.parse_assignment(school, assignment)], comment)


def _setting_ids(database) -> set[int]:
    with database.sessions() as session:
        audited = session.scalars(select(AuditEntry.entity_id).where(AuditEntry.entity == "setting"))
        return set(audited)


def test_a_deleted_settings_id_is_not_given_to_the_next_one(demo_db):
    settings = PortalSettings(demo_db)
    _save(settings, "group_averages=on", "un")
    with demo_db.sessions() as session:
        first = session.scalar(select(Setting.id).where(Setting.key == "group_averages"))
    _save(settings, "group_averages=default", "retour")  # the row is deleted
    _save(settings, "parent_tiles.agenda=off", "deux")
    with demo_db.sessions() as session:
        second = session.scalar(select(Setting.id).where(Setting.key == "parent_tiles.agenda"))
    assert second != first
    assert first in _setting_ids(demo_db)


def test_upgrading_a_0001_database_keeps_rows_and_skips_ids_the_audit_log_names(demo_template, tmp_path):
    path = tmp_path / "ancienne.db"
    shutil.copy(demo_template, path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # back to the schema as 0001 shipped it, with a deleted setting
        command.downgrade(_alembic_config(connection), "0001")
        assert "AUTOINCREMENT" not in connection.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'setting'"))
        connection.execute(text("INSERT INTO setting (id, scope, scope_id, key, value, version) "
                                "VALUES (7, 'school', 1, 'group_averages', 'true', 1)"))
        connection.execute(text("INSERT INTO audit_entry (at, os_user, workstation, action, entity, entity_id) "
                                "VALUES ('2026-11-01', 'u', 'p', 'deleted', 'setting', 9)"))
    engine.dispose()
    database = open_database(f"sqlite:///{path}", actor=TEST_ACTOR)  # upgrades to the head
    try:
        with database.engine.connect() as connection:
            assert "AUTOINCREMENT" in connection.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'setting'"))
            assert connection.execute(text("SELECT id, key FROM setting")).all() == [(7, "group_averages")]
        _save(PortalSettings(database), "parent_tiles.agenda=off", "après la mise à jour")
        with database.sessions() as session:
            assert session.scalar(select(Setting.id).where(Setting.key == "parent_tiles.agenda")) == 10
    finally:
        database.close()
