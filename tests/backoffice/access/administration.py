"""Access rows: see tests/backoffice/access/__init__.py."""

from tests.access import Row

ROWS: dict[str, Row] = {}
