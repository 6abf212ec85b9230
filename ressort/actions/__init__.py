"""Émergence, grille d'analyse, priorisation, votes, conflits d'usage (phase 3B)."""
