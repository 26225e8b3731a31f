"""The processes an agency's procedures follow, read-only: each procedure with the agency's own
process and the province-wide default, and a version's diagram (SVG), steps, roles and times.
Processes are edited in the Django admin or imported (`import_process`)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from motcua.accounts.models import Role
from motcua.backoffice.administration.common import (
    administrator_required,
    agency_or_404,
    found_or_404,
)
from motcua.workflow.actions import Action
from motcua.workflow.content import content_of
from motcua.workflow.diagram import draw_process
from motcua.workflow.selectors import agency_process_version, agency_processes


@administrator_required
def processes(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    context = {"agency": agency, "section": "processes", "rows": agency_processes(agency)}
    return render(request, "backoffice/administration/processes.html", context)


@administrator_required
def process_version(request: HttpRequest, code: str, version_id: int) -> HttpResponse:
    agency = agency_or_404(request, code)
    version = found_or_404(agency_process_version, agency, version_id)
    content = content_of(version)
    labels = dict(Action.choices)
    steps = [
        {
            "step": step,
            "role": Role(step.role).label if step.role in Role.values else "",
            "actions": [labels.get(action, action) for action in step.actions],
        }
        for step in content.steps
    ]
    # The drawing escapes every text it holds (workflow/diagram.py).
    diagram = draw_process(content, title=str(version), is_default=version.process.is_default)
    context = {
        "agency": agency,
        "section": "processes",
        "version": version,
        "steps": steps,
        "diagram": mark_safe(diagram),
    }
    return render(request, "backoffice/administration/process_version.html", context)
