#!/usr/bin/env bash
# Build the Debian package from a frozen Linux bundle.
#
#   installer/build_deb.sh BUNDLE_DIR VERSION OUTPUT.deb
#
# Layout: /opt/vitrail (the PyInstaller folder), /usr/bin/vitrail (relative symlink),
# /usr/share/applications/vitrail.desktop, the icon in hicolor, and /etc/xdg/vitrail/vitrail.ini
# (a conffile: IT's edits survive upgrades). Depends is derived from the bundle itself: every
# shared library the bundle needs but does not carry must map to a Debian package below, or the
# build stops — so a new Qt plugin cannot silently add an undeclared dependency. The glibc it
# needs is read the same way (the newest GLIBC_x.y symbol version any bundled binary asks for)
# and declared as libc6 (>= x.y): a system with an older glibc refuses the package instead of
# failing at launch. /usr/share/doc/vitrail holds the copyright file and changelog Debian
# policy (and lintian) ask of every package.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage : $0 DOSSIER_BUNDLE VERSION SORTIE.deb" >&2
  exit 2
fi
bundle=$(realpath "$1")
version=$2
output=$(realpath -m "$3")
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
[ -x "$bundle/vitrail" ] || { echo "build_deb : $bundle/vitrail introuvable" >&2; exit 2; }

# Libraries the bundle leaves to the system (soname -> Debian 12 package).
declare -A system_package=(
  [libc.so.6]=libc6 [libm.so.6]=libc6 [libdl.so.2]=libc6 [libpthread.so.0]=libc6
  [libresolv.so.2]=libc6 [librt.so.1]=libc6 [libutil.so.1]=libc6 [ld-linux-x86-64.so.2]=libc6
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libOpenGL.so.0]=libopengl0 [libdrm.so.2]=libdrm2
  [libwayland-client.so.0]=libwayland-client0 [libwayland-cursor.so.0]=libwayland-cursor0
  [libwayland-egl.so.1]=libwayland-egl1
  [libxcb.so.1]=libxcb1 [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1
)
# Optional: Qt's GTK theme plugin (native look on GNOME); Qt falls back to its own style without it.
declare -A optional_package=([libgtk-3.so.0]=libgtk-3-0 [libgdk-3.so.0]=libgtk-3-0)
# Qt's xcb platform loads libxcb-cursor at run time (dlopen): not visible in NEEDED.
depends=(libxcb-cursor0)
recommends=()

carried=$(find "$bundle" -name '*.so*' -printf '%f\n' | sort -u)
# The newest glibc symbol version any ELF file of the bundle needs (objdump -T lists them).
glibc=$(find "$bundle" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
  | { xargs -0 objdump -T 2>/dev/null || true; } | { grep -o 'GLIBC_[0-9][0-9.]*' || true; } \
  | sed 's/GLIBC_//' | sort -uV | tail -n 1)
needed=$(find "$bundle" -type f \( -name '*.so*' -o -name vitrail \) -print0 \
  | { xargs -0 objdump -p 2>/dev/null || true; } | awk '/NEEDED/{print $2}' | sort -u)
unknown=()
for soname in $(comm -23 <(echo "$needed") <(echo "$carried")); do
  if [ "${system_package[$soname]:-}" = libc6 ]; then
    :  # declared once below, with the version the bundle needs
  elif [ -n "${system_package[$soname]:-}" ]; then
    depends+=("${system_package[$soname]}")
  elif [ -n "${optional_package[$soname]:-}" ]; then
    recommends+=("${optional_package[$soname]}")
  else
    unknown+=("$soname")
  fi
