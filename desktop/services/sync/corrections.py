"""Corrections made in Vitrail that the SIS does not know yet ("à reporter dans le SIS").

Every student and guardian that came from an import keeps, in ``sis_values``, what the SIS said
the last time. A field whose value in Vitrail differs from it was corrected here — typically a
parent's email fixed on the phone, or a code permanent completed — and stays so at the next
import as long as the SIS still holds the old value. ``export corrections`` writes them for the
secretariat or IT to re-enter (or load) in the SIS; once the SIS has the new value, the next
import finds both equal and the correction leaves the list.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import TextIO

from sqlalchemy import select

from desktop.models import Guardian, Student, StudentGuardian
from desktop.services.storage import Database
from desktop.services.sync.oneroster import Meta, local_sourced_id
from desktop.services.sync.plan import Correction
from desktop.services.sync.records import FIELD_LABELS, SPECS, Kind, plain

# Where each corrected field goes in the SIS's OneRoster vocabulary.
ONEROSTER_FIELDS = {
    "email": "users.email", "code_permanent": "users.userIds {codePermanent:…}", "last_name": "users.familyName",
    "first_name": "users.givenName", "birth_date": "demographics.birthDate", "sex": "demographics.sex",
    "grade": "users.grades", "home_phone": "users.phone", "cell_phone": "users.sms",
    "work_phone": f"users.metadata.{Meta.WORK_PHONE}", "other_phone": f"users.metadata.{Meta.OTHER_PHONE}",
    "address": f"users.metadata.{Meta.ADDRESS}",
}
CSV_HEADER = ("type", "sourcedId", "fiche", "nom", "champ", "champ OneRoster", "valeur dans le SIS",
              "valeur corrigée dans Vitrail")


def pending_corrections(database: Database) -> list[Correction]:
    """Every field of an imported student or guardian whose Vitrail value differs from the SIS's."""
    found: list[Correction] = []
    with database.engine.connect() as connection:
        spec = SPECS[Kind.STUDENT]
        columns = [Student.id, Student.sourced_id, Student.sis_values, Student.fiche,
                   *(getattr(Student, c) for c in spec.baseline)]
        for row in connection.execute(select(*columns).where(Student.sis_values.is_not(None), Student.active)
                                      .order_by(Student.last_name, Student.first_name, Student.id)):
            label = f"{row.last_name}, {row.first_name} (fiche {row.fiche})"
            found += _differences(Kind.STUDENT, row.id, row.sourced_id, label, row.sis_values,
                                  {c: getattr(row, c) for c in spec.baseline})
        spec = SPECS[Kind.GUARDIAN]
        fiches: dict[int, list[str]] = defaultdict(list)
        for guardian_id, fiche in connection.execute(
                select(StudentGuardian.guardian_id, Student.fiche).join(Student)
                .where(StudentGuardian.active, Student.active).order_by(Student.fiche)):
            fiches[guardian_id].append(fiche)
        columns = [Guardian.id, Guardian.sourced_id, Guardian.sis_values,
                   *(getattr(Guardian, c) for c in spec.baseline)]
        for row in connection.execute(select(*columns).where(Guardian.sis_values.is_not(None))
                                      .order_by(Guardian.last_name, Guardian.first_name, Guardian.id)):
            children = ", ".join(fiches.get(row.id, []))
            label = f"{row.last_name}, {row.first_name}" + (f" (parent de {children})" if children else "")
            found += _differences(Kind.GUARDIAN, row.id, row.sourced_id, label, row.sis_values,
                                  {c: getattr(row, c) for c in spec.baseline})
    return found


def _differences(kind: Kind, row_id: int, stored_sid: str | None, label: str, sis_values: str,
                 local: dict[str, object]) -> list[Correction]:
    baseline = json.loads(sis_values)
    sourced_id = stored_sid or local_sourced_id(kind.value, row_id)
    return [Correction(kind, row_id, sourced_id, label, column, plain(value), baseline[column])
            for column, value in local.items() if column in baseline and plain(value) != baseline[column]]


def write_corrections_csv(corrections: Iterable[Correction], out: TextIO) -> int:
    """The corrections as CSV (UTF-8 with BOM, so Excel shows the accents); returns how many rows."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    count = 0
    for c in corrections:
        fiche = c.label.rsplit("fiche ", 1)[-1].rstrip(")") if c.kind == Kind.STUDENT else ""
        writer.writerow(("élève" if c.kind == Kind.STUDENT else "parent", c.sourced_id, fiche,
                         c.label, FIELD_LABELS.get(c.field, c.field), ONEROSTER_FIELDS.get(c.field, c.field),
                         "" if c.sis is None else c.sis, "" if c.vitrail is None else c.vitrail))
        count += 1
    return count
