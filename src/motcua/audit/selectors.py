"""Reading the audit log: the entries about an object, and the verification of the whole chain."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from motcua.audit.chain import GENESIS_HASH
from motcua.audit.models import AuditEntry, ChainHead


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    broken_seq: int | None = None
    reason: str = ""


def entries_for(obj: Model) -> QuerySet[AuditEntry]:
    """What was done to `obj`, oldest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("seq")


def verify_chain() -> VerifyResult:
    """Walk the chain from the first entry: numbering without gaps, each `prev_hash` equal to the
    previous `hash`, each `hash` recomputed from the stored columns, and the head pointing at the
    last entry. The first fault is reported with the `seq` where it is."""
    with _snapshot():
        head = ChainHead.objects.filter(pk=ChainHead.ID).first()
        expected_seq, previous_hash = 1, GENESIS_HASH
        for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
            if entry.seq != expected_seq:
                return _broken(
                    expected_seq,
                    _("thiếu mục số %(missing)d (mục kế tiếp là số %(found)d)")
                    % {"missing": expected_seq, "found": entry.seq},
                )
            if entry.prev_hash != previous_hash:
                return _broken(entry.seq, _("mã băm của mục trước không khớp"))
            if entry.computed_hash() != entry.hash:
                return _broken(entry.seq, _("nội dung mục không khớp với mã băm đã lưu"))
            expected_seq, previous_hash = entry.seq + 1, entry.hash
        last_seq = expected_seq - 1
    return _check_head(head, last_seq=last_seq, last_hash=previous_hash)


def _check_head(head: ChainHead | None, *, last_seq: int, last_hash: str) -> VerifyResult:
    if head is None:
        if last_seq == 0:
            return VerifyResult(ok=True, count=0)
        return _broken(last_seq, _("không còn bản ghi đầu chuỗi"))
    if head.last_seq > last_seq:
        return _broken(
            last_seq + 1,
            _("thiếu các mục cuối, từ số %(first)d đến số %(last)d mà đầu chuỗi đã ghi nhận")
            % {"first": last_seq + 1, "last": head.last_seq},
        )
    if head.last_seq < last_seq:
        return _broken(
            head.last_seq + 1,
            _("có mục sau mục cuối mà đầu chuỗi ghi nhận (số %(seq)d)") % {"seq": head.last_seq},
        )
    if head.last_hash != last_hash:
        return _broken(last_seq, _("mã băm ở đầu chuỗi không khớp với mục cuối"))
    return VerifyResult(ok=True, count=last_seq)


def _broken(seq: int, reason: str) -> VerifyResult:
    """`count` is then how many entries before `seq` were found sound."""
    return VerifyResult(ok=False, count=max(seq - 1, 0), broken_seq=seq, reason=reason)


@contextmanager
def _snapshot() -> Iterator[None]:
    """Read the head and the entries as of one instant, so appends made meanwhile by others do
    not look like a broken chain. Inside a caller's transaction, the caller's view is used."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield
