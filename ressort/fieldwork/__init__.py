"""Observations de terrain, témoignages, vulnérabilités et ressources (phase 2)."""
