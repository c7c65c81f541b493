#!/usr/bin/env bash
# Build Vitrail's Windows Installer package with wixl (Debian's msitools) from a payload folder.
#
#   installer/build_msi.sh PAYLOAD_DIR VERSION OUTPUT.msi
#
# PAYLOAD_DIR is the PyInstaller folder built ON WINDOWS by installer/build_windows.ps1
# (dist\vitrail: vitrail.exe, vitrail-cli.exe, _internal\). Linux CI passes a placeholder
# folder instead (see ci.sh): it checks the package's tables, not the Windows program.
#
# After wixl, msibuild adds what wixl cannot express: the Component conditions (a policy value is
# written only when IT gave it) and SecureCustomProperties (wixl ignores Secure="yes"; without it
# a per-machine install run from a non-elevated client would drop DBURL/SERVERURL).
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage : $0 DOSSIER_CHARGE VERSION SORTIE.msi" >&2
  exit 2
fi
payload=$(realpath "$1")
version=$2
output=$(realpath -m "$3")
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

[ -f "$payload/vitrail.exe" ] || { echo "build_msi : $payload/vitrail.exe introuvable" >&2; exit 2; }
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
  echo "build_msi : la version MSI doit être numérique x.y.z (reçu « $version »)" >&2; exit 2; }

# wixl resolves Source paths relative to the current folder and refuses absolute ones.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$payload" "$work/payload"
cp "$here/vitrail.wxs" "$work/vitrail.wxs"
cp "$root/resources/icons/vitrail.ico" "$work/vitrail.ico"
cd "$work"
find -L payload -type f | LC_ALL=C sort \
  | wixl-heat --var var.SourceDir --directory-ref INSTALLDIR --component-group Payload -p payload/ --win64 \
  > payload.wxs
wixl --arch x64 -D Win64=yes -D Version="$version" -D SourceDir=payload -D IconFile=vitrail.ico \
  -o vitrail.msi vitrail.wxs payload.wxs

msibuild vitrail.msi -q "UPDATE Component SET Condition='DBURL' WHERE Component='PolicyDatabaseUrl'"
msibuild vitrail.msi -q "UPDATE Component SET Condition='SERVERURL' WHERE Component='PolicyServerUrl'"
secure=$(msiinfo export vitrail.msi Property | tr -d '\r' | awk -F'\t' '$1=="SecureCustomProperties"{print $2}')
msibuild vitrail.msi -q "UPDATE Property SET Value='${secure:+$secure;}DBURL;SERVERURL' WHERE Property='SecureCustomProperties'"

mkdir -p "$(dirname "$output")"
mv vitrail.msi "$output"
echo "$output ($(du -h "$output" | cut -f1))"
