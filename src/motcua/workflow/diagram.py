"""The process drawn as SVG, for the back office and the admin: built as a string, no libraries.

Steps are boxes (name, unit, role, time allowance) in columns by how many steps precede them on
the longest way from the first, so parallel branches stand side by side; forward edges are
arrows, consultations dashed boxes under the step that opens them, the end step has a double
border. Every text is escaped (and stripped of characters XML cannot hold), so a step named by an
administrator cannot inject markup into the page that shows the drawing.
"""

import re
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from motcua.accounts.models import Role
from motcua.agencies.models import Agency
from motcua.workflow.content import ProcessContent, StepContent, content_of
from motcua.workflow.models import ProcessVersion
from motcua.workflow.rules import forward_edges, hours_text

BOX_WIDTH = 230
CONSULTATION_WIDTH = 200
CONSULTATION_INDENT = BOX_WIDTH - CONSULTATION_WIDTH
LINE = 17
PADDING = 10
GAP_X = 70
GAP_Y = 30
MARGIN = 20
# Characters per line that fit the boxes at 13 px (about 7 px a character, bold a little more);
# longer texts are wrapped (names, two lines) or shortened with "…".
NAME_CHARS = 26
TEXT_CHARS = 30
CONSULTATION_CHARS = 25

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class _Box:
    x: int
    y: int
    height: int


def version_diagram(version: ProcessVersion) -> str:
    """The drawing of a stored version."""
    process = version.process
    return draw_process(content_of(version), title=str(version), is_default=process.is_default)


def draw_process(content: ProcessContent, *, title: str, is_default: bool) -> str:
    """An SVG document of `content`; `is_default` says how a step without a unit reads."""
    steps = content.steps
    edges = forward_edges(content)
    column: dict[str, int] = {}
    for step in steps:
        column.setdefault(step.key, 0)
        for target in edges.get(step.key, ()):
            column[target] = max(column.get(target, 0), column[step.key] + 1)
    boxes: dict[str, _Box] = {}
    parts: list[str] = []
    bottoms: dict[int, int] = {}
    for step in steps:
        if step.key in boxes:
            continue  # a repeated key (refused by the rules) is drawn once
        col = column[step.key]
        x = MARGIN + col * (BOX_WIDTH + GAP_X)
        y = bottoms.get(col, MARGIN)
        names = _name_lines(step)
        details = _step_lines(step, is_default=is_default)
        box = _Box(x, y, 2 * PADDING + LINE * (len(names) + len(details)))
        boxes[step.key] = box
        parts.append(_step(step, box, names=names, details=details))
        y += box.height
        for consultation in step.consultations:
            lines = [
                _("Xin ý kiến: %(name)s") % {"name": consultation.name},
                _unit_label(consultation.unit, is_default=is_default),
                _hours_label(consultation.allowance_hours),
            ]
            top = y + GAP_Y // 2
            height = 2 * PADDING + LINE * len(lines)
            parts.append(_consultation(lines, x + CONSULTATION_INDENT, top, height, box))
            y = top + height
        bottoms[col] = y + GAP_Y
    arrows = [
        _arrow(boxes[source], boxes[target])
        for source, targets in edges.items()
        for target in targets
        if source in boxes and target in boxes
    ]
    width = max((box.x + BOX_WIDTH for box in boxes.values()), default=0) + MARGIN
    height = max(bottoms.values(), default=MARGIN) - GAP_Y + MARGIN
    label = quoteattr(_clean(title))
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label={label} font-family="Arial, sans-serif" font-size="13">',
            f"<title>{_text(title)}</title>",
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
            '<path d="M 0 0 L 10 5 L 0 10 z" fill="#1f4e79"/></marker></defs>',
            *arrows,
            *parts,
            "</svg>",
        ]
    )


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _text(text: str) -> str:
    return escape(_clean(text))


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _name_lines(step: StepContent) -> list[str]:
    lines = textwrap.wrap(_clean(step.name), width=NAME_CHARS) or [step.key]
    if len(lines) > 2:
        lines = [lines[0], _shorten(" ".join(lines[1:]), NAME_CHARS)]
    return lines


def _step_lines(step: StepContent, *, is_default: bool) -> list[str]:
    lines = [
        _unit_label(step.unit, is_default=is_default),
        str(Role(step.role).label) if step.role in Role.values else _("Chưa có vai trò"),
        _hours_label(step.allowance_hours),
    ]
    if step.paper_handover:
        lines.append(_("Bàn giao hồ sơ giấy"))
    return [_shorten(line, TEXT_CHARS) for line in lines]


def _unit_label(unit: Agency | None, *, is_default: bool) -> str:
    if unit is not None:
        return unit.short_name or unit.name
    return _("Đơn vị của cơ quan giải quyết") if is_default else _("Chưa chọn đơn vị")


def _hours_label(hours: Decimal | None) -> str:
    if hours is None:
        return _("Chưa có thời gian")
    return _("%(hours)s giờ làm việc") % {"hours": hours_text(hours)}


def _lines(x: int, y: int, lines: list[str], *, bold: int = 0) -> str:
    """One <text> per line; the first `bold` lines in bold."""
    weight = ' font-weight="bold"'
    return "".join(
        f'<text x="{x + PADDING}" y="{y + PADDING + LINE * (index + 1) - 4}"'
        f"{weight if index < bold else ''}>{_text(line)}</text>"
        for index, line in enumerate(lines)
    )


def _step(step: StepContent, box: _Box, *, names: list[str], details: list[str]) -> str:
    rect = (
        f'<rect x="{box.x}" y="{box.y}" width="{BOX_WIDTH}" height="{box.height}" rx="6" '
        'fill="#f3f7fc" stroke="#1f4e79" stroke-width="1.5"/>'
    )
    if step.is_end:
        rect += (
            f'<rect x="{box.x + 3}" y="{box.y + 3}" width="{BOX_WIDTH - 6}" '
            f'height="{box.height - 6}" rx="4" fill="none" stroke="#1f4e79"/>'
        )
    return (
        f'<g class="step" data-key={quoteattr(_clean(step.key))}>{rect}'
        f"{_lines(box.x, box.y, names + details, bold=len(names))}"
        "</g>"
    )


def _consultation(lines: list[str], x: int, y: int, height: int, step_box: _Box) -> str:
    joint_x = step_box.x + CONSULTATION_INDENT // 2
    return (
        '<g class="consultation">'
        f'<path d="M {joint_x} {step_box.y + step_box.height} V {y + height // 2} H {x}" '
        'fill="none" stroke="#6b7c93" stroke-dasharray="5 4"/>'
        f'<rect x="{x}" y="{y}" width="{CONSULTATION_WIDTH}" height="{height}" rx="6" '
        'fill="#ffffff" stroke="#6b7c93" stroke-dasharray="5 4"/>'
        f"{_lines(x, y, [_shorten(line, CONSULTATION_CHARS) for line in lines])}"
        "</g>"
    )


def _arrow(source: _Box, target: _Box) -> str:
    x1, y1 = source.x + BOX_WIDTH, source.y + min(source.height // 2, 40)
    x2, y2 = target.x, target.y + min(target.height // 2, 40)
    bend = max((x2 - x1) // 2, 30)
    return (
        f'<path class="edge" d="M {x1} {y1} C {x1 + bend} {y1} {x2 - bend} {y2} {x2} {y2}" '
        'fill="none" stroke="#1f4e79" stroke-width="1.5" marker-end="url(#arrow)"/>'
    )
