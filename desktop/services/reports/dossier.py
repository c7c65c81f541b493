"""A student's file, printed exactly as one viewer sees it (the engine's ``DossierView`` → PDF).

The renderer trusts the engine and nothing else: it prints the visible tiles and fields in the
engine's order (the Aperçu page's order) and never looks at a hidden item beyond its label and
reason — a hidden ``FieldView`` carries no value anyway. Row dictionaries of list fields become
tables; their technical keys (``*_id``, a subject code beside the subject's name) are left out.

A dossier holds only what its viewer sees: no count, list or mention of what is withheld
(visibility.md §7.6). What a viewer does *not* see, and why, is a separate report for the direction
(``render_withheld``, "Éléments retenus"), never a page of the viewer's dossier. A viewer with no
access gets no dossier at all: ``printable`` refuses it with the reason. ``cell_text`` is public so
that tests and the Aperçu page can show a value
exactly as it is printed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from reportlab.platypus import CondPageBreak, Spacer
from reportlab.platypus.flowables import Flowable

from desktop.services.errors import InvalidInput
from desktop.services.reports.base import (
    Letterhead,
    PdfCollection,
    build_pdf,
    data_table,
    format_date,
    format_datetime,
    format_money,
    format_percent,
    format_value,
    label_value_table,
    report_styles,
    text_line,
)
from desktop.services.visibility.view import DossierView, FieldView, TileView

TITLE = "Dossier de l'élève"

# French headers of the keys found in the engine's row dictionaries.
COLUMN_LABELS = {
    "absences": "Absences", "address": "Adresse", "all_subjects": "Toutes les matières", "author": "Auteur",
    "balance": "Solde", "body": "Message", "category": "Catégorie", "cell_phone": "Cellulaire",
    "competency": "Compétence", "course_group": "Cours-groupe", "cycle_day": "Jour", "date": "Date",
    "description": "Description", "details": "Détails", "detention": "Retenue", "direction": "Direction",
    "document_name": "Document", "due_on": "Échéance", "email": "Courriel", "end": "Fin",
    "entitled": "Transport scolaire", "fax": "Télécopieur", "file_name": "Fichier", "from": "Provenance",
    "generated_on": "Produit le", "home_phone": "Téléphone maison", "homework": "Devoirs", "kind": "Type",
    "name": "Nom", "other_phone": "Autre téléphone", "period": "Période", "phone": "Téléphone",
    "protocol": "Protocole", "published_at": "Publié le", "rank": "Rang", "reason": "Motif",
    "relationship": "Lien", "respondent": "Répondant", "room": "Local", "school": "École",
    "school_year": "Année scolaire", "shared_with_parents": "Partagée aux parents", "start": "Début",
    "started_on": "Début", "subject": "Matière", "subject_code": "Matière", "subject_codes": "Matières",
    "summary": "Résumé", "teacher": "Enseignant", "teachers": "Enseignants",
    "teacher_emails": "Courriel", "term": "Étape", "text": "Texte",
    "title": "Titre", "url": "Adresse", "value": "Valeur", "week_of": "Semaine du", "work_phone": "Travail",
}

# Codes stored in the records, as printed.
CODE_LABELS = {
    "category": {"positive": "Positive", "to_watch": "À surveiller", "to_modify": "À modifier",
                 "serious": "Grave", "intervention": "Intervention"},
    "kind": {"absence": "Absence", "lateness": "Retard", "homework": "Devoir", "lesson": "Leçon",
             "assessment": "Évaluation", "preventive": "Plan préventif", "intervention": "Plan d'intervention",
             "school": "État de compte de l'école", "daycare": "État de compte du service de garde",
             "tax_slip": "Relevé fiscal"},
}
# Fields whose generic "value" key holds a percentage, or a code of another key.
PERCENT_FIELDS = frozenset({"results_by_competency", "final_result", "group_average", "ministry_results"})
VALUE_CODES = {"type": "kind"}
# A list field this small is printed as lines beside its label rather than as a table of its own.
INLINE_MAX_COLUMNS = 3
INLINE_MAX_ROWS = 8
HEADING_ROOM = 90.0  # points: a tile heading plus its first rows

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass(frozen=True)
class PrintStamp:
    """Who prints, and when: printed in every footer and recorded in the audit log."""

    printed_by: str
    printed_on: date


def _is_technical(key: str, row_keys: Sequence[str]) -> bool:
    if key.endswith("_id") or key == "id":
        return True
    return key == "subject_code" and "subject" in row_keys


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def cell_text(key: str, value: Any, field_id: str = "") -> str:
    """One value of a row of field ``field_id`` (or a scalar field, key = field id) exactly as printed."""
    code_key = VALUE_CODES.get(field_id, key) if key == "value" else key
    if isinstance(value, str):
        if value in CODE_LABELS.get(code_key, {}):
            return CODE_LABELS[code_key][value]
        if _ISO_DATE.match(value):
            return format_date(date.fromisoformat(value))
        if _ISO_DATETIME.match(value):
            return format_datetime(datetime.fromisoformat(value))
        return value or "—"
    if key == "school_year" and _is_number(value):
        return f"{value}-{value + 1}"
    if key == "value" and field_id in PERCENT_FIELDS and _is_number(value):
        return format_percent(value)
    if key == "balance" and _is_number(value):
        return format_money(value)
    if isinstance(value, dict):
        keys = list(value)
        return " · ".join(f"{_column_label(k)} : {cell_text(k, v, field_id)}" for k, v in value.items()
                          if not _is_technical(k, keys))
    if isinstance(value, (list, tuple)) and value and all(isinstance(item, dict) for item in value):
        return "; ".join(_item_text(item, field_id) for item in value)
    return format_value(value)


def _item_text(item: dict[str, Any], field_id: str) -> str:
    """A row nested in a cell (the homework of a calendar day): its values only, "Devoir, Dictée 1, MAT"."""
    keys = list(item)
    return ", ".join(cell_text(k, v, field_id) for k, v in item.items() if not _is_technical(k, keys))


def row_columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The keys printed as columns, in the order the engine gave them (first row first)."""
    keys: list[str] = []
    for row in rows:
        for key in row:
            if key not in keys:
                keys.append(key)
    return [key for key in keys if not _is_technical(key, keys)]


