"""The demo démarche (slug `demo`) on the Communauté d'agglomération Porte de l'Isère.

Its perimeter and official figures are real; the texts and people are illustrative, and the
pages say so (Approach.is_demo).
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.module_loading import import_string

from ressort.approaches import progress, services
from ressort.approaches.logo import set_branding
from ressort.approaches.method import MODULE_CODES
from ressort.approaches.models import (
    AccompanimentSession,
    Approach,
    ContractedDays,
    GovernanceBody,
    GovernanceMember,
    Handover,
    Membership,
    MethodStep,
    Role,
    SessionFormat,
    StepStatus,
)
from ressort.branding import clean_logo
from ressort.territories.models import Territory, TerritoryType
from ressort.web import freshness

DEMO_SLUG = "demo"
DEMO_EPCI = "243800604"  # CA Porte de l'Isère (CAPI), one of the offer's reference territories
# Printed on purpose, in the README too: only ever set with DEBUG=1 (a local demo instance).
# Outside DEBUG the demo accounts get random passwords, and a deploy check
# (approaches.checks) fails while an account still has this one.
DEMO_PASSWORD = "ressort-demo"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: str


DEMO_ACCOUNTS = (
    DemoAccount("accompagnatrice@demo.ressort.fr", "Camille", "Accompagnatrice", Role.FACILITATOR),
    DemoAccount("cheffe.projet@demo.ressort.fr", "Nadia", "Cheffe de projet", Role.PROJECT_LEAD),
    DemoAccount("elu@demo.ressort.fr", "Bernard", "Élu référent", Role.ELECTED_LEAD),
    DemoAccount("agent@demo.ressort.fr", "Lucas", "Agent eau", Role.TEAM_MEMBER),
    DemoAccount("partenaire@demo.ressort.fr", "Inès", "Partenaire", Role.PARTNER),
)
DEMO_ADMIN = "admin@demo.ressort.fr"
# Each app adds its demo content, in this order (later ones build on earlier ones).
DEMO_BUILDERS = tuple(
    f"ressort.{app}.demo.build"
    for app in (
        "fieldwork",
        "portrait",
        "systems",
        "actions",
        "strategy",
        "monitoring",
        "workshops",
        "governance",
        "behaviour",
        "library",
        "living",
        "opendata",
        "aerial",
        "justice",
        "training",
        "documents",
        "story",
        "publication",
    )
)


def demo_emails() -> list[str]:
    return [a.email for a in DEMO_ACCOUNTS] + [DEMO_ADMIN]


def demo_passwords(public: bool) -> dict[str, str]:
    """Each demo account's password: the public one (DEBUG=1), or a random one each."""
    return {
        email: DEMO_PASSWORD if public else secrets.token_urlsafe(12) for email in demo_emails()
    }


def demo_accounts_text(passwords: Mapping[str, str] | None = None) -> str:
    passwords = passwords or demo_passwords(public=True)
    labels = {a.email: Role(a.role).label for a in DEMO_ACCOUNTS}
    labels[DEMO_ADMIN] = "Administrateur du site (/admin/)"
    if set(passwords.values()) == {DEMO_PASSWORD}:
        lines = [f"Comptes de démonstration (mot de passe\u00a0: {DEMO_PASSWORD})\u00a0:"]
        lines += [f"  {email:<36} {labels[email]}" for email in demo_emails()]
    else:
        lines = [
            "Comptes de démonstration, avec leurs mots de passe aléatoires "
            "(affichés cette fois seulement\u00a0: notez-les)\u00a0:"
        ]
        lines += [
            f"  {email:<36} {passwords[email]:<18} {labels[email]}" for email in demo_emails()
        ]
    return "\n".join(lines)


