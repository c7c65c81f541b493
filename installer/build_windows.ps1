# Build Vitrail's Windows program on a Windows build machine (not runnable on Linux CI).
#
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1 [-Python py] [-OutDir build\installer]
#
# Needs: 64-bit Windows 10/11 or Server 2019+, Python 3.11 x64 (python.org installer or
# `winget install Python.Python.3.11`), Git. Steps:
#   1. a clean virtual environment with Vitrail and its `installer` extra (PyInstaller);
#   2. PyInstaller with the committed spec -> dist\vitrail\ (vitrail.exe windowed,
#      vitrail-cli.exe console, _internal\);
#   3. the smoke test from the frozen copy (vitrail-cli.exe --smoke-test) — must exit 0;
#   4. a zip of dist\vitrail, to be copied to the Linux build host, where
#      `installer/build_msi.sh <unzipped folder> <version> vitrail-<version>.msi` makes the MSI
#      with the same wixl template that CI checks (Windows has no wixl; WiX 3's candle/light
#      also accept installer\vitrail.wxs + a heat-generated payload.wxs, see README.md).
# Optionally signs the executables with signtool when -CertificateThumbprint is given (the
# board's code-signing certificate in the machine store): unsigned programs draw SmartScreen
# and antivirus warnings.
param(
    [string]$Python = "py -3.11",
    [string]$OutDir = "build\installer",
    [string]$CertificateThumbprint = ""
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Venv = Join-Path $OutDir "venv"

Write-Host "== environnement Python ($Venv)"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
Invoke-Expression "$Python -m venv `"$Venv`""
$Py = Join-Path $Venv "Scripts\python.exe"
& $Py -m pip install --quiet --upgrade pip
& $Py -m pip install --quiet ".[installer]"
if ($LASTEXITCODE -ne 0) { throw "pip install a échoué" }
# keyrings.alt must never ship: installed, it becomes the (plain-text) default keyring.
& $Py -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('keyrings') is not None)"
if ($LASTEXITCODE -ne 0) { throw "keyrings.alt est installé dans l'environnement de construction" }
$Version = (& $Py -c "import desktop; print(desktop.__version__)").Trim()

Write-Host "== PyInstaller (Vitrail $Version)"
& $Py -m PyInstaller --noconfirm --clean --distpath (Join-Path $OutDir "dist") `
    --workpath (Join-Path $OutDir "work") installer\vitrail.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller a échoué" }
$Bundle = Join-Path $OutDir "dist\vitrail"
$Size = (Get-ChildItem -Recurse $Bundle | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("Bundle : {0} ({1:N0} Mo)" -f $Bundle, $Size)

if ($CertificateThumbprint) {
    Write-Host "== signature"
    foreach ($exe in "vitrail.exe", "vitrail-cli.exe") {
        signtool sign /sha1 $CertificateThumbprint /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 (Join-Path $Bundle $exe)
        if ($LASTEXITCODE -ne 0) { throw "signtool a échoué pour $exe" }
    }
}

Write-Host "== test de fumée depuis le bundle"
$env:QT_QPA_PLATFORM = "offscreen"
& (Join-Path $Bundle "vitrail-cli.exe") --smoke-test
if ($LASTEXITCODE -ne 0) { throw "le test de fumée a échoué" }
Remove-Item Env:\QT_QPA_PLATFORM

Write-Host "== archive pour la construction du MSI"
$Zip = Join-Path $OutDir "vitrail-windows-bundle-$Version.zip"
if (Test-Path $Zip) { Remove-Item $Zip }
Compress-Archive -Path (Join-Path $Bundle "*") -DestinationPath $Zip
Write-Host "Archive : $Zip"
Write-Host "Sur l'hôte Linux : unzip -q $(Split-Path -Leaf $Zip) -d vitrail-win && installer/build_msi.sh vitrail-win $Version vitrail-$Version.msi"
