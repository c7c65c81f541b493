"""Messy and broken OneRoster exports: one test per problem, each made from a real export by hand.

Every broken input gives a French report naming the file, the line and the field, exit code 2, and
leaves the database exactly as it was (the board was imported once before, from the same export).
What can be read without guessing — Excel's semicolons and Windows-1252 text, a byte-order mark,
CRLF, a day-first date whose day is above 12, "VRAI", a grade without its leading zero — is read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil

import pytest
from sqlalchemy import text

from desktop.models import Base
from desktop.services.audit import Actor
from desktop.services.clock import FixedClock
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database

from conftest import NOW, TEST_ACTOR
from support.cli import main
from support.oneroster import Export


@pytest.fixture(scope="module")
def base_export(demo_template, tmp_path_factory) -> Export:
    folder = tmp_path_factory.mktemp("export")
    copy = folder / "demo.db"
    shutil.copy(demo_template, copy)
    database = open_database(f"sqlite:///{copy}", actor=TEST_ACTOR, clock=FixedClock(NOW))
    export = Export.of(database, folder / "oneroster")
    database.close()
    return export


@pytest.fixture(scope="module")
def imported_template(base_export, tmp_path_factory):
    path = tmp_path_factory.mktemp("imported") / "vitrail.db"
    database = open_database(f"sqlite:///{path}", create=True, actor=Actor("sis", "POSTE"), clock=FixedClock(NOW))
    vitrail = Vitrail(database)
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(base_export.folder))
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def board(imported_template, tmp_path):
    path = tmp_path / "vitrail.db"
    shutil.copy(imported_template, path)
    database = open_database(f"sqlite:///{path}", actor=TEST_ACTOR, clock=FixedClock(NOW))
    yield database
    database.close()


@pytest.fixture
def export(base_export, tmp_path) -> Export:
    return base_export.copy(tmp_path / "broken")


def fingerprint(database) -> dict[str, str]:
    """Every table's rows, hashed: equal fingerprints mean nothing was written."""
    found = {}
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            order = ", ".join(column.name for column in table.primary_key)  # database_info's key is ``key``
            rows = connection.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}")).all()
            found[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return found


def run(capsys, database, folder, *extra):
    code = main(["--db", database.url, "import", "oneroster", str(folder), "--yes", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def a_student(export: Export) -> dict[str, str]:
    return next(row for row in export.rows("users.csv") if row["sourcedId"].startswith("vitrail-student-"))


# --- each break: (what to do to the export) → (the words the report must contain) ------------------

def missing_manifest(export):
    export.path("manifest.csv").unlink()
    return ["manifest.csv : manifest.csv est absent de l'export"]


def unknown_version(export):
    export.edit("manifest.csv", lambda rows: [dict(r, value="2.0") if r["propertyName"] == "oneroster.version"
                                              else r for r in rows])
    return ["manifest.csv, ligne 3, champ « oneroster.version » : version « 2.0 »"]


def header_typo(export):
    header = ["givenNmae" if h == "givenName" else h for h in export.header("users.csv")]
    export.set_text("users.csv", export.text("users.csv").replace("givenName", "givenNmae", 1))
    assert "givenNmae" in header
    return ["users.csv, ligne 1, champ « givenNmae » : colonne « givenNmae » inconnue. "
            "Vouliez-vous dire « givenName » ?"]


def required_column_missing(export):
    rows = export.rows("classes.csv")
    header = [h for h in export.header("classes.csv") if h != "classType"]
    export.write("classes.csv", [{k: v for k, v in r.items() if k != "classType"} for r in rows], header)
    return ["classes.csv, ligne 1, champ « classType » : colonne obligatoire « classType » absente"]


def _birth_date(value):
    def change(export):
        student = a_student(export)["sourcedId"]
        export.edit("demographics.csv", lambda rows: [dict(r, birthDate=value) if r["sourcedId"] == student else r
                                                      for r in rows])
        return [f"demographics.csv, ligne {export.line_of('demographics.csv', student)}, champ « birthDate » : "
                f"date « {value} »"]
    return change


def dangling_enrollment(export):
    rows = export.rows("enrollments.csv")
    rows[4]["classSourcedId"] = "classe-fantome"
    export.write("enrollments.csv", rows)
    return ["enrollments.csv, ligne 6, champ « classSourcedId » : classe « classe-fantome » introuvable"]


def dangling_agent(export):
    student = a_student(export)
    export.edit("users.csv", lambda rows: [dict(r, agentSourcedIds=r["agentSourcedIds"] + ",parent-fantome")
                                           if r["sourcedId"] == student["sourcedId"] else r for r in rows])
    return [f"users.csv, ligne {export.line_of('users.csv', student['sourcedId'])}, champ « agentSourcedIds » : "
            "parent ou contact « parent-fantome » introuvable"]


def dangling_parent_org(export):
    school = next(r for r in export.rows("orgs.csv") if r["type"] == "school")
    export.edit("orgs.csv", lambda rows: [dict(r, parentSourcedId="css-fantome") if
                                          r["sourcedId"] == school["sourcedId"] else r for r in rows])
    return [f"orgs.csv, ligne {export.line_of('orgs.csv', school['sourcedId'])}, champ « parentSourcedId » : "
            "l'école", "centre de services « css-fantome » introuvable"]


def unknown_enumeration(export):
    klass = next(r for r in export.rows("classes.csv") if r["classType"] == "homeroom")
    export.edit("classes.csv", lambda rows: [dict(r, classType="homeroon") if r["sourcedId"] == klass["sourcedId"]
                                             else r for r in rows])
    return [f"classes.csv, ligne {export.line_of('classes.csv', klass['sourcedId'])}, champ « classType » : "
            "valeur « homeroon » inconnue", "Vouliez-vous dire « homeroom » ?"]


def unknown_role(export):
    export.edit("roles.csv", lambda rows: [dict(r, role="élève") if i == 3 else r for i, r in enumerate(rows)])
    return ["roles.csv, ligne 5, champ « role » : valeur « élève » inconnue"]


def duplicate_key(export):
    rows = export.rows("users.csv")
    rows.append(dict(rows[10]))
    export.write("users.csv", rows)
    return [f"users.csv, ligne {len(rows) + 1}, champ « sourcedId » : personne « {rows[10]['sourcedId']} » déjà "
            "défini à la ligne 12"]


def stray_comma(export):
    lines = export.text("users.csv").split("\r\n")
    fields = lines[5].split(",")
    fields[6] = fields[6] + ",Junior"  # an unquoted comma inside the given name
    lines[5] = ",".join(fields)
    export.set_text("users.csv", "\r\n".join(lines))
    return ["users.csv, ligne 6 : ", "valeurs au lieu de"]


def unclosed_quote(export):
    lines = export.text("classes.csv").split("\r\n")
    lines[3] = lines[3].replace(",Groupe", ',"Groupe', 1)
    export.set_text("classes.csv", "\r\n".join(lines))
    return ["classes.csv, ligne 4"]


def new_student_without_birth_date(export):
    student = dict(a_student(export), sourcedId="nouvel-eleve", identifier="9999991", username="9999991",
                   userIds="", agentSourcedIds="")
    rows = export.rows("users.csv")
    rows.append({k: ("" if k.startswith("metadata.") else v) for k, v in student.items()})
    export.write("users.csv", rows)
    roles = export.rows("roles.csv")
    role = next(r for r in roles if r["userSourcedId"] == a_student(export)["sourcedId"])
    roles.append(dict(role, sourcedId="nouvel-eleve-role", userSourcedId="nouvel-eleve"))
    export.write("roles.csv", roles)
    return [f"users.csv, ligne {len(rows) + 1}, champ « birthDate » : date de naissance absent(e) pour le nouvel "
            "élève"]


def excel_scientific_fiche(export):
    student = a_student(export)
    export.edit("users.csv", lambda rows: [dict(r, identifier="4.70524E+06") if r["sourcedId"] == student["sourcedId"]
                                           else r for r in rows])
    return [f"users.csv, ligne {export.line_of('users.csv', student['sourcedId'])}, champ « identifier » : "
            "« 4.70524E+06 » : Excel a changé ce numéro en notation scientifique"]


def same_code_permanent(export):
    students = [r for r in export.rows("users.csv") if r["userIds"].startswith("{codePermanent:")][:2]
    export.edit("users.csv", lambda rows: [dict(r, userIds=students[0]["userIds"])
                                           if r["sourcedId"] == students[1]["sourcedId"] else r for r in rows])
    return [f"users.csv, ligne {export.line_of('users.csv', students[1]['sourcedId'])}, champ « userIds » : "
            "code permanent de", "déjà attribué à"]


def homeroom_of_another_school(export):
    classes = export.rows("classes.csv")
    groups = [r for r in classes if r["classType"] == "homeroom"]
    other = next(g for g in groups if g["schoolSourcedId"] != groups[0]["schoolSourcedId"])
    enrollments = export.rows("enrollments.csv")
    student_row = next(r for r in enrollments
                       if r["classSourcedId"] == groups[0]["sourcedId"] and r["role"] == "student")
    export.edit("enrollments.csv", lambda rows: [dict(r, classSourcedId=other["sourcedId"]) if
                                                 r["sourcedId"] == student_row["sourcedId"] else r for r in rows])
    return [f"users.csv, ligne {export.line_of('users.csv', student_row['userSourcedId'])}",
            "d'une autre école que la sienne"]


def unknown_grade(export):
    student = a_student(export)
    export.edit("users.csv", lambda rows: [dict(r, grades="KG") if r["sourcedId"] == student["sourcedId"] else r
                                           for r in rows])
    return [f"users.csv, ligne {export.line_of('users.csv', student['sourcedId'])}, champ « grades » : "
            "niveau « KG » non pris en charge"]


BROKEN = {
    "manifest absent": missing_manifest,
    "version inconnue": unknown_version,
    "en-tête mal tapé": header_typo,
    "colonne obligatoire absente": required_column_missing,
    "date ambiguë": _birth_date("03/04/2012"),
    "date impossible": _birth_date("2011-02-30"),
    "date illisible": _birth_date("le 3 mars"),
    "numéro de série Excel": _birth_date("40987"),
    "année sur deux chiffres": _birth_date("25/07/11"),
    "inscription vers une classe absente": dangling_enrollment,
    "parent absent": dangling_agent,
    "école sans centre de services": dangling_parent_org,
    "valeur d'énumération inconnue": unknown_enumeration,
    "rôle inconnu": unknown_role,
    "sourcedId en double": duplicate_key,
    "virgule de trop": stray_comma,
    "guillemet non fermé": unclosed_quote,
    "nouvel élève sans date de naissance": new_student_without_birth_date,
    "fiche en notation scientifique": excel_scientific_fiche,
    "code permanent en double": same_code_permanent,
    "groupe d'une autre école": homeroom_of_another_school,
    "niveau inconnu": unknown_grade,
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_export_is_reported_with_file_line_and_field_and_nothing_is_written(name, board, export, capsys):
    expected = BROKEN[name](export)
    before = fingerprint(board)
    code, out, err = run(capsys, board, export.folder)
    assert code == 2, out + err
    for words in expected:
        assert words in out, f"{words!r} not in:\n{out}"
    assert "Traceback" not in out + err
    assert "rien n'a été écrit" in err
    assert fingerprint(board) == before


def test_the_json_report_gives_file_line_and_field_of_each_problem(board, export, capsys):
    _birth_date("03/04/2012")(export)
    code = main(["--db", board.url, "import", "oneroster", str(export.folder), "--json", "--dry-run"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    assert data["plan"]["can_apply"] is False and data["result"] is None
    problem = next(p for p in data["plan"]["problems"] if p["severity"] == "erreur")
    assert problem["file"] == "demographics.csv" and problem["field"] == "birthDate" and problem["line"] >= 2
    assert "ambiguë" in problem["message"]


# --- messy but readable: read, said, nothing guessed ----------------------------------------------

def excel_semicolons_bom_crlf(export):
    rows, header = export.rows("users.csv"), export.header("users.csv")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # what Excel writes in a French locale
    writer.writerow(header)
    writer.writerows([row[h] for h in header] for row in rows)
    export.set_text("users.csv", "\ufeff" + out.getvalue())
    return ["users.csv, ligne 1 : colonnes séparées par des points-virgules (fichier enregistré par Excel)"]


def windows_1252(export):
    export.set_text("users.csv", export.text("users.csv"), encoding="cp1252")
    return ["users.csv, ligne", "n'est pas en UTF-8", "Windows-1252"]


def day_first_dates(export):
    export.edit("demographics.csv", lambda rows: [
        dict(r, birthDate=f"{r['birthDate'][8:]}/{r['birthDate'][5:7]}/{r['birthDate'][:4]}")
        if int(r["birthDate"][8:]) > 12 else r for r in rows])
    return ["demographics.csv, ligne", "champ « birthDate » :", "date(s) écrite(s) JJ/MM/AAAA au lieu de AAAA-MM-JJ, "
            "lues sans ambiguïté"]


def excel_booleans_and_grades(export):
    export.edit("enrollments.csv", lambda rows: [dict(r, primary={"true": "VRAI", "false": "FAUX"}[r["primary"]])
                                                 for r in rows])
    export.edit("users.csv", lambda rows: [dict(r, grades=r["grades"].lstrip("0")) for r in rows])
    return []


def stray_column(export):
    rows, header = export.rows("orgs.csv"), export.header("orgs.csv")
    export.write("orgs.csv", [dict(r, couleur="bleu") for r in rows], [*header, "couleur"])
    return ["orgs.csv, ligne 1, champ « couleur » : colonne « couleur » inconnue de OneRoster 1.2 : ignorée."]


def header_case(export):
    export.set_text("demographics.csv", export.text("demographics.csv").replace("birthDate", "BirthDate", 1))
    return ["demographics.csv, ligne 1, champ « BirthDate » : en-tête « BirthDate » lu comme « birthDate »"]


MESSY = {
    "en-tête en majuscules": header_case,
    "points-virgules, BOM et CRLF d'Excel": excel_semicolons_bom_crlf,
    "texte Windows-1252": windows_1252,
    "dates jour/mois sans ambiguïté": day_first_dates,
    "VRAI/FAUX et niveaux sans zéro": excel_booleans_and_grades,
    "colonne inconnue": stray_column,
}


@pytest.mark.parametrize("name", list(MESSY))
def test_a_messy_but_unambiguous_export_is_read_and_said(name, board, export, capsys):
    expected = MESSY[name](export)
    before = fingerprint(board)
    code, out, err = run(capsys, board, export.folder)
    assert code == 0, out + err
    for words in expected:
        assert words in out, f"{words!r} not in:\n{out}"
    assert "Rien à changer : Vitrail est déjà à jour." in out
    assert fingerprint(board) == before


@pytest.mark.parametrize("path, words", [
    ("absent.zip", "introuvable"),
    ("not-a-zip.zip", "n'est ni un dossier ni un fichier .zip"),
])
def test_an_unreadable_path_is_a_french_sentence(path, words, board, tmp_path, capsys):
    (tmp_path / "not-a-zip.zip").write_text("bonjour")
    before = fingerprint(board)
    code, out, err = run(capsys, board, tmp_path / path)
    assert code == 2 and words in err and "Traceback" not in err
    assert fingerprint(board) == before
