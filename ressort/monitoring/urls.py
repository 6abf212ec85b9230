"""URLs of monitoring, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import URLPattern, path

from ressort.monitoring import (
    dashboard_views,
    evaluation_views,
    library_views,
    similar_views,
    steering_views,
    trajectory_views,
)

app_name = "monitoring"

urlpatterns: list[URLPattern] = [
    path("suivi/", dashboard_views.dashboard_page, name="dashboard"),
    path("suivi/avancement/", dashboard_views.progress_entry, name="progress"),
    path(
        "suivi/avancement.csv",
        dashboard_views.progress_export,
        name="progress_export",
    ),
    path("evaluations/", evaluation_views.evaluation_list, name="evaluation_list"),
    path(
        "evaluations/nouvelle/",
        evaluation_views.evaluation_edit,
        name="evaluation_create",
    ),
    path(
        "evaluations/<int:pk>/",
        evaluation_views.evaluation_detail,
        name="evaluation_detail",
    ),
    path(
        "evaluations/<int:pk>/modifier/",
        evaluation_views.evaluation_edit,
        name="evaluation_edit",
    ),
    path(
        "evaluations/<int:pk>/supprimer/",
        evaluation_views.evaluation_delete,
        name="evaluation_delete",
    ),
    path(
        "evaluations/<int:pk>/document/",
        evaluation_views.evaluation_document,
        name="evaluation_document",
    ),
    path("trajectoires/", trajectory_views.trajectory_list, name="trajectory_list"),
    path(
        "trajectoires/<int:pk>/",
        trajectory_views.trajectory_detail,
        name="trajectory_detail",
    ),
    path(
        "trajectoires/<int:pk>/modifier/",
        trajectory_views.trajectory_edit,
        name="trajectory_edit",
    ),
    path(
        "trajectoires/cibles/<int:pk>/supprimer/",
        trajectory_views.trajectory_delete,
        name="trajectory_delete",
    ),
    path("pilotage/", steering_views.meeting_list, name="meeting_list"),
    path("pilotage/nouvelle/", steering_views.meeting_edit, name="meeting_create"),
    path("pilotage/<int:pk>/", steering_views.meeting_detail, name="meeting_detail"),
    path(
        "pilotage/<int:pk>/modifier/",
        steering_views.meeting_edit,
        name="meeting_edit",
    ),
    path(
        "pilotage/<int:pk>/supprimer/",
        steering_views.meeting_delete,
        name="meeting_delete",
    ),
    path("pilotage/decisions/", steering_views.decision_log, name="decision_log"),
    path(
        "retours-experience/",
        library_views.experience_list,
        name="experience_list",
    ),
    path(
        "retours-experience/nouveau/",
        library_views.experience_create,
        name="experience_create",
    ),
    path(
        "retours-experience/<int:pk>/",
        library_views.experience_detail,
        name="experience_detail",
    ),
    path(
        "retours-experience/<int:pk>/modifier/",
        library_views.experience_edit,
        name="experience_edit",
    ),
    path(
        "retours-experience/<int:pk>/inspiration/",
        library_views.inspiration_add,
        name="inspiration_add",
    ),
    path(
        "retours-experience/<int:pk>/inspiration/<int:link_pk>/retirer/",
        library_views.inspiration_delete,
        name="inspiration_delete",
    ),
    path(
        "retours-experience/<int:pk>/supprimer/",
        library_views.experience_delete,
        name="experience_delete",
    ),
    path(
        "territoires-comparables/",
        similar_views.similar_territories,
        name="similar_territories",
    ),
]
