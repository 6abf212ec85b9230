"""Trajectoires, comités de pilotage, tableau de bord, évaluation, retours d'expérience."""
