"""Which agencies of this installation receive and handle a procedure (đơn vị thực hiện).

Not versioned: an assignment is the installation's organisation, not what the procedure says.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog.models.procedures import Procedure


class ProcedureAssignment(models.Model):
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="assignments"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.PROTECT,
        related_name="procedure_assignments",
    )

    class Meta:
        verbose_name = _("đơn vị thực hiện")
        verbose_name_plural = _("đơn vị thực hiện")
        ordering = ["procedure", "agency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "agency"], name="catalog_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} → {self.agency.code}"
