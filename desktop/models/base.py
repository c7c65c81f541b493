"""Declarative base shared by every entity.

Entities that a secretary edits carry a ``version`` column used by SQLAlchemy's optimistic
locking: an UPDATE only succeeds if the row still has the version that was loaded, which is how
two workstations editing the same guardian get a conflict instead of a silent overwrite.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import FromClause, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# The largest id an INTEGER column holds on every backend (32 bits on PostgreSQL): a number typed
# by a person is checked against it before it reaches a query.
MAX_ID = 2_147_483_647

# Stable constraint names so that Alembic migrations are identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """Mixin for records edited from the GUI: optimistic concurrency through ``version``."""

    __table__: ClassVar[FromClause]  # given by the entity the mixin is mapped with

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}
