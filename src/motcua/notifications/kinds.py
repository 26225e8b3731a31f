"""What people are told, by kind: the citizen's news about their dossier and the officer's work,
each with the placeholders its templates may use and the Vietnamese text that ships.

A kind's key is the outbox topic that triggers it (`dossier.receive`, ...) or, for what the
periodic reminders find, an `officer.*` name. The shipped texts are installed as editable
`Template` rows by a data migration; an administrator changes them in the admin.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo OA")
    EMAIL = "email", _("Thư điện tử")


class Kind(models.TextChoices):
    RECEIVED = "dossier.receive", _("Đã tiếp nhận, hẹn trả")
    SUPPLEMENT = "dossier.request_supplement", _("Cần bổ sung hồ sơ")
    PAYMENT = "dossier.request_payment", _("Cần thực hiện nghĩa vụ tài chính")
    REFUSED = "dossier.refuse", _("Không tiếp nhận")
    READY = "dossier.finish", _("Đã có kết quả")
    RETURNED = "dossier.return_result", _("Đã trả kết quả")
    APOLOGY = "dossier.apologize", _("Xin lỗi, hẹn lại ngày trả")
    PAID = "payment.paid", _("Đã nhận tiền phí, lệ phí")
    ASSIGNED = "dossier.assign", _("Cán bộ: được phân công xử lý")
    DUE_TOMORROW = "officer.due_tomorrow", _("Cán bộ: hồ sơ đến hạn ngày mai")
    OVERDUE = "officer.overdue", _("Cán bộ: hồ sơ quá hạn")
    BATCH_WAITING = "officer.batch_waiting", _("Cán bộ: danh sách bàn giao chờ nhận")


CITIZEN_KINDS = [
    Kind.RECEIVED,
    Kind.SUPPLEMENT,
    Kind.PAYMENT,
    Kind.REFUSED,
    Kind.READY,
    Kind.RETURNED,
    Kind.APOLOGY,
    Kind.PAID,
]
OFFICER_KINDS = [Kind.ASSIGNED, Kind.DUE_TOMORROW, Kind.OVERDUE, Kind.BATCH_WAITING]

# Citizens hear on every channel they can be reached on, SMS first; officers by e-mail.
CITIZEN_CHANNELS = [Channel.SMS, Channel.ZALO, Channel.EMAIL]
OFFICER_CHANNELS = [Channel.EMAIL]

# The placeholders a template of each kind may use, with what they hold (shown in the admin).
DOSSIER_PLACEHOLDERS = {
    "ma_ho_so": _("mã hồ sơ"),
    "thu_tuc": _("tên thủ tục"),
    "nguoi_nhan": _("họ tên người nhận"),
    "co_quan_tra": _("nơi trả kết quả"),
    "nhan_ket_qua": _("cách nhận kết quả: tại quầy, qua bưu chính hoặc trực tuyến"),
    "tra_cuu": _("đường dẫn tra cứu hồ sơ"),
}
PLACEHOLDERS: dict[str, dict] = {
    Kind.RECEIVED: DOSSIER_PLACEHOLDERS | {"hen_tra": _("ngày hẹn trả")},
    Kind.SUPPLEMENT: DOSSIER_PLACEHOLDERS,
    Kind.PAYMENT: DOSSIER_PLACEHOLDERS,
    Kind.REFUSED: DOSSIER_PLACEHOLDERS,
    Kind.READY: DOSSIER_PLACEHOLDERS,
    Kind.RETURNED: DOSSIER_PLACEHOLDERS,
    Kind.APOLOGY: DOSSIER_PLACEHOLDERS | {"hen_moi": _("ngày hẹn trả mới")},
    Kind.PAID: DOSSIER_PLACEHOLDERS
    | {"so_tien": _("số tiền đã nộp (đồng)"), "hinh_thuc": _("hình thức nộp")},
    Kind.ASSIGNED: DOSSIER_PLACEHOLDERS | {"han_buoc": _("hạn của bước")},
    Kind.DUE_TOMORROW: DOSSIER_PLACEHOLDERS | {"han_buoc": _("hạn của bước")},
    Kind.OVERDUE: DOSSIER_PLACEHOLDERS | {"han_buoc": _("hạn của bước")},
    Kind.BATCH_WAITING: {
        "nguoi_nhan": _("họ tên người nhận"),
        "don_vi_giao": _("đơn vị giao"),
        "don_vi_nhan": _("đơn vị nhận"),
        "so_ho_so": _("số hồ sơ trong danh sách"),
    },
}


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


_SHORT = {
    Kind.RECEIVED: "Ho so {{ ma_ho_so }} da duoc tiep nhan, hen tra ket qua {{ hen_tra }}. "
    "Tra cuu: {{ tra_cuu }}",
    Kind.SUPPLEMENT: "Ho so {{ ma_ho_so }} can bo sung giay to. Xem chi tiet: {{ tra_cuu }}",
    Kind.PAYMENT: "Ho so {{ ma_ho_so }} can thuc hien nghia vu tai chinh. Xem: {{ tra_cuu }}",
    Kind.REFUSED: "Ho so {{ ma_ho_so }} khong duoc tiep nhan. Xem ly do: {{ tra_cuu }}",
    Kind.READY: "Ho so {{ ma_ho_so }} da co ket qua. {{ nhan_ket_qua }}.",
    Kind.RETURNED: "Da tra ket qua ho so {{ ma_ho_so }}. Cam on ong/ba da su dung dich vu.",
    Kind.APOLOGY: "Ho so {{ ma_ho_so }} bi cham; co quan xin loi va hen tra lai {{ hen_moi }}.",
    Kind.PAID: "Da nhan {{ so_tien }} dong phi, le phi ho so {{ ma_ho_so }} ({{ hinh_thuc }}). "
    "Bien lai: {{ tra_cuu }}",
}

_FULL = {
    Kind.RECEIVED: Text(
        "Hồ sơ {{ ma_ho_so }} đã được tiếp nhận",
        "Kính gửi {{ nguoi_nhan }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã được tiếp nhận. "
        "Ngày hẹn trả kết quả: {{ hen_tra }}.\n\nTra cứu hồ sơ: {{ tra_cuu }}",
    ),
    Kind.SUPPLEMENT: Text(
        "Hồ sơ {{ ma_ho_so }} cần bổ sung",
        "Kính gửi {{ nguoi_nhan }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) cần bổ sung giấy "
        "tờ. Mời ông/bà xem yêu cầu và nộp bổ sung: {{ tra_cuu }}",
    ),
    Kind.PAYMENT: Text(
        "Hồ sơ {{ ma_ho_so }} cần thực hiện nghĩa vụ tài chính",
        "Kính gửi {{ nguoi_nhan }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) cần thực hiện "
        "nghĩa vụ tài chính trước khi được giải quyết tiếp: {{ tra_cuu }}",
    ),
    Kind.REFUSED: Text(
        "Hồ sơ {{ ma_ho_so }} không được tiếp nhận",
        "Kính gửi {{ nguoi_nhan }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) không được tiếp "
        "nhận. Lý do ghi trong hồ sơ: {{ tra_cuu }}",
    ),
    Kind.READY: Text(
        "Hồ sơ {{ ma_ho_so }} đã có kết quả",
        "Kính gửi {{ nguoi_nhan }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã có kết quả. "
        "{{ nhan_ket_qua }}.",
    ),
    Kind.RETURNED: Text(
        "Đã trả kết quả hồ sơ {{ ma_ho_so }}",
        "Kính gửi {{ nguoi_nhan }},\n\nĐã trả kết quả hồ sơ {{ ma_ho_so }} ({{ thu_tuc }}). "
        "Mời ông/bà đánh giá chất lượng phục vụ: {{ tra_cuu }}",
    ),
    Kind.APOLOGY: Text(
        "Thư xin lỗi về hồ sơ {{ ma_ho_so }}",
        "Kính gửi {{ nguoi_nhan }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) bị chậm so với "
        "ngày hẹn. Cơ quan thành thật xin lỗi và hẹn trả kết quả lúc {{ hen_moi }}.",
    ),
    Kind.PAID: Text(
        "Đã nhận tiền phí, lệ phí hồ sơ {{ ma_ho_so }}",
        "Kính gửi {{ nguoi_nhan }},\n\nCơ quan đã nhận {{ so_tien }} đồng phí, lệ phí của hồ sơ "
        "{{ ma_ho_so }} ({{ thu_tuc }}), hình thức nộp: {{ hinh_thuc }}. Biên lai điện tử và "
        "tình trạng hồ sơ: {{ tra_cuu }}",
    ),
    Kind.ASSIGNED: Text(
        "Được phân công xử lý hồ sơ {{ ma_ho_so }}",
        "Đồng chí {{ nguoi_nhan }} được phân công xử lý hồ sơ {{ ma_ho_so }} ({{ thu_tuc }}). "
        "Hạn của bước: {{ han_buoc }}.",
    ),
    Kind.DUE_TOMORROW: Text(
        "Hồ sơ {{ ma_ho_so }} đến hạn ngày mai",
        "Đồng chí {{ nguoi_nhan }}: hồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đến hạn xử lý lúc "
        "{{ han_buoc }}.",
    ),
    Kind.OVERDUE: Text(
        "Hồ sơ {{ ma_ho_so }} đã quá hạn",
        "Đồng chí {{ nguoi_nhan }}: hồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã quá hạn xử lý từ "
        "{{ han_buoc }}.",
    ),
    Kind.BATCH_WAITING: Text(
        "Danh sách bàn giao hồ sơ giấy chờ nhận",
        "Đồng chí {{ nguoi_nhan }}: {{ don_vi_giao }} đã giao {{ so_ho_so }} hồ sơ giấy cho "
        "{{ don_vi_nhan }}; danh sách đang chờ xác nhận đã nhận.",
    ),
}


def shipped() -> dict[tuple[str, str], Text]:
    """The texts that ship, by (kind, channel): SMS short and without diacritics (many
    brand-name gateways refuse Unicode, and it fits one or two segments), the rest in full."""
    texts: dict[tuple[str, str], Text] = {}
    for kind in CITIZEN_KINDS:
        texts[(kind, Channel.SMS)] = Text("", _SHORT[kind])
        texts[(kind, Channel.ZALO)] = Text("", _FULL[kind].body)
        texts[(kind, Channel.EMAIL)] = _FULL[kind]
    for kind in OFFICER_KINDS:
        texts[(kind, Channel.EMAIL)] = _FULL[kind]
    return {(str(kind), str(channel)): text for (kind, channel), text in texts.items()}
