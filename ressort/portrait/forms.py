"""Forms of the portrait: indicators, values, imports, scoring sessions, strengths/weaknesses."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort import tables
from ressort.analysis.typography import decimal_cell
from ressort.approaches.models import Approach
from ressort.frameworks.models import Dimension, FrameworkVersion
from ressort.portrait import services
from ressort.portrait.focus import FOCUSES
from ressort.portrait.models import Indicator, IndicatorValue, Reading, Scope, ScoringSession
from ressort.territories.models import Territory
from ressort.uploads import CappedFileField
from ressort.web.forms import DemarcheForm


def dimension_choices(approach: Approach) -> list[tuple[str, Any]]:
    """Grouped choices: the Doughnut's 21 dimensions, the Boussole's principles and levers,
    and the nodes of the démarche's own grids."""
    groups: list[tuple[str, Any]] = [
        ("Donut", [(code, label) for code, label, _ in services.doughnut_dimensions()])
    ]
    boussole = FrameworkVersion.objects.filter(
        framework__code="boussole", framework__approach=None, is_current=True
    ).first()
    seen = {code for code, _, _ in services.doughnut_dimensions()}
    if boussole is not None:
        rows = boussole.dimensions.filter(kind__in=("principe", "levier")).order_by("order")
        groups.append(("Boussole", [(d.code, f"{d.code} {d.label}") for d in rows]))
        seen |= {d.code for d in rows}
    for grid in approach.grids.all():
        version = grid.current_version()
        if version is None:
            continue
        rows = [
            d
            for d in Dimension.objects.filter(version=version)
            .exclude(kind__in=("question", "indicateur"))
            .order_by("order")
            if d.code not in seen
        ]
        if rows:
            groups.append((grid.name, [(d.code, f"{d.code} {d.label}") for d in rows]))
            seen |= {d.code for d in rows}
    return groups


