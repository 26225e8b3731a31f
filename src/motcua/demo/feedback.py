"""The demo's ratings and feedback: questions about birth registration that citizens sent in the
past weeks, answered and published by the communes' officers; one question still waiting for an
answer; and Nguyễn Văn Hùng's rating of his returned birth registration. All through
`feedback.services`, with the clock moved to moments of the weeks before today.

Idempotent like the dossiers: nothing is added once any feedback or rating exists, nor when the
demo has no returned dossier of Hùng's to rate (the dossiers were not seeded).
"""

from django.db import transaction

from motcua.accounts.models import User
from motcua.agencies.selectors import agency_by_code
from motcua.catalog.selectors import procedure_by_code
from motcua.core import clock
from motcua.demo.casting import AN_HOA, BIRTH, TAN_PHU, Days
from motcua.dossiers.models import Dossier, Status
from motcua.feedback import services
from motcua.feedback.models import Category, Feedback, Rating
from motcua.workdays.selectors import calendar_for

BINH, HUNG = "099190001234", "099085004321"

# (asker, commune, category, title, question, answer), answered and published in this order.
PUBLISHED = [
    (
        HUNG,
        TAN_PHU,
        Category.QUESTION,
        "Đăng ký khai sinh trực tuyến cần chuẩn bị giấy tờ gì?",
        "Tôi muốn đăng ký khai sinh cho con trên Cổng dịch vụ công, không đến xã được. "
        "Tôi cần chuẩn bị những giấy tờ gì và bao lâu thì có giấy khai sinh?",
        "Ông/Bà điền tờ khai trực tuyến và đính kèm bản chụp Giấy chứng sinh do cơ sở y tế "
        "cấp; nếu cha, mẹ đã đăng ký kết hôn, công chức hộ tịch tự tra cứu trong Cơ sở dữ liệu "
        "hộ tịch điện tử, Ông/Bà không phải nộp giấy chứng nhận kết hôn. Hồ sơ đầy đủ được giải "
        "quyết trong 01 ngày làm việc; Ông/Bà chọn nhận Giấy khai sinh tại Bộ phận Một cửa hoặc "
        "qua bưu chính.",
    ),
    (
        BINH,
        AN_HOA,
        Category.QUESTION,
        "Con sinh ở tỉnh khác thì đăng ký khai sinh ở đâu?",
        "Tôi sinh con tại bệnh viện ở tỉnh khác, hiện đã về nhà ở phường An Hòa. Tôi có phải "
        "quay lại nơi sinh để đăng ký khai sinh cho cháu không?",
        "Không. Theo Điều 13 Luật Hộ tịch năm 2014, Ủy ban nhân dân cấp xã nơi cư trú của "
        "người cha hoặc người mẹ thực hiện đăng ký khai sinh. Bà nộp hồ sơ tại Bộ phận Một cửa "
        "phường An Hòa hoặc trực tuyến, kèm Giấy chứng sinh của bệnh viện nơi cháu sinh ra.",
    ),
    (
        HUNG,
        TAN_PHU,
        Category.QUESTION,
        "Quá 60 ngày mới đăng ký khai sinh cho con có được không?",
        "Con tôi sinh được hơn hai tháng nhưng gia đình chưa đi đăng ký khai sinh. Bây giờ "
        "đăng ký có được không, có bị phạt không?",
        "Ông/Bà vẫn đăng ký khai sinh cho cháu theo thủ tục thông thường. Luật Hộ tịch quy định "
        "cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong 60 ngày kể từ ngày sinh; người "
        "không đăng ký đúng hạn có thể bị phạt cảnh cáo theo Nghị định 82/2020/NĐ-CP. Đề nghị "
        "Ông/Bà sớm nộp hồ sơ để cháu được cấp số định danh cá nhân.",
    ),
    (
        BINH,
        AN_HOA,
        Category.PROPOSAL,
        "Đề nghị niêm yết lệ phí cấp bản sao trích lục khai sinh",
        "Tôi đề nghị Bộ phận Một cửa phường niêm yết rõ lệ phí cấp bản sao trích lục khai sinh "
        "để người dân biết trước khi nộp hồ sơ.",
        "Ủy ban nhân dân phường An Hòa cảm ơn kiến nghị của bà. Bộ phận Một cửa đã niêm yết mức "
        "phí, lệ phí của các thủ tục hộ tịch tại bảng công khai và trên Cổng dịch vụ công của "
        "tỉnh, trong đó có lệ phí cấp bản sao trích lục.",
    ),
]
PENDING = (
    BINH,
    AN_HOA,
    Category.QUESTION,
    "Có nhận bản sao trích lục khai sinh qua bưu điện được không?",
    "Tôi đi làm xa, có thể nhận bản sao trích lục khai sinh của con qua bưu điện không và "
    "phí gửi là bao nhiêu?",
)
OFFICERS = {AN_HOA: ("cv.anhoa", "ld.anhoa"), TAN_PHU: ("cv.tanphu", "ld.tanphu")}
GOOD = {1: 2, 2: 2, 3: 2, 4: 1, 6: 2, 7: 2}


def seed_feedback() -> int:
    """Add the demo's feedback and rating; how many rows were added (0 when there were some)."""
    if Feedback.objects.exists() or Rating.objects.exists():
        return 0
    returned = Dossier.objects.filter(owner__username=HUNG, status=Status.RETURNED).first()
    if returned is None:
        return 0
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    birth = procedure_by_code(BIRTH)
    days = Days(calendar_for(agency=agency_by_code(AN_HOA)), clock.today())
    with transaction.atomic():
        for n, (asker, commune, category, title, question, answer) in enumerate(PUBLISHED):
            specialist, leader = (users[name] for name in OFFICERS[commune])
            with clock.frozen(days.at(2 + 3 * n, 20)):
                sent = services.send(
                    user=users[asker],
                    category=category,
                    title=title,
                    content=question,
                    procedure=birth,
                    agency=agency_by_code(commune),
                )
            with clock.frozen(days.at(4 + 3 * n, 10)):
                services.answer(user=specialist, feedback=sent, text=answer)
            with clock.frozen(days.at(5 + 3 * n, 9)):
                services.publish(user=leader, feedback=sent)
        asker, commune, category, title, question = PENDING
        with clock.frozen(days.at(-1, 21)):
            services.send(
                user=users[asker],
                category=category,
                title=title,
                content=question,
                procedure=birth,
                agency=agency_by_code(commune),
            )
        with clock.frozen(returned.returned_at.astimezone(clock.VN_TZ).replace(hour=19, minute=30)):
            services.rate(
                user=users[HUNG],
                dossier=returned,
                scores=GOOD,
                comment="Cán bộ hướng dẫn tận tình, nhận kết quả đúng hẹn.",
            )
    return Feedback.objects.count() + Rating.objects.count()


def _usernames() -> set[str]:
    return {BINH, HUNG} | {name for pair in OFFICERS.values() for name in pair}
