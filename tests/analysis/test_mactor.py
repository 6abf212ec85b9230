"""MACTOR: a worked case computed by hand, the definitions against a plain loop
implementation on random inputs, every malformed input, and the `ressort analyse mactor`
command's contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ressort.analysis import mactor
from ressort.analysis.cli import main

ROOT = Path(__file__).resolve().parents[2]

# --- The worked case ------------------------------------------------------------------------

WORKED: dict[str, Any] = {
    "actors": ["Commune", "Chambre d'agriculture", "Association"],
    "objectives": ["Préserver l'eau", "Développer le tourisme"],
    "influences": [[0, 2, 1], [1, 0, 2], [0, 1, 0]],
    "positions": [[2, -1], [3, 2], [-4, 0]],
}
F = Fraction


def test_worked_case_by_hand() -> None:
    """A = Commune, B = Chambre d'agriculture, C = Association.

    MID (row acts on column): A→B 2, A→C 1, B→A 1, B→C 2, C→A 0, C→B 1.

    MIDI off the diagonal, MID_ij + min over the one intermediate k:
      AB = 2 + min(AC 1, CB 1) = 3;   AC = 1 + min(AB 2, BC 2) = 3;
      BA = 1 + min(BC 2, CA 0) = 1;   BC = 2 + min(BA 1, AC 1) = 3;
      CA = 0 + min(CB 1, BA 1) = 1;   CB = 1 + min(CA 0, AB 2) = 1.
    Diagonal, Σ_k min(MID_ik, MID_ki):
      AA = min(2, 1) + min(1, 0) = 1;  BB = min(1, 2) + min(2, 1) = 2;
      CC = min(0, 1) + min(1, 2) = 1.
    MIDI = [[1, 3, 3], [1, 2, 3], [1, 1, 1]].
    I = (6, 4, 2), ΣI = 12; D = (1 + 1, 3 + 1, 3 + 3) = (2, 4, 6).
    r_A = 6/12 × 6/8 = 3/8; r_B = 4/12 × 4/8 = 1/6; r_C = 2/12 × 2/8 = 1/24; Σr = 7/12.
    r* = 3r / (7/12) = 36r/7: A 27/14, B 6/7, C 3/14 (sum 3).

    3MAO = 2MAO × r*: A (27/7, −27/14), B (18/7, 12/7), C (−6/7, 0).
    Objective 1: for 27/7 + 18/7 = 45/7, against 6/7, mobilisation 51/7.
    Objective 2: for 12/7, against 27/14, mobilisation 51/14.

    Pairs (C is neutral on objective 2, so it only counts objective 1):
      A–B converge on 1, diverge on 2; A–C diverge on 1; B–C diverge on 1.
    Order 1: 1CAA_AB = 1; 1DAA_AB = 1DAA_AC = 1DAA_BC = 1.
    Order 2: 2CAA_AB = (2 + 3)/2 = 5/2; 2DAA_AB = (1 + 2)/2 = 3/2, 2DAA_AC = (2 + 4)/2 = 3,
      2DAA_BC = (3 + 4)/2 = 7/2.
    Order 3: 3CAA_AB = (27/7 + 18/7)/2 = 45/14; 3DAA_AB = (27/14 + 12/7)/2 = 51/28,
      3DAA_AC = (27/7 + 6/7)/2 = 33/14, 3DAA_BC = (18/7 + 6/7)/2 = 12/7.
    Ambivalence:
      A = 1 − (|45/14 − 51/28| + 33/14) / (45/14 + 51/28 + 33/14) = 1 − 105/207 = 34/69;
      B = 1 − (39/28 + 12/7) / (141/28 + 12/7) = 1 − 87/189 = 34/63;
      C = 0 (divergent with everyone).
    """
    result = mactor.mactor(**WORKED)
    assert result.midi.tolist() == [[1, 3, 3], [1, 2, 3], [1, 1, 1]]
    assert result.influence.tolist() == [6, 4, 2]
    assert result.dependence.tolist() == [2, 4, 6]
    assert result.r == pytest.approx([3 / 8, 1 / 6, 1 / 24])
    assert result.r_star == pytest.approx([27 / 14, 6 / 7, 3 / 14])
    assert result.mao3 == pytest.approx(
        np.array([[27 / 7, -27 / 14], [18 / 7, 12 / 7], [-6 / 7, 0]])
    )
    assert result.for_ == pytest.approx([45 / 7, 12 / 7])
    assert result.against == pytest.approx([6 / 7, 27 / 14])
    assert result.mobilisation == pytest.approx([51 / 7, 51 / 14])
    assert result.convergence.first.tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 0]]
    assert result.divergence.first.tolist() == [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    assert result.convergence.second.tolist() == [[0, 2.5, 0], [2.5, 0, 0], [0, 0, 0]]
    assert result.divergence.second.tolist() == [[0, 1.5, 3], [1.5, 0, 3.5], [3, 3.5, 0]]
    c3 = float(F(45, 14))
    ab, ac, bc = float(F(51, 28)), float(F(33, 14)), float(F(12, 7))
    assert result.convergence.third == pytest.approx(np.array([[0, c3, 0], [c3, 0, 0], [0, 0, 0]]))
    assert result.divergence.third == pytest.approx(
        np.array([[0, ab, ac], [ab, 0, bc], [ac, bc, 0]])
    )
    assert result.ambivalence == pytest.approx([34 / 69, 34 / 63, 0])
    # The per-actor and per-objective records repeat the arrays, plus direct sums and counts.
    commune = result.actors[0]
    assert (commune.direct_influence, commune.direct_dependence) == (3, 1)
    assert (commune.influence, commune.dependence) == (6, 2)
    assert commune.r_star == pytest.approx(27 / 14)
    assert [(o.supporters, o.opponents) for o in result.objectives] == [(2, 1), (1, 1)]


def test_everything_zero_gives_equal_power_and_no_ambivalence() -> None:
    result = mactor.mactor(["A", "B"], ["O"], [[0, 0], [0, 0]], [[0], [0]])
    assert result.r.tolist() == [0, 0]
    assert result.r_star.tolist() == [1, 1]
    assert result.mobilisation.tolist() == [0]
    assert result.ambivalence.tolist() == [0, 0]


def test_an_actor_with_neither_influence_nor_dependence_has_r_zero() -> None:
    result = mactor.mactor(
        ["A", "B", "C"], ["O"], [[0, 2, 0], [1, 0, 0], [0, 0, 0]], [[1], [1], [1]]
    )
    assert result.influence.tolist()[2] == 0 and result.dependence.tolist()[2] == 0
    assert result.r[2] == 0
    assert result.r_star[2] == 0
    assert result.r_star.sum() == pytest.approx(3)


def test_the_diagonal_of_influences_is_ignored() -> None:
    data = json.loads(json.dumps(WORKED))
    for i in range(3):
        data["influences"][i][i] = 4
    assert mactor.mactor(**data).midi.tolist() == mactor.mactor(**WORKED).midi.tolist()


# --- The definitions, by a plain loop implementation ---------------------------------------


def reference(mid: list[list[int]], mao: list[list[int]]) -> dict[str, Any]:
    """The issue's definitions, written out with loops and Fractions."""
    n, m = len(mid), len(mao[0])
    d = [[0 if i == j else mid[i][j] for j in range(n)] for i in range(n)]
    midi = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i == j:
                midi[i][i] = sum(min(d[i][k], d[k][i]) for k in range(n) if k != i)
            else:
                midi[i][j] = d[i][j] + sum(
                    min(d[i][k], d[k][j]) for k in range(n) if k not in (i, j)
                )
    influence = [sum(midi[i][j] for j in range(n) if j != i) for i in range(n)]
    dependence = [sum(midi[j][i] for j in range(n) if j != i) for i in range(n)]
    total = sum(influence)
    r = [
        F(0)
        if influence[i] + dependence[i] == 0
        else F(influence[i], total) * F(influence[i], influence[i] + dependence[i])
        for i in range(n)
    ]
    r_sum = sum(r)
    r_star = [F(1)] * n if r_sum == 0 else [n * x / r_sum for x in r]
    mao3 = [[mao[i][j] * r_star[i] for j in range(m)] for i in range(n)]
    for_ = [sum(max(mao3[i][j], 0) for i in range(n)) for j in range(m)]
    against = [sum(max(-mao3[i][j], 0) for i in range(n)) for j in range(m)]
    mobilisation = [sum(abs(mao3[i][j]) for i in range(n)) for j in range(m)]
    conv = {o: [[F(0)] * n for _ in range(n)] for o in (1, 2, 3)}
    div = {o: [[F(0)] * n for _ in range(n)] for o in (1, 2, 3)}
    for i in range(n):
        for k in range(n):
            if i == k:
                continue
            for j in range(m):
                if mao[i][j] == 0 or mao[k][j] == 0:
                    continue
                target = conv if (mao[i][j] > 0) == (mao[k][j] > 0) else div
                target[1][i][k] += 1
                target[2][i][k] += F(abs(mao[i][j]) + abs(mao[k][j]), 2)
                target[3][i][k] += (abs(mao3[i][j]) + abs(mao3[k][j])) / 2
    ambivalence = []
    for i in range(n):
        denominator = sum(conv[3][i][k] + div[3][i][k] for k in range(n))
        gap = sum(abs(conv[3][i][k] - div[3][i][k]) for k in range(n))
        ambivalence.append(F(0) if denominator == 0 else 1 - gap / denominator)
    return {
        "midi": midi,
        "influence": influence,
        "dependence": dependence,
        "r": r,
        "r_star": r_star,
        "for": for_,
        "against": against,
        "mobilisation": mobilisation,
        "convergence": conv,
        "divergence": div,
        "ambivalence": ambivalence,
    }


