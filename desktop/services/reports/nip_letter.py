"""The NIP letter (accounts.md §3): one page per guardian, printed and handed or mailed on paper.

The NIP is never sent by email (the vendor's own rule for identity data), so this letter is
the only place it exists in clear once the issuing screen is closed. It tells the guardian what
the NIP is for, the association steps, and what it is *not* (not the verification code the
portal emails, not the fiche number), because those are the confusions parents call about.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from desktop.services.accounts.nips import NipLetterData
from desktop.services.reports.base import (
    FONT_BOLD,
    HEADER_FILL,
    INK,
    Letterhead,
    PdfCollection,
    format_date,
    para,
    report_styles,
)


def _letterhead(letter: NipLetterData) -> Letterhead:
    lines = [f"École {letter.school_name}" if not letter.school_name.lower().startswith("école")
             else letter.school_name]
    contact = " · ".join(part for part in (letter.school_address, letter.school_phone) if part)
    if contact:
        lines.append(contact)
    lines.append(letter.board_name)
    return Letterhead(title="NIP — portail parents", lines=tuple(lines),
                      footer="Confidentiel : à remettre au répondant seulement")


def _nip_box(letter: NipLetterData) -> Table:
    styles = report_styles()
    big = ParagraphStyle("nip", parent=styles.title, fontName=FONT_BOLD, fontSize=22, leading=28, alignment=1)
    caption = ParagraphStyle("nip_caption", parent=styles.body, alignment=1)
    rows = [[para("Votre NIP", caption)], [para(letter.nip, big)],
            [para(f"Valide jusqu'au {format_date(letter.expires_on)} inclusivement", caption)]]
    table = Table(rows, colWidths=[11 * cm], hAlign="CENTER")
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, INK), ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                               ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return table


# No server URL configured (``vitrail config set server_url …``): the letter still says where to look.
PORTAL_UNKNOWN = "celle indiquée sur le site Web de l'école ou du centre de services scolaire"


def _email_line(letter: NipLetterData) -> str:
    if letter.guardian_email:
        return (f"Courriel que l'école a à votre dossier : {letter.guardian_email} — créez votre compte avec "
                "celui-ci. S'il n'est plus le bon, communiquez avec le secrétariat avant de créer votre compte.")
    return ("L'école n'a aucun courriel à votre dossier : communiquez avec le secrétariat pour en donner un "
            "avant de créer votre compte, sinon l'association ne pourra pas se faire.")


def letter_story(letter: NipLetterData) -> list[Flowable]:
    """The flowables of one letter (one page)."""
    styles = report_styles()
    story: list[Flowable] = [para(format_date(letter.issued_on), styles.body), Spacer(1, 10)]
    story.append(para(letter.guardian_name, styles.subheading))
    # "12 rue X, app. 3, Ville (Québec) J8L 1A1": street (and apartment) above, town below.
    for line in (letter.guardian_address or "").rsplit(", ", 1):
        story.append(para(line, styles.body))
    story += [Spacer(1, 14),
              para(f"Objet : NIP pour associer {letter.student_name} à votre compte du portail parents",
                   styles.heading),
              para(f"Bonjour {letter.guardian_name},", styles.body), Spacer(1, 4),
              para(f"À votre demande, l'école vous remet un NIP (numéro d'identification personnel) pour associer "
                   f"votre enfant {letter.student_name} ({letter.school_name}) à votre compte du portail parents. "
                   "Ce NIP est à votre nom : l'autre répondant de l'enfant reçoit le sien, s'il en a besoin.",
                   styles.body),
              Spacer(1, 10), _nip_box(letter), Spacer(1, 10),
              para("Comment associer votre enfant", styles.heading)]
    story += [para(f"Adresse du portail parents : {letter.portal_url or PORTAL_UNKNOWN}", styles.body),
              para(_email_line(letter), styles.body), Spacer(1, 6)]
    steps = (
        "Créez votre compte sur le portail parents avec le courriel que l'école a à votre dossier "
        "(ou connectez-vous si vous avez déjà un compte) : c'est ce courriel qui relie votre compte à votre "
        "dossier.",
        "Si le portail vous envoie un code de vérification par courriel, entrez-le pour confirmer votre adresse.",
        "Choisissez « Associer un enfant », puis le centre de services "
        f"« {letter.board_name} ».",
        "Tapez le nom de famille, le prénom et la date de naissance de l'enfant exactement comme sur son "
        "bulletin : accents, traits d'union et tous les noms de famille, dans l'ordre.",
        "À la place du numéro de fiche ou du code permanent, entrez ce NIP (majuscules ou minuscules, "
        "avec ou sans les traits d'union).",
    )
    for number, step in enumerate(steps, start=1):
        story.append(para(f"{number}. {step}", styles.body))
        story.append(Spacer(1, 2))
    story += [para("Ce que ce NIP n'est pas", styles.heading),
              para("• Ce n'est pas le code de vérification que le portail vous envoie par courriel à la "
                   "création du compte.", styles.body),
              para("• Ce n'est pas le numéro de fiche de votre enfant, ni son code permanent.", styles.body),
              para("• Ce n'est pas un mot de passe : ne l'utilisez que dans le formulaire d'association, "
                   "une seule fois, pour cet enfant.", styles.body),
              Spacer(1, 8),
              para("Gardez ce NIP confidentiel : l'école ne l'envoie jamais par courriel et ne le conserve pas. "
                   "S'il est perdu ou expiré, communiquez avec le secrétariat, qui vous en remettra un nouveau "
                   "(l'ancien cessera aussitôt de fonctionner).", styles.note)]
    return [KeepTogether(story)]


def write_nip_letters(path: str | os.PathLike[str], letters: Sequence[NipLetterData]) -> Path:
    """One PDF, one page per guardian's letter, written atomically (nothing left on failure)."""
    if not letters:
        raise ValueError("no letters to write")
    title = "NIP — portail parents" if len(letters) == 1 else f"NIP — portail parents ({len(letters)} lettres)"
    with PdfCollection(path, title=title) as collection:
        for letter in letters:
            collection.add(letter_story(letter), _letterhead(letter))
    return Path(path)
