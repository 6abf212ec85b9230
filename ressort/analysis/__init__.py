"""Ressort's analyses, in pure Python (numpy, networkx, shapely): no Django import here.

Django apps store inputs and results and call these functions; views only display.
"""
