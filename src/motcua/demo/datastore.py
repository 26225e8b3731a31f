"""The demo's personal data store: Trần Thị Bình's chip-based identity card, scanned and described
at Phường An Hòa's desk (it fits the birth registration's "Giấy tờ tùy thân" component, so the
filing wizard offers it first there), and her marriage certificate as an electronic certified copy.
Her returned dossiers add their results on their own when they carry a result file.

Idempotent: a citizen whose store holds anything gets nothing more. The sample files keep stable
storage names, so seeding again (or in every test) does not pile up copies.
"""

from datetime import date

from django.db import transaction

from motcua.accounts.models import User
from motcua.catalog.selectors import current_version, procedure_by_code
from motcua.documents import services
from motcua.documents.models import DocumentKind, PersonalDocument
from motcua.documents.sample_files import simple_pdf

BINH = "099190001234"
DESK = "motcua.anhoa"
BIRTH = "1.001193"
IDENTITY_COMPONENT = "Giấy tờ tùy thân"


def seed_datastore() -> int:
    """Fill Trần Thị Bình's store; the number of documents added."""
    binh = User.objects.filter(username=BINH).first()
    desk = User.objects.filter(username=DESK).first()
    # Her results are already there (returning a dossier keeps its result in the store):
    # what this adds is the papers she digitised, once.
    papers = PersonalDocument.objects.filter(owner=binh).exclude(kind=DocumentKind.RESULT)
    if binh is None or desk is None or papers.exists():
        return 0
    version = current_version(procedure_by_code(BIRTH))
    identity = next(
        (c for c in version.components.all() if c.name.startswith(IDENTITY_COMPONENT)), None
    )
    with transaction.atomic():
        card = services.store_generated(
            content=simple_pdf(
                [
                    "CAN CUOC CONG DAN (BAN SO HOA - MAU)",
                    "So: 099190001234",
                    "Ho va ten: TRAN THI BINH",
                    "Ngay sinh: 14/05/1990",
                ]
            ),
            name="can-cuoc-cong-dan.pdf",
            user=desk,
            path="demo/kho-du-lieu/099190001234-can-cuoc.pdf",
        )
        services.keep(
            owner=binh,
            file=card,
            title="Căn cước công dân",
            kind=DocumentKind.DIGITISED,
            component=identity,
            number=BINH,
            issued_on=date(2021, 4, 15),
            issuer="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
            valid_until=date(2030, 5, 14),
            source="Số hóa tại Bộ phận Một cửa phường An Hòa",
        )
        marriage = services.store_generated(
            content=simple_pdf(
                [
                    "GIAY CHUNG NHAN KET HON (BAN SAO DIEN TU - MAU)",
                    "So: 45/2015",
                    "Tran Thi Binh - Nguyen Van Hung",
                ]
            ),
            name="giay-chung-nhan-ket-hon.pdf",
            user=desk,
            path="demo/kho-du-lieu/099190001234-ket-hon.pdf",
        )
        services.keep(
            owner=binh,
            file=marriage,
            title="Giấy chứng nhận kết hôn (bản sao điện tử có chứng thực)",
            kind=DocumentKind.CERTIFIED_COPY,
            number="45/2015",
            issued_on=date(2015, 9, 12),
            issuer="Ủy ban nhân dân phường An Hòa",
            source="Chứng thực bản sao từ bản chính tại phường An Hòa",
        )
    return 2
