"""URLs of training, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.training import catalogue_views, followup_views, path_views, session_views

app_name = "training"

urlpatterns = [
    path("formation/", catalogue_views.overview, name="overview"),
    path("formation/catalogue/", catalogue_views.catalogue, name="catalogue"),
    path("formation/modules/ajouter/", catalogue_views.module_edit, name="module_add"),
    path("formation/modules/<int:pk>/", catalogue_views.module, name="module"),
    path("formation/modules/<int:pk>/modifier/", catalogue_views.module_edit, name="module_edit"),
    path(
        "formation/modules/<int:pk>/supprimer/",
        catalogue_views.module_delete,
        name="module_delete",
    ),
    path("formation/besoins/ouvrir/", catalogue_views.needs_start, name="needs_start"),
    path("formation/besoins/<int:pk>/", catalogue_views.needs, name="needs"),
    path("formation/parcours/ajouter/", path_views.path_edit, name="path_add"),
    path("formation/parcours/<int:pk>/", path_views.path_detail, name="path"),
    path("formation/parcours/<int:pk>/modifier/", path_views.path_edit, name="path_edit"),
    path("formation/parcours/<int:pk>/supprimer/", path_views.path_delete, name="path_delete"),
    path("formation/parcours/<int:pk>/modules/", path_views.step_add, name="step_add"),
    path("formation/parcours/<int:pk>/proposer/", path_views.path_propose, name="path_propose"),
    path("formation/etapes/<int:pk>/monter/", path_views.step_up, name="step_up"),
    path("formation/etapes/<int:pk>/supprimer/", path_views.step_delete, name="step_delete"),
    path("formation/sessions/ajouter/", session_views.session_edit, name="session_add"),
    path("formation/sessions/<int:pk>/", session_views.session_detail, name="session"),
    path("formation/sessions/<int:pk>/modifier/", session_views.session_edit, name="session_edit"),
    path(
        "formation/sessions/<int:pk>/supprimer/",
        session_views.session_delete,
        name="session_delete",
    ),
    path(
        "formation/sessions/<int:pk>/participants/",
        session_views.attendee_add,
        name="attendee_add",
    ),
    path(
        "formation/sessions/<int:pk>/presence/",
        session_views.attendance_import,
        name="attendance_import",
    ),
    path(
        "formation/sessions/<int:pk>/engagements/",
        session_views.commitment_add,
        name="commitment_add",
    ),
    path(
        "formation/sessions/<int:pk>/emargement.pdf",
        session_views.attendance_sheet,
        name="attendance_sheet",
    ),
    path("formation/participants/<int:pk>/", session_views.attendee_edit, name="attendee_edit"),
    path(
        "formation/participants/<int:pk>/supprimer/",
        session_views.attendee_delete,
        name="attendee_delete",
    ),
    path(
        "formation/participants/<int:pk>/attestation.pdf",
        session_views.certificate,
        name="certificate",
    ),
    path(
        "formation/engagements/<int:pk>/idee/",
        session_views.commitment_idea,
        name="commitment_idea",
    ),
    path(
        "formation/engagements/<int:pk>/action/",
        session_views.commitment_action,
        name="commitment_action",
    ),
    path(
        "formation/engagements/<int:pk>/supprimer/",
        session_views.commitment_delete,
        name="commitment_delete",
    ),
    path("formation/suivi/", followup_views.followup, name="followup"),
    path("formation/suivi/effectifs/ajouter/", followup_views.headcount_edit, name="headcount_add"),
    path(
        "formation/suivi/effectifs/<int:pk>/",
        followup_views.headcount_edit,
        name="headcount_edit",
    ),
    path(
        "formation/suivi/effectifs/<int:pk>/supprimer/",
        followup_views.headcount_delete,
        name="headcount_delete",
    ),
]
