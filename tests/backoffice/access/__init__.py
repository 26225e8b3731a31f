"""The back office's rows of the access table, one module per area (each area's author decides
who may reach its pages); tests/test_access_table.py checks them with the rest."""

from tests.backoffice.access import (
    administration,
    feedback,
    inbox,
    intake,
    notifications,
    payments,
    signin,
    signing,
)

ROWS = (
    signin.ROWS
    | inbox.ROWS
    | intake.ROWS
    | feedback.ROWS
    | administration.ROWS
    | signing.ROWS
    | notifications.ROWS
    | payments.ROWS
)
