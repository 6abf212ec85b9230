"""Admin of actions (read and correct; the démarche pages are the main way in)."""

from django.contrib import admin

from ressort.actions.models import (
    Action,
    Arbitration,
    Ballot,
    ContestedResource,
    Criterion,
    Evaluation,
    Idea,
    Theme,
)


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("text", "approach", "source", "retained", "merged_into")
    list_filter = ("source", "retained")
    search_fields = ("text", "proposer")


class EvaluationInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Evaluation
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "approach", "kind", "theme")
    list_filter = ("kind",)
    search_fields = ("title",)
    inlines = [EvaluationInline]


@admin.register(ContestedResource)
class ResourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "approach", "kind")


admin.site.register([Theme, Criterion, Ballot, Arbitration])
