"""Démarche pages: co-built grids, appropriation workshops, conditions of success.

Rights: every member reads. Editing a grid or recording a workshop needs EDIT_FRAMING
(facilitator, chef·fe de projet): the grid is the démarche's shared reading frame, decided
with the team and transcribed by its leads, like the cadrage. The conditions-of-success
questionnaire needs CONTRIBUTE: élus and agents answer it about their own authority.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from ressort.analysis import drawing
from ressort.analysis import frameworks as fw
from ressort.approaches.access import Right, role_has
from ressort.approaches.models import Approach
from ressort.frameworks import services
from ressort.frameworks.models import (
    Dimension,
    Framework,
    FrameworkVersion,
    PriorityExercise,
    PriorityVote,
    SelfAssessment,
)
from ressort.frameworks.views import (
    FrameworkFileForm,
    annotate_tree,
    drawing_for,
    read_uploaded,
)
from ressort.web import demarche_url
from ressort.web.files import download
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped

NODE_KINDS = [
    ("dimension", "Dimension"),
    ("principe", "Principe"),
    ("levier", "Levier"),
    ("question", "Question"),
    ("indicateur", "Indicateur"),
]
SORTABLE_KINDS = ("dimension", "principe", "objectif", "theme")


# A grid's URL carries its code (…/grilles/<code>/), a node's also its id.
GRID = {"code": ("grille-boussole",)}
NODE = {"pk": Dimension}


def _grid(approach: Approach, code: str) -> Framework:
    return get_scoped(Framework, approach, code=code)


def _node(grid: Framework, pk: int) -> Dimension:
    return get_scoped(Dimension, grid.approach, pk=pk, version__framework=grid)


def _bases() -> list[FrameworkVersion]:
    return list(
        FrameworkVersion.objects.filter(framework__approach=None, is_current=True)
        .exclude(framework__code="tracc")
        .select_related("framework")
        .order_by("framework__code")
    )


class GridCreateForm(forms.Form):
    name = forms.CharField(label="Nom de la grille", max_length=200)
    base = forms.ChoiceField(label="Point de départ")

    def __init__(self, *args: object, bases: list[FrameworkVersion], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["base"].choices = [("", "Une grille vide (à partir de rien)")] + [
            (str(v.pk), f"{v.name} (version {v.version})") for v in bases
        ]
        self.fields["base"].required = False


def _grid_list(
    request: HttpRequest,
    approach: Approach,
    form: GridCreateForm | None = None,
    import_form: FrameworkFileForm | None = None,
    faults: list[str] | None = None,
) -> HttpResponse:
    grids = approach.grids.select_related("derived_from__framework").order_by("name")
    return render(
        request,
        "frameworks/grid_list.html",
        {
            "grids": grids,
            "form": form or GridCreateForm(bases=_bases()),
            "import_form": import_form or FrameworkFileForm(),
            "faults": faults or [],
        },
    )


@demarche_view(Right.VIEW, READ)
def grid_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    """The démarche's grids."""
    return _grid_list(request, approach)


