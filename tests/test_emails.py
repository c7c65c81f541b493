"""Email checks: what the secretary is told when a guardian's email is typed or stored."""

import pytest

from desktop.services.emails import check_email


@pytest.mark.parametrize("raw", [None, "", "   ", "\u200b"])
def test_blank_is_a_warning_not_an_error(raw):
    check = check_email(raw)
    assert check.codes == ("blank",)
    assert check.normalized is None
    assert check.acceptable
    assert "portail" in check.problems[0].message


def test_a_clean_address_passes_untouched():
    check = check_email("marie.tremblay@videotron.ca")
    assert check.problems == ()
    assert check.normalized == "marie.tremblay@videotron.ca"
    assert check.suggestion is None


@pytest.mark.parametrize("raw", [" marie@videotron.ca", "marie@videotron.ca  ", "marie @ videotron .ca",
                                 "marie@videotron.ca\u00a0", "\tmarie@videotron.ca"])
def test_stray_spaces_are_trimmed_with_a_notice(raw):
    check = check_email(raw)
    assert check.normalized == "marie@videotron.ca"
    assert check.codes == ("stray_spaces",)
    assert check.problems[0].severity == "notice"
    assert "marie@videotron.ca" in check.problems[0].message


@pytest.mark.parametrize("raw", ["a.roy@gmail.com; b.roy@gmail.com", "a.roy@gmail.com b.roy@gmail.com",
                                 "a.roy@gmail.com,b.roy@gmail.com", "a.roy@gmail.com / b.roy@gmail.com"])
def test_two_addresses_in_one_field_are_refused(raw):
    check = check_email(raw)
    assert check.codes == ("several_addresses",)
    assert not check.acceptable
    assert check.normalized is None
    assert "« a.roy@gmail.com » et « b.roy@gmail.com »" in check.problems[0].message


@pytest.mark.parametrize("raw, explanation", [
    ("marie.tremblay.gmail.com", "il manque le « @ »"),
    ("marie@gmail", "le domaine « gmail » est incomplet"),
    ("@gmail.com", "il manque la partie avant le « @ »"),
    ("marie@", "il manque le domaine"),
    ("marie..tremblay@gmail.com", "un point est mal placé"),
    ("marie@@gmail.com", "plus d'un « @ »"),
    ("marie tremblay@gmail.com", "une espace"),
    ("marie(t)@gmail.com", "caractère non permis : « ( » « ) »"),
])
def test_invalid_syntax_is_refused_with_a_french_explanation(raw, explanation):
    check = check_email(raw)
    assert check.codes[-1] == "invalid_syntax"
    assert not check.acceptable
    assert check.normalized is None
    assert "n'est pas une adresse courriel valide" in check.problems[-1].message
    assert explanation in check.problems[-1].message


@pytest.mark.parametrize("raw, meant", [
    ("nadia@gmial.com", "nadia@gmail.com"),
    ("nadia@gmai.com", "nadia@gmail.com"),
    ("nadia@hotmial.com", "nadia@hotmail.com"),
    ("nadia@hotmal.ca", "nadia@hotmail.ca"),
    ("nadia@outlok.com", "nadia@outlook.com"),
    ("nadia@yaho.ca", "nadia@yahoo.ca"),
    ("nadia@videotron.com", "nadia@videotron.ca"),
    ("nadia@hotmail.con", "nadia@hotmail.com"),
    ("Nadia@GMIAL.COM", "Nadia@gmail.com"),
])
def test_common_domain_typos_get_a_suggestion(raw, meant):
    check = check_email(raw)
    assert check.codes == ("domain_typo",)
    assert check.acceptable, "a typo warning must not block: the secretary decides"
    assert check.suggestion == meant
    assert f"Vouliez-vous dire « {meant} » ?" in check.problems[0].message


@pytest.mark.parametrize("raw", ["a@hotmail.fr", "a@yahoo.fr", "a@live.ca", "a@gmail.com", "a@yahoo.ca",
                                 "a@videotron.ca", "a@cgocable.ca", "a@csdm.qc.ca"])
def test_real_domains_are_never_corrected(raw):
    assert check_email(raw).problems == ()


def test_spaces_and_typo_are_both_reported():
    check = check_email("  nadia@gmial.com ")
    assert check.codes == ("stray_spaces", "domain_typo")
    assert check.normalized == "nadia@gmial.com"
    assert check.suggestion == "nadia@gmail.com"
