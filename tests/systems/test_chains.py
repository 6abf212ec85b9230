"""Impact chains: rights, templates, table editor, JSON API, cascades and the vision contract."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.systems.models import ImpactChain, Link, Node, VisionKeyword
from ressort.systems.services.chains import (
    build_system_graph,
    chain_templates,
    create_chain_from_template,
    run_cascade,
)
from ressort.systems.services.vision import add_vision_keywords
from tests.conftest import page_text
from tests.systems.conftest import client_for

CONTRIBUTORS = ["facilitateur", "chef_projet", "elu_referent", "equipe"]


def urls(approach: Approach, chain: ImpactChain) -> list[str]:
    node = chain.nodes.first()
    link = chain.links.first()
    assert node and link
    s = approach.slug
    return [
        reverse("systems:chains", args=[s]),
        reverse("systems:chain", args=[s, chain.pk]),
        reverse("systems:chain_graph", args=[s, chain.pk]),
        reverse("systems:api_chain", args=[s, chain.pk]),
        reverse("systems:cascade", args=[s]),
        reverse("systems:vision", args=[s]),
    ]


def test_every_member_reads_outsiders_get_404_anonymous_signs_in(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    for url in urls(approach, heat):
        assert Client().get(url).status_code == 302, url
        assert client_for(personas["outsider"]).get(url).status_code == 404, url
        for role in [*CONTRIBUTORS, "partenaire"]:
            assert client_for(personas[role]).get(url).status_code == 200, (url, role)
    # the edit pages are for those who may edit (what they show is on the chain's page)
    node, link = heat.nodes.first(), heat.links.first()
    assert node and link
    for url in [
        reverse("systems:node_edit", args=[approach.slug, node.pk]),
        reverse("systems:link_edit", args=[approach.slug, link.pk]),
    ]:
        assert client_for(personas["partenaire"]).get(url).status_code == 403, url
        assert client_for(personas["equipe"]).get(url).status_code == 200, url


def test_another_demarches_chain_is_a_404_even_for_its_members(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    other = personas["other_approach"]
    outsider = client_for(personas["outsider"])
    node = heat.nodes.first()
    assert node
    for url in [
        reverse("systems:chain", args=[other.slug, heat.pk]),
        reverse("systems:api_chain", args=[other.slug, heat.pk]),
        reverse("systems:node_edit", args=[other.slug, node.pk]),
    ]:
        assert outsider.get(url).status_code == 404
    delete = reverse("systems:chain_delete", args=[other.slug, heat.pk])
    assert outsider.post(delete).status_code == 404
    assert ImpactChain.objects.filter(pk=heat.pk).exists()


def test_partner_reads_but_cannot_edit(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    partner = client_for(personas["partenaire"])
    page = partner.get(reverse("systems:chain", args=[approach.slug, heat.pk]))
    assert "Ajouter un élément" not in page_text(page)
    node = heat.nodes.first()
    assert node
    s = approach.slug
    for url in [
        reverse("systems:node_add", args=[s, heat.pk]),
        reverse("systems:chain_delete", args=[s, heat.pk]),
        reverse("systems:node_delete", args=[s, node.pk]),
        reverse("systems:chain_add", args=[s]),
        reverse("systems:chain_from_template", args=[s]),
    ]:
        assert partner.post(url, {"noeud-label": "x", "name": "x"}).status_code == 403
    api = reverse("systems:api_nodes", args=[s, heat.pk])
    response = partner.post(api, json.dumps({"label": "X", "kind": "alea"}), "application/json")
    assert response.status_code == 403
    assert heat.nodes.count() == 9


def test_create_from_each_template_and_blank(approach: Approach, personas: dict[str, Any]) -> None:
    client = client_for(personas["equipe"])
    url = reverse("systems:chain_from_template", args=[approach.slug])
    for template in chain_templates():
        response = client.post(url, {"template": template.code})
        chain = ImpactChain.objects.get(approach=approach, template=template.code)
        assert response.url == reverse("systems:chain", args=[approach.slug, chain.pk])
        assert chain.nodes.count() == len(template.nodes)
        assert chain.links.count() == len(template.links)
        # every template graph is valid for the analysis package
        build_system_graph(approach, chain)
    again = client.post(url, {"template": "chaleur"})
    assert again.status_code == 302
    assert approach.impact_chains.filter(name="Vagues de chaleur (2)").exists()
    unknown = client.post(url, {"template": "volcan"})
    assert unknown.status_code == 200 and "Sélectionnez un choix valide" in page_text(unknown)
    add = reverse("systems:chain_add", args=[approach.slug])
    blank = client.post(add, {"name": "Vagues de chaleur"})
    assert "Une chaîne porte déjà ce nom" in page_text(blank)
    client.post(add, {"name": "Emploi", "description": ""})
    assert approach.impact_chains.get(name="Emploi").nodes.count() == 0
    assert len(chain_templates()) == 5


def test_table_editor_adds_edits_and_removes(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    client = client_for(personas["chef_projet"])
    url = reverse("systems:node_add", args=[approach.slug, heat.pk])
    response = client.post(
        url,
        {
            "noeud-label": "  Écoles   sans ombre ",
            "noeud-kind": "exposition",
            "noeud-places": "Bourgoin-Jallieu",
            "noeud-dimension_codes": [],
        },
    )
    assert response.status_code == 302
    school = heat.nodes.get(label="Écoles sans ombre")
    duplicate = client.post(url, {"noeud-label": "Écoles sans ombre", "noeud-kind": "impact"})
    assert "porte déjà ce libellé" in page_text(duplicate)
    canicule = heat.nodes.get(label="Canicule")
    url = reverse("systems:link_add", args=[approach.slug, heat.pk])
    self_link = client.post(
        url,
        {
            "lien-source": school.pk,
            "lien-target": school.pk,
            "lien-sign": 1,
            "lien-weight": 2,
        },
    )
    assert "ne peut pas agir sur lui-même" in page_text(self_link)
    client.post(
        url,
        {
            "lien-source": canicule.pk,
            "lien-target": school.pk,
            "lien-sign": 1,
            "lien-weight": 3,
        },
    )
    link = Link.objects.get(source=canicule, target=school)
    twice = client.post(
        url,
        {
            "lien-source": canicule.pk,
            "lien-target": school.pk,
            "lien-sign": -1,
            "lien-weight": 1,
        },
    )
    assert "existe déjà" in page_text(twice)
    # a node of another chain cannot be linked
    other = create_chain_from_template(approach, "inondation")
    foreign = other.nodes.first()
    assert foreign
    refused = client.post(
        url,
        {
            "lien-source": foreign.pk,
            "lien-target": school.pk,
            "lien-sign": 1,
            "lien-weight": 1,
        },
    )
    assert refused.status_code == 200
    assert not Link.objects.filter(source=foreign, target=school).exists()
    edit = reverse("systems:link_edit", args=[approach.slug, link.pk])
    client.post(
        edit, {"source": canicule.pk, "target": school.pk, "sign": -1, "weight": 1, "note": "ombre"}
    )
    link.refresh_from_db()
    assert (link.sign, link.weight, link.note) == (-1, 1, "ombre")
    node_edit = reverse("systems:node_edit", args=[approach.slug, school.pk])
    client.post(
        node_edit,
        {
            "label": "Écoles",
            "kind": "sensibilite",
            "places": "",
            "description": "",
            "dimension_codes": ["zzz"],
        },
    )
    school.refresh_from_db()
    assert school.label == "Écoles sans ombre"  # unknown dimension code refused
    client.post(
        node_edit,
        {"label": "Écoles", "kind": "sensibilite", "places": "", "description": ""},
    )
    school.refresh_from_db()
    assert (school.label, school.kind) == ("Écoles", "sensibilite")
    client.post(reverse("systems:node_delete", args=[approach.slug, school.pk]))
    assert not Node.objects.filter(pk=school.pk).exists()
    assert not Link.objects.filter(pk=link.pk).exists()
    client.post(reverse("systems:chain_delete", args=[approach.slug, heat.pk]))
    assert not ImpactChain.objects.filter(pk=heat.pk).exists()


def test_json_api(approach: Approach, personas: dict[str, Any], heat: ImpactChain) -> None:
    client = client_for(personas["equipe"])
    s = approach.slug
    base = reverse("systems:api_chain", args=[s, heat.pk])
    data = client.get(base).json()
    assert data["name"] == "Vagues de chaleur"
    assert len(data["nodes"]) == 9 and len(data["links"]) == 9
    assert {k["value"] for k in data["kinds"]} >= {"alea", "facteur", "ressource"}
    # laid out by stage: hazards left of exposures, left of sensitivities, left of impacts
    layout = data["layout"]
    assert set(layout["positions"]) == {str(n["id"]) for n in data["nodes"]}
    column = {n["kind"]: layout["positions"][str(n["id"])][0] for n in data["nodes"]}
    assert column["alea"] < column["exposition"] < column["sensibilite"] < column["impact"]
    assert layout["font_size"] >= 12
    arrange = reverse("systems:api_arrange", args=[s, heat.pk])
    partner = client_for(personas["partenaire"]).post(arrange)
    assert partner.status_code == 403 and "errors" in partner.json()
    assert heat.nodes.filter(x__isnull=False).count() == 0
    arranged = client.post(arrange).json()
    assert arranged["layout"] == layout
    stored = {n.pk: [n.x, n.y] for n in heat.nodes.all()}
    assert stored == {int(pk): xy for pk, xy in layout["positions"].items()}

    def send(method: str, url: str, body: Any) -> Any:
        return getattr(client, method)(url, json.dumps(body), content_type="application/json")

    nodes_url = reverse("systems:api_nodes", args=[s, heat.pk])
    created = send(
        "post", nodes_url, {"label": "Coupures d'eau", "kind": "impact", "x": 10, "y": 20}
    )
    assert created.status_code == 201
    node = created.json()
    assert (node["label"], node["x"], node["y"]) == ("Coupures d'eau", 10.0, 20.0)
    bad = send("post", nodes_url, {"label": "", "kind": "volcan"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"label", "kind"}
    assert send("post", nodes_url, {"label": "Y", "kind": "impact", "x": "a"}).status_code == 400
    garbage = client.post(nodes_url, "{oops", content_type="application/json")
    assert garbage.status_code == 400 and "JSON" in garbage.json()["errors"]["__all__"][0]

    node_url = reverse("systems:api_node", args=[s, heat.pk, node["id"]])
    moved = send("patch", node_url, {"x": 99.5, "y": -3})
    assert moved.status_code == 200 and moved.json()["x"] == 99.5
    renamed = send("patch", node_url, {"label": "Coupures d'eau potable"})
    assert renamed.json()["label"] == "Coupures d'eau potable" and renamed.json()["x"] == 99.5
    taken = send("patch", node_url, {"label": "Canicule"})
    assert taken.status_code == 400

    canicule = heat.nodes.get(label="Canicule")
    links_url = reverse("systems:api_links", args=[s, heat.pk])
    link = send(
        "post", links_url, {"source": canicule.pk, "target": node["id"], "sign": 1, "weight": 3}
    )
    assert link.status_code == 201
    again = send(
        "post", links_url, {"source": canicule.pk, "target": node["id"], "sign": 1, "weight": 3}
    )
    assert again.status_code == 400 and "existe déjà" in again.json()["errors"]["target"][0]
    weight = send(
        "post", links_url, {"source": node["id"], "target": canicule.pk, "sign": 1, "weight": 4}
    )
    assert weight.status_code == 400 and "weight" in weight.json()["errors"]
    link_url = reverse("systems:api_link", args=[s, heat.pk, link.json()["id"]])
    assert send("patch", link_url, {"sign": -1}).json()["sign"] == -1
    deleted = client.delete(node_url)
    assert deleted.json() == {"deleted": node["id"], "deleted_links": [link.json()["id"]]}
    assert client.delete(link_url).status_code == 404
    assert client.get(node_url).status_code == 405


def test_api_needs_the_csrf_token(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["equipe"])
    url = reverse("systems:api_nodes", args=[approach.slug, heat.pk])
    body = json.dumps({"label": "Sans jeton", "kind": "impact"})
    assert client.post(url, body, content_type="application/json").status_code == 403
    client.get(reverse("systems:chain_graph", args=[approach.slug, heat.pk]))
    token = client.cookies["csrftoken"].value
    ok = client.post(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert ok.status_code == 201


def test_cascade_page_propagates_across_chains_and_lists_loops(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain, drought: ImpactChain
) -> None:
    # close a loop between the two chains: crop losses feed back into irrigation demand
    crops = drought.nodes.get(label="Pertes de récoltes")
    irrigated = drought.nodes.get(label="Cultures irriguées")
    Link.objects.create(chain=drought, source=crops, target=irrigated, sign=1, weight=1)
    system = build_system_graph(approach)
    canicule = system.id_of[heat.nodes.get(label="Canicule").pk]
    secheresse = system.id_of[drought.nodes.get(label="Sécheresse").pk]
    client = client_for(personas["partenaire"])
    url = reverse("systems:cascade", args=[approach.slug])
    page = page_text(client.get(url))
    assert "Canicule" in page and "Aucune boucle" not in page
    assert "boucle de renforcement" in page
    result = client.get(url, {"hazards": [canicule, secheresse], "intensity": 3, "max_steps": 5})
    text = page_text(result)
    assert "Surmortalité et hospitalisations" in text
    assert "Restrictions d'usage de l'eau" in text
    assert "Plan canicule et registre des personnes fragiles" in text  # dampens
    assert "centres-villes minéralisés" in text  # place hit
    bad = client.get(url, {"hazards": ["inconnu"], "intensity": 2, "max_steps": 5})
    assert "Sélectionnez un choix valide" in page_text(bad)


def test_cascade_service_values(approach: Approach, heat: ImpactChain) -> None:
    system = build_system_graph(approach, heat)
    canicule = system.id_of[heat.nodes.get(label="Canicule").pk]
    view = run_cascade(system, {canicule: 3.0})
    rows = {r.label: r for r in view.rows}
    # Canicule → Îlots: 3 × 3/3, damped by the greenery (weight 2: × 4/6) → 2;
    # Îlots → Surmortalité: 2 × 2/3, damped by the heat plan (weight 2: × 4/6)
    assert rows["Îlots de chaleur urbains"].undamped == pytest.approx(3.0)
    assert rows["Îlots de chaleur urbains"].intensity == pytest.approx(2.0)
    assert rows["Surmortalité et hospitalisations"].undamped == pytest.approx(4 / 3)
    assert rows["Surmortalité et hospitalisations"].intensity == pytest.approx(8 / 9)
    assert rows["Surmortalité et hospitalisations"].dampers == [
        "Plan canicule et registre des personnes fragiles"
    ]
    health = next(d for d in view.dimensions if d.code == "health")
    assert health.intensity > 0
    assert [r.label for r in view.vulnerabilities] == [
        "Baisse de la productivité du travail en extérieur",
        "Pics de demande d'électricité",
        "Surmortalité et hospitalisations",
    ]


def test_merge_reports_contradicting_links(approach: Approach, heat: ImpactChain) -> None:
    other = ImpactChain.objects.create(approach=approach, name="Autre regard")
    a = Node.objects.create(chain=other, label="canicule", kind="alea")
    b = Node.objects.create(chain=other, label="Îlots de chaleur urbains", kind="exposition")
    Link.objects.create(chain=other, source=a, target=b, sign=-1, weight=3)
    system = build_system_graph(approach)
    assert len(system.members) == 9
    assert len(system.conflicts) == 1 and "renforce" in system.conflicts[0]


def test_add_vision_keywords_contract(approach: Approach) -> None:
    add_vision_keywords(
        approach, ["Sobriété", "sobriete", " ", "Solidarité  locale"], source="Atelier du 12 mars"
    )
    add_vision_keywords(approach, ["SOBRIÉTÉ"], source="Atelier du 3 avril")
    words = {k.word: k for k in VisionKeyword.objects.filter(approach=approach)}
    assert set(words) == {"Sobriété", "Solidarité locale"}
    assert words["Sobriété"].count == 3
    assert words["Sobriété"].sources == ["Atelier du 12 mars", "Atelier du 3 avril"]
    assert approach.vision.text == ""


def test_vision_page(approach: Approach, personas: dict[str, Any]) -> None:
    client = client_for(personas["elu_referent"])
    url = reverse("systems:vision", args=[approach.slug])
    assert "pas encore écrite" in page_text(client.get(url))
    save = reverse("systems:vision_save", args=[approach.slug])
    bad = client.post(save, {"text": "x", "horizon_year": 1990})
    assert "entre 2025 et 2150" in page_text(bad)
    client.post(
        save,
        {
            "text": "Un territoire sobre et solidaire.",
            "horizon_year": 2050,
            "values": "Solidarité\nSobriété",
            "commitments": "Ne laisser personne seul en canicule",
        },
    )
    keywords = reverse("systems:vision_keywords", args=[approach.slug])
    client.post(keywords, {"words": "eau, ombre, eau"})
    text = page_text(client.get(url))
    assert "Un territoire sobre et solidaire." in text and "Horizon 2050" in text
    assert "Ne laisser personne seul en canicule" in text
    assert approach.vision_keywords.get(word="eau").count == 2
    partner = client_for(personas["partenaire"])
    assert partner.post(keywords, {"words": "x"}).status_code == 403
    shade = approach.vision_keywords.get(word="ombre")
    remove = reverse("systems:vision_keyword_delete", args=[approach.slug, shade.pk])
    assert partner.post(remove).status_code == 403
    client.post(remove)
    assert not approach.vision_keywords.filter(word="ombre").exists()


def test_nodes_link_to_portrait_vulnerabilities_hit_by_the_cascade(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    from ressort.fieldwork.models import Vulnerability

    ehpad = Vulnerability.objects.create(
        approach=approach,
        title="EHPAD sans pièce rafraîchie",
        place_name="Villefontaine",
        dimensions=["health"],
    )
    foreign = Vulnerability.objects.create(
        approach=personas["other_approach"], title="Ailleurs", place_name="Vienne"
    )
    client = client_for(personas["equipe"])
    node = heat.nodes.get(label="Personnes âgées isolées")
    url = reverse("systems:node_edit", args=[approach.slug, node.pk])
    refused = client.post(
        url, {"label": node.label, "kind": node.kind, "vulnerabilities": [foreign.pk]}
    )
    assert refused.status_code == 200 and not node.vulnerabilities.exists()
    client.post(url, {"label": node.label, "kind": node.kind, "vulnerabilities": [ehpad.pk]})
    assert list(node.vulnerabilities.all()) == [ehpad]
    detail = page_text(client.get(reverse("systems:chain", args=[approach.slug, heat.pk])))
    assert "EHPAD sans pièce rafraîchie" in detail
    # an impact reached by the heatwave, upstream of nothing: link the vulnerability there too
    death = heat.nodes.get(label="Surmortalité et hospitalisations")
    death.vulnerabilities.add(ehpad)
    system = build_system_graph(approach)
    view = run_cascade(system, {system.id_of[heat.nodes.get(label="Canicule").pk]: 2})
    assert [(v.title, r.label) for v, r in view.portrait_vulnerabilities] == [
        ("EHPAD sans pièce rafraîchie", "Surmortalité et hospitalisations")
    ]
    assert "Villefontaine" in dict(view.places)


def test_api_refusals_are_json(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    url = reverse("systems:api_nodes", args=[approach.slug, heat.pk])
    body = json.dumps({"label": "X", "kind": "alea"})
    partner = client_for(personas["partenaire"]).post(url, body, content_type="application/json")
    assert partner.status_code == 403 and "contribuer" in partner.json()["errors"]["__all__"][0]
    outsider = client_for(personas["outsider"]).post(url, body, content_type="application/json")
    assert outsider.status_code == 404 and outsider.json() == {
        "errors": {"__all__": ["Introuvable."]}
    }


def test_a_weakened_capacity_worsens_a_strengthened_one_helps(approach: Approach) -> None:
    chain = ImpactChain.objects.create(approach=approach, name="Capacités")
    shock = Node.objects.create(chain=chain, label="Choc", kind="alea")
    plan = Node.objects.create(
        chain=chain, label="Plan de secours", kind="capacite_adaptation", dimension_codes=["health"]
    )
    mutual = Node.objects.create(
        chain=chain, label="Entraide", kind="ressource", dimension_codes=["networks"]
    )
    Link.objects.create(chain=chain, source=shock, target=plan, sign=-1, weight=3)
    Link.objects.create(chain=chain, source=shock, target=mutual, sign=1, weight=3)
    system = build_system_graph(approach)
    view = run_cascade(system, {system.id_of[shock.pk]: 2})
    assert [r.label for r in view.weakened_capacities] == ["Plan de secours"]
    dims = {d.code: d.intensity for d in view.dimensions}
    assert dims == {"health": pytest.approx(2.0), "networks": pytest.approx(-2.0)}
