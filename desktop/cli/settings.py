"""``vitrail settings``: portal settings for IT scripts (same service as the settings page).

``show`` lists every key of a board, a school or a staff member with its effective value and
origin; ``set`` saves KEY=VALUE pairs as one version (all or nothing); ``history``, ``diff`` and
``rollback`` work on versions; ``document`` writes the school's visibility document (PDF).
Valid keys and values: docs/settings-keys.md.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from desktop.cli.context import Context, add_force_option, bounded, identifier, print_json
from desktop.services.calendar import check_supported
from desktop.services.errors import InvalidInput
from desktop.services.facade import MAX_ID
from desktop.services.settings import CurrentValue, PortalSettings, SettingScope, SettingsTarget, SettingsVersionInfo


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("settings", help="réglages du portail (tuiles, moyennes, SOI…) et leur historique")
    commands = parser.add_subparsers(dest="settings_command", metavar="ACTION", required=True,
                                     parser_class=type(parser))

    show = commands.add_parser("show", help="valeurs en vigueur et leur provenance")
    _target_options(show, required=False)
    show.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    show.set_defaults(run=show_settings)

    set_ = commands.add_parser("set", help="change un ou plusieurs réglages (une seule version, tout ou rien)")
    _target_options(set_, required=True)
    set_.add_argument("assignments", metavar="CLÉ=VALEUR", nargs="+")
    set_.add_argument("--comment", required=True, help="raison du changement, obligatoire (gardée dans l'historique)")
    set_.set_defaults(run=set_settings)

    history = commands.add_parser("history", help="versions des réglages, de la plus récente à la plus ancienne")
    _target_options(history, required=False)
    history.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    history.set_defaults(run=show_history)

    diff = commands.add_parser("diff", help="réglages différents entre deux dates")
    diff.add_argument("--from", dest="start", required=True, metavar="DATE", help="AAAA-MM-JJ ou AAAA-MM-JJTHH:MM")
    diff.add_argument("--to", dest="end", default=None, metavar="DATE", help="par défaut : maintenant")
    _target_options(diff, required=False)
    diff.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    diff.set_defaults(run=show_diff)

    rollback = commands.add_parser("rollback", help="revient aux réglages d'une version (crée une nouvelle version)")
    rollback.add_argument("version", metavar="VERSION", type=bounded(0, MAX_ID),
                          help="numéro de version (0 : état d'origine)")
    rollback.add_argument("--comment", default="", help="raison du retour")
    rollback.set_defaults(run=rollback_settings)

    document = commands.add_parser("document", help="document de visibilité de l'école (PDF)")
    document.add_argument("--school", required=True, metavar="CODE")
    document.add_argument("-o", "--output", required=True, type=Path, metavar="FICHIER.pdf")
    add_force_option(document)
    document.set_defaults(run=write_document)


def _target_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--board", metavar="CODE", help="centre de services")
    group.add_argument("--school", metavar="CODE", help="école")
    group.add_argument("--staff", metavar="ID", type=identifier, help="membre du personnel (numéro)")


def _target(args: argparse.Namespace, settings: PortalSettings) -> SettingsTarget | None:
    for scope, reference in ((SettingScope.BOARD, args.board), (SettingScope.SCHOOL, args.school),
                             (SettingScope.STAFF, args.staff)):
        if reference is not None:
            return settings.target(scope, reference)
    return None


def _value_json(value: CurrentValue) -> dict:
    return {"key": value.spec.key, "value": value.value, "display": value.display, "source": value.source,
            "overridden": value.overridden, "label": value.spec.label, "effect": value.spec.effect,
            "assumed": value.spec.assumed}


def show_settings(args: argparse.Namespace, context: Context) -> int:
    settings = context.vitrail().settings
    target = _target(args, settings)
    targets = [target] if target else settings.boards() + settings.schools()
    listing = [(t, settings.current(t)) for t in targets]
    if args.json:
        data = [{"target": asdict(t), "settings": [_value_json(v) for v in values]} for t, values in listing]
        print_json(data[0] if target else data)
        return 0
    for t, values in listing:
        print(f"== {t.name} ({t.reference})")
        section = None
        for value in values:
            if value.spec.section != section:
                section = value.spec.section
                print(f"  -- {section}")
            origin = "" if value.source == "défaut" else f"  [{value.source}]"
            print(f"  {value.spec.key} = {value.display}{origin}")
    return 0


def set_settings(args: argparse.Namespace, context: Context) -> int:
    settings = context.vitrail().settings
    target = _target(args, settings)
    assert target is not None, "argparse requires a target for « settings set »"
    changes = [settings.parse_assignment(target, assignment) for assignment in args.assignments]
    impacts = settings.impact(changes)
    version = settings.save(changes, args.comment)
    if version is None:
        print("Aucun changement : les réglages demandés sont déjà en vigueur.")
        return 0
    for impact in impacts:
        print(impact.sentence)
    print(f"Version {version.id} enregistrée ({len(version.changes)} réglage(s)).")
    return 0


def _version_json(info: SettingsVersionInfo) -> dict:
    return {"version": info.id, "at": info.created_at.isoformat(timespec="seconds"), "os_user": info.os_user,
            "workstation": info.workstation, "comment": info.comment,
            "changes": [{"target": c.target, "key": c.key, "label": c.label, "before": c.before_display,
                         "after": c.after_display,
                         "before_json": c.before, "after_json": c.after} for c in info.changes]}


def show_history(args: argparse.Namespace, context: Context) -> int:
    settings = context.vitrail().settings
    versions = settings.history(_target(args, settings))
    if args.json:
        print_json([_version_json(v) for v in versions])
        return 0
    if not versions:
        print("Aucune version : les réglages n'ont jamais été modifiés.")
    for info in versions:
        comment = f" — {info.comment}" if info.comment else ""
        print(f"Version {info.id} · {info.created_at:%Y-%m-%d %H:%M} · {info.os_user} sur {info.workstation}{comment}")
        for change in info.changes:
            print(f"    {change.target} {change.key} : {change.before_display} → {change.after_display}")
    return 0


def _moment(text: str) -> datetime:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?", text):
        raise InvalidInput(f"Date invalide « {text} » : attendu AAAA-MM-JJ ou AAAA-MM-JJTHH:MM.")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"Date invalide « {text} » : attendu AAAA-MM-JJ ou AAAA-MM-JJTHH:MM.") from None
    check_supported(moment.date())
    return moment


def show_diff(args: argparse.Namespace, context: Context) -> int:
    settings = context.vitrail().settings
    start = _moment(args.start)
    end = _moment(args.end) if args.end else context.clock.now()
    diffs = settings.diff(start, end, _target(args, settings))
    if args.json:
        print_json([asdict(d) for d in diffs])
        return 0
    if not diffs:
        print(f"Aucune différence entre le {start:%Y-%m-%d %H:%M} et le {end:%Y-%m-%d %H:%M}.")
    for d in diffs:
        print(f"{d.target} {d.key} : {d.at_start} → {d.at_end}")
    return 0


def rollback_settings(args: argparse.Namespace, context: Context) -> int:
    settings = context.vitrail().settings
    version = settings.rollback(args.version, args.comment)
    for change in version.changes:
        print(f"{change.target} {change.key} : {change.before_display} → {change.after_display}")
    print(f"Version {version.id} enregistrée : {version.comment}.")
    return 0


def write_document(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail()
    school = vitrail.settings.target(SettingScope.SCHOOL, args.school)
    path = vitrail.printing.visibility_document(school.id, args.output, on=vitrail.today(), overwrite=args.force)
    print(str(path))
    return 0
