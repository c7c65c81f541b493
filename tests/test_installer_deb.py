"""The Debian package's layout and upgrade behaviour, built by installer/build_deb.sh around a tiny
stand-in bundle (a shell script) so it runs in a second; installer/ci.sh does the same with the
real frozen bundle and runs its smoke test.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not (shutil.which("dpkg-deb") and shutil.which("objdump")) or os.geteuid() != 0,
    reason="dpkg-deb, objdump et les droits root (dpkg --root) sont nécessaires",
)


@pytest.fixture
def bundle(tmp_path) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir()
    executable = folder / "vitrail"
    executable.write_text("#!/bin/sh\necho vitrail-bundle \"$@\"\n", encoding="utf-8")
    executable.chmod(0o755)
    return folder


def build(bundle: Path, version: str, tmp_path: Path) -> Path:
    output = tmp_path / f"vitrail_{version}_amd64.deb"
    subprocess.run(["bash", str(ROOT / "installer" / "build_deb.sh"), str(bundle), version, str(output)],
                   check=True, capture_output=True)
    return output


def field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], check=True, capture_output=True, text=True).stdout.strip()


def dpkg(root: Path, *args: str) -> None:
    subprocess.run(["dpkg", f"--root={root}", "--force-depends", "--force-confdef", "--force-confold", *args],
                   check=True, capture_output=True)


@pytest.fixture
def scratch_root(tmp_path) -> Path:
    root = tmp_path / "root"
    for folder in ("info", "updates", "triggers"):
        (root / "var/lib/dpkg" / folder).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    (root / "var/lib/dpkg/available").touch()
    return root


def test_package_installs_to_opt_with_command_desktop_entry_icon_and_config(bundle, tmp_path, scratch_root):
    deb = build(bundle, "0.1.0", tmp_path)
    assert field(deb, "Package") == "vitrail"
    assert field(deb, "Version") == "0.1.0"
    assert "libxcb-cursor0" in field(deb, "Depends")  # Qt's xcb platform needs it on a desktop
    dpkg(scratch_root, "-i", str(deb))
    assert (scratch_root / "usr/bin/vitrail").resolve() == scratch_root / "opt/vitrail/vitrail"
    run = subprocess.run([str(scratch_root / "usr/bin/vitrail"), "--version"], capture_output=True, text=True)
    assert run.stdout.strip() == "vitrail-bundle --version"
    desktop = (scratch_root / "usr/share/applications/vitrail.desktop").read_text(encoding="utf-8")
    assert "Exec=/usr/bin/vitrail" in desktop and "Icon=vitrail" in desktop
    assert (scratch_root / "usr/share/icons/hicolor/256x256/apps/vitrail.png").is_file()
    config = (scratch_root / "etc/xdg/vitrail/vitrail.ini").read_text(encoding="utf-8")
    assert "[vitrail]" in config and "# database_url =" in config


def test_upgrade_in_place_keeps_the_edited_config_and_removal_keeps_it_until_purge(bundle, tmp_path, scratch_root):
    dpkg(scratch_root, "-i", str(build(bundle, "0.1.0", tmp_path)))
    config = scratch_root / "etc/xdg/vitrail/vitrail.ini"
    config.write_text("[vitrail]\ndatabase_url = postgresql://secretariat@db/vitrail\n", encoding="utf-8")
    dpkg(scratch_root, "-i", str(build(bundle, "0.1.0+ci2", tmp_path)))
    status = subprocess.run(["dpkg-query", f"--admindir={scratch_root}/var/lib/dpkg", "-W",
                             "-f=${Version} ${Status}", "vitrail"], capture_output=True, text=True, check=True)
    assert status.stdout == "0.1.0+ci2 install ok installed"
    assert "postgresql://secretariat@db/vitrail" in config.read_text(encoding="utf-8")
    dpkg(scratch_root, "-r", "vitrail")
    assert not (scratch_root / "opt/vitrail").exists()
    assert config.is_file()
    dpkg(scratch_root, "-P", "vitrail")
    assert not config.exists()


def test_a_library_without_a_known_debian_package_stops_the_build(bundle, tmp_path):
    """A new Qt plugin must not silently add a dependency the package does not declare."""
    libxml2 = Path("/usr/lib/x86_64-linux-gnu/libxml2.so.2")  # needs libicuuc, liblzma: not in the table
    if not libxml2.exists():
        pytest.skip("libxml2.so.2 absent : pas de bibliothèque d'essai aux dépendances inconnues")
    shutil.copy(libxml2, bundle / "libxml2.so.2")
    run = subprocess.run(["bash", str(ROOT / "installer" / "build_deb.sh"), str(bundle), "0.1.0",
                          str(tmp_path / "x.deb")], capture_output=True, text=True)
    assert run.returncode == 1
    assert "bibliothèques système sans paquet connu" in run.stderr
    assert "libicuuc.so.72" in run.stderr
    assert not (tmp_path / "x.deb").exists()


def _newest_glibc(*files: Path) -> str:
    listing = subprocess.run(["objdump", "-T", *map(str, files)], capture_output=True, text=True).stdout
    versions = {tuple(int(part) for part in found.split(".")) for found in re.findall(r"GLIBC_([0-9][0-9.]*)", listing)}
    return ".".join(str(part) for part in max(versions))


def test_the_glibc_the_bundle_needs_is_declared(bundle, tmp_path):
    """A system with an older glibc (Ubuntu 22.04 has 2.35) refuses the package instead of failing at launch."""
    binary = Path(shutil.which("sort"))
    shutil.copy(binary, bundle / "outil")
    library = next(Path(path) for path in ("/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1")
                   if Path(path).exists())
    shutil.copy(library, bundle / "libz.so.1")
    deb = build(bundle, "0.1.0", tmp_path)
    expected = _newest_glibc(bundle / "outil", bundle / "libz.so.1")
    assert f"libc6 (>= {expected})" in [part.strip() for part in field(deb, "Depends").split(",")]


def test_the_package_has_the_copyright_file_and_changelog_debian_asks_for(bundle, tmp_path):
    deb = build(bundle, "0.1.0+ci2", tmp_path)
    extracted = tmp_path / "extrait"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(extracted)], check=True)
    doc = extracted / "usr/share/doc/vitrail"
    assert (doc / "copyright").read_text(encoding="utf-8").startswith("Format: https://www.debian.org/doc/")
    changelog = gzip.decompress((doc / "changelog.gz").read_bytes()).decode("utf-8")
    assert changelog.startswith("vitrail (0.1.0+ci2) stable; urgency=medium")
    assert "vitrail (0.1.0) stable" in changelog  # the history kept in installer/debian/changelog
    assert (extracted / "usr/share/lintian/overrides/vitrail").is_file()
