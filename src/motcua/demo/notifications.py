"""The demo's notification contacts: Trần Thị Bình follows the province's Zalo OA, so her
dossiers' news reach her by SMS, Zalo and e-mail. What the seed's dossier stories published is
sent by the running server (`make run`) through the simulators: see /_sim/thong-bao/ and, in the
back office, /can-bo/thong-bao/."""

from motcua.accounts.models import User
from motcua.notifications.services import link_zalo

ZALO_FOLLOWERS = {"099190001234": "8812345678901234567"}


def seed_notification_contacts() -> None:
    for username, zalo_user_id in ZALO_FOLLOWERS.items():
        user = User.objects.filter(username=username).first()
        if user is not None and not hasattr(user, "zalo_account"):
            link_zalo(user=user, zalo_user_id=zalo_user_id)
