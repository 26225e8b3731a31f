"""The audit log (nhật ký kiểm toán): append-only entries linked by hashes, and the chain head.

Rows are written only by `audit.services.record`. The model refuses to change or delete a stored
entry, and so do its querysets; what still reaches the table by SQL is caught by
`audit.selectors.verify_chain` (`motcua audit_verify`).
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.audit.chain import GENESIS_HASH, HASHED_FIELDS, entry_hash


class AppendOnly(Exception):
    """Changing or deleting an audit entry is a programming error, never a user's choice."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("audit entries are never updated")

    def delete(self):
        raise AppendOnly("audit entries are never deleted")


class AuditEntry(models.Model):
    # The position in the chain is the primary key, so every stored column is under the hash.
    seq = models.PositiveBigIntegerField(_("số thứ tự"), primary_key=True)
    occurred_at = models.DateTimeField(_("thời điểm"))
    action = models.CharField(_("thao tác"), max_length=100)
    actor_id = models.BigIntegerField(_("mã người thực hiện"), null=True, blank=True)
    actor_name = models.CharField(_("người thực hiện"), max_length=255, blank=True)
    # Delegation: the actor acted on behalf of this person (ủy quyền, thừa lệnh).
    acting_for_id = models.BigIntegerField(_("mã người được thay mặt"), null=True, blank=True)
    acting_for_name = models.CharField(_("thay mặt"), max_length=255, blank=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=100, blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    prev_hash = models.CharField(_("mã băm mục trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục nhật ký kiểm toán")
        verbose_name_plural = _("nhật ký kiểm toán")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["action"], name="audit_action"),
            models.Index(fields=["actor_id"], name="audit_actor"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnly("audit entries are never changed once written")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit entries are never deleted")

    def columns(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in HASHED_FIELDS}

    def computed_hash(self) -> str:
        return entry_hash(self.columns())


class ChainHead(models.Model):
    """The one row that serialises appends (it is locked by each) and remembers the last entry."""

    ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ID)
    last_seq = models.PositiveBigIntegerField(_("số thứ tự cuối"), default=0)
    last_hash = models.CharField(_("mã băm cuối"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_one_head")]

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"
