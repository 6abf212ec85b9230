"""`ressort analyse mcda` and `ressort analyse vote`: outputs, and every malformed input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ressort.analysis.cli import main

PROBLEM: dict[str, Any] = {
    "criteria": [
        {"name": "effet", "weight": 3, "direction": "max"},
        {
            "name": "coût",
            "weight": 2,
            "direction": "min",
            "preference": {"function": "linear", "q": 10, "p": 100},
        },
        {
            "name": "faisabilité",
            "weight": 1,
            "direction": "max",
            "preference": {"function": "usual"},
        },
    ],
    "alternatives": [
        {
            "name": "Récupérer l'eau de pluie",
            "values": {"effet": 1.5, "coût": 40, "faisabilité": 4},
        },
        {"name": "Planter des haies", "values": {"effet": 2, "coût": 120, "faisabilité": 3}},
        {"name": "Ombrières solaires", "values": {"effet": 1, "coût": 300, "faisabilité": 5}},
    ],
}


def write_json(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "probleme.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return str(path)


def write_csv(tmp_path: Path, text: str) -> str:
    path = tmp_path / "vote.csv"
    path.write_text(text, encoding="utf-8")
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


# --- mcda -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "best"),
    [
        ("somme-ponderee", "Planter des haies"),
        ("topsis", "Récupérer l'eau de pluie"),
        ("promethee2", "Planter des haies"),
    ],
)
def test_mcda_ranks_best_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], method: str, best: str
) -> None:
    result = run_ok(capsys, ["mcda", write_json(tmp_path, PROBLEM), "--method", method])
    assert result["method"] == method
    assert result["weights"] == pytest.approx({"effet": 0.5, "coût": 1 / 3, "faisabilité": 1 / 6})
    ranking = result["ranking"]
    assert [set(r) for r in ranking] == [{"alternative", "score", "rank"}] * 3
    assert ranking[0]["alternative"] == best
    assert [r["rank"] for r in ranking] == [1, 2, 3]
    scores = [r["score"] for r in ranking]
    assert scores == sorted(scores, reverse=True)
    assert ranking[-1]["alternative"] == "Ombrières solaires"


def test_mcda_promethee_scores_by_hand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Weights .5/.333/.167. Cost differences (q = 10, p = 100): eau–haies 80 → 7/9,
    # eau–ombrières 260 → 1, haies–ombrières 180 → 1. Effect: haies > eau > ombrières.
    # Feasibility: ombrières > eau > haies. π(eau, haies) = 1/3·7/9 + 1/6 = 35/54;
    # π(eau, ombr) = .5 + 1/3 = 5/6; π(haies, eau) = .5; π(haies, ombr) = 5/6;
    # π(ombr, eau) = π(ombr, haies) = 1/6. φ(eau) = (35/54 + 5/6 − .5 − 1/6)/2 = 8/27;
    # φ(haies) = (.5 + 5/6 − 35/54 − 1/6)/2 = 10/27; φ(ombr) = (1/3 − 5/3)/2 = −2/3.
    result = run_ok(capsys, ["mcda", write_json(tmp_path, PROBLEM), "--method", "promethee2"])
    scores = {r["alternative"]: r["score"] for r in result["ranking"]}
    assert scores == pytest.approx(
        {
            "Planter des haies": 10 / 27,
            "Récupérer l'eau de pluie": 8 / 27,
            "Ombrières solaires": -2 / 3,
        }
    )


def test_mcda_equal_scores_share_a_rank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(json.dumps(PROBLEM))
    twin = {"name": "Haies, bis", "values": dict(data["alternatives"][1]["values"])}
    data["alternatives"].insert(0, twin)
    for method in ("somme-ponderee", "topsis", "promethee2"):
        ranking = run_ok(capsys, ["mcda", write_json(tmp_path, data), "--method", method])[
            "ranking"
        ]
        ranks = {r["alternative"]: r["rank"] for r in ranking}
        assert ranks["Haies, bis"] == ranks["Planter des haies"]
        assert sorted(ranks.values()) in ([1, 1, 3, 4], [1, 2, 2, 4])


def mutated(change: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(PROBLEM))
    change(data)
    return data


MALFORMED_PROBLEMS = {
    "missing value": (
        lambda d: d["alternatives"][2]["values"].pop("coût"),
        "alternatives[2].values.coût : valeur manquante",
    ),
    "non-numeric value": (
        lambda d: d["alternatives"][1]["values"].update({"effet": "beaucoup"}),
        "alternatives[1].values.effet : un nombre est attendu, pas le texte « beaucoup »",
    ),
    "boolean value": (
        lambda d: d["alternatives"][0]["values"].update({"effet": True}),
        "alternatives[0].values.effet : un nombre est attendu, pas un booléen",
    ),
    "null value": (
        lambda d: d["alternatives"][0]["values"].update({"effet": None}),
        "alternatives[0].values.effet : un nombre est attendu, pas null",
    ),
    "unknown criterion in values": (
        lambda d: d["alternatives"][0]["values"].update({"délai": 3}),
        "alternatives[0].values.délai : critère inconnu",
    ),
    "negative weight": (
        lambda d: d["criteria"][1].update({"weight": -2}),
        "criteria[1].weight : le poids ne peut pas être négatif",
    ),
    "zero total weight": (
        lambda d: [c.update({"weight": 0}) for c in d["criteria"]],
        "criteria : la somme des poids doit être strictement positive",
    ),
    "non-numeric weight": (
        lambda d: d["criteria"][0].update({"weight": "3"}),
        "criteria[0].weight : un nombre est attendu, pas le texte « 3 »",
    ),
    "p equal to q": (
        lambda d: d["criteria"][1]["preference"].update({"p": 10}),
        "criteria[1].preference.p : le seuil de préférence p (10.0) doit être strictement "
        "supérieur au seuil d'indifférence q (10.0)",
    ),
    "p below q": (
        lambda d: d["criteria"][1]["preference"].update({"p": 5}),
        "criteria[1].preference.p : le seuil de préférence p (5.0)",
    ),
    "negative q": (
        lambda d: d["criteria"][1]["preference"].update({"q": -1}),
        "criteria[1].preference.q : le seuil d'indifférence q doit être ≥ 0",
    ),
    "linear without p": (
        lambda d: d["criteria"][1]["preference"].pop("p"),
        "criteria[1].preference.p : valeur manquante",
    ),
    "unknown direction": (
        lambda d: d["criteria"][0].update({"direction": "maximum"}),
        "criteria[0].direction : sens inconnu « maximum » : valeurs permises « max »",
    ),
    "missing direction": (
        lambda d: d["criteria"][0].pop("direction"),
        "criteria[0].direction : champ obligatoire manquant",
    ),
    "unknown function": (
        lambda d: d["criteria"][2]["preference"].update({"function": "sigmoid"}),
        "criteria[2].preference.function : fonction de préférence inconnue « sigmoid » : "
        "valeurs permises « usual », « u-shape », « v-shape », « level », « linear », "
        "« gaussian »",
    ),
    "unknown field": (
        lambda d: d["criteria"][0].update({"poids": 1}),
        "criteria[0].poids : champ inconnu ; champs permis : « name », « weight »",
    ),
    "duplicate criterion": (
        lambda d: d["criteria"][2].update({"name": "effet"}),
        "criteria[2].name : critère « effet » déjà défini en criteria[0]",
    ),
    "duplicate alternative": (
        lambda d: d["alternatives"][2].update({"name": "Planter des haies"}),
        "alternatives[2].name : alternative « Planter des haies » déjà définie",
    ),
    "empty criteria": (
        lambda d: d.update({"criteria": []}),
        "criteria : la liste est vide",
    ),
    "no alternatives": (
        lambda d: d.pop("alternatives"),
        "alternatives : champ obligatoire manquant",
    ),
    "values not an object": (
        lambda d: d["alternatives"][1].update({"values": [1, 2, 3]}),
        "alternatives[1].values : un objet critère → nombre est attendu, pas une liste",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED_PROBLEMS))
def test_mcda_malformed_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    change, message = MALFORMED_PROBLEMS[case]
    err = run_error(capsys, ["mcda", write_json(tmp_path, mutated(change)), "--method", "topsis"])
    assert message in err


def test_mcda_reports_every_fault_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def break_three(d: dict[str, Any]) -> None:
        d["criteria"][0]["direction"] = "haut"
        d["criteria"][1]["preference"]["p"] = 1
        d["alternatives"][2]["values"].pop("faisabilité")

    err = run_error(
        capsys, ["mcda", write_json(tmp_path, mutated(break_three)), "--method", "topsis"]
    )
    assert "3 erreurs dans le fichier" in err
    for path in (
        "criteria[0].direction",
        "criteria[1].preference.p",
        "alternatives[2].values.faisabilité",
    ):
        assert f"  {path} : " in err


def test_mcda_nan_and_infinity_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(PROBLEM, ensure_ascii=False).replace('"coût": 40', '"coût": NaN')
    path = tmp_path / "nan.json"
    path.write_text(text.replace('"effet": 2,', '"effet": Infinity,'), encoding="utf-8")
    err = run_error(capsys, ["mcda", str(path), "--method", "topsis"])
    assert "alternatives[0].values.coût : un nombre fini est attendu" in err
    assert "alternatives[1].values.effet : un nombre fini est attendu" in err


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            '{"criteria": [\n  {"name": "a", "weight": 1,}\n]}',
            "ligne 2, colonne 29 : nom de champ entre guillemets attendu",
        ),
        (
            '{"criteria": [\n  {"name": "a" "weight": 1}\n]}',
            "ligne 2, colonne 16 : virgule attendue",
        ),
        ("", "ligne 1, colonne 1 : valeur attendue"),
        ('{"criteria": []}\n{}', "ligne 2, colonne 1 : données en trop"),
    ],
)
def test_mcda_bad_json_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str
) -> None:
    path = tmp_path / "casse.json"
    path.write_text(text, encoding="utf-8")
    err = run_error(capsys, ["mcda", str(path), "--method", "promethee2"])
    assert f"JSON invalide {where}" in err


def test_mcda_document_must_be_an_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_error(capsys, ["mcda", write_json(tmp_path, [1, 2]), "--method", "topsis"])
    assert "objet JSON avec les champs « criteria » et « alternatives »" in err


def test_mcda_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = run_error(capsys, ["mcda", str(tmp_path / "absent.json"), "--method", "topsis"])
    assert "fichier introuvable" in err


def test_mcda_unknown_method_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["mcda", write_json(tmp_path, PROBLEM), "--method", "electre"])
    assert caught.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "somme-ponderee" in err


# --- vote -----------------------------------------------------------------------------------

VOTE = """Haies,Eau de pluie,Ombrières
Bien,Très bien,Passable
Assez bien,,Excellent
Bien,Bien,Insuffisant
"""


def test_vote_ranks_by_majority_judgment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Haies: AB, B, B → B; Eau: (empty = À rejeter), B, TB → B; Ombrières: I, P, E → P.
    # Haies' majority value B, AB, B beats Eau's B, À rejeter, TB.
    result = run_ok(capsys, ["vote", write_csv(tmp_path, VOTE)])
    assert result["ballots"] == 3
    assert [(r["candidate"], r["majority_grade"], r["rank"]) for r in result["ranking"]] == [
        ("Haies", "Bien", 1),
        ("Eau de pluie", "Bien", 2),
        ("Ombrières", "Passable", 3),
    ]
    eau = result["ranking"][1]
    assert eau["tally"]["À rejeter"] == 1  # the empty cell
    assert eau["share_above"] == pytest.approx(1 / 3)
    assert eau["share_below"] == pytest.approx(1 / 3)


def test_vote_matching_ignores_case_accents_and_spaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "A;B\n a rejeter ;TRES BIEN\nÀ rejeter;très  bien\n\n"
    result = run_ok(capsys, ["vote", write_csv(tmp_path, text)])
    assert [(r["candidate"], r["majority_grade"]) for r in result["ranking"]] == [
        ("B", "Très bien"),
        ("A", "À rejeter"),
    ]


def test_vote_separator_is_read_from_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Semicolons, a comma inside a quoted name, and blank lines before the header.
    text = '\n\n"Haies, mares";Eau\nBien;Passable\n'
    ranking = run_ok(capsys, ["vote", write_csv(tmp_path, text)])["ranking"]
    assert [r["candidate"] for r in ranking] == ["Haies, mares", "Eau"]
    err = run_error(capsys, ["vote", write_csv(tmp_path, text + "Bien;Nul\n")])
    assert "ligne 5, colonne 2 (« Eau ») : mention inconnue « Nul »" in err
    err = run_error(capsys, ["vote", write_csv(tmp_path, '\n"Haies";"Haies"\nBien;Bien\n')])
    assert "ligne 2, colonne 2 : candidat « Haies » déjà en colonne 1" in err


def test_vote_ties_share_a_rank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "A,B,C\nBien,Passable,Bien\nPassable,Passable,Passable\nBien,Bien,Bien\n"
    ranking = run_ok(capsys, ["vote", write_csv(tmp_path, text)])["ranking"]
    assert [(r["candidate"], r["rank"]) for r in ranking] == [("A", 1), ("C", 1), ("B", 3)]


def test_vote_with_other_mentions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "A,B\nnon,oui\noui,oui\nnon,\n"
    result = run_ok(capsys, ["vote", write_csv(tmp_path, text), "--mentions", "Non, Oui"])
    assert result["mentions"] == ["Non", "Oui"]
    assert [(r["candidate"], r["majority_grade"]) for r in result["ranking"]] == [
        ("B", "Oui"),
        ("A", "Non"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "A,B\nBien,Bien\nBien,Génial\n",
            "ligne 3, colonne 2 (« B ») : mention inconnue « Génial » ; mentions permises : "
            "« À rejeter », « Insuffisant »",
        ),
        ("A,B\nBien,Bien\nBien\n", "ligne 3 : 1 colonnes au lieu de 2 (une par candidat)"),
        ("A,B\nBien,Bien,Bien\n", "ligne 2 : 3 colonnes au lieu de 2"),
        ("", "fichier vide"),
        ("\n\n", "fichier vide"),
        ('""\n', "fichier vide"),
        ("A,B\n", "aucun bulletin"),
        ("A,,B\nBien,Bien,Bien\n", "ligne 1, colonne 2 : nom de candidat vide"),
        ("A,B,A\nBien,Bien,Bien\n", "ligne 1, colonne 3 : candidat « A » déjà en colonne 1"),
        ('A,B\n"Bien,Bien\n', "CSV mal formé"),
    ],
)
def test_vote_malformed_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    err = run_error(capsys, ["vote", write_csv(tmp_path, text)])
    assert message in err


@pytest.mark.parametrize("comptes", [False, True])
def test_vote_cell_beyond_the_csv_limit_is_said_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], comptes: bool
) -> None:
    header = "candidat,Insuffisant,Bien\n" if comptes else "A,B\n"
    text = header + "Bien," + "x" * 200_000 + "\n"
    args = ["vote", write_csv(tmp_path, text), *(["--comptes"] if comptes else [])]
    err = run_error(capsys, args)
    assert "ligne illisible : une cellule dépasse 128 Ko" in err
    assert "field" not in err and "limit" not in err


def test_vote_reports_every_fault(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "A,B\n" + "Super,Top\n" * 15
    err = run_error(capsys, ["vote", write_csv(tmp_path, text)])
    assert "30 erreurs" in err
    assert "ligne 16, colonne 2" not in err  # only the first 20 are listed…
    assert "… et 10 autres erreurs" in err


def test_vote_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("A,B\nBien,Bien\nTrès bien,Bien\n".encode("latin-1"))
    err = run_error(capsys, ["vote", str(path)])
    assert "ligne 3 : le fichier n'est pas en UTF-8" in err


@pytest.mark.parametrize(
    ("mentions", "message"),
    [
        ("Oui", "il faut au moins deux mentions"),
        ("Non,,Oui", "mention vide"),
        ("Non,Oui,non", "« non » répète « Non »"),
    ],
)
def test_vote_bad_mentions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mentions: str, message: str
) -> None:
    err = run_error(capsys, ["vote", write_csv(tmp_path, VOTE), "--mentions", mentions])
    assert f"--mentions : {message}" in err


def test_vote_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "fichier introuvable" in run_error(capsys, ["vote", str(tmp_path / "absent.csv")])


# --- No Django --------------------------------------------------------------------------------


def test_decision_modules_import_no_django(tmp_path: Path) -> None:
    problem = write_json(tmp_path, PROBLEM)
    votes = write_csv(tmp_path, VOTE)
    code = f"""
