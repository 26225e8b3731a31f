"""The dossier (hồ sơ): who files, for which procedure, at which three units, and where it stands.

The row carries the current state only; how it got there is in `DossierEvent` and `StepRecord`.
`version` counts the actions taken: every service compares it with the caller's
`expected_version`, so two officers acting at once cannot both win.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.choices import ApplicantKind, Channel, DeliveryMethod, Status


class Dossier(models.Model):
    reference = models.CharField(_("mã tạm"), max_length=16, unique=True, editable=False)
    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True, null=True, blank=True)
    national_code = models.CharField(
        _("mã hồ sơ trên Cổng DVC quốc gia"), max_length=64, unique=True, null=True, blank=True
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("thủ tục (phiên bản)"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    process_version = models.ForeignKey(
        "workflow.ProcessVersion",
        verbose_name=_("quy trình (phiên bản)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )

    applicant_kind = models.CharField(
        _("loại người nộp"), max_length=20, choices=ApplicantKind.choices
    )
    applicant_name = models.CharField(_("họ và tên / tên tổ chức"), max_length=255)
    applicant_id_type = models.CharField(_("loại giấy tờ"), max_length=10, blank=True)
    applicant_id_number = models.CharField(_("số giấy tờ"), max_length=20, blank=True)
    applicant_tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_dossiers",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp hộ / cán bộ nhập"),
        on_delete=models.PROTECT,
        related_name="submitted_dossiers",
    )
    on_behalf = models.BooleanField(_("nộp thay"), default=False)
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=Channel.choices)
    vneid_authenticated = models.BooleanField(_("xác thực VNeID"), default=False)

    receiving_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    competent_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.PROTECT,
        related_name="competent_dossiers",
    )
    return_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị trả kết quả"),
        on_delete=models.PROTECT,
        related_name="returned_dossiers",
    )

    form_data = models.JSONField(_("tờ khai"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    delivery_method = models.CharField(
        _("hình thức nhận kết quả"), max_length=10, choices=DeliveryMethod.choices
    )
    delivery_address = models.CharField(_("địa chỉ nhận kết quả"), max_length=500, blank=True)

    status = models.CharField(_("trạng thái"), max_length=24, choices=Status.choices)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)

    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    # The original appointment; an apology's date goes beside it, never over it.
    appointment_at = models.DateTimeField(_("ngày hẹn trả"), null=True, blank=True)
    new_appointment_at = models.DateTimeField(_("ngày hẹn lại"), null=True, blank=True)
    apology_reason = models.TextField(_("lý do xin lỗi"), blank=True)
    clock_stopped_at = models.DateTimeField(_("dừng tính thời gian từ"), null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    # Fees and charges assessed and not yet paid (the payments app keeps it): the result is not
    # returned while any is owed.
    fees_due = models.PositiveBigIntegerField(_("phí, lệ phí chưa nộp (đồng)"), default=0)
    fees_unpriced = models.BooleanField(_("có khoản phí chưa xác định mức thu"), default=False)
    finished_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    # `attach_result` records the result; `approve` records who approved it and when.
    result_note = models.TextField(_("nội dung kết quả"), blank=True)
    result_file = models.ForeignKey(
        "documents.StoredFile",
        verbose_name=_("tệp kết quả"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_attached_at = models.DateTimeField(_("đính kèm kết quả lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    end_action = models.CharField(_("kết thúc bằng"), max_length=24, blank=True)

    current_step = models.ForeignKey(
        "workflow.ProcessStep",
        verbose_name=_("bước hiện tại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    step_started_at = models.DateTimeField(_("bước bắt đầu lúc"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    # What holds the step: consultations not yet answered, the agency it is transferred to.
    open_consultations = models.PositiveSmallIntegerField(_("số ý kiến chờ trả lời"), default=0)
    transferred_to = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đang chuyển liên thông tới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    created_at = models.DateTimeField(_("tạo lúc"))

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["appointment_at"]),
        ]

    def __str__(self) -> str:
        return self.code or self.reference

    @property
    def key(self) -> str:
        """What people look it up by: the code once it has one, else the reference."""
        return self.code or self.reference


class DossierComponent(models.Model):
    """One paper of the dossier (thành phần hồ sơ): a catalogue component or one named freely."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    component = models.ForeignKey(
        "catalog.Component",
        verbose_name=_("thành phần theo thủ tục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("tên giấy tờ"), max_length=1000)
    originals = models.PositiveSmallIntegerField(_("bản chính"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("bản sao chứng thực"), default=0)
    copies = models.PositiveSmallIntegerField(_("bản sao"), default=0)
    files = models.ManyToManyField(
        "documents.StoredFile", verbose_name=_("tệp"), blank=True, related_name="+"
    )
    # A file of it was taken from the filer's personal data store instead of uploaded again
    # (counted by the 766 index: components from the citizen's data store).
    from_data_store = models.BooleanField(_("lấy từ kho dữ liệu"), default=False)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["dossier", "pk"]

    def __str__(self) -> str:
        return self.name
