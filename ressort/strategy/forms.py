"""Forms of the strategy. Versioned forms carry the version they were built from."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.analysis import doughnut as dn
from ressort.approaches.models import Approach
from ressort.strategy.models import (
    ActionSheet,
    Axis,
    BudgetLine,
    Funding,
    Milestone,
    Objective,
    SheetIndicator,
    StrategyStatement,
)
from ressort.strategy.services import DoughnutDimension
from ressort.web.forms import DATE


class VersionedForm(forms.ModelForm):  # type: ignore[type-arg]
    """A ModelForm with the hidden `base_version` that save_versioned checks."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["base_version"].initial = self.instance.version
        if not self.instance.pk:
            self.fields["base_version"].required = False

    def edited_fields(self) -> list[str]:
        return [name for name in self.fields if name != "base_version"]


class StatementForm(VersionedForm):
    """The strategy's title and introduction; its vision is edited on the « Vision » page."""

    class Meta:
        model = StrategyStatement
        fields = ["title", "preamble"]
        widgets = {"preamble": forms.Textarea(attrs={"rows": 4})}


class AxisForm(VersionedForm):
    class Meta:
        model = Axis
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"order": "Numéro de l'axe dans la stratégie (1, 2, 3…)."}


def gap_choice_label(dim: DoughnutDimension) -> str:
    if dim.gap in (dn.Status.SAFE, dn.Status.MISSING):
        ring = "plancher social" if dim.ring == "plancher_social" else "plafond écologique"
        return f"{dim.label} ({ring}) — {dim.phrase}"
    return f"{dim.label} — {dim.phrase}"


class ObjectiveForm(VersionedForm):
    gap_codes = forms.MultipleChoiceField(
        label="Manques et dépassements du portrait auxquels l'objectif répond",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Dimensions du Donut ; l'état indiqué est celui du portrait de la démarche "
            "(sous le plancher social, au-delà du plafond écologique, dans l'espace sûr et juste "
            "ou sans donnée)."
        ),
    )

    class Meta:
        model = Objective
        fields = ["axis", "title", "description", "vision_link", "gap_codes", "order"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "vision_link": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"order": "Numéro de l'objectif dans son axe."}
        labels = {"axis": "Axe"}

    def __init__(
        self, *args: Any, axes: Any, dimensions: list[DoughnutDimension], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = axes
        self.fields["axis"].empty_label = None
        known = {d.code for d in dimensions}
        choices = [(d.code, gap_choice_label(d)) for d in dimensions]
        # Codes kept from an older framework version stay selectable rather than vanish.
        for code in self.instance.gap_codes or []:
            if code not in known:
                choices.append((code, f"{code} (dimension absente du référentiel en vigueur)"))
        self.fields["gap_codes"].choices = choices


# --------------------------------------------------------------------------------------
# Action sheets
# --------------------------------------------------------------------------------------


def objective_choices(approach: Approach) -> list[tuple[str, str]]:
    objectives = Objective.objects.filter(axis__approach=approach).select_related("axis")
    return [("", "— Hors objectif pour l'instant —")] + [
        (str(o.pk), f"{o.number} {o.title}") for o in objectives
    ]


class SheetCreateForm(forms.Form):
    objective = forms.TypedChoiceField(
        label="Objectif opérationnel", required=False, coerce=int, empty_value=None
    )
    action = forms.TypedChoiceField(
        label="Action déjà proposée",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Une action ou une politique de la démarche qui n'a pas encore de fiche.",
    )
    title = forms.CharField(
        label="… ou une nouvelle action (intitulé)", max_length=200, required=False
    )

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ressort.actions.models import Action

        self.fields["objective"].choices = objective_choices(approach)
        free = Action.objects.filter(approach=approach, sheet__isnull=True).order_by("title")
        self.fields["action"].choices = [("", "—")] + [(str(a.pk), a.title) for a in free]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("action")) == bool((data.get("title") or "").strip()):
            raise forms.ValidationError(
                "Choisissez une action déjà proposée ou donnez l'intitulé d'une nouvelle "
                "action (l'un ou l'autre)."
            )
        return data


