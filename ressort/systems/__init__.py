"""Chaînes d'impacts, cascades, MICMAC, vision et scénarios (phases 2 et 3A)."""
