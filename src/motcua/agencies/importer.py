"""Importing the agency tree from JSON (the format: docs/formats/agency-tree.md).

Every node is checked first (`tree_reading`), and only a file without a single rejection is
written, in one transaction, through the services. Units are matched by code (or by a former
code, which means the unit got a new code), so importing the same file again changes nothing.
Keys a node leaves out keep their stored values; nothing is ever deleted: a reorganisation is
written with `effective_to` and `successor`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction

from motcua.agencies import services
from motcua.agencies.models import Agency
from motcua.agencies.tree_reading import Rejection, TreeNode, read_tree
from motcua.core.errors import DomainError

__all__ = ["ImportReport", "Rejection", "import_tree"]


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected


class _Rejected(Exception):
    def __init__(self, rejection: Rejection) -> None:
        super().__init__(str(rejection))
        self.rejection = rejection


def import_tree(data: object, *, dry_run: bool = False) -> ImportReport:
    """Import a document `{"parent"?: code, "tree": node}`; with `dry_run` nothing is kept."""
    document = read_tree(data)
    report = ImportReport(rejected=document.rejections, dry_run=dry_run)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            _write(document.nodes, top_parent=document.parent, report=report)
            if dry_run:
                # A rehearsal: everything checked and written, then rolled back.
                transaction.set_rollback(True)
    except _Rejected as exc:
        report.created.clear()
        report.updated.clear()
        report.unchanged.clear()
        report.rejected.append(exc.rejection)
    return report


def _write(nodes: list[TreeNode], *, top_parent: Agency | None, report: ImportReport) -> None:
    written: dict[str, Agency] = {}
    for node in nodes:
        parent = written[node.parent.code] if node.parent else top_parent
        with _rejecting(node):
            if node.existing is None:
                agency = services.create_agency(code=node.code, parent=parent, **node.values)
                _record_former_codes(node, agency)
                report.created.append(node.code)
            else:
                agency = node.existing
                changed = _apply(node, agency, parent)
                changed |= _record_former_codes(node, agency)
                (report.updated if changed else report.unchanged).append(node.code)
        written[node.code] = agency
    # Successors last: a unit may name one that comes later in the file.
    for node in nodes:
        if not node.has_successor:
            continue
        agency = written[node.code]
        successor = written.get(node.successor) or (
            Agency.objects.get(code=node.successor) if node.successor else None
        )
        if agency.successor_id == getattr(successor, "pk", None):
            continue
        with _rejecting(node, field_name="successor"):
            services.update_agency(agency=agency, data={"successor": successor})
        if node.code in report.unchanged:
            report.unchanged.remove(node.code)
            report.updated.append(node.code)


def _apply(node: TreeNode, agency: Agency, parent: Agency | None) -> bool:
    """Bring a stored unit in line with its node: code, place, then fields."""
    changed = False
    if node.renamed_from is not None:
        services.change_code(
            agency=agency,
            new_code=node.code,
            effective=node.renamed_from.valid_until + timedelta(days=1),
            note=node.renamed_from.note,
        )
        changed = True
    if agency.parent_id != getattr(parent, "pk", None):
        services.move_agency(agency=agency, parent=parent, level=node.values["level"])
        changed = True
    differences = {
        name: value for name, value in node.values.items() if getattr(agency, name) != value
    }
    if differences:
        services.update_agency(agency=agency, data=differences)
        changed = True
    return changed


def _record_former_codes(node: TreeNode, agency: Agency) -> bool:
    stored = {row.code: row for row in agency.former_codes.all()}
    changed = False
    for entry in node.former_codes:
        row = stored.get(entry.code)
        if (
            row is not None
            and row.valid_until == entry.valid_until
            and entry.note in ("", row.note)
        ):
            continue
        services.record_former_code(
            agency=agency, code=entry.code, valid_until=entry.valid_until, note=entry.note
        )
        changed = True
    return changed


@contextmanager
def _rejecting(node: TreeNode, *, field_name: str = "") -> Iterator[None]:
    """Turns a refusal from a service into the node's rejection (which rolls the import back)."""
    try:
        yield
    except DomainError as exc:
        field_name = field_name or next(iter(exc.fields), "")
        raise _Rejected(Rejection(node.where, field_name, exc.message)) from exc
