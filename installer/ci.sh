#!/usr/bin/env bash
# Build and check everything IT deploys, on Linux CI (called by .ci/run; runnable by hand).
#
#   bash installer/ci.sh [OUTPUT_DIR]          (default: build/installer)
#
# 1. freezes Vitrail (PyInstaller one-folder) and builds the .deb around it; lintian checks the
#    .deb (errors fail the build; installer/debian/lintian-overrides says why each override);
#    the system libraries the .deb declares are installed, as apt would;
# 2. runs `vitrail --smoke-test` from the bundle — headless (xcb loaded without a screen), on a
#    virtual X display (xvfb: the real xcb plugin opens), on a configured demo database, and on
#    a missing one (must fail) — and prints one student's file to PDF with it;
# 3. installs the .deb into a scratch root (dpkg --root), runs the smoke test from
#    the installed copy, checks the desktop entry, icon and conffile, installs a newer version
#    over it (in-place upgrade, IT's conffile edit kept), then removes and purges it;
# 4. builds the MSI with wixl from a PLACEHOLDER payload (the Windows program itself needs a
#    Windows machine, see build_windows.ps1) and checks its tables with msiinfo, including that
#    a newer MSI replaces an older one.
# Leaves the bundle, both .deb and both .msi in OUTPUT_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$(realpath -m "${1:-$root/build/installer}")
python=${PYTHON:-python3}
cd "$root"

step() { echo "== installer: $*"; }
fail() { echo "installer/ci.sh : ÉCHEC : $*" >&2; exit 1; }

step "outils"
missing=()
for tool in wixl:wixl msiinfo:msitools msibuild:msitools objdump:binutils dpkg-deb:dpkg lintian:lintian \
            xvfb-run:xvfb; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Always: the interpreter may have PyInstaller from an earlier run but not a dependency added since.
"$python" -m pip install -q -e '.[installer]'
version=$("$python" -c "import desktop; print(desktop.__version__)")
rm -rf "$out"
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Every run of the app below gets its own empty home: no user's config, data or keyring.
run_isolated() {
  local home=$scratch/home-$RANDOM
  mkdir -p "$home"
  env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
      XDG_CONFIG_DIRS="${VITRAIL_XDG_CONFIG_DIRS:-$home/etc-xdg}" QT_QPA_PLATFORM=offscreen "$@"
}

step "bundle PyInstaller"
started=$SECONDS
PYTHON="$python" "$here/build_bundle.sh" "$out"
bundle=$out/dist/vitrail
echo "taille du bundle : $(du -sh "$bundle" | cut -f1) ($((SECONDS - started)) s)"

step ".deb $version et $version+ci2"
deb1=$out/vitrail_${version}_amd64.deb
deb2=$out/vitrail_${version}+ci2_amd64.deb
"$here/build_deb.sh" "$bundle" "$version" "$deb1"
"$here/build_deb.sh" "$bundle" "$version+ci2" "$deb2"
# Package names without their version constraints: "libc6 (>= 2.35), libegl1" -> "libc6 libegl1".
depends=$(dpkg-deb -f "$deb1" Depends | sed 's/([^)]*)//g' | tr -d ' ' | tr ',' ' ')
if [ -n "$(ls /var/lib/apt/lists/ 2>/dev/null | grep -v -e lock -e partial)" ]; then
  for package in $depends; do
    apt-cache show "$package" >/dev/null 2>&1 || fail "dépendance « $package » inconnue de l'archive Debian"
  done
  echo "dépendances connues de l'archive : $(dpkg-deb -f "$deb1" Depends)"
fi
glibc=$(dpkg-deb -f "$deb1" Depends | grep -o 'libc6 (>= [0-9.]*)' || true)
[ -n "$glibc" ] || fail "le .deb ne déclare pas la glibc dont le bundle a besoin"
echo "glibc déclarée : $glibc (Ubuntu 22.04 a 2.35, Debian 12 a 2.36)"

