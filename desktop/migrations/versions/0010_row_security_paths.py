"""row security by key: a person's reads of one student no longer read every student first

Nothing in the tables changes. On a PostgreSQL board whose roles IT set up (``vitrail db
init-roles``), the row-level security policies are rewritten after this migration, as after
every migration (``storage._after_owner_migration`` → ``db_roles.secure_tables``): a board-wide
login is let through before any per-row check, and a row belongs to a visible student or guardian
by a correlated ``EXISTS`` the server can answer by index. With the former ``IN (SELECT …)``
policies, opening one student's file as a board administrator read the board's 100,000 students
(232 ms instead of 6); see ``db_roles._policies``. The revision is what makes IT's ``vitrail db
upgrade`` (or the first opening by IT's login) install them; on SQLite it does nothing.

Revision ID: 0008_row_security_paths
Revises: 0007_findings_stamp
Create Date: 2026-12-03 11:30:00
"""

revision = '0008_row_security_paths'
down_revision = '0007_findings_stamp'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """The policies are the schema owner's to rewrite once the revision is recorded (see above)."""


def downgrade() -> None:
    """The previous policies come back with the previous Vitrail's ``vitrail db init-roles``."""
