"""Sending a PDF to a printer as a PDF: text stays text, Letter at 100 %.

Rasterising each page (what Qt's QPrinter path does) turned an 8-page, 60 KB dossier into an
8.8 MB spool of 300-dpi images, ten times slower in CUPS and shrunk to fit the printable area
(94–97 %). CUPS (Linux, macOS) accepts PDF natively and renders it at the printer's own
resolution, so where it runs the PDF itself is handed to ``lp``, with the paper size and the
scale said explicitly instead of left to the queue's defaults: ``media=Letter``, and no
fit-to-page (``fit-to-page=false``, ``print-scaling=none``) unless the person asked for it.

Where there is no CUPS (Windows), the print dialog falls back to drawing the pages through
QPrinter at the printer's resolution (desktop/views/print_dialog.py). No Qt here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.services.errors import VitrailError

# IPP media names CUPS understands for the paper sizes a school office uses.
MEDIA = {"Letter": "Letter", "Legal": "Legal", "A4": "A4"}
_TIMEOUT = 30  # seconds: lp only queues the job, it never waits for the paper
_REQUEST_ID = re.compile(r"request id is (\S+)")


class PrintFailed(VitrailError):
    """The print system refused the job; the message says why, in French."""


@dataclass(frozen=True)
class PrintOptions:
    """What the person chose; the defaults are a school's: Letter, 100 %, one copy."""

    paper: str = "Letter"
    fit_to_page: bool = False
    copies: int = 1
    duplex: bool = False


@dataclass(frozen=True)
class PrintJob:
    """A job queued in CUPS: ``job_id`` as ``lp`` reported it (e.g. "PDF-12")."""

    queue: str
    job_id: str


def cups_available() -> bool:
    """True when CUPS's ``lp`` and ``lpstat`` exist and the scheduler answers."""
    if not (shutil.which("lp") and shutil.which("lpstat")):
        return False
    try:
        answer = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, timeout=5, check=False,
                                env=_c_locale())
    except (OSError, subprocess.TimeoutExpired):
        return False
    return answer.returncode == 0 and "not running" not in answer.stdout


def cups_queues() -> list[str]:
    """The print queues CUPS offers (``lpstat -e``), in its order; empty without CUPS."""
    if not shutil.which("lpstat"):
        return []
    try:
        answer = subprocess.run(["lpstat", "-e"], capture_output=True, text=True, timeout=5, check=False,
                                env=_c_locale())
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line.strip() for line in answer.stdout.splitlines() if line.strip()] if answer.returncode == 0 else []


def lp_command(pdf: Path, queue: str, options: PrintOptions, title: str) -> list[str]:
    """The ``lp`` command line for ``pdf`` (kept separate so a test can read what is asked)."""
    media = MEDIA.get(options.paper, options.paper)
    command = ["lp", "-d", queue, "-t", title, "-n", str(max(1, options.copies)), "-o", f"media={media}"]
    if options.fit_to_page:
        command += ["-o", "fit-to-page=true", "-o", "print-scaling=fit"]
    else:
        command += ["-o", "fit-to-page=false", "-o", "print-scaling=none"]
    command += ["-o", "sides=two-sided-long-edge" if options.duplex else "sides=one-sided"]
    return [*command, "--", str(pdf)]


def print_pdf_with_cups(data: bytes, queue: str, options: PrintOptions | None = None,
                        title: str = "Vitrail") -> PrintJob:
    """Queue the PDF ``data`` on CUPS queue ``queue`` as a PDF; raises ``PrintFailed`` in French."""
    options = options or PrintOptions()
    handle, name = tempfile.mkstemp(prefix="vitrail-", suffix=".pdf")
    path = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        try:
            answer = subprocess.run(lp_command(path, queue, options, title), capture_output=True, text=True,
                                    timeout=_TIMEOUT, check=False, env=_c_locale())
        except subprocess.TimeoutExpired:
            raise PrintFailed(f"Le système d'impression n'a pas répondu en {_TIMEOUT} s : "
                              "rien n'a été imprimé.") from None
        except OSError as exc:
            raise PrintFailed(f"Impossible de lancer l'impression : {exc.strerror or exc}.") from exc
    finally:
        path.unlink(missing_ok=True)  # lp has copied the file into the spool by the time it returns
    if answer.returncode != 0:
        reason = (answer.stderr or answer.stdout).strip().removeprefix("lp: ")
        raise PrintFailed(f"L'imprimante « {queue} » a refusé le document : {reason or 'raison inconnue'}.")
    found = _REQUEST_ID.search(answer.stdout)
    return PrintJob(queue, found.group(1) if found else "")


def _c_locale() -> dict[str, str]:
    """CUPS's messages in English, so their shape can be read ("request id is …")."""
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}
