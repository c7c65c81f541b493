"""Alembic migrations of the Vitrail schema.

``SCHEMA_HEAD`` names the newest revision so that opening an up-to-date database needs one
SELECT and no Alembic import (a third of a second at every launch). A test checks it equals
Alembic's own head: bump it with every new revision.
"""

SCHEMA_HEAD = "0008_row_security_paths"
