"""Where stored files live: the `private` storage alias, never served under MEDIA_URL.

Files are read only through selectors that check who asks, so the storage is a separate alias
(settings.STORAGES["private"]) rather than the default one a web server might expose.
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

PRIVATE_ALIAS = "private"


class _PrivateStorage(LazyObject):
    """Resolved on first use, so a test (or a deployment) that changes STORAGES is obeyed."""

    def _setup(self) -> None:
        self._wrapped = storages[PRIVATE_ALIAS]


_private = _PrivateStorage()


def private_storage():
    """The storage of `StoredFile.file` (a callable, so migrations name it instead of a path)."""
    return _private


@receiver(setting_changed)
def _forget_storage(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        _private._wrapped = empty
