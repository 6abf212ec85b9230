"""Strategy in the admin: read and correct, with django-simple-history's history pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ressort.strategy.models import Axis, Objective, StrategyStatement


@admin.register(StrategyStatement)
class StrategyStatementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "approach"]


@admin.register(Axis)
class AxisAdmin(SimpleHistoryAdmin):
    list_display = ["title", "order", "approach"]
    list_filter = ["approach"]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["title", "order", "axis"]
