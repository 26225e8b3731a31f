"""Random action sequences against the test's own copy of the lifecycle table.

Each example files a fresh dossier online at commune A (owned by the citizen) and throws
actions at it, each by someone entitled to take it, so that only the status and the current
step decide: an action the table allows must succeed and lead where the table says; any other
must be refused with a Conflict. After every step the stored status, step and version agree
with the model.
"""

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

from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.models import Dossier
from tests.dossiers.helpers import act, at, online
from tests.dossiers.world import World

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
}
# The sample process for 1.001193 (src/motcua/workflow/sample/dang-ky-khai-sinh.json).
STEPS = {
    "tiep_nhan": {"receive", "refuse", "request_supplement", "accept_withdrawal", "forward"},
    "xu_ly": {
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


class Lifecycle(RuleBasedStateMachine):
    world: World

    @initialize()
    def file(self):
        with clock.frozen(NOW):
            self.dossier = online(self.world)
        self.status, self.step, self.resume = "submitted", None, None
        self.apologized, self.has_result, self.actions = False, False, 1

    def expected(self, action: str) -> bool:
        if self.status not in FROM[action]:
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

    def fields(self, action: str) -> dict:
        world = self.world
        if action in {"withdraw", "supply"}:
            user = world.citizen
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
        return fields

    @rule(action=st.sampled_from(sorted(FROM)))
    def take(self, action):
        allowed = self.expected(action)
        with clock.frozen(NOW):
            if not allowed:
                with pytest.raises(Conflict):
                    act(action, self.dossier, **self.fields(action))
                return
            act(action, self.dossier, **self.fields(action))
        self.actions += 1
        self.advance(action)

    def advance(self, action: str) -> None:
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

    @invariant()
    def stored_state_agrees(self):
        if not hasattr(self, "dossier"):
            return
        stored = Dossier.objects.select_related("current_step").get(pk=self.dossier.pk)
        assert stored.status == self.status
        assert (stored.current_step.key if stored.current_step else None) == self.step
        assert stored.version == self.actions == stored.events.count()
        assert (stored.code is not None) == (self.step is not None)


def test_random_action_sequences_follow_the_table(world):
    Lifecycle.world = world
    run_state_machine_as_test(
        Lifecycle,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
