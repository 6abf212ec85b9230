"""URLs of monitoring, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.monitoring import (
    dashboard_views,
    evaluation_views,
    library_views,
    similar_views,
    steering_views,
    trajectory_views,
)

app_name = "monitoring"

evaluation_urls = [
    path("", evaluation_views.evaluation_list, name="evaluation_list"),
    path("nouvelle/", evaluation_views.evaluation_edit, name="evaluation_create"),
    path("<int:pk>/", evaluation_views.evaluation_detail, name="evaluation_detail"),
    path("<int:pk>/modifier/", evaluation_views.evaluation_edit, name="evaluation_edit"),
    path("<int:pk>/supprimer/", evaluation_views.evaluation_delete, name="evaluation_delete"),
    path("<int:pk>/document/", evaluation_views.evaluation_document, name="evaluation_document"),
]
trajectory_urls = [
    path("", trajectory_views.trajectory_list, name="trajectory_list"),
    path("<int:pk>/", trajectory_views.trajectory_detail, name="trajectory_detail"),
    path("<int:pk>/modifier/", trajectory_views.trajectory_edit, name="trajectory_edit"),
    path(
        "cibles/<int:pk>/supprimer/", trajectory_views.trajectory_delete, name="trajectory_delete"
    ),
]
steering_urls = [
    path("", steering_views.meeting_list, name="meeting_list"),
    path("nouvelle/", steering_views.meeting_edit, name="meeting_create"),
    path("<int:pk>/", steering_views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/modifier/", steering_views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/supprimer/", steering_views.meeting_delete, name="meeting_delete"),
    path("decisions/", steering_views.decision_log, name="decision_log"),
]
experience_urls = [
    path("", library_views.experience_list, name="experience_list"),
    path("nouveau/", library_views.experience_create, name="experience_create"),
    path("<int:pk>/", library_views.experience_detail, name="experience_detail"),
    path("<int:pk>/modifier/", library_views.experience_edit, name="experience_edit"),
    path("<int:pk>/inspiration/", library_views.inspiration_add, name="inspiration_add"),
    path(
        "<int:pk>/inspiration/<int:link_pk>/retirer/",
        library_views.inspiration_delete,
        name="inspiration_delete",
    ),
    path("<int:pk>/supprimer/", library_views.experience_delete, name="experience_delete"),
]
urlpatterns = [
    path("suivi/", dashboard_views.dashboard_page, name="dashboard"),
    path("suivi/avancement/", dashboard_views.progress_entry, name="progress"),
    path("suivi/avancement.csv", dashboard_views.progress_export, name="progress_export"),
    path("evaluations/", include(evaluation_urls)),
    path("trajectoires/", include(trajectory_urls)),
    path("pilotage/", include(steering_urls)),
    path("retours-experience/", include(experience_urls)),
    path("territoires-comparables/", similar_views.similar_territories, name="similar_territories"),
]
