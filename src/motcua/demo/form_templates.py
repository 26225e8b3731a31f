"""The demo's blank forms: a Word file of the birth-registration declaration (tờ khai đăng ký
khai sinh), written here as the few XML parts a .docx needs, so that the procedure page has a
form to download and a citizen can fill it in with any word processor.

Its wording follows the declaration's usual headings; a real installation uploads the form the
Ministry of Justice issued, in the admin (Mẫu đơn, tờ khai).
"""

import io
import zipfile
from xml.sax.saxutils import escape

from motcua.catalog.models import FormTemplate
from motcua.catalog.services import keep_form_template

BIRTH_DECLARATION = "Tờ khai đăng ký khai sinh"
DOTS = "." * 60

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

# (text, centred, bold) — Times New Roman 13 pt on A4, as NĐ 30/2020 asks of administrative text.
_BIRTH_LINES = [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, True),
    ("Độc lập - Tự do - Hạnh phúc", True, True),
    ("", False, False),
    ("TỜ KHAI ĐĂNG KÝ KHAI SINH", True, True),
    (f"Kính gửi: {DOTS}", True, False),
    ("", False, False),
    (f"Họ, chữ đệm, tên người yêu cầu: {DOTS}", False, False),
    (f"Nơi cư trú: {DOTS}", False, False),
    (f"Số định danh cá nhân: {DOTS}", False, False),
    (f"Quan hệ với người được khai sinh: {DOTS}", False, False),
    ("Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:", False, True),
    (f"Họ, chữ đệm, tên: {DOTS}", False, False),
    (f"Ngày, tháng, năm sinh: {DOTS} ghi bằng chữ: {DOTS}", False, False),
    (f"Giới tính: {DOTS} Dân tộc: {DOTS} Quốc tịch: {DOTS}", False, False),
    (f"Nơi sinh: {DOTS}", False, False),
    (f"Quê quán: {DOTS}", False, False),
    (f"Họ, chữ đệm, tên người mẹ: {DOTS} Năm sinh: {DOTS}", False, False),
    (f"Dân tộc: {DOTS} Quốc tịch: {DOTS} Nơi cư trú: {DOTS}", False, False),
    (f"Họ, chữ đệm, tên người cha: {DOTS} Năm sinh: {DOTS}", False, False),
    (f"Dân tộc: {DOTS} Quốc tịch: {DOTS} Nơi cư trú: {DOTS}", False, False),
    (
        "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự "
        "thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.",
        False,
        False,
    ),
    ("Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.", False, False),
    ("Làm tại: ................, ngày ..... tháng ..... năm ..........", True, False),
    ("Người yêu cầu", True, True),
    ("(Ký, ghi rõ họ, chữ đệm, tên)", True, False),
]


def docx(lines: list[tuple[str, bool, bool]]) -> bytes:
    """A Word document of one paragraph per line."""
    paragraphs = []
    for text, centred, bold in lines:
        properties = '<w:pPr><w:jc w:val="center"/></w:pPr>' if centred else ""
        run = (
            '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
            f'w:cs="Times New Roman"/>{"<w:b/>" if bold else ""}<w:sz w:val="26"/></w:rPr>'
        )
        paragraphs.append(
            f'<w:p>{properties}<w:r>{run}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{''.join(paragraphs)}"
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/></w:sectPr>'
        "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELATIONSHIPS)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def seed_form_templates() -> int:
    """Keep the demo's blank forms once; seeding again changes nothing."""
    if FormTemplate.objects.filter(name=BIRTH_DECLARATION).exists():
        return 0
    keep_form_template(
        name=BIRTH_DECLARATION,
        filename="to-khai-dang-ky-khai-sinh.docx",
        content=docx(_BIRTH_LINES),
    )
    return 1
