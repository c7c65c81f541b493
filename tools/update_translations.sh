#!/usr/bin/env bash
# Extract every tr() string of the views into the .ts sources (French is the source language),
# then compile the .qm files the application loads for other locales.
set -euo pipefail
cd "$(dirname "$0")/.."
pyside6-lupdate desktop/views/*.py desktop/app.py -source-language fr_CA -target-language en_CA \
  -ts resources/translations/vitrail_en.ts
pyside6-lrelease resources/translations/vitrail_en.ts -qm resources/translations/vitrail_en.qm