step "lintian (erreurs fatales, avertissements affichés)"
lintian_status=0
lintian --fail-on error --tag-display-limit 0 "$deb1" >"$scratch/lintian.log" 2>&1 || lintian_status=$?
grep -v 'root privileges' "$scratch/lintian.log" || true
[ "$lintian_status" -eq 0 ] || fail "lintian signale des erreurs dans le .deb"

step "bibliothèques système déclarées par le .deb (comme apt les installerait)"
missing_packages=()
for package in $depends; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q ' installed$' || missing_packages+=("$package")
done
if [ ${#missing_packages[@]} -gt 0 ]; then
  echo "installation : ${missing_packages[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}" >/dev/null \
    || fail "apt-get install ${missing_packages[*]}"
fi

step "test de fumée depuis le bundle (sans écran, puis sur un écran X virtuel)"
run_isolated "$bundle/vitrail" --smoke-test || fail "test de fumée du bundle"
run_isolated xvfb-run -a env -u QT_QPA_PLATFORM "$bundle/vitrail" --smoke-test >"$scratch/xvfb.log" 2>&1 \
  || { cat "$scratch/xvfb.log" >&2; fail "test de fumée du bundle sur un écran X (greffon xcb)"; }
grep -q "affichage : greffon d'affichage « xcb » chargé" "$scratch/xvfb.log" || { cat "$scratch/xvfb.log" >&2; fail "xcb non essayé"; }
[ "$(run_isolated "$bundle/vitrail" --version)" = "vitrail $version" ] || fail "--version du bundle"

step "PDF depuis le bundle (reportlab, polices livrées)"
demo_db=$scratch/demo.db
run_isolated "$bundle/vitrail" --db "sqlite:///$demo_db" demo --students 40 >"$scratch/demo.log" 2>&1 \
  || { cat "$scratch/demo.log" >&2; fail "vitrail demo depuis le bundle"; }
fiche=$("$python" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('select fiche from student order by id limit 1').fetchone()[0])" "$demo_db")
run_isolated "$bundle/vitrail" --db "sqlite:///$demo_db" print dossier --student "$fiche" --role direction -o "$scratch/dossier.pdf"
head -c 5 "$scratch/dossier.pdf" | grep -q '%PDF-' || fail "le bundle n'a pas produit de PDF"

step "test de fumée sur la base configurée (présente, puis absente : doit échouer)"
run_isolated "$bundle/vitrail" --db "sqlite:///$demo_db" --smoke-test >"$scratch/smoke-db.log" 2>&1 \
  || { cat "$scratch/smoke-db.log" >&2; fail "test de fumée sur la base de démonstration"; }
grep -q "\[ok\] base configurée : sqlite:///$demo_db (provenance : --db) répond" "$scratch/smoke-db.log" \
  || { cat "$scratch/smoke-db.log" >&2; fail "base configurée non vérifiée"; }
if run_isolated "$bundle/vitrail" --db "sqlite:///$scratch/absente.db" --smoke-test >"$scratch/smoke-absent.log" 2>&1; then
  cat "$scratch/smoke-absent.log" >&2; fail "le test de fumée réussit sur une base absente"
fi
grep -q "\[ÉCHEC\] base configurée" "$scratch/smoke-absent.log" || fail "l'échec ne nomme pas la base configurée"

step "installation dans une racine de test (dpkg --root)"
# A scratch root has an empty dpkg database, so Depends (system libraries) cannot be satisfied
# there: --force-depends. The binaries then run on this machine's libraries, which provide them.
target=$scratch/root
mkdir -p "$target/var/lib/dpkg/info" "$target/var/lib/dpkg/updates" "$target/var/lib/dpkg/triggers"
touch "$target/var/lib/dpkg/status" "$target/var/lib/dpkg/available"
dpkg_root() {
  dpkg --root="$target" --force-depends --force-confdef --force-confold "$@" >"$scratch/dpkg.log" 2>&1 \
    || { cat "$scratch/dpkg.log" >&2; fail "dpkg $*"; }
}
dpkg_root -i "$deb1"
[ "$(dpkg-query --admindir="$target/var/lib/dpkg" -W -f='${Version}' vitrail)" = "$version" ] || fail "version installée"
for file in opt/vitrail/vitrail usr/share/applications/vitrail.desktop \
            usr/share/icons/hicolor/256x256/apps/vitrail.png etc/xdg/vitrail/vitrail.ini; do
  [ -e "$target/$file" ] || fail "/$file absent après installation"
done
[ "$(readlink -f "$target/usr/bin/vitrail")" = "$target/opt/vitrail/vitrail" ] || fail "/usr/bin/vitrail"
grep -q '^Exec=/usr/bin/vitrail$' "$target/usr/share/applications/vitrail.desktop" || fail "entrée de bureau"
dpkg-query --admindir="$target/var/lib/dpkg" -W -f='${Conffiles}' vitrail | grep -q /etc/xdg/vitrail/vitrail.ini \
  || fail "vitrail.ini n'est pas un conffile"

step "test de fumée depuis la copie installée"
run_isolated "$target/usr/bin/vitrail" --smoke-test || fail "test de fumée de la copie installée"

step "mise à niveau sur place vers $version+ci2"
# IT points the workstation at the board's server; the upgrade must keep that edit.
board_url="postgresql://secretariat@db.exemple.qc.ca/vitrail"
sed -i "s|^# database_url = .*|database_url = $board_url|" "$target/etc/xdg/vitrail/vitrail.ini"
dpkg_root -i "$deb2"
[ "$(dpkg-query --admindir="$target/var/lib/dpkg" -W -f='${Version}' vitrail)" = "$version+ci2" ] || fail "version après mise à niveau"
[ "$(dpkg-query --admindir="$target/var/lib/dpkg" -W -f='${Status}' vitrail)" = "install ok installed" ] || fail "état après mise à niveau"
shown=$(VITRAIL_XDG_CONFIG_DIRS="$target/etc/xdg" run_isolated "$target/usr/bin/vitrail" config show --json)
echo "$shown" | "$python" -c "
import json, sys
value = json.load(sys.stdin)['valeurs']['database_url']
assert value['valeur'] == '$board_url', value
assert value['provenance'] == '$target/etc/xdg/vitrail/vitrail.ini', value
" || fail "la configuration de l'informatique n'a pas survécu à la mise à niveau"
echo "mise à niveau : $version -> $version+ci2, vitrail.ini modifié conservé et lu par l'application installée"

step "désinstallation"
dpkg_root -r vitrail
[ ! -e "$target/opt/vitrail" ] && [ ! -e "$target/usr/bin/vitrail" ] || fail "fichiers restants après retrait"
[ -f "$target/etc/xdg/vitrail/vitrail.ini" ] || fail "vitrail.ini supprimé par un simple retrait"
dpkg_root -P vitrail
[ ! -e "$target/etc/xdg/vitrail/vitrail.ini" ] || fail "vitrail.ini resté après purge"

step "MSI (charge utile FACTICE : le programme Windows se construit sur Windows)"
placeholder=$out/msi-placeholder-payload
mkdir -p "$placeholder/_internal/resources"
for exe in vitrail.exe vitrail-cli.exe; do
  echo "PLACEHOLDER: not a Windows program. Real payload: build_windows.ps1 on Windows." > "$placeholder/$exe"
done
cp -r resources/policy resources/icons "$placeholder/_internal/resources/"
msi_version=$(echo "$version" | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+')
msi_newer=$(echo "$msi_version" | awk -F. '{print $1"."$2"."$3+1}')
msi1=$out/vitrail-$msi_version-PLACEHOLDER-PAYLOAD.msi
msi2=$out/vitrail-$msi_newer-PLACEHOLDER-PAYLOAD.msi
"$here/build_msi.sh" "$placeholder" "$msi_version" "$msi1"
"$here/build_msi.sh" "$placeholder" "$msi_newer" "$msi2"
"$python" "$here/check_msi.py" "$msi1" "$msi_version"
"$python" "$here/check_msi.py" "$msi2" "$msi_newer" --older "$msi1"

step "réussi"
ls -sh "$out"/*.deb "$out"/*.msi
