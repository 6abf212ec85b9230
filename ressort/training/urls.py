"""URLs of training, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.training import catalogue_views, followup_views, path_views
from ressort.training import session_views as sessions

app_name = "training"

training_urls = [
    path("", catalogue_views.overview, name="overview"),
    path("catalogue/", catalogue_views.catalogue, name="catalogue"),
    path("modules/ajouter/", catalogue_views.module_edit, name="module_add"),
    path("modules/<int:pk>/", catalogue_views.module, name="module"),
    path("modules/<int:pk>/modifier/", catalogue_views.module_edit, name="module_edit"),
    path("modules/<int:pk>/supprimer/", catalogue_views.module_delete, name="module_delete"),
    path("besoins/ouvrir/", catalogue_views.needs_start, name="needs_start"),
    path("besoins/<int:pk>/", catalogue_views.needs, name="needs"),
    path("parcours/ajouter/", path_views.path_edit, name="path_add"),
    path("parcours/<int:pk>/", path_views.path_detail, name="path"),
    path("parcours/<int:pk>/modifier/", path_views.path_edit, name="path_edit"),
    path("parcours/<int:pk>/supprimer/", path_views.path_delete, name="path_delete"),
    path("parcours/<int:pk>/modules/", path_views.step_add, name="step_add"),
    path("parcours/<int:pk>/proposer/", path_views.path_propose, name="path_propose"),
    path("etapes/<int:pk>/monter/", path_views.step_up, name="step_up"),
    path("etapes/<int:pk>/supprimer/", path_views.step_delete, name="step_delete"),
    path("sessions/ajouter/", sessions.session_edit, name="session_add"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/modifier/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/supprimer/", sessions.session_delete, name="session_delete"),
    path("sessions/<int:pk>/participants/", sessions.attendee_add, name="attendee_add"),
    path("sessions/<int:pk>/presence/", sessions.attendance_import, name="attendance_import"),
    path("sessions/<int:pk>/engagements/", sessions.commitment_add, name="commitment_add"),
    path("sessions/<int:pk>/emargement.pdf", sessions.attendance_sheet, name="attendance_sheet"),
    path("participants/<int:pk>/", sessions.attendee_edit, name="attendee_edit"),
    path("participants/<int:pk>/supprimer/", sessions.attendee_delete, name="attendee_delete"),
    path("participants/<int:pk>/attestation.pdf", sessions.certificate, name="certificate"),
    path("engagements/<int:pk>/idee/", sessions.commitment_idea, name="commitment_idea"),
    path("engagements/<int:pk>/action/", sessions.commitment_action, name="commitment_action"),
    path("engagements/<int:pk>/supprimer/", sessions.commitment_delete, name="commitment_delete"),
    path("suivi/", followup_views.followup, name="followup"),
    path("suivi/effectifs/ajouter/", followup_views.headcount_edit, name="headcount_add"),
    path("suivi/effectifs/<int:pk>/", followup_views.headcount_edit, name="headcount_edit"),
    path(
        "suivi/effectifs/<int:pk>/supprimer/",
        followup_views.headcount_delete,
        name="headcount_delete",
    ),
]
urlpatterns = [path("formation/", include(training_urls))]
