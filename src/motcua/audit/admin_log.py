"""Every change made in the Django admin goes into the audit log too.

The admin writes a `LogEntry` for each addition, change and deletion it makes (the catalogue,
processes, agencies, roles, calendars, the status mapping…); this receiver appends the matching
audit entry in the same transaction, so administrative changes are as tamper-evident as
dossier actions.
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry

from motcua.audit import services

_VERBS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


def record_admin_change(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if not created or kwargs.get("raw"):
        return
    content_type = instance.content_type
    services.record(
        action=f"admin.{_VERBS.get(instance.action_flag, 'change')}",
        actor=instance.user,
        object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=instance.object_id or "",
        data={"object": instance.object_repr, "change": instance.get_change_message()},
    )
