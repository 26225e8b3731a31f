"""A small province with the sample birth-registration process, and officers of two communes.

Everything is built with the clock at SETUP (so the procedure and the process apply from then);
tests move the clock to the instants they need.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua.accounts.models import Role, User, UserKind
from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.workflow.importer import import_process
from tests.factories import OfficerFactory, ProvinceTree, UserFactory, grant, province_tree
from tests.workflow.builders import procedure, sample

SETUP = datetime(2026, 1, 5, 8, 0, tzinfo=clock.VN_TZ)  # a Monday


@dataclass
class World:
    tree: ProvinceTree
    birth: Procedure
    counter_a: User
    specialist_a: User
    leader_a: User
    counter_b: User
    leader_b: User
    citizen: User
    other_citizen: User


def with_payment() -> dict[str, Any]:
    """The sample process whose intake and processing steps also list `request_payment`."""
    document = sample()
    for step in document["steps"]:
        if step["key"] in ("tiep_nhan", "xu_ly"):
            step["actions"] = [*step["actions"], "request_payment"]
    return document


DEPARTMENT = "000.00.12.H99"  # Sở Tư pháp in tests.factories.province_tree
QUESTION = "Xin ý kiến Sở Tư pháp về quốc tịch của trẻ"


def with_liaison(consultations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The sample process whose `xu_ly` also lists `consult` and `transfer` and declares
    `consultations` (by default one question to the department, 2 working hours)."""
    document = sample()
    declared = (
        consultations
        if consultations is not None
        else [{"name": QUESTION, "unit": DEPARTMENT, "allowance_hours": 2}]
    )
    for step in document["steps"]:
        if step["key"] == "xu_ly":
            step["actions"] = [*step["actions"], "consult", "transfer"]
            step["consultations"] = declared
    return document


def jurist_of(world: World) -> User:
    """A specialist of the department, who answers what the department is asked."""
    jurist = OfficerFactory(full_name="Phan Thu Hà", title="Chuyên viên Sở Tư pháp")
    grant(jurist, Role.SPECIALIST, world.tree.department)
    return jurist


def build_world(process: dict[str, Any] | None = None) -> World:
    """The world with the sample process, or with `process` (a process document) instead."""
    with clock.frozen(SETUP):
        tree = province_tree()
        birth = procedure()
        report = import_process(process or sample())
        assert report.ok, report.rejected
    counter_a = OfficerFactory(full_name="Hoàng Thị Mai", title="Công chức Một cửa")
    specialist_a = OfficerFactory(full_name="Vũ Đức Thắng", title="Công chức Tư pháp")
    leader_a = OfficerFactory(full_name="Bùi Văn Sơn", title="Phó Chủ tịch UBND")
    counter_b = OfficerFactory(full_name="Đặng Thị Ngọc")
    leader_b = OfficerFactory(full_name="Lý Văn Cường")
    grant(counter_a, Role.COUNTER_OFFICER, tree.commune_a_desk)
    grant(specialist_a, Role.SPECIALIST, tree.commune_a_division)
    grant(leader_a, Role.LEADER, tree.commune_a)
    grant(counter_b, Role.COUNTER_OFFICER, tree.commune_b_desk)
    grant(leader_b, Role.LEADER, tree.commune_b)
    return World(
        tree=tree,
        birth=birth,
        counter_a=counter_a,
        specialist_a=specialist_a,
        leader_a=leader_a,
        counter_b=counter_b,
        leader_b=leader_b,
        citizen=UserFactory(full_name="Trần Thị Bình", kind=UserKind.CITIZEN),
        other_citizen=UserFactory(full_name="Nguyễn Văn Hùng", kind=UserKind.CITIZEN),
    )
