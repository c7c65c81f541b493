"""The shared report building blocks: fonts embedded, French text, page footer, repeated table headers."""

from __future__ import annotations

import io
from datetime import date, datetime

import pypdf
import pytest

from desktop.services.reports.base import (
    NBSP,
    Letterhead,
    PdfCollection,
    build_pdf,
    data_table,
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_percent,
    format_value,
    invariant_output,
    para,
    report_styles,
    typography,
)

LETTERHEAD = Letterhead(
    title="Rapport d'essai",
    lines=("École secondaire des Érables", "Élève : Zoé Côté — fiche 1234567"),
    footer="Confidentiel — préparé pour Direction par secretariat.test le 23 novembre 2026",
)


def _pdf(story, letterhead=LETTERHEAD) -> pypdf.PdfReader:
    buffer = io.BytesIO()
    with invariant_output():
        build_pdf(buffer, story, letterhead)
    return pypdf.PdfReader(io.BytesIO(buffer.getvalue()))


def _long_table_story(rows: int = 90):
    return [para("Résultats", report_styles().heading),
            data_table(["Matière", "Compétence", "Étape", "Résultat"],
                       [[f"Mathématique {i}", "Résoudre une situation-problème", i % 3 + 1, 80 + i / 2]
                        for i in range(rows)])]


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_typography_puts_non_breaking_spaces_before_high_punctuation_and_inside_guillemets():
    assert typography("Motif : maladie") == f"Motif{NBSP}: maladie"
    assert typography("Note: voir le dossier") == f"Note{NBSP}: voir le dossier"
    assert typography("Vraiment ? Oui ! Bon ; fini") == f"Vraiment{NBSP}? Oui{NBSP}! Bon{NBSP}; fini"
    assert typography("«Plan»") == f"«{NBSP}Plan{NBSP}»"
    assert typography("« Plan d'intervention »") == f"«{NBSP}Plan d'intervention{NBSP}»"


def test_typography_leaves_times_addresses_and_ligatures_alone():
    assert typography("08:15 à 09:30") == "08:15 à 09:30"
    assert typography("https://ecole.example/parents") == "https://ecole.example/parents"
    assert typography("Sœur de l'élève, cœur") == "Sœur de l'élève, cœur"


def test_quebec_french_dates_and_numbers():
    assert format_date(date(2026, 11, 23)) == "23 novembre 2026"
    assert format_date(date(2026, 12, 1)) == "1er décembre 2026"
    assert format_date(date(2027, 2, 8)) == "8 février 2027"
    assert format_datetime(datetime(2026, 11, 23, 14, 5)).replace(NBSP, " ") == "23 novembre 2026 à 14 h 05"
    assert format_percent(85.5) == f"85,5{NBSP}%"
    assert format_percent(85.0) == f"85{NBSP}%"
    assert format_money(1234.5) == f"1{NBSP}234,50{NBSP}$"
    assert format_number(1234567.891, 2) == f"1{NBSP}234{NBSP}567,89"
    assert format_value(True) == "Oui" and format_value(None) == "—"


def test_fonts_are_embedded_on_every_page():
    reader = _pdf(_long_table_story())
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        names = {str(fonts[key].get_object()["/BaseFont"]) for key in fonts}
        assert any(name.endswith("DejaVuSans") for name in names), names
        for key in fonts:
            font = fonts[key].get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
                if "/DescendantFonts" in font else font["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), f"{font['/BaseFont']} not embedded"


def test_footer_on_every_page_with_page_x_of_y():
    reader = _pdf(_long_table_story())
    total = len(reader.pages)
    assert total >= 3
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        footer = ("Confidentiel — préparé pour Direction par secretariat.test le 23 novembre 2026 — "
                  f"page {number} de {total}")
        assert footer in _plain(text)


def test_table_header_repeats_on_every_page_it_spans():
    reader = _pdf(_long_table_story())
    assert len(reader.pages) >= 3
    for page in reader.pages:
        lines = [line.strip() for line in page.extract_text().splitlines()]
        assert "Matière Compétence Étape Résultat" in lines, lines[:12]
    assert "Mathématique 89" in reader.pages[-1].extract_text()


def test_accents_guillemets_and_ligatures_survive_into_the_pdf():
    reader = _pdf([para("« Élève à surveiller » : sœur aînée, 1 234,50 $ — €", report_styles().body)])
    text = _plain(reader.pages[0].extract_text())
    assert "« Élève à surveiller » : sœur aînée" in text


def test_output_is_byte_stable_under_invariant():
    def render() -> bytes:
        buffer = io.BytesIO()
        with invariant_output():
            build_pdf(buffer, _long_table_story(20), LETTERHEAD)
        return buffer.getvalue()

    assert render() == render()


def test_collection_numbers_pages_per_document_and_discard_leaves_nothing(tmp_path):
    target = tmp_path / "lot.pdf"
    with PdfCollection(target) as collection:
        collection.add(_long_table_story(90), LETTERHEAD)
        collection.add([para("Deuxième document")], Letterhead("Autre", ("École B",), "Pied B"))
    reader = pypdf.PdfReader(target)
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Pied B — page 1 de 1" in _plain(last)
    first = " ".join(reader.pages[0].extract_text().split())
    assert f"page 1 de {collection.pages - 1}" in first

    abandoned = tmp_path / "abandon.pdf"
    with pytest.raises(KeyboardInterrupt), PdfCollection(abandoned) as collection:
        collection.add(_long_table_story(10), LETTERHEAD)
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == [target]
