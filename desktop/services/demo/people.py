"""Families of the demo board: children, their guardians, emails and codes permanents.

Families are generated first (siblings share guardians, an address, a primary and a secondary
school catchment); the data problems real offices live with are then planted at the rates
below, each one recorded so tests and the summary can count them.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING, Generic, TypeVar

from desktop.services.demo import content
from desktop.services.text import fold, letters_only

if TYPE_CHECKING:
    from desktop.services.demo.board import GroupPlan, SchoolPlan
    from desktop.services.demo.writer import IdSequence

T = TypeVar("T")
# (name, postal-code prefix, area code)
Town = tuple[str, str, str]


class Weights(Generic[T]):
    """Values and their weights, given as ``(value, weight)`` pairs, ready to be drawn from.

    ``draw`` is the same draw as ``rng.choices(values, weights)[0]`` without its per-call set-up,
    which dominated the generation time (this runs a million times for 100,000 students); the
    sums are made once, here, rather than looked up at each draw.
    """

    __slots__ = ("cumulative", "total", "values")

    def __init__(self, pairs: Sequence[tuple[T, int]]) -> None:
        values, weights = zip(*pairs, strict=True)
        self.values: tuple[T, ...] = values
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        """One value, drawn by weight."""
        return self.values[bisect_right(self.cumulative, rng.random() * self.total)]


# --- Rates of the data problems planted in guardians' emails and students' codes -------------
# Guardians with no email on file: parents who never gave one, or gave it on paper only.
NO_EMAIL_RATE = 0.06
# Families with two guardians where both were entered with the same email (a "family" address).
COUPLE_SHARED_EMAIL_RATE = 0.03
# Families with several children where one guardian was entered twice (once per child, often in
# two schools) with a different email each time.
SIBLING_SPLIT_EMAIL_RATE = 0.02
# Pairs of unrelated families sharing one email (typo, or a grandmother's address): a handful,
# about one pair per thousand families, never fewer than two pairs.
UNRELATED_SHARED_EMAIL_PER_FAMILY = 0.001
UNRELATED_SHARED_EMAIL_MIN_PAIRS = 2
# Emails whose domain is a typo of a common one (gmial.com, hotmial.com, videotron.com…).
TYPO_DOMAIN_RATE = 0.01
# Emails with stray spaces, or two addresses typed into one field: a few per thousand.
STRAY_SPACES_RATE = 0.003
TWO_ADDRESSES_RATE = 0.002
# Codes permanents: 10 characters (ministry digits missing), absent (new arrivals), or present
# but not matching the name or birth date (name changed since, data entry error).
INCOMPLETE_CODE_RATE = 0.02
ABSENT_CODE_RATE = 0.01
MISMATCHED_CODE_RATE = 0.003

EMAIL_DOMAINS = Weights((("gmail.com", 38), ("hotmail.com", 24), ("outlook.com", 9), ("videotron.ca", 11),
                         ("yahoo.ca", 7), ("icloud.com", 7), ("bell.net", 4)))
TYPO_DOMAINS = {
    "gmail.com": ("gmial.com", "gmail.con", "gmal.com", "gmail.co"),
    "hotmail.com": ("hotmial.com", "hotmail.cm", "hotmai.com", "hotmail.co"),
    "outlook.com": ("outlok.com", "outlook.cm"),
    "videotron.ca": ("videotron.com", "videotron.qc", "videotrom.ca"),
    "yahoo.ca": ("yahooo.ca", "yaho.ca"),
    "icloud.com": ("iclould.com", "icloud.cm"),
    "bell.net": ("bell.nte", "belll.net"),
}

# Family structure: (kind, weight). Together: both parents live with the children.
FAMILY_KINDS = Weights((("together", 62), ("separated", 25), ("single", 10), ("tutor", 3)))
FAMILY_SIZES = Weights(((1, 45), (2, 38), (3, 13), (4, 4)))
STEP_PARENT_RATE = 0.04
SAME_SEX_COUPLE_RATE = 0.02  # two mothers or two fathers on file
# Families living beyond walking distance of their schools (most of a rural board).
TRANSPORT_ENTITLED_RATE = 0.72


@dataclass(slots=True)
class GuardianPlan:
    id: int
    last_name: str
    first_name: str
    sex: str
    address: str
    home_phone: str = ""
    cell_phone: str = ""
    work_phone: str = ""
    other_phone: str = ""
    email: str | None = None


@dataclass(slots=True)
class Link:
    guardian: GuardianPlan
    rank: int | None
    relationship: str
    lives_with: bool


@dataclass(slots=True)
class ChildPlan:
    sex: str
    first_name: str
    last_name: str
    birth_date: date
    grade_overall: int  # 1-6 primary, 7-11 secondary 1-5
    links: list[Link] = field(default_factory=list)
    id: int = 0
    fiche: str = ""
    code_permanent: str | None = None
    board_id: int = 0
    ability: float = 75.0
    # Set before anything reads them (FamilyBuilder sets the family, the board builder the rest):
    # catchment schools, current group, groups of earlier years.
    primary_school: SchoolPlan = field(init=False, repr=False, compare=False)
    secondary_school: SchoolPlan = field(init=False, repr=False, compare=False)
    group: GroupPlan = field(init=False, repr=False, compare=False)
    history: list[GroupPlan] = field(default_factory=list)
    family: Family = field(init=False, repr=False, compare=False)
    newcomer: bool = False

    @property
    def level(self) -> str:
        return "primary" if self.grade_overall <= 6 else "secondary"

    @property
    def grade(self) -> int:
        return self.grade_overall if self.grade_overall <= 6 else self.grade_overall - 6


@dataclass(slots=True)
class Family:
    board_index: int
    town: Town
    address: str
    links: list[Link]
    children: list[ChildPlan]
    # School transport: families living far enough are entitled, siblings share the stop.
    transport_entitled: bool = False
    bus_stop: str = ""
    route: int = 0


@dataclass
class PlantedProblems:
    """What was planted, for the summary and the tests (ids of the guardians/students involved)."""

    guardians_without_email: list[int] = field(default_factory=list)
    couples_sharing_email: list[tuple[int, int]] = field(default_factory=list)
    guardians_split_across_siblings: list[tuple[int, int]] = field(default_factory=list)
    unrelated_families_sharing_email: list[tuple[int, int]] = field(default_factory=list)
    typo_domains: list[int] = field(default_factory=list)
    stray_spaces: list[int] = field(default_factory=list)
    two_addresses: list[int] = field(default_factory=list)
    incomplete_codes: list[int] = field(default_factory=list)
    absent_codes: list[int] = field(default_factory=list)
    mismatched_codes: list[int] = field(default_factory=list)


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` for the hot loops: one ``random()`` call instead of bit-level rejection
    (which took a fifth of the generation time)."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randrange(low, high)`` for the hot loops (see ``pick``)."""
    return low + int(rng.random() * (high - low))


