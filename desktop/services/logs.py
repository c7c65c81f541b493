"""Vitrail's log file: what support reads when something went wrong on a workstation.

One file, ``vitrail.log``, in the user's log folder (platformdirs: ``~/.local/state/vitrail/log``
on Linux, ``%LOCALAPPDATA%\\Vitrail\\vitrail\\Logs`` on Windows), rotated at 1 MB with five old
files kept. ``start_logging()`` opens it and writes one line saying which Vitrail runs where
(version, Python, platform, OS user, workstation). ``install_excepthooks()`` sends any exception
nobody caught, in the main thread or in another one, to the log with its traceback; the person at
the screen gets one French sentence naming the log instead of a traceback (``set_error_presenter``
lets the window show it in a dialog).

Nothing personal or secret reaches the file: ``RedactingFilter`` replaces NIPs, passwords (in a
URL or as ``password=…``) and email addresses by placeholders, in messages and tracebacks alike.
The data changes themselves are not logged here: they are in the database's audit log.
"""

from __future__ import annotations

import contextlib
import logging
import platform
import re
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import cast

import platformdirs

from desktop import __version__
from desktop.services.accounts.nip_shape import ALPHABET, GROUP, LENGTH
from desktop.services.audit import Actor
from desktop.services.config import APP_AUTHOR, APP_NAME

LOG_FILE_NAME = "vitrail.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s : %(message)s"

NIP_PLACEHOLDER = "[NIP]"
PASSWORD_PLACEHOLDER = "[mot de passe]"
EMAIL_PLACEHOLDER = "[courriel]"

logger = logging.getLogger("vitrail")
logger.addHandler(logging.NullHandler())  # without a log file, nothing falls back to stderr

# A NIP as printed (K7QM-3XHP-9TWA, or with spaces) or as typed (any case, with or without hyphens).
# A word of twelve letters that happens to use only NIP symbols is masked too: better a word lost
# from a log than a NIP kept in it.
_SYMBOL = f"[{ALPHABET}]"
_BLOCK = f"{_SYMBOL}{{{GROUP}}}"
_MORE_BLOCKS = LENGTH // GROUP - 1
_NIP_PRINTED = re.compile(rf"(?<!\w){_BLOCK}(?:[-\s]?{_BLOCK}){{{_MORE_BLOCKS}}}(?!\w)")
_NIP_TYPED = re.compile(rf"(?<!\w){_BLOCK}(?:-?{_BLOCK}){{{_MORE_BLOCKS}}}(?!\w)", re.IGNORECASE)
# scheme://user:secret@host
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)[^\s@/]+(?=@)")
# password=secret, "password": "secret", mot de passe : secret
_KEYED_PASSWORD = re.compile(
    r"(?P<key>\b(?:password|passwd|pwd|mot[ _]de[ _]passe)['\"]?\s*[=:]\s*)"
    r"(?:'[^']*'|\"[^\"]*\"|[^\s&;,'\")\]}]+)", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")


def redact(text: str) -> str:
    """``text`` with every NIP, password and email address replaced by a placeholder."""
    text = _URL_PASSWORD.sub(rf"\g<head>{PASSWORD_PLACEHOLDER}", text)
    text = _KEYED_PASSWORD.sub(rf"\g<key>{PASSWORD_PLACEHOLDER}", text)
    text = _EMAIL.sub(EMAIL_PLACEHOLDER, text)
    text = _NIP_PRINTED.sub(NIP_PLACEHOLDER, text)
    return _NIP_TYPED.sub(NIP_PLACEHOLDER, text)


class RedactingFilter(logging.Filter):
    """Masks NIPs, passwords and emails in a record's message, traceback and stack before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _LogFile(RotatingFileHandler):
    """A rotating file that keeps writing when it cannot rotate (another Vitrail holds it on Windows)."""

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        # FileHandler.emit reopens the current file in append mode; rotation is retried later.
        with contextlib.suppress(OSError):
            super().doRollover()


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def log_file() -> Path:
    """Where Vitrail writes its log on this workstation, for this user."""
    return log_dir() / LOG_FILE_NAME


_handler: _LogFile | None = None


def start_logging() -> Path | None:
    """Send Vitrail's log to the user's log file and write the start line; the file, or None if it
    cannot be written (the application runs anyway). Calling it again reuses the open file, unless
    the user's log folder changed (tests)."""
    global _handler
    path = log_file()
    if _handler is None or Path(_handler.baseFilename) != path.absolute():
        stop_logging()
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # other users of the machine: no access
            handler = _LogFile(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        except OSError:
            return None
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(RedactingFilter())
        logging.getLogger().addHandler(handler)
        _handler = handler
    logger.setLevel(logging.INFO)
    actor = Actor.current()
    logger.info("Vitrail %s démarré — Python %s, %s — %s sur le poste %s", __version__, platform.python_version(),
                platform.platform(), actor.os_user, actor.workstation)
    return path


def stop_logging() -> None:
    """Close the log file (end of a test; nothing needs it in the application)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def current_log_file() -> Path | None:
    """The file the log is being written to, or None before ``start_logging`` (or if it failed)."""
    return Path(_handler.baseFilename) if _handler is not None else None


def unexpected_error_line(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """The one sentence a person gets instead of a traceback (the details are in the log)."""
    path = current_log_file()
    if path is None:
        return redact(f"erreur inattendue ({exc_type.__name__} : {exc}) ; le journal n'a pas pu être écrit "
                      f"dans {log_dir()}.")
    return f"erreur inattendue ; les détails sont dans le journal {path}."


ErrorPresenter = Callable[[str], None]
_ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
_presenter: ErrorPresenter | None = None


def set_error_presenter(presenter: ErrorPresenter | None) -> None:
    """Have ``presenter`` tell the person about an unexpected error (a dialog, in the window).

    It receives a French message naming the log. The thread hook calls it from the failing
    thread: a Qt presenter must hand the message over to the GUI thread itself.
    """
    global _presenter
    _presenter = presenter


def log_unexpected(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None,
                   where: str) -> None:
    """Write an exception nobody caught to the log, with its traceback; then tell the person."""
    # exc is None only for a thread hook's odd cases; logging formats (type, None, tb) all the same.
    logger.critical("Erreur inattendue (%s)", where, exc_info=cast("_ExcInfo", (exc_type, exc, tb)))
    if sys.stderr is not None:  # None in a windowed Windows program
        print(f"vitrail : {unexpected_error_line(exc_type, exc)}", file=sys.stderr)
    presenter = _presenter
    if presenter is not None:
        try:
            presenter(f"Vitrail a rencontré une {unexpected_error_line(exc_type, exc)}")
        except Exception:
            logger.exception("Impossible d'afficher l'erreur inattendue")


def _main_thread_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log_unexpected(exc_type, exc, tb, "fil principal")


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if issubclass(args.exc_type, SystemExit):  # as threading's own hook: a thread may exit quietly
        return
    name = args.thread.name if args.thread is not None else "inconnu"
    log_unexpected(args.exc_type, args.exc_value, args.exc_traceback, f"fil « {name} »")


def install_excepthooks() -> None:
    """Log every uncaught exception (``sys.excepthook``, ``threading.excepthook``) instead of printing it."""
    sys.excepthook = _main_thread_hook
    threading.excepthook = _thread_hook
