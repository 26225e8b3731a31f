"""Seed the nine rating criteria of TT 01/2018/TT-VPCP (Arts. 13–14) with answers a citizen
understands; administrators reword them, switch them off or add their own afterwards. Written out
here because a migration must not change when anything in the code does.

Per dossier: 1, 2, 3, 4, 6, 7; per desk and competent agency: 5, 6, 8, 9 (6 is asked both ways;
it is seeded once, per dossier). Only online: 2, 6, 8, 9. The circular gives no scoring for 8 and 9:
their answers are a reasonable first wording.
"""

from django.db import migrations

CRITERIA = [
    (
        1,
        "Tổng thời gian giải quyết thủ tục hành chính so với thời hạn theo quy định",
        "Sớm hơn thời hạn quy định",
        "Đúng thời hạn quy định",
        "Quá thời hạn quy định",
        "dossier",
        False,
    ),
    (
        2,
        "Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết (kể cả đơn vị phối hợp) "
        "so với thời hạn của cơ quan, đơn vị đó",
        "Các cơ quan, đơn vị đều thực hiện sớm hơn thời hạn",
        "Các cơ quan, đơn vị đều thực hiện đúng thời hạn",
        "Có cơ quan, đơn vị thực hiện quá thời hạn",
        "dossier",
        True,
    ),
    (
        3,
        "Số lần Ông/Bà phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ "
        "(kể cả liên hệ trực tuyến)",
        "Không phải liên hệ lần nào",
        "Liên hệ một lần",
        "Liên hệ nhiều hơn một lần (trừ trường hợp do lỗi của người nộp hồ sơ)",
        "dossier",
        False,
    ),
    (
        4,
        "Số cơ quan, đơn vị Ông/Bà phải liên hệ để hoàn thiện hồ sơ",
        "Không phải trực tiếp liên hệ cơ quan, đơn vị nào",
        "Chỉ liên hệ với Bộ phận Một cửa",
        "Phải liên hệ với nhiều hơn một cơ quan, đơn vị",
        "dossier",
        False,
    ),
    (
        5,
        "Việc tổ chức tiếp nhận hồ sơ, giải quyết, trả kết quả tại Bộ phận Một cửa",
        "Bộ phận Một cửa trực tiếp giải quyết từ 20% (cấp tỉnh, bộ), 50% (cấp huyện), "
        "100% (cấp xã) số thủ tục trở lên",
        "Mọi thủ tục không thuộc diện loại trừ đều được tiếp nhận, trả kết quả tại "
        "Bộ phận Một cửa",
        "Chưa đạt các mức trên",
        "agency",
        False,
    ),
    (
        6,
        "Việc công khai thủ tục hành chính",
        "Công khai đầy đủ cả tại nơi tiếp nhận và trên Cổng dịch vụ công",
        "Chỉ công khai tại một trong hai nơi",
        "Không công khai hoặc công khai không đầy đủ",
        "dossier",
        True,
    ),
    (
        7,
        "Thái độ, tác phong của cán bộ, công chức trong hướng dẫn, tiếp nhận và giải quyết hồ sơ",
        "Hướng dẫn, tiếp nhận, giải quyết nhanh hơn hạn; không gây phiền hà, nhũng nhiễu",
        "Đúng hạn; không gây phiền hà, nhũng nhiễu",
        "Có biểu hiện gây phiền hà, nhũng nhiễu",
        "dossier",
        False,
    ),
    (
        8,
        "Việc tiếp thu, giải trình các ý kiến phản ánh, kiến nghị của cá nhân, tổ chức",
        "Được tiếp thu, trả lời đầy đủ và đúng hạn",
        "Được trả lời nhưng chưa đầy đủ hoặc chưa đúng hạn",
        "Không được tiếp thu, trả lời",
        "agency",
        True,
    ),
    (
        9,
        "Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến của cơ quan có thẩm quyền",
        "Nhanh, ổn định, dễ sử dụng",
        "Sử dụng được nhưng còn chậm hoặc khó dùng",
        "Thường xuyên lỗi, không sử dụng được",
        "agency",
        True,
    ),
]


def seed(apps, schema_editor):
    criterion = apps.get_model("feedback", "RatingCriterion")
    for number, text, two, one, zero, scope, online_only in CRITERIA:
        criterion.objects.get_or_create(
            number=number,
            defaults={
                "text": text,
                "option_2": two,
                "option_1": one,
                "option_0": zero,
                "scope": scope,
                "online_only": online_only,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
