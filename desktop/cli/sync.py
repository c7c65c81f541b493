"""The board's data in and out: ``vitrail import oneroster``, ``vitrail sync oneroster``, ``vitrail export …``.

``sync oneroster`` reads the configured OneRoster REST server instead of an export; the plan, the
confirmation and the apply are the same (``plan_then_apply``), and so are its options.

``import oneroster PATH`` reads and checks the whole export, prints the plan (what would be added,
changed, deactivated, the conflicts, the corrections to carry back to the SIS, every problem with
its file, line and field), then applies it only when confirmed: ``--yes`` for scripts, otherwise
« Appliquer ? [o/N] » on a terminal; without a terminal and without ``--yes`` it refuses.
``--dry-run`` stops at the plan, ``--json`` prints it (and the result) as JSON. A plan with errors
is never applied (exit code 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.context import Context, print_json
from desktop.services.errors import InvalidInput
from desktop.services.facade import Vitrail
from desktop.services.sync import SPECS, Action, ApplyProgress, ImportPlan, Resolution
from desktop.services.sync.records import WRITE_ORDER
from desktop.services.sync.rest import SOURCE_KIND as REST_SOURCE_KIND
from desktop.services.sync.rest import oneroster_settings

EXAMPLES = 5  # changes shown per kind and action in the text plan (--json has them all)
PROBLEMS_SHOWN = 200


def register(subparsers: argparse._SubParsersAction) -> None:
    register_sync(subparsers)
    importing = subparsers.add_parser("import", help="importe les données du système de gestion des élèves (SIS)")
    sources = importing.add_subparsers(dest="import_command", metavar="SOURCE", required=True,
                                       parser_class=type(importing))
    oneroster = sources.add_parser(
        "oneroster", help="importe un export OneRoster 1.1 ou 1.2 en CSV (.zip ou dossier)",
        description="Lit et vérifie tout l'export, montre ce qui serait ajouté, modifié ou désactivé, puis "
                    "l'applique en une seule transaction après confirmation.")
    oneroster.add_argument("path", metavar="CHEMIN", help="l'export : un fichier .zip ou un dossier de CSV")
    _add_plan_options(oneroster)
    oneroster.set_defaults(run=run_import)
    runs = sources.add_parser("runs", help="les importations appliquées, de la plus récente à la plus ancienne")
    runs.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    runs.set_defaults(run=run_runs)

    exporting = subparsers.add_parser("export", help="exporte le centre de services ou les corrections pour le SIS")
    targets = exporting.add_subparsers(dest="export_command", metavar="QUOI", required=True,
                                       parser_class=type(exporting))
    board = targets.add_parser("oneroster", help="le centre de services en OneRoster 1.2 CSV")
    board.add_argument("target", metavar="DOSSIER", help="dossier à créer (ou fichier .zip)")
    board.add_argument("--board", metavar="CODE", help="seulement ce centre de services")
    board.set_defaults(run=run_export_oneroster)
    corrections = targets.add_parser("corrections",
                                     help="les corrections faites dans Vitrail, à reporter dans le SIS")
    corrections.add_argument("-o", "--output", metavar="FICHIER.csv", help="fichier CSV (défaut : la sortie)")
    corrections.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    corrections.set_defaults(run=run_export_corrections)


def _add_plan_options(parser: argparse.ArgumentParser) -> None:
    """What every import and sync command shares: stop at the plan, confirm, JSON, conflicts."""
    parser.add_argument("--dry-run", action="store_true", help="montre le plan sans rien écrire")
    parser.add_argument("--yes", action="store_true", help="applique sans demander de confirmation (scripts)")
    parser.add_argument("--json", action="store_true", help="le plan (et le résultat) en JSON")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--keep-local", action="store_true",
                        help="pour chaque conflit, garde la valeur de Vitrail (à reporter dans le SIS)")
    choice.add_argument("--take-sis", action="store_true", help="pour chaque conflit, prend la valeur du SIS")
    parser.add_argument("--resolve", metavar="CODE=local|sis", action="append", default=[], type=_resolution,
                        help="tranche un conflit (ex. guardian:379:email=local) ; répétable")


def register_sync(subparsers: argparse._SubParsersAction) -> None:
    syncing = subparsers.add_parser("sync", help="synchronise avec le serveur OneRoster du centre de services")
    sources = syncing.add_subparsers(dest="sync_command", metavar="SOURCE", required=True,
                                     parser_class=type(syncing))
    oneroster = sources.add_parser(
        "oneroster", help="lit le serveur OneRoster 1.2 (REST) configuré et applique ce qui a changé",
        description="Lit le serveur OneRoster configuré (oneroster_url, sinon server_url ; jeton OAuth 2 avec le "
                    "secret du trousseau), montre ce qui serait ajouté, modifié ou désactivé, puis l'applique en une "
                    "seule transaction après confirmation. Par défaut, seulement ce qui a changé depuis la dernière "
                    "synchronisation appliquée (--delta), ou tout la première fois.")
    mode = oneroster.add_mutually_exclusive_group()
    mode.add_argument("--delta", dest="delta", action="store_true", default=None,
                      help="seulement ce qui a changé depuis la dernière synchronisation appliquée")
    mode.add_argument("--full", dest="delta", action="store_false",
                      help="tout relire ; qui n'y est plus est désactivé")
    _add_plan_options(oneroster)
    oneroster.set_defaults(run=run_sync)


def _resolution(text: str) -> tuple[str, Resolution]:
    code, _, value = text.rpartition("=")
    try:
        return code.strip(), Resolution(value.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"« {text} » : forme attendue CODE=local ou CODE=sis (ex. guardian:379:email=local)") from None


# --- import --------------------------------------------------------------------------------------

def run_import(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail(create=True)
    return plan_then_apply(args, vitrail, vitrail.sync.plan_oneroster_csv(Path(args.path)))


def run_sync(args: argparse.Namespace, context: Context) -> int:
    settings = oneroster_settings(context.config)
    vitrail = context.vitrail(create=True)
    reading = _ProgressLine("Lecture")
    plan = vitrail.sync.plan_oneroster_rest(settings, delta=args.delta, progress=reading)
    reading.finish()
    return plan_then_apply(args, vitrail, plan)


def plan_then_apply(args: argparse.Namespace, vitrail: Vitrail, plan: ImportPlan) -> int:
    """Show ``plan`` (text or JSON), then apply it if the options and the person say so: every source's way."""
    output: dict[str, object] | None = {"plan": plan.as_json(), "result": None} if args.json else None
    if output is None:
        print_plan(plan)
    default = Resolution.KEEP_LOCAL if args.keep_local else Resolution.TAKE_SIS if args.take_sis else None
    resolutions = dict(args.resolve)
    stop = _reason_not_to_apply(args, plan, default, resolutions)
    if stop is not None:
        code, message = stop
        return _finish(output, code, message)
    progress = _ProgressLine()
    result = vitrail.sync.apply(plan, resolutions=resolutions, default=default, progress=progress).value
    progress.finish()
    message = (f"Importation appliquée (exécution n° {result.run_id}) : {result.rows_written} ligne(s) écrite(s)."
               if result.run_id is not None else "Rien n'a été écrit.")
    if output is not None:
        output["result"] = result.as_json()
    return _finish(output, 0, message)


