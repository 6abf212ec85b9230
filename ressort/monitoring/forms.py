"""Forms of monitoring (labels, help and errors in French)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from ressort.analysis.trajectories import national_target_milestones
from ressort.analysis.typography import NBSP, quoted, read_number
from ressort.monitoring.library import THEMES, dimension_choices
from ressort.monitoring.models import (
    Decision,
    Evaluation,
    ExperienceReport,
    Meeting,
    Milestone,
    SizeClass,
    TargetSource,
    Trajectory,
)
from ressort.strategy.models import SheetStatus
from ressort.territories.models import Territory
from ressort.web.forms import DATE, DemarcheForm


def regions() -> Any:
    return Territory.objects.filter(type="REG").order_by("name")


class ExperienceSearchForm(forms.Form):
    q = forms.CharField(label="Mots", required=False)
    theme = forms.ChoiceField(label="Thème", required=False)
    dimension = forms.ChoiceField(label="Dimension d'un référentiel", required=False)
    size = forms.ChoiceField(label="Taille du territoire", required=False)
    region = forms.ModelChoiceField(
        label="Région", queryset=Territory.objects.none(), required=False, empty_label="Toutes"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Tous"), *THEMES.items()]
        self.fields["dimension"].choices = [("", "Toutes"), *dimension_choices()]
        self.fields["size"].choices = [("", "Toutes"), *SizeClass.choices]
        self.fields["region"].queryset = regions()  # type: ignore[attr-defined]


class ExperienceForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label="Thèmes", choices=list(THEMES.items()), widget=forms.CheckboxSelectMultiple
    )
    dimensions = forms.MultipleChoiceField(
        label="Dimensions des référentiels",
        required=False,
        help_text="Les dimensions du Donut et les leviers de la Boussole que l'expérience touche.",
    )

    class Meta:
        model = ExperienceReport
        fields = [
            "title",
            "territory_name",
            "population",
            "size_class",
            "region",
            "summary",
            "actions",
            "results",
            "lessons",
            "contacts",
            "source_url",
            "source_label",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("summary", "actions", "results", "lessons", "contacts")
        }

    source_url = forms.URLField(
        label="Source publique", max_length=500, required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimensions"].choices = dimension_choices()
        self.fields["region"].queryset = regions()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["themes"] = self.instance.themes
            self.initial["dimensions"] = self.instance.dimension_codes


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "body", "title", "attendees", "agenda", "minutes", "follow_ups"]
        widgets = {
            "date": DATE,
            "attendees": forms.Textarea(attrs={"rows": 4}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "follow_ups": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionForm(DemarcheForm):
    class Meta:
        model = Decision
        fields = ["kind", "text", "actions", "owner", "due", "done"]
        widgets = {
            "due": DATE,
            "text": forms.Textarea(attrs={"rows": 2}),
            "actions": forms.SelectMultiple(attrs={"size": 4}),
        }
        help_texts = {
            "actions": "Les actions que la décision lance, modifie, reporte ou abandonne."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = self.fields["actions"].queryset.order_by("title")  # type: ignore[attr-defined]


class InspirationForm(forms.Form):
    action = forms.ModelChoiceField(
        label="Action de la démarche", queryset=None, empty_label="Choisir une action"
    )
    note = forms.CharField(label="Ce qui a été repris", max_length=300, required=False)

    def __init__(self, *args: Any, approach: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ressort.actions.models import Action

        self.fields["action"].queryset = Action.objects.filter(  # type: ignore[attr-defined]
            approach=approach
        ).order_by("title")


class TrajectoryForm(forms.ModelForm):
    class Meta:
        model = Trajectory
        fields = [
            "baseline_year",
            "baseline_value",
            "source",
            "national_reference",
            "tolerance",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean_tolerance(self) -> float:
        value: float = self.cleaned_data["tolerance"]
        if not 0 <= value <= 100:
            raise forms.ValidationError("La tolérance est un pourcentage entre 0 et 100.")
        return value


class MilestoneForm(forms.ModelForm):
    value = forms.FloatField(label="Valeur cible", required=False)

    class Meta:
        model = Milestone
        fields = ["year", "value", "percent"]


class BaseMilestoneFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    """Checks the milestones against the baseline and the chosen kind of target.

    A team target needs a value per milestone; a national target needs a percentage change
    from the baseline, and the value is derived from it (analysis.trajectories).
    """

    source: str = ""
    baseline_year: int | None = None
    baseline_value: float | None = None

    def validate_unique(self) -> None:
        """Duplicate years are reported on the milestone itself, in clean()."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        rows = [
            f
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("year")
        ]
        if not rows:
            raise forms.ValidationError("Indiquez au moins un jalon (année et cible).")
        years = set()
        for f in rows:
            year = f.cleaned_data["year"]
            if self.baseline_year is not None and year <= self.baseline_year:
                f.add_error(
                    "year", f"Le jalon doit suivre l'année de référence ({self.baseline_year})."
                )
            if year in years:
                f.add_error("year", f"Deux jalons pour {year}.")
            years.add(year)
            if self.source == TargetSource.NATIONAL:
                percent = f.cleaned_data.get("percent")
                if percent is None:
                    f.add_error("percent", "Pour une cible nationale, indiquez l'évolution en %.")
                elif percent < -100:
                    f.add_error("percent", "Une baisse ne dépasse pas −100 %.")
                elif self.baseline_value is not None:
                    f.cleaned_data["value"] = national_target_milestones(
                        self.baseline_value, [(year, percent)]
                    )[0][1]
                    f.instance.value = f.cleaned_data["value"]
            elif f.cleaned_data.get("value") is None:
                f.add_error("value", "Indiquez la valeur cible de ce jalon.")
            else:
                f.instance.percent = None
                f.cleaned_data["percent"] = None


