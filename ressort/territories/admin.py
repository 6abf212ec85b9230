from django.contrib import admin

from ressort.territories.models import Territory, TerritoryDataset


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "type", "population", "department_code", "is_current"]
    list_filter = ["type", "is_current", "region_code"]
    search_fields = ["code", "search_name"]
    readonly_fields = ["search_name"]


@admin.register(TerritoryDataset)
class TerritoryDatasetAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "imported_at"]
    readonly_fields = ["name", "version", "checksum", "imported_at", "summary"]
