"""The visibility engine: a student's file as one viewer sees it, every item with the rule that decided it.

``view_as(record, viewer, access, policy)`` is a pure function over plain data: it reads policy
cells (never ``if role == ...``) and builds a field's value only once the field is known to be
visible, so a hidden value cannot reach the result. ``preview`` and ``preview_many`` are the
database-facing entry points; ``preview_many`` loads the student once for several viewers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from desktop.models import SettingScope
from desktop.services.calendar import check_supported, school_year_label
from desktop.services.visibility.document import Default
from desktop.services.visibility.policy import (
    REGISTRY,
    STAFF_ROLES,
    CellSource,
    Policy,
    PortalTile,
    Role,
    SoiAccess,
    StaffAccess,
    TileCondition,
    load_policy,
)
from desktop.services.visibility.record import (
    RecordRow,
    StudentRecord,
    TeacherInfo,
    load_student_record_and_policy,
)
from desktop.services.visibility.view import (
    Access,
    DossierView,
    FieldView,
    HiddenCount,
    Reason,
    TileView,
    Viewer,
    ViewerKind,
)
from desktop.services.visibility.viewers import (
    StaffMember,
    ViewerSpec,
    home_spaces,
    load_staff_member,
    load_staff_members,
    resolve_viewer,
)

SOI_FIELDS = {"observations": ("positive", "to_watch", "to_modify", "serious"), "interventions": ("interventions",)}


@dataclass(frozen=True)
class FieldResult:
    """A visible field's value and the items inside it that this viewer may not see, counted by reason."""

    value: object
    hidden: tuple[HiddenCount, ...] = ()
    reason: Reason | None = None  # when a setting decided what the value holds, the reason naming it


@dataclass(frozen=True)
class Scope:
    """What the builders need besides the record: the viewer, the policy, and the subject filter."""

    record: StudentRecord
    viewer: Viewer
    policy: Policy
    taught_only: bool

    @property
    def subjects(self) -> tuple[str, ...]:
        return self.viewer.subject_codes


# ---------------------------------------------------------------- reasons

def _role_label(scope: Scope) -> str:
    return scope.policy.document.role_label(scope.viewer.role)


# How the settings families are named to a principal (the link of the reason opens the exact key).
_FAMILY_NAMES = {"staff_tiles": "grille d'accès du personnel", "staff_fields": "grille d'accès du personnel",
                 "soi": "grille SOI", "soi_history_years": "historique SOI"}


def setting_origin(policy: Policy, key: str) -> str:
    """The setting that decides ``key`` and who chose its value, in plain French (§7.7):
    "grille d'accès du personnel : valeur par défaut, modifiable par le centre de services"."""
    cell = policy.cell(key)
    entry = REGISTRY.get(key)
    family = key.split(".")[0]
    name = _FAMILY_NAMES.get(family) or (f"réglage « {entry.label} »" if entry is not None else "règle fixe")
    if entry is None:
        return f"{name}{', présumée' if cell.assumed else ''}"
    if cell.source == CellSource.BOARD:
        return f"{name} : choix du centre de services"
    if cell.source == CellSource.SCHOOL:
        return f"{name} : choix de l'école"
    who = "l'école" if SettingScope.SCHOOL in entry.scopes else "le centre de services"
    return f"{name} : valeur par défaut{' présumée' if cell.assumed else ''}, modifiable par {who}"


def _granted(scope: Scope, key: str, what: str) -> Reason:
    cell = scope.policy.cell(key)
    return Reason("role_policy_granted", f"Le rôle {_role_label(scope)} a accès à {what} "
                  f"({setting_origin(scope.policy, key)}).", setting=scope.policy.setting_ref(key),
                  assumed=cell.assumed)


def _not_granted(scope: Scope, key: str, what: str) -> Reason:
    cell = scope.policy.cell(key)
    return Reason("role_policy_not_granted", f"Le rôle {_role_label(scope)} n'a pas accès à {what} "
                  f"({setting_origin(scope.policy, key)}).", setting=scope.policy.setting_ref(key),
                  assumed=cell.assumed)


def _subject_not_taught(scope: Scope) -> Reason:
    taught = ", ".join(scope.subjects) or "aucune matière"
    return Reason("subject_not_taught",
                  f"Matière non enseignée à l'élève par cet enseignant spécialiste (enseigne : {taught}).",
                  record=f"staff:{scope.viewer.staff_id}:teaching_assignments" if scope.viewer.staff_id else None)


def _counted(reasons: Iterable[Reason]) -> tuple[HiddenCount, ...]:
    counts = Counter(reasons)
    return tuple(HiddenCount(reason, count) for reason, count in counts.items())


def _taught_rows(scope: Scope, rows: Iterable[RecordRow], keep_without_subject: bool = False) -> FieldResult:
    """Copy of ``rows``, limited to the viewer's taught subjects when the policy says so."""
    shown, hidden = [], 0
    for row in rows:
        subject = row.get("subject_code")
        if not scope.taught_only or subject in scope.subjects or (subject is None and keep_without_subject):
            shown.append(dict(row))
        else:
            hidden += 1
    return FieldResult(shown, (HiddenCount(_subject_not_taught(scope), hidden),) if hidden else ())


# ---------------------------------------------------------------- staff field builders

def _per_guardian(attribute: str, respondents_only: bool = False) -> Callable[[Scope], FieldResult]:
    def build(scope: Scope) -> FieldResult:
        return FieldResult([{"guardian_id": g.id, "name": g.name, "value": getattr(g, attribute)}
                            for g in scope.record.guardians if g.respondent_rank or not respondents_only])
    return build


