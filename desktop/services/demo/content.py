"""The words of the demo board: names, places, subjects, reasons, observation texts.

Names come from Faker's fr_CA lists (read once as plain tuples: calling Faker per row is far
too slow for 100,000 students) completed with given names actually common in Quebec births of
2009-2020 and surnames of families who came to Quebec more recently.
"""

from __future__ import annotations

from faker.providers.person.fr_CA import Provider as _FrCa

QUEBEC_SURNAMES: tuple[str, ...] = (
    *_FrCa.last_names,
    "D'Amours", "L'Heureux", "D'Anjou", "Ouellette", "Lajoie", "Jean-Baptiste", "Pierre-Louis",
    "Tran", "Haddad", "Benali", "Diallo", "Traoré", "Khoury", "Mukendi", "Rodriguez", "Gonzalez",
    "Ahmed", "Chen", "Li", "Nasser", "Saint-Fleur", "Bah", "Ng",
)

ADULT_FEMALE_NAMES: tuple[str, ...] = (
    *_FrCa.first_names_female,
    "Marie-Claude", "Marie-Josée", "Marie-Ève", "Anne-Marie", "Mélissa", "Annie", "Josée",
    "Kim", "Geneviève", "Stéphanie", "Marie-Hélène", "Isabelle", "Émilie", "Jessica",
)
ADULT_MALE_NAMES: tuple[str, ...] = (
    *_FrCa.first_names_male,
    "Jean-François", "Jean-Philippe", "Marc-André", "Jean-Sébastien", "Sylvain", "Dany",
    "Steve", "Yannick", "Francis", "Maxime", "Jonathan", "Mathieu", "Simon", "Dominic",
)

CHILD_FEMALE_NAMES: tuple[str, ...] = (
    "Léa", "Emma", "Olivia", "Florence", "Alice", "Zoé", "Charlotte", "Béatrice", "Rosalie",
    "Juliette", "Livia", "Charlie", "Mila", "Chloé", "Maëlle", "Éléonore", "Clara", "Romy",
    "Laurence", "Mia", "Victoria", "Anaïs", "Ève", "Jade", "Maïka", "Noémie", "Camille", "Sofia",
    "Élodie", "Marianne", "Amélia", "Félicia", "Léonie", "Maude", "Sarah", "Laurie", "Océane",
    "Coralie", "Ariane", "Justine", "Mégane", "Émy", "Aurélie", "Rose", "Flavie", "Maélie",
)
CHILD_MALE_NAMES: tuple[str, ...] = (
    "William", "Liam", "Noah", "Thomas", "Léo", "Jacob", "Édouard", "Félix", "Logan", "Nathan",
    "Louis", "Émile", "Arthur", "Raphaël", "Henri", "Charles", "Samuel", "Zack", "Théo", "Alexis",
    "Jules", "Antoine", "Olivier", "Xavier", "Benjamin", "Mathis", "Éloi", "Loïc", "Hugo",
    "Gabriel", "Adam", "Victor", "Zachary", "Malik", "Justin", "Anthony", "Nolan", "Elliot",
    "Tristan", "Étienne", "Vincent", "Maxime", "Simon", "Isaac", "Rémi", "Jérémy",
)
CHILD_FEMALE_COMPOUND: tuple[str, ...] = (
    "Marie-Ève", "Anne-Sophie", "Marie-Pier", "Lily-Rose", "Marie-Soleil", "Anne-Marie",
    "Rose-Alice", "Marie-Jeanne", "Ève-Marie", "Marie-Lou", "Léa-Rose", "Emma-Rose",
)
CHILD_MALE_COMPOUND: tuple[str, ...] = (
    "Jean-Philippe", "Marc-Antoine", "Jean-Félix", "Pier-Olivier", "Charles-Olivier",
    "Louis-Philippe", "Marc-Olivier", "Jean-Christophe", "Félix-Antoine", "Louis-Félix",
    "William-Alexandre", "Charles-Édouard",
)
# Older given names of the fr_CA list still appear among children (family names passed down).
CHILD_FEMALE_CLASSIC: tuple[str, ...] = tuple(_FrCa.first_names_female)
CHILD_MALE_CLASSIC: tuple[str, ...] = tuple(_FrCa.first_names_male)

