from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format

from ressort.approaches import reuse
from ressort.approaches.method import MODULES, STEP_BY_CODE
from ressort.approaches.models import (
    AccompanimentSession,
    Approach,
    GovernanceMember,
    Handover,
    MethodStep,
    PerimeterKind,
    Role,
)
from ressort.approaches.offer import load_offer
from ressort.approaches.perimeter import parse_commune_codes, resolve_territory
from ressort.territories.text import normalize
from ressort.uploads import LogoField
from ressort.web import nav
from ressort.web.forms import DemarcheForm


class BrandingForm(forms.Form):
    """The authority's name on documents and its logo (a PNG or JPEG, written again)."""

    authority_name = forms.CharField(
        label="Nom de la collectivité sur les documents",
        max_length=200,
        required=False,
        help_text="Laissez vide pour reprendre le nom du périmètre.",
    )
    logo = LogoField(
        label="Logo de la collectivité",
        required=False,
        what="Le logo de la collectivité",
        help_text="Image PNG ou JPEG, 2\u00a0Mo au plus\u00a0; il paraît sur les documents "
        "et les pages de la démarche. Laissez vide pour garder le logo actuel.",
    )


class PerimeterForm(forms.Form):
    """Name and perimeter of a démarche, for its creation and its settings."""

    name = forms.CharField(label="Nom de la démarche", max_length=200)
    perimeter_kind = forms.ChoiceField(
        label="Périmètre", choices=PerimeterKind.choices, widget=forms.RadioSelect
    )
    territory = forms.CharField(
        label="Territoire officiel",
        required=False,
        help_text="Nom ou code INSEE (SIREN pour un EPCI)\u00a0; choisissez dans les suggestions.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-territory-autocomplete": ""}),
    )
    territory_code = forms.CharField(required=False, widget=forms.HiddenInput)
    perimeter_label = forms.CharField(
        label="Nature et nom du regroupement",
        required=False,
        max_length=120,
        help_text="ex. PETR du Pays de Montluçon, SCoT Métropole Savoie, bassin de vie…",
    )
    commune_codes = forms.CharField(
        label="Communes du regroupement",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Codes INSEE des communes, séparés par des espaces, virgules ou retours à la "
        "ligne. Le SIREN d'un EPCI ajoute toutes ses communes.",
    )

    def __init__(self, *args: Any, approach: Approach | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.approach = approach
        self.resolved_territory = None
        self.resolved_communes: list[Any] = []

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        others = Approach.objects.filter(name_key=normalize(name))
        if self.approach is not None:
            others = others.exclude(pk=self.approach.pk)
        if others.exists():
            raise ValidationError(
                "Une démarche porte déjà le nom « %(name)s » : choisissez-en un autre "
                "(ajoutez par exemple l'année ou le nom du territoire).",
                params={"name": name},
            )
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("perimeter_kind")
        if kind == PerimeterKind.OFFICIAL:
            try:
                self.resolved_territory = resolve_territory(
                    data.get("territory", ""), data.get("territory_code", "")
                )
            except ValidationError as error:
                self.add_error("territory", error)
        elif kind == PerimeterKind.CUSTOM:
            if not data.get("perimeter_label", "").strip():
                self.add_error(
                    "perimeter_label", "Donnez un nom au regroupement (ex. PETR du Pays de…)."
                )
            try:
                self.resolved_communes = parse_commune_codes(data.get("commune_codes", ""))
            except ValidationError as error:
                self.add_error("commune_codes", error)
        return data


class ApproachCreateForm(PerimeterForm):
    role = forms.ChoiceField(
        label="Votre rôle dans cette démarche",
        choices=[
            (Role.FACILITATOR, Role.FACILITATOR.label),
            (Role.PROJECT_LEAD, Role.PROJECT_LEAD.label),
        ],
        initial=Role.PROJECT_LEAD,
    )
    # Starting from another démarche's reusable parts (ressort.approaches.reuse).
    source = forms.ModelChoiceField(
        label="Reprendre des éléments d'une de vos démarches",
        queryset=Approach.objects.none(),
        required=False,
        empty_label="Non, partir de zéro",
        help_text="Seule la méthode est reprise : ni personne, ni donnée, ni valeur du "
        "territoire d'origine, qui reste inchangé.",
    )
    parts = forms.MultipleChoiceField(
        label="Éléments à reprendre",
        required=False,
        choices=[(p.code, p.label) for p in reuse.PARTS],
        widget=forms.CheckboxSelectMultiple,
    )
    calendar_start = forms.DateField(
        label="Début du calendrier repris",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Facultatif : par défaut, le premier jour du mois prochain.",
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = reuse.sources_for(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("parts") and not data.get("source"):
            self.add_error("source", "Choisissez la démarche dont reprendre ces éléments.")
        if data.get("source") and not data.get("parts"):
            self.add_error("parts", "Cochez au moins un élément à reprendre.")
        return data


class FramingForm(forms.ModelForm):
    modules = forms.MultipleChoiceField(
        label="Briques activées",
        required=False,
        choices=[(m.code, m.title) for m in MODULES],
        widget=forms.CheckboxSelectMultiple,
        help_text="Chaque brique s'active indépendamment, selon les besoins de la collectivité.",
    )

    def __init__(self, *args: Any, suggestion: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer = load_offer()
        choices = [(d.code, d.label) for d in offer.depths.values()]
        self.depth_names = []
        for step in self.instance.steps.all():
            name = f"depth_{step.code}"
            expected = offer.expected(step.code, step.depth)
            self.fields[name] = forms.ChoiceField(
                label=f"Étape {step.code} — {STEP_BY_CODE[step.code].title}",
                choices=choices,
                initial=step.depth,
                required=False,  # left out: the step keeps its depth
                help_text=f"Durée type à cette profondeur\u00a0: {expected.duration}.",
            )
            self.depth_names.append(name)
        self.suggestion = suggestion

    def depth_fields(self) -> list[Any]:
        return [self[name] for name in self.depth_names]

    def depths(self) -> dict[str, str]:
        return {
            name.removeprefix("depth_"): self.cleaned_data[name]
            for name in self.depth_names
            if self.cleaned_data.get(name)
        }

    class Meta:
        model = Approach
        fields = ["ambition", "intentions", "steering_frequency", "modules"]
        widgets = {
            "ambition": forms.Textarea(attrs={"rows": 4}),
            "intentions": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "ambition": "Ce que la collectivité veut atteindre avec la démarche, en quelques "
            "phrases partagées lors de la réunion de cadrage.",
            "intentions": "Les intentions partagées : pourquoi maintenant, pour qui, avec qui.",
            "steering_frequency": "ex. tous les trimestres",
        }


class GovernanceMemberForm(forms.ModelForm):
    class Meta:
        model = GovernanceMember
        fields = ["body", "name", "position", "organisation", "email", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class MethodStepForm(forms.ModelForm):
    class Meta:
        model = MethodStep
        fields = ["start_date", "end_date", "notes"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        title = STEP_BY_CODE[self.instance.code].title
        for name in ("start_date", "end_date", "notes"):
            self.fields[name].label = f"{self.fields[name].label} — étape {self.instance.code}"
        self.step_title = title

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La fin de l'étape ne peut pas précéder son début.")
        return data


class CloseStepForm(forms.Form):
    reason = forms.CharField(
        label="Pourquoi clore l'étape à la main\u00a0?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="ex. séances d'acculturation tenues hors de Ressort, portrait remis sur papier",
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Adresse électronique")
    role = forms.ChoiceField(label="Rôle", choices=Role.choices, initial=Role.TEAM_MEMBER)

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.approach = approach

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if self.approach.memberships.filter(user__email__iexact=email).exists():
            raise ValidationError("Cette personne est déjà membre de la démarche.")
        return email


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=Role.choices)


class AccompanimentSessionForm(DemarcheForm):
    class Meta:
        model = AccompanimentSession
        fields = [
            "held_on",
            "title",
            "step",
            "module",
            "format",
            "participant_count",
            "duration_hours",
            "days_spent",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        localized_fields = ["duration_hours", "days_spent"]


class HandoverForm(DemarcheForm):
    class Meta:
        model = Handover
        fields = ["title", "step", "module", "handed_on", "handed_to", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class ContractedDaysForm(forms.Form):
    """Days contracted for the base and each brique shown (empty: not contracted)."""

    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.modules = []
        for row in rows:
            name = f"jours_{row.module or 'base'}"
            self.fields[name] = forms.DecimalField(
                label=f"Jours contractés — {row.title}",
                required=False,
                min_value=0,
                max_digits=5,
                decimal_places=1,
                localize=True,
                initial=row.contracted,
                help_text=f"Proposé par l'offre\u00a0: {number_format(row.proposed)}\u00a0j",
            )
            self.modules.append((name, row.module))

    def days(self) -> dict[str, Any]:
        return {module: self.cleaned_data.get(name) for name, module in self.modules}


class MemberScopeForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label="Parties ouvertes",
        required=False,
        choices=lambda: [(p.code, p.label) for p in nav.PHASES],
    )