def _contact_names(scope: Scope) -> FieldResult:
    return FieldResult([{"guardian_id": g.id, "name": g.name, "relationship": g.relationship}
                        for g in scope.record.guardians])


def _respondent_flags(scope: Scope) -> FieldResult:
    return FieldResult([{"guardian_id": g.id, "name": g.name, "respondent": g.respondent_rank is not None,
                         "rank": g.respondent_rank} for g in scope.record.guardians])


def _has_intervention_plan(record: StudentRecord) -> bool:
    return any(p["kind"] == "intervention" and p["school_year"] == record.school_year for p in record.support_plans)


def _transport(scope: Scope) -> FieldResult:
    r = scope.record
    details = r.transport_details if r.transport_entitled else ""
    return FieldResult({"entitled": r.transport_entitled, "details": details})


def _report_cards(current: bool) -> Callable[[Scope], FieldResult]:
    def build(scope: Scope) -> FieldResult:
        year = scope.record.school_year
        return FieldResult([{k: v for k, v in row.items() if k != "board_id"} for row in scope.record.report_cards
                            if (row["school_year"] == year) == current])
    return build


def _schedule_projection(*keys: str) -> Callable[[Scope], FieldResult]:
    def build(scope: Scope) -> FieldResult:
        return _taught_rows(scope, ({"course_group": e["course_group"], "subject_code": e["subject_code"],
                                     **{k: e[k] for k in keys}} for e in scope.record.schedule))
    return build


def _course_groups(scope: Scope) -> FieldResult:
    return _taught_rows(scope, ({"course_group": c.code, "subject_code": c.subject_code}
                                for c in scope.record.course_groups))


def _teachers(scope: Scope) -> FieldResult:
    return _taught_rows(scope, ({"course_group": c.code, "subject_code": c.subject_code,
                                 "teacher": ", ".join(t.name for t in c.teachers)} for c in scope.record.course_groups))


# Staff fields whose rows are limited to the taught subjects when the cell says "taught"; any other
# field shows whole, and its reason must not claim a filter (a specialist's detentions, report card).
TAUGHT_FILTERED = frozenset({
    ("evaluation", "results_by_competency"), ("evaluation", "final_result"), ("evaluation", "group_average"),
    ("schedule", "course_group"), ("schedule", "subject"), ("schedule", "hours"), ("schedule", "room"),
    ("schedule", "teacher"), ("schedule", "period"), ("schedule", "absence_indicator"),
    ("schedule", "assessments_and_homework"), ("attendance", "type"), ("attendance", "reason"),
    ("attendance", "course_group"), ("attendance", "period"), ("attendance", "term"),
    ("attendance", "can_enter_attendance")})


def _absence_indicator(scope: Scope) -> FieldResult:
    """Absences per course-group — never more than attendance shows the viewer (§7.2): without the
    attendance tile or its "Type" the indicator holds no count; limited to taught subjects there, so
    are the counts here."""
    role, policy = scope.viewer.role, scope.policy
    keys = (f"staff_tiles.{role}.attendance", f"staff_fields.{role}.attendance.type")
    accesses = [policy.value(key) for key in keys]
    if StaffAccess.NO in accesses:
        key = keys[accesses.index(StaffAccess.NO)]
        rows = _taught_rows(scope, ({"course_group": c.code, "subject_code": c.subject_code}
                                    for c in scope.record.course_groups))
        return FieldResult(rows.value, rows.hidden, Reason(
            "absence_indicator_without_attendance", f"Indicateur d'absence sans nombre : le rôle {_role_label(scope)} "
            f"ne voit pas les absences ({setting_origin(policy, key)}).", setting=policy.setting_ref(key),
            assumed=policy.cell(key).assumed))
    counted = scope.subjects if StaffAccess.TAUGHT in accesses else None
    counts = Counter(a["course_group"] for a in scope.record.attendance if a["kind"] == "absence"
                     and (counted is None or a["subject_code"] in counted))
    return _taught_rows(scope, ({"course_group": c.code, "subject_code": c.subject_code, "absences": counts[c.code]}
                                for c in scope.record.course_groups))


def _upcoming_homework(scope: Scope) -> FieldResult:
    on = scope.record.on.isoformat()
    return _taught_rows(scope, (h for h in scope.record.homework if h["due_on"] >= on))


def _attendance_projection(key: str) -> Callable[[Scope], FieldResult]:
    def build(scope: Scope) -> FieldResult:
        return _taught_rows(scope, ({"date": a["date"], "course_group": a["course_group"],
                                     "subject_code": a["subject_code"], "value": a[key]}
                                    for a in scope.record.attendance), keep_without_subject=True)
    return build


def _can_enter_attendance(scope: Scope) -> FieldResult:
    if scope.taught_only:
        return FieldResult({"all_subjects": False, "subject_codes": list(scope.subjects)})
    return FieldResult({"all_subjects": True, "subject_codes": []})


def _plans(kind: str) -> Callable[[Scope], FieldResult]:
    def build(scope: Scope) -> FieldResult:
        return FieldResult([{k: v for k, v in p.items() if k != "kind"} for p in scope.record.support_plans
                            if p["kind"] == kind])
    return build


def _rows(attribute: str) -> Callable[[Scope], FieldResult]:
    def build(scope: Scope) -> FieldResult:
        return _taught_rows(scope, getattr(scope.record, attribute))
    return build


