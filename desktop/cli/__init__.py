"""The ``vitrail`` executable: no command opens the GUI; a command runs it (same services as the GUI).

Each area of the application has its own module here with ``register(subparsers)`` adding its
commands; a command function takes the parsed arguments and a ``Context`` and returns an exit
code. Every ``VitrailError`` becomes a French message on stderr and exit code 2 — never a traceback.
Any other exception is a bug or a broken installation: its traceback goes to the log file
(``desktop.services.logs``), the person gets one French line naming that file, and exit code 1.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli.context import Context
from desktop.services.clock import SYSTEM_CLOCK, Clock
from desktop.services.errors import VitrailError
from desktop.services.logs import install_excepthooks, log_unexpected, logger, start_logging

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
)


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
                        help="vérifie l'installation (fenêtre hors écran sur une petite base de démonstration) et quitte")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Run one command (or the GUI). ``clock`` is the application's one "now" (pinned by tests)."""
    start_logging()
    install_excepthooks()
    parser = build_parser()
    args = parser.parse_args(argv)
    command = _command_name(args)
    context = Context(cli_database_url=args.db, clock=clock)
    try:
        if args.smoke_test:
            from desktop.cli.smoke import run_smoke_test
            return run_smoke_test()
        if args.command is None:
            from desktop.cli.gui import open_gui
            return open_gui(args, context)
        return args.run(args, context)
    except VitrailError as exc:
        logger.warning("%s refusé : %s", command, exc)
        print(f"vitrail : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vitrail : interrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. ``| head``): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug: logged with its traceback, one French line for the person
        log_unexpected(type(exc), exc, exc.__traceback__, command)
        return 1
    finally:
        context.close()


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
