<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_CA" sourcelanguage="fr_CA">
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="138"/>
        <location filename="../../desktop/views/accounts_page.py" line="182"/>
        <location filename="../../desktop/views/accounts_page.py" line="557"/>
        <source>Comptes parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="204"/>
        <source>Toutes les écoles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="206"/>
        <source>Tous les constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="210"/>
        <source>Toutes les gravités</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="211"/>
        <source>Erreurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="211"/>
        <source>Avertissements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="211"/>
        <source>Informations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="214"/>
        <source>Filtrer par école</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="215"/>
        <source>Filtrer par constat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="216"/>
        <source>Filtrer par gravité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="220"/>
        <source>Filtrer :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="228"/>
        <source>Constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="230"/>
        <source>Entrée ouvre le dossier au bon champ ; Maj ou Ctrl pour sélectionner plusieurs constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="251"/>
        <source>Ouvrir au bon champ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="254"/>
        <source>Émettre un NIP pour la sélection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="256"/>
        <location filename="../../desktop/views/accounts_page.py" line="538"/>
        <source>Révoquer le NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="258"/>
        <source>Exporter en CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="260"/>
        <source>Actualiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="303"/>
        <source>Calcul des constats…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="326"/>
        <location filename="../../desktop/views/accounts_page.py" line="356"/>
        <location filename="../../desktop/views/accounts_page.py" line="514"/>
        <source>{count} constat(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="353"/>
        <source>{shown} constat(s) affiché(s) sur {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="360"/>
        <source>Aucun constat ne correspond à ces filtres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="361"/>
        <source>Aucun constat : chaque parent peut utiliser le portail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="412"/>
        <source>{guardian} : aucun NIP émis pour cet élève.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="435"/>
        <source>Exporter les constats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="436"/>
        <source>Fichiers CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="448"/>
        <source>Impossible d&apos;écrire « {path} » : {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="454"/>
        <source>{count} constat(s) exporté(s) dans « {name} »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="478"/>
        <source>Aucun répondant pour les élèves sélectionnés : aucun NIP à émettre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="494"/>
        <source>Émission des NIP…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="518"/>
        <source>{count} NIP émis ; lettres dans « {name} »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="526"/>
        <source>{guardian} — {student} : {nip} (expire le {expires})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="528"/>
        <source>  ⚠ Attention : {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="539"/>
        <source>Révoquer le NIP {of_guardian} pour {student} ? Il cessera aussitôt de fonctionner.</source>
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
        <location filename="../../desktop/views/diagnostic_page.py" line="44"/>
        <location filename="../../desktop/views/diagnostic_page.py" line="63"/>
        <source>Diagnostic de connexion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="50"/>
        <source>Centre de services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="50"/>
        <source>Nom de famille</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="51"/>
        <source>Prénom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="51"/>
        <source>Date de naissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="52"/>
        <source>Numéro de fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="52"/>
        <source>Code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="53"/>
        <source>NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="53"/>
        <source>Courriel du compte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="53"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="65"/>
        <source>Pour l&apos;écran du secrétariat : les explications ne citent que ce que le parent a tapé. Ne lisez jamais au parent les données du dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="81"/>
        <source>ex. 27 juin 2012 ou 27/06/2012</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="133"/>
        <source>Ouvrir le dossier de l&apos;élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="135"/>
        <source>Ouvre la fiche de l&apos;élève sur le répondant concerné, par exemple pour corriger son courriel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="160"/>
        <source>Résultat du diagnostic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="202"/>
        <source>Date de naissance : {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="97"/>
        <source>ou code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="98"/>
        <source>ou NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="100"/>
        <source>Diagnostiquer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="103"/>
        <source>Effacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="120"/>
        <location filename="../../desktop/views/diagnostic_page.py" line="124"/>
        <source>À dire au parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="218"/>
        <source>Recherche en cours…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="245"/>
        <source>Le portail associerait l&apos;enfant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/diagnostic_page.py" line="246"/>
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
        <location filename="../../desktop/views/accounts_findings_model.py" line="33"/>
        <source>Gravité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="33"/>
        <source>Constat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="33"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="33"/>
        <source>Fiche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="34"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="34"/>
        <source>Répondant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="34"/>
        <source>Explication et correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="35"/>
        <source>Erreur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="35"/>
        <source>Avertissement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_findings_model.py" line="36"/>
        <source>Information</source>
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
    <name>IssueNipDialog</name>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="57"/>
        <source>Émettre des NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="61"/>
        <source> jours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="63"/>
        <source>fichier PDF des lettres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="65"/>
        <source>Choisir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="71"/>
        <source>Validité :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="72"/>
        <source>Lettres :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="73"/>
        <source>Un NIP sera émis pour {count} répondant(s). Un NIP déjà émis pour le même élève et le même répondant cessera aussitôt de fonctionner. Chaque NIP n&apos;est affiché qu&apos;une fois : imprimez les lettres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="78"/>
        <source>Émettre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="88"/>
        <source>Lettres des NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="89"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="97"/>
        <location filename="../../desktop/views/accounts_page.py" line="101"/>
        <source>Lettres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="97"/>
        <source>Choisissez le fichier des lettres : c&apos;est le seul endroit où le NIP sera imprimé.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="101"/>
        <source>« {path} » existe déjà. Le remplacer par les nouvelles lettres ?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="152"/>
        <source>Vitrail — secrétariat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="183"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="184"/>
        <source>Choisit la page affichée ; Ctrl+1 à Ctrl+6 y mènent aussi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="249"/>
        <source>Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="251"/>
        <source>Secrétariat d&apos;école</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="261"/>
        <source>Version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="269"/>
        <source>Base : {db}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="271"/>
        <source>Base de données ouverte ({backend})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="273"/>
        <source>Utilisateur : {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="275"/>
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
        <location filename="../../desktop/views/accounts_page.py" line="112"/>
        <source>NIP émis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/accounts_page.py" line="113"/>
        <source>Ces NIP ne seront plus jamais affichés. Les lettres sont dans « {path} ». Ne les envoyez jamais par courriel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperationRunner</name>
    <message>
        <location filename="../../desktop/views/operations.py" line="258"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/operations.py" line="261"/>
        <source>Vitrail — opération en cours</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageHelpDialog</name>
    <message>
        <location filename="../../desktop/views/page_help.py" line="76"/>
        <source>Vitrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/page_help.py" line="77"/>
        <source>Aide — {page}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/page_help.py" line="84"/>
        <source>Aide de la page {page}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/page_help.py" line="89"/>
        <source>Fermer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/page_help.py" line="92"/>
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
    <name>PreviewPage</name>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="140"/>
        <source>Aperçu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="148"/>
        <location filename="../../desktop/views/preview_page.py" line="299"/>
        <source>Nom, prénom, fiche ou code permanent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="150"/>
        <source>Rechercher un élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="152"/>
        <source>Nom, prénom, numéro de fiche ou code permanent ; flèche bas puis Entrée ouvre l&apos;élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="154"/>
        <source>Entrée montre le dossier de l&apos;élève choisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="165"/>
        <source>Élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="173"/>
        <source>Vu par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="174"/>
        <source>Le rôle, le membre du personnel, le parent ou l&apos;élève dont on voit le dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="183"/>
        <source>Comparer avec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="186"/>
        <source>Ajouter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="188"/>
        <source>Ajoute une colonne : les différences sont surlignées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="190"/>
        <source>Afficher les éléments masqués</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="194"/>
        <source>Différences seulement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="196"/>
        <source>Côte à côte : ne montre que ce qui diffère d&apos;un lecteur à l&apos;autre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="200"/>
        <source>Vu par :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="203"/>
        <source>Comparer avec :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="207"/>
        <source>Imprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="209"/>
        <source>Imprime le dossier tel que le lecteur « Vu par » le voit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="214"/>
        <source>Choisissez un élève à gauche.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="230"/>
        <source>Dossier tel que vu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="271"/>
        <source>Chargement des élèves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="294"/>
        <source>Aucun élève ne correspond à « {query} ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="409"/>
        <source>{name} · fiche {fiche} · {school} · groupe {group}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="443"/>
        <source>Choisissez d&apos;abord un élève.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="446"/>
        <source>Impression refusée : ce lecteur n&apos;a accès à aucun dossier de cet élève. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="525"/>
        <source>&lt;b&gt;Nous joindre&lt;/b&gt; — {school}, {address} · tél. {phone} · téléc. {fax} · {email} · direction : {direction}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="576"/>
        <source>Aucune différence : ces lecteurs voient le même dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="641"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="153"/>
        <location filename="../../desktop/views/preview_page.py" line="641"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="642"/>
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
        <location filename="../../desktop/views/print_page.py" line="54"/>
        <source>Impression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="64"/>
        <source>Impression de dossiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="66"/>
        <source>Chaque dossier est imprimé tel que le lecteur choisi le voit : rien de ce qui lui est masqué n&apos;est imprimé, et chaque page le dit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="85"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="86"/>
        <source>Un groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="87"/>
        <source>Toute l&apos;école</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="88"/>
        <source>La sélection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="100"/>
        <location filename="../../desktop/views/print_page.py" line="237"/>
        <source>Aucune sélection : choisissez des élèves dans la page Élèves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="108"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="109"/>
        <source>Groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="114"/>
        <source>Imprimé pour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="118"/>
        <source>Produire aussi, dans un fichier à part, le rapport « Éléments retenus » pour la direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="120"/>
        <source>Lecteur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="125"/>
        <source>Résultat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="126"/>
        <source>Un seul PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="127"/>
        <source>Un PDF par élève (n° de fiche et nom)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="132"/>
        <source>Fichier PDF ou dossier de destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="133"/>
        <source>Parcourir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="144"/>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="148"/>
        <source>Imprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="151"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="197"/>
        <source>{code} ({count} élèves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="209"/>
        <source>Enregistrer les dossiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="210"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="212"/>
        <source>Dossier de destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="236"/>
        <source>{count} élève(s) sélectionné(s) dans la page Élèves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="313"/>
        <source>{students} dossier(s), {pages} page(s) imprimés en {duration} → {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="252"/>
        <source>Choisissez d&apos;abord la destination.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="255"/>
        <source>Choisissez d&apos;abord le lecteur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="258"/>
        <source>Choisissez d&apos;abord le groupe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="278"/>
        <source>Préparation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="286"/>
        <source>Annulation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/print_page.py" line="324"/>
        <source>Impression annulée : aucun fichier n&apos;a été conservé.</source>
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
        <location filename="../../desktop/views/settings_page.py" line="117"/>
        <location filename="../../desktop/views/settings_page.py" line="150"/>
        <source>Réglages du portail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="140"/>
        <source>Changement en attente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="140"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="140"/>
        <source>Répondants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="141"/>
        <source>Lecteur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="141"/>
        <source>Élément</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="141"/>
        <location filename="../../desktop/views/settings_page.py" line="144"/>
        <source>Avant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="141"/>
        <location filename="../../desktop/views/settings_page.py" line="144"/>
        <source>Après</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="144"/>
        <location filename="../../desktop/views/settings_page.py" line="146"/>
        <source>Cible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="144"/>
        <location filename="../../desktop/views/settings_page.py" line="146"/>
        <source>Réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="146"/>
        <source>Au début</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="147"/>
        <source>À la fin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="151"/>
        <location filename="../../desktop/views/settings_page.py" line="216"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="152"/>
        <source>Historique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="173"/>
        <source>Centre de services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="173"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="173"/>
        <source>Membre du personnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="176"/>
        <source>Niveau des réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="179"/>
        <source>Réglages de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="180"/>
        <source>Le centre de services, l&apos;école ou le membre du personnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="183"/>
        <source>Document de visibilité (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="184"/>
        <source>Les règles en vigueur de l&apos;école, datées, avec leur version : pour le comité de parents ou le responsable de la protection des renseignements personnels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="189"/>
        <source>Réglages de :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="198"/>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="200"/>
        <source>Filtrer (clé ou libellé)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="202"/>
        <source>Filtrer les réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="204"/>
        <source>Revenir au réglage hérité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="205"/>
        <source>Retire le choix fait ici : la valeur du centre de services ou la valeur par défaut s&apos;applique de nouveau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="209"/>
        <source>Section :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="217"/>
        <source>F2 modifie la valeur du réglage choisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="238"/>
        <source>Réglages en tableau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="239"/>
        <source>F2 modifie la valeur de la cellule choisie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="267"/>
        <location filename="../../desktop/views/settings_page.py" line="270"/>
        <source>Effet des changements en attente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="272"/>
        <location filename="../../desktop/views/settings_page.py" line="277"/>
        <source>Aperçu avant / après</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="274"/>
        <location filename="../../desktop/views/settings_page.py" line="577"/>
        <source>Aucun changement en attente.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="291"/>
        <source>Raison du changement (obligatoire, gardée dans l&apos;historique)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="293"/>
        <source>Raison du changement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="294"/>
        <source>Annuler les changements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="296"/>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="320"/>
        <source>Versions des réglages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="329"/>
        <source>Réglages modifiés par cette version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="330"/>
        <source>Revenir à cette version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="331"/>
        <source>Remet les réglages de l&apos;école (ou du centre de services) de cette version comme ils étaient juste après elle, après vous avoir montré ce qui serait annulé. Le retour est lui-même une nouvelle version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="340"/>
        <source>Comparer du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="341"/>
        <source>Comparer au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="725"/>
        <source>Les {count} versions les plus récentes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="727"/>
        <source>{count} version(s), jusqu&apos;à la première.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="729"/>
        <source>Aucune version : les réglages n&apos;ont jamais été modifiés.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="345"/>
        <source>Comparer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="348"/>
        <location filename="../../desktop/views/settings_page.py" line="349"/>
        <source>Différence entre deux dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="352"/>
        <source>Du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="354"/>
        <source>au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="362"/>
        <source>Réglages modifiés par cette version :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="365"/>
        <source>Seulement les versions qui touchent la cible affichée (pour une école : aussi son centre de services et son personnel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="370"/>
        <source>Versions plus anciennes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="371"/>
        <source>Affiche les {count} versions précédentes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="422"/>
        <source>{name} (n° {id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="482"/>
        <source>Toutes les sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="547"/>
        <source>{label} — {effect}
En vigueur : {value} ({source}). Par défaut : {default}. Clé : {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="580"/>
        <source>Calcul de l&apos;effet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="604"/>
        <source>Effet non calculé : {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="615"/>
        <source>(rien ne change pour ce lecteur)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="620"/>
        <source>Élève témoin : {name} (fiche {fiche}, {school}), au {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="623"/>
        <source>Ces changements reprennent les valeurs déjà en vigueur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="625"/>
        <source>Pas d&apos;aperçu : aucun élève touché n&apos;a de lecteur de ce type (par exemple aucune matière donnée par un spécialiste).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="628"/>
        <source>Aucun élève n&apos;est touché par ces changements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="642"/>
        <source>Indiquez la raison du changement : elle est gardée dans l&apos;historique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="654"/>
        <source>Enregistrement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="660"/>
        <source>Vos changements sont toujours en attente : vérifiez les valeurs rechargées, puis enregistrez de nouveau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="666"/>
        <source>Rien à enregistrer : ces valeurs étaient déjà en vigueur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="668"/>
        <source>Version {id} enregistrée ({count} réglage(s)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="779"/>
        <source>Retour effectué : version {id} enregistrée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="793"/>
        <source>Aucune différence entre ces deux dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="808"/>
        <source>Document de visibilité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="809"/>
        <source>Documents PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="819"/>
        <source>Préparation du document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_page.py" line="822"/>
        <source>Document enregistré : {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsTableModel</name>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="144"/>
        <source>Réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="144"/>
        <source>Valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="144"/>
        <source>Provenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="144"/>
        <source>Clé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="160"/>
        <source>à enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="174"/>
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
        <location filename="../../desktop/views/student_file.py" line="88"/>
        <source>École</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="88"/>
        <source>Groupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="88"/>
        <source>Niveau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="89"/>
        <source>Naissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="89"/>
        <source>Code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="90"/>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="106"/>
        <source>Répondants et parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="108"/>
        <source>Le courriel est le seul accès du parent au portail. Double-cliquez sur un courriel pour le corriger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="128"/>
        <source>Répondants et parents de l&apos;élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="130"/>
        <source>Flèches pour choisir une cellule ; F2 ou une lettre tapée corrige le courriel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="136"/>
        <location filename="../../desktop/views/student_file.py" line="218"/>
        <source>Annuler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="137"/>
        <location filename="../../desktop/views/student_file.py" line="220"/>
        <source>Rétablir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="138"/>
        <source>Abandonner les modifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="139"/>
        <location filename="../../desktop/views/student_file.py" line="224"/>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="147"/>
        <source>Contacts en cas d&apos;urgence et autres contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="174"/>
        <location filename="../../desktop/views/student_file.py" line="267"/>
        <source>Choisissez un élève dans la liste pour ouvrir son dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="205"/>
        <source>Corriger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="209"/>
        <source>Corriger le code permanent de cet élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="275"/>
        <source>Ouverture du dossier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="296"/>
        <source>Fiche {fiche} · centre de services {board}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="300"/>
        <source>(aucun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="303"/>
        <location filename="../../desktop/views/student_file.py" line="474"/>
        <source>incomplet (pas encore attribué)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="328"/>
        <source>Secondaire {grade}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="329"/>
        <source>1re</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="329"/>
        <source>{grade}e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="330"/>
        <source>{ordinal} année du primaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="334"/>
        <source>Non admissible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="335"/>
        <source>Admissible — {details}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="336"/>
        <source>Admissible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="340"/>
        <source>&lt;i&gt;Aucun contact inscrit.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="343"/>
        <source>&lt;b&gt;Urgence&lt;/b&gt; · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="357"/>
        <source>Courriel au dossier {of_name} à corriger : {messages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="366"/>
        <source>Le courriel au dossier {of_name} contient des espaces en trop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="443"/>
        <source>Le dossier {of_name} a des courriels modifiés qui ne sont pas enregistrés.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="367"/>
        <source>Retirer les espaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="386"/>
        <source>{name} : {messages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="397"/>
        <location filename="../../desktop/views/student_file.py" line="406"/>
        <source>{name} : {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="407"/>
        <source>Utiliser cette adresse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="413"/>
        <source>1 courriel modifié, pas encore enregistré. Le parent devra se réinscrire au portail avec sa nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="417"/>
        <source>{count} courriels modifiés, pas encore enregistrés. Les parents devront se réinscrire au portail avec leur nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="422"/>
        <source>Enregistrement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="442"/>
        <source>Modifications non enregistrées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="476"/>
        <source>Code permanent enregistré. {warnings}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="479"/>
        <source>Code permanent enregistré.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="555"/>
        <source>Courriel enregistré. Le parent devra se réinscrire au portail avec sa nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/student_file.py" line="558"/>
        <source>{count} courriels enregistrés. Les parents concernés devront se réinscrire au portail avec leur nouvelle adresse.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentsPage</name>
    <message>
        <location filename="../../desktop/views/students_page.py" line="79"/>
        <location filename="../../desktop/views/students_page.py" line="126"/>
        <source>Élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="88"/>
        <source>Liste des élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="90"/>
        <source>Entrée ouvre le dossier de l&apos;élève choisi ; Maj ou Ctrl avec les flèches en sélectionne plusieurs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="114"/>
        <source>Rechercher un élève : nom, prénom, fiche ou code permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="116"/>
        <source>Rechercher un élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="118"/>
        <source>Nom, prénom, numéro de fiche ou code permanent ; flèche bas pour passer à la liste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="132"/>
        <source>Aperçu et impression…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="135"/>
        <source>Voir le dossier de cet élève tel qu&apos;un rôle, un membre du personnel ou un parent le voit, et l&apos;imprimer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="139"/>
        <location filename="../../desktop/views/students_page.py" line="271"/>
        <source>Imprimer la sélection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="141"/>
        <source>Ouvre la page Impression sur les élèves sélectionnés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="145"/>
        <source>Émettre les NIP…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="147"/>
        <source>Émet un NIP pour chaque répondant des élèves sélectionnés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="195"/>
        <source>Liste non chargée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="228"/>
        <source>Chargement des élèves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="232"/>
        <source>{n} élève</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="233"/>
        <source>{n} élèves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="256"/>
        <source>Aucun élève dans cette base.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="257"/>
        <source>Aucun élève ne correspond à « {query} ».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/students_page.py" line="270"/>
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
        <location filename="../../desktop/views/preview_widgets.py" line="205"/>
        <source>Tuile masquée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="230"/>
        <source>Différent d&apos;un autre observateur comparé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="243"/>
        <source>affiché selon un réglage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="248"/>
        <source>masqué</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionsTableModel</name>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="417"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="417"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="417"/>
        <source>Par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="417"/>
        <source>Poste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="417"/>
        <source>Commentaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_models.py" line="418"/>
        <source>Réglages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewerHeader</name>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="70"/>
        <source>Retirer de la comparaison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="81"/>
        <source>Espaces de sa page d&apos;accueil : {spaces}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="99"/>
        <source>Accès à risque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="101"/>
        <source>Ce parent ne voit aucun dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="102"/>
        <source>Aucun accès à ce dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_page.py" line="111"/>
        <source>Corriger le courriel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WhyLine</name>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="147"/>
        <source>Pourquoi ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/views/preview_widgets.py" line="168"/>
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
