from django.contrib import admin

from ressort.legal.models import LegalText


@admin.register(LegalText)
class LegalTextAdmin(admin.ModelAdmin):
    list_display = ("page", "updated_at")