def _scalar(function: Callable[[StudentRecord], object]) -> Callable[[Scope], FieldResult]:
    return lambda scope: FieldResult(function(scope.record))


STAFF_BUILDERS: dict[tuple[str, str], Callable[[Scope], FieldResult]] = {
    ("profile", "contact_name"): _contact_names,
    ("profile", "contact_respondent_flag"): _respondent_flags,
    ("profile", "contact_home_phone"): _per_guardian("home_phone"),
    ("profile", "contact_cell_phone"): _per_guardian("cell_phone"),
    ("profile", "contact_email"): _per_guardian("email"),
    ("profile", "contact_address"): _per_guardian("address"),
    ("profile", "contact_other_phones"): _per_guardian("other_phone"),
    ("profile", "contact_work_phone"): _per_guardian("work_phone", respondents_only=True),
    ("profile", "emergency_contact"): lambda s: FieldResult([dict(c) for c in s.record.emergency_contacts]),
    ("profile", "birth_date"): _scalar(lambda r: r.birth_date),
    ("profile", "code_permanent"): _scalar(lambda r: r.code_permanent),
    ("profile", "fiche"): _scalar(lambda r: r.fiche),
    ("profile", "group"): _scalar(lambda r: r.group_code),
    ("profile", "group_responsible"): _scalar(lambda r: r.responsible.name if r.responsible else None),
    ("profile", "intervention_plan_flag"): _scalar(_has_intervention_plan),
    ("profile", "transport"): _transport,
    ("evaluation", "results_by_competency"): _rows("results"),
    ("evaluation", "final_result"): _rows("final_results"),
    ("evaluation", "group_average"): _rows("group_averages"),
    ("evaluation", "report_card_current"): _report_cards(current=True),
    ("evaluation", "report_card_previous"): _report_cards(current=False),
    ("evaluation", "active_watch"): _scalar(lambda r: r.active_watch),
    ("schedule", "course_group"): _course_groups,
    ("schedule", "subject"): lambda s: _taught_rows(s, ({"course_group": c.code, "subject_code": c.subject_code,
                                                          "subject": c.subject} for c in s.record.course_groups)),
    ("schedule", "hours"): _schedule_projection("cycle_day", "start", "end"),
    ("schedule", "room"): _schedule_projection("cycle_day", "period", "room"),
    ("schedule", "teacher"): _teachers,
    ("schedule", "period"): _schedule_projection("cycle_day", "period"),
    ("schedule", "absence_indicator"): _absence_indicator,
    ("schedule", "assessments_and_homework"): _upcoming_homework,
    ("attendance", "type"): _attendance_projection("kind"),
    ("attendance", "reason"): _attendance_projection("reason"),
    ("attendance", "course_group"): _attendance_projection("course_group"),
    ("attendance", "period"): _attendance_projection("period"),
    ("attendance", "term"): _attendance_projection("term"),
    ("attendance", "detentions"): lambda s: FieldResult([dict(d) for d in s.record.detentions]),
    ("attendance", "can_enter_attendance"): _can_enter_attendance,
    ("dap", "preventive_plan"): _plans("preventive"),
    ("dap", "intervention_plan"): _plans("intervention"),
    ("events", "follow_up_events"): lambda s: FieldResult([dict(e) for e in s.record.follow_up_events]),
}


# ---------------------------------------------------------------- SOI

def _soi_item(scope: Scope, row: RecordRow) -> RecordRow:
    item = {"category": row["category"], "author_staff_id": row["author_staff_id"], "author": row["author"],
            "date": row["date"], "shared_with_parents": row["shared_with_parents"], "text": row["text"]}
    return _without_staff_names(scope, item)


def _without_staff_names(scope: Scope, row: RecordRow) -> RecordRow:
    """§7.4: with "subjects and teachers" hidden, no teacher's name reaches a parent or the student, not
    even as the author of an observation or a publication."""
    if scope.viewer.role in STAFF_ROLES or _subjects_rule(scope.record, scope.policy) is None:
        return row
    return {k: v for k, v in row.items() if k not in ("author", "author_staff_id")}


SOI_ACCESS_WORDS = {SoiAccess.ALL: "toutes", SoiAccess.OWN_ONLY: "les siennes seulement",
                    SoiAccess.SHARED_ONLY: "celles partagées avec les parents seulement", SoiAccess.NONE: "aucune"}


def _soi_access(scope: Scope, field_id: str) -> tuple[str, ...]:
    return tuple(scope.policy.value(f"soi.{scope.viewer.role}.{c}") for c in SOI_FIELDS[field_id])


def _soi_hidden_reason(scope: Scope, category: str, access: str) -> Reason:
    policy, role = scope.policy, scope.viewer.role
    key = f"soi.{role}.{category}"
    cell = policy.cell(key)
    label = policy.document.soi_categories[category]
    ref = policy.setting_ref(key)
    if access == SoiAccess.NONE:
        return Reason("soi_category_hidden", f"SOI « {label} » : catégorie masquée pour le rôle "
                      f"{_role_label(scope)} ({setting_origin(policy, key)}).", setting=ref, assumed=cell.assumed)
    if access == SoiAccess.SHARED_ONLY:
        return Reason("soi_not_shared_with_parents", f"SOI « {label} » : seules les observations partagées avec "
                      "les parents sont visibles.", setting=ref, assumed=cell.assumed)
    if scope.viewer.staff_id is None:
        return Reason("soi_own_only_abstract", f"SOI « {label} » : masquée sauf ses propres observations ; un aperçu "
                      "par rôle, sans personne réelle, n'en montre donc aucune.", setting=ref, assumed=cell.assumed)
    return Reason("soi_own_only", f"SOI « {label} » : masquée sauf ses propres observations ou interventions "
                  "(auteur : un autre membre du personnel).", setting=ref, assumed=cell.assumed)


