"""The demo school board: a deterministic, realistic board for trying Vitrail and for the tests.

``generate_demo(database, students=N, seed=S, today=D)`` writes it; the same (N, S, D) always
gives the same board. See ``generate`` (orchestration), ``people`` (families, emails, codes
permanents and the rates of the planted data problems), ``board`` (schools, staff, groups),
``records`` (results, attendance, SOI, DAP…) and ``writer`` (bulk insert).
"""

from desktop.services.demo.generate import DemoSummary, generate_demo

__all__ = ["DemoSummary", "generate_demo"]
