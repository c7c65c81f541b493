"""OneRoster CSV exports for the import tests: made by ``export oneroster``, then edited by hand.

``Export`` reads and rewrites the files of an export folder as lists of dicts (one per row, header
order kept), so a test breaks exactly one thing and says which. ``table_counts`` is the "nothing
was written" check: every Vitrail table's row count.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from desktop.models import Base
from desktop.services.storage import Database
from desktop.services.sync.export import export_oneroster

from support.cli import NOW


class Export:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def of(cls, database: Database, folder: Path) -> Export:
        export_oneroster(database, folder, on=NOW.date())
        return cls(folder)

    def copy(self, folder: Path) -> Export:
        shutil.copytree(self.folder, folder)
        return Export(folder)

    def path(self, name: str) -> Path:
        return self.folder / name

    def rows(self, name: str) -> list[dict[str, str]]:
        with open(self.path(name), encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    def header(self, name: str) -> list[str]:
        with open(self.path(name), encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle))

    def write(self, name: str, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
        header = header or self.header(name)
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        self.path(name).write_text(out.getvalue(), encoding="utf-8", newline="")

    def edit(self, name: str, change: Callable[[list[dict[str, str]]], list[dict[str, str]] | None]) -> None:
        rows = self.rows(name)
        result = change(rows)
        self.write(name, rows if result is None else result)

    def line_of(self, name: str, key: str, column: str = "sourcedId") -> int:
        """The line of the row whose ``column`` is ``key`` (the header is line 1)."""
        for number, row in enumerate(self.rows(name), start=2):
            if row[column] == key:
                return number
        raise KeyError(key)

    def set_text(self, name: str, text: str, encoding: str = "utf-8") -> None:
        self.path(name).write_bytes(text.encode(encoding))

    def text(self, name: str) -> str:
        """The file as written, CRLF kept."""
        return self.path(name).read_bytes().decode("utf-8")


def table_counts(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in Base.metadata.sorted_tables}


def as_oneroster_11(export: Export) -> None:
    """Rewrite a 1.2 export as OneRoster 1.1: the role and orgs back in users.csv, no roles.csv."""
    roles: dict[str, tuple[str, str]] = {}
    for row in export.rows("roles.csv"):
        roles[row["userSourcedId"]] = (row["role"], row["orgSourcedId"])
    v11 = {"districtAdministrator": "administrator", "principal": "administrator", "siteAdministrator": "administrator",
           "counselor": "aide", "systemAdministrator": "administrator"}
    header = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username",
              "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone",
              "agentSourcedIds", "grades", "password"]
    meta = [h for h in export.header("users.csv") if h.startswith("metadata.")]
    rows = []
    for row in export.rows("users.csv"):
        role, org = roles[row["sourcedId"]]
        rows.append({**{h: row.get(h, "") for h in header if h not in ("orgSourcedIds", "role")},
                     "orgSourcedIds": org, "role": v11.get(role, role), **{h: row[h] for h in meta}})
    export.write("users.csv", rows, header + meta)
    export.path("roles.csv").unlink()
    export.edit("manifest.csv", lambda rows: [
        dict(r, value="1.1") if r["propertyName"] == "oneroster.version"
        else dict(r, value="absent") if r["propertyName"] == "file.roles" else r for r in rows])
