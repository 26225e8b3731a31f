"""Reading paper hand-over lists (danh sách bàn giao hồ sơ giấy) for the officers' screens: the
lists an officer's units are to accept, those they sent or accepted lately, and one list with its
dossiers. An officer standing in for an absent colleague also sees the colleague's units' lists,
marked with whom they stand in for (`acting_for`). Each list says whether the officer may accept
it now (`may_accept`: it is open and goes to one of their units or of those they stand in
for); accepting is `services.accept_batch`, recorded as acting for the colleague.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from motcua.accounts.models import User
from motcua.accounts.selectors import is_active_user, is_system_admin, principals_of
from motcua.core import clock
from motcua.dossiers.errors import batch_not_found
from motcua.dossiers.models import HandoverBatch, StepRecord
from motcua.dossiers.rules import officer_unit_ids

RECENT_DAYS = 14
RECENT_LIMIT = 50


@dataclass(frozen=True)
class HandoverLists:
    to_accept: list[HandoverBatch]
    recent: list[HandoverBatch]


@dataclass(frozen=True)
class _Scope:
    """The units whose lists an officer sees (`seen`; None: all of them), their own units
    (`own`), and for the units seen only through a delegation, the colleague stood in for."""

    seen: set[int] | None
    own: set[int] | None
    acting: dict[int, User]

    def mark(self, batches: QuerySet[HandoverBatch]) -> list[HandoverBatch]:
        found = list(batches)
        for batch in found:
            batch.acting_for = self.acting.get(batch.to_unit_id) or self.acting.get(
                batch.from_unit_id
            )
            batch.may_accept = batch.accepted_at is None and (
                self.own is None or batch.to_unit_id in self.own or batch.to_unit_id in self.acting
            )
        return found


def _scope(user: User, now: datetime) -> _Scope:
    if is_system_admin(user):
        return _Scope(seen=None, own=None, acting={})
    own = officer_unit_ids(user)
    acting: dict[int, User] = {}
    for principal in principals_of(user, at=now):
        for unit_id in officer_unit_ids(principal) - own:
            acting.setdefault(unit_id, principal)
    return _Scope(seen=own | set(acting), own=own, acting=acting)


def _records() -> Prefetch:
    return Prefetch(
        "records",
        queryset=StepRecord.objects.select_related(
            "dossier__procedure_version", "step", "given_by", "unit"
        ).order_by("given_at", "pk"),
        to_attr="handed_over",
    )


def _batches() -> QuerySet[HandoverBatch]:
    return HandoverBatch.objects.select_related(
        "from_unit", "to_unit", "created_by", "accepted_by"
    ).annotate(dossier_count=Count("records"))


def handover_lists(user: User, *, now: datetime | None = None) -> HandoverLists:
    """The open lists to accept, oldest first, and those sent by the officer's units or
    accepted by them in the last `RECENT_DAYS` days, newest first, each with its dossiers."""
    if not is_active_user(user):
        return HandoverLists(to_accept=[], recent=[])
    moment = now or clock.now()
    scope = _scope(user, moment)
    units = scope.seen
    batches = _batches().prefetch_related(_records())
    if units is not None:
        batches = batches.filter(Q(to_unit_id__in=units) | Q(from_unit_id__in=units))
    to_accept = batches.filter(accepted_at__isnull=True)
    if units is not None:
        to_accept = to_accept.filter(to_unit_id__in=units)
    recent = batches.filter(
        Q(accepted_at__gte=moment - timedelta(days=RECENT_DAYS))
        | Q(accepted_at__isnull=True, created_at__gte=moment - timedelta(days=RECENT_DAYS))
    ).exclude(pk__in=to_accept.values("pk"))
    return HandoverLists(
        to_accept=scope.mark(to_accept.order_by("created_at", "pk")),
        recent=scope.mark(recent.order_by("-created_at", "-pk")[:RECENT_LIMIT]),
    )


def batch_for(user: User, pk: int) -> HandoverBatch:
    """One list, with its dossiers, that an officer of its giving or receiving unit sees (or
    one standing in for such an officer); any other answers like a missing one."""
    if not is_active_user(user):
        raise batch_not_found()
    scope = _scope(user, clock.now())
    found = _batches().prefetch_related(_records()).filter(pk=pk)
    if scope.seen is not None:
        found = found.filter(Q(to_unit_id__in=scope.seen) | Q(from_unit_id__in=scope.seen))
    batches = scope.mark(found)
    if not batches:
        raise batch_not_found()
    return batches[0]
