"""Who may do what inside Vitrail (``../shared/spec/access.md``), without Qt.

- ``Role`` and ``Right``: the roles of §1 and one right per duty; which role carries which right
  is data, in ``resources/access.json`` (``rules``), with a reason per entry.
- ``Person``: a login and its ``Grant``s; ``may(right, school_id)``, ``refusal(…)`` (the French
  sentence, naming the school and who grants the right) and ``schools_for(right)`` (None = all).
- ``store``: grants in the database, the first ``board_admin``, the database's kind (demo or
  board), and ``after_grant``, the hook where the PostgreSQL enforcement turns a grant into role
  membership.

The façade (``Vitrail.access`` and every other area) asks ``Person`` before each use case and
raises ``AccessDenied`` with the sentence. The GUI asks the same ``Person`` to grey what would
be refused.
"""

from __future__ import annotations

from desktop.services.access.person import Grant, Person
from desktop.services.access.rules import AccessRules, Right, RightRule, Role, RoleRule, access_rules
from desktop.services.access.store import after_grant, after_revoke
from desktop.services.errors import AccessDenied

__all__ = ["AccessDenied", "AccessRules", "Grant", "Person", "Right", "RightRule", "Role", "RoleRule",
           "access_rules", "after_grant", "after_revoke", "require", "require_for_guardian"]


def require(person: Person, right: Right, school_id: int | None = None) -> None:
    """Raise ``AccessDenied`` with the French sentence unless ``person`` holds ``right`` (in ``school_id``)."""
    refusal = person.refusal(right, school_id)
    if refusal is not None:
        raise AccessDenied(refusal)


def require_for_guardian(person: Person, right: Right, schools: set[int]) -> None:
    """``require`` for a guardian, who is reached through a child in a school: ``right`` in any
    of ``schools`` (the schools of the guardian's students) suffices; a refusal names the first."""
    if not schools or any(person.may(right, school_id) for school_id in schools):
        require(person, right)
    else:
        require(person, right, min(schools))