@transaction.atomic
def load_demo(passwords: Mapping[str, str] | None = None) -> tuple[Approach, bool]:
    """Create the demo démarche and its accounts if missing; never touches an existing one.

    `passwords` (by email) are set on the accounts this call creates; the public demo
    password by default.
    """
    passwords = passwords or demo_passwords(public=True)
    existing = Approach.objects.filter(slug=DEMO_SLUG).first()
    if existing:
        return existing, False
    territory = Territory.objects.get(type=TerritoryType.EPCI, code=DEMO_EPCI)
    users = get_user_model().objects
    accounts = []
    for account in DEMO_ACCOUNTS:
        user, created = users.get_or_create(
            email=account.email,
            defaults={"first_name": account.first_name, "last_name": account.last_name},
        )
        if created:
            user.set_password(passwords[account.email])
            user.save()
        accounts.append((user, account.role))
    if not users.filter(email=DEMO_ADMIN).exists():
        users.create_superuser(
            DEMO_ADMIN, passwords[DEMO_ADMIN], first_name="Admin", last_name="Démo"
        )
    lead_user, lead_role = accounts[0]
    approach = services.create_approach(
        name="Porte de l'Isère résiliente (démonstration)",
        slug=DEMO_SLUG,
        creator=lead_user,
        role=lead_role,
        territory=territory,
        communes=[],
        is_demo=True,
    )
    Membership.objects.bulk_create(
        Membership(approach=approach, user=user, role=role) for user, role in accounts[1:]
    )
    approach.ambition = (
        "Faire de la résilience la matrice du projet de territoire de l'agglomération\u00a0: "
        "garantir l'eau, l'alimentation et un logement digne à tous les habitants face aux "
        "canicules, aux sécheresses et aux chocs économiques, dans les limites planétaires."
    )
    approach.intentions = (
        "Partir des vulnérabilités vécues par les habitants, relier les politiques sectorielles "
        "(eau, urbanisme, mobilité, économie), associer les 22 communes et les acteurs "
        "économiques de la plaine, et aboutir à une stratégie votée par le conseil "
        "communautaire."
    )
    approach.steering_frequency = "Tous les trimestres"
    approach.modules = list(MODULE_CODES)  # the demo shows every brique
    approach.save()
    set_branding(approach, "", clean_logo(demo_logo(), "Le logo de démonstration"))
    GovernanceMember.objects.bulk_create(
        GovernanceMember(
            approach=approach, body=body, name=name, position=position, organisation=organisation
        )
        for body, name, position, organisation in [
            (
                GovernanceBody.PROJECT_LEAD,
                "Nadia (exemple)",
                "Cheffe de projet transitions",
                "Direction de l'aménagement durable",
            ),
            (
                GovernanceBody.ELECTED_LEAD,
                "Bernard (exemple)",
                "Vice-président transitions",
                "Conseil communautaire",
            ),
            (
                GovernanceBody.TEAM,
                "Lucas (exemple)",
                "Technicien eau et assainissement",
                "Service eau",
            ),
            (
                GovernanceBody.TEAM,
                "Sophie (exemple)",
                "Chargée de mission habitat",
                "Service habitat",
            ),
            (GovernanceBody.STEERING, "Bureau communautaire", "", "Agglomération"),
            (GovernanceBody.OUTSIDE, "Chambre d'agriculture (exemple)", "", "Partenaire"),
            (GovernanceBody.OUTSIDE, "Association d'habitants (exemple)", "", "Société civile"),
        ]
    )
    # Each step's status follows from the content the builders add; the planned dates
    # follow the statuses, from today (plan_calendar).
    MethodStep.objects.filter(approach=approach, code="1").update(
        # held in workshops before Ressort: closed by hand
        closed_reason="(exemple) Séances d'acculturation des élus et des services tenues hors "
        "de Ressort, avant la démarche."
    )
    build_accompaniment(approach)
    for builder in DEMO_BUILDERS:
        import_string(builder)(approach)
    plan_calendar(approach)
    return approach, True