import contextlib, io, sys
import ressort.analysis.mcda, ressort.analysis.majority_judgment
import ressort.analysis.mcda_cli, ressort.analysis.vote_cli
from ressort.analysis.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["mcda", {problem!r}, "--method", "promethee2"]) == 0
    assert main(["vote", {votes!r}]) == 0
leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
assert not leaked, leaked
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# --- mcda: normalisations and preference functions (issue 23) ------------------------------


@pytest.mark.parametrize(
    ("method", "normalisation"),
    [
        ("topsis", "vecteur"),
        ("topsis", "min-max"),
        ("somme-ponderee", "min-max"),
        ("somme-ponderee", "max"),
        ("somme-ponderee", "aucune"),
    ],
)
def test_mcda_normalisation_matches_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], method: str, normalisation: str
) -> None:
    from ressort.analysis import mcda
    from ressort.analysis.mcda_cli import load_problem

    path = write_json(tmp_path, PROBLEM)
    result = run_ok(capsys, ["mcda", path, "--method", method, "--normalisation", normalisation])
    assert result["normalisation"] == normalisation
    expected = mcda.rank(load_problem(Path(path)), method, normalisation)
    scores = {r["alternative"]: r["score"] for r in result["ranking"]}
    assert [scores[a] for a in expected.alternatives] == pytest.approx(expected.scores.tolist())


