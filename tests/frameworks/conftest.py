from typing import Any

import pytest

from ressort.frameworks import services


@pytest.fixture
def frameworks(db: Any) -> None:
    report = services.load_shipped()
    assert not report.errors, report.errors
