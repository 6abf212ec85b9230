"""The living lens: the ERC sequence and the plan's balance per milieu."""

from __future__ import annotations

import pytest

from ressort.analysis.living import (
    ErcStatus,
    LensEffect,
    Verdict,
    erc_check,
    milieu_balance,
)


def test_erc_sequence() -> None:
    assert erc_check(1, avoid="", reduce="", compensate="", residual_harm=True).status == (
        ErcStatus.NOT_NEEDED
    )
    todo = erc_check(-1, avoid="", reduce="", compensate="Berges", residual_harm=True)
    assert todo.status == ErcStatus.TO_DO and todo.missing == ("éviter ou réduire",)
    missing = erc_check(-2, avoid="Tracé évité", reduce="", compensate="", residual_harm=True)
    assert missing.status == ErcStatus.MISSING_COMPENSATION and missing.missing == ("compenser",)
    enough = erc_check(
        -1, avoid="", reduce="Chantier hors nidification", compensate="", residual_harm=False
    )
    assert enough.status == ErcStatus.DONE
    with pytest.raises(ValueError, match="hors de l'échelle"):
        erc_check(-3, avoid="", reduce="", compensate="", residual_harm=True)


def test_balance_per_milieu() -> None:
    balances = milieu_balance(
        ["Rivière", "Haies", "Sols"],
        [
            LensEffect("Digue", "Rivière", -2, ErcStatus.TO_DO),
            LensEffect("Ripisylve", "Rivière", 2),
            LensEffect("Haies", "Haies", 2),
        ],
    )
    river, hedges, soils = balances
    assert river.verdict == Verdict.MIXED and river.net == 0 and river.erc_open == ("Digue",)
    assert hedges.verdict == Verdict.HELPED and hedges.benefit == 2
    assert soils.verdict == Verdict.UNTOUCHED
    with pytest.raises(ValueError, match="Milieu inconnu"):
        milieu_balance(["Rivière"], [LensEffect("X", "Forêt", 1)])
