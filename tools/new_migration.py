"""Developer tool: autogenerate an Alembic revision from the models.

Usage: python tools/new_migration.py "message" [revision_id]
Compares the models with a scratch SQLite database migrated to the current head.
"""

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from desktop.services.storage import _alembic_config

message = sys.argv[1]
rev_id = sys.argv[2] if len(sys.argv) > 2 else None
with tempfile.TemporaryDirectory() as tmp:
    engine = create_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
    with engine.begin() as connection:
        cfg = _alembic_config(connection)
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
