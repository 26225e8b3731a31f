"""Appending to the audit log: `record()` is the only writer of `AuditEntry`.

An append locks the chain head (`SELECT … FOR UPDATE`) inside `transaction.atomic()`, so it joins
the caller's transaction: the entry commits or rolls back with the change it describes, and the
head stays locked until that transaction ends. Appends are therefore serialised system-wide —
callers record late in their transaction and never do slow work (PDF, HTTP) after recording.

SQLite has no row locks; there the settings open every transaction with `BEGIN IMMEDIATE`, which
takes the database's write lock at once, so appends are serialised by that instead. Should a
configuration have neither lock, two appends reading the same head would both write the same
`seq`, the entry's primary key: one fails loudly, and the chain never forks.
"""

import re
from typing import Any

from django.db import transaction
from django.db.models import Model

from motcua.audit.chain import GENESIS_HASH, entry_hash, plain_json
from motcua.audit.models import AuditEntry, ChainHead
from motcua.core import clock

_ACTION = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")


class ChainHeadMissing(RuntimeError):
    """The head row is gone while entries exist: the log was tampered with; appending would hide it."""


@transaction.atomic
def record(
    *,
    action: str,
    actor: Any = None,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    data: dict[str, Any] | None = None,
    acting_for: Any = None,
) -> AuditEntry:
    """Append one entry: `action` (a machine name such as `dossier.receive`) done by `actor`
    (anything with `pk` and `get_username()`, optionally `full_name`; None for the system),
    possibly on behalf of `acting_for`, on `obj` (a model instance) or on the object named by
    `object_type`/`object_id`, with `data` (JSON without floats)."""
    if not _ACTION.fullmatch(action):
        raise ValueError(
            f"audit action {action!r} is not a dotted machine name like 'agency.update'"
        )
    if obj is not None:
        if object_type or object_id:
            raise TypeError("record() takes either obj or object_type/object_id, not both")
        object_type, object_id = obj._meta.label_lower, str(obj.pk)
    actor_id, actor_name = _person(actor)
    acting_for_id, acting_for_name = _person(acting_for)
    entry = AuditEntry(
        occurred_at=clock.now(),
        action=action,
        actor_id=actor_id,
        actor_name=actor_name,
        acting_for_id=acting_for_id,
        acting_for_name=acting_for_name,
        object_type=object_type,
        object_id=str(object_id),
        data=plain_json(data if data is not None else {}),
    )
    head = _locked_head()
    entry.seq = head.last_seq + 1
    entry.prev_hash = head.last_hash
    entry.hash = entry_hash(entry.columns())
    entry.save(force_insert=True)
    head.last_seq, head.last_hash = entry.seq, entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


def _person(person: Any) -> tuple[int | None, str]:
    if person is None or person.pk is None:
        return None, ""
    return person.pk, getattr(person, "full_name", "") or person.get_username()


def _locked_head() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=ChainHead.ID).first()
    if head is not None:
        return head
    # The data migration creates the head; only a database emptied since (as test runs flush
    # theirs) lacks it. Concurrent first appends may all see it missing: each inserts it unless
    # present (the losers wait for the winner's commit, then insert nothing) and locks what is
    # there. Entries without a head, once the head is read again, mean tampering: refuse.
    if not AuditEntry.objects.exists():
        ChainHead.objects.bulk_create(
            [ChainHead(pk=ChainHead.ID, last_seq=0, last_hash=GENESIS_HASH)],
            ignore_conflicts=True,
        )
    head = ChainHead.objects.select_for_update().filter(pk=ChainHead.ID).first()
    if head is None:
        raise ChainHeadMissing("the audit chain head is missing; run `motcua audit_verify`")
    return head
