from django.contrib import admin

from ressort.systems.models import ImpactChain, Scenario, Variable


@admin.register(ImpactChain)
class ImpactChainAdmin(admin.ModelAdmin):
    list_display = ["name", "approach", "template", "updated_at"]
    list_filter = ["approach"]
    search_fields = ["name"]


@admin.register(Variable)
class VariableAdmin(admin.ModelAdmin):
    list_display = ["name", "approach", "order"]
    list_filter = ["approach"]


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["name", "approach", "tracc_level"]
    list_filter = ["approach"]
