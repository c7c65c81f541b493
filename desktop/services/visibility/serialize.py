"""A ``DossierView`` as JSON-able data (``vitrail preview --json``) and as readable French text.

JSON shape (issue 3 §4): ``viewer`` {kind, role, label, staff_id?, guardian_id?, subject_codes,
derivation}; ``access`` {granted, at_risk, reason}; ``tiles`` [{id, label, visible, reason, fields [{id,
label, visible, reason, value?}]}]; plus ``student``, ``date``, ``home_spaces`` and ``contact_us``. A
reason is {code, message, setting?, record?, assumed}. A hidden field has no ``value`` key at all.

What the viewer gets holds no trace of what they may not see: no count, no mention of withheld
items (visibility.md §7.6). Only ``withheld=True`` — the direction's "Éléments retenus" — adds
``hidden_items`` [{reason, count}] to each field and summed over the file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from desktop.services.visibility.view import DossierView, FieldView, HiddenCount, Reason, TileView


def reason_json(reason: Reason) -> dict[str, Any]:
    data: dict[str, Any] = {"code": reason.code, "message": reason.message}
    if reason.setting:
        data["setting"] = reason.setting
    if reason.record:
        data["record"] = reason.record
    data["assumed"] = reason.assumed
    return data


def _field_json(field: FieldView, withheld: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": field.id, "label": field.label, "visible": field.visible, "reason": reason_json(field.reason)
    }
    if field.visible:
        data["value"] = field.value
        if withheld and field.hidden_items:
            data["hidden_items"] = [_hidden_json(h) for h in field.hidden_items]
    return data


def _hidden_json(hidden: HiddenCount) -> dict[str, Any]:
    return {"reason": reason_json(hidden.reason), "count": hidden.count}


def total_hidden(view: DossierView) -> list[HiddenCount]:
    """Items hidden inside visible fields, summed by reason over the whole file."""
    counts: Counter[Reason] = Counter()
    for tile in view.tiles:
        for field in tile.fields:
            for hidden in field.hidden_items:
                counts[hidden.reason] += hidden.count
    return [HiddenCount(reason, count) for reason, count in counts.items()]


def dossier_json(view: DossierView, *, withheld: bool = False) -> dict[str, Any]:
    viewer = view.viewer
    viewer_data: dict[str, Any] = {"kind": viewer.kind, "role": viewer.role, "label": viewer.label}
    if viewer.staff_id is not None:
        viewer_data["staff_id"] = viewer.staff_id
    if viewer.guardian_id is not None:
        viewer_data["guardian_id"] = viewer.guardian_id
    viewer_data["subject_codes"] = list(viewer.subject_codes)
    viewer_data["derivation"] = viewer.derivation
    data = {
        "student": {"id": view.student_id, "fiche": view.student_fiche, "name": view.student_name,
                    "school": view.school_name},
        "date": view.on.isoformat(),
        "viewer": viewer_data,
        "access": {"granted": view.access.granted, "at_risk": view.access.at_risk,
                   "reason": reason_json(view.access.reason)},
        "tiles": [{"id": t.id, "label": t.label, "visible": t.visible, "reason": reason_json(t.reason),
                   "fields": [_field_json(f, withheld) for f in t.fields]} for t in view.tiles],
        "home_spaces": list(view.home_spaces),
        "contact_us": dict(view.contact_us),
    }
    if withheld:
        data["hidden_items"] = [_hidden_json(h) for h in total_hidden(view)]
    return data


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dict):
        return ", ".join(_plain(v) for k, v in value.items() if k not in ("guardian_id", "author_staff_id")
                         and v not in (None, "", []))
    if isinstance(value, list):
        return "; ".join(_plain(v) for v in value)
    return str(value)


def _value_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        if not value:
            return "(aucun)"
        shown = "; ".join(_plain(row) for row in value[:3])
        return f"{len(value)} élément(s) : {shown}" + (" …" if len(value) > 3 else "")
    return _plain(value) or "—"


def _flag(reason: Reason) -> str:
    return " (présumé)" if reason.assumed else ""


def _tile_lines(tile: TileView, *, show_hidden: bool, withheld: bool) -> list[str]:
    if not tile.visible:
        return [f"\n[masquée] {tile.label} — {tile.reason.message}{_flag(tile.reason)}"] if show_hidden else []
    lines = [f"\n■ {tile.label}"]
    for field in tile.fields:
        if field.visible:
            lines.append(f"  {field.label} : {_value_text(field.value)}")
            if withheld:
                lines += [f"    ({hidden.count} retenu(s) : {hidden.reason.message})" for hidden in field.hidden_items]
        elif show_hidden:
            lines.append(f"  [masqué] {field.label} — {field.reason.message}{_flag(field.reason)}")
    return lines


def dossier_text(view: DossierView, *, show_hidden: bool = True, withheld: bool = False) -> str:
    """The file as readable French text for a terminal: ``show_hidden`` adds the fields the viewer does
    not get, with the rule; ``withheld`` (for the direction) adds the count of items retained, by reason."""
    lines = [f"Dossier de {view.student_name} (fiche {view.student_fiche}, {view.school_name}) "
             f"au {view.on.isoformat()}",
             f"Vu par : {view.viewer.label}", f"Rôle : {view.viewer.derivation}"]
    if not view.access.granted:
        lines.append(f"ACCÈS REFUSÉ : {view.access.reason.message}")
        return "\n".join(lines) + "\n"
    if view.access.at_risk:
        lines.append(f"ACCÈS À RISQUE : {view.access.reason.message}")
    for tile in view.tiles:
        lines += _tile_lines(tile, show_hidden=show_hidden, withheld=withheld)
    if view.home_spaces:
        lines.append("\nEspaces de sa page d'accueil : " + "; ".join(view.home_spaces))
    if view.contact_us:
        c = view.contact_us
        lines.append(f"\nNous joindre : {c.get('school', '')}, {c.get('address', '')}, tél. {c.get('phone', '')}, "
                     f"{c.get('email', '')}")
    return "\n".join(lines) + "\n"