def floats(values: Any) -> Any:
    return np.array(values, dtype=object).astype(float)


@pytest.mark.parametrize("seed", range(12))
def test_definitions_on_random_inputs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 9)), int(rng.integers(1, 6))
    # Some seeds sparse (many zeros, isolated actors), some dense.
    density = (0.15, 0.5, 1.0)[seed % 3]
    mid = (rng.integers(0, 5, size=(n, n)) * (rng.random((n, n)) < density)).tolist()
    mao = (rng.integers(-4, 5, size=(n, m)) * (rng.random((n, m)) < density + 0.2)).tolist()
    result = mactor.mactor([f"a{i}" for i in range(n)], [f"o{j}" for j in range(m)], mid, mao)
    expected = reference(mid, mao)
    assert result.midi.tolist() == expected["midi"]
    assert result.influence.tolist() == expected["influence"]
    assert result.dependence.tolist() == expected["dependence"]
    for key in ("r", "r_star", "ambivalence"):
        assert getattr(result, key) == pytest.approx(floats(expected[key]), abs=1e-12), key
    assert result.for_ == pytest.approx(floats(expected["for"]), abs=1e-12)
    assert result.against == pytest.approx(floats(expected["against"]), abs=1e-12)
    assert result.mobilisation == pytest.approx(floats(expected["mobilisation"]), abs=1e-12)
    for name in ("convergence", "divergence"):
        orders = getattr(result, name).by_order()
        for order in (1, 2, 3):
            assert orders[str(order)] == pytest.approx(floats(expected[name][order]), abs=1e-12), (
                name,
                order,
            )


