"""Reading an agency-tree document (docs/formats/agency-tree.md) and checking every node in it.

Nothing is written here. `read_tree` answers the nodes in pre-order (each parent before its
children), matched against the stored units, or every rejection found in one pass: fields by the
model's own validators, places by `structure`, codes against the file and the database.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency, AgencyCode
from motcua.agencies.structure import (
    DESCRIPTIVE_FIELDS,
    default_level,
    hours_errors,
    placement_errors,
)

# Keys of a node that map one-to-one onto model fields.
FIELD_KEYS = DESCRIPTIVE_FIELDS
NODE_KEYS = frozenset({"code", *FIELD_KEYS, "former_codes", "successor", "children"})
DOCUMENT_KEYS = frozenset({"tree", "parent"})
REQUIRED_KEYS = ("code", "name", "kind")


@dataclass(frozen=True)
class Rejection:
    node: str  # the node's code, or its position in the file when it has no usable code
    field: str
    message: str

    def __str__(self) -> str:
        where = " · ".join(part for part in (self.node, self.field) if part)
        return f"{where}: {self.message}" if where else self.message


@dataclass
class FormerCode:
    code: str
    valid_until: date
    note: str


@dataclass
class TreeNode:
    """One node of the file, checked; `existing` is the stored unit it describes, if any."""

    where: str
    code: str
    parent: "TreeNode | None"
    values: dict[str, Any]  # model field → value, only the keys the file gives (and the level)
    former_codes: list[FormerCode]
    successor: str | None
    has_successor: bool
    existing: Agency | None = None
    renamed_from: FormerCode | None = None  # the stored unit's code, which the file makes former


@dataclass
class TreeDocument:
    nodes: list[TreeNode] = field(default_factory=list)
    parent: Agency | None = None
    rejections: list[Rejection] = field(default_factory=list)


def read_tree(data: object) -> TreeDocument:
    """The document's nodes, checked; with any rejection the nodes are not to be written."""
    reader = _Reader()
    reader.read(data)
    return reader.document