def phone(rng: random.Random, area: str) -> str:
    return f"{area} 555-{between(rng, 0, 10000):04d}"


def street_address(rng: random.Random, town: tuple[str, str, str]) -> str:
    name, prefix, _area = town
    postal = f"{prefix} {between(rng, 0, 10)}{pick(rng, 'ABCEGHJKLMNPRSTVXY')}{between(rng, 0, 10)}"
    street = f"{pick(rng, content.STREET_KINDS)} {pick(rng, content.STREET_NAMES)}"
    apartment = f", app. {between(rng, 1, 12)}" if rng.random() < 0.15 else ""
    return f"{between(rng, 10, 3000)} {street}{apartment}, {name} (Québec) {postal}"


def birth_date_for(rng: random.Random, school_year: int, grade_overall: int, held_back: bool) -> date:
    """Quebec entry rule: grade 1 children are 6 on September 30 of the school year."""
    start = date(school_year - 6 - grade_overall - (1 if held_back else 0), 10, 1)
    return start + timedelta(days=between(rng, 0, 365))


class FamilyBuilder:
    """Builds families for one board with one random stream (deterministic per seed)."""

    def __init__(self, rng: random.Random, school_year: int, guardian_ids: IdSequence) -> None:
        self.rng = rng
        self.school_year = school_year
        self.guardian_ids = guardian_ids

    def build(self, board_index: int, towns: Sequence[Town], students: int) -> list[Family]:
        families = []
        remaining = students
        while remaining > 0:
            size = min(remaining, FAMILY_SIZES.draw(self.rng))
            families.append(self._family(board_index, towns, size))
            remaining -= size
        return families

    def _family(self, board_index: int, towns: Sequence[Town], size: int) -> Family:
        rng = self.rng
        town = pick(rng, towns)
        address = street_address(rng, town)
        father_last = pick(rng, content.QUEBEC_SURNAMES)
        mother_last = pick(rng, content.QUEBEC_SURNAMES)
        kind = FAMILY_KINDS.draw(rng)
        links: list[Link] = []
        if kind == "tutor":  # a grandparent or other relative holds custody
            tutor = self._guardian(pick(rng, content.QUEBEC_SURNAMES), pick(rng, "FM"), address, town)
            links.append(Link(tutor, 1, "Tutrice" if tutor.sex == "F" else "Tuteur", True))
            child_last = father_last
        elif kind == "single":  # the other parent is not on file
            parent = (self._guardian(mother_last, "F", address, town) if rng.random() < 0.8
                      else self._guardian(father_last, "M", address, town))
            links.append(Link(parent, 1, "Mère" if parent.sex == "F" else "Père", True))
            child_last = father_last if rng.random() < 0.6 else parent.last_name
        else:
            sexes = ("F", "M")  # parent_a carries mother_last, parent_b father_last
            if rng.random() < SAME_SEX_COUPLE_RATE:
                sexes = ("F", "F") if rng.random() < 0.5 else ("M", "M")
            parent_a = self._guardian(mother_last, sexes[0], address, town)
            parent_b = self._guardian(father_last, sexes[1],
                                    address if kind == "together" else street_address(rng, town), town)
            first, second = (parent_a, parent_b) if rng.random() < 0.65 else (parent_b, parent_a)
            second_lives = kind == "together" or rng.random() < 0.4  # shared custody
            links.append(Link(first, 1, "Mère" if first.sex == "F" else "Père", True))
            links.append(Link(second, 2, "Mère" if second.sex == "F" else "Père", second_lives))
            child_last = self._child_surname(father_last, mother_last)
            if rng.random() < STEP_PARENT_RATE:
                step = self._guardian(pick(rng, content.QUEBEC_SURNAMES), "M" if first.sex == "F" else "F",
                                      first.address, town)
                links.append(Link(step, None, "Conjoint de la mère" if first.sex == "F" else "Conjointe du père",
                                  True))
        children = self._children(size, child_last)
        for child in children:
            child.links = list(links)
        family = Family(board_index, town, address, links, children,
                        transport_entitled=rng.random() < TRANSPORT_ENTITLED_RATE,
                        bus_stop=f"coin {pick(rng, content.STREET_NAMES)} et {pick(rng, content.STREET_NAMES)}",
                        route=between(rng, 1, 40))
        for child in children:
            child.family = family
        return family

    def _child_surname(self, father: str, mother: str) -> str:
        roll = self.rng.random()
        if roll < 0.12 and father != mother:
            return f"{father}-{mother}"
        if roll < 0.16 and father != mother:
            return f"{father} {mother}"
        if roll < 0.24:
            return mother
        return father

    def _children(self, size: int, last_name: str) -> list[ChildPlan]:
        rng = self.rng
        grade = rng.randint(1, 11)
        grades = [grade]
        for _ in range(size - 1):
            if rng.random() < 0.04:  # twins
                grades.append(grades[-1])
                continue
            candidates = [g for g in range(1, 12) if g not in grades and abs(g - grades[-1]) <= 4]
            grades.append(pick(rng, candidates) if candidates else grades[-1])
        children = []
        twin_birth: dict[int, date] = {}
        for grade_overall in grades:
            sex = pick(rng, "FM")
            held_back = rng.random() < 0.03
            birth = twin_birth.get(grade_overall) or birth_date_for(rng, self.school_year, grade_overall, held_back)
            twin_birth[grade_overall] = birth
            children.append(ChildPlan(sex, self._child_first_name(sex), last_name, birth, grade_overall))
        return children

    def _child_first_name(self, sex: str) -> str:
        roll = self.rng.random()
        if sex == "F":
            pool = (content.CHILD_FEMALE_COMPOUND if roll < 0.08 else
                    content.CHILD_FEMALE_CLASSIC if roll < 0.14 else content.CHILD_FEMALE_NAMES)
        else:
            pool = (content.CHILD_MALE_COMPOUND if roll < 0.08 else
                    content.CHILD_MALE_CLASSIC if roll < 0.14 else content.CHILD_MALE_NAMES)
        return pick(self.rng, pool)

    def _guardian(self, last_name: str, sex: str, address: str, town: Town) -> GuardianPlan:
        rng = self.rng
        area = town[2]
        first = pick(rng, content.ADULT_FEMALE_NAMES if sex == "F" else content.ADULT_MALE_NAMES)
        return GuardianPlan(
            id=self.guardian_ids.next(), last_name=last_name, first_name=first, sex=sex, address=address,
            home_phone=phone(rng, area) if rng.random() < 0.55 else "",
            cell_phone=phone(rng, pick(rng, (area, "514", "438"))) if rng.random() < 0.95 else "",
            work_phone=f"{phone(rng, area)}{f', poste {between(rng, 100, 9999)}' if rng.random() < 0.4 else ''}"
            if rng.random() < 0.65 else "",
            other_phone=phone(rng, area) if rng.random() < 0.05 else "",
        )


