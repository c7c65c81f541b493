"""The email check measured on real Quebec/Canadian provider domains and generated typos of them.

Precision: of the suggestions made, how many name the provider the typo came from. Recall: of
the typos, how many get that provider suggested. A real provider must never be "corrected".
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rapidfuzz.distance import OSA

from desktop.services.emails import PROVIDERS, check_email, near_common_domain

# Neighbouring keys on a QWERTY (Canadian) keyboard: the substitutions fingers really make.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS = {
    key: {row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)}
    | {other[j] for other in _ROWS if other != row for j in (i - 1, i, i + 1) if 0 <= j < len(other)}
    for row in _ROWS for i, key in enumerate(row)
}
# Real domains that are not providers but sit near some (school boards, universities, employers).
REAL_OTHER_DOMAINS = (
    "csdm.qc.ca", "cssdm.gouv.qc.ca", "csmb.qc.ca", "umontreal.ca", "ulaval.ca", "usherbrooke.ca", "uqam.ca",
    "mcgill.ca", "polymtl.ca", "desjardins.com", "bnc.ca", "hydroquebec.com", "canada.ca",
    "bell.ca", "telus.com", "rogers.ca", "hotmail.no", "yahoo.co.jp", "outlook.sa", "live.nl", "gmx.de",
)


def one_keystroke_typos(domain: str) -> set[str]:
    """Deletions, doubled letters, neighbouring-key substitutions and swaps, plus a wrong top-level domain."""
    typos: set[str] = set()
    for i, ch in enumerate(domain):
        if ch == ".":
            continue
        typos.add(domain[:i] + domain[i + 1:])
        typos.add(domain[:i] + ch + domain[i:])
        typos.update(domain[:i] + key + domain[i + 1:] for key in NEIGHBOURS.get(ch, ()))
        if i + 1 < len(domain) and domain[i + 1] != "." and domain[i + 1] != ch:
            typos.add(domain[:i] + domain[i + 1] + ch + domain[i + 2:])
    return {t for t in typos if "." in t and not t.startswith(".") and ".." not in t and not t.endswith(".")}


def two_keystroke_typos(domain: str) -> set[str]:
    """A swap plus a deletion (the "gmial.cm" kind), on names long enough to be told apart."""
    if len(domain) < 9:
        return set()
    typos = {two for one in one_keystroke_typos(domain) if OSA.distance(one, domain) == 1
             for two in one_keystroke_typos(one) if OSA.distance(two, domain) == 2}
    return set(sorted(typos)[::25])  # a fixed sample: every typo would take seconds, not add knowledge


def _measure(typos_of) -> tuple[float, float, int]:
    provider_set = set(PROVIDERS)
    suggested = correct = total = 0
    for provider in PROVIDERS:
        for typo in sorted(typos_of(provider)):
            distance = OSA.distance(typo, provider)
            if typo in provider_set or any(OSA.distance(typo, other) <= distance
                                           for other in PROVIDERS if other != provider):
                continue  # a real provider, or as close to another one: not this provider's typo to claim
            total += 1
            suggestion = near_common_domain(typo)
            if suggestion is not None:
                suggested += 1
                correct += suggestion == provider
    return correct / suggested, correct / total, total


def test_the_provider_list_holds_the_quebec_providers():
    for domain in ("ymail.com", "mail.com", "email.com", "outlook.com", "hotmail.ca", "live.ca", "videotron.ca",
                   "sympatico.ca", "icloud.com", "yahoo.ca", "gmail.com", "bell.net", "globetrotter.net",
                   "cgocable.ca", "cogeco.ca", "telus.net", "shaw.ca", "rogers.com"):
        assert domain in PROVIDERS


@pytest.mark.parametrize("domain", PROVIDERS)
def test_a_real_provider_is_never_corrected(domain):
    check = check_email(f"marie.tremblay@{domain}")
    assert check.suggestion is None and check.problems == ()


def test_real_domains_that_are_not_providers_are_not_corrected():
    false_alarms = [d for d in REAL_OTHER_DOMAINS if near_common_domain(d) is not None]
    assert len(false_alarms) / len(REAL_OTHER_DOMAINS) <= 0.05, false_alarms


def test_one_keystroke_typos_of_providers_are_caught():
    precision, recall, total = _measure(one_keystroke_typos)
    print(f"one keystroke: {total} typos, precision {precision:.3f}, recall {recall:.3f}")
    assert total > 2000
    assert precision >= 0.99 and recall >= 0.85, (precision, recall)


def test_two_keystroke_typos_of_long_provider_names_are_caught():
    precision, recall, total = _measure(two_keystroke_typos)
    print(f"two keystrokes: {total} typos, precision {precision:.3f}, recall {recall:.3f}")
    assert total > 5000
    assert precision >= 0.99 and recall >= 0.75, (precision, recall)


@pytest.mark.parametrize(("raw", "meant"), [
    ("a@live.cq", "a@live.ca"), ("a@icould.com", "a@icloud.com"), ("a@gmial.cm", "a@gmail.com"),
    ("a@hotmail.cq", "a@hotmail.ca"), ("a@videotorn.ca", "a@videotron.ca"), ("a@sympatco.ca", "a@sympatico.ca"),
])
def test_tld_and_two_keystroke_typos_get_a_suggestion(raw, meant):
    assert check_email(raw).suggestion == meant


def test_same_suggestion_every_run_whatever_the_hash_seed():
    """A set's iteration order changes with PYTHONHASHSEED: the suggestion must not."""
    code = ("from desktop.services.emails import check_email;"
            "print([check_email(a).suggestion for a in ('a@outlook.cm', 'a@gail.com', 'a@hotmail.cq', 'a@live.cm')])")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3, 4)}
    assert len(outputs) == 1, outputs


def test_a_comma_for_a_dot_is_fixed_with_a_notice():
    check = check_email("marie@gmail,com")
    assert check.normalized == "marie@gmail.com" and check.codes == ("comma_in_domain",) and check.acceptable


def test_an_accented_local_part_is_a_warning():
    check = check_email("josée@gmail.com")
    assert check.codes == ("non_ascii_local",) and check.acceptable
    assert "« é »" in check.problems[0].message and "livrer" in check.problems[0].message


@pytest.mark.parametrize("pasted", [
    "Marie Tremblay <marie@gmail.com>", "« Marie Tremblay » <marie@gmail.com>", '"Tremblay, Marie" <marie@gmail.com>',
    "<marie@gmail.com>", "mailto:marie@gmail.com", "Marie Tremblay <mailto:marie@gmail.com>",
])
def test_a_pasted_name_and_address_keeps_the_address(pasted):
    check = check_email(pasted)
    assert check.normalized == "marie@gmail.com" and check.acceptable
    assert check.codes == ("display_name",)