class SheetForm(VersionedForm):
    objective = forms.TypedChoiceField(
        label="Objectif opérationnel", required=False, coerce=int, empty_value=None
    )
    commune_codes = forms.MultipleChoiceField(
        label="Communes concernées",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "rs-communes"}),
        help_text="Seulement si l'action ne concerne pas tout le territoire.",
    )

    class Meta:
        model = ActionSheet
        fields = [
            "objective",
            "purpose",
            "pilot_service",
            "pilot_name",
            "pilot_email",
            "elected_lead",
            "partners",
            "target_public",
            "whole_territory",
            "commune_codes",
            "start_date",
            "end_date",
            "status",
            "progress",
            "prerequisites",
            "risks",
            "skills",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "target_public": forms.Textarea(attrs={"rows": 2}),
            "prerequisites": forms.Textarea(attrs={"rows": 2}),
            "risks": forms.Textarea(attrs={"rows": 2}),
            "skills": forms.Textarea(attrs={"rows": 2}),
            "start_date": DATE,
            "end_date": DATE,
        }

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.approach = approach
        self.fields["objective"].choices = objective_choices(approach)
        if not self.is_bound:
            self.initial["objective"] = self.instance.objective_id or ""
        communes = approach.communes.order_by("name").values_list("code", "name")
        self.fields["commune_codes"].choices = [(c, f"{n} ({c})") for c, n in communes]

    def clean_objective(self) -> Objective | None:
        pk = self.cleaned_data.get("objective")
        if pk is None:
            return None
        objective = Objective.objects.filter(axis__approach=self.approach, pk=pk).first()
        if objective is None:
            raise forms.ValidationError("Cet objectif n'existe pas dans la démarche.")
        return objective

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La fin prévue précède le début.")
        if data.get("whole_territory"):
            data["commune_codes"] = []
        elif not data.get("commune_codes"):
            self.add_error(
                "commune_codes",
                "Cochez au moins une commune, ou « tout le territoire ».",
            )
        return data


class BudgetLineForm(VersionedForm):
    class Meta:
        model = BudgetLine
        fields = ["kind", "year", "label", "planned", "spent"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("L'année doit être entre 2000 et 2100.")
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("planned", "spent"):
            value = data.get(name)
            if value is not None and value < 0:
                self.add_error(name, "Un montant ne peut pas être négatif.")
        return data


class FundingForm(VersionedForm):
    class Meta:
        model = Funding
        fields = ["funder", "kind", "amount", "state", "note"]

    def clean_amount(self) -> Any:
        amount = self.cleaned_data["amount"]
        if amount < 0:
            raise forms.ValidationError("Un montant ne peut pas être négatif.")
        return amount


class MilestoneForm(VersionedForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "done_on"]
        widgets = {"due_date": DATE, "done_on": DATE}


class SheetIndicatorForm(VersionedForm):
    class Meta:
        model = SheetIndicator
        fields = [
            "kind",
            "indicator",
            "label",
            "unit",
            "baseline",
            "baseline_year",
            "target",
            "target_year",
        ]

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = approach.indicators.order_by("name")
        self.fields["indicator"].empty_label = "— Indicateur propre à la fiche —"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("indicator") and not (data.get("label") or "").strip():
            self.add_error("label", "Choisissez un indicateur du portrait ou nommez-le ici.")
        for name in ("baseline_year", "target_year"):
            year = data.get(name)
            if year is not None and not 1950 <= year <= 2100:
                self.add_error(name, "L'année doit être entre 1950 et 2100.")
        by, ty = data.get("baseline_year"), data.get("target_year")
        if by and ty and ty <= by:
            self.add_error("target_year", "L'année de la cible suit l'année de référence.")
        return data
