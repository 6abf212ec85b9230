"""The demo démarche's portrait: real official figures, illustrative values labelled."""

from typing import Any

from django.urls import reverse

from ressort.portrait import demo, documents, services
from ressort.portrait.models import Indicator, IndicatorValue
from tests.conftest import page_text
from tests.portrait.conftest import client_for


def test_demo_portrait(approach: Any, frameworks: None, personas: Any) -> None:
    demo.build(approach)
    official = Indicator.objects.filter(approach=approach).exclude(computed_from="")
    assert official.count() == 4 and not official.filter(illustrative=True).exists()
    others = Indicator.objects.filter(approach=approach, computed_from="")
    assert others.count() == len(demo.INDICATORS)
    assert all(i.illustrative and i.source.startswith("Valeurs illustratives") for i in others)
    assert not IndicatorValue.objects.filter(indicator__in=others, illustrative=False).exists()
    values = IndicatorValue.objects.filter(indicator__approach=approach)
    assert IndicatorValue.history.filter(history_type="+").count() == values.count()
    assert IndicatorValue.objects.filter(indicator__in=others).values("year").distinct().count() > 5
    gaps = services.doughnut_gaps(approach)
    assert set(gaps.values()) == {"shortfall", "overshoot", "safe", "missing"}
    profile = services.boussole_profile(approach)
    assert profile["P1"] is not None and profile["P2"] is not None
    text = page_text(
        client_for(personas["elu_referent"]).get(reverse("portrait:portrait", args=[approach.slug]))
    )
    assert "Contenu illustratif" in text and "illustratif</span>" in text
    assert "La désertification médicale" in text
    assert documents.build_pdf(approach).startswith(b"%PDF")
