"""The dossier renderer on hand-built engine answers: what is printed, in which order, and what never is."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest

from desktop.services.errors import InvalidInput
from desktop.services.reports.base import NBSP, invariant_output
from desktop.services.reports.dossier import PrintStamp, cell_text, field_table, render_dossier, render_withheld
from desktop.services.visibility.view import (
    Access,
    DossierView,
    FieldView,
    HiddenCount,
    Reason,
    TileView,
    Viewer,
)

TODAY = date(2026, 11, 23)
STAMP = PrintStamp("secretariat.test", TODAY)
GRANTED = Reason("role_policy_granted", "Permis par la politique du rôle.")
DENIED = Reason("role_policy_denied", "Refusé par la politique du rôle : ce rôle ne voit pas ce champ.")
OWN_ONLY = Reason("soi_own_only", "Observations graves : seulement celles que ce lecteur a rédigées.")
SECRET_NOTE = "Crise en classe le 12 novembre, parents convoqués"


def _field(id_: str, label: str, value=None, *, visible=True, reason=GRANTED, hidden_items=()):
    return FieldView(id_, label, visible, reason if visible or reason is not GRANTED else DENIED,
                     value if visible else None, hidden_items)


def direction_view(results_rows: int = 12) -> DossierView:
    """Everything visible, including a long results table."""
    results = [{"subject_code": "MAT", "subject": "Mathématique", "course_group": "MAT-501",
                "competency": f"Compétence {i % 3 + 1}", "term": i % 3 + 1, "value": 70 + i * 0.5}
               for i in range(results_rows)]
    observations = [
        {"category": "positive", "author_staff_id": 3, "author": "Julie Gagnon", "date": "2026-11-02",
         "shared_with_parents": True, "text": "Belle participation en classe", "school_year": 2026},
        {"category": "serious", "author_staff_id": 4, "author": "Marc Roy", "date": "2026-11-12",
         "shared_with_parents": False, "text": SECRET_NOTE, "school_year": 2026},
    ]
    tiles = (
        TileView("profile", "Profil", True, GRANTED, (
            _field("contact_name", "Nom du contact", "Marie Tremblay (Mère)"),
            _field("contact_home_phone", "Téléphone maison", "514 555-0101"),
            _field("birth_date", "Date de naissance", "2011-03-14"),
            _field("code_permanent", "Code permanent", "COTZ11531401"),
            _field("fiche", "N° fiche", "1234567"),
            _field("group", "Groupe", "501"),
            _field("intervention_plan_flag", "Plan d'intervention", True),
        )),
        TileView("evaluation", "Évaluation", True, GRANTED, (
            _field("results_by_competency", "Résultat par matière-groupe, compétence, étape", results),
            _field("final_result", "Résultat final", []),
        )),
        TileView("soi", "SOI", True, GRANTED, (
            _field("observations", "Observations", observations),
        )),
        TileView("events", "Évènements", True, GRANTED, (
            _field("follow_up_events", "Évènements de suivi de l'année",
                   [{"date": "2026-10-05", "protocol": "Intimidation", "description": "Rencontre avec l'élève"}]),
        )),
    )
    return DossierView(1, "1234567", "Zoé Côté", "École secondaire des Érables",
                       Viewer("role", "direction", "Direction"), TODAY, Access(True, GRANTED), tiles)


def parent_view() -> DossierView:
    """A guardian: home phone hidden, serious observation withheld, events tile hidden."""
    shared = [{"category": "positive", "author_staff_id": 3, "author": "Julie Gagnon", "date": "2026-11-02",
               "shared_with_parents": True, "text": "Belle participation en classe", "school_year": 2026}]
    tiles = (
        TileView("dossier", "Dossier", True, GRANTED, (
            _field("birth_date", "Date de naissance", "2011-03-14"),
            _field("fiche", "N° fiche", "1234567"),
            _field("contact_home_phone", "Téléphone maison", visible=False, reason=DENIED),
        )),
        TileView("soi", "SOI", True, GRANTED, (
            _field("observations", "Observations", shared,
                   hidden_items=(HiddenCount(Reason("soi_not_shared", "Non partagée avec les parents."), 1),)),
        )),
        TileView("events", "Évènements", False, DENIED, ()),
    )
    viewer = Viewer("guardian", "parent", "Parent : Marie Tremblay (Mère)", guardian_id=9,
                    derivation="Compte du portail associé à l'élève par le courriel de la répondante.")
    return DossierView(1, "1234567", "Zoé Côté", "École secondaire des Érables", viewer, TODAY,
                       Access(True, GRANTED), tiles,
                       contact_us={"school": "École secondaire des Érables", "phone": "514 555-0199"})


def render(view: DossierView, renderer=render_dossier) -> tuple[bytes, pypdf.PdfReader]:
    buffer = io.BytesIO()
    with invariant_output():
        renderer(view, buffer, STAMP)
    data = buffer.getvalue()
    return data, pypdf.PdfReader(io.BytesIO(data))


def pdf_text(reader: pypdf.PdfReader) -> str:
    """All pages' text with spaces normalised (non-breaking → plain, runs collapsed)."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).replace(NBSP, " ").split())


