"""The briques « vivant » and « transition juste » in the portrait and strategy documents,
and the governance brique in the portrait document: present on the demo démarche, where
each is active and has content; gone when the brique is switched off; the DOCX carries them
(read back). The voices of the living are printed apart, said not to be counted."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from ressort.approaches.demo import load_demo
from ressort.frameworks import services as frameworks
from ressort.justice.demo import FUEL
from ressort.portrait import documents as portrait
from ressort.strategy import documents as strategy
from ressort.territories.importer import import_official_territories
from tests.governance.test_documents import texts
from tests.territories.test_import import CONTOURS, DATA


def test_the_demo_documents_carry_the_three_briques(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    assert not frameworks.load_shipped().errors
    approach, _ = load_demo()
    assert {"vivant", "transition-juste", "gouvernance"} <= set(approach.modules)

    words = texts(portrait.outline(approach))
    assert "Le vivant du territoire" in words and "Milieux (6)" in words
    assert "Espèces suivies (3)" in words and "La Bourbre [illustratif]" in words
    assert any(w.startswith("Dans les chaînes d'impacts : La Bourbre") for w in words)
    assert "Qui vit ici : les groupes de population" in words
    assert "Groupes de population (5)" in words
    assert any("(sous-représenté)" in w for w in words)  # the demo's participation gap
    assert "Gouvernance et coopération : les acteurs et leurs jeux" in words
    assert "Rapport de forces (r*), influence, dépendance et ambivalence" in words
    assert "Conflits entre acteurs" in words
    assert "Accords de coopération" not in words  # the strategy's, not the portrait's
    assert "Porte-parole du vivant non humain" in words
    assert any("ce ne sont pas des personnes" in w for w in words)

    words = texts(strategy.outline(approach))
    assert "Le vivant dans le plan d'actions" in words
    assert "Éviter, réduire, compenser" in words
    assert "Les voix du vivant" in words and "La rivière Bourbre" in words
    assert "À rejeter" in words and "Excellent" in words  # the spokespeople's mentions
    assert any("ne sont comptées ni dans les votes" in w for w in words)
    assert "Une transition juste" in words
    assert any(w.startswith("Réseau de chaleur bois à Villefontaine → ") for w in words)
    assert any("Remède adopté" in w for w in words)
    assert "Acceptabilité des mesures" in words
    # 6 + 2 answers of the fuel-poor households on the heat network, stored as two rows:
    # 8 answers, acceptable (6 × 2 + 2 × 3) / 8 = 2.25 → « 2,3 », one in four finds it so.
    heat = words.index("Réseau de chaleur bois à Villefontaine", words.index("Acceptable"))
    assert words[heat + 1 : heat + 6] == [FUEL, "8", "2,3", "1,3", "25\u202f%"]

    docx = Document(io.BytesIO(portrait.build_docx(approach)))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "Le vivant du territoire" in body and "Qui vit ici" in body
    assert "Gouvernance et coopération" in body

    approach.modules = [
        m for m in approach.modules if m not in {"vivant", "transition-juste", "gouvernance"}
    ]
    approach.save()
    words = texts(portrait.outline(approach)) + texts(strategy.outline(approach))
    for title in (
        "Le vivant du territoire",
        "Qui vit ici : les groupes de population",
        "Gouvernance et coopération : les acteurs et leurs jeux",
        "Le vivant dans le plan d’actions",
        "Une transition juste",
    ):
        assert title not in words
