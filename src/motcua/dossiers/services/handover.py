"""Paper hand-over between units (bàn giao hồ sơ giấy): the receiving unit accepts a list.

A step that hands its papers over (`ProcessStep.paper_handover`) puts each dossier it sends to
another unit on the open list between the two units (`_core.enter_step`); the next step's clock
starts only when an officer of the receiving unit accepts the list. Both moments stay on the
step record — given (`given_at`) and received (`received_at`) — for the control slip, and
each dossier's history says when its papers arrived (`accept_handover`).
"""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.errors import batch_not_found
from motcua.dossiers.models import Dossier, DossierEvent, HandoverBatch
from motcua.dossiers.rules import acting_as
from motcua.dossiers.services import _core
from motcua.events import services as events

# The history's name for a list accepted (not an action of the vocabulary: nobody chooses it
# for one dossier; it comes with the list).
ACCEPT_HANDOVER = "accept_handover"


def accept_batch(*, user: User, batch: HandoverBatch) -> HandoverBatch:
    """The receiving unit has the papers: every dossier on the list starts its step now. A
    colleague standing in for an officer of that unit may accept it for them."""
    principal = acting_as(user, "dossiers.accept_handover", batch)
    if principal is None:
        raise batch_not_found()
    acting_for = principal if principal.pk != user.pk else None
    with transaction.atomic():
        batch = (
            HandoverBatch.objects.select_for_update()
            .select_related("from_unit", "to_unit")
            .get(pk=batch.pk)
        )
        if batch.accepted_at is not None:
            raise Conflict(
                _("Danh sách bàn giao này đã được nhận lúc %(when)s.")
                % {"when": clock.shown(batch.accepted_at)},
                code="already_accepted",
            )
        now = clock.now()
        batch.accepted_by, batch.accepted_at = user, now
        batch.save(update_fields=["accepted_by", "accepted_at"])
        started = []
        for record in batch.records.filter(received_at__isnull=True).select_related(
            "step", "unit", "dossier"
        ):
            due = _core.due_for(record.step, unit=record.unit, start=now)
            record.received_at, record.due_at = now, due
            record.save(update_fields=["received_at", "due_at"])
            # Only the stay the dossier is still at starts the dossier's step clock.
            if record.ended_at is None:
                Dossier.objects.filter(pk=record.dossier_id).update(
                    step_started_at=now, step_due_at=due, version=F("version") + 1
                )
                status = Dossier.objects.values_list("status", flat=True).get(pk=record.dossier_id)
                DossierEvent.objects.create(
                    dossier_id=record.dossier_id,
                    action=ACCEPT_HANDOVER,
                    from_status=status,
                    to_status=status,
                    step=record.step,
                    unit=record.unit,
                    actor=user,
                    acting_for=acting_for,
                    at=now,
                    note=_("Đã nhận hồ sơ giấy theo danh sách bàn giao số %(batch)s.")
                    % {"batch": batch.pk},
                    data={"batch": batch.pk, "due_at": due.isoformat()},
                )
            started.append(record.dossier.key)
        summary = {
            "batch": batch.pk,
            "from_unit": batch.from_unit.code,
            "to_unit": batch.to_unit.code,
            "dossiers": started,
            "at": now.isoformat(),
        }
        events.publish("handover.accepted", summary, key=f"batch-{batch.pk}")
        audit.record(
            action="dossier.accept_handover",
            actor=user,
            acting_for=acting_for,
            obj=batch,
            data=summary,
        )
    return batch
