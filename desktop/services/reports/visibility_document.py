"""The school's visibility document: its current rules as a PDF for parents' committees and privacy officers.

The rules are read from the same effective ``Policy`` the engine uses (shipped defaults, then
the board's rows, then the school's), so the document can never disagree with the previews.
It is dated and names the settings version it reflects, so a printed copy can be matched to
the history (and to a rollback) later.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.platypus import KeepTogether, Spacer
from reportlab.platypus.flowables import Flowable

from desktop.models import School, SchoolBoard, SettingScope
from desktop.services.errors import NotFound
from desktop.services.outputs import check_output_file, staged_file
from desktop.services.reports.base import (
    Letterhead,
    build_pdf,
    data_table,
    format_date,
    format_datetime,
    para,
    report_styles,
)
from desktop.services.settings import PortalSettings
from desktop.services.storage import Database
from desktop.services.visibility.policy import (
    ROLES,
    SOI_CATEGORIES,
    STAFF_ROLES,
    Cell,
    CellSource,
    Policy,
    Role,
    SoiAccess,
    StaffAccess,
    TileCondition,
    load_policy,
)

TITLE = "Règles de visibilité"
STAFF_ACCESS_TEXT = {StaffAccess.YES: "oui", StaffAccess.TAUGHT: "enseignées", StaffAccess.NO: "non"}
SOI_ACCESS_TEXT = {SoiAccess.ALL: "toutes", SoiAccess.OWN_ONLY: "les siennes", SoiAccess.SHARED_ONLY: "partagées",
                   SoiAccess.NONE: "aucune"}
SHORT_ROLES = {
    Role.DIRECTION: "Direction", Role.TEACHER_HOMEROOM: "Titulaire", Role.TEACHER_SPECIALIST: "Spécialiste",
    Role.TEACHER_NOT_TEACHING: "N'enseigne pas", Role.SUPPORT_PSYCHOSOCIAL: "Interv. 1",
    Role.SUPPORT_PEDAGOGICAL: "Interv. 2", Role.SUPPORT_NON_TEACHING: "Interv. 3", Role.PARENT: "Parent",
    Role.STUDENT: "Élève",
}
SOURCE_MARKS = {CellSource.BOARD: " (CSS)", CellSource.SCHOOL: " (école)"}


@dataclass(frozen=True)
class VisibilityRules:
    """Everything the document prints, read in one session."""

    school_name: str
    school_level: str
    board_name: str
    on: date
    version_id: int
    version_at: datetime | None
    policy: Policy


def load_visibility_rules(database: Database, school_id: int, on: date) -> VisibilityRules:
    settings = PortalSettings(database)
    target = None
    with database.sessions() as session:
        school = session.get(School, school_id)
        if school is None:
            raise NotFound(f"École introuvable (n° {school_id}).")
        board = session.get_one(SchoolBoard, school.board_id)
        policy = load_policy(session, school_id)
        target = settings.target(SettingScope.SCHOOL, school.code)
        names = (school.name, school.level, board.name)
    versions = settings.history(target)
    latest = versions[0] if versions else None
    return VisibilityRules(names[0], names[1], names[2], on, latest.id if latest else 0,
                           latest.created_at if latest else None, policy)


def _mark(cell: Cell, text: str) -> str:
    return text + SOURCE_MARKS.get(cell.source, "") + (" *" if cell.assumed else "")


def _yes_no(value: object) -> str:
    return "oui" if value else "non"


def _parent_tiles(rules: VisibilityRules) -> list[Flowable]:
    styles = report_styles()
    policy = rules.policy
    rows = []
    window = policy.registration_window()
    conditions = {
        TileCondition.REGISTRATION_WINDOW: (f"du {window.start.isoformat()} au {window.end.isoformat()}" if window
                                            else "aucune période d'inscription : tuile masquée"),
        TileCondition.TRANSPORT_ENTITLED: "élèves ayant droit au transport",
    }
    see_section_2 = {"results": "moyenne du groupe : voir section 2",
                     "dossier": "matières et enseignants : voir section 2"}
    for tile in policy.document.portal_tiles.values():
        allowed = policy.cell(f"allowed_parent_tiles.{tile.id}")
        enabled = policy.cell(f"parent_tiles.{tile.id}")
        condition = conditions[tile.condition] if tile.condition else see_section_2.get(tile.id, "")
        open_today = window is not None and window.is_open(rules.on)
        shown = allowed.value and enabled.value and (tile.condition != TileCondition.REGISTRATION_WINDOW
                                                     or open_today)
        rows.append([tile.label, _mark(allowed, _yes_no(allowed.value)), _mark(enabled, _yes_no(enabled.value)),
                     "oui" if shown else "non", condition])
    return [para("1. Tuiles du portail parents", styles.heading),
            para("Une tuile est offerte aux parents si le centre de services la permet et si l'école l'active.",
                 styles.body),
            data_table(["Tuile", "Permise (centre de services)", "Activée (école)", "Offerte aujourd'hui", "Condition"],
                       rows)]


def _school_choices(rules: VisibilityRules) -> list[Flowable]:
    styles = report_styles()
    policy = rules.policy
    rows = []
    whole = policy.cell("group_averages")
    rows.append(["Moyenne du groupe aux parents et aux élèves (toute l'école)", _mark(whole, _yes_no(whole.value))])
    for level, name in (("primary", "primaire"), ("secondary", "secondaire")):
        cell = policy.cell(f"group_averages.{level}")
        effective = policy.group_averages_shown(level)
        text = (_yes_no(cell.value) if cell.value is not None else f"comme toute l'école ({_yes_no(effective.value)})")
        rows.append([f"Moyenne du groupe au {name}", _mark(cell, text)])
    subjects = policy.cell("show_subjects_and_teachers")
    rows.append(["Matières et enseignants dans le dossier des parents", _mark(subjects, _yes_no(subjects.value))])
    window = policy.cell("registration_window")
    rows.append(["Période d'inscription en ligne",
                 _mark(window, f"du {window.value['start']} au {window.value['end']}" if window.value else "aucune")])
    rows.append(["Courriel des enseignants", "affiché aux parents seulement si l'enseignant choisit de le publier"])
    return [para("2. Choix de l'école", styles.heading), data_table(["Règle", "En vigueur"], rows)]


def _staff_matrix(rules: VisibilityRules) -> list[Flowable]:
    styles = report_styles()
    policy = rules.policy
    document = policy.document
    tiles = document.staff_tiles
    story: list[Flowable] = [
        para("3. Dossier de l'élève côté personnel : rôle × tuile × champ", styles.heading),
        para("« enseignées » : seulement pour les matières que la personne enseigne à l'élève.", styles.note)]
    rows = [[document.role_label(role)] + [_mark(policy.cell(f"staff_tiles.{role}.{tile}"),
                                                 STAFF_ACCESS_TEXT[policy.value(f"staff_tiles.{role}.{tile}")])
                                           for tile in tiles] for role in STAFF_ROLES]
    story.append(data_table(["Rôle"] + [document.staff_tile_label(tile) for tile in tiles], rows))
    for tile, fields in tiles.items():
        field_rows = []
        for field_id in fields:
            cells = []
            for role in STAFF_ROLES:
                key = f"staff_fields.{role}.{tile}.{field_id}"
                cells.append(_mark(policy.cell(key), STAFF_ACCESS_TEXT[policy.value(key)])
                             if key in policy.cells else "—")
            field_rows.append([document.field_label(field_id), *cells])
        table = data_table(["Champ"] + [SHORT_ROLES[role] for role in STAFF_ROLES], field_rows)
        story.append(KeepTogether([para(f"Tuile « {document.staff_tile_label(tile)} »", styles.subheading), table]))
    story.append(para("Titulaire : enseignant titulaire ; Spécialiste : enseignant spécialiste ; N'enseigne pas : "
                      "enseignant qui n'enseigne pas à l'élève ; Interv. 1 : soutien psychosocial ; Interv. 2 : "
                      "soutien pédagogique ; Interv. 3 : personnel non enseignant.", styles.note))
    return story


def _soi_matrix(rules: VisibilityRules) -> list[Flowable]:
    styles = report_styles()
    policy = rules.policy
    document = policy.document
    categories = document.soi_categories
    rows = [[document.role_label(role)] + [_mark(policy.cell(f"soi.{role}.{category}"),
                                                 SOI_ACCESS_TEXT[policy.value(f"soi.{role}.{category}")])
                                           for category in SOI_CATEGORIES] for role in ROLES]
    return [para("4. Suivi des observations et interventions (SOI)", styles.heading),
            para("« les siennes » : seulement celles dont la personne est l'auteur ; « partagées » : seulement "
                 "les observations marquées « partagée avec les parents ». La direction voit trois années "
                 "scolaires d'historique ; les autres rôles, l'année en cours.", styles.note),
            data_table(["Rôle"] + [categories[c] for c in SOI_CATEGORIES], rows)]


def visibility_story(rules: VisibilityRules) -> list[Flowable]:
    styles = report_styles()
    version = (f"version {rules.version_id} des réglages, enregistrée le {format_datetime(rules.version_at)}"
               if rules.version_at is not None else "réglages d'origine (aucune modification enregistrée)")
    story: list[Flowable] = [
        para(f"{TITLE} — {rules.school_name}", styles.title),
        para(f"Ce que chaque personne voit du dossier d'un élève de l'école, en vigueur le {format_date(rules.on)} "
             f"({version}).", styles.body),
        para("(CSS) : choix du centre de services ; (école) : choix de l'école ; sans mention : politique par "
             "défaut de Vitrail. * : règle par défaut reconstituée, à confirmer (présumée).", styles.note),
        Spacer(1, 4),
    ]
    for part in (_parent_tiles, _school_choices, _staff_matrix, _soi_matrix):
        story.extend(part(rules))
    return story


def write_visibility_document(database: Database, school_id: int, target: str | os.PathLike[str], *,
                              on: date, overwrite: bool = True) -> Path:
    """Write the document to ``target`` (a .pdf path, private, never half-written) and return the path."""
    path = check_output_file(target, overwrite=overwrite, what="document")
    rules = load_visibility_rules(database, school_id, on)
    version = f"version {rules.version_id}" if rules.version_id else "réglages d'origine"
    letterhead = Letterhead(
        title=TITLE,
        lines=(rules.school_name, rules.board_name, f"En vigueur le {format_date(on)} — {version}"),
        footer=f"{TITLE} — {rules.school_name} — {version} — {format_date(on)}")
    with staged_file(path) as temporary:
        build_pdf(temporary, visibility_story(rules), letterhead)
    return path
