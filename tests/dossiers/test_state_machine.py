"""Random action sequences against the test's own copy of the lifecycle table.

Each example files a fresh dossier online at commune A (owned by the citizen) and throws
actions at it, each by someone entitled to take it, so that only the status and the current
step decide: an action the table allows must succeed and lead where the table says; any other
must be refused with a Conflict. After every step the stored status, step and version agree
with the model.

The process is the sample with `consult` and `transfer` added to its first two steps: questions
go to the department (answered by its jurist) or to commune B, transfers to commune B (whose
leader then stands for the current unit and sends the dossier back). While another agency has
the dossier only `transfer_back`, `withdraw` and `apologize` succeed; while questions are open
the moving actions are refused. `answer` and `transfer_back` with nothing to answer or take back
are nobody's to take (nor `consult` and `transfer` before receipt), so any refusal will do
there.
"""

from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.core.errors import Conflict, DomainError
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import available_actions
from tests.dossiers.helpers import act, at, online
from tests.dossiers.world import World, build_world
from tests.factories import OfficerFactory, grant
from tests.workflow.builders import sample

NOW = at(3, 2, 9)  # Monday: the 1-day appointment is Tuesday 09:00, one working day away

FROM = {
    "receive": {"submitted"},
    "refuse": {"submitted"},
    "request_supplement": {"submitted", "received", "processing"},
    "supply": {"awaiting_supplement"},
    "forward": {"received", "processing"},
    "return_back": {"processing"},
    "assign": {"received", "processing"},
    "finish": {"processing"},
    "return_result": {"ready"},
    "stop": {"received", "processing"},
    "withdraw": {"submitted", "received", "processing"},
    "accept_withdrawal": {"withdrawal_requested"},
    "apologize": {"received", "processing"},
    "request_payment": {"received", "processing"},
    "confirm_payment": {"awaiting_payment"},
    "attach_result": {"processing"},
    "approve": {"processing"},
    "consult": {"received", "processing"},
    "answer": {"processing", "awaiting_supplement", "awaiting_payment", "withdrawal_requested"},
    "transfer": {"received", "processing"},
    "transfer_back": {"processing", "withdrawal_requested"},
}
TO = {
    "receive": "received",
    "refuse": "not_received",
    "request_supplement": "awaiting_supplement",
    "forward": "processing",
    "return_back": "processing",
    "finish": "ready",
    "return_result": "returned",
    "stop": "stopped",
    "withdraw": "withdrawal_requested",
    "accept_withdrawal": "withdrawn",
    "request_payment": "awaiting_payment",
    "consult": "processing",
    "transfer": "processing",
}
STEP_LISTED = {
    "request_supplement",
    "forward",
    "return_back",
    "finish",
    "return_result",
    "stop",
    "accept_withdrawal",
    "apologize",
    "request_payment",
    "attach_result",
    "approve",
    "consult",
    "transfer",
}
# Taken while another agency has the dossier; held until every question is answered.
WHILE_TRANSFERRED = {"transfer_back", "withdraw", "apologize"}
AFTER_CONSULTATIONS = {"forward", "return_back", "finish", "transfer", "approve"}
# The sample process for 1.001193 (src/motcua/workflow/sample/dang-ky-khai-sinh.json), with
# `consult` and `transfer` added to its first two steps (`liaison_process`).
STEPS = {
    "tiep_nhan": {
        "receive",
        "refuse",
        "request_supplement",
        "accept_withdrawal",
        "forward",
        "consult",
        "transfer",
    },
    "xu_ly": {
        "consult",
        "transfer",
        "request_supplement",
        "return_back",
        "stop",
        "accept_withdrawal",
        "attach_result",
        "apologize",
        "forward",
    },
    "phe_duyet": {"approve", "return_back", "apologize", "finish"},
    "tra_ket_qua": {"return_result"},
}
FORWARD = {"tiep_nhan": "xu_ly", "xu_ly": "phe_duyet"}
BACK = {"xu_ly": "tiep_nhan", "phe_duyet": "xu_ly"}
ASKED = ("department", "commune_b")


def liaison_process() -> dict[str, Any]:
    document = sample()
    for step in document["steps"]:
        if step["key"] in ("tiep_nhan", "xu_ly"):
            step["actions"] = [*step["actions"], "consult", "transfer"]
    return document