TOWNS: tuple[tuple[str, str, str], ...] = (
    # (town, postal code prefix, area code) — fictional towns around three fictional lakes.
    ("Lac-Brûlé", "J8L", "819"), ("Saint-Aurèle-des-Lacs", "J8M", "819"),
    ("Val-des-Trois-Lacs", "J8N", "819"), ("Sainte-Héloïse", "J8P", "873"),
    ("Pointe-aux-Hérons", "J8R", "819"), ("Saint-Isidore-du-Lac", "J8S", "819"),
    ("Notre-Dame-des-Bouleaux", "J8T", "873"), ("Lac-à-la-Truite", "J8V", "819"),
)
BOARD2_TOWNS: tuple[tuple[str, str, str], ...] = (
    ("Rivière-aux-Hérons", "J9A", "450"), ("Saint-Léandre", "J9B", "450"),
)
STREET_KINDS: tuple[str, ...] = ("rue", "rue", "rue", "avenue", "chemin", "boulevard", "montée", "rang")
STREET_NAMES: tuple[str, ...] = (
    "des Érables", "Principale", "Saint-Jean", "du Lac", "des Pins", "Notre-Dame", "de l'Église",
    "des Bouleaux", "Champlain", "Laurier", "des Pionniers", "du Moulin", "Sainte-Anne",
    "Wilfrid-Laurier", "des Cèdres", "de la Montagne", "Papineau", "des Saules", "du Ruisseau",
    "Marie-Victorin", "des Merisiers", "du Domaine", "Jacques-Cartier", "de la Rivière",
)

SCHOOL_NAMES_PRIMARY: tuple[str, ...] = (
    "des Bouleaux", "Saint-Joseph", "des Érables", "du Boisé", "de la Source", "Sainte-Marie",
    "Marie-Victorin", "Félix-Leclerc", "des Pionniers", "Gabrielle-Roy", "Saint-Louis",
    "du Petit-Bonheur", "de l'Envol", "des Trois-Soleils", "Jean-de-Brébeuf", "Notre-Dame",
    "aux Quatre-Vents", "de la Clé-des-Champs", "des Cheminots", "Sainte-Thérèse", "du Ruisseau",
    "Arc-en-ciel", "des Explorateurs", "Saint-Michel", "de la Passerelle", "Anne-Hébert",
)
SCHOOL_NAMES_SECONDARY: tuple[str, ...] = (
    "du Versant", "des Trois-Lacs", "Mont-Sainte-Anne", "de la Cité-étudiante", "Louis-Fréchette",
    "des Hauts-Sommets", "Pierre-Dupuy", "de l'Horizon", "Jeanne-Mance", "du Grand-Héron",
)

# Subject code → (name, competencies (code, name), levels taught, grades per level or None = all).
SUBJECTS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "FRA": ("Français, langue d'enseignement", (("LIRE", "Lire"), ("ECRI", "Écrire"),
                                                ("COMM", "Communiquer oralement"))),
    "MAT": ("Mathématique", (("RESO", "Résoudre une situation-problème"),
                             ("RAIS", "Utiliser un raisonnement mathématique"))),
    "ANG": ("Anglais, langue seconde", (("ORAL", "Communiquer oralement en anglais"),
                                        ("COMP", "Comprendre des textes lus et entendus"),
                                        ("ECRI", "Écrire des textes"))),
    "SCI": ("Science et technologie", (("SCI", "Science et technologie"),)),
    "GHC": ("Géographie, histoire et éducation à la citoyenneté", (("GHC", "Univers social"),)),
    "CCQ": ("Culture et citoyenneté québécoise", (("CCQ", "Culture et citoyenneté québécoise"),)),
    "ART": ("Arts plastiques", (("ART", "Réaliser et apprécier des créations plastiques"),)),
    "MUS": ("Musique", (("MUS", "Inventer, interpréter et apprécier des pièces musicales"),)),
    "EPS": ("Éducation physique et à la santé", (("AGIR", "Agir et interagir"),
                                                 ("SANT", "Adopter un mode de vie sain et actif"))),
    "HIS": ("Histoire", (("HIS", "Histoire"),)),
    "GEO": ("Géographie", (("GEO", "Géographie"),)),
    "ECO": ("Éducation financière", (("ECO", "Prendre position sur un enjeu financier"),)),
    "MCH": ("Monde contemporain", (("MCH", "Interpréter un problème du monde contemporain"),)),
    "CHI": ("Chimie", (("THEO", "Volet théorique"), ("PRAT", "Volet pratique"))),
    "PHY": ("Physique", (("THEO", "Volet théorique"), ("PRAT", "Volet pratique"))),
}