def _window_reason(scope: Scope, years: int) -> Reason:
    first = scope.record.school_year - years + 1
    span = (f"les {years} dernières années scolaires (depuis {school_year_label(first)})" if years > 1
            else f"l'année scolaire en cours ({school_year_label(first)})")
    key = f"soi_history_years.{scope.viewer.role}"
    return Reason("outside_history_window", f"Hors de la période que voit le rôle {_role_label(scope)} : "
                  f"{span} — {setting_origin(scope.policy, key)}.",
                  setting=scope.policy.setting_ref(key) if key in REGISTRY else None,
                  assumed=scope.policy.cell(key).assumed)


def _soi_field(scope: Scope, field_id: str) -> FieldResult:
    role = scope.viewer.role
    years = int(scope.policy.value(f"soi_history_years.{role}"))
    first_year = scope.record.school_year - years + 1
    rows = scope.record.observations if field_id == "observations" else scope.record.interventions
    shown, hidden = [], []
    for row in rows:
        category = row["category"] if field_id == "observations" else "interventions"
        access = scope.policy.value(f"soi.{role}.{category}")
        if row["school_year"] < first_year:
            hidden.append(_window_reason(scope, years))
        elif access == SoiAccess.ALL or (access == SoiAccess.SHARED_ONLY and row["shared_with_parents"]) or (
                access == SoiAccess.OWN_ONLY and scope.viewer.staff_id is not None
                and row["author_staff_id"] == scope.viewer.staff_id):
            shown.append(_soi_item(scope, row))
        else:
            hidden.append(_soi_hidden_reason(scope, category, access))
    return FieldResult(shown, _counted(hidden))


def _soi_field_view(scope: Scope, field_id: str, label: str) -> FieldView:
    accesses = _soi_access(scope, field_id)
    categories = SOI_FIELDS[field_id]
    if all(a == SoiAccess.NONE for a in accesses):
        return FieldView(field_id, label, False, _soi_hidden_reason(scope, categories[0], SoiAccess.NONE))
    partial = [c for c, a in zip(categories, accesses, strict=True) if a != SoiAccess.ALL]
    cells = [scope.policy.cell(f"soi.{scope.viewer.role}.{c}") for c in categories]
    names = scope.policy.document.soi_categories
    if partial:
        detail = "; ".join(f"{names[c]} : {SOI_ACCESS_WORDS[scope.policy.value(f'soi.{scope.viewer.role}.{c}')]}"
                           for c in partial)
        reason = Reason("soi_partial", f"Visible selon la grille SOI du rôle {_role_label(scope)}, avec restrictions "
                        f"({detail}).", setting=scope.policy.setting_ref(f"soi.{scope.viewer.role}.{partial[0]}"),
                        assumed=any(c.assumed for c in cells))
    else:
        reason = Reason("soi_granted", f"Visible selon la grille SOI du rôle {_role_label(scope)}.",
                        setting=scope.policy.setting_ref(f"soi.{scope.viewer.role}.{categories[0]}"),
                        assumed=any(c.assumed for c in cells))
    result = _soi_field(scope, field_id)
    return FieldView(field_id, label, True, reason, result.value, result.hidden)


# ---------------------------------------------------------------- staff tiles

def _staff_tiles(record: StudentRecord, viewer: Viewer, policy: Policy) -> tuple[TileView, ...]:
    doc = policy.document
    tiles = []
    for tile_id, field_ids in doc.staff_tiles.items():
        tile_key = f"staff_tiles.{viewer.role}.{tile_id}"
        tile_access = policy.value(tile_key)
        tile_label = doc.staff_tile_label(tile_id)
        grants = doc.job_class_grants.get(viewer.job_class or "", {})
        base = Scope(record, viewer, policy, taught_only=tile_access == StaffAccess.TAUGHT)
        if tile_access == StaffAccess.NO and tile_id in grants:
            tiles.append(_job_class_tile(base, tile_id, tile_label, field_ids, grants))
            continue
        if tile_access == StaffAccess.NO:
            reason = _not_granted(base, tile_key, f"la tuile « {tile_label} »")
            fields = tuple(FieldView(f, doc.field_label(f), False, reason) for f in field_ids)
            tiles.append(TileView(tile_id, tile_label, False, reason, fields))
            continue
        tile_reason = _granted(base, tile_key, f"la tuile « {tile_label} »")
        if tile_access == StaffAccess.TAUGHT:
            tile_reason = Reason("taught_subjects_only", f"Tuile « {tile_label} » : limitée aux matières enseignées "
                                 f"({', '.join(viewer.subject_codes) or 'aucune'}).", setting=tile_reason.setting,
                                 assumed=tile_reason.assumed)
        field_views: list[FieldView] = []
        for field_id in field_ids:
            label = doc.field_label(field_id)
            field_key = f"staff_fields.{viewer.role}.{tile_id}.{field_id}"
            access = policy.value(field_key)
            if access == StaffAccess.NO:
                field_views.append(FieldView(field_id, label, False, _not_granted(base, field_key, f"« {label} »")))
                continue
            if tile_id == "soi":
                field_views.append(_soi_field_view(base, field_id, label))
                continue
            filtered = (tile_id, field_id) in TAUGHT_FILTERED
            scope = Scope(record, viewer, policy,
                          taught_only=filtered and (base.taught_only or access == StaffAccess.TAUGHT))
            reason = _granted(scope, field_key, f"« {label} »")
            if scope.taught_only:
                reason = Reason("taught_subjects_only", f"« {label} » : lignes des matières enseignées seulement "
                                f"({', '.join(viewer.subject_codes) or 'aucune'}).", setting=reason.setting,
                                assumed=reason.assumed)
            result = STAFF_BUILDERS[(tile_id, field_id)](scope)
            field_views.append(FieldView(field_id, label, True, result.reason or reason, result.value, result.hidden))
        tiles.append(TileView(tile_id, tile_label, True, tile_reason, tuple(field_views)))
    return tuple(tiles)


