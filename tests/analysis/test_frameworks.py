"""Framework files: the shipped structures, schema faults by line, round trip, cross-reading."""

import math
import random
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from ressort.analysis import drawing, labels
from ressort.analysis import frameworks as fw


def shipped(code: str) -> fw.FrameworkDoc:
    return fw.load_framework_file(fw.SHIPPED_DIR / f"{code}.yaml")


def of_kind(doc: fw.FrameworkDoc, kind: str) -> list[fw.Node]:
    return [n for n, _, _ in doc.walk() if n.kind == kind]


def test_the_pure_modules_import_no_django() -> None:
    code = (
        "import sys, ressort.analysis.frameworks, ressort.analysis.drawing\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django']\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_doughnut_has_12_social_and_9_ecological_dimensions() -> None:
    doc = shipped("donut")
    rings = {n.code: [c.code for c in n.children if c.kind == "dimension"] for n in doc.nodes}
    assert rings["plancher_social"] == [
        "food", "health", "education", "income_work", "peace_justice", "political_voice",
        "social_equity", "gender_equality", "housing", "networks", "energy", "water",
    ]  # fmt: skip
    assert rings["plafond_ecologique"] == [
        "climate_change", "ocean_acidification", "chemical_pollution", "nitrogen_phosphorus",
        "freshwater", "land_conversion", "biodiversity", "air_pollution", "ozone",
    ]  # fmt: skip
    co2 = next(n for n in of_kind(doc, "indicateur") if n.code == "CC1")
    assert co2.data["limite"] == 350 and co2.data["reference_preindustrielle"] == 280
    life = next(n for n in of_kind(doc, "indicateur") if n.code == "healthy_life_expectancy")
    assert not life.to_verify  # 65 years: verified
    kcal = next(n for n in of_kind(doc, "indicateur") if n.code == "nutrition_oneill")
    assert kcal.to_verify  # 2 700 kcal: not verified


def test_boussole_has_6_principles_18_levers_7_verified() -> None:
    doc = shipped("boussole")
    principles = of_kind(doc, "principe")
    levers = of_kind(doc, "levier")
    assert [p.code for p in principles] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert [p.short_label for p in principles] == [
        "Stratégies – Gouvernance",
        "Cohésion – Solidarité",
        "Anticipation – Veille",
        "Robustesse et continuité",
        "Sobriété et besoins essentiels",
        "Adaptation, apprentissage et innovation",
    ]
    assert all(len(p.children and [c for c in p.children if c.kind == "levier"]) == 3
               for p in principles)  # fmt: skip
    assert len(levers) == 18
    verified = [lever.code for lever in levers if not lever.to_verify]
    assert verified == ["L1.1", "L1.2", "L1.3", "L2.1", "L2.2", "L2.3", "L3.1"]
    assert levers[0].label == "Assurer une gouvernance partagée et la participation citoyenne"
    questions = of_kind(doc, "question")
    assert questions and all(q.ressort_proposal for q in questions)
    assert doc.scale is not None and doc.scale.ressort_proposal
    assert [lvl.value for lvl in doc.scale.levels] == [0, 1, 2, 3, 4]


def test_sdgs_and_tracc() -> None:
    odd = shipped("odd")
    goals = of_kind(odd, "objectif")
    assert [g.code for g in goals] == [str(i) for i in range(1, 18)]
    assert goals[0].label == "Pas de pauvreté" and goals[0].data["couleur"] == "#E5243B"
    assert goals[16].data["couleur"] == "#19486A"
    tracc = shipped("tracc")
    levels = {n.code: n.data["rechauffement_c"] for n in of_kind(tracc, "niveau")}
    assert (levels["metropole.2030"], levels["metropole.2050"], levels["metropole.2100"]) == (
        2.0,
        2.7,
        4.0,
    )
    assert levels["monde.2100"] == 3.0


@pytest.mark.parametrize("code", [*fw.SHIPPED_CODES, "conditions"])
def test_dump_then_parse_gives_the_same_framework(code: str) -> None:
    doc = shipped(code)
    again = fw.parse_framework(fw.dump_framework(doc), "export")
    assert fw.without_lines(again) == fw.without_lines(doc)


GOOD = """\
code: essai
nom: Essai
version: "1"
source: test
elements:
  - code: A
    type: dimension
    libelle: Première
    enfants:
      - code: A1
        type: question
        libelle: Une question ?
"""


def faults(text: str) -> list[fw.FileFault]:
    with pytest.raises(fw.FrameworkFileError) as caught:
        fw.parse_framework(text, "grille.yaml")
    return list(caught.value.faults)


def test_a_valid_file_parses() -> None:
    doc = fw.parse_framework(GOOD)
    assert doc.codes() == ["A", "A1"]
    assert doc.nodes[0].line == 6


def test_missing_field_is_reported_on_its_element_line() -> None:
    text = GOOD.replace("        libelle: Une question ?\n", "")
    (fault,) = faults(text)
    assert (fault.path, fault.line) == ("grille.yaml", 10)
    assert "champ obligatoire manquant « libelle »" in fault.message
    assert str(fault).startswith("grille.yaml, ligne 10, colonne 9 : ")


def test_wrong_value_is_reported_on_the_value_line() -> None:
    (fault,) = faults(GOOD.replace("type: question", "type: questoin"))
    assert fault.line == 11
    assert "valeurs permises" in fault.message and "question" in fault.message


def test_unknown_field_and_bad_weight_give_two_faults() -> None:
    text = GOOD.replace("    libelle: Première\n", "    libelle: Première\n    poid: 2\n")
    text = text.replace(
        "        libelle: Une question ?\n", "        libelle: Q\n        poids: -1\n"
    )
    found = faults(text)
    assert [f.line for f in found] == [6, 14]
    assert "champ inconnu « poid »" in found[0].message
    assert "au moins 0" in found[1].message


def test_yaml_syntax_error_has_its_line() -> None:
    (fault,) = faults(GOOD.replace("libelle: Première", "libelle: Pre: mière"))
    assert fault.line == 8 and "YAML illisible" in fault.message


def test_duplicate_codes_and_unknown_crosswalk_source() -> None:
    text = GOOD.replace("code: A1", "code: A") + (
        "correspondances:\n  - {de: Z, vers: 'donut:water', source: proposition Ressort}\n"
    )
    found = faults(text)
    assert [f.line for f in found] == [10, 14]
    assert "en double (déjà utilisé ligne 6)" in found[0].message
    assert "« Z »" in found[1].message


def test_yaml_aliases_are_refused() -> None:
    text = GOOD.replace("libelle: Première", "libelle: &nom Première").replace(
        "libelle: Une question ?", "libelle: *nom"
    )
    (fault,) = faults(text)
    assert fault.line == 12 and "alias" in fault.message


def test_empty_file() -> None:
    (fault,) = faults("")
    assert "vide" in fault.message


def test_lever_assessment_read_through_the_doughnut() -> None:
    docs = [shipped("boussole"), shipped("odd")]
    links = fw.directed_links("boussole", docs)
    result = fw.translate_assessment({"L4.1": 1, "L4.2": 3, "L5.2": 4}, links, "boussole", "donut")
    water = next(s for s in result.scores if s.target_code == "water")
    assert water.score == pytest.approx((1 + 3 + 4) / 3)
    assert {c.source_code for c in water.contributions} == {"L4.1", "L4.2", "L5.2"}
    # and back: a Doughnut reading seen from the levers (links read the other way)
    back = fw.translate_assessment({"water": 2.0}, links, "donut", "boussole")
    assert back.as_dict()["L4.1"] == 2.0
    with pytest.raises(ValueError, match="aucune correspondance"):
        fw.translate_assessment({}, links, "tracc", "donut")


def test_priorities_card_sort_and_ranking() -> None:
    answers = [
        fw.PriorityAnswer("élus", "water", "essentiel", count=3),
        fw.PriorityAnswer("élus", "food", "important", count=2),
        fw.PriorityAnswer("habitants", "food", "essentiel", count=4),
        fw.PriorityAnswer("habitants", "energy", "secondaire", count=5),
        fw.PriorityAnswer("habitants", "energy", rank=1),
    ]
    result = fw.aggregate_priorities(answers, ["water", "food", "energy"])
    assert [s.dimension_code for s in result.scores] == ["food", "water", "energy"]
    food = result.scores[0]
    assert food.points == 2 * 1 + 4 * 2 and food.by_group == {"élus": 2, "habitants": 8}
    assert result.scores[2].rank_points == 3
    assert result.groups == ("habitants", "élus") and result.answer_count == 15
    with pytest.raises(ValueError, match="piles permises"):
        fw.aggregate_priorities([fw.PriorityAnswer("g", "water", "urgent")], ["water"])


def test_self_assessment_profile_and_suggestions() -> None:
    doc = shipped("conditions")
    result = fw.score_self_assessment(
        doc, {"portage.mandat": 1, "portage.elu": 0, "moyens.temps": 4}
    )
    portage = result.themes[0]
    assert portage.mean == 0.5 and portage.percent == 12.5 and portage.suggestions
    assert result.weakest == ("portage",)
    with pytest.raises(ValueError, match="niveau 7"):
        fw.score_self_assessment(doc, {"portage.mandat": 7})


def test_drawings_are_valid_accessible_svg() -> None:
    doc = shipped("donut")
    rings = {n.code: n.children for n in doc.nodes}
    svg = drawing.doughnut_svg(
        [drawing.Segment(n.code, n.label, 20.0) for n in rings["plancher_social"]],
        [drawing.Segment(n.code, n.label, 1.5) for n in rings["plafond_ecologique"]],
    )
    root = ET.fromstring(svg)  # noqa: S314 — our own SVG
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.find(f"{ns}title") is not None
    titles = [t.text for t in root.iter(f"{ns}title")]
    assert "Alimentation" in titles and "Couche d'ozone" not in titles  # full labels
    assert "Appauvrissement de la couche d'ozone" in titles
    assert len(root.findall(f"{ns}path")) == 12 * 2 + 9 * 2
    assert root.find(f"{ns}circle") is not None  # the safe and just space
    compass = ET.fromstring(  # noqa: S314
        drawing.compass_svg([drawing.Segment(str(i), f"P{i}", i % 4) for i in range(6)])
    )
    assert len(compass.findall(f"{ns}path")) == 6
    assert compass.find(f"{ns}polygon") is not None
    with pytest.raises(ValueError):
        drawing.compass_svg([drawing.Segment("a", "A")])


def _donut_boxes_never_overlap(social: list[str], ecological: list[str]) -> None:
    layout = drawing.doughnut_labels(
        [drawing.Segment(str(i), label) for i, label in enumerate(social)],
        [drawing.Segment(str(i), label) for i, label in enumerate(ecological)],
    )
    boxes = [p.box for p in layout.labels]
    assert len(boxes) == len(social) + len(ecological)
    assert labels.overlapping_pairs(boxes) == []
    assert all(b.x0 >= 0 and b.x1 <= drawing.DONUT_SIZE and b.y0 >= 0 for b in boxes)
    assert all(b.y1 <= layout.height for b in boxes)
    # Every label is written whole, on its lines (a wrapped word is never dropped).
    assert sorted(" ".join(p.lines) for p in layout.labels) == sorted(social + ecological)


def test_donut_labels_of_the_framework_never_overlap() -> None:
    doc = shipped("donut")
    rings = {n.code: n.children for n in doc.nodes}
    _donut_boxes_never_overlap(
        [n.label for n in rings["plancher_social"]],
        [n.label for n in rings["plafond_ecologique"]],
    )


@pytest.mark.parametrize("seed", range(6))
def test_donut_labels_never_overlap_with_random_long_labels(seed: int) -> None:
    rng = random.Random(seed)
    words = "accès aux services essentiels pollution chimique des sols et nappes Artificialisation"
    words += " santé conversion territoriale biodiversité énergétique équité participation"

    def label() -> str:
        return " ".join(rng.choice(words.split()) for _ in range(rng.randint(1, 7)))

    _donut_boxes_never_overlap([label() for _ in range(12)], [label() for _ in range(9)])


def test_compass_with_a_profile_prints_its_scale_between_the_petals() -> None:
    import re

    principles = [drawing.Segment(str(i), f"Principe {i}", 1 + i % 3) for i in range(6)]
    svg = drawing.compass_svg(principles)
    scale = re.search(r'<g class="scale".*?</g>', svg)
    assert scale is not None
    assert re.findall(r">(\d)</text>", scale.group(0)) == ["1", "2", "3", "4"]
    # Between the first two petals (30° from the top, clockwise), one per ring.
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)"', scale.group(0))]
    assert xs == sorted(xs) and all(x > 320 for x in xs)
    # Without a profile the bare compass has no figures to read.
    bare = drawing.compass_svg([drawing.Segment(str(i), f"P{i}") for i in range(6)])
    assert 'class="scale"' not in bare


