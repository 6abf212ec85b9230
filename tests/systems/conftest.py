from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ressort.approaches.models import Approach
from ressort.systems.models import ImpactChain
from ressort.systems.services.chains import create_chain_from_template


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def heat(approach: Approach) -> ImpactChain:
    return create_chain_from_template(approach, "chaleur")


@pytest.fixture
def drought(approach: Approach) -> ImpactChain:
    return create_chain_from_template(approach, "secheresse")
