"""The Windows Installer package: the template says what IT relies on, the built MSI's tables
(read back with msiinfo) confirm it, and the checker CI uses catches a broken package.

Building needs Debian's wixl and msitools; those tests are skipped on a machine without them
(installer/ci.sh installs them and always runs the same checks).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"
needs_wixl = pytest.mark.skipif(not (shutil.which("wixl") and shutil.which("msiinfo") and shutil.which("msibuild")),
                                reason="wixl/msitools absents (apt-get install wixl msitools)")


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_msi", INSTALLER / "check_msi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_msi = _load_checker()


def template() -> ET.Element:
    return ET.parse(INSTALLER / "vitrail.wxs").getroot()


def test_template_is_a_per_machine_product_with_the_fixed_upgrade_code():
    product = template().find(f"{WIX}Product")
    assert product.get("UpgradeCode") == check_msi.UPGRADE_CODE.strip("{}")
    assert product.get("Id") == "*"  # a new ProductCode per build: every release is a major upgrade
    assert product.find(f"{WIX}Package").get("InstallScope") == "perMachine"
    assert product.find(f"{WIX}MajorUpgrade") is not None


def test_template_writes_dburl_and_serverurl_to_the_policy_key_vitrail_reads():
    from desktop.services.config import POLICY_KEY

    values = {value.get("Name"): value for value in template().iter(f"{WIX}RegistryValue")
              if value.get("Key") == POLICY_KEY}
    assert values["database_url"].get("Value") == "[DBURL]"
    assert values["server_url"].get("Value") == "[SERVERURL]"
    assert {value.get("Root") for value in values.values()} == {"HKLM"}


def test_template_has_a_start_menu_shortcut_and_never_touches_users_folders():
    root = template()
    shortcut = next(root.iter(f"{WIX}Shortcut"))
    assert shortcut.get("Target") == "[INSTALLDIR]vitrail.exe"
    text = (INSTALLER / "vitrail.wxs").read_text(encoding="utf-8")
    for folder in ("AppDataFolder", "LocalAppDataFolder", "PersonalFolder", "RemoveFolder", "RemoveFile"):
        assert folder not in text


def build(tmp_path: Path, version: str) -> Path:
    payload = tmp_path / "placeholder-payload"
    (payload / "_internal").mkdir(parents=True, exist_ok=True)
    (payload / "vitrail.exe").write_text("PLACEHOLDER", encoding="utf-8")
    (payload / "_internal" / "README.txt").write_text("PLACEHOLDER", encoding="utf-8")
    output = tmp_path / f"vitrail-{version}.msi"
    subprocess.run(["bash", str(INSTALLER / "build_msi.sh"), str(payload), version, str(output)],
                   check=True, capture_output=True)
    return output


@needs_wixl
def test_built_msi_tables_pass_the_checks_ci_runs(tmp_path):
    older = build(tmp_path, "0.1.0")
    newer = build(tmp_path, "0.2.0")
    assert check_msi.check_msi(older, "0.1.0") == []
    assert check_msi.check_msi(newer, "0.2.0") == []
    assert check_msi.check_upgrade(newer, older) == []
    properties = check_msi.msi_properties(older)
    assert properties["ALLUSERS"] == "1"
    assert properties["SecureCustomProperties"].split(";")[-2:] == ["DBURL", "SERVERURL"]
    policy = {row["Name"]: row for row in check_msi.msi_table(older, "Registry")
              if row["Key"] == r"Software\Policies\Vitrail"}
    assert policy["database_url"]["Value"] == "[DBURL]"


@needs_wixl
def test_checker_catches_a_package_that_would_drop_dburl_or_downgrade(tmp_path):
    """wixl ignores Secure="yes": without build_msi.sh's msibuild step DBURL would be lost."""
    msi = build(tmp_path, "0.1.0")
    subprocess.run(["msibuild", str(msi), "-q",
                    "UPDATE Property SET Value='WIX_UPGRADE_DETECTED' WHERE Property='SecureCustomProperties'"],
                   check=True)
    problems = check_msi.check_msi(msi, "0.1.0")
    assert any("DBURL absent de SecureCustomProperties" in problem for problem in problems)
    newer = build(tmp_path, "0.2.0")
    assert "la nouvelle version n'est pas plus récente" in check_msi.check_upgrade(msi, newer)