class IndicatorForm(DemarcheForm):
    source_url = forms.URLField(
        label="Lien vers la source", required=False, max_length=500, assume_scheme="https"
    )
    dimension_codes = forms.MultipleChoiceField(
        label="Dimensions renseignées",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text="Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "code",
            "unit",
            "source",
            "source_url",
            "year",
            "direction",
            "social_floor",
            "ecological_ceiling",
            "preindustrial",
            "threshold_source",
            "target",
            "dimension_codes",
            "description",
            "level",
            "aggregation",
            "update_rhythm",
            "vulnerabilities",
            "resources",
        ]
        widgets = {
            "vulnerabilities": forms.CheckboxSelectMultiple,
            "resources": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "vulnerabilities": "Les vulnérabilités de l'inventaire de terrain qu'il étaye.",
            "resources": "Les ressources de l'inventaire de terrain qu'il étaye.",
        }

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, approach=approach, **kwargs)
        self.fields["dimension_codes"].choices = dimension_choices(approach)

    def clean_code(self) -> str:
        return self.unique("code", "Un autre indicateur de la démarche porte déjà ce code.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("social_floor", "ecological_ceiling"):
            if data.get(name) == 0:
                self.add_error(
                    name,
                    "Un seuil nul ne permet pas de mesurer un écart : donnez un seuil non nul.",
                )
        ceiling, pre = data.get("ecological_ceiling"), data.get("preindustrial")
        if pre is not None and ceiling is not None and pre == ceiling:
            self.add_error(
                "preindustrial", "La référence préindustrielle ne peut pas égaler le plafond."
            )
        return data


class ValueForm(forms.Form):
    place = forms.ChoiceField(label="Lieu")
    insee = forms.CharField(
        label="Autre territoire (code INSEE, SIREN d'EPCI)",
        required=False,
        max_length=9,
        help_text="Seulement si le lieu choisi est « Autre territoire ».",
    )
    year = forms.IntegerField(label="Année", min_value=1800, max_value=2200)
    value = forms.CharField(
        label="Valeur", max_length=40, help_text="Virgule ou point décimal : 12,5 ou 12.5."
    )
    source_note = forms.CharField(label="Note sur la source", required=False, max_length=300)

    def __init__(
        self,
        *args: Any,
        approach: Approach,
        indicator: Indicator,
        instance: IndicatorValue | None = None,
        **kwargs: Any,
    ) -> None:
        """`instance`: the value being edited (its figures are the form's initial values)."""
        super().__init__(*args, **kwargs)
        self.approach = approach
        self.indicator = indicator
        self.instance = instance
        compared = services.comparison_territories(approach)
        choices = [("perimetre", f"Périmètre de la démarche ({approach.perimeter_name})")]
        choices += [(f"t{t.pk}", f"{t.get_type_display()} : {t.name}") for t in compared]
        choices += [("france", "France"), ("autre", "Autre territoire (code INSEE)")]
        self.fields["place"].choices = choices
        if instance is not None:
            self.initial = {**self._initial_of(instance, {t.pk for t in compared}), **self.initial}
        self.fields["value"].label = f"Valeur (en {indicator.unit})"

    def clean_value(self) -> float:
        try:
            number: float = tables.PARSERS["decimal"](self.cleaned_data["value"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        place = data.get("place", "")
        territory = None
        if place == "autre":
            code = (data.get("insee") or "").strip().upper()
            territory = (
                Territory.objects.filter(code=code, is_current=True).first() if code else None
            )
            if territory is None:
                self.add_error("insee", f"Code « {code} » inconnu des territoires officiels.")
        elif place.startswith("t"):
            territory = Territory.objects.filter(pk=place[1:]).first()
        if place == "perimetre":
            data["scope"] = Scope.PERIMETER
        elif place == "france":
            data["scope"] = Scope.FRANCE
        else:
            data["scope"] = Scope.TERRITORY
        data["territory"] = territory
        if self.instance is not None and not self.errors:
            clash = IndicatorValue.objects.filter(
                indicator=self.indicator,
                scope=data["scope"],
                territory=territory,
                year=data.get("year"),
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("year", "Une valeur existe déjà pour ce lieu et cette année.")
        return data

    @staticmethod
    def _initial_of(value: IndicatorValue, compared: set[int]) -> dict[str, Any]:
        if value.scope in (Scope.PERIMETER, Scope.FRANCE):
            place = str(value.scope)
        elif value.territory_id in compared:
            place = f"t{value.territory_id}"
        else:
            place = "autre"
        return {
            "place": place,
            "insee": value.territory.code if value.territory and place == "autre" else "",
            "year": value.year,
            "value": decimal_cell(value.value),
            "source_note": value.source_note,
        }

    def save(self) -> IndicatorValue:
        """Add the value (replacing the same place and year) or update the edited one."""
        data = self.cleaned_data
        instance = self.instance
        if instance is None:
            instance, _ = IndicatorValue.objects.update_or_create(
                indicator=self.indicator,
                scope=data["scope"],
                territory=data["territory"],
                year=data["year"],
                defaults={"value": data["value"], "source_note": data["source_note"]},
            )
            return instance
        instance.scope = data["scope"]
        instance.territory = data["territory"]
        instance.year = data["year"]
        instance.value = data["value"]
        instance.source_note = data["source_note"]
        instance.save()
        return instance


class ImportForm(forms.Form):
    file = CappedFileField(
        label="Fichier de valeurs (CSV, XLSX ou ODS)",
        help_text="Colonnes : Indicateur, Code INSEE, Année, Valeur ; facultatives : Unité, "
        "Niveau, Note sur la source.",
    )


class SessionForm(forms.ModelForm):
    version = forms.ModelChoiceField(
        label="Référentiel ou grille", queryset=FrameworkVersion.objects.none()
    )
    focus = forms.ChoiceField(label="Focus thématique", required=False)

    class Meta:
        model = ScoringSession
        fields = ["title", "version", "held_on", "category", "focus", "notes"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = [v.pk for v in services.scorable_versions(approach)]
        self.fields["version"].queryset = FrameworkVersion.objects.filter(pk__in=versions)
        self.fields["version"].label_from_instance = lambda v: (
            f"{v.framework.name} (grille de la démarche)"
            if v.framework.approach_id
            else f"{v.name} (version {v.version})"
        )
        self.fields["focus"].choices = [("", "Toute la grille")] + [
            (code, focus.label) for code, focus in FOCUSES.items()
        ]


class ReadingForm(DemarcheForm):
    dimension_code = forms.ChoiceField(label="Dimension (facultatif)", required=False)

    class Meta:
        model = Reading
        fields = ["kind", "dimension_code", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, approach=approach, **kwargs)
        self.fields["dimension_code"].choices = [("", "—"), *dimension_choices(approach)]
