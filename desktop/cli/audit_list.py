"""``vitrail audit``: the audit log, filtered, as text, JSON or CSV (same service as the Journal page).

``vitrail audit`` with filters lists entries, newest first. Other ``audit`` subcommands (``audit
verify``, in ``desktop.cli.audit``) hang under the same parser: when that module registered the
``audit`` parser first, ``register`` here adds the filters to it and makes its subcommand
optional; otherwise it creates the parser with an optional subcommand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.context import Context, add_force_option, bounded, identifier, print_json
from desktop.services.audit_log import AuditFilter, AuditRow, read_period
from desktop.services.errors import InvalidInput
from desktop.services.facade import AuditLog
from desktop.services.outputs import check_output_file, staged_file

DEFAULT_LIMIT = 200
MAX_LIMIT = 1_000_000


def register(subparsers: argparse._SubParsersAction) -> None:
    audit = subparsers.choices.get("audit")
    if audit is None:
        audit = subparsers.add_parser("audit", help="le journal des modifications et des consultations sensibles")
        audit.add_subparsers(dest="audit_command", metavar="SOUS-COMMANDE", parser_class=type(audit))
    audit.description = ("Sans sous-commande : les entrées du journal, les plus récentes d'abord, filtrées. "
                         "« vitrail audit verify » vérifie la chaîne d'empreintes.")
    for action in audit._actions:
        if isinstance(action, argparse._SubParsersAction):
            action.required = False  # « vitrail audit » alone lists the log
    _add_filters(audit)
    audit.set_defaults(run=run_audit)  # a subcommand's own default (verify's) wins over this one


def _add_filters(audit: argparse.ArgumentParser) -> None:
    audit.add_argument("--student", metavar="FICHE",
                       help="l'élève, ses répondants, ses liens, ses contacts et ses NIP")
    audit.add_argument("--board", metavar="CODE", help="centre de services (si la fiche existe dans deux)")
    audit.add_argument("--guardian", metavar="ID", type=identifier, help="le répondant, ses liens et ses NIP")
    audit.add_argument("--setting", metavar="CLÉ", help="un réglage (group_averages) ou une famille (parent_tiles)")
    audit.add_argument("--person", metavar="IDENTIFIANT", help="ce qu'a fait cette personne (identifiant de connexion)")
    audit.add_argument("--action", metavar="ACTION", help="une action (update, nip_issued…)")
    audit.add_argument("--since", metavar="DATE", help="à partir de ce jour (2026-11-01, 1/11/2026, 1er novembre 2026)")
    audit.add_argument("--until", metavar="DATE", help="jusqu'à ce jour inclus")
    audit.add_argument("--limit", metavar="N", type=bounded(1, MAX_LIMIT), default=DEFAULT_LIMIT,
                       help=f"entrées affichées au plus (défaut : {DEFAULT_LIMIT} ; --csv les écrit toutes)")
    output = audit.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="sortie JSON : {total, entries}")
    output.add_argument("--csv", action="store_true",
                        help="toutes les entrées en CSV (UTF-8 avec BOM, points-virgules, pour Excel)")
    audit.add_argument("-o", "--output", metavar="FICHIER.csv", help="avec --csv : écrit dans ce fichier")
    add_force_option(audit)


def audit_filter(args: argparse.Namespace, context: Context) -> AuditFilter:
    """The filter the options describe (InvalidInput for an unknown fiche, action or bad date)."""
    vitrail = context.vitrail()
    since, until = read_period(args.since, args.until, vitrail.today())
    student_id = None
    if args.student:
        student_id = vitrail.directory.student_id_by_fiche(args.student.strip(), args.board)
    if args.action:
        known = [code for code, _label in vitrail.audit.actions()]
        if args.action not in known:
            raise InvalidInput(f"Action inconnue « {args.action} » : choisissez parmi {', '.join(known)}.")
    return AuditFilter(student_id=student_id, guardian_id=args.guardian, setting_key=args.setting or None,
                       person=args.person or None, action=args.action or None, since=since, until=until)


def run_audit(args: argparse.Namespace, context: Context) -> int:
    if args.output and not args.csv:
        raise InvalidInput("-o s'emploie avec --csv (le journal en CSV dans un fichier).")
    wanted = audit_filter(args, context)
    audit = context.vitrail().audit
    if args.csv:
        return _write_csv(args, audit, wanted)
    page = audit.entries(wanted, limit=args.limit)
    if args.json:
        print_json({"total": page.total, "entries": [entry.as_json() for entry in page.entries]})
        return 0
    for entry in page.entries:
        print(_line(entry))
    shown = len(page.entries)
    if page.total > shown:
        print(f"{shown} entrée(s) sur {page.total} : les plus récentes "
              "(--limit N pour en voir plus, --csv pour toutes).", file=sys.stderr)
    elif not shown:
        print("Aucune entrée du journal ne correspond.", file=sys.stderr)
    return 0


def _write_csv(args: argparse.Namespace, audit: AuditLog, wanted: AuditFilter) -> int:
    if not args.output:
        audit.export_csv(wanted, sys.stdout)
        return 0
    target = check_output_file(Path(args.output), suffix=".csv", overwrite=args.force, what="l'export")
    with staged_file(target) as temporary, temporary.open("w", encoding="utf-8", newline="") as out:
        count = audit.export_csv(wanted, out)
    print(f"{count} entrée(s) du journal écrite(s) dans « {target} ».")
    return 0


def _line(entry: AuditRow) -> str:
    """One entry on one line: when, who, where, what, on what, and the change."""
    change = ""
    if entry.field:
        change = f" · {entry.field_label}"
        if entry.before is not None or entry.after is not None:
            change += f" : {entry.before or '∅'} → {entry.after or '∅'}"
    return (f"{entry.at:%Y-%m-%d %H:%M:%S} · {entry.person} ({entry.workstation}) · {entry.action_label} · "
            f"{entry.element}{change}")