def _job_class_tile(scope: Scope, tile_id: str, tile_label: str, field_ids: Sequence[str],
                    grants: Mapping[str, Default[StaffAccess]]) -> TileView:
    """A tile the role does not get but the viewer's job class does (the 4215 TOS's events, §7.3)."""
    doc = scope.policy.document
    job = doc.job_classes.get(scope.viewer.job_class or "")
    who = f"corps d'emploi {scope.viewer.job_class}" + (f" ({job.label})" if job else "")
    tile_grant = grants[tile_id]
    reason = Reason("job_class_granted", f"Tuile « {tile_label} » accordée au {who} : évènements de suivi de son "
                    "école.", assumed=tile_grant.assumed)
    fields = []
    for field_id in field_ids:
        label = doc.field_label(field_id)
        grant = grants.get(f"{tile_id}.{field_id}")
        if grant is None or grant.value == StaffAccess.NO:
            fields.append(FieldView(field_id, label, False, Reason(
                "job_class_not_granted", f"« {label} » n'est pas accordé au {who}.")))
            continue
        result = STAFF_BUILDERS[(tile_id, field_id)](scope)
        fields.append(FieldView(field_id, label, True, Reason(
            "job_class_granted", f"« {label} » accordé au {who}.", assumed=grant.assumed), result.value, result.hidden))
    return TileView(tile_id, tile_label, True, reason, tuple(fields))


# ---------------------------------------------------------------- portal (parent, student)

def _portal_tile_decision(record: StudentRecord, viewer: Viewer, policy: Policy, tile: PortalTile) -> Reason | None:
    """None when the tile is available to this portal viewer, else the reason it is not."""
    tile_id = tile.id
    if viewer.role == Role.STUDENT:
        cell = policy.cell(f"student_tiles.{tile_id}")
        if not cell.value:
            return Reason("student_portal_not_granted", "Tuile absente du portail des élèves.", assumed=cell.assumed)
        return None
    board = policy.cell(f"allowed_parent_tiles.{tile_id}")
    if not board.value:
        return Reason("tile_not_allowed_by_board", "Tuile non permise aux parents par le centre de services.",
                      setting=policy.setting_ref(f"allowed_parent_tiles.{tile_id}"))
    school = policy.cell(f"parent_tiles.{tile_id}")
    if not school.value:
        return Reason("tile_disabled_by_school", "Tuile désactivée par l'école pour ses parents.",
                      setting=policy.setting_ref(f"parent_tiles.{tile_id}"))
    return _condition_decision(record, policy, tile.condition)


def _condition_decision(record: StudentRecord, policy: Policy, condition: TileCondition | None) -> Reason | None:
    """None when the student's situation meets the tile's condition, else why it does not."""
    if condition == TileCondition.REGISTRATION_WINDOW:
        window = policy.registration_window()
        ref = policy.setting_ref("registration_window")
        if window is None:
            return Reason("registration_window_closed", "L'école n'a défini aucune période d'inscription en ligne.",
                          setting=ref)
        if not window.is_open(record.on):
            return Reason("registration_window_closed", f"Hors de la période d'inscription de l'école "
                          f"(du {window.start.isoformat()} au {window.end.isoformat()}).", setting=ref)
    if condition == TileCondition.TRANSPORT_ENTITLED and not record.transport_entitled:
        return Reason("no_transport_entitlement", "L'élève n'a pas droit au transport scolaire.",
                      record=f"student:{record.student_id}:transport_entitled")
    return None


def _portal_granted(viewer: Viewer, tile_id: str, policy: Policy) -> Reason:
    if viewer.role == Role.STUDENT:
        return Reason("student_portal_granted", "Tuile du portail des élèves.",
                      assumed=policy.cell(f"student_tiles.{tile_id}").assumed)
    return Reason("portal_tile_available", "Tuile permise par le centre de services et activée par l'école "
                  "(réglages « Tuiles des parents »).",
                  setting=policy.setting_ref(f"parent_tiles.{tile_id}"))


def _secondary_only(record: StudentRecord) -> Reason | None:
    if record.level == "secondary":
        return None
    return Reason("secondary_only", "Offert au secondaire seulement (l'élève est au primaire).")


