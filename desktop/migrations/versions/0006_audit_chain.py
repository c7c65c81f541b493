"""audit chain: the database writes each audit entry's login and chains its hash to the previous entry

Revision ID: 0004_audit_chain
Revises: 0003_access
Create Date: 2026-12-01 05:30:00

A trigger on ``audit_entry`` fills ``login``, ``previous_hash`` and ``entry_hash`` whatever the
client sent, so every path that writes the log (the ORM, a bulk ``executemany``, PostgreSQL's
``COPY``) is chained the same way, with no extra statement from the client:

- PostgreSQL: a BEFORE INSERT trigger (SECURITY DEFINER) takes a transaction advisory lock, so
  concurrent writers chain one after the other, gives the row a fresh id (ids then follow the
  chain's order), sets ``login := session_user`` and hashes with ``sha256``.
- SQLite: an AFTER INSERT trigger calls ``vitrail_login()`` and ``vitrail_audit_hash(…)``, two
  functions every Vitrail connection registers (``desktop.services.storage``); a hashed entry
  can no longer be updated.

The canonical form is ``desktop.services.audit.canonical_entry``: each of ``CHAIN_FIELDS`` as
``~`` when NULL, else ``<length>:<text>``, joined by ``;``; the date as
``YYYY-MM-DD HH:MM:SS.ffffff``. One Python verifier checks both backends. Entries written
before this revision keep a NULL hash: the chain starts at the first entry that has one.
"""
from alembic import op


revision = '0004_audit_chain'
down_revision = '0003_access'
branch_labels = None
depends_on = None

# The order of the fields in the canonical form (desktop.services.audit.CHAIN_FIELDS).
_PG_FIELDS = (
    "NEW.id::text", "to_char(NEW.at, 'YYYY-MM-DD HH24:MI:SS.US')", "NEW.login", "NEW.os_user", "NEW.workstation",
    "NEW.action", "NEW.entity", "NEW.entity_id::text", "NEW.field", "NEW.before", "NEW.after",
    "NEW.import_run_id::text", "NEW.previous_hash",
)

PG_FIELD_FUNCTION = """
CREATE OR REPLACE FUNCTION vitrail_audit_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN value IS NULL THEN '~' ELSE length(value)::text || ':' || value END $$
"""

PG_CHAIN_FUNCTION = """
CREATE OR REPLACE FUNCTION vitrail_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    previous text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.audit_entry'));
    NEW.id := nextval(pg_get_serial_sequence(current_schema() || '.audit_entry', 'id'));
    NEW.login := session_user;
    SELECT entry_hash INTO previous FROM audit_entry
        WHERE entry_hash IS NOT NULL ORDER BY id DESC LIMIT 1;
    NEW.previous_hash := previous;
    NEW.entry_hash := encode(sha256(convert_to(CANONICAL, 'UTF8')), 'hex');
    RETURN NEW;
END
$$
""".replace("CANONICAL", " || ';' || ".join(f"vitrail_audit_field({field})" for field in _PG_FIELDS))

SQLITE_CHAIN_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS audit_entry_chain AFTER INSERT ON audit_entry
BEGIN
    UPDATE audit_entry SET login = vitrail_login(),
        previous_hash = (SELECT a.entry_hash FROM audit_entry AS a
                         WHERE a.id < NEW.id AND a.entry_hash IS NOT NULL ORDER BY a.id DESC LIMIT 1)
    WHERE id = NEW.id;
    UPDATE audit_entry SET entry_hash = vitrail_audit_hash(id, at, login, os_user, workstation, action, entity,
                                                           entity_id, field, before, after, import_run_id,
                                                           previous_hash)
    WHERE id = NEW.id;
END
"""

SQLITE_NO_REWRITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON audit_entry
WHEN OLD.entry_hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'Le journal d''audit ne se modifie pas : on y ajoute seulement.');
END
"""


def _run(*statements: str) -> None:
    # The driver's own SQL: SQLAlchemy's text() would read ":MI" in a date format as a parameter.
    for statement in statements:
        op.get_bind().exec_driver_sql(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        _run(PG_FIELD_FUNCTION, PG_CHAIN_FUNCTION, "DROP TRIGGER IF EXISTS audit_entry_chain ON audit_entry",
             "CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry "
             "FOR EACH ROW EXECUTE FUNCTION vitrail_audit_chain()")
    else:
        _run(SQLITE_CHAIN_TRIGGER, SQLITE_NO_REWRITE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        _run("DROP TRIGGER IF EXISTS audit_entry_chain ON audit_entry", "DROP FUNCTION IF EXISTS vitrail_audit_chain()",
             "DROP FUNCTION IF EXISTS vitrail_audit_field(text)")
    else:
        _run("DROP TRIGGER IF EXISTS audit_entry_no_update", "DROP TRIGGER IF EXISTS audit_entry_chain")
