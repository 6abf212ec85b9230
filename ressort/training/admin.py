"""Operators edit the instance's training catalogue here (modules without a démarche)."""

from django.contrib import admin

from ressort.training.models import Module


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "format", "phase", "duration_hours", "approach")
    list_filter = ("format", "phase")
    search_fields = ("title", "code")
    filter_horizontal = ("prerequisites",)