def _group_average_rule(record: StudentRecord, policy: Policy) -> Reason | None:
    cell = policy.group_averages_shown(record.level)
    if cell.value:
        return None
    level = "primaire" if record.level == "primary" else "secondaire"
    return Reason("group_average_not_displayed", f"L'école n'affiche pas la moyenne du groupe aux parents et aux "
                  f"élèves ({level} ; {setting_origin(policy, cell.key)}).", setting=policy.setting_ref(cell.key),
                  assumed=cell.assumed)


def _ministry_rule(record: StudentRecord, policy: Policy) -> Reason | None:
    if policy.document.ministry_results_grades.cover(record.level, record.grade):
        return None
    return Reason("ministry_results_secondary_4_5", "Résultats aux épreuves ministérielles : 4e et 5e secondaire "
                  "seulement.")


SUBJECTS_AND_TEACHERS = "show_subjects_and_teachers"


def _subjects_rule(record: StudentRecord, policy: Policy) -> Reason | None:
    """§7.4: with "subjects and teachers" hidden, no teacher's name or email reaches a parent or the student."""
    cell = policy.cell(SUBJECTS_AND_TEACHERS)
    if cell.value:
        return None
    return Reason("subjects_and_teachers_not_displayed", "L'école n'affiche pas les matières et les enseignants "
                  f"aux parents ni aux élèves ({setting_origin(policy, SUBJECTS_AND_TEACHERS)}).",
                  setting=policy.setting_ref(SUBJECTS_AND_TEACHERS), assumed=cell.assumed)


def _subjects_shown(policy: Policy) -> Reason:
    cell = policy.cell(SUBJECTS_AND_TEACHERS)
    return Reason("subjects_and_teachers_displayed", "L'école affiche les matières et leurs enseignants aux parents "
                  f"et aux élèves ({setting_origin(policy, SUBJECTS_AND_TEACHERS)}) ; le courriel d'un enseignant "
                  "n'apparaît que s'il le publie.", setting=policy.setting_ref(SUBJECTS_AND_TEACHERS),
                  assumed=cell.assumed)


def _responsible_rule(record: StudentRecord, policy: Policy) -> Reason | None:
    if record.responsible is None:
        return Reason("no_group_responsible", "Aucun responsable de groupe au dossier.",
                      record=f"student:{record.student_id}:group")
    return _subjects_rule(record, policy)


def _responsible_email_rule(record: StudentRecord, policy: Policy) -> Reason | None:
    refused = _responsible_rule(record, policy)
    if refused is not None:
        return refused
    teacher = record.responsible
    assert teacher is not None, "checked by _responsible_rule"
    if teacher.publishes_email and teacher.email:
        return None
    return Reason("teacher_email_not_published", f"{teacher.name} ne publie pas son courriel aux parents "
                  "(son réglage « Publie son courriel aux parents »).", record=f"staff:{teacher.id}:publishes_email")


def _published_email(scope: Scope) -> FieldResult:
    teacher = scope.record.responsible
    assert teacher is not None, "checked by _responsible_email_rule"
    return FieldResult(teacher.email, reason=Reason(
        "teacher_email_published", f"{teacher.name} publie son courriel aux parents (son réglage « Publie son "
        "courriel aux parents »).", record=f"staff:{teacher.id}:publishes_email"))


def _teacher_emails(teachers: Iterable[TeacherInfo]) -> list[str]:
    return [t.email for t in teachers if t.publishes_email and t.email]


def _student_excluded(viewer: Viewer, policy: Policy, field_id: str) -> Reason | None:
    if viewer.role == Role.STUDENT and field_id in policy.document.student_hidden_fields:
        return Reason("student_portal_not_granted", "Absent du portail des élèves (ni actions sur les absences, ni "
                      "contacts).", assumed=True)
    return None


def _week_rows(record: StudentRecord) -> list[RecordRow]:
    monday = record.on - timedelta(days=record.on.weekday())
    days = [monday + timedelta(days=i) for i in range(5)]
    return [{"date": d.isoformat(),
             "homework": [{"kind": h["kind"], "title": h["title"], "subject_code": h["subject_code"]}
                          for h in record.homework if h["due_on"] == d.isoformat()],
             "detention": any(x["date"] == d.isoformat() for x in record.detentions)} for d in days]


def _report_cards_same_board(scope: Scope) -> FieldResult:
    record = scope.record
    shown, hidden = [], 0
    for row in record.report_cards:
        if row["school_year"] == record.school_year:
            continue
        if row["board_id"] == record.board_id:
            shown.append({k: v for k, v in row.items() if k != "board_id"})
        else:
            hidden += 1
    reason = Reason("report_card_other_board", "Bulletins antérieurs d'une école d'un autre centre de services : "
                    "le portail ne les affiche ni aux parents ni aux élèves.")
    return FieldResult(shown, (HiddenCount(reason, hidden),) if hidden else ())


def _subjects_and_teachers(scope: Scope) -> FieldResult:
    return FieldResult([{"subject_code": c.subject_code, "subject": c.subject, "course_group": c.code,
                         "teachers": [t.name for t in c.teachers], "teacher_emails": _teacher_emails(c.teachers)}
                        for c in scope.record.course_groups], reason=_subjects_shown(scope.policy))


def _statements(kind: str) -> Callable[[Scope], FieldResult]:
    def build(scope: Scope) -> FieldResult:
        return FieldResult([{k: v for k, v in s.items() if k != "kind"} for s in scope.record.statements
                            if s["kind"] == kind])
    return build


