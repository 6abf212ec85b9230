from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ressort.monitoring.models import (
    Decision,
    DigestDelivery,
    ExperienceReport,
    ExperienceTag,
    Meeting,
)


class TagInline(admin.TabularInline):
    model = ExperienceTag
    extra = 0


@admin.register(ExperienceReport)
class ExperienceReportAdmin(admin.ModelAdmin):
    list_display = ["title", "territory_name", "size_class", "shipped", "published_by"]
    list_filter = ["shipped", "size_class"]
    search_fields = ["title", "territory_name", "summary"]
    inlines = [TagInline]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["kind", "text", "owner", "due", "done"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["label", "approach", "date", "body"]
    list_filter = ["body"]
    inlines = [DecisionInline]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["day", "approach", "recipient", "actions", "unassigned", "sent_at"]
    list_filter = ["day"]
    search_fields = ["recipient", "approach__name"]
