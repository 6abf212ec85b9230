"""Ateliers participatifs en direct et consultations asynchrones."""
