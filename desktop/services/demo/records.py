"""What the schools recorded about the demo students: results, report cards, attendance,
detentions, SOI, DAP, follow-up events, account statements, messages and shared resources.

Each function yields row tuples for one table, from its own random stream, so the rows stay the
same for a seed whatever order the tables are written in. Rates are named constants below.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import repeat

from desktop.services.calendar import school_year_end, school_year_of, school_year_start, term_of
from desktop.services.demo import content
from desktop.services.demo.board import GroupPlan, Organisation, StaffPlan
from desktop.services.demo.people import ChildPlan, Weights, pick
from desktop.services.demo.writer import DemoRow, IdSequence

# Observations per student and school year: 0..4 with these weights (most students have none).
OBSERVATIONS_PER_YEAR = Weights(((0, 55), (1, 22), (2, 12), (3, 7), (4, 4)))
OBSERVATION_CATEGORIES = Weights((("positive", 40), ("to_watch", 28), ("to_modify", 22), ("serious", 10)))
SHARED_WITH_PARENTS_RATE = {"positive": 0.55, "to_watch": 0.25, "to_modify": 0.35, "serious": 0.6}
# Students with a DAP (plan préventif or plan d'intervention): about 13 %.
SUPPORT_PLAN_RATE = 0.13
INTERVENTION_PLAN_SHARE = 0.6
DETENTION_RATE_SECONDARY = 0.09
ACTIVE_WATCH_RATE = 0.03
DAYCARE_RATE_PRIMARY = 0.45
# Absences and lateness per student over a whole school year (~180 days), prorated to today.
MEAN_ABSENCES_PER_YEAR = 9.0
MEAN_LATENESS_PER_YEAR = {"primary": 2.5, "secondary": 6.0}
SCHOOL_DAYS_PER_YEAR = 180


def school_days(year: int, until: date) -> list[date]:
    """Weekdays of school year ``year`` before ``until``, without the holidays."""
    day, end = school_year_start(year), min(until, school_year_end(year))
    days = []
    while day < end:
        holidays = (date(year, 12, 22) <= day <= date(year + 1, 1, 5)
                    or date(year + 1, 3, 2) <= day <= date(year + 1, 3, 6))
        if day.weekday() < 5 and not holidays:
            days.append(day)
        day += timedelta(days=1)
    return days


def completed_terms(today: date) -> tuple[int, ...]:
    """Terms whose results are in: all before today's term (at least term 1, so results show
    from the first weeks of school), none before the school year has started."""
    if today < school_year_start(school_year_of(today)):
        return ()
    return tuple(range(1, max(2, term_of(today))))


@dataclass
class Calendar:
    """School days of the current year up to today, and of the two previous years in full:
    every dated record (absence, observation…) falls on one of them, never on a holiday."""

    year: int
    today: date
    days: list[date] = field(default_factory=list)
    history_days: dict[int, list[date]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Empty in the summer before the first day of school: no current-year records then.
        self.days = school_days(self.year, self.today)
        for back in (1, 2):
            self.history_days[self.year - back] = school_days(self.year - back, date(self.year, 7, 1))


# Marking noise drawn from a fixed table: random.gauss per result would cost seconds at 100,000
# students. Marks are whole percentages between 28 and 100 (_CLAMP indexed by mark + 50).
_NOISE = tuple(random.Random("vitrail-demo:noise").gauss(0, 6) for _ in range(4096))
_CLAMP = tuple(float(max(28, min(100, value - 50))) for value in range(260))


def _marks(rng: random.Random, abilities: list[float], offset: float) -> list[float]:
    """One mark per student: general level + subject difficulty + term trend + noise."""
    draw, noise, clamp = rng.random, _NOISE, _CLAMP
    return [clamp[int(ability + offset + noise[int(draw() * 4096)] + 50.5)] for ability in abilities]


def result_rows(rng: random.Random, groups: list[GroupPlan], terms: tuple[int, ...], ids: IdSequence,
                averages: list[DemoRow]) -> Iterator[DemoRow]:
    """Results by competency and term for the current groups; fills ``averages`` on the way.

    Rows are zipped from columns (ids, students, marks and repeated values): 1.5 million of
    them at 100,000 students, a generator expression per row cost a quarter of a second more.
    """
    average_ids = IdSequence()
    for group in groups:
        students = [child.id for child in group.students]
        abilities = [child.ability for child in group.students]
        if not students:
            continue
        year = group.year
        for course_group in group.course_groups:
            difficulty = content.SUBJECT_DIFFICULTY[course_group.subject]
            for term in terms:
                total = 0.0
                for competency_id in course_group.competency_ids:
                    values = _marks(rng, abilities, difficulty + (term - 1) * 1.5)
                    yield from zip(ids.take(len(students)), students, repeat(course_group.id), repeat(competency_id),
                                   repeat(year), repeat(term), values)
                    averages.append((average_ids.next(), course_group.id, competency_id, term,
                                     round(sum(values) / len(values), 1)))
                    total += sum(values)
                averages.append((average_ids.next(), course_group.id, None, term,
                                 round(total / (len(students) * len(course_group.competency_ids)), 1)))


def final_result_rows(rng: random.Random, groups: list[GroupPlan], ids: IdSequence) -> Iterator[DemoRow]:
    """Final marks of the earlier years' groups, zipped from columns as in ``result_rows``."""
    for group in groups:
        students = [child.id for child in group.students]
        abilities = [child.ability for child in group.students]
        for course_group in group.course_groups:
            values = _marks(rng, abilities, content.SUBJECT_DIFFICULTY[course_group.subject] + 3)
            yield from zip(ids.take(len(students)), students, repeat(course_group.id), repeat(group.year), values)