def _reason_not_to_apply(args: argparse.Namespace, plan: ImportPlan, default: Resolution | None,
                         resolutions: dict[str, Resolution]) -> tuple[int, str] | None:
    """(exit code, message) when the plan is not to be applied now; None to apply it."""
    if plan.errors:
        return 2, (f"L'importation contient {len(plan.errors)} erreur(s) : rien n'a été écrit. Corrigez l'export "
                   "(chaque erreur nomme le fichier, la ligne et le champ), puis recommencez.")
    if args.dry_run:
        return 0, "Aperçu seulement (--dry-run) : rien n'a été écrit."
    if not plan.has_changes:
        return 0, "Rien à changer : Vitrail est déjà à jour."
    unknown = sorted(set(resolutions) - {c.code for c in plan.conflicts})
    if unknown:
        return 2, (f"Conflit inconnu : {', '.join(unknown)}. Les conflits de ce plan : "
                   f"{', '.join(c.code for c in plan.conflicts) or 'aucun'}. Rien n'a été écrit.")
    if default is None and any(c.code not in resolutions for c in plan.conflicts):
        return 2, ("Des conflits restent à trancher : --keep-local (garder la valeur de Vitrail), --take-sis "
                   "(prendre celle du SIS), ou --resolve CODE=local|sis pour chacun. Rien n'a été écrit.")
    if args.yes:
        return None
    if not sys.stdin.isatty():
        return 2, ("Pas de terminal pour confirmer : ajoutez --yes pour appliquer (ou --dry-run pour l'aperçu "
                   "seul). Rien n'a été écrit.")
    return None if _confirmed() else (0, "Importation abandonnée : rien n'a été écrit.")


def _finish(output: dict[str, object] | None, code: int, message: str) -> int:
    """The JSON (when asked) on stdout; the closing sentence on stdout, or stderr for JSON or a refusal."""
    if output is not None:
        print_json(output)
    print(message, file=sys.stderr if code or output is not None else sys.stdout)
    return code


