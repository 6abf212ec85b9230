"""URLs of workshops, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import path

from ressort.workshops import views

app_name = "workshops"

urlpatterns = [
    path("<slug:slug>/ateliers/", views.workshop_list, name="list"),
    path("<slug:slug>/ateliers/<int:pk>/", views.workshop_detail, name="detail"),
    path("<slug:slug>/ateliers/<int:pk>/modifier/", views.workshop_edit, name="edit"),
    path("<slug:slug>/ateliers/<int:pk>/supprimer/", views.workshop_delete, name="delete"),
    path("<slug:slug>/ateliers/<int:pk>/code/", views.workshop_code, name="code"),
    path("<slug:slug>/ateliers/<int:pk>/qr.svg", views.workshop_qr, name="qr"),
    path("<slug:slug>/ateliers/<int:pk>/projection/", views.projection, name="projection"),
    path(
        "<slug:slug>/ateliers/<int:pk>/projection/contenu/",
        views.projection_fragment,
        name="projection_fragment",
    ),
    path(
        "<slug:slug>/ateliers/<int:pk>/activites/nouvelle/",
        views.activity_edit,
        name="activity_new",
    ),
    path(
        "<slug:slug>/ateliers/<int:pk>/activites/<int:apk>/",
        views.activity_results,
        name="activity",
    ),
    path(
        "<slug:slug>/ateliers/<int:pk>/activites/<int:apk>/modifier/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "<slug:slug>/ateliers/<int:pk>/activites/<int:apk>/supprimer/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "<slug:slug>/ateliers/<int:pk>/activites/<int:apk>/deplacer/",
        views.activity_move,
        name="activity_move",
    ),
    path(
        "<slug:slug>/ateliers/<int:pk>/activites/<int:apk>/etat/",
        views.activity_state,
        name="activity_state",
    ),
    path(
        "<slug:slug>/ateliers/<int:pk>/activites/<int:apk>/envoyer/",
        views.activity_deliver,
        name="activity_deliver",
    ),
    path(
        "<slug:slug>/ateliers/<int:pk>/activites/<int:apk>/reponses/<int:answer>/masquer/",
        views.answer_hide,
        name="answer_hide",
    ),
]