def report_card_rows(children: list[ChildPlan], year: int, terms: tuple[int, ...],
                     ids: IdSequence) -> Iterator[DemoRow]:
    for child in children:
        for past in child.history:
            school = past.school
            for term in (1, 2, 3):
                yield (ids.next(), child.id, past.year, term, school.id, school.board.id,
                       f"bulletin_{child.fiche}_{past.year}-{past.year + 1}_etape{term}.pdf")
        school = child.group.school
        for term in terms:
            yield (ids.next(), child.id, year, term, school.id, school.board.id,
                   f"bulletin_{child.fiche}_{year}-{year + 1}_etape{term}.pdf")


@dataclass
class AttendanceTally:
    unjustified: dict[int, int] = field(default_factory=dict)
    lateness: dict[int, int] = field(default_factory=dict)


def attendance_rows(rng: random.Random, children: list[ChildPlan], calendar: Calendar, ids: IdSequence,
                    tally: AttendanceTally) -> Iterator[DemoRow]:
    days = calendar.days
    if not days:
        return
    elapsed = min(1.0, len(days) / SCHOOL_DAYS_PER_YEAR)
    terms = {day: term_of(day) for day in days}
    absence_reasons, lateness_reasons = Weights(content.ABSENCE_REASONS), Weights(content.LATENESS_REASONS)
    for child in children:
        group = child.group
        periods = len(group.slots) // 9
        chronic = rng.random() < 0.04
        absences = min(60, int(rng.expovariate(1 / (MEAN_ABSENCES_PER_YEAR * elapsed * (4 if chronic else 1)))))
        late = min(30, int(rng.expovariate(1 / (MEAN_LATENESS_PER_YEAR[group.school.level] * elapsed))))
        for kind, count, reasons in (("absence", absences, absence_reasons), ("lateness", late, lateness_reasons)):
            for _ in range(count):
                index = int(rng.random() * len(days))
                day = days[index]
                period = 1 if kind == "lateness" and rng.random() < 0.7 else 1 + int(rng.random() * periods)
                course_group = group.slots[(index % 9) * periods + period - 1]
                reason = reasons.draw(rng)
                if reason in ("Non motivée", "Non motivé"):
                    counter = tally.unjustified if kind == "absence" else tally.lateness
                    counter[child.id] = counter.get(child.id, 0) + 1
                yield (ids.next(), child.id, calendar.year, day, kind, reason, period, course_group.id,
                       terms[day])