@demarche_view(Right.EDIT_FRAMING, WRITE)
def grid_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Create a grid, from a shipped framework or empty."""
    bases = _bases()
    form = GridCreateForm(request.POST, bases=bases)
    if not form.is_valid():
        return _grid_list(request, approach, form=form)
    base = next((v for v in bases if str(v.pk) == form.cleaned_data["base"]), None)
    grid = services.create_grid(approach, request.user, form.cleaned_data["name"], base)
    messages.success(request, f"La grille « {grid.name} » est créée.")
    return redirect("grids:grid_detail", approach.slug, grid.code)


@demarche_view(Right.EDIT_FRAMING, WRITE)
def grid_import(request: HttpRequest, approach: Approach) -> HttpResponse:
    import_form = FrameworkFileForm(request.POST, request.FILES)
    faults: list[str] = []
    if import_form.is_valid():
        doc, faults = read_uploaded(import_form)
        if doc is not None:
            grid = services.import_grid(approach, doc, request.user)
            messages.success(request, f"La grille « {grid.name} » est importée.")
            return redirect("grids:grid_detail", approach.slug, grid.code)
    return _grid_list(request, approach, import_form=import_form, faults=faults)


@demarche_view(Right.VIEW, READ, samples=GRID)
def grid_detail(request: HttpRequest, approach: Approach, code: str) -> HttpResponse:
    grid = _grid(approach, code)
    version = services.grid_version(grid)
    return render(
        request,
        "frameworks/grid_detail.html",
        {
            "grid": grid,
            "version": version,
            "rows": services.tree(version),
            "kinds": NODE_KINDS,
            "editable": role_has(approach.current_role, Right.EDIT_FRAMING),  # type: ignore[attr-defined]
            "changes": grid.changes.select_related("user")[:30],
        },
    )


@demarche_view(Right.VIEW, READ, samples=GRID)
def grid_export(request: HttpRequest, approach: Approach, code: str) -> HttpResponse:
    grid = _grid(approach, code)
    return download(
        services.export_yaml(services.grid_version(grid)), f"{approach.slug}-{grid.code}.yaml"
    )


class NodeForm(forms.Form):
    label = forms.CharField(label="Libellé", max_length=300)
    definition = forms.CharField(label="Définition", required=False, widget=forms.Textarea)
    weight = forms.FloatField(label="Poids", min_value=0, max_value=100)


class AddNodeForm(forms.Form):
    label = forms.CharField(label="Libellé", max_length=300)
    kind = forms.ChoiceField(label="Type", choices=NODE_KINDS)
    parent = forms.IntegerField(required=False)


def _anchor(approach: Approach, grid: Framework, node: Dimension) -> str:
    return demarche_url(approach, "grids:grid_detail", grid.code) + f"#element-{node.pk}"


@demarche_view(Right.EDIT_FRAMING, WRITE, objects=NODE, samples=GRID)
def grid_node_edit(request: HttpRequest, approach: Approach, code: str, pk: int) -> HttpResponse:
    grid = _grid(approach, code)
    node = _node(grid, pk)
    form = NodeForm(request.POST)
    if form.is_valid():
        services.update_node(grid, node, request.user, **form.cleaned_data)
        messages.success(request, f"« {form.cleaned_data['label']} » est enregistré.")
    else:
        errors = "; ".join(
            f"{form.fields[f].label} : {' '.join(e)}" for f, e in form.errors.items()
        )
        messages.error(request, f"{node.code} non enregistré — {errors}")
    return redirect(_anchor(approach, grid, node))


@demarche_view(Right.EDIT_FRAMING, WRITE, objects=NODE, samples=GRID)
def grid_node_delete(request: HttpRequest, approach: Approach, code: str, pk: int) -> HttpResponse:
    grid = _grid(approach, code)
    node = _node(grid, pk)
    services.delete_node(grid, node, request.user)
    messages.success(request, f"« {node.label} » est retiré de la grille.")
    return redirect("grids:grid_detail", approach.slug, grid.code)


@demarche_view(Right.EDIT_FRAMING, WRITE, objects=NODE, samples=GRID)
def grid_node_move(request: HttpRequest, approach: Approach, code: str, pk: int) -> HttpResponse:
    grid = _grid(approach, code)
    node = _node(grid, pk)
    direction = "haut" if request.POST.get("sens") == "haut" else "bas"
    if not services.move_node(grid, node, request.user, direction):
        messages.info(request, f"« {node.label} » est déjà en {direction}.")
    return redirect(_anchor(approach, grid, node))


@demarche_view(Right.EDIT_FRAMING, WRITE, samples=GRID)
def grid_node_add(request: HttpRequest, approach: Approach, code: str) -> HttpResponse:
    grid = _grid(approach, code)
    form = AddNodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Indiquez le libellé et le type de l'élément à ajouter.")
        return redirect("grids:grid_detail", approach.slug, grid.code)
    parent = None
    if form.cleaned_data["parent"]:
        parent = _node(grid, form.cleaned_data["parent"])
    node = services.add_node(
        grid,
        request.user,
        parent=parent,
        kind=form.cleaned_data["kind"],
        label=form.cleaned_data["label"],
    )
    messages.success(request, f"« {node.label} » est ajouté.")
    return redirect(_anchor(approach, grid, node))


# --------------------------------------------------------------------------------------
# Appropriation workshops
# --------------------------------------------------------------------------------------


def _sortable(version: FrameworkVersion) -> list[Dimension]:
    """The cards of a sort: the nodes of the framework's main kind (dimensions of the
    Doughnut, principles of the Boussole, goals of the SDGs…)."""
    rows = [row for row, _ in services.tree(version)]
    kinds = {row.kind for row in rows}
    kind = next((k for k in SORTABLE_KINDS if k in kinds), None)
    return [row for row in rows if row.kind == kind]


def _framework_choices(approach: Approach) -> list[FrameworkVersion]:
    grids = list(
        FrameworkVersion.objects.filter(
            framework__approach=approach, is_current=True
        ).select_related("framework")
    )
    shipped = [v for v in _bases() if v.framework.code != services.CONDITIONS_CODE]
    return grids + shipped


class ExerciseForm(forms.Form):
    title = forms.CharField(label="Intitulé de l'atelier", max_length=200)
    held_on = forms.DateField(
        label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.ChoiceField(label="Référentiel ou grille à trier")


def _exercise_form(
    approach: Approach, data: QueryDict | None = None
) -> tuple[ExerciseForm, list[FrameworkVersion]]:
    choices = _framework_choices(approach)
    form = ExerciseForm(data)
    form.fields["version"].choices = [(str(v.pk), v.name) for v in choices]
    return form, choices


def _appropriation_page(
    request: HttpRequest, approach: Approach, form: ExerciseForm
) -> HttpResponse:
    exercises = approach.priority_exercises.select_related("version")
    return render(
        request,
        "frameworks/appropriation.html",
        {"form": form, "exercises": exercises},
    )


@demarche_view(Right.VIEW, READ)
def appropriation(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _appropriation_page(request, approach, _exercise_form(approach)[0])


@demarche_view(Right.EDIT_FRAMING, WRITE)
def exercise_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    form, choices = _exercise_form(approach, request.POST)
    if not form.is_valid():
        return _appropriation_page(request, approach, form)
    version = next(v for v in choices if str(v.pk) == form.cleaned_data["version"])
    exercise = PriorityExercise.objects.create(
        approach=approach,
        version=version,
        title=form.cleaned_data["title"],
        held_on=form.cleaned_data["held_on"],
        created_by=request.user,
    )
    return redirect("grids:exercise", approach.slug, exercise.pk)


def _exercise(approach: Approach, pk: int) -> PriorityExercise:
    return get_scoped(
        PriorityExercise.objects.select_related("version__framework"), approach, pk=pk
    )


def _exercise_page(
    request: HttpRequest, exercise: PriorityExercise, errors: list[str] | None = None
) -> HttpResponse:
    dimensions = _sortable(exercise.version)
    errors = errors or []
    answers = [
        fw.PriorityAnswer(v.group, v.dimension_code, v.pile, v.rank, v.count)
        for v in exercise.votes.all()
    ]
    labels = {d.code: d for d in dimensions}
    result = fw.aggregate_priorities(answers, [d.code for d in dimensions])
    ranking = [
        {
            "node": labels[s.dimension_code],
            "score": s,
            "piles": [s.piles.get(p.value, 0) for p in PriorityVote.Pile],
            "groups": [s.by_group.get(g, 0) for g in result.groups],
        }
        for s in result.scores
    ]
    top = annotate_tree(exercise.version)
    svg, _ = drawing_for(exercise.version, top)
    readings = cross_readings(
        exercise.version, {s.dimension_code: s.points + s.rank_points for s in result.scores}
    )
    return render(
        request,
        "frameworks/exercise.html",
        {
            "exercise": exercise,
            "dimensions": dimensions,
            "piles": PriorityVote.Pile,
            "result": result,
            "ranking": ranking,
            "errors": errors,
            "readings": readings,
            "svg": mark_safe(svg),
        },
    )


@demarche_view(Right.VIEW, READ, objects={"pk": PriorityExercise})
def exercise_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _exercise_page(request, _exercise(approach, pk))


@demarche_view(Right.EDIT_FRAMING, WRITE, objects={"pk": PriorityExercise})
def exercise_sort(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """Record one group's sort of the dimensions into piles (it replaces the group's last)."""
    exercise = _exercise(approach, pk)
    errors: list[str] = []
    group = request.POST.get("group", "").strip()
    if not group:
        errors.append("Groupe de participants : indiquez un nom (ex. « élus », « habitants »).")
    votes = []
    for dim in _sortable(exercise.version):
        for pile in PriorityVote.Pile:
            raw = request.POST.get(f"{dim.code}-{pile.value}", "").strip() or "0"
            if not raw.isdigit():
                errors.append(f"{dim.label} / {pile.label} : un nombre entier positif attendu.")
                continue
            if int(raw):
                votes.append(
                    PriorityVote(
                        exercise=exercise,
                        group=group,
                        dimension_code=dim.code,
                        pile=pile.value,
                        count=int(raw),
                    )
                )
    if errors:
        return _exercise_page(request, exercise, errors)
    with transaction.atomic():
        exercise.votes.filter(group=group).delete()
        PriorityVote.objects.bulk_create(votes)
    messages.success(request, f"Tri du groupe « {group} » enregistré.")
    return redirect("grids:exercise", approach.slug, exercise.pk)


CROSS_KINDS = {"donut": "dimension", "boussole": "levier", "odd": "objectif"}


def cross_readings(
    version: FrameworkVersion, scores: dict[str, int], top: int = 5
) -> list[dict[str, object]]:
    """The workshop's points read through the other shipped frameworks, along crosswalks.

    A node's points also count for its descendants (a principle's points go to its levers),
    so that a sort made on principles can follow the levers' crosswalks.
    """
    framework = version.framework
    code = framework.derived_from.framework.code if framework.derived_from else framework.code
    if code not in CROSS_KINDS or not any(scores.values()):
        return []
    rows = services.tree(version)
    by_pk = {row.pk: row for row, _ in rows}
    expanded: dict[str, float] = {}
    for row, _ in rows:
        current: Dimension | None = row
        while current is not None:
            if current.code in scores:
                expanded[row.code] = float(scores[current.code])
                break
            current = by_pk.get(current.parent_id) if current.parent_id else None
    links = services.all_directed_links()
    readings: list[dict[str, object]] = []
    for target, kind in CROSS_KINDS.items():
        target_version = services.shipped_current(target)
        if target == code or target_version is None:
            continue
        nodes = {d.code: d for d in target_version.dimensions.filter(kind=kind)}
        try:
            translation = fw.translate_assessment(expanded, links, code, target, list(nodes))
        except ValueError:
            continue
        best = sorted((s for s in translation.scores if s.score), key=lambda s: -(s.score or 0))
        readings.append(
            {
                "name": target_version.name,
                "rows": [
                    {
                        "node": nodes[s.target_code],
                        "score": s.score,
                        "via": ", ".join(sorted({c.source_code for c in s.contributions})),
                    }
                    for s in best[:top]
                ],
            }
        )
    return readings


# --------------------------------------------------------------------------------------
# Conditions of success
# --------------------------------------------------------------------------------------


def _questionnaire() -> tuple[FrameworkVersion, fw.FrameworkDoc] | None:
    version = services.shipped_current(services.CONDITIONS_CODE)
    if version is None:
        return None
    return version, services.doc_from_version(version)


def _not_loaded(request: HttpRequest, approach: Approach) -> HttpResponse:
    messages.error(request, "Le questionnaire n'est pas chargé (ressort referentiel charger).")
    return redirect("approaches:detail", approach.slug)


def _conditions_page(
    request: HttpRequest,
    approach: Approach,
    version: FrameworkVersion,
    doc: fw.FrameworkDoc,
    errors: list[str] | None = None,
) -> HttpResponse:
    assert doc.scale is not None
    errors = errors or []
    themes = [n for n in doc.nodes if n.kind == "theme"]
    latest = (
        approach.self_assessments.select_related("version", "created_by").order_by("-pk").first()
    )
    profile = None
    svg = ""
    if latest is not None:
        latest_doc = doc if latest.version_id == version.pk else None
        latest_doc = latest_doc or services.doc_from_version(latest.version)
        profile = fw.score_self_assessment(latest_doc, latest.answers)
        svg = drawing.compass_svg(
            [
                drawing.Segment(t.code, t.label, t.mean if t.mean is not None else 0.0)
                for t in profile.themes
            ],
            title="Profil des conditions de réussite",
            ident="profil-conditions",
            max_value=float(profile.max_level),
        )
    return render(
        request,
        "frameworks/conditions.html",
        {
            "version": version,
            "doc": doc,
            "themes": themes,
            "levels": doc.scale.levels,
            "latest": latest,
            "previous": latest.answers if latest else {},
            "profile": profile,
            "svg": mark_safe(svg),
            "errors": errors,
            "history": approach.self_assessments.select_related("created_by")[:10],
        },
    )


@demarche_view(Right.VIEW, READ)
def conditions(request: HttpRequest, approach: Approach) -> HttpResponse:
    questionnaire = _questionnaire()
    if questionnaire is None:
        return _not_loaded(request, approach)
    return _conditions_page(request, approach, *questionnaire)


@demarche_view(Right.CONTRIBUTE, WRITE)
def conditions_answer(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Record one self-assessment of the conditions of success."""
    questionnaire = _questionnaire()
    if questionnaire is None:
        return _not_loaded(request, approach)
    version, doc = questionnaire
    assert doc.scale is not None
    levels = [lvl.value for lvl in doc.scale.levels]
    errors: list[str] = []
    answers: dict[str, int] = {}
    for theme in (n for n in doc.nodes if n.kind == "theme"):
        for question in theme.children:
            raw = request.POST.get(question.code, "")
            if raw == "":
                continue
            if not raw.lstrip("-").isdigit() or int(raw) not in levels:
                errors.append(f"« {question.label} » : niveau invalide.")
                continue
            answers[question.code] = int(raw)
    if not answers and not errors:
        errors.append("Répondez au moins à une question.")
    if errors:
        return _conditions_page(request, approach, version, doc, errors)
    SelfAssessment.objects.create(
        approach=approach,
        version=version,
        answers=answers,
        comment=request.POST.get("comment", "").strip(),
        created_by=request.user,
    )
    messages.success(request, "Votre auto-évaluation est enregistrée.")
    return redirect("grids:conditions", approach.slug)