class _Reader:
    def __init__(self) -> None:
        self.document = TreeDocument()
        self.nodes = self.document.nodes

    @property
    def ok(self) -> bool:
        return not self.document.rejections

    def reject(self, node: str, field_name: str, message: str) -> None:
        self.document.rejections.append(Rejection(node=node, field=field_name, message=message))

    def read(self, data: object) -> None:
        if not isinstance(data, Mapping) or not isinstance(data.get("tree"), Mapping):
            self.reject("", "", _('Tệp phải là một đối tượng JSON có khóa "tree" là đơn vị gốc.'))
            return
        for key in _unknown(data, DOCUMENT_KEYS):
            self.reject("", key, _("Khóa không được hỗ trợ ở đầu tệp."))
        self.document.parent = self._document_parent(data.get("parent"))
        self._read_node(data["tree"], where="tree", parent=None)
        if self.ok:
            self._check_codes()
        if self.ok:
            self._check_places(self.document.parent)

    def _document_parent(self, code: object) -> Agency | None:
        if code is None:
            return None
        parent = Agency.objects.filter(code=code).first() if isinstance(code, str) else None
        if parent is None:
            self.reject("", "parent", _("Không có đơn vị mang mã %(code)s.") % {"code": code})
        return parent

    def _read_node(self, raw: object, *, where: str, parent: TreeNode | None) -> None:
        if not isinstance(raw, Mapping):
            self.reject(where, "", _("Mỗi đơn vị là một đối tượng JSON."))
            return
        code = raw.get("code")
        where = code if isinstance(code, str) and code else where
        before = len(self.document.rejections)
        for key in _unknown(raw, NODE_KEYS):
            self.reject(where, key, _("Khóa không được hỗ trợ."))
        values = self._field_values(raw, where)
        former_codes = self._former_codes(raw.get("former_codes", []), where)
        successor = raw.get("successor")
        if successor is not None and not isinstance(successor, str):
            self.reject(where, "successor", _("Ghi mã định danh của đơn vị kế thừa."))
        elif successor is not None and successor == code:
            self.reject(where, "successor", _("Đơn vị kế thừa không thể là chính nó."))
        children = raw.get("children", [])
        if not isinstance(children, list):
            self.reject(where, "children", _("Ghi danh sách các đơn vị trực thuộc."))
            children = []
        node = None
        if len(self.document.rejections) == before:
            node = TreeNode(
                where=where,
                code=code,
                parent=parent,
                values=values,
                former_codes=former_codes,
                successor=successor,
                has_successor="successor" in raw,
            )
            self.nodes.append(node)
        # The children of a rejected node are read all the same, so one run reports every problem.
        for index, child in enumerate(children):
            self._read_node(child, where=f"{where} › children[{index}]", parent=node)

    def _field_values(self, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        """The node's fields, converted and checked by the model's own field validators."""
        values = {key: raw[key] for key in FIELD_KEYS if key in raw}
        probe = Agency(code=raw.get("code") or "", **values)
        checked = {*REQUIRED_KEYS, *values}
        try:
            probe.clean_fields(
                exclude={f.name for f in Agency._meta.fields if f.name not in checked}
                | {"desk_hours", "working_periods"}
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                self.reject(where, name, " ".join(messages))
        errors = hours_errors(
            working_periods=values.get("working_periods", []),
            desk_hours=values.get("desk_hours", {}),
        )
        for name, messages in errors.items():
            self.reject(where, name, " ".join(messages))
        return {key: getattr(probe, key) for key in values}

    def _former_codes(self, raw: object, where: str) -> list[FormerCode]:
        if not isinstance(raw, list):
            self.reject(where, "former_codes", _("Ghi danh sách mã cũ."))
            return []
        former_codes = []
        for entry in raw:
            if not isinstance(entry, Mapping):
                self.reject(where, "former_codes", _('Mỗi mã cũ ghi dạng {"code", "valid_until"}.'))
                continue
            probe = AgencyCode(
                code=entry.get("code") or "",
                valid_until=entry.get("valid_until"),
                note=entry.get("note") or "",
            )
            try:
                probe.clean_fields(exclude={"agency"})
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    self.reject(where, f"former_codes.{name}", " ".join(messages))
                continue
            former_codes.append(FormerCode(probe.code, probe.valid_until, probe.note))
        return former_codes

    def _check_codes(self) -> None:
        """Codes are unique across the file, and match what the database knows of them."""
        seen: dict[str, str] = {}
        for node in self.nodes:
            for code, field_name in _codes_of(node):
                if code in seen:
                    self.reject(
                        node.where,
                        field_name,
                        _("Mã %(code)s đã xuất hiện ở %(other)s.")
                        % {"code": code, "other": seen[code]},
                    )
                seen.setdefault(code, node.where)
        if not self.ok:
            return
        current = Agency.objects.in_bulk(list(seen), field_name="code")
        former = {
            row.code: row
            for row in AgencyCode.objects.filter(code__in=seen).select_related("agency")
        }
        for node in self.nodes:
            self._match(node, current=current, former=former)

    def _match(
        self, node: TreeNode, *, current: dict[str, Agency], former: dict[str, AgencyCode]
    ) -> None:
        node.existing = current.get(node.code)
        if node.code in former:
            row = former[node.code]
            self.reject(
                node.where,
                "code",
                _("Mã %(code)s là mã cũ (dùng đến %(day)s) của đơn vị nay mang mã %(current)s.")
                % {
                    "code": node.code,
                    "day": row.valid_until.strftime("%d/%m/%Y"),
                    "current": row.agency.code,
                },
            )
        renamed = [entry for entry in node.former_codes if entry.code in current]
        if node.existing is None and len(renamed) == 1:
            node.existing, node.renamed_from = current[renamed[0].code], renamed[0]
        elif renamed:
            self.reject(
                node.where,
                "former_codes",
                _("Các mã cũ %(codes)s đang là mã hiện hành của đơn vị khác.")
                % {"codes": ", ".join(entry.code for entry in renamed)},
            )
        for code in (entry.code for entry in node.former_codes):
            row = former.get(code)
            if row is not None and row.agency_id != getattr(node.existing, "pk", None):
                self.reject(
                    node.where,
                    "former_codes",
                    _("Mã %(code)s là mã cũ của đơn vị %(other)s.")
                    % {"code": code, "other": row.agency.code},
                )

    def _check_places(self, top_parent: Agency | None) -> None:
        """Each node fits under its parent, with the level its kind and parent give it."""
        known = {node.code for node in self.nodes}
        outside = Agency.objects.in_bulk(
            [
                node.successor
                for node in self.nodes
                if node.successor and node.successor not in known
            ],
            field_name="code",
        )
        if top_parent is not None and top_parent.code in known:
            self.reject("", "parent", _("Đơn vị cấp trên của cây không được có trong tệp."))
        for node in self.nodes:
            parent_kind, parent_level = (
                (node.parent.values["kind"], node.parent.values["level"])
                if node.parent
                else (getattr(top_parent, "kind", None), getattr(top_parent, "level", None))
            )
            node.values["level"] = self._level(node, parent_kind, parent_level)
            errors = placement_errors(
                kind=node.values["kind"],
                level=node.values["level"],
                parent_kind=parent_kind,
                parent_level=parent_level,
            )
            for name, messages in errors.items():
                self.reject(node.where, name, " ".join(messages))
            if node.successor and node.successor not in known and node.successor not in outside:
                self.reject(
                    node.where,
                    "successor",
                    _("Không có đơn vị mang mã %(code)s.") % {"code": node.successor},
                )

    @staticmethod
    def _level(node: TreeNode, parent_kind: str | None, parent_level: str | None) -> str:
        """The level written in the file, else the stored one where it still fits, else derived."""
        if node.values.get("level"):
            return node.values["level"]
        existing = node.existing
        if existing is not None and not placement_errors(
            kind=node.values["kind"],
            level=existing.level,
            parent_kind=parent_kind,
            parent_level=parent_level,
        ):
            return existing.level
        return default_level(node.values["kind"], parent_level) or ""


def _unknown(raw: Mapping[str, Any], allowed: frozenset[str]) -> Iterator[str]:
    """Keys outside `allowed`; keys starting with "_" are comments and pass."""
    return (key for key in raw if key not in allowed and not str(key).startswith("_"))


def _codes_of(node: TreeNode) -> Iterator[tuple[str, str]]:
    yield node.code, "code"
    for entry in node.former_codes:
        yield entry.code, "former_codes"
