#!/usr/bin/env bash
# Freeze Vitrail with PyInstaller (one-folder) from the committed spec, on the current platform.
#
#   installer/build_bundle.sh [OUTPUT_DIR]      (default: build/installer)
#
# Produces OUTPUT_DIR/dist/vitrail/ and prints its size. Needs the `installer` extra
# (pip install -e '.[installer]'). PYTHON may name the interpreter (default python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$(realpath -m "${1:-$root/build/installer}")
python=${PYTHON:-python3}

cd "$root"
# The .ts translation sources are in the repository; the bundle ships the compiled .qm.
lrelease=$(dirname "$(command -v "$python")")/pyside6-lrelease
[ -x "$lrelease" ] || lrelease=$(command -v pyside6-lrelease || true)
if [ -n "$lrelease" ]; then
  "$lrelease" resources/translations/vitrail_en.ts -qm resources/translations/vitrail_en.qm >/dev/null
else
  echo "pyside6-lrelease introuvable : traductions non compilées" >&2
fi
"$python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$out/dist" --workpath "$out/work" installer/vitrail.spec
echo "Bundle : $out/dist/vitrail ($(du -sh "$out/dist/vitrail" | cut -f1), $(find "$out/dist/vitrail" -type f | wc -l) fichiers)"
