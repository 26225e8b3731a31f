"""Stored files: what a citizen or an officer uploaded, kept by content hash in private storage;
and the citizen's personal data store (kho dữ liệu điện tử): the stored files kept for them, each
described so that it can be reused instead of being asked for again."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.documents.storage import private_storage


class ContentType(models.TextChoices):
    """The types accepted, decided by the file's bytes (`documents.sniffing`)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


class StoredFile(models.Model):
    """One uploaded file. Immutable: a corrected document is a new upload."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    content_type = models.CharField(_("loại tệp"), max_length=50, choices=ContentType.choices)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    file = models.FileField(_("tệp"), storage=private_storage, max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("tệp đã lưu")
        verbose_name_plural = _("tệp đã lưu")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.original_name or str(self.id)


class DocumentKind(models.TextChoices):
    """Where a document of the personal data store comes from (TT 01/2023/TT-VPCP Art. 24)."""

    UPLOADED = "uploaded", _("Tệp Ông/Bà đã tải lên, đã nộp")
    RESULT = "result", _("Kết quả giải quyết thủ tục")
    DIGITISED = "digitised", _("Giấy tờ đã số hóa")
    CERTIFIED_COPY = "certified_copy", _("Bản sao điện tử có chứng thực")


class PersonalDocument(models.Model):
    """One document in a citizen's data store: a stored file with what it is.

    The file is shared, not copied: the same `StoredFile` may be attached to dossiers, so leaving
    the store deletes this row only. A paper scanned at the desk is described as the rules ask
    (type, number, issue date, issuer, validity) so that it can be reused.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ tài khoản"),
        on_delete=models.CASCADE,
        related_name="personal_documents",
    )
    file = models.ForeignKey(
        StoredFile, verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên giấy tờ"), max_length=1000)
    kind = models.CharField(_("nguồn gốc"), max_length=20, choices=DocumentKind.choices)
    # The catalogue component it was filed as, if any: the wizard offers it first for that
    # component (and for components of other versions with the same code or name).
    component = models.ForeignKey(
        "catalog.Component",
        verbose_name=_("thành phần hồ sơ tương ứng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan cấp"), max_length=255, blank=True)
    valid_until = models.DateField(_("có giá trị đến"), null=True, blank=True)
    # Where it came from, as text: for a dossier's file or result, the dossier's reference
    # (mã tạm), which never changes once given.
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("lưu vào kho lúc"))

    class Meta:
        verbose_name = _("giấy tờ trong kho dữ liệu")
        verbose_name_plural = _("giấy tờ trong kho dữ liệu")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=["owner", "file"], name="personal_document_once"),
        ]

    def __str__(self) -> str:
        return self.title


class PaperKind(models.TextChoices):
    """The official forms (TT 01/2018 numbering, vn-rules.md "Official forms") and the generic
    result document, each with an editable template."""

    RECEIPT = "01", _("Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT = "02", _("Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "03", _("Mẫu 03 – Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "04", _("Mẫu 04 – Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết")
    STOP = "05", _("Mẫu 05 – Thông báo dừng giải quyết hồ sơ")
    CONTROL_SLIP = "06", _("Mẫu 06 – Phiếu kiểm soát quá trình giải quyết hồ sơ")
    TRACKING_BOOK = "07", _("Mẫu 07 – Sổ theo dõi hồ sơ")
    RESULT = "ket-qua", _("Kết quả giải quyết – văn bản, giấy chứng nhận")


class PaperTemplate(models.Model):
    """An administrator's version of one form's template; a kind without a row prints from the
    bundled file (`documents/paper_templates/`). Saved only through
    `documents.papers.save_paper_template`, which refuses a body that does not render."""

    kind = models.CharField(_("mẫu"), max_length=10, choices=PaperKind.choices, unique=True)
    body = models.TextField(_("nội dung mẫu (HTML)"))
    updated_at = models.DateTimeField(_("sửa lúc"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mẫu giấy tờ")
        verbose_name_plural = _("mẫu giấy tờ")
        ordering = ["kind"]

    def __str__(self) -> str:
        return str(PaperKind(self.kind).label)
