"""French typography: one function for pages and documents, on tricky inputs."""

import pytest
from django.template import Context, Template

from ressort.analysis.typography import NBSP, NNBSP, euros, french, french_html, number, plural


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Source : INSEE", f"Source{NBSP}: INSEE"),
        ("Source: INSEE", f"Source{NBSP}: INSEE"),
        ("Pourquoi ? Parce que ; enfin !", f"Pourquoi{NNBSP}? Parce que{NNBSP}; enfin{NNBSP}!"),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
        ("« Le lien »", f"«{NBSP}Le lien{NBSP}»"),
        ("«vite»", f"«{NBSP}vite{NBSP}»"),
        ("60 %", f"60{NNBSP}%"),
        ("(60%)", f"(60{NNBSP}%)"),
        ("7.5 km", f"7,5{NBSP}km"),
        ("480000 €", f"480{NNBSP}000{NBSP}€"),
        ("1 200 €", f"1{NNBSP}200{NBSP}€"),
        ("le 1 septembre 2026", f"le 1er{NBSP}septembre 2026"),
        ("le 11 septembre", "le 11 septembre"),
        ("l'eau d'ici", "l’eau d’ici"),
        # Left alone: times, years, postcodes, INSEE codes, dates, versions, addresses.
        ("Réunion à 14:30, fin 16:00.", "Réunion à 14:30, fin 16:00."),
        ("En 2026, 69001 Lyon, commune 69123.", "En 2026, 69001 Lyon, commune 69123."),
        ("le 01.02.2024", "le 01.02.2024"),
        ("version v1.2", "version v1.2"),
        ("Objectif 1.1 — Réduire", "Objectif 1.1 — Réduire"),
        ("12.5 %", f"12,5{NNBSP}%"),
        (
            "Voir https://exemple.fr/a?b=1;c=2 : lien",
            f"Voir https://exemple.fr/a?b=1;c=2{NBSP}: lien",
        ),
        ("Écrire à jean.dupont@exemple.fr !", f"Écrire à jean.dupont@exemple.fr{NNBSP}!"),
        ("", ""),
    ],
)
def test_french(raw, expected):
    assert french(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        f"Source{NBSP}: INSEE",
        f"«{NBSP}Le lien{NBSP}» et 60{NNBSP}% puis 1er{NBSP}mars ; 1{NNBSP}200{NBSP}€ ?",
        "Réunion à 14:30 ; voir https://exemple.fr/?q=1 !",
    ],
)
def test_french_is_idempotent(text):
    once = french(text)
    assert french(once) == once


def test_french_html_touches_text_only():
    source = (
        '<p class="a:b">Tom &amp; Jerry: <a href="https://x.fr/?a=1">ici</a> !</p>'
        "<style>p::before{content:'x'}</style><svg><text>Score : 60 %</text></svg>"
    )
    out = french_html(source)
    assert f"Tom &amp; Jerry{NBSP}:" in out
    assert 'class="a:b"' in out and 'href="https://x.fr/?a=1"' in out
    assert "<style>p::before{content:'x'}</style>" in out
    assert f"Score{NBSP}: 60{NNBSP}%" in out
    assert f"</a>{NNBSP}!" in out or "</a> !" not in out


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1.25, 1, "1,3"),  # half up, as in every format (binary rounding gives 1,2)
        (1.35, 1, "1,4"),
        (48834, 0, f"48{NNBSP}834"),
        (7.50, 2, "7,5"),
        (-0.01, 1, "0"),
        (None, 1, "—"),
    ],
)
def test_number(value, decimals, expected):
    assert number(value, decimals) == expected


def test_euros_and_plural():
    assert euros(480000) == f"480{NNBSP}000{NBSP}€"
    assert plural(0, "participant") == "0 participant"
    assert plural(2, "idée") == "2 idées"


def test_template_filter():
    out = Template("{% load typography %}{{ text|typo }} {{ value|nombre:1 }}").render(
        Context({"text": "Note : « x »", "value": 1.25})
    )
    assert out == f"Note{NBSP}: «{NBSP}x{NBSP}» 1,3"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 idée rangée"), (1, "1 idée rangée"), (2, "2 idées rangées"), (-2, "-2 idées rangées")],
)
def test_pluriel_takes_the_singular_for_0_and_1(count, expected):
    """Django's pluralize writes « 0 idées »; French writes « 0 idée »."""
    out = Template("{{ n }} idée{{ n|pluriel }} rangée{{ n|pluriel }}").render(
        Context({"n": count})
    )
    assert out == expected


def test_pluriel_with_suffixes_a_list_and_no_number():
    render = lambda text, value: Template(text).render(Context({"v": value}))  # noqa: E731
    assert render('journ{{ v|pluriel:"al,aux" }}', 1) == "journal"
    assert render('journ{{ v|pluriel:"al,aux" }}', 3) == "journaux"
    assert render('{{ v|pluriel:"a,ont" }}', 0) == "a"
    assert render('{{ v|pluriel:"a,ont" }}', 5) == "ont"
    assert render('jeu{{ v|pluriel:"x" }}', 2) == "jeux"
    assert render("chemin{{ v|pluriel }}", ["a"]) == "chemin"
    assert render("chemin{{ v|pluriel }}", ["a", "b"]) == "chemins"
    assert render("chemin{{ v|pluriel }}", "2") == "chemins"
    assert render("chemin{{ v|pluriel }}", None) == "chemin"
    assert render('x{{ v|pluriel:"a,b,c" }}', 2) == "x"


def test_every_template_writes_the_first_of_the_month_as_1er() -> None:
    """`|typo` is a built-in of every template (settings.TEMPLATES); dates go through it."""
    import datetime

    from django.template import engines

    page = engines["django"].from_string('Au {{ d|date:"j F Y"|typo }}, {{ e|date:"j F Y"|typo }}')
    text = page.render({"d": datetime.date(2026, 12, 1), "e": datetime.date(2026, 12, 11)})
    assert text == "Au 1er\u00a0décembre 2026, 11 décembre 2026"


def test_numbers_in_styles_keep_their_dot_while_text_takes_a_comma() -> None:
    """Django writes a float the French way in a template (« 1,73 »): in a style attribute
    that is no CSS length, and the word cloud's sizes all fell back to 1em."""
    from django.template import engines

    page = engines["django"].from_string(
        '<span style="font-size: {{ s|coordonnee:2 }}em">{{ s|nombre }}</span>'
    )
    assert page.render({"s": 1.734}) == '<span style="font-size: 1.73em">1,73</span>'
