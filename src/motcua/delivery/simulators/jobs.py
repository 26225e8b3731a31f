"""The simulator's periodic job: parcels move on by themselves, so the demo's shipments travel
(and notify) while nobody presses the simulator's buttons. Registered only when it is on."""

from motcua.delivery.simulators import post_office
from motcua.events.schedule import every


def register_jobs() -> None:
    every(30, "delivery.simulator_advance")(post_office.advance_due)
