"""The démarche's personal-data page, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.legal import demarche_views

app_name = "personal_data"

urlpatterns = [
    path("donnees-personnelles/", demarche_views.page, name="page"),
    path("donnees-personnelles/conservation/", demarche_views.retention_save, name="retention"),
    path("donnees-personnelles/consentements/", demarche_views.consent_add, name="consent_add"),
    path("donnees-personnelles/export/", demarche_views.export, name="export"),
    path("donnees-personnelles/effacer/", demarche_views.erase, name="erase"),
]
