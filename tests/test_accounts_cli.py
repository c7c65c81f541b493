"""``vitrail check``: the findings as scripts read them."""

from __future__ import annotations

import json

from support.cli import main


def test_check_json_shape_and_school_filter(demo_db, capsys):
    assert main(["--db", demo_db.url, "check", "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert everything and all(set(item) == {"code", "severity", "school", "student_fiche", "guardian_id", "message"}
                              for item in everything)
    assert {item["severity"] for item in everything} <= {"error", "warning", "info"}
    assert any(item["guardian_id"] is None for item in everything)          # code findings have no guardian
    school = everything[0]["school"]
    assert main(["--db", demo_db.url, "check", "--school", school, "--json"]) == 0
    one_school = json.loads(capsys.readouterr().out)
    assert one_school == [item for item in everything if item["school"] == school]


def test_check_text_and_unknown_school(demo_db, capsys):
    assert main(["--db", demo_db.url, "check"]) == 0
    out = capsys.readouterr().out
    assert "constat(s)." in out and "Répondant sans courriel" in out
    assert main(["--db", demo_db.url, "check", "--school", "ZZZ"]) == 2
    err = capsys.readouterr().err
    assert "Aucune école" in err and "Traceback" not in err
