from django.http import HttpRequest
from ninja import Query, Router, Schema

from ressort.territories.services import search_territories

router = Router(tags=["territoires"])


class TerritoryOut(Schema):
    code: str
    nom: str
    type: str
    population: int | None
    departement: str
    region: str
    nombre_communes: int | None


class SearchParams(Schema):
    q: str
    type: list[str] | None = None
    limite: int = 20


@router.get(
    "/territoires",
    response=list[TerritoryOut],
    summary="Chercher un territoire officiel",
    description=(
        "Par nom (sans tenir compte des accents ni de la casse), code INSEE, SIREN d'EPCI "
        "ou code postal. `type` restreint à COM, EPCI, DEP ou REG (répétable)."
    ),
    auth=None,
)
def territories(request: HttpRequest, params: Query[SearchParams]) -> list[TerritoryOut]:
    limit = max(1, min(params.limite, 100))
    return [
        TerritoryOut(
            code=t.code,
            nom=t.name,
            type=t.type,
            population=t.population,
            departement=t.department_code,
            region=t.region_code,
            nombre_communes=t.commune_count,
        )
        for t in search_territories(params.q, params.type, limit)
    ]
