"""URLs of the library and the watch, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.library.views import consistency, documents, plan_import, watch

app_name = "library"

urlpatterns = [
    path("bibliotheque/", documents.document_list, name="document_list"),
    path("bibliotheque/ajouter/", documents.document_add, name="document_add"),
    path("bibliotheque/<int:pk>/", documents.document_detail, name="document_detail"),
    path("bibliotheque/<int:pk>/fichier/", documents.document_file, name="document_file"),
    path("bibliotheque/<int:pk>/modifier/", documents.document_edit, name="document_edit"),
    path("bibliotheque/<int:pk>/supprimer/", documents.document_delete, name="document_delete"),
    path("bibliotheque/<int:pk>/passages/", documents.passage_add, name="passage_add"),
    path("bibliotheque/passages/<int:pk>/citer/", documents.passage_cite, name="passage_cite"),
    path(
        "bibliotheque/passages/<int:pk>/supprimer/",
        documents.passage_delete,
        name="passage_delete",
    ),
    path(
        "bibliotheque/citations/<int:pk>/retirer/",
        documents.citation_delete,
        name="citation_delete",
    ),
    path("bibliotheque/passages-cites/", documents.citations, name="citations"),
    path("bibliotheque/<int:pk>/objectifs/", documents.objective_add, name="objective_add"),
    path(
        "bibliotheque/objectifs/<int:pk>/supprimer/",
        consistency.objective_delete,
        name="objective_delete",
    ),
    path("bibliotheque/documents-en-vigueur/", consistency.plans, name="plans"),
    path(
        "bibliotheque/coherence/actions/<int:pk>/",
        consistency.action_consistency,
        name="action_consistency",
    ),
    path(
        "bibliotheque/coherence/actions/<int:pk>/enregistrer/",
        consistency.action_consistency_save,
        name="action_consistency_save",
    ),
    path("bibliotheque/importer-un-plan/", plan_import.plan_import_page, name="plan_import"),
    path(
        "bibliotheque/importer-un-plan/importer/",
        plan_import.plan_import_run,
        name="plan_import_run",
    ),
    path(
        "bibliotheque/plan-d-actions.<str:fmt>",
        plan_import.plan_export,
        name="plan_export",
    ),
    path("veille/", watch.signal_list, name="signal_list"),
    path("veille/signaux/ajouter/", watch.signal_edit, name="signal_add"),
    path("veille/signaux/<int:pk>/", watch.signal_edit, name="signal_edit"),
    path("veille/signaux/<int:pk>/supprimer/", watch.signal_delete, name="signal_delete"),
    path(
        "veille/signaux/<int:pk>/devient/<str:into>/",
        watch.signal_convert,
        name="signal_convert",
    ),
    path("veille/flux/", watch.feed_list, name="feed_list"),
    path("veille/flux/ajouter/", watch.feed_edit, name="feed_add"),
    path("veille/flux/<int:pk>/", watch.feed_edit, name="feed_edit"),
    path("veille/flux/<int:pk>/supprimer/", watch.feed_delete, name="feed_delete"),
    path("veille/flux/<int:pk>/relever/", watch.feed_refresh, name="feed_refresh"),
    path("veille/articles/<int:pk>/noter/", watch.item_to_signal, name="item_to_signal"),
]
