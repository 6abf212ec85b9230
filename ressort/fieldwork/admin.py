"""Admin of fieldwork: for the site's operators (support, data fixes)."""

from django.contrib import admin

from ressort.fieldwork.models import (
    Hazard,
    Observation,
    Photo,
    Quote,
    Resource,
    TagDecision,
    Testimony,
    Vulnerability,
)


@admin.register(Hazard)
class HazardAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "family", "approach"]
    list_filter = ["family"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["description", "in_portrait", "width", "height"]
    readonly_fields = ["width", "height"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["title", "approach", "observed_on", "place_name"]
    list_filter = ["approach"]
    search_fields = ["title", "text"]
    inlines = [PhotoInline]


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0


@admin.register(Testimony)
class TestimonyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "approach", "speaker_category", "spoken_on"]
    list_filter = ["approach", "speaker_category"]
    inlines = [QuoteInline]


@admin.register(Vulnerability, Resource)
class InventoryAdmin(admin.ModelAdmin):
    list_display = ["title", "approach", "place_name"]
    list_filter = ["approach"]
    filter_horizontal = ["hazards", "observations", "testimonies"]


@admin.register(TagDecision)
class TagDecisionAdmin(admin.ModelAdmin):
    list_display = ["code", "accepted", "approach", "decided_at"]
    list_filter = ["accepted", "approach"]
