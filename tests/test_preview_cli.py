"""``vitrail preview``: the JSON shape of issue 3 §4, readable French text, French errors with exit 2."""

from __future__ import annotations

import json

import pytest

from support.cli import main
from test_visibility_world import build_world


@pytest.fixture
def world_url(empty_db):
    world = build_world(empty_db)
    return empty_db.url, world


def _run(capsys, url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", url, "preview", "--date", "2026-11-23", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys, url, *args):
    code, out, err = _run(capsys, url, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def _field(data, tile_id, field_id):
    tile = next(t for t in data["tiles"] if t["id"] == tile_id)
    return next(f for f in tile["fields"] if f["id"] == field_id)


def test_json_shape_for_an_abstract_specialist(capsys, world_url):
    url, world = world_url
    data = _json(capsys, url, "--student", "1000001", "--role", "teacher_specialist", "--subject", "MAT", "--retenus")
    assert data["viewer"] == {"kind": "role", "role": "teacher_specialist", "label": "Enseignant spécialiste (MAT)",
                              "subject_codes": ["MAT"],
                              "derivation": "Rôle choisi : Enseignant spécialiste (MAT) (aperçu sans personne réelle)."}
    assert data["access"]["granted"] is True
    assert [t["id"] for t in data["tiles"]] == ["profile", "evaluation", "soi", "schedule", "attendance", "dap",
                                                "events"]
    for tile in data["tiles"]:
        assert set(tile) == {"id", "label", "visible", "reason", "fields"}
        for field in tile["fields"]:
            assert {"id", "label", "visible", "reason"} <= set(field)
            assert ("value" in field) is field["visible"]
            assert {"code", "message", "assumed"} <= set(field["reason"])
    results = _field(data, "evaluation", "results_by_competency")
    assert [r["subject_code"] for r in results["value"]] == ["MAT"]
    assert results["hidden_items"][0]["count"] == 2
    attendance = _field(data, "attendance", "type")
    assert all("subject_code" in row for row in attendance["value"])
    observations = _field(data, "soi", "observations")["value"]
    assert set(observations[0]) >= {"category", "author_staff_id", "date", "shared_with_parents", "text"}
    codes = {h["reason"]["code"]: h["count"] for h in data["hidden_items"]}
    assert codes["subject_not_taught"] >= 6 and codes["soi_own_only_abstract"] == 6
    events = next(t for t in data["tiles"] if t["id"] == "events")
    assert events["visible"] is False and events["reason"]["assumed"] is True
    assert events["reason"]["setting"] == "board:CSS01:staff_tiles.teacher_specialist.events"


def test_json_for_a_real_staff_member_names_the_derivation(capsys, world_url):
    url, world = world_url
    data = _json(capsys, url, "--student", "1000001", "--staff", str(world.staff["homeroom"]))
    assert data["viewer"]["kind"] == "staff" and data["viewer"]["role"] == "teacher_homeroom"
    assert data["viewer"]["staff_id"] == world.staff["homeroom"]
    assert data["viewer"]["derivation"] == "Enseignant titulaire du groupe 501."
    assert "Biblius (bibliothèque numérique)" in data["home_spaces"]


def test_json_for_a_guardian_without_access(capsys, world_url):
    url, world = world_url
    data = _json(capsys, url, "--student", "1000001", "--guardian", str(world.guardians["father"]))
    assert data["viewer"]["kind"] == "guardian" and data["viewer"]["guardian_id"] == world.guardians["father"]
    assert data["access"]["granted"] is False
    assert data["access"]["reason"]["code"] == "guardian_no_email"
    assert data["access"]["reason"]["record"] == f"guardian:{world.guardians['father']}:email"
    assert data["tiles"] == []
    assert data["contact_us"]["school"] == "École secondaire du Fleuve"


def test_json_for_the_student(capsys, world_url):
    url, world = world_url
    data = _json(capsys, url, "--student", "1000001", "--as-student")
    assert data["viewer"]["kind"] == "student" and data["viewer"]["role"] == "student"
    visible = [t["id"] for t in data["tiles"] if t["visible"]]
    assert visible == ["agenda", "homework", "results", "messages", "resources", "soi"]
    observations = _field(data, "soi", "observations")["value"]
    assert {o["category"] for o in observations} == {"positive"} and all(o["shared_with_parents"] for o in observations)


def test_readable_french_text_without_json(capsys, world_url):
    url, world = world_url
    code, out, _ = _run(capsys, url, "--student", "1000001", "--guardian", str(world.guardians["mother"]))
    assert code == 0
    assert "Vu par : Isabelle Tremblay (Mère) — Parent" in out
    assert "[masqué] Moyenne du groupe — L'école n'affiche pas la moyenne du groupe" in out
    assert "Nous joindre : École secondaire du Fleuve" in out


@pytest.mark.parametrize(("args", "message"), [
    (("--student", "7777777", "--role", "direction"), "Aucun élève avec la fiche « 7777777 »"),
    (("--student", "1000001", "--role", "concierge"), "Rôle inconnu « concierge »"),
    (("--student", "1000001", "--role", "teacher_specialist", "--subject", "XYZ"), "Matière inconnue « XYZ »"),
    (("--student", "1000001", "--role", "teacher_specialist"), "Précisez la matière"),
    (("--student", "1000001", "--staff", "9999"), "Membre du personnel introuvable"),
    (("--student", "1000001", "--guardian", "9999"), "Répondant introuvable"),
    (("--student", "1000001", "--role", "direction", "--board", "CSS99"), "au centre de services « CSS99 »"),
])
def test_bad_input_is_a_french_message_and_exit_2(capsys, world_url, args, message):
    url, _ = world_url
    code, out, err = _run(capsys, url, *args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_bad_date_is_refused(capsys, world_url):
    url, _ = world_url
    with pytest.raises(SystemExit) as refused:  # argparse refuses it, before anything is opened
        main(["--db", url, "preview", "--student", "1000001", "--role", "direction", "--date", "31/02/2026"])
    assert refused.value.code == 2
    assert "31/02/2026" in capsys.readouterr().err
