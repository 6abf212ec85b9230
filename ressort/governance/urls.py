"""URLs of governance, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.governance import actor_views, agreement_views, conflict_views
from ressort.governance import mactor_views as mactor

app_name = "governance"

actor_urls = [
    path("", actor_views.actor_list, name="actor_list"),
    path("carte/", actor_views.actor_map, name="actor_map"),
    path("documents/", actor_views.actor_documents, name="actor_documents"),
    path("ajouter/", actor_views.actor_edit, name="actor_add"),
    path("<int:pk>/", actor_views.actor_edit, name="actor_edit"),
    path("<int:pk>/supprimer/", actor_views.actor_delete, name="actor_delete"),
    path("liens/ajouter/", actor_views.link_edit, name="link_add"),
    path("liens/<int:pk>/", actor_views.link_edit, name="link_edit"),
    path("liens/<int:pk>/supprimer/", actor_views.link_delete, name="link_delete"),
]
internal_urls = [
    path("", actor_views.raci, name="raci"),
    path("enregistrer/", actor_views.raci_save, name="raci_save"),
    path("diagnostic/", actor_views.diagnosis, name="diagnosis"),
    path("diagnostic/enregistrer/", actor_views.diagnosis_save, name="diagnosis_save"),
]
mactor_urls = [
    path("", mactor.study_list, name="study_list"),
    path("ajouter/", mactor.study_edit, name="study_add"),
    path("<int:pk>/", mactor.study_detail, name="study_detail"),
    path("<int:pk>/modifier/", mactor.study_edit, name="study_edit"),
    path("<int:pk>/supprimer/", mactor.study_delete, name="study_delete"),
    path("<int:pk>/acteurs/", mactor.study_actors, name="study_actors"),
    path("<int:pk>/objectifs/", mactor.objective_add, name="objective_add"),
    path("objectifs/<int:pk>/", mactor.objective_edit, name="objective_edit"),
    path("objectifs/<int:pk>/supprimer/", mactor.objective_delete, name="objective_delete"),
    path("<int:pk>/influences/", mactor.influences, name="influences"),
    path("<int:pk>/influences/enregistrer/", mactor.influences_save, name="influences_save"),
    path("<int:pk>/positions/", mactor.positions, name="positions"),
    path("<int:pk>/positions/enregistrer/", mactor.positions_save, name="positions_save"),
    path("<int:pk>/resultats/", mactor.results, name="results"),
]
conflict_urls = [
    path("", conflict_views.conflict_list, name="conflict_list"),
    path("ajouter/", conflict_views.conflict_edit, name="conflict_add"),
    path("<int:pk>/", conflict_views.conflict_detail, name="conflict_detail"),
    path("<int:pk>/modifier/", conflict_views.conflict_edit, name="conflict_edit"),
    path("<int:pk>/supprimer/", conflict_views.conflict_delete, name="conflict_delete"),
    path("<int:pk>/parties/", conflict_views.party_add, name="party_add"),
    path("<int:pk>/options/", conflict_views.option_add, name="option_add"),
    path("<int:pk>/rencontres/", conflict_views.meeting_add, name="meeting_add"),
    path("parties/<int:pk>/supprimer/", conflict_views.party_delete, name="party_delete"),
    path("options/<int:pk>/supprimer/", conflict_views.option_delete, name="option_delete"),
    path("rencontres/<int:pk>/supprimer/", conflict_views.meeting_delete, name="meeting_delete"),
]
agreement_urls = [
    path("", agreement_views.agreement_list, name="agreement_list"),
    path("ajouter/", agreement_views.agreement_edit, name="agreement_add"),
    path("<int:pk>/", agreement_views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/supprimer/", agreement_views.agreement_delete, name="agreement_delete"),
]
urlpatterns = [
    path("acteurs/", include(actor_urls)),
    path("gouvernance-interne/", include(internal_urls)),
    path("jeux-d-acteurs/", include(mactor_urls)),
    path("conflits/", include(conflict_urls)),
    path("cooperation/", include(agreement_urls)),
]
