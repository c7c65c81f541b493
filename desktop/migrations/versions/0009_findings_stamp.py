"""findings stamp: the kept findings say what they were computed from, so they need no recomputing

Beside each person's kept findings, the board stamp of what they were computed from (rows,
versions and highest id of each table the findings read, and the import runs). When the board's
stamp at opening is the kept one, the Constats page lists the kept findings as current and
computes nothing; the board-wide computation runs after an import or a change made elsewhere
(issue 15, item 3).

Revision ID: 0007_findings_stamp
Revises: 0006_findings_snapshot
Create Date: 2026-12-02 13:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_findings_stamp'
down_revision = '0006_findings_snapshot'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Looked up rather than ADD COLUMN IF NOT EXISTS, which SQLite does not know: a database whose
    # version stamp was set back (a test does) runs this again.
    columns = {column['name'] for column in sa.inspect(op.get_bind()).get_columns('findings_snapshot')}
    if 'board_stamp' not in columns:
        op.add_column('findings_snapshot', sa.Column('board_stamp', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('findings_snapshot') as batch:
        batch.drop_column('board_stamp')
