"""The refusals that services and selectors share."""

from django.utils.translation import gettext as _

from motcua.core.errors import NotFound


def not_found() -> NotFound:
    """For a dossier that does not exist and one the caller may not see alike."""
    return NotFound(_("Không tìm thấy hồ sơ."), code="dossier_not_found")


def batch_not_found() -> NotFound:
    """For a hand-over list that does not exist and one the caller may not accept alike."""
    return NotFound(_("Không có danh sách bàn giao này."), code="batch_not_found")