done
if [ ${#unknown[@]} -gt 0 ]; then
  echo "build_deb : bibliothèques système sans paquet connu : ${unknown[*]} (complétez system_package)" >&2
  exit 1
fi
depends+=("libc6${glibc:+ (>= $glibc)}")
join() { printf '%s\n' "$@" | sort -u | paste -sd, | sed 's/,/, /g'; }

stage=$(mktemp -d)
chmod 755 "$stage"  # the package root becomes /: never 0700
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/icons/hicolor/scalable/apps" \
  "$stage/etc/xdg/vitrail" "$stage/usr/share/doc/vitrail"
cp -a "$bundle" "$stage/opt/vitrail"
# A shared library is mapped, not executed: 0644 (PyInstaller copies them 0755).
find "$stage/opt/vitrail" -type f -name '*.so*' -exec chmod 0644 {} +
ln -s ../../opt/vitrail/vitrail "$stage/usr/bin/vitrail"
cp "$root/resources/icons/vitrail.png" "$stage/usr/share/icons/hicolor/256x256/apps/vitrail.png"
cp "$root/resources/icons/vitrail.svg" "$stage/usr/share/icons/hicolor/scalable/apps/vitrail.svg"
cp "$here/README.md" "$stage/usr/share/doc/vitrail/README.md"
cp "$here/debian/copyright" "$stage/usr/share/doc/vitrail/copyright"
# A native package's changelog: the history kept in the tree, with an entry on top for a build
# of another version (CI's X.Y.Z+ci2).
{
  if [ "$(sed -n '1s/^vitrail (\([^)]*\)).*/\1/p' "$here/debian/changelog")" != "$version" ]; then
    printf 'vitrail (%s) stable; urgency=medium\n\n  * Paquet construit par installer/build_deb.sh.\n\n' "$version"
    printf ' -- Vitrail <informatique@vitrail.invalid>  %s\n\n' "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")"
  fi
  cat "$here/debian/changelog"
} | gzip -9n > "$stage/usr/share/doc/vitrail/changelog.gz"
mkdir -p "$stage/usr/share/lintian/overrides"
cp "$here/debian/lintian-overrides" "$stage/usr/share/lintian/overrides/vitrail"
cat > "$stage/usr/share/applications/vitrail.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Vitrail
Comment=Poste du secrétariat d'école
Exec=/usr/bin/vitrail
Icon=vitrail
Terminal=false
Categories=Office;Education;
DESKTOP
cat > "$stage/etc/xdg/vitrail/vitrail.ini" <<'INI'
# Configuration de Vitrail pour tous les utilisateurs de ce poste (voir /usr/share/doc/vitrail).
# Ordre : valeurs par défaut < ce fichier < réglages de l'utilisateur (~/.config/vitrail/vitrail.ini).
# Jamais de mot de passe ici : chaque utilisateur l'enregistre dans son trousseau avec
# « vitrail config set-password ». Vérifiez le résultat avec « vitrail config show ».
[vitrail]
# database_url = postgresql://secretariat@serveur.exemple.qc.ca/vitrail
# server_url = https://portail.exemple.qc.ca
INI
echo /etc/xdg/vitrail/vitrail.ini > "$stage/DEBIAN/conffiles"
{
  echo "Package: vitrail"
  echo "Version: $version"
  echo "Architecture: amd64"
  echo "Maintainer: Vitrail <informatique@vitrail.invalid>"
  echo "Section: misc"
  echo "Priority: optional"
  echo "Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
  echo "Depends: $(join "${depends[@]}")"
  [ ${#recommends[@]} -eq 0 ] || echo "Recommends: $(join "${recommends[@]}")"
  echo "Description: poste du secrétariat d'école"
  echo " Courriels des répondants, NIP, tuiles du portail, aperçu du dossier selon"
  echo " le rôle. Application autonome (Python et Qt inclus) installée dans"
  echo " /opt/vitrail."
} > "$stage/DEBIAN/control"
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum > DEBIAN/md5sums)

mkdir -p "$(dirname "$output")"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$stage" "$output" >/dev/null
echo "$output ($(du -h "$output" | cut -f1)) — Depends : $(join "${depends[@]}")"
