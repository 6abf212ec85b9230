"""The digest of late actions, one message per pilot and démarche.

A pilot is the address on the action sheet (`pilot_email`); late actions without one are
listed to the démarche's chef·fes de projet instead (to its facilitators when it has no
chef·fe de projet), so that none is forgotten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone

from ressort.approaches.models import Approach, Role
from ressort.monitoring.dashboard import action_rows
from ressort.web import demarche_url


@dataclass
class Digest:
    approach: Approach
    to: str
    rows: list[dict[str, Any]]
    unassigned: bool  # sent to a chef·fe de projet for late actions without a pilot

    @property
    def subject(self) -> str:
        count = len(self.rows)
        return (
            f"[{settings.RESSORT_INSTANCE_NAME}] {self.approach.name} : "
            f"{count} action{'s' if count > 1 else ''} en retard"
        )


def digests(approach: Approach, today: date | None = None) -> list[Digest]:
    rows = [r for r in action_rows(approach, today) if r["late"]]
    rows.sort(key=lambda r: (r["end"] or date.max, r["action"].title))
    by_pilot: dict[str, list[dict[str, Any]]] = defaultdict(list)
    orphans = []
    for row in rows:
        email = (row["pilot_email"] or "").strip().lower()
        if email:
            by_pilot[email].append(row)
        else:
            orphans.append(row)
    result = [Digest(approach, email, items, False) for email, items in sorted(by_pilot.items())]
    if orphans:
        # To the chef·fes de projet; to the facilitators when the démarche has none.
        members = approach.memberships.select_related("user").order_by("user__email")
        leads = members.filter(role=Role.PROJECT_LEAD) or members.filter(role=Role.FACILITATOR)
        for membership in leads:
            result.append(Digest(approach, membership.user.email, orphans, True))
    return result


def render(digest: Digest, site: str) -> str:
    return render_to_string(
        "monitoring/digest_email.txt",
        {
            "digest": digest,
            "approach": digest.approach,
            "dashboard_url": site.rstrip("/")
            + demarche_url(digest.approach, "monitoring:dashboard"),
            "progress_url": site.rstrip("/") + demarche_url(digest.approach, "monitoring:progress"),
            "instance": settings.RESSORT_INSTANCE_NAME,
        },
    )


def default_site() -> str:
    host = next((h for h in settings.ALLOWED_HOSTS if h and h != "*"), "localhost")
    scheme = "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http"
    return f"{scheme}://{host.lstrip('.')}"


def send(messages: list[tuple[Digest, str]]) -> int:
    """Send the rendered digests over one connection; returns how many were sent."""
    if not messages:
        return 0
    emails = [EmailMessage(subject=d.subject, body=body, to=[d.to]) for d, body in messages]
    with get_connection() as connection:
        return connection.send_messages(emails) or 0


def run(
    approaches: Any, *, today: date | None = None, site: str | None = None, really: bool
) -> tuple[list[tuple[Digest, str]], int]:
    today = today or timezone.localdate()
    site = site or default_site()
    rendered = [(d, render(d, site)) for a in approaches for d in digests(a, today)]
    return rendered, (send(rendered) if really else 0)


def send_once(approaches: Any, day: date, site: str | None = None) -> list[Any]:
    """Send each digest of `day` not sent yet, one message at a time, recording each as it
    goes (monitoring.DigestDelivery): after an error, a re-run sends only what is missing."""
    from ressort.monitoring.models import DigestDelivery

    site = site or default_site()
    records = []
    for approach in approaches:
        sent = set(
            DigestDelivery.objects.filter(approach=approach, day=day).values_list(
                "recipient", "unassigned"
            )
        )
        for item in digests(approach, day):
            if (item.to, item.unassigned) in sent:
                continue
            send([(item, render(item, site))])
            records.append(
                DigestDelivery.objects.create(
                    approach=approach,
                    day=day,
                    recipient=item.to,
                    subject=item.subject[:300],
                    actions=len(item.rows),
                    unassigned=item.unassigned,
                )
            )
            sent.add((item.to, item.unassigned))
    return records
