"""Choosing the démarche's actions within a budget: what the page asks the analysis package.

The benefit of an action is, as the team chooses (`BudgetSetting.benefit`):
- its resilience effect: the sum of its effects today on the analysis grid's dimensions;
- its score in the multi-criteria prioritisation (the chosen method's score);
- its place in the majority-judgment vote, as points: with n actions ranked, the first gets
  n points, the second n − 1…, tied actions the points of their shared rank.

Only actions to set up (not existing policies) with a cost and a benefit are candidates; the
others are listed with the reason. The choice itself is `ressort.analysis.budget`'s exact
optimum.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ressort.actions import services
from ressort.actions.models import Action, ActionLink, BudgetSetting
from ressort.analysis import budget as solver
from ressort.analysis import mcda
from ressort.analysis.frontier_chart import frontier_svg, money, number
from ressort.approaches.models import Approach

BENEFIT_UNITS = {
    BudgetSetting.Benefit.GRID: "Effet de résilience (somme des effets)",
    BudgetSetting.Benefit.MCDA: "Score multicritère",
    BudgetSetting.Benefit.VOTE: "Points du vote",
}


@dataclass
class Candidate:
    action: Action
    cost: float
    benefit: float


@dataclass
class BudgetData:
    setting: BudgetSetting | None
    candidates: list[Candidate] = field(default_factory=list)
    missing: list[tuple[Action, str]] = field(default_factory=list)  # (action, why not)
    links: list[ActionLink] = field(default_factory=list)
    note: str = ""  # how the benefit is computed, in words


@dataclass
class LeftOut:
    action: Action
    cost: float
    benefit: float
    reasons: list[str]


@dataclass
class BudgetResult:
    data: BudgetData
    chosen: list[Candidate]
    cost: float
    benefit: float
    left_out: list[LeftOut]
    frontier: list[dict[str, Any]]
    svg: str
    error: str = ""


def setting_of(approach: Approach) -> BudgetSetting | None:
    return BudgetSetting.objects.filter(approach=approach).first()


def _benefits(
    approach: Approach, kind: str, method: str, actions: list[Action]
) -> tuple[dict[int, float], dict[int, str], str]:
    """(action pk → benefit, action pk → why it has none, note in words)."""
    values: dict[int, float] = {}
    why: dict[int, str] = {}
    if kind == BudgetSetting.Benefit.MCDA:
        data = services.decision_data(approach)
        label = services.METHOD_LABELS.get(method, method)
        if data.problem is None:
            for action in actions:
                why[action.pk] = "pas de score multicritère (aucun critère complet)"
            return values, why, f"Score de la méthode « {label} » : aucun classement possible."
        result = mcda.rank(data.problem, method)
        by_name = dict(zip(result.alternatives, result.scores.tolist(), strict=True))
        for action in data.actions:
            values[action.pk] = float(by_name[data.names[action.pk]])
        for action, missing in data.incomplete:
            why[action.pk] = "valeur manquante pour " + ", ".join(f"« {m} »" for m in missing)
        return (
            values,
            why,
            (
                f"Le bénéfice d'une action est son score selon « {label} » dans la priorisation "
                "multicritère (plus il est haut, mieux c'est)."
            ),
        )
    if kind == BudgetSetting.Benefit.VOTE:
        vote = services.vote_counts(approach)
        result = services.vote_result(approach, counted=vote)
        if result is None:
            for action in actions:
                why[action.pk] = "aucun bulletin de vote"
            return values, why, "Aucun bulletin : pas de points de vote."
        count = len(result.ranking)
        by_name = {r.candidate: count - r.rank + 1 for r in result.ranking}
        for action in vote.actions:
            name = vote.names[action.pk]
            if name in by_name:
                values[action.pk] = float(by_name[name])
        return (
            values,
            why,
            (
                f"Le bénéfice d'une action vient du vote au jugement majoritaire : sur {count} "
                f"actions classées, la première vaut {count} points, la deuxième {count - 1}, et "
                "ainsi de suite ; des actions à égalité reçoivent les points de leur rang commun."
            ),
        )
    for action in actions:
        total = services.grid_effect_total(action)
        if total is None:
            why[action.pk] = "pas encore évaluée avec la grille d'analyse"
        else:
            values[action.pk] = float(total)
    return (
        values,
        why,
        (
            "Le bénéfice d'une action est son effet de résilience : la somme de ses effets "
            "aujourd'hui sur les dimensions de la grille d'analyse (de −2 à +2 chacune)."
        ),
    )


def budget_data(approach: Approach) -> BudgetData:
    setting = setting_of(approach)
    actions = _actions(approach)
    links = list(ActionLink.objects.filter(approach=approach).select_related("source", "target"))
    data = BudgetData(setting, links=links)
    kind = setting.benefit if setting else BudgetSetting.Benefit.GRID
    method = setting.method if setting else "somme-ponderee"
    values, why, data.note = _benefits(approach, kind, method, actions)
    for action in actions:
        if action.cost is None:
            data.missing.append((action, "coût estimé à renseigner sur sa fiche"))
        elif action.pk not in values:
            data.missing.append((action, why.get(action.pk, "pas de bénéfice connu")))
        else:
            data.candidates.append(Candidate(action, float(action.cost), values[action.pk]))
    return data


def _problem(data: BudgetData) -> solver.Problem:
    ids = {c.action.pk for c in data.candidates}
    required = {a.pk for a in data.setting.required.all()} if data.setting else set()
    requires: dict[int, list[str]] = {}
    excludes: dict[int, list[str]] = {}
    for link in data.links:
        if link.source_id not in ids:
            continue
        if link.kind == ActionLink.Kind.EXCLUDES and link.target_id in ids:
            excludes.setdefault(link.source_id, []).append(str(link.target_id))
        elif link.kind == ActionLink.Kind.REQUIRES:
            requires.setdefault(link.source_id, []).append(str(link.target_id))
    actions = []
    for c in data.candidates:
        pk = c.action.pk
        needed = requires.get(pk, [])
        if any(int(t) not in ids for t in needed):
            continue  # it requires an action that cannot be chosen: left out (reason below)
        actions.append(
            solver.Action(
                str(pk),
                c.cost,
                c.benefit,
                required=pk in required,
                requires=tuple(needed),
                excludes=tuple(excludes.get(pk, [])),
            )
        )
    present = {a.id for a in actions}
    actions = [
        solver.Action(
            a.id,
            a.cost,
            a.benefit,
            a.required,
            a.requires,
            tuple(t for t in a.excludes if t in present),
        )
        for a in actions
    ]
    return solver.make_problem(actions, _constraints(data, {a.id for a in actions}))


def yearly_spending(action: Action) -> dict[int, float]:
    """What an action spends each year: its fiche's planned budget by year when it has one,
    else its cost in the year it falls (`cost_year`); nothing known otherwise."""
    sheet = getattr(action, "sheet", None)
    if sheet is not None:
        planned: dict[int, float] = {}
        for line in sheet.budget_lines.all():
            if line.planned:
                planned[line.year] = planned.get(line.year, 0.0) + float(line.planned)
        if planned:
            return planned
    if action.cost is not None and action.cost_year:
        return {action.cost_year: float(action.cost)}
    return {}


def _actions(approach: Approach) -> list[Action]:
    return list(
        Action.objects.filter(approach=approach, kind=Action.Kind.ACTION)
        .select_related("sheet", "theme")
        .prefetch_related("evaluations", "sheet__budget_lines")
        .order_by("title", "pk")
    )


def spending_years(approach: Approach) -> list[int]:
    """The years in which the démarche's actions spend (for the annual caps)."""
    return sorted({year for a in _actions(approach) for year in yearly_spending(a)})