def test_r_star_averages_one_and_mobilisation_is_for_plus_against() -> None:
    rng = np.random.default_rng(7)
    mid = rng.integers(0, 5, size=(30, 30))
    mao = rng.integers(-4, 5, size=(30, 10))
    result = mactor.mactor(
        [f"a{i}" for i in range(30)], [f"o{j}" for j in range(10)], mid.tolist(), mao.tolist()
    )
    assert result.r_star.mean() == pytest.approx(1)
    assert result.mobilisation == pytest.approx(result.for_ + result.against)
    for orders in (result.convergence, result.divergence):
        for matrix in orders.by_order().values():
            assert (matrix == matrix.T).all()
    assert ((result.ambivalence >= 0) & (result.ambivalence <= 1)).all()


# --- The command ----------------------------------------------------------------------------


def write_json(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "mactor.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def run_ok(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def run_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Erreur : ")
    return err


def test_command_prints_the_specified_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_ok(capsys, ["mactor", write_json(tmp_path, WORKED)])
    assert list(result) == ["actors", "objectives", "midi", "convergence", "divergence"]
    assert [list(a) for a in result["actors"]] == [
        ["name", "influence", "dependence", "r", "r_star", "ambivalence"]
    ] * 3
    assert [a["name"] for a in result["actors"]] == WORKED["actors"]
    assert [list(o) for o in result["objectives"]] == [
        ["name", "for", "against", "mobilisation"]
    ] * 2
    assert [o["name"] for o in result["objectives"]] == WORKED["objectives"]
    commune = result["actors"][0]
    assert (commune["influence"], commune["dependence"]) == (6, 2)
    assert commune["r"] == pytest.approx(3 / 8)
    assert commune["r_star"] == pytest.approx(27 / 14)
    assert commune["ambivalence"] == pytest.approx(34 / 69)
    assert result["objectives"][1]["for"] == pytest.approx(12 / 7)
    assert result["objectives"][1]["against"] == pytest.approx(27 / 14)
    assert result["objectives"][1]["mobilisation"] == pytest.approx(51 / 14)
    assert result["midi"] == [[1, 3, 3], [1, 2, 3], [1, 1, 1]]
    assert list(result["convergence"]) == ["1", "2", "3"]
    assert list(result["divergence"]) == ["1", "2", "3"]
    assert result["convergence"]["1"] == [[0, 1, 0], [1, 0, 0], [0, 0, 0]]
    assert result["divergence"]["2"] == [[0, 1.5, 3], [1.5, 0, 3.5], [3, 3.5, 0]]
    assert result["divergence"]["3"][0][2] == pytest.approx(33 / 14)


