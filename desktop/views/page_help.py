"""F1: a short French help for the page on screen, and the list of keyboard shortcuts.

The texts are data, kept here beside the dialog that shows them: one entry per page name of
``main_window.PAGES`` (a test checks none is missing). They say what a new secretary needs on the
first day — what the page is for, how to reach it with the keyboard — not how the code works.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget


def _t(text: str) -> str:
    return QCoreApplication.translate("PageHelp", text)


def page_help() -> dict[str, tuple[str, str]]:
    """Page name → (title, help text as simple HTML), in French."""
    return {
        "students": (_t("Élèves"), _t(
            "<p>Cherchez un élève en tapant son nom, son prénom, son numéro de fiche ou son code permanent : "
            "la liste se filtre à chaque lettre, sans tenir compte des accents.</p>"
            "<p><b>Flèche bas</b> passe de la recherche à la liste ; <b>Entrée</b> ouvre le dossier de l'élève "
            "choisi. <b>Maj</b> ou <b>Ctrl</b> + flèches ou clic sélectionnent plusieurs élèves : "
            "« Imprimer la sélection… » les envoie à la page Impression.</p>"
            "<p>Dans le dossier, un courriel se corrige sur place ; <b>Ctrl+Z</b> annule, <b>Ctrl+S</b> "
            "enregistre.</p>")),
        "settings": (_t("Réglages du portail"), _t(
            "<p>Ce que le portail montre aux parents et au personnel, pour le centre de services, une école ou "
            "un membre du personnel. Un changement reste en attente, avec son effet et un aperçu avant / après, "
            "jusqu'à « Enregistrer » (une raison est obligatoire).</p>"
            "<p>L'onglet <b>Historique</b> liste les versions. « Revenir à cette version… » ne touche que l'école "
            "(ou le centre de services) de la version choisie et montre d'abord ce qui serait annulé.</p>")),
        "preview": (_t("Aperçu"), _t(
            "<p>Le dossier d'un élève exactement comme un rôle, un membre du personnel, un parent ou l'élève le "
            "voit. Choisissez l'élève à gauche (<b>Flèche bas</b> puis <b>Entrée</b>), puis « Vu par ».</p>"
            "<p>« Ajouter » place un autre lecteur à côté : les différences sont surlignées, et "
            "« Différences seulement » cache ce qui est pareil. Un élément masqué dit pourquoi.</p>")),
        "accounts": (_t("Comptes parents"), _t(
            "<p>Les constats qui empêchent un parent d'utiliser le portail : courriel manquant ou douteux, "
            "répondant sans NIP, etc. Filtrez par école, par constat ou par gravité.</p>"
            "<p><b>Entrée</b> ouvre le dossier au bon champ. Sélectionnez plusieurs lignes (<b>Maj</b> ou "
            "<b>Ctrl</b>) pour émettre les NIP d'un coup ; le NIP n'est montré qu'une fois.</p>")),
        "diagnostic": (_t("Diagnostic de connexion"), _t(
            "<p>Pour un parent au téléphone qui n'arrive pas à se connecter : entrez ce qu'il a tapé, puis "
            "« Diagnostiquer ». La réponse dit quoi lui dire, sans jamais révéler ce qu'il n'a pas à savoir.</p>")),
        "print": (_t("Impression"), _t(
            "<p>Imprime les dossiers d'un groupe, d'une école ou des élèves sélectionnés dans la page Élèves, "
            "tels que le lecteur choisi les voit : rien de ce qui lui est masqué n'est imprimé.</p>"
            "<p>Choisissez la destination, puis « Imprimer » ; « Annuler » arrête sans laisser de fichier.</p>")),
        "import": (_t("Importation"), _t(
            "<p>Les données du centre de services depuis son système de gestion des élèves (SIS) : choisissez un "
            "export OneRoster (.zip ou dossier). Vitrail le lit et le vérifie, puis montre ce qui serait ajouté, "
            "modifié ou désactivé, les conflits et chaque problème (fichier, ligne, champ).</p>"
            "<p>« Appliquer » écrit tout en une seule fois ; « Annuler » laisse la base telle qu'elle était. "
            "L'onglet <b>Historique</b> montre ce que chaque importation a changé ; <b>À reporter dans le SIS</b>, "
            "les corrections faites dans Vitrail, à exporter en CSV.</p>")),
        "journal": (_t("Journal"), _t(
            "<p>Qui a modifié ou consulté quoi, quand et de quel poste, les entrées les plus récentes d'abord. "
            "Filtrez par élève (ses répondants compris), répondant, réglage, personne, action ou période, puis "
            "<b>Entrée</b> ou « Rechercher ».</p>"
            "<p>« Plus ancien… » ajoute les 200 entrées suivantes ; « Exporter en CSV… » écrit toutes celles qui "
            "correspondent aux filtres.</p>")),
        "access": (_t("Accès"), _t(
            "<p>Qui détient quel rôle (secrétariat, direction, administration du centre de services, "
            "informatique), et dans quelles écoles. Réservé à l'administration du centre de services.</p>"
            "<p>« Accorder un rôle… » donne un rôle à une personne, par son identifiant de connexion ; "
            "« Retirer ce rôle » le lui enlève. Chaque changement est inscrit au journal.</p>")),
    }


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do), as listed in every help window."""
    return [
        (_t("F1"), _t("Aide de la page affichée")),
        (_t("Ctrl+1 … Ctrl+7"), _t("Aller aux pages Élèves, Réglages, Aperçu, Comptes parents, Diagnostic, "
                                   "Impression, Importation")),
        (_t("Ctrl+F"), _t("Page Élèves : retourner à la recherche")),
        (_t("Tab / Maj+Tab"), _t("Passer à la zone suivante / précédente")),
        (_t("Flèche bas, Entrée"), _t("De la recherche à la liste ; ouvrir l'élève choisi")),
        (_t("Maj ou Ctrl + flèches"), _t("Sélectionner plusieurs élèves ou constats")),
        (_t("Ctrl+Z / Ctrl+Maj+Z"), _t("Annuler / rétablir une correction dans le dossier")),
        (_t("F2 ou une lettre"), _t("Dossier : corriger le courriel de la cellule choisie ; Entrée confirme")),
        (_t("Ctrl+S"), _t("Enregistrer les corrections du dossier")),
        (_t("Maj+Tab depuis la recherche"), _t("Page Élèves : « Émettre les NIP… », puis « Imprimer la "
                                               "sélection… » pour l'élève choisi ; Espace les active")),
        (_t("Entrée"), _t("Émettre des NIP : émettre ; Impression, dans la destination : imprimer")),
        (_t("Échap"), _t("Fermer une fenêtre ou annuler la saisie en cours")),
    ]


class PageHelpDialog(QDialog):
    """The help of one page, then the shortcuts; closes with Échap or « Fermer »."""

    def __init__(self, page: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title, text = page_help().get(page, (self.tr("Vitrail"), ""))
        self.setWindowTitle(self.tr("Aide — {page}").format(page=title))
        self.setObjectName("page_help")
        self.resize(560, 520)
        rows = "".join(f"<tr><td style='padding:2px 12px 2px 0'><b>{keys}</b></td><td>{what}</td></tr>"
                       for keys, what in shortcuts())
        self.text = QTextBrowser()
        self.text.setObjectName("help_text")
        self.text.setAccessibleName(self.tr("Aide de la page {page}").format(page=title))
        self.text.setHtml(f"<h3>{title}</h3>{text}<h3>{self.tr('Raccourcis clavier')}</h3><table>{rows}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Fermer"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("F1 rouvre cette aide sur chaque page."))
        intro.setObjectName("hint")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.text, 1)
        layout.addWidget(intro)
        layout.addWidget(buttons)
