"""URLs of governance, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.governance import actor_views, agreement_views, conflict_views, mactor_views

app_name = "governance"

urlpatterns = [
    path("acteurs/", actor_views.actor_list, name="actor_list"),
    path("acteurs/carte/", actor_views.actor_map, name="actor_map"),
    path("acteurs/documents/", actor_views.actor_documents, name="actor_documents"),
    path("acteurs/ajouter/", actor_views.actor_edit, name="actor_add"),
    path("acteurs/<int:pk>/", actor_views.actor_edit, name="actor_edit"),
    path("acteurs/<int:pk>/supprimer/", actor_views.actor_delete, name="actor_delete"),
    path("acteurs/liens/ajouter/", actor_views.link_edit, name="link_add"),
    path("acteurs/liens/<int:pk>/", actor_views.link_edit, name="link_edit"),
    path("acteurs/liens/<int:pk>/supprimer/", actor_views.link_delete, name="link_delete"),
    path("gouvernance-interne/", actor_views.raci, name="raci"),
    path("gouvernance-interne/enregistrer/", actor_views.raci_save, name="raci_save"),
    path("gouvernance-interne/diagnostic/", actor_views.diagnosis, name="diagnosis"),
    path(
        "gouvernance-interne/diagnostic/enregistrer/",
        actor_views.diagnosis_save,
        name="diagnosis_save",
    ),
    path("jeux-d-acteurs/", mactor_views.study_list, name="study_list"),
    path("jeux-d-acteurs/ajouter/", mactor_views.study_edit, name="study_add"),
    path("jeux-d-acteurs/<int:pk>/", mactor_views.study_detail, name="study_detail"),
    path("jeux-d-acteurs/<int:pk>/modifier/", mactor_views.study_edit, name="study_edit"),
    path("jeux-d-acteurs/<int:pk>/supprimer/", mactor_views.study_delete, name="study_delete"),
    path("jeux-d-acteurs/<int:pk>/acteurs/", mactor_views.study_actors, name="study_actors"),
    path("jeux-d-acteurs/<int:pk>/objectifs/", mactor_views.objective_add, name="objective_add"),
    path(
        "jeux-d-acteurs/objectifs/<int:pk>/",
        mactor_views.objective_edit,
        name="objective_edit",
    ),
    path(
        "jeux-d-acteurs/objectifs/<int:pk>/supprimer/",
        mactor_views.objective_delete,
        name="objective_delete",
    ),
    path("jeux-d-acteurs/<int:pk>/influences/", mactor_views.influences, name="influences"),
    path(
        "jeux-d-acteurs/<int:pk>/influences/enregistrer/",
        mactor_views.influences_save,
        name="influences_save",
    ),
    path("jeux-d-acteurs/<int:pk>/positions/", mactor_views.positions, name="positions"),
    path(
        "jeux-d-acteurs/<int:pk>/positions/enregistrer/",
        mactor_views.positions_save,
        name="positions_save",
    ),
    path("jeux-d-acteurs/<int:pk>/resultats/", mactor_views.results, name="results"),
    path("conflits/", conflict_views.conflict_list, name="conflict_list"),
    path("conflits/ajouter/", conflict_views.conflict_edit, name="conflict_add"),
    path("conflits/<int:pk>/", conflict_views.conflict_detail, name="conflict_detail"),
    path("conflits/<int:pk>/modifier/", conflict_views.conflict_edit, name="conflict_edit"),
    path("conflits/<int:pk>/supprimer/", conflict_views.conflict_delete, name="conflict_delete"),
    path("conflits/<int:pk>/parties/", conflict_views.party_add, name="party_add"),
    path("conflits/<int:pk>/options/", conflict_views.option_add, name="option_add"),
    path("conflits/<int:pk>/rencontres/", conflict_views.meeting_add, name="meeting_add"),
    path("conflits/parties/<int:pk>/supprimer/", conflict_views.party_delete, name="party_delete"),
    path(
        "conflits/options/<int:pk>/supprimer/",
        conflict_views.option_delete,
        name="option_delete",
    ),
    path(
        "conflits/rencontres/<int:pk>/supprimer/",
        conflict_views.meeting_delete,
        name="meeting_delete",
    ),
    path("cooperation/", agreement_views.agreement_list, name="agreement_list"),
    path("cooperation/ajouter/", agreement_views.agreement_edit, name="agreement_add"),
    path("cooperation/<int:pk>/", agreement_views.agreement_edit, name="agreement_edit"),
    path(
        "cooperation/<int:pk>/supprimer/",
        agreement_views.agreement_delete,
        name="agreement_delete",
    ),
]