def detention_rows(rng: random.Random, children: list[ChildPlan], calendar: Calendar,
                   ids: IdSequence) -> Iterator[DemoRow]:
    if not calendar.days:
        return
    for child in children:
        school = child.group.school
        if school.level != "secondary" or rng.random() >= DETENTION_RATE_SECONDARY:
            continue
        supervisors = school.staff_of("5315") + [cg.teacher for cg in child.group.course_groups]
        for _ in range(rng.randrange(1, 4)):
            day = pick(rng, calendar.days) + timedelta(days=pick(rng, (1, 2, 7)))
            yield (ids.next(), child.id, calendar.year, day, pick(rng, content.DETENTION_REASONS),
                   pick(rng, supervisors).id)


class ObservationAuthors:
    """Who writes SOI observations about a group's students, and how often, per category.

    Pools are built once per group: the homeroom teacher writes most, then the group's other
    teachers, psychosocial staff, non-teaching staff (surveillants, secretaries, daycare),
    direction (above all for serious ones) and pedagogical support.
    """

    def __init__(self) -> None:
        self._pools: dict[int, list[list[StaffPlan]]] = {}

    def pools(self, group: GroupPlan) -> list[list[StaffPlan]]:
        pools = self._pools.get(group.id)
        if pools is None:
            school = group.school
            teachers = [cg.teacher for cg in group.course_groups]
            responsible = [group.responsible] if group.responsible else teachers[:1]
            pools = [responsible, teachers, school.staff_of("4284", "2202", "2201"),
                     school.staff_of("5315", "5113", "4287"), school.staff_of("0201", "0202"),
                     school.staff_of("2210", "2211")]
            pools = [pool or responsible for pool in pools]
            self._pools[group.id] = pools
        return pools

    def interveners(self, group: GroupPlan) -> list[StaffPlan]:
        responsible = [group.responsible] if group.responsible else []
        return group.school.staff_of("4284", "2202", "0201", "0202") + responsible


# (index of the pool in ObservationAuthors.pools, weight)
AUTHOR_WEIGHTS = {"serious": Weights(((0, 20), (1, 20), (2, 25), (3, 10), (4, 40)))}
DEFAULT_AUTHOR_WEIGHTS = Weights(((0, 40), (1, 25), (2, 15), (3, 10), (4, 5), (5, 5)))


def observation_rows(rng: random.Random, children: list[ChildPlan], calendar: Calendar, ids: IdSequence,
                     interventions: list[DemoRow], intervention_ids: IdSequence) -> Iterator[DemoRow]:
    """SOI observations over the current and two previous school years; fills ``interventions``.

    What depends on the category only (who writes it, its texts, how often it is shared, whether
    it calls for a follow-up) is looked up once per category, not per observation.
    """
    authors = ObservationAuthors()
    days_of = {calendar.year: calendar.days, **calendar.history_days}
    categories = {category: (AUTHOR_WEIGHTS.get(category, DEFAULT_AUTHOR_WEIGHTS), content.OBSERVATIONS[category],
                             SHARED_WITH_PARENTS_RATE[category], category in ("to_modify", "serious"))
                  for category in OBSERVATION_CATEGORIES.values}
    new_id = ids.next
    for child in children:
        for group in (child.group, *child.history):
            year = group.year
            days = days_of[year]
            if not days:
                continue
            count = OBSERVATIONS_PER_YEAR.draw(rng)
            if count:
                pools = authors.pools(group)
            needs_follow_up = False
            for _ in range(count):
                category = OBSERVATION_CATEGORIES.draw(rng)
                author_weights, texts, shared_rate, calls_for_follow_up = categories[category]
                author = pick(rng, pools[author_weights.draw(rng)])
                needs_follow_up |= calls_for_follow_up
                yield (new_id(), child.id, year, category, author.id, pick(rng, days), pick(rng, texts),
                       rng.random() < shared_rate)
            if (needs_follow_up and rng.random() < 0.6) or rng.random() < 0.02:
                interveners = authors.interveners(group)
                for _ in range(rng.randrange(1, 3)):
                    interventions.append((intervention_ids.next(), child.id, year, pick(rng, interveners).id,
                                          pick(rng, days), pick(rng, content.INTERVENTIONS)))


