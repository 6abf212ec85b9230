"""Learn the Doughnut and the Boussole, build a grid from the Boussole, export it, import it
into another démarche, and follow the crosswalk from a lever."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.frameworks import services
from ressort.frameworks.models import Framework
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def frameworks(db: Any) -> None:
    assert not services.load_shipped().errors


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def test_learn_build_export_import_and_crosswalk(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    frameworks: None,
    tmp_path: Path,
) -> None:
    login_as(personas["facilitateur"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Référentiels (apprendre)").click()
    expect(page.get_by_role("heading", name="Référentiels", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Le Donut (théorie du Donut)").click()
    expect(
        page.get_by_role("img", name="Le Donut : plancher social et plafond écologique")
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name="Anneau plancher_social Plancher social")
    ).to_be_visible()
    expect(page.get_by_role("rowheader", name="Plafond écologique")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Référentiels").first.click()
    page.get_by_role("link", name="La Boussole de la résilience").click()
    expect(
        page.get_by_role("img", name="La Boussole de la résilience : six principes")
    ).to_be_visible()
    expect(page.locator("#L3\\.2").get_by_text("à vérifier").first).to_be_visible()
    expect(page.locator("#libelles-a-verifier")).to_contain_text("11 libellés à vérifier.")
    assert_accessible(page)

    page.get_by_role("link", name="Correspondances de L5.2").click()
    expect(page.get_by_role("heading", name="Le Donut (théorie du Donut)")).to_be_visible()
    expect(page.get_by_role("link", name="Alimentation")).to_be_visible()
    expect(page.get_by_role("link", name="Faim « zéro »")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Eau", exact=True).click()
    expect(page.get_by_role("heading", name="Eau")).to_be_visible()
    expect(page.get_by_role("link", name="Eau propre et assainissement")).to_be_visible()
    assert_accessible(page)

    # Build a grid from the Boussole for the démarche
    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Grilles d’analyse").click()
    assert_accessible(page)
    page.get_by_label("Nom de la grille").fill("Boussole de la CAPI")
    page.get_by_label("Point de départ").select_option(
        label="La Boussole de la résilience (version 2020-2)"
    )
    page.get_by_role("button", name="Créer la grille").click()
    expect(page.get_by_role("heading", name="Boussole de la CAPI")).to_be_visible()
    assert_accessible(page)
    page.get_by_text("Modifier L1.1").click()
    page.get_by_label("Libellé de L1.1").fill("Gouverner ensemble")
    page.get_by_role("button", name="Enregistrer L1.1").click()
    expect(page.get_by_text("« Gouverner ensemble » est enregistré.")).to_be_visible()
    expect(
        page.get_by_role(
            "cell",
            name="L1.1 : renommé « Assurer une gouvernance partagée et la participation "
            "citoyenne » en « Gouverner ensemble ».",
        )
    ).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exporter la grille (YAML)").click()
    exported = tmp_path / "grille.yaml"
    download_info.value.save_as(exported)
    assert "Gouverner ensemble" in exported.read_text(encoding="utf-8")

    # Import it into another démarche, led by someone else
    other = personas["other_approach"]
    login_as(personas["outsider"])
    page.goto(f"{site}/demarches/{other.slug}/grilles/")
    page.get_by_label("Fichier YAML").set_input_files(str(exported))
    page.get_by_role("button", name="Importer la grille").click()
    expect(page.get_by_role("heading", name="Boussole de la CAPI")).to_be_visible()
    expect(page.get_by_text("Gouverner ensemble")).to_be_visible()
    assert_accessible(page)
    assert Framework.objects.filter(approach=other, name="Boussole de la CAPI").exists()


def test_workshop_and_conditions_pages(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any, frameworks: None
) -> None:
    login_as(personas["chef_projet"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Ateliers d’appropriation").click()
    assert_accessible(page)
    page.get_by_label("Intitulé de l’atelier").fill("Atelier élus")
    page.get_by_label("Référentiel ou grille à trier").select_option(
        label="La Boussole de la résilience"
    )
    page.get_by_role("button", name="Créer l’atelier").click()
    page.get_by_label("Groupe de participants").fill("élus")
    page.get_by_label("Cohésion sociale et solidarité des acteurs : Essentiel").fill("4")
    page.get_by_role("button", name="Enregistrer le tri du groupe").click()
    expect(page.get_by_text("Tri du groupe « élus » enregistré.")).to_be_visible()
    expect(page.get_by_role("row").nth(1)).to_contain_text("Cohésion sociale")
    assert_accessible(page)

    menu(page).get_by_role("link", name="Conditions de réussite").click()
    assert_accessible(page)
    page.get_by_label("L'exécutif a-t-il exprimé un mandat clair pour la démarche ?").select_option(
        "1"
    )
    page.get_by_label("Un temps de travail dédié à la démarche est-il prévu ?").select_option("4")
    page.get_by_role("button", name="Enregistrer l’auto-évaluation").click()
    expect(page.get_by_role("heading", name="Profil actuel")).to_be_visible()
    expect(page.get_by_text("Faire délibérer l'engagement")).to_be_visible()
    assert_accessible(page)


def test_other_pages_are_accessible(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    frameworks: None,
    make_user: Any,
) -> None:
    partner = personas["partenaire"]
    login_as(partner)
    for path in ("/referentiels/odd/", "/referentiels/tracc/", "/referentiels/conditions/",
                 "/referentiels/donut/element/CC1/", f"/demarches/{approach.slug}/grilles/",
                 f"/demarches/{approach.slug}/appropriation/",
                 f"/demarches/{approach.slug}/conditions-de-reussite/"):  # fmt: skip
        page.goto(site + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    login_as(make_user("admin@example.org", is_staff=True))
    page.goto(site + "/referentiels/publier/?depuis=tracc")
    assert_accessible(page)
    field = page.get_by_label("Contenu YAML")
    field.fill(field.input_value().replace("type: niveau", "type: nivo", 1))
    page.get_by_role("button", name="Valider et publier").click()
    expect(page.get_by_text("Le fichier est refusé, rien n’a été publié")).to_be_visible()
    expect(page.get_by_text("contenu collé, ligne")).to_be_visible()
    assert_accessible(page)
