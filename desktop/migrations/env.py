"""Alembic environment: always run programmatically by desktop.services.storage on a given connection."""

from alembic import context

from desktop.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE support on SQLite
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
