"""The shipped policy files parse into typed data, a malformed file fails when read, and the rules
stated once in ``document.py`` are not restated in the core with bare strings."""

import ast
import copy
import json
from datetime import date
from pathlib import Path

import pytest

import desktop
from desktop.paths import resource
from desktop.services.visibility.document import (
    ROLES,
    STAFF_ROLES,
    Default,
    RegistrationWindow,
    Role,
    SoiAccess,
    StaffAccess,
    TileCondition,
    parse_policy_document,
    policy_document,
    role_needs_subject,
)

CORE = Path(desktop.__file__).parent / "services"


def _files():
    return tuple(json.loads(resource("policy", name).read_text(encoding="utf-8"))
                 for name in ("visibility.json", "job_classes.json", "staff_spaces.json"))


def test_the_shipped_files_parse_into_typed_cells():
    doc = policy_document()
    assert set(doc.role_labels) == set(ROLES)
    assert doc.staff_tile_access[Role.TEACHER_SPECIALIST]["evaluation"] == Default(StaffAccess.TAUGHT)
    assert doc.staff_tile_access[Role.TEACHER_HOMEROOM]["events"] == Default(StaffAccess.NO, assumed=True)
    assert doc.soi[Role.DIRECTION]["serious"].value is SoiAccess.ALL
    assert doc.student_tiles["agenda"] == Default(True, assumed=True)
    assert doc.job_classes["3101"].role is None  # a teacher: the role depends on the student
    assert doc.job_classes["4215"].role is Role.SUPPORT_NON_TEACHING
    assert doc.job_role("9999") is Role.SUPPORT_NON_TEACHING  # unknown job class
    assert doc.ministry_results_grades.cover("secondary", 4) and not doc.ministry_results_grades.cover("primary", 4)


def test_parent_tile_conditions_are_stated_once():
    tiles = policy_document().portal_tiles
    assert {tile.id: tile.condition for tile in tiles.values() if tile.condition} == {
        "registration": TileCondition.REGISTRATION_WINDOW, "transport": TileCondition.TRANSPORT_ENTITLED}
    assert "transport" in TileCondition.TRANSPORT_ENTITLED.sentence


def test_registration_window_includes_both_dates():
    window = RegistrationWindow.from_setting({"start": "2027-02-01", "end": "2027-02-20"})
    assert window is not None
    assert window.is_open(date(2027, 2, 1)) and window.is_open(date(2027, 2, 20))
    assert not window.is_open(date(2027, 2, 21))
    assert RegistrationWindow.from_setting(None) is None


def test_only_the_specialist_needs_a_subject():
    assert [role for role in ROLES if role_needs_subject(role)] == [Role.TEACHER_SPECIALIST]
    assert role_needs_subject("teacher_specialist") and not role_needs_subject("direction")


@pytest.mark.parametrize("damage", [
    lambda raw: raw["staff_tiles"]["direction"].update(profile="maybe"),
    lambda raw: raw["soi"]["direction"].update(serious="some"),
    lambda raw: raw["roles"].update(janitor="Concierge"),
    lambda raw: raw["student_tiles"].update(agenda="oui"),
])
def test_a_misspelled_value_fails_when_the_file_is_read(damage):
    visibility, jobs, spaces = _files()
    broken = copy.deepcopy(visibility)
    damage(broken)
    with pytest.raises((ValueError, KeyError)):
        parse_policy_document(broken, jobs, spaces)


def _string_comparisons(path: Path) -> list[str]:
    """``role == "..."``-style comparisons of a role, scope or kind with a bare string."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        names = {n.attr if isinstance(n, ast.Attribute) else n.id for n in operands
                 if isinstance(n, (ast.Attribute, ast.Name))}
        literal = any(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in operands)
        if literal and names & {"role", "scope", "kind", "action", "severity", "state", "source"}:
            found.append(f"{path.relative_to(CORE)}:{node.lineno}")
    return found


def test_core_compares_vocabularies_through_their_enums():
    # The demo generator draws its own families and records from weighted tables of words.
    paths = [path for path in sorted(CORE.rglob("*.py")) if "demo" not in path.parts]
    offenders = [hit for path in paths for hit in _string_comparisons(path)]
    assert offenders == []


def test_the_specialist_rule_lives_in_the_policy_document_only():
    mentions = [str(path.relative_to(CORE)) for path in sorted(CORE.rglob("*.py"))
                if "TEACHER_SPECIALIST" in path.read_text(encoding="utf-8") or
                '"teacher_specialist"' in path.read_text(encoding="utf-8")]
    # viewers.py derives the role of a real teacher; visibility_document.py abbreviates its name.
    assert mentions == ["reports/visibility_document.py", "visibility/document.py", "visibility/viewers.py"]


def test_staff_roles_come_first_in_the_policy_rows():
    doc = policy_document()
    assert list(doc.role_labels)[:len(STAFF_ROLES)] == list(STAFF_ROLES)
