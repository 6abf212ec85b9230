"""URLs of the library and the watch, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.library.views import consistency, documents, plan_import, watch

app_name = "library"

library_urls = [
    path("", documents.document_list, name="document_list"),
    path("ajouter/", documents.document_add, name="document_add"),
    path("<int:pk>/", documents.document_detail, name="document_detail"),
    path("<int:pk>/fichier/", documents.document_file, name="document_file"),
    path("<int:pk>/modifier/", documents.document_edit, name="document_edit"),
    path("<int:pk>/supprimer/", documents.document_delete, name="document_delete"),
    path("<int:pk>/passages/", documents.passage_add, name="passage_add"),
    path("passages/<int:pk>/citer/", documents.passage_cite, name="passage_cite"),
    path("passages/<int:pk>/supprimer/", documents.passage_delete, name="passage_delete"),
    path("citations/<int:pk>/retirer/", documents.citation_delete, name="citation_delete"),
    path("passages-cites/", documents.citations, name="citations"),
    path("<int:pk>/objectifs/", documents.objective_add, name="objective_add"),
    path("objectifs/<int:pk>/supprimer/", consistency.objective_delete, name="objective_delete"),
    path("documents-en-vigueur/", consistency.plans, name="plans"),
    path(
        "coherence/actions/<int:pk>/",
        consistency.action_consistency,
        name="action_consistency",
    ),
    path(
        "coherence/actions/<int:pk>/enregistrer/",
        consistency.action_consistency_save,
        name="action_consistency_save",
    ),
    path("importer-un-plan/", plan_import.plan_import_page, name="plan_import"),
    path("importer-un-plan/importer/", plan_import.plan_import_run, name="plan_import_run"),
    path("plan-d-actions.<str:fmt>", plan_import.plan_export, name="plan_export"),
]
watch_urls = [
    path("", watch.signal_list, name="signal_list"),
    path("signaux/ajouter/", watch.signal_edit, name="signal_add"),
    path("signaux/<int:pk>/", watch.signal_edit, name="signal_edit"),
    path("signaux/<int:pk>/supprimer/", watch.signal_delete, name="signal_delete"),
    path("signaux/<int:pk>/devient/<str:into>/", watch.signal_convert, name="signal_convert"),
    path("flux/", watch.feed_list, name="feed_list"),
    path("flux/ajouter/", watch.feed_edit, name="feed_add"),
    path("flux/<int:pk>/", watch.feed_edit, name="feed_edit"),
    path("flux/<int:pk>/supprimer/", watch.feed_delete, name="feed_delete"),
    path("flux/<int:pk>/relever/", watch.feed_refresh, name="feed_refresh"),
    path("articles/<int:pk>/noter/", watch.item_to_signal, name="item_to_signal"),
]
urlpatterns = [
    path("bibliotheque/", include(library_urls)),
    path("veille/", include(watch_urls)),
]
