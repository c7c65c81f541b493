<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_CA" sourcelanguage="fr_CA">
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="134"/>
        <location filename="../../desktop/views/accounts_page.py" line="167"/>
        <location filename="../../desktop/views/accounts_page.py" line="460"/>
        <source>Comptes parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="187"/>
        <source>Toutes les écoles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="192"/>
        <source>Tous les constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="196"/>
        <source>Toutes les gravités</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="197"/>
        <source>Erreurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="197"/>
        <source>Avertissements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="197"/>
        <source>Informations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="203"/>
        <source>Filtrer :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="230"/>
        <source>Ouvrir au bon champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="233"/>
        <source>Émettre un NIP pour la sélection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="235"/>
        <location filename="../../desktop/views/accounts_page.py" line="442"/>
        <source>Révoquer le NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="237"/>
        <source>Exporter en CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="239"/>
        <source>Actualiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="265"/>
        <source>Calcul des constats…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="293"/>
        <location filename="../../desktop/views/accounts_page.py" line="317"/>
        <source>{count} constat(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="314"/>
        <source>{shown} constat(s) affiché(s) sur {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="351"/>
        <source>{guardian} : aucun NIP émis pour cet élève.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="374"/>
        <source>Exporter les constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="375"/>
        <source>Fichiers CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="386"/>
        <source>Impossible d&apos;écrire « {path} » : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="388"/>
        <source>{count} constat(s) exporté(s) dans « {name} »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="420"/>
        <source>Émission des NIP…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="431"/>
        <source>{guardian} — {student} : {nip} (expire le {expires})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="443"/>
        <source>Révoquer le NIP de {guardian} pour {student} ? Il cessera aussitôt de fonctionner.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodePermanentDialog</name>
    <message>
        <location filename="../../desktop/views/student_file.py" line="209"/>
        <source>Corriger le code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="215"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · né(e) le {birth} · fiche {fiche}&lt;br&gt;Code au dossier : {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="217"/>
        <source>(aucun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="221"/>
        <source>4 lettres et 8 chiffres, p. ex. TREM12530912</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="223"/>
        <source>Laissez vide si le ministère n&apos;a pas encore attribué de code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="234"/>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="236"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="276"/>
        <source>Cliquez de nouveau sur « Enregistrer » pour remplacer par votre saisie, ou sur « Annuler ».</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnosticPage</name>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="51"/>
        <location filename="../../desktop/views/diagnostic_page.py" line="71"/>
        <source>Diagnostic de connexion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="59"/>
        <source>Centre de services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="59"/>
        <source>Nom de famille</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="60"/>
        <source>Prénom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="60"/>
        <source>Date de naissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="61"/>
        <source>Numéro de fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="61"/>
        <source>Code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="62"/>
        <source>NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="62"/>
        <source>Courriel du compte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="62"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="73"/>
        <source>Pour l&apos;écran du secrétariat : les explications ne citent que ce que le parent a tapé. Ne lisez jamais au parent les données du dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="91"/>
        <source>AAAA-MM-JJ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="107"/>
        <source>ou code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="108"/>
        <source>ou NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="110"/>
        <source>Diagnostiquer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="113"/>
        <source>Effacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="130"/>
        <source>À dire au parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="183"/>
        <source>Date de naissance illisible : tapez-la sous la forme AAAA-MM-JJ (ex. 2015-03-19).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="213"/>
        <source>Recherche en cours…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="244"/>
        <source>Le portail associerait l&apos;enfant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="245"/>
        <source>Le portail refuserait l&apos;association.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="257"/>
        <source>Conforme au dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="258"/>
        <source>Non vérifié (aucun élève trouvé).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditConflictDialog</name>
    <message>
        <location filename="../../desktop/views/student_file.py" line="148"/>
        <source>Modifié sur un autre poste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="152"/>
        <source> par {user} sur {station}, le {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="155"/>
        <source>&lt;b&gt;Le dossier de {name} a été modifié{who} depuis que vous l&apos;avez ouvert.&lt;/b&gt;&lt;br&gt;Rien n&apos;a été enregistré. Choisissez la valeur à garder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="160"/>
        <location filename="../../desktop/views/student_file.py" line="161"/>
        <source>(aucun courriel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="168"/>
        <source>Enregistré par l&apos;autre poste :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="169"/>
        <source>Votre saisie :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="171"/>
        <source>Garder leur valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="172"/>
        <source>Remplacer par ma saisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="173"/>
        <source>Revenir au dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="177"/>
        <source>Abandonne votre saisie et affiche le courriel enregistré par l&apos;autre poste.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="178"/>
        <source>Enregistre votre saisie à la place de celle de l&apos;autre poste.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmailDelegate</name>
    <message>
        <location filename="../../desktop/views/student_file.py" line="114"/>
        <source>prenom.nom@exemple.com</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsTableModel</name>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="29"/>
        <source>Gravité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="29"/>
        <source>Constat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="29"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="29"/>
        <source>Fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="30"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="30"/>
        <source>Répondant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="30"/>
        <source>Explication et correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="31"/>
        <source>Erreur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="31"/>
        <source>Avertissement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="32"/>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuardiansTableModel</name>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="118"/>
        <source>Répondant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="118"/>
        <source>Rang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="118"/>
        <source>Lien</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="118"/>
        <source>Habite avec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="119"/>
        <source>Courriel (portail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="119"/>
        <source>Maison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="119"/>
        <source>Cellulaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="119"/>
        <source>Travail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="120"/>
        <source>Autre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="147"/>
        <source>Aussi répondant de : {names}. Un changement de courriel les touche aussi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="159"/>
        <source>Oui</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="159"/>
        <source>Non</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="166"/>
        <source>(aucun courriel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="188"/>
        <source>Modifié, pas encore enregistré (ancien : {old}). Le parent devra se réinscrire au portail avec la nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="190"/>
        <location filename="../../desktop/views/guardians_table_model.py" line="196"/>
        <source>aucun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="193"/>
        <source>Courriel changé le {when} par {user} ({station}) ; ancien : {old}. Le parent doit se réinscrire avec cette adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="197"/>
        <source>Double-cliquez ou appuyez sur F2 pour corriger.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssueNipDialog</name>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="61"/>
        <source>Émettre des NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="65"/>
        <source> jours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="67"/>
        <source>fichier PDF des lettres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="68"/>
        <source>Choisir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="74"/>
        <source>Validité :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="75"/>
        <source>Lettres :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="76"/>
        <source>Un NIP sera émis pour {count} répondant(s). Un NIP déjà émis pour le même élève et le même répondant cessera aussitôt de fonctionner. Chaque NIP n&apos;est affiché qu&apos;une fois : imprimez les lettres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="81"/>
        <source>Émettre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="91"/>
        <source>Lettres des NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="92"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="98"/>
        <source>Lettres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="98"/>
        <source>Choisissez le fichier des lettres : c&apos;est le seul endroit où le NIP sera imprimé.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="127"/>
        <source>Vitrail — secrétariat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="179"/>
        <source>Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="181"/>
        <source>Secrétariat d&apos;école</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="191"/>
        <source>Version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="199"/>
        <source>Base : {db}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="201"/>
        <source>Base de données ouverte ({backend})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="202"/>
        <source>Utilisateur : {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="204"/>
        <source>Poste : {host}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../desktop/views/student_file.py" line="71"/>
        <source>Fermer ce message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NipRevealDialog</name>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="109"/>
        <source>NIP émis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="110"/>
        <source>Ces NIP ne seront plus jamais affichés. Les lettres sont dans « {path} ». Ne les envoyez jamais par courriel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="130"/>
        <source>Aperçu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="137"/>
        <location filename="../../desktop/views/preview_page.py" line="254"/>
        <source>Nom, prénom, fiche ou code permanent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="150"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="168"/>
        <source>Ajouter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="170"/>
        <source>Ajoute une colonne : les différences sont surlignées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="172"/>
        <source>Afficher les éléments masqués</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="177"/>
        <source>Vu par :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="180"/>
        <source>Comparer avec :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="184"/>
        <source>Imprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="186"/>
        <source>Imprime le dossier tel que le lecteur « Vu par » le voit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="190"/>
        <source>Choisissez un élève à gauche.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="237"/>
        <source>Chargement des élèves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="290"/>
        <source>{name} · fiche {fiche} · {school} · groupe {group}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="323"/>
        <source>Choisissez d&apos;abord un élève.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="388"/>
        <source>&lt;b&gt;Nous joindre&lt;/b&gt; — {school}, {address} · tél. {phone} · téléc. {fax} · {email} · direction : {direction}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="451"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="451"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="452"/>
        <source>La page « {page} » n&apos;est pas offerte dans cette version de Vitrail.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="133"/>
        <source>Imprimer le dossier de {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="136"/>
        <source>Préparation du dossier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="139"/>
        <source>Ajouter une dernière page pour la direction : éléments retenus et pourquoi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="142"/>
        <source>Imprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="144"/>
        <source>Enregistrer en PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="145"/>
        <source>Fermer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="186"/>
        <source>Dossier de {name} (fiche {fiche}) préparé pour {viewer} — {pages} page(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="193"/>
        <location filename="../../desktop/views/print_dialog.py" line="207"/>
        <source>Impression impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="199"/>
        <source>Dossier {fiche}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="204"/>
        <source>imprimante {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="216"/>
        <source>Enregistrer le dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="217"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="223"/>
        <source>Enregistrement impossible</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPage</name>
    <message>
        <location filename="../../desktop/views/print_page.py" line="50"/>
        <source>Impression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="59"/>
        <source>Impression de dossiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="61"/>
        <source>Chaque dossier est imprimé tel que le lecteur choisi le voit : rien de ce qui lui est masqué n&apos;est imprimé, et chaque page le dit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="80"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="81"/>
        <source>Un groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="82"/>
        <source>Toute l&apos;école</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="83"/>
        <source>La sélection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="95"/>
        <source>Aucune sélection : choisissez des élèves dans la page Élèves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="103"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="104"/>
        <source>Groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="109"/>
        <source>Imprimé pour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="112"/>
        <source>Ajouter une dernière page pour la direction : éléments retenus et pourquoi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="114"/>
        <source>Lecteur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="119"/>
        <source>Résultat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="120"/>
        <source>Un seul PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="121"/>
        <source>Un PDF par élève (n° de fiche et nom)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="125"/>
        <source>Fichier PDF ou dossier de destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="126"/>
        <source>Parcourir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="137"/>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="141"/>
        <source>Imprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="144"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="177"/>
        <source>{code} ({count} élèves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="188"/>
        <source>Enregistrer les dossiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="189"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="191"/>
        <source>Dossier de destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="200"/>
        <source>{count} élève(s) sélectionné(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="215"/>
        <source>Choisissez d&apos;abord la destination.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="236"/>
        <source>Préparation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="242"/>
        <source>Annulation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="258"/>
        <source>{students} dossier(s), {pages} page(s) imprimés en {seconds:.1f} s → {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="267"/>
        <source>Impression annulée : aucun fichier n&apos;a été conservé.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegistrationWindowEditor</name>
    <message>
        <location filename="../../desktop/views/settings_widgets.py" line="33"/>
        <source>du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_widgets.py" line="34"/>
        <source>Décochez pour n&apos;avoir aucune période : la tuile Inscription est masquée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_widgets.py" line="46"/>
        <source>au</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingValueDelegate</name>
    <message>
        <location filename="../../desktop/views/settings_widgets.py" line="82"/>
        <source>numéros séparés par des virgules</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="76"/>
        <source>Réglages du portail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="93"/>
        <source>Changement en attente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="93"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="93"/>
        <source>Répondants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="94"/>
        <source>Lecteur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="94"/>
        <source>Élément</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="94"/>
        <location filename="../../desktop/views/settings_page.py" line="97"/>
        <source>Avant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="94"/>
        <location filename="../../desktop/views/settings_page.py" line="97"/>
        <source>Après</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="97"/>
        <location filename="../../desktop/views/settings_page.py" line="99"/>
        <source>Cible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="97"/>
        <location filename="../../desktop/views/settings_page.py" line="99"/>
        <source>Réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="99"/>
        <source>Au début</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="100"/>
        <source>À la fin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="103"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="104"/>
        <source>Historique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="122"/>
        <source>Centre de services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="122"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="122"/>
        <source>Membre du personnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="129"/>
        <source>Document de visibilité (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="130"/>
        <source>Les règles en vigueur de l&apos;école, datées, avec leur version : pour le comité de parents ou le responsable de la protection des renseignements personnels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="135"/>
        <source>Réglages de :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="143"/>
        <source>Filtrer (clé ou libellé)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="146"/>
        <source>Revenir au réglage hérité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="147"/>
        <source>Retire le choix fait ici : la valeur du centre de services ou la valeur par défaut s&apos;applique de nouveau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="151"/>
        <source>Section :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="203"/>
        <source>Effet des changements en attente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="207"/>
        <source>Aperçu avant / après</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="209"/>
        <location filename="../../desktop/views/settings_page.py" line="409"/>
        <source>Aucun changement en attente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="225"/>
        <source>Raison du changement (obligatoire, gardée dans l&apos;historique)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="227"/>
        <source>Annuler les changements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="229"/>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="260"/>
        <source>Revenir à cette version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="261"/>
        <source>Remet tous les réglages comme ils étaient juste après cette version. Le retour est lui-même une nouvelle version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="272"/>
        <source>Comparer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="275"/>
        <source>Différence entre deux dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="278"/>
        <source>Du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="280"/>
        <source>au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="288"/>
        <source>Réglages modifiés par cette version :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="291"/>
        <source>Seulement les versions qui touchent la cible affichée (pour une école : aussi son centre de services et son personnel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="358"/>
        <source>Toutes les sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="390"/>
        <source>{label} — {effect}
En vigueur : {value} ({source}). Par défaut : {default}. Clé : {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="412"/>
        <source>Calcul de l&apos;effet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="436"/>
        <source>Effet non calculé : {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="447"/>
        <source>(rien ne change pour ce lecteur)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="452"/>
        <source>Élève témoin : {name} (fiche {fiche}, {school}), au {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="455"/>
        <source>Ces changements reprennent les valeurs déjà en vigueur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="457"/>
        <source>Pas d&apos;aperçu : aucun élève touché n&apos;a de lecteur de ce type (par exemple aucune matière donnée par un spécialiste).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="460"/>
        <source>Aucun élève n&apos;est touché par ces changements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="473"/>
        <source>Indiquez la raison du changement : elle est gardée dans l&apos;historique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="479"/>
        <source>Vos changements sont toujours en attente : vérifiez les valeurs rechargées, puis enregistrez de nouveau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="489"/>
        <source>Rien à enregistrer : ces valeurs étaient déjà en vigueur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="491"/>
        <source>Version {id} enregistrée ({count} réglage(s)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="535"/>
        <source>Revenir à la version {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="536"/>
        <source>Tous les réglages reviendront à leur état juste après la version {id}.
Raison du retour :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="548"/>
        <source>Retour effectué : version {id} enregistrée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="557"/>
        <source>Aucune différence entre ces deux dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="572"/>
        <source>Document de visibilité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="573"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="582"/>
        <source>Préparation du document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="588"/>
        <source>Document enregistré : {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsTableModel</name>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="135"/>
        <source>Réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="135"/>
        <source>Valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="135"/>
        <source>Provenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="135"/>
        <source>Clé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="151"/>
        <source>à enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="165"/>
        <source>* Valeur par défaut reconstituée (présumée) dans la spécification.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentFileView</name>
    <message>
        <location filename="../../desktop/views/student_file.py" line="317"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="317"/>
        <source>Groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="317"/>
        <source>Niveau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="318"/>
        <source>Naissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="318"/>
        <source>Code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="319"/>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="335"/>
        <source>Répondants et parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="337"/>
        <source>Le courriel est le seul accès du parent au portail. Double-cliquez sur un courriel pour le corriger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="361"/>
        <location filename="../../desktop/views/student_file.py" line="431"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="362"/>
        <location filename="../../desktop/views/student_file.py" line="433"/>
        <source>Rétablir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="363"/>
        <source>Abandonner les modifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="364"/>
        <location filename="../../desktop/views/student_file.py" line="435"/>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="372"/>
        <source>Contacts en cas d&apos;urgence et autres contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="399"/>
        <source>Choisissez un élève dans la liste pour ouvrir son dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="418"/>
        <source>Corriger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="422"/>
        <source>Corriger le code permanent de cet élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="467"/>
        <source>Fiche {fiche} · centre de services {board}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="471"/>
        <source>(aucun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="474"/>
        <location filename="../../desktop/views/student_file.py" line="622"/>
        <source>incomplet (pas encore attribué)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="485"/>
        <source>Secondaire {grade}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="486"/>
        <source>1re</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="486"/>
        <source>{grade}e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="487"/>
        <source>{ordinal} année du primaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="491"/>
        <source>Non admissible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="492"/>
        <source>Admissible — {details}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="493"/>
        <source>Admissible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="497"/>
        <source>&lt;i&gt;Aucun contact inscrit.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="500"/>
        <source>&lt;b&gt;Urgence&lt;/b&gt; · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="514"/>
        <source>Courriel au dossier de {name} à corriger : {messages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="521"/>
        <source>Le courriel au dossier de {name} contient des espaces en trop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="522"/>
        <source>Retirer les espaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="541"/>
        <source>{name} : {messages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="552"/>
        <location filename="../../desktop/views/student_file.py" line="560"/>
        <source>{name} : {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="561"/>
        <source>Utiliser cette adresse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="567"/>
        <source>1 courriel modifié, pas encore enregistré. Le parent devra se réinscrire au portail avec sa nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="571"/>
        <source>{count} courriels modifiés, pas encore enregistrés. Les parents devront se réinscrire au portail avec leur nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="593"/>
        <source>Modifications non enregistrées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="594"/>
        <source>Le dossier de {name} a des courriels modifiés qui ne sont pas enregistrés.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="624"/>
        <source>Code permanent enregistré. {warnings}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="627"/>
        <source>Code permanent enregistré.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="670"/>
        <source>Courriel enregistré. Le parent devra se réinscrire au portail avec sa nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="673"/>
        <source>{count} courriels enregistrés. Les parents concernés devront se réinscrire au portail avec leur nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentsPage</name>
    <message>
        <location filename="../../desktop/views/students_page.py" line="59"/>
        <location filename="../../desktop/views/students_page.py" line="94"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="87"/>
        <source>Rechercher un élève : nom, prénom, fiche ou code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="100"/>
        <source>Aperçu et impression…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="103"/>
        <source>Voir le dossier de cet élève tel qu&apos;un rôle, un membre du personnel ou un parent le voit, et l&apos;imprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="137"/>
        <source>{n} élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="138"/>
        <source>{n} élèves</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentsTableModel</name>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="50"/>
        <source>Nom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="50"/>
        <source>Prénom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="50"/>
        <source>Fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="50"/>
        <source>Code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="51"/>
        <source>Naissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="51"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="51"/>
        <source>Groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="52"/>
        <source>(incomplet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="53"/>
        <source>Code permanent pas encore attribué par le ministère : l&apos;association au portail se fait avec la fiche, ou avec un NIP.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TileFrame</name>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="181"/>
        <source>Tuile masquée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="206"/>
        <source>Différent d&apos;un autre observateur comparé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="217"/>
        <source>masqué</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="229"/>
        <source>{count} élément(s) masqué(s) — {rule}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionsTableModel</name>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="395"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="395"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="395"/>
        <source>Par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="395"/>
        <source>Poste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="395"/>
        <source>Commentaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="396"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewerHeader</name>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="66"/>
        <source>Retirer de la comparaison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="77"/>
        <source>Espaces de sa page d&apos;accueil : {spaces}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="89"/>
        <source>Ce parent ne voit aucun dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="90"/>
        <source>Aucun accès à ce dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="99"/>
        <source>Corriger le courriel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WhyLine</name>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="127"/>
        <source>Pourquoi ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="148"/>
        <source>&lt;i&gt;(règle présumée : cellule marquée « assumed » dans la spécification)&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model</name>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="205"/>
        <source>Courriel de {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
