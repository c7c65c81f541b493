"""Checking a guardian's email the way the parent portal needs it (accounts.md §2).

The email on file is the guardian's only way into the portal: a trailing space copied from a
message, two addresses typed in one field or ``gmial.com`` mean the verification code never
arrives. ``check_email`` says what is wrong, in French, and what the address should probably be.

Severities (stable, other services build findings on them):

- ``error``: the address cannot be saved as typed (``several_addresses``, ``invalid_syntax``);
- ``warning``: it can be saved but someone should look (``blank``: the guardian cannot create an
  account; ``domain_typo``: a well-known misspelling of a common provider, with a suggestion);
- ``notice``: it was fixed silently and the secretary is told (``stray_spaces``).

Syntax is checked by email-validator without any network lookup (``check_deliverability=False``):
the office must work offline, and a DNS answer says nothing about a typo in a real domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email


class EmailSeverity(StrEnum):
    """How much a problem of an email matters: an error blocks the save, a notice only informs."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


ERROR, WARNING, NOTICE = EmailSeverity.ERROR, EmailSeverity.WARNING, EmailSeverity.NOTICE

# Misspellings seen in school offices, each mapped to the provider the parent meant. Only
# unambiguous typos of the providers Quebec families use: a real but different domain
# (hotmail.fr, yahoo.fr, live.ca…) must never be "corrected".
DOMAIN_TYPOS: dict[str, str] = {
    # Gmail
    "gmial.com": "gmail.com", "gmai.com": "gmail.com", "gmal.com": "gmail.com",
    "gamil.com": "gmail.com", "gnail.com": "gmail.com", "gmaill.com": "gmail.com",
    "gmail.co": "gmail.com", "gmail.cm": "gmail.com", "gmail.om": "gmail.com",
    "gmail.ca": "gmail.com", "gmail.comm": "gmail.com",
    "gmsil.com": "gmail.com", "gmil.com": "gmail.com", "gmali.com": "gmail.com",
    # Hotmail
    "hotmial.com": "hotmail.com", "hotmal.com": "hotmail.com", "hotmai.com": "hotmail.com",
    "hotmil.com": "hotmail.com", "hotamil.com": "hotmail.com", "homail.com": "hotmail.com",
    "hotmaill.com": "hotmail.com", "hotmail.co": "hotmail.com", "hotmail.cm": "hotmail.com",
    "hotmial.ca": "hotmail.ca", "hotmal.ca": "hotmail.ca", "hotmai.ca": "hotmail.ca",
    "hotmil.ca": "hotmail.ca", "homail.ca": "hotmail.ca", "hotamil.ca": "hotmail.ca",
    # Outlook / Live
    "outlok.com": "outlook.com", "outloo.com": "outlook.com", "outlool.com": "outlook.com",
    "outllok.com": "outlook.com", "outook.com": "outlook.com", "outlook.co": "outlook.com",
    "outlok.ca": "outlook.ca",
    # Yahoo
    "yaho.ca": "yahoo.ca", "yahooo.ca": "yahoo.ca", "yhoo.ca": "yahoo.ca", "yahou.ca": "yahoo.ca",
    "yaho.com": "yahoo.com", "yahooo.com": "yahoo.com", "yhoo.com": "yahoo.com", "yahoo.co": "yahoo.com",
    # Quebec providers: customers of Vidéotron are @videotron.ca (videotron.com is the company's own).
    "videotron.com": "videotron.ca", "videotrom.ca": "videotron.ca", "videotorn.ca": "videotron.ca",
    "vidéotron.ca": "videotron.ca", "videotron.qc": "videotron.ca",
    "sympatico.com": "sympatico.ca", "sympatic.ca": "sympatico.ca", "symaptico.ca": "sympatico.ca",
    "globetroter.net": "globetrotter.net", "cgocable.com": "cgocable.ca",
    # Apple
    "iclod.com": "icloud.com", "icoud.com": "icloud.com", "icloud.co": "icloud.com",
}

# Top-level domains that do not exist and are one key away from ".com".
TLD_TYPOS = {"con": "com", "cmo": "com", "ocm": "com", "vom": "com", "xom": "com"}

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SEPARATORS = re.compile(r"[\s,;/]+")
# A space next to "@" or "." is always a slip; one between two letters may hide a missing dot,
# so it is left for the syntax check to refuse rather than guessed away.
_AROUND_PUNCTUATION = re.compile(r"\s*([@.])\s*")