def subjects_for(level: str, grade: int) -> tuple[str, ...]:
    """The subjects a homeroom group of that level and grade takes (simplified ministry grid)."""
    if level == "primary":
        core = ("FRA", "MAT", "ANG", "SCI", "CCQ", "ART", "MUS", "EPS")
        return core + (("GHC",) if grade >= 3 else ())
    if grade <= 2:
        return ("FRA", "MAT", "ANG", "SCI", "HIS", "GEO", "CCQ", "ART", "EPS")
    if grade <= 4:
        return ("FRA", "MAT", "ANG", "SCI", "HIS", "CCQ", "ART", "EPS")
    return ("FRA", "MAT", "ANG", "ECO", "MCH", "CHI", "PHY", "CCQ", "EPS")


# Primary: the homeroom teacher teaches these; specialists teach the others.
HOMEROOM_SUBJECTS = frozenset({"FRA", "MAT", "SCI", "GHC", "CCQ", "ART"})
# Periods per 9-day cycle (weights scaled to the cycle's slots).
PERIOD_WEIGHTS = {"FRA": 10, "MAT": 8, "ANG": 4, "SCI": 3, "GHC": 3, "CCQ": 2, "ART": 2, "MUS": 2,
                  "EPS": 4, "HIS": 3, "GEO": 3, "ECO": 2, "MCH": 3, "CHI": 4, "PHY": 4}
# How hard a subject is marked, in percentage points against a student's general level.
SUBJECT_DIFFICULTY = {"FRA": 0, "MAT": -3, "ANG": 2, "SCI": 0, "GHC": 1, "CCQ": 4, "ART": 6, "MUS": 6,
                      "EPS": 7, "HIS": -2, "GEO": 0, "ECO": 1, "MCH": -1, "CHI": -6, "PHY": -5}
PRIMARY_PERIODS = (("08:15", "09:15"), ("09:20", "10:20"), ("10:40", "11:40"), ("13:00", "14:00"),
                   ("14:05", "15:05"))
SECONDARY_PERIODS = (("08:10", "09:25"), ("09:35", "10:50"), ("12:05", "13:20"), ("13:30", "14:45"))

ABSENCE_REASONS = (
    ("Maladie", 40), ("Rendez-vous médical", 16), ("Raison familiale", 12), ("Voyage", 4),
    ("Non motivée", 14), ("Rendez-vous dentaire", 5), ("Activité sportive", 3), ("Suspension", 1),
    ("Tempête (transport annulé)", 2), ("À motiver", 3),
)
LATENESS_REASONS = (("Retard d'autobus", 30), ("Non motivé", 35), ("Rendez-vous médical", 10),
                    ("Panne de réveil", 15), ("Raison familiale", 10))
DETENTION_REASONS = (
    "Retards répétés", "Travail non remis", "Cellulaire en classe malgré l'avertissement",
    "Manque de respect envers un adulte", "Langage inapproprié", "Absence non motivée à un cours",
    "Perturbation répétée du cours",
)