def demo_logo() -> bytes:
    """An illustrative logo drawn for the demo (Pillow), marked « logo illustratif »: not the
    real authority's (ours, given under the CC0 1.0 licence)."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGBA", (480, 160), (255, 255, 255, 0))
    d = ImageDraw.Draw(image)
    d.rounded_rectangle([4, 4, 152, 152], radius=28, fill=(11, 92, 87))  # a gate over water
    d.rectangle([44, 48, 60, 118], fill=(255, 255, 255))
    d.rectangle([96, 48, 112, 118], fill=(255, 255, 255))
    d.arc([44, 20, 112, 78], start=180, end=360, fill=(255, 255, 255), width=14)
    for y in (126, 138):
        d.line([24, y, 132, y], fill=(142, 202, 230), width=6)
    big, small = ImageFont.load_default(size=64), ImageFont.load_default(size=24)
    d.text((172, 22), "CAPI", font=big, fill=(29, 35, 39))  # the built-in font: no accents
    d.text((172, 92), "LOGO ILLUSTRATIF", font=small, fill=(85, 96, 106))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# Each step's planned length, in months.
STEP_MONTHS = {"1": 3, "2": 6, "3A": 4, "3B": 6, "3C": 3}


def _month(first: date, shift: int) -> date:
    """The first day of the month `shift` months after `first`'s."""
    index = first.year * 12 + first.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def plan_calendar(approach: Approach, today: date | None = None) -> dict[str, tuple[date, date]]:
    """The demo's planned calendar, consistent with its content on the day it is set up:
    the steps done end before this month, one after the other in the method's order; the
    steps under way (or, when none is, the next one) run through today, each starting a
    month after the previous one; the steps still to come follow. The accompaniment's
    sessions and hand-overs are dated within their step, a hand-closed step closed on its
    end. Returns each step's (start, end)."""
    today = today or date.today()
    this_month = today.replace(day=1)
    method = list(approach.steps.all())
    status = {p.code: p.status for p in progress.progress(approach, today)}
    current = [s for s in method if status[s.code] == StepStatus.ONGOING] or [
        s for s in method if status[s.code] == StepStatus.TODO
    ][:1]
    ranges: dict[str, tuple[date, date]] = {}
    for k, step in enumerate(current):
        months = STEP_MONTHS.get(step.code, 3)
        start = _month(this_month, min(0, k - months // 2))
        ranges[step.code] = (start, _month(start, months) - timedelta(days=1))
    end = this_month
    for step in reversed([s for s in method if status[s.code] == StepStatus.DONE]):
        start = _month(end, -STEP_MONTHS.get(step.code, 3))
        ranges[step.code] = (start, end - timedelta(days=1))
        end = start
    # Every range ends on a month's last day: the steps to come start the day after.
    later = max((ranges[s.code][1] + timedelta(days=1) for s in current), default=this_month)
    for step in method:
        if step.code not in ranges:
            months = STEP_MONTHS.get(step.code, 3)
            ranges[step.code] = (later, _month(later, months) - timedelta(days=1))
            later = _month(later, months)
    for step in method:
        step.start_date, step.end_date = ranges[step.code]
        if step.closed_reason:
            step.closed_on = min(step.end_date, today)
    MethodStep.objects.bulk_update(method, ["start_date", "end_date", "closed_on"])
    _date_accompaniment(approach, ranges, today)
    # bulk_update sends no signal: the progress computed above (kept under the démarche's
    # version) must not outlive the dates it was computed with.
    freshness.bump(approach.pk)
    return ranges


def _date_accompaniment(
    approach: Approach, ranges: dict[str, tuple[date, date]], today: date
) -> None:
    """Sessions held and hand-overs spread within their step's planned dates up to today
    (the cadrage's within the first step's first weeks)."""
    first = min(start for start, _ in ranges.values())
    for model, field in ((AccompanimentSession, "held_on"), (Handover, "handed_on")):
        rows = list(model._default_manager.filter(approach=approach).order_by(field, "pk"))
        by_step: dict[str, list[Any]] = {}
        for row in rows:
            by_step.setdefault(row.step, []).append(row)
        for step, items in by_step.items():
            start, end = ranges.get(step, (first, first + timedelta(days=20)))
            span = max((min(end, today) - start).days, 0)
            for i, row in enumerate(items, start=1):
                setattr(row, field, start + timedelta(days=span * i // (len(items) + 1)))
        model._default_manager.bulk_update(rows, [field])


def build_accompaniment(approach: Approach) -> None:
    """Sessions held, days contracted and a deliverable handed over (all illustrative)."""
    AccompanimentSession.objects.bulk_create(
        AccompanimentSession(approach=approach, **fields)
        for fields in [
            {
                "held_on": date(2026, 9, 8),
                "title": "Réunion de cadrage (exemple)",
                "step": "cadrage",
                "format": SessionFormat.MEETING,
                "participant_count": 9,
                "duration_hours": Decimal("3"),
                "days_spent": Decimal("1"),
            },
            {
                "held_on": date(2026, 10, 6),
                "title": "Acculturation des élus (exemple)",
                "step": "1",
                "format": SessionFormat.TRAINING,
                "participant_count": 24,
                "duration_hours": Decimal("3"),
                "days_spent": Decimal("1.5"),
            },
            {
                "held_on": date(2026, 11, 17),
                "title": "Carte des acteurs (exemple)",
                "step": "1",
                "module": "gouvernance",
                "format": SessionFormat.WORKSHOP,
                "participant_count": 14,
                "duration_hours": Decimal("2.5"),
                "days_spent": Decimal("1"),
            },
        ]
    )
    ContractedDays.objects.bulk_create(
        [
            ContractedDays(approach=approach, module="", days=Decimal("35")),
            ContractedDays(approach=approach, module="gouvernance", days=Decimal("5")),
        ]
    )
    Handover.objects.create(
        approach=approach,
        title="Support d'acculturation (exemple)",
        step="1",
        handed_on=date(2026, 10, 20),
        handed_to="Comité de pilotage (exemple)",
    )
