from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from ressort.api import api

admin.site.site_header = "Administration de Ressort"
admin.site.site_title = "Ressort"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="approaches:list"), name="home"),
    path("compte/", include("ressort.accounts.urls")),
    path("territoires/", include("ressort.territories.urls")),
    path("demarches/", include("ressort.approaches.urls")),
    path("demarches/", include("ressort.frameworks.approach_urls")),
    path("demarches/", include("ressort.documents.urls")),
    path("demarches/", include("ressort.portrait.urls")),
    path("demarches/", include("ressort.fieldwork.urls")),
    path("demarches/", include("ressort.systems.urls")),
    path("demarches/", include("ressort.actions.urls")),
    path("demarches/", include("ressort.strategy.urls")),
    path("demarches/", include("ressort.monitoring.urls")),
    path("demarches/", include("ressort.workshops.urls")),
    path("atelier/", include("ressort.workshops.public_urls")),
    path("referentiels/", include("ressort.frameworks.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