def test_donut_short_labels_stay_in_their_sectors_rather_than_cross_the_ring() -> None:
    """The portrait's short labels with « ? » (no data yet): « Eau, assainissement ? » is too
    wide for its sector at the usual size; it goes further out in its sector or smaller,
    never beside the drawing with a line across the ring, and « ? » never starts a line."""
    doc = shipped("donut")
    rings = {n.code: n.children for n in doc.nodes}
    social = [
        drawing.Segment(n.code, (n.short_label or n.label) + "\u202f?")
        for n in rings["plancher_social"]
    ]
    ecological = [
        drawing.Segment(n.code, n.short_label or n.label) for n in rings["plafond_ecologique"]
    ]
    assert any("assainissement" in s.label for s in social)
    layout = drawing.doughnut_labels(social, ecological)
    inner = layout.labels[: len(social)]
    assert not [p.item.text for p in inner if p.leader]
    c = drawing.DONUT_SIZE / 2
    _, r_social, _, _ = drawing.DONUT_RADII
    for placed in inner:
        box = placed.box
        corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x0, box.y1), (box.x1, box.y1)]
        assert max(math.hypot(x - c, y - c) for x, y in corners) <= r_social, placed.lines
        assert placed.font_size >= 9
        assert not any(line.startswith("?") for line in placed.lines), placed.lines
    assert labels.overlapping_pairs([p.box for p in layout.labels]) == []
    assert sorted(" ".join(p.lines) for p in inner) == sorted(s.label for s in social)


def test_wrap_breaks_at_plain_spaces_only() -> None:
    lines = labels.wrap("Eau, assainissement\u202f?", 11, 100.0)
    assert lines[-1].endswith("assainissement\u202f?")
    assert labels.wrap("12\u00a0% des ménages", 11, 40.0)[0] == "12\u00a0%"
