"""The closed vocabularies of the catalogue, with the values the import format uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.structure import AdministrativeLevel
from motcua.core.versioning import VersionStatus
from motcua.workdays.arithmetic import Unit

__all__ = [
    "AdministrativeLevel",
    "FeeBasis",
    "FeeKind",
    "FormFieldType",
    "OnlineMode",
    "PaymentDue",
    "ProcessingUnit",
    "SearchTextKind",
    "VersionStatus",
]

# Levels listed from the top, the order in which a procedure's levels are kept.
LEVEL_ORDER = tuple(AdministrativeLevel.values)


class OnlineMode(models.TextChoices):
    FULL = "full", _("Dịch vụ công trực tuyến toàn trình")
    PARTIAL = "partial", _("Dịch vụ công trực tuyến một phần")
    NONE = "none", _("Không trực tuyến")


class ProcessingUnit(models.TextChoices):
    DAY = Unit.DAY.value, _("ngày làm việc")
    HOUR = Unit.HOUR.value, _("giờ làm việc")
    CALENDAR_DAY = Unit.CALENDAR_DAY.value, _("ngày (theo lịch)")


class FeeKind(models.TextChoices):
    CHARGE = "le_phi", _("Lệ phí")
    FEE = "phi", _("Phí")


class FeeBasis(models.TextChoices):
    """What one amount pays for; the format's empty value means per dossier."""

    DOSSIER = "ho_so", _("mỗi hồ sơ")
    PAGE = "trang", _("mỗi trang")
    COPY = "ban", _("mỗi bản")
    SET = "bo", _("mỗi bộ")


class PaymentDue(models.TextChoices):
    """When the citizen is asked to pay the fees; the result is never returned unpaid."""

    AT_FILING = "khi_nop", _("Khi nộp hồ sơ")
    BEFORE_RETURN = "khi_tra", _("Trước khi nhận kết quả")


class FormFieldType(models.TextChoices):
    TEXT = "text", _("Chữ, một dòng")
    TEXTAREA = "textarea", _("Đoạn văn")
    NUMBER = "number", _("Số")
    DATE = "date", _("Ngày")
    CHOICE = "choice", _("Chọn một trong danh sách")
    PERSONAL_ID = "personal_id", _("Số định danh cá nhân")
    PHONE = "phone", _("Số điện thoại")
    EMAIL = "email", _("Thư điện tử")
    ADDRESS = "address", _("Địa chỉ")
    CHECKBOX = "checkbox", _("Ô đánh dấu")


class SearchTextKind(models.TextChoices):
    NAME = "name", _("Tên chính thức")
    ALIAS = "alias", _("Tên gọi khác")
