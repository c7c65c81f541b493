"""Validating a code permanent and a numéro de fiche (accounts.md §5).

Sources of the rules (the layout is published, the ministry never published an algorithm):

- Ministère de l'Éducation, « Code permanent » (quebec.ca, page on the student's permanent
  code): "quatre lettres et huit chiffres", assigned by the ministry at first enrolment.
- University admission guides (e.g. Université de Montréal and Université Laval, "Code
  permanent du ministère") and newcomer guides give the breakdown: first three letters of the
  surname, first letter of the given name, day of birth, month of birth (+50 for girls), the
  last two digits of the year, then two digits the ministry assigns (a sequence, not a checksum).
- Codes seen in public material break that breakdown (day + 62, month + 25 when the ministry
  ran out of sequence numbers, letters taken from another part of a compound surname), which is
  why the breakdown is only a *soft* rule here: a warning, never a refusal.
- The portal's parent guide: "12 caractères ; 10 tant que le ministère ne l'a pas complété".
  Reading the incomplete form as four letters and six digits (the ministry's two digits
  missing) is our inference.

The **hard rule** (refuse to save) is only the shape: ``^[A-Z]{4}[0-9]{8}$`` after upper-casing
and removing spaces, or the incomplete ``^[A-Z]{4}[0-9]{6}$`` which is accepted but flagged.
Surnames under three letters or with an apostrophe are not documented anywhere: the soft rule
never warns on them.

Numéro de fiche: 1 to 7 digits, kept as text (leading zeros are significant), unique within a
board (the portal's association form asks for the board for that reason).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.services.text import fold

COMPLETE = "complete"
INCOMPLETE = "incomplete"
INVALID = "invalid"
ABSENT = "absent"

_COMPLETE = re.compile(r"^[A-Z]{4}[0-9]{8}$")
_INCOMPLETE = re.compile(r"^[A-Z]{4}[0-9]{6}$")
_FICHE = re.compile(r"^[0-9]{1,7}$")


@dataclass(frozen=True)
class CodePermanentCheck:
    """The hard rule's verdict on one typed or stored code permanent.

    ``status`` is ``complete``, ``incomplete`` (10 characters: save it, but the parent must use
    the fiche or a NIP), ``invalid`` (refuse to save) or ``absent`` (allowed at enrolment).
    ``normalized`` is the value to store (upper case, no spaces), None when absent or invalid.
    """

    status: str
    normalized: str | None
    message: str

    @property
    def acceptable(self) -> bool:
        return self.status != INVALID


def normalize_code_permanent(raw: str | None) -> str:
    """Upper case, every whitespace removed: the form the hard rule applies to."""
    return re.sub(r"\s+", "", raw or "").upper()


def check_code_permanent(raw: str | None) -> CodePermanentCheck:
    """The hard rule (accounts.md §5): the shape only, never the name or the birth date."""
    code = normalize_code_permanent(raw)
    if not code:
        return CodePermanentCheck(ABSENT, None, "Aucun code permanent (permis à l'inscription).")
    if _COMPLETE.match(code):
        return CodePermanentCheck(COMPLETE, code, "")
    if _INCOMPLETE.match(code):
        return CodePermanentCheck(
            INCOMPLETE, code,
            "Code permanent incomplet (10 caractères) : le ministère ne l'a pas encore complété. "
            "Le parent doit utiliser le numéro de fiche ou un NIP pour associer l'enfant.")
    return CodePermanentCheck(INVALID, None, _explain_invalid(code))


def _explain_invalid(code: str) -> str:
    prefix = f"« {code} » n'est pas un code permanent : "
    if len(code) not in (10, 12):
        return prefix + (f"il a {len(code)} caractères au lieu de 12 "
                         "(4 lettres puis 8 chiffres ; 10 s'il est incomplet).")
    if not code[:4].isalpha() or not code[:4].isascii():
        return prefix + "les 4 premiers caractères doivent être des lettres sans accent."
    return prefix + "après les 4 lettres, il ne doit y avoir que des chiffres."


@dataclass(frozen=True)
class CodePermanentFit:
    """The soft rule's verdict: which parts of a well-shaped code do not fit the student.

    ``parts`` names the parts that differ ("lettres du nom", "jour", "mois", "année"); empty
    when everything fits or when the rule does not apply (surname under three letters, apostrophe).
    """

    parts: tuple[str, ...]

    @property
    def fits(self) -> bool:
        return not self.parts

    def message(self) -> str:
        if self.fits:
            return ""
        return ("Le code permanent ne correspond pas au dossier (" + ", ".join(self.parts) + ") : "
                "vérifiez le nom, le prénom et la date de naissance, ou le code inscrit. "
                "Ce n'est qu'un avertissement : certains vrais codes s'écartent de la règle publiée.")


def surname_letters(last_name: str) -> str | None:
    """The three letters the layout takes from the surname, or None when the rule cannot say.

    First part of a hyphenated or multi-word surname, accents stripped, letters only. None for
    an apostrophe (D'Amours: the ministry's practice is not documented) or fewer than 3 letters.
    """
    if "'" in last_name or "\u2019" in last_name:
        return None
    parts = fold(last_name).split()
    if not parts:
        return None
    letters = "".join(ch for ch in parts[0] if "a" <= ch <= "z").upper()
    if len(letters) < 3:
        return None
    return letters[:3]


def given_initial(first_name: str) -> str:
    """The letter the layout takes from the given name ("" when it has no letter)."""
    return "".join(ch for ch in fold(first_name) if "a" <= ch <= "z").upper()[:1]


def check_code_fits(code: str, last_name: str, first_name: str, birth_date: date) -> CodePermanentFit:
    """The soft rule (accounts.md §5) on a code that passed the hard rule (10 or 12 characters).

    Day may be d or d+62, month m, m+50 or m+25; the sex is not checked (codes with the "wrong"
    offset exist), the last two digits are the ministry's and never checked.
    """
    code = normalize_code_permanent(code)
    if not (_COMPLETE.match(code) or _INCOMPLETE.match(code)):
        return CodePermanentFit(())
    parts: list[str] = []
    letters = surname_letters(last_name)
    given = given_initial(first_name)
    if letters is not None and code[:3] != letters:
        parts.append("lettres du nom")
    if given and code[3] != given:
        parts.append("lettre du prénom")
    day, month, year = int(code[4:6]), int(code[6:8]), int(code[8:10])
    if day not in (birth_date.day, birth_date.day + 62):
        parts.append("jour de naissance")
    if month not in (birth_date.month, birth_date.month + 50, birth_date.month + 25):
        parts.append("mois de naissance")
    if year != birth_date.year % 100:
        parts.append("année de naissance")
    return CodePermanentFit(tuple(parts))


@dataclass(frozen=True)
class FicheCheck:
    """Verdict on a numéro de fiche: ``normalized`` is what to store (spaces removed), or None."""

    normalized: str | None
    message: str

    @property
    def acceptable(self) -> bool:
        return self.normalized is not None


def check_fiche(raw: str | None) -> FicheCheck:
    """1 to 7 digits, as text (leading zeros kept): refuse anything else."""
    fiche = re.sub(r"\s+", "", raw or "")
    if _FICHE.match(fiche):
        return FicheCheck(fiche, "")
    if not fiche:
        return FicheCheck(None, "Le numéro de fiche est obligatoire (1 à 7 chiffres).")
    if not fiche.isdigit():
        return FicheCheck(None, f"« {fiche} » n'est pas un numéro de fiche : il ne contient que des chiffres (1 à 7).")
    return FicheCheck(None, f"« {fiche} » n'est pas un numéro de fiche : il a {len(fiche)} chiffres, au plus 7.")


@dataclass(frozen=True)
class StudentIdentityCheck:
    """What the student editor needs in one call: refusals (hard) and warnings (soft)."""

    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    fiche: str | None
    code_permanent: str | None

    @property
    def acceptable(self) -> bool:
        return not self.errors


def check_student_identity(fiche: str | None, code_permanent: str | None, last_name: str,
                           first_name: str, birth_date: date | None) -> StudentIdentityCheck:
    """Fiche and code permanent as the student editor saves them: refuse on the hard rule, warn on the soft."""
    errors: list[str] = []
    warnings: list[str] = []
    fiche_check = check_fiche(fiche)
    if not fiche_check.acceptable:
        errors.append(fiche_check.message)
    code_check = check_code_permanent(code_permanent)
    if code_check.status == INVALID:
        errors.append(code_check.message)
    elif code_check.status == INCOMPLETE:
        warnings.append(code_check.message)
    if code_check.normalized and birth_date is not None:
        fit = check_code_fits(code_check.normalized, last_name, first_name, birth_date)
        if not fit.fits:
            warnings.append(fit.message())
    return StudentIdentityCheck(tuple(errors), tuple(warnings), fiche_check.normalized, code_check.normalized)