def _tax_slips_of_the_year(scope: Scope) -> FieldResult:
    """Tax slips of the current school year only (§7.8, seed 001)."""
    year = scope.record.school_year
    slips = [{k: v for k, v in s.items() if k != "kind"} for s in scope.record.statements if s["kind"] == "tax_slip"]
    shown = [row for row in slips if row["school_year"] == year]
    hidden = len(slips) - len(shown)
    reason = Reason("tax_slip_other_year", "Relevés fiscaux d'une autre année scolaire que "
                    f"{school_year_label(year)} : le portail ne montre que ceux de l'année en cours.")
    return FieldResult(shown, (HiddenCount(reason, hidden),) if hidden else ())


def _homework_of_week(scope: Scope) -> FieldResult:
    monday = scope.record.on - timedelta(days=scope.record.on.weekday())
    end = (monday + timedelta(days=6)).isoformat()
    return FieldResult([{"week_of": monday.isoformat(), **h} for h in scope.record.homework
                        if monday.isoformat() <= h["due_on"] <= end])


def _upcoming_detentions(scope: Scope) -> FieldResult:
    on = scope.record.on.isoformat()
    return FieldResult([{"date": d["date"]} for d in scope.record.detentions if d["date"] >= on])


def _absences(scope: Scope) -> FieldResult:
    return FieldResult([dict(a) for a in scope.record.attendance])


def _documents(scope: Scope) -> FieldResult:
    return FieldResult([{"school_year": p["school_year"], "document_name": p["document_name"]}
                        for p in scope.record.support_plans if p["kind"] == "intervention" and p["document_name"]])


def _registration(scope: Scope) -> FieldResult:
    window = dict(scope.policy.value("registration_window") or {})
    return FieldResult(window, reason=Reason(
        "registration_window_open", f"Période d'inscription en ligne de l'école ouverte (du {window.get('start')} au "
        f"{window.get('end')} ; {setting_origin(scope.policy, 'registration_window')}).",
        setting=scope.policy.setting_ref("registration_window")))


def _cyclic_schedule(scope: Scope) -> FieldResult:
    """Subjects, periods and rooms; each subject's teacher (and published email) only when the school
    shows subjects and teachers (§7.4)."""
    hidden = _subjects_rule(scope.record, scope.policy)
    if hidden is not None:
        return FieldResult([{k: v for k, v in e.items() if k != "teacher"} for e in scope.record.schedule],
                           reason=Reason("cyclic_schedule_without_teachers", "Horaire cyclique sans les enseignants : "
                                         + hidden.message[0].lower() + hidden.message[1:], setting=hidden.setting,
                                         assumed=hidden.assumed))
    by_code = {c.code: c.teachers for c in scope.record.course_groups}
    rows = []
    for e in scope.record.schedule:
        teachers = by_code.get(e["course_group"], ())
        rows.append({**e, "teacher": ", ".join(t.name for t in teachers),
                     "teacher_emails": _teacher_emails(teachers)})
    return FieldResult(rows, reason=_subjects_shown(scope.policy))


def _group_averages(scope: Scope) -> FieldResult:
    cell = scope.policy.group_averages_shown(scope.record.level)
    level = "primaire" if scope.record.level == "primary" else "secondaire"
    return FieldResult([dict(r) for r in scope.record.group_averages], reason=Reason(
        "group_average_displayed", f"L'école affiche la moyenne du groupe aux parents et aux élèves ({level} ; "
        f"{setting_origin(scope.policy, cell.key)}).", setting=scope.policy.setting_ref(cell.key),
        assumed=cell.assumed))


PortalRule = Callable[[StudentRecord, Policy], "Reason | None"]

# (tile, field) → (value builder, extra rule deciding whether the field shows).
PORTAL_BUILDERS: dict[tuple[str, str], tuple[Callable[[Scope], FieldResult], PortalRule | None]] = {
    ("agenda", "upcoming_homework"): (lambda s: FieldResult([dict(h) for h in s.record.homework
                                                             if h["due_on"] >= s.record.on.isoformat()]), None),
    ("agenda", "weekly_calendar"): (lambda s: FieldResult(_week_rows(s.record)), None),
    ("agenda", "cyclic_schedule"): (_cyclic_schedule, None),
    ("agenda", "detention_dates"): (_upcoming_detentions, None),
    ("absences", "absences"): (_absences, None),
    ("absences", "can_motivate_absence"): (lambda s: FieldResult(True), None),
    ("absences", "can_declare_future_absence"): (lambda s: FieldResult(True), None),
    ("homework", "homework_by_week"): (_homework_of_week, None),
    ("results", "results_by_competency"): (lambda s: FieldResult([dict(r) for r in s.record.results]), None),
    ("results", "final_result"): (lambda s: FieldResult([dict(r) for r in s.record.final_results]), None),
    ("results", "group_average"): (_group_averages, _group_average_rule),
    ("results", "ministry_results"): (lambda s: FieldResult([]), _ministry_rule),
    ("results", "report_card_current"): (_report_cards(current=True), None),
    ("results", "report_card_previous"): (_report_cards_same_board, None),
    ("finances", "school_account"): (_statements("school"), None),
    ("finances", "daycare_account"): (_statements("daycare"), None),
    ("finances", "tax_slips"): (_tax_slips_of_the_year, None),
    ("dossier", "birth_date"): (_scalar(lambda r: r.birth_date), None),
    ("dossier", "code_permanent"): (_scalar(lambda r: r.code_permanent), None),
    ("dossier", "fiche"): (_scalar(lambda r: r.fiche), None),
    ("dossier", "group"): (_scalar(lambda r: r.group_code), None),
    ("dossier", "group_responsible"): (_scalar(lambda r: r.responsible.name if r.responsible else None),
                                       _responsible_rule),
    ("dossier", "group_responsible_email"): (_published_email, _responsible_email_rule),
    ("dossier", "subjects_and_teachers"): (_subjects_and_teachers, _subjects_rule),
    ("dossier", "transport"): (_transport, None),
    ("dossier", "documents"): (_documents, None),
    ("messages", "publications"): (lambda s: FieldResult([_without_staff_names(s, dict(m))
                                                          for m in s.record.messages]), None),
    ("resources", "shared_resources"): (lambda s: FieldResult([dict(r) for r in s.record.resources]), None),
    ("registration", "online_registration"): (_registration, None),
    ("transport", "transport_information"): (lambda s: FieldResult({"details": s.record.transport_details}), None),
}


