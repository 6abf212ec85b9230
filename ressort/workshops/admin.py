from django.contrib import admin

from ressort.workshops.models import Activity, Answer, Participant, Workshop


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["order", "kind", "title", "state", "delivered_at"]
    readonly_fields = ["delivered_at"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "approach", "held_on", "mode", "join_code"]
    list_filter = ["mode"]
    search_fields = ["title", "approach__name"]
    inlines = [ActivityInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["activity", "client_id", "hidden", "updated_at"]
    list_filter = ["hidden"]
    readonly_fields = ["activity", "participant", "client_id", "payload"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["workshop", "pseudonym", "category", "joined_at"]
    exclude = ["token"]
