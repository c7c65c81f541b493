"""one active NIP per (student, guardian), enforced by the database

Two workstations issuing a NIP for the same guardian of the same student at the same moment
could each revoke the old NIP and add their own, leaving two valid NIPs (issue 13, item 2).
A partial unique index now allows one row with ``revoked_at IS NULL`` per pair (SQLite and
PostgreSQL both support ``WHERE`` on an index). Pairs that already hold several active NIPs
keep the newest; the others are revoked as of the newest one's issue — the moment it should
have replaced them — and each revocation is written to the audit log, as the NIP service does.

Revision ID: 0002_one_active_nip
Revises: 0001
Create Date: 2026-11-24 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_one_active_nip'
down_revision = '0001'
branch_labels = None
depends_on = None

INDEX = 'uq_nip_active_pair'
REVOKED_BY = 'mise à jour 0002'

nip = sa.table('nip', sa.column('id', sa.Integer), sa.column('student_id', sa.Integer),
               sa.column('guardian_id', sa.Integer), sa.column('issued_at', sa.DateTime),
               sa.column('revoked_at', sa.DateTime), sa.column('revoked_by', sa.String))
audit_entry = sa.table('audit_entry', sa.column('at', sa.DateTime), sa.column('os_user', sa.String),
                       sa.column('workstation', sa.String), sa.column('action', sa.String),
                       sa.column('entity', sa.String), sa.column('entity_id', sa.Integer),
                       sa.column('field', sa.String), sa.column('after', sa.Text))


def _revoke_duplicates(connection: sa.Connection) -> None:
    active = connection.execute(
        sa.select(nip.c.id, nip.c.student_id, nip.c.guardian_id, nip.c.issued_at)
        .where(nip.c.revoked_at.is_(None))
        .order_by(nip.c.student_id, nip.c.guardian_id, nip.c.issued_at.desc(), nip.c.id.desc())).all()
    newest_of: dict[tuple[int, int], object] = {}
    for row in active:
        pair = (row.student_id, row.guardian_id)
        if pair not in newest_of:
            newest_of[pair] = row.issued_at
            continue
        connection.execute(nip.update().where(nip.c.id == row.id)
                           .values(revoked_at=newest_of[pair], revoked_by=REVOKED_BY))
        connection.execute(audit_entry.insert().values(
            at=newest_of[pair], os_user=REVOKED_BY, workstation='Vitrail', action='nip_revoked', entity='nip',
            entity_id=row.id, field='student_guardian',
            after=f'élève {row.student_id}, répondant {row.guardian_id} (doublon : un NIP plus récent est actif)'))


def upgrade() -> None:
    _revoke_duplicates(op.get_bind())
    op.create_index(INDEX, 'nip', ['student_id', 'guardian_id'], unique=True,
                    sqlite_where=sa.text('revoked_at IS NULL'), postgresql_where=sa.text('revoked_at IS NULL'))


def downgrade() -> None:
    op.drop_index(INDEX, table_name='nip')