OBSERVATIONS = {
    "positive": (
        "Belle participation en classe aujourd'hui.", "A aidé spontanément un camarade en difficulté.",
        "Très belle progression en lecture depuis le début de l'étape.",
        "Excellent esprit d'équipe en éducation physique.",
        "Travail remis avec beaucoup de soin.", "S'est porté volontaire pour présenter son projet.",
    ),
    "to_watch": (
        "Semble fatigué depuis quelques jours.", "Oublie souvent son matériel.",
        "Difficulté à rester concentré en après-midi.", "S'isole à la récréation.",
        "Devoirs souvent incomplets cette semaine.", "Plusieurs retards au premier cours.",
    ),
    "to_modify": (
        "Parle pendant les consignes malgré les rappels.", "Refuse de se mettre au travail.",
        "Langage inapproprié envers un camarade.", "Utilise son cellulaire en classe.",
        "Bouscule dans le rang à l'entrée.", "Ne respecte pas les règles du jeu au gymnase.",
    ),
    "serious": (
        "Geste de violence envers un élève à la récréation.",
        "Propos intimidants envers un camarade (signalé à la direction).",
        "Quitte l'école sans autorisation.", "Menace verbale envers un membre du personnel.",
        "Bris volontaire de matériel.",
    ),
}
INTERVENTIONS = (
    "Rencontre individuelle avec l'élève.", "Appel aux parents pour les informer de la situation.",
    "Mise en place d'une feuille de route quotidienne.", "Rencontre avec la direction et l'élève.",
    "Référence au service de psychoéducation.", "Retour réflexif écrit avec l'élève.",
    "Rencontre de l'équipe-école (plan d'action).", "Suivi hebdomadaire avec la TES.",
)
SUPPORT_PLANS = {
    "preventive": (
        "Soutien en lecture : récupération deux fois par cycle.", "Outils d'organisation (agenda visuel, minuterie).",
        "Suivi préventif en mathématique avec l'orthopédagogue.", "Place préférentielle et consignes reformulées.",
    ),
    "intervention": (
        "Plan d'intervention : trouble d'apprentissage en écriture, aides technologiques (WordQ).",
        "Plan d'intervention : TDAH, pauses actives et temps supplémentaire aux évaluations.",
        "Plan d'intervention : difficultés de comportement, feuille de route et suivi TES.",
        "Plan d'intervention : trouble du langage, suivi en orthophonie.",
        "Plan d'intervention : anxiété de performance, local adapté aux évaluations.",
    ),
}
FOLLOW_UP_PROTOCOLS = (
    ("Absences répétées", "5 absences non motivées ou plus dans l'étape."),
    ("Retards répétés", "4 retards ou plus en deux semaines."),
    ("Résultat à risque", "Résultat sous 60 % en français ou en mathématique à l'étape 1."),
    ("Manquements au code de vie", "3 observations à modifier en un mois."),
)
HOMEWORK = {
    "homework": ("Exercices p. {p} à {q}", "Fiche de révision {n}", "Terminer le problème {n}"),
    "lesson": ("Étudier le vocabulaire de la semaine {n}", "Relire le chapitre {n}", "Réviser les notions {n}"),
    "assessment": ("Évaluation : chapitre {n}", "Situation d'évaluation {n}", "Dictée {n}"),
}
MESSAGES = (
    ("Journée pédagogique",
     "Rappel : il n'y aura pas de classe vendredi (journée pédagogique). Le service de garde sera ouvert."),
    ("Sortie éducative",
     "La sortie au musée aura lieu la semaine prochaine. Merci de signer le formulaire d'autorisation."),
    ("Photo scolaire", "La photo scolaire aura lieu mardi. Un bon de commande sera remis à votre enfant."),
    ("Vêtements d'hiver",
     "Avec l'arrivée du froid, assurez-vous que votre enfant a des vêtements chauds, bottes et mitaines."),
    ("Rencontre de parents",
     "Les rencontres de parents de la première étape auront lieu jeudi en soirée. Inscrivez-vous en ligne."),
    ("Collecte de denrées",
     "Notre collecte de denrées pour la guignolée se poursuit jusqu'au 15 décembre. Merci de votre générosité !"),
)
RESOURCES = (
    ("Alloprof : aide aux devoirs", "https://www.alloprof.qc.ca/"),
    ("Code de vie de l'école", "https://example.org/vitrail-demo/code-de-vie.pdf"),
    ("Calendrier scolaire", "https://example.org/vitrail-demo/calendrier.pdf"),
    ("Liste des fournitures scolaires", "https://example.org/vitrail-demo/fournitures.pdf"),
    ("Exercices de lecture en ligne", "https://example.org/vitrail-demo/lecture"),
)
OTHER_CONTACT_RELATIONS = ("Gardienne", "Voisine", "Beau-père", "Oncle", "Amie de la famille")
EMERGENCY_RELATIONS = ("Grand-mère", "Grand-père", "Tante", "Oncle", "Voisine", "Amie de la famille", "Gardienne")