def _norm(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def test_direction_dossier_prints_tiles_and_fields_in_engine_order():
    _, reader = render(direction_view())
    text = pdf_text(reader)
    positions = [text.index(label) for label in ("Profil", "Évaluation", "SOI", "Évènements")]
    assert positions == sorted(positions)
    for value in ("Marie Tremblay (Mère)", "514 555-0101", "14 mars 2011", "COTZ11531401", "Oui",
                  SECRET_NOTE, "Intimidation", "5 octobre 2026"):
        assert value in text, value
    assert "Grave" in text and "À surveiller" not in text
    assert "Aucun élément." in text  # the empty final results
    assert "MAT-501" in text and "author_staff_id" not in text


def test_parent_dossier_never_prints_a_hidden_item():
    _, reader = render(parent_view())
    text = pdf_text(reader)
    assert "Belle participation en classe" in text
    assert "Téléphone maison" not in text
    assert "Évènements" not in text
    assert SECRET_NOTE not in text and "Non partagée" not in text
    assert "Nous joindre" in text and "514 555-0199" in text


def test_header_names_school_student_and_viewer_and_footer_says_for_whom_on_every_page():
    _, reader = render(direction_view(results_rows=120))
    assert len(reader.pages) >= 3
    for number, page in enumerate(reader.pages, start=1):
        text = _norm(page.extract_text())
        assert "École secondaire des Érables" in text
        assert "Élève : Zoé Côté — fiche 1234567" in text
        assert "Préparé pour : Direction" in text
        assert (f"Confidentiel — préparé pour Direction par secretariat.test le 23 novembre 2026 "
                f"— page {number} de {len(reader.pages)}") in text


def test_results_table_split_across_pages_repeats_its_header():
    _, reader = render(direction_view(results_rows=120))
    pages_with_results = [page for page in reader.pages if "MAT-501" in page.extract_text()]
    assert len(pages_with_results) >= 2
    for page in pages_with_results:
        lines = [line.strip() for line in page.extract_text().splitlines()]
        assert "Matière Cours-groupe Compétence Étape Résultat" in lines, lines[:12]


def test_withheld_report_is_separate_and_lists_what_and_why_without_values():
    _, reader = render(parent_view(), render_withheld)
    last = _norm(reader.pages[-1].extract_text())
    assert "Pour la direction : éléments retenus" in last
    assert "Dossier › Téléphone maison" in last and "Refusé par la politique du rôle" in last
    assert "Évènements" in last
    assert "SOI › Observations (1 élément retenu)" in last and "Non partagée avec les parents." in last
    assert SECRET_NOTE not in pdf_text(reader)
    _, dossier = render(parent_view())
    assert "éléments retenus" not in pdf_text(dossier) and "élément retenu" not in pdf_text(dossier)


def test_refused_access_prints_nothing():
    view = parent_view()
    refused = DossierView(view.student_id, view.student_fiche, view.student_name, view.school_name, view.viewer,
                          view.on, Access(False, Reason("guardian_no_email", "Aucun courriel au dossier : "
                                                        "ce parent ne peut pas être associé à l'élève.")))
    with pytest.raises(InvalidInput, match=r"Impression refusée.*Aucun courriel au dossier"):
        render(refused)


def test_cell_text_formats_codes_dates_and_results_in_french():
    assert cell_text("category", "to_watch") == "À surveiller"
    assert cell_text("date", "2026-11-02") == "2 novembre 2026"
    assert cell_text("value", 85.5, "final_result") == f"85,5{NBSP}%"
    assert cell_text("value", 3, "period") == "3"
    assert cell_text("value", "lateness", "type") == "Retard"
    assert cell_text("balance", 1234.5) == f"1{NBSP}234,50{NBSP}$"
    assert cell_text("school_year", 2026) == "2026-2027"
    columns, rows = field_table(direction_view().tiles[2].fields[0])
    assert columns[:2] == ["Catégorie", "Auteur"] and "author_staff_id" not in columns
    assert rows[1][0] == "Grave"
