<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_CA" sourcelanguage="fr_CA">
<context>
    <name>AccessPage</name>
    <message>
        <location filename="../../desktop/views/access_page.py" line="184"/>
        <location filename="../../desktop/views/main_window.py" line="62"/>
        <source>Accès</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="186"/>
        <source>Qui détient quel rôle, et où. Un rôle se donne pour des écoles ou pour tout le centre de services ; chaque attribution et chaque retrait est inscrit au journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="198"/>
        <source>Rôles attribués</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="199"/>
        <source>Aucun rôle attribué.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="204"/>
        <source>Accorder un rôle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="207"/>
        <source>Retirer ce rôle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="264"/>
        <source>Rôle accordé à {login}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="271"/>
        <source>Retirer le rôle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="272"/>
        <source>Retirer le rôle {role} à {login} pour {scope} ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="281"/>
        <source>Rôle retiré à {login}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="223"/>
        <location filename="../../desktop/views/accounts_page.py" line="673"/>
        <location filename="../../desktop/views/main_window.py" line="57"/>
        <source>Comptes parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="245"/>
        <source>Toutes les écoles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="247"/>
        <source>Tous les constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="251"/>
        <source>Toutes les gravités</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="252"/>
        <source>Erreurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="252"/>
        <source>Avertissements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="252"/>
        <source>Informations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="255"/>
        <source>Filtrer par école</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="256"/>
        <source>Filtrer par constat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="257"/>
        <source>Filtrer par gravité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="261"/>
        <source>Filtrer :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="269"/>
        <source>Constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="271"/>
        <source>Entrée ouvre le dossier au bon champ ; Maj ou Ctrl pour sélectionner plusieurs constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="292"/>
        <source>Ouvrir au bon champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="295"/>
        <source>Émettre un NIP pour la sélection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="297"/>
        <location filename="../../desktop/views/accounts_page.py" line="654"/>
        <source>Révoquer le NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="299"/>
        <source>Exporter en CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="301"/>
        <source>Actualiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="346"/>
        <source>Chargement des constats…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="354"/>
        <source>Calcul des constats…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="368"/>
        <source>{count} constat(s) au {when} ; mise à jour…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="429"/>
        <location filename="../../desktop/views/accounts_page.py" line="454"/>
        <location filename="../../desktop/views/accounts_page.py" line="630"/>
        <source>{count} constat(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="451"/>
        <source>{shown} constat(s) affiché(s) sur {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="458"/>
        <source>Aucun constat ne correspond à ces filtres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="459"/>
        <source>Aucun constat : chaque parent peut utiliser le portail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="516"/>
        <source>{guardian} : aucun NIP émis pour cet élève.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="545"/>
        <source>Exporter les constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="546"/>
        <source>Fichiers CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="558"/>
        <source>Impossible d&apos;écrire « {path} » : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="564"/>
        <source>{count} constat(s) exporté(s) dans « {name} »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="588"/>
        <source>Aucun répondant pour les élèves sélectionnés : aucun NIP à émettre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="610"/>
        <source>Émission des NIP…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="634"/>
        <source>{count} NIP émis ; lettres dans « {name} »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="642"/>
        <source>{guardian} — {student} : {nip} (expire le {expires})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="644"/>
        <source>  ⚠ Attention : {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="655"/>
        <source>Révoquer le NIP {of_guardian} pour {student} ? Il cessera aussitôt de fonctionner.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditList</name>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="85"/>
        <source>Entrées du journal, les plus récentes d&apos;abord</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="89"/>
        <source>Plus ancien…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="91"/>
        <source>Affiche les {n} entrées suivantes, plus anciennes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="115"/>
        <source>Lecture du journal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="168"/>
        <source>{shown} entrées affichées sur {total}, les plus récentes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="171"/>
        <source>{total} entrée(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodePermanentDialog</name>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="100"/>
        <source>Corriger le code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="106"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · né(e) le {birth} · fiche {fiche}&lt;br&gt;Code au dossier : {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="108"/>
        <source>(aucun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="112"/>
        <source>4 lettres et 8 chiffres, p. ex. TREM12530912</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="114"/>
        <source>Laissez vide si le ministère n&apos;a pas encore attribué de code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="125"/>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="127"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="178"/>
        <source>Cliquez de nouveau sur « Enregistrer » pour remplacer par votre saisie, ou sur « Annuler ».</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../desktop/views/import_models.py" line="146"/>
        <source>Garder la valeur de Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="147"/>
        <source>Prendre la valeur du SIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="149"/>
        <source>Élément</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="149"/>
        <source>Champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="149"/>
        <source>Dans Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="149"/>
        <source>Dans le SIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="150"/>
        <source>Le SIS disait avant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="150"/>
        <source>Choix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="160"/>
        <source>À choisir</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionsModel</name>
    <message>
        <location filename="../../desktop/views/import_models.py" line="226"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="226"/>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="228"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="228"/>
        <source>Élément</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="228"/>
        <source>Champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="228"/>
        <source>Dans Vitrail (corrigé)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="229"/>
        <source>Dans le SIS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoCreation</name>
    <message>
        <location filename="../../desktop/views/first_launch.py" line="24"/>
        <source>Création du centre de services de démonstration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_launch.py" line="25"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_launch.py" line="26"/>
        <source>Vitrail — première ouverture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_launch.py" line="45"/>
        <source>Création de la démonstration : {step}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnosticPage</name>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="59"/>
        <location filename="../../desktop/views/main_window.py" line="58"/>
        <source>Diagnostic de connexion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="46"/>
        <source>Centre de services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="46"/>
        <source>Nom de famille</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="47"/>
        <source>Prénom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="47"/>
        <source>Date de naissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="48"/>
        <source>Numéro de fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="48"/>
        <source>Code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="49"/>
        <source>NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="49"/>
        <source>Courriel du compte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="49"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="61"/>
        <source>Pour l&apos;écran du secrétariat : les explications ne citent que ce que le parent a tapé. Ne lisez jamais au parent les données du dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="77"/>
        <source>ex. 27 juin 2012 ou 27/06/2012</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="129"/>
        <source>Ouvrir le dossier de l&apos;élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="131"/>
        <source>Ouvre la fiche de l&apos;élève sur le répondant concerné, par exemple pour corriger son courriel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="156"/>
        <source>Résultat du diagnostic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="198"/>
        <source>Date de naissance : {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="93"/>
        <source>ou code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="94"/>
        <source>ou NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="96"/>
        <source>Diagnostiquer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="99"/>
        <source>Effacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="116"/>
        <location filename="../../desktop/views/diagnostic_page.py" line="120"/>
        <source>À dire au parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="214"/>
        <source>Recherche en cours…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="241"/>
        <source>Le portail associerait l&apos;enfant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="242"/>
        <source>Le portail refuserait l&apos;association.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="253"/>
        <source>Conforme au dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="254"/>
        <source>Non vérifié (aucun élève trouvé).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditConflictDialog</name>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="33"/>
        <source>Modifié sur un autre poste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="37"/>
        <source> par {user} sur {station}, le {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="40"/>
        <source>&lt;b&gt;Le dossier {of_name} a été modifié{who} depuis que vous l&apos;avez ouvert.&lt;/b&gt;&lt;br&gt;Rien n&apos;a été enregistré. Choisissez la valeur à garder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="45"/>
        <location filename="../../desktop/views/student_file_dialogs.py" line="46"/>
        <source>(aucun courriel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="53"/>
        <source>Enregistré par l&apos;autre poste :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="54"/>
        <source>Votre saisie :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="56"/>
        <source>Garder leur valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="58"/>
        <source>Remplacer par ma saisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="60"/>
        <source>Revenir au dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="66"/>
        <source>Abandonne votre saisie et affiche le courriel enregistré par l&apos;autre poste.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_dialogs.py" line="67"/>
        <source>Enregistre votre saisie à la place de celle de l&apos;autre poste.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmailDelegate</name>
    <message>
        <location filename="../../desktop/views/student_file_widgets.py" line="89"/>
        <source>prenom.nom@exemple.com</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="48"/>
        <source>Vitrail — erreur inattendue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="49"/>
        <source>L&apos;opération a échoué à cause d&apos;une erreur inattendue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="53"/>
        <source>Les détails ont été inscrits dans le journal de Vitrail. Si le problème se répète, avisez le soutien informatique en lui transmettant ce journal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsTableModel</name>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="37"/>
        <source>Gravité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="37"/>
        <source>Constat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="37"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="37"/>
        <source>Fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="38"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="38"/>
        <source>Répondant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="38"/>
        <source>Explication et correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="39"/>
        <source>Erreur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="39"/>
        <source>Avertissement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="40"/>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GrantDialog</name>
    <message>
        <location filename="../../desktop/views/access_page.py" line="98"/>
        <source>Accorder un rôle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="100"/>
        <source>identifiant de connexion, ex. m.tremblay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="105"/>
        <source>Écoles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="120"/>
        <source>Accorder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="122"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="126"/>
        <source>Personne :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="127"/>
        <source>Rôle :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="128"/>
        <source>Écoles :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="156"/>
        <source>Cochez les écoles où la personne aura ce rôle ; aucune case cochée : tout le centre de services.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="158"/>
        <source>Ce rôle vaut pour tout le centre de services.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GrantsTableModel</name>
    <message>
        <location filename="../../desktop/views/access_page.py" line="60"/>
        <source>Identifiant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="60"/>
        <source>Rôle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="60"/>
        <source>Où</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="60"/>
        <source>Accordé le</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="61"/>
        <source>Par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/access_page.py" line="86"/>
        <source>Tout le centre de services</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuardiansTableModel</name>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="122"/>
        <source>Répondant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="122"/>
        <source>Rang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="122"/>
        <source>Lien</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="122"/>
        <source>Habite avec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="123"/>
        <source>Courriel (portail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="123"/>
        <source>Maison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="123"/>
        <source>Cellulaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="123"/>
        <source>Travail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="124"/>
        <source>Autre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="152"/>
        <source>Aussi répondant de : {names}. Un changement de courriel les touche aussi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="164"/>
        <source>Oui</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="164"/>
        <source>Non</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="171"/>
        <source>(aucun courriel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="193"/>
        <source>Modifié, pas encore enregistré (ancien : {old}). Le parent devra se réinscrire au portail avec la nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="195"/>
        <location filename="../../desktop/views/guardians_table_model.py" line="201"/>
        <source>aucun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="198"/>
        <source>Courriel changé le {when} par {user} ({station}) ; ancien : {old}. Le parent doit se réinscrire avec cette adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="202"/>
        <source>Double-cliquez ou appuyez sur F2 pour corriger.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportModels</name>
    <message>
        <location filename="../../desktop/views/import_models.py" line="36"/>
        <source>(vide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="38"/>
        <source>oui</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="38"/>
        <source>non</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../desktop/views/import_page.py" line="151"/>
        <source>Importation depuis le système de gestion des élèves (SIS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="154"/>
        <source>Choisissez un export OneRoster 1.1 ou 1.2 (fichier .zip ou dossier de CSV). Vitrail le lit et le vérifie en entier, puis montre ce qui serait ajouté, modifié ou désactivé : rien n&apos;est écrit avant « Appliquer ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="173"/>
        <source>Plan, conflits, problèmes, corrections et historique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="174"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="178"/>
        <source>Historique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="198"/>
        <source>Choisir un fichier .zip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="201"/>
        <source>Choisir un dossier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="204"/>
        <source>Depuis le serveur du SIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="206"/>
        <source>Lit le centre de services sur le serveur OneRoster configuré</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="209"/>
        <source>Aucun export choisi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="219"/>
        <source>Appliquer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="221"/>
        <source>Appliquer l&apos;importation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="223"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="241"/>
        <source>Plan : nombres par type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="243"/>
        <source>Plan : exemples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="245"/>
        <source>Choisissez un export : ce qu&apos;il changerait s&apos;affiche ici, type par type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="247"/>
        <source>Rien à changer : Vitrail est déjà à jour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="256"/>
        <source>Conflits à trancher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="259"/>
        <source>Garder la valeur de Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="262"/>
        <source>Prendre la valeur du SIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="265"/>
        <source>Vitrail et le SIS ont tous deux changé ces champs depuis la dernière importation. Choisissez pour chacun (les lignes sélectionnées, ou toutes si aucune ne l&apos;est).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="269"/>
        <source>Aucun conflit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="278"/>
        <source>Problèmes de l&apos;export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="279"/>
        <source>Aucun problème.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="284"/>
        <source>À reporter dans le SIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="285"/>
        <source>Exporter en CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="288"/>
        <source>Corrections faites dans Vitrail (un courriel, un code permanent…) que le SIS ne connaît pas encore : à reporter dans le SIS. Elles sont gardées à chaque importation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="292"/>
        <source>Rien à reporter dans le SIS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="300"/>
        <source>Importations appliquées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="305"/>
        <source>Changements de l&apos;importation choisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="306"/>
        <source>Choisissez une importation pour voir ce qu&apos;elle a changé.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="308"/>
        <source>Aucune importation n&apos;a encore été appliquée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="335"/>
        <source>Export OneRoster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="336"/>
        <source>Exports OneRoster (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="341"/>
        <source>Dossier de l&apos;export OneRoster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="355"/>
        <source>le serveur du SIS configuré</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="365"/>
        <source>Lecture et vérification de l&apos;export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="413"/>
        <source>{errors} erreur(s) dans l&apos;export : rien ne peut être appliqué. Chaque erreur nomme le fichier, la ligne et le champ (onglet « Problèmes ») ; corrigez l&apos;export, puis choisissez-le de nouveau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="417"/>
        <source>Rien à changer : Vitrail est déjà à jour avec cet export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="419"/>
        <source>OneRoster {version} : {count} changement(s) à appliquer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="422"/>
        <source>{count} conflit(s) à trancher avant d&apos;appliquer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="425"/>
        <source>{count} avertissement(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="456"/>
        <source>Application de l&apos;importation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="467"/>
        <source>Importation annulée : rien n&apos;a été écrit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="469"/>
        <source>Rien n&apos;a été écrit : Vitrail était déjà à jour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="473"/>
        <source>Importation appliquée (n° {run}) : {rows} ligne(s) écrite(s). Elle est dans l&apos;historique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="494"/>
        <source>Lecture annulée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="498"/>
        <source>Annulation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="518"/>
        <source>Tranchez d&apos;abord chaque conflit (onglet « Conflits »).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="520"/>
        <source>L&apos;export contient des erreurs : rien ne peut être appliqué.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="544"/>
        <source>Conflits ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="545"/>
        <source>Conflits ({count}, {open} à trancher)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="548"/>
        <source>Problèmes ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="549"/>
        <source>Problèmes ({count}, dont {errors} erreur(s))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="551"/>
        <source>À reporter dans le SIS ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="580"/>
        <source>Importation n° {run} : {total} changement(s) dans le journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="582"/>
        <source>Les {shown} premiers sont montrés.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="598"/>
        <source>Corrections à reporter dans le SIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="599"/>
        <source>Fichiers CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="613"/>
        <source>Impossible d&apos;écrire « {path} » : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_page.py" line="620"/>
        <source>{count} correction(s) à reporter dans le SIS, écrite(s) dans « {name} ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="60"/>
        <source>Importation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssueNipDialog</name>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="77"/>
        <source>Émettre des NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="81"/>
        <source> jours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="83"/>
        <source>fichier PDF des lettres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="85"/>
        <source>Choisir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="92"/>
        <source>Validité :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="93"/>
        <source>Lettres :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="94"/>
        <source>Un NIP sera émis pour {count} répondant(s). Un NIP déjà émis pour le même élève et le même répondant cessera aussitôt de fonctionner. Chaque NIP n&apos;est affiché qu&apos;une fois : imprimez les lettres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="99"/>
        <source>Émettre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="113"/>
        <source>Répondants qui ne pourront pas encore utiliser leur NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="117"/>
        <source>Attention : {count} répondant(s) ne pourront pas encore utiliser leur NIP. Vous pouvez l&apos;émettre quand même, ou annuler et corriger le courriel d&apos;abord.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="130"/>
        <source>Lettres des NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="131"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="139"/>
        <location filename="../../desktop/views/accounts_page.py" line="143"/>
        <source>Lettres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="139"/>
        <source>Choisissez le fichier des lettres : c&apos;est le seul endroit où le NIP sera imprimé.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="143"/>
        <source>« {path} » existe déjà. Le remplacer par les nouvelles lettres ?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="227"/>
        <location filename="../../desktop/views/main_window.py" line="61"/>
        <source>Journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="229"/>
        <source>Chaque modification des données personnelles et des réglages, chaque NIP, impression et importation : qui, quand, de quel poste, avant et après.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="234"/>
        <source>fiche de l&apos;élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="234"/>
        <source>Élève : ses entrées et celles de ses répondants, liens, contacts et NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="236"/>
        <source>n° du répondant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="236"/>
        <source>Répondant : ses entrées, ses liens et ses NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="238"/>
        <source>clé, ex. group_averages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="238"/>
        <source>Réglage : une clé ou une famille (parent_tiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="245"/>
        <source>identifiant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="246"/>
        <source>Personne : ce qu&apos;a fait cette personne</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="247"/>
        <location filename="../../desktop/views/journal_page.py" line="267"/>
        <source>Personne</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="249"/>
        <source>Toutes les actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="250"/>
        <location filename="../../desktop/views/journal_page.py" line="268"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="251"/>
        <source>ex. 1er novembre 2026</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="251"/>
        <source>Du (inclus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="252"/>
        <source>ex. 30/11/2026</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="252"/>
        <source>Au (inclus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="253"/>
        <source>Rechercher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="256"/>
        <source>Effacer les filtres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="266"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="266"/>
        <source>Répondant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="267"/>
        <source>Réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="268"/>
        <source>Du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="269"/>
        <source>Au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="289"/>
        <source>Aucune entrée du journal ne correspond à ces filtres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="292"/>
        <source>Exporter en CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="293"/>
        <source>Toutes les entrées qui correspondent aux filtres, pas seulement celles affichées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="297"/>
        <source>Actualiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="406"/>
        <source>Exporter le journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="407"/>
        <source>Fichiers CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="423"/>
        <source>Export en cours…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_page.py" line="427"/>
        <source>{count} entrée(s) exportée(s) dans « {name} »</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JournalTableModel</name>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="33"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="33"/>
        <source>Personne</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="33"/>
        <source>Poste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="33"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="34"/>
        <source>Élément</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="34"/>
        <source>Champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="34"/>
        <source>Avant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="34"/>
        <source>Après</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/journal_table_model.py" line="87"/>
        <source>Utilisateur du poste : {user}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="186"/>
        <source>Vitrail — secrétariat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="218"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="219"/>
        <source>Choisit la page affichée ; Ctrl+1 à Ctrl+7 y mènent aussi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="329"/>
        <source>Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="331"/>
        <source>Secrétariat d&apos;école</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="341"/>
        <source>Version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="349"/>
        <source>Base : {db}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="351"/>
        <source>Base de données ouverte ({backend})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="355"/>
        <source>Utilisateur : {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="358"/>
        <source>Utilisateur du poste : {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="359"/>
        <source>Poste : {host}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../desktop/views/student_file_widgets.py" line="38"/>
        <source>Action proposée par le message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file_widgets.py" line="43"/>
        <location filename="../../desktop/views/student_file_widgets.py" line="44"/>
        <source>Fermer ce message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NipRevealDialog</name>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="154"/>
        <source>NIP émis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="155"/>
        <source>Ces NIP ne seront plus jamais affichés. Les lettres sont dans « {path} ». Ne les envoyez jamais par courriel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperationRunner</name>
    <message>
        <location filename="../../desktop/views/operations.py" line="264"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/operations.py" line="267"/>
        <source>Vitrail — opération en cours</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageHelpDialog</name>
    <message>
        <location filename="../../desktop/views/page_help.py" line="98"/>
        <source>Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/page_help.py" line="99"/>
        <source>Aide — {page}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/page_help.py" line="106"/>
        <source>Aide de la page {page}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/page_help.py" line="111"/>
        <source>Fermer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/page_help.py" line="114"/>
        <source>F1 rouvre cette aide sur chaque page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="31"/>
        <source>Vitrail — mot de passe de la base de données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="39"/>
        <source>Compte :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="40"/>
        <source>Serveur :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="41"/>
        <source>Mot de passe :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="42"/>
        <source>Le mot de passe sera conservé dans le trousseau de votre session ({backend}), jamais dans un fichier. Vous ne le saisirez qu&apos;une fois.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="49"/>
        <source>Se connecter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="51"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanChangesModel</name>
    <message>
        <location filename="../../desktop/views/import_models.py" line="122"/>
        <source>Ajout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="122"/>
        <source>Modification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="123"/>
        <source>Désactivation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="123"/>
        <source>Retrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="124"/>
        <source>Rattachement au SIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="126"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="126"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="126"/>
        <source>Élément</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="126"/>
        <source>Ce qui change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanCountsModel</name>
    <message>
        <location filename="../../desktop/views/import_models.py" line="104"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="104"/>
        <source>Ajouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="104"/>
        <source>Modifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="104"/>
        <source>Désactivations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="105"/>
        <source>Retraits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="105"/>
        <source>Rattachements au SIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="105"/>
        <source>Inchangés</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="56"/>
        <source>Aperçu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="145"/>
        <location filename="../../desktop/views/preview_page.py" line="301"/>
        <source>Nom, prénom, fiche ou code permanent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="147"/>
        <source>Rechercher un élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="149"/>
        <source>Nom, prénom, numéro de fiche ou code permanent ; flèche bas puis Entrée ouvre l&apos;élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="151"/>
        <source>Entrée montre le dossier de l&apos;élève choisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="162"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="170"/>
        <source>Vu par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="171"/>
        <source>Le rôle, le membre du personnel, le parent ou l&apos;élève dont on voit le dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="180"/>
        <source>Comparer avec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="183"/>
        <source>Ajouter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="185"/>
        <source>Ajoute une colonne : les différences sont surlignées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="187"/>
        <source>Afficher les éléments masqués</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="191"/>
        <source>Différences seulement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="193"/>
        <source>Côte à côte : ne montre que ce qui diffère d&apos;un lecteur à l&apos;autre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="197"/>
        <source>Vu par :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="200"/>
        <source>Comparer avec :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="204"/>
        <source>Imprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="206"/>
        <source>Imprime le dossier tel que le lecteur « Vu par » le voit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="210"/>
        <source>Choisissez un élève à gauche.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="230"/>
        <source>Dossier tel que vu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="273"/>
        <source>Chargement des élèves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="296"/>
        <source>Aucun élève ne correspond à « {query} ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="419"/>
        <source>{name} · fiche {fiche} · {school} · groupe {group}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="453"/>
        <source>Choisissez d&apos;abord un élève.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="456"/>
        <source>Impression refusée : ce lecteur n&apos;a accès à aucun dossier de cet élève. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="568"/>
        <source>&lt;b&gt;Nous joindre&lt;/b&gt; — {school}, {address} · tél. {phone} · téléc. {fax} · {email} · direction : {direction}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="625"/>
        <source>Aucune différence : ces lecteurs voient le même dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="690"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="150"/>
        <location filename="../../desktop/views/preview_page.py" line="690"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="691"/>
        <source>La page « {page} » n&apos;est pas offerte dans cette version de Vitrail.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="190"/>
        <source>Préparation du dossier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="206"/>
        <source>Imprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="208"/>
        <source>Enregistrer en PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="209"/>
        <source>Fermer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="194"/>
        <source>Produire aussi, dans un fichier à part, le rapport « Éléments retenus » pour la direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="196"/>
        <source>Ajuster à la page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="197"/>
        <source>Sans cette case, le dossier s&apos;imprime à 100 %, sur du papier Lettre sauf si vous en choisissez un autre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="199"/>
        <source>Ouvrir le PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="231"/>
        <source>Imprimer le dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="233"/>
        <source>Imprimer le dossier {of_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="264"/>
        <source>Dossier {of_name} (fiche {fiche}) préparé pour {viewer} — {pages} page(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="276"/>
        <source>Impression impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="286"/>
        <source>Dossier {fiche}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="313"/>
        <location filename="../../desktop/views/print_dialog.py" line="317"/>
        <source>imprimante {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="345"/>
        <source>Enregistrer le dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_dialog.py" line="346"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPage</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="59"/>
        <source>Impression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="61"/>
        <source>Impression de dossiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="63"/>
        <source>Chaque dossier est imprimé tel que le lecteur choisi le voit : rien de ce qui lui est masqué n&apos;est imprimé, et chaque page le dit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="82"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="83"/>
        <source>Un groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="84"/>
        <source>Toute l&apos;école</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="85"/>
        <source>La sélection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="97"/>
        <location filename="../../desktop/views/print_page.py" line="243"/>
        <source>Aucune sélection : choisissez des élèves dans la page Élèves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="105"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="106"/>
        <source>Groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="111"/>
        <source>Imprimé pour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="115"/>
        <source>Produire aussi, dans un fichier à part, le rapport « Éléments retenus » pour la direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="117"/>
        <source>Lecteur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="122"/>
        <source>Résultat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="123"/>
        <source>Un seul PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="124"/>
        <source>Un PDF par élève (n° de fiche et nom)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="129"/>
        <source>Fichier PDF ou dossier de destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="131"/>
        <source>Parcourir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="142"/>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="146"/>
        <source>Imprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="149"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="195"/>
        <source>{code} ({count} élèves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="215"/>
        <source>Enregistrer les dossiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="216"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="218"/>
        <source>Dossier de destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="242"/>
        <source>{count} élève(s) sélectionné(s) dans la page Élèves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="319"/>
        <source>{students} dossier(s), {pages} page(s) imprimés en {duration} → {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="258"/>
        <source>Choisissez d&apos;abord la destination.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="261"/>
        <source>Choisissez d&apos;abord le lecteur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="264"/>
        <source>Choisissez d&apos;abord le groupe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="284"/>
        <source>Préparation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="292"/>
        <source>Annulation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="330"/>
        <source>Impression annulée : aucun fichier n&apos;a été conservé.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../desktop/views/import_models.py" line="210"/>
        <source>Erreur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="210"/>
        <source>Avertissement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="212"/>
        <source>Gravité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="212"/>
        <source>Fichier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="212"/>
        <source>Ligne</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="212"/>
        <source>Champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="212"/>
        <source>Explication</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegistrationWindowEditor</name>
    <message>
        <location filename="../../desktop/views/settings_widgets.py" line="36"/>
        <source>du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_widgets.py" line="37"/>
        <source>Décochez pour n&apos;avoir aucune période : la tuile Inscription est masquée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_widgets.py" line="49"/>
        <source>au</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RollbackDialog</name>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="33"/>
        <source>Revenir à la version {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="37"/>
        <source>Seuls les réglages {of_where} reviennent à leur état juste après la version {id}. Ce retour sera lui-même une nouvelle version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="41"/>
        <source>Rien à annuler : les réglages {of_where} sont déjà comme après la version {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="45"/>
        <source>Cible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="45"/>
        <source>Réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="45"/>
        <source>Maintenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="46"/>
        <source>Après le retour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="51"/>
        <source>Réglages que le retour remettrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="60"/>
        <source>Versions plus récentes d&apos;autres cibles, conservées telles quelles : {ids}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="67"/>
        <source>Raison du retour (gardée dans l&apos;historique)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="68"/>
        <source>Raison du retour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="71"/>
        <source>Revenir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="74"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="87"/>
        <source>de l&apos;école {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="87"/>
        <source>du centre de services {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_rollback_dialog.py" line="88"/>
        <source>du membre du personnel n° {code}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunChangesModel</name>
    <message>
        <location filename="../../desktop/views/import_models.py" line="249"/>
        <source>Ajout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="249"/>
        <source>Modification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="249"/>
        <source>Retrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="251"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="251"/>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="251"/>
        <source>N°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="251"/>
        <source>Champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="251"/>
        <source>Avant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="252"/>
        <source>Après</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <location filename="../../desktop/views/import_models.py" line="240"/>
        <source>N°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="240"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="240"/>
        <source>Par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="240"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_models.py" line="240"/>
        <source>Lignes écrites</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingValueDelegate</name>
    <message>
        <location filename="../../desktop/views/settings_widgets.py" line="92"/>
        <source>numéros séparés par des virgules</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="55"/>
        <location filename="../../desktop/views/settings_page.py" line="148"/>
        <source>Réglages du portail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="138"/>
        <source>Changement en attente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="138"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="138"/>
        <source>Répondants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="139"/>
        <source>Lecteur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="139"/>
        <source>Élément</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="139"/>
        <location filename="../../desktop/views/settings_page.py" line="142"/>
        <source>Avant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="139"/>
        <location filename="../../desktop/views/settings_page.py" line="142"/>
        <source>Après</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="142"/>
        <location filename="../../desktop/views/settings_page.py" line="144"/>
        <source>Cible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="142"/>
        <location filename="../../desktop/views/settings_page.py" line="144"/>
        <source>Réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="144"/>
        <source>Au début</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="145"/>
        <source>À la fin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="149"/>
        <location filename="../../desktop/views/settings_page.py" line="215"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="150"/>
        <source>Historique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="172"/>
        <source>Centre de services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="172"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="172"/>
        <source>Membre du personnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="175"/>
        <source>Niveau des réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="178"/>
        <source>Réglages de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="179"/>
        <source>Le centre de services, l&apos;école ou le membre du personnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="182"/>
        <source>Document de visibilité (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="183"/>
        <source>Les règles en vigueur de l&apos;école, datées, avec leur version : pour le comité de parents ou le responsable de la protection des renseignements personnels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="188"/>
        <source>Réglages de :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="197"/>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="199"/>
        <source>Filtrer (clé ou libellé)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="201"/>
        <source>Filtrer les réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="203"/>
        <source>Revenir au réglage hérité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="204"/>
        <source>Retire le choix fait ici : la valeur du centre de services ou la valeur par défaut s&apos;applique de nouveau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="208"/>
        <source>Section :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="216"/>
        <source>F2 modifie la valeur du réglage choisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="237"/>
        <source>Réglages en tableau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="238"/>
        <source>F2 modifie la valeur de la cellule choisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="266"/>
        <location filename="../../desktop/views/settings_page.py" line="269"/>
        <source>Effet des changements en attente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="271"/>
        <location filename="../../desktop/views/settings_page.py" line="276"/>
        <source>Aperçu avant / après</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="273"/>
        <location filename="../../desktop/views/settings_page.py" line="585"/>
        <source>Aucun changement en attente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="290"/>
        <source>Raison du changement (obligatoire, gardée dans l&apos;historique)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="292"/>
        <source>Raison du changement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="293"/>
        <source>Annuler les changements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="295"/>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="328"/>
        <source>Versions des réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="337"/>
        <source>Réglages modifiés par cette version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="338"/>
        <source>Revenir à cette version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="339"/>
        <source>Remet les réglages de l&apos;école (ou du centre de services) de cette version comme ils étaient juste après elle, après vous avoir montré ce qui serait annulé. Le retour est lui-même une nouvelle version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="348"/>
        <source>Comparer du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="349"/>
        <source>Comparer au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="617"/>
        <source>Lecture seule : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="765"/>
        <source>Les {count} versions les plus récentes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="767"/>
        <source>{count} version(s), jusqu&apos;à la première.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="769"/>
        <source>Aucune version : les réglages n&apos;ont jamais été modifiés.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="353"/>
        <source>Comparer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="356"/>
        <location filename="../../desktop/views/settings_page.py" line="357"/>
        <source>Différence entre deux dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="360"/>
        <source>Du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="362"/>
        <source>au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="370"/>
        <source>Réglages modifiés par cette version :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="373"/>
        <source>Seulement les versions qui touchent la cible affichée (pour une école : aussi son centre de services et son personnel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="378"/>
        <source>Versions plus anciennes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="379"/>
        <source>Affiche les {count} versions précédentes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="430"/>
        <source>{name} (n° {id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="490"/>
        <source>Toutes les sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="555"/>
        <source>{label} — {effect}
En vigueur : {value} ({source}). Par défaut : {default}. Clé : {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="588"/>
        <source>Calcul de l&apos;effet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="644"/>
        <source>Effet non calculé : {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="655"/>
        <source>(rien ne change pour ce lecteur)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="660"/>
        <source>Élève témoin : {name} (fiche {fiche}, {school}), au {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="663"/>
        <source>Ces changements reprennent les valeurs déjà en vigueur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="665"/>
        <source>Pas d&apos;aperçu : aucun élève touché n&apos;a de lecteur de ce type (par exemple aucune matière donnée par un spécialiste).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="668"/>
        <source>Aucun élève n&apos;est touché par ces changements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="682"/>
        <source>Indiquez la raison du changement : elle est gardée dans l&apos;historique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="694"/>
        <source>Enregistrement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="700"/>
        <source>Vos changements sont toujours en attente : vérifiez les valeurs rechargées, puis enregistrez de nouveau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="706"/>
        <source>Rien à enregistrer : ces valeurs étaient déjà en vigueur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="708"/>
        <source>Version {id} enregistrée ({count} réglage(s)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="820"/>
        <source>Retour effectué : version {id} enregistrée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="834"/>
        <source>Aucune différence entre ces deux dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="849"/>
        <source>Document de visibilité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="850"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="860"/>
        <source>Préparation du document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="863"/>
        <source>Document enregistré : {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsTableModel</name>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="151"/>
        <source>Réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="151"/>
        <source>Valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="151"/>
        <source>Provenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="151"/>
        <source>Clé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="167"/>
        <source>à enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="183"/>
        <source>* Valeur par défaut reconstituée (présumée) dans la spécification.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpellingSuggestions</name>
    <message>
        <location filename="../../desktop/views/search_suggestions.py" line="26"/>
        <source>Suggestions d&apos;orthographe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_suggestions.py" line="51"/>
        <source>Vouliez-vous dire&#xa0;: {links}&#xa0;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_suggestions.py" line="55"/>
        <source>{n} élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_suggestions.py" line="55"/>
        <source>{n} élèves</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentFileView</name>
    <message>
        <location filename="../../desktop/views/student_file.py" line="94"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="94"/>
        <source>Groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="94"/>
        <source>Niveau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="95"/>
        <source>Naissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="95"/>
        <source>Code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="96"/>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="112"/>
        <source>Répondants et parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="114"/>
        <source>Le courriel est le seul accès du parent au portail. Double-cliquez sur un courriel pour le corriger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="135"/>
        <source>Répondants et parents de l&apos;élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="137"/>
        <source>Flèches pour choisir une cellule ; F2 ou une lettre tapée corrige le courriel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="143"/>
        <location filename="../../desktop/views/student_file.py" line="242"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="144"/>
        <location filename="../../desktop/views/student_file.py" line="244"/>
        <source>Rétablir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="145"/>
        <source>Abandonner les modifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="146"/>
        <location filename="../../desktop/views/student_file.py" line="248"/>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="154"/>
        <source>Contacts en cas d&apos;urgence et autres contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="176"/>
        <location filename="../../desktop/views/student_file.py" line="293"/>
        <source>Choisissez un élève dans la liste pour ouvrir son dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="195"/>
        <source>Rien n&apos;a encore été modifié dans ce dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="201"/>
        <source>Dossier de l&apos;élève et son historique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="202"/>
        <source>Dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="203"/>
        <source>Historique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="204"/>
        <location filename="../../desktop/views/student_file.py" line="353"/>
        <source>Les modifications de cet élève et de ses répondants, les plus récentes d&apos;abord</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="229"/>
        <source>Corriger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="233"/>
        <source>Corriger le code permanent de cet élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="301"/>
        <source>Ouverture du dossier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="322"/>
        <source>Fiche {fiche} · centre de services {board}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="326"/>
        <source>(aucun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="329"/>
        <location filename="../../desktop/views/student_file.py" line="530"/>
        <source>incomplet (pas encore attribué)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="384"/>
        <source>Secondaire {grade}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="385"/>
        <source>1re</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="385"/>
        <source>{grade}e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="386"/>
        <source>{ordinal} année du primaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="390"/>
        <source>Non admissible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="391"/>
        <source>Admissible — {details}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="392"/>
        <source>Admissible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="396"/>
        <source>&lt;i&gt;Aucun contact inscrit.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="399"/>
        <source>&lt;b&gt;Urgence&lt;/b&gt; · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="413"/>
        <source>Courriel au dossier {of_name} à corriger : {messages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="422"/>
        <source>Le courriel au dossier {of_name} contient des espaces en trop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="499"/>
        <source>Le dossier {of_name} a des courriels modifiés qui ne sont pas enregistrés.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="423"/>
        <source>Retirer les espaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="442"/>
        <source>{name} : {messages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="453"/>
        <location filename="../../desktop/views/student_file.py" line="462"/>
        <source>{name} : {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="463"/>
        <source>Utiliser cette adresse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="469"/>
        <source>1 courriel modifié, pas encore enregistré. Le parent devra se réinscrire au portail avec sa nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="473"/>
        <source>{count} courriels modifiés, pas encore enregistrés. Les parents devront se réinscrire au portail avec leur nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="478"/>
        <source>Enregistrement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="498"/>
        <source>Modifications non enregistrées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="532"/>
        <source>Code permanent enregistré. {warnings}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="535"/>
        <source>Code permanent enregistré.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="611"/>
        <source>Courriel enregistré. Le parent devra se réinscrire au portail avec sa nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="614"/>
        <source>{count} courriels enregistrés. Les parents concernés devront se réinscrire au portail avec leur nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentsPage</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="54"/>
        <location filename="../../desktop/views/students_page.py" line="132"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="94"/>
        <source>Liste des élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="96"/>
        <source>Entrée ouvre le dossier de l&apos;élève choisi ; Maj ou Ctrl avec les flèches en sélectionne plusieurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="120"/>
        <source>Rechercher un élève : nom, prénom, fiche ou code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="122"/>
        <source>Rechercher un élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="124"/>
        <source>Nom, prénom, numéro de fiche ou code permanent ; flèche bas pour passer à la liste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="138"/>
        <source>Aperçu et impression…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="141"/>
        <source>Voir le dossier de cet élève tel qu&apos;un rôle, un membre du personnel ou un parent le voit, et l&apos;imprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="145"/>
        <location filename="../../desktop/views/students_page.py" line="307"/>
        <source>Imprimer la sélection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="147"/>
        <source>Ouvre la page Impression sur les élèves sélectionnés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="151"/>
        <source>Émettre les NIP…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="153"/>
        <source>Émet un NIP pour chaque répondant des élèves sélectionnés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="221"/>
        <source>Liste non chargée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="258"/>
        <source>Chargement des élèves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="262"/>
        <source>{n} élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="263"/>
        <source>{n} élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="286"/>
        <source>Aucun élève dans cette base.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="287"/>
        <source>Aucun élève ne correspond à « {query} ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="306"/>
        <source>Imprimer la sélection ({count})…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentsTableModel</name>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="51"/>
        <source>Nom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="51"/>
        <source>Prénom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="51"/>
        <source>Fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="51"/>
        <source>Code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="52"/>
        <source>Naissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="52"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="52"/>
        <source>Groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="53"/>
        <source>(incomplet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_table_model.py" line="54"/>
        <source>Code permanent pas encore attribué par le ministère : l&apos;association au portail se fait avec la fiche, ou avec un NIP.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TileFrame</name>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="215"/>
        <source>Tuile masquée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="252"/>
        <source>Différent d&apos;un autre observateur comparé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="275"/>
        <source>affiché selon un réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="280"/>
        <source>masqué</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionsTableModel</name>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="426"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="426"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="426"/>
        <source>Par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="426"/>
        <source>Poste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="426"/>
        <source>Commentaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="427"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewerHeader</name>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="71"/>
        <source>Retirer de la comparaison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="82"/>
        <source>Espaces de sa page d&apos;accueil : {spaces}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="100"/>
        <source>Accès à risque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="102"/>
        <source>Ce parent ne voit aucun dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="103"/>
        <source>Aucun accès à ce dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="112"/>
        <source>Corriger le courriel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="61"/>
        <source>Bienvenue dans Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="64"/>
        <source>Cette base de données ne contient encore aucun centre de services. Choisissez comment commencer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="98"/>
        <source>Se connecter à la base partagée du centre de services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="100"/>
        <source>Le centre de services a déjà sa base PostgreSQL ? Le service informatique vous donne son adresse et votre compte. Le mot de passe sera demandé à la connexion et gardé dans le trousseau de votre session, jamais dans un fichier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="107"/>
        <source>Adresse de la base partagée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="110"/>
        <source>ex. secretariat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="111"/>
        <source>Compte de la base partagée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="112"/>
        <source>Se connecter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="122"/>
        <source>Adresse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="126"/>
        <source>Compte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="133"/>
        <source>Importer depuis le système de gestion des élèves (SIS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="135"/>
        <source>Un export OneRoster (fichier .zip ou dossier de CSV) du SIS du centre de services remplit cette base : écoles, personnel, groupes, élèves et parents. Vous voyez tout avant que rien ne soit écrit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="138"/>
        <source>Aller à l&apos;importation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="148"/>
        <source>Essayer sur le centre de services de démonstration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="150"/>
        <source>Un centre de services fictif ({count} élèves), le même pour tous, est créé dans cette base (comme « vitrail demo ») : quelques secondes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="153"/>
        <source>Ouvrir la démonstration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="156"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="190"/>
        <source>Connexion à la base partagée…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="222"/>
        <source>Connecté. Cette adresse est enregistrée dans « {path} » : Vitrail l&apos;ouvrira désormais.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="247"/>
        <source>Création du centre de services de démonstration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="254"/>
        <source>Annulation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="260"/>
        <source>Création de la démonstration : {step}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome_page.py" line="282"/>
        <source>Création annulée : la base est restée vide.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WhyLine</name>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="160"/>
        <source>Pourquoi ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="179"/>
        <source>&lt;i&gt;(règle présumée : les documents de référence ne la précisent pas ; Vitrail l&apos;a reconstituée et le centre de services peut la changer)&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model</name>
    <message>
        <location filename="../../desktop/views/guardians_table_model.py" line="210"/>
        <source>Courriel {of_name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