MilestoneFormSet = forms.inlineformset_factory(
    Trajectory,
    Milestone,
    form=MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=3,
    can_delete=True,
)


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [
            "kind",
            "title",
            "date",
            "reference_year",
            "evaluation_year",
            "findings",
            "lessons",
        ]
        widgets = {
            "date": DATE,
            "findings": forms.Textarea(attrs={"rows": 5}),
            "lessons": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        before, after = data.get("reference_year"), data.get("evaluation_year")
        if before is not None and after is not None and after < before:
            self.add_error(
                "evaluation_year",
                f"L'année des nouvelles données doit suivre celle du premier portrait ({before}).",
            )
        return data


class ProgressYearForm(forms.Form):
    """The year the amounts spent are recorded for."""

    annee = forms.IntegerField(
        label="Année des dépenses",
        min_value=1990,
        max_value=2100,
        error_messages={
            "required": "indiquez l'année (ex. 2026).",
            "invalid": "un nombre entier (ex. 2026).",
            "min_value": "entre 1990 et 2100.",
            "max_value": "entre 1990 et 2100.",
        },
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


class ProgressRowForm(forms.Form):
    """One action's row of the progress entry: what is left empty stays as it is."""

    statut = forms.ChoiceField(
        label="statut",
        required=False,
        choices=SheetStatus.choices,
        error_messages={"invalid_choice": "valeur inconnue « %(value)s »."},
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    avancement = forms.CharField(
        label="avancement",
        required=False,
        widget=forms.NumberInput(
            attrs={"class": "form-control form-control-sm", "min": 0, "max": 100}
        ),
    )
    depense = forms.CharField(
        label="dépensé dans l'année",
        required=False,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm",
                "inputmode": "decimal",
                "placeholder": "inchangé",
            }
        ),
    )

    def __init__(self, data: Any, *, row: dict[str, Any]) -> None:
        self.row = row
        super().__init__(
            data,
            prefix=f"action-{row['action'].pk}",
            initial={"statut": row["status"], "avancement": row["progress"]},
        )

    @property
    def title(self) -> str:
        return self.row["action"].title

    def clean_avancement(self) -> int | None:
        raw = self.cleaned_data["avancement"].strip()
        if not raw:
            return None
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if not 0 <= value <= 100:
            raise forms.ValidationError(f"un nombre entier de 0 à 100 (reçu « {raw} »).")
        return value

    def clean_depense(self) -> Decimal | None:
        raw = self.cleaned_data["depense"].strip()
        if not raw:
            return None
        try:
            value = read_number(raw)
        except ValueError:
            value = Decimal(-1)
        if not value.is_finite() or value < 0:
            raise forms.ValidationError(f"un montant positif en euros (reçu « {raw} »).")
        return value

    def faults(self) -> list[str]:
        """Each error named by the action's title and the field (« Cantine », avancement : …)."""
        return [
            f"{quoted(self.title)}, {self.fields[name].label}{NBSP}: {message}"
            for name, messages in self.errors.items()
            for message in messages
        ]

    def changes(self) -> dict[str, Any]:
        """What this row asks to change (valid forms only)."""
        data = self.cleaned_data
        wanted: dict[str, Any] = {}
        if data["statut"] and data["statut"] != self.row["status"]:
            wanted["status"] = data["statut"]
        if data["avancement"] is not None and data["avancement"] != self.row["progress"]:
            wanted["progress"] = data["avancement"]
        if data["depense"] is not None:
            wanted["spent"] = data["depense"]
        return wanted
