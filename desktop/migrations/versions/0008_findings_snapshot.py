"""findings snapshot: each person's last findings, listed at once when the Constats page opens

A board-wide computation of the findings takes two seconds or more on a 100,000-student board;
the page now lists the last ones at once, dated, while it computes them again (issue 15, item 3).
One row per login (what a person sees depends on their schools); on PostgreSQL a row-security
policy (``desktop.services.db_roles``, applied after each migration) lets a login read and write
only its own row.

Revision ID: 0006_findings_snapshot
Revises: 0005_student_list_order
Create Date: 2026-12-02 10:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_findings_snapshot'
down_revision = '0005_student_list_order'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'findings_snapshot',
        sa.Column('login', sa.String(length=100), nullable=False),
        sa.Column('computed_at', sa.DateTime(), nullable=False),
        sa.Column('findings', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('login', name=op.f('pk_findings_snapshot')),
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_table('findings_snapshot', if_exists=True)