class Lifecycle(RuleBasedStateMachine):
    world: World
    jurist: User

    @initialize(start=st.sampled_from(("submitted", "tiep_nhan", "xu_ly")))
    def file(self, start):
        """File online; to reach the liaison actions sooner, some examples begin received, or
        at the specialist's step."""
        with clock.frozen(NOW):
            self.dossier = online(self.world)
        self.status, self.step, self.resume = "submitted", None, None
        self.apologized, self.has_result, self.actions = False, False, 1
        self.open: set[str] = set()
        self.transferred = False
        if start != "submitted":
            self.take_directly("receive")
        if start == "xu_ly":
            self.take_directly("forward")

    def take_directly(self, action: str) -> None:
        with clock.frozen(NOW):
            act(action, self.dossier, **self.fields(action))
        self.actions += 1
        self.advance(action)

    def expected(self, action: str, unit: str | None = None) -> bool:
        if self.status not in FROM[action]:
            return False
        if self.transferred and action not in WHILE_TRANSFERRED:
            return False
        if action == "transfer_back":
            return self.transferred
        if action == "answer":
            return bool(self.open)
        if action == "consult" and unit in self.open:
            return False  # that unit's answer is still awaited
        if action in AFTER_CONSULTATIONS and self.open:
            return False
        if action in STEP_LISTED and self.step is not None and action not in STEPS[self.step]:
            return False
        if action == "forward":
            return self.step in FORWARD
        if action == "return_back":
            return self.step in BACK
        if action == "apologize":
            return not self.apologized
        if action == "approve":
            return self.has_result
        return True

    def fields(self, action: str, unit: str | None = None) -> dict:
        world = self.world
        if action in {"withdraw", "supply"}:
            user = world.citizen
        elif action == "answer":
            user = world.leader_b if sorted(self.open)[:1] == ["commune_b"] else self.jurist
        elif action == "transfer_back" or (
            self.transferred and action in STEP_LISTED | {"assign", "stop", "apologize"}
        ):
            # The other agency's leader stands for the unit that has the dossier now.
            user = world.leader_b
        elif action in {"assign", "stop", "apologize", "approve"}:
            user = world.leader_a
        elif self.step is None or action in {"receive", "refuse", "confirm_payment"}:
            user = world.counter_a
        else:
            user = world.leader_a
        fields = {"user": user}
        if action in {"refuse", "return_back", "stop", "withdraw"}:
            fields["reason"] = "Lý do"
        if action == "request_supplement":
            fields |= {"missing": "Giấy chứng sinh", "reason": "Thiếu"}
        if action == "apologize":
            fields |= {"reason": "Cần xác minh", "new_appointment_at": at(3, 6, 16)}
        if action == "request_payment":
            fields |= {"amount": 50_000, "reason": "Lệ phí"}
        if action == "attach_result":
            fields["note"] = "Giấy khai sinh bản chính"
        if action == "assign":
            handlers = {"tiep_nhan": world.counter_a, "xu_ly": world.specialist_a}
            fields["handler"] = handlers.get(self.step, world.leader_a)
        if action == "consult":
            agencies = {"department": world.tree.department, "commune_b": world.tree.commune_b}
            fields |= {"unit": agencies[unit], "question": "Xin ý kiến"}
        if action == "answer":
            fields["answer"] = "Đồng ý"
        if action == "transfer":
            fields |= {"to_agency": world.tree.commune_b, "reason": "Liên thông"}
        if action == "transfer_back":
            fields["outcome"] = "Đã giải quyết phần liên thông"
        return fields

    @rule(action=st.sampled_from(sorted(FROM)), unit=st.sampled_from(ASKED))
    def take(self, action, unit):
        unit = unit if action == "consult" else None
        allowed = self.expected(action, unit)
        # Nobody may answer when nothing is asked, take back what was not sent, or consult and
        # transfer before a step has the dossier.
        nobodys = (
            (action == "answer" and not self.open)
            or (action == "transfer_back" and not self.transferred)
            or (action in {"consult", "transfer"} and self.step is None)
        )
        with clock.frozen(NOW):
            if not allowed:
                with pytest.raises(DomainError if nobodys else Conflict):
                    act(action, self.dossier, **self.fields(action, unit))
                return
            act(action, self.dossier, **self.fields(action, unit))
        self.actions += 1
        self.advance(action, unit)

    def advance(self, action: str, unit: str | None = None) -> None:
        if action in {"request_supplement", "request_payment"}:
            self.resume = self.status
        if action in {"supply", "confirm_payment"}:
            self.status = self.resume
        elif action in TO:
            self.status = TO[action]
        if action == "receive":
            self.step = "tiep_nhan"
        elif action == "forward":
            self.step = FORWARD[self.step]
        elif action == "return_back":
            self.step = BACK[self.step]
        elif action == "finish":
            self.step = "tra_ket_qua"
        elif action == "apologize":
            self.apologized = True
        elif action == "attach_result":
            self.has_result = True
        elif action == "consult":
            self.open.add(unit)
        elif action == "answer":
            self.open.remove(sorted(self.open)[0])
        elif action == "transfer":
            self.transferred = True
        elif action == "transfer_back":
            self.transferred = False

    @invariant()
    def stored_state_agrees(self):
        if not hasattr(self, "dossier"):
            return
        stored = Dossier.objects.select_related("current_step").get(pk=self.dossier.pk)
        assert stored.status == self.status
        assert (stored.current_step.key if stored.current_step else None) == self.step
        assert stored.version == self.actions == stored.events.count()
        assert (stored.code is not None) == (self.step is not None)
        assert stored.open_consultations == len(self.open)
        assert stored.consultations.filter(answered_at__isnull=True).count() == len(self.open)
        assert (stored.transferred_to_id is not None) == self.transferred
        if self.step is not None and self.step != "tra_ket_qua":
            other = self.world.tree.commune_b if self.transferred else self.world.tree.commune_a
            assert stored.current_unit == other

    @invariant()
    def open_work_holds_the_dossier(self):
        if not hasattr(self, "dossier"):
            return
        stored = Dossier.objects.get(pk=self.dossier.pk)
        with clock.frozen(NOW):
            if self.transferred:
                held = available_actions(self.world.leader_b, stored)
                assert set(held) <= WHILE_TRANSFERRED
                assert ("transfer_back" in held) == (self.status in FROM["transfer_back"])
            if self.open:
                assert not AFTER_CONSULTATIONS & set(available_actions(self.world.leader_a, stored))


def test_random_action_sequences_follow_the_table(db):
    world = build_world(liaison_process())
    jurist = OfficerFactory(full_name="Phan Thu Hà")
    grant(jurist, Role.SPECIALIST, world.tree.department)
    Lifecycle.world, Lifecycle.jurist = world, jurist
    run_state_machine_as_test(
        Lifecycle,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