def _column_label(key: str, field: FieldView | None = None) -> str:
    if key == "value" and field is not None:
        return "Résultat" if field.id in PERCENT_FIELDS else field.label
    return COLUMN_LABELS.get(key, key.replace("_", " ").capitalize())


def is_list_field(field: FieldView) -> bool:
    value = field.value
    return isinstance(value, (list, tuple)) and (not value or all(isinstance(item, dict) for item in value))


def field_table(field: FieldView) -> tuple[list[str], list[list[str]]]:
    """(column headers, rows of printed texts) of a list field."""
    rows = list(field.value or ())
    keys = row_columns(rows)
    return ([_column_label(key, field) for key in keys],
            [[cell_text(key, row.get(key), field.id) for key in keys] for row in rows])


def field_texts(field: FieldView) -> list[str]:
    """Every text the dossier prints for a visible field (what a reader can find in the PDF)."""
    if is_list_field(field):
        _, rows = field_table(field)
        return [text for row in rows for text in row]
    return [cell_text(field.id, field.value, field.id)]


def _inline_lines(field: FieldView) -> str | None:
    """A small list field as lines ("Hugues Diallo : 514 555-9634"), or None when it needs a table."""
    rows = list(field.value or ())
    keys = row_columns(rows)
    if not rows or len(keys) > INLINE_MAX_COLUMNS or len(rows) > INLINE_MAX_ROWS:
        return None

    def cell(key: str, value: Any) -> str:
        text = cell_text(key, value, field.id)
        # A yes/no loses its meaning without its column: "Retenue : Non".
        return f"{_column_label(key, field)} : {text}" if isinstance(value, bool) else text

    def line(row: dict[str, Any]) -> str:
        first, *rest = (cell(key, row.get(key)) for key in keys)
        shown = [text for text in rest if text != "—"] or rest
        return f"{first} : {' — '.join(shown)}" if shown else first

    return "\n".join(line(row) for row in rows)


def letterhead(view: DossierView, stamp: PrintStamp) -> Letterhead:
    viewer = view.viewer.label
    return Letterhead(
        title=TITLE,
        lines=(view.school_name,
               f"Élève : {view.student_name} — fiche {view.student_fiche}",
               f"Préparé pour : {viewer} — dossier au {format_date(view.on)}"),
        footer=f"Confidentiel — préparé pour {viewer} par {stamp.printed_by} le {format_date(stamp.printed_on)}",
    )


def _tile_story(tile: TileView) -> list[Flowable]:
    styles = report_styles()
    story: list[Flowable] = []
    scalars: list[tuple[str, str]] = []

    def flush() -> None:
        if scalars:
            story.append(label_value_table(list(scalars)))
            scalars.clear()

    for field in tile.fields:
        if not field.visible:
            continue
        if not is_list_field(field):
            scalars.append((field.label, cell_text(field.id, field.value, field.id)))
            continue
        lines = _inline_lines(field) if field.value else "Aucun élément."
        if lines is not None:
            scalars.append((field.label, lines))
            continue
        flush()
        story.append(data_table(*field_table(field), caption=field.label))
    flush()
    if not story:
        story.append(text_line("Aucun renseignement de cette section n'est visible pour ce lecteur.", styles.note))
    # A heading never ends a page: start a new page when less than a few rows' room is left
    # (not KeepTogether, which would push a whole half-page table to the next page).
    return [CondPageBreak(HEADING_ROOM), text_line(tile.label, styles.heading), *story]


