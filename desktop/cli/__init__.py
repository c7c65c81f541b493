"""The ``vitrail`` executable: no command opens the GUI; a command runs it (same services as the GUI).

Each area of the application has its own module here with ``register(subparsers)`` adding its
commands; a command function takes the parsed arguments and a ``Context`` and returns an exit
code. Every ``VitrailError`` becomes a French message on stderr and exit code 2 (3 for a missing right,
``AccessDenied``) — never a traceback;
so does a database fault (a read-only, damaged, full or locked file, a server gone: see
``desktop.services.failures``), and an argument that is not UTF-8 text is refused before
anything opens. SIGTERM unwinds a command like Ctrl+C (its files removed) and exits 143.
Any other exception is a bug or a broken installation: its traceback goes to the log file
(``desktop.services.logs``), the person gets one French line naming that file, and exit code 1.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from desktop import __version__
from desktop.cli.context import Context
from desktop.services.clock import SYSTEM_CLOCK, Clock
from desktop.services.errors import AccessDenied, VitrailError
from desktop.services.failures import describe_failure
from desktop.services.logs import install_excepthooks, log_unexpected, logger, start_logging
from desktop.services.outputs import OutputExists

# One module per area; each defines register(subparsers).
COMMAND_MODULES = (
    "desktop.cli.gui",
    "desktop.cli.config",
    "desktop.cli.demo",
    "desktop.cli.students",
    "desktop.cli.printing",
    "desktop.cli.preview",
    "desktop.cli.settings",
    "desktop.cli.accounts",
    "desktop.cli.sync",
    "desktop.cli.access",
    "desktop.cli.audit",
    "desktop.cli.db",
    "desktop.cli.audit_list",
)

# Exit codes a script can tell apart: bad input or a refused operation 2, a missing right 3.
EXIT_REFUSED = 2
EXIT_ACCESS_DENIED = 3


# argparse's own sentences, in French. argparse looks them up through gettext at call time
# (module-level ``_``), so pointing that lookup here translates help and errors alike.
_ARGPARSE_FRENCH = {
    "usage: ": "usage : ",
    "positional arguments": "commandes",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "show program's version number and exit": "affiche la version et quitte",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "un des arguments %s est obligatoire",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}
argparse._ = lambda text: _ARGPARSE_FRENCH.get(text, text)  # type: ignore[attr-defined]


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse whose errors exit with code 2 and a French message (see ``_ARGPARSE_FRENCH``)."""


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="vitrail",
        description="Vitrail — le poste du secrétariat d'école. Sans commande : ouvre l'application.",
    )
    parser.add_argument("--version", action="version", version=f"vitrail {__version__}")
    parser.add_argument("--db", metavar="URL", help="base de données (sqlite:///… ou postgresql://…)")
    parser.add_argument("--demo", action="store_true",
                        help="ouvre l'application sur une base de démonstration (créée au premier usage)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="vérifie l'installation et ce poste (base configurée, affichage, trousseau) et quitte")
    parser.add_argument("--smoke-display", action="store_true", help=argparse.SUPPRESS)  # the smoke test's child
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Run one command (or the GUI). ``clock`` is the application's one "now" (pinned by tests)."""
    start_logging()
    install_excepthooks()
    argv = list(sys.argv[1:] if argv is None else argv)
    refusal = _unreadable_argument(argv)
    if refusal:
        print(f"vitrail : {refusal}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    command = _command_name(args)
    context = Context(cli_database_url=args.db, clock=clock)
    try:
        return _dispatch(args, context)
    except VitrailError as exc:
        logger.warning("%s refusé : %s", command, exc)
        hint = " Ajoutez --force pour le remplacer." if isinstance(exc, OutputExists) else ""
        print(f"vitrail : {exc}{hint}", file=sys.stderr)
        return EXIT_ACCESS_DENIED if isinstance(exc, AccessDenied) else EXIT_REFUSED
    except KeyboardInterrupt:
        print("vitrail : interrompu.", file=sys.stderr)
        return 130
    except Terminated:
        logger.warning("%s arrêté par un signal de fin (SIGTERM)", command)
        print("vitrail : arrêté (signal de fin) ; le travail en cours a été annulé et ses fichiers retirés.",
              file=sys.stderr)
        return 128 + signal.SIGTERM
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. ``| head``): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except Exception as exc:  # noqa: BLE001 - a fault told in French, or a bug logged with its traceback
        failure = describe_failure(exc)
        if failure.expected:  # a database fault (read-only or damaged file, server gone): nothing was changed
            logger.warning("%s : panne de la base de données : %s", command, exc)
            print(f"vitrail : {failure.message}", file=sys.stderr)
            return 2
        log_unexpected(type(exc), exc, exc.__traceback__, command)
        return 1
    finally:
        context.close()


def _dispatch(args: argparse.Namespace, context: Context) -> int:
    if args.smoke_test:
        from desktop.cli.smoke import run_smoke_test
        return run_smoke_test(context=context)
    if args.smoke_display:
        from desktop.cli.smoke import run_display_probe
        return run_display_probe()
    if args.command is None:
        from desktop.cli.gui import open_gui
        return open_gui(args, context)
    if args.command == "gui":
        return int(args.run(args, context))
    with _sigterm_unwinds():
        return int(args.run(args, context))


def _unreadable_argument(argv: Sequence[str]) -> str | None:
    """Why an argument cannot be taken, or None: bytes that are not UTF-8, or a NUL character.

    Python hands undecodable bytes over as lone surrogates; they would fail later, deep inside
    the database driver, the log or the terminal. Refused here, before anything is opened.
    """
    for position, argument in enumerate(argv, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            return (f"l'argument n° {position} (« {shown} ») contient des octets qui ne sont pas du texte UTF-8 : "
                    "retapez-le, ou renommez le fichier qu'il désigne.")
        if "\0" in argument:
            return f"l'argument n° {position} contient un caractère nul."
    return None


class Terminated(BaseException):
    """SIGTERM arrived (a logout, ``kill``, a scheduler's timeout): unwinds like Ctrl+C.

    Raised in the main thread by the handler below, so every ``finally`` and ``except
    BaseException`` on the way runs: a batch removes its staging folder or ``.part`` file, a
    transaction rolls back. Not an ``Exception``: nothing may swallow it as an ordinary error.
    """


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While a command runs, SIGTERM raises ``Terminated`` (a second one during cleanup is ignored).

    Python's default is to die at once on SIGTERM, leaving a batch's personal data behind. Only
    the main thread can install a handler; elsewhere (a test's worker thread) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(_signum: int, _frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # let the cleanup finish
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _command_name(args: argparse.Namespace) -> str:
    """``vitrail nip issue``, ``vitrail`` (the window)… as the log names what was running."""
    if args.smoke_test:
        return "vitrail --smoke-test"
    words = ["vitrail"]
    if args.command is not None:
        words.append(args.command)
        words += [value for key, value in vars(args).items()
                  if key.endswith("_command") and key != "command" and isinstance(value, str)]
    return " ".join(words)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
