from django.urls import path

from ressort.approaches import views

app_name = "approaches"

urlpatterns = [
    path("", views.approach_list, name="list"),
    path("nouvelle/", views.approach_create, name="create"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation"),
    path("<slug:slug>/", views.approach_detail, name="detail"),
    path("<slug:slug>/perimetre.geojson", views.approach_perimeter_geojson, name="perimeter"),
    path("<slug:slug>/parametres/", views.approach_settings, name="settings"),
    path("<slug:slug>/supprimer/", views.approach_delete, name="delete"),
    path("<slug:slug>/cadrage/", views.framing, name="framing"),
    path("<slug:slug>/gouvernance/", views.governance, name="governance"),
    path("<slug:slug>/gouvernance/<int:pk>/", views.governance_edit, name="governance_edit"),
    path(
        "<slug:slug>/gouvernance/<int:pk>/retirer/",
        views.governance_delete,
        name="governance_delete",
    ),
    path("<slug:slug>/calendrier/", views.calendar, name="calendar"),
    path("<slug:slug>/parcours/", views.journey, name="journey"),
    path("<slug:slug>/membres/", views.members, name="members"),
    path("<slug:slug>/membres/<int:pk>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/membres/<int:pk>/retirer/", views.member_remove, name="member_remove"),
    path(
        "<slug:slug>/invitations/<int:pk>/annuler/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
