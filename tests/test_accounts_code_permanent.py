"""Code permanent and fiche rules (accounts.md §5): the hard rule refuses, the soft rule only warns."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.accounts.code_permanent import (
    ABSENT,
    COMPLETE,
    INCOMPLETE,
    INVALID,
    check_code_fits,
    check_code_permanent,
    check_fiche,
    check_student_identity,
)

BIRTH = date(2015, 3, 19)


@pytest.mark.parametrize("raw, status, normalized", [
    ("TREM19031512", COMPLETE, "TREM19031512"),
    ("trem 1903 1512", COMPLETE, "TREM19031512"),      # upper-cased, spaces removed
    ("TREM190315", INCOMPLETE, "TREM190315"),          # the ministry's two digits missing
    ("", ABSENT, None), (None, ABSENT, None),
    ("TRE119031512", INVALID, None), ("TREM1903151", INVALID, None), ("TREM1903151234", INVALID, None),
    ("TRÉM19031512", INVALID, None), ("1234TREM5678", INVALID, None), ("TREM1903ABCD", INVALID, None),
])
def test_hard_rule(raw, status, normalized):
    check = check_code_permanent(raw)
    assert (check.status, check.normalized) == (status, normalized)
    assert check.acceptable == (status != INVALID)
    if status == INVALID:
        assert "code permanent" in check.message


def test_wrong_length_is_explained_with_the_count():
    assert "11 caractères" in check_code_permanent("TREM1903151").message


@pytest.mark.parametrize("code, last, first, birth", [
    ("TREM19031512", "Tremblay", "Mathis", BIRTH),
    ("TREM19531512", "Tremblay", "Maëlle", BIRTH),          # month + 50 (girl)
    ("TREM19281512", "Tremblay", "Maëlle", BIRTH),          # month + 25
    ("TREM81031512", "Tremblay", "Mathis", BIRTH),          # day + 62
    ("COTE19031512", "Côté", "Émile", BIRTH),               # accents stripped
    ("STPM19031512", "St-Pierre Gagnon", "Marc", BIRTH),    # first part of a compound surname
    ("TREM190315", "Tremblay", "Mathis", BIRTH),            # incomplete codes are checked too
])
def test_soft_rule_accepts_published_variants(code, last, first, birth):
    assert check_code_fits(code, last, first, birth).fits


@pytest.mark.parametrize("code, last, first, part", [
    ("GAGM19031512", "Tremblay", "Mathis", "lettres du nom"),
    ("TREX19031512", "Tremblay", "Mathis", "lettre du prénom"),
    ("TREM20031512", "Tremblay", "Mathis", "jour de naissance"),
    ("TREM19041512", "Tremblay", "Mathis", "mois de naissance"),
    ("TREM03191512", "Tremblay", "Mathis", "jour de naissance"),  # day and month swapped
    ("TREM19031612", "Tremblay", "Mathis", "année de naissance"),
])
def test_soft_rule_names_the_part_that_does_not_fit(code, last, first, part):
    fit = check_code_fits(code, last, first, BIRTH)
    assert part in fit.parts
    assert "avertissement" in fit.message()


@pytest.mark.parametrize("last", ["Li", "Ng", "D'Amours", "L\u2019Heureux", "Ng Tran"])
def test_soft_rule_never_warns_on_short_surnames_or_apostrophes(last):
    assert check_code_fits("XYZM19031512", last, "Mathis", BIRTH).fits


@pytest.mark.parametrize("raw, ok", [("1", True), ("1234567", True), ("0012345", True), (" 12345 ", True),
                                     ("12345678", False), ("12A45", False), ("", False), ("-123", False)])
def test_fiche_rule(raw, ok):
    check = check_fiche(raw)
    assert check.acceptable == ok
    if ok:
        assert check.normalized == raw.strip()          # leading zeros kept
    else:
        assert "fiche" in check.message


def test_editor_check_refuses_hard_and_warns_soft():
    refused = check_student_identity("12345678", "TRE119031512", "Tremblay", "Mathis", BIRTH)
    assert not refused.acceptable and len(refused.errors) == 2
    warned = check_student_identity("1234", "gagm 19031512", "Tremblay", "Mathis", BIRTH)
    assert warned.acceptable and warned.code_permanent == "GAGM19031512"
    assert any("lettres du nom" in w for w in warned.warnings)
    incomplete = check_student_identity("1234", "TREM190315", "Tremblay", "Mathis", BIRTH)
    assert incomplete.acceptable and any("NIP" in w for w in incomplete.warnings)
    assert check_student_identity("1234", None, "Tremblay", "Mathis", BIRTH).acceptable