def _constraints(data: BudgetData, present: set[str]) -> list[solver.Constraint]:
    """The setting's annual caps and minimums per theme, over the usable candidates."""
    setting = data.setting
    if setting is None:
        return []
    usable = [c for c in data.candidates if str(c.action.pk) in present]
    out = []
    for year, cap in sorted(setting.year_caps.items()):
        coefficients = {
            str(c.action.pk): spent
            for c in usable
            if (spent := yearly_spending(c.action).get(int(year), 0.0))
        }
        out.append(
            solver.Constraint(
                f"dépenses de {year} : au plus {money(cap)}", coefficients, upper=float(cap)
            )
        )
    themes = {str(c.action.theme_id): c.action.theme for c in data.candidates if c.action.theme}
    for theme_pk, minimum in sorted(setting.theme_minimums.items()):
        theme = themes.get(theme_pk)
        name = f"thème « {theme.name} »" if theme else "un thème sans action évaluée"
        coefficients = {
            str(c.action.pk): c.cost for c in usable if str(c.action.theme_id) == theme_pk
        }
        out.append(
            solver.Constraint(
                f"{name} : au moins {money(minimum)}", coefficients, lower=float(minimum)
            )
        )
    return out


def constraint_notes(data: BudgetData) -> list[str]:
    """The caps and minimums in force, and the candidates a cap cannot see, in words."""
    setting = data.setting
    if setting is None:
        return []
    notes = [
        c.label[:1].upper() + c.label[1:] + "."
        for c in _constraints(data, {str(c.action.pk) for c in data.candidates})
    ]
    if setting.year_caps:
        blind = [c.action.title for c in data.candidates if not yearly_spending(c.action)]
        if blind:
            notes.append(
                "Sans année de dépense, donc hors des plafonds annuels : "
                + ", ".join(f"« {t} »" for t in blind)
                + " (renseignez l'année sur leur fiche)."
            )
    return notes


