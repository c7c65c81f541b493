"""setting ids never reused (SQLite AUTOINCREMENT)

Revision ID: 0002_setting_autoincrement
Revises: 0002_one_active_nip
Create Date: 2026-11-24 10:00:00

Without AUTOINCREMENT, SQLite hands the id of the newest deleted row to the next one: a setting
reset to its default and another one saved next named the same ``setting.id``, and the audit
log's entries for ``entity = 'setting'`` could then name two settings. The table is rebuilt with
AUTOINCREMENT, and its counter starts past every id the audit log already names, so no id it
recorded is handed out again. PostgreSQL's sequences never reuse an id: nothing to do there.

Self-contained: it touches only ``setting`` (and SQLite's ``sqlite_sequence``).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_setting_autoincrement'
down_revision = '0002_one_active_nip'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return
    with op.batch_alter_table('setting', recreate='always', table_kwargs={'sqlite_autoincrement': True}):
        pass
    highest = bind.execute(sa.text(
        "SELECT max(id) FROM (SELECT max(id) AS id FROM setting "
        "UNION ALL SELECT max(entity_id) FROM audit_entry WHERE entity = 'setting')")).scalar() or 0
    bind.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = 'setting'"))
    bind.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES ('setting', :seq)"), {'seq': highest})


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return
    with op.batch_alter_table('setting', recreate='always', table_kwargs={'sqlite_autoincrement': False}):
        pass
