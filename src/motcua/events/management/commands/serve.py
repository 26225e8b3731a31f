"""`motcua serve [--addr 127.0.0.1] [--port 8000]`: the web server in the foreground, and in the
embedded mode (no `REDIS_URL`) the outbox dispatcher and periodic jobs in a thread beside it.

With Redis, deliveries and periodic jobs belong to the Celery worker and beat, which run as
processes of their own. Ctrl-C (or SIGTERM) stops the server, then the dispatcher after its
current delivery; a delivery cut short is retried by the next sweep.
"""

import logging
import signal

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.events import dispatcher

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = _(
        "Chạy máy chủ web; khi không có Redis, chạy cả bộ chuyển giao sự kiện và việc định kỳ."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--addr", default="127.0.0.1", help=_("Địa chỉ lắng nghe"))
        parser.add_argument("--port", type=int, default=8000, help=_("Cổng lắng nghe"))

    def handle(self, *args, addr: str, port: int, **options) -> None:
        if dispatcher.uses_celery():
            logger.info(
                "REDIS_URL is set: outbox deliveries and periodic jobs are left to Celery "
                "(run `celery -A motcua.config.celery worker -B`)"
            )
            self._runserver(addr, port)
            return
        logger.info("embedded mode: the outbox dispatcher and periodic jobs run in this process")
        # SIGTERM (a supervisor, `kill`) ends the server the way Ctrl-C does, so the dispatcher
        # is stopped in order rather than cut off.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        dispatcher.start_embedded()
        try:
            self._runserver(addr, port)
        finally:
            # A second signal (make passes its own on to us; an impatient Ctrl-C) must not cut
            # the orderly stop short; it is bounded by the dispatcher's timeout anyway.
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if dispatcher.stop_embedded():
                logger.info("the outbox dispatcher stopped")
            else:
                logger.warning("the outbox dispatcher was still delivering; the sweep will retry")

    def _runserver(self, addr: str, port: int) -> None:
        host = f"[{addr}]" if ":" in addr else addr
        call_command("runserver", f"{host}:{port}", use_reloader=False)