def test_mcda_normalisation_defaults_are_today_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_json(tmp_path, PROBLEM)
    assert run_ok(capsys, ["mcda", path, "--method", "topsis"])["normalisation"] == "vecteur"
    weighted = run_ok(capsys, ["mcda", path, "--method", "somme-ponderee"])
    assert weighted["normalisation"] == "min-max"
    # By hand, min–max: effect 1.5, 2, 1 → .5, 1, 0; cost 40, 120, 300 → 1, 180/260, 0;
    # feasibility 4, 3, 5 → .5, 0, 1. Weights 1/2, 1/3, 1/6.
    scores = {r["alternative"]: r["score"] for r in weighted["ranking"]}
    assert scores["Récupérer l'eau de pluie"] == pytest.approx(0.25 + 1 / 3 + 1 / 12)
    assert scores["Planter des haies"] == pytest.approx(0.5 + 18 / 26 / 3)
    assert "normalisation" not in run_ok(capsys, ["mcda", path, "--method", "promethee2"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--method", "topsis", "--normalisation", "max"], "pour topsis, valeurs permises"),
        (["--method", "promethee2", "--normalisation", "min-max"], "n'en prend pas"),
    ],
)
def test_mcda_normalisation_not_for_this_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    err = run_error(capsys, ["mcda", write_json(tmp_path, PROBLEM), *argv])
    assert "--normalisation" in err and message in err


