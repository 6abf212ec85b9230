"""The one formatter of French values (ressort/analysis/typography.py), against the rules
of the Lexique des règles typographiques en usage à l'Imprimerie nationale: « 1er », the
narrow no-break space before « ; ! ? % » and between groups of thousands, the no-break
space before « : » and before a unit, the minus sign, rounding half up."""

import datetime
from decimal import Decimal

import pytest

from ressort.analysis.typography import (
    MINUS,
    NBSP,
    NNBSP,
    agree,
    cell,
    coordinate,
    day,
    decimal_cell,
    euros,
    french,
    number,
    ordinal,
    percent,
    plural,
    quoted,
    read_number,
    short_day,
    short_euros,
    unit,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234, 0, f"1{NNBSP}234"),  # thousands grouped from four digits in a table
        (1234567.891, 2, f"1{NNBSP}234{NNBSP}567,89"),
        (999, 0, "999"),
        (0.5, 0, "1"),  # half up, not half to even (Python's round(0.5) is 0)
        (2.5, 0, "3"),
        (-2.5, 0, f"{MINUS}3"),  # half away from zero on both sides
        (1.005, 2, "1,01"),  # the decimal value, not its binary neighbour 1.00499…
        (2.675, 2, "2,68"),
        (7.50, 2, "7,5"),  # trailing zeros dropped
        (-1234.5, 1, f"{MINUS}1{NNBSP}234,5"),  # the minus sign, never the hyphen
        (-0.04, 1, "0"),  # no « −0 »
        (Decimal("12.30"), 2, "12,3"),
        (3, 2, "3"),
        (None, 2, "—"),
        (float("nan"), 2, "—"),
        (float("inf"), 2, "—"),
    ],
)
def test_number(value, decimals, expected):
    assert number(value, decimals) == expected


def test_number_ungrouped_for_spreadsheets():
    assert number(1234567.5, 1, grouped=False) == "1234567,5"
    assert decimal_cell(1234567.5) == "1234567,5"  # Python's :g would write 1.23457e+06
    assert decimal_cell(3.0) == "3"
    assert decimal_cell(Decimal("2.50")) == "2,5"
    assert decimal_cell(None) == ""


def test_percent_takes_a_narrow_no_break_space():
    assert percent(42) == f"42{NNBSP}%"
    assert percent(0.125, 1, ratio=True) == f"12,5{NNBSP}%"
    assert percent(0.005, ratio=True) == f"1{NNBSP}%"  # half up
    assert percent(None) == "—"
    # The same rule as french() applied to a hand-written text.
    assert french("60 %") == percent(60)


def test_units_and_euros_take_a_no_break_space():
    assert euros(480000) == f"480{NNBSP}000{NBSP}€"
    assert euros(1234.567, 2) == f"1{NNBSP}234,57{NBSP}€"
    assert unit(7.5, "km") == f"7,5{NBSP}km"
    assert french("480000 €") == euros(480000)
    assert short_euros(850_000) == f"850{NBSP}k€"
    assert short_euros(1_250_000) == f"1,25{NBSP}M€"
    assert short_euros(-1500) == f"{MINUS}1,5{NBSP}k€"
    assert short_euros(0) == f"0{NBSP}€"


def test_dates_write_the_first_as_1er():
    assert day(datetime.date(2026, 9, 1)) == f"1er{NBSP}septembre 2026"
    assert day(datetime.date(2026, 9, 2)) == f"2{NBSP}septembre 2026"
    assert day(datetime.date(2026, 12, 1), weekday=True) == f"mardi 1er{NBSP}décembre 2026"
    assert day(None) == ""
    assert short_day(datetime.date(2026, 2, 3)) == "03/02/2026"
    # french() on a date written by hand reads the same.
    assert french("le 1 septembre 2026") == "le " + day(datetime.date(2026, 9, 1))


def test_ordinals_and_plural():
    assert [ordinal(n) for n in (1, 2, 21)] == ["1er", "2e", "21e"]
    assert plural(0, "participant") == "0 participant"  # French: 0 and 1 are singular
    assert plural(1, "participant") == "1 participant"
    assert plural(1500, "idée") == f"1{NNBSP}500 idées"
    assert plural(2, "œil", "yeux") == "2 yeux"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "rangée"),
        (1, "rangée"),
        (1.5, "rangée"),
        (2, "rangées"),
        (-1, "rangée"),
        (-3, "rangées"),
    ],
)
def test_agree_gives_the_word_alone_with_the_french_rule(count, expected):
    assert agree(count, "rangée") == expected


def test_agree_takes_an_irregular_plural():
    assert agree(1, "journal", "journaux") == "journal"
    assert agree(4, "journal", "journaux") == "journaux"
    assert agree(2, "reste", "restent") == "restent"
    assert plural(3, "mot clé", "mots clés") == "3 mots clés"


def test_high_punctuation_in_messages():
    assert quoted("Eau") == f"«{NBSP}Eau{NBSP}»"
    assert cell("Eau", "Sol", "« 4 » refusé.") == (
        f"ligne «{NBSP}Eau{NBSP}», colonne «{NBSP}Sol{NBSP}»{NBSP}: « 4 » refusé."
    )
    assert french("Vraiment ? Oui ; non !") == f"Vraiment{NNBSP}? Oui{NNBSP}; non{NNBSP}!"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        (f"1{NNBSP}234,5", Decimal("1234.5")),
        (f"1{NBSP}234,5", Decimal("1234.5")),
        ("1 234", Decimal("1234")),
        (f"{MINUS}3,25", Decimal("-3.25")),
        ("-3", Decimal("-3")),
        (" 7 ", Decimal("7")),
    ],
)
def test_read_number_reads_what_number_writes(raw, expected):
    assert read_number(raw) == expected


def test_read_number_round_trips_the_formatter():
    for value in (-1234567.25, 0.5, 48834, 7.5):
        assert float(read_number(number(value, 2))) == value


@pytest.mark.parametrize("raw", ["", "beaucoup", "12 %", "1,2,3", "nan", "inf"])
def test_read_number_refuses_in_french(raw):
    with pytest.raises(ValueError, match="n'est pas un nombre"):
        read_number(raw)


def test_coordinates_for_markup_keep_the_dot():
    """A decimal comma in a style or SVG attribute once collapsed every bar of a chart."""
    assert coordinate(12.34) == "12.3"
    assert coordinate(12.0) == "12"
    assert coordinate(-0.04) == "0"
    assert coordinate(1234.5678, 2) == "1234.57"
    assert "," not in coordinate(1234567.5)
