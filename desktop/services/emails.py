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
email-validator and rapidfuzz are imported at the first check, not with this module: the
student pages import it at launch, and the two cost 40 to 60 ms of a launch that checks nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from desktop.paths import resource


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

# A pasted « Marie Tremblay <marie@gmail.com> » or "mailto:marie@gmail.com": the address is inside.
_NAMED_ADDRESS = re.compile(r"[^<>]*<\s*(?:mailto:)?(?P<address>[^<>]+?)\s*>\s*|mailto:(?P<bare>\S+)", re.IGNORECASE)
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
    problems: list[EmailProblem] = []
    named = _NAMED_ADDRESS.fullmatch(text.strip())
    if named:
        text = named.group("address") or named.group("bare")
        problems.append(EmailProblem(
            "display_name", f"Seule l'adresse est gardée : « {text.strip()} » (le nom et les < > sont retirés).",
            NOTICE))
    if len([part for part in _SEPARATORS.split(text.strip()) if "@" in part]) > 1:
        return EmailCheck(None, (_several_addresses(text),), None)

    candidate = _AROUND_PUNCTUATION.sub(r"\1", text.strip())
    if candidate != text:
        problems.append(EmailProblem(
            "stray_spaces", f"Espaces en trop retirés : « {candidate} ».", NOTICE))
    local, at, domain = candidate.rpartition("@")
    if at and "," in domain:
        candidate = f"{local}@{domain.replace(',', '.')}"
        problems.append(EmailProblem(
            "comma_in_domain", f"Virgule remplacée par un point dans le domaine : « {candidate} ».", NOTICE))

    from email_validator import EmailNotValidError, validate_email

    try:  # once: the check is most of this function's cost (a board's findings ask it thousands of times)
        normalized = validate_email(candidate, check_deliverability=False).normalized
    except EmailNotValidError:
        return EmailCheck(None, (*problems, EmailProblem("invalid_syntax", _explain_syntax(candidate), ERROR)), None)
    local = normalized.rsplit("@", 1)[0]
    if not local.isascii():
        odd = " ".join(f"« {ch} »" for ch in dict.fromkeys(ch for ch in local if not ch.isascii()))
        problems.append(EmailProblem(
            "non_ascii_local",
            f"L'adresse « {normalized} » contient {odd} avant le « @ » : beaucoup de systèmes de courriel ne "
            "peuvent pas livrer à une telle adresse (Gmail, Outlook et Yahoo n'en créent pas). "
            "Vérifiez l'orthographe avec le parent, sans accent.", WARNING))
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


def _data_words(name: str) -> tuple[str, ...]:
    """The words of ``resources/email/<name>`` in file order, without comments or repeats."""
    lines = resource("email", name).read_text(encoding="utf-8").splitlines()
    words = (word.lower() for line in lines if not line.lstrip().startswith("#") for word in line.split())
    return tuple(dict.fromkeys(words))


# Real providers Quebec families use (resources/email/providers.txt), most used first: never
# "corrected", and the targets of the near-miss suggestion. The order is the tie-break, so the same
# typing always gets the same suggestion (a set's order changes from one run to the next).
PROVIDERS: tuple[str, ...] = _data_words("providers.txt")
_PROVIDER_RANK = {domain: rank for rank, domain in enumerate(PROVIDERS)}
COMMON_DOMAINS = frozenset(PROVIDERS)

# Top-level domains that exist: the generic ones and every country code. "hotmail.de" is two
# keystrokes from hotmail.fr, but it is Hotmail in Germany, not a typo; ".cq" is no country.
KNOWN_TLDS = frozenset(_data_words("tlds.txt"))


def _allowed_keystrokes(provider: str) -> int:
    """How many keystrokes a typo of ``provider`` may be away: none for short names (too many real
    neighbours), one up to 8 characters, two from 9 ("icould.com" → icloud.com)."""
    if len(provider) < 6:
        return 0
    return 1 if len(provider) < 9 else 2


def _other_country(domain: str, provider: str) -> bool:
    """True when ``domain`` is ``provider``'s brand under another real country code (yahoo.co.jp)."""
    name, _, tld = domain.rpartition(".")
    return tld in KNOWN_TLDS and name == provider.rpartition(".")[0]


@lru_cache(maxsize=4096)
def near_common_domain(domain: str) -> str | None:
    """The real provider ``domain`` is probably a typo of, or None (cached: domains repeat).

    In order: a real provider is never changed; a misspelling seen in offices (DOMAIN_TYPOS); a
    top-level domain that does not exist (".con", ".cq"); then the provider fewest keystrokes away
    (insertion, deletion, substitution or swap of neighbours, by rapidfuzz's OSA distance), within
    what ``_allowed_keystrokes`` allows; ties go to the provider listed first.
    """
    domain = domain.lower().rstrip(".")
    if domain in _PROVIDER_RANK:
        return None
    if domain in DOMAIN_TYPOS:
        return DOMAIN_TYPOS[domain]
    name, _, tld = domain.rpartition(".")
    if name and tld in TLD_TYPOS:
        fixed = f"{name}.{TLD_TYPOS[tld]}"
        return fixed if fixed in _PROVIDER_RANK else DOMAIN_TYPOS.get(fixed) or near_common_domain(fixed) or fixed
    from rapidfuzz.distance import OSA

    best: tuple[int, int, str] | None = None
    for provider in PROVIDERS:
        allowed = _allowed_keystrokes(provider)
        if not allowed or abs(len(provider) - len(domain)) > allowed:
            continue
        distance = OSA.distance(domain, provider, score_cutoff=allowed)
        if distance > allowed or (distance >= 2 and _other_country(domain, provider)):
            continue
        candidate = (distance, _PROVIDER_RANK[provider], provider)
        if best is None or candidate < best:
            best = candidate
    return best[2] if best else None


def _suggest(normalized: str) -> str | None:
    local, domain = normalized.rsplit("@", 1)
    common = near_common_domain(domain)
    return f"{local}@{common}" if common else None


def email_risk(raw: str) -> str | None:
    """Why a stored email probably never receives the portal's verification code (visibility.md §7.5,
    accounts.md §4), in French; None when the address is sound."""
    from email_validator import EmailNotValidError, validate_email

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