def test_mcda_max_normalisation_names_a_value_off_the_ratio_scale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = mutated(lambda d: d["alternatives"][1]["values"].update({"coût": 0}))
    err = run_error(
        capsys,
        [
            "mcda",
            write_json(tmp_path, data),
            "--method",
            "somme-ponderee",
            "--normalisation",
            "max",
        ],
    )
    assert "alternatives[1].values.coût : la normalisation « max » demande des valeurs > 0" in err


def test_mcda_every_preference_function_from_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The hydro-electric example of Brans, Vincke & Mareschal (1986), through the file
    # format: its first-ranked site is a5 (see tests/analysis/test_mcda.py).
    rows = [
        [80, 90, 6, 5.4, 8, 5],
        [65, 58, 2, 9.7, 1, 1],
        [83, 60, 4, 7.2, 4, 7],
        [40, 80, 10, 7.5, 7, 10],
        [52, 72, 6, 2.0, 3, 8],
        [94, 96, 7, 3.6, 5, 6],
    ]
    criteria = [
        ("f1", "min", {"function": "u-shape", "q": 10}),
        ("f2", "max", {"function": "v-shape", "p": 30}),
        ("f3", "min", {"function": "linear", "q": 0.5, "p": 5}),
        ("f4", "min", {"function": "level", "q": 1, "p": 6}),
        ("f5", "min", {"function": "usual"}),
        ("f6", "max", {"function": "gaussian", "s": 5}),
    ]
    data = {
        "criteria": [
            {"name": n, "weight": 1, "direction": d, "preference": p} for n, d, p in criteria
        ],
        "alternatives": [
            {"name": f"a{i + 1}", "values": {c[0]: v for c, v in zip(criteria, row, strict=True)}}
            for i, row in enumerate(rows)
        ],
    }
    ranking = run_ok(capsys, ["mcda", write_json(tmp_path, data), "--method", "promethee2"])[
        "ranking"
    ]
    assert ranking[0]["alternative"] == "a5"
    # φ⁺(a5) − φ⁻(a5) from the published table of preference indices: (2.274 − 0.808) / 5.
    assert ranking[0]["score"] == pytest.approx((2.274 - 0.808) / 5, abs=2e-3)


