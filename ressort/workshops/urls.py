"""URLs of workshops, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.workshops import reuse_views, views

app_name = "workshops"

workshop_urls = [
    path("", views.workshop_list, name="list"),
    path("ajouter/", views.workshop_add, name="add"),
    path("reprendre/", reuse_views.workshop_reuse, name="reuse"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/modifier/", views.workshop_edit, name="edit"),
    path("<int:pk>/supprimer/", views.workshop_delete, name="delete"),
    path("<int:pk>/code/", views.workshop_code, name="code"),
    path("<int:pk>/qr.svg", views.workshop_qr, name="qr"),
    path("<int:pk>/invitation/", views.workshop_invitation, name="invitation"),
    path("<int:pk>/projection/", views.projection, name="projection"),
    path("<int:pk>/projection/contenu/", views.projection_fragment, name="projection_fragment"),
    path("<int:pk>/activites/nouvelle/", views.activity_new, name="activity_new"),
    path("<int:pk>/activites/<int:apk>/", views.activity_results, name="activity"),
    path("<int:pk>/activites/<int:apk>/modifier/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/activites/<int:apk>/supprimer/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/activites/<int:apk>/deplacer/", views.activity_move, name="activity_move"),
    path("<int:pk>/activites/<int:apk>/etat/", views.activity_state, name="activity_state"),
    path("<int:pk>/activites/<int:apk>/envoyer/", views.activity_deliver, name="activity_deliver"),
    path("reponses/<int:answer>/masquer/", views.answer_hide, name="answer_hide"),
]
urlpatterns = [path("ateliers/", include(workshop_urls))]
