"""The links from the field inventory to the indicators move to the portrait, rows kept.

fieldwork 0005 and portrait 0005 only change Django's state: the tables
`fieldwork_vulnerability_indicators` and `fieldwork_resource_indicators` stay, so the links
made before read the same through `Indicator.vulnerabilities` and `Indicator.resources`, and
going back reads them again through `Vulnerability.indicators`.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.migrating import migrate, migrate_to_latest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.migrations]

BEFORE = [("fieldwork", "0004_walks"), ("portrait", "0004_indicator_catalogue_provenance")]
AFTER = [("portrait", "0005_indicator_field_evidence")]


def _indicator(apps: Any, approach: Any, code: str) -> Any:
    return apps.get_model("portrait", "Indicator").objects.create(
        approach_id=approach.pk, code=code, name=code, unit="%", source="Source"
    )


def test_links_made_in_fieldwork_read_the_same_from_the_portrait_and_back(
    approach: Any, personas: dict[str, Any]
) -> None:
    other = personas["other_approach"]
    try:
        apps = migrate(BEFORE)
        vulnerability = apps.get_model("fieldwork", "Vulnerability")
        resource = apps.get_model("fieldwork", "Resource")
        water, soil = _indicator(apps, approach, "eau"), _indicator(apps, approach, "sols")
        theirs = _indicator(apps, other, "ailleurs")
        captage = vulnerability.objects.create(approach_id=approach.pk, title="Captage unique")
        captage.indicators.set([water, soil])
        nappe = resource.objects.create(approach_id=approach.pk, title="Nappe")
        nappe.indicators.set([water])
        vulnerability.objects.create(approach_id=other.pk, title="Ailleurs").indicators.set(
            [theirs]
        )
        resource.objects.create(approach_id=approach.pk, title="Sans indicateur")

        apps = migrate(AFTER)
        indicator = apps.get_model("portrait", "Indicator")
        assert sorted(
            indicator.objects.get(code="eau").vulnerabilities.values_list("title", flat=True)
        ) == ["Captage unique"]
        assert list(
            indicator.objects.get(code="eau").resources.values_list("title", flat=True)
        ) == ["Nappe"]
        assert list(
            indicator.objects.get(code="sols").vulnerabilities.values_list("title", flat=True)
        ) == ["Captage unique"]
        assert list(
            indicator.objects.get(code="ailleurs").vulnerabilities.values_list("title", flat=True)
        ) == ["Ailleurs"]
        vulnerability = apps.get_model("fieldwork", "Vulnerability")
        captage = vulnerability.objects.get(title="Captage unique")
        assert sorted(captage.indicators.values_list("code", flat=True)) == ["eau", "sols"]
        indicator.objects.get(code="sols").resources.add(
            apps.get_model("fieldwork", "Resource").objects.get(title="Sans indicateur")
        )

        apps = migrate(BEFORE)  # and back: the link made after the move is kept too
        resource = apps.get_model("fieldwork", "Resource")
        assert list(
            resource.objects.get(title="Sans indicateur").indicators.values_list("code", flat=True)
        ) == ["sols"]
        assert list(
            resource.objects.get(title="Nappe").indicators.values_list("code", flat=True)
        ) == ["eau"]
    finally:
        migrate_to_latest()