def test_command_accepts_integral_decimals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(json.dumps(WORKED))
    data["influences"][0][1] = 2.0
    data["positions"][2][0] = -4.0
    assert run_ok(capsys, ["mactor", write_json(tmp_path, data)])["midi"] == [
        [1, 3, 3],
        [1, 2, 3],
        [1, 1, 1],
    ]


def mutated(change: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(WORKED))
    change(data)
    return data


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


MALFORMED = {
    "influence above 4": (
        _set(("influences", 1, 2), 5),
        "influences[1][2] : 5 est hors de l'échelle 0 à 4",
    ),
    "negative influence": (
        _set(("influences", 2, 0), -1),
        "influences[2][0] : -1 est hors de l'échelle 0 à 4",
    ),
    "position above 4": (
        _set(("positions", 0, 1), 5),
        "positions[0][1] : 5 est hors de l'échelle -4 à 4",
    ),
    "position below -4": (
        _set(("positions", 2, 0), -7),
        "positions[2][0] : -7 est hors de l'échelle -4 à 4",
    ),
    "decimal influence": (
        _set(("influences", 0, 1), 2.5),
        "influences[0][1] : un entier de 0 à 4 est attendu, pas le nombre 2.5",
    ),
    "text position": (
        _set(("positions", 1, 1), "2"),
        "positions[1][1] : un entier de -4 à 4 est attendu, pas le texte « 2 »",
    ),
    "boolean influence": (
        _set(("influences", 1, 0), True),
        "influences[1][0] : un entier de 0 à 4 est attendu, pas un booléen",
    ),
    "null position": (
        _set(("positions", 0, 0), None),
        "positions[0][0] : un entier de -4 à 4 est attendu, pas null",
    ),
    "text on the diagonal": (
        _set(("influences", 1, 1), "x"),
        "influences[1][1] : un entier de 0 à 4 est attendu, pas le texte « x »",
    ),
    "missing influence row": (
        lambda d: d["influences"].pop(),
        "influences : 3 lignes attendues (une par acteur), 2 trouvées",
    ),
    "short influence row": (
        lambda d: d["influences"][1].pop(),
        "influences[1] : 3 colonnes attendues, 2 trouvées",
    ),
    "extra position row": (
        lambda d: d["positions"].append([0, 0]),
        "positions : 3 lignes attendues (une par acteur), 4 trouvées",
    ),
    "long position row": (
        lambda d: d["positions"][2].append(1),
        "positions[2] : 2 colonnes attendues, 3 trouvées",
    ),
    "row not a list": (
        _set(("positions", 1), 3),
        "positions[1] : une ligne (liste de nombres) est attendue, pas le nombre 3",
    ),
    "matrix not a list": (
        _set(("influences",), {"a": 1}),
        "influences : une matrice (liste de lignes) est attendue, pas un objet",
    ),
    "duplicate actor": (
        _set(("actors", 2), "commune "),
        "actors[2] : nom en double : « commune  » est déjà actors[0]",
    ),
    "duplicate objective": (
        _set(("objectives", 1), "Préserver l'eau"),
        "objectives[1] : nom en double : « Préserver l'eau » est déjà objectives[0]",
    ),
    "empty actor name": (
        _set(("actors", 1), "  "),
        "actors[1] : un nom non vide est attendu, pas le texte « ",
    ),
    "actor name not text": (
        _set(("actors", 0), 12),
        "actors[0] : un nom non vide est attendu, pas le nombre 12",
    ),
    "actors not a list": (
        _set(("actors",), "Commune"),
        "actors : une liste de noms est attendue, pas le texte « Commune »",
    ),
    "no objective": (
        _set(("objectives",), []),
        "objectives : la liste est vide",
    ),
    "missing field": (
        lambda d: d.pop("positions"),
        "positions : champ obligatoire manquant",
    ),
    "unknown field": (
        _set(("poids",), [1, 2, 3]),
        "poids : champ inconnu ; champs permis : « actors », « objectives », « influences »",
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_input_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    change, expected = MALFORMED[case]
    err = run_error(capsys, ["mactor", write_json(tmp_path, mutated(change))])
    assert expected in err


def test_every_fault_is_listed_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = mutated(_set(("influences", 1, 2), 9))
    data["positions"][0][0] = 8
    data["actors"][1] = "Commune"
    err = run_error(capsys, ["mactor", write_json(tmp_path, data)])
    assert "3 erreurs" in err
    assert "influences[1][2]" in err and "positions[0][0]" in err and "actors[1]" in err


def test_a_long_list_of_faults_is_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = {
        "actors": [f"a{i}" for i in range(6)],
        "objectives": ["o"],
        "influences": [[9] * 6 for _ in range(6)],
        "positions": [[0] for _ in range(6)],
    }
    err = run_error(capsys, ["mactor", write_json(tmp_path, data)])
    assert "30 erreurs" in err  # 36 cells less the 6 ignored diagonal ones
    assert "… et 10 autres" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"actors": ["A"],\n "objectives": [}', "JSON invalide ligne 2, colonne 17"),
        ("[1, 2]", "le document doit être un objet JSON"),
    ],
)
def test_unreadable_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = tmp_path / "mactor.json"
    path.write_text(content, encoding="utf-8")
    assert expected in run_error(capsys, ["mactor", str(path)])


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "fichier introuvable" in run_error(capsys, ["mactor", str(tmp_path / "absent.json")])


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mactor.json"
    path.write_bytes(b'{"actors": ["\xe9lu"]}')
    assert "pas en UTF-8" in run_error(capsys, ["mactor", str(path)])


def test_the_installed_command_end_to_end(tmp_path: Path) -> None:
    """Through `python -m ressort.cli analyse mactor`, as scripts call it, without Django."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run(
        [sys.executable, "-m", "ressort.cli", "analyse", "mactor", write_json(tmp_path, WORKED)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["midi"] == [[1, 3, 3], [1, 2, 3], [1, 1, 1]]
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "ressort.cli",
            "analyse",
            "mactor",
            write_json(tmp_path, mutated(_set(("influences", 1, 2), 5))),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "influences[1][2]" in bad.stderr