def support_plan_rows(rng: random.Random, children: list[ChildPlan], calendar: Calendar,
                      ids: IdSequence) -> Iterator[DemoRow]:
    for child in children:
        if rng.random() >= SUPPORT_PLAN_RATE:
            continue
        kinds = ["intervention"] if rng.random() < INTERVENTION_PLAN_SHARE else ["preventive"]
        if kinds == ["intervention"] and rng.random() < 0.2:
            kinds.insert(0, "preventive")
        for kind in kinds:
            started = pick(rng, calendar.days[:40] or calendar.history_days[calendar.year - 1][-40:])
            document = (f"PI_{child.fiche}_{calendar.year}-{calendar.year + 1}.pdf" if kind == "intervention"
                        else f"plan_preventif_{child.fiche}_{calendar.year}-{calendar.year + 1}.pdf")
            summary = pick(rng, content.SUPPORT_PLANS[kind])
            yield (ids.next(), child.id, calendar.year, kind, started, summary, document)


def follow_up_rows(rng: random.Random, children: list[ChildPlan], calendar: Calendar, tally: AttendanceTally,
                   ids: IdSequence) -> Iterator[DemoRow]:
    protocols = dict(content.FOLLOW_UP_PROTOCOLS)
    if not calendar.days:
        return
    for child in children:
        raised = []
        if tally.unjustified.get(child.id, 0) >= 5:
            raised.append("Absences répétées")
        if tally.lateness.get(child.id, 0) >= 4:
            raised.append("Retards répétés")
        if child.ability < 62 and rng.random() < 0.7:
            raised.append("Résultat à risque")
        if rng.random() < 0.02:
            raised.append("Manquements au code de vie")
        for protocol in raised:
            yield (ids.next(), child.id, calendar.year, pick(rng, calendar.days), protocol, protocols[protocol])


def account_statement_rows(rng: random.Random, children: list[ChildPlan], calendar: Calendar,
                           ids: IdSequence) -> Iterator[DemoRow]:
    generated = calendar.days[-1] if calendar.days else calendar.today
    for child in children:
        owed = round(pick(rng, (0, 0, 0, 0, 25, 42.5, 87.25, 120, 185.6)), 2)
        yield (ids.next(), child.id, calendar.year, "school", generated, owed)
        if child.group.school.level == "primary" and rng.random() < DAYCARE_RATE_PRIMARY:
            daycare_owed = pick(rng, (0, 0, 0, 58.5, 175.5))
            yield (ids.next(), child.id, calendar.year, "daycare", generated, daycare_owed)
            yield (ids.next(), child.id, calendar.year - 1, "tax_slip", date(calendar.year, 2, 27),
                   round(rng.uniform(800, 2600), 2))


def message_rows(rng: random.Random, organisation: Organisation, calendar: Calendar,
                 ids: IdSequence) -> Iterator[DemoRow]:
    days = calendar.days[-45:] or [calendar.today]
    for school in organisation.schools:
        authors = school.staff_of("0201", "0202", "5113")
        for title, body in rng.sample(content.MESSAGES, 3):
            at = datetime.combine(pick(rng, days), time(rng.randrange(7, 17), pick(rng, (0, 15, 30, 45))))
            yield (ids.next(), school.id, None, pick(rng, authors).id, at, title, body)
        for group in school.groups.get(calendar.year, []):
            if group.responsible is None or rng.random() < 0.4:
                continue
            title, body = pick(rng, content.MESSAGES)
            at = datetime.combine(pick(rng, days), time(rng.randrange(7, 17), pick(rng, (0, 15, 30, 45))))
            yield (ids.next(), school.id, group.id, group.responsible.id, at, f"Groupe {group.code} : {title}", body)


def shared_resource_rows(rng: random.Random, organisation: Organisation, year: int,
                         ids: IdSequence) -> Iterator[DemoRow]:
    boards = {school.board.id for school in organisation.schools}
    for board_id in sorted(boards):
        for title, url in content.RESOURCES[:2]:
            yield (ids.next(), board_id, None, None, title, url)
    for school in organisation.schools:
        for title, url in content.RESOURCES[1:4]:
            yield (ids.next(), school.board.id, school.id, None, f"{title} ({school.name})", url)
        for group in school.groups.get(year, []):
            for course_group in group.course_groups:
                if rng.random() < 0.1:
                    title, url = pick(rng, content.RESOURCES)
                    yield (ids.next(), school.board.id, school.id, course_group.id,
                           f"{title} — {content.SUBJECTS[course_group.subject][0]}", url)
