"""Stratégie, fiches action, trajectoires, pilotage, suivi, évaluation (phases 3B et 3C)."""
