"""The JSON API (/api/v1/), its OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from ressort.territories.api import router as territories_router

api = NinjaAPI(
    title="API Ressort",
    version="1",
    description="Données d'une instance Ressort. Les territoires officiels sont publics ; "
    "tout ce qui concerne une démarche exige d'en être membre.",
    urls_namespace="api",
)
api.add_router("/", territories_router)
