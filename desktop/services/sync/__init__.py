"""Bringing the board's real data in from its student information system, and carrying corrections back.

- ``csvread`` reads a OneRoster 1.1/1.2 CSV export into a ``Roster``, reporting every problem with its
  file, line and field; ``rest`` builds the same ``Roster`` from a OneRoster 1.2 REST server's JSON
  pages (OAuth 2, paging, delta runs, retries), each problem naming the endpoint, page and field;
- ``mapping`` turns the roster into the Vitrail records it means, matched to the rows they are;
- ``plan`` compares those with the database: the ``ImportPlan`` a person reads before anything is
  written, with its conflicts and the corrections to carry back to the SIS;
- ``apply`` writes a plan in one audited transaction, with progress and cancel;
- ``export`` writes the board as OneRoster 1.2 CSV; ``corrections`` lists what Vitrail corrected
  and the SIS does not know yet.

See ``../shared/spec/sync.md``. The façade (``Vitrail.sync``) is the way in for the GUI and the CLI.
"""

from desktop.services.sync.apply import ApplyProgress, ImportResult, apply_plan, plan_roster
from desktop.services.sync.plan import Action, Change, Conflict, Correction, ImportPlan, KindCounts, Resolution
from desktop.services.sync.problems import Problem, Severity
from desktop.services.sync.records import SPECS, Kind

__all__ = [
    "SPECS", "Action", "ApplyProgress", "Change", "Conflict", "Correction", "ImportPlan", "ImportResult", "Kind",
    "KindCounts", "Problem", "Resolution", "Severity", "apply_plan", "plan_roster",
]
