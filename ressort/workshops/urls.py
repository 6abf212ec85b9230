"""URLs of workshops, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.workshops import reuse_views, views

app_name = "workshops"

urlpatterns = [
    path("ateliers/", views.workshop_list, name="list"),
    path("ateliers/ajouter/", views.workshop_add, name="add"),
    path("ateliers/reprendre/", reuse_views.workshop_reuse, name="reuse"),
    path("ateliers/<int:pk>/", views.workshop_detail, name="detail"),
    path("ateliers/<int:pk>/modifier/", views.workshop_edit, name="edit"),
    path("ateliers/<int:pk>/supprimer/", views.workshop_delete, name="delete"),
    path("ateliers/<int:pk>/code/", views.workshop_code, name="code"),
    path("ateliers/<int:pk>/qr.svg", views.workshop_qr, name="qr"),
    path("ateliers/<int:pk>/invitation/", views.workshop_invitation, name="invitation"),
    path("ateliers/<int:pk>/projection/", views.projection, name="projection"),
    path(
        "ateliers/<int:pk>/projection/contenu/",
        views.projection_fragment,
        name="projection_fragment",
    ),
    path(
        "ateliers/<int:pk>/activites/nouvelle/",
        views.activity_new,
        name="activity_new",
    ),
    path(
        "ateliers/<int:pk>/activites/<int:apk>/",
        views.activity_results,
        name="activity",
    ),
    path(
        "ateliers/<int:pk>/activites/<int:apk>/modifier/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "ateliers/<int:pk>/activites/<int:apk>/supprimer/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "ateliers/<int:pk>/activites/<int:apk>/deplacer/",
        views.activity_move,
        name="activity_move",
    ),
    path(
        "ateliers/<int:pk>/activites/<int:apk>/etat/",
        views.activity_state,
        name="activity_state",
    ),
    path(
        "ateliers/<int:pk>/activites/<int:apk>/envoyer/",
        views.activity_deliver,
        name="activity_deliver",
    ),
    path("ateliers/reponses/<int:answer>/masquer/", views.answer_hide, name="answer_hide"),
]
