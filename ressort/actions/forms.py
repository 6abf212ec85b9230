"""Forms of the actions app (French labels; the démarche scopes every choice)."""

from __future__ import annotations

import math
from typing import Any

from django import forms

from ressort.actions.models import (
    EFFECTS,
    Action,
    ActionLink,
    Arbitration,
    BudgetSetting,
    ContestedResource,
    Criterion,
    Evaluation,
    Idea,
    ResourceOption,
    ResourceUse,
    Theme,
)
from ressort.analysis.typography import NBSP, number, quoted, read_number
from ressort.approaches.models import Approach
from ressort.uploads import CappedFileField
from ressort.web.forms import DemarcheForm


class IdeaForm(DemarcheForm):
    class Meta:
        model = Idea
        fields = [
            "text",
            "proposer",
            "source",
            "source_label",
            "answers",
            "answers_detail",
            "vulnerability",
            "scenario",
            "dimension_code",
            "theme",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "answers_detail": forms.TextInput(attrs={"list": "reponses-possibles"}),
        }

    def __init__(self, *args: Any, dimensions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # its vulnerability or scenario: the démarche's own
        self.fields["dimension_code"] = forms.ChoiceField(
            label="Dimension du référentiel",
            choices=[("", "—"), *dimensions],
            required=False,
        )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        answers = data.get("answers")
        if data.get("vulnerability") and answers != Idea.Answers.VULNERABILITY:
            data["answers"] = Idea.Answers.VULNERABILITY  # the link says what it answers
        elif data.get("scenario") and answers != Idea.Answers.SCENARIO:
            data["answers"] = Idea.Answers.SCENARIO
        if data.get("vulnerability") and data.get("scenario"):
            self.add_error("scenario", "Une idée répond à une vulnérabilité ou à un scénario.")
        return data


class ThemeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Theme
        fields = ["name"]


class ActionForm(DemarcheForm):
    class Meta:
        model = Action
        fields = ["kind", "title", "description", "theme", "resources", "cost", "cost_year"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.CheckboxSelectMultiple,
        }


class CriterionForm(DemarcheForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight", "direction", "function", "q", "p", "s", "from_grid"]
        localized_fields = ["weight", "q", "p", "s"]  # decimal commas accepted
        help_texts = {
            "function": "PROMETHEE, d'après Brans et Vincke (1985) : q sert aux fonctions en "
            "U, par paliers et linéaire ; p aux fonctions en V, par paliers et linéaire ; s à "
            "la gaussienne.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["s"].required = False

    def clean_s(self) -> float:
        value = self.cleaned_data.get("s")
        return 0.0 if value is None else float(value)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        return self.unique("name", f"Un critère « {name} » existe déjà.")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        function = data.get("function")
        q, p, s = data.get("q"), data.get("p"), data.get("s")

        if q is not None and function in ("u-shape", "level", "linear") and q < 0:
            self.add_error("q", "Le seuil q doit être positif ou nul.")
        if p is not None and function == "v-shape" and p <= 0:
            self.add_error("p", f"Le seuil p ({number(p, 6)}) doit être strictement positif.")
        if q is not None and p is not None and function in ("level", "linear") and p <= q:
            self.add_error(
                "p",
                f"Le seuil p ({number(p, 6)}) doit être strictement supérieur "
                f"à q ({number(q, 6)}).",
            )
        if s is not None and function == "gaussian" and s <= 0:
            self.add_error("s", f"Le paramètre s ({number(s, 6)}) doit être strictement positif.")
        return data


class ResourceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ContestedResource
        fields = ["name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class UseForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ResourceUse
        fields = ["use", "actors", "claim"]
        widgets = {"claim": forms.Textarea(attrs={"rows": 2})}


class OptionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ResourceOption
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ArbitrationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Arbitration
        fields = ["criteria", "decided_by", "decided_on", "option", "decision", "rationale"]
        widgets = {
            "criteria": forms.Textarea(attrs={"rows": 2}),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "rationale": forms.Textarea(attrs={"rows": 3}),
            "decided_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, resource: ContestedResource, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = resource.options.all()  # type: ignore[attr-defined]


class VoteImportForm(forms.Form):
    file = CappedFileField(
        label="Fichier CSV des bulletins",
        help_text="En-tête : les intitulés des actions ; une ligne par bulletin ; chaque case "
        "une mention (« À rejeter » … « Excellent ») ; une case vide vaut « À rejeter ».",
    )
    source = forms.CharField(label="Origine", max_length=200, required=False)


class WordedForm(forms.Form):
    """A form of many generated fields whose faults are worded with what they are about."""

    def messages(self) -> list[str]:
        """Every fault, already worded with its field (a dimension, an action…)."""
        return [message for errors in self.errors.values() for message in errors]


class EvaluationGridForm(WordedForm):
    """The analysis grid of one action, today or under one scenario: for each dimension an
    effect (−2 … +2, or empty: not evaluated), a confidence and a justification.

    Fields are named `effet-<code>`, `confiance-<code>`, `justification-<code>` (and so are
    their ids), so that the page and the files keep their names; `rows()` pairs each
    dimension with its three bound fields, which keep what the user typed on error.
    """

    def __init__(self, *args: Any, dimensions: list[Any], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        effects = [("", "non évaluée"), *((str(v), label) for v, label in EFFECTS)]
        for d in dimensions:
            self.fields[f"effet-{d.code}"] = forms.ChoiceField(
                label=f"Effet sur {d.label}",
                choices=effects,
                required=False,
                error_messages={
                    "invalid_choice": f"« {d.label} » : l'effet doit être un entier de −2 à +2."
                },
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"confiance-{d.code}"] = forms.ChoiceField(
                label=f"Confiance pour {d.label}",
                choices=Evaluation.Confidence.choices,
                required=False,
                initial=Evaluation.Confidence.MEDIUM,
                error_messages={
                    "invalid_choice": f"« {d.label} » : confiance inconnue « %(value)s »."
                },
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"justification-{d.code}"] = forms.CharField(
                label=f"Justification pour {d.label}",
                required=False,
                max_length=2000,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self) -> list[dict[str, Any]]:
        for name in self.errors if self.is_bound else ():
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["class"] = attrs.get("class", "") + " is-invalid"
        return [
            {
                "dimension": d,
                "effect": self[f"effet-{d.code}"],
                "confidence": self[f"confiance-{d.code}"],
                "justification": self[f"justification-{d.code}"],
            }
            for d in self.dimensions
        ]

    def values(self) -> dict[str, tuple[int, str, str] | None]:
        """Dimension code → (effect, confidence, justification), None when not evaluated."""
        out: dict[str, tuple[int, str, str] | None] = {}
        for d in self.dimensions:
            effect = self.cleaned_data.get(f"effet-{d.code}", "")
            if effect in ("", None):
                out[d.code] = None
                continue
            confidence = self.cleaned_data.get(f"confiance-{d.code}") or (
                Evaluation.Confidence.MEDIUM
            )
            justification = self.cleaned_data.get(f"justification-{d.code}", "").strip()
            out[d.code] = (int(effect), confidence, justification)
        return out


class CriterionValuesForm(WordedForm):
    """The table of criterion values: one field `v-<criterion>-<action>` per cell typed by
    the team (criteria from the grid are computed, not typed). A number in French or English
    notation, or empty to remove the value; a bad cell names its action and criterion, and
    the bound form keeps every typed cell for the page drawn again."""

    def __init__(
        self, *args: Any, criteria: list[Criterion], actions: list[Action], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.cells: dict[str, tuple[Criterion, Action]] = {}
        for action in actions:
            for criterion in criteria:
                if criterion.from_grid:
                    continue
                name = f"v-{criterion.pk}-{action.pk}"
                self.cells[name] = (criterion, action)
                self.fields[name] = forms.CharField(
                    label=f"{criterion.name} de {action.title}",
                    required=False,
                    widget=forms.TextInput(
                        attrs={
                            "class": "form-control form-control-sm",
                            "inputmode": "decimal",
                            "size": 6,
                        }
                    ),
                )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        for name, (criterion, action) in self.cells.items():
            if name not in self.data:
                data.pop(name, None)  # a cell not sent is left as it is
                continue
            raw = (data.get(name) or "").strip()
            if not raw:
                data[name] = None
                continue
            try:
                value = float(read_number(raw))
            except ValueError:
                value = math.inf
            if not math.isfinite(value):
                self.add_error(
                    name,
                    f"{quoted(action.title)}, critère {quoted(criterion.name)}{NBSP}: "
                    f"{quoted(raw)} n'est pas un nombre.",
                )
            else:
                data[name] = value
        return data

    def writes(self) -> list[tuple[Criterion, Action, float | None]]:
        return [
            (criterion, action, self.cleaned_data[name])
            for name, (criterion, action) in self.cells.items()
            if name in self.cleaned_data
        ]


MAX_TALLY = 100_000  # ballots counted on paper in one count


class TallyForm(WordedForm):
    """The count of a paper vote: its name, how many ballots, and per action the number of
    each grade (`n-<action pk>-<grade>`, blank for none). Every fault names its field; an
    action cannot have more grades than ballots counted."""

    def __init__(self, *args: Any, actions: list[Action], grades: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "tally-%s")
        super().__init__(*args, **kwargs)
        self.actions = actions
        self.grades = grades
        self.fields["label"] = forms.CharField(
            label="Dépouillement",
            max_length=200,
            help_text="Ex. : « Réunion publique du 3 mars, urne papier ».",
            error_messages={"required": "« Dépouillement » : donnez un intitulé."},
            widget=forms.TextInput(attrs={"class": "form-control"}),
        )
        self.fields["voters"] = forms.IntegerField(
            label="Bulletins dépouillés",
            min_value=1,
            max_value=MAX_TALLY,
            required=False,
            help_text="Laissé vide : le plus grand nombre de mentions reçues par une action. "
            "Une action qui en reçoit moins a des mentions absentes.",
            error_messages={
                "invalid": "« Bulletins dépouillés » : saisissez un nombre entier.",
                "min_value": "« Bulletins dépouillés » : au moins 1.",
                "max_value": f"« Bulletins dépouillés » : au plus {number(MAX_TALLY, 0)}.",
            },
            widget=forms.NumberInput(attrs={"class": "form-control", "min": 1}),
        )
        for action in actions:
            for index, grade in enumerate(grades):
                where = f"« {grade} » pour « {action.title} »"
                self.fields[f"n-{action.pk}-{index}"] = forms.IntegerField(
                    label=grade,
                    min_value=0,
                    max_value=MAX_TALLY,
                    required=False,
                    error_messages={
                        "invalid": f"{where} : saisissez un nombre entier.",
                        "min_value": f"{where} : un nombre positif ou nul.",
                        "max_value": f"{where} : au plus {number(MAX_TALLY, 0)}.",
                    },
                    widget=forms.NumberInput(
                        attrs={"class": "form-control form-control-sm", "min": 0}
                    ),
                )

    def counts_of(self, data: dict[str, Any] | None = None) -> dict[tuple[int, int], int]:
        """(action pk, grade) → count, zeros left out."""
        data = self.cleaned_data if data is None else data
        return {
            (action.pk, index): data[name]
            for action in self.actions
            for index in range(len(self.grades))
            if data.get(name := f"n-{action.pk}-{index}")
        }

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if self.errors:
            return data
        counts = self.counts_of(data)
        if not counts:
            raise forms.ValidationError("Saisissez au moins un nombre de mentions.")
        sums = {a.pk: 0 for a in self.actions}
        for (action, _), count in counts.items():
            sums[action] += count
        voters = data.get("voters") or max(sums.values())
        for action in self.actions:
            if sums[action.pk] > voters:
                self.add_error(
                    None,
                    f"« {action.title} » : {sums[action.pk]} mentions pour {voters} bulletins "
                    "dépouillés.",
                )
        data["voters"] = voters
        return data

    def rows(self) -> list[dict[str, Any]]:
        """One row per action: its title and its bound fields, grade by grade."""
        return [
            {
                "action": action,
                "fields": [self[f"n-{action.pk}-{i}"] for i in range(len(self.grades))],
            }
            for action in self.actions
        ]


class BallotForm(WordedForm):
    """One majority-judgment ballot typed on the page: a grade per action (`mention-<pk>`,
    empty when not graded) and who voted."""

    def __init__(self, *args: Any, actions: list[Action], grades: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.actions = actions
        self.fields["votant"] = forms.CharField(
            label="Votant·e (facultatif)",
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"class": "form-control"}),
        )
        lowest = f"— (compte « {grades[0]} »)"
        choices = [("", lowest), *((str(i), g) for i, g in enumerate(grades))]
        for action in actions:
            self.fields[f"mention-{action.pk}"] = forms.TypedChoiceField(
                label=action.title,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": f"« {action.title} » : mention inconnue."},
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not self.errors and not self.grades_of(data):
            raise forms.ValidationError("Donnez au moins une mention.")
        return data

    @staticmethod
    def grades_of_data(data: dict[str, Any]) -> dict[int, int]:
        return {
            int(name.removeprefix("mention-")): value
            for name, value in data.items()
            if name.startswith("mention-") and value is not None
        }

    def grades_of(self, data: dict[str, Any] | None = None) -> dict[int, int]:
        return self.grades_of_data(self.cleaned_data if data is None else data)

    def grade_fields(self) -> list[Any]:
        return [self[f"mention-{a.pk}"] for a in self.actions]


def _amount(label: str, initial: Any) -> forms.DecimalField:
    """An optional amount in euros, with a decimal comma."""
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        initial=initial,
        localize=True,
    )


class BudgetSettingForm(forms.ModelForm):  # type: ignore[type-arg]
    """The budget, the benefit to maximise and the actions that must be in."""

    method = forms.ChoiceField(
        label="Méthode multicritère",
        required=False,
        help_text="Utilisée seulement si le bénéfice est le score multicritère.",
    )

    class Meta:
        model = BudgetSetting
        fields = ["budget", "benefit", "method", "required"]
        widgets = {
            "benefit": forms.RadioSelect,
            "required": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        from ressort.actions.services import METHOD_LABELS

        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [
            (key, label) for key, label in METHOD_LABELS.items() if key != "electre"
        ]
        self.fields["required"].queryset = Action.objects.filter(  # type: ignore[attr-defined]
            approach=approach, kind=Action.Kind.ACTION
        ).order_by("title", "pk")
        self.fields["required"].required = False
        # One optional cap per year where the actions spend, one minimum per theme.
        from ressort.actions.budget import spending_years

        caps = self.instance.year_caps if self.instance.pk else {}
        self.years = spending_years(approach)
        for year in self.years:
            self.fields[f"cap_{year}"] = _amount(
                f"Plafond des dépenses en {year} (€)", caps.get(str(year))
            )
        minimums = self.instance.theme_minimums if self.instance.pk else {}
        self.themes = list(
            Theme.objects.filter(approach=approach, actions__isnull=False).distinct()
        )
        for theme in self.themes:
            self.fields[f"min_{theme.pk}"] = _amount(
                f"Au moins, pour le thème « {theme.name} » (€)", minimums.get(str(theme.pk))
            )

    def clean_method(self) -> str:
        return self.cleaned_data.get("method") or "somme-ponderee"

    def save(self, commit: bool = True) -> BudgetSetting:
        setting: BudgetSetting = super().save(commit=False)
        data = self.cleaned_data
        setting.year_caps = {
            str(year): float(data[f"cap_{year}"])
            for year in self.years
            if data.get(f"cap_{year}") is not None
        }
        setting.theme_minimums = {
            str(theme.pk): float(data[f"min_{theme.pk}"])
            for theme in self.themes
            if data.get(f"min_{theme.pk}")
        }
        if commit:
            setting.save()
            self.save_m2m()
        return setting


class ActionLinkForm(DemarcheForm):
    """« A exclut B » or « A exige B », between two actions of the démarche."""

    class Meta:
        model = ActionLink
        fields = ["source", "kind", "target"]

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, approach=approach, **kwargs)
        actions = Action.objects.filter(approach=approach, kind=Action.Kind.ACTION).order_by(
            "title", "pk"
        )
        self.fields["source"].queryset = actions  # type: ignore[attr-defined]
        self.fields["target"].queryset = actions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        source, target, kind = data.get("source"), data.get("target"), data.get("kind")
        if source is not None and source == target:
            self.add_error("target", "Choisissez une autre action que la première.")
        elif source is not None and target is not None and kind:
            same = ActionLink.objects.filter(approach=self.approach, kind=kind)
            if same.filter(source=source, target=target).exists() or (
                kind == ActionLink.Kind.EXCLUDES
                and same.filter(source=target, target=source).exists()
            ):
                self.add_error("target", "Ce lien existe déjà.")
        return data