def _summary(view: DossierView) -> list[Flowable]:
    styles = report_styles()
    story = [text_line(f"{view.student_name}", styles.title)]
    lines = [f"Dossier tel que le voit : {view.viewer.label}."]
    if view.viewer.derivation:
        lines.append(view.viewer.derivation)
    lines.append(f"Situation au {format_date(view.on)}.")
    story.extend(text_line(sentence, styles.body) for sentence in lines)
    story.append(Spacer(1, 4))
    return story


WITHHELD_TITLE = "Éléments retenus"


def printable(view: DossierView) -> None:
    """Refuse (InvalidInput, French) to print a dossier for a viewer who does not see this student at all."""
    if not view.access.granted:
        raise InvalidInput(f"Impression refusée : {view.viewer.label} n'a accès à aucun dossier de cet élève. "
                           f"{view.access.reason.message}")


def _withheld_story(view: DossierView) -> list[Flowable]:
    """What this viewer does not see, and why; never a value."""
    styles = report_styles()
    rows: list[list[str]] = []
    if not view.access.granted:
        rows.append(["Dossier entier", view.access.reason.message])
    for tile in view.tiles:
        if not tile.visible:
            rows.append([tile.label, tile.reason.message])
            continue
        for field in tile.fields:
            if not field.visible:
                rows.append([f"{tile.label} › {field.label}", field.reason.message])
            for hidden in field.hidden_items:
                noun = "élément retenu" if hidden.count == 1 else "éléments retenus"
                rows.append([f"{tile.label} › {field.label} ({hidden.count} {noun})", hidden.reason.message])
    story: list[Flowable] = [
        text_line(f"Pour la direction : éléments retenus — {view.student_name}", styles.title),
        text_line(f"Ce qui n'a pas été imprimé pour {view.viewer.label}, et pourquoi. Aucune valeur n'est reproduite.",
                  styles.note),
    ]
    story.append(data_table(["Élément", "Raison"], rows) if rows
                 else text_line("Rien n'a été retenu : ce lecteur voit tout le dossier.", styles.body))
    return story


def dossier_story(view: DossierView) -> list[Flowable]:
    """The flowables of one dossier, in the Aperçu page's order (InvalidInput for a viewer with no access)."""
    printable(view)
    styles = report_styles()
    story = _summary(view)
    for tile in view.tiles:
        if tile.visible:
            story.extend(_tile_story(tile))
    if view.home_spaces:
        story.append(text_line("Espaces de la page d'accueil", styles.heading))
        story.append(data_table(["Espace"], [[space] for space in view.home_spaces]))
    if view.contact_us:
        story.append(text_line("Nous joindre", styles.heading))
        story.append(label_value_table([(_column_label(key), value) for key, value in view.contact_us.items()
                                        if value]))
    return story


def render_dossier(view: DossierView, target: str | os.PathLike[str] | BinaryIO, stamp: PrintStamp) -> int:
    """Write one dossier PDF; returns its page count."""
    return build_pdf(target, dossier_story(view), letterhead(view, stamp))


def add_dossier(collection: PdfCollection, view: DossierView, stamp: PrintStamp) -> int:
    """Append one dossier (its own header and page numbers) to a combined PDF."""
    return collection.add(dossier_story(view), letterhead(view, stamp))


def withheld_letterhead(view: DossierView, stamp: PrintStamp) -> Letterhead:
    return Letterhead(
        title=WITHHELD_TITLE,
        lines=(view.school_name, f"Élève : {view.student_name} — fiche {view.student_fiche}",
               f"Ce que ne voit pas : {view.viewer.label} — au {format_date(view.on)}"),
        footer=f"Confidentiel — pour la direction — produit par {stamp.printed_by} le {format_date(stamp.printed_on)}",
    )


def render_withheld(view: DossierView, target: str | os.PathLike[str] | BinaryIO, stamp: PrintStamp) -> int:
    """The separate report for the direction: what ``view``'s viewer does not see, and why."""
    return build_pdf(target, _withheld_story(view), withheld_letterhead(view, stamp))


def add_withheld(collection: PdfCollection, view: DossierView, stamp: PrintStamp) -> int:
    return collection.add(_withheld_story(view), withheld_letterhead(view, stamp))
