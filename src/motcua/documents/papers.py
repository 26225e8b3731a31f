"""Official papers (Mẫu 01–07 and the result document): their templates and their PDFs.

Each kind prints from the administrator's `PaperTemplate` row when there is one, else from the
bundled file in `paper_templates/`. A template is checked before it is saved: it must render with
the kind's sample data (`paper_samples/<kind>.json`, which has the same keys as the real context
`dossiers.paperwork` builds) and lay out as a PDF. Templates receive plain data; the one value
not escaped is the receipt's QR code, an SVG this module builds (`qr_svg`).
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

import segno
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.documents.models import PaperKind, PaperTemplate
from motcua.documents.pdf import Box, render_html, render_pdf, render_pdf_with_anchors

TEMPLATES_DIR = Path(__file__).parent / "paper_templates"
SAMPLES_DIR = Path(__file__).parent / "paper_samples"

# The context keys whose address a paper prints as its QR code (`qr_svg`): the receipt's
# tracking page, the result's verification page.
QR_LINKS = ("tracking_url", "verify_url")


def bundled_template(kind: str) -> str:
    """The template shipped with the project for `kind`."""
    return (TEMPLATES_DIR / f"{_file_stem(kind)}.html").read_text(encoding="utf-8")


def template_text(kind: str) -> str:
    """The template `kind` prints from: the administrator's if saved, else the bundled one."""
    body = PaperTemplate.objects.filter(kind=PaperKind(kind)).values_list("body", flat=True).first()
    return body if body is not None else bundled_template(kind)


def sample_context(kind: str) -> dict[str, Any]:
    """Realistic sample data for `kind`, shaped like the real context (for previews and checks)."""
    return json.loads(_sample_text(PaperKind(kind).value))


def with_qr(context: dict[str, Any]) -> dict[str, Any]:
    """`context` and, when it carries a link a paper prints as a QR code, `qr_svg` drawn from
    it: contexts stay plain data (kept as JSON with an issued paper), the drawing is ours."""
    link = next((context[key] for key in QR_LINKS if context.get(key)), None)
    return {**context, "qr_svg": qr_svg(link)} if link else context


def qr_svg(text: str) -> SafeString:
    """`text` as an inline SVG QR code (error correction M), sized by the template's CSS."""
    # Safe to mark: segno's SVG draws `text` as modules and never contains the text itself.
    return mark_safe(segno.make(text, error="m").svg_inline(scale=4, border=2))


def render_paper(*, kind: str, context: dict[str, Any]) -> bytes:
    """The PDF of `kind` filled with `context`; ValidationFailed ("template_error") if the
    template does not render."""
    return render_pdf(render_html(template_text(kind), with_qr(context)))


def render_paper_with_anchors(
    *, kind: str, context: dict[str, Any]
) -> tuple[bytes, dict[str, tuple[int, Box]]]:
    """The PDF of `kind` and, for each element id of the template (at least `chu-ky`, the
    signature area, in the bundled templates of issued papers), its page index and its box
    `(x1, y1, x2, y2)` in PDF points from the bottom-left of that page."""
    return render_pdf_with_anchors(render_html(template_text(kind), with_qr(context)))


def check_template(*, kind: str, body: str) -> bytes:
    """The PDF `body` makes with `kind`'s sample data; ValidationFailed ("template_error", on
    `body`) with the reason when it does not render or does not lay out."""
    try:
        return render_pdf(render_html(body, with_qr(sample_context(kind))))
    except ValidationFailed:
        raise
    except Exception as exc:  # a filter's runtime error, or whatever WeasyPrint's parsers meet
        message = _("Mẫu văn bản có lỗi: %(error)s") % {"error": exc}
        raise ValidationFailed(message, code="template_error", fields={"body": [message]}) from exc


def save_paper_template(*, user: User, kind: str, body: str) -> PaperTemplate:
    """Save the administrator's template for `kind` once it renders with the sample data and
    lays out as a PDF; otherwise raise ValidationFailed and save nothing."""
    kind = PaperKind(kind).value
    check_template(kind=kind, body=body)
    with transaction.atomic():
        paper, created = PaperTemplate.objects.update_or_create(
            kind=kind, defaults={"body": body, "updated_at": clock.now(), "updated_by": user}
        )
        audit.record(
            action="paper_template.add" if created else "paper_template.change",
            actor=user,
            obj=paper,
            data={"kind": kind, "length": len(body)},
        )
    return paper


def reset_paper_template(*, user: User, kind: str) -> None:
    """Drop the administrator's template for `kind`: the bundled one prints again."""
    with transaction.atomic():
        paper = PaperTemplate.objects.filter(kind=PaperKind(kind).value).first()
        if paper is not None:
            audit.record(action="paper_template.reset", actor=user, obj=paper, data={"kind": kind})
            paper.delete()


def _file_stem(kind: str) -> str:
    value = PaperKind(kind).value
    return value if value == PaperKind.RESULT else f"mau-{value}"


@cache
def _sample_text(kind: str) -> str:
    return (SAMPLES_DIR / f"{kind}.json").read_text(encoding="utf-8")
