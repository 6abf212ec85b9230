"""URLs of monitoring, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import URLPattern, path

from ressort.monitoring import (
    dashboard_views,
    evaluation_views,
    library_views,
    steering_views,
    trajectory_views,
)

app_name = "monitoring"

urlpatterns: list[URLPattern] = [
    path("<slug:slug>/suivi/", dashboard_views.dashboard_page, name="dashboard"),
    path("<slug:slug>/suivi/avancement/", dashboard_views.progress_entry, name="progress"),
    path(
        "<slug:slug>/suivi/avancement.csv",
        dashboard_views.progress_export,
        name="progress_export",
    ),
    path("<slug:slug>/evaluations/", evaluation_views.evaluation_list, name="evaluation_list"),
    path(
        "<slug:slug>/evaluations/nouvelle/",
        evaluation_views.evaluation_edit,
        name="evaluation_create",
    ),
    path(
        "<slug:slug>/evaluations/<int:pk>/",
        evaluation_views.evaluation_detail,
        name="evaluation_detail",
    ),
    path(
        "<slug:slug>/evaluations/<int:pk>/modifier/",
        evaluation_views.evaluation_edit,
        name="evaluation_edit",
    ),
    path(
        "<slug:slug>/evaluations/<int:pk>/supprimer/",
        evaluation_views.evaluation_delete,
        name="evaluation_delete",
    ),
    path(
        "<slug:slug>/evaluations/<int:pk>/document/",
        evaluation_views.evaluation_document,
        name="evaluation_document",
    ),
    path("<slug:slug>/trajectoires/", trajectory_views.trajectory_list, name="trajectory_list"),
    path(
        "<slug:slug>/trajectoires/<int:pk>/",
        trajectory_views.trajectory_detail,
        name="trajectory_detail",
    ),
    path(
        "<slug:slug>/trajectoires/<int:pk>/modifier/",
        trajectory_views.trajectory_edit,
        name="trajectory_edit",
    ),
    path(
        "<slug:slug>/trajectoires/<int:pk>/supprimer/",
        trajectory_views.trajectory_delete,
        name="trajectory_delete",
    ),
    path("<slug:slug>/pilotage/", steering_views.meeting_list, name="meeting_list"),
    path("<slug:slug>/pilotage/nouvelle/", steering_views.meeting_edit, name="meeting_create"),
    path("<slug:slug>/pilotage/<int:pk>/", steering_views.meeting_detail, name="meeting_detail"),
    path(
        "<slug:slug>/pilotage/<int:pk>/modifier/",
        steering_views.meeting_edit,
        name="meeting_edit",
    ),
    path(
        "<slug:slug>/pilotage/<int:pk>/supprimer/",
        steering_views.meeting_delete,
        name="meeting_delete",
    ),
    path("<slug:slug>/pilotage/decisions/", steering_views.decision_log, name="decision_log"),
    path(
        "<slug:slug>/retours-experience/",
        library_views.experience_list,
        name="experience_list",
    ),
    path(
        "<slug:slug>/retours-experience/nouveau/",
        library_views.experience_edit,
        name="experience_create",
    ),
    path(
        "<slug:slug>/retours-experience/<int:pk>/",
        library_views.experience_detail,
        name="experience_detail",
    ),
    path(
        "<slug:slug>/retours-experience/<int:pk>/modifier/",
        library_views.experience_edit,
        name="experience_edit",
    ),
    path(
        "<slug:slug>/retours-experience/<int:pk>/inspiration/",
        library_views.inspiration_add,
        name="inspiration_add",
    ),
    path(
        "<slug:slug>/retours-experience/<int:pk>/inspiration/<int:link_pk>/retirer/",
        library_views.inspiration_delete,
        name="inspiration_delete",
    ),
    path(
        "<slug:slug>/retours-experience/<int:pk>/supprimer/",
        library_views.experience_delete,
        name="experience_delete",
    ),
]