def _portal_tiles(record: StudentRecord, viewer: Viewer, policy: Policy) -> tuple[TileView, ...]:
    doc = policy.document
    scope = Scope(record, viewer, policy, taught_only=False)
    tiles = []
    for tile_id, tile in doc.portal_tiles.items():
        refused = _portal_tile_decision(record, viewer, policy, tile)
        if refused is not None:
            fields = tuple(FieldView(f, doc.field_label(f), False, refused) for f in tile.fields)
            tiles.append(TileView(tile_id, tile.label, False, refused, fields))
            continue
        field_views: list[FieldView] = []
        for field_id in tile.fields:
            build, rule = PORTAL_BUILDERS[(tile_id, field_id)]
            label = doc.field_label(field_id)
            hidden = (_student_excluded(viewer, policy, field_id)
                      or (_secondary_only(record) if field_id in tile.secondary_only_fields else None)
                      or (rule(record, policy) if rule else None))
            if hidden is not None:
                field_views.append(FieldView(field_id, label, False, hidden))
                continue
            result = build(scope)
            content = result.reason or Reason("portal_content", "Contenu de la tuile du portail.")
            field_views.append(FieldView(field_id, label, True, content, result.value, result.hidden))
        tiles.append(TileView(tile_id, tile.label, True, _portal_granted(viewer, tile_id, policy),
                              tuple(field_views)))
    soi = doc.portal_soi_tile
    soi_fields = tuple(_soi_field_view(scope, f, doc.field_label(f)) for f in SOI_FIELDS)
    tiles.append(TileView("soi", soi.label, True, Reason(
        "portal_soi_tile", "Observations SOI que la grille SOI accorde aux parents et aux élèves.",
        assumed=soi.assumed), soi_fields))
    return tuple(tiles)


# ---------------------------------------------------------------- entry points

def view_as(record: StudentRecord, viewer: Viewer, access: Access, policy: Policy,
            spaces: tuple[str, ...] = ()) -> DossierView:
    """The file of ``record`` as ``viewer`` sees it under ``policy`` (pure: no database access)."""
    portal = viewer.role not in STAFF_ROLES
    tiles: tuple[TileView, ...] = ()
    if access.granted:
        tiles = _staff_tiles(record, viewer, policy) if not portal else _portal_tiles(record, viewer, policy)
    return DossierView(student_id=record.student_id, student_fiche=record.fiche, student_name=record.name,
                       school_name=record.school_name, viewer=viewer, on=record.on, access=access, tiles=tiles,
                       home_spaces=spaces, contact_us=dict(record.contact_us) if portal else {})


class PreviewSession:
    """One student loaded once, previewed as any number of viewers (Aperçu page, side-by-side)."""

    def __init__(self, session: Session, student_id: int, on: date) -> None:
        self.session = session
        self.record, self.policy = load_student_record_and_policy(session, student_id, check_supported(on))
        self._staff: dict[int, StaffMember] = {}

    def refresh_policy(self) -> None:
        """Re-read the settings (a change shows at once; unchanged rows reuse the cached policy)."""
        self.policy = load_policy(self.session, self.record.school_id)

    def views(self, specs: Sequence[ViewerSpec]) -> list[DossierView]:
        """Each viewer of ``specs``; the staff among them are loaded together first (one round trip)."""
        wanted = [spec.staff_id for spec in specs if spec.kind == ViewerKind.STAFF and spec.staff_id is not None
                  and spec.staff_id not in self._staff]
        self._staff.update(load_staff_members(self.session, wanted, self.record.school_year))
        return [self.view(spec) for spec in specs]

    def view(self, spec: ViewerSpec) -> DossierView:
        viewer, access = resolve_viewer(self.session, self.record, spec, self.policy, self._staff)
        spaces: tuple[str, ...] = ()
        if viewer.kind == ViewerKind.STAFF and viewer.staff_id is not None:
            member = self._staff.get(viewer.staff_id) or load_staff_member(self.session, viewer.staff_id)
            spaces = home_spaces(member, self.policy)
        return view_as(self.record, viewer, access, self.policy, spaces)


def preview(session: Session, student_id: int, viewer_spec: ViewerSpec, on: date) -> DossierView:
    """Student ``student_id`` as ``viewer_spec`` sees it on ``on``."""
    return PreviewSession(session, student_id, on).view(viewer_spec)


def preview_many(session: Session, student_id: int, specs: Sequence[ViewerSpec], on: date) -> list[DossierView]:
    """Several viewers of one student, side by side: the student is loaded once."""
    return PreviewSession(session, student_id, on).views(specs)
