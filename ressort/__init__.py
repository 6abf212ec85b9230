"""Ressort: build and steer a territory's resilience project."""

__version__ = "0.1.0"
