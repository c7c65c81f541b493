"""import runs: OneRoster keys, active flags and SIS values on the imported records

Revision ID: 0002_import_runs
Revises: 0002_setting_autoincrement
Create Date: 2026-11-23 10:00:00

Self-contained: it only adds the ``import_run`` table and new columns (nothing existing is
renamed or dropped), so it can be chained after or before another 0002 by changing
``down_revision`` alone.

Every change here is a plain ``ALTER TABLE … ADD COLUMN`` on SQLite: a constant server default
("1") and no new foreign key, because anything else makes Alembic's batch mode rebuild the table,
and rebuilding ``student`` with foreign keys on cascades the drop to every row that refers to it.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_import_runs'
down_revision = '0002_setting_autoincrement'
branch_labels = None
depends_on = None

# Every imported entity keeps its OneRoster sourcedId.
_SOURCED = ('school_board', 'school', 'staff', 'student', 'guardian', 'contact', 'homeroom_group', 'course_group')


def upgrade() -> None:
    op.create_table('import_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=False),
    sa.Column('os_user', sa.String(length=100), nullable=False),
    sa.Column('workstation', sa.String(length=200), nullable=False),
    sa.Column('source_kind', sa.String(length=40), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('format_version', sa.String(length=10), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('rows_written', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('state_after', sa.String(length=400), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_run'))
    )
    with op.batch_alter_table('import_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_run_started_at'), ['started_at'], unique=False)

    for table in _SOURCED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('sourced_id', sa.String(length=255), nullable=True))
    with op.batch_alter_table('student', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('sis_values', sa.Text(), nullable=True))
    with op.batch_alter_table('guardian', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sis_values', sa.Text(), nullable=True))
    with op.batch_alter_table('student_guardian', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default='1', nullable=False))
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_run_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_entry_import_run_id'), ['import_run_id'], unique=False)


def downgrade() -> None:
    # Dropping columns rebuilds the tables on SQLite: run it with foreign keys off (Vitrail itself
    # never downgrades), or the rebuild of ``student`` cascades to the rows that refer to it.
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_import_run_id'))
        batch_op.drop_column('import_run_id')
    with op.batch_alter_table('student_guardian', schema=None) as batch_op:
        batch_op.drop_column('active')
    with op.batch_alter_table('guardian', schema=None) as batch_op:
        batch_op.drop_column('sis_values')
    with op.batch_alter_table('student', schema=None) as batch_op:
        batch_op.drop_column('sis_values')
        batch_op.drop_column('active')
    for table in reversed(_SOURCED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('sourced_id')
    with op.batch_alter_table('import_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_run_started_at'))
    op.drop_table('import_run')
