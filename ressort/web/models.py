from django.db import models


class DemarcheVersion(models.Model):
    """A counter per démarche, raised by every write to its data (ressort.web.freshness).

    The computed pages (portrait, dashboard) are cached under it, so a write makes the next
    reading compute afresh, in every process. Row 0 counts the writes that belong to no one
    démarche (frameworks, territories) and that any démarche may show.
    """

    demarche_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "version des données d'une démarche"
        verbose_name_plural = "versions des données des démarches"

    def __str__(self) -> str:
        return f"démarche {self.demarche_id} : version {self.version}"
