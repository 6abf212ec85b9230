from django.contrib import admin

from ressort.documents.models import DocumentJob


@admin.register(DocumentJob)
class DocumentJobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("approach", "kind", "format", "state", "progress", "created_at")
    list_filter = ("kind", "state")
    exclude = ("content",)
