"""URLs of the démarches: the list, creation, invitations, and each démarche's own pages.

The other apps' démarche pages are mounted under demarches/<slug:slug>/ in ressort/urls.py.
"""

from django.urls import include, path

from ressort.approaches import accompaniment_views, logo_views, views

app_name = "approaches"

accompaniment_urls = [
    path("", accompaniment_views.overview, name="accompaniment"),
    path("seances.csv", accompaniment_views.export_csv, name="accompaniment_csv"),
    path("accompagnement.xlsx", accompaniment_views.export_xlsx, name="accompaniment_xlsx"),
    path("seances/ajouter/", accompaniment_views.session_edit, name="session_add"),
    path("seances/<int:pk>/", accompaniment_views.session_edit, name="session_edit"),
    path("seances/<int:pk>/supprimer/", accompaniment_views.session_delete, name="session_delete"),
    path("livrables/ajouter/", accompaniment_views.handover_edit, name="handover_add"),
    path("livrables/<int:pk>/", accompaniment_views.handover_edit, name="handover_edit"),
    path(
        "livrables/<int:pk>/supprimer/", accompaniment_views.handover_delete, name="handover_delete"
    ),
]
demarche_patterns = [
    path("", views.approach_detail, name="detail"),
    path("perimetre.geojson", views.approach_perimeter_geojson, name="perimeter"),
    path("parametres/", views.approach_settings, name="settings"),
    path("parametres/logo/", logo_views.logo_save, name="logo_save"),
    path("parametres/logo/retirer/", logo_views.logo_remove, name="logo_remove"),
    path("logo.png", logo_views.authority_logo, name="authority_logo"),
    path("supprimer/", views.approach_delete, name="delete"),
    path("cadrage/", views.framing, name="framing"),
    path("briques/<slug:module>/activer/", views.module_activate, name="module_activate"),
    path("gouvernance/", views.governance, name="governance"),
    path("gouvernance/<int:pk>/", views.governance_edit, name="governance_edit"),
    path("gouvernance/<int:pk>/retirer/", views.governance_delete, name="governance_delete"),
    path("calendrier/", views.calendar, name="calendar"),
    path("parcours/", views.journey, name="journey"),
    path("parcours/<str:code>/clore/", views.step_close, name="step_close"),
    path("parcours/<str:code>/rouvrir/", views.step_reopen, name="step_reopen"),
    path("accompagnement/", include(accompaniment_urls)),
    path("membres/", views.members, name="members"),
    path("membres/<int:pk>/role/", views.member_role, name="member_role"),
    path("membres/<int:pk>/parties/", views.member_scope, name="member_scope"),
    path("membres/<int:pk>/retirer/", views.member_remove, name="member_remove"),
    path("invitations/<int:pk>/annuler/", views.invitation_revoke, name="invitation_revoke"),
]

urlpatterns = [
    path("", views.approach_list, name="list"),
    path("nouvelle/", views.approach_create, name="create"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation"),
    path("<slug:slug>/", include(demarche_patterns)),
]
