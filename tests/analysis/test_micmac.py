"""MICMAC: a worked example computed by hand, the acyclic and unstable cases, big matrices,
and every malformed file through `ressort analyse micmac`."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from ressort.analysis import micmac as micmac_module
from ressort.analysis.cli import main
from ressort.analysis.micmac import Stop, Zone, micmac, read_matrix_csv

# Worked example. Row i is how variable i acts on the others.
#        A  B  C  D                 row sums (influence)
#   A  [ 0  3  1  0 ]               4
#   B  [ 1  0  2  0 ]               3
#   C  [ 0  0  0  2 ]               2
#   D  [ 2  1  0  0 ]               3      total 12
#   column sums (dependence): A 3, B 4, C 3, D 2
#
# M² (row i = Σ_j M[i, j] × row j of M):
#   A = 3·B + 1·C = [3 0 6 2]  → 11
#   B = 1·A + 2·C = [0 3 1 4]  →  8
#   C = 2·D       = [4 2 0 0]  →  6
#   D = 2·A + 1·B = [1 6 4 0]  → 11      total 36; columns A 8, B 11, C 11, D 6
# M³ = M·M²:
#   A = 3·B² + 1·C² = [4 11 3 12]  → 30
#   B = 1·A² + 2·C² = [11 4 6 2]   → 23
#   C = 2·D²        = [2 12 8 0]   → 22
#   D = 2·A² + 1·B² = [6 3 13 8]   → 30   total 105; columns A 23, B 30, C 30, D 22
#
# Orders (descending, ties in input order):
#   power 1: influence A B D C, dependence B A C D
#   power 2: influence A D B C, dependence B C A D   (changed)
#   power 3: influence A D B C, dependence B C A D   (same as power 2: k = 3)
# Indirect values: sums of M³ × 12/105 = × 4/35, e.g. A influence 30 × 4/35 = 24/7.
# Zones at the mean 12/4 = 3 (a value at the mean is high):
#   direct: A (4, 3) relais, B (3, 4) relais, C (2, 3) dépendante, D (3, 2) motrice
#   indirect (mean of raw sums 105/4 = 26.25): A (30, 23) motrice, B (23, 30) dépendante,
#   C (22, 30) dépendante, D (30, 22) motrice.
WORKED = [
    [0, 3, 1, 0],
    [1, 0, 2, 0],
    [0, 0, 0, 2],
    [2, 1, 0, 0],
]
WORKED_CSV = ",A,B,C,D\nA,0,3,1,0\nB,1,,2,0\nC,P,0,0,2\nD,2,1,0,\n"


def test_worked_example_by_hand() -> None:
    result = micmac(np.array(WORKED), ["A", "B", "C", "D"])

    assert result.power == 3
    assert result.stop is Stop.STABLE
    assert not result.acyclic
    assert result.note is None
    assert (result.total, result.raw_total) == (12, 105)
    names = "ABCD"
    assert ["".join(names[i] for i in o) for o in result.influence_orders] == [
        "ABDC",
        "ADBC",
        "ADBC",
    ]
    assert ["".join(names[i] for i in o) for o in result.dependence_orders] == [
        "BACD",
        "BCAD",
        "BCAD",
    ]
    a, b, c, d = result.variables
    assert [v.direct_influence for v in result.variables] == [4, 3, 2, 3]
    assert [v.direct_dependence for v in result.variables] == [3, 4, 3, 2]
    assert [v.raw_indirect_influence for v in result.variables] == [30, 23, 22, 30]
    assert [v.raw_indirect_dependence for v in result.variables] == [23, 30, 30, 22]
    assert a.indirect_influence == float(Fraction(24, 7))
    assert b.indirect_influence == float(Fraction(92, 35))
    assert c.indirect_influence == float(Fraction(88, 35))
    assert b.indirect_dependence == float(Fraction(24, 7))
    assert d.indirect_dependence == float(Fraction(88, 35))
    assert sum(v.indirect_influence for v in result.variables) == pytest.approx(12)
    assert sum(v.indirect_dependence for v in result.variables) == pytest.approx(12)
    assert [v.direct_zone for v in result.variables] == [
        Zone.RELAY,
        Zone.RELAY,
        Zone.DEPENDENT,
        Zone.DRIVING,
    ]
    assert [v.indirect_zone for v in result.variables] == [
        Zone.DRIVING,
        Zone.DEPENDENT,
        Zone.DEPENDENT,
        Zone.DRIVING,
    ]
    # Influence ranks: direct A1 B2 D3 C4, indirect A1 D2 B3 C4.
    assert [v.influence_rank_shift for v in result.variables] == [0, -1, 0, 1]
    # Dependence ranks: direct B1 A2 C3 D4, indirect B1 C2 A3 D4.
    assert [v.dependence_rank_shift for v in result.variables] == [-1, 0, 1, 0]


def test_acyclic_chain_stops_at_the_zero_power() -> None:
    # A -2-> B -3-> C. M² holds only A -> C (6): influence order A B C is unchanged, but the
    # dependence order moves from B C A to C A B; M³ = 0, so k = 3 and indirect values are 0.
    result = micmac(np.array([[0, 2, 0], [0, 0, 3], [0, 0, 0]]), ["A", "B", "C"])

    assert (result.power, result.stop, result.acyclic) == (3, Stop.ZERO, True)
    assert result.note is not None and "acyclique" in result.note
    assert all(v.indirect_influence == 0 == v.indirect_dependence for v in result.variables)
    assert all(v.indirect_zone is None for v in result.variables)
    assert [v.direct_influence for v in result.variables] == [2, 3, 0]


def test_acyclic_system_can_stabilise_before_the_zero_power() -> None:
    # D -> C -> A -> B (and shortcuts): orders at M² equal those at M, before M³ = 0.
    m = np.array([[0, 2, 0, 0], [0, 0, 0, 0], [2, 2, 0, 0], [1, 3, 1, 0]])
    result = micmac(m)

    assert (result.power, result.stop, result.acyclic) == (2, Stop.STABLE, True)
    assert result.note is not None and "acyclique" in result.note
    assert [v.raw_indirect_influence for v in result.variables] == [0, 0, 4, 6]


def test_empty_matrix_is_acyclic_at_power_one() -> None:
    result = micmac(np.zeros((3, 3), dtype=int))
    assert (result.power, result.stop, result.acyclic) == (1, Stop.ZERO, True)
    assert all(v.direct_zone is None for v in result.variables)


def test_orders_that_never_settle_stop_at_the_limit() -> None:
    # A -1-> B -3-> C -2-> A: M³ = 6·I, so the orders cycle with period 3.
    result = micmac(np.array([[0, 1, 0], [0, 0, 3], [2, 0, 0]]))
    assert (result.power, result.stop) == (30, Stop.LIMIT)
    assert not result.acyclic  # a 3-cycle, found by boolean squaring (no mutual pair)
    assert result.note is not None and "30" in result.note


def _float_reference(m: np.ndarray, power: int) -> tuple[np.ndarray, np.ndarray]:
    """Indirect values by float powers normalised at each step (an independent method)."""
    rows = np.ones(len(m))
    cols = np.ones(len(m))
    for _ in range(power):
        rows = m @ rows
        rows /= rows.sum()
        cols = cols @ m
        cols /= cols.sum()
    return rows * m.sum(), cols * m.sum()


def test_dense_500_variable_matrix() -> None:
    rng = np.random.default_rng(500)
    m = rng.integers(0, 4, size=(500, 500))
    np.fill_diagonal(m, 0)
    result = micmac(m)

    assert result.stop is Stop.STABLE
    rows, cols = _float_reference(m.astype(float), result.power)
    assert np.allclose([v.indirect_influence for v in result.variables], rows, rtol=1e-9)
    assert np.allclose([v.indirect_dependence for v in result.variables], cols, rtol=1e-9)


def test_powers_beyond_int64_stay_exact() -> None:
    # A dense block of 200 variables (sums grow like 597^k) next to the 3-cycle above, whose
    # orders never settle: the powers run to 30, far beyond int64 (597^30 ≈ 10^83).
    m = np.zeros((203, 203), dtype=int)
    m[:200, :200] = 3
    m[200:, 200:] = [[0, 1, 0], [0, 0, 3], [2, 0, 0]]
    np.fill_diagonal(m, 0)
    result = micmac(m)

    assert (result.power, result.stop) == (30, Stop.LIMIT)
    assert result.raw_total > 2**63
    assert result.variables[0].raw_indirect_influence == 597**30  # M·1 = 597·1
    rows, cols = _float_reference(m.astype(float), 30)
    assert np.allclose([v.indirect_influence for v in result.variables], rows, rtol=1e-9)
    assert np.allclose([v.indirect_dependence for v in result.variables], cols, rtol=1e-9)


def test_python_integers_give_the_same_result_as_int64(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    m = rng.integers(0, 4, size=(40, 40)) * (rng.random((40, 40)) < 0.2)
    np.fill_diagonal(m, 0)
    fast = micmac(m)
    monkeypatch.setattr(micmac_module, "_INT64_MAX", 50)  # switch to Python ints at once
    assert micmac(m) == fast


def test_whole_floats_are_accepted() -> None:
    assert micmac(np.array(WORKED, dtype=float)) == micmac(np.array(WORKED))


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[0, 1, 0], [1, 0, 1]], "carrée"),
        ([[0, 4], [1, 0]], "valeurs permises"),
        ([[1, 0], [0, 0]], "diagonale"),
        ([[0.5, 0], [0, 0]], "entiers"),
    ],
)
def test_invalid_matrix_raises_value_error(matrix: list[list[float]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        micmac(np.array(matrix))


# --- Command line ----------------------------------------------------------------------------


def run_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | bytes, *options: str
) -> tuple[int, str, str]:
    path = tmp_path / "matrice.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    code = main(["micmac", str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_worked_example(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, tmp_path, WORKED_CSV)

    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["power"] == 3
    assert document["acyclic"] is False
    assert (document["potential"], document["potential_cells"]) == (False, 1)
    assert [v["name"] for v in document["variables"]] == ["A", "B", "C", "D"]
    a = document["variables"][0]
    assert a == {
        "name": "A",
        "direct_influence": 4,
        "direct_dependence": 3,
        "indirect_influence": 3.4286,
        "indirect_dependence": 2.6286,
        "direct_influence_rank": 1,
        "direct_dependence_rank": 2,
        "indirect_influence_rank": 1,
        "indirect_dependence_rank": 3,
        "influence_rank_shift": 0,
        "dependence_rank_shift": -1,
        "direct_zone": "relais",
        "indirect_zone": "motrice",
    }


def test_cli_potential_counts_p_as_three(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run_cli(capsys, tmp_path, WORKED_CSV, "--potentiel")

    assert code == 0
    document = json.loads(out)
    assert document["potential"] is True
    assert document["total"] == 15
    c = document["variables"][2]
    assert c["direct_influence"] == 5  # P on A now counts 3
    assert document["variables"][0]["direct_dependence"] == 6


def test_cli_acyclic_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, tmp_path, ",A,B,C\nA,0,2,0\nB,0,0,3\nC,0,0,0\n")

    document = json.loads(out)
    assert (code, document["power"], document["acyclic"], document["stop"]) == (0, 3, True, "zero")
    assert "acyclique" in document["note"]
    assert {v["indirect_influence"] for v in document["variables"]} == {0}


def test_cli_reads_semicolons_and_a_byte_order_mark(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    content = "\ufeff;A;B;C;D\r\nA;0;3;1;0\r\nB;1;;2;0\r\nC;P;0;0;2\r\nD;2;1;0;\r\n\r\n"
    code, out, _ = run_cli(capsys, tmp_path, content)
    assert code == 0
    assert json.loads(out)["power"] == 3


@pytest.mark.parametrize(
    ("content", "line", "column", "words"),
    [
        pytest.param("", 1, 1, "vide", id="empty file"),
        pytest.param("\n  \n", 1, 1, "vide", id="blank file"),
        pytest.param(",,,\n , ,\n", 1, 1, "vide", id="only separators"),
        pytest.param(b",A,B\nA,0,1\nB,1,0\n\xe9", 4, 1, "UTF-8", id="bad encoding"),
        pytest.param(b",A,\xe9t\xe9\nA,0,1\n", 1, 3, "UTF-8", id="bad encoding in a name"),
        pytest.param("X,A,B\nA,0,1\nB,1,0\n", 1, 1, "doit être vide", id="corner not empty"),
        pytest.param(",A,A\nA,0,1\nA,1,0\n", 1, 3, "déjà", id="duplicate name"),
        pytest.param(",A,B,C\nA,0,1,1\nB,1,0,1\n", 4, 1, "pas carrée", id="missing row"),
        pytest.param(",A,B\nA,0,1\nB,1,0\nC,1,1\n", 4, 1, "pas carrée", id="extra row"),
        pytest.param(",A,B\nA,0,1,2\nB,1,0\n", 2, 4, "pas carrée", id="extra column"),
        pytest.param(",A,B,C\nA,0,1,1\nB,1\nC,1,1,0\n", 3, 3, "pas carrée", id="short row"),
        pytest.param(
            b"\xef\xbb\xbf,A,B\nA,0,1\nB,\xe9,0\n", 3, 2, "0xE9", id="bad byte after a BOM"
        ),
        pytest.param(",A,B\nA,0,1\nC,1,0\n", 3, 1, "ne correspond pas", id="names differ"),
        pytest.param(",A,B\nB,0,1\nA,1,0\n", 2, 1, "ne correspond pas", id="rows reordered"),
        pytest.param(",A,B\nA,0,4\nB,1,0\n", 2, 3, "«\u00a04\u00a0»", id="score above 3"),
        pytest.param(",A,B\nA,0,-1\nB,1,0\n", 2, 3, "«\u00a0-1\u00a0»", id="negative score"),
        pytest.param(",A,B\nA,0,1.5\nB,1,0\n", 2, 3, "«\u00a01.5\u00a0»", id="decimal score"),
        pytest.param(",A,B\nA,0,fort\nB,1,0\n", 2, 3, "«\u00a0fort\u00a0»", id="word"),
        pytest.param(",A,B\nA,0,1\nB,1,2\n", 3, 3, "diagonale", id="non-zero diagonal"),
        pytest.param(",A,B\nA,P,1\nB,1,0\n", 2, 2, "diagonale", id="potential diagonal"),
    ],
)
def test_cli_malformed_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: str | bytes,
    line: int,
    column: int,
    words: str,
) -> None:
    code, out, err = run_cli(capsys, tmp_path, content)

    assert code == 2
    assert out == ""
    assert err.startswith("Erreur : ")
    assert f"ligne {line}, colonne {column} " in err
    assert words in err


def test_cli_skips_blank_lines_and_counts_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(capsys, tmp_path, "\n,A,B\n\n,,\nA,0,1\nB,5,0\n")
    assert code == 2
    assert "ligne 6, colonne 2 (B)\u00a0: «\u00a05\u00a0»" in err


def test_cli_lists_every_fault(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, tmp_path, ",A,B,C\nA,0,9,1\nB,x,0,1\nC,1,1,3\n")

    assert (code, out) == (2, "")
    assert "3 erreurs" in err
    for where in ("ligne 2, colonne 3", "ligne 3, colonne 2", "ligne 4, colonne 4"):
        assert where in err


def test_cli_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["micmac", str(tmp_path / "absent.csv")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "introuvable" in err


def test_read_matrix_csv_keeps_potential_cells() -> None:
    matrix = read_matrix_csv(WORKED_CSV.encode())
    assert matrix.names == ("A", "B", "C", "D")
    assert matrix.potential.sum() == 1 and matrix.potential[2, 0]
    assert matrix.matrix().tolist() == WORKED
    assert matrix.matrix(potential=True)[2, 0] == 3


def test_analysis_package_imports_no_django() -> None:
    code = (
        "import ressort.analysis.micmac, ressort.analysis.micmac_cli, ressort.analysis.systems, "
        "ressort.analysis.morphology, sys; "
        "assert not any(m.startswith('django') for m in sys.modules), "
        "[m for m in sys.modules if m.startswith('django')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- Fixed power and orderings (issue 23) -----------------------------------------------------


def exact_power_sums(matrix: list[list[int]], power: int) -> tuple[list[int], list[int]]:
    """Row and column sums of M^power by repeated products of Python-integer matrices: an
    independent computation (the module works on sum vectors only)."""
    m = [[int(x) for x in row] for row in matrix]
    n = len(m)
    result = [[int(i == j) for j in range(n)] for i in range(n)]
    for _ in range(power):
        result = [
            [sum(result[i][k] * m[k][j] for k in range(n)) for j in range(n)] for i in range(n)
        ]
    return [sum(row) for row in result], [sum(result[i][j] for i in range(n)) for j in range(n)]


@pytest.mark.parametrize("power", [1, 2, 3, 5, 9])
def test_fixed_power_on_the_worked_example(power: int) -> None:
    result = micmac(WORKED, ["A", "B", "C", "D"], power=power)
    assert result.power == power
    assert result.stop is Stop.FIXED
    rows, cols = exact_power_sums(WORKED, power)
    assert [v.raw_indirect_influence for v in result.variables] == rows
    assert [v.raw_indirect_dependence for v in result.variables] == cols
    assert result.raw_total == sum(rows)
    assert len(result.influence_orders) == len(result.dependence_orders) == power
    # By hand above: power 3 is where the automatic stop lands, with these values.
    if power == 3:
        assert rows == [30, 23, 22, 30] and cols == [23, 30, 30, 22]
        assert result.note is not None and "identiques" in result.note


def test_fixed_power_beyond_int64_is_exact() -> None:
    rng = np.random.default_rng(11)
    matrix = rng.integers(0, 4, size=(12, 12))
    np.fill_diagonal(matrix, 0)
    result = micmac(matrix, power=40)  # sums reach about 33^40: far beyond int64
    rows, cols = exact_power_sums(matrix.tolist(), 40)
    assert [v.raw_indirect_influence for v in result.variables] == rows
    assert [v.raw_indirect_dependence for v in result.variables] == cols
    assert max(rows) > 2**63


def test_fixed_power_of_an_acyclic_system_is_zero() -> None:
    result = micmac([[0, 2, 0], [0, 0, 3], [0, 0, 0]], power=4)
    assert (result.power, result.stop) == (4, Stop.ZERO)
    assert {v.indirect_influence for v in result.variables} == {0.0}


@pytest.mark.parametrize("power", [0, -1, 101, True])
def test_fixed_power_must_be_sensible(power: int) -> None:
    with pytest.raises(ValueError, match="La puissance doit être un entier de 1 à 100"):
        micmac(WORKED, power=power)


def test_cli_orderings_at_every_power(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, tmp_path, WORKED_CSV)
    assert code == 0
    # The orders by hand at the top of this file.
    assert json.loads(out)["orderings"] == [
        {"power": 1, "influence": ["A", "B", "D", "C"], "dependence": ["B", "A", "C", "D"]},
        {"power": 2, "influence": ["A", "D", "B", "C"], "dependence": ["B", "C", "A", "D"]},
        {"power": 3, "influence": ["A", "D", "B", "C"], "dependence": ["B", "C", "A", "D"]},
    ]


def test_cli_fixed_power(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, tmp_path, WORKED_CSV, "--puissance", "2")
    document = json.loads(out)
    assert (code, document["power"], document["stop"]) == (0, 2, "fixed")
    assert "Puissance imposée" in document["note"]
    assert [o["power"] for o in document["orderings"]] == [1, 2]
    # M² by hand: influence A 11, B 8, C 6, D 11 (total 36), rescaled × 12/36.
    assert [v["indirect_influence"] for v in document["variables"]] == pytest.approx(
        [11 / 3, 8 / 3, 2, 11 / 3], abs=1e-4
    )
    assert [
        o["power"]
        for o in json.loads(run_cli(capsys, tmp_path, WORKED_CSV, "--puissance", "7")[1])[
            "orderings"
        ]
    ] == list(range(1, 8))


def test_cli_fixed_power_out_of_range(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, tmp_path, WORKED_CSV, "--puissance", "0")
    assert (code, out) == (2, "")
    assert "--puissance : un entier de 1 à 100 est attendu (0)" in err
