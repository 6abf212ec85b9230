"""Read-mostly admin: corrections go through « Publier une version » (validated, versioned)."""

from django.contrib import admin

from ressort.frameworks.models import Framework, FrameworkVersion, GridChange


class VersionInline(admin.TabularInline):
    model = FrameworkVersion
    fields = ("version", "name", "is_current", "loaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "approach", "derived_from")
    list_filter = ("approach",)
    search_fields = ("code", "name")
    readonly_fields = ("code", "approach", "derived_from", "created_by", "created_at")
    inlines = [VersionInline]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ("framework", "version", "is_current", "loaded_at")
    list_filter = ("is_current",)
    readonly_fields = [f.name for f in FrameworkVersion._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(GridChange)
class GridChangeAdmin(admin.ModelAdmin):
    list_display = ("framework", "user", "at", "summary")
    readonly_fields = ("framework", "user", "at", "summary")