@dataclass(frozen=True)
class EmailProblem:
    """One thing wrong with an email. ``code`` is stable (findings and tests key on it)."""

    code: str
    message: str
    severity: EmailSeverity

    @property
    def blocking(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class EmailCheck:
    """What ``check_email`` found.

    ``normalized`` is the address to store (None when blank or unusable); ``suggestion`` is the
    address the secretary probably meant, offered with a ``domain_typo`` warning.
    """

    normalized: str | None
    problems: tuple[EmailProblem, ...]
    suggestion: str | None

    @property
    def acceptable(self) -> bool:
        """True when the address may be saved (possibly with warnings)."""
        return not any(problem.blocking for problem in self.problems)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(problem.code for problem in self.problems)

    def problem(self, code: str) -> EmailProblem | None:
        return next((p for p in self.problems if p.code == code), None)


def check_email(raw: str | None) -> EmailCheck:
    """Check one email field as typed or stored; never raises."""
    text = _INVISIBLE.sub("", raw or "")
    if not text.strip():
        return EmailCheck(None, (EmailProblem(
            "blank", "Aucun courriel : ce répondant ne pourra pas créer de compte sur le portail.", WARNING),), None)
    if len([part for part in _SEPARATORS.split(text.strip()) if "@" in part]) > 1:
        return EmailCheck(None, (_several_addresses(text),), None)

    problems: list[EmailProblem] = []
    candidate = _AROUND_PUNCTUATION.sub(r"\1", text.strip())
    if candidate != text:
        problems.append(EmailProblem(
            "stray_spaces", f"Espaces en trop retirés : « {candidate} ».", NOTICE))

    syntax_error = _syntax_problem(candidate)
    if syntax_error is not None:
        return EmailCheck(None, (*problems, syntax_error), None)

    normalized = validate_email(candidate, check_deliverability=False).normalized
    suggestion = _suggest(normalized)
    if suggestion is not None:
        domain = normalized.rsplit("@", 1)[1]
        problems.append(EmailProblem(
            "domain_typo",
            f"Le domaine « {domain} » ressemble à une faute de frappe. Vouliez-vous dire « {suggestion} » ?",
            WARNING))
    return EmailCheck(normalized, tuple(problems), suggestion)


def _several_addresses(text: str) -> EmailProblem:
    parts = [part for part in _SEPARATORS.split(text.strip()) if "@" in part]
    listed = " et ".join(f"« {part} »" for part in parts[:2])
    return EmailProblem(
        "several_addresses",
        f"Un seul courriel par répondant : ce champ en contient plusieurs ({listed}). "
        "Gardez celui que le parent utilisera pour le portail.", ERROR)


def _syntax_problem(candidate: str) -> EmailProblem | None:
    """A French explanation of why ``candidate`` is not an address, or None if it is one."""
    try:
        validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return EmailProblem("invalid_syntax", _explain_syntax(candidate), ERROR)
    return None


def _explain_syntax(candidate: str) -> str:
    prefix = f"« {candidate} » n'est pas une adresse courriel valide : "
    if "@" not in candidate:
        return prefix + "il manque le « @ »."
    if candidate.count("@") > 1:
        return prefix + "elle contient plus d'un « @ »."
    if any(ch.isspace() for ch in candidate):
        return prefix + "elle contient une espace (manque-t-il un point ?)."
    local, domain = candidate.split("@", 1)
    if not local:
        return prefix + "il manque la partie avant le « @ »."
    if not domain:
        return prefix + "il manque le domaine après le « @ » (ex. gmail.com)."
    if "." not in domain:
        return prefix + f"le domaine « {domain} » est incomplet (il manque par exemple « .com » ou « .ca »)."
    if ".." in candidate or local.startswith(".") or local.endswith(".") or domain.startswith("."):
        return prefix + "un point est mal placé (deux points de suite, ou un point au début ou à la fin)."
    if domain.endswith("."):
        return prefix + "le domaine se termine par un point."
    odd = sorted({ch for ch in candidate if not (ch.isalnum() or ch in "@.-_+'")})
    if odd:
        shown = " ".join(f"« {ch} »" for ch in odd)
        return prefix + f"caractère non permis : {shown}."
    return prefix + "vérifiez l'orthographe du domaine."


# Providers Quebec families use. A domain one keystroke away from one of them (and not itself
# one of them) is a probable typo even when DOMAIN_TYPOS misses it
# (e.g. "iclould.com", "bell.nte"). Only names of 8 characters or more: a keystroke away from a
# short name is too often another real domain.
COMMON_DOMAINS = frozenset({
    "gmail.com", "hotmail.com", "hotmail.ca", "hotmail.fr", "outlook.com", "outlook.ca", "outlook.fr",
    "live.ca", "live.com", "live.fr", "msn.com", "videotron.ca", "videotron.qc.ca", "yahoo.ca",
    "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "mac.com", "bell.net", "sympatico.ca",
    "globetrotter.net", "cgocable.ca", "cooptel.qc.ca", "derytele.com", "protonmail.com", "proton.me",
})


def _one_keystroke_apart(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


@lru_cache(maxsize=4096)
def near_common_domain(domain: str) -> str | None:
    """The common provider ``domain`` is probably a typo of, or None (cached: domains repeat)."""
    domain = domain.lower()
    if domain in COMMON_DOMAINS:
        return None
    for common in COMMON_DOMAINS:
        if len(common) >= 8 and _one_keystroke_apart(domain, common):
            return common
    return None


def _suggest(normalized: str) -> str | None:
    local, domain = normalized.rsplit("@", 1)
    domain = domain.lower()
    if domain in DOMAIN_TYPOS:
        return f"{local}@{DOMAIN_TYPOS[domain]}"
    name, _, tld = domain.rpartition(".")
    if name and tld in TLD_TYPOS:
        fixed = f"{name}.{TLD_TYPOS[tld]}"
        return f"{local}@{DOMAIN_TYPOS.get(fixed, fixed)}"
    common = near_common_domain(domain)
    return f"{local}@{common}" if common else None


def email_risk(raw: str) -> str | None:
    """Why a stored email probably never receives the portal's verification code (visibility.md §7.5,
    accounts.md §4), in French; None when the address is sound."""
    try:
        validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError:
        return f"Le courriel au dossier (« {raw} ») n'est pas une adresse valide."
    if raw != raw.strip():
        return f"Le courriel au dossier (« {raw} ») contient des espaces en trop."
    check = check_email(raw)
    typo = check.problem("domain_typo")
    if typo is not None:
        return typo.message
    domain = raw.strip().rsplit("@", 1)[1].lower()
    common = near_common_domain(domain)
    if common is not None:
        return f"Le domaine « {domain} » ressemble à une faute de frappe (« {common} » ?)."
    return None