@pytest.mark.parametrize(
    ("preference", "message"),
    [
        ({"function": "gaussian"}, "criteria[2].preference.s : valeur manquante"),
        ({"function": "gaussian", "s": -1}, "criteria[2].preference.s : le paramètre s"),
        ({"function": "u-shape"}, "criteria[2].preference.q : valeur manquante"),
        ({"function": "v-shape", "p": 0}, "criteria[2].preference.p : le seuil de préférence p"),
        ({"function": "level", "q": 3, "p": "5"}, "criteria[2].preference.p : un nombre est"),
        ({"function": "usual", "s": "large"}, "criteria[2].preference.s : un nombre est"),
    ],
)
def test_mcda_preference_parameters_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], preference: dict[str, Any], message: str
) -> None:
    data = mutated(lambda d: d["criteria"][2].update({"preference": preference}))
    err = run_error(capsys, ["mcda", write_json(tmp_path, data), "--method", "promethee2"])
    assert message in err


# --- vote: absent grades and tallies (issue 23) -------------------------------------------------


def naive_scaled_majority_value(grades: list[int], length: int) -> list[int]:
    """Each grade repeated length / n times, then the lower median taken out one at a time:
    the definition applied literally (the module never builds this list)."""
    remaining = sorted(g for g in grades for _ in range(length // len(grades)))
    value = []
    while remaining:
        value.append(remaining.pop((len(remaining) - 1) // 2))
    return value


def test_vote_absence_rules_on_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path, VOTE)
    # plus-basse (default): Eau = À rejeter, Bien, Très bien → second behind Haies.
    lowest = run_ok(capsys, ["vote", path, "--absence", "plus-basse"])
    assert lowest == run_ok(capsys, ["vote", path])
    assert lowest["absence"] == "plus-basse"
    # exclure: Eau = Bien, Très bien (2 grades) against Haies = AB, B, B. Scaled to 6:
    # Eau B B B TB TB TB, Haies AB AB B B B B: medians B = B, then TB > B → Eau first.
    excluded = run_ok(capsys, ["vote", path, "--absence", "exclure"])
    ranking = [(r["candidate"], r["majority_grade"], r["graded"]) for r in excluded["ranking"]]
    assert ranking == [
        ("Eau de pluie", "Bien", 2),
        ("Haies", "Bien", 3),
        ("Ombrières", "Passable", 3),
    ]
    assert excluded["ranking"][0]["tally"]["À rejeter"] == 0
    assert excluded["ranking"][0]["share_above"] == pytest.approx(1 / 2)
    # A named grade: the absent vote counts « Très bien »: Eau = B, TB, TB → majority TB.
    named = run_ok(capsys, ["vote", path, "--absence", "tres bien"])
    assert named["absence"] == "Très bien"
    assert named["ranking"][0]["candidate"] == "Eau de pluie"
    assert named["ranking"][0]["majority_grade"] == "Très bien"


@pytest.mark.parametrize("seed", range(6))
def test_vote_exclure_matches_the_literal_definition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int
) -> None:
    import math

    rng = np.random.default_rng(seed)
    grades = ["Non", "Bof", "Oui", "Top"]
    candidates = [f"c{i}" for i in range(5)]
    rows = rng.integers(-1, 4, size=(int(rng.integers(3, 9)), 5))  # −1: left empty
    rows[0] = rng.integers(0, 4, size=5)  # every candidate graded at least once
    text = ",".join(candidates) + "\n"
    text += "\n".join(",".join(grades[g] if g >= 0 else "" for g in row) for row in rows) + "\n"
    result = run_ok(
        capsys,
        ["vote", write_csv(tmp_path, text), "--mentions", ",".join(grades), "--absence", "exclure"],
    )
    received = {c: [int(g) for g in rows[:, i] if g >= 0] for i, c in enumerate(candidates)}
    length = math.lcm(*(len(v) for v in received.values()))
    values = {c: naive_scaled_majority_value(v, length) for c, v in received.items()}
    # Ranks by the literal majority values (greater is better, equal values tie).
    expected = {c: 1 + sum(values[o] > values[c] for o in candidates) for c in candidates}
    assert {r["candidate"]: r["rank"] for r in result["ranking"]} == expected


def test_vote_tallies_give_the_same_result_as_ballots(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ballots = run_ok(capsys, ["vote", write_csv(tmp_path, VOTE)])
    tallies = (
        "candidat;À rejeter;Insuffisant;Passable;Assez bien;Bien;Très bien;Excellent\n"
        "Haies;0;0;0;1;2;0;0\n"
        "Eau de pluie;0;0;0;0;1;1;0\n"  # one voter left it ungraded
        "Ombrières;0;1;1;0;0;0;1\n"
    )
    path = tmp_path / "comptes.csv"
    path.write_text(tallies, encoding="utf-8")
    counted = run_ok(capsys, ["vote", str(path), "--comptes"])
    assert counted == ballots  # the missing grade counts as the lowest, as an empty cell
    excluded = run_ok(capsys, ["vote", str(path), "--comptes", "--absence", "exclure"])
    assert excluded["ranking"][0]["candidate"] == "Eau de pluie"


def test_vote_tallies_define_the_scale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A: Non, Non, Oui → Non. B has two grades (an empty cell is 0), so one voter left it
    # ungraded: counted as the lowest, Non, Oui, Oui → Oui.
    path = write_csv(tmp_path, "Candidat,Non,Oui\nA,2,1\nB,,2\n")
    result = run_ok(capsys, ["vote", path, "--comptes"])
    assert (result["mentions"], result["ballots"]) == (["Non", "Oui"], 3)
    assert [(r["candidate"], r["majority_grade"], r["tally"]) for r in result["ranking"]] == [
        ("B", "Oui", {"Non": 1, "Oui": 2}),
        ("A", "Non", {"Non": 2, "Oui": 1}),
    ]


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        ("Nom,Non,Oui\nA,1,2\n", [], "ligne 1, colonne 1 : « candidat » attendu, pas « Nom »"),
        ("candidat,Non,Oui\nA,1,deux\n", [], "ligne 2, colonne 3 (« Oui ») : un nombre entier ≥ 0"),
        ("candidat,Non,Oui\nA,1,-2\n", [], "ligne 2, colonne 3 (« Oui ») : un nombre entier ≥ 0"),
        ("candidat,Non,Oui\nA,1,2\nA,2,1\n", [], "ligne 3, colonne 1 : candidat « A » déjà"),
        ("candidat,Non,Oui\nA,1\n", [], "ligne 2 : 2 colonnes au lieu de 3"),
        ("candidat,Non,non\nA,1,2\n", [], "ligne 1, colonne 3 : mention « non » déjà"),
        ("candidat,Non\nA,1\n", [], "il faut au moins deux mentions"),
        ("candidat,Non,Oui\n", [], "aucun candidat"),
        ("candidat,Non,Oui\nA,1,2\n", ["--mentions", "Oui,Non"], "ne sont pas celles de"),
        ("candidat,Non,Oui\nA,1,2\nB,0,0\n", ["--absence", "exclure"], "aucune mention pour « B »"),
        ("candidat,Non,Oui\nA,1,2\n", ["--absence", "Peut-être"], "--absence : « Peut-être »"),
    ],
)
def test_vote_malformed_tallies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, options: list[str], message: str
) -> None:
    err = run_error(capsys, ["vote", write_csv(tmp_path, text), "--comptes", *options])
    assert message in err


def test_vote_exclure_refuses_a_candidate_nobody_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run_error(
        capsys, ["vote", write_csv(tmp_path, "A,B\nBien,\nPassable,\n"), "--absence", "exclure"]
    )
    assert "--absence exclure : aucune mention pour « B »" in err
