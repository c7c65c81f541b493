"""Check a built Vitrail MSI's tables with ``msiinfo``: what IT relies on when deploying it.

    python3 installer/check_msi.py vitrail.msi 0.1.0 [--older older.msi]

Checks: per-machine (ALLUSERS=1), the fixed UpgradeCode, DBURL and SERVERURL secure and
written to HKLM\\Software\\Policies\\Vitrail only when given, the settings carried across a major
upgrade (read by AppSearch before the old version is removed), the Upgrade table and launch
condition (older versions removed, downgrades refused), the Start-menu
shortcut, and no removal of anything outside the install folder (users' data is kept). With
``--older``, also that the two packages share the UpgradeCode and that the newer one's
Upgrade table catches the older one's version. Prints one line per problem; exit 1 if any.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

UPGRADE_CODE = "{EC2728A4-26A8-42C9-990B-7ACEAA3B8AA5}"
POLICY_KEY = r"Software\Policies\Vitrail"
HKLM = "2"  # Registry.Root: msidbRegistryRootLocalMachine
UPGRADE_DETECT_ONLY = 2  # Upgrade.Attributes bit: msidbUpgradeAttributesOnlyDetect


def msi_table(msi: Path, table: str) -> list[dict[str, str]]:
    """Rows of one table as dicts (``msiinfo export`` writes names, types, key line, then rows)."""
    text = subprocess.run(["msiinfo", "export", str(msi), table], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout
    lines = text.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:] if line]


def msi_properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in msi_table(msi, "Property")}


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def check_msi(msi: Path, version: str) -> list[str]:
    """Problems found in one package (empty list: all good)."""
    return [*_check_properties(msi, version), *_check_policy_values(msi), *_check_upgrades(msi, version),
            *_check_footprint(msi)]


def _check_properties(msi: Path, version: str) -> list[str]:
    problems: list[str] = []
    properties = msi_properties(msi)
    expected = {"ALLUSERS": "1", "UpgradeCode": UPGRADE_CODE, "ProductVersion": version, "ProductName": "Vitrail"}
    for name, value in expected.items():
        if properties.get(name) != value:
            problems.append(f"Property {name} = {properties.get(name)!r}, attendu {value!r}")
    secure = set(properties.get("SecureCustomProperties", "").split(";"))
    for name in ("DBURL", "SERVERURL", "WIX_UPGRADE_DETECTED"):
        if name not in secure:
            problems.append(f"{name} absent de SecureCustomProperties ({sorted(secure)})")
    return problems


def _check_policy_values(msi: Path) -> list[str]:
    """The machine-wide settings: written only when given, and found again on an upgrade."""
    problems: list[str] = []
    components = {row["Component"]: row for row in msi_table(msi, "Component")}
    registry = {(row["Key"], row["Name"]): row for row in msi_table(msi, "Registry") if row["Root"] == HKLM}
    for name, prop in (("database_url", "DBURL"), ("server_url", "SERVERURL")):
        row = registry.get((POLICY_KEY, name))
        if row is None:
            problems.append(f"pas de valeur HKLM\\{POLICY_KEY}\\{name}")
            continue
        if row["Value"] != f"[{prop}]":
            problems.append(f"HKLM\\{POLICY_KEY}\\{name} vaut {row['Value']!r}, attendu [{prop}]")
        if components.get(row["Component_"], {}).get("Condition") != prop:
            problems.append(f"la valeur {name} n'est pas conditionnée par {prop} (écrite vide sinon)")

    searches = {row["Signature_"]: row for row in msi_table(msi, "RegLocator")}
    remembered = {row["Property"] for row in msi_table(msi, "AppSearch")
                  if searches.get(row["Signature_"], {}).get("Key") == POLICY_KEY}
    if remembered != {"SAVED_DBURL", "SAVED_SERVERURL"}:
        problems.append(f"réglages non repris lors d'une mise à niveau (AppSearch : {sorted(remembered)})")
    return problems


def _check_upgrades(msi: Path, version: str) -> list[str]:
    problems: list[str] = []
    upgrades = [row for row in msi_table(msi, "Upgrade") if row["UpgradeCode"] == UPGRADE_CODE]
    removes_older = [row for row in upgrades if row["VersionMax"] == version and not row["VersionMin"]
                     and not int(row["Attributes"]) & UPGRADE_DETECT_ONLY]
    refuses_newer = [row for row in upgrades if row["VersionMin"] == version
                     and int(row["Attributes"]) & UPGRADE_DETECT_ONLY]
    if not removes_older:
        problems.append("table Upgrade : les versions antérieures ne sont pas remplacées")
    if not refuses_newer:
        problems.append("table Upgrade : une version plus récente n'est pas détectée (retour en arrière possible)")
    sequence = {row["Action"]: int(row["Sequence"]) for row in msi_table(msi, "InstallExecuteSequence")}
    if "RemoveExistingProducts" not in sequence:
        problems.append("RemoveExistingProducts absent : la mise à niveau majeure ne retire pas l'ancienne version")
    for action in ("ReuseDbUrl", "ReuseServerUrl"):
        if not sequence.get("AppSearch", 0) < sequence.get(action, 0) < sequence.get("RemoveExistingProducts", 0):
            problems.append(f"{action} n'est pas entre AppSearch et RemoveExistingProducts : réglages perdus")
    if not any("WIX_DOWNGRADE_DETECTED" in row["Condition"] for row in msi_table(msi, "LaunchCondition")):
        problems.append("aucune condition ne refuse l'installation d'une version plus ancienne")
    return problems


def _check_footprint(msi: Path) -> list[str]:
    """A Start-menu shortcut, and nothing outside the installation folder."""
    problems: list[str] = []
    shortcuts = msi_table(msi, "Shortcut")
    if not any(row["Directory_"] == "ProgramMenuFolder" and row["Target"] == "[INSTALLDIR]vitrail.exe"
               for row in shortcuts):
        problems.append(f"pas de raccourci du menu Démarrer vers vitrail.exe ({shortcuts})")
    directories = {row["Directory"] for row in msi_table(msi, "Directory")}
    personal = directories & {"AppDataFolder", "LocalAppDataFolder", "PersonalFolder", "CommonAppDataFolder"}
    if personal or msi_table(msi, "RemoveFile"):
        problems.append(f"le paquet touche des dossiers hors installation : {sorted(personal)} / RemoveFile")
    return problems


def check_upgrade(newer: Path, older: Path) -> list[str]:
    """The newer package must share the UpgradeCode and catch the older one's version."""
    new, old = msi_properties(newer), msi_properties(older)
    problems = []
    if new["UpgradeCode"] != old["UpgradeCode"]:
        problems.append("les deux paquets n'ont pas le même UpgradeCode")
    if new["ProductCode"] == old["ProductCode"]:
        problems.append("les deux paquets ont le même ProductCode (pas de mise à niveau majeure)")
    if not _version_tuple(new["ProductVersion"]) > _version_tuple(old["ProductVersion"]):
        problems.append("la nouvelle version n'est pas plus récente")
    caught = [row for row in msi_table(newer, "Upgrade")
              if row["UpgradeCode"] == old["UpgradeCode"] and not int(row["Attributes"]) & UPGRADE_DETECT_ONLY
              and (not row["VersionMin"] or _version_tuple(row["VersionMin"]) <= _version_tuple(old["ProductVersion"]))
              and _version_tuple(old["ProductVersion"]) < _version_tuple(row["VersionMax"])]
    if not caught:
        problems.append(f"la table Upgrade de {newer.name} ne retire pas la version {old['ProductVersion']}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie les tables d'un MSI de Vitrail.")
    parser.add_argument("msi", type=Path)
    parser.add_argument("version")
    parser.add_argument("--older", type=Path, help="MSI d'une version antérieure que celui-ci doit remplacer")
    args = parser.parse_args(argv)
    problems = check_msi(args.msi, args.version)
    if args.older:
        problems += check_upgrade(args.msi, args.older)
    for problem in problems:
        print(f"MSI : {problem}", file=sys.stderr)
    if not problems:
        print(f"MSI vérifié : {args.msi.name} (Property, Registry, AppSearch, Upgrade, Shortcut, Component)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
