"""Forms of the governance app (French labels; the démarche scopes every choice).

The two MACTOR matrices are Django formsets of one form per actor (row), one integer field
per column: a bound formset that fails keeps what was typed in every cell, and each fault
names its row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import Model

from ressort.approaches.models import Approach, GovernanceBody
from ressort.governance.models import (
    Actor,
    ActorLink,
    Agreement,
    Conflict,
    ConflictMeeting,
    ConflictOption,
    ConflictParty,
    DocumentPart,
    DocumentSections,
    GovernanceDiagnosis,
    MactorObjective,
    MactorStudy,
    RaciRole,
    RecommendationStatus,
)
from ressort.web.forms import DemarcheForm, taken


class ActorForm(DemarcheForm):
    bodies = forms.MultipleChoiceField(
        label="Instances de la démarche où il siège",
        choices=GovernanceBody.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Actor
        fields = [
            "name",
            "category",
            "scale",
            "contact_name",
            "contact_email",
            "bodies",
            "interest",
            "influence",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self) -> str:
        return self.unique("name", "Un acteur de ce nom est déjà dans le registre.")


class ActorLinkForm(DemarcheForm):
    class Meta:
        model = ActorLink
        fields = ["source", "kind", "target", "notes"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source, target, kind = data.get("source"), data.get("target"), data.get("kind")
        if source and target and source == target:
            self.add_error("target", "Un lien relie deux acteurs différents.")
        elif (
            source
            and target
            and kind
            and taken(self.instance, source=source, target=target, kind=kind)
        ):
            self.add_error("target", "Ce lien est déjà enregistré.")
        return data

    def validate_unique(self) -> None:
        """The duplicate is reported on the field by clean(); approach is set by the view."""


class StudyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MactorStudy
        fields = ["title", "question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2})}


class ParticipantsForm(forms.Form):
    actors = forms.ModelMultipleChoiceField(
        label="Acteurs étudiés",
        queryset=Actor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choisissez au moins deux acteurs du registre.",
    )

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actors"].queryset = Actor.objects.filter(approach=approach)  # type: ignore[attr-defined]

    def clean_actors(self) -> Any:
        actors = self.cleaned_data["actors"]
        if len(actors) < 2:
            raise forms.ValidationError("Choisissez au moins deux acteurs.")
        return actors


class ObjectiveForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MactorObjective
        fields = ["name", "origin"]
        help_texts = {"origin": "ex. la vision, un objectif de la stratégie, un atelier"}

    def __init__(self, *args: Any, study: MactorStudy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.study = study

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if taken(self.instance, study=self.study, name__iexact=name):
            raise forms.ValidationError("Cet objectif est déjà dans l'analyse.")
        return name


# --- Matrices --------------------------------------------------------------------------------


class MatrixRowForm(forms.Form):
    """One row of a matrix: an integer field `c<column pk>` per column (blank means 0)."""

    def __init__(
        self,
        *args: Any,
        row: Model,
        row_label: str,
        columns: Sequence[tuple[int, str]],
        low: int,
        high: int,
        skip_diagonal: bool,
        cell_label: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        self.row_label = row_label
        self.cells: list[tuple[str, str] | None] = []
        self.column_labels: dict[str, str] = {}
        for pk, label in columns:
            if skip_diagonal and pk == row.pk:
                self.cells.append(None)
                continue
            name = f"c{pk}"
            self.fields[name] = forms.IntegerField(
                label=cell_label.format(row=row_label, column=label),
                required=False,
                min_value=low,
                max_value=high,
                error_messages={
                    "invalid": f"un nombre entier de {low} à {high} est attendu",
                    "min_value": f"la valeur doit être comprise entre {low} et {high}",
                    "max_value": f"la valeur doit être comprise entre {low} et {high}",
                },
                widget=forms.NumberInput(
                    attrs={"min": low, "max": high, "step": 1, "class": "form-control rs-cell"}
                ),
            )
            self.cells.append((name, label))
            self.column_labels[name] = label

    def bound_cells(self) -> list[forms.BoundField | None]:
        return [None if cell is None else self[cell[0]] for cell in self.cells]

    def values(self) -> dict[int, int]:
        return {
            int(name[1:]): value or 0
            for name, value in self.cleaned_data.items()
            if name.startswith("c")
        }


class BaseMatrixFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """One form per row, whatever the management form says (rows come from the database)."""

    def __init__(
        self,
        *args: Any,
        rows: Sequence[tuple[Model, str]],
        columns: Sequence[tuple[int, str]],
        values: dict[tuple[int, int], int],
        low: int,
        high: int,
        skip_diagonal: bool,
        cell_label: str,
        **kwargs: Any,
    ) -> None:
        self.rows = list(rows)
        self.cell_label = cell_label
        self.columns = list(columns)
        self.low, self.high, self.skip_diagonal = low, high, skip_diagonal
        kwargs.setdefault(
            "initial",
            [
                {f"c{pk}": values.get((row.pk, pk), 0) for pk, _ in self.columns}
                for row, _ in self.rows
            ],
        )
        super().__init__(*args, **kwargs)

    def total_form_count(self) -> int:
        return len(self.rows)

    def initial_form_count(self) -> int:
        return len(self.rows)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        assert index is not None
        row, label = self.rows[index]
        return {
            "row": row,
            "row_label": label,
            "columns": self.columns,
            "low": self.low,
            "high": self.high,
            "skip_diagonal": self.skip_diagonal,
            "cell_label": self.cell_label,
        }

    def row_forms(self) -> list[MatrixRowForm]:
        forms_ = [form for form in self.forms if isinstance(form, MatrixRowForm)]
        assert len(forms_) == len(self.forms)
        return forms_

    def faults(self) -> list[str]:
        """Each fault as « Ligne « A », colonne « B » : message. »"""
        found = []
        for form in self.row_forms():
            for name, errors in form.errors.items():
                column = form.column_labels.get(name, name)
                found.extend(
                    f"Ligne «\u00a0{form.row_label}\u00a0», colonne «\u00a0{column}\u00a0»\u00a0: "
                    f"{error}."
                    for error in errors
                )
        return found

    def values(self) -> dict[tuple[int, int], int]:
        cells: dict[tuple[int, int], int] = {}
        for form in self.row_forms():
            for column, value in form.values().items():
                cells[form.row.pk, column] = value
        return cells


MatrixFormSet = forms.formset_factory(MatrixRowForm, formset=BaseMatrixFormSet, extra=0)


# --- Conflicts -------------------------------------------------------------------------------


class ConflictForm(DemarcheForm):
    class Meta:
        model = Conflict
        fields = [
            "title",
            "kind",
            "description",
            "process",
            "process_notes",
            "status",
            "outcome",
            "actions",
            "resources",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "process_notes": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "actions": forms.CheckboxSelectMultiple,
            "resources": forms.CheckboxSelectMultiple,
        }


class PartyForm(DemarcheForm):
    class Meta:
        model = ConflictParty
        fields = ["actor", "name", "position", "interests"]
        widgets = {
            "position": forms.Textarea(attrs={"rows": 2}),
            "interests": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("actor") and not (data.get("name") or "").strip():
            self.add_error(
                "name", "Choisissez un acteur du registre ou écrivez le nom de la partie."
            )
        return data


class OptionForm(DemarcheForm):
    class Meta:
        model = ConflictOption
        fields = ["title", "description", "retained"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MeetingForm(DemarcheForm):
    class Meta:
        model = ConflictMeeting
        fields = ["held_on", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}


# --- Cooperation -----------------------------------------------------------------------------


class AgreementForm(DemarcheForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "purpose",
            "parties",
            "start_date",
            "end_date",
            "actions",
            "notes",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "parties": forms.CheckboxSelectMultiple,
            "actions": forms.CheckboxSelectMultiple,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La fin ne peut pas précéder le début.")
        return data


# --- Internal governance ---------------------------------------------------------------------


class RaciForm(forms.Form):
    """One select per actor and step of the method (blank: no part); at most one A a step."""

    def __init__(
        self,
        *args: Any,
        actors: Sequence[Actor],
        steps: Sequence[tuple[str, str]],
        current: dict[tuple[int, str], str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.actors, self.steps = list(actors), list(steps)
        self.rows: list[tuple[Actor, list[str]]] = []
        for actor in self.actors:
            names = []
            for code, _title in self.steps:
                name = f"r{actor.pk}_{code}"
                self.fields[name] = forms.ChoiceField(
                    label=f"Rôle de «\u00a0{actor.name}\u00a0» à l'étape {code}",
                    choices=[("", "—"), *RaciRole.choices],
                    required=False,
                    initial=current.get((actor.pk, code), ""),
                )
                names.append(name)
            self.rows.append((actor, names))

    def table(self) -> list[tuple[Actor, list[forms.BoundField]]]:
        return [(actor, [self[name] for name in names]) for actor, names in self.rows]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code, _ in self.steps:
            accountable = [
                actor.name for actor in self.actors if data.get(f"r{actor.pk}_{code}") == "A"
            ]
            if len(accountable) > 1:
                raise forms.ValidationError(
                    f"Étape {code}\u00a0: une seule partie rend compte (A), ici "
                    f"{len(accountable)}\u00a0: {', '.join(accountable)}."
                )
        return data

    def cells(self) -> dict[tuple[int, str], str]:
        return {
            (actor.pk, code): self.cleaned_data[f"r{actor.pk}_{code}"]
            for actor in self.actors
            for code, _ in self.steps
            if self.cleaned_data.get(f"r{actor.pk}_{code}")
        }


class DiagnosisForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = GovernanceDiagnosis
        fields = ["score", "findings", "recommendation", "status"]
        widgets = {
            "findings": forms.Textarea(attrs={"rows": 2}),
            "recommendation": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("status") != RecommendationStatus.TODO
            and not (data.get("recommendation") or "").strip()
        ):
            self.add_error(
                "recommendation", "Écrivez la recommandation avant d'en suivre la réalisation."
            )
        return data


class DocumentSectionsForm(forms.ModelForm):
    portrait = forms.MultipleChoiceField(
        label="Dans le portrait de résilience",
        required=False,
        choices=DocumentPart.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    strategy = forms.MultipleChoiceField(
        label="Dans la stratégie et le plan d'actions",
        required=False,
        choices=DocumentPart.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DocumentSections
        fields = ["portrait", "strategy"]
