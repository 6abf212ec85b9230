from django.contrib import admin

from ressort.approaches.models import (
    Approach,
    GovernanceMember,
    Invitation,
    Membership,
    MethodStep,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Approach)
class ApproachAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "perimeter_kind", "territory", "is_demo", "created_at"]
    search_fields = ["name", "slug"]
    list_filter = ["perimeter_kind", "is_demo"]
    readonly_fields = ["territory", "outline", "created_by", "created_at", "updated_at"]
    exclude = ["communes"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "approach", "role", "created_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "approach__name"]


admin.site.register(GovernanceMember)
admin.site.register(MethodStep)