def choose(approach: Approach) -> BudgetResult | None:
    """The best portfolio for the démarche's setting, explained; None without a setting."""
    data = budget_data(approach)
    if data.setting is None:
        return None
    amount = float(data.setting.budget)
    by_pk = {c.action.pk: c for c in data.candidates}
    titles = services.alternative_names([c.action for c in data.candidates])
    problem = _problem(data)

    def name(pk: str) -> str:
        return f"« {titles[int(pk)]} »"

    try:
        best = solver.choose(problem, amount)
    except solver.NoPortfolio as error:
        message = str(error)
        for pk in error.actions:
            message = message.replace(f"« {pk} »", name(pk))
        return BudgetResult(data, [], 0.0, 0.0, [], [], "", error=_capital(message))
    frontier = solver.frontier(problem, amount, 20, known=[best])
    chosen = [by_pk[int(pk)] for pk in best.chosen]
    left_out = []
    unusable = {c.action.pk for c in data.candidates} - {int(a.id) for a in problem.actions}
    for c in data.candidates:
        if c.action.pk in unusable:
            missing = [
                link.target
                for link in data.links
                if link.source_id == c.action.pk
                and link.kind == ActionLink.Kind.REQUIRES
                and link.target_id not in by_pk
            ]
            left_out.append(
                LeftOut(
                    c.action,
                    c.cost,
                    c.benefit,
                    [
                        "Elle exige "
                        + ", ".join(f"« {a.title} »" for a in missing)
                        + ", qui ne peut pas être choisie (coût ou bénéfice inconnu)."
                    ],
                )
            )
    for reason in solver.explain(problem, best):
        c = by_pk[int(reason.id)]
        left_out.append(LeftOut(c.action, c.cost, c.benefit, _words(reason, best, name)))
    left_out.sort(key=lambda item: (item.action.title, item.action.pk))
    points = []
    previous: set[str] = set()
    for point in frontier:
        now = set(point.chosen)
        points.append(
            {
                "budget": point.budget,
                "budget_label": money(point.budget),
                "benefit": point.benefit,
                "benefit_label": number(point.benefit),
                "cost_label": money(sum(by_pk[int(p)].cost for p in point.chosen)),
                "added": [titles[int(p)] for p in point.chosen if p not in previous],
                "removed": [titles[int(p)] for p in previous if p not in now],
                "count": len(point.chosen),
            }
        )
        previous = now
    svg = frontier_svg(
        [(p.budget, p.benefit) for p in frontier],
        amount,
        best.benefit,
        title="Frontière efficace : le meilleur bénéfice possible pour chaque budget",
        benefit_name=BENEFIT_UNITS[BudgetSetting.Benefit(data.setting.benefit)],
    )
    return BudgetResult(data, chosen, best.cost, best.benefit, left_out, points, svg)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _words(reason: solver.LeftOut, best: solver.Choice, name: Any) -> list[str]:
    """Why an action is left out, in sentences."""
    out = []
    if reason.excluded_by:
        out.append("Elle exclut " + ", ".join(name(i) for i in reason.excluded_by) + ", retenue.")
    if reason.missing:
        out.append("Elle exige " + ", ".join(name(i) for i in reason.missing) + ", non retenue.")
    if reason.with_it is None:
        if not reason.excluded_by:
            out.append(
                "Elle ne tient pas dans le budget avec ce qu'elle exige et les actions "
                "obligatoires."
            )
        else:
            out.append("Aucun portefeuille dans le budget ne peut la contenir.")
        return out
    loss = best.benefit - reason.with_it.benefit
    if reason.benefit <= 0 and not reason.excluded_by and not reason.missing:
        out.append(f"Son bénéfice ({number(reason.benefit)}) n'ajoute rien.")
    trade = []
    if reason.displaced:
        trade.append("renoncer à " + ", ".join(name(i) for i in reason.displaced))
    if reason.added:
        trade.append("prendre aussi " + ", ".join(name(i) for i in reason.added))
    how = f" (il faudrait {' et '.join(trade)})" if trade else ""
    if loss > 1e-9:
        out.append(
            f"La retenir coûterait {number(loss)} de bénéfice au total{how} : le meilleur "
            f"portefeuille qui la contient apporte {number(reason.with_it.benefit)} contre "
            f"{number(best.benefit)}."
        )
    else:
        out.append(
            f"Un portefeuille qui la contient fait aussi bien ({number(reason.with_it.benefit)})"
            f"{how}, mais coûte plus cher."
        )
    return out


def build_plan(approach: Approach, result: BudgetResult, user: Any) -> tuple[int, int]:
    """Give each chosen action a fiche action in the strategy (those that have none yet).

    Returns (fiches created, chosen actions that already had one)."""
    from ressort.strategy import services as strategy

    created = existing = 0
    for candidate in result.chosen:
        if hasattr(candidate.action, "sheet"):
            existing += 1
            continue
        strategy.create_sheet(approach, action=candidate.action, user=user)
        created += 1
    return created, existing
