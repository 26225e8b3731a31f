"""Short ways to send feedback and bring a dossier to its result in the feedback tests."""

from motcua.dossiers.models import Dossier
from motcua.feedback import services
from motcua.feedback.models import Category, Feedback
from tests.dossiers.helpers import act, online
from tests.dossiers.world import World


def send(world: World, **changes) -> Feedback:
    """Bình's question about the birth registration to commune A."""
    values = {
        "user": world.citizen,
        "category": Category.QUESTION,
        "title": "Thời hạn cấp giấy khai sinh",
        "content": "Tôi nộp hồ sơ khai sinh cho con trực tuyến thì bao lâu có kết quả?",
        "procedure": world.birth,
        "agency": world.tree.commune_a,
    }
    values.update(changes)
    return services.send(**values)


def finished(world: World) -> Dossier:
    """Bình's online filing at commune A, received, processed and finished (result ready)."""
    dossier = online(world)
    act("receive", dossier, user=world.counter_a)
    act("forward", dossier, user=world.counter_a)
    act("forward", dossier, user=world.specialist_a)
    return act("finish", dossier, user=world.leader_a)