def _confirmed() -> bool:
    sys.stderr.write("Appliquer ? [o/N] ")
    sys.stderr.flush()
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().lower() in ("o", "oui", "y", "yes")


def print_plan(plan: ImportPlan) -> None:
    binding = "REST" if plan.source_kind == REST_SOURCE_KIND else "CSV"
    print(f"Importation OneRoster {plan.version} ({binding}) depuis « {plan.source} »")
    for kind in WRITE_ORDER:
        counts = plan.counts[kind]
        if not counts.written and not counts.unchanged:
            continue
        parts = [f"{count} {label}" for count, label in (
            (counts.added, "ajout(s)"), (counts.changed, "modification(s)"), (counts.deactivated, "désactivation(s)"),
            (counts.deleted, "retrait(s)"), (counts.linked, "rattachement(s) au SIS")) if count]
        print(f"{SPECS[kind].label} : {', '.join(parts) or 'aucun changement'} ; {counts.unchanged} inchangé(s)")
        for action in Action:
            changes = plan.changes_of(kind, action)
            for change in changes[:EXAMPLES]:
                print(f"    {change.text()}")
            if len(changes) > EXAMPLES:
                print(f"    … et {len(changes) - EXAMPLES} autre(s) (--json pour tout voir)")
    _section("Conflits à trancher", [c.text() for c in plan.conflicts])
    _section("À reporter dans le SIS (corrections faites dans Vitrail, gardées)", [c.text() for c in plan.corrections])
    _section("Personnel à vérifier : corps d'emploi donné par défaut selon le rôle OneRoster",
             list(plan.staff_to_review))
    _section("Remarques", list(plan.notes))
    errors, warnings = plan.errors, plan.warnings
    if errors or warnings:
        print(f"Problèmes : {len(errors)} erreur(s), {len(warnings)} avertissement(s)")
        shown = [*errors, *warnings]
        for problem in shown[:PROBLEMS_SHOWN]:
            print(f"  {problem.text()}")
        if len(shown) > PROBLEMS_SHOWN:
            print(f"  … et {len(shown) - PROBLEMS_SHOWN} autre(s) (--json pour tout voir)")


def _section(title: str, lines: list[str]) -> None:
    if not lines:
        return
    print(f"{title} ({len(lines)}) :")
    for line in lines[:PROBLEMS_SHOWN]:
        print(f"  {line}")
    if len(lines) > PROBLEMS_SHOWN:
        print(f"  … et {len(lines) - PROBLEMS_SHOWN} autre(s) (--json pour tout voir)")


class _ProgressLine:
    """Progress on stderr: rewritten in place on a terminal, silent otherwise (scripts read stdout)."""

    def __init__(self, title: str = "Importation") -> None:
        self.interactive = sys.stderr.isatty()
        self.title = title

    def __call__(self, progress: ApplyProgress) -> None:
        if self.interactive:
            sys.stderr.write(f"\r{f'{self.title} : {progress.label} ({progress.done}/{progress.total})':<78}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.interactive:
            sys.stderr.write("\n")


def run_runs(args: argparse.Namespace, context: Context) -> int:
    runs = context.vitrail().sync.runs()
    if args.json:
        print_json([run.as_json() for run in runs])
        return 0
    for run in runs:
        print(f"n° {run.id} · {run.started_at:%Y-%m-%d %H:%M} · {run.os_user}@{run.workstation} · "
              f"{run.source_kind} {run.version} · « {run.source} » · {run.rows_written} ligne(s)")
    print(f"{len(runs)} importation(s).")
    return 0


# --- export --------------------------------------------------------------------------------------

def run_export_oneroster(args: argparse.Namespace, context: Context) -> int:
    summary = context.vitrail().sync.export_oneroster(Path(args.target), board_code=args.board)
    for line in summary.lines():
        print(line)
    return 0


def run_export_corrections(args: argparse.Namespace, context: Context) -> int:
    sync = context.vitrail().sync
    if args.json:
        print_json([c.as_json() for c in sync.corrections()])
        return 0
    if not args.output:
        count = sync.export_corrections(sys.stdout)
        print(f"{count} correction(s) à reporter dans le SIS.", file=sys.stderr)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            count = sync.export_corrections(out)
    except OSError as exc:
        raise InvalidInput(f"Impossible d'écrire « {args.output} » : {exc.strerror or exc}.") from None
    print(f"{count} correction(s) à reporter dans le SIS, écrite(s) dans « {args.output} ».")
    return 0
