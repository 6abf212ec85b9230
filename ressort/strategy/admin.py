"""Strategy in the admin: read and correct, with django-simple-history's history pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ressort.strategy.models import (
    ActionSheet,
    Axis,
    BudgetLine,
    Milestone,
    Objective,
    StrategyStatement,
)


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


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(ActionSheet)
class ActionSheetAdmin(SimpleHistoryAdmin):
    list_display = ["action", "approach", "status", "progress", "pilot_service", "end_date"]
    list_filter = ["status", "approach"]
    search_fields = ["action__title", "pilot_service", "pilot_name"]
    raw_id_fields = ["action", "objective"]
    inlines = [BudgetLineInline, MilestoneInline]
