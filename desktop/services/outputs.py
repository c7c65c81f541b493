"""Files Vitrail writes for a person: dossiers, batches, NIP letters, the visibility document, CSV exports.

Every one of them holds personal data, so every writer goes through here and gets the same
three promises:

- **Refused in French, before anything is done**: a folder given as a file name, a folder that
  does not exist or cannot be written, a file that exists and must not be replaced silently
  (``OutputExists``: the window's save dialog has already asked; the command line wants
  ``--force``). An ``OSError`` on the way becomes a French sentence (``describe_os_error``):
  never the system's English text.
- **Never half-written, never left behind**: a file is written under a staging name in its
  destination folder and renamed into place at the end; a batch of files is written into a
  staging folder there. Staging names say who made them — ``.vitrail-<pid>-<poste>-…`` — so
  that when a run is killed outright (SIGKILL, a power cut) the next run writing to that folder
  removes what that dead process left (``remove_stale_staging``), and never what a live one, or
  another workstation sharing the folder, is still writing.
- **Private**: files ``0600`` and the folders Vitrail creates ``0700`` (POSIX). On Windows a
  file takes the access rules of its folder, and the user's profile, where Vitrail's own files
  live, is already private to that user; the modes below are then what Python makes of them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop.services.errors import InvalidInput

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
STAGING_SUFFIX = ".part"

# What the system says, in French: the errors a person can meet writing a file or opening a database.
FRENCH_STRERROR = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENOSPC: "plus d'espace libre sur le disque",
    errno.EROFS: "disque ou partage en lecture seule",
    errno.EDQUOT: "quota d'espace disque dépassé",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EEXIST: "le fichier existe déjà",
    errno.EIO: "erreur de lecture ou d'écriture sur le disque",
    errno.EBUSY: "fichier ou dossier occupé",
    errno.EINVAL: "nom de fichier invalide",
    errno.ELOOP: "trop de liens symboliques",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.EXDEV: "déplacement impossible entre deux disques",
}


class OutputExists(InvalidInput):
    """The file to write exists: replaced only when the person said so."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


def describe_os_error(exc: OSError) -> str:
    """The reason of ``exc`` in French (never the system's English text)."""
    if exc.errno in FRENCH_STRERROR:
        return FRENCH_STRERROR[exc.errno]
    winerror = getattr(exc, "winerror", None)
    if winerror == 32:  # ERROR_SHARING_VIOLATION: open in another program (a PDF reader)
        return "fichier ouvert dans un autre programme"
    return f"erreur du système (code {exc.errno if exc.errno is not None else winerror or '?'})"


def write_refused(path: Path, exc: OSError, consequence: str = "") -> InvalidInput:
    """The refusal for an ``OSError`` met while writing ``path``."""
    return InvalidInput(f"Impossible d'écrire « {path} » : {describe_os_error(exc)}." + (f" {consequence}"
                                                                                         if consequence else ""))


def check_output_file(path: str | os.PathLike[str], *, suffix: str | None = ".pdf", overwrite: bool = True,
                      what: str = "le fichier") -> Path:
    """``path`` checked as a file to write: right suffix, not a folder, in a writable folder, and
    not an existing file unless ``overwrite``. Returns it as a ``Path``; refuses in French."""
    target = Path(path)
    if target.is_dir():
        raise InvalidInput(f"« {target} » est un dossier : indiquez le nom du fichier à y écrire "
                           f"(par exemple « {target / ('document' + (suffix or ''))} »).")
    if suffix and target.suffix.lower() != suffix:
        raise InvalidInput(f"Le nom de {what} « {target} » doit se terminer par {suffix}.")
    check_output_folder(target.parent)
    if target.exists() or target.is_symlink():
        if not overwrite:
            raise OutputExists(target, f"« {target} » existe déjà : il n'a pas été remplacé.")
        if not os.access(target, os.W_OK):
            raise InvalidInput(f"Impossible de remplacer « {target} » : {FRENCH_STRERROR[errno.EACCES]}.")
    return target


def check_output_folder(folder: str | os.PathLike[str]) -> Path:
    """``folder`` checked as an existing folder this user can write into."""
    folder = Path(folder)
    if not folder.is_dir():
        if folder.exists():
            raise InvalidInput(f"« {folder} » n'est pas un dossier.")
        raise InvalidInput(f"Le dossier « {folder} » n'existe pas.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput(f"Impossible d'écrire dans le dossier « {folder} » : {FRENCH_STRERROR[errno.EACCES]}.")
    return folder


def make_private(path: str | os.PathLike[str]) -> None:
    """``chmod 600`` a file (``700`` a folder) that holds personal data; nothing on Windows."""
    if sys.platform == "win32":  # the folder's ACL decides (see the module docstring)
        return
    os.chmod(path, PRIVATE_FOLDER if Path(path).is_dir() else PRIVATE_FILE)


def private_folder(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` (and its parents) if missing; the folders created here are ``0700``."""
    folder = Path(folder)
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    for created in missing:  # mkdir's mode is masked by the umask and only applies to the last one
        with contextlib.suppress(OSError):
            make_private(created)
    return folder


# --------------------------------------------------------------------------- staging names

def _workstation() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "poste"


def staging_prefix() -> str:
    """``.vitrail-<pid>-<poste>-``: hidden, and naming the process that owns the entry."""
    return f".vitrail-{os.getpid()}-{_workstation()}-"


_STAGING = re.compile(r"^\.vitrail-(?P<pid>\d+)-(?P<host>[A-Za-z0-9]*)-")


def process_alive(pid: int) -> bool:
    """True if process ``pid`` runs on this machine (True when unsure: better keep than delete)."""
    if pid <= 0:
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


if sys.platform == "win32":
    def _windows_process_alive(pid: int) -> bool:
        """OpenProcess + GetExitCodeProcess (``os.kill`` would terminate the process on Windows)."""
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        process_query_limited_information, still_active, access_denied = 0x1000, 259, 5
        handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
        if not handle:
            return bool(ctypes.get_last_error() == access_denied)  # it exists: someone else's
        try:
            code = ctypes.c_ulong()
            return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == still_active
        finally:
            kernel32.CloseHandle(handle)


def remove_stale_staging(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the staging files and folders a killed Vitrail of this workstation left in ``folder``.

    Only entries named by ``staging_prefix`` whose process has ended are removed; any error is
    ignored (the next run tries again). Returns what was removed.
    """
    removed: list[Path] = []
    host = _workstation()
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _STAGING.match(entry.name)
        if match is None or match["host"] != host:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or process_alive(pid):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue
        removed.append(entry)
    return removed


@contextlib.contextmanager
def staged_file(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A private temporary file beside ``target``, renamed to ``target`` when the block succeeds.

    On any exception (a failed write, Ctrl+C, SIGTERM turned into an exception) the temporary file
    is removed and ``target`` is untouched. ``OSError`` becomes a French ``InvalidInput``.
    """
    target = Path(target)
    remove_stale_staging(target.parent)
    try:
        handle, name = tempfile.mkstemp(prefix=staging_prefix(), suffix=STAGING_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise write_refused(target, exc) from exc
    os.close(handle)
    temporary = Path(name)  # mkstemp creates it 0600
    try:
        yield temporary
        make_private(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise write_refused(target, exc) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def staging_folder(directory: str | os.PathLike[str]) -> Path:
    """A private (0700) staging folder inside ``directory``; the caller removes it."""
    remove_stale_staging(directory)
    try:
        return Path(tempfile.mkdtemp(prefix=staging_prefix(), dir=directory))
    except OSError as exc:
        raise write_refused(Path(directory), exc) from exc
