"""The demo's result sent by post: Nguyễn Văn Hùng asked for his birth extract by post; the desk
of Xã Tân Phú handed it to the post and the parcel is on its way.

`make run` seeds before the server listens, so the parcel is booked with the postal simulator
in-process (`post_office.accept`, what its API does) and the desk records the tracking number
and fee the simulator gave, as it would after booking at the post office's counter. Once the
server runs, the simulator moves the parcel on by itself and notifies the server, signed, as a
carrier would: the citizen's page shows it travel.
"""

from motcua.core import clock
from motcua.delivery import services as delivery
from motcua.delivery.contrib.http_generic.plugin import callback_url
from motcua.delivery.simulators import post_office
from motcua.demo.casting import HUNG, Cast, Days, act, online
from motcua.demo.stories import _to_leader

ADDRESS = "Thôn Đông, xã Tân Phú, tỉnh An Hòa (gửi bưu điện văn hóa xã)"


def returned_by_post(cast: Cast, days: Days) -> None:
    """Filed online three working days ago with the result by post, signed and handed to the
    post the same day."""
    dossier = online(cast, days.at(-3, 8), HUNG["id_number"], delivery_address=ADDRESS)
    act(dossier, days.at(-3, 9), "receive", cast["motcua.tanphu"])
    _to_leader(cast, dossier, lambda i: days.at(-3, 9, 30 + 20 * i), "tanphu")
    act(dossier, days.at(-3, 10, 30), "finish", cast["ld.tanphu"])
    dossier.refresh_from_db()
    with clock.frozen(days.at(-3, 14)):
        parcel = post_office.accept(
            order_code=f"{dossier.code}-1",
            receiver_name=HUNG["name"],
            receiver_phone=HUNG["phone"],
            receiver_address=ADDRESS,
            sender_name=dossier.return_agency.name,
            content=f"Kết quả giải quyết hồ sơ {dossier.code}",
            callback_url=callback_url(),
        )
        delivery.return_by_post(
            user=cast["motcua.tanphu"],
            dossier=dossier,
            expected_version=dossier.version,
            recipient=HUNG["name"],
            phone=HUNG["phone"],
            address=ADDRESS,
            fee=parcel.fee,
            tracking_number=parcel.tracking_number,
        )
