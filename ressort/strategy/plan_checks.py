"""What a council would object to in a plan d'actions, checked before the document is made.

The strategy document is a plan to adopt: actions already « réalisée » or « abandonnée »
leave its body for an annex (the implementation report), and the generator lists what a
director-general of services would send back — an objective without action, a financing
plan whose resources do not equal its expenses, an action without pilot or indicator, a
budget of several years written in one, the same risks pasted on every sheet. The page
shows these warnings before the user generates the document; the user may export anyway.

Money (Funding.Kind, Funding.State): « autofinancement » is the authority's own share;
other kinds are outside financing, « acquis » (secured) or « sollicité »/« envisagé »
(sought). The net cost for the authority is the budget less the outside financing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse

from ressort.analysis.typography import euros
from ressort.approaches.models import Approach
from ressort.strategy.models import ActionSheet, Funding, SheetStatus

CLOSED = (SheetStatus.DONE, SheetStatus.ABANDONED)
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Money:
    """A sheet's or an axis's budget and financing, in euros."""

    planned: Decimal = ZERO
    own: Decimal = ZERO  # autofinancement declared
    secured: Decimal = ZERO  # outside financing « acquis »
    sought: Decimal = ZERO  # outside financing « sollicité » or « envisagé »

    @property
    def financing(self) -> Decimal:
        return self.own + self.secured + self.sought

    @property
    def net_cost(self) -> Decimal:
        """What the authority pays if every outside financing sought is obtained."""
        return self.planned - self.secured - self.sought

    @property
    def balanced(self) -> bool:
        return self.financing == self.planned

    def __add__(self, other: Money) -> Money:
        return Money(
            self.planned + other.planned,
            self.own + other.own,
            self.secured + other.secured,
            self.sought + other.sought,
        )


def money(sheet: ActionSheet) -> Money:
    planned = sum((line.planned for line in sheet.budget_lines.all()), ZERO)
    own = secured = sought = ZERO
    for funding in sheet.fundings.all():
        if funding.kind == Funding.Kind.OWN:
            own += funding.amount
        elif funding.state == Funding.State.GRANTED:
            secured += funding.amount
        else:
            sought += funding.amount
    return Money(planned, own, secured, sought)


def yearly(sheet: ActionSheet) -> dict[int, dict[str, Decimal]]:
    """Planned amounts by year and section (« investissement », « fonctionnement »): the
    autorisation de programme spread in crédits de paiement."""
    out: dict[int, dict[str, Decimal]] = {}
    for line in sheet.budget_lines.all():
        cell = out.setdefault(line.year, {})
        cell[line.kind] = cell.get(line.kind, ZERO) + line.planned
    return dict(sorted(out.items()))


@dataclass(frozen=True, slots=True)
class Warning:
    text: str
    url: str = ""


@dataclass
class PlanCheck:
    warnings: list[Warning] = field(default_factory=list)
    kept_out: list[ActionSheet] = field(default_factory=list)  # done or abandoned

    def add(self, text: str, url: str = "") -> None:
        self.warnings.append(Warning(text, url))


def sheets(approach: Approach) -> list[ActionSheet]:
    return list(
        ActionSheet.objects.filter(approach=approach)
        .select_related("action", "objective__axis")
        .prefetch_related("budget_lines", "milestones", "fundings", "indicators")
        .order_by("objective__axis__order", "objective__order", "order", "action__title")
    )


def check(approach: Approach, all_sheets: list[ActionSheet] | None = None) -> PlanCheck:
    """The warnings of the plan to adopt, in the order a reader meets them."""
    from ressort.strategy.models import Objective

    all_sheets = sheets(approach) if all_sheets is None else all_sheets
    result = PlanCheck(kept_out=[s for s in all_sheets if s.status in CLOSED])
    slug = approach.slug

    def sheet_url(sheet: ActionSheet) -> str:
        return reverse("strategy:sheet_detail", args=[slug, sheet.pk])

    if result.kept_out:
        count = len(result.kept_out)
        result.add(
            f"{count} action{'s' if count > 1 else ''} réalisée{'s' if count > 1 else ''} ou "
            f"abandonnée{'s' if count > 1 else ''} : retirée{'s' if count > 1 else ''} du plan "
            "à adopter, listée" + ("s" if count > 1 else "") + " en annexe (bilan de mise en "
            "œuvre)."
        )
    open_sheets = [s for s in all_sheets if s.status not in CLOSED]
    by_objective = Counter(s.objective_id for s in open_sheets)
    for objective in Objective.objects.filter(axis__approach=approach).select_related("axis"):
        if not by_objective[objective.pk]:
            result.add(
                f"L'objectif {objective.number} « {objective.title} » n'a aucune action à adopter.",
                reverse("strategy:objective_edit", args=[slug, objective.pk]),
            )
    for sheet in open_sheets:
        title = sheet.action.title
        m = money(sheet)
        if m.financing and not m.balanced:
            gap = m.planned - m.financing
            result.add(
                f"« {title} » : le plan de financement ne s'équilibre pas ({euros(m.planned)} "
                f"de dépenses, {euros(m.financing)} de recettes, "
                + (f"{euros(gap)} non financés)." if gap > 0 else f"{euros(-gap)} de trop).")
                + " Ajoutez l'autofinancement ou corrigez les montants.",
                sheet_url(sheet),
            )
        years = yearly(sheet)
        if (
            len(years) == 1
            and sheet.start_date
            and sheet.end_date
            and sheet.end_date.year > sheet.start_date.year
        ):
            result.add(
                f"« {title} » court de {sheet.start_date.year} à {sheet.end_date.year} mais "
                f"tout son budget est inscrit en {next(iter(years))} : répartissez-le par "
                "année (crédits de paiement).",
                sheet_url(sheet),
            )
        if not (sheet.pilot_service or sheet.pilot_name):
            result.add(f"« {title} » n'a pas de pilote.", sheet_url(sheet))
        if not sheet.indicators.all():
            result.add(f"« {title} » n'a aucun indicateur de suivi.", sheet_url(sheet))
    for label, attribute in (("prérequis", "prerequisites"), ("risques", "risks")):
        texts = Counter(
            getattr(s, attribute).strip() for s in open_sheets if getattr(s, attribute).strip()
        )
        for text, count in texts.items():
            if count >= 3:
                result.add(
                    f"Les mêmes {label} sont recopiés sur {count} fiches (« {text[:60]}"
                    + ("…" if len(text) > 60 else "")
                    + " ») : précisez-les action par action."
                )
    return result


def axis_money(axis_sheets: list[ActionSheet]) -> Money:
    total = Money()
    for sheet in axis_sheets:
        total = total + money(sheet)
    return total


def summary(approach: Approach, open_sheets: list[ActionSheet]) -> dict[str, Any]:
    """The plan at a glance, for the synthesis: counts, money, period."""
    total = axis_money(open_sheets)
    starts = [s.start_date.year for s in open_sheets if s.start_date]
    ends = [s.end_date.year for s in open_sheets if s.end_date]
    return {
        "actions": len(open_sheets),
        "money": total,
        "period": (min(starts), max(ends)) if starts and ends else None,
    }
