"""Indicateurs, grilles de questions et portrait du territoire (phase 2)."""
