from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView

from ressort import branding
from ressort.api import api
from ressort.operations import health

admin.site.site_header = "Administration de Ressort"
admin.site.site_title = "Ressort"

# Each app's démarche pages, mounted once under demarches/<slug:slug>/ (approaches mounts its
# own with the démarche list). A view there is written with ressort.web.demarche_view.
DEMARCHE_URLCONFS = (
    "ressort.frameworks.approach_urls",
    "ressort.documents.urls",
    "ressort.portrait.urls",
    "ressort.fieldwork.urls",
    "ressort.systems.urls",
    "ressort.actions.urls",
    "ressort.strategy.urls",
    "ressort.monitoring.urls",
    "ressort.workshops.urls",
    "ressort.governance.urls",
    "ressort.behaviour.urls",
    "ressort.library.urls",
    "ressort.living.urls",
    "ressort.opendata.urls",
    "ressort.aerial.urls",
    "ressort.justice.urls",
    "ressort.training.urls",
    "ressort.legal.demarche_urls",
    "ressort.story.urls",
    "ressort.publication.urls",
)

handler400 = "ressort.web.errors.bad_request"
handler403 = "ressort.web.errors.permission_denied"
handler404 = "ressort.web.errors.page_not_found"
handler500 = "ressort.web.errors.server_error"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="approaches:list"), name="home"),
    path("compte/", include("ressort.accounts.urls")),
    path("territoires/", include("ressort.territories.urls")),
    path("demarches/", include("ressort.approaches.urls")),
    path("demarches/<slug:slug>/", include([path("", include(m)) for m in DEMARCHE_URLCONFS])),
    path("atelier/", include("ressort.workshops.public_urls")),
    path("publique/", include("ressort.publication.public_urls")),
    path("referentiels/", include("ressort.frameworks.urls")),
    path("", include("ressort.legal.urls")),
    path("admin/", admin.site.urls),
    path("sante/", health.sante, name="sante"),
    path("logo-operateur.png", require_GET(branding.operator_logo_view), name="operator_logo"),
    path("api/v1/", api.urls),
]
