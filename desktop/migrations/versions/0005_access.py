"""access: roles held per school, facts about the database, and the audit log's identity and chain

Revision ID: 0003_access
Revises: 0002_import_runs
Create Date: 2026-12-01 05:00:00

Adds the ``access_grant`` and ``database_info`` tables and three nullable columns to
``audit_entry`` (``login``, ``previous_hash``, ``entry_hash``). Plain ``ADD COLUMN`` only, so
SQLite does not rebuild ``audit_entry``. Entries written before this revision keep a NULL
hash: the chain starts at the first entry that has one.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_access'
down_revision = '0002_import_runs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('access_grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.Column('granted_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_access_grant_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_grant'))
    )
    with op.batch_alter_table('access_grant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_grant_login'), ['login'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_grant_school_id'), ['school_id'], unique=False)
        batch_op.create_index('uq_access_grant', ['login', 'role', 'school_id'], unique=True)
    op.create_table('database_info',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_database_info'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('login', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('previous_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('entry_hash', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_entry_login'), ['login'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_login'))
        batch_op.drop_column('entry_hash')
        batch_op.drop_column('previous_hash')
        batch_op.drop_column('login')
    op.drop_table('database_info')
    with op.batch_alter_table('access_grant', schema=None) as batch_op:
        batch_op.drop_index('uq_access_grant')
        batch_op.drop_index(batch_op.f('ix_access_grant_school_id'))
        batch_op.drop_index(batch_op.f('ix_access_grant_login'))
    op.drop_table('access_grant')
