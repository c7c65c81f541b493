"""The one French formatter (screen and paper) and the date reader."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

import pytest

from desktop.services.formatting import (
    NBSP,
    UnreadableDate,
    de,
    format_date,
    format_datetime,
    format_day_month,
    format_duration,
    format_number,
    format_percent,
    format_time,
    parse_date,
)
from desktop.services.reports import base


def test_numbers_percentages_and_durations_are_french():
    assert format_number(79.2) == "79,2"
    assert format_number(1234.5) == f"1{NBSP}234,5"
    assert format_percent(79.2) == f"79,2{NBSP}%"
    assert format_duration(0.2) == f"0,2{NBSP}s"
    assert format_duration(4.46) == f"4,5{NBSP}s"
    assert format_duration(80) == f"1{NBSP}min{NBSP}20{NBSP}s"


def test_dates_and_times_never_break_across_lines():
    assert format_date(date(2012, 6, 27)) == "27 juin 2012"
    assert format_day_month(date(2027, 1, 1)) == "1er janvier"
    assert format_time(time(14, 5)) == f"14{NBSP}h{NBSP}05"
    assert format_time(time(8, 0)) == f"8{NBSP}h"
    assert format_datetime(datetime(2026, 11, 23, 14, 5)) == f"23 novembre 2026 à 14{NBSP}h{NBSP}05"
    assert " " not in format_time(time(9, 30)) and " " not in format_duration(75)


def test_the_pdf_and_the_screen_use_the_same_formatter():
    assert base.format_percent is format_percent and base.format_date is format_date


@pytest.mark.parametrize(("name", "expected"), [
    ("Anthony", "d'Anthony"), ("Émile", "d'Émile"), ("Hugo", "d'Hugo"), ("Yves", "d'Yves"),
    ("Marie", "de Marie"), ("Yannick", "de Yannick"), ("Zoé Côté", "de Zoé Côté"),
])
def test_de_elides_before_a_vowel_sound(name, expected):
    assert de(name) == expected


@pytest.mark.parametrize("typed", [
    "27 juin 2012", "27/06/2012", "2012-06-27", "27 juin 12", "27-06-2012", "27.06.2012", "le 27 juin 2012",
    "27 JUIN 2012", "  27   juin 2012 ", "27 jun 2012",
])
def test_dates_typed_as_people_say_them(typed):
    assert parse_date(typed, today=date(2026, 9, 1)) == date(2012, 6, 27)


def test_first_of_the_month_abbreviations_and_two_digit_years():
    today = date(2026, 9, 1)
    assert parse_date("1er janvier 2012", today) == date(2012, 1, 1)
    assert parse_date("3 févr. 2015", today) == date(2015, 2, 3)
    assert parse_date("15 aout 98", today) == date(1998, 8, 15)
    assert parse_date("5/6/2012", today) == date(2012, 6, 5)  # day first, as in Quebec


@pytest.mark.parametrize("typed", ["hier", "31/02/2012", "27 jui 2012", "2012/27", "27 brumaire 2012"])
def test_unreadable_dates_are_refused_in_french(typed):
    with pytest.raises(UnreadableDate) as refused:
        parse_date(typed, today=date(2026, 9, 1))
    assert typed.strip() in str(refused.value)


def test_no_view_formats_numbers_or_elides_by_hand():
    """The screen goes through the formatter: no "%.1f", no f"{x:.1f}", no "de {name}" in the views."""
    views = Path(__file__).resolve().parents[1] / "desktop" / "views"
    offenders = []
    for path in views.glob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"%\.\df|:\.\df\}|:,\.\df|\bde \{", line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []
