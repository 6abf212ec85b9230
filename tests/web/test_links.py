"""`demarche_url` and `link_to`: a démarche URL from a view name, whatever one holds."""

from types import SimpleNamespace

from ressort.web import demarche_url, link_to


def test_the_same_url_from_the_demarche_the_request_or_one_of_its_objects(approach):
    expected = f"/demarches/{approach.slug}/indicateurs/"
    request = SimpleNamespace(approach=approach)
    indicator = SimpleNamespace(approach=approach, pk=7)
    assert demarche_url(approach, "portrait:indicators") == expected
    assert demarche_url(request, "portrait:indicators") == expected
    assert demarche_url(indicator, "portrait:indicators") == expected


def test_further_ids_and_a_fragment(approach):
    url = demarche_url(approach, "portrait:indicator", 7, fragment="valeurs")
    assert url == f"/demarches/{approach.slug}/indicateurs/7/#valeurs"


def test_link_to_reads_the_ids_from_the_object(approach):
    request = SimpleNamespace(approach=approach)
    item = SimpleNamespace(pk=3, behaviour_id=7)
    assert link_to("portrait:indicators")(request) == demarche_url(approach, "portrait:indicators")
    assert link_to("portrait:indicator", "pk")(request, item).endswith("/indicateurs/3/")
    assert link_to("portrait:indicator", "behaviour_id")(request, item).endswith("/indicateurs/7/")
