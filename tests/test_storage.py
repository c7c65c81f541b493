"""Storage: the one door to the database refuses what it must not touch and explains it in French."""

import hashlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import UniqueConstraint, create_engine, inspect, text

from desktop.models import Base
from desktop.services.errors import DatabaseTooNew, DatabaseUnavailable
from desktop.services.storage import head_revision, open_database

from conftest import TEST_ACTOR, _backends
from support.cli import main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_missing_file_is_a_french_message_and_nothing_is_created(tmp_path):
    path = tmp_path / "absente.db"
    with pytest.raises(DatabaseUnavailable, match="introuvable") as caught:
        open_database(f"sqlite:///{path}")
    assert str(path) in str(caught.value)
    assert not path.exists()


def test_a_corrupt_file_is_a_french_message_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "abimee.db"
    path.write_bytes(b"Ceci n'est pas une base SQLite. " * 200)
    before = _digest(path)
    with pytest.raises(DatabaseUnavailable, match="endommagé") as caught:
        open_database(f"sqlite:///{path}")
    assert "restaurez une copie de sauvegarde" in str(caught.value)
    assert _digest(path) == before


def test_an_unknown_database_kind_is_refused_in_french():
    with pytest.raises(DatabaseUnavailable, match="non pris en charge"):
        open_database("mysql://serveur/vitrail")


def test_an_unreachable_server_is_a_french_message():
    with pytest.raises(DatabaseUnavailable, match="Impossible de joindre"):
        open_database("postgresql://127.0.0.1:1/vitrail?connect_timeout=2")


def test_a_database_from_a_newer_vitrail_is_refused_and_left_untouched_sqlite(tmp_path):
    path = tmp_path / "future.db"
    open_database(f"sqlite:///{path}", create=True, actor=TEST_ACTOR).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f9999_from_the_future'"))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    before = _digest(path)
    with pytest.raises(DatabaseTooNew, match="version plus récente de Vitrail") as caught:
        open_database(f"sqlite:///{path}")
    assert "n'a pas été modifiée" in str(caught.value)
    assert _digest(path) == before


def test_a_database_from_a_newer_vitrail_is_refused_on_every_backend(any_db, empty_db_url):
    with any_db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f9999_from_the_future'"))
        tables_before = sorted(inspect(connection).get_table_names())
    with pytest.raises(DatabaseTooNew):
        open_database(empty_db_url)
    with any_db.engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "f9999_from_the_future"
        assert sorted(inspect(connection).get_table_names()) == tables_before


def test_tables_not_made_by_vitrail_are_refused(tmp_path):
    path = tmp_path / "etrangere.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE student (id INTEGER PRIMARY KEY, nom TEXT)"))
    engine.dispose()
    with pytest.raises(DatabaseUnavailable, match="n'a pas été créée par Vitrail"):
        open_database(f"sqlite:///{path}")


def test_migrations_build_exactly_the_models_on_every_backend(any_db):
    """Alembic's own check: no difference between the migrated schema and desktop/models."""
    with any_db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migrations_give_the_same_tables_columns_and_indexes_on_sqlite_and_postgresql(any_db):
    """Each backend's schema, read back, matches one backend-neutral description of the models."""
    inspector = inspect(any_db.engine)
    actual = {}
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        actual[table] = (
            sorted(column["name"] for column in inspector.get_columns(table)),
            # PostgreSQL also lists the index behind each unique constraint: that is the constraint.
            sorted(index["name"] for index in inspector.get_indexes(table) if not index.get("duplicates_constraint")),
            sorted(tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)),
            sorted(
                (fk["referred_table"], tuple(fk["constrained_columns"])) for fk in inspector.get_foreign_keys(table)
            ),
        )
    expected = {}
    for table in Base.metadata.sorted_tables:
        expected[table.name] = (
            sorted(column.name for column in table.columns),
            sorted(index.name for index in table.indexes),
            sorted(tuple(c.name for c in unique.columns) for unique in table.constraints
                   if isinstance(unique, UniqueConstraint)),
            sorted((fk.column.table.name, (fk.parent.name,)) for fk in table.foreign_keys),
        )
    assert actual == expected


def test_sqlite_runs_with_wal_and_foreign_keys(empty_db):
    with empty_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_reopening_an_up_to_date_database_changes_nothing(tmp_path):
    path = tmp_path / "vitrail.db"
    open_database(f"sqlite:///{path}", create=True, actor=TEST_ACTOR).close()
    database = open_database(f"sqlite:///{path}", actor=TEST_ACTOR)
    assert database.is_empty()
    database.close()


def test_schema_head_constant_matches_the_migration_scripts():
    """Opening an up-to-date database trusts SCHEMA_HEAD; a stale constant would skip a migration."""
    from desktop.migrations import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD


def _tables(url: str) -> list[str]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            return sorted(inspector.get_table_names() + inspector.get_view_names())
    finally:
        engine.dispose()


def _run(url: str, *statements: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@pytest.mark.parametrize("empty_db_url", _backends(), indirect=True)
@pytest.mark.parametrize("foreign", [
    ("CREATE TABLE facture (id INTEGER PRIMARY KEY, montant INTEGER)",),
    ("CREATE VIEW rapport AS SELECT 1 AS un",),
    ("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
     "INSERT INTO alembic_version VALUES ('ae1027a6acf')", "CREATE TABLE users (id INTEGER PRIMARY KEY)"),
], ids=["a-table", "a-view", "another-alembic-app"])
def test_another_applications_database_is_never_turned_into_vitrails(empty_db_url, foreign):
    _run(empty_db_url, *foreign)
    before = _tables(empty_db_url)
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(empty_db_url, create=True)
    message = str(caught.value)
    assert "n'a pas été créée par Vitrail" in message or "autre application" in message
    assert "rien" in message.lower() or "n'a pas été modifiée" in message
    assert _tables(empty_db_url) == before


def test_a_foreign_sqlite_file_is_left_byte_for_byte(tmp_path):
    path = tmp_path / "compta.db"
    _run(f"sqlite:///{path}", "CREATE TABLE facture (id INTEGER PRIMARY KEY, montant INTEGER)")
    before = _digest(path)
    with pytest.raises(DatabaseUnavailable, match=r"contient déjà des tables \(facture\)"):
        open_database(f"sqlite:///{path}", create=True)
    assert _digest(path) == before


def test_an_empty_existing_sqlite_file_becomes_a_vitrail_database(tmp_path):
    path = tmp_path / "vide.db"
    path.touch()
    open_database(f"sqlite:///{path}").close()
    assert "nip" in _tables(f"sqlite:///{path}")


@pytest.mark.parametrize("url", ["postgresql://", "postgresql://127.0.0.1/", "postgresql+psycopg://127.0.0.1:5432",
                                 "postgresql://secretariat@db.css.local/?sslmode=require"])
def test_an_incomplete_postgresql_url_is_refused_before_connecting(url):
    with pytest.raises(DatabaseUnavailable, match="ne nomme pas de base de données") as caught:
        open_database(url)
    assert "postgresql://compte@serveur/vitrail" in str(caught.value)


def test_the_command_line_refuses_db_postgresql_alone(capsys):
    assert main(["--db", "postgresql://", "nip", "revoke", "--student", "1", "--guardian", "1"]) == 2
    error = capsys.readouterr().err
    assert "ne nomme pas de base de données" in error and "Traceback" not in error
