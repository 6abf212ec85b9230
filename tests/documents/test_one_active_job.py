"""One document job at a time per démarche, kind and target: a reader asking again and
again cannot fill the queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents.models import DocumentJob
from tests.documents.test_jobs import fine

pytestmark = pytest.mark.django_db


def start(approach: Approach, kind: str = "essai", target: int | None = None) -> DocumentJob:
    return jobs.start_job(
        approach, kind, "pdf", fine, mime="application/pdf", filename="e.pdf", target=target
    )


def pending(approach: Approach, kind: str, target: int | None = None) -> DocumentJob:
    return DocumentJob.objects.create(
        approach=approach,
        kind=kind,
        target=target,
        format="pdf",
        mime="application/pdf",
        filename="e.pdf",
        state=DocumentJob.State.PENDING,
    )


def test_asking_again_returns_the_job_in_preparation(approach: Approach) -> None:
    waiting = pending(approach, "essai")
    for _ in range(5):
        assert start(approach).pk == waiting.pk
    assert DocumentJob.objects.filter(approach=approach, kind="essai").count() == 1
    # another target, another kind: their own job
    assert start(approach, target=7).state == DocumentJob.State.DONE
    assert start(approach, kind="autre").state == DocumentJob.State.DONE
    waiting.state = DocumentJob.State.DONE
    waiting.save()
    assert start(approach).pk != waiting.pk  # once it is ready, a new one may start


def test_a_partner_cannot_queue_strategy_documents_without_limit(
    approach: Approach, personas: dict[str, Any]
) -> None:
    waiting = pending(approach, "strategie")
    client = Client()
    client.force_login(personas["partenaire"])
    url = reverse("strategy:document_start", args=[approach.slug])
    for fmt in ["pdf", "docx", "odt"] * 10:
        assert client.post(url, {"format": fmt}).status_code == 302
    assert list(DocumentJob.objects.filter(approach=approach, kind="strategie")) == [waiting]
