"""MICMAC pages: variables, grid, CSV import faults and export, results and maps, seeding."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ressort.analysis import labels
from ressort.analysis import micmac as mm
from ressort.approaches.models import Approach
from ressort.systems.models import ImpactChain, Influence, Variable
from ressort.systems.services import micmac as services
from ressort.systems.services.micmac import GRID_MAX_VARIABLES, run_micmac
from tests.conftest import page_text
from tests.systems.conftest import client_for

# The worked example of tests/analysis/test_micmac.py style: a 4-variable loop with a tail.
CSV = (
    ",Emploi,Logement,Mobilité,Eau\n"
    "Emploi,0,2,1,0\n"
    "Logement,1,0,3,0\n"
    "Mobilité,2,0,0,P\n"
    "Eau,0,1,0,0\n"
)


def upload(client: Client, approach: Approach, data: bytes, name: str = "m.csv") -> Any:
    return client.post(
        reverse("systems:micmac_import", args=[approach.slug]),
        {"file": SimpleUploadedFile(name, data, "text/csv")},
    )


def test_rights(approach: Approach, personas: dict[str, Any]) -> None:
    v = Variable.objects.create(approach=approach, name="Emploi")
    s = approach.slug
    pages = [
        reverse("systems:micmac", args=[s]),
        reverse("systems:micmac_results", args=[s]),
        reverse("systems:micmac_export", args=[s]),
    ]
    for url in pages:
        assert Client().get(url).status_code == 302
        assert client_for(personas["outsider"]).get(url).status_code == 404
        assert client_for(personas["partenaire"]).get(url).status_code == 200
    edit = reverse("systems:variable_edit", args=[s, v.pk])
    assert client_for(personas["partenaire"]).get(edit).status_code == 403
    assert client_for(personas["equipe"]).get(edit).status_code == 200
    other = personas["other_approach"]
    outsider = client_for(personas["outsider"])
    assert (
        outsider.get(reverse("systems:variable_edit", args=[other.slug, v.pk])).status_code == 404
    )
    assert (
        outsider.post(reverse("systems:variable_delete", args=[other.slug, v.pk])).status_code
        == 404
    )
    partner = client_for(personas["partenaire"])
    add = reverse("systems:variable_add", args=[s])
    assert partner.post(add, {"name": "X"}).status_code == 403
    assert upload(partner, approach, CSV.encode()).status_code == 403
    assert Variable.objects.filter(approach=approach).count() == 1


def test_import_export_round_trip_and_results(approach: Approach, personas: dict[str, Any]) -> None:
    client = client_for(personas["equipe"])
    assert upload(client, approach, CSV.encode("utf-8-sig")).status_code == 302
    assert [v.name for v in approach.variables.all()] == ["Emploi", "Logement", "Mobilité", "Eau"]
    exported = client.get(reverse("systems:micmac_export", args=[approach.slug]))
    assert exported["Content-Type"].startswith("text/csv")
    # French spreadsheets' CSV: a BOM, « ; » between cells; the values as imported
    assert exported.content.startswith("\ufeff".encode())
    assert exported.content.decode("utf-8-sig").replace(";", ",").replace("\r\n", "\n") == CSV
    # results equal the analysis package on the same matrix (same as the CLI)
    matrix = mm.read_matrix_csv(CSV.encode())
    expected = mm.micmac(matrix.matrix(), matrix.names)
    view = run_micmac(approach)
    assert view is not None
    assert view.result.power == expected.power
    assert [s.indirect_influence for s in view.result.variables] == [
        s.indirect_influence for s in expected.variables
    ]
    page = page_text(client.get(reverse("systems:micmac_results", args=[approach.slug])))
    assert "Plan influence–dépendance direct" in page
    assert "Plan influence–dépendance indirect" in page
    assert "variables motrices" in page and "variables autonomes" in page
    assert "Déplacements du plan direct au plan indirect" in page
    assert page.count("<circle") == 12
    # SVG coordinates are never localised (a French decimal comma would break the drawing)
    coordinates = re.findall(r' (?:x1|x2|y1|y2|cx|cy)="([^"]*)"', page)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates)
    assert "1 influence potentielle (P) comptée comme nulle — " in page
    assert ">la compter comme forte (3)</a>" in page
    with_p = run_micmac(approach, potential=True)
    assert with_p is not None
    assert with_p.result.variables[3].direct_dependence == 3  # Mobilité → Eau counted 3
    potential_page = page_text(
        client.get(reverse("systems:micmac_results", args=[approach.slug]), {"potentiel": "1"})
    )
    assert "1 influence potentielle (P) comptée comme forte (3) — " in potential_page
    assert ">la compter comme nulle</a>" in potential_page
    # A fixed power (issue 23): the values of M^5 exactly, the orders at each power shown.
    fixed = mm.micmac(matrix.matrix(), matrix.names, power=5)
    response = client.get(
        reverse("systems:micmac_results", args=[approach.slug]), {"puissance": "5"}
    )
    assert response.context["view"].result.power == 5
    assert [s.indirect_influence for s in response.context["view"].result.variables] == [
        s.indirect_influence for s in fixed.variables
    ]
    fixed_page = page_text(response)
    assert "Classements des variables à chaque puissance calculée" in fixed_page
    assert len(response.context["orderings"]) == 5
    first = response.context["orderings"][0]["influence"]
    assert first == [matrix.names[i] for i in fixed.influence_orders[0]]
    wrong = page_text(
        client.get(reverse("systems:micmac_results", args=[approach.slug]), {"puissance": "99"})
    )
    assert "Puissance : un nombre entier de 2 à 30" in wrong


def test_cli_and_web_read_the_same_file(
    approach: Approach, personas: dict[str, Any], tmp_path: Any
) -> None:
    path = tmp_path / "m.csv"
    path.write_text(CSV, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "ressort.cli", "analyse", "micmac", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    cli = json.loads(out.stdout)
    upload(client_for(personas["equipe"]), approach, CSV.encode())
    view = run_micmac(approach)
    assert view is not None
    assert cli["power"] == view.result.power
    assert [v["direct_influence"] for v in cli["variables"]] == [
        s.direct_influence for s in view.result.variables
    ]


BAD_FILES = [
    (",A,B\nA,0,1\n", "ligne 3, colonne 1 (A)\u00a0: la matrice n’est pas carrée"),
    (",A,B\nA,0,1\nC,1,0\n", "ligne 3, colonne 1 (A)\u00a0: «\u00a0C\u00a0» ne correspond pas"),
    (
        ",A,B\nA,0,4\nB,1,0\n",
        "ligne 2, colonne 3 (C)\u00a0: «\u00a04\u00a0» n’est pas une influence permise",
    ),
    (",A,B\nA,2,1\nB,1,0\n", "ligne 2, colonne 2 (B)\u00a0: la diagonale doit valoir 0"),
    (",A,A\nA,0,1\nA,1,0\n", "«\u00a0A\u00a0» figure déjà en colonne 2"),
    (";;\n\n", "le fichier est vide"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_import_faults_are_named_and_nothing_is_written(
    approach: Approach, personas: dict[str, Any], content: str, message: str
) -> None:
    Variable.objects.create(approach=approach, name="Déjà là")
    response = upload(client_for(personas["equipe"]), approach, content.encode())
    text = page_text(response)
    assert response.status_code == 200
    assert message in text, text[text.find("Rien n") : text.find("Rien n") + 400]
    assert "Rien n’est enregistré" in text
    assert [v.name for v in approach.variables.all()] == ["Déjà là"]


def test_import_refuses_latin1(approach: Approach, personas: dict[str, Any]) -> None:
    response = upload(client_for(personas["equipe"]), approach, ",Économie,B\n".encode("latin-1"))
    assert "n’est pas en UTF-8" in page_text(response)


def test_grid_saves_all_or_nothing(approach: Approach, personas: dict[str, Any]) -> None:
    client = client_for(personas["chef_projet"])
    url = reverse("systems:micmac", args=[approach.slug])
    add = reverse("systems:variable_add", args=[approach.slug])
    grid = reverse("systems:micmac_grid", args=[approach.slug])
    for name in ("Emploi", "Logement", "Mobilité"):
        client.post(add, {"name": name, "short_name": name[:4]})
    a, b, c = approach.variables.all()
    page = page_text(client.get(url))
    assert 'aria-label="Influence de « Emploi » sur « Logement »"' in page
    assert '<th scope="col" class="rs-col" title="Emploi">Empl</th>' in page
    bad = client.post(grid, {f"c_{a.pk}_{b.pk}": "3", f"c_{b.pk}_{c.pk}": "9"})
    bad_page = page_text(bad)
    assert (
        "ligne «\u00a0Logement\u00a0», colonne «\u00a0Mobilité\u00a0»\u00a0: «\u00a09\u00a0»"
        in bad_page
    )
    assert not Influence.objects.exists()
    # the values the user chose are kept, the refused one shown and marked on its cell
    kept = re.search(rf'<select name="c_{a.pk}_{b.pk}"[^>]*>(.*?)</select>', bad_page)
    assert kept and '<option value="3" selected>' in kept.group(1)
    refused = re.search(rf'<select name="c_{b.pk}_{c.pk}"([^>]*)>(.*?)</select>', bad_page)
    assert refused and 'aria-invalid="true"' in refused.group(1)
    assert '<option value="9" selected>9 (refusé)</option>' in refused.group(2)
    untouched = re.search(rf'<select name="c_{c.pk}_{a.pk}"[^>]*>(.*?)</select>', bad_page)
    assert untouched and '<option value="0" selected>' in untouched.group(1)
    gone = client.post(grid, {f"c_{a.pk}_{b.pk}": "1", f"c_{a.pk}_999999": "2"})
    assert "n'existe plus : rechargez la page" in page_text(gone)
    assert not Influence.objects.exists()
    client.post(
        grid,
        {
            f"c_{a.pk}_{b.pk}": "3",
            f"c_{b.pk}_{c.pk}": "p",
            f"c_{c.pk}_{a.pk}": "0",
        },
    )
    cells = {(i.source.name, i.target.name): i.code for i in Influence.objects.all()}
    assert cells == {("Emploi", "Logement"): "3", ("Logement", "Mobilité"): "P"}
    duplicate = client.post(add, {"name": "Emploi"})
    assert "Une variable porte déjà ce nom" in page_text(duplicate)
    client.post(reverse("systems:variable_delete", args=[approach.slug, a.pk]))
    assert list(Influence.objects.values_list("potential", flat=True)) == [True]


def test_seed_from_impact_chains(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    client = client_for(personas["equipe"])
    url = reverse("systems:micmac_seed", args=[approach.slug])
    unconfirmed = client.post(url)
    assert "Cochez la case de confirmation" in page_text(unconfirmed)
    client.post(url, {"confirmer": "oui"})
    assert approach.variables.count() == 9
    assert Influence.objects.filter(source__approach=approach).count() == 9
    cell = Influence.objects.get(source__name="Canicule", target__name="Îlots de chaleur urbains")
    assert (cell.value, cell.potential) == (3, False)
    # a weakening link still scores its strength
    plan = Influence.objects.get(source__name="Plan canicule et registre des personnes fragiles")
    assert plan.value == 2


def test_large_matrix_hides_the_grid(approach: Approach, personas: dict[str, Any]) -> None:
    n = GRID_MAX_VARIABLES + 1
    names = [f"V{i}" for i in range(n)]
    rows = [",".join(["", *names])] + [
        ",".join([name] + ["1" if (i + 1) % n == j else "0" for j in range(n)])
        for i, name in enumerate(names)
    ]
    client = client_for(personas["equipe"])
    upload(client, approach, "\n".join(rows).encode())
    page = page_text(client.get(reverse("systems:micmac", args=[approach.slug])))
    assert "la grille n’est proposée que jusqu’à 40 variables" in page
    results = page_text(client.get(reverse("systems:micmac_results", args=[approach.slug])))
    assert results.count("<circle") == 3 * n


def assert_readable(view: Any) -> list[Any]:
    """Every map of the view: no two text boxes overlap, no label crosses an axis."""
    maps = [
        services.influence_map(view, indirect=False),
        services.influence_map(view, indirect=True),
        services.influence_map(view, indirect=True, moves=True),
    ]
    for drawn in maps:
        assert drawn is not None and drawn.labelled
        boxes = drawn.label_boxes()
        assert len(boxes) == len(drawn.points) + 4
        assert labels.overlapping_pairs(boxes) == []
        axes = [
            labels.Segment(drawn.left, drawn.top, drawn.left, drawn.bottom),
            labels.Segment(drawn.left, drawn.bottom, drawn.right, drawn.bottom),
        ]
        for point in drawn.points:
            assert point.box is not None
            assert not any(axis.crosses(point.box) for axis in axes), point.label
            assert point.box.x0 >= 0 and point.box.x1 <= drawn.width
            assert point.box.y0 >= 0 and point.box.y1 <= drawn.height
            if point.leader is None:  # beside its point
                assert point.box.distance(point.x, point.y) <= 10
    return maps


def test_maps_of_the_demo_have_no_overlapping_label(
    approach: Approach, personas: dict[str, Any]
) -> None:
    from ressort.systems.demo import VARIABLES, _micmac

    _micmac(approach)
    view = services.run_micmac(approach)
    assert view is not None
    maps = assert_readable(view)
    assert {p.label for p in maps[0].points} == {short for _, short in VARIABLES}
    page = client_for(personas["equipe"]).get(
        reverse("systems:micmac_results", args=[approach.slug])
    )
    text = page_text(page)
    for point in maps[0].points:
        assert f'<text x="{point.text_x}" y="{point.text_y}" font-size="13"' in text
    assert "Pour les spécialistes" in text and "puissance" in text
    assert text.index("Pour les spécialistes") < text.index("puissance")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_maps_with_random_long_french_labels_have_no_overlapping_label(
    approach: Approach, seed: int
) -> None:
    rng = random.Random(seed)
    words = [
        "artificialisation",
        "des",
        "sols",
        "agricoles",
        "ressource",
        "en",
        "eau",
        "potable",
        "cohésion",
        "sociale",
        "logement",
        "abordable",
        "mobilité",
        "quotidienne",
        "économie",
        "résidentielle",
        "vieillissement",
        "précarité",
        "énergétique",
        "coopération",
        "intercommunale",
        "biodiversité",
        "forestière",
    ]
    names: set[str] = set()
    while len(names) < 25:
        names.add(" ".join(rng.choice(words) for _ in range(rng.randint(2, 6))).capitalize())
    n = len(names)
    values = np.array(
        [[0 if i == j else rng.choice([0, 0, 1, 2, 3]) for j in range(n)] for i in range(n)]
    )
    services.replace_matrix(
        approach,
        mm.InfluenceMatrix(
            names=tuple(sorted(names)), values=values, potential=np.zeros((n, n), dtype=bool)
        ),
    )
    view = services.run_micmac(approach)
    assert view is not None
    assert_readable(view)