# --- Emails -----------------------------------------------------------------------------------

class EmailBook:
    """Hands out plausible, distinct emails built from folded names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self, first: str, last: str, exclude_domain: str | None = None) -> str:
        rng = self.rng
        f = fold(first).replace(" ", "")
        n = fold(last).replace(" ", "")
        pattern = between(rng, 0, 7)
        local = (f"{f}.{n}", f"{f}{n}", f"{f[0]}{n}", f"{n}.{f}", f"{f}.{n}{between(rng, 70, 100)}",
                 f"{f}_{n}", f"{f}{n}{between(rng, 1, 100)}")[pattern]
        domain = EMAIL_DOMAINS.draw(rng)
        while domain == exclude_domain:
            domain = EMAIL_DOMAINS.draw(rng)
        email = f"{local}@{domain}"
        while email in self.used:
            email = f"{local}{between(rng, 1, 1000)}@{domain}"
        self.used.add(email)
        return email


def planted_count(rate: float, population: int, minimum: int) -> int:
    """How many items of a population get a problem: the rate, but never fewer than ``minimum``
    (so even a small demo shows every kind of problem), never more than the population."""
    return min(population, max(minimum, round(rate * population)))


def assign_emails(rng: random.Random, families: list[Family], problems: PlantedProblems,
                  guardian_ids: IdSequence) -> None:
    """Give every guardian an email, then plant the documented problems at their rates."""
    book = EmailBook(rng)
    for guardian in _all_guardians(families):
        guardian.email = book.new(guardian.first_name, guardian.last_name)
    planted: set[int] = set()
    _plant_couples(rng, families, book, problems, planted)
    _plant_sibling_splits(rng, families, book, problems, planted, guardian_ids)
    _plant_unrelated(rng, families, problems, planted)
    others = [guardian for guardian in _all_guardians(families) if guardian.id not in planted]
    rng.shuffle(others)
    population = len(others)
    kinds = ((problems.guardians_without_email, NO_EMAIL_RATE, 1, _no_email),
             (problems.typo_domains, TYPO_DOMAIN_RATE, 2, _typo_domain),
             (problems.stray_spaces, STRAY_SPACES_RATE, 2, _stray_spaces),
             (problems.two_addresses, TWO_ADDRESSES_RATE, 2, _two_addresses))
    for found, rate, minimum, damage in kinds:
        for _ in range(planted_count(rate, population, minimum)):
            if not others:
                return
            guardian = others.pop()
            guardian.email = damage(rng, book, guardian)
            found.append(guardian.id)


def _no_email(_rng: random.Random, book: EmailBook, guardian: GuardianPlan) -> None:
    book.used.discard(guardian.email)
    return None


def _given_email(guardian: GuardianPlan) -> str:
    """The email ``assign_emails`` gave first: every guardian has one before problems are planted."""
    assert guardian.email is not None, "emails are given before problems are planted"
    return guardian.email


def _typo_domain(rng: random.Random, _book: EmailBook, guardian: GuardianPlan) -> str:
    local, domain = _given_email(guardian).split("@")
    return f"{local}@{pick(rng, TYPO_DOMAINS[domain])}"


def _stray_spaces(rng: random.Random, _book: EmailBook, guardian: GuardianPlan) -> str:
    email = _given_email(guardian)
    local, domain = email.split("@")
    return pick(rng, (f" {email}", f"{email} ", f"{local} @{domain}", f"{email}  "))


def _two_addresses(rng: random.Random, book: EmailBook, guardian: GuardianPlan) -> str:
    email = _given_email(guardian)
    other = book.new(guardian.first_name, guardian.last_name, exclude_domain=email.split("@")[1])
    return f"{email}{pick(rng, ('; ', ', ', ' / ', ' '))}{other}"


def _all_guardians(families: list[Family]) -> list[GuardianPlan]:
    seen: dict[int, GuardianPlan] = {}
    for family in families:
        for child in family.children:
            for link in child.links:
                seen.setdefault(link.guardian.id, link.guardian)
    return list(seen.values())


def _plant_couples(rng: random.Random, families: list[Family], book: EmailBook, problems: PlantedProblems,
                   planted: set[int]) -> None:
    """Both répondants of a child entered with one email: the portal cannot tell them apart."""
    couples = [family for family in families if sum(1 for link in family.links if link.rank in (1, 2)) == 2]
    for family in rng.sample(couples, planted_count(COUPLE_SHARED_EMAIL_RATE, len(couples), 2)):
        first, second = (link.guardian for link in family.links if link.rank in (1, 2))
        if rng.random() < 0.5:
            book.used.discard(second.email)
            second.email = first.email
        else:
            first.email = second.email = book.new("famille", first.last_name)
        planted.update((first.id, second.id))
        problems.couples_sharing_email.append((first.id, second.id))


def _plant_sibling_splits(rng: random.Random, families: list[Family], book: EmailBook, problems: PlantedProblems,
                          planted: set[int], guardian_ids: IdSequence) -> None:
    """The same parent entered twice, once per child (often in two schools), with two emails."""
    candidates = [family for family in families
                  if len(family.children) >= 2 and family.links[0].guardian.id not in planted]
    for family in rng.sample(candidates, planted_count(SIBLING_SPLIT_EMAIL_RATE, len(candidates), 2)):
        original = family.links[0].guardian
        duplicate = GuardianPlan(
            id=guardian_ids.next(), last_name=original.last_name, first_name=original.first_name,
            sex=original.sex, address=original.address, home_phone=original.home_phone,
            cell_phone=original.cell_phone, work_phone=original.work_phone, other_phone=original.other_phone,
            email=book.new(original.first_name, original.last_name,
                           exclude_domain=_given_email(original).split("@")[1]),
        )
        last_child = family.children[-1]
        last_child.links = [
            Link(duplicate, link.rank, link.relationship, link.lives_with) if link.guardian is original else link
            for link in last_child.links
        ]
        planted.update((original.id, duplicate.id))
        problems.guardians_split_across_siblings.append((original.id, duplicate.id))


def _plant_unrelated(rng: random.Random, families: list[Family], problems: PlantedProblems,
                     planted: set[int]) -> None:
    """A handful of pairs of unrelated families where a guardian has the other family's email."""
    candidates = [family for family in families
                  if not any(link.guardian.id in planted for link in family.links)]
    pairs = planted_count(UNRELATED_SHARED_EMAIL_PER_FAMILY, len(families), UNRELATED_SHARED_EMAIL_MIN_PAIRS)
    chosen = rng.sample(candidates, min(len(candidates) // 2, pairs) * 2)
    for first, second in zip(chosen[::2], chosen[1::2], strict=True):
        source = first.links[0].guardian
        target = [link for link in second.links if link.rank][-1].guardian
        target.email = source.email
        planted.update((source.id, target.id))
        problems.unrelated_families_sharing_email.append((source.id, target.id))


# --- Fiches and codes permanents ----------------------------------------------------------------

def fiche_numbers(rng: random.Random, count: int, reuse_from: list[str] | None = None,
                  reuse_rate: float = 0.0) -> list[str]:
    """Distinct fiche numbers (1 to 7 digits, some kept with leading zeros) for one board."""
    numbers = rng.sample(range(1, 10_000_000), count)
    fiches = [str(n).zfill(7) if n < 1_000_000 and rng.random() < 0.3 else str(n) for n in numbers]
    if reuse_from:
        taken = set(fiches)
        reused = [f for f in rng.sample(reuse_from, min(len(reuse_from), int(count * reuse_rate)))
                  if f not in taken]
        fiches[:len(reused)] = reused
        if len(set(fiches)) != len(fiches):  # a reused number equal to a fresh one: keep fresh ones
            fiches = list(dict.fromkeys(fiches))
            seen = set(fiches)
            spare = (str(n) for n in range(10_000_000 - 1, 0, -1))
            while len(fiches) < count:
                candidate = next(spare)
                if candidate not in seen:
                    seen.add(candidate)
                    fiches.append(candidate)
    return fiches


def code_letters(last_name: str, first_name: str) -> str:
    """Three letters of the surname (first part first) and the given name's initial (accounts.md §5)."""
    return _surname_letters(last_name) + _initial(first_name)


# Each name is spelled out once: 100,000 students carry some 8,000 surnames and 300 given names.
@cache
def _surname_letters(last_name: str) -> str:
    parts = fold(last_name).split()
    surname = letters_only(parts[0]) if parts else ""
    if len(surname) < 3:
        surname = (surname + letters_only(" ".join(parts[1:])))[:3]
    return surname[:3].ljust(3, "X")


@cache
def _initial(first_name: str) -> str:
    return letters_only(first_name)[:1] or "X"


def code_digits(birth: date, sex: str) -> str:
    month = birth.month + (50 if sex == "F" else 0)
    return f"{birth.day:02d}{month:02d}{birth.year % 100:02d}"


class CodeBook:
    """Assigns codes permanents, unique over the whole database, with the planted anomalies."""

    def __init__(self, rng: random.Random, problems: PlantedProblems) -> None:
        self.rng = rng
        self.problems = problems
        self.used: set[str] = set()

    def assign_all(self, children: list[ChildPlan]) -> None:
        """Codes for every child; exact planted counts so even a small board shows each anomaly."""
        rng = self.rng
        order = list(range(len(children)))
        rng.shuffle(order)
        absent = set(order[:planted_count(ABSENT_CODE_RATE, len(order), 1)])
        order = order[len(absent):]
        incomplete = set(order[:planted_count(INCOMPLETE_CODE_RATE, len(children), 2)])
        order = order[len(incomplete):]
        mismatched = set(order[:planted_count(MISMATCHED_CODE_RATE, len(children), 2)])
        for index, child in enumerate(children):
            if index in absent:
                child.code_permanent = None
                self.problems.absent_codes.append(child.id)
            elif index in incomplete and self._is_free(code := self._letters(child) + self._digits(child)):
                child.code_permanent = code
                self.problems.incomplete_codes.append(child.id)
            elif index in mismatched:
                child.code_permanent = self._complete(*self._mismatch(self._letters(child), child))
                self.problems.mismatched_codes.append(child.id)
            else:
                child.code_permanent = self._complete(self._letters(child), self._digits(child))

    def _letters(self, child: ChildPlan) -> str:
        return code_letters(child.last_name, child.first_name)

    def _digits(self, child: ChildPlan) -> str:
        return code_digits(child.birth_date, child.sex)

    def _is_free(self, code: str) -> bool:
        if code in self.used:
            return False
        self.used.add(code)
        return True

    def _complete(self, letters: str, digits: str) -> str:
        """Add the ministry's two digits (a sequence number, distinct for identical prefixes)."""
        code = f"{letters}{digits}{between(self.rng, 1, 100):02d}"
        while not self._is_free(code):
            code = f"{letters}{digits}{between(self.rng, 1, 100):02d}"
        return code

    def _mismatch(self, letters: str, child: ChildPlan) -> tuple[str, str]:
        """A code issued under another surname, or with day and month typed in each other's place."""
        rng = self.rng
        if rng.random() < 0.5 or child.birth_date.day > 12:
            other = letters
            while other[:3] == letters[:3]:
                other = code_letters(pick(rng, content.QUEBEC_SURNAMES), child.first_name)
            return other, code_digits(child.birth_date, child.sex)
        month = child.birth_date.month + (50 if child.sex == "F" else 0)
        swapped = f"{month:02d}{child.birth_date.day:02d}{child.birth_date.year % 100:02d}"
        if swapped == code_digits(child.birth_date, child.sex):
            other = letters
            while other[:3] == letters[:3]:
                other = code_letters(pick(rng, content.QUEBEC_SURNAMES), child.first_name)
            return other, swapped
        return letters, swapped
